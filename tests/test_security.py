"""Article text is never template source: the reproduction of issue 10 (template injection).

A title, outlet, link, date note, sentence or file name holding Jinja syntax must reach the pages
as the same characters, evaluated nowhere, and never stop a build.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from geo.cli.main import app
from geo.render import inert_text

#: Runs a shell command if a template engine evaluates it: it would create ``PWNED`` in the cwd.
RCE = "{{7*7}} {{lipsum.__globals__.os.system('touch PWNED')}}"
#: Text from a wiki that broke builds with a TemplateSyntaxError.
WIKI = "({{citation needed}}) {% if %} {# open"
#: An article of our own, in a file whose name is itself a template expression.
ARTICLE_NAME = "{{7*7}}.txt"
ARTICLE = (
    "Syrian Democratic Forces said on 9 March 2018 that they had captured the town of "
    "Manbij from Islamic State fighters ({{7*7}}).\n"
)


def _manifest(title: str) -> str:
    """A manifest row with ``title`` as title, outlet (after ``{{config}}``) and date note."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["file", "published", "outlet", "url", "title", "date_note"])
    row = [ARTICLE_NAME, "2018-03-10", "{{config}} " + title, "https://x.example/{{7*7}}"]
    writer.writerow([*row, title, title])
    return buffer.getvalue()


def _corpus(root: Path, title: str = RCE) -> Path:
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / ARTICLE_NAME).write_text(ARTICLE, encoding="utf-8")
    (corpus / "manifest.csv").write_text(_manifest(title), encoding="utf-8")
    return corpus


def test_inert_text_leaves_no_brace() -> None:
    assert inert_text("{{7*7}} <b>") == "&#123;&#123;7*7&#125;&#125; &lt;b&gt;"


@pytest.mark.parametrize("title", [RCE, WIKI], ids=["rce", "wiki-braces"])
def test_build_never_evaluates_article_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: CliRunner, title: str
) -> None:
    corpus = _corpus(tmp_path, title)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["build", str(corpus), "-o", "out"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out"]
    pages = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "out").glob("*.html")}
    assert sorted(pages) == ["2018-03-09.html", "index.html", "slider.html"]
    for name in ("2018-03-09.html", "slider.html"):
        page = pages[name]
        # The document row, character for character, as JSON data of the page.
        assert '"id":"{{7*7}}","title":"' + title + '"' in page, name
        assert '"outlet":"{{config}} ' + title + '"' in page
        assert '"url":"https://x.example/{{7*7}}"' in page
        assert "(&#123;&#123;7*7" not in page  # nothing escaped twice either
        assert "fighters ({{7*7}})." in page
        assert "<Config" not in page and "fighters (49)" not in page
    index = pages["index.html"]
    assert "{{7*7}}" in index and "fighters ({{7*7}})." in index


def test_map_and_slider_never_evaluate_article_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: CliRunner
) -> None:
    corpus = _corpus(tmp_path)
    monkeypatch.chdir(tmp_path)
    manifest = str(corpus / "manifest.csv")
    result = runner.invoke(
        app, ["map", str(corpus), "--manifest", manifest, "--date", "2018-03-09", "-o", "m.html"]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["slider", str(corpus), "--manifest", manifest, "-o", "s.html"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "m.html", "s.html"]
    for name in ("m.html", "s.html"):
        page = (tmp_path / name).read_text(encoding="utf-8")
        assert f'"title":"{RCE}"' in page
        assert "fighters ({{7*7}})." in page
