"""Assembles the ``geo`` command from one module per command group."""

from __future__ import annotations

import typer

from geo.cli import (
    articles,
    build,
    control,
    export,
    extract,
    gazetteer,
    maps,
    slider,
    stats,
)

app = typer.Typer(
    name="geo",
    help="Dated maps of who holds what in Syria and Iraq, from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)



@app.callback()
def main() -> None:
    """Dated maps of who holds what in Syria and Iraq, from news articles."""


for module in (articles, gazetteer, extract, control, stats, maps, slider, build, export):
    module.register(app)

if __name__ == "__main__":  # pragma: no cover
    app()
