"""Chronicles: long dated narratives (Wikipedia articles on battles and campaigns) as input.

A chronicle is a Markdown file with YAML front matter (``subject``: the title; ``date``: the
infobox period, e.g. "6 November 2016 – 23 February 2017"), then the body with ``#`` headings.
Its sentences often omit the year ("On 14 November, ..."), so a chronicle is not one dated
document: :func:`chronicle_documents` cuts it into chunks that each start at a dated sentence,
and gives each chunk the date its first sentence is anchored to as its reference
(``published``) date, so the extractor resolves the chunk's own dates against it. The anchor
rule, for a sentence in reading order:

1. A date with its year ("on 5 March 2016", "in May 2015") is taken as written.
2. A day or month without a year ("On 14 November", "Between 22 and 23 January", "In late
   March") takes the year that puts it nearest the running anchor: the date of the sentences
   before in the section, else the dates of its heading ("Siege (March–May 2015)"), else the
   article's period. Only years inside the period (a month of slack each side) are candidates
   when the period is known. When the running anchor is only a year ("In 2015, ..."), that year.
   A bare year moves a finer running anchor only when it opens its sentence: "However, by the
   end of 2018, ..." in a 2017 section is an aside, not the year of the next "On 17 November".
3. "The next day", "the following day", "N days later", "a week later" count from the anchor.
4. A year-less date with no anchor at all (no date before it, no dated heading, a period of
   several years or none) is not guessed: the sentences up to the next anchored date yield no
   events and are reported as a :class:`geo.errors.Problem`.

Sentences before the first dated sentence of the article (the lead, which sums up the whole
period) are anchored to the period's end, as the lead states the outcome. Tables, image lines,
and the closing sections (See also, References, Notes...) are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from geo.dates import MONTHS, find_dates
from geo.errors import Problem
from geo.models import DatePrecision, Document
from geo.text import split_sentences

#: Headings of the closing sections: no narrative.
SKIPPED_SECTIONS: frozenset[str] = frozenset({
    "see also", "references", "notes", "external links", "further reading", "bibliography",
    "sources", "citations", "footnotes",
})
#: A year-less date is put at most this far from the running anchor.
MAX_ANCHOR_DAYS = 200
#: Days of slack around the period for a year-less date.
PERIOD_SLACK_DAYS = 31
#: The day the corpus was copied: an open period ("2012–present") ends on it.
CORPUS_COPIED = date(2023, 6, 16)
#: URL prefix of the English Wikipedia articles the corpus copies.
WIKIPEDIA_URL = "https://en.wikipedia.org/wiki/"

_MONTH_NAMES = (r"(?:January|February|March|April|May|June|July|August|September|October"
                r"|November|December)")
# A day and month without a year: "14 November", "22 and 23 January", "November 14".
_DAY_MONTH = re.compile(
    rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*(?:–|-|and|to)\s*[0-3]?\d)?\s+"
    rf"(?P<month>{_MONTH_NAMES})\b(?!,?\s+(?:19|20)\d\d)"
    rf"|\b(?P<month2>{_MONTH_NAMES})\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\b(?!,?\s+(?:19|20)\d\d)"
    rf"(?!\s*(?:19|20)\d\d)"
)
# A month without a day or year: "In late November", "by March", "during January".
_MONTH_ONLY = re.compile(
    rf"\b(?i:in|by|during|on|until|from|early|mid|late|end\s+of|beginning\s+of)[- ]"
    rf"(?:(?i:early|mid|late)[- ])?(?P<month>{_MONTH_NAMES})\b(?!\s*[0-3]?\d\b)"
    rf"(?!,?\s+(?:of\s+)?(?:19|20)\d\d)"
)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "a": 1}
# Counting from the anchor: "the next day", "two days later", "a week later".
_LATER = re.compile(
    r"\b(?:(?i:the\s+(?:next|following)\s+(?P<unit1>day|week|morning|evening|night))"
    r"|(?P<n>\d+|(?i:one|two|three|four|five|six|seven|eight|nine|ten|a))\s+"
    r"(?P<unit2>(?i:days?|weeks?))\s+(?i:later|afterwards|after\s+that))\b"
)
# A year among the first five words of a sentence: it sets the time of what follows.
_OPENING_YEAR = re.compile(r"\W*(?:[\w'’-]+\W+){0,4}?(?:19|20)\d\d\b")
_IMAGE = re.compile(r"^\s*!\[")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w)")
_HEADING = re.compile(r"^(#{1,6})\s*(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*(?:[*+-]|\d+\.)\s+")


@dataclass(frozen=True)
class Period:
    """The span an article covers (its infobox date), as days.

    Attributes:
        start: First day (the 1st of the month / 1 January when only a month / year is given).
        end: Last day.
        text: As written.
    """

    start: date
    end: date
    text: str


@dataclass(frozen=True)
class Section:
    """A heading and the paragraphs under it (before the next heading of any level).

    Attributes:
        heading: The heading text ("" for the lead).
        level: Heading level (0 for the lead).
        line: 1-based line of the heading in the file.
        paragraphs: ``(line, text)`` of each paragraph, cleaned of Markdown marks.
    """

    heading: str
    level: int
    line: int
    paragraphs: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class Chronicle:
    """A chronicle read from a file.

    Attributes:
        title: The article title (front matter ``subject``).
        period: The infobox period, when the front matter gives one that parses.
        sections: The lead and every section, in order.
        source_file: The file it came from.
        url: The article's address.
    """

    title: str
    period: Period | None
    sections: tuple[Section, ...]
    source_file: str
    url: str


@dataclass(frozen=True)
class _Anchor:
    day: date
    precision: DatePrecision


def is_chronicle(text: str) -> bool:
    """Whether ``text`` is a chronicle: YAML front matter naming a ``subject``."""
    if not text.startswith("---"):
        return False
    end = text.find("\n---", 3)
    return end > 0 and re.search(r"(?m)^subject:", text[:end]) is not None


def _front_matter(text: str, name: str) -> tuple[dict[str, object], int]:
    """The front matter as a mapping, and the 0-based line where the body starts."""
    import yaml

    lines = text.split("\n")
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].rstrip() == "---")
    except StopIteration:
        raise ValueError(f"{name}:1: front matter: no closing '---' line") from None
    try:
        meta = yaml.safe_load("\n".join(lines[1:close])) or {}
    except yaml.YAMLError as error:
        raise ValueError(f"{name}:1: front matter: not YAML: {error}") from None
    if not isinstance(meta, dict):
        raise ValueError(f"{name}:1: front matter: not a mapping of keys")
    return meta, close + 1


def _bounds(value: date, precision: DatePrecision) -> tuple[date, date]:
    if precision == "year":
        return date(value.year, 1, 1), date(value.year, 12, 31)
    if precision == "month":
        following = (value.replace(day=28) + timedelta(days=4)).replace(day=1)
        return value.replace(day=1), following - timedelta(days=1)
    return value, value


_PERIOD_DATE = re.compile(
    rf"\b(?:(?P<day>[0-3]?\d)\s+)?(?P<month>{_MONTH_NAMES})(?:\s+(?P<day2>[0-3]?\d),?)?"
    rf"(?:\s+(?P<year>(?:19|20)\d\d))?\b|\b(?P<bare>[0-3]?\d)\s*(?=[–—-])"
    rf"|\b(?P<lone>(?:19|20)\d\d)\b|\b(?P<present>present)\b"
)


def parse_period(text: str) -> Period | None:
    """Parse an infobox period into its first and last day.

    Forms: "6 November 2016 – 23 February 2017", "22 March – 10 May 2017", "21–29 February
    2016", "2012–2016", "May 2015", "22 June 2012–present" (an open period ends on
    :data:`CORPUS_COPIED`). A day or month without a year takes the year of the next date that
    has one. ``None`` when no year is given.
    """
    text = " ".join(text.split())
    tokens: list[tuple[int | None, int | None, int | None]] = []
    for m in _PERIOD_DATE.finditer(text):
        if m.group("present"):
            tokens.append((CORPUS_COPIED.year, CORPUS_COPIED.month, CORPUS_COPIED.day))
        elif m.group("lone"):
            tokens.append((int(m.group("lone")), None, None))
        elif m.group("bare"):
            tokens.append((None, None, int(m.group("bare"))))
        else:
            day = m.group("day") or m.group("day2")
            tokens.append((int(m.group("year")) if m.group("year") else None,
                           MONTHS[m.group("month").lower()], int(day) if day else None))
    if not any(t[0] for t in tokens):
        return None
    days: list[tuple[date, date]] = []
    for i, (year, month, day) in enumerate(tokens):
        later = next((t for t in tokens[i + 1:] if t[0] is not None), None)
        if month is None and year is None and later is not None:
            month = later[1] or month
        if year is None:
            if later is None:
                continue
            year = later[0]
            assert year is not None
            if later[1] is not None and month is not None and (month, day or 1) > (
                    later[1], later[2] or 31):
                year -= 1
        try:
            if month is None:
                days.append((date(year, 1, 1), date(year, 12, 31)))
            elif day is None:
                first = date(year, month, 1)
                days.append(_bounds(first, "month"))
            else:
                days.append((date(year, month, day), date(year, month, day)))
        except ValueError:
            continue
    if not days:
        return None
    return Period(min(d[0] for d in days), max(d[1] for d in days), text)


def _period_text(value: object) -> str:
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _clean(line: str) -> str:
    line = _LINK.sub(r"\1", line)
    line = _EMPHASIS.sub("", line)
    line = re.sub(r"\[\d+\]|\[citation needed\]", "", line)
    return _BULLET.sub("", line).strip()


def parse_chronicle(text: str, name: str) -> Chronicle:
    """Read a chronicle's front matter and sections.

    Args:
        text: The file's text.
        name: The file name as shown (in errors and provenance).

    Raises:
        ValueError: ``file:line: field: message`` when the front matter is missing, not YAML or
            has no ``subject``.
    """
    meta, body = _front_matter(text, name)
    title = str(meta.get("subject") or "").strip()
    if not title:
        raise ValueError(f"{name}:1: subject: the front matter names no subject (title)")
    period_text = _period_text(meta.get("date"))
    period = parse_period(period_text) if period_text.strip() else None
    sections: list[Section] = []
    heading, level, heading_line = "", 0, body + 1
    paragraphs: list[tuple[int, str]] = []

    def close() -> None:
        if heading.strip().lower() not in SKIPPED_SECTIONS:
            sections.append(Section(heading, level, heading_line, tuple(paragraphs)))

    lines = text.split("\n")
    for number in range(body, len(lines)):
        raw = lines[number]
        match = _HEADING.match(raw)
        if match:
            close()
            heading = re.sub(r"\[object Object\]$", "", _clean(match.group(2)))
            level, heading_line, paragraphs = len(match.group(1)), number + 1, []
            continue
        if not raw.strip() or _IMAGE.match(raw) or raw.lstrip().startswith("|"):
            continue
        cleaned = _clean(raw)
        if cleaned:
            paragraphs.append((number + 1, cleaned))
    close()
    return Chronicle(title, period, tuple(sections), name,
                     WIKIPEDIA_URL + title.replace(" ", "_"))


def _heading_anchor(heading: str, period: Period | None) -> _Anchor | None:
    """The first date of a heading ("Siege (March–May 2015)"), when it gives a year."""
    found = find_dates(heading, None)
    if found:
        first = min(found, key=lambda r: r.start)
        return _Anchor(first.date, first.precision)
    month = re.search(_MONTH_NAMES, heading)
    year = re.search(r"\b(?:19|20)\d\d\b", heading)
    if month and year:
        return _Anchor(date(int(year.group(0)), MONTHS[month.group(0).lower()], 15), "month")
    return None


def _nearest(month: int, day: int | None, anchor: _Anchor | None, period: Period | None
             ) -> _Anchor | None:
    """Give a year-less day or month the year nearest the anchor, inside the period."""
    precision: DatePrecision = "day" if day is not None else "month"
    if anchor is not None and anchor.precision == "year":
        value = _make(anchor.day.year, month, day)
        if value is not None and (period is None or _inside(value, period)):
            return _Anchor(value, precision)
        anchor = None
    years: set[int] = set()
    if anchor is not None:
        years.update((anchor.day.year - 1, anchor.day.year, anchor.day.year + 1))
    if period is not None:
        years.update(range(period.start.year, period.end.year + 1))
    options = [v for v in (_make(y, month, day) for y in sorted(years))
               if v is not None and (period is None or _inside(v, period))]
    if anchor is not None:
        near = [v for v in options if abs((v - anchor.day).days) <= MAX_ANCHOR_DAYS]
        if near:
            best = min(near, key=lambda v: (abs((v - anchor.day).days), v))
            return _Anchor(best, precision)
    # No running anchor near: the period decides when it leaves one year only.
    if period is not None and len(options) == 1:
        return _Anchor(options[0], precision)
    return None


def _make(year: int, month: int, day: int | None) -> date | None:
    try:
        return date(year, month, day if day is not None else 15)
    except ValueError:
        return None


def _inside(value: date | None, period: Period) -> bool:
    if value is None:
        return False
    slack = timedelta(days=PERIOD_SLACK_DAYS)
    return period.start - slack <= value <= period.end + slack


def _later(match: re.Match[str], anchor: _Anchor) -> _Anchor:
    unit = (match.group("unit1") or match.group("unit2") or "day").lower()
    raw = (match.group("n") or "1").lower()
    n = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw, 1)
    days = 7 * n if unit.startswith("week") else n
    return _Anchor(anchor.day + timedelta(days=days), "week" if unit.startswith("week") else "day")


def sentence_anchor(
    sentence: str, running: _Anchor | None, period: Period | None
) -> tuple[_Anchor | None, bool]:
    """The date a sentence speaks of, and whether it carries a date expression at all.

    Returns ``(None, True)`` for a sentence whose year-less date cannot be anchored, and
    ``(None, False)`` for a sentence without any date.
    """
    found: list[tuple[int, _Anchor | None]] = []
    for ref in find_dates(sentence, None):
        if not ref.since:
            found.append((ref.start, _Anchor(ref.date, ref.precision)))
    taken = [(r.start, r.end) for r in find_dates(sentence, None)]

    def free(start: int) -> bool:
        return not any(a <= start < b for a, b in taken)

    for m in _DAY_MONTH.finditer(sentence):
        if not free(m.start()):
            continue
        month = MONTHS[(m.group("month") or m.group("month2")).lower()]
        day = int(m.group("day") or m.group("day2"))
        found.append((m.start(), _nearest(month, day, running, period)))
    for m in _MONTH_ONLY.finditer(sentence):
        if not free(m.start("month")) or any(
                s <= m.start("month") < s + 20 for s, _a in found):
            continue
        if m.group(0).lower().startswith(("until", "from")):
            continue
        found.append((m.start(), _nearest(MONTHS[m.group("month").lower()], None, running,
                                          period)))
    if running is not None:
        found.extend((m.start(), _later(m, running)) for m in _LATER.finditer(sentence))
    if not found:
        return None, False
    found.sort(key=lambda f: f[0])
    return found[0][1], True


def _latest(sentence: str, first: _Anchor, period: Period | None) -> date:
    """The last day a sentence anchored at ``first`` speaks of ("between 3 and 5 March")."""
    last = _bounds(first.day, first.precision)[1]
    for m in _DAY_MONTH.finditer(sentence):
        month = MONTHS[(m.group("month") or m.group("month2")).lower()]
        tail = re.search(r"[0-3]?\d(?=\s+" + _MONTH_NAMES + ")", m.group(0))
        day = int(tail.group(0)) if tail and m.group("month") else int(m.group("day") or
                                                                         m.group("day2"))
        found = _nearest(month, day, first, period)
        if found is not None and 0 <= (found.day - first.day).days <= MAX_ANCHOR_DAYS:
            last = max(last, found.day)
    return last


def _moves(sentence: str, anchor: _Anchor, running: _Anchor | None) -> bool:
    """Whether a dated sentence moves the running anchor to its date.

    A bare year moves a finer anchor only when it opens the sentence ("In 2015, ...",
    "During the summer of 2016, ..."): one met later is an aside on another time ("However, by
    the end of 2018, the team had not yet begun"), and the next "On 17 November" of a 2017
    section is still 2017.
    """
    if anchor.precision != "year" or running is None or running.precision == "year":
        return True
    return _OPENING_YEAR.match(sentence) is not None


def _sentences(section: Section) -> Iterator[tuple[int, str]]:
    for line, paragraph in section.paragraphs:
        for sentence in split_sentences(paragraph):
            yield line, sentence.text


def chronicle_documents(
    text: str, path: Path | str, name: str | None = None
) -> tuple[list[Document], list[Problem]]:
    """Cut a chronicle into dated documents, one per run of sentences sharing an anchor.

    Each document's id is ``STEM:LINE`` (the line of its first sentence), its title the
    article's title and section, its ``published`` the anchor date, its ``date_note`` how
    the anchor was found and its ``country`` the article's (:func:`geo.gazetteer_resolve.
    document_country` of the whole article), which tells its places from namesakes across
    the border.

    Returns:
        The documents and the problems: each run of sentences whose date could not be
        anchored (no events are read from it), or a front matter that does not parse.
    """
    path = Path(path)
    shown = name if name is not None else str(path)
    try:
        chronicle = parse_chronicle(text, shown)
    except ValueError as error:
        return [], [Problem(shown, 1, "front matter", str(error).split(": ", 2)[-1])]
    from geo.gazetteer_resolve import document_country

    period = chronicle.period
    # The chunks are short: their places are told from namesakes across the border by the
    # article's country (a battle near Aleppo's "al-Rai" is not the Iraqi village).
    country = document_country("\n".join(
        [chronicle.title, *(p for s in chronicle.sections for _l, p in s.paragraphs)]))
    documents: list[Document] = []
    problems: list[Problem] = []
    running: _Anchor | None = None
    runs: list[tuple[int, str, _Anchor | None, str, list[str]]] = []
    ends: dict[int, date] = {}
    for section in chronicle.sections:
        heading_anchor = _heading_anchor(section.heading, period)
        if heading_anchor is not None:
            running = heading_anchor
        for line, sentence in _sentences(section):
            anchor, dated = sentence_anchor(sentence, running, period)
            if dated or not runs or runs[-1][1] != section.heading:
                how = "dated in the sentence" if dated else (
                    "the sentence before" if running is not None else "")
                runs.append((line, section.heading, anchor if dated else running, how, []))
                if dated and anchor is not None:
                    ends[len(runs) - 1] = _latest(sentence, anchor, period)
            if dated and anchor is not None and _moves(sentence, anchor, running):
                running = anchor
            runs[-1][4].append(sentence)
    lead_anchor = _Anchor(period.end, "day") if period is not None else None
    seen: dict[int, int] = {}
    for k, (line, heading, anchor, how, sentences) in enumerate(runs):
        seen[line] = seen.get(line, 0) + 1
        where = f"{chronicle.title}, {heading}" if heading else chronicle.title
        if anchor is None and not heading and lead_anchor is not None:
            anchor, how = lead_anchor, "the article's period (lead)"
        if anchor is None:
            problems.append(Problem(
                shown, line, "date",
                f"{where}: no date can be anchored (no year in the sentence, its section or "
                f"the period); {len(sentences)} sentence(s) left out: {sentences[0][:120]}"))
            continue
        documents.append(Document(
            id=f"{path.stem}:{line}" + (f".{seen[line]}" if seen[line] > 1 else ""),
            text="\n\n".join(sentences),
            source_file=shown,
            line=line,
            published=ends.get(k, _bounds(anchor.day, anchor.precision)[1]),
            date_source="text",
            title=where,
            outlet="Wikipedia",
            url=chronicle.url,
            date_note=f"chronicle: {anchor.precision} from {how or 'the heading'}",
            country=country,
        ))
    return documents, problems


#: Flag image names of the "Held by" column of *Control of cities during the Syrian civil war*,
#: first match wins: the old (1932-58) Syrian flag with Turkey's is the Turkish-backed Syrian
#: National Army, alone the opposition; the current Syrian flag and the United Arab Republic's
#: (the same design) are the government; the Rojava and SDF flags the SDF. A Rojava flag with the
#: Syrian flag is an SDF town with a government presence: the SDF.
FLAG_SIDES: tuple[tuple[str, str], ...] = (
    ("Flag of Turkey", "turkish_backed"),
    ("Flag of Hayat Tahrir al-Sham", "hts"),
    ("Flag of Rojava", "sdf"),
    ("Flag of Syrian Democratic Forces", "sdf"),
    ("Syria-flag 1932-58 1961-63", "rebels"),
    ("Islamic State", "is"),
    ("Flag of the United Arab Republic", "government"),
    ("Flag_of_the_United_Arab_Republic", "government"),
    ("Flag of Syria", "government"),
)


@dataclass(frozen=True)
class TownRow:
    """One town of the control table.

    Attributes:
        governorate: The section's governorate ("Aleppo").
        name: The town as written ("Ayn al-Arab (Kobanî)").
        held_by: The "Held by" cell as written (flag image names).
        side: The side its flags give, or ``None`` for a shared cell (shares in %) or no flag.
        line: 1-based line in the file.
    """

    governorate: str
    name: str
    held_by: str
    side: str | None
    line: int


def flag_side(cell: str) -> str | None:
    """The side a "Held by" cell gives (:data:`FLAG_SIDES`), ``None`` for shares or no flag."""
    if "%" in cell:
        return None
    for flag, side in FLAG_SIDES:
        if flag in cell:
            return side
    return None


def parse_control_table(text: str) -> list[TownRow]:
    """The town rows of *Control of cities during the Syrian civil war*.

    One table per governorate section; the "Outside listed towns" rows are left out.
    """
    rows: list[TownRow] = []
    governorate = ""
    for number, raw in enumerate(text.split("\n"), start=1):
        heading = re.match(r"^##\s+(.*?)\s+Governorates?\b", raw)
        if heading:
            governorate = heading.group(1).strip()
            continue
        if raw.startswith("## "):
            governorate = ""
        cells = [c.strip() for c in raw.strip().strip("|").split("|")]
        if not governorate or len(cells) < 4 or cells[0] in ("Name", "---") or set(
                cells[0]) <= {"-"}:
            continue
        if cells[0].lower().startswith("outside listed"):
            continue
        held = re.sub(r"^[a-z]\s+", "", cells[3])
        rows.append(TownRow(governorate, cells[0], held, flag_side(held), number))
    return rows
