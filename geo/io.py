"""Writing outputs safely: atomically, and never over a user's file unless asked."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from geo.errors import OutputError, OutputExistsError, OutputLockedError


def check_writable(path: Path, force: bool) -> None:
    """Check, before any work, that the file ``path`` can be written.

    Raises:
        OutputExistsError: ``path`` exists and ``force`` is false.
        OutputError: ``path`` is a folder, or the folder it goes in cannot be created or written
            (a file stands in its way, permission).
    """
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path}: is a folder, not a file")
    if path.exists() and not force:
        raise OutputExistsError(f"{path}: exists; use --force to overwrite it")
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise OutputError(f"{path}: cannot write: {folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{path}: cannot write: permission denied ({folder})")


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
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise _os_error(path, error) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise _os_error(path, error) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(path: Path | str, text: str, *, force: bool = True) -> Path:
    """Write UTF-8 ``text`` atomically; see :func:`atomic_write_bytes`."""
    return atomic_write_bytes(path, text.encode("utf-8"), force=force)


# --- whole output folders ---------------------------------------------------------------------


def _side(target: Path, what: str) -> Path:
    """A hidden sibling of ``target`` (``.maps.lock``, ``.maps.building``...)."""
    return target.parent / f".{target.name}.{what}"


def _os_error(target: Path, error: OSError) -> OutputError:
    reason = error.strerror or str(error)
    return OutputError(f"{target}: cannot write: {reason.lower()}")


@contextmanager
def folder_lock(target: Path | str) -> Iterator[None]:
    """Hold an exclusive lock on the output folder ``target`` for the duration of the block.

    The lock is ``fcntl.flock`` on a hidden file beside the folder (``.NAME.lock``), so it is
    released when the process ends however it ends: a killed run never blocks the next one. The
    file is removed when the block ends (a killed run leaves it, harmless). Whoever locks a file
    that another run has just removed sees it is no longer the one at that path and tries again.

    Raises:
        OutputLockedError: Another process holds the lock.
        OutputError: The lock file cannot be created (missing folder, permission).
    """
    import fcntl

    target = Path(target)
    lock = _side(target, "lock")
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise _os_error(target, error) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise OutputLockedError(
                f"{target}: another geo build is writing this folder (lock {lock}); "
                "wait for it to finish"
            ) from None
        try:
            current = os.stat(lock).st_ino
        except FileNotFoundError:
            current = None
        if current == os.fstat(fd).st_ino:
            break
        os.close(fd)  # the holder before us removed this file as we opened it
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)
        os.close(fd)


def check_folder_target(target: Path | str) -> Path:
    """Check that the folder ``target`` can be created or replaced, before any work is done.

    Returns:
        The folder to write, with a symbolic link followed.

    Raises:
        OutputError: ``target`` is a file, its parent folder is missing or not a folder, or
            either cannot be written.
    """
    target = Path(target)
    if target.is_symlink():
        target = target.resolve()  # swap the folder the link points to, keep the link
    parent = target.parent
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target}: not a folder")
    if not parent.exists():
        raise OutputError(f"{target}: cannot write: folder {parent} does not exist")
    if not parent.is_dir():
        raise OutputError(f"{target}: cannot write: {parent} is not a folder")
    for folder in (parent, target) if target.exists() else (parent,):
        if not os.access(folder, os.W_OK | os.X_OK):
            raise OutputError(f"{target}: cannot write: permission denied ({folder})")
    return target


def _carry_over(old: Path, new: Path, owned: Callable[[str], bool]) -> None:
    """Move the entries of ``old`` the build does not own (a README...) into ``new``."""
    for entry in sorted(old.iterdir()):
        if not owned(entry.name) and not (new / entry.name).exists():
            os.replace(entry, new / entry.name)


def _recover(target: Path, owned: Callable[[str], bool]) -> None:
    """Finish or undo a swap a killed run left half done (called under the lock)."""
    previous, building = _side(target, "previous"), _side(target, "building")
    if previous.is_dir():
        if not target.exists():
            os.replace(previous, target)  # killed between the two renames: keep the old build
        else:
            _carry_over(previous, target, owned)
            shutil.rmtree(previous)
    if building.exists():
        shutil.rmtree(building)


@contextmanager
def replace_folder(
    target: Path | str, *, force: bool, owned: Callable[[str], bool]
) -> Iterator[Path]:
    """Build a folder's new contents beside it and swap them in whole when the block succeeds.

    Yields an empty hidden folder beside ``target`` (``.NAME.building``) to write into. When the
    block ends without an error, the old ``target`` is renamed aside, the new folder renamed into
    its place, the entries of the old folder the build does not own (``owned(name)`` false:
    a README, the user's notes) moved across, and the rest of the old folder removed: old pages
    the new build does not write disappear. When the block raises, the new folder is removed and
    ``target`` is left exactly as it was. The whole runs under :func:`folder_lock`; a swap that a
    killed process left half done is finished (or undone) by the next run.

    Args:
        target: The output folder; its parent folder must exist.
        force: Replace a folder that holds outputs of an earlier build.
        owned: Whether an entry name is one the build writes.

    Raises:
        OutputExistsError: ``target`` holds outputs and ``force`` is false.
        OutputLockedError: Another process is writing ``target``.
        OutputError: ``target`` cannot be written (see :func:`check_folder_target`).
    """
    target = check_folder_target(target)
    with folder_lock(target):
        _recover(target, owned)
        if target.exists() and not force:
            existing = sorted(e.name for e in target.iterdir() if owned(e.name))
            if existing:
                shown = ", ".join(existing[:3]) + (" ..." if len(existing) > 3 else "")
                raise OutputExistsError(
                    f"{target}: {len(existing)} output(s) exist ({shown}); "
                    "use --force to overwrite them"
                )
        building = _side(target, "building")
        try:
            building.mkdir()
        except OSError as error:
            raise _os_error(target, error) from None
        try:
            yield building
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
        building.chmod(0o755)
        previous = _side(target, "previous")
        if target.exists():
            os.replace(target, previous)
        os.replace(building, target)
        if previous.exists():
            _carry_over(previous, target, owned)
            shutil.rmtree(previous)


# --- CSV for spreadsheets ---------------------------------------------------------------------

#: A cell a spreadsheet would run as a formula (after any quotes this scheme added before).
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def csv_cell(value: object) -> str:
    """Return ``value`` as a CSV cell a spreadsheet shows as text, never runs as a formula.

    A cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a single
    quote in front (as OWASP advises for CSV injection), except a plain number (``-3.5``). A cell
    that already begins with quotes followed by one of those characters gets one more quote, so
    :func:`csv_value` gives back exactly the original text. ``None`` is the empty cell.
    """
    text = "" if value is None else str(value)
    if _FORMULA.match(text) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_value(cell: str) -> str:
    """Undo :func:`csv_cell`: the text that was written."""
    if cell.startswith("'") and _FORMULA.match(cell, 1) and not _NUMBER.fullmatch(cell, 1):
        return cell[1:]
    return cell


def csv_text(rows: Iterable[Iterable[object]]) -> str:
    """Return ``rows`` (the header first) as CSV text, every cell through :func:`csv_cell`.

    Every CSV file ``geo`` writes goes through here, so no cell reaches a spreadsheet as a formula.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    # The csv module quotes a cell for the characters of its line terminator only: a row with a
    # carriage return inside a cell is quoted whole, or a reader would cut the cell there.
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for row in rows:
        cells = [csv_cell(value) for value in row]
        (quoted if any("\r" in cell for cell in cells) else writer).writerow(cells)
    return buffer.getvalue()
