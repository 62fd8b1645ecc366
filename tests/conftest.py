"""Shared fixtures: paths to the repository's seeds and data, the shared dev set, a CLI runner."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
TEST_DATA = Path(__file__).resolve().parent / "data"
ARTIFACTS = ROOT / "artifacts"
#: The shared data beside the project (dev set, corpora): ``../shared`` from the repository.
SHARED = ROOT.parent / "shared"


def in_ci() -> bool:
    """Whether the tests run in CI (``CI`` set to anything but empty, ``0``, ``false``, ``no``)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def require_shared(*parts: str) -> Path:
    """Return ``../shared/PARTS``; when it is missing, fail under CI and skip (saying so) elsewhere.

    A test that needs the dev set must never pass silently where the data is not.
    """
    path = SHARED.joinpath(*parts)
    if not path.exists():
        reason = f"{Path('..', 'shared', *parts)} is not beside the repository"
        if in_ci():
            pytest.fail(f"{reason} (CI is set, so this test cannot be skipped)")
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def shared_data() -> Callable[..., Path]:
    """``shared_data("eval", "x.csv")``: a path in ``../shared`` (see :func:`require_shared`)."""
    return require_shared


@pytest.fixture
def seeds_dir() -> Path:
    """The five sample articles shipped in ``seeds/``."""
    return SEEDS


@pytest.fixture
def runner() -> CliRunner:
    """A typer CLI runner that keeps standard error apart from standard output."""
    return CliRunner()


@pytest.fixture
def artifacts_dir() -> Path:
    """Where tests keep screenshots and pages for a person to look at (``artifacts/``)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
