"""Manifests: a CSV beside the articles that sets their ids, dates, outlets, links and titles.

A manifest (``manifest.csv`` beside the files, or one given with ``--manifest``) has a ``file``
column and any of ``doc_id`` (or ``id``), ``published``, ``outlet``, ``url``, ``title`` and
``date_note``. :func:`read_manifest` and :func:`parse_manifest` read one; every cell or row that
cannot be used becomes a :class:`geo.errors.Problem` naming the file, line and field, and the rest
is still read. :mod:`geo.articles` applies the rows to the documents it reads.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from geo.errors import ManifestError, Problem

__all__ = [
    "ARTICLE_SUFFIXES",
    "MANIFEST_ALIASES",
    "MANIFEST_COLUMNS",
    "MANIFEST_NAME",
    "MAX_YEAR",
    "MIN_YEAR",
    "SAFE_DOC_ID",
    "ManifestRow",
    "parse_manifest",
    "read_manifest",
]

ARTICLE_SUFFIXES: tuple[str, ...] = (".txt", ".md")
MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS: tuple[str, ...] = (
    "file", "doc_id", "published", "outlet", "url", "title", "date_note")
#: Other names a manifest may give a column: ``id`` is ``doc_id``.
MANIFEST_ALIASES: dict[str, str] = {"id": "doc_id"}
#: A document id a manifest may set: letters, digits and ``. _ - : #``, at most 100 characters,
#: starting with a letter or digit (ids land in file names, CSV cells, URLs and HTML).
SAFE_DOC_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:#-]{0,99}")
_STEM_ARTICLE = re.compile(r"(?P<file>.+)#(?P<n>\d+)")
#: Years a date may have (older or later dates are typing errors, not publication dates).
MIN_YEAR, MAX_YEAR = 1990, 2100


@dataclass(frozen=True)
class ManifestRow:
    """One usable row of a manifest.

    Attributes:
        manifest: Path of the manifest, as given or found.
        line: 1-based line of the row in the manifest.
        file: The ``file`` cell as written (``name.txt`` or ``name.txt#3``).
        path: The article file it names, resolved against the manifest's directory.
        article: ``N`` for a row naming the N-th article of an archive, ``None`` for a whole file.
        published: Publication date, or ``None`` when the cell is empty or invalid.
        outlet: Outlet, or ``None``.
        url: Link, or ``None``.
        title: Title, or ``None``.
        date_note: How the date was inferred, or ``None``.
        doc_id: The document id the row sets (``doc_id`` or ``id`` column), or ``None``.
    """

    manifest: str
    line: int
    file: str
    path: Path
    article: int | None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    date_note: str | None = None
    doc_id: str | None = None


# ---------------------------------------------------------------------------- manifests


class _ManifestFailure(ManifestError):
    """A manifest that cannot be used at all, with the problem behind it."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _cell(row: dict[str, str], column: str) -> str | None:
    value = row.get(column, "").strip()
    return value or None


def _parse_manifest(text: str, name: str, base: Path) -> tuple[list[ManifestRow], list[Problem]]:
    """Parse a manifest; raise ManifestError only when no row at all can be used."""
    problems: list[Problem] = []
    if "\x00" in text:
        raise _ManifestFailure(
            Problem(name, None, None, "binary file (NUL byte), not a CSV manifest")
        )
    records = _manifest_records(text, name)
    if not records:
        raise _ManifestFailure(
            Problem(name, None, None, "empty manifest; expected a header row with a 'file' column")
        )
    header_line, header = records[0]
    if isinstance(header, tuple):
        raise _ManifestFailure(Problem(name, header_line, None, _runaway(header)))
    columns = [cell.strip().lower() for cell in header]
    columns = [MANIFEST_ALIASES.get(c, c) if MANIFEST_ALIASES.get(c, c) not in columns else c
               for c in columns]
    for k, column in enumerate(columns):
        if column in MANIFEST_COLUMNS and column in columns[:k]:
            raise _ManifestFailure(
                Problem(name, header_line, column,
                        f"column given twice (columns {columns.index(column) + 1} and {k + 1}); "
                        "keep one")
            )
    if "file" not in columns:
        raise _ManifestFailure(
            Problem(name, header_line, "file",
                    f"missing column 'file' (columns: {', '.join(MANIFEST_COLUMNS)})")
        )
    for column in columns:
        if column not in MANIFEST_COLUMNS:
            problems.append(
                Problem(name, header_line, column or "(empty)",
                        f"unknown column, ignored (columns: {', '.join(MANIFEST_COLUMNS)})")
            )
    rows: list[ManifestRow] = []
    seen: dict[str, int] = {}
    for line, record in records[1:]:
        if isinstance(record, tuple):
            index = record[1]
            problems.append(Problem(name, line, columns[index] if index < len(columns) else None,
                                    _runaway(record)))
            continue
        if len(record) > len(columns):
            problems.append(
                Problem(name, line, None,
                        f"{len(record)} values for {len(columns)} columns; extra values ignored")
            )
        cells = {
            column: value
            for column, value in zip(columns, record, strict=False)
            if column in MANIFEST_COLUMNS
        }
        row = _manifest_row(cells, name, line, base, problems)
        if row is None:
            continue
        key = f"{row.path}#{row.article}"
        if key in seen:
            problems.append(
                Problem(name, line, "file",
                        f"{row.file!r} already has a row (line {seen[key]}); row ignored")
            )
            continue
        seen[key] = line
        rows.append(row)
    return rows, problems


#: A record whose quoted value ran over several lines: (last line, index of the cell).
_Runaway = tuple[int, int]


#: A line that starts like a manifest row: an article file name, then a comma.
_SWALLOWED_ROW = re.compile(r'\s*[^,"\n]+\.(?:txt|md)(?:#\d+)?\s*,', re.IGNORECASE)


def _runaway(record: _Runaway) -> str:
    return (f"a quote is not closed: the value runs on to line {record[0]}; row ignored, "
            "the lines after it read as rows")


def _manifest_records(text: str, name: str) -> list[tuple[int, list[str] | _Runaway]]:
    """The non-empty records of a manifest with their first line.

    A quoted value may run over several lines (a title with a line break), but when a line it
    runs over looks like a row of its own (an article file name and a comma), the quote was never
    closed and swallowed that row: the record becomes a :data:`_Runaway` marker and reading
    starts again on the line after it, so the swallowed rows are still read.
    """
    lines = io.StringIO(text, newline="").readlines()
    records: list[tuple[int, list[str] | _Runaway]] = []
    start = 0
    while start < len(lines):
        reader = csv.reader(lines[start:])
        restart = None
        try:
            previous = 0
            for record in reader:
                first, last = start + previous + 1, start + reader.line_num
                broken = [k for k, cell in enumerate(record) if "\n" in cell or "\r" in cell]
                if last > first and broken and any(
                    _SWALLOWED_ROW.match(text_line) for text_line in lines[first:last]
                ):
                    records.append((first, (last, broken[0])))
                    restart = first
                    break
                if any(cell.strip() for cell in record):
                    records.append((first, record))
                previous = reader.line_num
        except csv.Error as error:
            raise _ManifestFailure(
                Problem(name, start + reader.line_num or None, None, f"not valid CSV ({error})")
            ) from None
        if restart is None:
            break
        start = restart
    return records


def _manifest_row(
    cells: dict[str, str], name: str, line: int, base: Path, problems: list[Problem]
) -> ManifestRow | None:
    file = _cell(cells, "file")
    if file is None:
        problems.append(Problem(name, line, "file", "empty file name; row ignored"))
        return None
    article = None
    target = file
    match = _STEM_ARTICLE.fullmatch(file)
    if match:
        target, article = match["file"], int(match["n"])
        if article < 1:
            problems.append(
                Problem(name, line, "file", f"{file!r}: article numbers start at 1; row ignored")
            )
            return None
    path = _manifest_target(base, target)
    if path is None:
        problems.append(Problem(name, line, "file", f"no such file: {target}"))
        return None
    if path.suffix.lower() not in ARTICLE_SUFFIXES:
        problems.append(
            Problem(name, line, "file", f"{target}: not an article file (.txt or .md); row ignored")
        )
        return None
    doc_id = _cell(cells, "doc_id")
    if doc_id is not None and not SAFE_DOC_ID.fullmatch(doc_id):
        problems.append(
            Problem(name, line, "doc_id",
                    f"not a usable document id: {doc_id!r} (letters, digits and . _ - : #, "
                    "starting with a letter or digit, at most 100 characters); the file's own "
                    "id is kept")
        )
        doc_id = None
    published = None
    raw_date = _cell(cells, "published")
    if raw_date is not None:
        published = _manifest_date(raw_date)
        if published is None:
            problems.append(
                Problem(name, line, "published",
                        f"not a date: {raw_date!r} (expected YYYY-MM-DD, "
                        f"year {MIN_YEAR}-{MAX_YEAR})")
            )
    return ManifestRow(
        manifest=name,
        line=line,
        file=file,
        path=path,
        article=article,
        published=published,
        outlet=_cell(cells, "outlet"),
        url=_cell(cells, "url"),
        title=_cell(cells, "title"),
        date_note=_cell(cells, "date_note"),
        doc_id=doc_id,
    )


def _manifest_target(base: Path, target: str) -> Path | None:
    try:
        path = base / target
        if path.is_file():
            return path.resolve()
        if not path.suffix:
            for suffix in ARTICLE_SUFFIXES:
                if path.with_suffix(suffix).is_file():
                    return path.with_suffix(suffix).resolve()
    except (OSError, ValueError):  # a name the file system cannot hold ("a\0b", too long)
        return None
    return None


def checked_date(year: int, month: int, day: int) -> date | None:
    """The date, or ``None`` when it does not exist or its year is outside MIN_YEAR-MAX_YEAR."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _manifest_date(value: str) -> date | None:
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    return checked_date(year, month, day)


def parse_manifest(
    text: str, name: str = "manifest.csv", base: Path | str = "."
) -> tuple[list[ManifestRow], list[Problem]]:
    """Parse the text of a manifest CSV.

    Columns: ``file,doc_id,published,outlet,url,title,date_note``; only ``file`` is required, in
    any order. ``doc_id`` (or ``id``) sets the id of the file's documents (:data:`SAFE_DOC_ID`;
    an unusable or duplicate id is reported and the file's own id kept). ``file`` names an
    article file relative to ``base`` (``name.txt``; the suffix may be left out), or one
    article of an archive (``name.txt#3``). ``published`` is ``YYYY-MM-DD``.

    Args:
        text: The CSV text.
        name: The manifest's name for messages.
        base: The directory ``file`` cells are relative to.

    Returns:
        The usable rows, and a problem (naming file, line and field) for each row or cell that
        cannot be used: a missing file, a date that is not a date, an unknown column, a duplicate
        row. A row with a bad date keeps its other cells.

    Raises:
        ManifestError: The text is not CSV, is empty, or has no ``file`` column.
    """
    return _parse_manifest(text, name, Path(base))


def read_manifest(path: Path | str) -> tuple[list[ManifestRow], list[Problem]]:
    """Read a manifest CSV file; see :func:`parse_manifest`.

    Raises:
        ManifestError: The file cannot be read, is not UTF-8 CSV, or has no ``file`` column.
    """
    path = Path(path)
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise _ManifestFailure(
            Problem(name, None, None, f"cannot read: {error.strerror or error}")
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise _ManifestFailure(
            Problem(name, line, None, "not UTF-8 text; save it as UTF-8")
        ) from None
    return _parse_manifest(text, name, path.parent)
