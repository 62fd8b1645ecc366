"""Statistics of the areas of control over time: rows, CSV and a stacked chart."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from geo.errors import InputError
from geo.factions import SIDES
from geo.models import PlaceState

if TYPE_CHECKING:
    from geo.territory import TerritoryModel

CONTESTED = "contested"
UNKNOWN = "unknown"
#: Columns of the statistics file.
STAT_COLUMNS: tuple[str, ...] = ("date", "country", "controller", "area_km2", "share", "places")


class TimelineLike(Protocol):
    """What :func:`stats` needs of a :class:`geo.timeline.Timeline`."""

    def state_on(self, day: date) -> dict[str, PlaceState]:
        """Return the state of every place on ``day``."""
        ...



@dataclass(frozen=True)
class StatRow:
    """The ground one controller holds on one date.

    Attributes:
        date: The date.
        controller: A side id, ``contested`` or ``unknown``.
        area_km2: Area in km² (equal-area projection).
        share: Fraction of the area measured (``country``), 0 to 1.
        places: Number of places whose cell counts for this controller (places without a
            cell, such as regions or places abroad, are not counted).
        country: What the row measures: ``SY``, ``IQ`` or ``SY+IQ`` (both).
    """

    date: date
    controller: str
    area_km2: float
    share: float
    places: int
    country: str = ""


def controller_order(controller: str) -> tuple[int, str]:
    """Sort key putting controllers in registry order: the sides, others, contested, unknown."""
    if controller in SIDES:
        return (SIDES.index(controller), "")
    if controller == CONTESTED:
        return (len(SIDES) + 1, "")
    if controller == UNKNOWN:
        return (len(SIDES) + 2, "")
    return (len(SIDES), controller)


def stats(timeline: TimelineLike, model: TerritoryModel, dates: Iterable[date], *,
          by_country: bool = False) -> list[StatRow]:
    """Return the ground each controller holds on each of ``dates``.

    Args:
        timeline: Gives ``state_on(day)`` (a :class:`geo.timeline.Timeline`).
        model: The cells of the same gazetteer.
        dates: The dates, in the order wanted (usually ``timeline.event_dates()``).
        by_country: Also the rows of each country of a model that covers several
            (:attr:`TerritoryModel.parts`), after the rows of the whole, on each date.

    Returns:
        Rows per date in registry order, as :meth:`TerritoryModel.tally`; ``country`` says
        what each row measures (``SY+IQ`` for both).
    """
    scopes = [("+".join(model.countries), model)]
    if by_country:
        scopes += [(code, part) for code, part in model.parts.items()]
    rows: list[StatRow] = []
    for day in dates:
        states = timeline.state_on(day)
        for code, scope in scopes:
            for controller, area, share, places in scope.tally(states):
                rows.append(StatRow(day, controller, area, share, places, code))
    return rows


def format_stats_csv(rows: Iterable[StatRow]) -> str:
    """Return the CSV text of ``rows``: header :data:`STAT_COLUMNS`, km² to 0.1, share to 1e-4."""
    from geo.io import csv_text

    return csv_text([STAT_COLUMNS, *(
        (row.date.isoformat(), row.country, row.controller, f"{row.area_km2:.1f}",
         f"{row.share:.4f}", row.places) for row in rows
    )])


def write_stats_csv(rows: Iterable[StatRow], path: Path | str, *, force: bool = False) -> Path:
    """Write ``rows`` as CSV (:func:`format_stats_csv`) atomically.

    Raises:
        OutputExistsError: ``path`` exists and ``force`` is false.
    """
    from geo.io import atomic_write_text

    return atomic_write_text(path, format_stats_csv(rows), force=force)


def plot_stats(
    rows: Sequence[StatRow],
    path: Path | str,
    *,
    force: bool = False,
    title: str = "Share of Syria and Iraq held by each side",
) -> Path:
    """Draw a stacked area chart of each controller's share of the area measured over time.

    ``rows`` are of one area measured (one ``country`` value of :func:`stats`).

    Each share holds from its date until the next date (a step chart), in registry order from
    the bottom, ``unknown`` on top.

    The format follows the suffix (``.png``, ``.svg`` or ``.pdf``). The file carries no timestamp
    and no random id: the same rows give the same bytes.

    Raises:
        OutputExistsError: ``path`` exists and ``force`` is false.
        InputError: ``rows`` is empty, or the suffix is not a known format.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
    from matplotlib.figure import Figure

    from geo.factions import colour, label
    from geo.io import atomic_write_bytes, check_writable

    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg", "pdf"):
        raise InputError(f"{path}: unknown chart format {fmt!r}; use .png, .svg or .pdf")
    if not rows:
        raise InputError(f"{path}: no statistics to plot (no event dates)")
    check_writable(path, force)
    dates = sorted({r.date for r in rows})
    xs = [float(date2num(d)) for d in dates]
    controllers = sorted({r.controller for r in rows}, key=controller_order)
    share = {(r.date, r.controller): r.share * 100 for r in rows}
    series = [[share.get((d, c), 0.0) for d in dates] for c in controllers]
    with matplotlib.rc_context(
        {"svg.hashsalt": "geo", "svg.fonttype": "path", "pdf.compression": 6}
    ):
        figure = Figure(figsize=(9, 4.8), dpi=100, layout="constrained")
        ax = figure.add_subplot()
        colours = [colour(c) for c in controllers]
        labels = [label(c) for c in controllers]
        if len(dates) == 1:
            bottom = 0.0
            for values, col, lab in zip(series, colours, labels, strict=True):
                ax.bar(xs, values, bottom=bottom, color=col, label=lab, width=2.0)
                bottom += values[0]
        else:
            # control holds from one event date to the next: steps, not slopes
            ax.stackplot(xs, series, colors=colours, labels=labels, linewidth=0, step="post")
            ax.set_xlim(xs[0], xs[-1])
        locator = AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        ax.set_ylim(0, 100)
        ax.set_ylabel("share of the area (%)")
        ax.set_title(title)
        handles, names = ax.get_legend_handles_labels()
        ax.legend(handles[::-1], names[::-1], loc="upper left", bbox_to_anchor=(1.01, 1.0),
                  fontsize=8, frameon=False)
        buffer = io.BytesIO()
        from geo.static import NO_STAMPS

        figure.savefig(buffer, format=fmt, metadata=NO_STAMPS[fmt])
    return atomic_write_bytes(path, buffer.getvalue(), force=True)



__all__ = [
    "CONTESTED",
    "STAT_COLUMNS",
    "UNKNOWN",
    "StatRow",
    "TimelineLike",
    "controller_order",
    "format_stats_csv",
    "plot_stats",
    "stats",
    "write_stats_csv",
]
