"""Merging reports: the bucketed merge gives what comparing every pair gives, and fast."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from geo.merge import MERGE_KM, PRECISION_DAYS, _coarser, _same_place, merge_events
from geo.models import Event

KINDS = ("capture", "recapture", "siege", "partial", "claim", "withdrawal")
SIDES = ("government", "is", "sdf", "rebels")


def _random_events(n: int, seed: int) -> list[Event]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        place = rng.randrange(40)
        lat = 35.0 + place * 0.1 + rng.choice((0.0, 0.05))
        out.append(Event(
            f"e{i:05d}", date(2016, 1, 1) + timedelta(days=rng.randrange(400)),
            rng.choice(("day", "day", "week", "month", "year")), f"P{place}",
            f"p{place}" if rng.random() < 0.9 else None, lat, 38.0 + place * 0.02,
            rng.choice(SIDES), None, rng.choice(KINDS),  # type: ignore[arg-type]
            round(rng.uniform(0.4, 0.95), 2), (f"d{rng.randrange(60)}",), f"Sentence {i}.",
        ))
    return out


def _family(kind: str) -> str:
    return {"siege": "contest", "partial": "contest", "siege_broken": "relief"}.get(kind, "change")


def _pairwise(events: list[Event]) -> list[tuple[str, tuple[str, ...]]]:
    """The groups the quadratic rule makes (every report against every group head)."""
    rank = {"day": 0, "week": 1, "month": 2, "year": 3}
    groups: list[list[Event]] = []
    for e in sorted(events, key=lambda e: (rank[e.date_precision], -e.confidence, e.date,
                                           e.event_id)):
        for group in groups:
            head = group[0]
            if (head.controller == e.controller and _family(head.kind) == _family(e.kind)
                    and _same_place(head, e)
                    and abs((head.date - e.date).days) <= _coarser(head, e)):
                group.append(e)
                break
        else:
            groups.append([e])
    out = []
    for g in groups:
        docs: list[str] = []
        for e in g:
            docs.extend(d for d in e.doc_ids if d not in docs)
        out.append((g[0].event_id, tuple(docs)))
    return sorted(out)


def test_bucketed_merge_equals_the_pairwise_rule() -> None:
    events = _random_events(600, seed=7)
    merged = merge_events(events)
    assert sorted((e.event_id, e.doc_ids) for e in merged) == _pairwise(events)
    assert len(merged) < len(events)


def test_a_siege_and_the_capture_that_ends_it_stay_apart() -> None:
    siege = Event("s", date(2017, 10, 11), "day", "Mayadin", "m", 35.0, 40.4, "government", "is",
                  "siege", 0.9, ("a",), "The army encircled the town.")
    taken = replace(siege, event_id="c", date=date(2017, 10, 14), kind="capture",
                    doc_ids=("b",), sentence="The army captured the town.")
    assert [(e.event_id, e.kind) for e in merge_events([siege, taken])] == [
        ("s", "siege"), ("c", "capture")]


def test_conflicting_reports_name_each_other() -> None:
    a = Event("a", date(2017, 3, 1), "day", "X", "x", 35.0, 38.0, "government", None, "capture",
              0.9, ("d1",), "The army took X.")
    b = replace(a, event_id="b", controller="is", doc_ids=("d2",), sentence="IS took X.")
    far = replace(b, event_id="f", lat=35.0 + MERGE_KM / 50, place_id="y")
    merged = {e.event_id: e.conflict for e in merge_events([a, b, far])}
    assert merged == {"a": ("b",), "b": ("a",), "f": ()}
    assert PRECISION_DAYS["day"] == 3
