"""Dates in news copy, resolved against the publication date.

:func:`find_dates` finds the date expressions of a sentence and resolves each to a
:class:`DateRef` (the day, its precision and where it is written). Rules:

* Absolute: "on Feb. 23", "17 August", "August 21, 2017", "2017-09-05" (day); "in May 2015",
  "mid-January 2016" (month, put on the 15th); "in 2014" (year, put on 1 July). A day or month
  without a year takes the publication year, or the year before when that would be after
  publication.
* Relative to publication: "today", "this morning", "this afternoon", "tonight" (the day);
  "yesterday" (the day before); "on Thursday", "Thursday's" (the most recent Thursday on or
  before publication: in an article of Friday 3 March 2017, 2 March; in one of a Thursday, that
  day); "last Thursday" (strictly before); "over the weekend", "last weekend" (the Sunday before,
  week precision); "this week" (publication day, week); "last week" (middle of the previous
  calendar week, week); "N days ago"; "this month" (month) and "earlier this month" (halfway
  between the first and publication, month); "last month" (month before); "in August" (the most
  recent August not after publication, month); "last December" (the most recent December
  strictly before the publication month); "this year" (year) and "earlier this year" (halfway
  between 1 January and publication, year); "last year" (year before); "late last year",
  "early this year", "mid-last year" (15 November, 15 February, 15 July; month); seasons
  ("last spring", "the summer", "winter 2015": the season's middle month, the 15th; month);
  "overnight" (the day), "last night" (the day before); "the next day", "two days later"
  (``later_days`` after the change told before; the extractor resolves them).
* A relative expression needs a publication date; without one it is skipped (the caller reports
  it). A date introduced by "since" or "until" bounds a period and is flagged ``since``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from geo.models import DatePrecision
from geo.text import alternation

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "a": 1, "an": 1, "several": 3, "few": 3}

# Month names are only months with a capital ("March", "May"): lower case they are words.
_MONTH = (r"(?P<month>January|February|March|April|May|June|July|August|September|October"
          r"|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?")
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

_PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b"),
    ("month_day", rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?"),
    ("day_month", rf"\b{_DAY}\s+(?:(?i:of)\s+)?{_MONTH}(?:,?\s+{_YEAR}\b)?"),
    ("month_year", rf"\b(?P<part>(?:early|mid|late)[- ])?{_MONTH}\s+(?:of\s+)?{_YEAR}\b"),
    ("last_month_name", rf"\b(?i:last|past)\s+{_MONTH}(?!\.?\s*\d)"),
    ("in_month", rf"\b(?i:in|since|until|by|during|early|mid|late|of)[- ]{_MONTH}(?!\.?\s*\d)"),
    ("year", rf"\b(?P<part>(?i:early|mid|late)[- ])?{_YEAR}\b(?!\s*[-–/]\d)"),
    ("yesterday", r"\b(?i:yesterday)\b"),
    ("today", r"\b(?i:today|this\s+(?:morning|afternoon|evening)|tonight)\b"),
    ("weekend", r"\b(?i:(?:over|at|during)\s+the\s+(?:past\s+|last\s+)?weekend"
                r"|last\s+weekend|this\s+weekend)\b"),
    ("last_weekday", rf"\b(?i:last)\s+{_WEEKDAY}\b"),
    ("weekday", rf"\b{_WEEKDAY}\b"),
    ("last_week", r"\b(?i:last\s+week|the\s+previous\s+week|a\s+week\s+ago)\b"),
    ("this_week", r"\b(?i:this\s+week|earlier\s+this\s+week)\b"),
    ("days_ago", r"\b(?P<n>\d+|(?i:one|two|three|four|five|six|seven|a|an|several|few))\s+"
                 r"(?P<unit>(?i:days?|weeks?|months?|years?))\s+(?i:ago|earlier)\b"),
    ("this_month", r"\b(?i:(?P<earlier>earlier\s+)?this\s+month)\b"),
    ("last_month", r"\b(?i:last\s+month)\b"),
    ("part_year", r"\b(?i:(?:in\s+)?(?P<part>early|mid|late|the\s+end\s+of|the\s+start\s+of|"
                  r"the\s+beginning\s+of)[- ](?P<which>last|this)\s+year)\b"),
    ("this_year", r"\b(?i:(?P<earlier>earlier\s+)?this\s+year)\b"),
    ("last_year", r"\b(?i:last\s+year)\b"),
    ("season_year", rf"\b(?i:(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+"
                    rf"(?:of\s+)?){_YEAR}\b"),
    ("season", r"\b(?i:(?P<which>last|this|the|earlier\s+this)\s+"
               r"(?P<season>spring|summer|autumn|fall|winter))\b"),
    ("overnight", r"\b(?i:overnight)\b"),
    ("later", r"\b(?i:the\s+(?:next|following)\s+(?P<unit>day|week|month)|(?P<n>\d+|one|two|"
              r"three|four|five|six|seven|a|an|a\s+few|several)\s+(?P<unit2>days?|weeks?)\s+"
              r"later)\b"),
    ("last_night", r"\b(?i:last\s+night)\b"),
)
# The middle month of each season (winter: January of the year it ends in).
_SEASONS = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1}
@dataclass(frozen=True)
class DateRef:
    """A date expression found in a sentence.

    Attributes:
        start: Offset of the expression in the sentence.
        end: Offset just past it.
        text: The expression as written.
        date: The day it resolves to (mid-month, 1 July for a year).
        precision: ``day``, ``week``, ``month`` or ``year``.
        since: Whether it bounds a period ("since 2015", "until March") rather than dating a
            change.
        relative: Whether it was resolved against the publication date.
        later_days: For "the next day", "two days later": the days after the date of the
            change told before it (``date`` is then only the publication date).
    """

    start: int
    end: int
    text: str
    date: date
    precision: DatePrecision
    since: bool = False
    relative: bool = False
    later_days: int | None = None


def _compile() -> re.Pattern[str]:
    """One regex for every pattern, in order; groups renamed ``group__pattern``."""
    bodies = []
    for name, body in _PATTERNS:
        renamed = re.sub(r"\(\?P<(\w+)>", rf"(?P<\1__{name}>", body)
        bodies.append(f"(?P<{name}>{renamed})")
    return re.compile("|".join(bodies))


_ALL = _compile()
# Every date expression starts with one of these words (or a digit): the big regex is tried
# only there.
_STARTS = re.compile(
    r"\d|\b(?:" + alternation(
        [*MONTHS, *WEEKDAYS, *_NUMBERS, "last", "past", "in", "since", "until", "by", "during",
         "early", "mid", "late", "of", "yesterday", "today", "this", "tonight", "over", "at",
         "the", "earlier", "overnight", "spring", "summer", "autumn", "fall", "winter"])
    + r")", re.IGNORECASE)
# A sentence without any of these has no date expression: skip the big regex.
_HINT = re.compile(r"\d|day|week|month|year|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|"
                   r"today|tonight|morning|afternoon|evening|night|spring|summer|autumn|fall|"
                   r"winter", re.IGNORECASE)


def _mid_month(year: int, month: int, published: date | None) -> date:
    day = date(year, month, 15)
    if published and day > published and (year, month) == (published.year, published.month):
        return published
    return day


def _month_before(published: date, month: int, *, strictly: bool) -> date:
    year = published.year
    if month > published.month or (strictly and month == published.month):
        year -= 1
    return _mid_month(year, month, published)


def _with_year(month: int, day: int, year: str | None, published: date | None) -> date | None:
    if year:
        y = int(year)
    elif published:
        y = published.year
    else:
        return None
    try:
        value = date(y, month, day)
    except ValueError:
        return None
    if not year and published and value > published:
        try:
            value = date(y - 1, month, day)
        except ValueError:
            return None
    return value


def _weekday_before(published: date, weekday: int, *, strictly: bool) -> date:
    back = (published.weekday() - weekday) % 7
    if strictly and back == 0:
        back = 7
    return published - timedelta(days=back)


def _resolve(name: str, groups: dict[str, str], published: date | None
             ) -> tuple[date, str] | None:
    m = groups
    month_name = groups.get("month")
    month = MONTHS.get(month_name.lower()) if month_name else None
    if name == "iso":
        try:
            return date(int(m["year"]), int(m["mon"]), int(m["day"])), "day"
        except ValueError:
            return None
    if name in ("month_day", "day_month") and month:
        value = _with_year(month, int(m["day"]), groups.get("year"), published)
        return (value, "day") if value else None
    if name == "month_year" and month:
        return _mid_month(int(m["year"]), month, published), "month"
    if name == "year":
        year = int(m["year"])
        if published and year > published.year:
            return None
        value = date(year, 7, 1)
        part = (groups.get("part") or "").lower()
        if part.startswith("early"):
            value = date(year, 3, 1)
        elif part.startswith("late"):
            value = date(year, 11, 1)
        if published and value > published:
            value = published
        return value, "year"
    if published is None:
        return None
    if name == "last_month_name" and month:
        return _month_before(published, month, strictly=True), "month"
    if name == "in_month" and month:
        return _month_before(published, month, strictly=False), "month"
    if name == "yesterday":
        return published - timedelta(days=1), "day"
    if name == "today":
        return published, "day"
    if name == "weekend":
        back = (published.weekday() - 6) % 7
        return published - timedelta(days=back), "week"
    if name == "last_weekday":
        return _weekday_before(published, WEEKDAYS[m["weekday"].lower()], strictly=True), "day"
    if name == "weekday":
        return _weekday_before(published, WEEKDAYS[m["weekday"].lower()], strictly=False), "day"
    if name == "last_week":
        monday = published - timedelta(days=published.weekday())
        return monday - timedelta(days=4), "week"
    if name == "this_week":
        return published, "week"
    if name == "days_ago":
        raw = m["n"].lower()
        n = int(raw) if raw.isdigit() else _NUMBERS.get(raw, 1)
        unit = m["unit"].lower()
        if unit.startswith("day"):
            return published - timedelta(days=n), "day" if n <= 3 else "week"
        if unit.startswith("week"):
            return published - timedelta(days=7 * n), "week"
        if unit.startswith("month"):
            return published - timedelta(days=30 * n), "month"
        return published - timedelta(days=365 * n), "year"
    if name == "this_month":
        if groups.get("earlier"):  # between the first of the month and publication
            return published - timedelta(days=(published.day - 1) // 2), "month"
        return _mid_month(published.year, published.month, published), "month"
    if name == "last_month":
        first = published.replace(day=1) - timedelta(days=1)
        return date(first.year, first.month, 15), "month"
    if name == "this_year":
        if groups.get("earlier"):  # between the first of January and publication
            start = date(published.year, 1, 1)
            return start + (published - start) // 2, "year"
        value = date(published.year, 7, 1)
        return min(value, published), "year"
    if name == "part_year":
        year = published.year - (1 if m["which"].lower() == "last" else 0)
        part = m["part"].lower()
        month = 2 if part.startswith(("early", "the start", "the beginning")) else (
            7 if part == "mid" else 11)
        return min(date(year, month, 15), published), "month"
    if name in ("season", "season_year"):
        season = _SEASONS[m["season"].lower()]
        if name == "season_year":
            year = int(m["year"])
        else:
            year = published.year
            current = (published.month - season) % 12 in (0, 1, 11)
            if date(year, season, 1) > published or (m["which"].lower() == "last" and current):
                year -= 1
        return min(date(year, season, 15), published), "month"
    if name == "overnight":
        return published, "day"
    if name == "later":
        return published, "day"
    if name == "last_night":
        return published - timedelta(days=1), "day"
    if name == "last_year":
        return date(published.year - 1, 7, 1), "year"
    return None


def _later_days(groups: dict[str, str]) -> int:
    unit = (groups.get("unit") or groups.get("unit2") or "day").lower()
    raw = (groups.get("n") or "one").lower()
    n = int(raw) if raw.isdigit() else _NUMBERS.get(raw, 3 if raw in ("a few", "several") else 1)
    return n * {"day": 1, "week": 7, "month": 30}[unit.rstrip("s")]


_SINCE = re.compile(r"\b(?:since|until|till|from)\s+(?:early\s+|late\s+|mid-)?$", re.IGNORECASE)


def find_dates(sentence: str, published: date | None) -> list[DateRef]:
    """Find and resolve every date expression in ``sentence``.

    Args:
        sentence: The text to search.
        published: The publication date relative expressions are resolved against, or
            ``None`` (then only expressions with a year resolve).

    Returns:
        The resolved dates in text order, without overlaps (the longest expression wins).
    """
    if not _HINT.search(sentence):
        return []
    out: list[DateRef] = []
    last = 0
    for start_at in _STARTS.finditer(sentence):
        if start_at.start() < last:
            continue
        m = _ALL.match(sentence, start_at.start())
        if m is None:
            continue
        last = m.end()
        name = m.lastgroup
        if name is None:  # pragma: no cover - every alternative is a named group
            continue
        suffix = f"__{name}"
        groups = {k[: -len(suffix)]: v for k, v in m.groupdict().items()
                  if v is not None and k.endswith(suffix)}
        resolved = _resolve(name, groups, published)
        if resolved is None:
            continue
        value, precision = resolved
        later = _later_days(groups) if name == "later" else None
        start, text = m.start(), m.group(0)
        since = bool(_SINCE.search(sentence[max(0, start - 12) : start])) or text.lower(
        ).startswith(("since", "until"))
        relative = name not in ("iso", "month_year", "year", "season_year") and not (
            name in ("month_day", "day_month") and groups.get("year")
        )
        out.append(DateRef(start, m.end(), text, value, precision, since,  # type: ignore[arg-type]
                           relative, later))
    return out
