"""``geo articles``: list the documents of a corpus, with their dates and where they came from."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from geo.cli.common import (
    ManifestOpt,
    PathsArg,
    StrictOpt,
    cli_errors,
    corpus_paths,
    echo_data,
    report_problems,
    shown,
)
from geo.errors import InputError
from geo.models import Document

JSON_KEYS: tuple[str, ...] = (
    "id", "published", "date_source", "title", "outlet", "url", "words", "source_file",
)  # fmt: skip


def document_record(document: Document) -> dict[str, Any]:
    """The ``--json`` object for one document, with keys :data:`JSON_KEYS` in that order."""
    return {
        "id": document.id,
        "published": document.published.isoformat() if document.published else None,
        "date_source": document.date_source,
        "title": document.title,
        "outlet": document.outlet,
        "url": document.url,
        "words": document.words,
        "source_file": document.source_file,
    }


def _print_table(documents: list[Document]) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False, markup=False)
    id_width = max([len(d.id) for d in documents] + [2])
    # Titles are cut to the room left, so each document keeps to one line.
    title_width = max(10, console.width - id_width - len("2017-11-13date sourcewords") - 17)
    table = Table(title=f"{len(documents)} documents", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("id", no_wrap=True)
    table.add_column("published", no_wrap=True)
    table.add_column("date source", no_wrap=True)
    table.add_column("title", no_wrap=True, overflow="ellipsis", max_width=title_width)
    table.add_column("words", justify="right", no_wrap=True)
    for document in documents:
        table.add_row(
            shown(document.id),
            document.published.isoformat() if document.published else "-",
            document.date_source,
            shown(document.title or ""),
            str(document.words),
        )
    console.print(table)


def articles(
    paths: PathsArg = None,
    manifest: ManifestOpt = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON list of documents instead of a table.")
    ] = False,
    strict: StrictOpt = False,
) -> None:
    """List the articles read from PATHS: id, publication date and its source, title, words.

    Problems (bad files or manifest rows, undated documents) go to standard error: exit code 1.

    With --strict any problem is fatal: exit code 2 and nothing on standard output.
    """
    from geo.articles import load_documents

    with cli_errors():
        documents, problems = load_documents(corpus_paths(paths), manifest=manifest)
        if strict and problems:
            report_problems(problems)
            raise InputError(f"{len(problems)} input problem(s); --strict makes them fatal")
    if as_json:
        echo_data(json.dumps([document_record(d) for d in documents], indent=2,
                             ensure_ascii=False) + "\n")
    else:
        _print_table(documents)
    if report_problems(problems):
        raise typer.Exit(code=1)


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("articles")(articles)
