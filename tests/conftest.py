"""Shared fixtures: paths to the repository's seeds and data, and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
TEST_DATA = Path(__file__).resolve().parent / "data"
ARTIFACTS = ROOT / "artifacts"


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
