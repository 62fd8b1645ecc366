"""Regenerate the README's screenshots: a per-date map and the slider, in headless Chromium.

Usage: python scripts/screenshots.py [--date YYYY-MM-DD] [--out docs]

Builds the pages from the seeds with the CLI's own library calls, opens them from file:// with
the network off (the system Chromium, driven by Playwright; nothing is downloaded), and writes
docs/map.png (1200x800), docs/slider.png (1200x800, on --date) and docs/slider-phone.png
(390 px wide).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def chromium() -> str:
    for candidate in (os.environ.get("GEO_CHROMIUM"), shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    raise SystemExit("Chromium not found: install the Debian package chromium or set GEO_CHROMIUM")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--date", default="2017-09-01", help="the date shown (YYYY-MM-DD)")
    parser.add_argument("--out", default=str(ROOT / "docs"), help="folder of the images")
    args = parser.parse_args(argv)
    day = date.fromisoformat(args.date)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    from geo.frame import make_frame
    from geo.pipeline import load_corpus
    from geo.render import frame_page
    from geo.slider import slider_page

    corpus = load_corpus([ROOT / "seeds"])
    with tempfile.TemporaryDirectory(prefix="geo-shots-") as tmp:
        map_path = Path(tmp) / "map.html"
        map_path.write_text(frame_page(make_frame(corpus, day)), encoding="utf-8")
        slider_path = Path(tmp) / "slider.html"
        slider_path.write_text(slider_page(corpus, step="month")[0], encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium(), headless=True,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
                ("file://", "data:", "about:")) else r.abort())
            page.goto(map_path.as_uri())
            page.wait_for_function("window.geoMap && geoMap.ready === true")
            page.screenshot(path=str(out / "map.png"))
            page.goto(slider_path.as_uri() + "#" + day.isoformat())
            page.wait_for_function("window.geoSlider && geoSlider.ready === true")
            page.screenshot(path=str(out / "slider.png"))
            page.set_viewport_size({"width": 390, "height": 844})
            page.reload()
            page.wait_for_function("window.geoSlider && geoSlider.ready === true")
            page.screenshot(path=str(out / "slider-phone.png"))
            browser.close()
    for name in ("map.png", "slider.png", "slider-phone.png"):
        print(f"wrote {out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
