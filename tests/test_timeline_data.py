"""The shipped baseline: rebuilt reproducibly, loadable, and with the side mapping documented."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from geo.gazetteer import Gazetteer
from geo.timeline import Snapshot, Timeline, load_baseline

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_snapshot.py"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_snapshot", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def snapshots(gazetteer: Gazetteer) -> dict[str, Snapshot]:
    loaded, _ = load_baseline(places=gazetteer.places)
    return {s.name: s for s in loaded}


@pytest.fixture(scope="module")
def baseline(snapshots: dict[str, Snapshot]) -> Snapshot:
    return snapshots["wikipedia-2017-07"]


@pytest.fixture(scope="module")
def iraq(snapshots: dict[str, Snapshot]) -> Snapshot:
    return snapshots["wikipedia-iraq-2017-07"]


def test_shipped_snapshot_is_up_to_date():
    out = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def test_snapshot_date_name_and_size(baseline, snapshots):
    assert sorted(snapshots) == ["wikipedia-2017-07", "wikipedia-2023-06", "wikipedia-iraq-2017-07"]
    assert (baseline.name, baseline.date) == ("wikipedia-2017-07", date(2017, 7, 18))
    assert 6000 < len(baseline.states) < 6200


def test_iraq_snapshot_date_and_size(iraq, gazetteer):
    assert (iraq.name, iraq.date) == ("wikipedia-iraq-2017-07", date(2017, 7, 30))
    assert 1450 < len(iraq.states) < 1500
    # Each snapshot holds the places of its own country only.
    assert {gazetteer[pid].country for pid in iraq.states} == {"IQ"}


def test_syria_snapshot_holds_only_syrian_places(baseline, gazetteer):
    assert {gazetteer[pid].country for pid in baseline.states} == {"SY"}


@pytest.mark.parametrize(
    ("place_id", "state"),
    [
        # The Iraqi legend: red is the federal government and its allies, yellow the KRG.
        ("iq-mosul", ("iraq", ())),
        ("iq-fallujah", ("iraq", ())),
        ("iq-ramadi", ("iraq", ())),
        ("iq-tal-afar", ("is", ())),
        ("iq-hawija", ("is", ())),
        ("iq-al-qaim", ("is", ())),
        ("iq-kirkuk", ("kurdistan", ())),
        ("iq-k-1-air-base", ("kurdistan", ())),
        ("iq-sinjar", ("kurdistan", ())),
        # PKK/YBS positions the map draws yellow stay kurdistan (see the snapshots README).
        ("iq-karki-hasari-camp-pkk", ("kurdistan", ())),
        # Green bases: Turkey's own army.
        ("iq-zilkan-base", ("turkey", ())),
        # Stable mixed control and the animated front icons: contested.
        ("iq-tuz-khurmatu", ("contested", ("iraq", "kurdistan"))),
        ("iq-imam-gharbi", ("contested", ("iraq", "is"))),
    ],
)
def test_iraq_side_mapping(iraq, place_id, state):
    assert iraq.states[place_id] == state


def test_cross_border_posts_belong_to_their_own_side(gazetteer):
    timeline = Timeline.build(gazetteer, [])
    day = date(2017, 7, 30)
    assert [(pid, timeline.state_of(pid, day).controller) for pid in (
        "sy-al-bukamal-border-crossing", "iq-al-qaim-border-crossing",
        "sy-al-yarubiyah-border-crossing", "iq-rabia-border-crossing",
    )] == [
        ("sy-al-bukamal-border-crossing", "is"), ("iq-al-qaim-border-crossing", "is"),
        ("sy-al-yarubiyah-border-crossing", "sdf"), ("iq-rabia-border-crossing", "kurdistan"),
    ]


@pytest.mark.parametrize(
    ("place_id", "state"),
    [
        # Euphrates Shield pocket: drawn green by the map, Turkish-backed here.
        ("sy-al-bab", ("turkish_backed", ())),
        ("sy-azaz", ("turkish_backed", ())),
        ("sy-jarabulus", ("turkish_backed", ())),
        # al-Tanf: US-backed garrison, us_coalition here.
        ("sy-al-tanf", ("us_coalition", ())),
        # Idlib "stable mixed" rebels|hts: hts.
        ("sy-idlib", ("hts", ())),
        # Minimaps.
        ("sy-aleppo", ("government", ())),
        ("sy-damascus", ("government", ())),
        ("sy-raqqa", ("contested", ("is", "sdf"))),
        ("sy-deir-ez-zor", ("contested", ("government", "is"))),
        ("sy-qamishli", ("contested", ("government", "sdf"))),
        ("sy-daraa", ("contested", ("government", "rebels"))),
        # Plain marks are kept.
        ("sy-manbij", ("sdf", ())),
        ("sy-palmyra", ("government", ())),
        ("sy-abu-kamal", ("is", ())),
    ],
)
def test_side_mapping(baseline, place_id, state):
    assert baseline.states[place_id] == state


def test_euphrates_shield_polygon_leaves_out_the_aleppo_rebel_pocket(script):
    assert script.inside(37.046, 36.586, script.EUPHRATES_SHIELD)  # Azaz
    assert script.inside(37.5165, 36.3707, script.EUPHRATES_SHIELD)  # al-Bab
    assert script.inside(38.011, 36.817, script.EUPHRATES_SHIELD)  # Jarabulus
    assert not script.inside(37.001, 36.271, script.EUPHRATES_SHIELD)  # Kafr Bissin, NW Aleppo
    assert not script.inside(37.0438, 36.295, script.EUPHRATES_SHIELD)  # Anadan
    assert not script.inside(36.634, 35.931, script.EUPHRATES_SHIELD)  # Idlib


def test_mark_state_rules(script):
    def mark(name, faction, lat, lon, feature="village"):
        return {"name": name, "faction": faction, "lat": str(lat), "lon": str(lon),
                "feature": feature}

    assert script.mark_state(mark("x", "rebels", 36.271, 37.001)) == ("rebels", ())
    assert script.mark_state(mark("x", "rebels", 36.5, 37.3)) == ("turkish_backed", ())
    assert script.mark_state(mark("x", "rebels", 33.5, 38.62)) == ("us_coalition", ())
    assert script.mark_state(mark("x", "rebels", 32.6, 36.1)) == ("rebels", ())
    assert script.mark_state(mark("x", "rebels|hts", 35.9, 36.6)) == ("hts", ())
    assert script.mark_state(mark("x", "sdf|is", 35.8, 39.1)) == ("contested", ("sdf", "is"))
    assert script.mark_state(mark("Aleppo", "", 36.2, 37.1, "label")) is None
    assert script.mark_state(mark("Elsewhere", "", 36.2, 37.1, "city")) is None


def test_correction_fixes_a_lagging_mark(gazetteer):
    timeline = Timeline.build(gazetteer, [])
    states = [timeline.state_of("sy-kasrat-shaykh-jomaa", date.fromisoformat(d))
              for d in ("2017-06-01", "2017-07-18", "2018-01-01")]
    assert [(s.controller, s.evidence) for s in states] == [
        ("is", "correction"), ("sdf", "correction"), ("sdf", "correction")
    ]
    assert [c.kind for c in timeline.conflicts if c.place_id == "sy-kasrat-shaykh-jomaa"] == [
        "correction"
    ]


def test_minimap_towns_get_a_correction(gazetteer):
    timeline = Timeline.build(gazetteer, [])
    state = timeline.state_of("sy-douma", date(2017, 7, 18))
    assert (state.controller, state.evidence, state.since) == (
        "rebels", "correction", date(2017, 7, 18)
    )
    assert state.source.startswith("Wikipedia contributors, \"Rif Dimashq offensive")


def test_places_without_a_mark_or_correction_are_unknown(gazetteer):
    timeline = Timeline.build(gazetteer, [])
    states = timeline.state_on(date(2017, 7, 18))
    _, fixes = load_baseline(places=gazetteer.places)
    fixed = {f.place_id for f in fixes}
    snapshots, _ = load_baseline(places=gazetteer.places)
    marked = {pid for snapshot in snapshots for pid in snapshot.states}
    unmarked = [pid for pid in gazetteer.places if pid not in marked | fixed]
    assert unmarked and all(states[pid].controller == "unknown" for pid in unmarked)
    assert all(states[pid].evidence == "none" for pid in unmarked)
