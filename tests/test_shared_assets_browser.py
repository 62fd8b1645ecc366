"""Per-date pages of a build that load the shared map-assets files, in headless Chromium.

The pages are opened from ``file://`` with the network off, as a reader opens a build folder.
"""

from __future__ import annotations

import re
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
from geo.build import ASSETS_DIR
from geo.map_data import GeometryFiles
from geo.render import shared_assets, write_map

pytestmark = pytest.mark.browser
pytest_plugins = ("browser",)  # the browser and open_page fixtures

SIDES_ON_D2 = ["government", "rebels", "sdf", "is", "contested", "unknown"]


@pytest.fixture(scope="module")
def shared_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from geo.territory import TerritoryModel

    folder = tmp_path_factory.mktemp("build")
    (folder / ASSETS_DIR).mkdir()
    for name, text in shared_assets({p.id: p for p in PLACES}).items():
        (folder / ASSETS_DIR / name).write_text(text, encoding="utf-8")
    path = folder / "2016-03-20.html"
    write_map(D2, make_corpus(), path, model=TerritoryModel.build(list(PLACES)),
              assets=ASSETS_DIR, geometry=GeometryFiles(folder / ASSETS_DIR))
    return path


def _ready(opened: Any) -> Any:
    page = opened.page
    page.wait_for_function("window.geoMap && window.geoMap.ready === true", timeout=10_000)
    return page


def test_the_page_holds_its_date_only(shared_page: Path) -> None:
    text = shared_page.read_text(encoding="utf-8")
    assert f'<script src="{ASSETS_DIR}/geo.js"></script>' in text
    assert f'<link rel="stylesheet" href="{ASSETS_DIR}/geo.css">' in text
    assert "Leaflet" not in text.split("<body>")[0]  # no inlined library in the head
    assert '"base":null' in text
    # names and coordinates come from the shared places.js, only the states are the page's
    assert f'<script src="{ASSETS_DIR}/places.js"></script>' in text
    assert '"placeTable":null' in text and "Wadi Tin" not in text
    # each area is a shared script of map-assets/areas, named by the hash of its GeoJSON
    areas = re.findall(rf'<script src="{ASSETS_DIR}/areas/([0-9a-f]{{20}})\.js"></script>', text)
    assert len(areas) >= len(SIDES_ON_D2) and '"coordinates"' not in text
    for name in areas:
        script = (shared_page.parent / ASSETS_DIR / "areas" / f"{name}.js").read_text("utf-8")
        assert script.startswith(f'(window.GEO_AREAS = window.GEO_AREAS || {{}})["{name}"] = ')


def test_opens_offline_with_places_legend_areas_and_base(
    open_page: Any, shared_page: Path, artifacts_dir: Path
) -> None:
    opened = open_page(shared_page)
    page = _ready(opened)
    assert opened.problems() == []
    legend = page.locator(".leaflet-bottom #geo-legend.leaflet-control")
    assert legend.is_visible()
    assert legend.locator("li").evaluate_all("els => els.map(e => e.dataset.side)") == SIDES_ON_D2
    for side in SIDES_ON_D2:
        assert page.locator(f"path.geo-area-{side}").count() == 1, side
    assert page.locator("path.geo-area-sdf").get_attribute("fill") == factions.fill("sdf")
    assert "Natural Earth" in page.locator(".leaflet-control-attribution").inner_text()
    assert page.evaluate("geoMap.changes") == 2
    page.evaluate("geoMap.map.setView([36.35, 38.35], 11, {animate: false})")
    text = marker_tooltip(page, "sdf", 38.35)
    assert "Jisr Nahr" in text and "SDF (Syrian Democratic Forces)" in text
    page.screenshot(path=str(artifacts_dir / "render_shared_assets_2016-03-20.png"))


def test_popups_show_article_text_as_text(open_page: Any, shared_page: Path) -> None:
    opened = open_page(shared_page)
    page = _ready(opened)
    texts = page.evaluate(
        """() => Object.values(geoMap.map._layers)
             .filter(l => l.getPopup && l.getPopup())
             .sort((a, b) => a.getLatLng().lng - b.getLatLng().lng)
             .map(l => { l.openPopup();
                         const p = l.getPopup().getElement()
                           .querySelector('.leaflet-popup-content');
                         return [p.innerText, p.querySelectorAll('script, img').length]; })"""
    )
    shown = "\n".join(t for t, _ in texts)
    assert f"Clashes near Qasr Hamra {IMG_PAYLOAD}" in shown
    assert f"The SDF said it captured Jisr Nahr {SCRIPT_PAYLOAD} on Thursday." in shown
    assert "(Wire & Co, 2016-03-10)" in shown
    assert [n for _, n in texts] == [0] * len(texts)  # article text never became markup
    assert opened.problems() == []
