"""Control-change events from sentences written for these tests (wire, state, opposition)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from geo.errors import EventsFileError, OutputExistsError
from geo.extract import (
    EVENT_COLUMNS,
    extract_events,
    merge_events,
    read_events,
    write_events,
)
from geo.gazetteer import Gazetteer
from geo.models import Document, Event
from geo.paths import data_path

FIXTURE = Path(__file__).resolve().parent / "data" / "extract_gazetteer.csv"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    """The small test gazetteer, with the shipped common-word list minus its own names."""
    base = Gazetteer.load(FIXTURE)
    names = {n.lower() for p in base.places.values() for n in (p.name, *p.alt_names)}
    words_file = data_path("english_words.txt")
    words = set(words_file.read_text(encoding="utf-8").split()) if words_file.is_file() else set()
    return Gazetteer.from_places(base.places.values(), common_words=words - names)


def _doc(text: str, published: date | None, doc_id: str = "t") -> Document:
    return Document(doc_id, text, f"{doc_id}.txt", published=published)


def _events(gazetteer: Gazetteer, text: str, published: date | None) -> list[tuple[str, ...]]:
    result = extract_events([_doc(text, published)], gazetteer)
    return [
        (e.place_id or "", e.controller, e.previous_controller or "", e.kind, e.date.isoformat(),
         e.date_precision)
        for e in result.events
    ]


POSITIVE = [
    # wire copy, active voice, "from X", weekday before publication
    ("2016-04-05", "Syrian government forces recaptured the town of Qaryatayn from Islamic State "
     "militants on Sunday, state media said.",
     [("sy-qaryatayn", "government", "is", "recapture", "2016-04-03", "day")]),
    # passive "fell to"
    ("2016-08-26", "The border town of Jarabulus fell to Turkish-backed rebels on Wednesday after "
     "IS fighters fled.",
     [("sy-jarabulus", "turkish_backed", "", "capture", "2016-08-24", "day")]),
    ("2015-05-22", "Palmyra fell to IS on Wednesday night, activists said.",
     [("sy-palmyra", "is", "", "capture", "2015-05-20", "day")]),
    # passive "was captured by", absolute date
    ("2017-05-12", "Tabqa was captured by the SDF on May 10, the alliance said.",
     [("sy-tabqa", "sdf", "", "capture", "2017-05-10", "day")]),
    ("2016-03-28", "Palmyra was liberated by the Syrian Arab Army on Sunday after a three-week "
     "offensive.",
     [("sy-palmyra", "government", "", "capture", "2016-03-27", "day")]),
    # state media: no date in the sentence -> publication date, week precision
    ("2017-08-06", "Units of the Syrian Arab Army restored security and stability to al-Sukhnah "
     "after eliminating the last gatherings of Daesh terrorists there.",
     [("sy-sukhnah", "government", "is", "capture", "2017-08-06", "week")]),
    # opposition media, "yesterday"
    ("2015-05-30", "Rebels seized Khan Shaykhun from regime forces yesterday, according to "
     "opposition activists.",
     [("sy-khan-shaykhun", "rebels", "government", "capture", "2015-05-29", "day")]),
    # Iraq; "last week" is the middle of the previous calendar week
    ("2017-09-04", "Iraqi forces retook Tal Afar from IS last week.",
     [("iq-tal-afar", "iraq", "is", "recapture", "2017-08-31", "week")]),
    # "Kurdish forces" in Iraq are the peshmerga; "drove X out of Y"
    ("2015-11-14", "Kurdish forces drove Islamic State militants out of Sinjar on Friday.",
     [("iq-sinjar", "kurdistan", "is", "capture", "2015-11-13", "day")]),
    # withdrawal: the withdrawing side loses, the named opponent gains
    ("2016-06-10", "Pro-government forces withdrew from Tabqa on Thursday after a week of heavy "
     "fighting with the Islamic State group.",
     [("sy-tabqa", "is", "government", "withdrawal", "2016-06-09", "day")]),
    # siege, month precision on the 15th
    ("2017-02-01", "IS militants laid siege to Deir ez-Zor in January 2015.",
     [("sy-deir-ez-zor", "is", "", "siege", "2015-01-15", "month")]),
    ("2015-11-12", "The army broke the siege of Kuweires airbase on Tuesday.",
     [("sy-kuweires", "government", "", "siege_broken", "2015-11-10", "day")]),
    ("2018-12-20", "Government troops are besieging Hajin.",
     [("sy-hajin", "government", "", "siege", "2018-12-20", "week")]),
    # partial control
    ("2017-07-20", "The SDF now controls 40 percent of Raqqa, a spokesman said.",
     [("sy-raqqa", "sdf", "", "partial", "2017-07-20", "week")]),
    ("2018-03-20", "Government troops entered Douma on Monday.",
     [("sy-douma", "government", "", "partial", "2018-03-19", "day")]),
    # claims by the gaining side
    ("2016-12-12", "The Islamic State group claimed to have captured Palmyra on Saturday.",
     [("sy-palmyra", "is", "", "claim", "2016-12-10", "day")]),
    ("2019-03-24", "The SDF declared victory in Baghuz on Saturday.",
     [("sy-baghuz", "sdf", "", "claim", "2019-03-23", "day")]),
    # historical background: one event per clause; "They" and "the city" refer back
    ("2017-02-01", "Government forces have been shelling Idlib for weeks. Rebels first took "
     "control of Idlib in March 2015. They were expelled in June 2016 but retook the city last "
     "October.",
     [("sy-idlib", "rebels", "", "capture", "2015-03-15", "month"),
      ("sy-idlib", "government", "rebels", "capture", "2016-06-15", "month"),
      ("sy-idlib", "rebels", "government", "recapture", "2016-10-15", "month")]),
    # "the militants" is the side the article is about; "on Tuesday" on a Tuesday is that day
    ("2017-03-07", "IS attacked army positions near Palmyra on Monday. The militants captured the "
     "town of al-Sukhnah on Tuesday.",
     [("sy-sukhnah", "is", "", "capture", "2017-03-07", "day")]),
    # "opposition" in northern Aleppo after August 2016 with Turkish context
    ("2016-10-18", "Opposition fighters captured Dabiq from IS on Sunday, Turkish officials said.",
     [("sy-dabiq", "turkish_backed", "is", "capture", "2016-10-16", "day")]),
    ("2017-05-12", "The US-backed Kurdish-Arab alliance captured Tabqa and its dam on Wednesday.",
     [("sy-tabqa", "sdf", "", "capture", "2017-05-10", "day")]),
    # Hezbollah fights for the government
    ("2016-10-18", "Hezbollah fighters seized al-Qaryatayn on Friday, a monitor said.",
     [("sy-qaryatayn", "government", "", "capture", "2016-10-14", "day")]),
    ("2016-03-28", "Syrian troops, backed by Russian air strikes, drove IS out of Palmyra on "
     "Sunday.",
     [("sy-palmyra", "government", "is", "capture", "2016-03-27", "day")]),
    # "After taking X, <side> ..." takes the main clause's subject
    ("2016-11-08", "After taking Suluk, SDF fighters dug trenches around the town.",
     [("sy-suluk", "sdf", "", "capture", "2016-11-08", "week")]),
    # "in August": the most recent August not after publication
    ("2017-02-20", "A US-backed alliance of Kurdish and Arab fighters seized the town of Manbij "
     "in August.",
     [("sy-manbij", "sdf", "", "capture", "2016-08-15", "month")]),
    # loss with "to"
    ("2017-09-05", "IS is under pressure on every front. The jihadist group has lost more than "
     "half of Raqqa to US-backed forces.",
     [("sy-raqqa", "sdf", "is", "partial", "2017-09-05", "week")]),
    # several places listed after one cue
    ("2016-09-05", "Turkish-backed rebels captured Azaz, Marea and the town of Dabiq on Sunday.",
     [("sy-azaz", "turkish_backed", "", "capture", "2016-09-04", "day"),
      ("sy-marea", "turkish_backed", "", "capture", "2016-09-04", "day"),
      ("sy-dabiq", "turkish_backed", "", "capture", "2016-09-04", "day")]),
    # a place in a possessive qualifies another noun; a possessive part is partial control
    ("2017-02-01", "Syrian troops captured al-Bab's southern neighbourhoods on Tuesday.",
     [("sy-al-bab", "government", "", "partial", "2017-01-31", "day")]),
    # the relative pronoun stands for the place before it
    ("2017-02-01", "Tal Afar, which IS captured in 2014, is the next target of the offensive.",
     [("iq-tal-afar", "is", "", "capture", "2014-07-01", "year")]),
    # "eastern Aleppo" is part of the city
    ("2016-12-14", "Syrian government forces and their allies have taken control of more than 90 "
     "percent of eastern Aleppo, the military said Tuesday.",
     [("sy-aleppo", "government", "", "partial", "2016-12-13", "day")]),
    ("2018-03-19", "Turkish-backed Syrian rebels swept into Afrin on Sunday, raising their flag.",
     [("sy-afrin", "turkish_backed", "", "partial", "2018-03-18", "day")]),
    ("2016-12-12", "Government forces lost Palmyra to IS over the weekend.",
     [("sy-palmyra", "is", "government", "capture", "2016-12-11", "week")]),
    # "After the capture of X, <side> <verb>": the main clause's subject took X
    ("2015-05-25", "After the seizure of Palmyra on 20 May, IS fighters executed dozens of "
     "prisoners.", [("sy-palmyra", "is", "", "capture", "2015-05-20", "day")]),
    ("2017-05-15", "Shortly after the capture of Tabqa, the SDF quickly moved on Raqqa.",
     [("sy-tabqa", "sdf", "", "capture", "2017-05-15", "week")]),
    # "May" the month is no modal
    ("2017-06-01", "In May the SDF captured Tabqa.",
     [("sy-tabqa", "sdf", "", "capture", "2017-05-15", "month")]),
    # "X was declared free of IS": a claim; the side fighting IS in the context gains
    ("2015-11-20", "Kurdish fighters battled IS around the town for weeks. Sinjar was declared "
     "free of ISIL on 13 November.",
     [("iq-sinjar", "kurdistan", "is", "claim", "2015-11-13", "day")]),
    ("2016-06-28", "Fallujah was officially declared fully liberated by the Iraqi army on "
     "Sunday.", [("iq-fallujah", "iraq", "", "claim", "2016-06-26", "day")]),
    # "X which was seized by Y" without a comma before "which"
    ("2015-11-20", "The Peshmerga entered Sinjar which was seized by IS in August 2014.",
     [("iq-sinjar", "kurdistan", "is", "partial", "2015-11-20", "week"),
      ("iq-sinjar", "is", "", "capture", "2014-08-15", "month")]),
    # the date between the place and the side it went to
    ("2015-11-20", "ISIL fighters lost Sinjar on 13 November to Kurdish forces.",
     [("iq-sinjar", "kurdistan", "is", "capture", "2015-11-13", "day")]),
    ("2016-12-20", "The army lost Palmyra, on Sunday, to IS.",
     [("sy-palmyra", "is", "government", "capture", "2016-12-18", "day")]),
]


@pytest.mark.parametrize(("published", "text", "expected"), POSITIVE,
                         ids=[f"pos{i}" for i in range(len(POSITIVE))])
def test_control_changes(gazetteer: Gazetteer, published: str, text: str,
                         expected: list[tuple[str, ...]]) -> None:
    assert _events(gazetteer, text, date.fromisoformat(published)) == expected


NEGATIVE = [
    "The army is trying to capture al-Bab.",
    "Rebels have not taken Azaz.",
    "If IS captures Marea, the road to Azaz would be cut.",
    "Turkish troops will head to Manbij next, to oust the Kurdish fighters.",
    "Government troops reached the outskirts of Palmyra on Monday.",
    "Russian jets bombed IS positions in Raqqa overnight.",
    "An operation to take Tal Rifaat has not started yet, the minister said.",
    "The SDF is close to capturing Tabqa.",
    "A rebel commander was assassinated in Daraa on Sunday.",
    "Peace talks on the future of Idlib resumed in Geneva on Monday.",
    "Losing Manbij would leave the SDF with only a narrow strip east of the river.",
    "Will the army capture Hajin before the end of the year?",
    "The offensive to capture Raqqa began in November.",
    "Iraqi forces seized a key village near Mosul on Sunday.",
    "Besieged by IS since early 2015, the government-held enclave of Deir ez-Zor is short of food.",
    "The army aims to encircle al-Bab within weeks.",
    "Government artillery shelled the besieged town of Douma.",
    "Rebels shelled al-Bab and IS fighters fled the area, a monitor said, but the town was not "
    "taken.",
    "Rebels took Idlib's governor hostage on Sunday.",
    "The Syrian army regained control over the Aleppo-Damascus highway.",
    "Government forces took part in the offensive near Hama, state media said.",
    "Free Syrian Army fighters said it was not clear who controls Azaz.",
    "IS paraded captured soldiers in Raqqa on Sunday.",
    "Shells hit the surrounding area of Raqqa.",
    "The army captured 30 tanks in Palmyra.",
    "Engineers cleared Palmyra of mines on Monday.",
    "After the capture of Palmyra, the army launched a counter-offensive to win it back.",
    "Rebels may seize Azaz in May.",
    "Fallujah was declared a disaster area on Sunday.",
    "Civilians fled to the hills which were captured by IS.",
]


@pytest.mark.parametrize("text", NEGATIVE, ids=[f"neg{i}" for i in range(len(NEGATIVE))])
def test_not_control_changes(gazetteer: Gazetteer, text: str) -> None:
    assert _events(gazetteer, text, date(2017, 2, 1)) == []


def test_undated_document_keeps_only_dates_with_a_year(gazetteer: Gazetteer) -> None:
    text = "Rebels seized Azaz on 12 March 2016. Rebels seized Marea on Friday."
    result = extract_events([_doc(text, None, "undated")], gazetteer)
    assert [(e.place_id, e.date.isoformat()) for e in result.events] == [
        ("sy-azaz", "2016-03-12")]
    assert [str(p) for p in result.problems] == [
        "undated: date: no publication date: only changes dated with a year are kept",
        "undated: date: no date for the change at 'Marea' (the document has no publication "
        "date): Rebels seized Marea on Friday.",
    ]


def test_document_problems(gazetteer: Gazetteer) -> None:
    docs = [_doc("   ", date(2017, 1, 1), "empty"),
            _doc("Nothing happened anywhere today.", date(2017, 1, 1), "noplace")]
    result = extract_events(docs, gazetteer)
    assert result.events == []
    assert [str(p) for p in result.problems] == [
        "empty: no recognisable sentence",
        "noplace: place: no place of the gazetteer is named",
    ]


def test_event_fields_and_stable_id(gazetteer: Gazetteer) -> None:
    text = "Iraqi forces retook Tal Afar from IS on Thursday."
    first = extract_events([_doc(text, date(2017, 8, 26), "a")], gazetteer).events
    again = extract_events([_doc(text, date(2017, 8, 26), "a")], gazetteer).events
    assert first == again
    (event,) = first
    assert len(event.event_id) == 12
    assert event.place == "Tal Afar"
    assert (event.lat, event.lon) == (36.379, 42.449)
    assert event.doc_ids == ("a",)
    assert event.sentence == text
    assert 0 < event.confidence <= 1


def test_event_id_is_sha1_of_content(gazetteer: Gazetteer) -> None:
    import hashlib

    text = "Iraqi forces retook Tal Afar from IS on Thursday."
    (event,) = extract_events([_doc(text, date(2017, 8, 26), "a")], gazetteer).events
    key = "a\x1f0\x1fiq-tal-afar\x1firaq"
    assert event.event_id == hashlib.sha1(key.encode()).hexdigest()[:12]


def test_observations(gazetteer: Gazetteer) -> None:
    text = ("Fighters in the opposition-held town of Saraqib said they expected more air strikes. "
            "Abu Kamal, which is under the control of IS, was bombed. "
            "Shells hit the government-held part of Deir ez-Zor.")
    result = extract_events([_doc(text, date(2017, 2, 1), "obs")], gazetteer)
    assert result.events == []
    assert [(o.place_id, o.controller, o.contested_with, o.date.isoformat())
            for o in result.observations] == [
        ("sy-saraqib", "rebels", (), "2017-02-01"),
        ("sy-abu-kamal", "is", (), "2017-02-01"),
        ("sy-deir-ez-zor", "contested", ("government",), "2017-02-01"),
    ]


def test_observations_of_a_list_of_places_in_a_state_sentence(gazetteer: Gazetteer) -> None:
    text = ("Islamic State fighters pushed east of Mosul at dawn. "
            "A priest told reporters that Bashiqa, Hammam al-Alil and al-Nuri have been deserted "
            "by their people and are now under the control of the militants. "
            "Fallujah is still held by the Iraqi army, and Ramadi is under the control of IS. "
            "Heavy fighting near Sinjar and Tal Afar is under the control of IS.")
    result = extract_events([_doc(text, date(2014, 8, 9), "obs")], gazetteer)
    assert result.events == []
    assert [(o.place_id, o.controller, o.date.isoformat()) for o in result.observations] == [
        ("iq-bashiqa", "is", "2014-08-09"),
        ("iq-hammam-al-alil", "is", "2014-08-09"),
        ("iq-nuri", "is", "2014-08-09"),
        ("iq-fallujah", "iraq", "2014-08-09"),
        ("iq-ramadi", "is", "2014-08-09"),
    ]


def test_repeat_in_same_document_takes_the_written_date(gazetteer: Gazetteer) -> None:
    text = ("Syrian troops recaptured Palmyra from IS on Sunday. "
            "The recapture of Palmyra by the army was celebrated in Damascus.")
    result = extract_events([_doc(text, date(2016, 3, 29))], gazetteer)
    assert {(e.date.isoformat(), e.date_precision) for e in result.events} == {
        ("2016-03-27", "day")}


def test_coarse_date_refined_by_another_report(gazetteer: Gazetteer) -> None:
    docs = [
        _doc("The SDF captured Manbij last year after weeks of fighting.", date(2017, 3, 3), "a"),
        _doc("The SDF seized Manbij on 12 August, its commanders said.", date(2016, 8, 14), "b"),
    ]
    result = extract_events(docs, gazetteer)
    assert [(e.doc_id, e.date.isoformat(), e.date_precision) for e in result.events] == [
        ("a", "2016-08-12", "day"), ("b", "2016-08-12", "day")]


# ------------------------------------------------------------------------------- merging


def _event(event_id: str, day: str, controller: str, doc: str, precision: str = "day",
           place_id: str = "sy-palmyra", lat: float = 34.56, lon: float = 38.28) -> Event:
    return Event(event_id, date.fromisoformat(day), precision, "Palmyra",  # type: ignore[arg-type]
                 place_id, lat, lon, controller, None, "capture", 0.8, (doc,), f"s {doc}")


def test_merge_reports_of_one_change() -> None:
    merged = merge_events([
        _event("a1", "2016-03-27", "government", "d1"),
        _event("b1", "2016-03-29", "government", "d2", "week"),
        _event("c1", "2016-03-20", "government", "d3", "month", "sy-other", 34.60, 38.30),
    ])
    assert len(merged) == 1
    assert merged[0].event_id == "a1"
    assert merged[0].doc_ids == ("d1", "d2", "d3")
    assert merged[0].doc_id == "d1;d2;d3"
    assert merged[0].confidence == 0.9


def test_merge_keeps_separate_changes_and_flags_conflicts() -> None:
    merged = merge_events([
        _event("a1", "2016-03-27", "government", "d1"),
        _event("b1", "2016-03-27", "is", "d2"),
        _event("c1", "2016-12-11", "is", "d3"),
    ])
    assert [(e.event_id, e.controller, e.conflict) for e in merged] == [
        ("a1", "government", ("b1",)),
        ("b1", "is", ("a1",)),
        ("c1", "is", ()),
    ]


# ------------------------------------------------------------------------------- files


def test_write_and_read_csv(tmp_path: Path) -> None:
    events = [_event("a1", "2016-03-27", "government", "d1")]
    path = tmp_path / "events.csv"
    write_events(events, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ("event_id,date,date_precision,place,place_id,lat,lon,controller,"
                        "previous_controller,kind,confidence,doc_id,sentence,contradicted_by")
    assert lines[1] == ("a1,2016-03-27,day,Palmyra,sy-palmyra,34.56,38.28,government,,capture,"
                        "0.80,d1,s d1,")
    back = read_events(path)
    assert back == [events[0]]


def test_write_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text("mine\n", encoding="utf-8")
    with pytest.raises(OutputExistsError, match="exists; use --force"):
        write_events([], path)
    assert path.read_text(encoding="utf-8") == "mine\n"
    write_events([], path, force=True)
    assert path.read_text(encoding="utf-8") == ",".join(EVENT_COLUMNS) + "\n"


def test_write_json_round_trip(tmp_path: Path) -> None:
    events = [replace_conflict(_event("a1", "2016-03-27", "government", "d1"), ("b1",))]
    path = tmp_path / "events.json"
    write_events(events, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert list(data[0]) == [*EVENT_COLUMNS, "conflict"]
    assert data[0]["lat"] == 34.56 and data[0]["conflict"] == ["b1"]
    assert read_events(path) == events


def replace_conflict(event: Event, conflict: tuple[str, ...]) -> Event:
    from dataclasses import replace

    return replace(event, conflict=conflict)


def test_write_stdout_returns_csv() -> None:
    text = write_events([], "-")
    assert text == ",".join(EVENT_COLUMNS) + "\n"


def test_read_missing_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("event_id,date,date_precision,place\nx,2017-01-01,day,P\n", encoding="utf-8")
    with pytest.raises(EventsFileError) as info:
        read_events(path)
    assert str(info.value) == f"{path}: missing column 'place_id'"


def test_read_bad_value_names_line_and_field(tmp_path: Path) -> None:
    good = write_events([_event("a1", "2016-03-27", "government", "d1")], "-")
    bad = good + good.splitlines()[1].replace("2016-03-27", "2016-13-45") + "\n"
    path = tmp_path / "bad.csv"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(EventsFileError) as info:
        read_events(path)
    assert str(info.value) == f"{path}:3: date: not a date (YYYY-MM-DD): '2016-13-45'"


@pytest.mark.parametrize(("column", "value", "message"), [
    ("controller", "martians", "controller: unknown faction 'martians'"),
    ("kind", "raid", "kind: unknown kind 'raid' (expected one of capture, recapture, withdrawal, "
                     "siege, siege_broken, partial, claim)"),
    ("confidence", "1.5", "confidence: out of range [0, 1]: 1.5"),
    ("lat", "north", "lat: not a number: 'north'"),
    ("date_precision", "decade",
     "date_precision: unknown precision 'decade' (expected day, week, month or year)"),
])
def test_read_bad_values(tmp_path: Path, column: str, value: str, message: str) -> None:
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(
        write_events([_event("a1", "2016-03-27", "government", "d1")], "-"))))
    rows[0][column] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EVENT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "bad.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    with pytest.raises(EventsFileError) as info:
        read_events(path)
    assert str(info.value) == f"{path}:2: {message}"
