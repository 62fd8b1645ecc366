"""One frame per date: everything a writer needs to show a date, computed once.

A :class:`Frame` holds, for one date, who holds each place (the timeline's states), the areas each
side holds (the territory model's dissolve), the changes of the days before it with their
documents, and the places. Every writer takes frames: the HTML map and its embed
(:mod:`geo.render`), the static PNG/SVG map (:mod:`geo.static`), the GIS export
(:mod:`geo.export`). None of them rebuilds the timeline or the territory model, so the same date
drawn as a page, an image and a GeoPackage shows the same ground, and a command that writes
several outputs computes a date once.

Build frames with :func:`make_frame` (one date) or :func:`make_frames` (many dates sharing one
territory model: consecutive dates then reuse the geometry of the sides that did not change).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

from geo.models import Document, Event, Place, PlaceState

if TYPE_CHECKING:
    import geopandas

    from geo.territory import TerritoryModel

#: Days before a frame's date whose changes it lists (the date itself included).
CHANGE_WINDOW_DAYS = 30


class CorpusLike(Protocol):
    """What frames need of a :class:`geo.pipeline.Corpus`."""

    documents: list[Document]
    events: list[Event]

    @property
    def gazetteer(self) -> Any:
        """The gazetteer (``.places``: id to :class:`Place`)."""
        ...

    @property
    def timeline(self) -> Any:
        """The timeline (``state_on(day)``, ``event_dates()``)."""
        ...


@dataclass(frozen=True)
class Frame:
    """What one date shows, computed once and handed to every writer.

    The states and changes are computed when the frame is made; the geometry (areas, uncertain
    ground) and the per-cell view are computed on first use and kept, so a writer that draws
    cells (the slider) never pays for a dissolve, and several writers of one date share one.

    Attributes:
        day: The date.
        states: Who holds each place of ``places`` on ``day`` (``Timeline.state_on``).
        changes: The events of the :data:`CHANGE_WINDOW_DAYS` days up to ``day``, by date then
            place.
        window_start: The first day whose changes are listed.
        documents: The corpus's documents by id (the changes and states cite them).
        places: The gazetteer's places by id (none of a country the model leaves out).
        model: The territory model the geometry comes from.
        not_applied: Event id to why the timeline did not apply it, for the listed changes
            (:meth:`geo.timeline.Timeline.event_status`).
    """

    day: date
    states: Mapping[str, PlaceState]
    changes: tuple[Event, ...]
    window_start: date
    documents: Mapping[str, Document]
    places: Mapping[str, Place]
    model: TerritoryModel = field(repr=False, compare=False)
    not_applied: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def areas(self) -> geopandas.GeoDataFrame:
        """The ground each controller holds (``TerritoryModel.areas``).

        A GeoDataFrame in EPSG:4326: ``controller, area_km2, share, places, geometry``.
        """
        return self.model.areas(self.states, self.cell_controllers)

    @cached_property
    def uncertain(self) -> geopandas.GeoDataFrame:
        """The ground each side holds only on uncertain states, drawn faded and hatched."""
        return self.model.uncertain_areas(self.states, self.cell_controllers, self.cell_uncertain)

    @cached_property
    def tally(self) -> list[tuple[str, float, float, int]]:
        """``(controller, area_km2, share, places)`` per controller, without geometry."""
        return self.model.tally(self.states, self.cell_controllers)

    @cached_property
    def cell_controllers(self) -> tuple[str, ...]:
        """The controller of every territory cell (rows of ``TerritoryModel.cells``)."""
        return tuple(self.model.cell_controllers(self.states))

    @cached_property
    def cell_uncertain(self) -> tuple[bool, ...]:
        """Per cell, whether its side rests on uncertain states only."""
        return tuple(self.model.uncertain_cells(self.states, self.cell_controllers))

    @property
    def sides(self) -> list[str]:
        """The controllers holding ground or a place on this date, in legend order."""
        from geo.territory import controller_order

        present = {row[0] for row in self.tally if row[1] > 0 or row[3] > 0}
        present |= {s.controller for s in self.states.values()}
        return sorted(present, key=controller_order)

    def place_side(self, place_id: str) -> str:
        """Return who holds ``place_id`` (``unknown`` when the timeline has no state for it)."""
        state = self.states.get(place_id)
        return state.controller if state is not None else "unknown"

    def document(self, doc_id: str) -> Document | None:
        """Return the document ``doc_id`` (``None`` when the corpus lacks it)."""
        return self.documents.get(doc_id)


def _events_between(events: Iterable[Event], start: date, end: date) -> tuple[Event, ...]:
    chosen = [e for e in events if start <= e.date <= end]
    return tuple(sorted(chosen, key=lambda e: (e.date, e.place, e.event_id)))


def make_frames(
    corpus: CorpusLike,
    days: Sequence[date],
    *,
    model: TerritoryModel | None = None,
    window_days: int = CHANGE_WINDOW_DAYS,
) -> list[Frame]:
    """Return the frame of each of ``days`` (in the order given).

    Args:
        corpus: The corpus (:func:`geo.pipeline.load_corpus`).
        days: The dates.
        model: The territory model; the corpus gazetteer's shared model when ``None``.
        window_days: How many days of changes each frame lists (the date included).
    """
    return list(iter_frames(corpus, days, model=model, window_days=window_days))


def frame_places(corpus: CorpusLike, model: TerritoryModel) -> dict[str, Place]:
    """Return the places of the frames of ``model``: the gazetteer's, by id.

    A one-country model (``--country``) leaves out the places of the other country of the
    theatre (places abroad stay: the writers show them only where a side is known to hold them).
    """
    from geo.territory import THEATRE

    left_out = set(THEATRE) - set(getattr(model, "countries", THEATRE))
    return {pid: p for pid, p in corpus.gazetteer.places.items() if p.country not in left_out}


def iter_frames(
    corpus: CorpusLike,
    days: Iterable[date],
    *,
    model: TerritoryModel | None = None,
    window_days: int = CHANGE_WINDOW_DAYS,
) -> Iterator[Frame]:
    """Yield the frame of each of ``days`` in turn (see :func:`make_frames`).

    For many dates: a caller that keeps only what it needs of each frame holds one date's states
    at a time.
    """
    if model is None:
        from geo.territory import TerritoryModel

        model = TerritoryModel.for_gazetteer(corpus.gazetteer)
    every_place = dict(corpus.gazetteer.places)
    places = frame_places(corpus, model)
    documents = {d.id: d for d in corpus.documents}
    status = getattr(corpus.timeline, "event_status", lambda _event_id: None)
    events = _events_between(corpus.events, date.min, date.max)
    event_days = [e.date for e in events]
    for day in days:
        states = corpus.timeline.state_on(day)
        if len(places) < len(every_place):
            states = {pid: st for pid, st in states.items() if pid in places}
        start = day - timedelta(days=window_days - 1)
        lo, hi = bisect_left(event_days, start), bisect_right(event_days, day)
        changes = tuple(
            e for e in events[lo:hi] if e.place_id not in every_place or e.place_id in places
        )
        yield Frame(
            day=day,
            states=states,
            changes=changes,
            window_start=start,
            documents=documents,
            places=places,
            model=model,
            not_applied={e.event_id: why for e in changes if (why := status(e.event_id))},
        )


def make_frame(
    corpus: CorpusLike,
    day: date,
    *,
    model: TerritoryModel | None = None,
    window_days: int = CHANGE_WINDOW_DAYS,
) -> Frame:
    """Return the frame of one date (see :func:`make_frames`)."""
    return make_frames(corpus, [day], model=model, window_days=window_days)[0]


__all__ = ["CHANGE_WINDOW_DAYS", "Frame", "frame_places", "iter_frames", "make_frame",
           "make_frames"]
