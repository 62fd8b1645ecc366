"""Every core of a machine: documents extracted by worker processes, combined in order.

:func:`parallel_map` is the one parallel map the pipeline uses (``geo extract --jobs``,
```geo build --jobs`` and the history build): it cuts an iterable into chunks, sends them to a pool
of worker processes each holding its own copy of a shared object (the gazetteer, sent once per
worker), keeps only a few chunks in flight so memory stays bounded however long the input, and
yields the results in input order, so the output is the same for any number of workers.
:func:`extract_parallel` runs :func:`geo.extract.extract_document` that way and the
cross-document steps (:func:`geo.extract.combine_results`) after it.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from geo.errors import Problem

if TYPE_CHECKING:
    from geo.extract import ExtractionResult, GazetteerLike
    from geo.models import Document

T = TypeVar("T")
R = TypeVar("R")

#: Fewer items than this run in the calling process: starting workers would cost more.
SERIAL_BELOW = 48
#: Items sent to a worker at a time (at most; fewer when the input is short).
CHUNK = 32
#: Files read at a time by :func:`extract_files` (per worker): what bounds its memory. Each
#: batch parses the manifests again (a manifest row is checked against the disk), so a batch is
#: large enough for that to stay a small part of the work.
BATCH_FILES = 2048

_shared: Any = None


def cpu_count() -> int:
    """The cores this process may run on (the affinity mask where the system has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def resolve_jobs(jobs: int | None) -> int:
    """``None`` or 0 means every core; a negative number is refused.

    Raises:
        InputError: When ``jobs`` is negative.
    """
    if jobs is None or jobs == 0:
        return cpu_count()
    if jobs < 0:
        from geo.errors import InputError

        raise InputError(f"--jobs must be 0 or more (0: every core), not {jobs}")
    return jobs


def _init(shared: Any) -> None:
    global _shared
    _shared = shared


def _run_chunk(fn: Callable[[Any, Any], Any], chunk: list[Any]) -> list[Any]:
    return [fn(item, _shared) for item in chunk]


def _chunks(items: Iterator[T], size: int) -> Iterator[list[T]]:
    while chunk := list(islice(items, size)):
        yield chunk


def parallel_map(
    fn: Callable[[T, Any], R],
    items: Iterable[T],
    shared: Any = None,
    *,
    jobs: int | None = None,
    chunk: int = CHUNK,
    serial_below: int = SERIAL_BELOW,
) -> Iterator[R]:
    """Yield ``fn(item, shared)`` for every item, in order, computed by ``jobs`` processes.

    ``fn`` must be a module-level function (it is pickled by name). ``shared`` is pickled once
    per worker, not once per item. With one job, or fewer than ``serial_below`` items, the
    work runs in this process with no pool at all. At most two chunks per worker are in flight,
    so the input is read lazily and memory stays bounded.

    Raises:
        InputError: When ``jobs`` is negative.
        Exception: Whatever ``fn`` raises, re-raised here.
    """
    workers = resolve_jobs(jobs)
    source = iter(items)
    head = list(islice(source, serial_below))
    if workers == 1 or len(head) < serial_below:
        for item in head:
            yield fn(item, shared)
        for item in source:
            yield fn(item, shared)
        return
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor
    from itertools import chain

    # forkserver: safe when the caller runs threads (a progress bar), cheaper than spawn.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(["geo.extract", "geo.gazetteer", "geo.parallel"])
    size = max(1, min(chunk, len(head) // workers))
    chunks = _chunks(chain(head, source), size)
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init,
                             initargs=(shared,)) as pool:
        pending: deque[Future[list[R]]] = deque()
        for piece in islice(chunks, 2 * workers):
            pending.append(pool.submit(_run_chunk, fn, piece))
        while pending:
            done = pending.popleft().result()
            nxt = next(chunks, None)
            if nxt is not None:
                pending.append(pool.submit(_run_chunk, fn, nxt))
            yield from done


def _extract_one(doc: Document, gazetteer: GazetteerLike) -> ExtractionResult:
    from geo.extract import extract_document

    return extract_document(doc, gazetteer)


def extract_parallel(
    documents: Iterable[Document], gazetteer: GazetteerLike, *, jobs: int | None = None
) -> ExtractionResult:
    """:func:`geo.extract.extract_events` on ``jobs`` processes (``None``: every core).

    Each document is extracted alone in a worker holding its own copy of the gazetteer; the
    results are combined in document order and the cross-document steps run once, here, so the
    result equals the one-process result exactly.
    """
    from geo.extract import combine_results

    return combine_results(parallel_map(_extract_one, documents, gazetteer, jobs=jobs))


def split_evenly(items: Sequence[T], parts: int) -> list[list[T]]:
    """Cut ``items`` into at most ``parts`` consecutive runs of nearly equal length."""
    parts = max(1, min(parts, len(items)))
    step, extra = divmod(len(items), parts)
    out: list[list[T]] = []
    start = 0
    for i in range(parts):
        end = start + step + (1 if i < extra else 0)
        out.append(list(items[start:end]))
        start = end
    return [run for run in out if run]


@dataclass(frozen=True)
class DocResult:
    """One document's extraction, with what is needed to put it back in corpus order."""

    doc_id: str
    name: str
    line: int
    result: ExtractionResult
    undated: Problem | None = None


def extract_batch(
    files: list[str], manifests: list[str], manifest: str | None, gazetteer: GazetteerLike
) -> tuple[list[Problem], list[DocResult]]:
    """Read ``files`` (with every manifest) and extract each of their documents alone.

    Returns the reading problems and one :class:`DocResult` per document; an undated document's
    problem travels with it (see :func:`combine_batches`).
    """
    from geo.articles import load_documents
    from geo.extract import extract_document

    documents, problems = load_documents([*files, *manifests],
                                         manifest=Path(manifest) if manifest else None)
    undated = {(p.file, p.line): p for p in problems if p.field == "published"}
    out = []
    for d in documents:
        own = undated.pop((d.source_file, d.line), None) if d.published is None else None
        out.append(DocResult(d.id, d.source_file, d.line, extract_document(d, gazetteer), own))
    return [p for p in problems if p.field != "published" or (p.file, p.line) in undated], out


def combine_batches(
    answers: Iterable[tuple[list[Problem], list[DocResult]]], problems: list[Problem]
) -> tuple[ExtractionResult, int, list[Problem]]:
    """Put batches of documents back together as one reading of the whole corpus would.

    A document whose id an earlier batch already used is dropped with a problem (as
    :func:`geo.articles.load_documents` drops it), a problem every batch met (a manifest's) is
    kept once, and the cross-document steps run once over every document in order.

    Returns:
        The extraction result, the number of documents kept, and ``problems`` extended with
        the reading problems.
    """
    from geo.extract import combine_results

    results: list[ExtractionResult] = []
    seen: dict[str, str] = {}
    shown: set[Problem] = set()
    for read_problems, docs in answers:
        for problem in read_problems:
            if problem not in shown:  # every batch reads the manifests: report once
                shown.add(problem)
                problems.append(problem)
        for doc in docs:
            if doc.doc_id in seen:
                problems.append(Problem(doc.name, doc.line, None,
                                        f"document id {doc.doc_id!r} is already used by "
                                        f"{seen[doc.doc_id]}; this article is skipped"))
                continue
            seen[doc.doc_id] = doc.name
            if doc.undated is not None:
                problems.append(doc.undated)
            results.append(doc.result)
    return combine_results(results), len(results), problems


def _batch_task(files: list[str], shared: tuple[list[str], str | None, GazetteerLike]
                ) -> tuple[list[Problem], list[DocResult]]:
    manifests, manifest, gazetteer = shared
    return extract_batch(files, manifests, manifest, gazetteer)


def extract_files(
    paths: Sequence[Path | str],
    gazetteer: GazetteerLike,
    *,
    manifest: Path | None = None,
    jobs: int | None = None,
    batch: int = BATCH_FILES,
) -> tuple[ExtractionResult, int, list[Problem]]:
    """Read and extract a corpus a batch of files at a time, on ``jobs`` processes.

    What ``geo extract`` runs: the documents of at most a few batches are in memory at once
    (never the whole corpus), and the events are those of
    :func:`geo.articles.load_documents` followed by :func:`geo.extract.extract_events`.

    Args:
        paths: Article files and directories.
        gazetteer: The gazetteer.
        manifest: A manifest used instead of the auto-detected ones.
        jobs: Worker processes (``None``: every core).
        batch: Files read at a time (fewer, so that every worker gets several batches).

    Returns:
        The extraction result, the number of documents, and the reading problems.
    """
    from geo.articles import _collect

    workers = resolve_jobs(jobs)
    problems: list[Problem] = []
    files, manifests = _collect(paths, problems)
    if manifest is not None:
        manifests = []
    size = max(1, min(batch, -(-len(files) // (4 * workers))))
    names = [name for _path, name in files]
    batches = [names[i : i + size] for i in range(0, len(names), size)]
    shared = ([str(m) for m in manifests], str(manifest) if manifest else None, gazetteer)
    # Parallel only when there are documents enough to pay for the workers.
    serial_below = 2 if len(files) >= SERIAL_BELOW else len(batches) + 1
    answers = parallel_map(_batch_task, batches, shared, jobs=workers, chunk=1,
                           serial_below=serial_below)
    return combine_batches(answers, problems)
