"""Injection payloads in every text field that reaches a page or a file stay text (issue 10).

``tests/data/injection_payloads.json`` holds the payloads (template syntaxes of Jinja and other
engines, HTML, attribute and script break-outs, ``javascript:`` URLs, Unicode and control
characters). One corpus carries each of them in every field: an article per payload (the payload
in its event sentence and its file name), a manifest (title, outlet, URL and date note, each
row taking four different payloads, line breaks as spaces: a manifest row is one line), and an
``--events`` file (event id, place, sentence and document id). Every command in
:data:`COMMANDS` runs on it, in one working folder, and then:

- nothing was written outside the outputs, and no payload created a file;
- no template expression was evaluated (each payload lists what its evaluation would print);
- the payloads reach the pages character for character, as data (JSON) or escaped HTML;
- in Chromium, after opening every popup and tooltip with article text and stepping through every
  slider date, no dialog opened, no request left the page, no injected element or inline handler
  appeared, and the popups show the sentences as text.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape
from typer.testing import CliRunner, Result

from geo.cli.main import app
from geo.models import join_ids
from geo.render import script_json

pytest_plugins = ("browser",)  # the browser and open_page fixtures

TESTS = Path(__file__).resolve().parent
PAYLOADS: list[dict[str, Any]] = json.loads(
    (TESTS / "data" / "injection_payloads.json").read_text(encoding="utf-8")
)
TEXTS: list[str] = [p["text"] for p in PAYLOADS]
N = len(TEXTS)

#: Towns of the shipped gazetteer (one place each) that the articles report captured, one
#: article a town per date.
TOWNS = ("Manbij", "Jarabulus", "Palmyra", "Kobani", "Raqqa", "Idlib", "Hasakah", "Qamishli",
         "Hama", "Latakia", "Tartus", "Mayadin", "Bukamal", "Saraqib", "Ariha", "Shaddadi",
         "Amuda", "Rastan", "Talbiseh", "Dumayr", "Qaryatayn", "Maskanah", "Akhtarin", "Dabiq")
DATES = tuple(date(2017, 3, 1) + timedelta(days=3 * k) for k in range(-(-N // len(TOWNS))))
LAST = DATES[-1].isoformat()
SIDE_TEXT = {"sdf": "The Syrian Democratic Forces", "is": "Islamic State fighters"}

#: Every command run on the corpus: ``{corpus}``, ``{events}`` and ``{out}`` (the command's own
#: output folder) are filled in. A command that writes pages or files is one more line here.
COMMANDS: dict[str, list[str]] = {
    "build": ["build", "{corpus}", "-o", "{out}"],
    "build-events": ["build", "{corpus}", "--events", "{events}", "-o", "{out}"],
    "map": ["map", "{corpus}", "--date", LAST, "-o", "{out}/map.html", "--svg", "{out}/map.svg"],
    "slider-events": ["slider", "{corpus}", "--events", "{events}", "-o", "{out}/slider.html"],
}
#: What the shell and Python payloads would create in the working folder.
SIDE_EFFECT = re.compile(r"PWNED")


def _sides(i: int) -> tuple[str, str]:
    return ("sdf", "is") if (i // len(TOWNS)) % 2 == 0 else ("is", "sdf")


def _day(i: int) -> date:
    return DATES[i // len(TOWNS)]


def _one_line(text: str) -> str:
    """A manifest value: manifests hold one row a line, so CR and LF become spaces."""
    return re.sub(r"[\r\n]+", " ", text)


def _file_name(i: int) -> str:
    """The article file of payload ``i``: the payload is its name (``/`` cannot be)."""
    text = f"{i:02d} {_one_line(TEXTS[i]).strip()}".replace("/", "\u2215")
    return text.encode("utf-8")[:140].decode("utf-8", "ignore").rstrip() + ".txt"


def _doc_id(i: int) -> str:
    return _file_name(i)[: -len(".txt")]


def _write_corpus(root: Path) -> tuple[Path, Path]:
    """Write the articles and their manifest to ``root/corpus``, the events to ``root``."""
    from geo.gazetteer import Gazetteer

    gazetteer = Gazetteer.load()
    town_ids = []
    for town in TOWNS:
        found = gazetteer.lookup(town)
        assert len(found) == 1, (town, found)
        town_ids.append(found[0].id)
    corpus = root / "corpus"
    corpus.mkdir()
    manifest = io.StringIO()
    writer = csv.writer(manifest, lineterminator="\n")
    writer.writerow(["file", "published", "outlet", "url", "title", "date_note"])
    events = io.StringIO()
    columns = ["event_id", "date", "date_precision", "place", "place_id", "lat", "lon",
               "controller", "previous_controller", "kind", "confidence", "doc_id", "sentence"]
    events_writer = csv.writer(events, lineterminator="\n")
    events_writer.writerow(columns)
    for i, text in enumerate(TEXTS):
        gained, lost = _sides(i)
        day = _day(i)
        sentence = (
            f"{SIDE_TEXT[gained]} captured the town of {TOWNS[i % len(TOWNS)]} from "
            f"{SIDE_TEXT[lost].lower()} on {day.day} "
            f"{day:%B %Y} ({text}).\n"
        )
        (corpus / _file_name(i)).write_text(sentence, encoding="utf-8")
        writer.writerow([
            _file_name(i), (day + timedelta(days=1)).isoformat(),
            *(_one_line(TEXTS[(i + k) % N]) for k in (1, 2, 0, 3)),  # outlet, url, title, note
        ])
        events_writer.writerow([
            f"ev{i} {text}", day.isoformat(), "day", text, town_ids[i % len(TOWNS)], "", "",
            gained, lost, "capture", "0.9", join_ids([_doc_id(i)]), TEXTS[(i + 1) % N],
        ])
    (corpus / "manifest.csv").write_text(manifest.getvalue(), encoding="utf-8")
    events_file = root / "events.csv"
    events_file.write_text(events.getvalue(), encoding="utf-8")
    return corpus, events_file


def _tree(root: Path) -> dict[str, str]:
    """Every file under ``root`` with the SHA-256 of its bytes."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@dataclass
class Runs:
    """The corpus, what every command printed, and the files before and after."""

    root: Path
    out: Path
    before: dict[str, str]
    after: dict[str, str]
    results: dict[str, Result]

    def outputs(self, suffixes: tuple[str, ...] = (".html", ".csv", ".svg")) -> Iterator[Path]:
        """Every text output of every command."""
        for path in sorted(self.out.rglob("*")):
            if path.suffix in suffixes:
                yield path


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    root = tmp_path_factory.mktemp("payloads")
    corpus, events = _write_corpus(root)
    work = root / "work"
    work.mkdir()
    out = root / "out"
    out.mkdir()
    for name, args in COMMANDS.items():
        if args[0] != "build":
            (out / name).mkdir()
    before = _tree(root)
    results = {}
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(work)
        for name, args in COMMANDS.items():
            filled = [
                a.format(corpus=corpus, events=events, out=out / name) for a in args
            ]
            results[name] = runner.invoke(app, filled)
    return Runs(root, out, before, _tree(root), results)


def test_payload_corpus_is_large_and_marked() -> None:
    assert N >= 50
    assert len({p["id"] for p in PAYLOADS}) == N
    for payload in PAYLOADS:
        text = payload["text"]
        assert "\x00" not in text, payload["id"]
        # An element a payload would inject is recognisable in the page: data-pwn or a handler.
        if re.search(r"<[a-zA-Z]", text):
            assert "data-pwn" in text or re.search(r"\bon\w+=", text), payload["id"]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_succeeds(runs: Runs, name: str) -> None:
    result = runs.results[name]
    assert result.exit_code == 0, (result.output, result.exception)


def test_nothing_written_outside_the_outputs(runs: Runs) -> None:
    new = sorted(set(runs.after) - set(runs.before))
    assert [p for p in new if not p.startswith("out" + os.sep)] == []
    assert {p: h for p, h in runs.after.items() if p in runs.before} == runs.before
    assert [p for p in new if SIDE_EFFECT.search(p)] == []
    assert [p.name for p in Path.cwd().iterdir() if SIDE_EFFECT.search(p.name)] == []


def test_no_template_expression_evaluated(runs: Runs) -> None:
    markers = {m: p["id"] for p in PAYLOADS for m in p["evaluated"]}
    assert len(markers) >= 10
    found = []
    for path in runs.outputs():
        text = path.read_bytes().decode("utf-8")
        found.extend(f"{path.name}: {pid}" for m, pid in markers.items() if m in text)
    assert found == []


def _json_text(value: str) -> str:
    return script_json(value)[1:-1]


def _newlines(value: str) -> str:
    """A value as read from a file in text mode, or parsed from HTML: CR LF and CR become LF."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


#: Each payload as a manifest cell keeps it (on one line, the ends stripped).
STRIPPED = [_one_line(t).strip() for t in TEXTS]
#: Each payload as a field of the events file keeps it (ends stripped, line ends normalised).
EVENT_TEXTS = [_newlines(t).strip() for t in TEXTS]


def _page_docs(page: str) -> dict[str, dict[str, str]]:
    """The documents a page cites (its ``docs`` data), by id."""
    start = page.index('"docs":[{') + len('"docs":')  # not an event's list of indices
    rows, _ = json.JSONDecoder().raw_decode(page, start)
    return {row["id"]: row for row in rows}


#: The manifest's values by document id: (title, outlet, url).
MANIFEST = {_doc_id(i): (STRIPPED[i], STRIPPED[(i + 1) % N], STRIPPED[(i + 2) % N])
            for i in range(N)}


def test_manifest_and_file_names_reach_the_pages_as_data(runs: Runs) -> None:
    wanted = set(MANIFEST)  # through --events every document is cited
    pages = [runs.out / "build-events" / f"{LAST}.html", runs.out / "slider-events" / "slider.html",
             runs.out / "build" / f"{LAST}.html", runs.out / "build" / "slider.html",
             runs.out / "map" / "map.html"]
    for path in pages:
        page = path.read_bytes().decode("utf-8")
        docs = _page_docs(page)
        if "events" in path.parent.name:
            assert wanted <= set(docs), path
        else:  # the documents an event was extracted from
            assert len(docs) >= N // 2, path
        for doc_id, row in docs.items():
            if doc_id in MANIFEST:
                assert (row["title"], row["outlet"], row["url"]) == MANIFEST[doc_id], doc_id
                # Character for character in the page's text, escaped for <script> only.
                assert f'"title":{script_json(row["title"])}' in page


def test_events_file_reaches_the_pages_as_data(runs: Runs) -> None:
    for path in (runs.out / "build-events" / f"{LAST}.html",
                 runs.out / "slider-events" / "slider.html"):
        page = path.read_bytes().decode("utf-8")
        for i in range(N):
            place = f'"place":{script_json(EVENT_TEXTS[i])}'
            sentence = f'"sentence":{script_json(EVENT_TEXTS[(i + 1) % N])}'
            assert place in page and sentence in page, (path.name, PAYLOADS[i]["id"])


def test_index_shows_the_payloads_escaped(runs: Runs) -> None:
    index = (runs.out / "build-events" / "index.html").read_bytes().decode("utf-8")
    assert [t for t in EVENT_TEXTS if str(escape(t)) not in index] == []  # places, sentences
    index = (runs.out / "build" / "index.html").read_bytes().decode("utf-8")
    page = (runs.out / "build" / f"{LAST}.html").read_bytes().decode("utf-8")
    titles = [row["title"] for row in _page_docs(page).values()]
    assert len(titles) >= N // 2
    assert [t for t in titles if str(escape(t)) not in index] == []


# ---------------------------------------------------------------------------------------------
# In Chromium

#: Runs before the page's scripts: records every element a payload could have injected.
WATCH = r"""
(() => {
  const found = [];
  window.__geoInjected = found;
  const URL_ATTRS = ["href", "src", "data", "action", "formaction", "xlink:href", "srcdoc"];
  const BAD_URL = /^\s*(javascript|vbscript|data:text)|attacker\.example/i;
  function checkOne(el) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name === "data-pwn" || name.startsWith("on") ||
          (URL_ATTRS.includes(name) && BAD_URL.test(attr.value))) {
        found.push(el.tagName + " " + name + "=" + attr.value.slice(0, 80));
      }
    }
  }
  function check(node) {
    if (!(node instanceof Element)) { return; }
    checkOne(node);
    node.querySelectorAll("*").forEach(checkOne);
  }
  new MutationObserver(records => {
    for (const r of records) {
      if (r.type === "attributes") {
        const name = r.attributeName.toLowerCase();
        if (name === "data-pwn" || name.startsWith("on") || URL_ATTRS.includes(name)) {
          checkOne(r.target);
        }
      } else {
        r.addedNodes.forEach(check);
      }
    }
  }).observe(document, {childList: true, subtree: true, attributes: true});
  window.__geoScan = () => { check(document.documentElement); return found; };
})();
"""

#: Opens every popup, and every tooltip that quotes an article, of a Leaflet map.
OPEN_ALL = r"""
map => {
  const texts = [];
  let popups = 0, tooltips = 0;
  const layers = [];
  map.eachLayer(l => layers.push(l));
  for (const layer of layers) {
    if (layer.getPopup && layer.getPopup()) {
      layer.getPopup().options.autoPan = false;
      layer.openPopup();
      popups += 1;
      const el = layer.getPopup().getElement();
      el.querySelectorAll(".geo-sentence").forEach(q => texts.push(q.textContent));
      layer.closePopup();
    }
    const tip = layer.getTooltip && layer.getTooltip();
    if (tip) {
      const content = typeof tip._content === "function" ? tip._content(layer) : tip._content;
      if (String(content).indexOf("geo-sentence") >= 0) {
        layer.openTooltip();
        tooltips += 1;
        layer.closeTooltip();
      }
    }
  }
  return {popups: popups, tooltips: tooltips, sentences: texts};
}
"""


@pytest.mark.browser
def test_pages_in_chromium(runs: Runs, open_page: Any) -> None:
    pages = sorted(runs.out.rglob("*.html"))
    assert len(pages) >= 2 * len(DATES) + 4
    report: dict[str, list[str]] = {}
    popups = 0
    sentences: dict[str, list[str]] = {}
    for path in pages:
        opened = open_page(path, WATCH)
        page = opened.page
        name = str(path.relative_to(runs.out))
        if path.name == "slider.html":
            page.wait_for_function("window.geoSlider && geoSlider.ready === true", timeout=20_000)
            shown: list[str] = []
            for step in range(len(page.evaluate("geoSlider.steps()"))):
                page.evaluate("i => geoSlider.goto(i)", step)
                result = page.evaluate(f"({OPEN_ALL})(geoSlider.map())")
                popups += result["popups"]
                shown.extend(result["sentences"])
            sentences[name] = shown
        elif path.name != "index.html":
            page.wait_for_function("window.geoMap && geoMap.ready === true", timeout=20_000)
            result = page.evaluate(f"({OPEN_ALL})(geoMap.map)")
            popups += result["popups"]
            sentences[name] = result["sentences"]
        injected = page.evaluate("window.__geoScan()")
        body = page.evaluate("document.body.innerText")
        evaluated = [p["id"] for p in PAYLOADS for m in p["evaluated"] if m in body]
        problems = opened.problems() + injected + [f"evaluated: {e}" for e in evaluated]
        if problems:
            report[name] = problems
        page.close()
    assert report == {}
    assert popups >= 4 * N
    expected = sorted(EVENT_TEXTS[(i + 1) % N] for i in range(N))
    assert sorted(sentences[f"build-events/{LAST}.html"]) == expected
    assert sorted(sentences["slider-events/slider.html"]) == expected
