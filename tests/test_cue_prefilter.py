"""The cue prefilter and the word-set path of find_cues never drop what the regex path finds.

The reference below is find_cues as the regexes alone compute it (``PREFILTER`` searched, then
``_CANDIDATE`` tried at every position); the fast path must give the same cues on new
sentences written for the edge cases, on every sentence of the seeds, the dev-news reports and
the chronicles, and the extraction must give the same result with and without it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import require_shared

import geo.cues as cues_module
from bench.corpus import chronicle_documents
from geo.articles import load_documents
from geo.cues import PREFILTER, find_cues, may_hold_cue
from geo.extract import extract_events
from geo.gazetteer import Gazetteer
from geo.text import split_sentences

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV_NEWS = SHARED / "eval" / "dev-news"


def _reference(text: str) -> list[tuple[str, str, tuple[int, int]]]:
    """find_cues with the regexes only: (cue name, role, span) of each cue."""
    if not PREFILTER.search(text):
        return []
    out: list[tuple[str, str, tuple[int, int]]] = []
    last = 0
    for candidate in cues_module._CANDIDATE.finditer(text):
        start = candidate.start()
        if start < last or candidate.group(0) == "IS":
            continue
        for cue in cues_module._BY_WORD.get(candidate.group(0).lower(), ()):
            m = cue.regex.match(text, start)
            if m is not None:
                out.append((cue.entry.name, cue.role, m.span()))
                last = m.end()
                break
    return out


def _fast(text: str) -> list[tuple[str, str, tuple[int, int]]]:
    return [(cue.entry.name, cue.role, m.span()) for cue, m in find_cues(text)]


# New sentences for the edge cases of the word-set path.
EDGE_CASES = {
    "capitals": "MILITANTS OVERRAN THE HILLTOP OUTPOST OF KAFR ZITA AT DAWN.",
    "long s": "Government fighters ſeized the grain silos north of Manbij.",
    "kelvin k": "The militia completed its \u212aakeover of the checkpoint on Friday.",
    "dotted capital i": "Rebels said the village was l\u0130berated on Sunday.",
    "hyphenated key": "The take-over of the ridge by the army was confirmed on Monday.",
    "spaced percent": "Kurdish units now hold 45 per  cent of the district, a monitor said.",
    "percent sign": "The army controls 80% of the eastern suburbs.",
    "glued percent": "IS lost 30percent of its territory in the province last year.",
    "underscore word": "A file named captured_town was shared online.",
    "capital IS": "IS retook the crossroads near the dam.",
    "is in a word": "The bridge isn't open; it is held by the militia.",
    "no cue": "Shells hit the market overnight and two shops were damaged.",
    "digits only": "About 300 families fled in 2016.",
    "accented word": "Fighters entered Ma’arat al-Nu’man after the shelling.",
    "empty": "",
}


@pytest.mark.parametrize("name", sorted(EDGE_CASES))
def test_fast_path_equals_the_regexes_on_edge_cases(name: str) -> None:
    text = EDGE_CASES[name]
    assert may_hold_cue(text) == (PREFILTER.search(text) is not None)
    assert _fast(text) == _reference(text)


def test_unusual_spellings_are_still_found() -> None:
    assert [c[0] for c in _fast(EDGE_CASES["capitals"])] == ["capture"]
    assert may_hold_cue(EDGE_CASES["long s"])  # IGNORECASE reads "ſ" as "s"
    assert [c[0] for c in _fast(EDGE_CASES["spaced percent"])] == ["percent"]
    assert may_hold_cue(EDGE_CASES["hyphenated key"])
    assert may_hold_cue(EDGE_CASES["spaced percent"])
    assert may_hold_cue(EDGE_CASES["glued percent"])
    assert not may_hold_cue(EDGE_CASES["no cue"])
    assert not may_hold_cue(EDGE_CASES["digits only"])
    assert _fast(EDGE_CASES["underscore word"]) == []


def _shared() -> None:
    require_shared("eval", "dev-news")


def _corpus_sentences() -> list[str]:
    _shared()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(DEV_NEWS.rglob("*.txt"))]
    texts += [d.text for d in chronicle_documents()[::3]]
    return [s.text for text in texts for s in split_sentences(text)]


def test_fast_path_equals_the_regexes_on_every_corpus_sentence() -> None:
    sentences = _corpus_sentences()
    assert len(sentences) > 5000
    found = 0
    for sentence in sentences:
        expected = _reference(sentence)
        assert _fast(sentence) == expected, sentence
        found += len(expected)
    assert found > 1000


def _regex_only(monkeypatch: pytest.MonkeyPatch) -> None:
    def candidates(text: str) -> list[tuple[int, str]]:
        return [(m.start(), m.group(0)) for m in cues_module._CANDIDATE.finditer(text)]

    monkeypatch.setattr(cues_module, "may_hold_cue",
                        lambda text: PREFILTER.search(text) is not None)
    monkeypatch.setattr(cues_module, "_candidates", candidates)


@pytest.mark.parametrize("corpus", ["seeds", "dev-news"])
def test_extraction_is_the_same_without_the_fast_path(
        corpus: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _shared()
    if corpus == "seeds":
        documents, _ = load_documents([ROOT / "seeds"])
    else:
        documents, _ = load_documents([DEV_NEWS / "articles"], DEV_NEWS / "articles.csv")
    assert len(documents) >= 5
    gazetteer = Gazetteer.load()
    fast = extract_events(documents, gazetteer)
    _regex_only(monkeypatch)
    plain = extract_events(documents, gazetteer)
    assert len(fast.events) > 10
    assert fast == plain


def test_the_fold_guard_lists_every_letter_ignorecase_maps_to_ascii() -> None:
    # The word-set path relies on str.lower for case; a letter that IGNORECASE matches to an
    # ASCII letter without lower() folding it there must send the text to the regex path.
    letters = "abcdefghijklmnopqrstuvwxyz"
    odd = {chr(c) for c in range(128, 0x30000)
           if re.fullmatch(f"[{letters}]", chr(c), re.IGNORECASE)
           and chr(c).lower() not in letters}
    assert odd == {"\u0130", "\u0131", "\u017f"}
    assert odd <= set(cues_module._FOLDS_TO_ASCII.pattern.strip("[]"))


def test_substring_gates_are_pinned_to_their_patterns() -> None:
    # The gates list literals every match contains; a changed pattern needs new literals.
    from geo.changes import _TURKISH
    from geo.observations import OBSERVATION_WORDS

    assert OBSERVATION_WORDS.pattern == r"held|controlled|control\s+of|occup|holds?\b|\bhands\b"
    assert _TURKISH.pattern == (
        r"\b(?:Turkey|Turkish|Ankara|Euphrates Shield|Olive Branch|Peace Spring)\b")


def test_substring_gates_equal_their_regexes() -> None:
    from geo.changes import _TURKISH, may_observe, names_turkey
    from geo.observations import OBSERVATION_WORDS

    sentences = [
        *_corpus_sentences(),
        "The town, held by IS until May, was quiet.", "It holds the dam.", "in their hands",
        "Turkish-backed fighters moved in.", "The Turkmen village", "Operation Olive Branch",
        "occupied", "uncontrolled fires", "controls", "shareholders", "handsome"]
    assert sum(map(may_observe, sentences)) > 100
    for sentence in sentences:
        assert may_observe(sentence) == bool(OBSERVATION_WORDS.search(sentence)), sentence
        assert names_turkey(sentence) == bool(_TURKISH.search(sentence)), sentence


# New sentences for the edges of the denial gate (IGNORECASE letters, capitals, word parts).
DENIAL_EDGES = [
    "THE COMMAND DENIED THAT THE HILL HAD FALLEN.", "Officials called the report FALSE.",
    "The claim proved prematur\u0435.", "The rebels dismi\u017f\u017fed the report.",
    "The army \u0131s said to have rejected it.", "Denying it, the militia held on.",
    "The den of the fighters was empty.", "Unfounded rumours spread in the camp.",
    "The statement was baseless and untrue, a spokesman said.", "No one refuted it.",
    "The garden was quiet.", "",
]


def test_denial_gate_equals_its_regex() -> None:
    from geo.changes import may_deny
    from geo.denials import DENIAL_WORDS

    assert DENIAL_WORDS.pattern == (
        r"\b(?:denied|denies|deny|denying|dismissed|rejected|refuted|premature|false|untrue|"
        r"baseless|unfounded)\b")
    sentences = [*_corpus_sentences(), *DENIAL_EDGES]
    assert sum(map(may_deny, sentences)) > 20
    for sentence in sentences:
        assert may_deny(sentence) == bool(DENIAL_WORDS.search(sentence)), sentence
