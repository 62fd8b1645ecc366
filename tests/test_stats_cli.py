"""`geo stats`: the ground each side holds on every event date, as a table, CSV or chart."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from shapely.geometry import box
from typer.testing import CliRunner

import geo.pipeline
from geo.cli.main import app
from geo.errors import Problem
from geo.models import Place, PlaceState
from geo.territory import TerritoryModel

SQUARE = box(38.0, 34.5, 39.0, 35.5)
PLACES = {
    "v": Place("v", "Vee", (), 35.0, 38.5, "village"),
    "w": Place("w", "Double-u", (), 35.3, 38.5, "village"),
}
DATES = (date(2020, 1, 5), date(2020, 2, 9), date(2020, 3, 1))


class FakeTimeline:
    def __init__(self) -> None:
        self.held = {
            DATES[0]: {"v": "government", "w": "government"},
            DATES[1]: {"v": "is", "w": "government"},
            DATES[2]: {"v": "is", "w": "is"},
        }

    def event_dates(self) -> list[date]:
        return list(DATES)

    def state_on(self, day: date) -> dict[str, PlaceState]:
        return {pid: PlaceState(day, pid, c) for pid, c in self.held[day].items()}

    def outside_evidence(self, day: date) -> str | None:
        return None if day in self.held else f"{day} is outside the evidence"

    def uncertain_count(self, day: date) -> tuple[int, int]:
        return (0, len(self.held[day]))


@pytest.fixture
def fake_corpus(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Replace the pipeline by a two-village corpus inside a 1-degree square."""
    seen: dict[str, Any] = {}
    gazetteer = SimpleNamespace(places=PLACES)
    model = TerritoryModel.build(list(PLACES.values()), boundary=SQUARE, emptiness=0)
    monkeypatch.setattr(TerritoryModel, "for_gazetteer",
                        classmethod(lambda cls, g, country=None: model))

    def load_corpus(paths: list[Path], **kwargs: Any) -> SimpleNamespace:
        seen.update(paths=paths, **kwargs)
        problems = [Problem("seeds/x.txt", 3, "date", "no publication date")]
        return SimpleNamespace(problems=problems, gazetteer=gazetteer, timeline=FakeTimeline())

    monkeypatch.setattr(geo.pipeline, "load_corpus", load_corpus)
    seen["model"] = model
    return seen


def _csv_lines(model: TerritoryModel) -> list[str]:
    village = next(iter(model.tally({"v": PlaceState(DATES[0], "v", "is")})))[1]
    rest = model.total_area_km2 - 2 * village
    share_v, share_rest = village / model.total_area_km2, rest / model.total_area_km2
    return [
        "date,country,controller,area_km2,share,places",
        f"2020-01-05,SY+IQ,government,{2 * village:.1f},{2 * share_v:.4f},2",
        f"2020-01-05,SY+IQ,unknown,{rest:.1f},{share_rest:.4f},0",
        f"2020-02-09,SY+IQ,government,{village:.1f},{share_v:.4f},1",
        f"2020-02-09,SY+IQ,is,{village:.1f},{share_v:.4f},1",
        f"2020-02-09,SY+IQ,unknown,{rest:.1f},{share_rest:.4f},0",
        f"2020-03-01,SY+IQ,is,{2 * village:.1f},{2 * share_v:.4f},2",
        f"2020-03-01,SY+IQ,unknown,{rest:.1f},{share_rest:.4f},0",
    ]


def test_stats_csv_on_every_event_date(runner: CliRunner, fake_corpus: dict[str, Any]) -> None:
    result = runner.invoke(app, ["stats", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == _csv_lines(fake_corpus["model"])
    assert result.stdout.splitlines()[1] == "2020-01-05,SY+IQ,government,220.4,0.0218,2"
    assert "problem: seeds/x.txt:3: date: no publication date" in result.stderr
    assert fake_corpus["paths"] == [Path("seeds")]


def test_stats_table_with_date_range(runner: CliRunner, fake_corpus: dict[str, Any]) -> None:
    result = runner.invoke(app, ["stats", "--from", "2020-02-01", "--to", "2020-02-28"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["date", "country", "controller", "area_km2", "share", "places"]
    assert [line.split()[:3] for line in lines[1:]] == [
        ["2020-02-09", "SY+IQ", "government"], ["2020-02-09", "SY+IQ", "is"],
        ["2020-02-09", "SY+IQ", "unknown"],
    ]
    assert lines[1].split()[3:] == ["110", "1.1", "%", "1"]


def test_stats_output_file_plot_and_force(
    runner: CliRunner, fake_corpus: dict[str, Any], tmp_path: Path
) -> None:
    out, chart = tmp_path / "stats.csv", tmp_path / "stats.png"
    result = runner.invoke(app, ["stats", "--format", "csv", "-o", str(out), "--plot", str(chart)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").splitlines() == _csv_lines(fake_corpus["model"])
    assert chart.read_bytes().startswith(b"\x89PNG")
    assert result.stdout == ""
    again = runner.invoke(app, ["stats", "-o", str(out)])
    assert again.exit_code == 2
    assert again.stderr.strip().endswith(f"error: {out}: exists; use --force to overwrite it")
    forced = runner.invoke(app, ["stats", "-o", str(out), "--force"])
    assert forced.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("date")


def test_stats_passes_events_and_manifest(
    runner: CliRunner, fake_corpus: dict[str, Any], tmp_path: Path
) -> None:
    events = tmp_path / "events.csv"
    events.write_text("event_id\n", encoding="utf-8")
    result = runner.invoke(app, ["stats", "arts", "--events", str(events), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert fake_corpus["paths"] == [Path("arts")]
    assert fake_corpus["events_file"] == events
    assert fake_corpus["manifest"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "error: --format: expected table or csv, got 'xml'"),
        (["--from", "2020-03-01", "--to", "2020-01-01"],
         "error: --from 2020-03-01 is after --to 2020-01-01"),
        (["--strict"], "error: 1 input problem(s) and --strict given"),
    ],
)
def test_stats_bad_options(
    runner: CliRunner, fake_corpus: dict[str, Any], args: list[str], message: str
) -> None:
    result = runner.invoke(app, ["stats", *args])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == message


def test_stats_with_no_dates_in_range(runner: CliRunner, fake_corpus: dict[str, Any]) -> None:
    result = runner.invoke(app, ["stats", "--from", "2021-01-01", "--format", "csv"])
    assert result.exit_code == 0
    assert result.stdout == "date,country,controller,area_km2,share,places\n"
    assert "warning: no event dates in the range asked" in result.stderr


#: Natural Earth 1:10m areas (km²) of Syria and Iraq, simplified as the model does.
SYRIA_KM2 = 185_941
IRAQ_KM2 = 437_367


def test_stats_on_the_seeds(runner: CliRunner, seeds_dir: Path) -> None:
    """The real pipeline: on every event date, both countries together, then each of them, have
    rows that add up to the country's area; Iraq's sides are Iraq's."""
    result = runner.invoke(app, ["stats", str(seeds_dir), "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "date,country,controller,area_km2,share,places"
    by_scope: dict[tuple[str, str], list[list[str]]] = {}
    for line in lines[1:]:
        fields = line.split(",")
        by_scope.setdefault((fields[0], fields[1]), []).append(fields)
    assert by_scope, "no event dates in the seeds"
    days = list(dict.fromkeys(day for day, _ in by_scope))
    assert days == sorted(days)
    assert list(by_scope)[:3] == [(days[0], "SY+IQ"), (days[0], "SY"), (days[0], "IQ")]
    total = {"SY+IQ": SYRIA_KM2 + IRAQ_KM2, "SY": SYRIA_KM2, "IQ": IRAQ_KM2}
    for (day, country), rows in by_scope.items():
        assert rows[-1][2] == "unknown"
        assert sum(float(r[3]) for r in rows) == pytest.approx(total[country], rel=1e-3)
        assert sum(float(r[4]) for r in rows) == pytest.approx(1.0, abs=1e-3)
        sides = {r[2] for r in rows}
        if country == "IQ":
            assert "iraq" in sides and not sides & {"government", "rebels", "sdf", "hts"}
        # both countries together are exactly Syria plus Iraq
        if country == "SY+IQ":
            for controller in sides:
                both = sum(float(r[3]) for r in rows if r[2] == controller)
                parts = sum(float(r[3]) for c in ("SY", "IQ") for r in by_scope[(day, c)]
                            if r[2] == controller)
                assert both == pytest.approx(parts, abs=0.2)


def test_stats_one_country(runner: CliRunner, seeds_dir: Path) -> None:
    result = runner.invoke(app, ["stats", str(seeds_dir), "--format", "csv", "--country", "iq"])
    assert result.exit_code == 0, result.output
    rows = [line.split(",") for line in result.stdout.splitlines()[1:]]
    assert rows and {r[1] for r in rows} == {"IQ"}
    bad = runner.invoke(app, ["stats", str(seeds_dir), "--country", "TR"])
    assert bad.exit_code == 2
    assert bad.stderr.strip().splitlines()[-1] == (
        "error: --country: expected one of SY, IQ, got 'TR'")


def test_stats_dash_output_is_stdout(
    runner: CliRunner, fake_corpus: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["stats", "--format", "csv", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == _csv_lines(fake_corpus["model"])
    assert list(tmp_path.iterdir()) == []
