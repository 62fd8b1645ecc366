"""Timeline: building it for the full gazetteer, and answering `geo control` for many dates."""

from __future__ import annotations

import time
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def run() -> list[tuple[str, float, str]]:
    from geo.pipeline import load_corpus
    from geo.timeline import Timeline

    corpus = load_corpus([SEEDS])
    gazetteer = corpus.gazetteer
    start = time.perf_counter()
    timeline = Timeline.build(gazetteer, corpus.events, corpus.observations)
    built = time.perf_counter() - start

    dates = timeline.event_dates()
    one = dates[len(dates) // 2] if dates else None
    start = time.perf_counter()
    if one is not None:
        timeline.state_on(one)
    single = time.perf_counter() - start

    start = time.perf_counter()
    for day in dates:
        timeline.state_on(day)
    every = time.perf_counter() - start

    start = time.perf_counter()
    for pid in gazetteer.places:
        timeline.history(pid)
    histories = time.perf_counter() - start

    from typer.testing import CliRunner

    from geo.cli.main import app

    runner = CliRunner()
    start = time.perf_counter()
    result = runner.invoke(app, ["control", "--format", "csv", "--date", str(one), str(SEEDS)])
    cli_one = time.perf_counter() - start
    assert result.exit_code == 0, result.output
    args = ["control", "--format", "csv", str(SEEDS)]
    for day in dates:
        args += ["--date", str(day)]
    start = time.perf_counter()
    result = runner.invoke(app, args)
    cli_all = time.perf_counter() - start
    assert result.exit_code == 0, result.output
    return [
        ("timeline places", float(len(gazetteer.places)), "places"),
        ("timeline seed event dates", float(len(dates)), "dates"),
        ("timeline build (baseline + seed events)", built, "s"),
        ("timeline state_on one date", single * 1000, "ms"),
        ("timeline state_on all seed event dates", every, "s"),
        ("timeline history of every place", histories, "s"),
        ("geo control csv, one date (end to end: read, extract, build)", cli_one, "s"),
        ("geo control csv, all seed event dates (end to end)", cli_all, "s"),
    ]
