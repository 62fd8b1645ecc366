"""The dev-news place bench: distance and governorate outlines, on a small gold file of its own."""

from __future__ import annotations

from pathlib import Path

from bench.bench_places import evaluate

GOLD = (
    "place_as_written,canonical_name,country,lat,lon,kind\n"
    "Mawsil | east Mosul,Mosul,IQ,36.335,43.119,city\n"
    "Anbar province,Al Anbar Governorate,IQ,33.4,42.0,region\n"
    "Qaim crossing,al-Qaim border crossing,IQ,34.405,40.975,crossing\n"
    "Zzyzx Qqq,Nowhere,SY,35.0,38.0,village\n"
    "Euphrates,Euphrates,SY,,,river\n"
)


def test_evaluate_scores_distance_and_outline(tmp_path: Path) -> None:
    gold = tmp_path / "gold_places.csv"
    gold.write_text(GOLD, encoding="utf-8")
    outcomes = evaluate(gold)
    # the row without coordinates is left out
    assert [(o.spelling, o.found, o.right, o.right_as_area) for o in outcomes] == [
        ("Mawsil", "iq-mosul", True, True),
        ("east Mosul", "iq-mosul", True, True),
        ("Anbar province", "iq-anbar-governorate", False, True),
        ("Qaim crossing", "iq-al-qaim-border-crossing", True, True),
        ("Zzyzx Qqq", "unresolved", False, False),
    ]
    anbar = outcomes[2]
    assert anbar.km is not None and anbar.km > 10 and anbar.inside
