"""geo: dated, interactive maps of territorial control in Syria from war reporting.

The package is a library first; the ``geo`` command is a thin layer over it. The common entry
points are importable from here and load lazily, so ``import geo`` stays instant::

    import geo
    corpus = geo.load_corpus(["seeds/"])
    m = geo.render_map("2017-11-13", corpus)   # a folium.Map, shown inline in a notebook
    shares = geo.areas(corpus, ["2017-09-01", "2018-01-02"])   # a GeoDataFrame
    print(shares[["date", "side", "share"]])

``geo.areas`` returns what ``geo export`` writes as its ``areas`` layer (date, side, area_km2,
share, places, geometry; ``geo.places`` the ``places`` layer).

Each stage is also a module of its own: ``geo.articles``, ``geo.gazetteer``, ``geo.extract``,
``geo.timeline``, ``geo.territory``, ``geo.render``.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "load_corpus": "geo.pipeline",
    "Corpus": "geo.pipeline",
    "load_documents": "geo.articles",
    "Gazetteer": "geo.gazetteer",
    "extract_events": "geo.extract",
    "Timeline": "geo.timeline",
    "TerritoryModel": "geo.territory",
    "render_map": "geo.render",
    "render_slider": "geo.slider",
    "build": "geo.build",
    "areas": "geo.export",
    "places": "geo.export",
    "Frame": "geo.frame",
    "make_frames": "geo.frame",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    """Import the public entry points on first use."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'geo' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
