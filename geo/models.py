"""Value types passed between the pipeline stages.

Stages depend only on these types, on :mod:`geo.errors` and on the stages before them. All are
frozen dataclasses so a value can be cached, hashed and compared in tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

DateSource = Literal["text", "manifest", "none"]
DatePrecision = Literal["day", "week", "month", "year"]
#: The years a date given by a user (an option, an events file) may have: a date far outside the
#: wars is a typo, and one at the ends of the calendar breaks date arithmetic.
DATE_YEARS = (1900, 2100)

EventKind = Literal[
    "capture", "recapture", "withdrawal", "siege", "siege_broken", "partial", "claim"
]
MentionStatus = Literal["resolved", "ambiguous", "unresolved", "foreign"]
EvidenceKind = Literal["snapshot", "correction", "observation", "event", "area", "none"]

EVENT_KINDS: tuple[str, ...] = (
    "capture",
    "recapture",
    "withdrawal",
    "siege",
    "siege_broken",
    "partial",
    "claim",
)
PLACE_KINDS: tuple[str, ...] = (
    "city",
    "town",
    "village",
    "base",
    "airport",
    "oilfield",
    "hill",
    "dam",
    "crossing",
    "region",
    "river",
)


@dataclass(frozen=True)
class Document:
    """One dated article read from a file (or the N-th article of an archive page).

    Attributes:
        id: Stable id: the file stem, plus ``#N`` for the N-th article of an archive.
        text: The article body as read (title and header lines included).
        source_file: Path of the file it came from, as given by the user.
        line: 1-based line in ``source_file`` where the article starts.
        published: Publication date, or ``None`` when neither text nor manifest gives one.
        date_source: Where ``published`` came from.
        title: Headline, when one is found.
        outlet: Publishing outlet (``Source: ...`` line or manifest).
        url: Link to the original (``Link: ...`` line or manifest).
        date_note: How a manifest date was inferred, when the text carries none.
        country: ``SY`` or ``IQ`` when the document is cut from a longer text about one
            country (a chronicle's chunk: its article names it far more often than the other),
            else ``""``; a namesake across the border is chosen by it when the document's own
            words do not decide.
    """

    id: str
    text: str
    source_file: str
    line: int = 1
    published: dt.date | None = None
    date_source: DateSource = "none"
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    date_note: str | None = None
    country: str = ""

    @property
    def words(self) -> int:
        """Number of whitespace-separated words in the text."""
        return len(self.text.split())


@dataclass(frozen=True)
class Place:
    """A row of the gazetteer.

    Attributes:
        id: Stable id (``data/gazetteer.csv``).
        name: Preferred English name.
        alt_names: Other spellings, as the press and the sources write them.
        lat: Latitude, WGS84.
        lon: Longitude, WGS84.
        kind: One of :data:`PLACE_KINDS`.
        admin1: Governorate / province name, or ``""``.
        country: ISO 3166 alpha-2 code.
        population: Population when a source gives it.
        source: Where the row comes from (``wp:123;geonames:456;curated``).
    """

    id: str
    name: str
    alt_names: tuple[str, ...]
    lat: float
    lon: float
    kind: str
    admin1: str = ""
    country: str = "SY"
    population: int | None = None
    source: str = ""


@dataclass(frozen=True)
class Mention:
    """A place name found in a document.

    Attributes:
        doc_id: Document the name is in.
        surface: The name as written.
        start: Character offset of the name in the document text.
        end: Character offset just past the name.
        sentence_index: 0-based index of the sentence holding the name.
        place_id: The chosen place, or ``None`` when unresolved or foreign.
        status: ``resolved``, ``ambiguous`` (chosen among several), ``unresolved`` or ``foreign``.
        candidates: Ids of every candidate place, best first.
        score: Confidence of the choice, 0 to 1.
        similarity: 1.0 when the surface is a spelling of the place; below when it was
            matched fuzzily, the similarity it matched at.
    """

    doc_id: str
    surface: str
    start: int
    end: int
    sentence_index: int
    place_id: str | None
    status: MentionStatus
    candidates: tuple[str, ...] = ()
    score: float = 1.0
    similarity: float = 1.0


@dataclass(frozen=True)
class Event:
    """A change of control stated in one or more documents.

    Attributes:
        event_id: Stable id derived from content (not random).
        date: When the change happened (not when it was reported).
        date_precision: ``day``, ``week``, ``month`` or ``year``.
        place: The place name as written.
        place_id: Gazetteer id, or ``None`` when the place did not resolve.
        lat: Latitude of the place, or ``None``.
        lon: Longitude of the place, or ``None``.
        controller: Faction id of the side that gained (or besieges) the place.
        previous_controller: Faction id of the side that lost it, or ``None``.
        kind: One of :data:`EVENT_KINDS`.
        confidence: 0 to 1.
        doc_ids: Documents reporting it (one, or several after merging).
        sentence: The sentence that says so (of the first document).
        conflict: Ids of events that contradict this one (same place and time, other side).
        contradicted_by: Documents that deny this claim (the same document or another:
            :func:`geo.merge.apply_denials`); the timeline does not apply it.
    """

    event_id: str
    date: dt.date
    date_precision: DatePrecision
    place: str
    place_id: str | None
    lat: float | None
    lon: float | None
    controller: str
    previous_controller: str | None
    kind: EventKind
    confidence: float
    doc_ids: tuple[str, ...]
    sentence: str
    conflict: tuple[str, ...] = field(default=())
    contradicted_by: tuple[str, ...] = field(default=())

    @property
    def doc_id(self) -> str:
        """The reporting documents in one cell, ``;``-separated (see :func:`join_ids`)."""
        return join_ids(self.doc_ids)


def join_ids(ids: Iterable[str]) -> str:
    r"""Join document ids into one ``;``-separated cell that :func:`split_ids` reads back.

    An id may hold any character: a ``;`` inside an id is written ``\;`` and a backslash
    ``\\``, so ``a;b`` and ``c\d`` give ``a\;b;c\\d``. Ids without either character are
    written as they are.
    """
    return ";".join(i.replace("\\", "\\\\").replace(";", "\\;") for i in ids)


def split_ids(cell: str) -> tuple[str, ...]:
    """The document ids of a cell written by :func:`join_ids` (empty ids dropped)."""
    ids: list[str] = []
    current: list[str] = []
    chars = iter(cell)
    for char in chars:
        if char == "\\":
            current.append(next(chars, "\\"))
        elif char == ";":
            ids.append("".join(current))
            current = []
        else:
            current.append(char)
    ids.append("".join(current))
    return tuple(i for i in ids if i)


@dataclass(frozen=True)
class Observation:
    """A statement in passing that a side holds a place on a date ("the opposition-held valley").

    Attributes:
        date: The date the statement describes.
        place: The place name as written.
        place_id: Gazetteer id, or ``None``.
        controller: Faction id.
        doc_id: Document it comes from.
        sentence: The sentence.
        contested_with: Other sides when the text says the place is shared or fought over.
    """

    date: dt.date
    place: str
    place_id: str | None
    controller: str
    doc_id: str
    sentence: str
    contested_with: tuple[str, ...] = ()


@dataclass(frozen=True)
class Denial:
    """A report that a change of control did not happen.

    "The rebels denied that the army had taken X", "reports that X had fallen proved premature".

    Attributes:
        date: When the denial was made (the document's publication date).
        place: The place name as written.
        place_id: Gazetteer id.
        doc_id: Document it comes from.
        sentence: The sentence.
        claimed: The side whose gain is denied, when the sentence names it.
        denier: The side that denies, when the sentence names it (never the claimed side).
    """

    date: dt.date
    place: str
    place_id: str
    doc_id: str
    sentence: str
    claimed: str | None = None
    denier: str | None = None


@dataclass(frozen=True)
class PlaceState:
    """Who holds a place on a date, and why ``geo`` thinks so.

    Attributes:
        date: The date asked about.
        place_id: Gazetteer id.
        controller: Faction id (``contested`` when fought over, ``unknown`` without evidence).
        contested_with: The sides fighting over it when ``controller`` is ``contested``.
        since: Date of the evidence that set the state, or ``None``.
        evidence: Kind of that evidence.
        source: Snapshot name, or ``doc_id`` of the document.
        sentence: The sentence behind it, when the evidence is from an article.
        backwards: True when the state is a snapshot (or event) dated after ``date``, read
            backwards because nothing earlier speaks of the place.
        uncertain: True when the state rests only on evidence far from ``date`` (see
            :mod:`geo.timeline`) or only on a snapshot read backwards; maps draw it faded and
            hatched, and ``geo stats`` counts it apart.
    """

    date: dt.date
    place_id: str
    controller: str
    contested_with: tuple[str, ...] = ()
    since: dt.date | None = None
    evidence: EvidenceKind = "none"
    source: str = ""
    sentence: str = ""
    backwards: bool = False
    uncertain: bool = False

    @property
    def age_days(self) -> int | None:
        """Days between ``date`` and the evidence behind the state (``None`` without evidence)."""
        return None if self.since is None else abs((self.date - self.since).days)
