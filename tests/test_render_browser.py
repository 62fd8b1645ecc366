"""The per-date map in headless Chromium, from file:// with the network off."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_render_fixtures import (
    D2,
    IMG_PAYLOAD,
    PLACES,
    SCRIPT_PAYLOAD,
    make_corpus,
    marker_tooltip,
)

from geo import factions
from geo.render import write_map

pytestmark = pytest.mark.browser
pytest_plugins = ("browser",)  # the browser and open_page fixtures

SIDES_ON_D2 = ["government", "rebels", "sdf", "is", "contested", "unknown"]


@pytest.fixture(scope="module")
def map_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from geo.territory import TerritoryModel

    path = tmp_path_factory.mktemp("map") / "2016-03-20.html"
    write_map(D2, make_corpus(), path, model=TerritoryModel.build(list(PLACES)))
    return path


def _ready(opened: Any) -> Any:
    page = opened.page
    page.wait_for_function("window.geoMap && window.geoMap.ready === true", timeout=10_000)
    return page


def test_map_loads_offline_with_legend_and_layers(
    open_page: Any, map_file: Path, artifacts_dir: Path
) -> None:
    opened = open_page(map_file)
    page = _ready(opened)
    assert opened.problems() == []
    assert page.title() == "Control of territory in Syria and Iraq on 2016-03-20"
    legend = page.locator(".leaflet-bottom #geo-legend.leaflet-control")
    assert legend.is_visible()
    assert legend.locator("li").evaluate_all("els => els.map(e => e.dataset.side)") == SIDES_ON_D2
    assert page.evaluate("geoMap.visibleSides()") == SIDES_ON_D2
    labels = page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    assert [x.strip() for x in labels] == [
        *(factions.label(s) for s in SIDES_ON_D2),
        "Changes in the 30 days to 2016-03-20",
    ]
    for side in SIDES_ON_D2:
        assert page.locator(f"path.geo-area-{side}").count() == 1, side
    assert page.locator("path.geo-area-contested").get_attribute("fill") == (
        "url(#geo-hatch-contested)"
    )
    assert page.locator("path.geo-area-sdf").get_attribute("fill") == factions.fill("sdf")
    assert page.locator("path.geo-area-sdf").get_attribute("fill-opacity") == "1"
    assert page.evaluate("geoMap.changes") == 2
    assert page.locator(".leaflet-control-scale").is_visible()
    assert "Natural Earth" in page.locator(".leaflet-control-attribution").inner_text()
    page.screenshot(path=str(artifacts_dir / "render_map_2016-03-20.png"))


def test_layer_toggle(open_page: Any, map_file: Path) -> None:
    page = _ready(open_page(map_file))
    box = page.get_by_label(factions.label("sdf"), exact=True)
    box.uncheck()
    assert "sdf" not in page.evaluate("geoMap.visibleSides()")
    assert page.locator("path.geo-area-sdf").count() == 0
    box.check()
    assert page.evaluate("geoMap.visibleSides()") == SIDES_ON_D2


def test_popups_show_article_text_as_text(
    open_page: Any, map_file: Path, artifacts_dir: Path
) -> None:
    opened = open_page(map_file)
    page = _ready(opened)
    page.evaluate(
        """() => {
          const layers = [];
          Object.values(geoMap.map._layers)
            .forEach(l => { if (l.getPopup && l.getPopup()) layers.push(l); });
          layers.sort((a, b) => a.getLatLng().lng - b.getLatLng().lng);
          layers[1].openPopup();   // Jisr Nahr, the eastern one
        }"""
    )
    popup = page.locator(".leaflet-popup-content")
    text = popup.inner_text()
    assert f"The SDF said it captured Jisr Nahr {SCRIPT_PAYLOAD} on Thursday." in text
    assert f"Fighters enter Jisr Nahr {SCRIPT_PAYLOAD}" in text
    assert "(Wire & Co, 2016-03-10)" in text
    assert popup.locator("a").get_attribute("href") == "https://example.org/news/a?x=1&y=2"
    assert popup.locator("script, img").count() == 0
    page.screenshot(path=str(artifacts_dir / "render_map_popup.png"))
    page.evaluate(
        """() => Object.values(geoMap.map._layers)
             .filter(l => l.getPopup && l.getPopup())
             .sort((a, b) => a.getLatLng().lng - b.getLatLng().lng)[0].openPopup()"""
    )
    other = page.locator(".leaflet-popup-content")
    assert f"Clashes near Qasr Hamra {IMG_PAYLOAD}" in other.inner_text()
    assert other.locator("img, script").count() == 0
    assert other.locator("a").count() == 0  # the javascript: link stays text
    assert opened.problems() == []


def test_place_tooltip_names_controller_and_evidence(open_page: Any, map_file: Path) -> None:
    page = _ready(open_page(map_file))
    page.evaluate("geoMap.map.setView([36.35, 38.35], 11, {animate: false})")
    text = marker_tooltip(page, "sdf", 38.35)
    assert "Jisr Nahr" in text and "SDF (Syrian Democratic Forces)" in text
    assert "since 2016-03-10" in text and "evidence: event" in text
    assert f"source: Fighters enter Jisr Nahr {SCRIPT_PAYLOAD}" in text


def test_embed_fragment_works_inside_another_page(
    open_page: Any, tmp_path: Path, artifacts_dir: Path
) -> None:
    from geo.territory import TerritoryModel

    fragment = tmp_path / "fragment.html"
    write_map(D2, make_corpus(), fragment, embed=True, model=TerritoryModel.build(list(PLACES)))
    report = tmp_path / "report.html"
    report.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Report</title></head><body>"
        "<h1>Quarterly report</h1>" + fragment.read_text(encoding="utf-8") + "</body></html>",
        encoding="utf-8",
    )
    opened = open_page(report)
    frame = opened.page.frame_locator("iframe")
    frame.locator("#geo-legend.leaflet-control").wait_for(timeout=10_000)
    assert frame.locator("#geo-title").inner_text().startswith(
        "Control of territory in Syria and Iraq on 2016-03-20"
    )
    assert opened.problems() == []
    opened.page.screenshot(path=str(artifacts_dir / "render_embed.png"))


def test_no_markers_at_country_zoom_and_names_by_zoom(
    open_page: Any, map_file: Path, artifacts_dir: Path
) -> None:
    opened = open_page(map_file)
    page = _ready(opened)
    zoom = page.evaluate("geoMap.map.getZoom()")
    assert 6 <= zoom < 10  # fitted to Syria
    assert page.evaluate("geoMap.markersShown()") == 0
    # at country zoom the city is named, the towns and villages are not
    assert page.evaluate("geoMap.labels.shown().map(l => l.name)") == ["Kafr Sabah"]
    page.evaluate("geoMap.map.setView([36.1, 38.4], 9, {animate: false})")
    names = page.evaluate("geoMap.labels.shown().map(l => l.name)")
    assert "Tall Warda" in names and "Ain Dhahab" not in names  # towns, no villages yet
    page.evaluate("geoMap.map.setView([36.2, 38.2], 11, {animate: false})")
    assert "Ain Dhahab" in page.evaluate("geoMap.labels.shown().map(l => l.name)")
    assert page.evaluate("geoMap.markersShown()") > 0
    boxes = page.locator(".geo-label").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); "
        "return [r.left, r.top, r.right, r.bottom]; })"
    )
    assert boxes
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    page.screenshot(path=str(artifacts_dir / "render_map_zoom11.png"))
    assert opened.problems() == []


def test_crowded_names_never_overlap(open_page: Any, tmp_path: Path) -> None:
    from dataclasses import replace

    from geo.models import Place
    from geo.territory import TerritoryModel

    # twelve cities 11 km apart, north to south: at country zoom some names must give way
    crowd = tuple(
        Place(f"c{i}", f"Madinat {i:02d}", (), 34.0 + 0.1 * i, 40.0, "city", population=i)
        for i in range(12)
    )
    corpus = make_corpus()
    corpus.gazetteer.places.update({p.id: p for p in crowd})
    path = tmp_path / "crowd.html"
    write_map(D2, corpus, path, model=TerritoryModel.build([*PLACES, *crowd]))
    page = _ready(open_page(path))
    shown = page.evaluate("geoMap.labels.shown().map(l => l.name)")
    assert 1 < sum(name.startswith("Madinat") for name in shown) < 12
    assert shown[0] == "Madinat 11"  # the most populous first
    assert replace(crowd[0]).name == "Madinat 00"
    boxes = page.locator(".geo-label").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); "
        "return [r.left, r.top, r.right, r.bottom]; })"
    )
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


def test_uncertain_ground_is_faded_and_hatched(
    open_page: Any, tmp_path: Path, artifacts_dir: Path
) -> None:
    from dataclasses import replace

    from geo.territory import TerritoryModel

    corpus = make_corpus()
    timeline = corpus.timeline
    original = timeline.state_on

    def state_on(day: Any) -> dict[str, Any]:
        states = original(day)
        # IS's Marj Abyad on an old report (an uncertain snapshot would follow its neighbour)
        states["p5"] = replace(states["p5"], uncertain=True, evidence="event")
        return states

    timeline.state_on = state_on  # type: ignore[method-assign]
    path = tmp_path / "uncertain.html"
    write_map(D2, corpus, path, model=TerritoryModel.build(list(PLACES)))
    opened = open_page(path)
    page = _ready(opened)
    hatched = page.locator("path.geo-uncertain-is")
    assert hatched.count() == 1
    assert hatched.get_attribute("fill") == "url(#geo-hatch-uncertain-is)"
    pattern = page.locator("#geo-hatch-uncertain-is rect").first
    assert pattern.get_attribute("fill") == factions.fill("is", uncertain=True)
    legend = page.locator("#geo-legend li").evaluate_all("els => els.map(e => e.dataset.side)")
    assert legend[-1] == "uncertain"
    page.screenshot(path=str(artifacts_dir / "render_map_uncertain.png"))
    assert opened.problems() == []
