"""Events files: writing the ``geo extract`` columns as CSV or JSON, and reading them back.

A file written by :func:`write_events` (or edited by hand) is read by :func:`read_events`, which
names the file, line and column of each bad value.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from geo.errors import EventsFileError, Problem
from geo.factions import FACTIONS
from geo.io import atomic_write_text, check_writable, csv_text, csv_value
from geo.merge import PRECISION_DAYS
from geo.models import (
    DATE_YEARS,
    EVENT_KINDS,
    Event,
    join_ids,
    split_ids,
)

EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "date",
    "date_precision",
    "place",
    "place_id",
    "lat",
    "lon",
    "controller",
    "previous_controller",
    "kind",
    "confidence",
    "doc_id",
    "sentence",
    "contradicted_by",
)

#: Columns an events file written before they existed may lack.
_OPTIONAL = frozenset({"contradicted_by"})


def _row(event: Event) -> dict[str, str]:
    def number(value: float | None) -> str:
        return "" if value is None else f"{value:.5f}".rstrip("0").rstrip(".")

    return {
        "event_id": event.event_id,
        "date": event.date.isoformat(),
        "date_precision": event.date_precision,
        "place": event.place,
        "place_id": event.place_id or "",
        "lat": number(event.lat),
        "lon": number(event.lon),
        "controller": event.controller,
        "previous_controller": event.previous_controller or "",
        "kind": event.kind,
        "confidence": f"{event.confidence:.2f}",
        "doc_id": event.doc_id,
        "sentence": event.sentence,
        "contradicted_by": join_ids(event.contradicted_by),
    }


def events_to_csv(events: Iterable[Event]) -> str:
    """The events as CSV text with the :data:`EVENT_COLUMNS` header (cells through ``csv_cell``)."""
    rows = (_row(event) for event in events)
    return csv_text([EVENT_COLUMNS, *([row[c] for c in EVENT_COLUMNS] for row in rows)])


def events_to_json(events: Iterable[Event]) -> str:
    """The events as a JSON list of objects (the CSV columns, plus ``conflict``)."""
    rows: list[dict[str, Any]] = []
    for event in events:
        row: dict[str, Any] = dict(_row(event))
        row["lat"] = event.lat
        row["lon"] = event.lon
        row["confidence"] = event.confidence
        row["conflict"] = list(event.conflict)
        rows.append(row)
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def write_events(events: Iterable[Event], path: Path | str, force: bool = False) -> str:
    """Write events to ``path`` (``.json`` for JSON, otherwise CSV), or return them for ``-``.

    Args:
        events: The events, written in the order given.
        path: Destination; ``"-"`` returns the CSV text instead of writing (the CLI prints it).
        force: Overwrite an existing file.

    Returns:
        The text written.

    Raises:
        OutputExistsError: When ``path`` exists and ``force`` is false.
    """
    if str(path) == "-":
        return events_to_csv(events)
    target = Path(path)
    check_writable(target, force)
    text = events_to_json(events) if target.suffix.lower() == ".json" else events_to_csv(events)
    atomic_write_text(target, text, force=force)
    return text


def _parse_event(row: dict[str, Any], where: str) -> Event:
    def fail(column: str, message: str) -> EventsFileError:
        return EventsFileError(f"{where}: {column}: {message}")

    def text(column: str) -> str:
        value = row.get(column)
        return "" if value is None else str(value).strip()

    try:
        day = date.fromisoformat(text("date"))
    except ValueError:
        raise fail("date", f"not a date (YYYY-MM-DD): {text('date')!r}") from None
    if not DATE_YEARS[0] <= day.year <= DATE_YEARS[1]:
        raise fail("date", f"out of range (years {DATE_YEARS[0]} to {DATE_YEARS[1]}): "
                           f"{text('date')}")
    precision = text("date_precision")
    if precision not in PRECISION_DAYS:
        raise fail("date_precision",
                   f"unknown precision {precision!r} (expected day, week, month or year)")
    coords: list[float | None] = []
    for column, limit in (("lat", 90.0), ("lon", 180.0)):
        raw = text(column)
        if not raw:
            coords.append(None)
            continue
        try:
            value = float(raw)
        except ValueError:
            raise fail(column, f"not a number: {raw!r}") from None
        if not -limit <= value <= limit:  # also false for nan
            raise fail(column, f"out of range [{-limit:g}, {limit:g}]: {raw}")
        coords.append(value)
    if (coords[0] is None) != (coords[1] is None):
        missing = "lat" if coords[0] is None else "lon"
        raise fail(missing, "missing while the other coordinate is given")
    controller = text("controller")
    if controller not in FACTIONS:
        raise fail("controller", f"unknown faction {controller!r}")
    previous = text("previous_controller") or None
    if previous is not None and previous not in FACTIONS:
        raise fail("previous_controller", f"unknown faction {previous!r}")
    kind = text("kind")
    if kind not in EVENT_KINDS:
        raise fail("kind", f"unknown kind {kind!r} (expected one of {', '.join(EVENT_KINDS)})")
    try:
        confidence = float(text("confidence"))
    except ValueError:
        raise fail("confidence", f"not a number: {text('confidence')!r}") from None
    if not 0.0 <= confidence <= 1.0:
        raise fail("confidence", f"out of range [0, 1]: {text('confidence')}")
    doc_ids = split_ids(text("doc_id"))
    if not doc_ids:
        raise fail("doc_id", "missing")
    place = text("place")
    if not place:
        raise fail("place", "missing")
    event_id = text("event_id")
    if not event_id:
        raise fail("event_id", "missing")
    conflict = row.get("conflict") or ()
    return Event(
        event_id=event_id, date=day, date_precision=precision,  # type: ignore[arg-type]
        place=place, place_id=text("place_id") or None, lat=coords[0], lon=coords[1],
        controller=controller, previous_controller=previous, kind=kind,  # type: ignore[arg-type]
        confidence=confidence, doc_ids=doc_ids, sentence=text("sentence"),
        conflict=tuple(str(c) for c in conflict) if isinstance(conflict, list) else (),
        contradicted_by=split_ids(text("contradicted_by")),
    )


def read_events(path: Path | str) -> list[Event]:
    """Read an events file written by :func:`write_events` (or edited by hand).

    Args:
        path: A ``.json`` file (a list of objects) or a CSV file with the
            :data:`EVENT_COLUMNS` header (extra columns are ignored).

    Raises:
        EventsFileError: When the file cannot be read, lacks a column (the message names it),
            or a row has a bad value (``file:line: column: what is wrong``; for JSON the line
            is the 1-based position of the object in the list).
    """
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise EventsFileError(f"{path}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise EventsFileError(f"{path}: not UTF-8 text") from None
    rows: list[tuple[str, dict[str, Any]]] = []
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as error:
            raise EventsFileError(f"{path}:{error.lineno}: not valid JSON: {error.msg}") from None
        if not isinstance(data, list):
            raise EventsFileError(f"{path}: expected a JSON list of events")
        for n, item in enumerate(data, start=1):
            if not isinstance(item, dict):
                raise EventsFileError(f"{path}:{n}: expected an object")
            missing = [c for c in EVENT_COLUMNS if c not in item and c not in _OPTIONAL]
            if missing:
                raise EventsFileError(f"{path}:{n}: missing column {missing[0]!r}")
            rows.append((f"{path}:{n}", item))
    else:
        reader = csv.DictReader(io.StringIO(raw, newline=""))
        header = reader.fieldnames or []
        missing = [c for c in EVENT_COLUMNS if c not in header and c not in _OPTIONAL]
        if missing:
            raise EventsFileError(f"{path}: missing column {missing[0]!r}")
        for record in reader:
            line = reader.line_num
            rows.append((f"{path}:{line}", {k: csv_value(v) if isinstance(v, str) else v
                                            for k, v in record.items()}))
    return [_parse_event(row, where) for where, row in rows]


def report_lines(problems: Iterable[Problem]) -> str:
    """Problems as text, one a line (the ``--report`` file)."""
    return "".join(f"{p}\n" for p in problems)
