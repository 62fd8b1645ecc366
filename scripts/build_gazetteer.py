"""Rebuild data/gazetteer.csv from the shipped sources (same as `geo gazetteer build --force`)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.gazetteer_build import write_build  # noqa: E402


def main(argv: list[str]) -> int:
    report = write_build(ROOT / "data", force="--force" in argv or True)
    print(f"{report.rows} places ({', '.join(f'{k} {v}' for k, v in report.by_country.items())})")
    print(f"by kind: {', '.join(f'{k} {v}' for k, v in report.by_kind.items())}")
    print(f"{len(report.disagreements)} WP/GeoNames disagreements over 5 km "
          "(data/gazetteer_disagreements.csv)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
