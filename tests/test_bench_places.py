"""The dev-news place bench: distance and governorate outlines, on a small gold file of its own."""

from __future__ import annotations

from pathlib import Path

from bench.bench_places import _occurrences, evaluate, evaluate_in_context

GOLD = (
    "place_as_written,canonical_name,country,lat,lon,kind\n"
    "Mawsil | east Mosul,Mosul,IQ,36.335,43.119,city\n"
    "Anbar province,Al Anbar Governorate,IQ,33.4,42.0,region\n"
    "Kurdistan Region,Kurdistan Region,IQ,36.4,44.4,region\n"
    "Anbar,Ramadi,IQ,33.426,43.299,city\n"
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
        # a region made of governorates: its outline is theirs
        ("Kurdistan Region", "iq-kurdistan-region", False, True),
        # a governorate given for a city is wrong, though its outline holds the city
        ("Anbar", "iq-anbar-governorate", False, False),
        ("Qaim crossing", "iq-al-qaim-border-crossing", True, True),
        ("Zzyzx Qqq", "unresolved", False, False),
    ]
    anbar = outcomes[2]
    assert anbar.km is not None and anbar.km > 10 and anbar.inside


CONTEXT_GOLD = (
    "place_as_written,canonical_name,country,lat,lon,kind\n"
    "Mosul,Mosul,IQ,36.335,43.119,city\n"
    "Nineveh province,Nineveh Governorate,IQ,36.2,42.8,region\n"
    "Kobani | Kobane,Kobani,SY,36.891,38.354,city\n"
    "Tabqa,Tabqa,SY,35.837,38.548,city\n"
    "Khabur river,Khabur,SY,,,river\n"
)
CONTEXT_MENTIONS = (
    "doc_id,place_as_written,canonical_name\n"
    "001,Mosul,Mosul\n"
    "001,Nineveh province,Nineveh Governorate\n"
    "001,Khabur river,Khabur\n"
    "002,Kobane,Kobani\n"
    "002,Tabqa,Tabqa\n"
)


def test_evaluate_in_context_scores_each_document_mention(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "001_north.txt").write_text(
        "Iraqi troops pushed on towards Mosul on Monday, officers in Nineveh province said.\n",
        encoding="utf-8")
    (articles / "002_border.txt").write_text(
        "Fighters near Kobane said the convoy had left for the north at dawn.\n",
        encoding="utf-8")
    (tmp_path / "articles.csv").write_text(
        "file,published,outlet,title\n"
        "articles/001_north.txt,2016-11-02,Wire,Troops near Mosul\n"
        "articles/002_border.txt,2016-11-03,Wire,Convoy leaves\n", encoding="utf-8")
    gold = tmp_path / "gold_places.csv"
    gold.write_text(CONTEXT_GOLD, encoding="utf-8")
    mentions = tmp_path / "gold_place_mentions.csv"
    mentions.write_text(CONTEXT_MENTIONS, encoding="utf-8")
    outcomes = evaluate_in_context(gold, mentions)
    # the river has no coordinates: left out; Tabqa is not written in document 002
    assert [(o.doc_id, o.spelling, o.found, o.right, o.right_as_area) for o in outcomes] == [
        ("001", "Mosul", "iq-mosul", True, True),
        ("001", "Nineveh province", "iq-nineveh-governorate", False, True),
        ("002", "Kobane", "sy-kobani", True, True),
        ("002", "Tabqa", "not in text", False, False),
    ]


def test_occurrences_match_either_apostrophe_and_any_case_only_as_fallback() -> None:
    text = "From Bza’a to BZA'A; Bza'ata is another word."
    assert _occurrences(text, "Bza'a") == [(5, 10)]
    assert _occurrences(text, "BZA’A") == [(14, 19)]
    assert _occurrences(text, "bza'a") == [(5, 10), (14, 19)]
    assert _occurrences(text, "Aleppo") == []
