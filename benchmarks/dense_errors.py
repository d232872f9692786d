"""Where the engine goes wrong on one dense dev story: the evidence for the next change.

    python -m benchmarks.dense_errors seeds wrong     # predicted pairs judged R or N
    python -m benchmarks.dense_errors t1 missed       # S pairs not predicted, with their score
    python -m benchmarks.dense_errors t8 divmiss      # gold divergences missed on aligned pairs
    python -m benchmarks.dense_errors t8 divspur      # reported divergences the gold lacks

It reads the story exactly as ``benchmarks.eval`` does (``pipeline.build_all``, the report
JSON, the reference scorer's passage-to-sentence mapping), so what it lists is what the dense
table counts. Use it to find general causes across stories; the brief forbids fixing one
example with a rule taken from it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from benchmarks.dense import DENSE, STORIES, scorer

from newscompare.config import load_config
from newscompare.core.align.aligner import score_story
from newscompare.core.pipeline import build_all
from newscompare.core.report import to_json

Sentence = tuple[int, int]


def _short(text: str, width: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _matches(sd: ModuleType, gold: dict[str, Any], found: dict[str, Any]) -> bool:
    """The scorer's rule: each side of the gold divergence holds or is held by one side."""
    a, b = found.get("a", ""), found.get("b", "")
    return bool(
        (sd.holds(gold["a"], a) and sd.holds(gold["b"], b))
        or (sd.holds(gold["a"], b) and sd.holds(gold["b"], a))
    )


class StoryErrors:
    """One story built and scored, with the lookups every listing needs."""

    def __init__(self, story: str, config_path: Path | None) -> None:
        self.sd = scorer()
        self.config = load_config(config_path)
        self.articles, self.labels = self.sd.load_story(str(DENSE / story))
        self.built = build_all([str(STORIES[story])], self.config.settings)
        self.report = to_json(self.built)
        self.pid: dict[str, tuple[int, list[int]]] = self.sd.map_report(self.report, self.articles)
        self.text = {p["id"]: p["text"] for a in self.report["articles"] for p in a["passages"]}

    def judged(self, pair: dict[str, Any]) -> list[dict[str, Any]]:
        """The labels of the sentence pairs a predicted passage pair stands for."""
        if pair["a"] not in self.pid or pair["b"] not in self.pid:
            return []
        (i, xs), (j, ys) = self.pid[pair["a"]], self.pid[pair["b"]]
        combos = [((i, x), (j, y)) for x in xs for y in ys]
        return [self.labels[c] for c in combos if c in self.labels]

    def predicted(self) -> set[frozenset[Sentence]]:
        out: set[frozenset[Sentence]] = set()
        for pair in self.report["pairs"]:
            if pair["a"] in self.pid and pair["b"] in self.pid:
                (i, xs), (j, ys) = self.pid[pair["a"]], self.pid[pair["b"]]
                out.update(frozenset(((i, x), (j, y))) for x in xs for y in ys)
        return out

    def sentence(self, s: Sentence) -> str:
        return str(self.articles[s[0]]["sentences"][s[1]])


def wrong(errors: StoryErrors) -> list[str]:
    lines = []
    for pair in errors.report["pairs"]:
        labels = {label["label"] for label in errors.judged(pair)}
        if labels and "S" not in labels:
            divs = [(d["kind"], d.get("a", ""), d.get("b", "")) for d in pair["divergences"]]
            lines.append(f"{pair['score']:.3f} {sorted(labels)} divergences={divs}")
            lines.append("  A: " + _short(errors.text[pair["a"]]))
            lines.append("  B: " + _short(errors.text[pair["b"]]))
    return lines


def missed(errors: StoryErrors) -> list[str]:
    """Gold S pairs the report lacks, best candidate score first (None: not a candidate)."""
    scored = score_story(errors.built.articles, errors.built.passages, errors.config.settings.align)
    index = {p.id: k for k, p in enumerate(scored.alignable)}
    score = {
        (int(i), int(j)): float(s)
        for i, j, s in zip(
            scored.candidates.first, scored.candidates.second, scored.scores, strict=True
        )
    }
    passages_of: dict[Sentence, list[str]] = {}
    for passage, (k, xs) in errors.pid.items():
        for x in xs:
            passages_of.setdefault((k, x), []).append(passage)
    predicted = errors.predicted()
    rows: list[tuple[float, str]] = []
    for (sa, sb), label in errors.labels.items():
        if label["label"] != "S" or frozenset((sa, sb)) in predicted or sa > sb:
            continue
        best: float | None = None
        for pa in passages_of.get(sa, []):
            for pb in passages_of.get(sb, []):
                i, j = sorted((index.get(pa, -1), index.get(pb, -1)))
                s = score.get((i, j))
                best = s if s is not None and (best is None or s > best) else best
        shown = "None" if best is None else f"{best:.3f}"
        rows.append(
            (best or -1.0, f"{shown}\t{_short(errors.sentence(sa), 100)} || "
             f"{_short(errors.sentence(sb), 100)}")
        )  # fmt: skip
    return [line for _, line in sorted(rows, reverse=True)]


def divergence_errors(errors: StoryErrors, spurious: bool) -> list[str]:
    """On pairs judged S: gold divergences not reported, or reported ones the gold lacks."""
    lines = []
    for pair in errors.report["pairs"]:
        same = [label for label in errors.judged(pair) if label["label"] == "S"]
        if not same:
            continue
        gold = [g for label in same for g in label.get("div") or []]
        found = pair["divergences"]
        if spurious:
            for d in found:
                if not any(_matches(errors.sd, g, d) for g in gold):
                    gold_divs = [(g["kind"], g["a"], g["b"]) for g in gold]
                    lines.append(
                        f"{d['kind']}: {_short(d['a'], 80)!r} / {_short(d['b'], 80)!r}  "
                        f"gold={gold_divs}"
                    )
        else:
            for g in gold:
                if not any(_matches(errors.sd, g, d) for d in found):
                    lines.append(f"{g['kind']}: {g['a']!r} / {g['b']!r}")
                    lines.append("  A: " + _short(errors.text[pair["a"]]))
                    lines.append("  B: " + _short(errors.text[pair["b"]]))
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("story", choices=sorted(STORIES))
    parser.add_argument("listing", choices=("wrong", "missed", "divmiss", "divspur"))
    parser.add_argument("--config", type=Path, default=None, help="config.yaml to use")
    args = parser.parse_args(argv)
    errors = StoryErrors(args.story, args.config)
    if args.listing == "wrong":
        lines = wrong(errors)
    elif args.listing == "missed":
        lines = missed(errors)
    else:
        lines = divergence_errors(errors, spurious=args.listing == "divspur")
    sys.stdout.write("\n".join(lines) + ("\n" if lines else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
