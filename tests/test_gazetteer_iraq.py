"""Iraq in the shipped gazetteer: press spellings, sites, and namesakes across the border.

The sentences are written for these tests (none comes from a news report).
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from geo.cli.main import app
from geo.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.mark.parametrize(
    ("spelling", "place_id"),
    [
        ("Mosul", "iq-mosul"), ("Mawsil", "iq-mosul"), ("al-Mawsil", "iq-mosul"),
        ("Tal Afar", "iq-tal-afar"), ("Tall Afar", "iq-tal-afar"), ("Talafar", "iq-tal-afar"),
        ("Qayyarah", "iq-qayyarah"), ("Qayara", "iq-qayyarah"),
        ("Baiji", "iq-baiji"), ("Bayji", "iq-baiji"),
        ("al-Qaim", "iq-al-qaim"), ("Qaim", "iq-al-qaim"), ("Husaybah", "iq-husaybah"),
        ("Hawija", "iq-hawija"), ("Hawijah", "iq-hawija"),
        ("Sinjar", "iq-sinjar"), ("Shingal", "iq-sinjar"),
        ("Sulaimani", "iq-sulaymaniyah"), ("Garma", "iq-al-karmah"),
        ("Jurf al-Nasr", "iq-jurf-al-sakhar"), ("Hatra", "iq-hatra"),
    ],
)
def test_press_spellings(gaz: Gazetteer, spelling: str, place_id: str) -> None:
    resolution = gaz.resolve(spelling)
    assert resolution.place is not None
    assert resolution.place.id == place_id


@pytest.mark.parametrize(
    ("name", "place_id", "kind"),
    [
        ("K-1 military base", "iq-k-1-air-base", "airport"),
        ("Baba Gurgur oil field", "iq-baba-gurgur-oil-field", "oilfield"),
        ("Baiji refinery", "iq-baiji-oil-refinery", "oilfield"),
        ("Camp Speicher", "iq-camp-speicher", "airport"),
        ("Q-West", "iq-qayyarah-airfield-west", "airport"),
        ("al-Qaim crossing", "iq-al-qaim-border-crossing", "crossing"),
        ("al-Walid", "iq-al-walid-border-crossing", "crossing"),
        ("Rabia crossing", "iq-rabia-border-crossing", "crossing"),
        ("Albukamal crossing", "sy-al-bukamal-border-crossing", "crossing"),
        ("Yarubiyah crossing", "sy-al-yarubiyah-border-crossing", "crossing"),
        ("Anbar", "iq-anbar-governorate", "region"),
        ("Nineveh province", "iq-nineveh-governorate", "region"),
        ("Salahuddin", "iq-salah-ad-din-governorate", "region"),
        ("Kurdistan Region", "iq-kurdistan-region", "region"),
    ],
)
def test_sites_have_their_own_kind(gaz: Gazetteer, name: str, place_id: str, kind: str) -> None:
    place = gaz.resolve(name).place
    assert place is not None
    assert (place.id, place.kind, place.country) == (place_id, kind, place_id[:2].upper())


def test_each_map_keeps_its_border_posts(gaz: Gazetteer) -> None:
    # The Syrian map draws its posts on the line; they stay Syrian with a Syrian governorate.
    assert (gaz["sy-al-bukamal-border-crossing"].country,
            gaz["sy-al-bukamal-border-crossing"].admin1) == ("SY", "Deir ez-Zor")
    assert (gaz["sy-tawsin-border-crossing"].country, gaz["iq-basrah-oil-terminal"].country) == (
        "SY", "IQ")


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("east Mosul", "iq-mosul"),
        ("western Mosul", "iq-mosul"),
        ("the southern outskirts of Kirkuk", "iq-kirkuk"),
        ("rural Idlib", "sy-idlib-governorate"),
        ("province of Homs", "sy-homs-governorate"),
        ("the Raqqa countryside", "sy-raqqa-governorate"),
        ("New Rawa", "iq-new-rawa"),  # a place of its own, not a part of Rawa
        ("the al-Omar region", "sy-al-omar-oil-field"),
        ("the Tal Afar area", "iq-tal-afar"),
    ],
)
def test_part_of_a_place(gaz: Gazetteer, name: str, place_id: str) -> None:
    place = gaz.resolve(name).place
    assert place is not None and place.id == place_id


# --- namesakes across the border -------------------------------------------------------------


def test_rabia_alone_is_the_iraqi_border_town(gaz: Gazetteer) -> None:
    resolution = gaz.resolve("Rabia")
    assert resolution.place is not None and resolution.place.id == "iq-rabia"
    assert "sy-rabia-latakia" in {c.place.id for c in resolution.candidates}


def test_rabia_in_latakia_province_is_the_syrian_village(gaz: Gazetteer) -> None:
    context = "Government troops shelled Rabia in Latakia province on Sunday."
    place = gaz.resolve("Rabia", context=context).place
    assert place is not None and place.id == "sy-rabia-latakia"


def test_rabia_near_latakia(gaz: Gazetteer) -> None:
    place = gaz.resolve("Rabia", near=gaz["sy-latakia"]).place
    assert place is not None and place.id == "sy-rabia-latakia"


@pytest.mark.parametrize(
    ("context", "place_id"),
    [
        ("Iraqi troops secured the Bukamal-Qaim crossing on Friday.",
         "iq-al-qaim-border-crossing"),
        ("Syrian army units reached the Bukamal-Qaim crossing from the west.",
         "sy-al-bukamal-border-crossing"),
        ("On the Syrian side, the Bukamal-Qaim crossing stayed closed.",
         "sy-al-bukamal-border-crossing"),
    ],
)
def test_two_sided_crossing_by_country_words(gaz: Gazetteer, context: str, place_id: str) -> None:
    place = gaz.resolve("Bukamal-Qaim crossing", context=context).place
    assert place is not None and place.id == place_id


def test_document_country_decides_when_the_sentence_does_not(gaz: Gazetteer) -> None:
    iraqi = ("Iraq's Kurdish peshmerga were replaced at the border. The Iraqi government sent "
             "more police. Officials said the town of Rabia was calm.")
    syrian = ("Syria's army pushed into the hills on the coast. Syrian officials spoke of gains. "
              "Loyalist units surrounded Rabia on Monday.")
    found = {m.surface: m.place_id for m in gaz.find(iraqi, "d1")}
    assert found["Rabia"] == "iq-rabia"
    (rabia,) = [m for m in gaz.find(syrian, "d2") if m.surface == "Rabia"]
    assert rabia.place_id is not None and gaz[rabia.place_id].country == "SY"


def test_other_places_of_the_document_decide(gaz: Gazetteer) -> None:
    text = "Fighting reached Kinsabba and Salma. Rebels held on to Rabia."
    (rabia,) = [m for m in gaz.find(text, "d3") if m.surface == "Rabia"]
    assert rabia.place_id == "sy-rabia-latakia"


def test_cli_resolve_with_context() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["resolve", "Bukamal-Qaim crossing", "Rabia", "--json",
                                 "--context", "Iraqi forces reopened the Bukamal-Qaim crossing."])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert [(r["query"], r["id"], r["country"]) for r in records] == [
        ("Bukamal-Qaim crossing", "iq-al-qaim-border-crossing", "IQ"),
        ("Rabia", "iq-rabia", "IQ"),
    ]
    result = runner.invoke(app, ["resolve", "Bukamal-Qaim crossing",
                                 "--context", "The Syrian army took the Bukamal-Qaim crossing."])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "Bukamal-Qaim crossing: sy-al-bukamal-border-crossing  al-Bukamal border crossing")


def test_offshore_terminals_pass_the_check_villages_at_sea_do_not() -> None:
    from geo.gazetteer_check import outside_their_country
    from geo.models import Place

    def at_sea(kind: str) -> Place:
        return Place(id=f"iq-{kind}", name="Terminal", alt_names=(), lat=29.682, lon=48.809,
                     kind=kind, country="IQ")

    problems = outside_their_country([at_sea("oilfield"), at_sea("village")], "g.csv",
                                     {"iq-oilfield": 2, "iq-village": 3})
    assert [(p.line, p.message) for p in problems] == [
        (3, "(29.682, 48.809) lies about 38 km outside IQ")]


# --- Rabia (Iraq) and al-Rabiaa (Syria), the two sides at al-Qaim ---------------------------


@pytest.mark.parametrize(
    ("name", "context", "place_id"),
    [
        ("al-Rabiaa", "Loyalist shelling hit al-Rabiaa in Hama province.", "sy-al-rabiaa"),
        ("Rabiaa", "Loyalist shelling hit Rabiaa in Hama province.", "sy-al-rabiaa"),
        ("Rabia", "Iraqi police returned to Rabia after the clashes.", "iq-rabia"),
        ("al-Rabiaa", "", "iq-rabia"),  # alone: the border town the press names most
        # a crossing named by one side's town is that side's post, whoever takes it
        ("Albukamal crossing", "Iraqi troops secured the Albukamal crossing.",
         "sy-al-bukamal-border-crossing"),
        ("al-Qaim crossing", "Syrian troops reached the al-Qaim crossing.",
         "iq-al-qaim-border-crossing"),
        ("Husaybah", "Syrian troops shelled Husaybah.", "iq-husaybah"),
    ],
)
def test_cross_border_namesakes(gaz: Gazetteer, name: str, context: str, place_id: str) -> None:
    place = gaz.resolve(name, context=context).place
    assert place is not None and place.id == place_id


def test_syrian_rabiaa_among_hama_villages(gaz: Gazetteer) -> None:
    text = ("Government troops pushed north of Hama and took Tayyibat al-Imam and Souran. "
            "Rebels fell back from al-Rabiaa on Monday.")
    found = {m.surface: m.place_id for m in gaz.find(text, "d4")}
    assert found["al-Rabiaa"] == "sy-al-rabiaa"


def test_cli_resolve_rabiaa_in_hama() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["resolve", "al-Rabiaa", "--json", "--context",
                                 "Loyalist shelling hit al-Rabiaa in Hama province."])
    assert result.exit_code == 0, result.output
    (record,) = json.loads(result.stdout)
    assert (record["id"], record["country"], record["candidates"][1]["id"]) == (
        "sy-al-rabiaa", "SY", "iq-rabia")


def test_the_name_of_the_islamic_state_does_not_make_a_text_iraqi() -> None:
    from geo.gazetteer_resolve import document_country

    text = ("The Islamic State of Iraq and the Levant shelled the town. Fighters of the Islamic "
            "State of Iraq and Syria held the hill. Syrian rebels answered with mortars.")
    assert document_country(text) == "SY"
    assert document_country("Iraqi police and Iraqi soldiers entered the town.") == "IQ"
    assert document_country("Rebels entered the town.") == ""


@pytest.mark.parametrize(("country", "place_id"), [("SY", "sy-al-rai"), ("IQ", "iq-al-rai")])
def test_the_country_of_the_wider_text_decides_a_namesake(
        gaz: Gazetteer, country: str, place_id: str) -> None:
    text = "By nightfall the militants had taken al-Rai back."
    (rai,) = [m for m in gaz.find(text, "chunk", country) if m.surface == "al-Rai"]
    assert rai.place_id == place_id


def test_the_sentence_outweighs_the_wider_text(gaz: Gazetteer) -> None:
    text = "Iraqi troops said the militants had taken al-Rai back."
    (rai,) = [m for m in gaz.find(text, "chunk", "SY") if m.surface == "al-Rai"]
    assert rai.place_id == "iq-al-rai"
