"""The README's Python example runs, and its commands exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from geo.cli.main import app

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def _python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_the_python_example_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocks = _python_blocks()
    assert len(blocks) == 1
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    exec(compile(blocks[0], "README.md", "exec"), namespace)
    shares = namespace["shares"]
    assert list(shares.columns) == [  # type: ignore[attr-defined]
        "date", "side", "area_km2", "share", "places", "geometry",
    ]
    assert sorted(set(shares.date)) == ["2017-09-01", "2018-01-02"]  # type: ignore[attr-defined]
    assert type(namespace["m"]).__name__ == "Map"
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].split() == ["date", "side", "area_km2", "share"]
    assert printed[1].split()[1:3] == ["2017-09-01", "government"]


def test_the_screenshots_exist() -> None:
    for name in ("map.png", "slider.png", "slider-phone.png"):
        data = (ROOT / "docs" / name).read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n"), name
        assert f"docs/{name}" in README.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["export", "map", "slider", "stats"])
def test_the_commands_shown_have_help(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
