#!/usr/bin/env python3
"""Speed and memory of ``newscompare align`` on real stories, with paired medians.

Why this and not ``bench_align.py``: copies of a few samples do not vary in length, vocabulary
and repetition as a newsroom's day does, so the figures here come from real articles: the
first 10, 50, 200 and 800 files of the shared ECB+ story (``../shared/eval/scale/story-800``,
about 12,000 passages), and a story of 3,200 built from those 800 real articles and three
perturbed copies of each (another outlet; about a sixth of the paragraphs dropped, a word
dropped from about a quarter of the rest, a figure changed here and there; seeded).

For each size, in the same run and *alternated* (A, floor, A, floor, ... so a drift of the
shared machine's speed touches both alike):
  * ``python -m newscompare align --format json DIR`` end to end, a fresh process;
  * the floor: a fresh process that reads, splits into passages and tokenizes every passage
    (``python -m benchmarks.bench_scale floor DIR``): what any aligner must pay;
  * brute force, where affordable: ``rapidfuzz.process.cdist(token_set_ratio, workers=-1)``
    over the same title/body passages (``brute DIR``); above ``--max-brute`` seconds it is
    extrapolated from the largest size run (square law) and marked ``est.``.
Each is run ``--runs`` times (default 5); the table gives medians of wall time and peak RSS
(the process's own ``ru_maxrss`` from ``wait4``; a forked worker's peak is its own and smaller),
and the median of the per-run ratios align/floor. Growth exponents are
``log(t2/t1) / log(p2/p1)`` over passages between consecutive sizes.

Usage:  python -m benchmarks.bench_scale [--sizes 10 50 200 800 3200] [--runs 5]
                                         [--max-brute 60] [--story DIR]
Compare with ``/usr/bin/time -v python -m newscompare align --format json DIR``.
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT.parent / "shared" / "eval" / "scale" / "story-800"
_NUMBER = re.compile(r"\b\d+\b")


@dataclass
class Runs:
    """Wall seconds and peak MiB of each run of one command."""

    wall: list[float] = field(default_factory=list)
    peak: list[float] = field(default_factory=list)


def measure(argv: Sequence[str]) -> tuple[float, float]:
    """Run ``argv`` (output thrown away); its wall seconds and its own peak RSS in MiB."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    assert process.stderr is not None
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    error = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({process.returncode}): {error[-500:]}")
    return wall, usage.ru_maxrss / 1024


def first_files(story: Path, count: int, into: Path) -> Path:
    """A folder of links to the first ``count`` files of ``story`` (its README says so)."""
    folder = into / f"story-{count}"
    folder.mkdir()
    for path in sorted(story.glob("*.txt"))[:count]:
        (folder / path.name).symlink_to(path)
    return folder


def perturbed(text: str, copy: int, rng: random.Random) -> str:
    """A copy of a real article as another outlet might carry it (see the module docstring)."""
    head, body = "", text
    if text.startswith("---\n"):
        front, _, body = text[4:].partition("\n---\n")
        lines = [
            f"outlet: copy{copy}.{line.split(':', 1)[1].strip()}"
            if line.startswith("outlet:")
            else line
            for line in front.splitlines()
        ]
        if not any(line.startswith("outlet:") for line in lines):
            lines.append(f"outlet: copy{copy}.example")
        head = "---\n" + "\n".join(lines) + "\n---\n"
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    out: list[str] = []
    for k, paragraph in enumerate(paragraphs):
        if k > 0 and rng.random() < 1 / 6:
            continue
        words = paragraph.split(" ")
        if len(words) > 6 and rng.random() < 0.25:
            del words[rng.randrange(1, len(words))]
        line = " ".join(words)
        if rng.random() < 0.1:
            line = _NUMBER.sub(lambda m: str(int(m.group()) + 1), line, count=1)
        out.append(line)
    return head + "\n\n".join(out) + "\n"


def built_story(story: Path, count: int, into: Path, seed: int = 7) -> Path:
    """``count`` articles: the real ones, then perturbed copies of them, in story order."""
    files = sorted(story.glob("*.txt"))
    if count <= len(files):
        return first_files(story, count, into)
    folder = into / f"story-{count}"
    folder.mkdir()
    rng = random.Random(seed)
    copies = -(-count // len(files))
    written = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        for copy in range(copies):
            if written == count:
                break
            body = text if copy == 0 else perturbed(text, copy, rng)
            (folder / f"{path.stem}-c{copy}.txt").write_text(body, encoding="utf-8")
            written += 1
    return folder


def _passages(folder: str) -> list[str]:
    """The title/body passage texts of a story: read and split as ``align`` does."""
    from newscompare.core.load.sources import load_sources
    from newscompare.core.model.settings import Settings
    from newscompare.core.model.story import ALIGNABLE_KINDS
    from newscompare.core.pipeline import segment_all

    settings = Settings()
    articles, _ = load_sources([folder], settings.loading, settings.overrides())
    passages = segment_all(articles, settings.passages)
    return [p.text for p in passages if p.kind in ALIGNABLE_KINDS]


def floor(folder: str) -> int:
    """Read, split into passages and tokenize every passage: the floor any aligner pays."""
    from newscompare.core.text.tokens import words

    return sum(len(words(text)) for text in _passages(folder))


def brute(folder: str) -> int:
    """All-pairs ``token_set_ratio`` over the title/body passages (the reference)."""
    from rapidfuzz import fuzz, process

    texts = _passages(folder)
    process.cdist(texts, texts, scorer=fuzz.token_set_ratio, workers=-1)
    return len(texts)


def passages_of(folder: Path) -> int:
    """Title/body passages of a story (the x of the growth exponents)."""
    return len(_passages(str(folder)))


def _fmt(values: list[float], digits: int = 2) -> str:
    return f"{statistics.median(values):.{digits}f}" if values else "-"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 200, 800, 3200])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--max-brute", type=float, default=60.0)
    parser.add_argument("--story", type=Path, default=STORY)
    args = parser.parse_args(argv)
    python = sys.executable
    rows: list[str] = []
    growth: list[tuple[int, float, float]] = []
    brute_fit: tuple[int, float] | None = None
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            folder = built_story(args.story, size, Path(tmp))
            count = passages_of(folder)
            align_cmd = [python, "-m", "newscompare", "align", "--format", "json", str(folder)]
            floor_cmd = [python, "-m", "benchmarks.bench_scale", "floor", str(folder)]
            a, f = Runs(), Runs()
            ratios: list[float] = []
            for _ in range(args.runs):
                wa, pa = measure(align_cmd)
                wf, pf = measure(floor_cmd)
                a.wall.append(wa)
                a.peak.append(pa)
                f.wall.append(wf)
                f.peak.append(pf)
                ratios.append(wa / wf)
            predicted = brute_fit[1] * (count / brute_fit[0]) ** 2 if brute_fit is not None else 0.0
            if predicted <= args.max_brute:
                b = Runs()
                for _ in range(max(1, args.runs // 2)):
                    wb, pb = measure([python, "-m", "benchmarks.bench_scale", "brute", str(folder)])
                    b.wall.append(wb)
                    b.peak.append(pb)
                brute_fit = (count, statistics.median(b.wall))
                brute_cell = f"{_fmt(b.wall)} ({_fmt(b.peak, 0)} MiB)"
            else:
                brute_cell = f"{predicted:.0f} est."
            growth.append((count, statistics.median(a.wall), statistics.median(a.peak)))
            rows.append(
                f"| {size} | {count} | {_fmt(a.wall)} | {_fmt(a.peak, 0)} | {_fmt(f.wall)} "
                f"| {_fmt(f.peak, 0)} | {_fmt(ratios)} | {brute_cell} |"
            )
            print(rows[-1], flush=True)
    print()
    print(
        "| articles | passages | align wall (s) | align peak (MiB) | floor wall (s) "
        "| floor peak (MiB) | align / floor | brute-force cdist (s) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    for (p1, t1, m1), (p2, t2, m2) in itertools.pairwise(growth):
        scale = math.log(p2 / p1)
        print(
            f"passages {p1} -> {p2}: time ^{math.log(t2 / t1) / scale:.2f}, "
            f"memory ^{math.log(m2 / m1) / scale:.2f}"
        )
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] in ("floor", "brute"):
        print(floor(sys.argv[2]) if sys.argv[1] == "floor" else brute(sys.argv[2]))
        sys.stdout.flush()
        os._exit(0)  # no teardown: the floor is what the work costs
    sys.exit(main())
