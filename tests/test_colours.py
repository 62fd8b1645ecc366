"""Colour science and the palette: every pair of map colours stays apart for colour-blind eyes."""

from __future__ import annotations

from itertools import combinations

import pytest

from geo import factions
from geo.colours import (
    blend,
    closest_pair,
    delta_e,
    delta_e_lab,
    lab,
    parse_hex,
    report,
    simulate,
    to_hex,
)

#: Sharma, Wu and Dalal (2005), "The CIEDE2000 color-difference formula", table 1 (pairs 1, 7,
#: 13, 17, 19, 25 and 34).
CIEDE2000_PAIRS = [
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, 2.49, -0.001), (50.0, -2.49, 0.0011), 7.2195),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((50.0, 2.5, 0.0), (50.0, 0.0, -2.5), 4.3065),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((2.0776, 0.0795, -1.135), (0.9033, -0.0636, -0.5514), 0.9082),
]


@pytest.mark.parametrize(("first", "second", "expected"), CIEDE2000_PAIRS)
def test_ciede2000_matches_the_published_pairs(
    first: tuple[float, float, float], second: tuple[float, float, float], expected: float
) -> None:
    assert delta_e_lab(first, second) == pytest.approx(expected, abs=1e-4)
    assert delta_e_lab(second, first) == pytest.approx(expected, abs=1e-4)


def test_lab_of_white_black_and_red() -> None:
    assert lab("#ffffff") == pytest.approx((100.0, 0.0, 0.0), abs=0.01)
    assert lab("#000000") == pytest.approx((0.0, 0.0, 0.0), abs=0.01)
    assert lab("#ff0000") == pytest.approx((53.24, 80.09, 67.20), abs=0.02)


def test_simulation_keeps_greys_and_merges_red_and_green() -> None:
    for vision in ("protanopia", "deuteranopia", "tritanopia"):
        assert simulate("#808080", vision) == "#808080"  # type: ignore[arg-type]
    # pure red and a green of the same lightness look almost alike to a deuteranope
    normal = delta_e("#c0392b", "#5a8f29")
    seen = delta_e(simulate("#c0392b", "deuteranopia"), simulate("#5a8f29", "deuteranopia"))
    assert normal > 30
    assert seen < 12


def test_blend_and_hex() -> None:
    assert blend("#000000", 0.5) == "#808080"
    assert blend("#ff0000", 1.0, "#00ff00") == "#ff0000"
    assert to_hex(parse_hex("#0A0b0C")) == "#0a0b0c"


@pytest.mark.parametrize("bad", ["red", "#12345", "#12345g", ""])
def test_parse_hex_rejects_bad_colours(bad: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_hex(bad)
    assert str(error.value) == f"expected a colour as #rrggbb, got {bad!r}"


def test_unknown_vision_is_an_error() -> None:
    with pytest.raises(ValueError) as error:
        simulate("#ffffff", "monochromacy")  # type: ignore[arg-type]
    assert str(error.value) == (
        "unknown vision 'monochromacy'; expected one of normal, protanopia, deuteranopia, "
        "tritanopia"
    )


MAP_COLOURS = {f.id: f.colour for f in factions.FACTIONS.values()}


@pytest.mark.parametrize("vision", ["normal", "deuteranopia", "protanopia"])
@pytest.mark.parametrize("opacity", [1.0, factions.AREA_OPACITY])
def test_every_pair_of_map_colours_differs_by_ten(vision: str, opacity: float) -> None:
    value, a, b = closest_pair(MAP_COLOURS, vision, opacity=opacity)  # type: ignore[arg-type]
    assert value >= 10.0, f"{a} and {b} are only {value:.1f} apart ({vision}, opacity {opacity})"


def test_every_side_pair_listed_is_checked() -> None:
    # the registry's sides, contested and no clear control: 12 colours, 66 pairs
    assert len(MAP_COLOURS) == len(factions.SIDES) + 2
    assert len(list(combinations(MAP_COLOURS, 2))) == 66


def test_is_is_a_solid_dark() -> None:
    assert lab(factions.colour("is"))[0] < 15
    assert "is" in factions.OPAQUE


def test_report_names_the_closest_pair() -> None:
    lines = report({"a": "#000000", "b": "#ffffff", "c": "#fefefe"}, ["normal"])
    assert lines == ["normal        closest pair b / c: ΔE2000 0.2"]
