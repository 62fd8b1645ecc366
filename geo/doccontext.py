"""What the extractor knows about one document while it reads it, sentence by sentence.

The sentences, the place mentions of each (found once by the gazetteer), the sides named in
each (found lazily: most sentences hold no cue), and the place of the latest event, which "the
town" refers back to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from geo.dates import DateRef
from geo.factions import FactionMention, find_factions, resolve_reference
from geo.models import Document, Mention, Place
from geo.text import Sentence

__all__ = ["COUNTRIES", "DocContext", "Draft", "GazetteerLike", "LazySides", "place_country",
           "resolve"]

class GazetteerLike(Protocol):
    """What the extractor needs from a gazetteer (:class:`geo.gazetteer.Gazetteer`)."""

    def find(self, text: str, doc_id: str = "", country: str = "") -> list[Mention]:
        """Every place mention of ``text`` (``country``: see :attr:`Document.country`)."""
        ...  # pragma: no cover

    def get(self, place_id: str) -> Place | None:
        """The place with this id."""
        ...  # pragma: no cover



_BARE_FORCES = re.compile(r"(?:the\s+)?forces", re.IGNORECASE)
#: Country names: a place mention, but never the place of an event.
COUNTRIES = frozenset({
    "syria", "iraq", "turkey", "lebanon", "jordan", "iran", "israel", "russia", "united states",
})


class LazySides:
    """The sides named in each sentence, found the first time a sentence is asked about."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self._sentences = sentences
        self._cache: dict[int, list[FactionMention]] = {}
        self._named: list[str] | None = None

    def get(self, index: int, default: list[FactionMention]) -> list[FactionMention]:
        """The sides named in sentence ``index`` (``default`` when there is none)."""
        if not 0 <= index < len(self._sentences):
            return default
        found = self._cache.get(index)
        if found is None:
            found = self._cache[index] = find_factions(self._sentences[index].text)
        return found

    def named(self) -> list[str]:
        """Every named side of the document, with repeats."""
        if self._named is None:
            self._named = [f.faction_id for i in range(len(self._sentences))
                           for f in self.get(i, []) if f.faction_id]
        return self._named


class AllNamed:
    """The document's named sides, found only if someone iterates over them."""

    def __init__(self, sides: LazySides) -> None:
        self._sides = sides

    def __iter__(self) -> Iterator[str]:
        return iter(self._sides.named())


@dataclass
class DocContext:
    """One document being read: its sentences, places, sides, and the latest event's place."""

    doc: Document
    sentences: list[Sentence]
    mentions: dict[int, list[Mention]]
    factions: LazySides
    turkish: bool
    gazetteer: GazetteerLike
    dateline: Mention | None = None
    last_event: tuple[int, Mention] | None = None
    last_when: DateRef | None = None
    event_places: set[str] = field(default_factory=set)

    @property
    def named_sides(self) -> list[str]:
        """Every named side of the document, with repeats."""
        return self.factions.named()


@dataclass(frozen=True)
class Draft:
    """An event found in a sentence, before it is dated and given an id."""

    place: Mention
    controller: str
    previous: str | None
    kind: str
    confidence: float
    when: DateRef | None
    sentence: Sentence
    explicit_side: bool
    denied: bool = False


def previous_sides(ctx: DocContext, index: int, depth: int = 3) -> list[list[str]]:
    """The side ids each of the ``depth`` sentences before ``index`` names, nearest first."""
    out: list[list[str]] = []
    for i in range(index - 1, max(-1, index - 1 - depth), -1):
        out.append([f.faction_id for f in ctx.factions.get(i, []) if f.faction_id])
    return out


def resolve(ctx: DocContext, index: int, mention: FactionMention, country: str) -> str | None:
    """The side a mention of sentence ``index`` names, reading the document around it.

    A bare "the forces" is the side named last before it in the sentence (or, failing that,
    the first side the sentence before names); only then a state's army.
    """
    if mention.reference == "state" and _BARE_FORCES.fullmatch(mention.surface):
        here = [f.faction_id for f in ctx.factions.get(index, [])
                if f.faction_id and f.end <= mention.start]
        if here:
            return here[-1]
        before = [f.faction_id for f in ctx.factions.get(index - 1, []) if f.faction_id]
        if before:
            return before[0]
    return resolve_reference(
        mention, previous=previous_sides(ctx, index), document=AllNamed(ctx.factions),
        country=country
    )


def place_country(ctx: DocContext, mention: Mention) -> str:
    """The country code of a resolved place mention ("" when unknown)."""
    place = ctx.gazetteer.get(mention.place_id) if mention.place_id else None
    return place.country if place else ""

