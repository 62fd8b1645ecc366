"""The slider page in headless Chromium, from file:// with the network off."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_render_fixtures import D0, D2, PLACES, SCRIPT_PAYLOAD, make_corpus

from geo import factions
from geo.slider import write_slider

pytestmark = pytest.mark.browser
pytest_plugins = ("browser",)  # the browser and open_page fixtures

# Daily steps from D0 (index 0) to D2 (index 19); Jisr Nahr (p4) goes IS -> SDF on index 9.
BEFORE, AFTER = 8, 9


@pytest.fixture(scope="module")
def slider_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from geo.territory import TerritoryModel

    path = tmp_path_factory.mktemp("slider") / "slider.html"
    write_slider(
        make_corpus(), path, start=D0, end=D2, step="day",
        model=TerritoryModel.build(list(PLACES)),
    )
    return path


def _ready(opened: Any) -> Any:
    page = opened.page
    page.wait_for_function("window.geoSlider && window.geoSlider.ready === true", timeout=10_000)
    return page


def _move_range(page: Any, index: int) -> None:
    page.evaluate(
        """i => { const r = document.getElementById('geo-range');
                  r.value = String(i); r.dispatchEvent(new Event('input')); }""",
        index,
    )


def _fill_in_dom(page: Any, place_id: str) -> str:
    return str(page.evaluate("id => geoSlider.colourOf(id)", place_id))


def test_slider_loads_offline(open_page: Any, slider_file: Path, artifacts_dir: Path) -> None:
    opened = open_page(slider_file)
    page = _ready(opened)
    assert opened.problems() == []
    assert page.locator("#geo-date").inner_text() == "2016-03-01"
    assert page.locator("#geo-position").inner_text() == "1 / 20"
    assert page.locator(".leaflet-bottom #geo-legend.leaflet-control").is_visible()
    sides = ["government", "rebels", "sdf", "is", "contested", "unknown"]
    assert page.evaluate("geoSlider.sides()") == sides
    assert all(page.evaluate(f"geoSlider.layerVisible('{s}')") for s in sides)
    page.screenshot(path=str(artifacts_dir / "slider_first.png"))


def test_town_changes_colour_between_dates(
    open_page: Any, slider_file: Path, artifacts_dir: Path
) -> None:
    opened = open_page(slider_file)
    page = _ready(opened)
    _move_range(page, BEFORE)
    assert page.locator("#geo-date").inner_text() == "2016-03-09"
    assert _fill_in_dom(page, "p4") == factions.colour("is")
    _move_range(page, AFTER)
    assert page.locator("#geo-date").inner_text() == "2016-03-10"
    assert _fill_in_dom(page, "p4") == factions.colour("sdf")
    panel = page.locator("#geo-changes")
    assert f"The SDF said it captured Jisr Nahr {SCRIPT_PAYLOAD} on Thursday." in panel.inner_text()
    assert panel.locator("script, img").count() == 0
    assert panel.locator("a").get_attribute("href") == "https://example.org/news/a?x=1&y=2"
    page.screenshot(path=str(artifacts_dir / "slider_2016-03-10.png"))
    _move_range(page, 19)  # D2: Qasr Hamra contested (hatched), Tall Warda to the rebels
    assert _fill_in_dom(page, "p6") == "url(#geo-hatch-contested)"
    assert _fill_in_dom(page, "p2") == factions.colour("rebels")
    _move_range(page, 0)  # back: the diffs are reverted
    assert _fill_in_dom(page, "p4") == factions.colour("is")
    assert _fill_in_dom(page, "p2") == factions.colour("government")
    assert _fill_in_dom(page, "p6") == factions.colour("sdf")
    page.screenshot(path=str(artifacts_dir / "slider_back_to_first.png"))
    assert opened.problems() == []


def test_layer_toggle_off_and_on(open_page: Any, slider_file: Path) -> None:
    page = _ready(open_page(slider_file))
    visible = "path.leaflet-interactive[class*='geo-side-']:visible"  # the cells
    paths = page.locator(visible).count()
    box = page.get_by_label(factions.label("is"), exact=True)
    box.uncheck()
    assert page.evaluate("geoSlider.layerVisible('is')") is False
    assert page.locator(visible).count() == paths - 2  # p4 and p5
    _move_range(page, 9)  # p4 goes to the SDF: visible again while IS stays hidden
    assert page.locator(visible).count() == paths - 1
    box.check()
    assert page.evaluate("geoSlider.layerVisible('is')") is True
    assert page.locator(visible).count() == paths


def test_keyboard_arrows(open_page: Any, slider_file: Path) -> None:
    page = _ready(open_page(slider_file))
    page.locator("#geo-date").click()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.locator("#geo-date").inner_text() == "2016-03-03"
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("geoSlider.index()") == 1
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")  # stays on the first date
    assert page.locator("#geo-date").inner_text() == "2016-03-01"


def test_play_and_pause(open_page: Any, slider_file: Path) -> None:
    page = _ready(open_page(slider_file))
    button = page.locator("#geo-play")
    button.click()
    assert button.inner_text() == "Pause"
    page.wait_for_function("geoSlider.index() >= 2", timeout=5_000)
    button.click()
    assert button.inner_text() == "Play"
    assert page.evaluate("geoSlider.playing()") is False
    stopped = page.evaluate("geoSlider.index()")
    page.wait_for_timeout(900)
    assert page.evaluate("geoSlider.index()") == stopped
