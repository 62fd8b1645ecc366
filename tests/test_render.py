"""The per-date map and the index page, checked as text (the browser tests open them)."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from test_render_fixtures import (
    D0,
    D1,
    D2,
    IMG_PAYLOAD,
    PLACES,
    SCRIPT_PAYLOAD,
    make_corpus,
)
from typer.testing import CliRunner

from geo import factions
from geo.cli.main import app
from geo.errors import InputError, OutputExistsError
from geo.render import (
    LegendEntry,
    embed_html,
    embed_size,
    frame_page,
    legend_html,
    map_html,
    render_index,
    render_map,
    resolve_tiles,
    script_json,
    write_map,
)


@pytest.fixture(scope="module")
def model():  # type: ignore[no-untyped-def]
    from geo.territory import TerritoryModel

    return TerritoryModel.build(list(PLACES))


@pytest.fixture(scope="module")
def page_d2(model) -> str:  # type: ignore[no-untyped-def]
    return map_html(render_map(D2, make_corpus(), model=model))


def test_script_json_cannot_close_a_script() -> None:
    text = script_json({"t": "</script><!-- & \u2028"})
    assert text == '{"t":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028"}'


def test_one_layer_per_side_with_places(page_d2: str) -> None:
    # On D2: government p1; rebels p2, p3; sdf p4, p7; is p5; contested p6; unknown p8.
    block = re.search(r"overlays : +\{(.*?)\}", page_d2, re.S)
    assert block is not None
    names = re.findall(r'"([^"]+)" : feature_group_\w+', block.group(1))
    sides = ("government", "rebels", "sdf", "is", "contested", "unknown")
    assert names == [*(factions.label(s) for s in sides), "Changes in the 30 days to 2016-03-20"]
    assert "L.control.layers" in page_d2


def test_legend_uses_the_registry_colours(page_d2: str) -> None:
    legend = re.search(r'<div class="geo-legend" id="geo-legend">.*?</div>', page_d2)
    assert legend is not None
    sides = re.findall(r'<li data-side="(\w+)">', legend.group(0))
    assert sides == ["government", "rebels", "sdf", "is", "contested", "unknown"]
    assert f'style="background:{factions.fill("sdf")}"' in legend.group(0)
    assert "geo-swatch-contested" in legend.group(0)
    assert "2 places" in legend.group(0)


def test_legend_html_escapes_unknown_side() -> None:
    html = legend_html([LegendEntry("<b>x</b>", 12.0, 0.5, 1)])
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert "12 km² (50.0%), 1 place" in html


def test_article_text_only_escaped(page_d2: str) -> None:
    assert SCRIPT_PAYLOAD not in page_d2
    assert IMG_PAYLOAD not in page_d2
    assert "<img" not in page_d2
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in page_d2
    assert '\\"\\u003e\\u003cimg src=x onerror=alert(1)\\u003e' in page_d2


def test_no_external_resource(page_d2: str) -> None:
    assert re.search(r"<script[^>]*\ssrc=", page_d2) is None
    assert re.search(r"<link\b", page_d2) is None
    assert re.search(r"url\(\s*['\"]?(https?:)?//", page_d2) is None
    assert "@import" not in page_d2
    for word in ("jquery", "bootstrap", "awesome-markers", "cdn.jsdelivr", "cdnjs"):
        assert word not in page_d2.lower()
    assert "sourceMappingURL" not in page_d2
    assert '"tiles":null' in page_d2  # the tile layer code is there, never given a URL


def test_title_scale_and_attribution(page_d2: str) -> None:
    assert "<title>Control of territory in Syria and Iraq on 2016-03-20</title>" in page_d2
    assert "L.control.scale()" in page_d2
    assert "Natural Earth" in page_d2
    assert "Wikipedia contributors" in page_d2  # the fixture baseline is a snapshot


def test_changes_of_the_last_30_days(model) -> None:  # type: ignore[no-untyped-def]
    corpus = make_corpus()
    on_d2 = map_html(render_map(D2, corpus, model=model))
    assert on_d2.count('"kind":"capture"') == 2
    # Tall Warda has no coordinates in its event: the gazetteer's are used.
    assert '"place":"Tall Warda","controller":"rebels","previous":"government"' in on_d2
    assert '"lat":36.25,"lon":37.85' in on_d2
    later = map_html(render_map(D1 + timedelta(days=30), corpus, model=model))
    assert later.count('"kind":"capture"') == 1  # D1 is 30 days back: out; D2 in
    assert '"changes":[]' in map_html(render_map(D0, corpus, model=model))


def test_two_renders_are_identical(model) -> None:  # type: ignore[no-untyped-def]
    first = map_html(render_map(D2, make_corpus(), model=model))
    second = map_html(render_map(D2, make_corpus(), model=model))
    assert first == second
    assert re.search(r"[0-9a-f]{32}", first) is None  # no random branca id left


def test_tiles_only_when_asked(model) -> None:  # type: ignore[no-untyped-def]
    page = map_html(render_map(D2, make_corpus(), model=model, tiles="OpenStreetMap"))
    assert "L.tileLayer" in page
    assert "tile.openstreetmap.org" in page


def test_embed_fragment(tmp_path: Path, model) -> None:  # type: ignore[no-untyped-def]
    path = write_map(D2, make_corpus(), tmp_path / "frag.html", embed=True, model=model)
    text = path.read_text(encoding="utf-8")
    assert text.startswith('<iframe title="Control of territory in Syria and Iraq on 2016-03-20"')
    assert text.endswith("</iframe>\n")
    assert text.count("'") == 2  # the page is entirely inside the single-quoted srcdoc
    assert "srcdoc='<!DOCTYPE html>" in text
    assert 'style="width:100%;aspect-ratio:4/3;border:0;display:block"' in text
    assert embed_html("<p a='1' b=\"&\">") .endswith(
        "srcdoc='<p a=&#39;1&#39; b=\"&amp;\">'></iframe>\n"
    )


@pytest.mark.parametrize(
    ("height", "aspect", "style"),
    [
        (None, None, "width:100%;aspect-ratio:4/3"),
        ("480", None, "width:100%;height:480px"),
        ("60vh", None, "width:100%;height:60vh"),
        (None, "16:9", "width:100%;aspect-ratio:16/9"),
    ],
)
def test_embed_size(height: str | None, aspect: str | None, style: str) -> None:
    assert embed_size(height, aspect) == style


@pytest.mark.parametrize(
    ("height", "aspect", "message"),
    [
        ("tall", None, "--height: expected a CSS length such as 480px or 60vh, got 'tall'"),
        ("1px;background:url(x)", None,
         "--height: expected a CSS length such as 480px or 60vh, got '1px;background:url(x)'"),
        (None, "16x9", "--aspect: expected width:height such as 16:9, got '16x9'"),
        (None, "0:1", "--aspect: expected width:height such as 16:9, got '0:1'"),
        ("10px", "1:1", "--height and --aspect: give one of them"),
    ],
)
def test_embed_size_errors(height: str | None, aspect: str | None, message: str) -> None:
    with pytest.raises(InputError) as error:
        embed_size(height, aspect)
    assert str(error.value) == message


def test_embed_is_smaller_than_the_page(model) -> None:  # type: ignore[no-untyped-def]
    from geo.frame import make_frame

    frame = make_frame(make_corpus(), D2, model=model)
    page = frame_page(frame)
    fragment = frame_page(frame, embed=True, height="300px")
    assert "height:300px" in fragment
    # an embed keeps the cities and towns it names, not the villages
    assert '"Ain Dhahab"' in page and '"Ain Dhahab"' not in fragment
    assert '"Tall Warda"' in fragment


@pytest.mark.parametrize(
    ("tiles", "attribution", "message"),
    [
        ("NoSuchTiles", None, "--tiles: unknown tile provider 'NoSuchTiles'; use a name such as "
         "OpenStreetMap or OpenTopoMap, or a URL with --attribution"),
        ("https://tiles.example/{z}/{x}/{y}.png", None,
         "--tiles: a tile URL needs --attribution naming who made the tiles (their terms "
         "require it)"),
        ("https://tiles.example/{z}/{x}.png", "me",
         "--tiles: expected a provider name or a URL like https://host/{z}/{x}/{y}.png, got "
         "'https://tiles.example/{z}/{x}.png'"),
        (None, "me", "--attribution: only with --tiles"),
    ],
)
def test_bad_tiles_are_named(tiles: str | None, attribution: str | None, message: str) -> None:
    with pytest.raises(InputError) as error:
        resolve_tiles(tiles, attribution)
    assert str(error.value) == message


def test_tile_url_with_attribution(model) -> None:  # type: ignore[no-untyped-def]
    assert resolve_tiles("https://tiles.example/{z}/{x}/{y}.png", "<b>Me</b> & co") == {
        "url": "https://tiles.example/{z}/{x}/{y}.png",
        "attribution": "&lt;b&gt;Me&lt;/b&gt; &amp; co",
    }
    page = map_html(render_map(D2, make_corpus(), model=model,
                               tiles="https://tiles.example/{z}/{x}/{y}.png", attribution="Me"))
    assert '"tiles":{"url":"https://tiles.example/{z}/{x}/{y}.png","attribution":"Me"}' in page


def test_cli_bad_tiles_is_one_line(runner: CliRunner, fixture_corpus: None, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["map", "--date", "2016-03-20", "-o", str(tmp_path / "m.html"), "--tiles", "Nope"]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "error: --tiles: unknown tile provider 'Nope'; use a name such as OpenStreetMap or "
        "OpenTopoMap, or a URL with --attribution\n"
    )
    assert not (tmp_path / "m.html").exists()


def test_cli_map_to_stdout(runner: CliRunner, fixture_corpus: None) -> None:
    result = runner.invoke(app, ["map", "--date", "2016-03-20", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert "wrote" not in result.stderr
    png = runner.invoke(app, ["map", "--date", "2016-03-20", "--png", "-"])
    assert png.stdout_bytes.startswith(b"\x89PNG\r\n\x1a\n")
    both = runner.invoke(app, ["map", "--date", "2016-03-20", "-o", "-", "--png", "-"])
    assert both.exit_code == 2
    assert both.stderr == "error: only one output can go to standard output ('-')\n"


def test_api_example_of_the_package_works() -> None:
    import geo

    doc = geo.__doc__ or ""
    import textwrap

    code = textwrap.dedent(doc.split("::", 1)[1].split("\n\n", 2)[1])
    assert "render_map" in code and "geo.areas" in code
    namespace: dict[str, object] = {}
    root = Path(__file__).resolve().parent.parent
    exec(compile(code.replace('"seeds/"', repr(str(root / "seeds"))), "<geo docstring>", "exec"),
         namespace)
    assert type(namespace["m"]).__name__ == "Map"
    frame = namespace["shares"]
    assert list(frame.columns) == ["date", "side", "area_km2", "share", "places", "geometry"]


def test_write_map_never_overwrites(tmp_path: Path, model) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "m.html"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(OutputExistsError, match=r"m\.html: exists; use --force to overwrite it"):
        write_map(D2, make_corpus(), target, model=model)
    assert target.read_text(encoding="utf-8") == "mine"
    write_map(D2, make_corpus(), target, model=model, force=True)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_index_lists_dates_changes_and_links() -> None:
    page = render_index(make_corpus(), [D1, D2], links=[("Statistics (CSV)", "stats.csv")])
    assert SCRIPT_PAYLOAD not in page and IMG_PAYLOAD not in page
    assert "Fighters enter Jisr Nahr &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<a href="2016-03-10.html">2016-03-10</a>' in page
    assert '<a href="2016-03-20.html">2016-03-20</a>' in page
    assert '<a href="slider.html" id="slider-link">' in page
    assert '<a href="stats.csv">Statistics (CSV)</a>' in page
    # A javascript: link from an article is shown as text, never as a link.
    assert 'href="javascript' not in page
    assert '<a href="https://example.org/news/a?x=1&amp;y=2" rel="noopener noreferrer">' in page
    assert "2 documents, 2 events, 1 problem reported." in page


@pytest.fixture
def fixture_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    import geo.pipeline

    monkeypatch.setattr(geo.pipeline, "load_corpus", lambda *a, **k: make_corpus())


def test_cli_map_writes_and_refuses_overwrite(
    runner: CliRunner, tmp_path: Path, fixture_corpus: None
) -> None:
    target = tmp_path / "map.html"
    result = runner.invoke(app, ["map", "--date", "2016-03-20", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert f"\nwrote map of 2016-03-20 to {target} (" in result.stderr
    assert "problem: doc-c.txt: no date" in result.stderr
    again = runner.invoke(app, ["map", "--date", "2016-03-20", "-o", str(target)])
    assert again.exit_code == 2
    assert again.stderr == f"error: {target}: exists; use --force to overwrite it\n"
    forced = runner.invoke(app, ["map", "--date", "2016-03-20", "-o", str(target), "--force"])
    assert forced.exit_code == 0


def test_cli_map_embed(runner: CliRunner, tmp_path: Path, fixture_corpus: None) -> None:
    target = tmp_path / "frag.html"
    result = runner.invoke(app, ["map", "--date", "2016-03-20", "-o", str(target), "--embed"])
    assert result.exit_code == 0, result.output
    assert "\nwrote fragment of 2016-03-20" in result.stderr
    assert target.read_text(encoding="utf-8").startswith("<iframe ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "20-03-2016", "-o", "x.html"],
         "error: --date: expected a date as YYYY-MM-DD, got '20-03-2016'\n"),
        (["--date", "2016-03-20"],
         "error: nothing to write: give -o FILE.html, --png FILE or --svg FILE\n"),
    ],
)
def test_cli_map_bad_arguments(
    runner: CliRunner, fixture_corpus: None, args: list[str], message: str
) -> None:
    result = runner.invoke(app, ["map", *args])
    assert result.exit_code == 2
    assert result.stderr == message


def test_identical_across_processes(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; sys.path.insert(0, 'tests'); "
        "from test_render_fixtures import D2, PLACES, make_corpus; "
        "from geo.render import map_html, render_map; "
        "from geo.territory import TerritoryModel; "
        "m = TerritoryModel.build(list(PLACES)); "
        "sys.stdout.write(map_html(render_map(D2, make_corpus(), model=m)))"
    )
    root = Path(__file__).resolve().parent.parent
    outs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, cwd=root)
        .stdout
        for _ in range(2)
    ]
    assert outs[0] == outs[1]
    assert outs[0].startswith(b"<!DOCTYPE html>")


def test_cli_map_png_and_svg(runner: CliRunner, tmp_path: Path, fixture_corpus: None) -> None:
    png, svg = tmp_path / "m.png", tmp_path / "m.svg"
    result = runner.invoke(
        app, ["map", "--date", "2016-03-20", "--png", str(png), "--svg", str(svg)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == "problem: doc-c.txt: no date\n" + (
        f"wrote png map of 2016-03-20 to {png}\nwrote svg map of 2016-03-20 to {svg}\n"
    )
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert b"<svg" in svg.read_bytes()[:2000]
