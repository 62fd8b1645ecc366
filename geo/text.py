"""Sentence splitting shared by the gazetteer and the extractor.

A rule-based splitter: news copy is regular enough that a few rules beat a statistical model
here, and it keeps character offsets so every mention and event points back into the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "mr", "mrs", "ms", "dr", "gen", "maj", "col", "lt", "sgt", "capt", "cpt", "st", "mt",
        "no", "vs", "etc", "u.s", "u.n", "u.k", "e.g", "i.e", "al", "jr", "sr", "prof", "gov",
        "sen", "rep"
    ]
)
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+|\n\s*\n|\n(?=[A-Z“\"‘'–—-])")
# The word a full stop ends ("Gen.", "U.S.", "W."), read in the 12 characters before it.
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")
_INITIAL = re.compile(r"[A-Z]")


@dataclass(frozen=True)
class Sentence:
    """A sentence with its place in the document text.

    Attributes:
        index: 0-based position among the document's sentences.
        start: Offset of the first character.
        end: Offset just past the last character.
        text: The sentence, stripped.
    """

    index: int
    start: int
    end: int
    text: str


_LAST: tuple[str | None, tuple[Sentence, ...]] = (None, ())


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    mark = match.group(0)
    if not mark.startswith("."):
        return True
    word = _WORD_BEFORE.search(text, max(0, match.start() - 12), match.start() + 1)
    if word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS:
        return False
    if word and _INITIAL.fullmatch(word.group(1)):
        return False  # an initial: "George W. Bush"
    nxt = text[match.end() : match.end() + 1]
    return not (nxt and nxt.islower())


def split_sentences(text: str) -> list[Sentence]:
    r"""Split ``text`` into sentences, keeping their character offsets.

    Line breaks before a capital and blank lines end a sentence (headlines and datelines stand
    alone); a full stop after a known abbreviation ("Feb.", "Maj. Gen.") or an initial does not.
    In hard-wrapped copy (most long lines end mid-sentence) a line break after a full-width
    line that ends without punctuation does not end a sentence: "the\nSyrian army" is one.

    The last text split is remembered: the gazetteer and the extractor both split each
    document, one right after the other, and the second gets the first's sentences.
    """
    global _LAST
    last_text, last_sentences = _LAST
    if text == last_text:
        return list(last_sentences)
    sentences = _split(text)
    _LAST = (text, tuple(sentences))
    return sentences


def _split(text: str) -> list[Sentence]:
    width = _wrap_width(text)
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if not _ends_sentence(text, match):
            continue
        if width and match.group(0) == "\n":
            line = text[text.rfind("\n", 0, match.start()) + 1 : match.start()].rstrip()
            if len(line) >= 0.75 * width and not _LINE_END.search(line):
                continue
        cut = match.start() + len(match.group(0).rstrip())
        _append(sentences, text, start, cut)
        start = match.end()
    _append(sentences, text, start, len(text))
    return sentences


_LINE_END = re.compile(r"[.!?:;\"'”’)\]]$")


def _wrap_width(text: str) -> int:
    """The line width of hard-wrapped text (0 when lines are paragraphs)."""
    if text.count("\n") < 4:
        return 0
    lengths = [len(line.rstrip()) for line in text.split("\n") if len(line.strip()) >= 40]
    if len(lengths) < 4:
        return 0
    open_ended = sum(1 for line in text.split("\n") if len(line.strip()) >= 40
                     and not _LINE_END.search(line.rstrip()))
    if open_ended * 2 < len(lengths):
        return 0
    return sorted(lengths)[len(lengths) // 2]


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    offset = start + (len(chunk) - len(chunk.lstrip()))
    sentences.append(Sentence(len(sentences), offset, offset + len(stripped), stripped))


def alternation(words: Iterable[str]) -> str:
    """One regex alternation of ``words``, factored by common prefixes.

    Python's regex engine tries the branches of an alternation one by one; a prefix tree of
    the words lets it reject most positions of a long text at the first character.
    """
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        branches = [re.escape(c) + render(child) for c, child in sorted(node.items()) if c]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if optional else body

    return render(tree)
