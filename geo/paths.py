"""Where the project's data files live, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir() -> Path:
    """Return the directory holding ``gazetteer.csv``, the snapshots and the boundaries.

    A wheel ships the repository's ``data/`` as ``geo/_data``; a checkout (or an editable install)
    uses ``data/`` beside the package.
    """
    installed = _PACKAGE / "_data"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "data"


def data_path(*parts: str) -> Path:
    """Return the path of a file under :func:`data_dir`."""
    return data_dir().joinpath(*parts)
