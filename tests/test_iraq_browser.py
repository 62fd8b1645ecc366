"""Iraq on the maps, in Chromium: the seeds' map and slider over both countries; --country IQ."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from geo import factions
from geo.cli.main import app

pytestmark = [pytest.mark.browser, pytest.mark.slow]
pytest_plugins = ("browser",)  # the browser and open_page fixtures

ROOT = Path(__file__).resolve().parent.parent
DAY = "2017-08-01"  # after both baseline snapshots (Syria 2017-07-18, Iraq 2017-07-30)
MOSUL = (36.335, 43.119)
DAMASCUS = (33.513, 36.292)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("iraq")
    runner = CliRunner()
    seeds = str(ROOT / "seeds")
    for args in (
        ["map", seeds, "--date", DAY, "-o", str(out / "both.html")],
        ["map", seeds, "--date", DAY, "--country", "IQ", "-o", str(out / "iraq.html")],
        ["slider", seeds, "--from", "2017-07-01", "--to", "2017-12-31", "--step", "month",
         "-o", str(out / "slider.html")],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    return out


def _legend(page: Any) -> list[str]:
    return list(page.locator("#geo-legend li").evaluate_all("els => els.map(e => e.dataset.side)"))


def _shows(page: Any, map_js: str, point: tuple[float, float]) -> bool:
    return bool(page.evaluate(f"p => {map_js}.getBounds().contains(p)", list(point)))


def test_map_of_both_countries(open_page: Any, pages: Path, artifacts_dir: Path) -> None:
    opened = open_page(pages / "both.html")
    page = opened.page
    page.wait_for_function("window.geoMap && geoMap.ready === true", timeout=30_000)
    assert opened.problems() == []
    assert page.title() == f"Control of territory in Syria and Iraq on {DAY}"
    legend = _legend(page)
    for side in ("government", "sdf", "is", "iraq", "kurdistan", "turkey", "unknown"):
        assert side in legend, side
    assert page.evaluate("geoMap.visibleSides()") == [s for s in legend if s != "uncertain"]
    text = page.locator("#geo-legend").inner_text()
    for side in ("iraq", "kurdistan", "turkey"):
        assert factions.label(side) in text
    # Iraqi places and areas are drawn, in their side's colour.
    assert page.evaluate("geoMap.places.iraq") > 500
    assert page.evaluate("geoMap.places.kurdistan") > 300
    assert page.locator("path.geo-area-iraq").count() >= 1
    assert page.locator("path.geo-area-kurdistan").count() >= 1
    fill = page.locator("path.geo-area-iraq").first.get_attribute("fill")
    assert fill == factions.fill("iraq")
    # The default extent covers the theatre: Damascus and Mosul are both in view.
    assert _shows(page, "geoMap.map", DAMASCUS) and _shows(page, "geoMap.map", MOSUL)
    page.screenshot(path=str(artifacts_dir / "iraq_both_map.png"))


def test_map_of_iraq_only(open_page: Any, pages: Path, artifacts_dir: Path) -> None:
    opened = open_page(pages / "iraq.html")
    page = opened.page
    page.wait_for_function("window.geoMap && geoMap.ready === true", timeout=30_000)
    assert opened.problems() == []
    assert page.title() == f"Control of territory in Iraq on {DAY}"
    legend = _legend(page)
    assert {"iraq", "kurdistan", "is"} <= set(legend)
    assert not {"government", "rebels", "hts", "sdf", "turkish_backed"} & set(legend)
    assert _shows(page, "geoMap.map", MOSUL)
    # the page fits Iraq to the window: centred on Iraq (lon 38.8-48.6), not on both countries
    lat, lon = page.evaluate("[geoMap.map.getCenter().lat, geoMap.map.getCenter().lng]")
    assert 29.0 < lat < 37.4 and abs(lon - 43.7) < 0.3
    page.screenshot(path=str(artifacts_dir / "iraq_only_map.png"))


def test_slider_shows_iraqi_places(open_page: Any, pages: Path, artifacts_dir: Path) -> None:
    opened = open_page(pages / "slider.html")
    page = opened.page
    page.wait_for_function("window.geoSlider && geoSlider.ready === true", timeout=30_000)
    assert opened.problems() == []
    steps = page.evaluate("geoSlider.steps()")
    page.evaluate("n => geoSlider.goto(n)", steps.index("2017-08-01"))
    def painted(side: str) -> set[str]:  # its fill, or faded and hatched when uncertain
        return {factions.fill(side), f"url(#geo-hatch-uncertain-{side})"}

    for place_id, side in (("iq-mosul", "iraq"), ("iq-kirkuk", "kurdistan"),
                           ("iq-tal-afar", "is")):
        assert page.evaluate("id => geoSlider.sideOf(id)", place_id) == side
        assert page.evaluate("id => geoSlider.colourOf(id)", place_id) in painted(side)
    assert page.evaluate("geoSlider.layerVisible('iraq')") is True
    text = page.locator("#geo-legend").inner_text()
    assert factions.label("iraq") in text and factions.label("kurdistan") in text
    page.screenshot(path=str(artifacts_dir / "iraq_slider.png"))
