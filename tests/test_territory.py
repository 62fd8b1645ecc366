"""Territory: cells, reach, contested places, areas and statistics; static maps."""

from __future__ import annotations

import csv
import itertools
import math
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point, box

from geo.errors import InputError, OutputExistsError
from geo.models import Place, PlaceState
from geo.static import ATTRIBUTION, write_static_map
from geo.territory import (
    LAEA_SYRIA,
    StatRow,
    TerritoryModel,
    cell_controller,
    controller_order,
    format_stats_csv,
    load_boundary,
    plot_stats,
    stats,
    write_stats_csv,
)

TEST_DATA = Path(__file__).resolve().parent / "data"
DAY = date(2020, 3, 1)
#: A 1 x 1 degree square in the middle of Syria: small, fast, and with straight edges.
SQUARE = box(38.0, 34.5, 39.0, 35.5)
CENTRE = (35.0, 38.5)


def place(pid: str, lat: float, lon: float, kind: str = "village") -> Place:
    return Place(id=pid, name=pid.title(), alt_names=(), lat=lat, lon=lon, kind=kind)


def states(day: date = DAY, **controllers: str) -> dict[str, PlaceState]:
    return {
        pid.replace("_", "-"): PlaceState(date=day, place_id=pid.replace("_", "-"), controller=c)
        for pid, c in controllers.items()
    }


def polygon_area_km2(sides: int, radius_km: float) -> float:
    """Area of the regular polygon drawn for a reach circle."""
    return sides / 2 * radius_km**2 * math.sin(2 * math.pi / sides)


def rows_of(frame: object) -> list[tuple[str, float, int]]:
    return [(r.controller, round(r.area_km2, 1), r.places) for r in frame.itertuples()]  # type: ignore[attr-defined]


def laea(frame: object) -> object:
    return frame.to_crs(LAEA_SYRIA)  # type: ignore[attr-defined]


class FakeTimeline:
    """A timeline with fixed states per date."""

    def __init__(self, by_date: Mapping[date, dict[str, PlaceState]]) -> None:
        self.by_date = dict(by_date)

    def state_on(self, day: date) -> dict[str, PlaceState]:
        return self.by_date[day]

    def event_dates(self) -> list[date]:
        return sorted(self.by_date)


@pytest.fixture(scope="module")
def syria_places() -> list[Place]:
    with (TEST_DATA / "territory_places.csv").open(encoding="utf-8") as handle:
        return [
            place(r["id"], float(r["lat"]), float(r["lon"]), r["kind"])
            for r in csv.DictReader(handle)
        ]


@pytest.fixture(scope="module")
def syria_model(syria_places: list[Place]) -> TerritoryModel:
    return TerritoryModel.build(syria_places, country="SY")


@pytest.fixture
def syria_states(syria_places: list[Place]) -> dict[str, PlaceState]:
    west = {"damascus", "daraa", "suwayda", "homs", "hama", "latakia", "tartus", "t4", "aleppo"}
    sdf = {"raqqa", "hasakah", "qamishli", "manbij", "tabqa"}
    held = {p.id: "government" if p.id in west else "sdf" if p.id in sdf else "is"
            for p in syria_places}
    held["idlib"] = "hts"
    held["al-bab"] = "turkish_backed"
    held["jazal"] = "contested"
    return {pid: PlaceState(DAY, pid, c) for pid, c in held.items()}


# --- few places ---------------------------------------------------------------------------


def test_no_place_leaves_everything_unknown() -> None:
    model = TerritoryModel.build([], boundary=SQUARE)
    frame = model.areas({})
    assert len(model) == 0
    assert list(frame.controller) == ["unknown"]
    assert frame.area_km2.iloc[0] == pytest.approx(model.total_area_km2)
    assert frame.share.iloc[0] == pytest.approx(1.0)
    assert frame.places.iloc[0] == 0


def test_one_village_holds_its_reach_and_no_more() -> None:
    model = TerritoryModel.build([place("v", *CENTRE)], boundary=SQUARE)
    frame = model.areas(states(v="government"))
    assert list(frame.controller) == ["government", "unknown"]
    # 6 km reach drawn as a 16-gon (chord within 150 m of the circle)
    assert frame.area_km2.iloc[0] == pytest.approx(polygon_area_km2(16, 6.0), rel=1e-6)
    assert frame.area_km2.sum() == pytest.approx(model.total_area_km2, rel=1e-9)
    assert list(frame.places) == [1, 0]


def test_one_city_reaches_fifteen_km() -> None:
    model = TerritoryModel.build([place("c", *CENTRE, kind="city")], boundary=SQUARE)
    frame = model.areas(states(c="sdf"))
    assert frame.area_km2.iloc[0] == pytest.approx(polygon_area_km2(24, 15.0), rel=1e-6)


def test_two_places_split_their_ground_along_the_bisector() -> None:
    west, east = place("west", 35.0, 38.45, "town"), place("east", 35.0, 38.55, "town")
    model = TerritoryModel.build([west, east], boundary=SQUARE, network_min=0)
    frame = model.areas(states(west="government", east="rebels"))
    assert list(frame.controller) == ["government", "rebels", "unknown"]
    gov, reb = frame.area_km2.iloc[0], frame.area_km2.iloc[1]
    assert gov == pytest.approx(reb, rel=1e-3)
    # 9.1 km apart: the emptiness grows each town's reach to 2 x 9.1 km; the circles overlap,
    # so each holds less than a full circle (and more than its kind's 10 km alone would give)
    assert list(model.cells.reach_km) == [18.256] * 4
    assert list(model.cells.piece) == ["core", "core", "ring", "ring"]
    assert polygon_area_km2(20, 10.0) < gov < polygon_area_km2(20, 18.256)
    metric = laea(frame)
    assert metric.geometry.iloc[0].intersection(metric.geometry.iloc[1]).area < 1.0  # m²


def test_side_with_no_place_gets_no_row() -> None:
    model = TerritoryModel.build([place("a", *CENTRE)], boundary=SQUARE)
    given = states(a="is")
    given["not-in-model"] = PlaceState(DAY, "not-in-model", "rebels")
    frame = model.areas(given)
    assert list(frame.controller) == ["is", "unknown"]


def test_place_missing_from_states_is_unknown() -> None:
    model = TerritoryModel.build([place("a", *CENTRE)], boundary=SQUARE)
    frame = model.areas({})
    assert list(frame.controller) == ["unknown"]
    assert list(frame.places) == [1]


# --- duplicates, contested, border --------------------------------------------------------


def test_duplicate_points_share_one_cell_of_the_same_side() -> None:
    model = TerritoryModel.build(
        [place("a", *CENTRE), place("b", *CENTRE), place("c", 35.2, 38.5)], boundary=SQUARE
    )
    assert model.cell_of == {"a": 0, "b": 0, "c": 1}
    assert ("a", "b") in model.members
    frame = model.areas(states(a="government", b="government", c="government"))
    assert rows_of(frame)[0][::2] == ("government", 3)


def test_duplicate_points_held_by_two_sides_are_contested() -> None:
    model = TerritoryModel.build([place("a", *CENTRE), place("b", *CENTRE)], boundary=SQUARE)
    frame = model.areas(states(a="government", b="rebels"))
    assert list(frame.controller) == ["contested", "unknown"]
    assert list(frame.places) == [2, 0]


def test_duplicate_point_with_one_unknown_takes_the_known_side() -> None:
    model = TerritoryModel.build([place("a", *CENTRE), place("b", *CENTRE)], boundary=SQUARE)
    frame = model.areas(states(a="unknown", b="sdf"))
    assert list(frame.controller) == ["sdf", "unknown"]


def test_contested_place_is_its_own_class_after_the_sides() -> None:
    model = TerritoryModel.build(
        [place("a", 35.0, 38.2), place("b", 35.0, 38.5), place("c", 35.0, 38.8)],
        boundary=SQUARE,
        emptiness=0,
    )
    frame = model.areas(states(a="is", b="contested", c="government"))
    assert list(frame.controller) == ["government", "is", "contested", "unknown"]
    assert frame.area_km2.iloc[2] == pytest.approx(polygon_area_km2(16, 6.0), rel=1e-6)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ((), "unknown"),
        (("unknown",), "unknown"),
        (("is",), "is"),
        (("is", "is"), "is"),
        (("is", "unknown"), "is"),
        (("is", "sdf"), "contested"),
        (("contested", "is"), "contested"),
    ],
)
def test_cell_controller(given: tuple[str, ...], expected: str) -> None:
    assert cell_controller(PlaceState(DAY, f"p{i}", c) for i, c in enumerate(given)) == expected


def test_controller_order_follows_the_registry() -> None:
    given = ["unknown", "contested", "militia", "is", "government", "sdf"]
    assert sorted(given, key=controller_order) == [
        "government", "sdf", "is", "militia", "contested", "unknown",
    ]


def test_place_just_outside_the_border_gets_a_clipped_cell() -> None:
    # 0.01 degree of longitude west of the square: about 900 m outside
    model = TerritoryModel.build([place("post", 35.0, 37.99, "crossing")], boundary=SQUARE)
    assert model.members == [("post",)]
    piece = model.piece("post")
    assert piece is not None
    assert SQUARE.buffer(1e-6).contains(piece)
    frame = model.areas(states(post="government"))
    assert 0 < frame.area_km2.iloc[0] < polygon_area_km2(12, 4.0) / 2


def test_far_places_regions_and_rivers_get_no_cell() -> None:
    model = TerritoryModel.build(
        [
            place("far", 35.0, 40.0),
            place("plain", 35.0, 38.5, "region"),
            place("stream", 35.1, 38.5, "river"),
            place("v", 35.2, 38.5),
        ],
        boundary=SQUARE,
    )
    assert model.members == [("v",)]
    assert model.skipped == {
        "far": "outside the boundary",
        "plain": "kind region gets no cell",
        "stream": "kind river gets no cell",
    }
    assert model.piece("far") is None


def test_build_rejects_a_boundary_that_is_not_a_polygon() -> None:
    with pytest.raises(InputError, match=r"^boundary: expected a Polygon or MultiPolygon, got "):
        TerritoryModel.build([], boundary=Point(38, 35))


def test_load_boundary_names_the_missing_feature(tmp_path: Path) -> None:
    path = tmp_path / "b.geojson"
    path.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_boundary(path, name="Syria")
    assert str(error.value) == f"{path}: no feature with name 'Syria'"


def test_build_does_not_depend_on_input_order(syria_places: list[Place]) -> None:
    one = TerritoryModel.build(syria_places, country="SY")
    other = TerritoryModel.build(list(reversed(syria_places)), country="SY")
    assert one.members == other.members
    assert one.cells.geometry.to_wkb().tolist() == other.cells.geometry.to_wkb().tolist()


# --- the whole of Syria -------------------------------------------------------------------


def test_areas_columns_crs_and_registry_order(
    syria_model: TerritoryModel, syria_states: dict[str, PlaceState]
) -> None:
    frame = syria_model.areas(syria_states)
    assert list(frame.columns) == ["controller", "area_km2", "share", "places", "geometry"]
    assert frame.crs.to_epsg() == 4326
    assert list(frame.controller) == [
        "government", "hts", "turkish_backed", "sdf", "is", "contested", "unknown",
    ]
    assert list(frame.places) == [9, 1, 1, 5, 6, 1, 0]
    assert frame.is_valid.all()


def test_sides_never_overlap(
    syria_model: TerritoryModel, syria_states: dict[str, PlaceState]
) -> None:
    metric = laea(syria_model.areas(syria_states))
    # Reprojecting rings that touch can make a valid EPSG:4326 polygon self-touch in metres.
    pieces = [shapely.make_valid(g) for g in metric.geometry]  # type: ignore[attr-defined]
    for a, b in itertools.combinations(pieces, 2):
        assert a.intersection(b).area / 1e6 < 0.01


def test_sides_and_unknown_cover_syria(
    syria_model: TerritoryModel, syria_states: dict[str, PlaceState]
) -> None:
    frame = syria_model.areas(syria_states)
    syria_km2 = syria_model.boundary_area_km2
    assert syria_km2 == pytest.approx(185_941, rel=1e-3)
    assert frame.area_km2.sum() == pytest.approx(syria_km2, rel=1e-3)
    assert frame.share.sum() == pytest.approx(1.0, rel=1e-9)
    metric = laea(frame)
    assert metric.area.sum() / 1e6 == pytest.approx(syria_km2, rel=1e-3)  # type: ignore[attr-defined]
    covered = shapely.union_all(list(frame.geometry))
    assert covered.symmetric_difference(load_boundary()).area < 1e-3 * load_boundary().area


def test_capture_grows_the_winner_and_shrinks_the_loser(
    syria_model: TerritoryModel, syria_states: dict[str, PlaceState]
) -> None:
    before = dict(zip(*syria_model.areas(syria_states)[["controller", "area_km2"]].T.values,
                      strict=True))
    after_states = dict(syria_states)
    after_states["palmyra"] = PlaceState(DAY, "palmyra", "government")
    after = dict(zip(*syria_model.areas(after_states)[["controller", "area_km2"]].T.values,
                     strict=True))
    assert after["government"] > before["government"]
    assert after["is"] < before["is"]
    assert after["government"] - before["government"] == pytest.approx(
        before["is"] - after["is"], rel=1e-9
    )


def test_reach_leaves_the_desert_unknown(
    syria_model: TerritoryModel, syria_states: dict[str, PlaceState], syria_places: list[Place]
) -> None:
    frame = syria_model.areas(syria_states).set_index("controller")
    desert = Point(39.0, 34.0)  # the south-eastern badia, over 30 km from any fixture place
    assert frame.geometry["unknown"].contains(desert)
    assert not any(frame.geometry[c].contains(desert) for c in frame.index if c != "unknown")
    assert syria_model.unreached.contains(desert)
    # 23 places for all of Syria: most of it is farther than 30 km from any of them, and no
    # two of them are within 30 km of each other, so none forms a network (step 4b)
    assert 175_000 < frame.area_km2["unknown"] < 176_000
    every_ring = TerritoryModel.build(syria_places, country="SY", network_min=0)
    unknown = every_ring.areas(syria_states).set_index("controller").area_km2["unknown"]
    assert 136_000 < unknown < 137_000


def test_reach_grows_with_emptiness() -> None:
    # three posts 40 km apart in an empty square; a village 6 km from the first
    posts = [place(f"p{i}", 35.0, 38.1 + 0.44 * i, "base") for i in range(3)]
    near = place("near", 35.054, 38.1)
    model = TerritoryModel.build([*posts, near], boundary=SQUARE, network_min=0)
    reach = dict(zip(model.cells.place_id, model.cells.reach_km, strict=True))
    # the third nearest neighbour of p1 is 40.1 km away: twice that is over the 30 km cap
    assert reach["p1"] == 30.0
    # p0: neighbours at 6.0, 40.1 and 80.2 km; the third gives 160 km, capped
    assert reach["p0"] == 30.0
    frame = model.areas(states(p0="is", p1="is", p2="is", near="government"))
    held = frame.set_index("controller").area_km2
    # the land between the posts is IS's, not "no clear control"
    assert held["is"] > 4_000
    assert frame.set_index("controller").geometry["is"].contains(Point(38.32, 35.0))
    cells = model.cells.groupby("place_id").area_km2.sum()
    assert held["government"] == pytest.approx(cells["near"])


# --- presence or control: the ring (step 4b) ------------------------------------------------

#: Five villages 11.8 km apart in a line, and a base 62 km from the nearest of them.
LINE = [place(f"v{i}", 35.3, 38.1 + 0.13 * i) for i in range(5)]
POST = place("post", 34.7, 38.8, "base")


def test_a_line_of_villages_holds_its_land_and_a_lone_post_only_its_post() -> None:
    model = TerritoryModel.build([*LINE, POST], boundary=SQUARE)
    cells = model.cells
    assert list(cells.piece) == ["core"] * 6 + ["ring"] * 6
    # the neighbours within 30 km that decide each ring; the post has none
    assert model._neighbours[6:] == [(1, 2), (2, 0, 3), (3, 1, 0, 4), (2, 4, 1), (3, 2), ()]
    given = states(v0="is", v1="is", v2="is", v3="is", v4="is", post="is")
    held = model.areas(given).set_index("controller")
    core = cells.set_index(["place_id", "piece"]).area_km2
    villages = sum(cells.area_km2[cells.place_id != "post"])
    assert held.area_km2["is"] == pytest.approx(villages + core["post", "core"], rel=1e-9)
    assert held.places["is"] == 6
    # the post holds its 8 km circle, not the 30 km its emptiness would give it
    assert core["post", "core"] == pytest.approx(polygon_area_km2(20, 8.0), rel=1e-6)
    assert held.geometry["is"].contains(Point(38.8, 34.7))
    assert held.geometry["unknown"].contains(Point(38.8, 34.85))  # 16.7 km north of the post
    assert held.geometry["is"].contains(Point(38.3, 35.45))  # 16.7 km north of the line
    assert model.uncertain_cells(given) == [False] * 12


def test_a_ring_goes_with_the_side_of_its_neighbours_on_the_date() -> None:
    model = TerritoryModel.build(LINE, boundary=SQUARE)
    rings = {pid: i for i, pid in enumerate(model.cells.place_id) if i >= 5}
    mixed = model.cell_controllers(states(v0="is", v1="is", v2="sdf", v3="sdf", v4="sdf"))
    # v0 has one IS neighbour (v1) within 30 km of two; v1 has v0 but v2 and v3 are SDF's
    assert mixed[:5] == ["is", "is", "sdf", "sdf", "sdf"]
    assert [mixed[rings[f"v{i}"]] for i in range(5)] == ["unknown", "unknown", "sdf", "sdf", "sdf"]
    contested = model.cell_controllers(states(v0="is", v1="is", v2="contested", v3="is"))
    assert contested[rings["v2"]] == "unknown"  # a contested place's ring is no one's
    assert contested[rings["v1"]] == "is" and contested[rings["v4"]] == "unknown"
    off = TerritoryModel.build(LINE, boundary=SQUARE, network_min=0)
    assert off.cell_controllers(states(v0="is", v1="sdf"))[5:7] == ["is", "sdf"]


def test_the_network_rule_is_kept_by_the_countries_of_a_model() -> None:
    model = TerritoryModel.build([*LINE, POST], boundary=SQUARE, network_min=1)
    assert model.network_min == 1
    lone = model.cell_controllers(states(v0="is", v1="government", post="is"))
    assert lone[6] == "unknown" and lone[11] == "unknown" and lone[7] == "unknown"
    assert model.cell_controllers(states(v0="is", v1="is"))[6:8] == ["is", "is"]


def test_no_emptiness_keeps_the_kinds_reach() -> None:
    posts = [place(f"p{i}", 35.0, 38.1 + 0.44 * i, "base") for i in range(3)]
    model = TerritoryModel.build(posts, boundary=SQUARE, emptiness=0)
    assert list(model.cells.reach_km) == [8.0, 8.0, 8.0]
    frame = model.areas(states(p0="is", p1="is", p2="is"))
    assert not frame.set_index("controller").geometry["is"].contains(Point(38.32, 35.0))


def test_cells_store_each_piece_once(
    syria_model: TerritoryModel, syria_states: dict[str, PlaceState]
) -> None:
    cells = syria_model.cells
    assert list(cells.columns) == ["place_id", "place_ids", "kind", "reach_km", "piece",
                                   "area_km2", "geometry"]
    assert cells.crs.to_epsg() == 4326
    assert "eastern-ghouta" not in set(cells.place_id)
    assert list(cells.piece).count("core") == 23 and len(cells) == 46
    controllers = syria_model.cell_controllers(syria_states)
    assert controllers[list(cells.place_id).index("palmyra")] == "is"
    assert cells.area_km2.sum() + syria_model.unreached_area_km2 == pytest.approx(
        syria_model.total_area_km2, rel=1e-9
    )


# --- statistics ---------------------------------------------------------------------------


@pytest.fixture
def square_timeline() -> tuple[TerritoryModel, FakeTimeline]:
    model = TerritoryModel.build(
        [place("v", *CENTRE), place("w", 35.3, 38.5)], boundary=SQUARE, emptiness=0
    )
    timeline = FakeTimeline({
        date(2020, 1, 5): states(date(2020, 1, 5), v="government", w="government"),
        date(2020, 2, 9): states(date(2020, 2, 9), v="is", w="government"),
    })
    return model, timeline


def test_stats_rows(square_timeline: tuple[TerritoryModel, FakeTimeline]) -> None:
    model, timeline = square_timeline
    rows = stats(timeline, model, timeline.event_dates())
    village = polygon_area_km2(16, 6.0)
    assert [(r.date, r.controller, round(r.area_km2, 3), r.places) for r in rows] == [
        (date(2020, 1, 5), "government", round(2 * village, 3), 2),
        (date(2020, 1, 5), "unknown", round(model.total_area_km2 - 2 * village, 3), 0),
        (date(2020, 2, 9), "government", round(village, 3), 1),
        (date(2020, 2, 9), "is", round(village, 3), 1),
        (date(2020, 2, 9), "unknown", round(model.total_area_km2 - 2 * village, 3), 0),
    ]
    assert {r.country for r in rows} == {"SY+IQ"}  # a model of an outline given as is


def test_stats_csv_is_exact() -> None:
    rows = [
        StatRow(date(2020, 1, 5), "government", 220.42567, 0.0217123, 2, "SY"),
        StatRow(date(2020, 1, 5), "unknown", 9925.1, 0.9782877, 0, "SY"),
    ]
    assert format_stats_csv(rows) == (
        "date,country,controller,area_km2,share,places\n"
        "2020-01-05,SY,government,220.4,0.0217,2\n"
        "2020-01-05,SY,unknown,9925.1,0.9783,0\n"
    )


def test_write_stats_csv_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "stats.csv"
    path.write_text("mine\n", encoding="utf-8")
    with pytest.raises(OutputExistsError, match="exists; use --force to overwrite it"):
        write_stats_csv([], path)
    assert path.read_text(encoding="utf-8") == "mine\n"
    write_stats_csv([], path, force=True)
    assert path.read_text(encoding="utf-8") == "date,country,controller,area_km2,share,places\n"


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_plot_stats_is_deterministic(
    square_timeline: tuple[TerritoryModel, FakeTimeline], tmp_path: Path, suffix: str
) -> None:
    model, timeline = square_timeline
    rows = stats(timeline, model, timeline.event_dates())
    one = plot_stats(rows, tmp_path / f"one.{suffix}").read_bytes()
    two = plot_stats(rows, tmp_path / f"two.{suffix}").read_bytes()
    assert one == two
    assert one.startswith(b"\x89PNG") if suffix == "png" else b"<svg" in one


def test_plot_stats_with_one_date_and_bad_input(
    square_timeline: tuple[TerritoryModel, FakeTimeline], tmp_path: Path
) -> None:
    model, timeline = square_timeline
    rows = stats(timeline, model, timeline.event_dates()[:1])
    assert plot_stats(rows, tmp_path / "one.png").stat().st_size > 1000
    with pytest.raises(InputError, match=r"no statistics to plot"):
        plot_stats([], tmp_path / "none.png")
    with pytest.raises(InputError, match=r"unknown chart format 'gif'"):
        plot_stats(rows, tmp_path / "chart.gif")


# --- static maps --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_static_map_is_written_and_deterministic(
    syria_model: TerritoryModel,
    syria_states: dict[str, PlaceState],
    syria_places: list[Place],
    tmp_path: Path,
    fmt: str,
) -> None:
    frame = syria_model.areas(syria_states)
    paths = [tmp_path / f"{name}.{fmt}" for name in ("one", "two")]
    for path in paths:
        write_static_map(DAY, frame, path, places=syria_places, states=syria_states)
    one, two = (p.read_bytes() for p in paths)
    assert one == two
    if fmt == "png":
        assert one.startswith(b"\x89PNG")
    else:
        text = one.decode("utf-8")
        assert text.count("<svg") == 1
        assert "<dc:date>" not in text


def test_static_map_refuses_overwrite_and_unknown_format(
    syria_model: TerritoryModel, syria_states: dict[str, PlaceState], tmp_path: Path
) -> None:
    frame = syria_model.areas(syria_states)
    path = tmp_path / "map.png"
    path.write_bytes(b"mine")
    with pytest.raises(OutputExistsError):
        write_static_map(DAY, frame, path)
    assert path.read_bytes() == b"mine"
    with pytest.raises(InputError) as error:
        write_static_map(DAY, frame, tmp_path / "map.gif")
    assert str(error.value) == (
        f"{tmp_path / 'map.gif'}: unknown map format 'gif'; expected one of png, svg, pdf"
    )


def test_attribution_names_every_source() -> None:
    assert ATTRIBUTION == (
        "Boundaries and rivers: Natural Earth. "
        "Places: Wikipedia contributors (CC BY-SA 4.0), GeoNames (CC BY 4.0)."
    )


def test_places_in_a_line_still_get_cells() -> None:
    row = [place(f"p{i}", 35.0, 38.2 + 0.15 * i) for i in range(5)]  # 13.7 km apart
    model = TerritoryModel.build(row, boundary=SQUARE, emptiness=0)
    frame = model.areas(states(p0="government", p1="government", p2="rebels", p3="is", p4="is"))
    assert rows_of(frame)[:3] == [
        ("government", round(2 * polygon_area_km2(16, 6.0), 1), 2),
        ("rebels", round(polygon_area_km2(16, 6.0), 1), 1),
        ("is", round(2 * polygon_area_km2(16, 6.0), 1), 2),
    ]


# --- uncertain ground -----------------------------------------------------------------------


def test_uncertain_cells_and_areas() -> None:
    row = [place(f"p{i}", 35.0, 38.2 + 0.15 * i) for i in range(4)]
    model = TerritoryModel.build(row, boundary=SQUARE, emptiness=0)
    given = states(p0="government", p1="government", p2="is", p3="contested")
    given["p1"] = PlaceState(DAY, "p1", "government", uncertain=True)
    given["p2"] = PlaceState(DAY, "p2", "is", uncertain=True)
    given["p3"] = PlaceState(DAY, "p3", "contested", uncertain=True)
    assert model.uncertain_cells(given) == [False, True, True, False]  # contested never is
    frame = model.uncertain_areas(given)
    assert list(frame.columns) == ["controller", "area_km2", "share", "geometry"]
    assert list(frame.controller) == ["government", "is"]
    village = polygon_area_km2(16, 6.0)
    assert list(frame.area_km2.round(3)) == [round(village, 3), round(village, 3)]
    sides = model.areas(given).set_index("controller")
    assert sides.geometry["government"].buffer(1e-6).contains(frame.geometry.iloc[0])


def test_a_cell_is_certain_when_one_of_its_places_is() -> None:
    model = TerritoryModel.build([place("a", *CENTRE), place("b", *CENTRE)], boundary=SQUARE)
    given = {
        "a": PlaceState(DAY, "a", "sdf", uncertain=True),
        "b": PlaceState(DAY, "b", "sdf"),
    }
    assert model.uncertain_cells(given) == [False]
    assert len(model.uncertain_areas(given)) == 0


def test_static_names_never_overlap_and_the_largest_city_wins() -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from geo.static import _draw_places

    # six cities 3 km apart in a row: at country scale their names collide
    crowd = [
        Place(f"c{i}", f"Medina {i}", (), 35.0, 38.0 + 0.03 * i, "city", population=100 * i)
        for i in range(6)
    ]
    far = Place("far", "Faraway", (), 36.5, 41.0, "city", population=1)
    figure = Figure(figsize=(8, 7.6))
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    ax.set_xlim(35.0, 43.0)
    ax.set_ylim(32.0, 37.5)
    named = _draw_places(ax, [*crowd, far], {}, (35.0, 32.0, 43.0, 37.5))
    assert named[0] == "Medina 5"  # the most populous first
    assert "Faraway" in named
    assert 1 <= sum(n.startswith("Medina") for n in named) < 6
    renderer = figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    assert len(boxes) == len(named)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b)
