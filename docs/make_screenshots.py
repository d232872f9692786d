"""Regenerate the README pictures from the app itself, on the five sample articles.

Runs the reader headless at 120x36 with the real pipeline and ``config.yaml``, shows the two
articles with the most divergences at their first divergence, and saves what the terminal
would show as SVG::

    python3 docs/make_screenshots.py

writes ``docs/screenshots/pair-view.svg`` and ``docs/screenshots/event-view.svg``.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from newscompare.app.app import NewsCompareApp, make_app
from newscompare.config import load_config

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SIZE = (120, 36)


async def _ready(app: NewsCompareApp) -> None:
    await app.workers.wait_for_complete()
    if app.story is None:
        raise SystemExit(f"the pipeline failed: {app.load_error}")


async def capture() -> list[Path]:
    config = load_config(ROOT / "config.yaml")
    app = make_app(sources=[str(ROOT / "articles")], config=config)
    saved: list[Path] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _ready(app)
        await pilot.pause()
        # Show the two articles that diverge most, at their first divergence, so the picture
        # has highlighted spans in it.
        nav = app.navigator
        assert nav is not None
        ids = nav.article_ids
        left, right = max(
            ((a, b) for a in ids for b in ids if a < b),
            key=lambda ab: sum(
                len(c.divergences)
                for pair in nav.pairs_between(*ab)
                if (c := nav.comparison(pair)) is not None
            ),
        )
        app.selection = nav.with_articles(app.selection, left, right)
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause(0.2)
        OUT.mkdir(parents=True, exist_ok=True)
        for name, keys in (("pair-view", ()), ("event-view", ("e",))):
            await pilot.press(*keys)
            await pilot.pause(0.2)
            path = OUT / f"{name}.svg"
            app.save_screenshot(path.name, str(path.parent))
            saved.append(path)
    return saved


def main() -> int:
    for path in asyncio.run(capture()):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
