"""The loser of a chronicle's capture whose sentence names none: the side its section fights.

A chronicle tells an offensive against one enemy, and its sentences often name the winner only
("On 23 May, the militia seized the town and the villages around it"). The timeline cannot read
such a capture backwards (rule 2 of :mod:`geo.timeline`): before it the place is ``unknown``, or
takes the side of a later snapshot, and the ground an offensive took is drawn as never lost.

Here a history capture (or recapture) that names no loser takes as its loser the side its
section names most often, apart from the winner and from sides that cannot hold ground in the
place's country, when that side is named at least :data:`MIN_MENTIONS` times and at least
:data:`DOMINANCE` times as often as the next such side; else its article's, by the same test;
else none. A side is not inferred before it held ground in the country (the history's
``starts.csv``, :func:`geo.history.load_starts`: IS in Iraq from January 2014): a section whose
enemy is such a side infers nothing (a siege of 2014 told with a word on 2012), nor at a place
across the border from the country the chunk's article is about (a namesake read wrong). A
section fought over by two enemies ("the Peshmerga and IS both claimed the crossroads") names
no single enemy and infers nothing. Only the chronicles are read this way: a
news report's capture keeps the loser its sentence gives, and the inference is written beside
the row (``loser_from``) so a reader can tell it from the sentence's own word.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from geo.models import Document, Event

__all__ = ["DOMINANCE", "MIN_MENTIONS", "LoserCounts", "infer_losers",
           "side_counts"]

#: The fewest mentions that make a side the enemy of a section or article.
MIN_MENTIONS = 3
#: How many times as often as the next side the enemy must be named.
DOMINANCE = 2.0
#: Kinds of change whose loser is inferred: the winner took the place from someone.
_TAKEN = frozenset({"capture", "recapture"})
#: Not an enemy holding ground: the coalition's air war is named in every section.
_NOT_HOLDERS = frozenset({"us_coalition"})

#: Section or article title to the sides its text names, with counts.
LoserCounts = dict[str, Counter[str]]


def _article(title: str) -> str:
    return title.split(", ", 1)[0]


def side_counts(documents: Iterable[Document]) -> tuple[LoserCounts, LoserCounts]:
    """How often each side is named in each section and each article of the chronicles.

    Returns:
        Two maps: section title (``Article, Section``) to counts, and article title to counts.
    """
    from geo.factions import find_factions

    sections: LoserCounts = {}
    articles: LoserCounts = {}
    for doc in documents:
        title = doc.title or doc.id
        named = [f.faction_id for f in find_factions(doc.text) if f.faction_id]
        sections.setdefault(title, Counter()).update(named)
        articles.setdefault(_article(title), Counter()).update(named)
    return sections, articles


#: What a section or article says of a capture's loser: no clear enemy, or an enemy that did not
#: hold ground yet, which settles it (the text is about a later war: no guess from elsewhere).
_UNCLEAR = None
_TOO_EARLY = ("", "")


def _enemy(counts: Counter[str] | None, winner: str, country: str, day: date,
           first_ground: Mapping[tuple[str, str], date]) -> tuple[str, str] | None:
    """The side ``counts`` names clearly most, apart from the winner, with the counts as text."""
    from geo.factions import country_allows

    if not counts:
        return _UNCLEAR
    rivals = sorted(((n, side) for side, n in counts.items()
                     if side != winner and side not in _NOT_HOLDERS
                     and country_allows(side, country)),
                    key=lambda t: (-t[0], t[1]))
    if not rivals or rivals[0][0] < MIN_MENTIONS:
        return _UNCLEAR
    if day < first_ground.get((rivals[0][1], country), day):
        return _TOO_EARLY
    runner_up = rivals[1][0] if len(rivals) > 1 else 0
    if rivals[0][0] < DOMINANCE * runner_up:
        return None
    said = ", ".join(f"{side} {n}" for n, side in rivals[:3])
    return rivals[0][1], said


def infer_losers(
    events: Sequence[Event], documents: Sequence[Document], countries: Mapping[str, str],
    first_ground: Mapping[tuple[str, str], date] | None = None,
) -> tuple[list[Event], dict[str, str]]:
    """Give each capture naming no loser the enemy of its section (else article), if clear.

    Args:
        events: Merged events read from the chronicles (``doc_ids`` are chunk ids).
        documents: The chronicle chunks they were read from.
        countries: Place id to its country code (``SY``, ``IQ``).
        first_ground: ``(side, country)`` to the first day the side held ground there (the
            history's ``starts.csv``): no side is the loser of an earlier capture.

    Returns:
        The events (those inferred with ``previous_controller`` set), and event id to where the
        loser was read (``section: is 7, iraq 2``), for the history file's ``loser_from``.
    """
    titles = {d.id: d.title or d.id for d in documents}
    told = {d.id: d.country for d in documents if d.country}
    sections, articles = side_counts(documents)
    out: list[Event] = []
    how: dict[str, str] = {}
    for event in events:
        if event.previous_controller or event.kind not in _TAKEN or not event.place_id:
            out.append(event)
            continue
        title = titles.get(event.doc_ids[0], "")
        country = countries.get(event.place_id, "")
        if told.get(event.doc_ids[0], country) != country:
            out.append(event)  # a namesake across the border: its article fights elsewhere
            continue
        found = None
        for where, counts in (("section", sections.get(title)),
                              ("article", articles.get(_article(title)))):
            enemy = _enemy(counts, event.controller, country, event.date, first_ground or {})
            if enemy is not None:
                found = None if enemy is _TOO_EARLY else (where, *enemy)
                break
        if found is None:
            out.append(event)
            continue
        where, side, said = found
        how[event.event_id] = f"{where}: {said}"
        out.append(replace(event, previous_controller=side))
    return out, how
