"""Every command has help text, and ``geo --help`` loads no heavy library."""

from __future__ import annotations

import subprocess
import sys

import click
import typer
from typer.testing import CliRunner

from geo.cli.main import app


def _commands() -> list[tuple[str, ...]]:
    group = typer.main.get_command(app)
    assert isinstance(group, click.Group)
    found: list[tuple[str, ...]] = []
    for name, command in group.commands.items():
        found.append((name,))
        if isinstance(command, click.Group):
            found.extend((name, sub) for sub in command.commands)
    return found


def test_every_command_has_help(runner: CliRunner) -> None:
    commands = _commands()
    assert commands, "no commands registered"
    for words in commands:
        result = runner.invoke(app, [*words, "--help"])
        assert result.exit_code == 0, words
        group = typer.main.get_command(app)
        assert isinstance(group, click.Group)
        command: click.Command = group
        for word in words:
            assert isinstance(command, click.Group)
            command = command.commands[word]
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
