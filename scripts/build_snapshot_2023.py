"""Build data/snapshots/wikipedia-2023-06.csv from the table of towns of a Wikipedia article.

Usage: python scripts/build_snapshot_2023.py [--check]

Reads data/chronicles/control_of_cities_during_the_syrian_civil_war.md (CC BY-SA 4.0): one table
per governorate, a row per town with the side holding it given by flag image names in its "Held
by" column (geo.chronicles.FLAG_SIDES says which flag is which side). Each town is matched to
the gazetteer by name inside its governorate (the most prominent place of that name: city, then
town, then by population); a town that matches nothing, a row whose cell gives shares of several
sides ("Outside listed towns") and a place named by two rows are left out and listed on standard
error. Same inputs give a byte-identical file. `--check` only compares and exits 1 when the
shipped file is out of date. The date is established in data/snapshots/README.md.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from datafile import write_or_check  # noqa: E402

from geo.chronicles import TownRow, parse_control_table  # noqa: E402
from geo.gazetteer import Gazetteer  # noqa: E402

SOURCE = ROOT / "data" / "chronicles" / "control_of_cities_during_the_syrian_civil_war.md"
OUT = ROOT / "data" / "snapshots" / "wikipedia-2023-06.csv"
NAME = "wikipedia-2023-06"
DATE = "2023-06-16"
#: The article's governorate headings to the gazetteer's ``admin1``.
GOVERNORATES: dict[str, tuple[str, ...]] = {
    "Damascus and Rif Damashq": ("Rif Dimashq", "Damascus"),
    "al-Hasakah": ("Hasakah",),
    "as-Suwayda": ("Suwayda",),
}
#: Places the article names differently from every gazetteer spelling.
SPELLINGS: dict[str, str] = {
    "Ayn al-Arab (Kobanî)": "Kobani",
    "Al-Thawrah": "Tabqa",
}
_KIND_RANK = {"city": 0, "town": 1}


def _names(row: TownRow) -> list[str]:
    name = SPELLINGS.get(row.name, row.name)
    plain = re.sub(r"\s*\(.*?\)\s*", " ", name).strip()
    out = [name, plain]
    if plain.lower().startswith(("al-", "an-", "as-", "ar-", "ad-", "at-")):
        out.append(plain[3:])
    return list(dict.fromkeys(out))


def match(gazetteer: Gazetteer, row: TownRow) -> str | None:
    """The gazetteer id of a town of the table, or ``None``."""
    admin = GOVERNORATES.get(row.governorate, (row.governorate,))
    for name in _names(row):
        found = [p for p in gazetteer.lookup(name)
                 if p.admin1 in admin and p.kind not in ("region", "river")]
        if found:
            best = min(found, key=lambda p: (_KIND_RANK.get(p.kind, 2), -(p.population or 0),
                                             p.id))
            return best.id
    return None


def build(gazetteer: Gazetteer) -> tuple[str, list[str]]:
    """The snapshot text and the rows left out (as messages)."""
    text = SOURCE.read_text(encoding="utf-8")
    left_out: list[str] = []
    states: dict[str, tuple[str, TownRow]] = {}
    for row in parse_control_table(text):
        where = f"{SOURCE.name}:{row.line}: {row.name!r} ({row.governorate})"
        if row.side is None:
            left_out.append(f"{where}: no single side in {row.held_by!r}")
            continue
        pid = match(gazetteer, row)
        if pid is None:
            left_out.append(f"{where}: no gazetteer place of that name in the governorate")
            continue
        if pid in states:
            left_out.append(f"{where}: {pid} already given by line {states[pid][1].line}")
            continue
        states[pid] = (row.side, row)
    buffer = io.StringIO()
    buffer.write(f"# name: {NAME}\n# date: {DATE}\n")
    buffer.write("# source: Wikipedia contributors, \"Control of cities during the Syrian civil "
                 "war\" (CC BY-SA 4.0), as copied on 2023-06-16; see data/snapshots/README.md\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["place_id", "controller", "contested_with", "town", "held_by", "line"])
    for pid in sorted(states):
        side, row = states[pid]
        writer.writerow([pid, side, "", row.name, row.held_by, row.line])
    return buffer.getvalue(), left_out


def main(argv: list[str] | None = None) -> int:
    """Build (or check) the snapshot; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the file is stale")
    args = parser.parse_args(argv)
    text, left_out = build(Gazetteer.load())
    for message in left_out:
        print(f"left out: {message}", file=sys.stderr)
    rows = text.count("\n") - 4
    return write_or_check(OUT, text, check=args.check, root=ROOT, script="build_snapshot_2023.py",
                          summary=f"{rows} places, {len(left_out)} rows left out")

if __name__ == "__main__":
    raise SystemExit(main())
