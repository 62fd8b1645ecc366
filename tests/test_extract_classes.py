"""The five error classes of issue 13, each with sentences written for these tests.

1. the taker read through its noun phrase; 2. things that are not places; 3. forms of a change
the extractor used to miss; 4. dates relative to publication and to each other; 5. claims and
denials.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from geo.extract import extract_events
from geo.gazetteer import Gazetteer
from geo.models import Document

FIXTURE = Path(__file__).resolve().parent / "data" / "extract_gazetteer.csv"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load(FIXTURE)


def _events(gazetteer: Gazetteer, text: str, published: str) -> list[tuple[str, ...]]:
    doc = Document("t", text, "t.txt", published=date.fromisoformat(published))
    return [(e.place_id or "", e.controller, e.kind, e.date.isoformat(), e.date_precision)
            for e in extract_events([doc], gazetteer).events]


CASES = [
    # 1. the taker: headline in Title Case, "supported by Ankara", "a coalition led by",
    # "units of X, which are backed by Turkish troops", "X and its allies", "our forces"
    ("taker-headline", "2016-03-27", "Army Takes Back Palmyra From Islamic State",
     [("sy-palmyra", "government", "capture", "2016-03-27", "week")]),
    ("taker-supported-by-ankara", "2017-01-10",
     "Opposition fighters supported by Ankara retook Dabiq on Sunday.",
     [("sy-dabiq", "turkish_backed", "recapture", "2017-01-08", "day")]),
    ("taker-led-by", "2015-04-02",
     "Jaysh al-Fatah, an alliance led by Ahrar al-Sham, stormed Idlib on Saturday.",
     [("sy-idlib", "rebels", "partial", "2015-03-28", "day")]),
    ("taker-battalions-of", "2018-03-19",
     "Battalions of the Free Syrian Army, which are supported by the Turkish military, "
     "captured Afrin on Sunday.",
     [("sy-afrin", "turkish_backed", "capture", "2018-03-18", "day")]),
    ("taker-and-its-allies", "2019-10-14",
     "The Turkish army and its Syrian rebel allies captured Tell Abyad on Sunday.",
     [("sy-tell-abyad", "turkish_backed", "capture", "2019-10-13", "day")]),
    ("taker-peace-spring-rebels", "2019-10-14",
     "Turkish jets pounded Kurdish positions as rebels captured Ras al-Ain on Sunday.",
     [("sy-ras-al-ain", "turkish_backed", "capture", "2019-10-13", "day")]),
    ("taker-our-forces", "2017-10-18",
     "\"Our forces have taken full control of Raqqa,\" an SDF spokesman said on Tuesday.",
     [("sy-raqqa", "sdf", "capture", "2017-10-17", "day")]),
    ("taker-name-and-noun", "2017-05-11",
     "Last week SDF forces also captured Tabqa from IS.",
     [("sy-tabqa", "sdf", "capture", "2017-05-04", "week")]),
    ("taker-bare-forces", "2017-05-11",
     "An SDF commander said the forces had completely taken Tabqa on Wednesday.",
     [("sy-tabqa", "sdf", "claim", "2017-05-10", "day")]),
    ("taker-and-allied", "2015-06-16",
     "Kurdish YPG fighters and allied rebels seized Suluk from IS on Monday.",
     [("sy-suluk", "sdf", "capture", "2015-06-15", "day")]),
    ("taker-iraqi-general", "2016-02-10",
     "An Iraqi general says his troops freed Ramadi on Sunday.",
     [("iq-ramadi", "iraq", "claim", "2016-02-07", "day")]),
    # 2. not places: rivers, provinces, organisations, governors, datelines
    ("not-river", "2017-05-11",
     "The SDF captured the Euphrates river crossing on Wednesday.", []),
    ("not-province", "2017-02-01",
     "Government forces seized the last rebel-held town in Idlib province on Tuesday.", []),
    ("not-organisation", "2016-06-02",
     "Fighters of Liwa Idlib seized a checkpoint on Monday.", []),
    ("not-governor", "2016-06-02",
     "The Governor of Homs said troops had taken positions near the city.", []),
    ("not-dateline", "2016-06-02",
     "HOMS, Syria (Reuters) - Rebels seized Khan Shaykhun on Wednesday.",
     [("sy-khan-shaykhun", "rebels", "capture", "2016-06-01", "day")]),
    ("not-landmark", "2017-06-30",
     "Iraqi troops retook the al-Nuri mosque in Mosul's Old City on Thursday.",
     [("iq-mosul", "iraq", "partial", "2017-06-29", "day")]),
    ("not-unknown-village-in", "2018-02-10",
     "Turkish-backed forces captured the village of Qastal Jindo in Afrin on Friday.", []),
    ("not-province-capital", "2017-08-14",
     "The army seized the last IS stronghold in Homs on Saturday.", []),
    # 3. forms: lists after one verb, "including", modifiers; dateline-only; "held since";
    # "final enclave in"; flags; goals are not events
    ("form-list", "2015-04-30",
     "Rebels entered Saraqib, Idlib and Khan Shaykhun on Tuesday.",
     [("sy-saraqib", "rebels", "partial", "2015-04-28", "day"),
      ("sy-idlib", "rebels", "partial", "2015-04-28", "day"),
      ("sy-khan-shaykhun", "rebels", "partial", "2015-04-28", "day")]),
    ("form-including", "2019-10-15",
     "Syrian troops entered several towns including Manbij near the Turkish border, Ain Issa "
     "in the north of Raqqa, and Tabqa on Monday.",
     [("sy-manbij", "government", "partial", "2019-10-14", "day"),
      ("sy-ain-issa", "government", "partial", "2019-10-14", "day"),
      ("sy-tabqa", "government", "partial", "2019-10-14", "day")]),
    ("form-dateline-only", "2013-10-03",
     "KHANASER, Syria - Government troops said they now hold the town after a two-day battle.",
     [("sy-khanaser", "government", "claim", "2013-10-03", "week")]),
    ("form-held-since", "2017-06-20",
     "Kurdish fighters surrounded Raqqa, which IS has held since January 2014.",
     [("sy-raqqa", "sdf", "siege", "2017-06-20", "week"),
      ("sy-raqqa", "is", "capture", "2014-01-15", "month")]),
    ("form-final-enclave", "2019-03-24",
     "The SDF drove the militants out of their final enclave in Baghuz on Saturday.",
     [("sy-baghuz", "sdf", "capture", "2019-03-23", "day")]),
    ("form-flag", "2016-08-13",
     "SDF fighters hoisted their flag over Manbij on Friday.",
     [("sy-manbij", "sdf", "capture", "2016-08-12", "day")]),
    ("form-goal", "2019-10-14", "Erdogan said taking Manbij was a priority for his troops.", []),
    ("form-changed-hands", "2016-03-01",
     "Marea changed hands twice, finally remaining under rebel control.",
     [("sy-marea", "rebels", "capture", "2016-03-01", "week")]),
    # 4. dates
    ("date-saturday-in-sunday-story", "2016-12-11",
     "IS fighters seized Palmyra on Saturday.",
     [("sy-palmyra", "is", "capture", "2016-12-10", "day")]),
    ("date-earlier-this-year", "2016-11-01",
     "Rebels lost al-Bab to IS earlier this year.",
     [("sy-al-bab", "is", "capture", "2016-06-01", "year")]),
    ("date-background-month", "2017-03-03",
     "IS had seized Palmyra in May 2015 but lost it in March 2016.",
     [("sy-palmyra", "is", "capture", "2015-05-15", "month")]),
    ("date-the-next-day", "2016-12-14",
     "Rebels captured Marea on Monday but IS recaptured it the next day.",
     [("sy-marea", "rebels", "capture", "2016-12-12", "day"),
      ("sy-marea", "is", "recapture", "2016-12-13", "day")]),
    ("date-late-last-year", "2018-02-10",
     "The SDF took Markadah late last year.",
     [("sy-markadah", "sdf", "capture", "2017-11-15", "month")]),
    # 5. claims and denials
    ("claim-says-freed", "2017-03-02",
     "The army says it has fully freed Palmyra.",
     [("sy-palmyra", "government", "claim", "2017-03-02", "week")]),
    ("claim-denied", "2016-08-07",
     "Rebels said on Saturday they had broken the siege of Aleppo. Government media denied it.",
     [("sy-aleppo", "rebels", "claim", "2016-08-06", "day")]),
    ("claim-premature", "2016-02-10",
     "The announcement that the army had captured Saraqib proved premature.",
     [("sy-saraqib", "government", "claim", "2016-02-10", "week")]),
]


@pytest.mark.parametrize(("published", "text", "expected"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_error_classes(gazetteer: Gazetteer, published: str, text: str,
                       expected: list[tuple[str, ...]]) -> None:
    assert _events(gazetteer, text, published) == expected


def test_denied_claim_has_the_lowest_confidence(gazetteer: Gazetteer) -> None:
    text = "Rebels said they had captured Saraqib on Monday, but the army denied it."
    doc = Document("t", text, "t.txt", published=date(2016, 2, 10))
    (event,) = extract_events([doc], gazetteer).events
    assert (event.kind, event.confidence) == ("claim", 0.35)
