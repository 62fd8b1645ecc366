"""geo.parallel: the one parallel map, and --jobs giving the same output as one process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bench.corpus import chronicle_documents, write_corpus
from geo.articles import load_documents
from geo.cli.main import app
from geo.errors import InputError
from geo.extract import events_to_csv, extract_events
from geo.gazetteer import Gazetteer
from geo.parallel import (
    SERIAL_BELOW,
    cpu_count,
    extract_parallel,
    parallel_map,
    resolve_jobs,
    split_evenly,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _square_plus(item: int, shared: int) -> tuple[int, int]:
    return item * item + shared, os.getpid()


def _fail_on_seven(item: int, shared: None) -> int:
    if item == 7 * SERIAL_BELOW:
        raise RuntimeError(f"bad item {item}")
    return item


@pytest.fixture(scope="module")
def chronicle_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """150 documents cut from the chronicles (real, distinct text) plus the seeds, on disk."""
    if not (SHARED / "corpora" / "wikipedia-war").is_dir() and os.environ.get("CI") != "true":
        pytest.skip("the chronicle corpus is not beside the repository")
    folder = tmp_path_factory.mktemp("chronicles")
    docs = chronicle_documents()
    write_corpus(folder, docs[::10][:150])
    return folder


def test_resolve_jobs() -> None:
    assert resolve_jobs(None) == cpu_count()
    assert resolve_jobs(0) == cpu_count()
    assert resolve_jobs(3) == 3
    with pytest.raises(InputError, match=r"^--jobs must be 0 or more \(0: every core\), not -2$"):
        resolve_jobs(-2)


def test_split_evenly_keeps_order_and_sizes() -> None:
    assert split_evenly(list(range(7)), 3) == [[0, 1, 2], [3, 4], [5, 6]]
    assert split_evenly([1, 2], 5) == [[1], [2]]
    assert split_evenly([], 4) == []


def test_parallel_map_keeps_order_and_uses_workers() -> None:
    items = list(range(4 * SERIAL_BELOW))
    out = list(parallel_map(_square_plus, items, 5, jobs=2, chunk=7))
    assert [value for value, _pid in out] == [i * i + 5 for i in items]
    assert os.getpid() not in {pid for _value, pid in out}


def test_parallel_map_short_input_runs_here() -> None:
    out = list(parallel_map(_square_plus, range(3), 1, jobs=2))
    assert out == [(1, os.getpid()), (2, os.getpid()), (5, os.getpid())]


def test_parallel_map_raises_the_workers_error() -> None:
    with pytest.raises(RuntimeError, match=f"^bad item {7 * SERIAL_BELOW}$"):
        list(parallel_map(_fail_on_seven, range(10 * SERIAL_BELOW), None, jobs=2))


def test_two_jobs_give_the_one_process_result(chronicle_corpus: Path) -> None:
    documents, _ = load_documents([chronicle_corpus])
    assert len(documents) > SERIAL_BELOW
    gazetteer = Gazetteer.load()
    one = extract_events(documents, gazetteer, jobs=1)
    two = extract_parallel(iter(documents), gazetteer, jobs=2)
    assert len(one.events) > 20
    assert events_to_csv(two.events) == events_to_csv(one.events)
    assert two.observations == one.observations
    assert two.problems == one.problems


def test_cli_jobs_writes_the_same_file(runner: CliRunner, chronicle_corpus: Path,
                                       tmp_path: Path) -> None:
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"events-{jobs}.csv"
        result = runner.invoke(app, ["extract", str(chronicle_corpus), "--jobs", jobs,
                                     "-o", str(out)])
        assert result.exit_code == 0, result.output
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0].count(b"\n") > 20


def test_cli_refuses_negative_jobs(runner: CliRunner, seeds_dir: Path) -> None:
    result = runner.invoke(app, ["extract", str(seeds_dir), "--jobs", "-1"])
    assert result.exit_code == 2
    assert result.stderr == "error: --jobs must be 0 or more (0: every core), not -1\n"


def test_load_corpus_with_two_jobs_is_the_same_corpus(chronicle_corpus: Path) -> None:
    from geo.pipeline import load_corpus

    gazetteer = Gazetteer.load()
    one = load_corpus([chronicle_corpus], gazetteer=gazetteer, jobs=1)
    two = load_corpus([chronicle_corpus], gazetteer=gazetteer, jobs=2)
    assert events_to_csv(two.events) == events_to_csv(one.events)
    assert (two.observations, two.problems) == (one.observations, one.problems)


def test_build_refuses_negative_jobs(runner: CliRunner, seeds_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(seeds_dir), "-o", str(tmp_path / "maps"),
                                 "-j", "-3"])
    assert result.exit_code == 2
    assert result.stderr == "error: --jobs must be 0 or more (0: every core), not -3\n"
    assert not (tmp_path / "maps").exists()


@pytest.mark.parametrize("jobs", [1, 2])
def test_extract_files_in_batches_is_load_then_extract(chronicle_corpus: Path, seeds_dir: Path,
                                                       tmp_path: Path, jobs: int) -> None:
    import shutil

    from geo.parallel import extract_files

    first_seed = sorted(seeds_dir.glob("*.txt"))[0]
    again = tmp_path / f"seed-{first_seed.name}"
    shutil.copyfile(first_seed, again)
    paths = [chronicle_corpus, again]  # the seed twice: the second is a duplicate id
    gazetteer = Gazetteer.load()
    documents, read = load_documents(paths)
    one = extract_events(documents, gazetteer, jobs=1)
    result, count, problems = extract_files(paths, gazetteer, jobs=jobs, batch=16)
    assert count == len(documents)
    assert events_to_csv(result.events) == events_to_csv(one.events)
    assert result.observations == one.observations
    assert result.problems == one.problems
    assert set(problems) == set(read)
    assert [p.message for p in problems if "already used" in p.message] == [
        f"document id {again.stem!r} is already used by "
        f"{chronicle_corpus / ('seed-' + first_seed.name)}; this article is skipped"]
