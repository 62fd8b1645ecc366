"""The cues of a control change: one table, from which every matcher is generated.

A cue is a word or phrase that says a place changed hands ("captured", "fell to", "the
recapture of", "laid siege to"). Each row of :data:`CUE_TABLE` gives

* ``words``: every written form of the word a cue starts with (space-separated);
* ``rest``: a regular expression for what must follow (``{keys}`` stands for ``keys``);
* ``keys``: the content words, when ``words`` are function words ("the", "was"); a sentence
  holding none of the table's keys has no cue, which :func:`find_cues` checks first;
* ``participles``: the forms that also make a passive cue ("was captured by X");
* ``kind`` and ``role``: what the cue says and which side of it gains (``gain``: the subject;
  ``lose``/``lose_from``: the subject loses; ``passive``: the place is the subject; ``noun`` /
  ``noun_loss``: "the capture of X (by Y)" / "its loss of X");
* ``strict``: the place must follow right after ("took X", "entered X", not "took part");
  ``around``: the place may be a point of reference ("pushed them back from the outskirts of
  X"); ``expels``: the side right after the cue is the losing side ("drove IS out of X");
  ``needs_loser``: without a side expelled there is no change ("cleared X of mines");
  ``since``: the change is dated by the "since" that follows ("held X since 2014").

From the table come the per-cue regexes, the passive regexes, the one combined regex that
finds every cue of a sentence in one pass, and the prefilter (:data:`PREFILTER`). Adding a
verb means adding it to one row.

:func:`rejected` says whether a cue is negated, hypothetical, future, an attempt, background
("since") or an adjective ("the besieged city").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from geo.text import alternation

__all__ = [
    "CUES",
    "CUE_TABLE",
    "PREFILTER",
    "Cue",
    "CueEntry",
    "Role",
    "find_cues",
    "may_hold_cue",
    "rejected",
    "word_regex",
]

Role = Literal["gain", "lose", "lose_from", "passive", "noun", "noun_loss"]

ADV = r"(?:\w+ly\s+)?"
_PERCENT = (r"(?:about\s+|some\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+|under\s+|"
            r"just\s+under\s+|around\s+|at\s+least\s+|roughly\s+)?\d+(?:\.\d+)?\s*"
            r"(?:percent|per\s+cent|%)\s+of")
# What state media says the army restored: "security and stability", "security and safety".
_RESTORED = (r"(?:security(?:\s+and\s+(?:stability|safety|order))?|stability|safety|control|"
             r"state\s+authority|law\s+and\s+order)")
# A passive starts at its last auxiliary: "had been captured" at "been".
_AUX_WORDS = "was were is are been being be"
_DETERMINERS = "the its their his"

# Inflections written out once and shared by rows.
_CAPTURE = "capture captures captured capturing"
_SEIZE = "seize seizes seized seizing"
_TAKE = "take takes took taken taking"
_RETAKE = "retake retakes retook retaken retaking"
_LOSE = "lose loses lost losing"
_DRIVE = "drove drive drives driving driven"
_PUSH = "push pushes pushed pushing"
_FORCE = "force forced forcing"


@dataclass(frozen=True)
class CueEntry:
    """One row of the cue table (see the module docstring)."""

    name: str
    words: str
    kind: str
    role: Role
    rest: str = ""
    keys: str = ""
    participles: str = ""
    strict: bool = False
    confidence: float = 0.85
    around: bool = False
    expels: bool = False
    needs_loser: bool = False
    since: bool = False


CUE_TABLE: tuple[CueEntry, ...] = (
    # Compound cues first: at one position the first row that matches wins.
    CueEntry("percent", f"{_CAPTURE} {_SEIZE} {_TAKE} control controls controlled controlling "
             "hold holds held", "partial", "gain", rest=rf"\s+{_PERCENT}"),
    CueEntry("lose_percent", _LOSE, "partial", "lose", rest=rf"\s+{_PERCENT}"),
    CueEntry("lose_part", _LOSE, "partial", "lose",
             rest=r"\s+(?:more\s+than\s+|over\s+|nearly\s+|almost\s+)?"
                  r"(?:half|a\s+third|two[- ]thirds|most|much|parts?)\s+of"),
    CueEntry("lose_control", f"{_LOSE} relinquish relinquishes relinquished relinquishing",
             "capture", "lose",
             rest=r"\s+(?:full\s+|complete\s+|all\s+|effective\s+)?control\s+(?:of|over)"),
    CueEntry("lay_siege", "laid lay lays laying", "siege", "gain", rest=r"\s+siege\s+(?:to|on)"),
    CueEntry("break_siege", "broke break breaks breaking broken lift lifts lifted lifting end "
             "ends ended ending", "siege_broken", "gain",
             rest=r"\s+(?:[\w'’-]+\s+){0,6}?siege(?:\s+(?:of|on))?", expels=True),
    CueEntry("besiege", "besiege besieges besieged besieging encircle encircles encircled "
             "encircling surround surrounds surrounded surrounding", "siege", "gain",
             participles="besieged encircled surrounded"),
    CueEntry("take_control", f"gain gains gained gaining {_TAKE} {_SEIZE} assume assumes "
             "assumed assuming establish establishes established establishing impose imposes "
             "imposed imposing wrest wrests wrested wresting", "capture", "gain",
             rest=r"\s+(?:full\s+|complete\s+|total\s+|effective\s+)?control\s+(?:of|over)"),
    CueEntry("retake_control", f"regain regains regained regaining {_RETAKE}", "recapture",
             "gain",
             rest=r"\s+(?:full\s+|complete\s+|total\s+|effective\s+)?control\s+(?:of|over)"),
    CueEntry("restore", "restore restores restored restoring", "capture", "gain",
             rest=rf"\s+{_RESTORED}\s+(?:to|over|in)"),
    CueEntry("restoration", _DETERMINERS, "capture", "noun",
             rest=rf"\s+(?:{{keys}})\s+of\s+{_RESTORED}\s+(?:to|over|in)",
             keys="restoration return"),
    CueEntry("complete", "complete completes completed completing", "capture", "gain",
             rest=r"\s+(?:the\s+|its\s+|their\s+)?(?:liberation|takeover|capture)\s+of"),
    CueEntry("crush_last", "crush crushes crushed crushing", "capture", "gain",
             rest=r"\s+(?:the\s+)?(?:very\s+)?last\s+[\w'’-]+\s+(?:town|city|stronghold|"
                  r"bastion|pocket)"),
    CueEntry("raise_flag", "raise raises raised raising hoist hoists hoisted hoisting plant "
             "plants planted planting", "capture", "gain",
             rest=r"\s+(?:the\s+|their\s+|its\s+|his\s+|a\s+)?(?:[\w'’-]+\s+){0,2}?flags?"
                  r"\s+(?:[\w'’-]+\s+){0,3}?(?:over|above|on|in)", confidence=0.6),
    CueEntry("held_since", "held hold holds holding controlled controlling occupied occupying",
             "capture", "gain",
             rest=r"(?!\s+(?:most|much|half|parts?|large|swathes?|areas?|territory|pockets?)\b)"
                  r"(?=\s+(?:[\w'’-]+\s+){0,4}?(?:ever\s+)?since\b)",
             confidence=0.6, since=True),
    CueEntry("in_control", "in", "capture", "gain",
             rest=r"\s+(?:full|complete|total|effective)\s+control\s+(?:of|over)",
             keys="control", confidence=0.6),
    CueEntry("now_hold", "now", "capture", "gain",
             rest=r"\s+(?:fully\s+|firmly\s+)?(?:{keys})(?!\s+(?:about\s+|some\s+|nearly\s+|"
                  r"almost\s+|more\s+than\s+|over\s+|around\s+|just\s+)?(?:\d|most\b|half\b|"
                  r"parts?\b|much\b|a\s+third\b|large\b))",
             keys="hold holds control controls", confidence=0.6),
    CueEntry("changed_hands", "changed change changes changing", "capture", "passive",
             rest=r"\s+hands\b[^.;]{0,60}?(?:remaining|ending\s+up|staying|left)\s+"
                  r"(?:firmly\s+)?(?:under|in\s+the\s+hands\s+of)"),
    CueEntry("declare_freed", "declare declares declared declaring pronounce pronounces "
             "pronounced pronouncing", "claim", "gain",
             rest=r"(?=\s+(?:the\s+)?(?:[\w'’-]+\s+){1,4}?(?:fully\s+|completely\s+|totally\s+)?"
                  r"(?:liberated|freed|free\s+of|cleared\s+of|retaken|recaptured)\b)",
             confidence=0.55),
    # "X was declared free of IS": the place is the subject, "of" names the side expelled.
    CueEntry("declared_freed", _AUX_WORDS, "claim", "passive",
             rest=r"\s+(?:officially\s+|formally\s+)?(?:{keys})\s+(?:to\s+be\s+)?"
                  r"(?:fully\s+|completely\s+|totally\s+)?(?:liberated|freed|free|cleared|"
                  r"retaken|recaptured)",
             keys="declared pronounced", confidence=0.55, expels=True),
    # A headline: "Iraq Says Tal Afar Fully Liberated".
    CueEntry("say_freed", "says said", "claim", "gain",
             rest=r"(?=\s+(?:(?-i:[A-Z])[\w'’-]*\s+){1,4}?(?:fully\s+|completely\s+)?"
                  r"(?:liberated|freed|retaken|recaptured)\b)", confidence=0.55),
    CueEntry("declare_victory", "declare declares declared declaring", "claim", "gain",
             rest=r"\s+(?:\w+\s+){0,2}?victory(?:\s+over\s+(?:[\w'’.-]+\s+){1,5}?(?:from\s+)?"
                  r"(?:inside|in|at)|\s+(?:from\s+)?(?:inside|in|at|over))",
             confidence=0.55, expels=True),
    CueEntry("push_back", f"{_PUSH} {_DRIVE} {_FORCE}", "capture", "gain",
             rest=r"\s+(?:[\w'’-]+\s+){1,5}?back\s+(?:[\w'’()-]+\s+){0,6}?from",
             confidence=0.5, around=True, expels=True),
    CueEntry("drive_out", f"{_DRIVE} kick kicks kicked kicking chase chases chased chasing "
             f"{_FORCE} {_PUSH}", "capture", "gain",
             rest=r"\s+(?:[\w'’-]+\s+){1,5}?out\s+of", expels=True),
    CueEntry("drive_from", f"{_DRIVE} chase chases chased chasing", "capture", "gain",
             rest=r"\s+(?!back\b)(?:[\w'’-]+\s+){1,4}?from", expels=True),
    CueEntry("expel", "expel expels expelled expelling oust ousts ousted ousting dislodge "
             "dislodges dislodged dislodging evict evicts evicted evicting", "capture", "gain",
             expels=True),
    CueEntry("capture", f"{_CAPTURE} {_SEIZE} liberate liberates liberated liberating overran "
             "overrun overruns overrunning frees freed freeing", "capture", "gain",
             participles="captured seized liberated overrun freed"),
    CueEntry("recapture", f"recapture recaptures recaptured recapturing {_RETAKE} reclaim "
             "reclaims reclaimed reclaiming",
             "recapture", "gain", participles="recaptured retaken"),
    CueEntry("clear", "clears cleared clearing", "capture", "gain", participles="cleared",
             expels=True, needs_loser=True),
    CueEntry("take", _TAKE, "capture", "gain", strict=True, participles="taken"),
    CueEntry("regain", "regain regains regained regaining win wins won winning", "recapture",
             "gain", rest=r"(?:\s+back)?", strict=True),
    CueEntry("enter", "enter enters entered entering storm storms stormed storming",
             "partial", "gain", strict=True, confidence=0.6),
    CueEntry("into", "sweep sweeps swept sweeping roll rolls rolled rolling break breaks "
             "breaking broke push pushes pushed pushing advance advances advanced "
             "move moves moved", "partial", "gain", rest=r"\s+into(?:\s+the\s+(?:centre|"
             r"center|heart)\s+of)?", strict=True, confidence=0.6),
    CueEntry("driven_out", _AUX_WORDS, "capture", "lose_from",
             rest=rf"\s+{ADV}(?:{{keys}})\s+out(?:\s+of)?",
             keys="driven pushed forced kicked chased expelled ousted routed"),
    CueEntry("expelled_from", "was were been", "capture", "lose_from",
             rest=rf"\s+{ADV}(?:{{keys}})(?:\s+from)?",
             keys="expelled ousted driven evicted dislodged"),
    CueEntry("withdraw", "withdrew withdraw withdrawn withdraws withdrawing retreat retreats "
             "retreated retreating", "withdrawal", "lose_from"),
    CueEntry("pull_out", "pull pulls pulled pulling", "withdrawal", "lose_from",
             rest=r"\s+(?:out|back)"),
    CueEntry("lose", f"{_LOSE} surrender surrenders surrendered surrendering cede cedes ceded "
             "ceding", "capture", "lose", strict=True, participles="lost"),
    CueEntry("hand_over", "hand hands handed handing", "capture", "lose", strict=True,
             rest=r"\s+over"),
    CueEntry("fall", "fell falls fallen falling", "capture", "passive",
             rest=r"\s+(?:back\s+)?(?:to|into\s+the\s+hands\s+of|under)"),
    CueEntry("noun", _DETERMINERS, "capture", "noun",
             rest=r"\s+(?:(?:full|final|complete|swift|recent|subsequent|eventual)\s+)?"
                  r"(?:{keys})(?:\s+of)?",
             keys="capture seizure takeover take-over liberation fall conquest"),
    CueEntry("noun_again", _DETERMINERS, "recapture", "noun",
             rest=r"\s+(?:(?:full|final|complete|swift|recent|subsequent|eventual)\s+)?"
                  r"(?:{keys})(?:\s+of)?",
             keys="recapture retaking reconquest"),
    CueEntry("noun_loss", _DETERMINERS, "capture", "noun_loss", rest=r"\s+(?:{keys})\s+of",
             keys="loss"),
)


@dataclass(frozen=True)
class Cue:
    """A compiled cue: its table row, and the regex of the whole phrase."""

    entry: CueEntry
    regex: re.Pattern[str]
    role: Role

    @property
    def name(self) -> str:
        """The row's name (``capture_passive`` for a generated passive cue)."""
        return self.entry.name + ("_passive" if self.role == "passive"
                                  and self.entry.role != "passive" else "")

    @property
    def kind(self) -> str:
        """What the cue says: capture, recapture, siege, partial, withdrawal..."""
        return self.entry.kind

    @property
    def strict(self) -> bool:
        """Whether the place must follow right after the cue."""
        return self.entry.strict and self.role != "passive"

    @property
    def confidence(self) -> float:
        """The confidence of an event found with this cue and a named side."""
        return self.entry.confidence

    @property
    def around(self) -> bool:
        """Whether the place may be a point of reference after the cue."""
        return self.entry.around


def _words(forms: str) -> list[str]:
    return sorted(set(forms.split()), key=lambda w: (-len(w), w))


def word_regex(forms: str) -> str:
    """A regex for any of the space-separated ``forms`` as a whole word.

    "is" only matches in lower case, so that it never reads "IS" (the Islamic State).
    """
    words = _words(forms)
    plain = [w for w in words if w != "is"]
    parts = [alternation(plain)] if plain else []
    if "is" in words:
        parts.append("(?-i:is)")
    return r"\b(?:" + "|".join(parts) + r")\b"


def _compile(entry: CueEntry) -> list[Cue]:
    rest = entry.rest.replace("{keys}", "|".join(map(re.escape, _words(entry.keys))))
    pattern = word_regex(entry.words) + rest + (r"\b" if rest and rest[-1].isalpha() else "")
    cues = [Cue(entry, re.compile(pattern, re.IGNORECASE), entry.role)]
    if entry.participles:
        passive = (word_regex(_AUX_WORDS) + rf"\s+{ADV}"
                   r"(?:(?:completely|fully|finally|reportedly)\s+)?"
                   + word_regex(entry.participles))
        cues.insert(0, Cue(entry, re.compile(passive, re.IGNORECASE), "passive"))
    return cues


def _all_cues() -> tuple[Cue, ...]:
    passives: list[Cue] = []
    actives: list[Cue] = []
    for entry in CUE_TABLE:
        for cue in _compile(entry):
            (passives if cue.role == "passive" and entry.role != "passive" else actives).append(
                cue)
    return (*passives, *actives)


#: Every compiled cue, passives ("was captured") first, then the table's order.
CUES: tuple[Cue, ...] = _all_cues()
_STARTS = " ".join(e.words for e in CUE_TABLE) + " " + _AUX_WORDS
_KEYS = " ".join((e.keys or e.words) + " " + e.participles for e in CUE_TABLE)
#: Whether a sentence can hold a cue at all: one of the table's content words.
PREFILTER = re.compile(word_regex(_KEYS) + r"|\d+\s*(?:percent|per\s+cent|%)", re.IGNORECASE)
_CANDIDATE = re.compile(word_regex(_STARTS), re.IGNORECASE)


def _by_first_word() -> dict[str, tuple[Cue, ...]]:
    table: dict[str, list[Cue]] = {}
    for cue in CUES:
        words = _AUX_WORDS if cue.role == "passive" and cue.entry.role != "passive" else (
            cue.entry.words)
        for word in set(words.split()):
            table.setdefault(word, []).append(cue)
    return {word: tuple(cues) for word, cues in table.items()}


# The cues that can start with each word, in the order of :data:`CUES`.
_BY_WORD = _by_first_word()


# The fast path reads words as ``\b`` delimits them (maximal runs of word characters) and
# compares their lower case with sets. IGNORECASE also matches four non-ASCII letters to ASCII
# ones that ``str.lower`` does not fold ("İ", "ı", "ſ", "K"): a text holding one of them takes
# the regex path, so that both paths always find the same cues.
_WORD = re.compile(r"\w+")
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
#: Whether a text holds one of those letters (then only the IGNORECASE regex answers exactly).
FOLDS_TO_ASCII = _FOLDS_TO_ASCII
_KEY_WORDS = frozenset(w for w in _words(_KEYS) if w.isascii() and w.isalpha())
_OTHER_KEYS = tuple(w for w in _words(_KEYS) if w not in _KEY_WORDS)  # "take-over"
_OTHER_PREFILTER = re.compile(
    (word_regex(" ".join(_OTHER_KEYS)) + "|" if _OTHER_KEYS else "")
    + r"\d+\s*(?:percent|per\s+cent|%)", re.IGNORECASE)
_START_WORDS = frozenset(_words(_STARTS))
if not all(w.isascii() and w.isalpha() and w.islower() for w in _START_WORDS):
    raise AssertionError("cue start words must be plain lower-case words")  # pragma: no cover


def may_hold_cue(text: str) -> bool:
    """Whether ``text`` holds one of the table's content words: ``PREFILTER.search``, faster.

    A set lookup of the text's words instead of a regex tried at every position; the
    result is the same for every text.
    """
    if _FOLDS_TO_ASCII.search(text):
        return PREFILTER.search(text) is not None
    if not _KEY_WORDS.isdisjoint(map(str.lower, _WORD.findall(text))):
        return True
    low = text.lower()
    if "%" in text or "per" in low or any(k in low for k in _OTHER_KEYS):
        return _OTHER_PREFILTER.search(text) is not None
    return False


def _candidates(text: str) -> Iterator[tuple[int, str]]:
    """Where a cue may start: ``_CANDIDATE.finditer``, as (offset, word)."""
    if _FOLDS_TO_ASCII.search(text):
        for match in _CANDIDATE.finditer(text):
            yield match.start(), match.group(0)
        return
    for match in _WORD.finditer(text):
        word = match.group(0)
        low = word.lower()
        if low in _START_WORDS and (low != "is" or word == "is"):
            yield match.start(), word


def find_cues(text: str) -> list[tuple[Cue, re.Match[str]]]:
    """The cues of a sentence, left to right, without overlaps (one regex pass)."""
    if not may_hold_cue(text):
        return []
    out: list[tuple[Cue, re.Match[str]]] = []
    last = 0
    for start, word in _candidates(text):
        if start < last:
            continue
        if word == "IS":
            continue  # the Islamic State, not the verb
        for cue in _BY_WORD.get(word.lower(), ()):
            m = cue.regex.match(text, start)
            if m is not None:
                out.append((cue, m))
                last = m.end()
                break
    return out


# ------------------------------------------------------------------ what makes a cue void

_NEGATION = re.compile(
    r"\b(?:not|never|no|neither|nor|without|unable|failed|fails|fail|denied|denies|deny|"
    r"yet\s+to)\b|n['’]t\b", re.IGNORECASE)
# "may" in lower case only: "in May" is the month.
_MODAL = re.compile(
    r"\b(?:if|unless|whether|would|could|might|(?-i:may)|should|will|shall|can|must|going\s+to|"
    r"expected|likely|hopes?|wants?|plans?|threaten\w*)\b|['’]ll\b", re.IGNORECASE)
_TO_BEFORE = re.compile(
    r"\bto\s+(?:have\s+(?:been\s+)?)?(?:\w+ly\s+)?$|\bto\s+(?:[\w'’-]+\s+){1,4}?(?:and|or)\s+$",
    re.IGNORECASE)
_TO_ALLOWED = re.compile(
    r"\b(?:managed|manage|manages|able|succeeded|forced|force|forcing|agreed|claimed|claims?|"
    r"claiming|said|reported|appeared|appears)\s+(?:\w+\s+){0,5}to\s+(?:have\s+(?:been\s+)?)?"
    r"(?:\w+ly\s+)?$", re.IGNORECASE)
_ATTEMPT = re.compile(
    r"\b(?:close|closer|near|nearer|poised|threat|risk|fear|danger|verge|brink|cusp|bid|"
    r"attempts?|attempting|trying|tried|aim|aims|aiming|aimed|effort|efforts|hope|hopes|"
    r"hoping|capable|intent|intention|chance|chances|instead)\s+(?:to|of|at|on|for|in)\s+"
    r"(?:\w+ly\s+)?$", re.IGNORECASE)
_SINCE = re.compile(r"\b(?:since|until|till|ever\s+since)\s+(?:[\w'’-]+\s+){0,3}$",
                    re.IGNORECASE)
_ADJECTIVAL = re.compile(r"(?:\b(?:the|a|an|newly|recently|its|their|his|her)\s+|^\W*)$",
                         re.IGNORECASE)
_GOAL = re.compile(
    r"[^,;.]{0,60}?\b(?:is|was|remains|remained|would\s+be|will\s+be|has\s+been|had\s+been)\s+"
    r"(?:(?:a|an|the|their|its|his|our|now|still|also|not|top|main|key|first|major)\s+)*"
    r"(?:priority|priorities|goal|aim|objective|target|necessary|essential|vital|crucial|"
    r"important|possible|impossible|difficult|hard|easy|unlikely|likely|next|plan)\b",
    re.IGNORECASE)
MODAL_BREAK = re.compile(r"[,;:“”\"()—–]|\bbut\b|\bwhile\b|\bwhereas\b")


def rejected(text: str, cue: re.Match[str], floor: int, role: Role) -> bool:
    """Whether a cue is negated, hypothetical, future, an attempt, background or an adjective.

    ``floor`` is where the cue's stretch of the sentence starts (the end of the cue before).
    """
    before = text[:cue.start()]
    word = cue.group(0).lower()
    if _TO_BEFORE.search(before) and not _TO_ALLOWED.search(before):
        return True
    if _ATTEMPT.search(before):
        return True
    if re.search(r"\bof\s+$", before) and word.endswith("ing"):
        return True
    if _SINCE.search(before[-40:]) and role != "noun":
        return True
    first = word.split()[0]
    if role in ("gain", "lose") and first.endswith(("ed", "en")) and (
        _ADJECTIVAL.search(before) and not re.search(r"\b(?:its|their|his|her)\s+$", before)
    ):
        return True
    if first.endswith("ing") and re.search(r"\b(?:the|a|an)\s+$", before, re.IGNORECASE):
        return True  # "the surrounding area", "the besieging forces"
    start = floor
    for brk in MODAL_BREAK.finditer(text, floor, cue.start()):
        start = brk.end()
    window = text[max(start, cue.start() - 90) : cue.start()]
    window = re.sub(r"\bnot\s+only\b", "", window, flags=re.IGNORECASE)
    if _NEGATION.search(window) or _MODAL.search(window):
        return True
    after = re.split(r"[;:—–]|,\s", text[cue.end() : cue.end() + 120])[0]
    gerund = word.split()[0].endswith("ing") and not text[: cue.start()].strip(" “\"'‘")
    if (role in ("noun", "noun_loss") or gerund) and (
        re.search(r"\b(?:would|could|will|might|(?-i:may))\b", after, re.IGNORECASE)
    ):
        return True
    if first.endswith("ing") and _GOAL.match(text[cue.end() :]):
        return True  # "taking X is a priority": a goal, not an event
    return bool(re.match(r"\s*(?:not|yet)\b", after, re.IGNORECASE))
