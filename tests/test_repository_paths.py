"""No source, script, benchmark or test names an absolute path of one machine (issue 10).

Data beside the project is found relative to it (``../shared``, the ``shared_data`` fixture),
programs on the ``PATH``; a test that needs the shared data fails under CI when it is missing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: A string or comment that starts with a root folder of a Unix machine, or a Windows drive.
ABSOLUTE = re.compile(
    r"""(?:["'`(\s=]|^)(/(?:work|home|root|tmp|usr|opt|var|srv|mnt|etc|Users)/|[A-Z]:\\)""",
    re.MULTILINE,
)
FOLDERS = ("geo", "tests", "scripts", "bench")
SUFFIXES = (".py", ".js", ".j2", ".toml", ".cfg", ".sh")


def test_absolute_pattern_catches_what_it_should() -> None:
    # The samples are assembled so that this file itself names no absolute path.
    root = "/" + "work"
    assert ABSOLUTE.search(f'EVAL = Path("{root}/shared/eval")')
    assert ABSOLUTE.search(f"# the dev set ({root}/shared/eval)")
    assert ABSOLUTE.search("chromium = '" + "/" + "usr/bin/chromium'")
    assert not ABSOLUTE.search('url = "https://x.example/work/a"')
    assert not ABSOLUTE.search("ROOT.parent / 'shared' / 'eval'")


def test_no_file_names_an_absolute_path() -> None:
    files = [ROOT / "Makefile", ROOT / "pyproject.toml"]
    for folder in FOLDERS:
        files.extend(p for p in sorted((ROOT / folder).rglob("*")) if p.suffix in SUFFIXES)
    assert len(files) > 50
    found = []
    for path in files:
        if path == Path(__file__).resolve():  # the examples above
            continue
        text = path.read_text(encoding="utf-8")
        for match in ABSOLUTE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{path.relative_to(ROOT)}:{line}: {match.group(1)}")
    assert found == []


def test_missing_shared_data_fails_under_ci_and_skips_elsewhere(
    shared_data: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    for value in ("true", "1", "yes"):
        monkeypatch.setenv("CI", value)
        with pytest.raises(pytest.fail.Exception, match=r"CI is set, so this test cannot be"):
            shared_data("no-such-folder", "gold.csv")
    for value in ("", "false", "0"):
        monkeypatch.setenv("CI", value)
        with pytest.raises(
            pytest.skip.Exception, match=r"^\.\./shared/no-such-folder/gold\.csv is not beside"
        ):
            shared_data("no-such-folder", "gold.csv")
