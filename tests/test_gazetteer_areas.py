"""A capital's name read as its governorate: phrases, the place it locates, the document.

The sentences are written for these tests (none comes from a news report).
"""

from __future__ import annotations

import pytest

from geo.gazetteer import Gazetteer
from geo.gazetteer_areas import AREA_PHRASES, area_phrase, capital_governorates


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _places(gaz: Gazetteer, text: str, surface: str) -> list[str | None]:
    return [m.place_id for m in gaz.find(text, "t") if m.surface == surface]


# One sentence per row of AREA_PHRASES, in the table's order: (sentence, name, reading).
PHRASE_CASES = [
    ("Shells fell across the countryside of Hama overnight.", "Hama", "area"),
    ("The convoy stopped 12 km south of Hama at dusk.", "Hama", "reference"),
    ("Clashes went on in the south of Hama for days.", "Hama", "area"),
    ("Drones were seen north of Hama on Tuesday.", "Hama", "reference"),
    ("Fighters regrouped in rural Hama after the raid.", "Hama", "area"),
    ("The front in eastern Hama stayed quiet.", "Hama", "halves"),
    ("Aid reached the city of Hama by noon.", "Hama", "city"),
    ("Crowds gathered in west Hama after prayers.", "Hama", "city"),
    ("Sheep graze in the Hama countryside in spring.", "Hama", "area"),
    ("Shops reopened in Hama city on Sunday.", "Hama", "city"),
    ("Hama is the capital of a farming province.", "Hama", "city"),
    ("Power came back in the provincial capital Hama at night.", "Hama", "city"),
]


def test_every_phrase_row_has_a_case() -> None:
    assert [r for _, _, r in PHRASE_CASES] == [reading for _, _, reading in AREA_PHRASES]


@pytest.mark.parametrize(("sentence", "name", "reading"), PHRASE_CASES)
def test_area_phrase_rows(sentence: str, name: str, reading: str) -> None:
    start = sentence.index(name)
    expected = "area" if reading == "halves" else reading
    assert area_phrase(sentence, start, start + len(name), population=460_000) == expected


def test_large_cities_have_halves() -> None:
    sentence = "Families crossed into eastern Aleppo at dawn."
    start = sentence.index("Aleppo")
    assert area_phrase(sentence, start, start + 6, population=2_000_000) == "city"
    assert area_phrase(sentence, start, start + 6, population=400_000) == "area"


def test_capital_governorates_pair_shared_names_only(gaz: Gazetteer) -> None:
    from geo.gazetteer import normalize

    pairs = capital_governorates(gaz.places, normalize)
    assert pairs["sy-idlib"] == "sy-idlib-governorate"
    assert pairs["iq-kirkuk"] == "iq-kirkuk-governorate"
    assert "iq-mosul" not in pairs  # Nineveh is not called Mosul
    assert "sy-al-mayadin" not in pairs


@pytest.mark.parametrize(
    ("text", "surface", "place_id"),
    [
        ("Rebels shelled army posts in northern Hama on Friday.", "Hama", "sy-hama-governorate"),
        ("Army units advanced through the eastern countryside of Homs.", "Homs",
         "sy-homs-governorate"),
        ("The jets struck villages in the north of Raqqa.", "Raqqa", "sy-raqqa-governorate"),
        ("The jets struck villages 30 km north of Raqqa.", "Raqqa", "sy-raqqa"),
        ("Tanks massed on the roads west of Kirkuk.", "Kirkuk", "iq-kirkuk"),
        ("Residents of eastern Aleppo queued for bread.", "Aleppo", "sy-aleppo"),
        ("Gunfire was heard in western Raqqa overnight.", "Raqqa", "sy-raqqa-governorate"),
        ("Water returned to east Raqqa after a week.", "Raqqa", "sy-raqqa"),
        ("Farmers in rural Idlib lost their harvest.", "Idlib", "sy-idlib-governorate"),
        ("Militants attacked a checkpoint in the Deir ez-Zor countryside.", "Deir ez-Zor",
         "sy-deir-ez-zor-governorate"),
        ("Troops retook the town of Mayadin in Deir ez-Zor after a week.", "Deir ez-Zor",
         "sy-deir-ez-zor-governorate"),
        ("The bus ran on the Homs-Palmyra road again.", "Homs", "sy-homs"),
    ],
)
def test_phrases_in_text(gaz: Gazetteer, text: str, surface: str, place_id: str) -> None:
    assert _places(gaz, text, surface) == [place_id]


def test_document_naming_the_province_reads_its_bare_name_as_the_province(gaz: Gazetteer) -> None:
    text = ("Talks on Idlib province resumed in Ankara on Monday. Both sides want calm in "
            "Idlib before winter, and aid agencies warned of a new exodus from Idlib.")
    assert [m.place_id for m in gaz.find(text, "t") if "idlib" in str(m.place_id)] == [
        "sy-idlib-governorate"] * 3


def test_document_naming_the_city_keeps_the_bare_name_a_city(gaz: Gazetteer) -> None:
    text = ("Talks on Idlib province resumed on Monday. Rockets hit the city of Idlib at "
            "night, and shops in Idlib stayed shut.")
    assert _places(gaz, text, "Idlib") == ["sy-idlib", "sy-idlib"]


def test_a_province_in_a_title_is_not_the_document_naming_it(gaz: Gazetteer) -> None:
    text = ("The governor of Homs province said a depot burned in Homs for an hour. "
            "Fire crews from Homs put it out.")
    assert _places(gaz, text, "Homs") == ["sy-homs", "sy-homs"]


def test_a_name_written_with_more_is_the_city(gaz: Gazetteer) -> None:
    text = "Fighting in Daraa province ended. Police patrolled Daraa city and Daraa al-Balad."
    found = {m.surface: m.place_id for m in gaz.find(text, "t")}
    assert found["Daraa city"] == "sy-daraa"


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("northern Hama", "sy-hama-governorate"),
        ("north of Aleppo", "sy-aleppo-governorate"),
        ("the eastern countryside of Homs", "sy-homs-governorate"),
        ("Deir ez-Zor governate", "sy-deir-ez-zor-governorate"),
        ("eastern Aleppo", "sy-aleppo"),
        ("the city of Idlib", "sy-idlib"),
        ("Idlib", "sy-idlib"),  # alone, the name is the city
    ],
)
def test_resolve_phrases(gaz: Gazetteer, name: str, place_id: str) -> None:
    place = gaz.resolve(name).place
    assert place is not None and place.id == place_id


def test_resolve_a_distance_from_a_capital_is_no_place(gaz: Gazetteer) -> None:
    assert gaz.resolve("25 km north of Aleppo").status == "unresolved"


def test_a_sentence_speaking_of_the_city_keeps_the_bare_name_a_city(gaz: Gazetteer) -> None:
    text = ("Shepherds fled the Raqqa countryside in spring. Hundreds of militants entered "
            "Raqqa to guard the city.")
    assert _places(gaz, text, "Raqqa") == ["sy-raqqa-governorate", "sy-raqqa"]


def test_a_point_of_reference_names_the_city(gaz: Gazetteer) -> None:
    text = ("Shepherds fled the Raqqa countryside in spring. Two villages east of Raqqa fell, "
            "and convoys reached Raqqa by night.")
    assert _places(gaz, text, "Raqqa") == ["sy-raqqa-governorate", "sy-raqqa", "sy-raqqa"]


def test_a_long_report_naming_the_province_once_is_about_the_city(gaz: Gazetteer) -> None:
    text = ("Farmers left Hama province. " + "Shelling hit Hama again. " * 3)
    assert _places(gaz, text, "Hama") == ["sy-hama"] * 3
