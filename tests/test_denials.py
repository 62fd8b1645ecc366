"""A denial in another report contradicts a claim (issue 13): found per document, applied after.

Sentences written for these tests. The claim's event keeps its place in the events file, lists
the denying documents in ``contradicted_by``, and the timeline, map popups and the slider's
changes panel show it as not applied: "claim contradicted by <doc>".
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from geo.cli.main import app
from geo.extract import extract_events, merge_events, read_events, write_events
from geo.gazetteer import Gazetteer
from geo.merge import apply_denials
from geo.models import Denial, Document, Event

pytest_plugins = ("browser",)  # the browser and open_page fixtures

CLAIM = ("claim", "2016-02-03",
         "The Syrian army said on Tuesday it had captured Morek after a week of fighting.")
IS_CLAIM = ("is-claim", "2014-08-04", "Islamic State said on Sunday it had seized Sinjar.")


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _extract(gazetteer: Gazetteer, *reports: tuple[str, str, str]) -> list[Event]:
    docs = [Document(i, text, f"{i}.txt", published=date.fromisoformat(day))
            for i, day, text in reports]
    return extract_events(docs, gazetteer).events


def _status(events: list[Event]) -> list[tuple[str, str, str, tuple[str, ...], float]]:
    return [(e.doc_id, e.place_id or "", e.controller, e.contradicted_by, e.confidence)
            for e in events]


@pytest.mark.parametrize(("denial", "contradicted"), [
    (("d", "2016-02-05", "Rebel commanders denied reports that government forces had captured "
      "Morek."), True),
    (("d", "2016-02-04", "Opposition fighters dismissed as false claims that the army had taken "
      "Morek, saying they still held the town."), True),
    (("d", "2016-02-06", "Reports that Morek had fallen to the army proved premature, "
      "activists said."), True),
    (("d", "2016-02-04", "The rebels denied losing Morek."), True),
    (("d", "2016-02-05", "The army denied that it had withdrawn from Hama."), False),  # elsewhere
    (("d", "2016-02-05", "Rebels denied that the SDF had captured Morek."), False),  # a side
    (("d", "2016-02-05", "The army denied reports that rebels had captured Morek."), False),
    (("d", "2016-01-20", "Rebels denied reports that the army had captured Morek."), False),
    (("d", "2016-03-10", "Rebels denied reports that the army had captured Morek."), False),
])
def test_a_denial_in_another_report(gazetteer: Gazetteer, denial: tuple[str, str, str],
                                    contradicted: bool) -> None:
    events = [e for e in _extract(gazetteer, CLAIM, denial) if e.doc_id == "claim"]
    expected = (("d",), 0.35) if contradicted else ((), 0.6)
    assert [(e.place_id, e.kind, e.contradicted_by, e.confidence) for e in events] == [
        ("sy-morek", "claim", *expected)]


def test_iraq_denial_by_officials_refers_back(gazetteer: Gazetteer) -> None:
    denial = ("kurds", "2014-08-05", "Fighting raged around Sinjar on Monday. Kurdish officials "
              "denied that the town had fallen.")
    events = _extract(gazetteer, IS_CLAIM, denial)
    assert _status(events) == [("is-claim", "iq-sinjar", "is", ("kurds",), 0.35)]


def test_a_change_reported_as_fact_is_not_undone_by_a_denial(gazetteer: Gazetteer) -> None:
    fact = ("wire", "2016-02-03", "Syrian troops captured Morek on Tuesday.")
    denial = ("d", "2016-02-05", "Rebels denied that the army had captured Morek.")
    assert _status(_extract(gazetteer, fact, denial)) == [
        ("wire", "sy-morek", "government", (), 0.85)]


def test_a_denial_in_the_same_report_names_that_report(gazetteer: Gazetteer) -> None:
    one = ("one", "2016-02-03", "The army said it had captured Morek. The rebels denied it.")
    assert _status(_extract(gazetteer, one)) == [("one", "sy-morek", "government", ("one",), 0.35)]


def test_undated_denial_is_not_used(gazetteer: Gazetteer) -> None:
    docs = [Document("claim", CLAIM[2], "c.txt", published=date(2016, 2, 3)),
            Document("d", "Rebels denied reports that the army had captured Morek.", "d.txt")]
    result = extract_events(docs, gazetteer)
    assert result.denials == []
    assert [e.contradicted_by for e in result.events] == [()]


def test_parallel_extraction_applies_denials_the_same(gazetteer: Gazetteer) -> None:
    denial = ("d", "2016-02-05", "Rebels denied reports that the army had captured Morek.")
    docs = [Document(i, text, f"{i}.txt", published=date.fromisoformat(day))
            for i, day, text in (CLAIM, denial)]
    assert extract_events(docs, gazetteer, jobs=2) == extract_events(docs, gazetteer)


# ------------------------------------------------------------------------- merge and files


def _event(event_id: str, doc: str, kind: str = "claim",
           contradicted_by: tuple[str, ...] = ()) -> Event:
    return Event(event_id, date(2016, 2, 2), "day", "Morek", "sy-morek", 35.37, 36.69,
                 "government", None, kind, 0.6, (doc,), f"sentence of {doc}",  # type: ignore[arg-type]
                 contradicted_by=contradicted_by)


def _denial(doc: str, day: date, claimed: str | None = None, denier: str | None = None) -> Denial:
    return Denial(day, "Morek", "sy-morek", doc, "a denial", claimed, denier)


def test_apply_denials_window_and_sides() -> None:
    events = [_event("a", "c1"), _event("b", "c2", kind="capture")]
    denials = [_denial("d1", date(2016, 2, 20)), _denial("d2", date(2016, 2, 25)),
               _denial("d3", date(2016, 2, 1)), _denial("d4", date(2016, 1, 31)),
               _denial("d5", date(2016, 2, 3), claimed="rebels"),
               _denial("d6", date(2016, 2, 3), denier="government"),
               _denial("c1", date(2016, 2, 3))]
    a, b = apply_denials(events, denials)
    assert (a.contradicted_by, a.confidence) == (("d1", "d3"), 0.35)
    assert (b.contradicted_by, b.confidence) == ((), 0.6)


def test_merged_claim_stays_contradicted_only_while_every_report_is() -> None:
    (both,) = merge_events([_event("a", "c1", contradicted_by=("d1",)),
                            _event("b", "c2", contradicted_by=("d2", "d1"))])
    assert (both.doc_ids, both.contradicted_by, both.confidence) == (
        ("c1", "c2"), ("d1", "d2"), 0.6)
    (confirmed,) = merge_events([_event("a", "c1", contradicted_by=("d1",)),
                                 _event("b", "c2", kind="capture")])
    assert confirmed.contradicted_by == ()


def test_events_file_keeps_contradicted_by_and_reads_old_files(tmp_path: Path) -> None:
    event = _event("a", "c1", contradicted_by=("d;1", "d2"))
    for name in ("events.csv", "events.json"):
        write_events([event], tmp_path / name)
        assert read_events(tmp_path / name) == [event]
    assert "d\\;1;d2" in (tmp_path / "events.csv").read_text(encoding="utf-8")
    old = tmp_path / "old.csv"
    lines = (tmp_path / "events.csv").read_text(encoding="utf-8").splitlines()
    old.write_text("\n".join(line.rsplit(",", 1)[0] for line in lines) + "\n", encoding="utf-8")
    assert [e.contradicted_by for e in read_events(old)] == [()]


# ------------------------------------------------------------------------- timeline and pages


def test_timeline_does_not_apply_a_denied_claim(gazetteer: Gazetteer) -> None:
    from geo.timeline import Timeline

    held = Event("h", date(2016, 1, 10), "day", "Morek", "sy-morek", 35.37, 36.69, "rebels",
                 None, "capture", 0.85, ("h",), "Rebels took Morek.")
    claim = _event("a", "c1", contradicted_by=("d1", "d2"))
    tl = Timeline.build(gazetteer, [held, claim], snapshots=[])
    assert tl.event_status("a") == "claim contradicted by d1, d2"
    assert tl.event_status("h") is None
    assert tl.state_of("sy-morek", date(2016, 2, 10)).controller == "rebels"
    assert [(c.kind, c.reason) for c in tl.conflicts if c.place_id == "sy-morek"] == [
        ("claim", "a claim denied by d1, d2")]


def _articles(root: Path) -> Path:
    folder = root / "articles"
    folder.mkdir()
    (folder / "claim.txt").write_text(
        "Army says it has taken Morek\n\n3 February 2016\n\n" + CLAIM[2] + "\n", encoding="utf-8")
    (folder / "denial.txt").write_text(
        "Rebels hold on\n\n5 February 2016\n\nRebel commanders on Thursday denied reports that "
        "government forces had captured Morek.\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def denied_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("denied")
    out = root / "map.html"
    result = CliRunner().invoke(app, ["map", str(_articles(root)), "--no-history", "--date",
                                      "2016-02-04", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_map_page_says_which_document_contradicts(denied_map: Path) -> None:
    text = denied_map.read_text(encoding="utf-8")
    assert "claim contradicted by denial" in text


@pytest.mark.browser
@pytest.mark.slow
def test_popup_shows_the_claim_not_applied(open_page: Any, denied_map: Path) -> None:
    opened = open_page(denied_map)
    page = opened.page
    page.wait_for_function("window.geoMap && window.geoMap.ready === true", timeout=20_000)
    page.evaluate(
        """() => Object.values(geoMap.map._layers)
             .filter(l => l.getPopup && l.getPopup()
                     && String(l.getPopup().getContent()).includes('Morek'))[0].openPopup()"""
    )
    text = page.locator(".leaflet-popup-content").inner_text()
    assert "Not applied: claim contradicted by denial" in text
    assert opened.problems() == []


@pytest.fixture(scope="module")
def denied_slider(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("denied-slider")
    out = root / "slider.html"
    result = CliRunner().invoke(app, ["slider", str(_articles(root)), "--no-history",
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.browser
@pytest.mark.slow
def test_changes_panel_shows_the_claim_not_applied(open_page: Any, denied_slider: Path) -> None:
    opened = open_page(denied_slider)
    page = opened.page
    page.wait_for_function("window.geoSlider && geoSlider.ready === true", timeout=20_000)
    panel = page.locator("#geo-changes").inner_text()
    assert "Morek" in panel
    assert "Not applied: claim contradicted by denial" in panel
    assert opened.problems() == []
