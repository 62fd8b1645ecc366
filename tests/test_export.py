"""GIS export: layers, columns, dates and formats, read back with pyogrio; frames; geo.areas."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyogrio
import pytest
from test_render_fixtures import D0, D1, D2, PLACES, SCRIPT_PAYLOAD, make_corpus
from typer.testing import CliRunner

import geo
from geo.cli.main import app
from geo.errors import InputError, OutputExistsError
from geo.export import (
    AREA_FIELDS,
    PLACE_FIELDS,
    areas,
    export_bytes,
    format_of,
    places,
    write_export,
)
from geo.frame import Frame, make_frame, make_frames
from geo.territory import TerritoryModel


@pytest.fixture(scope="module")
def model() -> TerritoryModel:
    return TerritoryModel.build(list(PLACES))


@pytest.fixture(scope="module")
def frames(model: TerritoryModel) -> list[Frame]:
    return make_frames(make_corpus(), [D0, D2], model=model)


def test_a_frame_holds_states_areas_and_changes(model: TerritoryModel) -> None:
    frame = make_frame(make_corpus(), D2, model=model)
    assert frame.day == D2
    assert frame.place_side("p4") == "sdf"
    assert frame.place_side("p6") == "contested"
    assert frame.place_side("nowhere") == "unknown"
    assert [e.event_id for e in frame.changes] == ["ev1", "ev2"]
    assert frame.window_start.isoformat() == "2016-02-20"
    assert list(frame.areas.controller) == [
        "government", "rebels", "sdf", "is", "contested", "unknown",
    ]
    assert frame.sides == ["government", "rebels", "sdf", "is", "contested", "unknown"]
    assert len(frame.cell_controllers) == len(model)
    assert frame.document("doc-a") is not None
    assert frame.document("doc-missing") is None


def test_geopackage_has_both_layers_with_their_columns_and_dates(
    frames: list[Frame], tmp_path: Path
) -> None:
    path = tmp_path / "control.gpkg"
    assert write_export(frames, path) == [path]
    layers = {name: kind for name, kind in pyogrio.list_layers(path)}
    assert layers == {"areas": "MultiPolygon", "places": "Point"}
    area_info = pyogrio.read_info(path, layer="areas")
    assert list(area_info["fields"]) == list(AREA_FIELDS)
    assert area_info["crs"] == "EPSG:4326"
    area_rows = pyogrio.read_dataframe(path, layer="areas")
    assert sorted(set(area_rows["date"])) == ["2016-03-01", "2016-03-20"]
    on_d2 = area_rows[area_rows["date"] == "2016-03-20"]
    assert list(on_d2["side"]) == ["government", "rebels", "sdf", "is", "contested", "unknown"]
    assert on_d2["share"].sum() == pytest.approx(1.0, abs=1e-5)
    place_info = pyogrio.read_info(path, layer="places")
    assert list(place_info["fields"]) == list(PLACE_FIELDS)
    place_rows = pyogrio.read_dataframe(path, layer="places")
    assert len(place_rows) == 2 * len(PLACES)
    jisr = place_rows[(place_rows["place_id"] == "p4")].set_index("date")
    assert jisr.loc["2016-03-01", "side"] == "is"
    assert jisr.loc["2016-03-20", "side"] == "sdf"
    assert jisr.loc["2016-03-20", "evidence_date"] == "2016-03-10"
    assert jisr.loc["2016-03-20", "source"] == "doc-a"
    assert jisr.loc["2016-03-20", "place"] == "Jisr Nahr"
    assert jisr.geometry.iloc[0].x == pytest.approx(38.35)


def test_same_frames_give_the_same_bytes(frames: list[Frame], tmp_path: Path) -> None:
    one, two = tmp_path / "a.gpkg", tmp_path / "b.gpkg"
    write_export(frames, one)
    write_export(frames, two)
    assert one.read_bytes() == two.read_bytes()


def test_geojson_holds_one_layer(frames: list[Frame], tmp_path: Path) -> None:
    path = tmp_path / "areas.geojson"
    write_export(frames, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [f["properties"]["side"] for f in data["features"]][:3] == [
        "government", "rebels", "sdf",
    ]
    assert list(data["features"][0]["properties"]) == list(AREA_FIELDS)
    places_path = tmp_path / "places.geojson"
    write_export(frames, places_path, layer="places")
    names = {f["properties"]["place"] for f in json.loads(places_path.read_text())["features"]}
    assert names == {p.name for p in PLACES}


def test_shapefile_writes_its_sidecars_with_short_names(
    frames: list[Frame], tmp_path: Path
) -> None:
    path = tmp_path / "places.shp"
    written = write_export(frames, path, layer="places")
    assert sorted(p.name for p in written) == [
        "places.cpg", "places.dbf", "places.prj", "places.shp", "places.shx",
    ]
    info = pyogrio.read_info(path)
    assert "evid_date" in list(info["fields"])
    with pytest.raises(OutputExistsError) as error:
        write_export(frames, path, layer="places")
    assert str(error.value) == f"{tmp_path / 'places.cpg'}: exists; use --force to overwrite it"


def test_csv_holds_the_places_with_coordinates(frames: list[Frame], tmp_path: Path) -> None:
    path = tmp_path / "places.csv"
    write_export(frames, path)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert list(rows[0]) == [*PLACE_FIELDS, "lat", "lon"]
    first = rows[0]
    assert (first["date"], first["place_id"], first["side"], first["lat"], first["lon"]) == (
        "2016-03-01", "p1", "government", "36.20000", "37.60000",
    )
    with pytest.raises(InputError) as error:
        write_export(frames, tmp_path / "areas.csv", layer="areas")
    assert str(error.value) == "--layer areas: a .csv file holds the places only"


def test_existing_file_is_kept_without_force(frames: list[Frame], tmp_path: Path) -> None:
    path = tmp_path / "x.gpkg"
    path.write_text("mine", encoding="utf-8")
    with pytest.raises(OutputExistsError):
        write_export(frames, path)
    assert path.read_text(encoding="utf-8") == "mine"
    write_export(frames, path, force=True)
    assert pyogrio.list_layers(path)[0][0] == "areas"


@pytest.mark.parametrize(
    ("path", "fmt", "message"),
    [
        ("x.kml", None, "x.kml: unknown export format 'kml'; expected one of .gpkg, .geojson, "
         ".shp, .csv"),
        ("x", None, "x: unknown export format no suffix; expected one of .gpkg, .geojson, "
         ".shp, .csv"),
        ("x.gpkg", "xlsx", "unknown export format 'xlsx'; expected one of .gpkg, .geojson, "
         ".shp, .csv"),
    ],
)
def test_unknown_format_is_named(path: str, fmt: str | None, message: str) -> None:
    with pytest.raises(InputError) as error:
        format_of(Path(path), fmt)
    assert str(error.value) == message


def test_bad_layer_is_named(frames: list[Frame]) -> None:
    with pytest.raises(InputError) as error:
        export_bytes(frames, "geojson", layer="roads")
    assert str(error.value) == "--layer: expected areas or places, got 'roads'"


def test_areas_api_takes_strings_and_dates(model: TerritoryModel) -> None:
    frame = areas(make_corpus(), ["2016-03-01", D1], model=model)
    assert list(frame.columns) == [*AREA_FIELDS, "geometry"]
    assert list(dict.fromkeys(frame.date)) == ["2016-03-01", "2016-03-10"]
    assert frame.crs.to_epsg() == 4326
    one = places(make_corpus(), "2016-03-10", model=model)
    assert one.set_index("place_id").side["p4"] == "sdf"
    with pytest.raises(InputError) as error:
        areas(make_corpus(), "10/03/2016", model=model)
    assert str(error.value) == "date: expected YYYY-MM-DD, got '10/03/2016'"


def test_geo_areas_is_the_package_entry_point() -> None:
    assert geo.areas is areas


def test_place_names_from_articles_are_neutralised_in_csv(model: TerritoryModel) -> None:
    from dataclasses import replace

    corpus = make_corpus()
    risky = replace(PLACES[0], name="=HYPERLINK(\"x\")")
    corpus.gazetteer.places["p1"] = risky
    text = export_bytes(make_frames(corpus, [D0], model=model), "csv").decode("utf-8")
    assert "'=HYPERLINK" in text
    assert SCRIPT_PAYLOAD not in text


# --- the command ----------------------------------------------------------------------------


@pytest.fixture
def cli_corpus(monkeypatch: pytest.MonkeyPatch, model: TerritoryModel) -> None:
    import geo.pipeline

    monkeypatch.setattr(geo.pipeline, "load_corpus", lambda paths, **kw: make_corpus())
    monkeypatch.setattr(
        TerritoryModel, "for_gazetteer", classmethod(lambda cls, g, country=None: model)
    )


def test_export_command_writes_a_geopackage(
    runner: CliRunner, cli_corpus: None, tmp_path: Path
) -> None:
    path = tmp_path / "out.gpkg"
    result = runner.invoke(
        app, ["export", "--date", "2016-03-20", "--date", "2016-03-01", "-o", str(path)]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().endswith(f"wrote {path} (2 dates)")
    dates = pyogrio.read_dataframe(path, layer="areas", read_geometry=False)["date"]
    assert list(dict.fromkeys(dates)) == ["2016-03-01", "2016-03-20"]


def test_export_command_to_stdout(runner: CliRunner, cli_corpus: None) -> None:
    result = runner.invoke(app, ["export", "--date", "2016-03-20", "-o", "-", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == ",".join([*PLACE_FIELDS, "lat", "lon"])
    assert len(result.stdout.splitlines()) == 1 + len(PLACES)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.gpkg", "--country", "TR"], "error: --country: expected one of SY, IQ, got 'TR'"),
        (["-o", "-"], "error: -o -: give --format (gpkg, geojson or csv) for standard output"),
        (["-o", "-", "--format", "shp"],
         "error: -o -: a shapefile is several files; give -o FILE.shp"),
        (["-o", "x.txt"], "error: x.txt: unknown export format 'txt'; expected one of .gpkg, "
         ".geojson, .shp, .csv"),
    ],
)
def test_export_command_errors(
    runner: CliRunner, cli_corpus: None, args: list[str], message: str
) -> None:
    result = runner.invoke(app, ["export", "--date", "2016-03-20", *args])
    assert result.exit_code == 2
    assert result.stderr.strip() == message
