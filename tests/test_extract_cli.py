"""The ``geo extract`` command on the seed articles."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from geo.cli.main import app
from geo.extract import EVENT_COLUMNS, read_events
from geo.paths import data_path

pytestmark = pytest.mark.skipif(not data_path("gazetteer.csv").is_file(),
                                reason="data/gazetteer.csv not built")

HEADER = ("event_id,date,date_precision,place,place_id,lat,lon,controller,previous_controller,"
          "kind,confidence,doc_id,sentence,contradicted_by")


def test_header_is_the_contract() -> None:
    assert ",".join(EVENT_COLUMNS) == HEADER


def test_extract_to_stdout(runner: CliRunner, seeds_dir: Path) -> None:
    result = runner.invoke(app, ["extract", str(seeds_dir), "-o", "-"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == HEADER
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows, "no events from the seeds"
    assert all(r["doc_id"] and ";" not in r["doc_id"] for r in rows)
    assert {r["controller"] for r in rows} <= {"government", "is", "sdf", "turkish_backed",
                                               "iraq", "rebels", "hts", "kurdistan"}
    assert "events from" in result.stderr


def test_extract_file_is_reproducible_and_not_overwritten(
        runner: CliRunner, seeds_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    first = runner.invoke(app, ["extract", str(seeds_dir), "-o", str(out)])
    assert first.exit_code == 0, first.output
    content = out.read_bytes()
    again = runner.invoke(app, ["extract", str(seeds_dir), "-o", str(out)])
    assert again.exit_code == 2
    assert f"error: {out}: exists; use --force to overwrite it" in again.stderr
    forced = runner.invoke(app, ["extract", str(seeds_dir), "-o", str(out), "--force"])
    assert forced.exit_code == 0
    assert out.read_bytes() == content
    assert read_events(out)


def test_extract_merged_json(runner: CliRunner, seeds_dir: Path, tmp_path: Path) -> None:
    single = runner.invoke(app, ["extract", str(seeds_dir), "-o", "-"])
    merged_out = tmp_path / "merged.json"
    result = runner.invoke(app, ["extract", str(seeds_dir), "-o", str(merged_out), "--merged"])
    assert result.exit_code == 0, result.output
    merged = json.loads(merged_out.read_text(encoding="utf-8"))
    assert list(merged[0]) == [*EVENT_COLUMNS, "conflict"]
    assert len(merged) < len(single.stdout.splitlines()) - 1
    assert any(";" in row["doc_id"] for row in merged)


def test_extract_report(runner: CliRunner, seeds_dir: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(seeds_dir / "002_20b9dcb76fc68891.txt", corpus / "a.txt")
    (corpus / "b.txt").write_text("Rebels seized the town on Friday.\n", encoding="utf-8")
    report = tmp_path / "report.txt"
    result = runner.invoke(app, ["extract", str(corpus), "-o", "-", "--report", str(report)])
    assert result.exit_code == 0, result.output
    text = report.read_text(encoding="utf-8")
    assert "b: place: no place of the gazetteer is named" in text
    assert "b: date: no publication date" in text
    assert f"(see {report})" in result.stderr


def test_extract_missing_path_is_reported(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    result = runner.invoke(app, ["extract", str(missing), "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout == HEADER + "\n"
    assert f"problem: {missing}: no such file or directory" in result.stderr
    assert "0 events from 0 documents; 0 observations; 1 problems" in result.stderr
