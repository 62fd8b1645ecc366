"""How sure a state is: read backwards, evidence far away, dates outside the evidence."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from geo.history import HISTORY_PREFIX
from geo.models import Event, Observation, Place
from geo.timeline import UNCERTAIN_DAYS, Snapshot, Timeline, load_snapshot

DATA = Path(__file__).resolve().parent / "data"
D = date.fromisoformat


@dataclass
class FakeGazetteer:
    places: dict[str, Place]


@pytest.fixture
def gaz() -> FakeGazetteer:
    with open(DATA / "timeline_gazetteer.csv", encoding="utf-8") as handle:
        return FakeGazetteer({
            r["id"]: Place(r["id"], r["name"], (), float(r["lat"]), float(r["lon"]), r["kind"])
            for r in csv.DictReader(handle)
        })


@pytest.fixture
def snap(gaz: FakeGazetteer) -> Snapshot:
    return load_snapshot(DATA / "timeline_snapshot.csv", gaz.places)


def capture(place_id: str, day: str, controller: str, previous: str | None,
            doc: str = "wire-1") -> Event:
    return Event(f"{place_id}-{day}-{doc}", D(day), "day", place_id, place_id, None, None,
                 controller, previous, "capture", 0.9, (doc,), f"{controller} took {place_id}.")


def test_a_snapshot_read_backwards_is_uncertain(gaz, snap):
    tl = Timeline.build(gaz, [], snapshots=[snap])
    state = tl.state_of("nt", D("2017-01-01"))
    assert (state.controller, state.since, state.backwards, state.uncertain, state.age_days) == (
        "is", D("2017-07-15"), True, True, 195)


def test_evidence_near_the_date_is_certain_and_far_evidence_uncertain(gaz, snap):
    tl = Timeline.build(gaz, [capture("nt", "2017-08-01", "sdf", "is")], snapshots=[snap])
    near = tl.state_of("nt", D("2017-08-01") + (D("2017-01-01") - D("2017-01-01")))
    assert (near.controller, near.uncertain, near.age_days) == ("sdf", False, 0)
    edge = tl.state_of("nt", date.fromordinal(D("2017-08-01").toordinal() + UNCERTAIN_DAYS))
    assert (edge.uncertain, edge.age_days) == (False, UNCERTAIN_DAYS)
    far = tl.state_of("nt", date.fromordinal(D("2017-08-01").toordinal() + UNCERTAIN_DAYS + 1))
    assert (far.controller, far.backwards, far.uncertain) == ("sdf", False, True)


def test_an_observation_is_not_read_backwards(gaz):
    seen = Observation(D("2017-06-01"), "Northtown", "nt", "contested", "wire-2",
                       "The contested city of Northtown.", ("government", "is"))
    tl = Timeline.build(gaz, [], [seen], snapshots=[])
    assert tl.state_of("nt", D("2016-06-01")).controller == "unknown"
    assert tl.state_of("nt", D("2017-06-02")).contested_with == ("government", "is")


def test_an_events_losing_side_is_read_backwards_and_marked(gaz):
    tl = Timeline.build(gaz, [capture("nt", "2017-06-01", "sdf", "is")], snapshots=[])
    before = tl.state_of("nt", D("2017-05-01"))
    assert (before.controller, before.backwards, before.uncertain) == ("is", True, True)


def test_dates_outside_the_evidence_get_a_warning(gaz, snap):
    tl = Timeline.build(gaz, [capture("nt", "2017-08-01", "sdf", "is")], snapshots=[snap])
    assert tl.evidence_span() == (D("2017-07-15"), D("2017-08-01"))
    assert tl.outside_evidence(D("2017-07-20")) is None
    assert tl.outside_evidence(D("2012-01-01")) == (
        "2012-01-01 is before the earliest evidence loaded (2017-07-15): every state is read "
        "backwards and uncertain")
    assert tl.outside_evidence(D("2020-01-01")) == (
        "2020-01-01 is after the latest evidence loaded (2017-08-01): states are carried "
        "forward from older evidence")


def test_history_dates_are_not_the_users_event_dates(gaz):
    history = capture("nt", "2015-01-01", "is", "government", doc=HISTORY_PREFIX + "c:1")
    user = capture("st", "2017-03-01", "government", "is")
    tl = Timeline.build(gaz, [history, user], snapshots=[])
    assert tl.event_dates() == [D("2017-03-01")]
    assert tl.state_of("nt", D("2016-01-01")).controller == "is"


def test_the_timeline_says_which_events_it_did_not_apply(gaz, snap):
    claim = Event("claim-1", D("2017-08-05"), "day", "nt", "nt", None, None, "government", None,
                  "claim", 0.6, ("wire-9",), "The army says it holds Northtown.")
    taken = capture("nt", "2017-08-01", "sdf", "is")
    weak = Event("weak-1", D("2017-08-01"), "day", "nt", "nt", None, None, "rebels", None,
                 "capture", 0.5, ("wire-8",), "Rebels took Northtown.")
    nowhere = Event("lost-1", D("2017-08-01"), "day", "Atlantis", None, None, None, "is", None,
                    "capture", 0.9, ("wire-7",), "IS took Atlantis.")
    tl = Timeline.build(gaz, [taken, claim, weak, nowhere], snapshots=[snap])
    assert tl.event_status(taken.event_id) is None
    assert tl.event_status("claim-1") == (
        "claim contradicted: sdf (event, wire-1) holds the place, and no other report confirms "
        "the claim")
    assert tl.event_status("weak-1") == "outweighed by sdf (event, wire-1) on the same date"
    assert tl.event_status("lost-1") == "its place is not on the map"
