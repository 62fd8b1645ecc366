"""Build the baseline snapshots in data/snapshots/ from the Wikipedia map marks.

Usage: python scripts/build_snapshot.py [--gazetteer data/gazetteer.csv] [--check]

Two snapshots, one per map module:

* `wikipedia-2017-07.csv` (Syria, 2017-07-18) from data/sources/wp_syria_marks.csv, whose marks
  the gazetteer's `source` column names as `wp:N` (N the 0-based data row);
* `wikipedia-iraq-2017-07.csv` (Iraq, 2017-07-30) from data/sources/wp_iraq_marks.csv, named as
  `wpiq:N`.

Each has one row per gazetteer place with a mark: `place_id, controller, contested_with, wp_row,
wp_mark`. Same inputs give byte-identical files. `--check` only compares and exits 1 when a
shipped file is out of date.

How the map's sides become ours (documented in data/snapshots/README.md):

* `government`, `sdf`, `is`, `hts`, `turkish_backed` are kept.
* `rebels` inside EUPHRATES_SHIELD (the Turkish-backed pocket of northern Aleppo between Azaz,
  Jarabulus and al-Bab, which the map draws green like every opposition group) become
  `turkish_backed`; `rebels` inside AL_TANF (the 55 km deconfliction zone and the az-Zakf
  garrison, held by US-backed Maghawir al-Thawra with US troops) become `us_coalition`.
* "Stable mixed" `rebels|hts` (Idlib) becomes `hts`: HTS was the dominant partner and took over
  most of the province days after the snapshot (July 2017 clashes with Ahrar al-Sham).
* Two-side icons (`government|sdf` shared Hasakah/Qamishli quarters, `sdf|is` and
  `government|rebels` front lines) become `contested` with both sides.
* The six city minimaps carry no side; MINIMAPS gives each the state its minimap shows.
* The one label-only mark (no side) is left out.

How the Iraqi map's sides become ours (its legend differs; see data/snapshots/README.md):

* `iraq` (army, police, PMF, Sunni tribal fighters), `kurdistan` (KRG; the map also draws the
  few PKK/YBS positions around Sinjar and in Qandil yellow, and they stay `kurdistan`: see the
  README), `is` and `turkey` (Turkish Armed Forces bases) are kept.
* "Stable mixed" `iraq|kurdistan` (Tuz Khurmatu and the disputed Kirkuk villages) and the
  animated `iraq|is` become `contested` with both sides.

When several marks map to one place, the mark drawn largest decides (ties: the first row).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.io import atomic_write_text  # noqa: E402

MARKS = ROOT / "data" / "sources" / "wp_syria_marks.csv"
GAZETTEER = ROOT / "data" / "gazetteer.csv"
OUT = ROOT / "data" / "snapshots" / "wikipedia-2017-07.csv"
NAME = "wikipedia-2017-07"
DATE = "2017-07-18"
SOURCE = "Wikipedia contributors, Module:Syrian Civil War detailed map, CC BY-SA 4.0"


class Spec(NamedTuple):
    """One snapshot: its map module, the gazetteer prefix of its marks, name, date, file."""

    marks: Path
    prefix: str
    name: str
    date: str
    source: str
    out: Path


SYRIA = Spec(MARKS, "wp", NAME, DATE, SOURCE, OUT)
IRAQ = Spec(
    ROOT / "data" / "sources" / "wp_iraq_marks.csv", "wpiq", "wikipedia-iraq-2017-07", "2017-07-30",
    "Wikipedia contributors, Module:Iraqi insurgency detailed map, CC BY-SA 4.0",
    ROOT / "data" / "snapshots" / "wikipedia-iraq-2017-07.csv",
)
SPECS = (SYRIA, IRAQ)

# (lon, lat) vertices. North edge past the Turkish border; west edge on the Afrin canton; south
# edge north of the Nubl/Zahraa - Anadan line west of 37.15 E and just south of al-Bab east of it;
# east edge past the Euphrates at Jarabulus (no rebel marks east of the river).
EUPHRATES_SHIELD: tuple[tuple[float, float], ...] = (
    (36.95, 36.95), (38.20, 36.95), (38.20, 36.33), (37.15, 36.33), (37.15, 36.50),
    (36.95, 36.50),
)
# al-Tanf garrison, Rukban, the border crossings and the az-Zakf garrison.
AL_TANF: tuple[tuple[float, float], ...] = (
    (38.30, 33.00), (39.50, 33.00), (39.50, 34.00), (38.30, 34.00),
)
# The city minimaps: (name, faction column empty) -> (controller, contested_with).
MINIMAPS: dict[str, tuple[str, tuple[str, ...]]] = {
    # Whole city held by the government since December 2016.
    "Aleppo": ("government", ()),
    # The capital; the Jobar/Ain Tarma front with Eastern Ghouta is drawn by its own marks.
    "Damascus": ("government", ()),
    # "Battle of Daraa City": the city was split between government and rebel quarters.
    "Daraa": ("contested", ("government", "rebels")),
    # Government enclave besieged by IS until 5 September 2017.
    "Deir ez-Zor": ("contested", ("government", "is")),
    # Shared: government security quarter and airport, SDF/Asayish the rest.
    "Qamishli": ("contested", ("government", "sdf")),
    # "Battle of Raqqa (2017)": IS-held city with the SDF inside since June.
    "Raqqa": ("contested", ("is", "sdf")),
}
COLUMNS = ("place_id", "controller", "contested_with", "wp_row", "wp_mark")


def inside(lon: float, lat: float, polygon: tuple[tuple[float, float], ...]) -> bool:
    """Ray casting: whether (lon, lat) lies inside the polygon."""
    result = False
    j = len(polygon) - 1
    for i, (xi, yi) in enumerate(polygon):
        xj, yj = polygon[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            result = not result
        j = i
    return result


def mark_state(row: dict[str, str]) -> tuple[str, tuple[str, ...]] | None:
    """Our (controller, contested_with) for one mark, or None for a mark without a side."""
    faction = row["faction"]
    lon, lat = float(row["lon"]), float(row["lat"])
    if not faction:
        return MINIMAPS.get(row["name"]) if row["feature"] == "city" else None
    if faction == "rebels":
        if inside(lon, lat, EUPHRATES_SHIELD):
            return ("turkish_backed", ())
        if inside(lon, lat, AL_TANF):
            return ("us_coalition", ())
        return ("rebels", ())
    if faction == "rebels|hts":
        return ("hts", ())
    if "|" in faction:
        return ("contested", tuple(faction.split("|")))
    return (faction, ())


def wp_rows(source: str, prefix: str = "wp") -> list[int]:
    """The ``prefix:N`` references (``wp:N``, ``wpiq:N``) of a gazetteer `source` value."""
    out = []
    for part in source.split(";"):
        key, _, value = part.strip().partition(":")
        if key == prefix and value.isdigit():
            out.append(int(value))
    return out


def build(marks_path: Path, gazetteer_path: Path, spec: Spec = SYRIA) -> tuple[str, list[str]]:
    """Return the snapshot CSV text of ``spec`` and the notes (unmapped minimaps, disagreements)."""
    with marks_path.open(encoding="utf-8", newline="") as handle:
        marks = list(csv.DictReader(handle))
    with gazetteer_path.open(encoding="utf-8", newline="") as handle:
        places = list(csv.DictReader(handle))
    notes: list[str] = []
    rows: list[tuple[str, str, str, int, str]] = []
    for place in places:
        candidates = []
        for n in wp_rows(place.get("source", ""), spec.prefix):
            if n >= len(marks):
                notes.append(f"{place['id']}: wp:{n} is past the end of {marks_path.name}")
                continue
            state = mark_state(marks[n])
            if state is not None:
                size = int(marks[n]["marksize"] or 0)
                candidates.append((-size, n, state))
        if not candidates:
            continue
        candidates.sort()
        _, n, (controller, sides) = candidates[0]
        others = {c[2] for c in candidates[1:]} - {(controller, sides)}
        if others:
            notes.append(f"{place['id']}: marks disagree; wp:{n} (largest) decides")
        rows.append((place["id"], controller, "|".join(sides), n, marks[n]["mark"]))
    rows.sort()
    out = io.StringIO()
    out.write(f"# name: {spec.name}\n# date: {spec.date}\n")
    out.write(f"# source: {spec.source}; built by scripts/build_snapshot.py, see README.md\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return out.getvalue(), notes


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gazetteer", type=Path, default=GAZETTEER)
    parser.add_argument("--check", action="store_true", help="only check the files are up to date")
    args = parser.parse_args(argv)
    stale = 0
    for spec in SPECS:
        text, notes = build(spec.marks, args.gazetteer, spec)
        for note in notes:
            print(f"note: {note}", file=sys.stderr)
        if args.check:
            current = spec.out.read_text(encoding="utf-8") if spec.out.exists() else ""
            if current != text:
                print(f"{spec.out}: out of date; run scripts/build_snapshot.py", file=sys.stderr)
                stale += 1
            continue
        atomic_write_text(spec.out, text)
        count = text.count("\n") - 4
        print(f"{spec.out}: {count} places", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
