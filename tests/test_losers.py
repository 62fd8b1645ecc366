"""Losers: a chronicle's capture naming no loser takes the side its section (or article) fights."""

from __future__ import annotations

from datetime import date

from geo.losers import infer_losers, side_counts
from geo.models import Document, Event

ASSAULT = "Battle of Qasrayn (2016), The assault"
AFTERMATH = "Battle of Qasrayn (2016), Aftermath"
COUNTRIES = {"iq-qasrayn": "IQ", "sy-tell-nur": "SY"}


def chunk(doc_id: str, title: str, text: str, country: str = "") -> Document:
    return Document(id=doc_id, text=text, source_file="battle_of_qasrayn.md", title=title,
                    country=country)


def taken(place_id: str = "iq-qasrayn", winner: str = "iraq", *, kind: str = "capture",
          previous: str | None = None, doc: str = "battle_of_qasrayn:10",
          day: date = date(2016, 9, 3)) -> Event:
    return Event(
        event_id=f"e-{place_id}-{kind}-{day.isoformat()}", date=day, date_precision="day",
        place="Qasrayn", place_id=place_id, lat=None, lon=None, controller=winner,
        previous_controller=previous, kind=kind, confidence=0.85, doc_ids=(doc,),  # type: ignore[arg-type]
        sentence="On 3 September the troops entered Qasrayn.",
    )


#: The assault: ISIL named four times ("ISIL-held" is no mention), Iraqi troops twice, the
#: Peshmerga once.
ASSAULT_TEXT = (
    "Iraqi troops pushed towards the ISIL-held villages south of the river. "
    "ISIL sent car bombs against the column. ISIL snipers covered the bridge. "
    "The Peshmerga held the ridge to the north. "
    "On 3 September the troops entered Qasrayn after ISIL fighters withdrew; Iraqi troops "
    "said ISIL had mined the market."
)
#: An aftermath naming ISIL and the Peshmerga twice each: no single enemy.
SPLIT = "The Peshmerga and ISIL both claimed the crossroads. ISIL and the Peshmerga traded fire."


def test_the_section_names_the_enemy_a_capture_was_won_from() -> None:
    docs = [chunk("battle_of_qasrayn:10", ASSAULT, ASSAULT_TEXT)]
    events, how = infer_losers([taken()], docs, COUNTRIES)
    assert events[0].previous_controller == "is"
    assert how == {"e-iq-qasrayn-capture-2016-09-03": "section: is 4, kurdistan 1"}


def test_a_section_naming_two_enemies_defers_to_its_article() -> None:
    split = SPLIT
    docs = [chunk("battle_of_qasrayn:10", AFTERMATH, split),
            chunk("battle_of_qasrayn:4", ASSAULT, ASSAULT_TEXT)]
    events, how = infer_losers([taken()], docs, COUNTRIES)
    assert events[0].previous_controller == "is"
    assert how == {"e-iq-qasrayn-capture-2016-09-03": "article: is 6, kurdistan 3"}


def test_no_clear_enemy_infers_nothing() -> None:
    split = SPLIT
    docs = [chunk("battle_of_qasrayn:10", AFTERMATH, split)]
    event = taken()
    assert infer_losers([event], docs, COUNTRIES) == ([event], {})


def test_only_captures_naming_no_loser_are_inferred() -> None:
    docs = [chunk("battle_of_qasrayn:10", ASSAULT, ASSAULT_TEXT)]
    named = taken(previous="kurdistan")
    siege = taken(kind="siege")
    assert infer_losers([named, siege], docs, COUNTRIES) == ([named, siege], {})
    retaken, how = infer_losers([taken(kind="recapture")], docs, COUNTRIES)
    assert retaken[0].previous_controller == "is" and len(how) == 1


def test_no_side_is_the_loser_before_it_held_ground() -> None:
    docs = [chunk("battle_of_qasrayn:10", ASSAULT, ASSAULT_TEXT),
            chunk("battle_of_qasrayn:4", AFTERMATH, SPLIT)]
    first_ground = {("is", "IQ"): date(2014, 1, 1)}
    early = taken(day=date(2013, 7, 19))
    # The section's enemy held no Iraqi ground yet: nothing is inferred, not even from the
    # article (which names IS 6 times, the Peshmerga 3).
    assert infer_losers([early], docs, COUNTRIES, first_ground) == ([early], {})
    later, how = infer_losers([taken()], docs, COUNTRIES, first_ground)
    assert later[0].previous_controller == "is" and len(how) == 1


def test_a_side_that_cannot_hold_ground_in_the_country_is_passed_over() -> None:
    text = ("The Syrian Army shelled the road. The Syrian Army moved up. The Syrian Army "
            "attacked. ISIL fighters fled.")
    docs = [chunk("battle_of_qasrayn:10", ASSAULT, text)]
    events, how = infer_losers([taken()], docs, COUNTRIES)
    assert events[0].previous_controller is None and how == {}  # is 1: too few
    # in Syria the same section names the government as the enemy of an SDF capture
    sdf = taken("sy-tell-nur", "sdf")
    events, how = infer_losers([sdf], docs, COUNTRIES)
    assert events[0].previous_controller == "government"
    assert how == {sdf.event_id: "section: government 3, is 1"}


def test_a_namesake_across_the_border_from_the_article_is_left_alone() -> None:
    docs = [chunk("battle_of_qasrayn:10", ASSAULT, ASSAULT_TEXT, country="SY")]
    event = taken()  # an Iraqi place read in a Syrian article
    assert infer_losers([event], docs, COUNTRIES) == ([event], {})


def test_side_counts_by_section_and_article() -> None:
    docs = [chunk("battle_of_qasrayn:10", ASSAULT, "ISIL withdrew. Iraqi troops advanced."),
            chunk("battle_of_qasrayn:11", AFTERMATH, "ISIL shelled the town.")]
    sections, articles = side_counts(docs)
    assert sections == {ASSAULT: {"is": 1, "iraq": 1}, AFTERMATH: {"is": 1}}
    assert articles == {"Battle of Qasrayn (2016)": {"is": 2, "iraq": 1}}
