"""Outputs are written atomically and never over an existing file unless asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.errors import GeoError, OutputExistsError, Problem
from geo.io import atomic_write_bytes, atomic_write_text


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "events.csv"
    target.write_text("user data\n", encoding="utf-8")
    with pytest.raises(OutputExistsError) as caught:
        atomic_write_text(target, "new", force=False)
    assert str(caught.value) == f"{target}: exists; use --force to overwrite it"
    assert target.read_text(encoding="utf-8") == "user data\n"
    assert isinstance(caught.value, GeoError)
    assert isinstance(caught.value, FileExistsError)


def test_overwrites_with_force_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "map.html"
    atomic_write_bytes(target, b"one")
    atomic_write_bytes(target, b"two", force=True)
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in target.parent.iterdir()) == ["map.html"]


def test_problem_formats_file_line_and_field() -> None:
    assert str(Problem("m.csv", 3, "published", "not a date: 'soon'")) == (
        "m.csv:3: published: not a date: 'soon'"
    )
    assert str(Problem("a.txt", None, None, "empty file")) == "a.txt: empty file"
