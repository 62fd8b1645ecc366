"""Names that match no spelling exactly: typos matched conservatively, and reported as fuzzy.

The sentences are written for these tests (none comes from a news report).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from geo.cli.main import app
from geo.gazetteer import Gazetteer
from geo.gazetteer_index import FUZZY_SPELLING_CUTOFF, _plain


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def test_plain_folds_accents_case_marks_and_hyphens_only() -> None:
    assert _plain("Ra’s al-Ayn") == "ras al ayn"
    assert _plain("  Serêkaniyê ") == "serekaniye"
    assert _plain("Deir ez-Zor") == "deir ez zor"  # vowels and articles are kept


def test_a_letter_off_a_spelling_resolves_with_its_similarity(gaz: Gazetteer) -> None:
    # Folded, "Ras al-Aun" ("ras aun") is too far from "Ras al-Ain" ("ras ayn"); as written it
    # is one letter off.
    resolution = gaz.resolve("Ras al-Aun")
    assert resolution.place is not None and resolution.place.id == "sy-ras-al-ayn"
    assert resolution.score == FUZZY_SPELLING_CUTOFF / 100.0


@pytest.mark.parametrize("name", ["Qzwrtyb Kabir", "Ras al-Xyzq", "Rass"])
def test_far_or_short_names_stay_unresolved(gaz: Gazetteer, name: str) -> None:
    assert gaz.resolve(name).status == "unresolved"


def test_an_exact_match_is_never_replaced_by_a_fuzzy_one(gaz: Gazetteer) -> None:
    # "Ras al-Ain" is a spelling of several places: ranked among them, not matched fuzzily
    resolution = gaz.resolve("Ras al-Ain")
    assert resolution.place is not None and resolution.place.id == "sy-ras-al-ayn"
    assert [c.place.id for c in resolution.candidates] == [p.id for p in gaz.lookup("Ras al-Ain")]


def test_a_list_of_two_known_places_carries_a_misspelt_third(gaz: Gazetteer) -> None:
    text = "The new road links Suluk, Tell Abyad, Ras al-Aun and the farms between them."
    found = {m.surface: (m.place_id, m.score) for m in gaz.find(text, "t")}
    assert found["Ras al-Aun"] == ("sy-ras-al-ayn", 0.9)


def test_a_title_after_one_place_is_no_list(gaz: Gazetteer) -> None:
    text = "The governor of Homs province, Tarek Al-Mazrui, spoke on Sunday."
    assert [m.surface for m in gaz.find(text, "t")] == ["Homs province"]


def test_cli_reports_a_fuzzy_match(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["resolve", "Ras al-Aun"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Ras al-Aun: sy-ras-al-ayn  Ras al-Ayn  ")
    assert "[resolved, fuzzy 0.90]" in result.stdout.splitlines()[0]
    result = runner.invoke(app, ["resolve", "Ras al-Ain", "Ras al-Aun", "--json"])
    assert [(r["id"], r["similarity"]) for r in json.loads(result.stdout)] == [
        ("sy-ras-al-ayn", 1.0), ("sy-ras-al-ayn", 0.9)]
    article = tmp_path / "road.txt"
    article.write_text("2019-10-12\n\nThe road links Suluk, Tell Abyad, Ras al-Aun and farms.\n",
                       encoding="utf-8")
    result = runner.invoke(app, ["places", str(article), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["surface"], r["place_id"], r["similarity"]) for r in rows] == [
        ("Suluk", "sy-suluk", "1.0"), ("Tell Abyad", "sy-tell-abyad", "1.0"),
        ("Ras al-Aun", "sy-ras-al-ayn", "0.9")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Kurdish units took control of the Al-Umar region at dawn.",
         [("Al-Umar", "sy-al-omar-oil-field")]),
        ("Omar said the field was calm.", []),  # a man
        ("Al-Omar told reporters the night was quiet.", []),  # a man, with the article
    ],
)
def test_a_man_s_name_is_a_place_only_with_the_article_and_a_place_noun(
        gaz: Gazetteer, text: str, found: list[tuple[str, str]]) -> None:
    assert [(m.surface, m.place_id) for m in gaz.find(text, "t")] == found


def test_a_shared_article_does_not_make_names_alike(gaz: Gazetteer) -> None:
    assert _plain("al-Ghawi") == "ghawi"
    assert gaz.resolve("Al-Hawi").status == "unresolved"
