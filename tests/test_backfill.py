"""Backfill: cells a snapshot paints from afar follow the nearest documented place (step 5b)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from shapely.geometry import box

from geo.backfill import FOLLOW_BACK_DAYS, FOLLOW_KM, followed_cells
from geo.evidence import UNCERTAIN_DAYS
from geo.models import Place, PlaceState
from geo.territory import TerritoryModel

DAY = date(2015, 3, 1)
SNAPSHOT_DAY = date(2017, 7, 18)
#: A 1 x 1 degree square in the middle of Syria.
SQUARE = box(38.0, 34.5, 39.0, 35.5)


def place(pid: str, lat: float, lon: float, kind: str = "village") -> Place:
    return Place(id=pid, name=pid.title(), alt_names=(), lat=lat, lon=lon, kind=kind)


def snap(pid: str, side: str, day: date = DAY) -> PlaceState:
    """A state resting on the mid-2017 snapshot, read backwards to ``day``."""
    return PlaceState(day, pid, side, since=SNAPSHOT_DAY, evidence="snapshot",
                      backwards=day < SNAPSHOT_DAY, uncertain=True)


def event(pid: str, side: str, since: date, day: date = DAY) -> PlaceState:
    return PlaceState(day, pid, side, since=since, evidence="event", backwards=since > day)


#: Cell centres in metres: a town at the origin, villages 10 km and 60 km east of it.
POINTS = np.array([[0.0, 0.0], [10_000.0, 0.0], [60_000.0, 0.0]])
MEMBERS = [("town",), ("near",), ("far",)]


def test_a_snapshot_village_follows_the_town_the_history_documents() -> None:
    states = {
        "town": event("town", "is", date(2014, 8, 1)),
        "near": snap("near", "government"),
        "far": snap("far", "government"),
    }
    found = followed_cells(POINTS, MEMBERS, ["is", "government", "government"], states)
    # the village 10 km away follows the town; the one 60 km away is beyond FOLLOW_KM (40 km)
    assert found == {1: "is"}


def test_evidence_farther_in_time_than_the_snapshot_is_not_followed() -> None:
    day = date(2017, 6, 1)  # six weeks before the snapshot, three years after the town's event
    states = {
        "town": event("town", "is", date(2014, 8, 1), day),
        "near": snap("near", "government", day),
        "far": snap("far", "government", day),
    }
    assert followed_cells(POINTS, MEMBERS, ["is", "government", "government"], states) == {}


def test_only_a_side_is_followed_and_only_by_snapshot_cells() -> None:
    contested = PlaceState(DAY, "town", "contested", ("is", "iraq"), since=date(2015, 1, 1),
                           evidence="event")
    states = {"town": contested, "near": snap("near", "government"),
              "far": snap("far", "government")}
    assert followed_cells(POINTS, MEMBERS, ["contested", "government", "government"], states) == {}
    # a village with evidence of its own keeps it
    states = {"town": event("town", "is", date(2014, 8, 1)),
              "near": event("near", "government", date(2014, 12, 1)),
              "far": snap("far", "government")}
    assert followed_cells(POINTS, MEMBERS, ["is", "government", "government"], states) == {}


def test_the_reach_of_the_rule_is_a_parameter() -> None:
    states = {
        "town": event("town", "is", date(2014, 8, 1)),
        "near": snap("near", "government"),
        "far": snap("far", "government"),
    }
    controllers = ["is", "government", "government"]
    assert followed_cells(POINTS, MEMBERS, controllers, states, follow_km=70) == {1: "is", 2: "is"}
    assert followed_cells(POINTS, MEMBERS, controllers, states, follow_km=0) == {}
    assert FOLLOW_KM == 40.0


def test_the_model_paints_followed_ground_uncertain_and_keeps_the_places_states() -> None:
    places = [place("town", 35.0, 38.5, "town"), place("near", 35.0, 38.6),
              place("far", 35.0, 38.95)]
    # one neighbour of the same side is enough for a ring here (step 4b), as near follows town
    model = TerritoryModel.build(places, boundary=SQUARE, network_min=1)
    states = {
        "town": event("town", "is", date(2014, 8, 1)),
        "near": snap("near", "government"),
        "far": snap("far", "government"),
    }
    index = model.cell_of
    controllers = model.cell_controllers(states)
    assert controllers[index["near"]] == "is"  # 9 km from the town
    assert controllers[index["far"]] == "government"  # 41 km away
    uncertain = model.uncertain_cells(states, controllers)
    assert uncertain[index["near"]] is True
    assert uncertain[index["town"]] is False
    assert model.own_controllers(states)[index["near"]] == "government"
    rings = {pid: i for i, (pid, piece) in enumerate(zip(model.cells.place_id, model.cells.piece,
                                                         strict=True)) if piece == "ring"}
    assert controllers[rings["near"]] == "is" and uncertain[rings["near"]] is True
    assert controllers[rings["town"]] == "is" and uncertain[rings["town"]] is False
    held = model.areas(states).set_index("controller").area_km2
    cells = model.cells.groupby("place_id").area_km2.sum()
    assert held["is"] == pytest.approx(cells["town"] + cells["near"])
    model.follow_km = 0
    assert model.cell_controllers(states)[index["near"]] == "government"


def test_no_cell_follows_a_place_across_the_border() -> None:
    # al-Bukamal in Syria and Husaybah in Iraq, about 9 km apart on either side of the border
    places = [
        Place(id="sy-town", name="Town", alt_names=(), lat=34.455, lon=40.915, kind="town",
              country="SY"),
        Place(id="iq-village", name="Village", alt_names=(), lat=34.41, lon=41.0, kind="village",
              country="IQ"),
    ]
    model = TerritoryModel.build(places)
    states = {"sy-town": event("sy-town", "is", date(2014, 8, 1)),
              "iq-village": snap("iq-village", "iraq")}
    assert model.followed(states) == {}
    assert model.cell_controllers(states)[model.cell_of["iq-village"]] == "iraq"


def test_a_recent_snapshot_is_not_overruled() -> None:
    day = date(2017, 9, 1)  # six weeks after the snapshot: its states are still certain
    recent = PlaceState(day, "near", "government", since=SNAPSHOT_DAY, evidence="snapshot")
    states = {"town": event("town", "is", date(2017, 8, 25), day), "near": recent,
              "far": snap("far", "government", day)}
    assert followed_cells(POINTS, MEMBERS, ["is", "government", "government"], states) == {}


def test_ground_whose_old_mark_the_end_of_its_side_undid_follows_even_an_older_neighbour() -> None:
    day = date(2019, 9, 1)
    ended = PlaceState(day, "near", "unknown", since=date(2019, 3, 23), evidence="correction")
    states = {
        "town": event("town", "government", date(2017, 9, 5), day),
        "near": ended,
        "far": PlaceState(day, "far", "unknown", since=date(2019, 3, 23), evidence="correction"),
    }
    found = followed_cells(POINTS, MEMBERS, ["government", "unknown", "unknown"], states)
    # the end of IS ground says nothing of who holds it: the town's two-year-old capture decides
    # within reach; the village 60 km away stays unknown
    assert found == {1: "government"}


def test_a_loser_read_backwards_documents_its_ground_within_the_sure_horizon_only() -> None:
    # The town was taken from IS on 1 May 2017: read backwards, IS held it before.
    taken = date(2017, 5, 1)
    controllers = ["is", "government", "government"]
    within = date(2016, 12, 1)  # 151 days before the capture
    states = {"town": event("town", "is", taken, within),
              "near": snap("near", "government", within),
              "far": snap("far", "government", within)}
    assert states["town"].backwards and states["town"].age_days == 151
    assert FOLLOW_BACK_DAYS == UNCERTAIN_DAYS == 180
    assert followed_cells(POINTS, MEMBERS, controllers, states) == {1: "is"}
    beyond = taken - timedelta(days=FOLLOW_BACK_DAYS + 1)
    states = {"town": event("town", "is", taken, beyond),
              "near": snap("near", "government", beyond),
              "far": snap("far", "government", beyond)}
    assert followed_cells(POINTS, MEMBERS, controllers, states) == {}
    # evidence dated before the day documents its ground however old it is
    later = date(2015, 9, 1)  # 396 days after the town's event, 686 before the snapshot
    states = {"town": event("town", "is", date(2014, 8, 1), later),
              "near": snap("near", "government", later),
              "far": snap("far", "government", later)}
    assert states["town"].age_days == 396
    assert followed_cells(POINTS, MEMBERS, controllers, states) == {1: "is"}
