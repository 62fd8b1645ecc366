"""``geo resolve``, ``geo places`` and ``geo gazetteer build|check``: the gazetteer stage."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from geo.cli.common import (
    ManifestOpt,
    PathsArg,
    cli_errors,
    corpus_paths,
    echo,
    echo_data,
    report_problems,
    shown,
)

if TYPE_CHECKING:
    from geo.gazetteer import Gazetteer, Resolution
    from geo.models import Mention, Place

PLACE_COLUMNS: tuple[str, ...] = (
    "doc_id", "surface", "sentence_index", "place_id", "name", "lat", "lon", "status",
    "similarity",
)
GazetteerOpt = Annotated[
    Path | None,
    typer.Option("--gazetteer", help="Gazetteer CSV (default: the shipped data/gazetteer.csv).",
                 dir_okay=False, exists=True),
]


def _place_record(place: Place, score: float) -> dict[str, Any]:
    return {"id": place.id, "name": place.name, "lat": place.lat, "lon": place.lon,
            "kind": place.kind, "country": place.country, "score": score}


def resolution_record(resolution: Resolution) -> dict[str, Any]:
    """The ``--json`` object for one name: the choice, its status and the ranked candidates."""
    place = resolution.place
    foreign = resolution.foreign
    return {
        "query": resolution.query,
        "id": place.id if place else None,
        "name": place.name if place else (foreign.name if foreign else None),
        "lat": place.lat if place else (foreign.lat if foreign else None),
        "lon": place.lon if place else (foreign.lon if foreign else None),
        "kind": place.kind if place else (foreign.kind if foreign else None),
        "country": place.country if place else (foreign.country if foreign else None),
        "score": resolution.score,
        "status": resolution.status,
        "similarity": resolution.similarity,
        "candidates": [_place_record(c.place, c.score) for c in resolution.candidates],
    }


def _load(path: Path | None) -> Gazetteer:
    from geo.gazetteer import Gazetteer

    return Gazetteer.load(path)


def resolve(
    names: Annotated[list[str], typer.Argument(help="Place names, as written.",
                                               show_default=False)],
    near: Annotated[str | None, typer.Option(
        "--near", help="Prefer places near this one (an id or a name).")] = None,
    context: Annotated[str, typer.Option(
        "--context", help="The sentence the names come from: its country words (\"Iraqi "
        "forces\", \"on the Syrian side\") and provinces (\"in Latakia province\") tell "
        "namesakes apart.")] = "",
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list, one object per name.")]
    = False,
    online: Annotated[bool, typer.Option(
        "--online", help="Ask OpenStreetMap Nominatim for names the gazetteer lacks (cached).")]
    = False,
    gazetteer: GazetteerOpt = None,
) -> None:
    """Resolve place names to gazetteer places, with the ranked candidates.

    Exit code 1 when a name matches nothing.
    """
    with cli_errors():
        gaz = _load(gazetteer)
        anchor = None
        if near is not None:
            anchor = gaz.get(near) or gaz.resolve(near).place
            if anchor is None:
                echo(f"error: --near {near!r} matches no place", err=True)
                raise typer.Exit(code=1)
        results = []
        for name in names:
            resolution = gaz.resolve(name, near=anchor, context=context)
            if resolution.status == "unresolved" and online:
                from geo.gazetteer import online_resolve

                resolution = online_resolve(name)
            results.append(resolution)
    if as_json:
        echo_data(json.dumps([resolution_record(r) for r in results], ensure_ascii=False,
                             indent=2) + "\n")
    else:
        for resolution in results:
            _print_resolution(resolution)
    missing = [r.query for r in results if r.status == "unresolved"]
    if missing:
        echo(f"error: unresolved: {', '.join(repr(m) for m in missing)}", err=True)
        raise typer.Exit(code=1)


def _print_resolution(resolution: Resolution) -> None:
    place = resolution.place
    if place is not None:
        echo(f"{resolution.query}: {place.id}  {place.name}  ({place.lat:.4f}, "
                   f"{place.lon:.4f})  {place.kind}  {place.country}  score {resolution.score:.2f}"
                   f"  [{resolution.status}{_fuzzy_note(resolution.similarity)}]")
        for rank, candidate in enumerate(resolution.candidates[1:], start=2):
            other = candidate.place
            echo(f"  {rank}. {other.id}  {other.name}  ({other.lat:.4f}, {other.lon:.4f})  "
                       f"{other.kind}  {other.admin1}  score {candidate.score:.2f}")
    elif resolution.foreign is not None:
        foreign = resolution.foreign
        echo(f"{resolution.query}: foreign  {foreign.name}  {foreign.country}")
    else:
        echo(f"{resolution.query}: no match")


def _fuzzy_note(similarity: float) -> str:
    return "" if similarity >= 1.0 else f", fuzzy {similarity:.2f}"


def mention_record(mention: Mention, gaz: Gazetteer) -> dict[str, Any]:
    """One row of ``geo places``: the columns :data:`PLACE_COLUMNS`."""
    place = gaz.get(mention.place_id) if mention.place_id else None
    return {
        "doc_id": mention.doc_id,
        "surface": mention.surface,
        "sentence_index": mention.sentence_index,
        "place_id": mention.place_id,
        "name": place.name if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "status": mention.status,
        "similarity": mention.similarity,
    }


def places(
    paths: PathsArg = None,
    manifest: ManifestOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    gazetteer: GazetteerOpt = None,
) -> None:
    """List every place mention in the articles: surface, sentence, place and status."""
    if fmt not in ("table", "csv", "json"):
        echo(f"error: --format must be table, csv or json, got {fmt!r}", err=True)
        raise typer.Exit(code=2)
    with cli_errors():
        from geo.articles import load_documents

        documents, problems = load_documents(corpus_paths(paths), manifest=manifest)
        gaz = _load(gazetteer)
        rows = [mention_record(m, gaz) for d in documents for m in gaz.find(d.text, d.id)]
    report_problems(problems)
    if fmt == "json":
        echo_data(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "csv":
        from geo.io import csv_text

        echo_data(csv_text([PLACE_COLUMNS, *([r.get(c) for c in PLACE_COLUMNS] for r in rows)]))
    else:
        _print_places(rows)


def _print_places(rows: list[dict[str, Any]]) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(rows)} place mentions", title_justify="left",
                  box=box.SIMPLE_HEAD)
    for column in PLACE_COLUMNS:
        table.add_column(column, no_wrap=column not in ("surface", "name"))
    for row in rows:
        table.add_row(*("-" if row[c] is None else shown(row[c]) for c in PLACE_COLUMNS))
    Console(highlight=False, markup=False).print(table)


gazetteer_app = typer.Typer(help="Build and check the gazetteer (data/gazetteer.csv).",
                            no_args_is_help=True)


@gazetteer_app.command("build")
def build_command(
    force: Annotated[bool, typer.Option("--force", help="Overwrite data/gazetteer.csv.")] = False,
    data_dir: Annotated[Path | None, typer.Option(
        "--data-dir", help="The data directory (default: the shipped data/).", file_okay=False,
        exists=True)] = None,
) -> None:
    """Rebuild the gazetteer from the Wikipedia marks, GeoNames and the curated file."""
    from geo.gazetteer_build import write_build
    from geo.paths import data_dir as default_data_dir

    with cli_errors():
        report = write_build(data_dir or default_data_dir(), force=force)
    counts = ", ".join(f"{k} {v}" for k, v in report.by_country.items())
    echo(f"{report.rows} places ({counts}) from {report.wp_rows} Wikipedia marks, "
               f"{report.geonames_rows} GeoNames places and {report.curated_rows} curated rows")
    echo(f"{len(report.disagreements)} Wikipedia/GeoNames disagreements over 5 km "
               "written to gazetteer_disagreements.csv")


@gazetteer_app.command("check")
def check_command(
    file: Annotated[Path | None, typer.Argument(
        help="Gazetteer CSV (default: the shipped one).", dir_okay=False, show_default=False)]
    = None,
) -> None:
    """Report every malformed row of a gazetteer file at once (exit code 1 if any)."""
    from geo.gazetteer import check

    with cli_errors():
        problems = check(file)
    if problems:
        report_problems(problems, what="error")
        echo(f"{len(problems)} problem(s)", err=True)
        raise typer.Exit(code=1)
    echo(f"{file or 'data/gazetteer.csv'}: ok")


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("resolve")(resolve)
    app.command("places")(places)
    app.add_typer(gazetteer_app, name="gazetteer")
