"""What users meet when something goes wrong: one clear line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.cli.main import app


@pytest.mark.parametrize(("args", "message"), [
    (["slider", "--from", "0001-01-01", "--to", "9999-12-31", "-o", "s.html"],
     "error: --from: 0001-01-01 is out of range (years 1900 to 2100)\n"),
    (["slider", "--from", "2017-01-01", "--to", "9999-12-31", "-o", "s.html"],
     "error: --to: 9999-12-31 is out of range (years 1900 to 2100)\n"),
    (["stats", "--from", "0001-01-01", "--to", "9999-12-31"],
     "error: --from: 0001-01-01 is out of range (years 1900 to 2100)\n"),
    (["changes", "--from", "0001-01-01", "--to", "9999-12-31"],
     "error: --from: 0001-01-01 is out of range (years 1900 to 2100)\n"),
    (["map", "--date", "0001-01-01", "-o", "m.html"],
     "error: --date: 0001-01-01 is out of range (years 1900 to 2100)\n"),
    (["control", "--date", "9999-12"],
     "error: --date: 9999-12-15 is out of range (years 1900 to 2100)\n"),
])
def test_dates_at_the_ends_of_the_calendar_are_refused(
    runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stderr) == (2, message)
    assert list(tmp_path.iterdir()) == []
