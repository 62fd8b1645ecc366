"""`geo control`, `geo changes`, `geo timeline` on a small fixture world (no extraction)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from geo.cli.main import app
from geo.gazetteer import Gazetteer
from geo.models import Event, Place
from geo.pipeline import Corpus
from geo.timeline import Timeline, load_snapshot

DATA = Path(__file__).resolve().parent / "data"
D = date.fromisoformat


def _event(place_id: str, day: str, controller: str, previous: str, kind: str, doc: str) -> Event:
    return Event(
        event_id=f"{place_id}-{day}", date=D(day), date_precision="day", place=place_id,
        place_id=place_id, lat=None, lon=None, controller=controller,
        previous_controller=previous, kind=kind,  # type: ignore[arg-type]
        confidence=0.9, doc_ids=(doc,), sentence=f"{controller} forces entered the town.",
    )


@pytest.fixture
def world(monkeypatch: pytest.MonkeyPatch) -> Corpus:
    with open(DATA / "timeline_gazetteer.csv", encoding="utf-8") as handle:
        places = [
            Place(r["id"], r["name"], (), float(r["lat"]), float(r["lon"]), r["kind"])
            for r in csv.DictReader(handle)
        ]
    gazetteer = Gazetteer.from_places(places, common_words=())
    events = [
        _event("nt", "2017-08-01", "sdf", "is", "capture", "wire-1"),
        _event("st", "2017-09-01", "is", "government", "siege", "wire-2"),
        _event("nt", "2017-08-03", "government", "is", "claim", "state-tv"),
    ]
    corpus = Corpus(documents=[], problems=[], gazetteer=gazetteer, events=events)
    snapshot = load_snapshot(DATA / "timeline_snapshot.csv", gazetteer.places)
    corpus.__dict__["timeline"] = Timeline.build(
        gazetteer, events, snapshots=[snapshot], barriers=()
    )
    calls: list[dict] = []

    def fake_load_corpus(paths, **kwargs):
        calls.append({"paths": [str(p) for p in paths], **kwargs})
        return corpus

    monkeypatch.setattr("geo.pipeline.load_corpus", fake_load_corpus)
    corpus.__dict__["_calls"] = calls
    return corpus


def test_control_csv_lists_every_place_with_its_evidence(runner, world):
    result = runner.invoke(app, ["control", "--date", "2017-08-02", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["date", "place_id", "name", "lat", "lon", "controller",
                             "contested_with", "since", "age_days", "backwards", "uncertain",
                             "evidence", "source"]
    assert len(rows) == 10
    by_id = {r["place_id"]: r for r in rows}
    assert by_id["nt"] == {
        "date": "2017-08-02", "place_id": "nt", "name": "Northtown", "lat": "36.0", "lon": "38.0",
        "controller": "sdf", "contested_with": "", "since": "2017-08-01", "age_days": "1",
        "backwards": "", "uncertain": "", "evidence": "event", "source": "wire-1",
    }
    assert (by_id["nv1"]["evidence"], by_id["nv1"]["source"]) == ("area", "wire-1 (via Northtown)")
    assert (by_id["sv1"]["controller"], by_id["sv1"]["evidence"]) == ("government", "snapshot")
    assert (by_id["rg"]["controller"], by_id["rg"]["evidence"], by_id["rg"]["since"]) == (
        "unknown", "none", ""
    )
    assert world.__dict__["_calls"] == [
        {"paths": ["seeds"], "manifest": None, "events_file": None, "history": True}
    ]


def test_control_several_dates_json(runner, world):
    result = runner.invoke(
        app, ["control", "-d", "2017-07-01", "-d", "2017-09-02", "--place", "Southtown",
              "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["date"], r["controller"], r["contested_with"], r["evidence"]) for r in rows] == [
        ("2017-07-01", "government", [], "snapshot"),
        ("2017-09-02", "contested", ["government", "is"], "event"),
    ]


def test_control_table_shows_article_evidence_and_counts_the_rest(runner, world):
    result = runner.invoke(app, ["control", "--date", "2017-08-02"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["date", "place_id", "name", "lat", "lon", "controller",
                                "contested_with", "since", "age_days", "backwards", "uncertain",
                                "evidence", "source"]
    assert [line.split()[1] for line in lines[1:-1]] == ["nb", "nt", "nv1", "nv2"]
    assert lines[-1] == ("(6 more place-dates from the baseline (test-map) or without evidence; "
                         "--all or --format csv lists them)")


def test_control_changed_only_and_events_file_is_passed_on(runner, world, tmp_path):
    events = tmp_path / "events.csv"
    events.write_text("reviewed\n", encoding="utf-8")
    result = runner.invoke(app, ["control", "-d", "2017-08-02", "--changed-only", "-f", "csv",
                                 "--events", str(events), "--no-history", "corpus"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["place_id"] for r in rows] == ["nb", "nt", "nv1", "nv2"]
    assert world.__dict__["_calls"][-1] == {
        "paths": ["corpus"], "manifest": None, "events_file": events, "history": False
    }


def test_control_bad_date_and_unknown_place(runner, world):
    result = runner.invoke(app, ["control", "--date", "July 2017"])
    assert result.exit_code == 2
    assert result.stderr == "error: --date: 'July 2017' is not a date (YYYY-MM-DD)\n"
    result = runner.invoke(app, ["control", "--date", "2017-07-01", "--place", "Atlantis"])
    assert result.exit_code == 2
    assert result.stderr == "error: --place: 'Atlantis' is not a place of the gazetteer\n"


def test_control_event_dates_and_no_date(runner, world):
    result = runner.invoke(app, ["control", "--event-dates", "--place", "nt", "-f", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["date"], r["controller"]) for r in rows] == [
        ("2017-08-01", "sdf"), ("2017-08-03", "sdf"), ("2017-09-01", "sdf")
    ]
    result = runner.invoke(app, ["control"])
    assert result.exit_code == 2
    assert result.stderr == "error: --date: give at least one date (or --event-dates)\n"


def test_changes_between_two_dates(runner, world):
    result = runner.invoke(app, ["changes", "--from", "2017-07-01", "--to", "2017-09-30",
                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["date"], r["place_id"], r["before"], r["after"], r["evidence"], r["sources"])
            for r in rows] == [
        ("2017-08-01", "nb", "is", "sdf", "area", "wire-1"),
        ("2017-08-01", "nt", "is", "sdf", "event", "wire-1"),
        ("2017-08-01", "nv1", "is", "sdf", "area", "wire-1"),
        ("2017-08-01", "nv2", "is", "sdf", "area", "wire-1"),
        ("2017-09-01", "st", "government", "contested (government|is)", "event", "wire-2"),
    ]


def test_changes_table_counts_following_places(runner, world):
    result = runner.invoke(app, ["changes", "--from", "2017-07-01", "--to", "2017-09-30"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split()[1] for line in lines[1:-1]] == ["nt", "st"]
    assert lines[-1] == "(3 more places follow the towns above; --all lists them)"


def test_changes_to_before_from_fails(runner, world):
    result = runner.invoke(app, ["changes", "--from", "2017-09-01", "--to", "2017-08-01"])
    assert result.exit_code == 2
    assert result.stderr == "error: --to: 2017-08-01 is before --from 2017-09-01\n"


def test_timeline_of_a_place_with_its_conflicts(runner, world):
    result = runner.invoke(app, ["timeline", "Northtown", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["from"], r["controller"], r["evidence"], r["source"]) for r in rows] == [
        ("2017-07-15", "is", "snapshot", "test-map"),
        ("2017-08-01", "sdf", "event", "wire-1"),
    ]
    assert result.stderr == (
        "conflict 2017-08-03 Northtown: claim: kept sdf (event wire-1), set aside government "
        "(event state-tv): an uncorroborated claim does not override a confirmed state\n"
    )


def test_timeline_table_by_id(runner, world):
    result = runner.invoke(app, ["timeline", "st"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["place_id", "name", "from", "controller", "contested_with",
                                "evidence", "origin", "source", "sentence"]
    assert lines[1].split()[:5] == ["st", "Southtown", "2017-07-15", "government", "snapshot"]
    assert lines[2].split()[:6] == ["st", "Southtown", "2017-09-01", "contested", "government|is",
                                    "event"]


# -- the real pipeline on the seeds -----------------------------------------------------------


def test_events_file_with_a_missing_column_names_it(runner, tmp_path):
    events = tmp_path / "events.csv"
    events.write_text("date,place\n2017-01-01,Palmyra\n", encoding="utf-8")
    result = runner.invoke(app, ["control", "--date", "2017-01-01", "--events", str(events)])
    assert result.exit_code == 2
    assert str(events) in result.stderr
    assert "missing column 'event_id'" in result.stderr


def test_reviewed_events_file_gives_the_same_answer_as_extracting(runner, tmp_path, seeds_dir):
    events = tmp_path / "events.csv"
    result = runner.invoke(app, ["extract", str(seeds_dir), "--merged", "-o", str(events)])
    assert result.exit_code == 0, result.output
    args = ["control", "-d", "2016-06-01", "-d", "2017-03-05", "-d", "2017-11-15", "-f", "csv",
            "--changed-only", str(seeds_dir)]
    extracted = runner.invoke(app, args)
    reviewed = runner.invoke(app, [*args, "--events", str(events)])
    assert extracted.exit_code == reviewed.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(extracted.stdout)))
    palmyra = [r for r in rows if r["place_id"] == "sy-palmyra"]
    assert [(r["date"], r["controller"]) for r in palmyra] == [
        ("2016-06-01", "government"), ("2017-03-05", "government"), ("2017-11-15", "government")
    ]
    # The reviewed file carries no observations: compare places no observation is about.
    def rows_of(text: str) -> list[dict[str, str]]:
        return [r for r in csv.DictReader(io.StringIO(text))
                if r["place_id"] in ("sy-palmyra", "sy-al-bab", "sy-manbij", "sy-abu-kamal")]

    assert rows_of(reviewed.stdout) == rows_of(extracted.stdout)
    assert {r["place_id"] for r in rows_of(reviewed.stdout)} == {
        "sy-palmyra", "sy-al-bab", "sy-manbij", "sy-abu-kamal"
    }
