"""A large corpus for throughput figures: the seeds replicated to a given size."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def replicated_seeds(min_bytes: int = 20 * 1024 * 1024) -> tuple[Path, int, int]:
    """Copy the seed articles into a temporary directory until it holds ``min_bytes``.

    Returns:
        The directory, the number of files written and their total size in bytes. The caller
        removes the directory (``shutil.rmtree``).
    """
    seeds = sorted(p for p in SEEDS.glob("*.txt"))
    out = Path(tempfile.mkdtemp(prefix="geo-bench-"))
    total = files = 0
    copy = 0
    while total < min_bytes:
        for seed in seeds:
            target = out / f"{copy:05d}_{seed.name}"
            shutil.copyfile(seed, target)
            total += target.stat().st_size
            files += 1
        copy += 1
    return out, files, total
