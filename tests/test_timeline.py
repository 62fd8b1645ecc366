"""The control model: latest evidence, reading backwards, anchoring, contested, claims."""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from geo.errors import SnapshotError
from geo.history import TerritoryEnd
from geo.models import Event, Observation, Place
from geo.timeline import Snapshot, Timeline, load_barriers, load_corrections, load_snapshot

DATA = Path(__file__).resolve().parent / "data"
SNAP = DATA / "timeline_snapshot.csv"
D = date.fromisoformat


@dataclass
class FakeGazetteer:
    places: dict[str, Place]


@pytest.fixture
def gaz() -> FakeGazetteer:
    with open(DATA / "timeline_gazetteer.csv", encoding="utf-8") as handle:
        places = {
            r["id"]: Place(r["id"], r["name"], (), float(r["lat"]), float(r["lon"]), r["kind"])
            for r in csv.DictReader(handle)
        }
    return FakeGazetteer(places)


@pytest.fixture
def snap(gaz: FakeGazetteer) -> Snapshot:
    return load_snapshot(SNAP, gaz.places)


def ev(
    place_id: str,
    day: str,
    controller: str,
    previous: str | None,
    kind: str = "capture",
    docs: tuple[str, ...] = ("doc-a",),
    confidence: float = 0.9,
    conflict: tuple[str, ...] = (),
    event_id: str = "",
) -> Event:
    return Event(
        event_id=event_id or f"{place_id}-{day}-{controller}-{kind}-{docs[0]}",
        date=D(day),
        date_precision="day",
        place=place_id,
        place_id=place_id,
        lat=None,
        lon=None,
        controller=controller,
        previous_controller=previous,
        kind=kind,  # type: ignore[arg-type]
        confidence=confidence,
        doc_ids=docs,
        sentence=f"{controller} took {place_id}.",
        conflict=conflict,
    )


def build(gaz: FakeGazetteer, snap: Snapshot, events=(), observations=(), barriers=()):
    return Timeline.build(gaz, list(events), list(observations), snapshots=[snap],
                          barriers=barriers)


def who(tl: Timeline, day: str) -> dict[str, str]:
    return {
        pid: s.controller if not s.contested_with else f"contested:{'|'.join(s.contested_with)}"
        for pid, s in tl.state_on(D(day)).items()
    }


# -- the basic rule -------------------------------------------------------------------------


def test_snapshot_serves_dates_before_and_after(gaz, snap):
    tl = build(gaz, snap)
    for day in ("2014-01-01", "2017-07-15", "2020-01-01"):
        state = tl.state_on(D(day))["nt"]
        assert (state.controller, state.since, state.evidence, state.source) == (
            "is", D("2017-07-15"), "snapshot", "test-map"
        )


def test_every_place_is_answered_unknown_without_evidence(gaz, snap):
    tl = build(gaz, snap)
    states = tl.state_on(D("2017-01-01"))
    assert sorted(states) == sorted(gaz.places)
    assert (states["rg"].controller, states["rg"].evidence, states["rg"].since) == (
        "unknown", "none", None
    )


def test_latest_evidence_on_or_before_the_date(gaz, snap):
    tl = build(gaz, snap, [ev("nt", "2017-08-01", "sdf", "is", docs=("wire-1",))])
    assert who(tl, "2017-07-31")["nt"] == "is"
    after = tl.state_on(D("2017-08-01"))["nt"]
    assert (after.controller, after.since, after.evidence, after.source, after.sentence) == (
        "sdf", D("2017-08-01"), "event", "wire-1", "sdf took nt."
    )


def test_earliest_evidence_after_read_backwards_gives_previous_controller(gaz, snap):
    tl = build(gaz, snap, [ev("st", "2017-03-01", "government", "is", kind="recapture")])
    before = tl.state_on(D("2016-06-01"))["st"]
    assert (before.controller, before.since, before.evidence) == ("is", D("2017-03-01"), "event")
    assert who(tl, "2017-03-01")["st"] == "government"
    assert who(tl, "2018-01-01")["st"] == "government"


def test_event_without_previous_controller_reads_backwards_as_unknown(gaz):
    tl = Timeline.build(gaz, [ev("rg", "2017-03-01", "government", None)], snapshots=[])
    assert who(tl, "2017-02-28")["rg"] == "unknown"
    assert who(tl, "2017-03-01")["rg"] == "government"


def test_event_naming_no_loser_reads_backwards_to_the_other_evidence(gaz, snap):
    tl = build(gaz, snap, [ev("sv2", "2017-03-01", "is", None)])
    assert [who(tl, d)["sv2"] for d in ("2017-02-01", "2017-03-02", "2017-07-20")] == [
        "government", "is", "government"
    ]


def test_correction_is_evidence_of_its_own_kind(gaz, snap):
    fixes = load_corrections(DATA / "timeline_corrections.csv", gaz.places)
    tl = Timeline.build(gaz, [], snapshots=[snap], corrections=fixes)
    state = tl.state_on(D("2017-07-20"))["nv3"]
    assert (state.controller, state.contested_with, state.evidence, state.source) == (
        "contested", ("government", "is"), "correction", "Example Wire, 16 July 2017"
    )
    conflict = next(c for c in tl.conflicts if c.place_id == "nv3")
    assert (conflict.kind, conflict.chosen.kind, [e.kind for e in conflict.rejected]) == (
        "correction", "correction", ["snapshot"]
    )


def test_correction_before_the_snapshot_supersedes_its_row(gaz, snap):
    fixes = load_corrections(DATA / "timeline_corrections.csv", gaz.places)
    tl = Timeline.build(gaz, [], snapshots=[snap], corrections=fixes)
    days = ("2017-06-01", "2017-06-20", "2017-07-15", "2018-01-01")
    assert [who(tl, d)["sv2"] for d in days] == ["government", "is", "is", "is"]
    assert tl.state_on(D("2018-01-01"))["sv2"].source == "Example Agency, 21 June 2017"


def test_observation_sets_state_and_contested_observation(gaz, snap):
    obs = [
        Observation(D("2017-09-01"), "Far Village", "nv3", "government", "doc-o", "held by..."),
        Observation(D("2017-09-01"), "Southtown", "st", "government", "doc-o", "fought over",
                    contested_with=("rebels",)),
    ]
    tl = build(gaz, snap, observations=obs)
    assert who(tl, "2017-09-02")["nv3"] == "government"
    assert who(tl, "2017-09-02")["st"] == "contested:government|rebels"
    assert tl.state_on(D("2017-09-02"))["nv3"].evidence == "observation"


# -- anchoring --------------------------------------------------------------------------------


def test_city_capture_repaints_the_places_it_anchors(gaz, snap):
    tl = build(gaz, snap, [ev("nt", "2017-08-01", "sdf", "is", docs=("wire-1",))])
    after = who(tl, "2017-08-02")
    # nv1 5 km, nv2 10 km and the base 3 km follow; nv3 at 20 km does not; the front village held
    # by the government before does not; a region never follows.
    assert [after[p] for p in ("nt", "nv1", "nv2", "nb", "nv3", "nvf", "rg")] == [
        "sdf", "sdf", "sdf", "sdf", "is", "government", "unknown"
    ]
    village = tl.state_on(D("2017-08-02"))["nv1"]
    assert (village.evidence, village.source, village.since) == (
        "area", "wire-1 (via Northtown)", D("2017-08-01")
    )


def test_town_radius_is_smaller_than_a_city(gaz, snap):
    tl = build(gaz, snap, [ev("st", "2017-08-01", "is", "government")])
    after = who(tl, "2017-08-02")
    assert (after["st"], after["sv1"], after["sv2"]) == ("is", "is", "government")


def test_places_across_a_barrier_river_do_not_follow(gaz, snap):
    # A river running east-west between Northtown and North Village Two (10 km south).
    river = [[(37.8, 35.95), (38.2, 35.95)]]
    tl = build(gaz, snap, [ev("nt", "2017-08-01", "sdf", "is")], barriers=river)
    after = who(tl, "2017-08-02")
    assert (after["nv1"], after["nv2"]) == ("sdf", "is")


def test_shipped_barriers_keep_the_other_bank_of_the_euphrates():
    assert load_barriers()
    places = {
        "city": Place("city", "River City", (), 35.950, 39.010, "city"),
        "north": Place("north", "North Bank", (), 35.990, 39.020, "village"),
        "south": Place("south", "South Bank", (), 35.906, 38.960, "village"),
    }
    snap = Snapshot("m", D("2017-07-15"), dict.fromkeys(places, ("is", ())))
    tl = Timeline.build(FakeGazetteer(places), [ev("city", "2017-08-01", "sdf", "is")],
                        snapshots=[snap])
    after = who(tl, "2017-08-02")
    assert (after["north"], after["south"]) == ("sdf", "is")


def test_village_capture_anchors_nothing(gaz, snap):
    tl = build(gaz, snap, [ev("sv1", "2017-08-01", "is", "government")])
    after = who(tl, "2017-08-02")
    assert (after["sv1"], after["st"], after["sv2"]) == ("is", "government", "government")


def test_own_later_evidence_takes_over_from_its_date(gaz, snap):
    obs = Observation(D("2017-08-10"), "North Village One", "nv1", "is", "doc-o", "still IS-held")
    tl = build(gaz, snap, [ev("nt", "2017-08-01", "sdf", "is")], [obs])
    assert who(tl, "2017-08-05")["nv1"] == "sdf"
    assert who(tl, "2017-08-12")["nv1"] == "is"
    assert who(tl, "2017-08-12")["nv2"] == "sdf"


def test_anchored_village_read_backwards_keeps_the_old_side(gaz, snap):
    # The snapshot (later) already shows the new side: before the capture the villages were IS.
    snap2 = Snapshot("later-map", D("2018-01-01"), dict.fromkeys(gaz.places.keys() - {"rg"},
                                                                  ("sdf", ())))
    tl = Timeline.build(gaz, [ev("nt", "2017-08-01", "sdf", "is")], snapshots=[snap2])
    assert [who(tl, "2017-07-01")[p] for p in ("nt", "nv1", "nv2", "nv3")] == [
        "is", "is", "is", "sdf"
    ]
    assert who(tl, "2017-08-01")["nv1"] == "sdf"


def test_own_evidence_of_the_same_date_beats_area_evidence(gaz, snap):
    tl = build(gaz, snap, [
        ev("nt", "2017-08-01", "sdf", "is"),
        ev("nv1", "2017-08-01", "government", "is", confidence=0.3, docs=("local",)),
    ])
    state = tl.state_on(D("2017-08-02"))["nv1"]
    assert (state.controller, state.evidence, state.source) == ("government", "event", "local")


def test_recapture_follows_the_chain(gaz, snap):
    tl = build(gaz, snap, [
        ev("nt", "2017-08-01", "sdf", "is"),
        ev("nt", "2017-09-01", "is", "sdf", kind="recapture", docs=("doc-b",)),
    ])
    assert [who(tl, d)["nv1"] for d in ("2017-07-20", "2017-08-15", "2017-09-15")] == [
        "is", "sdf", "is"
    ]


# -- contested --------------------------------------------------------------------------------


def test_partial_gives_contested_and_does_not_spread(gaz, snap):
    tl = build(gaz, snap, [ev("nt", "2017-08-01", "sdf", "is", kind="partial")])
    state = tl.state_on(D("2017-08-02"))["nt"]
    assert (state.controller, state.contested_with) == ("contested", ("is", "sdf"))
    assert who(tl, "2017-08-02")["nv1"] == "is"


def test_entering_a_place_the_side_already_holds_is_not_a_fight(gaz, snap):
    tl = build(gaz, snap, [
        ev("nt", "2017-08-01", "sdf", "is"),
        ev("nt", "2017-08-03", "sdf", None, kind="partial", docs=("doc-b",)),
    ])
    state = tl.state_on(D("2017-08-04"))["nt"]
    assert (state.controller, state.contested_with) == ("sdf", ())


def test_siege_then_siege_broken_restores_the_besieged_side(gaz, snap):
    tl = build(gaz, snap, [
        ev("st", "2017-09-01", "is", "government", kind="siege"),
        ev("st", "2017-09-20", "government", "is", kind="siege_broken", docs=("doc-b",)),
    ])
    assert [who(tl, d)["st"] for d in ("2017-08-31", "2017-09-10", "2017-09-21")] == [
        "government", "contested:government|is", "government"
    ]
    assert who(tl, "2017-09-10")["sv1"] == "government"


def test_siege_broken_named_by_the_besieger_still_restores_the_besieged(gaz, snap):
    tl = build(gaz, snap, [
        ev("st", "2017-09-01", "is", "government", kind="siege"),
        ev("st", "2017-09-20", "is", "government", kind="siege_broken", docs=("doc-b",)),
    ])
    assert who(tl, "2017-09-21")["st"] == "government"


# -- claims and conflicts -----------------------------------------------------------------------


def test_uncorroborated_claim_does_not_override_a_confirmed_state(gaz, snap):
    claim = ev("nt", "2017-08-05", "government", "is", kind="claim", docs=("state-tv",))
    tl = build(gaz, snap, [claim])
    assert who(tl, "2017-08-06")["nt"] == "is"
    assert who(tl, "2017-08-06")["nv1"] == "is"
    (conflict,) = tl.conflicts
    assert (conflict.kind, conflict.place_id, conflict.chosen.kind) == ("claim", "nt", "snapshot")
    assert conflict.rejected[0].source == "state-tv"
    assert tl.changes(D("2017-08-01"), D("2017-08-31")) == []


def test_claim_reported_by_two_documents_applies(gaz, snap):
    claim = ev("nt", "2017-08-05", "government", "is", kind="claim", docs=("state-tv", "wire"))
    tl = build(gaz, snap, [claim])
    assert who(tl, "2017-08-06")["nt"] == "government"
    assert tl.conflicts == []


def test_two_claims_from_different_documents_corroborate(gaz, snap):
    tl = build(gaz, snap, [
        ev("nt", "2017-08-05", "government", "is", kind="claim", docs=("state-tv",)),
        ev("nt", "2017-08-07", "government", "is", kind="claim", docs=("agency",)),
    ])
    assert who(tl, "2017-08-06")["nt"] == "government"


def test_claims_too_far_apart_do_not_corroborate(gaz, snap):
    tl = build(gaz, snap, [
        ev("nt", "2017-08-05", "government", "is", kind="claim", docs=("state-tv",)),
        ev("nt", "2017-09-05", "government", "is", kind="claim", docs=("agency",)),
    ])
    assert who(tl, "2017-09-06")["nt"] == "is"
    assert [c.kind for c in tl.conflicts] == ["claim", "claim"]


def test_claim_applies_where_nothing_is_confirmed(gaz):
    tl = Timeline.build(gaz, [ev("nt", "2017-08-05", "government", "is", kind="claim")],
                        snapshots=[])
    assert who(tl, "2017-08-06")["nt"] == "government"
    assert who(tl, "2017-08-04")["nt"] == "is"


def test_same_date_conflict_resolved_by_confidence_and_listed(gaz, snap):
    tl = build(gaz, snap, [
        ev("nt", "2017-08-01", "sdf", "is", confidence=0.6, docs=("a",)),
        ev("nt", "2017-08-01", "government", "is", confidence=0.9, docs=("b",)),
    ])
    assert who(tl, "2017-08-02")["nt"] == "government"
    # Only the winner moves the places the city anchors.
    assert tl.state_on(D("2017-08-02"))["nv1"].source == "b (via Northtown)"
    conflict = next(c for c in tl.conflicts if c.place_id == "nt")
    assert (conflict.kind, conflict.chosen.source, [e.source for e in conflict.rejected]) == (
        "same_date", "b", ["a"]
    )


def test_same_date_same_confidence_more_documents_win(gaz, snap):
    tl = build(gaz, snap, [
        ev("nt", "2017-08-01", "sdf", "is", docs=("a",)),
        ev("nt", "2017-08-01", "government", "is", docs=("b", "c")),
    ])
    assert who(tl, "2017-08-02")["nt"] == "government"


def test_reported_conflicts_are_listed_later_date_wins(gaz, snap):
    tl = build(gaz, snap, [
        ev("st", "2017-08-01", "is", "government", event_id="e1", conflict=("e2",)),
        ev("st", "2017-08-03", "government", "is", event_id="e2", conflict=("e1",),
           docs=("b",)),
    ])
    reported = [c for c in tl.conflicts if c.kind == "reported"]
    assert [(c.chosen.event_id, c.rejected[0].event_id) for c in reported] == [("e2", "e1")]
    assert who(tl, "2017-08-04")["st"] == "government"


# -- queries ----------------------------------------------------------------------------------


def test_history_and_changes(gaz, snap):
    tl = build(gaz, snap, [
        ev("nt", "2017-08-01", "sdf", "is", docs=("a",)),
        ev("nt", "2017-09-01", "is", "sdf", kind="recapture", docs=("b",)),
    ])
    history = tl.history("nt")
    assert [(h.date, h.controller, h.evidence, h.source) for h in history] == [
        (D("2017-07-15"), "is", "snapshot", "test-map"),
        (D("2017-08-01"), "sdf", "event", "a"),
        (D("2017-09-01"), "is", "event", "b"),
    ]
    changes = tl.changes(D("2017-08-01"), D("2017-09-30"))
    assert [(c.place_id, c.date, c.before.controller, c.after.controller, c.sources)
            for c in changes if c.place_id == "nt"] == [
        ("nt", D("2017-09-01"), "sdf", "is", ("b",))
    ]
    assert {c.place_id for c in changes} == {"nt", "nv1", "nv2", "nb"}
    assert tl.event_dates() == [D("2017-08-01"), D("2017-09-01")]


def test_history_of_an_event_read_backwards_starts_with_the_previous_side(gaz):
    tl = Timeline.build(gaz, [ev("st", "2017-03-01", "government", "is")], snapshots=[])
    assert [(h.date, h.controller) for h in tl.history("st")] == [
        (date.min, "is"), (D("2017-03-01"), "government")
    ]


def test_events_without_a_place_are_reported_not_dropped(gaz, snap):
    lost = ev("nt", "2017-08-01", "sdf", "is")
    lost = Event(**{**lost.__dict__, "place_id": None, "place": "Atlantis"})
    tl = build(gaz, snap, [lost])
    assert [str(p) for p in tl.problems] == [
        "doc-a: place: event nt-2017-08-01-sdf-capture-doc-a at 'Atlantis' did not resolve to "
        "a gazetteer place; left off the timeline"
    ]


def test_order_of_events_does_not_matter(gaz, snap):
    events = [
        ev("nt", "2017-08-01", "sdf", "is", docs=("a",)),
        ev("st", "2017-08-03", "is", "government", docs=("b",)),
        ev("nt", "2017-09-01", "is", "sdf", kind="recapture", docs=("c",)),
        ev("st", "2017-09-20", "government", "is", kind="recapture", docs=("d",)),
    ]
    shuffled = events[:]
    random.Random(4).shuffle(shuffled)
    a, b = build(gaz, snap, events), build(gaz, snap, shuffled)
    for day in ("2017-07-01", "2017-08-15", "2017-09-10", "2017-10-01"):
        assert a.state_on(D(day)) == b.state_on(D(day))


# -- loading errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("timeline_bad_place.csv", "timeline_bad_place.csv:4: place_id: unknown place 'nowhere'"),
        ("timeline_bad_faction.csv",
         "timeline_bad_faction.csv:3: controller: unknown faction 'martians'; expected one of "),
        ("timeline_bad_sides.csv",
         "timeline_bad_sides.csv:3: contested_with: unknown side 'martians'; expected one of "),
        ("timeline_no_date.csv",
         "timeline_no_date.csv:1: date: missing '# date: YYYY-MM-DD' header line"),
    ],
)
def test_snapshot_errors_name_file_line_and_field(gaz, name, message):
    with pytest.raises(SnapshotError) as info:
        load_snapshot(DATA / name, gaz.places)
    assert str(info.value).startswith(str(DATA / message.split(":", 1)[0]) + ":" +
                                      message.split(":", 1)[1])


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("timeline_bad_correction_date.csv",
         ":3: date: '15 July' is not a date (YYYY-MM-DD)"),
        ("timeline_bad_correction_source.csv", ":2: source: every correction needs a source"),
    ],
)
def test_correction_errors_name_file_line_and_field(gaz, name, message):
    with pytest.raises(SnapshotError) as info:
        load_corrections(DATA / name, gaz.places)
    assert str(info.value) == f"{DATA / name}{message}"


def test_snapshot_metadata_and_rows(gaz, snap):
    assert (snap.name, snap.date, len(snap.states), snap.states["nt"]) == (
        "test-map", D("2017-07-15"), 9, ("is", ())
    )


def test_baseline_directory_with_unknown_place_fails(gaz, tmp_path):
    (tmp_path / "map.csv").write_text("# date: 2017-07-15\nplace_id,controller,contested_with\n"
                                      "zz,is,\n", encoding="utf-8")
    with pytest.raises(SnapshotError, match=r"map.csv:3: place_id: unknown place 'zz'"):
        Timeline.build(gaz, [], snapshots=tmp_path)


# -- ties ----------------------------------------------------------------------------------


def test_places_at_the_same_distance_from_a_captured_town_do_not_crash():
    # Two villages share one point 5 km from the town (and a third lies on the town itself):
    # equal distances used to compare Place objects and stop the run.
    places = {
        "town": Place("town", "Tietown", (), 36.0, 38.0, "city"),
        "vb": Place("vb", "Twin Village", (), 36.045, 38.0, "village"),
        "va": Place("va", "Twin Village", (), 36.045, 38.0, "village"),
        "vc": Place("vc", "Stacked Village", (), 36.0, 38.0, "village"),
    }
    gazetteer = FakeGazetteer(places)
    snapshot = Snapshot("base", D("2017-01-01"), {p: ("is", ()) for p in places})
    tl = Timeline.build(gazetteer, [ev("town", "2017-08-01", "sdf", "is")], [],
                        snapshots=[snapshot], barriers=())
    assert who(tl, "2017-08-02") == {"town": "sdf", "vb": "sdf", "va": "sdf", "vc": "sdf"}


def test_neighbours_at_equal_distance_come_in_id_order():
    from geo.anchoring import Grid as _Grid

    town = Place("town", "Tietown", (), 36.0, 38.0, "city")
    twins = [Place(pid, "Twin", (), 36.045, 38.0, "village") for pid in ("vz", "va", "vm")]
    assert [p.id for _d, p in _Grid([town, *twins]).near(town, 10.0)] == ["va", "vm", "vz"]


def test_places_that_follow_a_city_are_fought_over_and_retaken_with_it(gaz, snap):
    tl = build(gaz, snap, [
        ev("nt", "2017-08-01", "sdf", "is"),
        ev("nt", "2017-09-01", "is", "sdf", kind="partial", docs=("wire-2",)),
        ev("nt", "2017-10-01", "is", "sdf", kind="recapture", docs=("wire-3",)),
    ])
    fought = who(tl, "2017-09-15")
    # The city is contested, and so are the places whose side was read from its capture; the
    # front village, held by the government throughout, is no part of the battle.
    assert [fought[p] for p in ("nt", "nv1", "nv2", "nb", "nvf")] == [
        "contested:sdf|is", "contested:sdf|is", "contested:sdf|is", "contested:sdf|is",
        "government"]
    assert tl.state_on(D("2017-09-15"))["nv1"].source == "wire-2 (via Northtown)"
    after = who(tl, "2017-10-02")
    assert [after[p] for p in ("nt", "nv1", "nv2", "nb", "nvf")] == [
        "is", "is", "is", "is", "government"]


def test_a_battle_for_a_city_leaves_places_with_their_own_evidence(gaz, snap):
    obs = Observation(D("2017-08-10"), "North Village One", "nv1", "sdf", "doc-o", "SDF-held")
    tl = build(gaz, snap, [
        ev("nt", "2017-08-01", "sdf", "is"),
        ev("nt", "2017-09-01", "is", "sdf", kind="partial", docs=("wire-2",)),
    ], [obs])
    fought = who(tl, "2017-09-15")
    assert (fought["nv1"], fought["nv2"]) == ("sdf", "contested:sdf|is")


def _end(day: str, country: str = "SY") -> TerritoryEnd:
    return TerritoryEnd("is", country, D(day), "chronicle:9", "IS lost its last ground.",
                        "The last IS pocket fell.", "ends.csv:2")


def test_the_end_of_a_sides_territory_ends_its_old_marks(gaz, snap):
    events = [ev("nt", "2017-08-01", "sdf", "is"), ev("sv1", "2018-03-01", "is", "government")]
    tl = Timeline.build(gaz, events, snapshots=[snap], barriers=(), ends=[_end("2018-01-01")])
    # The snapshot's IS mark 20 km from Northtown held until the end, then nobody is known to
    # hold it; the other places keep their sides.
    assert who(tl, "2017-12-31")["nv3"] == "is"
    assert who(tl, "2018-02-01") == {
        "nt": "sdf", "nv1": "sdf", "nv2": "sdf", "nv3": "unknown", "nvf": "government",
        "nb": "sdf", "st": "government", "sv1": "government", "sv2": "government",
        "rg": "unknown"}
    state = tl.state_on(D("2018-02-01"))["nv3"]
    assert (state.evidence, state.source, state.sentence, state.since) == (
        "correction", "history:chronicle:9", "The last IS pocket fell.", D("2018-01-01"))
    # Later evidence takes over from its own date.
    assert who(tl, "2018-03-02")["sv1"] == "is"


def test_an_end_in_another_country_changes_nothing(gaz, snap):
    tl = Timeline.build(gaz, [], snapshots=[snap], barriers=(), ends=[_end("2018-01-01", "IQ")])
    assert who(tl, "2018-02-01")["nv3"] == "is"


def test_an_end_leaves_the_other_sides_of_a_contested_place(gaz, snap):
    events = [ev("nv3", "2017-09-01", "government", "is", kind="partial")]
    tl = Timeline.build(gaz, events, snapshots=[snap], barriers=(), ends=[_end("2018-01-01")])
    assert who(tl, "2017-12-31")["nv3"] == "contested:is|government"
    assert who(tl, "2018-02-01")["nv3"] == "government"


# -- rule 9: the start of a side's territory ----------------------------------------------------


def _start(day: str, side: str = "is", country: str = "SY") -> TerritoryEnd:
    return TerritoryEnd(side, country, D(day), "chronicle:4", "IS took its first town.",
                        "The first IS flag went up over the town.", "starts.csv:2")


def test_no_place_is_a_sides_by_reading_backwards_before_its_start(gaz, snap):
    tl = Timeline.build(gaz, [], snapshots=[snap], barriers=(), starts=[_start("2013-07-01")])
    # The mid-2017 snapshot's IS marks hold back to the start, not before it.
    early, later = tl.state_on(D("2012-06-01"))["nv3"], tl.state_on(D("2014-06-01"))["nv3"]
    assert (early.controller, early.evidence, early.source, early.sentence, early.since) == (
        "unknown", "correction", "history:chronicle:4", "The first IS flag went up over the town.",
        D("2013-07-01"))
    assert (later.controller, later.evidence, later.since, later.backwards) == (
        "is", "snapshot", D("2017-07-15"), True)
    assert who(tl, "2012-06-01")["nvf"] == "government"  # other sides are not touched
    # one row for the state read backwards, no change reported on the start's day
    assert [(s.date, s.controller) for s in tl.history("nv3")] == [
        (date.min, "unknown"), (D("2013-07-01"), "is")]
    assert [c for c in tl.changes(D("2013-01-01"), D("2014-01-01")) if c.place_id == "nv3"] == []


def test_a_start_in_another_country_or_for_another_side_changes_nothing(gaz, snap):
    for start in (_start("2013-07-01", country="IQ"), _start("2013-07-01", side="sdf")):
        tl = Timeline.build(gaz, [], snapshots=[snap], barriers=(), starts=[start])
        assert who(tl, "2012-06-01")["nv3"] == "is"


def test_a_start_leaves_alone_the_evidence_dated_before_it(gaz, snap):
    events = [ev("sv1", "2012-03-01", "is", "government"),
              ev("sv2", "2016-01-01", "government", "is", kind="partial")]
    tl = Timeline.build(gaz, events, snapshots=[snap], barriers=(), starts=[_start("2013-07-01")])
    assert who(tl, "2012-06-01")["sv1"] == "is"  # a report of its own, however early
    assert who(tl, "2014-06-01")["sv2"] == "is"  # read backwards from the battle: IS held it
    assert who(tl, "2012-06-01")["sv2"] == "unknown"
