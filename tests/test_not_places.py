"""Things that share words with places are not where control changes (issue 13, class 2).

Rivers, lakes, roads, organisations and titles, and a province named after its capital, with
the shipped gazetteer. The sentences are written for these tests (none comes from a news report).
"""

from __future__ import annotations

from datetime import date

import pytest

from geo.extract import extract_events
from geo.gazetteer import Gazetteer
from geo.models import Document


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _events(gaz: Gazetteer, text: str) -> list[tuple[str, str]]:
    doc = Document("t", text, "t.txt", published=date(2017, 5, 10))
    return [(e.place_id or "", e.controller) for e in extract_events([doc], gaz).events]


@pytest.mark.parametrize(
    "text",
    [
        "Government forces seized the Euphrates river bank on Tuesday.",  # a river
        "Iraqi forces crossed the Tigris River on Tuesday.",
        "Kurdish fighters reached the shore of Lake Assad on Tuesday.",  # a lake
        "Rebels took control of the Aleppo-Damascus highway on Tuesday.",  # a road
        "Iraqi troops seized the Mosul road on Tuesday.",
        "Liwa al-Quds fighters celebrated in the streets on Tuesday.",  # an organisation
        "The Governor of Hama Ghassan Khalaf said troops were ready on Tuesday.",  # a title
        "Army units took several villages in northern Hama on Tuesday.",  # a province
        "Rebels captured positions in the eastern countryside of Homs on Tuesday.",
    ],
)
def test_no_event_at_a_thing_that_is_not_a_place(gaz: Gazetteer, text: str) -> None:
    assert _events(gaz, text) == []


def test_the_place_beside_an_organisation_is_the_event_place(gaz: Gazetteer) -> None:
    text = "The Governor of Hama said troops of Liwa al-Quds recaptured Souran on Tuesday."
    assert _events(gaz, text) == [("sy-suran", "government")]
