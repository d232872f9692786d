"""Quality on the dense judged gold (``tests/data/dense``, copied from ../shared/eval/dense).

Every candidate pair of four dev stories was judged by hand (S same fact, R related, N not
related) with the divergences of each S pair; ``score_dense.py`` beside the data is the
reference scorer, run here on the ``newscompare.report/1`` JSON that ``newscompare align``
prints, so these are the figures ``score_dense.py`` gives for the CLI's output.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from newscompare.config import Config
from newscompare.core.model.errors import UserError
from newscompare.core.pipeline import build_all
from newscompare.core.report import to_json

PROJECT = Path(__file__).resolve().parent.parent
DENSE = PROJECT / "tests" / "data" / "dense"
#: The dense stories and the articles each judged story is made of.
STORIES: dict[str, Path] = {
    "seeds": PROJECT / "articles",
    "t1": PROJECT / "tests" / "data" / "gold" / "ecbplus-dev" / "topic1" / "articles",
    "t3": PROJECT / "tests" / "data" / "gold" / "ecbplus-dev" / "topic3" / "articles",
    "t8": PROJECT / "tests" / "data" / "gold" / "ecbplus-dev" / "topic8" / "articles",
}
KINDS = ("number", "date", "name", "quote", "attribution", "wording")
#: Where other aligners stand on the same four stories (../shared/eval/dense/README.md): mean
#: F1 over the stories (worst story), divergence recall.
ANCHORS = (
    ("rapidfuzz token_set_ratio >= 50, mutual best", "0.466 (0.133)", "0"),
    ("all-MiniLM-L6-v2 cosine >= 0.6", "0.524 (0.210)", "0"),
    ("IDF-weighted fuzzy word overlap >= 0.2", "0.649 (0.452)", "0"),
    ("newscompare 0.1.0 before this round", "0.768 (0.693)", "14/161 = 0.09"),
)


@dataclass(frozen=True, slots=True)
class DenseResult:
    story: str
    metrics: dict[str, Any]


def scorer(dense: Path = DENSE) -> ModuleType:
    """The reference scorer ``score_dense.py`` as a module."""
    path = dense / "score_dense.py"
    spec = importlib.util.spec_from_file_location("newscompare_score_dense", path)
    if spec is None or spec.loader is None or not path.is_file():
        raise UserError(f"{path}: no dense scorer found")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def group_shares(
    sd: ModuleType, articles: list[dict[str, Any]], labels: dict[Any, Any], rep: dict[str, Any]
) -> dict[str, Any]:
    """How clean and how complete the event groups are (issue 15.3), on the judged pairs.

    ``group_precision``: of the judged sentence pairs that one group puts together (two of its
    passages from different articles; a passage stands for every sentence it overlaps, as in
    the scorer), the share judged S. A passage pair counts once: S when one of its sentence
    pairs is S, else wrong when one is judged. ``group_recall``: of the gold S pairs, the share
    whose two sentences sit in passages of one group.
    """
    pid = sd.map_report(rep, articles)
    good = judged = unjudged = 0
    for group in rep.get("groups", []):
        members = [p for p in group["passages"] if p in pid]
        for n, a in enumerate(members):
            for b in members[n + 1 :]:
                (i, xs), (j, ys) = pid[a], pid[b]
                if i == j:
                    continue
                found = [
                    labels[c]["label"]
                    for c in (((i, x), (j, y)) for x in xs for y in ys)
                    if c in labels
                ]
                if found:
                    judged += 1
                    good += "S" in found
                else:
                    unjudged += 1
    group_of: dict[tuple[int, int], set[str]] = {}
    for group in rep.get("groups", []):
        for p in group["passages"]:
            if p in pid:
                k, xs = pid[p]
                for x in xs:
                    group_of.setdefault((k, x), set()).add(group["id"])
    gold = {frozenset(c) for c, lab in labels.items() if lab["label"] == "S"}
    together = sum(
        1 for c in gold if len(c) == 2 and set.intersection(*(group_of.get(s, set()) for s in c))
    )
    return {
        "group_pairs_judged": judged,
        "group_pairs_unjudged": unjudged,
        "group_precision": round(good / judged, 3) if judged else 0.0,
        "gold_S": len(gold),
        "group_recall": round(together / len(gold), 3) if gold else 0.0,
    }


def evaluate_story(
    story: str, config: Config, sd: ModuleType, dense: Path = DENSE
) -> dict[str, Any]:
    """Build one judged story as ``newscompare align`` does and score its report: the
    reference scorer's figures, and how clean and complete the event groups are."""
    built = build_all([str(STORIES[story])], config.settings)
    articles, labels = sd.load_story(str(dense / story))
    report = to_json(built)
    result: dict[str, Any] = sd.score(articles, labels, report)
    result.update(group_shares(sd, articles, labels, report))
    result["groups"] = len(report["groups"])
    return result


def evaluate_dense(config: Config, stories: Sequence[str] = tuple(STORIES)) -> list[DenseResult]:
    sd = scorer()
    return [DenseResult(s, evaluate_story(s, config, sd)) for s in stories]


def _fraction(found: int, total: int) -> str:
    return f"{found}/{total}" if total else "-"


def dense_table(results: Sequence[DenseResult]) -> str:
    """The per-story table, a line over all four, and where other aligners stand."""
    head = (
        "| story | pairs | P | R | F1 | unjudged | div recall | "
        + " | ".join(KINDS)
        + " | div precision | div on wrong pairs |"
    )
    lines = [head, "|" + "---|" * (10 + len(KINDS))]
    found_total = gold_total = 0
    by_kind = {k: [0, 0] for k in KINDS}
    for r in results:
        m = r.metrics
        found_total += m["div_found"]
        gold_total += m["div_gold"]
        kinds = []
        for k in KINDS:
            got, of = (int(x) for x in m["div_by_kind"].get(k, "0/0").split("/"))
            by_kind[k][0] += got
            by_kind[k][1] += of
            kinds.append(_fraction(got, of))
        precision = "-" if m["div_precision"] is None else f"{m['div_precision']:.2f}"
        lines.append(
            f"| {r.story} | {m['predicted_pairs']} | {m['precision']:.3f} | {m['recall']:.3f} "
            f"| {m['f1']:.3f} | {m['unjudged_share']:.0%} "
            f"| {_fraction(m['div_found'], m['div_gold'])} | "
            + " | ".join(kinds)
            + f" | {precision} | {m['div_on_wrong']} |"
        )
    if results:
        f1s = [r.metrics["f1"] for r in results]
        share = found_total / gold_total if gold_total else 0.0
        lines.append(
            f"| all | | | | mean {sum(f1s) / len(f1s):.3f} (worst {min(f1s):.3f}) | "
            f"| {found_total}/{gold_total} = {share:.2f} | "
            + " | ".join(_fraction(*by_kind[k]) for k in KINDS)
            + " | | |"
        )
    lines += ["", groups_table(results)]
    lines += ["", "| aligner (same scorer, same stories) | F1 mean (worst) | divergence recall |"]
    lines.append("|---|---|---|")
    lines += [f"| {name} | {f1} | {div} |" for name, f1, div in ANCHORS]
    return "\n".join(lines)


def groups_table(results: Sequence[DenseResult]) -> str:
    """Event groups (issue 15.3): within-group pairs judged S, and S pairs inside one group."""
    lines = [
        "| story | events | within-group pairs judged (unjudged) | judged S (>= 0.80) "
        "| S pairs inside one group (>= 0.70) |",
        "|---|---|---|---|---|",
    ]
    good = judged = unjudged = together = gold = 0
    for r in results:
        m = r.metrics
        lines.append(
            f"| {r.story} | {m.get('groups', '-')} | {m['group_pairs_judged']} "
            f"({m['group_pairs_unjudged']}) "
            f"| {m['group_precision']:.3f} | {m['group_recall']:.3f} |"
        )
        judged += m["group_pairs_judged"]
        unjudged += m["group_pairs_unjudged"]
        good += round(m["group_precision"] * m["group_pairs_judged"])
        gold += m["gold_S"]
        together += round(m["group_recall"] * m["gold_S"])
    if results:
        lines.append(
            f"| all | | {judged} ({unjudged}) | {good / judged if judged else 0:.3f} "
            f"| {together / gold if gold else 0:.3f} |"
        )
    return "\n".join(lines)
