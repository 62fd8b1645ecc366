"""The shipped history: rebuilt byte-identically, corrections valid, beneath the user's events."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import require_shared
from typer.testing import CliRunner

from geo.chronicles import parse_chronicle
from geo.cli.main import app
from geo.errors import EventsFileError
from geo.extract import read_events
from geo.history import (
    HISTORY_PREFIX,
    apply_corrections,
    keeps,
    load_corrections,
    load_ends,
    load_history,
    load_starts,
    read_chronicles,
    with_history,
)
from geo.models import Event

ROOT = Path(__file__).resolve().parent.parent
HISTORY = ROOT / "data" / "history"
CHRONICLES = ROOT / "data" / "chronicles"
SHARED = ROOT.parent / "shared"
GOLD_CONTROL = SHARED / "eval" / "dev-news" / "gold_control.csv"


def event(event_id: str, day: date, controller: str, *, place_id: str = "sy-palmyra",
          kind: str = "capture", doc: str = "user-1", confidence: float = 0.9,
          sentence: str = "An invented sentence.", previous: str | None = None) -> Event:
    return Event(event_id, day, "day", "Palmyra", place_id, 34.56, 38.28, controller, previous,
                 kind, confidence, (doc,), sentence)  # type: ignore[arg-type]


def test_shipped_history_is_up_to_date() -> None:
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_history.py"), "--check"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def test_shipped_2023_snapshot_is_up_to_date() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_snapshot_2023.py"), "--check"],
        capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def test_history_rows_keep_their_article_and_sentence() -> None:
    with (HISTORY / "events.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) > 500
    for row in rows:
        stem = row["doc_id"].split(";")[0].rsplit(":", 1)[0]
        assert (CHRONICLES / f"{stem}.md").is_file(), row["doc_id"]
        assert row["article"] and row["sentence"], row["event_id"]


def test_every_correction_applies() -> None:
    _events, problems = load_history()
    assert [str(p) for p in problems] == []


def test_every_added_row_quotes_its_chronicle() -> None:
    for fix in load_corrections(HISTORY / "corrections.csv"):
        if fix.action != "add":
            continue
        stem = fix.changes["doc_id"].rsplit(":", 1)[0]
        parsed = parse_chronicle((CHRONICLES / f"{stem}.md").read_text(encoding="utf-8"), stem)
        text = " ".join(" ".join(p for _line, p in s.paragraphs) for s in parsed.sections)
        text = " ".join(text.split())
        assert " ".join(fix.sentence.split()) in text, fix.line


def test_corrections_reject_correct_and_add(tmp_path: Path) -> None:
    generated = [
        event("a1", date(2016, 3, 27), "government", doc="c:1", sentence="The army took it."),
        event("a2", date(2016, 5, 1), "is", doc="c:2", sentence="A stray misreading here."),
        event("a3", date(2016, 6, 1), "sdf", doc="c:3", kind="siege", sentence="Besieged."),
    ]
    text = (
        "event_id,action,doc_id,place_id,date,controller,previous_controller,kind,reason,"
        "sentence\n"
        "a2,reject,,,,,,,Not a change of control,A stray misreading\n"
        "a3,correct,,,2016-06-02,,,capture,The siege ended the same week in a capture,Besieged\n"
        ",add,c:9,sy-palmyra,2016-12-11,is,government,capture,Missed by the extractor,IS retook"
        " it.\n"
    )
    path = tmp_path / "corrections.csv"
    path.write_text(text, encoding="utf-8")
    try:
        fixes = load_corrections(path)
    finally:
        path.unlink()
    kept, problems = apply_corrections(generated, fixes)
    assert problems == []
    assert [(e.event_id, e.date, e.controller, e.kind) for e in kept] == [
        ("a1", date(2016, 3, 27), "government", "capture"),
        ("a3", date(2016, 6, 2), "sdf", "capture"),
        (kept[2].event_id, date(2016, 12, 11), "is", "capture"),
    ]
    assert kept[2].doc_ids == ("c:9",) and kept[2].previous_controller == "government"


def test_a_stale_correction_is_reported_not_applied(tmp_path: Path) -> None:
    generated = [event("a1", date(2016, 3, 27), "government", sentence="The army took it.")]
    fixes_text = ("event_id,action,doc_id,place_id,date,controller,previous_controller,kind,"
                  "reason,sentence\na1,reject,,,,,,,Wrong,Another sentence\n")
    path = tmp_path / "corrections.csv"
    path.write_text(fixes_text, encoding="utf-8")
    try:
        kept, problems = apply_corrections(generated, load_corrections(path))
    finally:
        path.unlink()
    assert [e.event_id for e in kept] == ["a1"]
    assert [p.message for p in problems] == [
        "history correction a1 not applied: no row of its place has its id or its sentence"
    ]


def test_a_correction_without_reason_fails_naming_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "corrections.csv"
    path.write_text("event_id,action,doc_id,place_id,date,controller,previous_controller,kind,"
                    "reason,sentence\na1,reject,,,,,,,,Quoted\n", encoding="utf-8")
    with pytest.raises(EventsFileError, match=r"corrections.csv:2: reason: missing$"):
        load_corrections(path)


def test_the_history_policy_keeps_changes_read_with_confidence() -> None:
    assert keeps(event("k", date(2016, 1, 1), "is", confidence=0.85))
    assert not keeps(event("k", date(2016, 1, 1), "is", confidence=0.7))
    assert not keeps(event("k", date(2016, 1, 1), "is", kind="siege", confidence=0.99))


def test_a_users_report_wins_over_the_history_on_the_same_days() -> None:
    history = [
        event("h1", date(2016, 3, 20), "government", doc=HISTORY_PREFIX + "c:1"),
        event("h2", date(2014, 5, 1), "is", doc=HISTORY_PREFIX + "c:2"),
    ]
    user = [event("u1", date(2016, 3, 27), "is")]
    combined = with_history(user, history)
    assert [e.event_id for e in combined] == ["h2", "u1"]


def test_history_cli_marks_history_rows_and_no_history_leaves_them_out() -> None:
    runner = CliRunner()
    with_rows = runner.invoke(app, ["timeline", "sy-manbij", "--format", "csv"])
    assert with_rows.exit_code == 0, with_rows.output
    rows = list(csv.DictReader(io.StringIO(with_rows.stdout)))
    assert ("2016-08-12", "sdf", "history") in [(r["from"], r["controller"], r["origin"])
                                                 for r in rows]
    without = runner.invoke(app, ["timeline", "sy-manbij", "--format", "csv", "--no-history"])
    assert without.exit_code == 0, without.output
    assert "history" not in [r["origin"] for r in csv.DictReader(io.StringIO(without.stdout))]


def test_history_events_load_with_prefixed_documents() -> None:
    events, _ = load_history()
    assert events and all(all(d.startswith(HISTORY_PREFIX) for d in e.doc_ids) for e in events)
    raw = read_events(HISTORY / "events.csv")
    assert len(events) < len(raw)


def test_dev_news_control_facts_with_the_history(tmp_path: Path) -> None:
    require_shared("eval", "dev-news", "gold_control.csv")
    with GOLD_CONTROL.open(encoding="utf-8", newline="") as handle:
        gold = list(csv.DictReader(handle))
    days = sorted({g["date"][:10] for g in gold})
    args = ["control", "seeds", str(SHARED / "eval" / "dev-news" / "articles"), "--format", "csv"]
    for day in days:
        args += ["--date", day]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    scorer = SHARED / "eval" / "score_control.py"
    control = tmp_path / "control.csv"
    control.write_text(result.stdout, encoding="utf-8")
    try:
        out = subprocess.run([sys.executable, str(scorer), str(GOLD_CONTROL), str(control)],
                             capture_output=True, text=True, check=True)
    finally:
        control.unlink()
    right, total = out.stdout.split(":")[1].split("=")[0].strip().split("/")
    assert int(right) / int(total) >= 0.90


def test_build_writes_pages_for_user_dates_and_dates_asked_not_history_dates(
    tmp_path: Path,
) -> None:
    from geo.build import build

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "front.txt").write_text(
        "Kurdish-led fighters seized the town of Manbij from Islamic State on 12 August 2016.\n",
        encoding="utf-8")
    (folder / "manifest.csv").write_text("file,published\nfront.txt,2016-08-15\n",
                                         encoding="utf-8")
    summary = build([folder], tmp_path / "out", dates=[date(2014, 6, 1)])
    assert summary.dates == (date(2014, 6, 1), date(2016, 8, 12))
    pages = sorted(p.name for p in (tmp_path / "out").glob("20*.html"))
    assert pages == ["2014-06-01.html", "2016-08-12.html"]


def test_every_end_and_start_quotes_the_chunk_it_names() -> None:
    ends, starts = load_ends(), load_starts()
    assert [(e.side, e.country, e.date.isoformat()) for e in ends] == [
        ("is", "IQ", "2017-12-09"), ("is", "SY", "2019-03-23")]
    assert [(e.side, e.country, e.date.isoformat()) for e in starts] == [
        ("sdf", "SY", "2012-07-19"), ("is", "SY", "2013-07-01"), ("is", "IQ", "2014-01-01"),
        ("us_coalition", "SY", "2016-01-01"), ("turkish_backed", "SY", "2016-08-24")]
    chunks = {d.id: " ".join(d.text.split()) for d in read_chronicles(CHRONICLES)[0]}
    for bound in [*ends, *starts]:
        assert " ".join(bound.sentence.split()) in chunks[bound.doc_id], bound.line


def test_a_starts_file_is_checked_like_an_ends_file(tmp_path: Path) -> None:
    path = tmp_path / "starts.csv"
    path.write_text("side,country,date,doc_id,reason,sentence\n"
                    "is,SY,July 2013,c:1,Why.,Said.\n", encoding="utf-8")
    with pytest.raises(EventsFileError,
                       match=r"starts.csv:2: date: not a date \(YYYY-MM-DD\): 'July 2013'$"):
        load_starts(path)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("is,SY,2019-03-23,c:1,,Said.", "ends.csv:2: reason: missing"),
        ("nobody,SY,2019-03-23,c:1,Why.,Said.", "ends.csv:2: side: unknown faction 'nobody'"),
        ("is,TR,2019-03-23,c:1,Why.,Said.", "ends.csv:2: country: unknown country 'TR'"),
        ("is,SY,23/03/2019,c:1,Why.,Said.",
         "ends.csv:2: date: not a date (YYYY-MM-DD): '23/03/2019'"),
    ],
)
def test_a_bad_end_row_names_file_line_and_field(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "ends.csv"
    path.write_text("side,country,date,doc_id,reason,sentence\n" + row + "\n", encoding="utf-8")
    with pytest.raises(EventsFileError) as caught:
        load_ends(path)
    assert str(caught.value) == f"{path.parent / message}"


def test_an_ends_file_without_a_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ends.csv"
    path.write_text("side,country,date\nis,SY,2019-03-23\n", encoding="utf-8")
    with pytest.raises(EventsFileError, match=r"ends.csv:1: doc_id: missing column$"):
        load_ends(path)


def test_the_end_of_is_ground_in_syria_shows_in_a_places_timeline() -> None:
    runner = CliRunner()
    # Kabajeb, a desert village IS held in the mid-2017 snapshot that no report names again.
    with_rows = runner.invoke(app, ["timeline", "sy-kabajeb", "--format", "csv"])
    assert with_rows.exit_code == 0, with_rows.output
    rows = [(r["from"], r["controller"], r["evidence"], r["origin"], r["source"])
            for r in csv.DictReader(io.StringIO(with_rows.stdout))]
    # IS's first Syrian ground (starts.csv) bounds the snapshot read backwards; the end, after it.
    assert rows == [
        ("(before)", "unknown", "correction", "history", "history:rojava-islamist_conflict:113"),
        ("2013-07-01", "is", "snapshot", "baseline", "wikipedia-2017-07"),
        ("2019-03-23", "unknown", "correction", "history",
         "history:war_against_the_islamic_state:52.3"),
    ]
    without = runner.invoke(app, ["timeline", "sy-kabajeb", "--format", "csv", "--no-history"])
    assert without.exit_code == 0, without.output
    assert [r["controller"] for r in csv.DictReader(io.StringIO(without.stdout))] == ["is"]
