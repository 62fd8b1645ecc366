"""Colour science for the palette: colour-blindness simulation and colour differences.

The map colours (:data:`geo.factions.FACTIONS`) must stay apart for readers with red-green colour
blindness. This module gives the numbers the palette test checks:

* :func:`simulate` shows a colour as a reader with protanopia, deuteranopia or tritanopia sees it,
  with the matrices of Machado, Oliveira and Fernandes (2009, severity 1.0), applied to linear
  sRGB;
* :func:`delta_e` is the CIEDE2000 colour difference between two colours in CIE L*a*b* (D65);
  about 2.3 is the smallest difference most people notice, 10 reads as "another colour";
* :func:`blend` is a colour as drawn at an opacity over a background (the map draws areas
  slightly transparent over white).

Only numpy is needed; results are exact to the published formulas (the CIEDE2000 test pairs of
Sharma, Wu and Dalal 2005 are checked in the tests).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from itertools import combinations
from typing import Literal

Vision = Literal["normal", "protanopia", "deuteranopia", "tritanopia"]
VISIONS: tuple[Vision, ...] = ("normal", "protanopia", "deuteranopia", "tritanopia")

#: Machado et al. (2009) simulation matrices, severity 1.0, for linear sRGB.
_MACHADO: dict[str, tuple[tuple[float, float, float], ...]] = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}
_SRGB_TO_XYZ = (
    (0.4124564, 0.3575761, 0.1804375),
    (0.2126729, 0.7151522, 0.0721750),
    (0.0193339, 0.1191920, 0.9503041),
)
_WHITE = (0.95047, 1.0, 1.08883)

RGB = tuple[float, float, float]
Lab = tuple[float, float, float]


def parse_hex(colour: str) -> RGB:
    """Return ``#rrggbb`` as sRGB components from 0 to 1.

    Raises:
        ValueError: ``colour`` is not ``#`` followed by six hex digits.
    """
    text = colour.strip()
    if len(text) != 7 or text[0] != "#":
        raise ValueError(f"expected a colour as #rrggbb, got {colour!r}")
    try:
        values = [int(text[i : i + 2], 16) / 255.0 for i in (1, 3, 5)]
    except ValueError:
        raise ValueError(f"expected a colour as #rrggbb, got {colour!r}") from None
    return (values[0], values[1], values[2])


def to_hex(rgb: RGB) -> str:
    """Return sRGB components (0 to 1, clipped) as ``#rrggbb``."""
    return "#" + "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02x}" for c in rgb)


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    c = min(max(c, 0.0), 1.0)
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def blend(colour: str, opacity: float, background: str = "#ffffff") -> str:
    """Return ``colour`` drawn at ``opacity`` (0 to 1) over ``background``, as ``#rrggbb``."""
    front, back = parse_hex(colour), parse_hex(background)
    return to_hex(tuple(opacity * f + (1 - opacity) * b for f, b in zip(front, back, strict=True)))  # type: ignore[arg-type]


def simulate(colour: str, vision: Vision) -> str:
    """Return ``colour`` as a reader with ``vision`` sees it, as ``#rrggbb``.

    Raises:
        ValueError: An unknown vision or a malformed colour.
    """
    if vision == "normal":
        return to_hex(parse_hex(colour))
    matrix = _MACHADO.get(vision)
    if matrix is None:
        raise ValueError(f"unknown vision {vision!r}; expected one of {', '.join(VISIONS)}")
    linear = [_linear(c) for c in parse_hex(colour)]
    out = [sum(m * c for m, c in zip(row, linear, strict=True)) for row in matrix]
    return to_hex((_gamma(out[0]), _gamma(out[1]), _gamma(out[2])))


def lab(colour: str) -> Lab:
    """Return the CIE L*a*b* (D65) coordinates of an sRGB ``#rrggbb`` colour."""
    linear = [_linear(c) for c in parse_hex(colour)]
    xyz = [sum(m * c for m, c in zip(row, linear, strict=True)) for row in _SRGB_TO_XYZ]

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = (f(v / w) for v, w in zip(xyz, _WHITE, strict=True))
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def delta_e_lab(first: Lab, second: Lab) -> float:
    """Return the CIEDE2000 difference of two L*a*b* colours (kL = kC = kH = 1)."""
    l1, a1, b1 = first
    l2, a2, b2 = second
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    c_mean = (c1 + c2) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25.0**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl = l2 - l1
    dc = c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    elif abs(h2p - h1p) <= 180:
        dh = h2p - h1p
    elif h2p - h1p > 180:
        dh = h2p - h1p - 360
    else:
        dh = h2p - h1p + 360
    big_dh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_mean = (l1 + l2) / 2
    cp_mean = (c1p + c2p) / 2
    if c1p * c2p == 0:
        hp_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hp_mean = (h1p + h2p) / 2
    elif h1p + h2p < 360:
        hp_mean = (h1p + h2p + 360) / 2
    else:
        hp_mean = (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(hp_mean - 30))
        + 0.24 * math.cos(math.radians(2 * hp_mean))
        + 0.32 * math.cos(math.radians(3 * hp_mean + 6))
        - 0.20 * math.cos(math.radians(4 * hp_mean - 63))
    )
    d_theta = 30 * math.exp(-(((hp_mean - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_mean**7 / (cp_mean**7 + 25.0**7))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c = 1 + 0.045 * cp_mean
    s_h = 1 + 0.015 * cp_mean * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt(
        (dl / s_l) ** 2
        + (dc / s_c) ** 2
        + (big_dh / s_h) ** 2
        + r_t * (dc / s_c) * (big_dh / s_h)
    )


def delta_e(first: str, second: str) -> float:
    """Return the CIEDE2000 difference between two ``#rrggbb`` colours."""
    return delta_e_lab(lab(first), lab(second))


def closest_pair(
    colours: dict[str, str], vision: Vision = "normal", *, opacity: float = 1.0
) -> tuple[float, str, str]:
    """Return ``(ΔE, id, id)``: the two least distinct colours as seen with ``vision``.

    Each colour is drawn at ``opacity`` over white before the simulation.

    Raises:
        ValueError: Fewer than two colours.
    """
    if len(colours) < 2:
        raise ValueError(f"need at least two colours, got {len(colours)}")
    seen = {k: simulate(blend(c, opacity), vision) for k, c in colours.items()}
    return min((delta_e(seen[a], seen[b]), a, b) for a, b in combinations(sorted(seen), 2))


def report(colours: dict[str, str], visions: Iterable[Vision] = VISIONS) -> list[str]:
    """Return one line per vision naming its least distinct pair and their ΔE."""
    lines = []
    for vision in visions:
        value, a, b = closest_pair(colours, vision)
        lines.append(f"{vision:13} closest pair {a} / {b}: ΔE2000 {value:.1f}")
    return lines


__all__ = [
    "VISIONS",
    "blend",
    "closest_pair",
    "delta_e",
    "delta_e_lab",
    "lab",
    "parse_hex",
    "report",
    "simulate",
    "to_hex",
]
