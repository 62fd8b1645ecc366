"""``geo control``, ``geo changes``, ``geo timeline``: who held what, what changed, and why."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from geo.cli import common
from geo.cli.common import (
    ManifestOpt,
    NoHistoryOpt,
    PathsArg,
    StrictOpt,
    cli_errors,
    corpus_paths,
    echo,
    echo_data,
    report_problems,
)
from geo.errors import InputError

if TYPE_CHECKING:
    from geo.models import Place, PlaceState
    from geo.pipeline import Corpus
    from geo.timeline import Change

#: Columns of ``geo control`` (csv header, json keys, table columns).
CONTROL_COLUMNS: tuple[str, ...] = (
    "date", "place_id", "name", "lat", "lon", "controller", "contested_with", "since",
    "age_days", "backwards", "uncertain", "evidence", "source",
)  # fmt: skip
#: Columns of ``geo changes``.
CHANGE_COLUMNS: tuple[str, ...] = (
    "date", "place_id", "name", "before", "after", "evidence", "sources", "sentence",
)  # fmt: skip
#: Columns of ``geo timeline``.
HISTORY_COLUMNS: tuple[str, ...] = (
    "from", "controller", "contested_with", "evidence", "origin", "source", "sentence",
)  # fmt: skip


class Format(StrEnum):
    """Output formats."""

    table = "table"
    csv = "csv"
    json = "json"


FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="table (readable), csv or json (every row).")
]
EventsOpt = Annotated[
    Path | None,
    typer.Option("--events", help="A reviewed events file (geo extract output) used instead of "
                 "extracting from the articles.", dir_okay=False, exists=True),
]
AllOpt = Annotated[
    bool, typer.Option("--all", help="Table: also list places whose state comes from the "
                       "baseline snapshot (or, for changes, from a town they follow).")
]


def parse_day(value: str, option: str) -> date:
    """Parse ``YYYY-MM-DD`` (or ``YYYY-MM``, the 15th) for ``option``; raise InputError."""
    return common.parse_day(value, option, month_ok=True)


def _state_text(state: PlaceState) -> str:
    if state.contested_with:
        return f"{state.controller} ({'|'.join(state.contested_with)})"
    return state.controller


def control_record(state: PlaceState, place: Place) -> dict[str, Any]:
    """The row of ``geo control`` for one place on one date (keys :data:`CONTROL_COLUMNS`)."""
    return {
        "date": state.date.isoformat(),
        "place_id": state.place_id,
        "name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "controller": state.controller,
        "contested_with": list(state.contested_with),
        "since": state.since.isoformat() if state.since else None,
        "age_days": state.age_days,
        "backwards": "yes" if state.backwards else "",
        "uncertain": "yes" if state.uncertain else "",
        "evidence": state.evidence,
        "source": state.source,
        "sentence": state.sentence,
    }


def _origin(state: PlaceState) -> str:
    """Where a state comes from: ``history`` (the chronicles), ``articles`` or ``baseline``."""
    from geo.history import is_history

    if state.evidence in ("snapshot", "correction") and not is_history(state.source):
        return "baseline"  # a history correction: the end of a side's territory (ends.csv)
    if state.evidence == "none":
        return ""
    return "history" if is_history(state.source) else "articles"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    return str(value)


def _emit(rows: list[dict[str, Any]], columns: Sequence[str], fmt: Format,
          table_columns: Sequence[str] | None = None, footer: str = "") -> None:
    if fmt is Format.json:
        echo_data(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return
    if fmt is Format.csv:
        from geo.io import csv_text

        echo_data(csv_text([columns, *([_cell(row.get(c)) for c in columns] for row in rows)]))
        return
    shown = list(table_columns or columns)
    cells = [[_cell(row.get(c)) for c in shown] for row in rows]
    widths = [max([len(c)] + [min(len(r[i]), 60) for r in cells]) for i, c in enumerate(shown)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(shown, widths, strict=True)).rstrip()]
    for r in cells:
        lines.append("  ".join(
            (v if len(v) <= 60 else v[:57] + "...").ljust(w) for v, w in zip(r, widths, strict=True)
        ).rstrip())
    echo("\n".join(lines))
    if footer:
        echo(footer)


def _load(paths: list[Path] | None, manifest: Path | None, events: Path | None,
          no_history: bool = False) -> Corpus:
    from geo.pipeline import load_corpus

    return load_corpus(corpus_paths(paths), manifest=manifest, events_file=events,
                       history=not no_history)


def _finish(corpus: Corpus, strict: bool) -> None:
    problems = [*corpus.problems, *corpus.timeline.problems]
    if strict and problems:
        report_problems(problems)
        raise InputError(f"{len(problems)} input problem(s); --strict makes them fatal")


def resolve_places(corpus: Corpus, names: Sequence[str]) -> list[Place]:
    """The gazetteer places a user names: an id, or a name resolved by the gazetteer.

    Raises:
        InputError: For a name that resolves to no place.
    """
    gazetteer = corpus.gazetteer
    found: list[Place] = []
    for name in names:
        place = gazetteer.get(name)
        if place is None:
            resolution = gazetteer.resolve(name)
            place = resolution.place
            if place is None:
                raise InputError(f"--place: {name!r} is not a place of the gazetteer")
            others = [c.place for c in resolution.candidates if c.place.id != place.id]
            if others:
                where = place.admin1 or place.country
                also = ", ".join(f"{p.id} ({p.name})" for p in others[:5])
                echo(f"note: {name!r} taken as {place.id} ({place.name}, {where}); "
                           f"also: {also}", err=True)
        if place not in found:
            found.append(place)
    return found


def control(
    dates: Annotated[
        list[str] | None,
        typer.Option("--date", "-d", help="A date (YYYY-MM-DD); repeat for several."),
    ] = None,
    paths: PathsArg = None,
    event_dates: Annotated[
        bool, typer.Option("--event-dates", help="Also every date on which an event happened.")
    ] = False,
    fmt: FormatOpt = Format.table,
    events: EventsOpt = None,
    no_history: NoHistoryOpt = False,
    place: Annotated[
        list[str] | None,
        typer.Option("--place", "-p", help="Only this place (name or id); repeat for several."),
    ] = None,
    changed_only: Annotated[
        bool, typer.Option("--changed-only", help="Only places whose state comes from the "
                           "articles or a correction, not from the baseline snapshot.")
    ] = False,
    show_all: AllOpt = False,
    manifest: ManifestOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Who held every gazetteer place on each --date, and on what evidence.

    Columns: date, place_id, name, lat, lon, controller, contested_with, since (date of the
    evidence), age_days (days between it and the date), backwards (yes: read backwards from
    later evidence), uncertain (yes: read backwards, or evidence more than 180 days away),
    evidence (snapshot, correction, observation, event, area, none), source (snapshot name or
    document id; ``history:...`` for the shipped history). A date before the earliest or after
    the latest evidence loaded gets a warning. csv and json list every place; the table lists
    the places whose state comes from articles or corrections and counts the rest (--all lists
    them too).

    Input problems (unresolved places, undated articles) go to standard error; --strict makes
    them fatal (exit code 2).
    """
    with cli_errors():
        days = [parse_day(d, "--date") for d in dates or ()]
        if not days and not event_dates:
            raise InputError("--date: give at least one date (or --event-dates)")
        corpus = _load(paths, manifest, events, no_history)
        timeline = corpus.timeline
        _finish(corpus, strict)
        if event_dates:
            days = sorted(set(days) | set(timeline.event_dates()))
        wanted = resolve_places(corpus, place) if place else None
        for day in days:
            warning = timeline.outside_evidence(day)
            if warning:
                echo(f"warning: {warning}", err=True)
        rows: list[dict[str, Any]] = []
        hidden = 0
        for day in days:
            states = timeline.state_on(day)
            chosen = [p.id for p in wanted] if wanted is not None else sorted(states)
            for pid in chosen:
                state = states[pid]
                derived = state.evidence in ("snapshot", "none")
                if changed_only and derived:
                    continue
                if fmt is Format.table and derived and not show_all and wanted is None:
                    hidden += 1
                    continue
                rows.append(control_record(state, timeline.places[pid]))
    footer = ""
    if hidden:
        names = ", ".join(s.name for s in timeline.snapshots) or "no snapshot"
        footer = (f"({hidden} more place-dates from the baseline ({names}) or without evidence; "
                  "--all or --format csv lists them)")
    _emit(rows, CONTROL_COLUMNS, fmt, footer=footer)
    report_problems([*corpus.problems, *timeline.problems])


def change_record(change: Change, place: Place) -> dict[str, Any]:
    """The row of ``geo changes`` for one change (keys :data:`CHANGE_COLUMNS`)."""
    return {
        "date": change.date.isoformat(),
        "place_id": change.place_id,
        "name": place.name,
        "before": _state_text(change.before),
        "after": _state_text(change.after),
        "evidence": change.evidence,
        "sources": list(change.sources),
        "sentence": change.after.sentence,
    }


def changes(
    start: Annotated[str, typer.Option("--from", help="Start date (YYYY-MM-DD), excluded.")],
    end: Annotated[str, typer.Option("--to", help="End date (YYYY-MM-DD), included.")],
    paths: PathsArg = None,
    fmt: FormatOpt = Format.table,
    events: EventsOpt = None,
    no_history: NoHistoryOpt = False,
    show_all: AllOpt = False,
    manifest: ManifestOpt = None,
    strict: StrictOpt = False,
) -> None:
    """What changed hands after --from and up to --to, with the documents that say so.

    The table lists the places the evidence names and counts the places that follow a town
    (evidence ``area``); --all, csv and json list them all.
    """
    with cli_errors():
        first, last = parse_day(start, "--from"), parse_day(end, "--to")
        if last < first:
            raise InputError(f"--to: {end} is before --from {start}")
        corpus = _load(paths, manifest, events, no_history)
        timeline = corpus.timeline
        _finish(corpus, strict)
        rows: list[dict[str, Any]] = []
        hidden = 0
        for change in timeline.changes(first, last):
            if fmt is Format.table and change.evidence == "area" and not show_all:
                hidden += 1
                continue
            rows.append(change_record(change, timeline.places[change.place_id]))
    footer = f"({hidden} more places follow the towns above; --all lists them)" if hidden else ""
    if not rows and not hidden:
        footer = f"no changes after {first} up to {last}"
    _emit(rows, CHANGE_COLUMNS, fmt,
          table_columns=("date", "place_id", "name", "before", "after", "evidence", "sources"),
          footer=footer)
    report_problems([*corpus.problems, *timeline.problems])


def timeline(
    place: Annotated[str, typer.Argument(help="The place: a gazetteer id or name.")],
    paths: PathsArg = None,
    fmt: FormatOpt = Format.table,
    events: EventsOpt = None,
    no_history: NoHistoryOpt = False,
    manifest: ManifestOpt = None,
    strict: StrictOpt = False,
) -> None:
    """The control history of one place: each state, from when, on what evidence.

    ``origin`` says where each state comes from: ``history`` (the shipped chronicles, which
    --no-history leaves out), ``articles`` (yours) or ``baseline`` (snapshots, corrections).

    A name shared by several places lists each. The first row ``(before)`` is the state read
    backwards from the first evidence when it differs from that evidence's own state. Conflicts
    met for the place follow the history.
    """
    with cli_errors():
        corpus = _load(paths, manifest, events, no_history)
        tl = corpus.timeline
        _finish(corpus, strict)
        places = resolve_places(corpus, [place])
        rows: list[dict[str, Any]] = []
        notes: list[str] = []
        for found in places:
            for state in tl.history(found.id):
                rows.append({
                    "place_id": found.id,
                    "name": found.name,
                    "from": "(before)" if state.date == date.min else state.date.isoformat(),
                    "controller": state.controller,
                    "contested_with": list(state.contested_with),
                    "evidence": state.evidence,
                    "origin": _origin(state),
                    "source": state.source,
                    "sentence": state.sentence,
                })
            for conflict in tl.conflicts:
                if conflict.place_id == found.id:
                    rejected = "; ".join(
                        f"{e.controller} ({e.kind} {e.source})" for e in conflict.rejected
                    )
                    notes.append(
                        f"conflict {conflict.date} {found.name}: {conflict.kind}: kept "
                        f"{conflict.chosen.controller} ({conflict.chosen.kind} "
                        f"{conflict.chosen.source}), set aside {rejected}: {conflict.reason}"
                    )
    columns = ("place_id", "name", *HISTORY_COLUMNS)
    _emit(rows, columns, fmt, footer="\n".join(notes) if fmt is Format.table else "")
    if fmt is not Format.table:
        for note in notes:
            echo(note, err=True)
    report_problems([*corpus.problems, *tl.problems])


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("control")(control)
    app.command("changes")(changes)
    app.command("timeline")(timeline)
