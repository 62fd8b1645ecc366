"""Build data/history/events.csv: the control changes geo's own extractor reads in the chronicles.

Usage: python scripts/build_history.py [--check] [--report FILE] [--jobs N]

Reads every chronicle of data/chronicles/ (Wikipedia articles, CC BY-SA 4.0; see its README)
with geo.chronicles (year anchoring) and geo.extract (the same extractor as `geo extract`),
merges the reports and writes them with the `geo extract` columns plus `article` (the title and
section each row was read from). Same inputs give a byte-identical file. `--check` only compares
and exits 1 when the shipped file is out of date (rebuild after the extractor or the gazetteer
changes). Wrong rows are fixed in data/history/corrections.csv, never here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from datafile import write_or_check  # noqa: E402

from geo.history import build_history  # noqa: E402
from geo.parallel import resolve_jobs  # noqa: E402

CHRONICLES = ROOT / "data" / "chronicles"
OUT = ROOT / "data" / "history" / "events.csv"


def main(argv: list[str] | None = None) -> int:
    """Build (or check) the history file; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the file is stale")
    parser.add_argument("--report", type=Path, help="write the problems met to this file")
    parser.add_argument("--jobs", "-j", type=int, default=0,
                        help="worker processes (default 0: every core; the file is the same)")
    args = parser.parse_args(argv)
    text, problems = build_history(CHRONICLES, jobs=resolve_jobs(args.jobs))
    if args.report:
        args.report.write_text("".join(f"{p}\n" for p in problems), encoding="utf-8")
    rows = text.count("\n") - 1
    return write_or_check(OUT, text, check=args.check, root=ROOT, script="build_history.py",
                          summary=f"{rows} events, {len(problems)} problems")

if __name__ == "__main__":
    raise SystemExit(main())
