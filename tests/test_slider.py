"""The slider page as data and text: steps, compact diffs, escaping, determinism, CLI."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from test_render_fixtures import D0, D1, D2, IMG_PAYLOAD, PLACES, SCRIPT_PAYLOAD, make_corpus
from typer.testing import CliRunner

from geo.cli.main import app
from geo.errors import InputError
from geo.slider import QUANTUM, calendar_steps, encode_geometry, slider_page, slider_steps


@pytest.fixture(scope="module")
def model():  # type: ignore[no-untyped-def]
    from geo.territory import TerritoryModel

    return TerritoryModel.build(list(PLACES))


def _data(page: str) -> dict:  # type: ignore[type-arg]
    match = re.search(r"geoSlider\.build\((\{.*\})\);</script>", page)
    assert match is not None
    return json.loads(match.group(1))  # the \u003c escapes are valid JSON


def test_calendar_steps() -> None:
    assert calendar_steps(date(2016, 1, 31), date(2016, 4, 30), "month") == [
        date(2016, 1, 31), date(2016, 2, 29), date(2016, 3, 31), date(2016, 4, 30)
    ]
    assert calendar_steps(D0, D2, "week") == [D0, date(2016, 3, 8), date(2016, 3, 15)]
    assert len(calendar_steps(D0, D2, "day")) == 20


def test_slider_steps_defaults_to_event_dates() -> None:
    assert slider_steps([D2, D1, D1]) == [D1, D2]
    assert slider_steps([D1, D2], start=D2) == [D2]
    assert slider_steps([D1, D2], start=D0, end=D0) == [D0]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"step": "year"}, "--step: expected one of event, day, week, month, got 'year'"),
        ({"start": D2, "end": D1}, "--to 2016-03-10 is before --from 2016-03-20"),
    ],
)
def test_slider_steps_errors(kwargs: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(InputError, match=re.escape(message)):
        slider_steps([D1, D2], **kwargs)


def test_no_dates_at_all() -> None:
    with pytest.raises(InputError, match="no event dates in the corpus; give --from and --to"):
        slider_steps([])


def test_encode_geometry_round_trips_on_the_grid() -> None:
    from shapely.geometry import Polygon

    square = Polygon([(38.0, 36.0), (38.1, 36.0), (38.1, 36.1), (38.0, 36.1)])
    (rings,) = encode_geometry(square)
    (ring,) = rings
    x, y, points = ring[0], ring[1], []
    points.append((x, y))
    for i in range(2, len(ring), 2):
        x, y = x + ring[i], y + ring[i + 1]
        points.append((x, y))
    assert [(round(a * QUANTUM, 3), round(b * QUANTUM, 3)) for a, b in points] == [
        (38.0, 36.0), (38.1, 36.0), (38.1, 36.1), (38.0, 36.1)
    ]


def test_diffs_hold_only_the_changed_cells(model) -> None:  # type: ignore[no-untyped-def]
    page, stats = slider_page(make_corpus(), model=model)
    data = _data(page)
    assert data["steps"] == ["2016-03-10", "2016-03-20"]
    sides = data["sideIds"]
    cell_of: dict[str, int] = {}  # the core of each place's cell (its ring comes later)
    for i, info in enumerate(data["cellInfo"]):
        cell_of.setdefault(info[0], i)
    assert sides[data["init"][cell_of["p4"]]] == "sdf"  # taken on the first step
    diff = data["diffs"][1]
    triples = {diff[i]: (sides[diff[i + 1]], sides[diff[i + 2]]) for i in range(0, len(diff), 3)}
    assert triples == {
        cell_of["p2"]: ("government", "rebels"),
        cell_of["p6"]: ("sdf", "contested"),
    }
    # every place's cell is a core and a ring (step 4b of the territory method); the places are
    # more than 30 km apart, so no ring is anyone's and none changes
    assert stats.steps == 2 and stats.cells == 2 * len(PLACES) and stats.changes == 2
    assert set(data["init"][len(PLACES):]) == {sides.index("unknown")}
    assert data["changes"] == [[0], [1]]
    assert data["windows"] == ["on 2016-03-10", "from 2016-03-11 to 2016-03-20"]


def test_each_geometry_once(model) -> None:  # type: ignore[no-untyped-def]
    daily, _ = slider_page(make_corpus(), model=model, start=D0, end=D2, step="day")
    data = _data(daily)
    assert len(data["steps"]) == 20 and len(data["cells"]) == len(model) == 2 * len(PLACES)
    assert sum(len(d) for d in data["diffs"]) == 3 * 3  # p4 once, p2 and p6 once


def test_page_is_offline_escaped_and_deterministic(model) -> None:  # type: ignore[no-untyped-def]
    page, _ = slider_page(make_corpus(), model=model)
    again, _ = slider_page(make_corpus(), model=model)
    assert page == again
    assert SCRIPT_PAYLOAD not in page and IMG_PAYLOAD not in page and "<img" not in page
    assert re.search(r"<script[^>]*\ssrc=", page) is None
    assert re.search(r"<link\b", page) is None
    assert "jquery" not in page.lower() and "bootstrap" not in page.lower()
    assert '<input id="geo-range" type="range" min="0" max="1"' in page
    # the legend of the first date: the sides present then (nothing is contested yet)
    assert re.findall(r'<li data-side="(\w+)">', page) == [
        "government", "rebels", "sdf", "is", "unknown"
    ]


@pytest.fixture
def fixture_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    import geo.pipeline

    monkeypatch.setattr(geo.pipeline, "load_corpus", lambda *a, **k: make_corpus())


def test_cli_slider(runner: CliRunner, tmp_path: Path, fixture_corpus: None) -> None:
    target = tmp_path / "slider.html"
    args = ["slider", "-o", str(target), "--from", "2016-03-01", "--to", "2016-03-31",
            "--step", "week"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert re.fullmatch(
        rf"wrote slider to {re.escape(str(target))} \([\d,]+ bytes\): 5 dates, 16 pieces of "
        r"ground, 3 changes of side, 2 events\n",
        result.stdout,
    )
    again = runner.invoke(app, args)
    assert again.exit_code == 2
    assert again.stderr == f"error: {target}: exists; use --force to overwrite it\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--step", "fortnight"],
         "error: --step: expected one of event, day, week, month, got 'fortnight'\n"),
        (["--from", "yesterday"],
         "error: --from: expected a date as YYYY-MM-DD, got 'yesterday'\n"),
    ],
)
def test_cli_slider_bad_arguments(
    runner: CliRunner, tmp_path: Path, fixture_corpus: None, args: list[str], message: str
) -> None:
    result = runner.invoke(app, ["slider", "-o", str(tmp_path / "s.html"), *args])
    assert result.exit_code == 2
    assert result.stderr == message


def test_cli_slider_to_stdout(runner: CliRunner, tmp_path: Path, fixture_corpus: None) -> None:
    result = runner.invoke(app, ["slider", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert result.stdout.rstrip().endswith("</html>")
