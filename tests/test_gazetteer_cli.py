"""``geo resolve``, ``geo places`` and ``geo gazetteer build|check``: output and exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from geo.cli.main import app

DATA = Path(__file__).resolve().parent / "data"


def test_resolve_prints_choice_and_candidates(runner: CliRunner) -> None:
    result = runner.invoke(app, ["resolve", "Albukamal", "Ain Issa"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Albukamal: sy-abu-kamal  Abu Kamal  (34.4523, 40.9185)  city  SY")
    assert lines[1].startswith("Ain Issa: sy-ain-issa  Ain Issa  (36.3855, 38.8623)  town  SY")
    assert lines[2].startswith("  2. sy-ayn-issa  Ayn Issa  (35.8130, 36.0970)  village  Latakia")


def test_resolve_json_and_exit_code_for_unknown_names(runner: CliRunner) -> None:
    result = runner.invoke(app, ["resolve", "Deir el-Zour", "Qzwrtyb", "Geneva", "--json"])
    assert result.exit_code == 1
    records = json.loads(result.stdout)
    assert [r["query"] for r in records] == ["Deir el-Zour", "Qzwrtyb", "Geneva"]
    first = records[0]
    assert {k: first[k] for k in ("id", "name", "kind", "country", "score", "status")} == {
        "id": "sy-deir-ez-zor", "name": "Deir ez-Zor", "kind": "city", "country": "SY",
        "score": 1.0, "status": "resolved"}
    assert (first["lat"], first["lon"]) == (35.33588, 40.14084)
    assert records[1]["id"] is None and records[1]["status"] == "unresolved"
    assert records[1]["candidates"] == []
    assert records[2]["id"] is None and records[2]["status"] == "foreign"
    assert records[2]["country"] == "CH"
    assert "error: unresolved: 'Qzwrtyb'" in result.stderr


def test_resolve_near(runner: CliRunner) -> None:
    gazetteer = str(DATA / "gazetteer_small.csv")
    far = runner.invoke(app, ["resolve", "Ayn Issa", "--json", "--gazetteer", gazetteer])
    near = runner.invoke(app, ["resolve", "Ayn Issa", "--near", "sy-latakia", "--json",
                               "--gazetteer", gazetteer])
    assert json.loads(far.stdout)[0]["id"] == "sy-ayn-issa"
    assert json.loads(near.stdout)[0]["id"] == "sy-ayn-issa-latakia"


def test_resolve_unknown_near_place(runner: CliRunner) -> None:
    result = runner.invoke(app, ["resolve", "Raqqa", "--near", "Qzwrtyb"])
    assert result.exit_code == 1
    assert "error: --near 'Qzwrtyb' matches no place" in result.stderr


def test_places_csv(runner: CliRunner, tmp_path: Path) -> None:
    article = tmp_path / "wire.txt"
    article.write_text(
        "2019-03-02\n\nSDF fighters closed in on Baghouz, the last pocket near the Iraqi "
        "border.\n\nTalks in Geneva stalled as envoys met in the village of Qzwrtyb Kabir.\n",
        encoding="utf-8")
    result = runner.invoke(app, ["places", str(article), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["surface"], r["place_id"], r["status"]) for r in rows] == [
        ("Baghouz", "sy-baghuz", "resolved"),
        ("Geneva", "", "foreign"),
        ("Qzwrtyb Kabir", "", "unresolved"),
    ]
    assert rows[0]["doc_id"] == "wire" and rows[0]["sentence_index"] == "1"


def test_places_json_and_table(runner: CliRunner, seeds_dir: Path) -> None:
    seed = str(seeds_dir / "001_d779702fe51e1cc0.txt")
    result = runner.invoke(app, ["places", seed, "--format", "json"])
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert list(records[0]) == ["doc_id", "surface", "sentence_index", "place_id", "name", "lat",
                                "lon", "status", "similarity"]
    assert {r["place_id"] for r in records if r["surface"] == "Albukamal"} == {"sy-abu-kamal"}
    table = runner.invoke(app, ["places", seed])
    assert table.exit_code == 0 and "sy-abu-kamal" in table.stdout


def test_places_rejects_an_unknown_format(runner: CliRunner) -> None:
    result = runner.invoke(app, ["places", "--format", "xml"])
    assert result.exit_code == 2
    assert "--format must be table, csv or json, got 'xml'" in result.stderr


def test_gazetteer_check(runner: CliRunner) -> None:
    good = runner.invoke(app, ["gazetteer", "check"])
    assert good.exit_code == 0 and good.stdout.strip().endswith("ok")
    bad_path = DATA / "gazetteer_bad.csv"
    bad = runner.invoke(app, ["gazetteer", "check", str(bad_path)])
    assert bad.exit_code == 1
    assert f"error: {bad_path}:3: lat: missing" in bad.stderr
    assert f"error: {bad_path}:8: lon: not a number: 'east'" in bad.stderr
    assert "6 problem(s)" in bad.stderr


def test_gazetteer_build_refuses_to_overwrite(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "gazetteer.csv").write_text("keep me\n", encoding="utf-8")
    result = runner.invoke(app, ["gazetteer", "build", "--data-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "exists; use --force to overwrite it" in result.stderr
    assert (tmp_path / "gazetteer.csv").read_text(encoding="utf-8") == "keep me\n"


def test_gazetteer_check_names_swapped_coordinates_and_bad_bytes(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "g.csv"
    path.write_text("id,name,alt_names,lat,lon,kind,admin1,country,population,source\n"
                    "sy-swapped,Swapped,,38.55,35.83,town,Raqqa,SY,,test\n", encoding="utf-8")
    result = runner.invoke(app, ["gazetteer", "check", str(path)])
    assert (result.exit_code, result.stderr) == (1, (
        f"error: {path}:2: lat/lon: (38.55, 35.83) lies about 204 km outside SY; "
        "latitude and longitude swapped?\n1 problem(s)\n"
    ))
    path.write_bytes(b"id,name\n\xff\n")
    result = runner.invoke(app, ["gazetteer", "check", str(path)])
    assert (result.exit_code, result.stderr) == (
        2, f"error: {path}:2: not UTF-8 text (byte 0xff at column 1); save it as UTF-8\n"
    )
