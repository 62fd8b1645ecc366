"""Build the baseline snapshot data/snapshots/wikipedia-2017-07.csv from the Wikipedia map marks.

Usage: python scripts/build_snapshot.py [--gazetteer data/gazetteer.csv] [--check]

Reads data/sources/wp_syria_marks.csv (one row per map mark, with the side the map shows) and the
gazetteer (whose `source` column names the marks of each place as `wp:N`, N the 0-based data row),
and writes one row per gazetteer place that has a mark: `place_id, controller, contested_with,
wp_row, wp_mark`. Same inputs give a byte-identical file. `--check` only compares and exits 1
when the shipped file is out of date.

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

When several marks map to one place, the mark drawn largest decides (ties: the first row).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.io import atomic_write_text  # noqa: E402

MARKS = ROOT / "data" / "sources" / "wp_syria_marks.csv"
GAZETTEER = ROOT / "data" / "gazetteer.csv"
OUT = ROOT / "data" / "snapshots" / "wikipedia-2017-07.csv"
NAME = "wikipedia-2017-07"
DATE = "2017-07-18"

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


def wp_rows(source: str) -> list[int]:
    """The wp:N references of a gazetteer `source` value."""
    out = []
    for part in source.split(";"):
        key, _, value = part.strip().partition(":")
        if key == "wp" and value.isdigit():
            out.append(int(value))
    return out


def build(marks_path: Path, gazetteer_path: Path) -> tuple[str, list[str]]:
    """Return the snapshot CSV text and the notes (unmapped minimaps, disagreements)."""
    with marks_path.open(encoding="utf-8", newline="") as handle:
        marks = list(csv.DictReader(handle))
    with gazetteer_path.open(encoding="utf-8", newline="") as handle:
        places = list(csv.DictReader(handle))
    notes: list[str] = []
    rows: list[tuple[str, str, str, int, str]] = []
    for place in places:
        candidates = []
        for n in wp_rows(place.get("source", "")):
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
    out.write(f"# name: {NAME}\n# date: {DATE}\n")
    out.write(
        "# source: Wikipedia contributors, Module:Syrian Civil War detailed map, CC BY-SA 4.0;"
        " built by scripts/build_snapshot.py, see README.md\n"
    )
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return out.getvalue(), notes


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gazetteer", type=Path, default=GAZETTEER)
    parser.add_argument("--marks", type=Path, default=MARKS)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="only check the file is up to date")
    args = parser.parse_args(argv)
    text, notes = build(args.marks, args.gazetteer)
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out}: out of date; run scripts/build_snapshot.py", file=sys.stderr)
            return 1
        return 0
    atomic_write_text(args.out, text)
    count = text.count("\n") - 4
    print(f"{args.out}: {count} places", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
