"""geo: dated, interactive maps of territorial control in Syria from war reporting.

The package is a library first; the ``geo`` command is a thin layer over it. Import the stage you
need (``geo.articles``, ``geo.gazetteer``, ``geo.extract``, ``geo.timeline``, ``geo.territory``,
``geo.render``); the heavy geospatial libraries load only when a stage needs them.
"""

from __future__ import annotations

__version__ = "0.1.0"
