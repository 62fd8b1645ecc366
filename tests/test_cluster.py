"""geo.cluster: extraction on a Dask cluster of two worker processes, against one process."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from geo.cli.main import app
from geo.cluster import expand_paths, extract_on_cluster
from geo.errors import Problem
from geo.extract import events_to_csv, extract_events
from geo.gazetteer import Gazetteer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A local cluster of two worker processes, one thread each, started for these tests."""
    from distributed import LocalCluster

    cluster = LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                           dashboard_address=None)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.fixture
def corpus(tmp_path: Path, seeds_dir: Path) -> Path:
    """The seeds in two folders, plus a copy of one seed under a name already used."""
    folder = tmp_path / "corpus"
    shutil.copytree(seeds_dir, folder / "a")
    (folder / "b").mkdir()
    first = sorted(seeds_dir.glob("*.txt"))[0]
    shutil.copyfile(first, folder / "b" / first.name)  # same stem: same document id
    return folder


def _one_process(corpus: Path) -> tuple[str, list[Problem]]:
    from geo.articles import load_documents

    documents, problems = load_documents([corpus])
    result = extract_events(documents, Gazetteer.load(), jobs=1)
    return events_to_csv(result.events), [*problems, *result.problems]


def test_expand_paths(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found, problems = expand_paths([str(tmp_path / "*.txt"), tmp_path / "c.md",
                                    str(tmp_path / "none-*.txt")])
    assert found == [tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.md"]
    assert [str(p) for p in problems] == [f"{tmp_path}/none-*.txt: the pattern matches no file"]


def test_cluster_gives_the_one_process_events(scheduler: str, corpus: Path) -> None:
    expected, one_problems = _one_process(corpus)
    result, count, problems = extract_on_cluster([corpus], scheduler, partitions=3)
    assert events_to_csv(result.events) == expected
    assert count == 14
    assert {*problems, *result.problems} == set(one_problems)
    duplicate = [p for p in problems if "already used" in p.message]
    assert len(duplicate) == 1
    assert Path(duplicate[0].file).parent == corpus / "b"


def test_cli_dask_with_a_glob(scheduler: str, corpus: Path, tmp_path: Path,
                              runner: CliRunner) -> None:
    one = tmp_path / "one.csv"
    many = tmp_path / "many.csv"
    result = runner.invoke(app, ["extract", str(corpus / "a"), "-j", "1", "-o", str(one)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["extract", str(corpus / "a" / "*.txt"),
                                 "--manifest", str(corpus / "a" / "manifest.csv"),
                                 "--dask", scheduler, "--partitions", "4", "-o", str(many)])
    assert result.exit_code == 0, result.output
    assert many.read_bytes() == one.read_bytes()
    assert "events from 14 documents" in result.stderr


def test_cli_dask_unreachable_scheduler(runner: CliRunner, seeds_dir: Path) -> None:
    result = runner.invoke(app, ["extract", str(seeds_dir), "--dask", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --dask tcp://127.0.0.1:9: cannot reach the "
                                    "scheduler: ")
