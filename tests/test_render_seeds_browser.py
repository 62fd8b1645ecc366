"""The real seeds end to end: map and slider pages built by the CLI, opened in Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from geo import factions
from geo.cli.main import app

pytestmark = [pytest.mark.browser, pytest.mark.slow]
pytest_plugins = ("browser",)  # the browser and open_page fixtures


@pytest.fixture(scope="module")
def seeds_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from geo.pipeline import load_corpus
    from geo.territory import TerritoryModel

    root = Path(__file__).resolve().parent.parent
    out = tmp_path_factory.mktemp("seeds")
    # The seeds alone: with the history the slider also steps through every month since 2012.
    corpus = load_corpus([root / "seeds"], history=False)
    dates = corpus.timeline.event_dates()
    assert len(dates) >= 2
    model = TerritoryModel.build(list(corpus.gazetteer.places.values()))
    first = model.cell_controllers(corpus.timeline.state_on(dates[0]))
    last = model.cell_controllers(corpus.timeline.state_on(dates[-1]))
    changed = [
        (model.cells.place_id.iloc[i], a, b)
        for i, (a, b) in enumerate(zip(first, last, strict=True))
        if a != b and "contested" not in (a, b)
    ]
    assert changed, "the seeds change no cell between their first and last event dates"
    runner = CliRunner()
    result = runner.invoke(app, ["slider", str(root / "seeds"), "--no-history",
                                 "-o", str(out / "slider.html")])
    assert result.exit_code == 0, result.output
    day = dates[-1].isoformat()
    result = runner.invoke(
        app, ["map", str(root / "seeds"), "--no-history", "--date", day,
              "-o", str(out / f"{day}.html")]
    )
    assert result.exit_code == 0, result.output
    return {"dir": out, "dates": dates, "changed": changed[0], "day": day}


def test_seeds_map_in_browser(
    open_page: Any, seeds_pages: dict[str, Any], artifacts_dir: Path
) -> None:
    opened = open_page(seeds_pages["dir"] / f"{seeds_pages['day']}.html")
    page = opened.page
    page.wait_for_function("window.geoMap && geoMap.ready === true", timeout=20_000)
    assert opened.problems() == []
    legend = page.locator("#geo-legend li").evaluate_all("els => els.map(e => e.dataset.side)")
    assert page.evaluate("geoMap.visibleSides()") == legend
    assert len(legend) >= 3
    page.screenshot(path=str(artifacts_dir / "seeds_map.png"))


def test_seeds_slider_in_browser(
    open_page: Any, seeds_pages: dict[str, Any], artifacts_dir: Path
) -> None:
    opened = open_page(seeds_pages["dir"] / "slider.html")
    page = opened.page
    page.wait_for_function("window.geoSlider && geoSlider.ready === true", timeout=20_000)
    assert opened.problems() == []
    place_id, before, after = seeds_pages["changed"]
    assert page.evaluate("id => geoSlider.colourOf(id)", place_id) == factions.colour(before)
    page.evaluate("n => geoSlider.goto(n)", len(seeds_pages["dates"]) - 1)
    assert page.evaluate("id => geoSlider.colourOf(id)", place_id) == factions.colour(after)
    page.screenshot(path=str(artifacts_dir / "seeds_slider_last.png"))
