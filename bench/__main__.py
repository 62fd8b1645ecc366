"""Run every ``bench_*.py`` module in this folder and print one table: name, value, unit.

Each module defines ``run() -> list[tuple[str, float, str]]``. ``python -m bench NAME...`` runs
only the modules whose names contain one of the words given.
"""

from __future__ import annotations

import importlib
import sys
import traceback
from pathlib import Path


def main(argv: list[str]) -> int:
    here = Path(__file__).resolve().parent
    names = sorted(p.stem for p in here.glob("bench_*.py"))
    if argv:
        names = [n for n in names if any(word in n for word in argv)]
    rows: list[tuple[str, str, str]] = []
    failed = 0
    for name in names:
        try:
            module = importlib.import_module(f"bench.{name}")
            for metric, value, unit in module.run():
                rows.append((metric, f"{value:,.3f}".rstrip("0").rstrip("."), unit))
        except Exception:  # a broken benchmark is reported, the others still run
            failed += 1
            traceback.print_exc()
            rows.append((f"{name} FAILED", "-", "-"))
    width = max([len(r[0]) for r in rows] + [4])
    vwidth = max([len(r[1]) for r in rows] + [5])
    print(f"{'name':<{width}}  {'value':>{vwidth}}  unit")
    print(f"{'-' * width}  {'-' * vwidth}  ----")
    for metric, value, unit in rows:
        print(f"{metric:<{width}}  {value:>{vwidth}}  {unit}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
