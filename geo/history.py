"""The shipped history: control changes read out of the chronicle corpus by ``geo``'s extractor.

``data/chronicles/`` holds the chronicles (Wikipedia articles on the battles and campaigns of
the wars, CC BY-SA 4.0, see its README). :func:`build_history` reads them with
:mod:`geo.chronicles` and :mod:`geo.extract` into ``data/history/events.csv`` (the ``geo
extract`` columns plus ``article``, the title and section of the chronicle each row is read
from); ``scripts/build_history.py`` rebuilds it byte-identically.

The generated file is never edited by hand: ``data/history/corrections.csv`` rejects or corrects
rows after review, one reason per row, the sentence quoted so a row that no longer matches after
a rebuild is caught (:func:`load_history` reports it). Every command loads the history beneath
the user's own events (:func:`with_history`): a user's report wins over the history at the same
place where they disagree within the dates either could mean. ``data/history/ends.csv``
(:func:`load_ends`) dates the end of a side's territory in a country, quoted from a chronicle: the
timeline ends the side's older marks there (rule 8 of :mod:`geo.timeline`); ``starts.csv``
(:func:`load_starts`) dates its first ground there, before which nothing is read backwards as
the side's (rule 9).
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from geo.errors import EventsFileError, Problem
from geo.factions import FACTIONS
from geo.io import csv_text, csv_value
from geo.models import EVENT_KINDS, Document, Event, Place
from geo.paths import data_path

#: Prefix of the document ids of history events once loaded: ``history:battle_of_tabqa:62``.
HISTORY_PREFIX = "history:"
#: Chronicles left out of the history: not narratives of fighting (the 2023 table of towns is
#: read as a snapshot instead, see ``scripts/build_snapshot_2023.py``).
NOT_NARRATIVE: frozenset[str] = frozenset({"control_of_cities_during_the_syrian_civil_war"})
#: Columns of a corrections file.
CORRECTION_COLUMNS: tuple[str, ...] = (
    "event_id", "action", "doc_id", "place_id", "date", "controller", "previous_controller",
    "kind", "reason", "sentence",
)
#: What the history keeps of the generated rows unless a correction touches them: changes of
#: hands read with some confidence. Sieges, partial advances and claims read from long
#: narratives are too often wrong (a siege that ended in a capture the extractor missed would
#: leave a town "contested" for years), so the history leaves them to the user's articles.
HISTORY_KINDS: frozenset[str] = frozenset({"capture", "recapture", "withdrawal", "siege_broken"})
#: Lowest confidence of a generated row the history keeps.
MIN_CONFIDENCE = 0.6
#: A row read from one sentence only is kept from this confidence; below it, only when two
#: sentences (of one chronicle or two) report the same change: a chronicle retells its key
#: changes (lead, body, other articles), while a stray misreading is usually alone.
ALONE_CONFIDENCE = 0.85
#: Confidence lost by a chronicle event whose sentence gives no date of its own.
UNDATED_PENALTY = 0.1
#: Days either side of a user's report within which it overrides the history at its place.
USER_WINS_DAYS = 31
#: Columns of an ends file (``data/history/ends.csv``).
END_COLUMNS: tuple[str, ...] = ("side", "country", "date", "doc_id", "reason", "sentence")
#: Countries an end can name: those of the maps.
END_COUNTRIES: frozenset[str] = frozenset({"SY", "IQ"})


@dataclass(frozen=True)
class HistoryCorrection:
    """A reviewed fix to one row of the generated history.

    Attributes:
        event_id: The row.
        action: ``reject`` (drop the row), ``correct`` (replace the fields given) or ``add`` (a
            change the extractor missed, read from the sentence of chronicle ``doc_id``). A row
            is found by ``event_id``, or, when a rebuild renamed it, by its place and sentence.
        changes: Field to new value (``date``, ``controller``, ``previous_controller``, ``kind``;
            for ``add`` also ``doc_id`` and ``place_id``).
        reason: Why, in words.
        sentence: The row's sentence as reviewed (its start is enough).
        line: ``file:line``.
    """

    event_id: str
    action: str
    changes: dict[str, str]
    reason: str
    sentence: str
    line: str


@dataclass(frozen=True)
class TerritoryEnd:
    """The day a chronicle says a side lost the last ground it held in a country, or took its first.

    An end (``ends.csv``): from that day the timeline draws no place of the country held by the
    side on older evidence (rule 8 of :mod:`geo.timeline`): a snapshot's mark of mid-2017 or a
    capture never reported reversed cannot outlive the end of the side's territory. A start
    (``starts.csv``, :func:`load_starts`): before that day no place of the country is the side's
    by a state read backwards (rule 9): a 2017 mark of IS is not IS's in 2012.

    Attributes:
        side: The faction (``is``).
        country: ``SY`` or ``IQ``.
        date: The day.
        doc_id: The chronicle chunk that says so (``war_against_the_islamic_state:52``).
        reason: Why, in words.
        sentence: The chronicle's sentence, quoted.
        line: ``file:line``.
    """

    side: str
    country: str
    date: date
    doc_id: str
    reason: str
    sentence: str
    line: str


def _rows(path: Path, columns: Sequence[str]) -> Iterator[tuple[str, dict[str, str]]]:
    """``(file:line, stripped cells of columns)`` for each row of a hand-kept CSV file.

    Raises:
        EventsFileError: The file cannot be read or lacks one of ``columns``.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise EventsFileError(f"{path}: cannot read: {error}") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise EventsFileError(f"{path}:1: {missing[0]}: missing column")
    for row in reader:
        yield f"{path}:{reader.line_num}", {k: (row.get(k) or "").strip() for k in columns}


def load_ends(path: Path | str | None = None) -> list[TerritoryEnd]:
    """Read an ends file (:data:`END_COLUMNS`); ``data/history/ends.csv`` when ``None``.

    A missing shipped file gives no ends.

    Raises:
        EventsFileError: ``file:line: column: message`` for a missing column or value, an
            unknown faction or country, or a date that does not parse.
    """
    return _load_bounds(path, "ends.csv")


def load_starts(path: Path | str | None = None) -> list[TerritoryEnd]:
    """Read a starts file (the columns of an ends file); ``data/history/starts.csv`` when ``None``.

    Each row is the first day a chronicle shows a side holding ground in a country (rule 9 of
    :mod:`geo.timeline`). A missing shipped file gives no starts.

    Raises:
        EventsFileError: As :func:`load_ends`.
    """
    return _load_bounds(path, "starts.csv")


def _load_bounds(path: Path | str | None, shipped: str) -> list[TerritoryEnd]:
    if path is None:
        path = history_dir() / shipped
        if not path.is_file():
            return []
    out: list[TerritoryEnd] = []
    for where, cell in _rows(Path(path), END_COLUMNS):
        for column in END_COLUMNS:
            if not cell[column]:
                raise EventsFileError(f"{where}: {column}: missing")
        if cell["side"] not in FACTIONS:
            raise EventsFileError(f"{where}: side: unknown faction {cell['side']!r}")
        if cell["country"] not in END_COUNTRIES:
            raise EventsFileError(f"{where}: country: unknown country {cell['country']!r}")
        try:
            day = date.fromisoformat(cell["date"])
        except ValueError:
            raise EventsFileError(
                f"{where}: date: not a date (YYYY-MM-DD): {cell['date']!r}") from None
        out.append(TerritoryEnd(cell["side"], cell["country"], day, cell["doc_id"],
                                cell["reason"], cell["sentence"], where))
    return out


def history_dir() -> Path:
    """``data/history/`` of the installed package."""
    return data_path("history")


def chronicles_dir() -> Path:
    """``data/chronicles/`` of the installed package."""
    return data_path("chronicles")


def is_history(doc_id: str) -> bool:
    """Whether a document id is one of the shipped history's."""
    return doc_id.startswith(HISTORY_PREFIX)


def refine_chronicle_dates(events: Sequence[Event], documents: Sequence[Document]
                           ) -> list[Event]:
    """Give events dated only by their chunk's anchor the anchor's own precision.

    The extractor dates a change whose sentence has no date of its own to the document's
    ``published`` day with week precision; in a chronicle that day is the end of the anchor
    (a month's last day for "In March 2015"), so such an event takes the anchor's middle and
    precision instead, and loses :data:`UNDATED_PENALTY` of its confidence: a change the
    sentence does not date is less sure to be read right.
    """
    anchors: dict[str, tuple[date, str, date]] = {}
    for doc in documents:
        note = doc.date_note or ""
        if doc.published is None or not note.startswith("chronicle: "):
            continue
        precision = note.split()[1]
        day = doc.published
        if precision == "month":
            day = day.replace(day=15)
        elif precision == "year":
            day = date(day.year, 7, 1)
        anchors[doc.id] = (day, precision, doc.published)
    out: list[Event] = []
    for e in events:
        anchor = anchors.get(e.doc_ids[0])
        if anchor is not None and e.date_precision == "week" and e.date == anchor[2]:
            e = replace(e, date=anchor[0], date_precision=anchor[1],  # type: ignore[arg-type]
                        confidence=round(max(0.0, e.confidence - UNDATED_PENALTY), 2))
        out.append(e)
    return out


def read_chronicles(directory: Path | str) -> tuple[list[Document], list[Problem]]:
    """Every chronicle of a directory (``*.md`` with front matter), as dated documents."""
    from geo.chronicles import chronicle_documents, is_chronicle

    folder = Path(directory)
    documents: list[Document] = []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.md")):
        if path.stem in NOT_NARRATIVE:
            continue
        text = path.read_text(encoding="utf-8")
        if not is_chronicle(text):
            continue
        docs, trouble = chronicle_documents(text, path, path.name)
        documents.extend(docs)
        problems.extend(trouble)
    return documents, problems


def build_history(
    directory: Path | str | None = None, *, jobs: int | None = 1
) -> tuple[str, list[Problem]]:
    """Read the chronicles into the history file's text.

    Args:
        directory: The chronicles; the shipped ``data/chronicles/`` when ``None``.
        jobs: Worker processes for extraction (``None``: every core); the text is the same
            for any number.

    Returns:
        The CSV text (``geo extract`` columns plus ``article`` and ``loser_from``
        (:func:`geo.losers.infer_losers`), merged, sorted by date and
        place) and the problems met (dates that could not be anchored, unresolved places).
    """
    from geo.extract import EVENT_COLUMNS, events_to_csv, extract_events, merge_events
    from geo.gazetteer import Gazetteer
    from geo.losers import infer_losers

    documents, problems = read_chronicles(directory or chronicles_dir())
    gazetteer = Gazetteer.load()
    result = extract_events(documents, gazetteer, jobs=jobs)
    events = merge_events(refine_chronicle_dates(result.events, documents))
    countries = {e.place_id: p.country for e in events
                 if e.place_id and (p := gazetteer.get(e.place_id)) is not None}
    first_ground = {(b.side, b.country): b.date for b in load_starts()}
    events, loser_from = infer_losers(events, documents, countries, first_ground)
    titles = {d.id: d.title or "" for d in documents}
    rows = list(csv.DictReader(io.StringIO(events_to_csv(events))))
    table = [[*EVENT_COLUMNS, "article", "loser_from"]]
    for row, event in zip(rows, events, strict=True):
        table.append([*(csv_value(row[c]) for c in EVENT_COLUMNS),
                      titles.get(event.doc_ids[0], ""), loser_from.get(event.event_id, "")])
    return csv_text(table), [*problems, *result.problems]


def load_corrections(path: Path | str) -> list[HistoryCorrection]:
    """Read a history corrections file (:data:`CORRECTION_COLUMNS`).

    Raises:
        EventsFileError: ``file:line: column: message`` for a missing column, an unknown action,
            faction or kind, a date that does not parse, or a row without reason or sentence.
    """
    out: list[HistoryCorrection] = []
    for where, cell in _rows(Path(path), CORRECTION_COLUMNS):
        if cell["action"] not in ("reject", "correct", "add"):
            raise EventsFileError(
                f"{where}: action: {cell['action']!r} is not reject, correct or add")
        needed = ("doc_id", "place_id", "date", "controller", "kind") if (
            cell["action"] == "add") else ("event_id",)
        for column in (*needed, "reason", "sentence"):
            if not cell[column]:
                raise EventsFileError(f"{where}: {column}: missing")
        changes = {k: cell[k] for k in ("doc_id", "place_id", "date", "controller",
                                        "previous_controller", "kind") if cell[k]}
        if cell["action"] == "correct" and not set(changes) - {"doc_id", "place_id"}:
            raise EventsFileError(f"{where}: controller: a correction changes nothing")
        for column in ("controller", "previous_controller"):
            if column in changes and changes[column] not in FACTIONS:
                raise EventsFileError(f"{where}: {column}: unknown faction {changes[column]!r}")
        if "kind" in changes and changes["kind"] not in EVENT_KINDS:
            raise EventsFileError(f"{where}: kind: unknown kind {changes['kind']!r}")
        if "date" in changes:
            try:
                date.fromisoformat(changes["date"])
            except ValueError:
                raise EventsFileError(
                    f"{where}: date: not a date (YYYY-MM-DD): {changes['date']!r}") from None
        out.append(HistoryCorrection(cell["event_id"], cell["action"], changes, cell["reason"],
                                     cell["sentence"], where))
    return out


def _words(text: str) -> str:
    return " ".join(text.split())


def keeps(event: Event) -> bool:
    """Whether the history keeps a generated row that no correction touches."""
    return event.kind in HISTORY_KINDS and event.confidence >= MIN_CONFIDENCE and (
        len(set(event.doc_ids)) >= 2 or event.confidence >= ALONE_CONFIDENCE)


def _added(fix: HistoryCorrection, places: Mapping[str, Place] | None) -> Event:
    c = fix.changes
    key = "\x1f".join(("add", c["doc_id"], c["place_id"], c["controller"], c["date"]))
    place = places.get(c["place_id"]) if places is not None else None
    return Event(
        event_id=fix.event_id or hashlib.sha1(key.encode("utf-8")).hexdigest()[:12],
        date=date.fromisoformat(c["date"]), date_precision="day",
        place=place.name if place else c["place_id"], place_id=c["place_id"],
        lat=place.lat if place else None, lon=place.lon if place else None,
        controller=c["controller"], previous_controller=c.get("previous_controller"),
        kind=c["kind"], confidence=0.9, doc_ids=(c["doc_id"],),  # type: ignore[arg-type]
        sentence=fix.sentence,
    )


def apply_corrections(
    events: Sequence[Event], corrections: Iterable[HistoryCorrection],
    places: Mapping[str, Place] | None = None,
) -> tuple[list[Event], list[Problem]]:
    """Apply the history policy and the reviewed corrections to the generated rows.

    Rows :func:`keeps` are kept; a ``reject``
    drops a row, a ``correct`` replaces its fields (and keeps it whatever its kind), an ``add``
    puts in a change the extractor missed. A correction whose row is gone or whose sentence no
    longer matches is reported (and not applied).

    Returns:
        The history events, in date order, and the problems.
    """
    by_id = {e.event_id: e for e in events}
    by_place: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        by_place[e.place_id or ""].append(e)
    fixes: dict[str, HistoryCorrection] = {}
    out: list[Event] = []
    problems: list[Problem] = []
    for fix in corrections:
        if fix.action == "add":
            out.append(_added(fix, places))
            continue
        quoted = _words(fix.sentence.rstrip(".…"))
        event = by_id.get(fix.event_id)
        if event is None or not _words(event.sentence).startswith(quoted):
            # A rebuild with another extractor renames rows: find the row by place and sentence.
            place = fix.changes.get("place_id") or (event.place_id if event else "") or ""
            same = [e for e in by_place.get(place, []) if _words(e.sentence).startswith(quoted)]
            event = same[0] if len(same) == 1 else None
        if event is None:
            problems.append(Problem(fix.line, None, "event_id",
                                    f"history correction {fix.event_id} not applied: no row of "
                                    "its place has its id or its sentence"))
            continue
        fixes[event.event_id] = fix
    for event in events:
        found = fixes.get(event.event_id)
        if found is None:
            if keeps(event):
                out.append(event)
        elif found.action == "correct":
            changes: dict[str, object] = {k: v for k, v in found.changes.items()
                                          if k not in ("place_id", "doc_id")}
            if "date" in changes:
                changes["date"] = date.fromisoformat(found.changes["date"])
            out.append(replace(event, **changes))  # type: ignore[arg-type]
    out.sort(key=lambda e: (e.date, e.place, e.controller, e.event_id))
    return out, problems


def load_history(
    directory: Path | str | None = None, places: Mapping[str, Place] | None = None
) -> tuple[list[Event], list[Problem]]:
    """The shipped history, its policy and corrections applied, document ids ``history:...``.

    Args:
        directory: Holding ``events.csv`` and ``corrections.csv``; ``data/history/`` when
            ``None``. A missing ``events.csv`` gives no history.
        places: The gazetteer's places, for the coordinates of added rows.
    """
    from geo.extract import read_events

    folder = Path(directory) if directory is not None else history_dir()
    file = folder / "events.csv"
    if not file.is_file():
        return [], []
    events = read_events(file)
    corrections_file = folder / "corrections.csv"
    fixes = load_corrections(corrections_file) if corrections_file.is_file() else []
    events, problems = apply_corrections(events, fixes, places)
    events = [replace(e, doc_ids=tuple(HISTORY_PREFIX + d for d in e.doc_ids),
                      conflict=tuple(c for c in e.conflict)) for e in events]
    return events, problems


def with_history(user: Sequence[Event], history: Sequence[Event]) -> list[Event]:
    """The user's events over the history's.

    A history event is left out where a user's event of the same place names another side
    within :data:`USER_WINS_DAYS` days (or the coarser of the two precisions) of it.

    Returns:
        The history events kept, then the user's events.
    """
    from geo.merge import PRECISION_DAYS

    by_place: dict[str, list[Event]] = defaultdict(list)
    for e in user:
        if e.place_id:
            by_place[e.place_id].append(e)
    kept: list[Event] = []
    for h in history:
        rivals = by_place.get(h.place_id or "", [])
        overridden = any(
            u.controller != h.controller
            and abs((u.date - h.date).days) <= max(
                USER_WINS_DAYS, PRECISION_DAYS[u.date_precision], PRECISION_DAYS[h.date_precision])
            for u in rivals
        )
        if not overridden:
            kept.append(h)
    return [*kept, *user]


def history_span(events: Iterable[Event]) -> tuple[date, date] | None:
    """First and last date of the history events among ``events``."""
    days = [e.date for e in events if any(is_history(d) for d in e.doc_ids)]
    return (min(days), max(days)) if days else None


__all__ = [
    "END_COLUMNS", "HISTORY_PREFIX", "HistoryCorrection", "TerritoryEnd", "apply_corrections",
    "build_history", "history_span", "is_history", "load_corrections", "load_ends",
    "load_history", "load_starts", "read_chronicles",
    "refine_chronicle_dates", "with_history",
]
