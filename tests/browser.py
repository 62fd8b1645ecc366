"""Headless Chromium for the page tests: one browser per session, network off, console collected.

Import the fixtures into a test module with ``from browser import browser, open_page  # noqa``.
The system browser (``chromium`` on the ``PATH``, or ``$GEO_CHROMIUM``) is driven by Playwright's
Python package; Playwright's own browser download is never used. When Chromium is missing the
tests are skipped with the reason, except under CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


def chromium_path() -> str | None:
    """Return the system Chromium to use, or ``None`` when there is none."""
    configured = os.environ.get("GEO_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so the browser tests cannot be skipped)")
    pytest.skip(reason)


@dataclass
class OpenedPage:
    """A page loaded from ``file://``, with what it printed and what it tried to fetch."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """Console errors, page errors, blocked network requests and dialogs, as text."""
        return (
            self.console_errors
            + [f"blocked request: {u}" for u in self.blocked]
            + [f"dialog: {d}" for d in self.dialogs]
        )


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium shared by the session (fresh profile, no network services)."""
    executable = chromium_path()
    if executable is None:
        _unavailable("Chromium not found (install the Debian package chromium or set GEO_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright Python package is not installed (pip install -e .[test])")
    profile = tempfile.mkdtemp(prefix="geo-chromium-")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=executable,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1200, "height": 800},
        )
        try:
            yield context
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[..., OpenedPage]]:
    """Open a local HTML file with every non-``file://`` request blocked; returns an OpenedPage.

    ``open_page(path, init_script)`` also runs the JavaScript ``init_script`` before the page's own.
    """
    pages: list[Any] = []

    def opener(path: Path, init_script: str | None = None) -> OpenedPage:
        page = browser.new_page()
        pages.append(page)
        opened = OpenedPage(page)
        if init_script is not None:  # runs before any script of the page
            page.add_init_script(init_script)

        def route(request_route: Any) -> None:
            url = request_route.request.url
            if url.startswith(("file://", "data:", "about:")):
                request_route.continue_()
            else:
                opened.blocked.append(url)
                request_route.abort()

        page.route("**/*", route)
        page.on(
            "console",
            lambda msg: opened.console_errors.append(msg.text) if msg.type == "error" else None,
        )
        page.on("pageerror", lambda error: opened.console_errors.append(f"page error: {error}"))

        def on_dialog(dialog: Any) -> None:
            opened.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(path.resolve().as_uri(), wait_until="load")
        return opened

    yield opener
    for page in pages:
        page.close()

