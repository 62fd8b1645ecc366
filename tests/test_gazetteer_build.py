"""The gazetteer build: reproducible, up to date, every source row accounted for."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geo.errors import GazetteerError
from geo.gazetteer_build import _wp_names, build

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built() -> tuple[str, str]:
    text, disagreements, _, _ = build(ROOT / "data")
    return text, disagreements


def test_shipped_csv_is_what_the_build_gives(built: tuple[str, str]) -> None:
    assert built[0] == (ROOT / "data" / "gazetteer.csv").read_text(encoding="utf-8")
    assert built[1] == (ROOT / "data" / "gazetteer_disagreements.csv").read_text(
        encoding="utf-8")


def test_build_is_byte_identical_twice(built: tuple[str, str]) -> None:
    assert build(ROOT / "data")[0] == built[0]


def test_minimap_cities_take_curated_coordinates(built: tuple[str, str]) -> None:
    rows = {line.split(",", 1)[0]: line for line in built[0].splitlines()}
    aleppo = rows["sy-aleppo"]
    assert ",36.20124,37.16117,city,Aleppo,SY," in aleppo
    assert aleppo.endswith("wp:0;wp:2204;geonames:170063;curated")


def test_disagreements_list_the_minimaps(built: tuple[str, str]) -> None:
    lines = built[1].splitlines()
    assert lines[0] == ("wp_row,wp_name,wp_lat,wp_lon,geonames_id,geonames_name,geonames_lat,"
                        "geonames_lon,distance_km,used")
    assert any(line.startswith("0,Aleppo,36.103,37.308,170063,") for line in lines)


def test_wp_label_alternates() -> None:
    assert _wp_names("Kobanî (Ayn al-Arab)", "city") == ("Kobanî", ["Ayn al-Arab"])
    assert _wp_names("Uwayshiyah/Ayashia", "village") == ("Uwayshiyah", ["Ayashia"])
    assert _wp_names("137th Regiment (Khan ash-Shih)", "base") == (
        "137th Regiment (Khan ash-Shih)", ["137th Regiment"])


def test_curated_row_with_a_bad_kind(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "sources", data / "sources")
    shutil.copytree(ROOT / "data" / "boundaries", data / "boundaries")
    (data / "gazetteer_curated.csv").write_text(
        "name,alt_names,lat,lon,kind,country,population,merge,coord_source\n"
        "Somewhere,,35,38,castle,SY,,,test\n", encoding="utf-8")
    with pytest.raises(GazetteerError) as info:
        build(data)
    assert str(info.value) == f"{data / 'gazetteer_curated.csv'}:2: kind: unknown kind 'castle'"


def test_cli_build_writes_the_files(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from geo.cli.main import app

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "sources", data / "sources")
    shutil.copytree(ROOT / "data" / "boundaries", data / "boundaries")
    shutil.copy(ROOT / "data" / "gazetteer_curated.csv", data / "gazetteer_curated.csv")
    result = CliRunner().invoke(app, ["gazetteer", "build", "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("7810 places (IQ 1589, SY 6221) from 7656 Wikipedia marks")
    for name in ("gazetteer.csv", "gazetteer_disagreements.csv", "english_words.txt"):
        assert (data / name).read_bytes() == (ROOT / "data" / name).read_bytes(), name
