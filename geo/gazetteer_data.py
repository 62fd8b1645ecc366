"""The gazetteer's value types and its files: columns, rows checked, foreign places.

Part of :mod:`geo.gazetteer`.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from geo.errors import GazetteerError, Problem
from geo.io import csv_value
from geo.models import PLACE_KINDS, MentionStatus, Place
from geo.paths import data_path

COLUMNS: tuple[str, ...] = (
    "id", "name", "alt_names", "lat", "lon", "kind", "admin1", "country", "population", "source",
)
FOREIGN_COLUMNS: tuple[str, ...] = ("name", "alt_names", "lat", "lon", "kind", "country", "source")

# --- values ----------------------------------------------------------------------------------

KIND_WEIGHT: Mapping[str, float] = {
    "city": 1.0, "region": 0.75, "town": 0.8, "river": 0.6, "airport": 0.55, "base": 0.5,
    "oilfield": 0.5, "dam": 0.5, "crossing": 0.5, "village": 0.4, "hill": 0.3,
}


@dataclass(frozen=True)
class ForeignPlace:
    """A place outside the map (a capital abroad, a neighbouring country).

    Attributes:
        name: Preferred name.
        alt_names: Other spellings.
        lat: Latitude.
        lon: Longitude.
        kind: ``city``, ``country`` or ``region``.
        country: ISO 3166 alpha-2 code.
        source: Where the coordinates come from.
    """

    name: str
    alt_names: tuple[str, ...]
    lat: float
    lon: float
    kind: str
    country: str
    source: str = ""


@dataclass(frozen=True)
class Candidate:
    """A place a name may refer to, with its score (higher is better, 0 to 1)."""

    place: Place
    score: float


@dataclass(frozen=True)
class Resolution:
    """What a name resolves to.

    Attributes:
        query: The name asked about.
        place: The chosen place, or ``None``.
        status: ``resolved``, ``ambiguous``, ``unresolved`` or ``foreign``.
        score: Confidence of the choice, 0 to 1.
        candidates: Every candidate, best first.
        foreign: The foreign place when ``status`` is ``foreign``.
        similarity: 1.0 when the name is a spelling of the place; below when it was matched
            fuzzily (a typo, "Ras al-Aun"), the similarity it matched at.
    """

    query: str
    place: Place | None
    status: MentionStatus
    score: float
    candidates: tuple[Candidate, ...] = ()
    foreign: ForeignPlace | None = None
    similarity: float = 1.0


# --- loading ---------------------------------------------------------------------------------


def _read_text(path: Path) -> str:
    """The UTF-8 text of a gazetteer file; a bad byte is named by line and column."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise GazetteerError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise GazetteerError(
            f"{path}:{line}: not UTF-8 text (byte 0x{data[error.start]:02x} at column {column}); "
            "save it as UTF-8"
        ) from None


def _parse_rows(path: Path) -> tuple[dict[str, Place], list[Problem], dict[str, int]]:
    """The places of a gazetteer file, the problems of its rows, and each place's line."""
    places: dict[str, Place] = {}
    problems: list[Problem] = []
    lines: dict[str, int] = {}
    name = str(path)
    reader = csv.reader(io.StringIO(_read_text(path), newline=""))
    header = next(reader, None)
    if header is None:
        return places, [Problem(name, 1, None, "empty file, expected a header row")], lines
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        return places, [Problem(name, 1, missing[0], "missing column")], lines
    col = {c: header.index(c) for c in COLUMNS}
    width = len(header)
    line = reader.line_num
    for row in reader:
        line, first = reader.line_num, line + 1
        if not row:
            continue
        if len(row) != width:
            problems.append(Problem(name, first, None,
                                    f"expected {width} fields, found {len(row)}"))
            continue
        place, problem = _parse_place([csv_value(c) if c[:1] == "'" else c for c in row], col,
                                      name, first)
        if problem is not None:
            problems.append(problem)
            continue
        assert place is not None
        if place.id in places:
            problems.append(Problem(name, first, "id", f"duplicate id {place.id!r}"))
            continue
        places[place.id] = place
        lines[place.id] = first
    return places, problems, lines


def _coordinate(text: str, low: float, high: float) -> float | str:
    if not text.strip():
        return "missing"
    try:
        value = float(text)
    except ValueError:
        return f"not a number: {text!r}"
    if not (low <= value <= high) or math.isnan(value):
        return f"out of range [{low:g}, {high:g}]: {text}"
    return value


def _parse_place(
    row: list[str], col: Mapping[str, int], name: str, line: int
) -> tuple[Place | None, Problem | None]:
    pid = row[col["id"]].strip()
    if not pid:
        return None, Problem(name, line, "id", "missing")
    if not row[col["name"]].strip():
        return None, Problem(name, line, "name", "missing")
    lat = _coordinate(row[col["lat"]], -90.0, 90.0)
    if isinstance(lat, str):
        return None, Problem(name, line, "lat", lat)
    lon = _coordinate(row[col["lon"]], -180.0, 180.0)
    if isinstance(lon, str):
        return None, Problem(name, line, "lon", lon)
    kind = row[col["kind"]].strip()
    if kind not in PLACE_KINDS:
        return None, Problem(name, line, "kind",
                             f"unknown kind {kind!r} (expected one of {', '.join(PLACE_KINDS)})")
    alt_text = row[col["alt_names"]]
    alts: tuple[str, ...] = ()
    if alt_text:
        alts = tuple(alt_text.split("|"))
        if any(not a.strip() or a != a.strip() for a in alts):
            return None, Problem(name, line, "alt_names",
                                 f"malformed name list {alt_text!r}: empty name or stray space")
    population: int | None = None
    pop_text = row[col["population"]].strip()
    if pop_text:
        if not pop_text.isdigit():
            return None, Problem(name, line, "population", f"not a whole number: {pop_text!r}")
        population = int(pop_text)
    return Place(
        id=pid, name=row[col["name"]], alt_names=alts, lat=lat, lon=lon, kind=kind,
        admin1=row[col["admin1"]], country=row[col["country"]].strip(), population=population,
        source=row[col["source"]],
    ), None


def check(path: Path | str | None = None) -> list[Problem]:
    """Check a gazetteer file; see :func:`geo.gazetteer_check.check` (rows and countries)."""
    from geo.gazetteer_check import check as check_file

    return check_file(path)


def load_foreign(path: Path) -> list[ForeignPlace]:
    """Read a foreign-places CSV (`name, alt_names, lat, lon, kind, country, source`)."""
    if not path.is_file():
        return []
    out: list[ForeignPlace] = []
    reader = csv.DictReader(io.StringIO(_read_text(path), newline=""))
    for line, row in enumerate(reader, start=2):
        try:
            out.append(ForeignPlace(
                name=row["name"], alt_names=tuple(a for a in row["alt_names"].split("|") if a),
                lat=float(row["lat"]), lon=float(row["lon"]), kind=row["kind"],
                country=row["country"], source=row.get("source") or "",
            ))
        except (KeyError, ValueError, TypeError) as error:
            raise GazetteerError(f"{path}:{line}: malformed foreign place: {error}") from None
    return out


def _load_words(path: Path) -> frozenset[str]:
    if not path.is_file():
        return frozenset()
    return frozenset(_read_text(path).split())


def _beside(file: Path, name: str) -> Path:
    sibling = file.parent / name
    return sibling if sibling.is_file() else data_path(name)


@dataclass
class _Hit:
    start_tok: int
    end_tok: int  # exclusive
    key: str
    start: int
    end: int
    sentence: int
    ids: tuple[str, ...] = ()
    foreign: ForeignPlace | None = None
    fuzzy: float = 1.0
