"""Beyond one machine: corpus extraction on a Dask cluster (``geo extract --dask``).

The client lists the article files (directories walked as :func:`geo.articles.load_documents`
walks them, glob patterns expanded) and cuts the list into partitions of consecutive files.
Each partition is a task: a worker reads its files (they must be at the same path on every
worker: a shared or network file system, or the same copy everywhere), applies the manifests,
and extracts each document with its own copy of the gazetteer (sent to every worker once). The
client puts the per-document results back in file order, drops a document whose id an earlier
partition already used (as one process does), and runs the cross-document steps once, so the
events are the same as one process writes.

dask and distributed are imported here, inside the functions, and only when asked for.
"""

from __future__ import annotations

import glob
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.errors import InputError, Problem

if TYPE_CHECKING:
    from geo.extract import ExtractionResult
    from geo.gazetteer import Gazetteer

#: ``--dask local``: a cluster of worker processes on this machine, one per core.
LOCAL = "local"
_GLOB_CHARS = frozenset("*?[")


def expand_paths(paths: Sequence[Path | str]) -> tuple[list[Path], list[Problem]]:
    """Expand glob patterns (``'corpus/**/*.txt'``) in ``paths``; other paths stay as given.

    A pattern matching nothing is a problem naming it; the matches of one pattern are sorted.
    """
    out: list[Path] = []
    problems: list[Problem] = []
    for given in paths:
        text = str(given)
        if not any(c in _GLOB_CHARS for c in text):
            out.append(Path(given))
            continue
        matches = sorted(glob.glob(text, recursive=True))
        if not matches:
            problems.append(Problem(text, None, None, "the pattern matches no file"))
        out.extend(Path(m) for m in matches)
    return out, problems


def _client(address: str, workers: int | None) -> tuple[Any, Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:  # pragma: no cover - a dependency, but an optional one to run
        raise InputError(f"--dask needs dask.distributed: {error}") from None
    if address == LOCAL:
        from geo.parallel import resolve_jobs

        cluster = LocalCluster(n_workers=resolve_jobs(workers), threads_per_worker=1,
                               processes=True, dashboard_address=None)
        return Client(cluster), cluster
    try:
        return Client(address, timeout="10s"), None
    except OSError as error:
        raise InputError(f"--dask {address}: cannot reach the scheduler: {error}") from None


def extract_on_cluster(
    paths: Sequence[Path | str],
    address: str,
    *,
    gazetteer: Gazetteer | None = None,
    manifest: Path | None = None,
    partitions: int | None = None,
    workers: int | None = None,
) -> tuple[ExtractionResult, int, list[Problem]]:
    """Extract a corpus on a Dask cluster and combine the results as one process would.

    Args:
        paths: Article files, directories and glob patterns, as the workers see them.
        address: The scheduler (``tcp://host:8786``), or ``"local"`` for a cluster of worker
            processes on this machine (``workers`` of them; ``None``: one per core).
        gazetteer: The gazetteer (the shipped one when ``None``), sent once to every worker.
        manifest: A manifest used instead of the auto-detected ones (a path the workers see).
        partitions: Tasks to cut the files into (``None``: four per worker).
        workers: Worker processes of the local cluster.

    Returns:
        The extraction result (events as :func:`geo.extract.extract_events` gives them), the
        number of documents, and the reading problems (files, manifests, dates) met on the way.

    Raises:
        InputError: When the scheduler cannot be reached.
    """
    from geo.articles import _collect
    from geo.gazetteer import Gazetteer
    from geo.parallel import combine_batches, extract_batch, split_evenly

    gaz = gazetteer if gazetteer is not None else Gazetteer.load()
    expanded, problems = expand_paths(paths)
    files, manifests = _collect(expanded, problems)
    if manifest is not None:
        manifests = []
    client, cluster = _client(address, workers)
    try:
        count = partitions or 4 * max(1, len(client.scheduler_info().get("workers", {})))
        runs = split_evenly([name for _path, name in files], count)
        shared = client.scatter(gaz, broadcast=True)
        futures = [client.submit(extract_batch, run, [str(m) for m in manifests],
                                 str(manifest) if manifest else None, shared, pure=False)
                   for run in runs]
        answers = client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return combine_batches(answers, problems)
