"""Writing outputs safely: atomically, and never over a user's file unless asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from geo.errors import OutputExistsError


def check_writable(path: Path, force: bool) -> None:
    """Raise :class:`OutputExistsError` when ``path`` exists and ``force`` is false."""
    if path.exists() and not force:
        raise OutputExistsError(f"{path}: exists; use --force to overwrite it")


def atomic_write_bytes(path: Path | str, data: bytes, *, force: bool = True) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same directory.

    A reader never sees a half-written file, and a failed write leaves the old file in place.

    Args:
        path: Destination; its directory is created when missing.
        data: The bytes to write.
        force: When false, an existing ``path`` raises :class:`OutputExistsError`.

    Returns:
        The destination path.
    """
    path = Path(path)
    check_writable(path, force)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(path: Path | str, text: str, *, force: bool = True) -> Path:
    """Write UTF-8 ``text`` atomically; see :func:`atomic_write_bytes`."""
    return atomic_write_bytes(path, text.encode("utf-8"), force=force)
