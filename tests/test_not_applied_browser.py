"""Events the timeline did not apply are shown as not applied, with why (map popup, slider data)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_render_fixtures import D2, EVENTS, PLACES, make_corpus, make_timeline

from geo.render import write_map

pytest_plugins = ("browser",)  # the browser and open_page fixtures

WHY = "claim contradicted: government (event, doc-z) holds the place, and no other report confirms"


class StatusTimeline:
    """The fixture timeline, saying that it applied none of the events."""

    def __init__(self) -> None:
        self.inner = make_timeline()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def event_status(self, event_id: str) -> str | None:
        return WHY


@pytest.fixture(scope="module")
def map_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from geo.territory import TerritoryModel

    corpus = make_corpus()
    corpus.__dict__["timeline"] = StatusTimeline()
    path = tmp_path_factory.mktemp("not-applied") / "map.html"
    write_map(D2, corpus, path, model=TerritoryModel.build(list(PLACES)))
    return path


def test_the_page_data_says_not_applied(map_file: Path) -> None:
    text = map_file.read_text(encoding="utf-8")
    assert '"applied": false' in text or '"applied":false' in text
    assert "no other report confirms" in text


@pytest.mark.browser
def test_popup_shows_not_applied_with_why(open_page: Any, map_file: Path) -> None:
    opened = open_page(map_file)
    page = opened.page
    page.wait_for_function("window.geoMap && window.geoMap.ready === true", timeout=10_000)
    page.evaluate(
        """() => Object.values(geoMap.map._layers)
             .filter(l => l.getPopup && l.getPopup())[0].openPopup()"""
    )
    text = page.locator(".leaflet-popup-content").inner_text()
    assert "not applied" in text
    assert f"Not applied: {WHY}" in text
    assert opened.problems() == []


def test_slider_records_carry_the_status() -> None:
    from geo.render import DocumentTable, change_record

    places = {p.id: p for p in PLACES}
    event = EVENTS[0]
    applied = change_record(event, places, DocumentTable([]))
    refused = change_record(event, places, DocumentTable([]), WHY)
    assert (applied["applied"], applied["why"]) == (True, "")
    assert (refused["applied"], refused["why"]) == (False, WHY)
