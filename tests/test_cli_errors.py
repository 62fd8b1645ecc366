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


# -- untrusted names on the terminal --------------------------------------------------------


def test_shown_escapes_terminal_controls_and_keeps_text() -> None:
    from geo.cli.common import shown

    assert shown("al-Bab\x1b]0;owned\x07 \x1b[2J\u202etxt.exe\x9b\tok\nnext") == (
        "al-Bab\\x1b]0;owned\\x07 \\x1b[2J\\u202etxt.exe\\x9b\tok\nnext"
    )
    assert shown("Ra\u2019s al-\u02bfAyn \u0627\u0644\u0628\u0627\u0628") == (
        "Ra\u2019s al-\u02bfAyn \u0627\u0644\u0628\u0627\u0628"
    )


def test_file_names_with_escape_codes_are_printed_escaped(runner, tmp_path: Path) -> None:
    (tmp_path / "clear\x1b[2J.txt").write_bytes(b"")
    (tmp_path / "title\x1b]0;owned\x07.txt").write_text(
        "Rebels took the village of Tal Rifaat on 3 May 2016.\n", encoding="utf-8")
    result = runner.invoke(app, ["articles", str(tmp_path)])
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert f"problem: {tmp_path}/clear\\x1b[2J.txt: empty file" in result.stderr
    assert "title\\x1b]0;owned\\x07" in result.stdout


def test_an_error_naming_a_hostile_path_is_escaped(runner, tmp_path: Path) -> None:
    missing = tmp_path / "gone\x1b[2J"
    result = runner.invoke(app, ["build", str(missing), "-o", str(tmp_path / "out")])
    assert (result.exit_code, result.stderr) == (
        2, f"error: {tmp_path}/gone\\x1b[2J: no such file or folder\n"
    )


# -- noise ----------------------------------------------------------------------------------


def _problems(count: int) -> list:
    from geo.errors import Problem

    return [
        *(Problem(f"doc-{i}", None, "place", "no place of the gazetteer is named")
          for i in range(count)),
        Problem("m.csv", 3, "published", "not a date: 'soon' (expected YYYY-MM-DD)"),
        *(Problem(f"doc-{i}", None, "place",
                  f"event at 'Town {i}' did not resolve to a gazetteer place")
          for i in range(7)),
    ]


def test_repeated_problems_are_one_line_per_kind_with_a_report(capsys) -> None:
    from geo.cli.common import report_problems

    assert report_problems(_problems(9000), report="maps/report.csv") == 9008
    assert capsys.readouterr().err == (
        "problem: 9,000 files or documents: place: no place of the gazetteer is named "
        "(all 9,000 listed in maps/report.csv)\n"
        "problem: m.csv:3: published: not a date: 'soon' (expected YYYY-MM-DD)\n"
        "problem: 7 files or documents: place: event at '…' did not resolve to a gazetteer "
        "place (all 7 listed in maps/report.csv)\n"
    )


def test_repeated_problems_without_a_report_show_the_first_few(capsys) -> None:
    from geo.cli.common import report_problems

    report_problems(_problems(6))
    assert capsys.readouterr().err.splitlines() == [
        *(f"problem: doc-{i}: place: no place of the gazetteer is named" for i in range(5)),
        "problem: and 1 more: place: no place of the gazetteer is named",
        "problem: m.csv:3: published: not a date: 'soon' (expected YYYY-MM-DD)",
        *(f"problem: doc-{i}: place: event at 'Town {i}' did not resolve to a gazetteer place"
          for i in range(5)),
        "problem: and 2 more: place: event at '…' did not resolve to a gazetteer place",
    ]


@pytest.mark.parametrize(("message", "kind"), [
    ("no place of the gazetteer is named", "no place of the gazetteer is named"),
    ("wire-12#part3: no publication date; give one in manifest.csv",
     "…: no publication date; give one in manifest.csv"),
    ("no date for the change at 'Tall Abyad' (no publication date): Rebels said on Sunday "
     "that they had entered the town after a night of shelling.",
     "no date for the change at '…' (no publication date): …"),
    ("not a date: 'soon' (expected YYYY-MM-DD, year 1990-2100)",
     "not a date: '…' (expected YYYY-MM-DD, year …-…)"),
])
def test_problem_kinds_leave_out_the_particulars(message: str, kind: str) -> None:
    from geo.cli.common import problem_kind
    from geo.errors import Problem

    assert problem_kind(Problem("a.txt", 2, "date", message)) == ("date", kind)
