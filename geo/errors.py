"""Errors raised by the library and problems it reports without stopping.

Every error is a :class:`GeoError`; the precise subclasses also inherit the builtin that fits, so
callers can catch either (``except ValueError`` works for a malformed manifest). Problems that do
not stop a run (an empty file among many, an unresolved place) are collected as :class:`Problem`
values and handed back next to the results, so nothing is dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass


class GeoError(Exception):
    """Root of every error raised by ``geo``."""


class InputError(GeoError, ValueError):
    """A user's file or argument cannot be used; the message names the file, line and field."""


class ArticleError(InputError):
    """An article file cannot be read as text (empty, binary, not UTF-8)."""


class ManifestError(InputError):
    """A manifest row is malformed (unknown file, a date that is not a date, missing column)."""


class GazetteerError(InputError):
    """A gazetteer row is malformed (coordinates, duplicate id, unknown kind, name list)."""


class EventsFileError(InputError):
    """An events file lacks a column or has a malformed row."""


class SnapshotError(InputError):
    """A snapshot or correction row names an unknown place or faction, or an unparsable date."""


class OutputExistsError(GeoError, FileExistsError):
    """An output file exists and the caller did not ask to overwrite it."""


class OutputError(GeoError, OSError):
    """An output location cannot be written (missing folder, permission, not a folder)."""


class OutputLockedError(OutputError):
    """Another run is writing the same output folder."""


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong with one input that did not stop the run.

    Attributes:
        file: The file (or document id) the problem is in.
        line: 1-based line number, or ``None`` when the problem concerns the whole file.
        field: The field or column concerned, or ``None``.
        message: What is wrong, in words a user can act on.
    """

    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.field:
            return f"{where}: {self.field}: {self.message}"
        return f"{where}: {self.message}"
