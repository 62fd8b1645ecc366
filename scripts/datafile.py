"""Write a generated data file, or with ``--check`` only say whether the shipped one is current."""

from __future__ import annotations

import sys
from pathlib import Path

from geo.io import atomic_write_text


def write_or_check(out: Path, text: str, *, check: bool, root: Path, script: str,
                   summary: str) -> int:
    """Write ``text`` to ``out`` atomically, or compare it with ``out``; return the exit code.

    ``summary`` ("806 events") goes into the message; with ``check`` a stale or missing file
    exits 1 and names the ``script`` that rebuilds it.
    """
    name = out.relative_to(root)
    if check:
        current = out.read_text(encoding="utf-8") if out.is_file() else ""
        if current != text:
            print(f"{name} is out of date; run scripts/{script}", file=sys.stderr)
            return 1
        print(f"{name} is up to date ({summary})")
        return 0
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(out, text, force=True)
    print(f"wrote {name}: {summary}")
    return 0
