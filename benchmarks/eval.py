"""``python -m benchmarks.eval``: quality on the dense judged gold (the figures that count);
``--sparse``: the older sparse gold sets, kept for continuity.

The dense table comes from ``benchmarks/dense.py``. Each sparse gold set is a folder holding
``gold.yaml`` and ``articles/``. The story is built exactly as ``newscompare align`` builds it
(``pipeline.build_all`` with the default settings, or ``--config``), turned into the
``newscompare.report/1`` JSON, and scored by the ``score()`` function of the scorer that ships
with the gold (``score.py`` in the gold folder), so the numbers here are the numbers the
reference scorers print for the CLI's output: one matching rule, one source.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from newscompare.config import Config, load_config
from newscompare.core.model.errors import UserError
from newscompare.core.pipeline import build_all
from newscompare.core.report import to_json

Scorer = Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]

DEFAULT_GOLD = Path("tests/data/gold")


@dataclass(frozen=True, slots=True)
class SetResult:
    """The scorer's metrics for one gold set, plus how long the pipeline took."""

    name: str
    metrics: dict[str, Any]
    seconds: float


def load_scorer(gold_dir: Path) -> Scorer:
    """The ``score(gold, report)`` function of ``gold_dir/score.py``."""
    path = gold_dir / "score.py"
    if not path.is_file():
        raise UserError(f"{path}: no scorer found (expected score.py beside the gold sets)")
    spec = importlib.util.spec_from_file_location("newscompare_gold_score", path)
    if spec is None or spec.loader is None:
        raise UserError(f"{path}: cannot be imported")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    scorer: Scorer = module.score
    return scorer


def find_gold_sets(gold_dir: Path) -> list[Path]:
    """Folders under ``gold_dir`` that hold ``gold.yaml`` and ``articles/``, sorted by name."""
    if not gold_dir.is_dir():
        raise UserError(f"{gold_dir}: not a folder")
    found = [p.parent for p in gold_dir.rglob("gold.yaml") if (p.parent / "articles").is_dir()]
    return sorted(found, key=lambda p: p.relative_to(gold_dir).as_posix())


def evaluate_set(folder: Path, config: Config, scorer: Scorer) -> dict[str, Any]:
    """Build the story of one gold set as the CLI would and score its JSON report."""
    gold = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))
    story = build_all([str(folder / "articles")], config.settings)
    return scorer(gold, to_json(story))


def evaluate(gold_dir: Path, config: Config) -> list[SetResult]:
    """Score every gold set under ``gold_dir``."""
    scorer = load_scorer(gold_dir)
    results = []
    for folder in find_gold_sets(gold_dir):
        started = time.perf_counter()
        metrics = evaluate_set(folder, config, scorer)
        elapsed = time.perf_counter() - started
        results.append(SetResult(folder.relative_to(gold_dir).as_posix(), metrics, elapsed))
    return results


def table(results: Sequence[SetResult]) -> str:
    """A markdown table of the results."""
    lines = [
        "| set | pairs | precision | recall | F1 | divergences | boilerplate shown "
        "| quotes lost | seconds |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        m = r.metrics
        lines.append(
            f"| {r.name} | {m['predicted_pairs']} | {m['precision']:.3f} | {m['recall']:.3f} "
            f"| {m['f1']:.3f} | {m['divergences_found']}/{m['divergences_gold']} "
            f"| {m['boilerplate_shown_as_content']}/{m['boilerplate_total']} "
            f"| {m['gold_quotes_lost']} | {r.seconds:.2f} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.eval",
        description="Run newscompare on the dense judged gold (or --sparse) and print the table.",
    )
    parser.add_argument(
        "--sparse", action="store_true", help="the older sparse gold sets (tests/data/gold)"
    )
    parser.add_argument("--gold-dir", type=Path, default=DEFAULT_GOLD, metavar="DIR")
    parser.add_argument(
        "--config", type=Path, metavar="PATH", help="settings file (default: built-in defaults)"
    )
    parser.add_argument(
        "--min-f1", type=float, metavar="X", help="exit 1 when any set scores below X"
    )
    args = parser.parse_args(argv)
    if not args.sparse:
        from benchmarks.dense import dense_table, evaluate_dense

        try:
            config = load_config(args.config) if args.config else Config()
            dense = evaluate_dense(config)
        except UserError as exc:
            print(f"benchmarks.eval: {exc}", file=sys.stderr)
            return 2
        print(dense_table(dense))
        if args.min_f1 is not None and any(r.metrics["f1"] < args.min_f1 for r in dense):
            return 1
        return 0
    try:
        config = load_config(args.config) if args.config else Config()
        results = evaluate(args.gold_dir, config)
    except UserError as exc:
        print(f"benchmarks.eval: {exc}", file=sys.stderr)
        return 2
    if not results:
        print(f"benchmarks.eval: {args.gold_dir}: no gold sets found", file=sys.stderr)
        return 2
    print(table(results))
    if args.min_f1 is not None:
        low = [r.name for r in results if r.metrics["f1"] < args.min_f1]
        if low:
            print(f"below F1 {args.min_f1}: {', '.join(low)}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
