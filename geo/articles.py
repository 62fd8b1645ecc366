"""Reading a corpus of articles into dated documents (the first pipeline stage).

A corpus is a list of files and directories. Each ``.txt`` or ``.md`` file holds one article, or,
for an archive page (a tag or category page of a blog), several articles each introduced by a date
line. Every article becomes a :class:`geo.models.Document` with a stable id (the file stem, plus
``#N`` for the N-th article of an archive), its publication date and where that date came from.

How the publication date is found, in order of precedence:

1. A manifest row (``manifest.csv`` beside the files, or one given explicitly) with a ``published``
   date sets it, ``date_source="manifest"``.
2. Otherwise the first date among the article's first :data:`HEADER_LINES` non-blank lines, either
   a line holding only a date (``2017-09-05``, ``March 03, 2017``, ``Nov. 8, 2016``,
   ``13 November, 2017``, ``Tuesday 25 August 2020``, optionally after ``Published:`` or
   ``Posted on``, optionally followed by a time), or a wire dateline carrying a full date
   (``BEIRUT, Nov. 13, 2017 (Reuters) -``), gives ``date_source="text"``. Only explicit formats
   are accepted (no guessing from relative words), and years outside 1990-2100 are ignored.
3. Otherwise the document is kept undated (``date_source="none"``) and reported as a problem.

Bad input never stops the run: an empty, binary or non-UTF-8 file, a directory without articles,
a malformed manifest row, each becomes a :class:`geo.errors.Problem` naming the file (and line and
field), and everything else is still read. The lower-level readers :func:`read_text_file` and
:func:`read_manifest` raise :class:`geo.errors.ArticleError` / :class:`geo.errors.ManifestError`
instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from geo.chronicles import chronicle_documents, is_chronicle
from geo.errors import ArticleError, Problem
from geo.manifest import (
    ARTICLE_SUFFIXES,
    MANIFEST_ALIASES,
    MANIFEST_COLUMNS,
    MANIFEST_NAME,
    SAFE_DOC_ID,
    ManifestRow,
    _ManifestFailure,
    checked_date,
    parse_manifest,
    read_manifest,
)
from geo.models import Document

__all__ = [
    "ARTICLE_SUFFIXES",
    "HEADER_LINES",
    "MANIFEST_ALIASES",
    "MANIFEST_COLUMNS",
    "MANIFEST_NAME",
    "MAX_DOCUMENT_CHARS",
    "SAFE_DOC_ID",
    "ArticleInfo",
    "ManifestRow",
    "decode_article",
    "load_documents",
    "parse_article",
    "parse_date_line",
    "parse_manifest",
    "read_manifest",
    "read_text_file",
    "split_articles",
    "split_long",
]

HEADER_LINES = 12
"""How many non-blank lines at the top of an article are searched for its date and title."""
MIN_ARTICLE_WORDS = 30
"""Words a date line must be followed by (before the next date line) to start an archive article."""
TITLE_MAX_CHARS = 100
"""Length a title taken from an article's first sentence is trimmed to."""
#: The longest text read as one document (about 150,000 words, a long book). A longer article
#: is cut into parts (:func:`split_long`) so that the memory extraction needs stays bounded.
MAX_DOCUMENT_CHARS = 1_000_000

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)\.?,?\s+"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_COMMA = r"[,،]?"  # SANA writes an Arabic comma: "19 November، 2017"
_DATE = (
    rf"(?:{_WEEKDAY})?"
    rf"(?:(?P<iso>\d{{4}}(?P<sep>[-/])\d{{1,2}}(?P=sep)\d{{1,2}})"
    rf"|(?P<mdy>{_MONTH}\s+\d{{1,2}}{_ORDINAL}{_COMMA}\s+\d{{4}})"
    rf"|(?P<dmy>\d{{1,2}}{_ORDINAL}\s+(?:of\s+)?{_MONTH}{_COMMA}\s+\d{{4}}))"
)
_TIME = (
    r"(?:(?:T|\s*(?:[,|•·-]|at)?\s*)\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?"
    r"(?:\s*(?:Z|[A-Z]{2,4}|[+-]\d{2}:?\d{2}))?)?"
)
_DATE_LINE = re.compile(
    rf"(?:(?:first\s+)?(?:published|posted|dated|date)(?:\s+on)?\s*:?\s*)?{_DATE}{_TIME}",
    re.IGNORECASE,
)
# A wire dateline with a full date: "BEIRUT, Nov. 13, 2017 (Reuters) -".
_DATELINE = re.compile(
    rf"(?-i:[A-Z])[^\n,.]{{1,40}},(?:[^\n,.]{{1,30}},)?\s*{_DATE}\s*(?:\([^()\n]{{1,30}}\))?"
    r"\s*[-–—:]",
    re.IGNORECASE,
)
# A dateline without a date standing on its own line: "Ain Issa, Syria (AFP)".
_DATELINE_ONLY = re.compile(r"[A-Z][^.!?\n]{0,60}\((?:[A-Z][A-Za-z]*\.?\s?){1,3}\)\s*[-–—]?")
# A dateline at the head of a paragraph: "DAMASCUS – ", "BEIRUT (AP) — ".
_LEADING_DATELINE = re.compile(r"[A-Z][A-Z .'’-]{1,40}(?:\([A-Za-z]+\))?\s*[-–—]\s+")
_BYLINE = re.compile(r"by\s+\S", re.IGNORECASE)
# Page furniture that is neither a headline nor part of an article's text.
_CHROME = re.compile(
    r"(?:latest|breaking(?: news)?|advertisements?|related(?: posts| articles)?|share(?: this)?:?"
    r"|\d+\s+min(?:ute)?s?\s+read|read more|no comments:?|comments?|leave a reply"
    r"|recommended for you|(?:tag|category|author|monthly|yearly|daily)\s+archives?\s*:.*"
    r"|archives?\s*:.*)",
    re.IGNORECASE,
)
_SOURCE = re.compile(r"\s*source\s*:\s*(?P<value>.+?)\s*", re.IGNORECASE)
_LINK = re.compile(r"\s*(?:link|url)\s*:\s*(?P<value>\S+)\s*", re.IGNORECASE)
_TRAILER = re.compile(r"\s*(?:source|link|url)\s*:", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_MARKUP = re.compile(r"^(?:#{1,6}\s+|>\s*)|[*_`]+")
_YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True)
class ArticleInfo:
    """What the text of one article says about itself.

    Attributes:
        published: Publication date from the header or dateline, or ``None``.
        title: Headline, or the first sentence trimmed when there is no headline.
        outlet: The ``Source: ...`` line, without a final full stop.
        url: The ``Link: ...`` line, without a final full stop or spaces.
    """

    published: date | None
    title: str | None
    outlet: str | None
    url: str | None


# ---------------------------------------------------------------------------- reading files


def _decode(data: bytes, name: str) -> str | Problem:
    if not data.strip():
        return Problem(name, None, None, "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Problem(name, None, None, "UTF-16 text; save it as UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        return Problem(name, None, None, f"binary file (NUL byte at offset {nul}), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
        return Problem(name, line, None, f"not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return Problem(name, None, None, "empty file")
    return text


def decode_article(data: bytes, name: str = "<bytes>") -> str:
    """Decode the bytes of an article file as UTF-8 text.

    A byte-order mark is dropped and line ends become newlines.

    Args:
        data: The file's bytes.
        name: The file name used in error messages.

    Returns:
        The text.

    Raises:
        ArticleError: The bytes are empty (or only whitespace), binary (hold a NUL byte), UTF-16,
            or not valid UTF-8; the message names the file (and line for a bad byte).
    """
    result = _decode(data, name)
    if isinstance(result, Problem):
        raise ArticleError(str(result))
    return result


def _read(path: Path, name: str) -> str | Problem:
    try:
        data = path.read_bytes()
    except OSError as error:
        return Problem(name, None, None, f"cannot read: {error.strerror or error}")
    return _decode(data, name)


def read_text_file(path: Path | str) -> str:
    """Read one article file as text; see :func:`decode_article`.

    Raises:
        ArticleError: The file cannot be read, is empty, binary or not UTF-8.
    """
    result = _read(Path(path), str(path))
    if isinstance(result, Problem):
        raise ArticleError(str(result))
    return result


# ---------------------------------------------------------------------------- dates


def _clean(line: str) -> str:
    """A line without markdown emphasis, heading marks and surrounding space."""
    return _MARKUP.sub("", line).strip(" \t\xa0")


def _date_from(match: re.Match[str]) -> date | None:
    if match["iso"]:
        year, month, day = (int(part) for part in re.findall(r"\d+", match["iso"]))
    else:
        text = match["mdy"] or match["dmy"]
        word = re.search(r"[A-Za-z]{3,}", re.sub(r"\bof\b", "", text))
        numbers = re.findall(r"\d+", text)
        if word is None or len(numbers) != 2:
            return None
        month = _MONTHS[word.group(0).lower()]
        day, year = int(numbers[0]), int(numbers[1])
    return checked_date(year, month, day)


def parse_date_line(line: str) -> date | None:
    """Return the date when ``line`` holds nothing but a date (and maybe a time).

    Accepted: ``2017-09-05``, ``March 03, 2017``, ``Nov. 8, 2016``, ``13 November, 2017``,
    ``Tuesday 25 August 2020``, ``Posted on 3rd of May 2018 10:30 GMT``. Impossible dates
    (``2017-02-30``) and years outside 1990-2100 give ``None``.
    """
    if len(line) > 120 or _YEAR.search(line) is None:
        return None
    cleaned = _clean(line)
    if len(cleaned) > 80:
        return None
    match = _DATE_LINE.fullmatch(cleaned)
    return _date_from(match) if match else None


def _dateline_date(line: str) -> date | None:
    if _YEAR.search(line[:120]) is None:
        return None
    match = _DATELINE.match(_clean(line[:200]))
    return _date_from(match) if match else None


# ---------------------------------------------------------------------------- one article


def _is_chrome(line: str) -> bool:
    return _CHROME.fullmatch(_clean(line)) is not None


def _is_body(line: str) -> bool:
    """Whether a line reads as a paragraph of running text rather than a header line."""
    words = len(line.split())
    return words >= 25 or (words >= 12 and _SENTENCE_END.search(line.strip()) is not None)


def _is_title(line: str) -> bool:
    cleaned = _clean(line)
    words = len(cleaned.split())
    return (
        2 <= words <= 25
        and len(cleaned) <= 200
        and not cleaned.endswith((".", ":", ","))
        and any(ch.isalpha() for ch in cleaned)
        and parse_date_line(cleaned) is None
        and not _is_chrome(cleaned)
        and _BYLINE.match(cleaned) is None
        and _DATELINE_ONLY.fullmatch(cleaned) is None
        and _TRAILER.match(cleaned) is None
    )


def _first_sentence(line: str) -> str | None:
    from geo.text import split_sentences

    text = _LEADING_DATELINE.sub("", _clean(line), count=1)
    sentences = split_sentences(text)
    if not sentences:
        return None
    sentence = sentences[0].text
    if len(sentence) <= TITLE_MAX_CHARS:
        return sentence
    cut = sentence[: TITLE_MAX_CHARS - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–—-") + "…"


def _trailer_value(lines: Sequence[str], pattern: re.Pattern[str]) -> str | None:
    value = None
    for line in lines:
        match = pattern.fullmatch(line) if len(line) <= 300 else None
        if match:
            candidate = match["value"].strip(" \t\xa0").rstrip(".").strip(" \t\xa0")
            if candidate and len(candidate.split()) <= 8:
                value = candidate
    return value


def parse_article(text: str) -> ArticleInfo:
    """Find an article's publication date, title, outlet and link in its text.

    The date is the first date line or dated dateline among the first :data:`HEADER_LINES`
    non-blank lines (see the module docstring). The title is the first headline-like line before
    the first paragraph of running text (2-25 words, no final full stop, not a date, byline,
    dateline or page furniture such as ``LATEST`` or ``3 min read``); an article without one gets
    its first sentence, without a leading ``CITY –`` dateline, trimmed to
    :data:`TITLE_MAX_CHARS` characters. The outlet and link come from the last ``Source: ...``
    and ``Link: ...`` lines.
    """
    lines = text.split("\n")
    header = [line for line in lines if line.strip()][:HEADER_LINES]
    published = None
    for line in header:
        published = parse_date_line(line) or _dateline_date(line)
        if published:
            break
    title = None
    for line in header:
        if _is_body(line):
            break
        if _is_title(line):
            title = " ".join(_clean(line).split())
            break
    if title is None:
        body = next((line for line in header if _is_body(line)), None)
        title = _first_sentence(body) if body else None
    return ArticleInfo(
        published=published,
        title=title,
        outlet=_trailer_value(lines, _SOURCE),
        url=_trailer_value(lines, _LINK),
    )


# ---------------------------------------------------------------------------- archives


def _article_starts(lines: Sequence[str]) -> list[int]:
    """Indexes of the date lines that each introduce an article of an archive page."""
    dated = [i for i, line in enumerate(lines) if line.strip() and parse_date_line(line)]
    starts = []
    for k, index in enumerate(dated):
        end = dated[k + 1] if k + 1 < len(dated) else len(lines)
        words = sum(len(line.split()) for line in lines[index + 1 : end])
        if words >= MIN_ARTICLE_WORDS:
            starts.append(index)
    return starts


def _is_lead_in(line: str) -> bool:
    """Whether a short line before a date line belongs to the article it introduces.

    Bylines, datelines and headlines do; the previous article's last paragraph (ending with a
    full stop), its ``Source:``/``Link:`` trailer and page furniture do not.
    """
    cleaned = _clean(line)
    return (
        len(cleaned.split()) <= 20
        and _SENTENCE_END.search(cleaned) is None
        and _TRAILER.match(cleaned) is None
        and not _is_chrome(cleaned)
        and parse_date_line(cleaned) is None
    )


def split_articles(text: str) -> list[tuple[int, str]]:
    """Split the text of a file into its articles.

    A file is an archive page when two or more lines hold only a date and each is followed by at
    least :data:`MIN_ARTICLE_WORDS` words before the next such line. Each article then starts at
    its date line, or up to three lines earlier when those are its byline, dateline or headline
    (short lines without a final full stop, after the previous article's last paragraph or its
    ``Source:``/``Link:`` trailer). Text before the first article is the page's own header and is
    left out, unless it is long enough to be an (undated) article itself.

    Returns:
        ``(line, text)`` for each article, ``line`` being 1-based; a file that is not an archive
        gives one item, ``(1, text)``.
    """
    lines = text.split("\n")
    starts = _article_starts(lines)
    if len(starts) < 2:
        return [(1, text)]
    bounds: list[int] = []
    floor = 0
    for index in starts:
        start = index
        back = index - 1
        taken = 0
        while back >= floor and taken < 3:
            if not lines[back].strip():
                back -= 1
                continue
            if not _is_lead_in(lines[back]):
                break
            start = back
            taken += 1
            back -= 1
        bounds.append(start)
        floor = index + 1
    preamble = lines[: bounds[0]]
    if sum(len(line.split()) for line in preamble) >= MIN_ARTICLE_WORDS:
        bounds.insert(0, next(i for i, line in enumerate(lines) if line.strip()))
    articles = []
    for k, start in enumerate(bounds):
        end = bounds[k + 1] if k + 1 < len(bounds) else len(lines)
        chunk = "\n".join(lines[start:end]).rstrip()
        articles.append((start + 1, chunk))
    return articles


# ---------------------------------------------------------------------------- the corpus


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _collect(
    paths: Iterable[Path | str], problems: list[Problem]
) -> tuple[list[tuple[Path, str]], list[Path]]:
    """Article files (path, name as shown) and auto-detected manifests, in a stable order."""
    files: list[tuple[Path, str]] = []
    manifests: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(
                (p for p in path.rglob("*") if p.is_file() and not _is_hidden(p, path)),
                key=lambda p: p.relative_to(path).as_posix(),
            )
            articles = [p for p in found if p.suffix.lower() in ARTICLE_SUFFIXES]
            manifests.extend(p for p in found if p.name == MANIFEST_NAME)
            if not articles:
                problems.append(Problem(str(path), None, None,
                                        "no articles (.txt or .md files) in directory"))
            files.extend((p, str(p)) for p in articles)
        elif path.is_file():
            if path.name == MANIFEST_NAME:
                manifests.append(path)
            elif path.suffix.lower() in ARTICLE_SUFFIXES:
                files.append((path, str(path)))
            else:
                problems.append(Problem(str(path), None, None,
                                        "not an article file (.txt or .md); skipped"))
        else:
            problems.append(Problem(str(path), None, None, "no such file or directory"))
    return files, manifests


def split_long(text: str, limit: int | None = None) -> list[tuple[int, str]]:
    """Cut a text longer than ``limit`` characters into parts of at most ``limit`` characters.

    Each cut falls at the last paragraph break (blank line) before the limit, else the last line
    end, else the last sentence end or space, else at the limit itself. Returns each part with
    the 0-based number of the line it starts on (relative to ``text``); a short text is one part.
    ``limit`` defaults to :data:`MAX_DOCUMENT_CHARS`.
    """
    limit = MAX_DOCUMENT_CHARS if limit is None else limit
    parts: list[tuple[int, str]] = []
    start, line = 0, 0
    while len(text) - start > limit:
        window_end = start + limit
        cut = -1
        for mark in ("\n\n", "\n", ". ", " "):
            found = text.rfind(mark, start + limit // 2, window_end)
            if found >= 0:
                cut = found + len(mark)
                break
        if cut < 0:
            cut = window_end
        parts.append((line, text[start:cut]))
        line += text.count("\n", start, cut)
        start = cut
    parts.append((line, text[start:]))
    return parts


def _documents_of(
    text: str, path: Path, name: str, problems: list[Problem]
) -> list[list[Document]]:
    """The documents of each article of a file (more than one for an article cut in parts)."""
    articles = split_articles(text)
    out: list[list[Document]] = []
    for number, (line, chunk) in enumerate(articles, start=1):
        base = path.stem if len(articles) == 1 else f"{path.stem}#{number}"
        parts = split_long(chunk)
        # A long article's header is in its first part and its Source/Link trailer in its last.
        info = parse_article(chunk if len(parts) == 1 else f"{parts[0][1]}\n{parts[-1][1]}")
        if len(parts) > 1:
            problems.append(Problem(
                name, line, None,
                f"{len(chunk):,} characters, more than {MAX_DOCUMENT_CHARS:,} for one document: "
                f"read as {len(parts)} parts, {base}#part1 to {base}#part{len(parts)}"))
        out.append([
            Document(
                id=base if len(parts) == 1 else f"{base}#part{k}",
                text=part,
                source_file=name,
                line=line + offset,
                published=info.published,
                date_source="text" if info.published else "none",
                title=info.title,
                outlet=info.outlet,
                url=info.url,
            )
            for k, (offset, part) in enumerate(parts, start=1)
        ])
    return out


def _apply(document: Document, row: ManifestRow) -> Document:
    changes: dict[str, object] = {}
    if row.published is not None:
        changes.update(published=row.published, date_source="manifest", date_note=row.date_note)
    for attribute in ("title", "outlet", "url"):
        value = getattr(row, attribute)
        if value is not None:
            changes[attribute] = value
    return replace(document, **changes)  # type: ignore[arg-type]


def _manifest_id(document: Document, row: ManifestRow) -> str:
    """The id a manifest row gives a document: its ``doc_id`` in place of the file's name.

    The suffixes that tell the articles of an archive (``#2``) and the parts of a long article
    (``#part2``) apart are kept, so one id given to a whole file stays unique.
    """
    stem = row.path.stem
    assert row.doc_id is not None
    if row.article is not None:
        stem = f"{stem}#{row.article}"
    if document.id.startswith(stem):
        return row.doc_id + document.id[len(stem):]
    return f"{row.doc_id}#{document.id}"


def _rename(documents: list[Document], renamed: dict[int, ManifestRow],
            problems: list[Problem]) -> None:
    """Give documents the ids their manifest rows set, keeping every id unique."""
    # A new id may not be any document's own id, so a document that keeps its own stays unique.
    taken = {d.id for d in documents}
    for index in sorted(renamed):
        row = renamed[index]
        new = _manifest_id(documents[index], row)
        if new == documents[index].id:
            continue
        if new in taken:
            problems.append(
                Problem(row.manifest, row.line, "doc_id",
                        f"document id {new!r} is already used; {documents[index].id!r} is kept")
            )
            continue
        taken.add(new)
        documents[index] = replace(documents[index], id=new)


def load_documents(
    paths: Sequence[Path | str], manifest: Path | None = None
) -> tuple[list[Document], list[Problem]]:
    """Read articles from files and directories into dated documents.

    Directories are walked recursively (hidden entries skipped) for ``.txt`` and ``.md`` files,
    in sorted order, so the same inputs always give the same documents in the same order. A file
    holding several dated articles (an archive page) gives one document per article
    (:func:`split_articles`). Dates, titles, outlets and links come from the text
    (:func:`parse_article`) and then from the manifest, which wins.

    The manifest is ``manifest`` when given; otherwise every ``manifest.csv`` found in the
    directories given (or given itself as a path) is used, its ``file`` cells relative to its own
    directory. A row naming a whole file applies to every article of that file; a row naming
    ``file#N`` applies to the N-th article only, and wins over a whole-file row.

    Args:
        paths: Article files and directories.
        manifest: A manifest CSV to use instead of the auto-detected ones.

    Returns:
        The documents, dated or not, and the problems met, in the order met: unreadable, empty,
        binary or non-UTF-8 files, directories without articles, unusable manifest rows and cells,
        duplicate document ids, and every undated document. Nothing is raised for bad input.
    """
    problems: list[Problem] = []
    files, found_manifests = _collect(paths, problems)
    documents: list[Document] = []
    by_file: dict[Path, list[range]] = {}
    ids: dict[str, str] = {}
    for path, name in files:
        resolved = path.resolve()
        if resolved in by_file:
            continue  # the same file given twice (a directory and a file in it)
        result = _read(path, name)
        if isinstance(result, Problem):
            problems.append(result)
            continue
        by_file[resolved] = []
        if path.suffix.lower() == ".md" and is_chronicle(result):
            found, trouble = chronicle_documents(result, path, name)
            problems.extend(trouble)
            articles = [[document] for document in found]
        else:
            articles = _documents_of(result, path, name, problems)
        for article in articles:
            if article[0].id in ids:
                problems.append(
                    Problem(name, article[0].line, None,
                            f"document id {article[0].id!r} is already used by "
                            f"{ids[article[0].id]}; this article is skipped")
                )
                continue
            by_file[resolved].append(range(len(documents), len(documents) + len(article)))
            for document in article:
                ids[document.id] = name
                documents.append(document)
        del result

    rows: list[ManifestRow] = []
    for path in [manifest] if manifest is not None else found_manifests:
        try:
            parsed, row_problems = read_manifest(path)
        except _ManifestFailure as failure:
            problems.append(failure.problem)
            continue
        rows.extend(parsed)
        problems.extend(row_problems)
    whole = [row for row in rows if row.article is None]
    single = [row for row in rows if row.article is not None]
    renamed: dict[int, ManifestRow] = {}
    for row in whole + single:
        indexes = by_file.get(row.path)
        if indexes is None:
            continue  # a file outside the paths read, or already reported as unreadable
        if row.article is None:
            for index in (i for part in indexes for i in part):
                documents[index] = _apply(documents[index], row)
                if row.doc_id is not None:
                    renamed[index] = row
        elif row.article <= len(indexes):
            for index in indexes[row.article - 1]:
                documents[index] = _apply(documents[index], row)
                if row.doc_id is not None:
                    renamed[index] = row
        else:
            problems.append(
                Problem(row.manifest, row.line, "file",
                        f"{row.file!r}: the file holds {len(indexes)} article(s)")
            )

    _rename(documents, renamed, problems)
    for document in documents:
        if document.published is None:
            problems.append(
                Problem(document.source_file, document.line, "published",
                        f"{document.id}: no publication date; give one in {MANIFEST_NAME}")
            )
    return documents, problems

