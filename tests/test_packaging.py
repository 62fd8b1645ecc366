"""``pip install .`` (not only editable) ships the data files the library reads at run time."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_carries_data_files(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("geo-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "geo/_data/gazetteer.csv",
        "geo/_data/boundaries/syria-region.geojson",
        "geo/_data/README.md",
        "geo/py.typed",
    ):
        assert required in names, f"{required} missing from {wheel.name}"


def test_data_dir_found_in_checkout() -> None:
    from geo.paths import data_dir

    assert (data_dir() / "boundaries" / "syria-region.geojson").is_file()
