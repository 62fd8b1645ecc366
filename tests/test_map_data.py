"""The data of a per-date page: the shared place table and one date's states of its places."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from geo.map_data import (
    EMBED_KINDS,
    GeometryFiles,
    place_states,
    place_table,
    place_table_script,
)
from geo.models import Place, PlaceState

DAY = date(2016, 5, 1)
PLACES = {
    "b": Place("b", "Tall Nour", (), 36.123456, 37.654321, "village"),
    "a": Place("a", "Madinat Sahil", (), 35.5, 38.25, "city"),
    "c": Place("c", "Qaryat Jadida", (), 35.75, 38.5, "town"),
}


def test_the_table_is_by_id_with_the_labels_most_important_first() -> None:
    table = place_table(PLACES)
    assert table["rows"] == [
        [35.5, 38.25, "Madinat Sahil", "city"],
        [36.1235, 37.6543, "Tall Nour", "village"],
        [35.75, 38.5, "Qaryat Jadida", "town"],
    ]
    assert table["labels"] == [[0, 0], [2, 1], [1, 2]]
    assert place_table(PLACES, EMBED_KINDS)["rows"] == [
        [35.5, 38.25, "Madinat Sahil", "city"], [35.75, 38.5, "Qaryat Jadida", "town"]]


def test_the_script_sets_one_global_safely() -> None:
    hostile = {"x": Place("x", "</script><b>", (), 35.0, 38.0, "town")}
    script = place_table_script(hostile)
    assert script == ('window.GEO_PLACES = {"rows":[[35.0,38.0,"\\u003c/script\\u003e'
                      '\\u003cb\\u003e","town"]],"labels":[[0,1]]};\n')
    assert json.loads(script.removeprefix("window.GEO_PLACES = ").removesuffix(";\n"))[
        "rows"][0][2] == "</script><b>"


def test_each_distinct_state_once_and_a_place_without_one_unknown() -> None:
    snapshot = PlaceState(DAY, "a", "government", since=date(2017, 7, 18), evidence="snapshot",
                          source="snapshot-2017", backwards=True, uncertain=True)
    states = {
        "a": snapshot,
        "b": PlaceState(DAY, "b", "government", since=date(2017, 7, 18), evidence="snapshot",
                        source="snapshot-2017", backwards=True, uncertain=True),
    }
    rows, of_place = place_states(PLACES, states)
    assert rows == [
        ["government", "2017-07-18", "snapshot", "snapshot-2017", "", 1],
        ["unknown", "", "none", "", "", 0],
    ]
    assert of_place == [0, 0, 1]  # a, b share one state; c has none
    assert place_states(PLACES, states, EMBED_KINDS) == (
        [["government", "2017-07-18", "snapshot", "snapshot-2017", "", 1],
         ["unknown", "", "none", "", "", 0]], [0, 1])


def test_each_distinct_area_is_written_once_named_by_its_content(tmp_path: Path) -> None:
    files = GeometryFiles(tmp_path)
    square = {"type": "Polygon", "coordinates": [[[38.0, 35.0], [38.5, 35.0], [38.5, 35.5],
                                                  [38.0, 35.0]]]}
    first = files.ref(square)
    assert files.ref(dict(square)) == first and len(first) == 20
    other = files.ref({"type": "Point", "coordinates": [38.0, 35.0]})
    assert other != first
    assert files.written == [f"areas/{first}.js", f"areas/{other}.js"]
    script = (tmp_path / "areas" / f"{first}.js").read_text(encoding="utf-8")
    assert script == (f'(window.GEO_AREAS = window.GEO_AREAS || {{}})["{first}"] = '
                      '{"type":"Polygon","coordinates":[[[38.0,35.0],[38.5,35.0],[38.5,35.5],'
                      '[38.0,35.0]]]};\n')
    assert GeometryFiles(tmp_path / "again").ref(square) == first  # the same in every build
