"""Time from launching the reader on the five samples to its first screen, headless.

Each run is a fresh ``python3`` process (imports included, as a user would see it) that starts
the app headless and exits as soon as the screen is drawn. Like the console script
(``cli.run_reader``), it starts building the story in a forked child process before importing
the reader. Moments are measured from the start of the process's first import, when the screen
has been drawn (``call_after_refresh``):

* ``first paint``: the pair view is on screen (loading indicator while the story builds);
* ``first pair``: the story is loaded, aligned and both columns show their passages;
* ``imports``: of those, the time spent importing modules (Textual, the app, the engine), and
  ``engine import`` the part of it spent importing ``newscompare.config`` (which imports the
  engine stages and their libraries), as the console script does before anything else.

The reference, measured in the same run the same way, is the framework floor: a trivial Textual
app with one ``Static``. The reader builds its first story in a forked child process while it
starts and paints (``newscompare.runner``), so "first pair" needs a free core: other
work on the machine moves it more than the floor; compare ratios to the floor, and re-run when
in doubt.
Usage::

    python3 benchmarks/bench_startup.py [--runs 5] [SOURCES...]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_REFERENCE = """
import json, time
t0 = time.perf_counter()
from textual.app import App
from textual.widgets import Static
imported = time.perf_counter() - t0

marks = {"engine import": 0.0, "imports": imported}

class Floor(App[None]):
    def compose(self):
        yield Static("hello")

    def on_mount(self):
        self.call_after_refresh(self.painted)

    def painted(self):
        marks["first paint"] = marks["first pair"] = time.perf_counter() - t0
        self.exit()

Floor().run(headless=True, size=(120, 36))
print(json.dumps(marks))
"""

_READER = """
import json, sys, time
t0 = time.perf_counter()
from newscompare.config import load_config  # settings, and with them the engine modules
engine = time.perf_counter() - t0
# As the console script does (cli.run_reader): the story starts building in a child process
# before the reader is imported.
from newscompare.runner import start_story_build
config = load_config(None)
forked = start_story_build(sys.argv[1:], config)
from newscompare.app.app import NewsCompareApp
imported = time.perf_counter() - t0

marks = {"engine import": engine, "imports": imported}

class Timed(NewsCompareApp):
    # call_after_refresh runs once the screen has been drawn, so the marks are paint times.
    def on_mount(self):
        self.call_after_refresh(self.mark, "first paint")
        super().on_mount()

    def set_story(self, story):
        super().set_story(story)
        self.call_after_refresh(self.shown)

    def mark(self, name):
        marks.setdefault(name, time.perf_counter() - t0)

    def shown(self):
        screen = self.screen
        assert screen.left.views and screen.right.views, "columns are empty"
        self.mark("first pair")
        self.exit()

    def _pipeline_done(self, story, message, applied=None):
        super()._pipeline_done(story, message, applied)
        if message:
            sys.exit(f"pipeline failed: {message}")

Timed(sys.argv[1:], config, engine=forked).run(headless=True, size=(120, 36))
print(json.dumps(marks))
"""


def _run(code: str, args: list[str]) -> dict[str, float]:
    """One fresh process; returns its marks plus the wall time seen from outside."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{done.stderr[-2000:]}")
    marks: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    marks["process wall"] = wall
    return marks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("sources", nargs="*", default=["articles"])
    args = parser.parse_args()
    rows: dict[str, dict[str, list[float]]] = {"textual floor": {}, "newscompare": {}}
    _run(_READER, args.sources)  # warm the file cache and .pyc files
    for _ in range(args.runs):
        for name, code, extra in (
            ("textual floor", _REFERENCE, []),
            ("newscompare", _READER, args.sources),
        ):
            for key, value in _run(code, extra).items():
                rows[name].setdefault(key, []).append(value)
    print(f"startup on {' '.join(args.sources)}: median of {args.runs} fresh processes, 120x36")
    columns = ("engine import", "imports", "first paint", "first pair", "process wall")
    print(f"{'':14}" + "".join(f"{c:>14}" for c in columns))
    for name, marks in rows.items():
        cells = "".join(f"{statistics.median(marks[k]) * 1000:>12.0f}ms" for k in columns)
        print(f"{name:14}{cells}")
    floor = statistics.median(rows["textual floor"]["first paint"])
    ours = rows["newscompare"]
    print(
        f"ratio to floor: first paint {statistics.median(ours['first paint']) / floor:.2f}x, "
        f"first pair {statistics.median(ours['first pair']) / floor:.2f}x"
    )
    first_pair = statistics.median(ours["first pair"])
    print(
        f"first pair view in {first_pair:.3f}s (target < 1 s): {'OK' if first_pair < 1 else 'SLOW'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
