"""``geo build``: one folder swapped in whole, locked, checked before any work is done."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import geo.pipeline
import geo.render
from geo.build import build, is_build_output
from geo.cli.main import app
from geo.errors import InputError, OutputError, OutputExistsError, OutputLockedError
from geo.io import folder_lock

ARTICLE = (
    "Kurdish-led fighters seized the town of Manbij from Islamic State on 12 August 2016.\n"
    "Two days later, government troops retook Palmyra from Islamic State on 14 August 2016.\n"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "front.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "manifest.csv").write_text("file,published\nfront.txt,2016-08-15\n",
                                         encoding="utf-8")
    return folder


@pytest.fixture
def no_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if the pipeline starts: errors must come before any work."""
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the pipeline ran")

    monkeypatch.setattr(geo.pipeline, "load_corpus", refuse)


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_rebuild_is_identical_removes_stale_pages_and_keeps_other_files(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first = build([corpus], out)
    names = [p.relative_to(out).as_posix() for p in first.written]
    areas = [n for n in names if n.startswith("map-assets/areas/")]
    assert len(areas) >= 4 and all(re.fullmatch(r"map-assets/areas/[0-9a-f]{20}\.js", n)
                                   for n in areas)
    assert [n for n in names if n not in areas] == [
        "events.csv", "report.csv", "map-assets/geo.css", "map-assets/geo.js",
        "map-assets/places.js", "2016-08-12.html", "2016-08-14.html", "stats.csv", "stats.png",
        "slider.html", "index.html",
    ]
    before = files(out)
    (out / "2001-01-01.html").write_text("a page of an older build", encoding="utf-8")
    (out / "README.md").write_text("my notes\n", encoding="utf-8")
    build([corpus], out, force=True)
    after = files(out)
    assert after.pop("README.md") == b"my notes\n"
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "out"]


def test_existing_outputs_are_refused_without_force(
    corpus: Path, tmp_path: Path, no_pipeline: None
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name in ("index.html", "events.csv", "2017-01-01.html", "2017-01-02.html"):
        (out / name).write_text("old", encoding="utf-8")
    with pytest.raises(OutputExistsError) as caught:
        build([corpus], out)
    assert str(caught.value) == (
        f"{out}: 4 output(s) exist (2017-01-01.html, 2017-01-02.html, events.csv ...); "
        "use --force to overwrite them"
    )


def test_a_failing_build_leaves_the_previous_output_untouched(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "events.csv").write_text("the previous good events\n", encoding="utf-8")
    (out / "index.html").write_text("the previous index\n", encoding="utf-8")

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(geo.render, "write_map", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        build([corpus], out, force=True)
    assert files(out) == {"events.csv": b"the previous good events\n",
                          "index.html": b"the previous index\n"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "out"]


def test_a_build_without_articles_fails_before_touching_the_output(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "events.csv").write_text("good\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        build([empty], out, force=True)
    assert str(caught.value) == (
        f"no article read from {empty}; {empty}: no articles (.txt or .md files) in directory"
    )
    assert files(out) == {"events.csv": b"good\n"}


def test_a_second_build_into_a_locked_folder_fails(
    corpus: Path, tmp_path: Path, no_pipeline: None
) -> None:
    out = tmp_path / "out"
    with folder_lock(out), pytest.raises(OutputLockedError) as caught:
        build([corpus], out, force=True)
    assert str(caught.value) == (
        f"{out}: another geo build is writing this folder (lock {tmp_path / '.out.lock'}); "
        "wait for it to finish"
    )
    assert not out.exists()


def test_a_missing_input_path_is_named(tmp_path: Path, no_pipeline: None) -> None:
    with pytest.raises(InputError) as caught:
        build([tmp_path / "nowhere"], tmp_path / "out")
    assert str(caught.value) == f"{tmp_path / 'nowhere'}: no such file or folder"


def test_output_location_is_checked_before_any_work(
    corpus: Path, tmp_path: Path, no_pipeline: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(OutputError) as caught:
        build([corpus], tmp_path / "missing" / "out")
    assert str(caught.value) == (
        f"{tmp_path / 'missing' / 'out'}: cannot write: folder {tmp_path / 'missing'} "
        "does not exist"
    )
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        build([corpus], tmp_path / "plain")
    assert str(caught.value) == f"{tmp_path / 'plain'}: not a folder"
    with pytest.raises(OutputError) as caught:
        build([corpus], tmp_path / "plain" / "out")
    assert str(caught.value) == (
        f"{tmp_path / 'plain' / 'out'}: cannot write: {tmp_path / 'plain'} is not a folder"
    )
    monkeypatch.setattr("os.access", lambda *_args: False)
    with pytest.raises(OutputError) as caught:
        build([corpus], tmp_path / "out")
    assert str(caught.value) == f"{tmp_path / 'out'}: cannot write: permission denied ({tmp_path})"


def test_build_outputs_are_the_fixed_files_and_dated_pages() -> None:
    assert [is_build_output(n) for n in (
        "index.html", "stats.png", "2017-02-23.html", "README.md", "2017-02-23.html.bak", "x.csv",
    )] == [True, True, True, False, False, False]


def test_cli_names_a_missing_path_and_an_unwritable_output(runner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(tmp_path / "nowhere"), "-o", str(tmp_path / "o")])
    assert (result.exit_code, result.output) == (
        2, f"error: {tmp_path / 'nowhere'}: no such file or folder\n"
    )
    result = runner.invoke(app, ["build", str(tmp_path), "-o", str(tmp_path / "a" / "b")])
    assert (result.exit_code, result.output) == (
        2, f"error: {tmp_path / 'a' / 'b'}: cannot write: folder {tmp_path / 'a'} does not exist\n"
    )


@pytest.mark.slow
def test_builds_in_processes_with_other_hash_seeds_are_byte_identical(
    corpus: Path, tmp_path: Path
) -> None:
    import os
    import subprocess
    import sys

    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "geo.cli.main", "build", str(corpus), "-o",
                               str(out)], env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        outputs.append(files(out))
    assert outputs[0] == outputs[1]


@pytest.mark.slow
def test_a_build_killed_midway_leaves_the_previous_output_and_the_next_one_recovers(
    corpus: Path, tmp_path: Path
) -> None:
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "out"
    build([corpus], out)
    before = files(out)
    command = [sys.executable, "-m", "geo.cli.main", "build", str(corpus), "-o", str(out),
               "--force"]
    victim = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    building = tmp_path / ".out.building"
    deadline = time.monotonic() + 120
    while not building.exists() and victim.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert victim.poll() is None, "the build ended before it could be killed"
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    assert files(out) == before
    build([corpus], out, force=True)
    assert files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "out"]


def test_page_dates_each_event_date_or_a_month() -> None:
    from datetime import date

    from geo.build import page_dates

    events = [date(2016, 8, 12), date(2016, 8, 14), date(2016, 10, 3)]
    assert page_dates(events) == events
    assert page_dates(events, "month") == [
        date(2016, 8, 1), date(2016, 9, 1), date(2016, 10, 1), date(2016, 10, 3)]
    assert page_dates(events, "month", [date(2016, 8, 14)]) == [
        date(2016, 8, 1), date(2016, 8, 14), date(2016, 9, 1), date(2016, 10, 1),
        date(2016, 10, 3)]
    assert page_dates([], "month") == []


def test_a_bad_every_fails_before_any_work(
    corpus: Path, tmp_path: Path, no_pipeline: None
) -> None:
    with pytest.raises(InputError) as caught:
        build([corpus], tmp_path / "out", every="fortnight")
    assert str(caught.value) == "--every: expected one of event, month, got 'fortnight'"


def test_pages_load_the_shared_assets_and_inline_none(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([corpus], out)
    page = (out / "2016-08-12.html").read_text(encoding="utf-8")
    assert '<script src="map-assets/geo.js"></script>' in page
    assert "window.GEO_BASE" not in page
    assert "window.GEO_BASE = " in (out / "map-assets" / "geo.js").read_text(encoding="utf-8")
    # the place table (names, coordinates, kinds) once in places.js, the page only its states
    assert '<script src="map-assets/places.js"></script>' in page
    assert '"placeTable":null' in page and '"rows":' not in page
    script = (out / "map-assets" / "places.js").read_text(encoding="utf-8")
    assert script.startswith("window.GEO_PLACES = {") and script.endswith("};\n")
    table = json.loads(script.removeprefix("window.GEO_PLACES = ").removesuffix(";\n"))
    count = re.search(r'"placeCount":(\d+)', page)
    assert count is not None and len(table["rows"]) == int(count.group(1)) > 1000
    assert ["Palmyra", "city"] in [row[2:] for row in table["rows"]]
