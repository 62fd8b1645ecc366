"""Scale: the --jobs speed-up, Dask against one process, a cold ``geo build seeds``, and peak
memory of extraction over 20,000 documents. Every run is a fresh ``geo`` process, measured
from outside (wall clock; CPU time and peak RSS from ``os.wait4``).

Targets (issue 15): ``geo build seeds`` 5 s of CPU or less; 20,000 documents extracted in
300 MB or less. The speed-ups are wall-clock ratios on this machine: the load average printed
beside them says how busy its cores were (other work shares them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import bench_corpus, many_documents

ROOT = Path(__file__).resolve().parent.parent
MEMORY_DOCUMENTS = 20_000


@dataclass(frozen=True)
class _Run:
    wall: float
    cpu: float  # this process and its waited-for children (workers)
    peak_mb: float  # the largest resident set of the process (or of a worker)
    stderr: str


def _geo(*args: str) -> _Run:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]))
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-m", "geo.cli.main", *args], cwd=ROOT,
                                env=env, stdout=subprocess.DEVNULL, stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"geo {' '.join(args)} failed: {text[-2000:]}")
    return _Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, text)


def run() -> list[tuple[str, float, str]]:
    from geo.parallel import cpu_count

    cores = cpu_count()
    rows: list[tuple[str, float, str]] = []
    work = Path(tempfile.mkdtemp(prefix="geo-bench-scale-"))
    folder, files, size = bench_corpus()
    try:
        load = os.getloadavg()[0]
        one = _geo("extract", str(folder), "-j", "1", "-o", str(work / "one.csv"))
        many = _geo("extract", str(folder), "-j", str(cores), "-o", str(work / "many.csv"))
        same = (work / "one.csv").read_bytes() == (work / "many.csv").read_bytes()
        rows += [
            ("scale: corpus (chronicles cut + seeds)", size / 1e6, f"MB, {files} files"),
            ("scale: load average before the runs", load, f"(this machine has {cores} cores)"),
            ("scale: geo extract -j 1", one.wall, f"s wall, {one.cpu:.1f} s CPU"),
            (f"scale: geo extract -j {cores}", many.wall, f"s wall, {many.cpu:.1f} s CPU"),
            (f"scale: --jobs {cores} speed-up", one.wall / many.wall,
             "x (wall clock; output identical)" if same else "x (OUTPUT DIFFERS)"),
        ]
        dask = _geo("extract", str(folder), "--dask", "local", "-j", str(cores),
                    "-o", str(work / "dask.csv"))
        same = (work / "one.csv").read_bytes() == (work / "dask.csv").read_bytes()
        rows += [
            (f"scale: geo extract --dask local ({cores} workers)", dask.wall,
             f"s wall, {dask.cpu:.1f} s CPU in the client"),
            ("scale: Dask local cluster against one process", one.wall / dask.wall,
             "x (wall clock, cluster start included; output identical)" if same
             else "x (OUTPUT DIFFERS)"),
        ]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    try:
        build = _geo("build", "seeds", "-o", str(work / "maps"))
        rows += [
            ("scale: geo build seeds, cold", build.cpu, "s CPU (target 5)"),
            ("scale: geo build seeds, cold", build.wall, "s wall"),
            ("scale: geo build seeds, peak memory", build.peak_mb, "MB"),
        ]
        folder, size = many_documents(MEMORY_DOCUMENTS)
        try:
            big = _geo("extract", str(folder), "-j", "1", "-o", str(work / "big.csv"),
                       "--report", str(work / "big-report.txt"))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        rows += [
            (f"scale: extract {MEMORY_DOCUMENTS:,} documents, peak memory", big.peak_mb,
             f"MB (target 300; {size / 1e6:.0f} MB of text, -j 1)"),
            (f"scale: extract {MEMORY_DOCUMENTS:,} documents", MEMORY_DOCUMENTS / big.cpu,
             "documents/s per core (CPU time)"),
        ]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return rows


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name:60} {value:10.3f} {unit}")
