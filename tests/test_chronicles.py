"""Chronicles: front matter, periods, sections and the anchoring of year-less dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from geo.articles import load_documents
from geo.chronicles import (
    Period,
    chronicle_documents,
    flag_side,
    is_chronicle,
    parse_chronicle,
    parse_control_table,
    parse_period,
)
from geo.extract import extract_events
from geo.gazetteer import Gazetteer
from geo.history import refine_chronicle_dates

FRONT = """---
subject: Siege of Examplefort
description: An invented battle.
date:
  - {period}
place:
  - Somewhere
---

"""


def chronicle(body: str, period: str = "3 November 2015 – 20 February 2016") -> str:
    return FRONT.format(period=period) + body


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("6 November 2016 – 23 February 2017", date(2016, 11, 6), date(2017, 2, 23)),
        ("22 March – 10 May 2017", date(2017, 3, 22), date(2017, 5, 10)),
        ("21–29 February 2016", date(2016, 2, 21), date(2016, 2, 29)),
        ("28 December – 5 January 2017", date(2016, 12, 28), date(2017, 1, 5)),
        ("2012–2016", date(2012, 1, 1), date(2016, 12, 31)),
        ("May 2015", date(2015, 5, 1), date(2015, 5, 31)),
        ("February 9, 2019 – March 23, 2019", date(2019, 2, 9), date(2019, 3, 23)),
        ("22 June 2012–present", date(2012, 6, 22), date(2023, 6, 16)),
    ],
)
def test_parse_period(text: str, start: date, end: date) -> None:
    period = parse_period(text)
    assert period is not None
    assert (period.start, period.end) == (start, end)


def test_parse_period_without_a_year_is_none() -> None:
    assert parse_period("ongoing") is None


def test_front_matter_title_period_and_sections() -> None:
    text = chronicle("Lead sentence.\n\n## Background\nOld text.\n\n## See also\n* Other war\n")
    assert is_chronicle(text)
    parsed = parse_chronicle(text, "siege.md")
    assert parsed.title == "Siege of Examplefort"
    assert parsed.period == Period(date(2015, 11, 3), date(2016, 2, 20),
                                   "3 November 2015 – 20 February 2016")
    assert [s.heading for s in parsed.sections] == ["", "Background"]
    assert parsed.url == "https://en.wikipedia.org/wiki/Siege_of_Examplefort"


def test_plain_markdown_is_not_a_chronicle() -> None:
    assert not is_chronicle("# A report\n\nThe army entered the town.\n")


def test_front_matter_without_subject_is_a_problem(tmp_path: Path) -> None:
    docs, problems = chronicle_documents("---\ndate: 2015\n---\nText.\n", tmp_path / "x.md",
                                         "x.md")
    assert docs == []
    assert [str(p) for p in problems] == [
        "x.md:1: front matter: the front matter names no subject (title)"
    ]


def _dates(body: str, period: str = "3 November 2015 – 20 February 2016") -> list[tuple[str, date]]:
    docs, _ = chronicle_documents(chronicle(body, period), Path("siege.md"))
    return [(d.text.split(".")[0], d.published) for d in docs if d.published is not None]


def test_year_less_dates_take_the_year_nearest_the_sentence_before() -> None:
    body = ("## The siege\n"
            "On 28 December, the rebels shelled the walls. "
            "On 3 January, the garrison sent out a patrol. "
            "Between 22 and 23 January, the rebels stormed the gate.\n")
    assert _dates(body) == [
        ("On 28 December, the rebels shelled the walls", date(2015, 12, 28)),
        ("On 3 January, the garrison sent out a patrol", date(2016, 1, 3)),
        ("Between 22 and 23 January, the rebels stormed the gate", date(2016, 1, 23)),
    ]


def test_a_year_in_an_aside_does_not_move_the_anchor() -> None:
    body = ("## 2016\n"
            "In March 2016, the envoy opened talks. "
            "However, by the end of 2018, no prisoner had been freed. "
            "On 14 April, the rebels took the mill. "
            "In 2017, the talks resumed. "
            "On 2 May, the army entered the market.\n")
    assert _dates(body, period="2012–2019") == [
        ("In March 2016, the envoy opened talks", date(2016, 3, 31)),
        ("However, by the end of 2018, no prisoner had been freed", date(2018, 12, 31)),
        ("On 14 April, the rebels took the mill", date(2016, 4, 14)),
        ("In 2017, the talks resumed", date(2017, 12, 31)),
        ("On 2 May, the army entered the market", date(2017, 5, 2)),
    ]


def test_next_day_and_days_later_count_from_the_anchor() -> None:
    body = ("## Assault\n"
            "On 9 February 2016, the assault began. "
            "The next day, the defenders fell back. "
            "Two days later, the citadel surrendered.\n")
    assert [d for _t, d in _dates(body)] == [date(2016, 2, 9), date(2016, 2, 10),
                                             date(2016, 2, 12)]


def test_sentences_without_a_date_share_the_anchor_before() -> None:
    docs, _ = chronicle_documents(chronicle(
        "## Assault\nOn 9 February 2016, the assault began. The defenders fell back.\n"),
        Path("siege.md"))
    (doc,) = [d for d in docs if "assault began" in d.text]
    assert doc.text == "On 9 February 2016, the assault began.\n\nThe defenders fell back."
    assert (doc.id, doc.line, doc.title) == ("siege:11", 11, "Siege of Examplefort, Assault")
    assert doc.date_note == "chronicle: day from dated in the sentence"


def test_the_heading_anchors_the_year() -> None:
    body = "## Second phase (March–May 2014)\nOn 14 April, the army entered the market.\n"
    assert _dates(body, period="2012–2016") == [
        ("On 14 April, the army entered the market", date(2014, 4, 14)),
    ]


def test_a_date_that_cannot_be_anchored_is_reported_not_guessed() -> None:
    body = "## Fighting\nOn 14 April, the army entered the market.\n"
    docs, problems = chronicle_documents(chronicle(body, period="2012–2016"), Path("siege.md"),
                                         "siege.md")
    assert [d for d in docs if "market" in d.text] == []
    assert [str(p) for p in problems] == [
        "siege.md:11: date: Siege of Examplefort, Fighting: no date can be anchored (no year in "
        "the sentence, its section or the period); 1 sentence(s) left out: On 14 April, the army "
        "entered the market."
    ]


def test_chronicles_are_read_as_documents_by_load_documents(tmp_path: Path) -> None:
    (tmp_path / "siege.md").write_text(chronicle(
        "## Assault\nOn 9 February 2016, the assault began.\n"), encoding="utf-8")
    documents, problems = load_documents([tmp_path])
    assert [(d.id, d.published) for d in documents] == [("siege:11", date(2016, 2, 9))]
    assert problems == []


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _events(gazetteer: Gazetteer, body: str, period: str) -> list[tuple[str, str, str, date]]:
    docs, _ = chronicle_documents(chronicle(body, period), Path("c.md"))
    result = extract_events(docs, gazetteer)
    events = refine_chronicle_dates(result.events, docs)
    return sorted((e.place_id or "", e.controller, e.kind, e.date) for e in events)


def test_year_anchored_events_from_a_chronicle(gazetteer: Gazetteer) -> None:
    body = ("## Northern front\n"
            "On 30 December, the Syrian Army shelled positions outside Palmyra. "
            "On 2 January, Islamic State fighters captured Palmyra.\n")
    assert ("sy-palmyra", "is", "capture", date(2017, 1, 2)) in _events(
        gazetteer, body, "20 December 2016 – 10 January 2017")


def test_an_undated_sentence_takes_its_anchor(gazetteer: Gazetteer) -> None:
    body = ("## March\nIn March 2016, fighting went on around the oasis. "
            "Government forces captured Palmyra.\n")
    got = _events(gazetteer, body, "2016")
    assert ("sy-palmyra", "government", "capture", date(2016, 3, 15)) in got


TABLE = """---
subject: Control of towns
date: []
---

## Aleppo Governorate

|      Name      |   Population   |    District    |     Held by    |                |
|       ---      |       ---      |       ---      |       ---      |       ---      |
| Afrin | 36,562 | Afrin District | y Syria-flag 1932-58 1961-63.svgFlag of Turkey.svg | Notes. |
|     Atarib     |     10,657     | Atarib District | y Flag of Hayat Tahrir al-Sham.svg | Notes. |
| Ayn al-Arab (Kobanî) | 45,000 | District | y Flag of Rojava.svgFlag of Syria.svg | Notes. |
| Outside listed towns in Aleppo G. |  | — | u Flag of Syria.svg~52%Flag of Rojava.svg~48% | x |

## Raqqa Governorate

|      Name      |   Population   |    District    |     Held by    |                |
|       ---      |       ---      |       ---      |       ---      |       ---      |
|     Raqqa     |     1     | District | y Flag of the United Arab Republic.svg | Notes. |
"""


def test_parse_the_2023_table_of_towns() -> None:
    rows = parse_control_table(TABLE)
    assert [(r.governorate, r.name, r.side, r.line) for r in rows] == [
        ("Aleppo", "Afrin", "turkish_backed", 10),
        ("Aleppo", "Atarib", "hts", 11),
        ("Aleppo", "Ayn al-Arab (Kobanî)", "sdf", 12),
        ("Raqqa", "Raqqa", "government", 19),
    ]


@pytest.mark.parametrize(
    ("cell", "side"),
    [
        ("Syria-flag 1932-58 1961-63.svg", "rebels"),
        ("Flag of Syrian Democratic Forces.svg", "sdf"),
        ("Flag of Syria.svg", "government"),
        ("Flag of Syria.svg 55%Flag of Hayat Tahrir al-Sham.svg 45%", None),
        ("", None),
    ],
)
def test_flag_side(cell: str, side: str | None) -> None:
    assert flag_side(cell) == side


def test_a_list_of_places_in_a_chronicle_gives_one_event_each(gazetteer: Gazetteer) -> None:
    body = "## Spring\nOn 5 March, Turkish-backed rebels captured Akhtarin, Dabiq and Sawran.\n"
    assert _events(gazetteer, body, "1 March – 30 April 2016") == [
        ("sy-akhtarin", "turkish_backed", "capture", date(2016, 3, 5)),
        ("sy-dabiq", "turkish_backed", "capture", date(2016, 3, 5)),
        ("sy-sawran", "turkish_backed", "capture", date(2016, 3, 5)),
    ]


def test_changed_hands_gives_the_side_it_ended_with(gazetteer: Gazetteer) -> None:
    body = ("## Spring\nOn 9 March, the town of Arima changed hands twice, ultimately remaining "
            "under SDF control.\n")
    assert _events(gazetteer, body, "1 March – 30 April 2016") == [
        ("sy-arima", "sdf", "capture", date(2016, 3, 9)),
    ]


def test_a_count_of_unnamed_villages_is_no_event(gazetteer: Gazetteer) -> None:
    body = "## Spring\nOn 9 March, the army captured 36 villages north of Palmyra.\n"
    assert _events(gazetteer, body, "1 March – 30 April 2016") == []


def test_the_slider_covers_the_history_by_month_and_the_users_dates() -> None:
    from geo.slider import history_steps

    history = [date(2015, 1, 10), date(2015, 4, 2)]
    user = [date(2015, 2, 20)]
    assert history_steps(history, user) == [
        date(2015, 1, 10), date(2015, 2, 10), date(2015, 2, 20), date(2015, 3, 10),
        date(2015, 4, 2)]
    days = history_steps(history, user, step="day")
    assert (days[0], days[-1], len(days)) == (date(2015, 1, 10), date(2015, 4, 2), 83)
    assert history_steps([], user) == user


def test_every_chunk_carries_the_country_of_its_article(gazetteer: Gazetteer) -> None:
    body = ("The battle was fought by the Syrian opposition north of Aleppo. Syrian Turkmen "
            "brigades joined it, and Syria's army stayed away.\n\n"
            "# Battle\n\nOn 4 December 2015, the rebels seized al-Rai.\n\n"
            "On 9 December 2015, IS fighters retook al-Rai.\n")
    docs, problems = chronicle_documents(chronicle(body), "rai.md")
    assert problems == []
    assert [d.country for d in docs] == ["SY", "SY", "SY"]
    events = extract_events(docs, gazetteer).events
    assert sorted((e.date.isoformat(), e.place_id, e.controller) for e in events) == [
        ("2015-12-04", "sy-al-rai", "rebels"), ("2015-12-09", "sy-al-rai", "is")]


def test_an_article_naming_both_countries_alike_gives_no_country() -> None:
    body = "Syria and Iraq shared the border, and the Iraqi and Syrian armies met there.\n"
    docs, _ = chronicle_documents(chronicle(body), "both.md")
    assert [d.country for d in docs] == [""]
