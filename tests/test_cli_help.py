"""Every command has help text, and ``geo --help`` loads no heavy library."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import typer
from typer.testing import CliRunner

from geo.cli.main import app


def _subcommands(command: Any) -> dict[str, Any]:
    return dict(getattr(command, "commands", {}))


def _commands() -> list[tuple[tuple[str, ...], Any]]:
    found: list[tuple[tuple[str, ...], Any]] = []
    for name, command in _subcommands(typer.main.get_command(app)).items():
        found.append(((name,), command))
        found.extend(((name, sub), c) for sub, c in _subcommands(command).items())
    return found


def test_every_command_has_help(runner: CliRunner) -> None:
    commands = _commands()
    assert commands, "no commands registered"
    for words, command in commands:
        result = runner.invoke(app, [*words, "--help"])
        assert result.exit_code == 0, words
        assert command.help or command.short_help, f"geo {' '.join(words)} has no help text"


def test_help_imports_no_heavy_library() -> None:
    code = (
        "import sys; from typer.testing import CliRunner; from geo.cli.main import app; "
        "CliRunner().invoke(app, ['--help']); "
        "heavy = {'geopandas', 'shapely', 'folium', 'matplotlib', 'dateparser', 'pyproj'}; "
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
