"""Scale: the --jobs speed-up, Dask against one process, a cold ``geo build seeds``, and peak
memory of extraction over 20,000 documents. Every run is a fresh ``geo`` process, measured
from outside (wall clock; CPU time; peak RSS as the kernel's high-water mark of the command's
own process, not ``wait4``'s, which counts the bench process it was forked from).

Targets (issue 15): ``geo build seeds`` 5 s of CPU or less; 20,000 documents extracted in
300 MB or less. Speed-ups are given two ways. The wall-clock ratio is what this machine gave
now: the load average printed beside it says how busy its cores were, and with Linux's
autogroup scheduling all the processes of one session share one session's slice, so on a busy
machine more processes get no more CPU. The critical-path ratio is what idle cores give: the
CPU time of one process over the CPU time of the busiest worker plus the processes that
coordinate (sampled with psutil every 0.1 s).
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
BUILD_REPORTS = 5_000


def _disk_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def _page_mb(folder: Path) -> float:
    """The largest dated map page of a build (what it shares in map-assets apart)."""
    return max((p.stat().st_size for p in folder.glob("????-??-??.html")), default=0) / 1e6


def build_rows(reports: int = BUILD_REPORTS) -> list[tuple[str, float, str]]:
    """``geo build`` of ``reports`` documents (the chronicle documents cycled), a page a month.

    Targets (issue 15): 2 minutes or less and 200 MB or less on disk.
    """
    work = Path(tempfile.mkdtemp(prefix="geo-bench-build-"))
    folder, _size = many_documents(reports)
    try:
        run = _geo("build", str(folder), "--manifest", str(folder / "manifest.csv"),
                   "--every", "month", "-o", str(work / "maps"))
        pages = len(list((work / "maps").glob("*.html"))) - 2  # the slider and the index
        return [
            (f"scale: geo build {reports:,} reports --every month", run.wall,
             f"s wall, {run.cpu:.1f} s CPU (target 120 s), {pages} map pages"),
            (f"scale: geo build {reports:,} reports, on disk", _disk_mb(work / "maps"),
             "MB (target 200)"),
            (f"scale: geo build {reports:,} reports, largest map page", _page_mb(work / "maps"),
             f"MB (map-assets: {_disk_mb(work / 'maps' / 'map-assets'):.1f} MB)"),
            (f"scale: geo build {reports:,} reports, peak memory", run.peak_mb, "MB"),
        ]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)


@dataclass(frozen=True)
class _Run:
    wall: float
    cpu: float  # every process of the run (workers included)
    critical: float  # CPU on the critical path: the processes that wait on others, plus the
    # busiest of the processes that do the work (leaves of the process tree)
    peak_mb: float  # the largest resident set of the command's own process
    stderr: str


def _high_water_kb(pid: int) -> int:
    """The peak resident set of ``pid`` so far (``VmHWM``, Linux), 0 where it cannot be read."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _geo(*args: str) -> _Run:
    import psutil

    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]))
    start = time.perf_counter()
    cpu: dict[int, float] = {}
    parent: dict[int, int] = {}
    peak_kb = 0
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-m", "geo.cli.main", *args], cwd=ROOT,
                                env=env, stdout=subprocess.DEVNULL, stderr=err)
        root = psutil.Process(proc.pid)
        while True:  # sample the CPU time of every process of the tree until it ends
            try:
                for p in [root, *root.children(recursive=True)]:
                    with p.oneshot():
                        times = p.cpu_times()
                        cpu[p.pid] = times.user + times.system
                        parent[p.pid] = p.ppid()
            except psutil.Error:
                pass
            peak_kb = max(peak_kb, _high_water_kb(proc.pid))
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.1)
        wall = time.perf_counter() - start
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    # wait4's ru_maxrss would count the memory of this (large) bench process that the child
    # was forked from; the kernel's high-water mark of the command's own memory does not.
    peak_mb = peak_kb / 1024 if peak_kb else usage.ru_maxrss / 1024
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"geo {' '.join(args)} failed: {text[-2000:]}")
    inner = set(parent.values())
    leaves = [t for pid, t in cpu.items() if pid not in inner and pid != proc.pid]
    if not leaves:  # one process: its exact CPU time (the samples miss the last 0.1 s)
        own = usage.ru_utime + usage.ru_stime
        return _Run(wall, own, own, peak_mb, text)
    # Each process's own CPU time as last sampled (wait4's figure would count the workers of
    # a process that waited for them, such as a Dask nanny's, twice).
    waiting = sum(t for pid, t in cpu.items() if pid in inner or pid == proc.pid)
    return _Run(wall, sum(cpu.values()), waiting + max(leaves), peak_mb, text)


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
            (f"scale: geo extract -j {cores}", many.wall,
             f"s wall, {many.cpu:.1f} s CPU in all processes"),
            (f"scale: --jobs {cores} speed-up, wall clock", one.wall / many.wall,
             "x (output identical)" if same else "x (OUTPUT DIFFERS)"),
            (f"scale: --jobs {cores} speed-up, CPU critical path", one.cpu / many.critical,
             "x (what idle cores give: the busiest worker plus the coordinating processes)"),
        ]
        dask = _geo("extract", str(folder), "--dask", "local", "-j", str(cores),
                    "-o", str(work / "dask.csv"))
        same = (work / "one.csv").read_bytes() == (work / "dask.csv").read_bytes()
        rows += [
            (f"scale: geo extract --dask local ({cores} workers)", dask.wall,
             f"s wall, {dask.cpu:.1f} s CPU in all processes (scheduler, nannies, workers)"),
            ("scale: Dask local cluster against one process, wall clock", one.wall / dask.wall,
             "x (cluster start included; output identical)" if same else "x (OUTPUT DIFFERS)"),
            ("scale: Dask local cluster against one process, CPU critical path",
             one.cpu / dask.critical, "x"),
        ]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    try:
        build = _geo("build", "seeds", "-o", str(work / "maps"))
        rows += [
            ("scale: geo build seeds, cold", build.cpu, "s CPU (target 5)"),
            ("scale: geo build seeds, cold", build.wall, "s wall"),
            ("scale: geo build seeds, peak memory", build.peak_mb, "MB"),
            ("scale: geo build seeds, on disk", _disk_mb(work / "maps"), "MB"),
            ("scale: geo build seeds, largest map page", _page_mb(work / "maps"),
             f"MB (map-assets: {_disk_mb(work / 'maps' / 'map-assets'):.1f} MB)"),
        ]
        rows += build_rows()
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
