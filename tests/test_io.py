"""Outputs are written atomically and never over an existing file unless asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.errors import GeoError, OutputExistsError, OutputLockedError, Problem
from geo.io import atomic_write_bytes, atomic_write_text, folder_lock, replace_folder


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "events.csv"
    target.write_text("user data\n", encoding="utf-8")
    with pytest.raises(OutputExistsError) as caught:
        atomic_write_text(target, "new", force=False)
    assert str(caught.value) == f"{target}: exists; use --force to overwrite it"
    assert target.read_text(encoding="utf-8") == "user data\n"
    assert isinstance(caught.value, GeoError)
    assert isinstance(caught.value, FileExistsError)


def test_overwrites_with_force_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "map.html"
    atomic_write_bytes(target, b"one")
    atomic_write_bytes(target, b"two", force=True)
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in target.parent.iterdir()) == ["map.html"]


def test_problem_formats_file_line_and_field() -> None:
    assert str(Problem("m.csv", 3, "published", "not a date: 'soon'")) == (
        "m.csv:3: published: not a date: 'soon'"
    )
    assert str(Problem("a.txt", None, None, "empty file")) == "a.txt: empty file"


def _owned(name: str) -> bool:
    return name.endswith(".html")


def test_replace_folder_swaps_in_the_new_contents_whole(tmp_path: Path) -> None:
    target = tmp_path / "maps"
    target.mkdir()
    (target / "old.html").write_text("old", encoding="utf-8")
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    with replace_folder(target, force=True, owned=_owned) as work:
        assert work == tmp_path / ".maps.building"
        (work / "new.html").write_text("new", encoding="utf-8")
        assert sorted(p.name for p in target.iterdir()) == ["notes.txt", "old.html"]
    assert sorted(p.name for p in target.iterdir()) == ["new.html", "notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["maps"]


def test_replace_folder_recovers_from_a_run_killed_between_the_renames(tmp_path: Path) -> None:
    target = tmp_path / "maps"
    previous = tmp_path / ".maps.previous"
    building = tmp_path / ".maps.building"
    previous.mkdir()
    (previous / "good.html").write_text("good", encoding="utf-8")
    building.mkdir()
    (building / "half.html").write_text("half", encoding="utf-8")
    with pytest.raises(RuntimeError), replace_folder(target, force=True, owned=_owned):
        raise RuntimeError("this build fails too")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["maps"]
    assert (target / "good.html").read_text(encoding="utf-8") == "good"


def test_replace_folder_finishes_a_swap_killed_before_the_cleanup(tmp_path: Path) -> None:
    target = tmp_path / "maps"
    target.mkdir()
    (target / "new.html").write_text("new", encoding="utf-8")
    previous = tmp_path / ".maps.previous"
    previous.mkdir()
    (previous / "old.html").write_text("old", encoding="utf-8")
    (previous / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(RuntimeError), replace_folder(target, force=True, owned=_owned):
        raise RuntimeError("stop")
    assert sorted(p.name for p in target.iterdir()) == ["new.html", "notes.txt"]
    assert not previous.exists()


def test_folder_lock_is_exclusive_and_released(tmp_path: Path) -> None:
    target = tmp_path / "maps"
    with folder_lock(target), pytest.raises(OutputLockedError), folder_lock(target):
        pass
    with folder_lock(target):
        pass


def test_folder_lock_is_released_when_the_holder_is_killed(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    target = tmp_path / "maps"
    code = ("import sys, time; from geo.io import folder_lock\n"
            "with folder_lock(sys.argv[1]):\n    print('locked', flush=True); time.sleep(60)\n")
    holder = subprocess.Popen([sys.executable, "-c", code, str(target)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        with pytest.raises(OutputLockedError), folder_lock(target):
            pass
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    with folder_lock(target):
        pass


def test_check_writable_names_what_stands_in_the_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from geo.errors import OutputError
    from geo.io import check_writable

    (tmp_path / "plain").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        check_writable(tmp_path / "plain" / "deeper" / "map.html", force=False)
    assert str(caught.value) == (
        f"{tmp_path / 'plain' / 'deeper' / 'map.html'}: cannot write: {tmp_path / 'plain'} "
        "is not a folder"
    )
    with pytest.raises(OutputError) as caught:
        check_writable(tmp_path, force=True)
    assert str(caught.value) == f"{tmp_path}: is a folder, not a file"
    check_writable(tmp_path / "new" / "map.html", force=False)  # a missing folder is created
    monkeypatch.setattr("os.access", lambda *_args: False)
    with pytest.raises(OutputError) as caught:
        check_writable(tmp_path / "map.html", force=False)
    assert str(caught.value) == (
        f"{tmp_path / 'map.html'}: cannot write: permission denied ({tmp_path})"
    )


def test_atomic_write_turns_os_errors_into_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from geo.errors import OutputError

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", full)
    with pytest.raises(OutputError) as caught:
        atomic_write_text(tmp_path / "a.csv", "data")
    assert str(caught.value) == f"{tmp_path / 'a.csv'}: cannot write: no space left on device"
    assert list(tmp_path.iterdir()) == []


def test_cli_commands_check_the_output_before_any_work(runner, tmp_path: Path) -> None:
    from geo.cli.main import app

    (tmp_path / "plain").write_text("x", encoding="utf-8")
    for args in (["slider", "-o"], ["stats", "-o"], ["extract", "-o"]):
        target = tmp_path / "plain" / "out.csv"
        result = runner.invoke(app, [*args, str(target), str(tmp_path / "none")])
        assert (result.exit_code, result.stderr) == (
            2, f"error: {target}: cannot write: {tmp_path / 'plain'} is not a folder\n"
        ), args


def test_replace_folder_through_a_link_swaps_the_folder_it_points_to(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "old.html").write_text("old", encoding="utf-8")
    link = tmp_path / "maps"
    link.symlink_to(real)
    with replace_folder(link, force=True, owned=_owned) as work:
        (work / "new.html").write_text("new", encoding="utf-8")
    assert link.is_symlink()
    assert sorted(p.name for p in link.iterdir()) == ["new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["maps", "real"]
