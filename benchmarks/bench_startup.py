"""Time from launching the reader on the five samples to its first screen, headless.

Each run is a fresh ``python3`` process (imports included, as a user would see it) that starts
the app headless and exits as soon as the screen is drawn. Like the console script
(``cli.run_reader``), it starts building the story in a forked child process before importing
the reader. Moments are measured from the start of the process's first import, when the screen
has been drawn (``call_after_refresh``):

* ``first paint``: the pair view is on screen (loading indicator while the story builds);
* ``first pair``: both columns show their passages: the engine child's first stage (the
  articles, loaded and cut into passages, not aligned yet), or the story when it has none;
* ``pairs``: the story's pairs are shown (the second stage: aligned, divergences not yet known,
  or the complete story);
* ``aligned``: the complete story (aligned, divergences) is shown; ``stall while aligning``:
  from the first pair to then, the longest the UI's event loop went without running (a 10 ms
  ticker's largest gap beyond its period), the complete story's hand-over included;
* ``imports``: of those, the time spent importing modules (Textual, the app, the engine), and
  ``engine import`` the part of it spent importing ``newscompare.config`` (which imports the
  engine stages and their libraries), as the console script does before anything else;
* ``overview``: from pressing ``o`` (once the first pair is shown) to the overview drawn.

With ``--realign N`` (issue 13) each reader run then presses ``+`` N times, ``--key-gap``
seconds apart (a quick burst), and measures from the same process: ``key to repaint``, the
slowest of the N keys from the key to the screen drawn with the new threshold; ``longest
stall``, the longest the UI's event loop went without running (a 10 ms ticker's largest gap
beyond its period) from the first key until the re-aligned story is drawn, hand-over included;
``re-align``, from the last key to the re-aligned story drawn; ``re-aligns shown`` (1 is
right: a burst aligns once). The reference for ``re-align`` is the CLI on the same sources at
the same final threshold (``newscompare align --format json --threshold T``, a fresh process,
imports and loading included), measured in the same run, alternating with the reader.

The reference, measured in the same run the same way, is the framework floor: a trivial Textual
app with one ``Static``. The reader builds its first story in a forked child process while it
starts and paints (``newscompare.runner``), so "first pair" needs a free core: other
work on the machine moves it more than the floor; compare ratios to the floor, and re-run when
in doubt.
Usage::

    python3 benchmarks/bench_startup.py [--runs 5] [--realign N [--key-gap S]] [--config YAML]
        [SOURCES...]

``--config benchmarks/one_story.yaml`` (``story_threshold: 0``) makes every source one story,
so the reader shows all of them (by default a folder of many topics, like ``story-800``,
is split into stories and the reader opens the largest).
"""

from __future__ import annotations

import argparse
import json
import os
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
import json, os, sys, time
t0 = time.perf_counter()
from newscompare.config import load_config  # settings, and with them the engine modules
from pathlib import Path
engine = time.perf_counter() - t0
# As the console script does (cli.run_reader): the story starts building in a child process
# before the reader is imported.
from newscompare.runner import start_story_build
config = load_config(Path(os.environ["BENCH_CONFIG"]) if os.environ.get("BENCH_CONFIG") else None)
forked = start_story_build(sys.argv[1:], config.settings)
from newscompare.app.app import NewsCompareApp
imported = time.perf_counter() - t0

marks = {"engine import": engine, "imports": imported}
KEYS = int(os.environ.get("BENCH_REALIGN", "0"))
GAP = float(os.environ.get("BENCH_KEY_GAP", "0.1"))
TICK = 0.01

class Timed(NewsCompareApp):
    # call_after_refresh runs once the screen has been drawn, so the marks are paint times.
    def on_mount(self):
        self.call_after_refresh(self.mark, "first paint")
        self.latencies, self.ticks, self.pressed = [], [], 0
        super().on_mount()

    def set_story(self, story, prefer=None):
        super().set_story(story, prefer)
        self.call_after_refresh(self.shown)

    def mark(self, name):
        marks.setdefault(name, time.perf_counter() - t0)

    def shown(self):
        screen = self.screen
        assert screen.left.views and screen.right.views, "columns are empty"
        if "first pair" not in marks:
            self.mark("first pair")
            self.loading = [time.perf_counter()]
            self.set_interval(TICK, lambda: self.loading.append(time.perf_counter()))
        if self.story.alignment.pairs:
            self.mark("pairs")
        if self.busy is not None:
            return  # a first stage: articles (then pairs) shown, the engine still running
        if "aligned" not in marks:
            self.mark("aligned")
            self.loading.append(time.perf_counter())
            gaps = [b - a for a, b in zip(self.loading, self.loading[1:])]
            marks["stall while aligning"] = max(gaps) - TICK
            if KEYS:
                self.set_interval(TICK, lambda: self.ticks.append(time.perf_counter()))
                self.press()
            else:
                self.open_overview()
        elif self.runs.applied:
            marks["re-align"] = time.perf_counter() - self.last_key
            marks["re-aligns shown"] = self.runs.applied
            marks["key to repaint"] = max(self.latencies)
            gaps = [b - a for a, b in zip(self.ticks, self.ticks[1:])]
            marks["longest stall"] = max(gaps) - TICK
            self.set_timer(0.5, self.open_overview)  # a second re-align would show by then

    def press(self):
        self.pressed += 1
        self.last_key = time.perf_counter()
        self.simulate_key("plus")
        if self.pressed < KEYS:
            self.set_timer(GAP, self.press)

    def action_threshold(self, delta):
        pressed = self.last_key
        super().action_threshold(delta)
        self.call_after_refresh(lambda: self.latencies.append(time.perf_counter() - pressed))

    def open_overview(self):
        marks["re-aligns shown"] = self.runs.applied if KEYS else 0
        self.overview_key = time.perf_counter()
        self.action_overview()
        self.call_after_refresh(self.overview_drawn)

    def overview_drawn(self):
        marks["overview"] = time.perf_counter() - self.overview_key
        self.exit()

    def _pipeline_done(self, story, message, applied=None):
        super()._pipeline_done(story, message, applied)
        if message:
            sys.exit(f"pipeline failed: {message}")

Timed(sys.argv[1:], config, engine=forked).run(headless=True, size=(120, 36))
print(json.dumps(marks))
"""


def _run(code: str, args: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """One fresh process; returns its marks plus the wall time seen from outside."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=None if env is None else {**os.environ, **env},
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
    parser.add_argument("--realign", type=int, default=0, metavar="N", help="press + N times")
    parser.add_argument("--key-gap", type=float, default=0.1, metavar="S")
    parser.add_argument(
        "--config", type=Path, metavar="YAML", help="settings for the reader and the CLI"
    )
    parser.add_argument("sources", nargs="*", default=["articles"])
    args = parser.parse_args()
    rows: dict[str, dict[str, list[float]]] = {"textual floor": {}, "newscompare": {}}
    config = "" if args.config is None else str(args.config.resolve())
    env = {
        "BENCH_REALIGN": str(args.realign),
        "BENCH_KEY_GAP": str(args.key_gap),
        "BENCH_CONFIG": config,
    }
    threshold = _final_threshold(args.realign, args.config)
    cli: list[float] = []
    _run(_READER, args.sources, env)  # warm the file cache and .pyc files
    for _ in range(args.runs):
        for name, code, extra in (
            ("textual floor", _REFERENCE, []),
            ("newscompare", _READER, args.sources),
        ):
            for key, value in _run(code, extra, env).items():
                rows[name].setdefault(key, []).append(value)
        if args.realign:
            cli.append(_cli_align(args.sources, threshold, config))
    print(f"startup on {' '.join(args.sources)}: median of {args.runs} fresh processes, 120x36")
    columns = ("imports", "first paint", "first pair", "pairs", "aligned", "process wall")
    rows["textual floor"]["aligned"] = rows["textual floor"]["first pair"]
    rows["textual floor"]["pairs"] = rows["textual floor"]["first pair"]
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
        f"; pairs in {statistics.median(ours['pairs']):.3f}s"
        f"; aligned in {statistics.median(ours['aligned']):.3f}s"
    )
    stalls = ours["stall while aligning"]
    print(
        f"longest UI stall, first pair to aligned: median {statistics.median(stalls) * 1000:.0f}"
        f" ms, max {max(stalls) * 1000:.0f} ms"
    )
    print(f"overview opened in {statistics.median(ours['overview']) * 1000:.0f} ms")
    if args.realign:
        _print_realign(ours, cli, args, threshold)
    return 0


def _final_threshold(keys: int, config: Path | None) -> float:
    """Where ``keys`` presses of ``+`` take the threshold of ``config`` (default
    ``./config.yaml``, as the app)."""
    sys.path.insert(0, str(ROOT / "tui"))
    from newscompare.config import load_config

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        start = load_config(config and config.resolve()).settings.align.threshold
    finally:
        os.chdir(cwd)
    return min(1.0, round(start + 0.05 * keys, 2))


_CLI = [sys.executable, "-m", "newscompare", "align", "--format", "json"]


def _cli_align(sources: list[str], threshold: float, config: str) -> float:
    """Wall seconds of ``newscompare align --format json`` at ``threshold``, a fresh process."""
    start = time.perf_counter()
    settings = ["--config", config] if config else []
    done = subprocess.run(
        [*_CLI, *settings, "--threshold", f"{threshold:.2f}", *sources],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"newscompare align failed: {done.stderr[-2000:]!r}")
    return time.perf_counter() - start


def _print_realign(
    ours: dict[str, list[float]], cli: list[float], args: argparse.Namespace, threshold: float
) -> None:
    def ms(key: str) -> str:
        values = ours[key]
        return f"median {statistics.median(values) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms"

    print(
        f"re-align: {args.realign} presses of + {args.key_gap * 1000:.0f} ms apart, to {threshold}"
    )
    print(f"  slowest key to repaint: {ms('key to repaint')}")
    print(f"  longest UI stall:       {ms('longest stall')}")
    print(f"  last key to re-aligned: {ms('re-align')}")
    shown = sorted({int(n) for n in ours["re-aligns shown"]})
    print(f"  re-aligns shown per burst: {shown}")
    realign, reference = statistics.median(ours["re-align"]), statistics.median(cli)
    print(
        f"  CLI align --format json at {threshold}: median {reference:.2f} s; "
        f"re-align / CLI {realign / reference:.2f}x"
    )


if __name__ == "__main__":
    raise SystemExit(main())
