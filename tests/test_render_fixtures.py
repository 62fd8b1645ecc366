"""Small hand-made corpora for the map and slider tests (shared by test_render*/test_slider*).

Eight invented places on a line east of Aleppo, a timeline given state by state (no extraction),
and two documents whose title, sentence and link carry HTML/JS payloads that must stay text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace
from typing import Any

from geo.errors import Problem
from geo.models import Document, Event, Place, PlaceState
from geo.pipeline import Corpus

SCRIPT_PAYLOAD = "<script>alert(1)</script>"
IMG_PAYLOAD = '"><img src=x onerror=alert(1)>'

PLACES = (
    Place("p1", "Kafr Sabah", (), 36.20, 37.60, "city"),
    Place("p2", "Tall Warda", (), 36.25, 37.85, "town"),
    Place("p3", "Ain Dhahab", (), 36.30, 38.10, "village"),
    Place("p4", "Jisr Nahr", (), 36.35, 38.35, "town"),
    Place("p5", "Marj Abyad", (), 36.05, 38.55, "village"),
    Place("p6", "Qasr Hamra", (), 35.95, 38.85, "town"),
    Place("p7", "Bir Sahel", (), 35.80, 39.10, "village"),
    Place("p8", "Wadi Tin", (), 35.70, 39.40, "town"),
)

D0 = date(2016, 3, 1)
D1 = date(2016, 3, 10)  # p4 (Jisr Nahr) taken by the SDF from IS
D2 = date(2016, 3, 20)  # p6 contested; p2 government -> rebels
TURNING = "p4"

DOCS = (
    Document(
        id="doc-a",
        text="...",
        source_file="doc-a.txt",
        published=D1,
        date_source="text",
        title=f"Fighters enter Jisr Nahr {SCRIPT_PAYLOAD}",
        outlet="Wire & Co",
        url="https://example.org/news/a?x=1&y=2",
    ),
    Document(
        id="doc-b",
        text="...",
        source_file="doc-b.txt",
        published=D2,
        date_source="text",
        title=f"Clashes near Qasr Hamra {IMG_PAYLOAD}",
        outlet="State Agency",
        url=f"javascript:alert(1)//{IMG_PAYLOAD}",
    ),
)

EVENTS = (
    Event(
        event_id="ev1",
        date=D1,
        date_precision="day",
        place="Jisr Nahr",
        place_id="p4",
        lat=36.35,
        lon=38.35,
        controller="sdf",
        previous_controller="is",
        kind="capture",
        confidence=0.9,
        doc_ids=("doc-a",),
        sentence=f"The SDF said it captured Jisr Nahr {SCRIPT_PAYLOAD} on Thursday.",
    ),
    Event(
        event_id="ev2",
        date=D2,
        date_precision="day",
        place="Tall Warda",
        place_id="p2",
        lat=None,
        lon=None,
        controller="rebels",
        previous_controller="government",
        kind="capture",
        confidence=0.8,
        doc_ids=("doc-b", "doc-missing"),
        sentence=f"Rebels overran Tall Warda {IMG_PAYLOAD} at dawn.",
    ),
)

BASE = {
    "p1": "government",
    "p2": "government",
    "p3": "rebels",
    "p4": "is",
    "p5": "is",
    "p6": "sdf",
    "p7": "sdf",
    "p8": "unknown",
}


@dataclass
class FakeTimeline:
    """States given per date: the baseline, then the events of the fixture."""

    changes: dict[date, dict[str, PlaceState]] = field(default_factory=dict)

    def state_on(self, day: date) -> dict[str, PlaceState]:
        states = {
            pid: PlaceState(
                day,
                pid,
                side,
                since=date(2015, 12, 1) if side != "unknown" else None,
                evidence="snapshot" if side != "unknown" else "none",
                source="baseline-2015" if side != "unknown" else "",
            )
            for pid, side in BASE.items()
        }
        for when in sorted(self.changes):
            if when <= day:
                for pid, state in self.changes[when].items():
                    states[pid] = PlaceState(
                        day,
                        pid,
                        state.controller,
                        state.contested_with,
                        state.since,
                        state.evidence,
                        state.source,
                        state.sentence,
                    )
        return states

    def event_dates(self) -> list[date]:
        return sorted(self.changes)


def make_timeline() -> FakeTimeline:
    ev1, ev2 = EVENTS
    return FakeTimeline(
        {
            D1: {"p4": PlaceState(D1, "p4", "sdf", since=D1, evidence="event", source="doc-a",
                                  sentence=ev1.sentence)},
            D2: {
                "p2": PlaceState(D2, "p2", "rebels", since=D2, evidence="event", source="doc-b",
                                 sentence=ev2.sentence),
                "p6": PlaceState(D2, "p6", "contested", ("sdf", "is"), since=D2,
                                 evidence="observation", source="doc-b", sentence=ev2.sentence),
            },
        }
    )


def make_corpus() -> Corpus:
    """The fixture corpus: its ``timeline`` is the hand-made one, not built from the events."""
    gazetteer: Any = SimpleNamespace(places={p.id: p for p in PLACES})
    corpus = Corpus(
        documents=list(DOCS),
        problems=[Problem("doc-c.txt", None, None, "no date")],
        gazetteer=gazetteer,
        events=list(EVENTS),
    )
    corpus.__dict__["timeline"] = make_timeline()
    return corpus


def test_fixture_timeline_changes_hands() -> None:
    timeline = make_timeline()
    assert timeline.state_on(D0)[TURNING].controller == "is"
    assert timeline.state_on(D1)[TURNING].controller == "sdf"
    assert timeline.state_on(D2)["p6"].controller == "contested"


def marker_tooltip(page: Any, side: str, lng: float) -> str:
    """Open the tooltip of ``side``'s marker at longitude ``lng`` on a geo map; return its text."""
    return str(page.evaluate(
        """([side, lng]) => {
          const marker = geoMap.markers[side].getLayers()
            .find(l => l.getLatLng && l.getLatLng().lng === lng);
          marker.openTooltip();
          return document.querySelector('.leaflet-tooltip').innerText;
        }""",
        [side, lng],
    ))
