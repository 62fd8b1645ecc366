"""``geo articles``: table, JSON, problems on standard error, exit codes, --strict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from geo.cli.main import app

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (
    "Bridge reopens after repairs\n\n"
    "12 May 2019\n\n"
    "The bridge over the river reopened to traffic on Saturday after engineers finished "
    "repairing the damage left by last year's fighting, the provincial council said.\n"
)
KEYS = ["id", "published", "date_source", "title", "outlet", "url", "words", "source_file"]


def invoke(runner: CliRunner, *args: str) -> Result:
    # While `articles` is the only registered command, typer runs it without its name.
    single = not hasattr(typer.main.get_command(app), "commands")
    return runner.invoke(app, list(args) if single else ["articles", *args])


def test_json_lists_the_fourteen_seed_documents(runner: CliRunner) -> None:
    result = invoke(runner, str(ROOT / "seeds"), "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    records = json.loads(result.stdout)
    assert len(records) == 14
    assert all(list(record) == KEYS for record in records)
    summary = [(r["id"], r["published"], r["date_source"]) for r in records]
    assert summary[0] == ("000_9598ab118105b31b", "2017-11-13", "manifest")
    assert summary[1] == ("001_d779702fe51e1cc0", "2017-11-13", "text")
    assert summary[2] == ("002_20b9dcb76fc68891", "2020-08-25", "text")
    assert summary[3] == ("003_2eb522815f3a1db4#1", "2017-09-05", "text")
    assert summary[12] == ("003_2eb522815f3a1db4#10", "2016-11-08", "text")
    assert summary[13] == ("004_a3a907b2529063a9", "2017-11-21", "manifest")
    assert records[12]["outlet"] == "Space War"
    assert records[12]["source_file"] == str(ROOT / "seeds" / "003_2eb522815f3a1db4.txt")
    assert isinstance(records[12]["words"], int)


def test_default_corpus_is_seeds(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = invoke(runner, "--json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert records[0]["source_file"] == "seeds/000_9598ab118105b31b.txt"


def test_table_shows_ids_dates_sources_titles(runner: CliRunner) -> None:
    result = invoke(runner, str(ROOT / "seeds"))
    assert result.exit_code == 0
    assert "14 documents" in result.stdout
    for word in ("003_2eb522815f3a1db4#10", "2016-11-08", "manifest", "date source", "words"):
        assert word in result.stdout


def test_problems_go_to_stderr_and_exit_code_is_one(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "manifest.csv").write_text("file,published\ngood.txt,12/05/2019\n")
    result = invoke(runner, str(tmp_path), "--json")
    assert result.exit_code == 1
    assert [r["id"] for r in json.loads(result.stdout)] == ["good"]
    assert result.stderr.splitlines() == [
        f"problem: {tmp_path / 'empty.txt'}: empty file",
        f"problem: {tmp_path / 'manifest.csv'}:2: published: not a date: '12/05/2019' "
        "(expected YYYY-MM-DD, year 1990-2100)",
    ]


def test_strict_makes_problems_fatal_and_prints_nothing(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01")
    result = invoke(runner, str(tmp_path), "--strict", "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"problem: {tmp_path / 'binary.txt'}: binary file (NUL byte at offset 0), not text",
        "error: 1 input problem(s); --strict makes them fatal",
    ]


def test_strict_without_problems_lists_documents(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    result = invoke(runner, str(tmp_path), "--strict", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["published"] == "2019-05-12"


def test_manifest_option(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    manifest = tmp_path / "dates.csv"
    manifest.write_text("file,published,outlet\ngood.txt,2019-05-13,River Post\n")
    result = invoke(runner, str(tmp_path / "good.txt"), "--manifest", str(manifest), "--json")
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)[0]
    assert (record["published"], record["date_source"], record["outlet"]) == (
        "2019-05-13", "manifest", "River Post",
    )  # fmt: skip


def test_undated_document_is_listed_and_reported(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("A note without a date about the water supply in the town.\n")
    result = invoke(runner, str(path), "--json")
    assert result.exit_code == 1
    record = json.loads(result.stdout)[0]
    assert (record["published"], record["date_source"]) == (None, "none")
    assert result.stderr == (
        f"problem: {path}:1: published: note: no publication date; give one in manifest.csv\n"
    )
