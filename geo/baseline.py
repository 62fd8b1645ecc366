"""Snapshots and corrections: the whole-map baseline the timeline starts from.

A snapshot (``data/snapshots/*.csv``, see its README) says who held which places on one date; a
correction (``corrections.csv``) fixes one place from a date on, citing a source. Both are read
here with ``file:line: field: message`` errors; :mod:`geo.timeline` turns them into evidence.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from geo.errors import SnapshotError
from geo.factions import SIDES
from geo.paths import data_path

State = tuple[str, tuple[str, ...]]

#: Controllers a snapshot or correction row may name.
CONTROLLERS: tuple[str, ...] = (*SIDES, "contested", "unknown")
#: Columns of a snapshot file.
SNAPSHOT_COLUMNS: tuple[str, ...] = ("place_id", "controller", "contested_with")
#: Columns of a corrections file (``previous_controller`` may be added).
CORRECTION_COLUMNS: tuple[str, ...] = (
    "place_id", "date", "controller", "contested_with", "source", "note",
)

@dataclass(frozen=True)
class Snapshot:
    """Who held which places on one date, for the whole map.

    Attributes:
        name: Short name shown as the source (``wikipedia-2017-07``).
        date: The date the snapshot describes.
        states: Place id to ``(controller, contested_with)``.
        path: File it was read from, or ``""``.
    """

    name: str
    date: date
    states: Mapping[str, State]
    path: str = ""


@dataclass(frozen=True)
class Correction:
    """A reviewed fix of a place's state from a date on, with the source that supports it.

    Attributes:
        place_id: Gazetteer id.
        date: From when the state holds.
        controller: Faction id, or ``contested``.
        contested_with: The sides when contested.
        source: The report that supports the fix (outlet, title, link).
        note: Why the fix was made.
        line: ``file:line`` it was read from.
        previous_controller: Who held the place before ``date``, when the source says so.
    """

    place_id: str
    date: date
    controller: str
    contested_with: tuple[str, ...] = ()
    source: str = ""
    note: str = ""
    line: str = ""
    previous_controller: str | None = None


def parse_sides(value: str, *, where: str, field_name: str = "contested_with") -> tuple[str, ...]:
    """Parse a ``|``-separated list of sides, raising :class:`SnapshotError` for an unknown one."""
    sides = tuple(s.strip() for s in value.split("|") if s.strip())
    for side in sides:
        if side not in SIDES:
            raise SnapshotError(
                f"{where}: {field_name}: unknown side {side!r}; expected one of {', '.join(SIDES)}"
            )
    return sides


def _check_controller(value: str, where: str) -> str:
    value = value.strip()
    if value not in CONTROLLERS:
        raise SnapshotError(
            f"{where}: controller: unknown faction {value!r}; expected one of "
            f"{', '.join(CONTROLLERS)}"
        )
    return value


def _row_state(row: Mapping[str, str | None], where: str) -> State:
    controller = _check_controller(row.get("controller") or "", where)
    sides = parse_sides(row.get("contested_with") or "", where=where)
    if sides and controller != "contested":
        raise SnapshotError(
            f"{where}: contested_with: sides given but controller is {controller!r}, not "
            "'contested'"
        )
    if controller == "contested" and len(sides) < 2:
        raise SnapshotError(f"{where}: contested_with: a contested place needs two sides or more")
    return (controller, sides)


def _parse_date(value: str, where: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise SnapshotError(
            f"{where}: date: {value!r} is not a date (YYYY-MM-DD)"
        ) from None


def _read_rows(
    path: Path, columns: Sequence[str]
) -> tuple[dict[str, str], list[tuple[int, dict[str, str]]]]:
    """Read a CSV whose leading ``# key: value`` lines are metadata; return meta and rows."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise SnapshotError(f"{path}: cannot read: {error}") from None
    meta: dict[str, str] = {}
    first = 0
    while first < len(lines) and lines[first].startswith("#"):
        key, sep, value = lines[first][1:].partition(":")
        if sep:
            meta[key.strip().lower()] = value.strip()
        first += 1
    reader = csv.DictReader(lines[first:])
    header = reader.fieldnames or []
    missing = [c for c in columns if c not in header]
    if missing:
        raise SnapshotError(f"{path}:{first + 1}: {missing[0]}: missing column")
    rows = [(first + reader.line_num, row) for row in reader]
    return meta, rows


def load_snapshot(path: Path | str, places: Iterable[str] | None = None) -> Snapshot:
    """Read a snapshot CSV.

    The file starts with ``# key: value`` lines (``date`` required, ``name`` optional), then a
    header with ``place_id, controller, contested_with`` (more columns are kept for provenance
    only).

    Args:
        path: The file.
        places: Known place ids; a row naming another fails. ``None`` skips the check.

    Raises:
        SnapshotError: ``file:line: field: message`` for a missing date, an unknown place or
            faction, or a duplicate place.
    """
    path = Path(path)
    meta, rows = _read_rows(path, SNAPSHOT_COLUMNS)
    if "date" not in meta:
        raise SnapshotError(f"{path}:1: date: missing '# date: YYYY-MM-DD' header line")
    day = _parse_date(meta["date"], f"{path}:1")
    known = set(places) if places is not None else None
    states: dict[str, State] = {}
    for line, row in rows:
        where = f"{path}:{line}"
        pid = (row.get("place_id") or "").strip()
        if not pid or (known is not None and pid not in known):
            raise SnapshotError(f"{where}: place_id: unknown place {pid!r}")
        if pid in states:
            raise SnapshotError(f"{where}: place_id: {pid!r} appears twice")
        states[pid] = _row_state(row, where)
    return Snapshot(name=meta.get("name", path.stem), date=day, states=states, path=str(path))


def load_corrections(path: Path | str, places: Iterable[str] | None = None) -> list[Correction]:
    """Read a corrections CSV (``place_id, date, controller, contested_with, source, note``).

    An optional ``previous_controller`` column says who held the place before ``date``.

    Raises:
        SnapshotError: ``file:line: field: message`` for an unknown place or faction, a date that
            does not parse, or a row without a source.
    """
    path = Path(path)
    _meta, rows = _read_rows(path, CORRECTION_COLUMNS)
    known = set(places) if places is not None else None
    out: list[Correction] = []
    for line, row in rows:
        where = f"{path}:{line}"
        pid = (row.get("place_id") or "").strip()
        if not pid or (known is not None and pid not in known):
            raise SnapshotError(f"{where}: place_id: unknown place {pid!r}")
        day = _parse_date(row.get("date") or "", where)
        controller, sides = _row_state(row, where)
        source = (row.get("source") or "").strip()
        if not source:
            raise SnapshotError(f"{where}: source: every correction needs a source")
        previous = (row.get("previous_controller") or "").strip() or None
        if previous is not None and previous not in SIDES:
            raise SnapshotError(
                f"{where}: previous_controller: unknown side {previous!r}; expected one of "
                f"{', '.join(SIDES)}"
            )
        out.append(Correction(pid, day, controller, sides, source,
                              (row.get("note") or "").strip(), f"{path.name}:{line}", previous))
    return out


def load_baseline(
    directory: Path | str | None = None, places: Iterable[str] | None = None
) -> tuple[list[Snapshot], list[Correction]]:
    """Read every snapshot (``*.csv`` but ``corrections.csv``) and the corrections of a directory.

    Args:
        directory: Defaults to the shipped ``data/snapshots/``.
        places: Known place ids (checked on every row).
    """
    folder = Path(directory) if directory is not None else data_path("snapshots")
    known = list(places) if places is not None else None
    snapshots = [
        load_snapshot(p, known) for p in sorted(folder.glob("*.csv")) if p.name != "corrections.csv"
    ]
    corrections_file = folder / "corrections.csv"
    corrections = load_corrections(corrections_file, known) if corrections_file.is_file() else []
    return snapshots, corrections
