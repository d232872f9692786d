#!/usr/bin/env python3
"""Benchmark ``newscompare align`` against brute-force all-pairs fuzzy scoring, per story size.

Stories of 10, 50, 200 and 800 articles are built reproducibly (fixed seed) from the real
articles shipped with the project: the five samples in ``articles/`` and the fifteen ECB+ dev
articles in ``tests/data/gold/ecbplus-dev``. Each synthetic article takes one real article,
shuffles its paragraph order, drops about a fifth of its lines, drops a word from about a third
of the rest and mixes in a line or two from an article of another topic, so no two are copies.

For each size, in the same run:
  * ``newscompare align --format json`` end to end, as a subprocess (wall time, peak RSS);
  * the align stage alone (load and segment first, then time ``align()``), as a subprocess;
  * the divergence stage alone (load, segment and align first, then time ``compare_all()``),
    as a subprocess;
  * the reference: ``rapidfuzz.process.cdist(texts, texts, scorer=fuzz.token_set_ratio,
    workers=-1)`` over the same title/body passages, as a subprocess (wall time, peak RSS).
The reference is skipped when the square law predicts more than ``--max-brute`` seconds; its
time is then extrapolated from the largest measured size and marked "est.".

Each measurement is repeated (``--repeat``, default 3) and the best time kept, since the
machine may be shared; peak memory is the largest seen.

Usage:  python benchmarks/bench_align.py [--sizes 10 50 200 800] [--seed 7] [--max-brute 180]
                                         [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    *sorted((ROOT / "articles").glob("*.md")),
    *sorted((ROOT / "tests/data/gold/ecbplus-dev").glob("topic*/articles/*.txt")),
]

#: Runs ``argv`` in a child and prints its wall time and peak RSS as JSON (isolates the maxrss).
MEASURE = textwrap.dedent(
    """
    import json, resource, subprocess, sys, time
    started = time.perf_counter()
    done = subprocess.run(sys.argv[1:], capture_output=True)
    wall = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"wall": wall, "peak_mb": peak_kib / 1024, "rc": done.returncode,
                      "stdout": done.stdout.decode(errors="replace")[-2000:],
                      "stderr": done.stderr.decode(errors="replace")[-500:]}))
    """
)

#: The align stage alone: load and segment untimed, then time ``align``; prints JSON.
ALIGN_ONLY = textwrap.dedent(
    """
    import json, sys, time
    from newscompare.config import Config
    from newscompare.core.align.aligner import align
    from newscompare.core.pipeline import segment_all
    from newscompare.core.load.sources import load_sources
    config = Config()
    articles, _ = load_sources([sys.argv[1]], config.settings.loading)
    passages = segment_all(articles, config.settings.passages)
    started = time.perf_counter()
    alignment = align(articles, passages, config.settings.align)
    print(json.dumps({"align": time.perf_counter() - started, "pairs": len(alignment.pairs)}))
    """
)

#: The divergence stage alone: load, segment and align untimed, then time ``compare_all``.
DIVERGE_ONLY = textwrap.dedent(
    """
    import json, sys, time
    from newscompare.config import Config
    from newscompare.core.align.aligner import align
    from newscompare.core.pipeline import compare_all, segment_all, titled
    from newscompare.core.load.sources import load_sources
    config = Config()
    articles, _ = load_sources([sys.argv[1]], config.settings.loading)
    passages = segment_all(articles, config.settings.passages)
    articles = titled(articles, passages)
    alignment = align(articles, passages, config.settings.align)
    started = time.perf_counter()
    compare_all(articles, passages, alignment, config.settings.diverge)
    print(json.dumps({"diverge": time.perf_counter() - started}))
    """
)

#: The reference: all-pairs token_set_ratio over the report's title/body passages.
BRUTE = textwrap.dedent(
    """
    import json, sys, time
    from rapidfuzz import fuzz, process
    report = json.load(open(sys.argv[1], encoding="utf-8"))
    texts = [p["text"] for a in report["articles"] for p in a["passages"]
             if p["kind"] in ("title", "body")]
    started = time.perf_counter()
    process.cdist(texts, texts, scorer=fuzz.token_set_ratio, workers=-1)
    print(json.dumps({"cdist": time.perf_counter() - started, "passages": len(texts)}))
    """
)


def _body(path: Path) -> tuple[str, list[str]]:
    """Front matter lines (without fences) and the non-empty body lines of an article."""
    text = path.read_text(encoding="utf-8")
    front: list[str] = []
    if text.startswith("---\n"):
        head, _, text = text[4:].partition("\n---\n")
        front = [line for line in head.splitlines() if line.startswith(("title:", "date:"))]
    return "\n".join(front), [line for line in text.splitlines() if line.strip()]


def _topic(path: Path) -> str:
    return path.parent.parent.name if path.suffix == ".txt" else "seeds"


def build_story(folder: Path, size: int, seed: int) -> None:
    """Write ``size`` varied articles (markdown with front matter) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    bodies = {p: _body(p) for p in SOURCES}
    for k in range(size):
        rng = random.Random(seed * 100_003 + k)
        source = SOURCES[k % len(SOURCES)]
        front, lines = bodies[source]
        title, rest = lines[0], lines[1:]
        rng.shuffle(rest)
        kept = [line for line in rest if rng.random() > 0.2]
        varied = []
        for line in kept:
            words = line.split()
            if len(words) > 6 and rng.random() < 0.33:
                del words[rng.randrange(1, len(words))]
            varied.append(" ".join(words))
        others = [p for p in SOURCES if _topic(p) != _topic(source)]
        for _ in range(rng.randint(1, 2)):
            extra = bodies[rng.choice(others)][1]
            varied.insert(rng.randrange(len(varied) + 1), rng.choice(extra))
        header = f"---\noutlet: bench-{k:04d} ({source.stem[:30]})\n{front}\n---\n"
        text = header + title + "\n\n" + "\n\n".join(varied) + "\n"
        (folder / f"{k:04d}.md").write_text(text, encoding="utf-8")


def _run_json(argv: list[str]) -> dict[str, object]:
    out = subprocess.run(argv, capture_output=True, text=True, check=True)
    data: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return data


def _measured(argv: list[str]) -> dict[str, object]:
    result = _run_json([sys.executable, "-c", MEASURE, *argv])
    if result["rc"] != 0:
        raise SystemExit(f"failed: {' '.join(argv)}\n{result['stderr']}")
    return result


@dataclass
class Row:
    articles: int
    passages: int
    pairs: int
    wall: float
    peak_mb: float
    align: float
    diverge: float
    brute: float
    brute_peak_mb: float | None  # None: estimated, not run


def measure(
    size: int, seed: int, work: Path, max_brute: float, last: Row | None, repeat: int
) -> Row:
    """Best of ``repeat`` runs for each measurement (the machine may be shared)."""
    story = work / f"story-{size}"
    build_story(story, size, seed)
    report = work / f"report-{size}.json"
    cli = [
        sys.executable,
        "-m",
        "newscompare",
        "align",
        "--format",
        "json",
        "-o",
        str(report),
        "--config",
        str(work / "empty.yaml"),
        str(story),
    ]
    runs = [_measured(cli) for _ in range(repeat)]
    wall = min(float(str(r["wall"])) for r in runs)
    peak = max(float(str(r["peak_mb"])) for r in runs)
    align_time = min(
        float(str(_run_json([sys.executable, "-c", ALIGN_ONLY, str(story)])["align"]))
        for _ in range(repeat)
    )
    diverge_time = min(
        float(str(_run_json([sys.executable, "-c", DIVERGE_ONLY, str(story)])["diverge"]))
        for _ in range(repeat)
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    passages = sum(
        1 for a in data["articles"] for p in a["passages"] if p["kind"] in ("title", "body")
    )
    estimate = last.brute * (passages / last.passages) ** 2 if last else 0.0
    if last is not None and estimate > max_brute:
        brute, brute_peak = estimate, None
    else:
        brute_runs = [_measured([sys.executable, "-c", BRUTE, str(report)]) for _ in range(repeat)]
        brute = min(
            float(json.loads(str(r["stdout"]).strip().splitlines()[-1])["cdist"])
            for r in brute_runs
        )
        brute_peak = max(float(str(r["peak_mb"])) for r in brute_runs)
    return Row(
        size,
        passages,
        len(data["pairs"]),
        wall,
        peak,
        align_time,
        diverge_time,
        brute,
        brute_peak,
    )


def render(rows: list[Row]) -> str:
    lines = [
        "| articles | passages | pairs | `newscompare align` (s) | peak RSS (MB) | align stage (s) "
        "| divergence stage (s) | brute-force cdist (s) | brute peak RSS (MB) | align / brute |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        est = " est." if r.brute_peak_mb is None else ""
        peak = "not run" if r.brute_peak_mb is None else f"{r.brute_peak_mb:.0f}"
        lines.append(
            f"| {r.articles} | {r.passages} | {r.pairs} | {r.wall:.2f} | {r.peak_mb:.0f} "
            f"| {r.align:.2f} | {r.diverge:.2f} | {r.brute:.2f}{est} | {peak} "
            f"| {r.wall / r.brute:.2f}{est} |"
        )
    if len(rows) >= 2:
        a, b = rows[-2], rows[-1]
        import math

        growth = math.log(b.wall / a.wall) / math.log(b.passages / a.passages)
        stage = math.log(b.align / a.align) / math.log(b.passages / a.passages)
        lines.append("")
        lines.append(
            f"Growth from {a.articles} to {b.articles} articles: "
            f"end to end ~ passages^{growth:.2f}, "
            f"align stage ~ passages^{stage:.2f} (all-pairs is passages^2)."
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 200, 800])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--max-brute", type=float, default=180.0, metavar="SECONDS")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best kept)")
    args = parser.parse_args()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="newscompare-bench-") as tmp:
        work = Path(tmp)
        (work / "empty.yaml").write_text("{}\n", encoding="utf-8")
        for size in sorted(args.sizes):
            last = rows[-1] if rows else None
            row = measure(size, args.seed, work, args.max_brute, last, max(1, args.repeat))
            rows.append(row)
            print(f"{size} articles: {row.passages} passages, {row.wall:.2f} s", file=sys.stderr)
    print(render(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
