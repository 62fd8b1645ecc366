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
    assert page.locator("#geo-controls #geo-legend").is_visible()
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
    assert _fill_in_dom(page, "p4") == factions.fill("is")
    _move_range(page, AFTER)
    assert page.locator("#geo-date").inner_text() == "2016-03-10"
    assert _fill_in_dom(page, "p4") == factions.fill("sdf")
    panel = page.locator("#geo-changes")
    assert f"The SDF said it captured Jisr Nahr {SCRIPT_PAYLOAD} on Thursday." in panel.inner_text()
    assert panel.locator("script, img").count() == 0
    assert panel.locator("a").get_attribute("href") == "https://example.org/news/a?x=1&y=2"
    page.screenshot(path=str(artifacts_dir / "slider_2016-03-10.png"))
    _move_range(page, 19)  # D2: Qasr Hamra contested (hatched), Tall Warda to the rebels
    assert _fill_in_dom(page, "p6") == "url(#geo-hatch-contested)"
    assert _fill_in_dom(page, "p2") == factions.fill("rebels")
    _move_range(page, 0)  # back: the diffs are reverted
    assert _fill_in_dom(page, "p4") == factions.fill("is")
    assert _fill_in_dom(page, "p2") == factions.fill("government")
    assert _fill_in_dom(page, "p6") == factions.fill("sdf")
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


def _legend_sides(page: Any) -> list[str]:
    return list(page.locator("#geo-legend li").evaluate_all("els => els.map(e => e.dataset.side)"))


def test_url_date_opens_that_date_and_stepping_updates_it(
    open_page: Any, slider_file: Path
) -> None:
    opened = open_page(slider_file)
    page = _ready(opened)
    assert page.evaluate("location.hash") == "#2016-03-01"
    page.goto(slider_file.resolve().as_uri() + "#2016-03-10")
    page.wait_for_function("window.geoSlider && geoSlider.ready === true")
    assert page.locator("#geo-date").inner_text() == "2016-03-10"
    assert page.evaluate("geoSlider.sideOf('p4')") == "sdf"
    page.locator("#geo-next").click()
    assert page.evaluate("location.hash") == "#2016-03-11"
    page.evaluate("location.hash = '#2016-03-05'")
    page.wait_for_function("geoSlider.date() === '2016-03-05'")
    # a date between steps opens the last step on or before it; garbage is ignored
    page.goto(slider_file.resolve().as_uri() + "#2099-01-01")
    page.wait_for_function("window.geoSlider && geoSlider.ready === true")
    assert page.locator("#geo-date").inner_text() == "2016-03-20"
    assert opened.problems() == []


def test_home_end_and_speed(open_page: Any, slider_file: Path) -> None:
    page = _ready(open_page(slider_file))
    page.locator("#geo-date").click()
    page.keyboard.press("End")
    assert page.evaluate("geoSlider.index()") == 19
    page.keyboard.press("Home")
    assert page.evaluate("geoSlider.index()") == 0
    page.locator("#geo-last").click()
    assert page.locator("#geo-date").inner_text() == "2016-03-20"
    page.locator("#geo-first").click()
    assert page.locator("#geo-date").inner_text() == "2016-03-01"
    speeds = page.locator("#geo-speed option").evaluate_all("els => els.map(e => e.value)")
    assert speeds == ["2000", "1000", "700", "400", "200"]
    assert page.evaluate("geoSlider.interval()") == 700
    page.locator("#geo-speed").select_option("200")
    assert page.evaluate("geoSlider.interval()") == 200
    page.locator("#geo-play").click()
    page.wait_for_function("geoSlider.index() >= 5", timeout=3_000)
    page.locator("#geo-play").click()


def test_focus_order_reaches_the_controls_before_the_map(
    open_page: Any, slider_file: Path
) -> None:
    page = _ready(open_page(slider_file))
    order = []
    for _ in range(12):
        page.keyboard.press("Tab")
        order.append(page.evaluate(
            "document.activeElement.id || document.activeElement.className || "
            "document.activeElement.tagName"
        ))
    controls = ["geo-range", "geo-first", "geo-prev", "geo-play", "geo-next", "geo-last",
                "geo-speed"]
    assert order[: len(controls)] == controls
    # no map feature (cell path, label, marker) is ever in the tab order
    focusable = page.evaluate(
        """() => Array.from(document.querySelectorAll('#geo-map path, #geo-map .geo-label,'
               + ' #geo-map .leaflet-marker-icon')).filter(e => e.tabIndex >= 0).length"""
    )
    assert focusable == 0


def test_legend_lists_every_side_on_the_map(open_page: Any, slider_file: Path) -> None:
    page = _ready(open_page(slider_file))
    for step in (0, 9, 19):
        _move_range(page, step)
        shown = page.evaluate("geoSlider.sidesShown()")
        assert _legend_sides(page) == shown, step
    assert "contested" in _legend_sides(page)  # on D2
    _move_range(page, 0)
    assert "contested" not in _legend_sides(page)


def test_phone_width_keeps_the_map_visible(
    open_page: Any, slider_file: Path, artifacts_dir: Path
) -> None:
    opened = open_page(slider_file)
    page = opened.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page = _ready(opened)
    box = page.locator("#geo-map").bounding_box()
    assert box is not None and box["width"] >= 380 and box["height"] >= 300
    controls = page.locator("#geo-controls").bounding_box()
    assert controls is not None and controls["y"] + controls["height"] <= box["y"] + 1
    # the centre of the map shows the map, not a control laid over it
    hit = page.evaluate(
        f"(() => {{ const e = document.elementFromPoint({box['x'] + box['width'] / 2}, "
        f"{box['y'] + box['height'] / 2}); return !!e.closest('#geo-map') && "
        "!e.closest('.leaflet-control'); })()"
    )
    assert hit is True
    assert page.locator(".leaflet-control-layers-expanded").count() == 0  # collapsed
    page.screenshot(path=str(artifacts_dir / "slider_390px.png"), full_page=True)
    assert opened.problems() == []
