"""Well-known control facts, and the dev set, read back from `geo control` on the seeds.

`tests/data/history_facts.csv` holds facts from public history (2016-2019, 25 places, before and
after their changes). Columns beyond `date, place, place_id, controller, source`:

* `covered`: what in the corpus supports the fact: `seeds` (a seed article states it or implies it
  read backwards), `baseline` (the Wikipedia snapshot or a correction), `none` (no source in the
  corpus covers it; `note` says which change is missing).
* `gold`: whether the fact comes out right from the dev-set gold events and states (a perfect
  extractor): every covered fact but one (`note`), no uncovered fact.
* `seeds`: whether it came out right from `geo control` on the seeds with the real extractor
  when the facts were written (a record, not a contract: the extractor keeps changing).

The perfect-extractor test asserts the `gold` column exactly (it checks the timeline, not the
extractor). The extractor is held to shares that can fail without pinning each fact: of the
facts the corpus covers, and of the dev-set rows read back. A side counts as right when it is the
same, except that `rebels` and `hts` are one (as in the dev-set scorer).

The dev set is read from ``../shared/eval`` beside the repository: those tests fail under CI
when it is missing, and are skipped (with the reason) elsewhere.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from geo.cli.main import app
from geo.gazetteer import Gazetteer
from geo.models import Event, Observation
from geo.timeline import Timeline

DATA = Path(__file__).resolve().parent / "data"
FACTS = DATA / "history_facts.csv"
EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
GOLD_EVENTS = EVAL / "seeds_gold_events.csv"
GOLD_STATES = EVAL / "seeds_gold_states.csv"


@pytest.fixture
def dev_set(shared_data: Callable[..., Path]) -> None:
    """The seeds' gold events and states (``../shared/eval``); fails under CI when missing."""
    shared_data("eval", GOLD_EVENTS.name)
    shared_data("eval", GOLD_STATES.name)


needs_eval = pytest.mark.usefixtures("dev_set")


def load_facts() -> list[dict[str, str]]:
    with FACTS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def same_side(got: str, want: str) -> bool:
    return got == want or {got, want} <= {"rebels", "hts"}


def control_csv(dates: list[str], places: list[str]) -> dict[tuple[str, str], dict[str, str]]:
    args = ["control", "--format", "csv", "--no-history"]
    for day in sorted(set(dates)):
        args += ["--date", day]
    for place in sorted(set(places)):
        args += ["--place", place]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return {(r["date"], r["place_id"]): r for r in csv.DictReader(io.StringIO(result.stdout))}


def evaluate_seeds() -> list[bool]:
    facts = load_facts()
    rows = control_csv([f["date"] for f in facts], [f["place_id"] for f in facts])
    return [same_side(rows[(f["date"], f["place_id"])]["controller"], f["controller"])
            for f in facts]


def _place_id(gazetteer: Gazetteer, name: str, lat: float | None = None,
              lon: float | None = None) -> str | None:
    candidates = gazetteer.lookup(name)
    if not candidates:
        resolved = gazetteer.resolve(name).place
        return resolved.id if resolved else None
    if lat is None or lon is None:
        return candidates[0].id
    return min(candidates, key=lambda p: (p.lat - lat) ** 2 + (p.lon - lon) ** 2).id


def gold_events(gazetteer: Gazetteer) -> list[Event]:
    with GOLD_EVENTS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        Event(f"gold-{i}", date.fromisoformat(r["event_date"]), r["date_precision"],  # type: ignore[arg-type]
              r["place"], _place_id(gazetteer, r["place"], float(r["lat"]), float(r["lon"])),
              float(r["lat"]), float(r["lon"]), r["new_controller"], r["prev_controller"] or None,
              r["kind"], 0.9, (r["doc_id"],), r["evidence"])  # type: ignore[arg-type]
        for i, r in enumerate(rows)
    ]


def gold_states(gazetteer: Gazetteer) -> list[Observation]:
    with GOLD_STATES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        Observation(date.fromisoformat(r["as_of"]), r["place"], _place_id(gazetteer, r["place"]),
                    r["controller"], r["doc_id"], r["evidence"])
        for r in rows
    ]


def evaluate_gold() -> list[bool]:
    gazetteer = Gazetteer.load()
    timeline = Timeline.build(gazetteer, gold_events(gazetteer), gold_states(gazetteer))
    return [
        same_side(timeline.state_of(f["place_id"], date.fromisoformat(f["date"])).controller,
                  f["controller"])
        for f in load_facts()
    ]


def test_facts_file_is_well_formed():
    facts = load_facts()
    gazetteer = Gazetteer.load()
    assert len(facts) >= 40
    assert len({f["place_id"] for f in facts}) >= 15
    for f in facts:
        assert f["place_id"] in gazetteer, f
        assert "2016-01-01" <= f["date"] <= "2019-12-31", f
        assert f["covered"] in ("seeds", "baseline", "none"), f
        assert f["source"], f
        if f["covered"] == "none":
            assert f["note"], f
    # Before and after: every place has facts on at least two sides or dates.
    for place in {f["place_id"] for f in facts} - {"sy-azaz", "sy-al-tanf", "sy-kobani",
                                                    "sy-daraa"}:
        assert len([f for f in facts if f["place_id"] == place]) >= 2, place


@needs_eval
def test_history_with_a_perfect_extractor():
    facts = load_facts()
    got = evaluate_gold()
    expected = [f["gold"] == "pass" for f in facts]
    wrong = [(f["date"], f["place_id"], f["controller"]) for f, g, e in zip(facts, got, expected,
                                                                          strict=True) if g != e]
    assert wrong == []
    # Exactly the facts some source covers, but the one the dev set itself misplaces.
    assert [f["place_id"] for f in facts if (f["gold"] == "pass") != (f["covered"] != "none")] == [
        "sy-manbij"
    ]
    assert sum(got) == 38


def test_history_from_geo_control_on_the_seeds():
    facts = load_facts()
    got = evaluate_seeds()
    covered = [g for f, g in zip(facts, got, strict=True) if f["covered"] != "none"]
    wrong = [(f["date"], f["place_id"], f["controller"], f["covered"])
             for f, g in zip(facts, got, strict=True) if not g]
    assert len(covered) >= 30
    assert sum(covered) / len(covered) >= SEEDS_COVERED_RIGHT_MIN, wrong
    assert sum(got) / len(facts) >= SEEDS_RIGHT_MIN, wrong


#: Least share of the facts some source in the corpus covers (seeds or baseline) that must come
#: out right from `geo control` on the seeds (33 of 37 when written).
SEEDS_COVERED_RIGHT_MIN = 0.80
#: Least share of all facts right (34 of 56 when written; uncovered facts are right by history
#: or chance only).
SEEDS_RIGHT_MIN = 0.55


# -- the dev set read back ---------------------------------------------------------------------

#: Dev-set rows `geo control` on the seeds did not read back when written, with the reason. Keys:
#: (file, date, place). Shown when the share falls below the least allowed, not asserted one by one.
KNOWN_MISSES: dict[tuple[str, str, str], str] = {
    ("events", "2017-11-11", "Abu Kamal"):
        "the extractor dates IS's recapture 8 Nov, before the army's capture of 9 Nov, so the "
        "capture (later) wins; the conflict is listed",
    ("events", "2017-03-02", "Manbij"):
        "not extracted: the SDF withdrew from villages between al-Bab and Manbij, not the city "
        "(history agrees with the extractor here)",
    ("events", "2017-03-01", "Mount Hilal"):
        "not extracted, and the hill has no map mark (unknown)",
    ("events", "2017-01-16", "Deir ez-Zor Airport"):
        "the extractor puts the siege of the airport on the city; the airport keeps its "
        "baseline side",
    ("states", "2016-11-08", "Mosul"): "observation not extracted; Iraq has no baseline",
    ("states", "2020-08-25", "al-Mayadin"):
        "observation not extracted; the 2017 baseline (IS) holds on",
    ("states", "2016-12-12", "Aleppo"):
        "observation ('93% in regime hands') not extracted; the baseline (government) is read "
        "backwards",
    ("states", "2016-11-08", "Raqqa"):
        "observation not extracted; the baseline (battle, contested) is read backwards",
}
#: Least share of the dev-set rows (distinct file, date, place) read back on the seeds (0.71 when
#: written: 22 of 31).
GOLD_READ_BACK_MIN = 0.60


#: Days of slack on an event's date, by its precision (as in the dev-set scorer).
WINDOW_DAYS = {"day": 3, "week": 7, "month": 31, "year": 366}

Check = tuple[str, str, str, str, str, float | None, float | None, str]


def _gold_checks() -> list[Check]:
    """(file, date, place, controller, kind, lat, lon, last date within the precision)."""
    checks: list[Check] = []
    with GOLD_EVENTS.open(encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle):
            day = date.fromisoformat(r["event_date"])
            last = day + timedelta(days=WINDOW_DAYS[r["date_precision"]])
            checks.append(("events", r["event_date"], r["place"], r["new_controller"], r["kind"],
                           float(r["lat"]), float(r["lon"]), last.isoformat()))
    with GOLD_STATES.open(encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle):
            checks.append(("states", r["as_of"], r["place"], r["controller"], "", None, None,
                           r["as_of"]))
    return checks


def reads_back(row: dict[str, str], want: str, kind: str) -> bool:
    """An event reads back when the place has its new side (or is contested with it, for a
    partial or siege) on its date; a state when the side is the same, or both are contested."""
    got, sides = row["controller"], row["contested_with"].split("|")
    if kind in ("partial", "siege"):
        return got == "contested" and any(same_side(s, want) for s in sides)
    if want == "contested":
        return got == "contested"
    return same_side(got, want)


@needs_eval
def test_dev_set_reads_back_from_a_timeline_of_the_gold_itself():
    gazetteer = Gazetteer.load()
    timeline = Timeline.build(gazetteer, gold_events(gazetteer), gold_states(gazetteer))
    misses = []
    for which, day, place, want, kind, lat, lon, last in _gold_checks():
        pid = _place_id(gazetteer, place, lat, lon)
        assert pid is not None
        states = [timeline.state_of(pid, date.fromisoformat(d)) for d in (day, last)]
        rows = [{"controller": s.controller, "contested_with": "|".join(s.contested_with)}
                for s in states]
        if not any(reads_back(r, want, kind) for r in rows):
            misses.append((which, day, place))
    assert misses == []


@needs_eval
def test_dev_set_reads_back_from_geo_control():
    """Each dev-set event reads back on its date or by the end of its date precision (the
    extractor dates "last month" to mid-month); each state on its date."""
    gazetteer = Gazetteer.load()
    checks = _gold_checks()
    ids = [_place_id(gazetteer, c[2], c[5], c[6]) for c in checks]
    assert None not in ids
    rows = control_csv([c[1] for c in checks] + [c[7] for c in checks], [i for i in ids if i])
    misses = {}
    for check, pid in zip(checks, ids, strict=True):
        which, day, place, want, kind, _, _, last = check
        if not any(reads_back(rows[(d, pid)], want, kind) for d in (day, last)):
            row = rows[(day, pid)]
            misses[(which, day, place)] = f"{row['controller']} {row['contested_with']}".strip()
    share = 1 - len(misses) / len({(c[0], c[1], c[2]) for c in checks})
    new = {k: v for k, v in misses.items() if k not in KNOWN_MISSES}
    assert share >= GOLD_READ_BACK_MIN, f"read back {share:.2f}; misses not known before: {new}"
