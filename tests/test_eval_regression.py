"""Alignment quality on the sample gold must not regress; the eval command scores like score.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from benchmarks.eval import evaluate_set, find_gold_sets, load_scorer, main

from newscompare.config import Config

GOLD = Path(__file__).parent / "data" / "gold"
SEEDS = GOLD / "seeds"
#: The general lexicon alone (story phrases removed 2026-12-01): sparse seeds F1 0.54.
MIN_SEEDS_F1 = 0.50


@pytest.fixture(scope="module")
def seeds_metrics() -> dict[str, object]:
    return evaluate_set(SEEDS, Config(), load_scorer(GOLD))


def test_sample_gold_f1_does_not_regress(seeds_metrics: dict[str, object]) -> None:
    f1 = seeds_metrics["f1"]
    assert isinstance(f1, float)
    assert f1 >= MIN_SEEDS_F1, seeds_metrics


#: Issue 4's target was 12 of 14 with the Iraq-specific framing sets built in; with the general
#: lexicon alone the CLI found 7 of the 14, and 5 since dates nobody can check without the
#: articles' dates ("January" vs "January 2018") are no longer reported: the dense judged gold
#: counts none of them (test_diverge checks 10 with the story's sets added).
MIN_SEEDS_DIVERGENCES = 5


def test_sample_gold_divergences_do_not_regress(seeds_metrics: dict[str, object]) -> None:
    found = seeds_metrics["divergences_found"]
    assert isinstance(found, int)
    assert found >= MIN_SEEDS_DIVERGENCES, seeds_metrics


def test_no_pair_touches_boilerplate(seeds_metrics: dict[str, object]) -> None:
    assert seeds_metrics["pairs_touching_boilerplate"] == 0


def test_finds_every_gold_set() -> None:
    names = [p.relative_to(GOLD).as_posix() for p in find_gold_sets(GOLD)]
    assert names == ["ecbplus-dev/topic1", "ecbplus-dev/topic3", "ecbplus-dev/topic8", "seeds"]


def test_eval_scores_exactly_like_the_reference_scorer_on_cli_output(
    seeds_metrics: dict[str, object], tmp_path: Path
) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("{}\n", encoding="utf-8")
    report = subprocess.run(
        [
            sys.executable,
            "-m",
            "newscompare",
            "align",
            "--format",
            "json",
            "--config",
            str(empty),
            str(SEEDS / "articles"),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    scored = subprocess.run(
        [sys.executable, str(GOLD / "score.py"), str(SEEDS / "gold.yaml")],
        input=report,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert json.loads(scored.splitlines()[0]) == seeds_metrics


def test_min_f1_sets_the_exit_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold"
    (gold / "one").mkdir(parents=True)
    (gold / "score.py").write_text((GOLD / "score.py").read_text(encoding="utf-8"))
    (gold / "one" / "gold.yaml").write_text((SEEDS / "gold.yaml").read_text(encoding="utf-8"))
    (gold / "one" / "articles").symlink_to((SEEDS / "articles").resolve())
    assert main(["--sparse", "--gold-dir", str(gold), "--min-f1", "0.0"]) == 0
    assert "| one |" in capsys.readouterr().out
    assert main(["--sparse", "--gold-dir", str(gold), "--min-f1", "1.01"]) == 1


def test_missing_gold_folder_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--sparse", "--gold-dir", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err.strip()
    assert "nope" in err and "\n" not in err


#: ECB+ dev sets that reach the issue's target (F1 >= 0.60) with the defaults; topic8 does not
#: (sparse lead-only gold, see benchmarks/RESULTS.md) and is guarded only against collapse.
ECB_MIN_F1 = {"topic1": 0.60, "topic3": 0.60, "topic8": 0.35}


@pytest.mark.parametrize(("topic", "minimum"), sorted(ECB_MIN_F1.items()))
def test_ecb_gold_f1_does_not_regress(topic: str, minimum: float) -> None:
    metrics = evaluate_set(GOLD / "ecbplus-dev" / topic, Config(), load_scorer(GOLD))
    f1 = metrics["f1"]
    assert isinstance(f1, float)
    assert f1 >= minimum, metrics


# The dense judged gold (tests/data/dense): every candidate pair of the four dev stories judged.
# Floors a little below the levels this engine reaches with the general lexicons and the
# lemmatising text layer (F1: seeds 0.61, t1 0.79, t3 0.75, t8 0.85; divergence recall per story
# 0.21-0.68; divergence precision 0.67-0.82). The samples (seeds) are the weakest: lemmas let
# "agreeing" meet the event word "agreement", which pairs passages about two different
# agreements. The levels (F1 0.75, divergence recall 0.45 on every story) are not
# reached yet, and a floor the engine does not meet would only fail.
MIN_DENSE_F1 = 0.58
MIN_DENSE_DIV_RECALL = 0.20
MIN_DENSE_DIV_PRECISION = 0.60


@pytest.fixture(scope="module")
def dense_results() -> dict[str, dict[str, object]]:
    from benchmarks.dense import STORIES, evaluate_dense

    return {r.story: r.metrics for r in evaluate_dense(Config(), tuple(STORIES))}


@pytest.mark.parametrize("story", ["seeds", "t1", "t3", "t8"])
def test_dense_f1_and_divergence_recall_do_not_regress(
    dense_results: dict[str, dict[str, object]], story: str
) -> None:
    m = dense_results[story]
    assert isinstance(m["f1"], float) and m["f1"] >= MIN_DENSE_F1, m
    assert isinstance(m["div_recall"], float) and m["div_recall"] >= MIN_DENSE_DIV_RECALL, m
    precision = m["div_precision"]
    assert isinstance(precision, float) and precision >= MIN_DENSE_DIV_PRECISION, m
    assert m["unjudged_share"] == 0.0 or float(str(m["unjudged_share"])) < 0.10, m


def test_dense_table_prints_every_story_and_the_anchors(
    dense_results: dict[str, dict[str, object]],
) -> None:
    from benchmarks.dense import DenseResult, dense_table

    text = dense_table([DenseResult(s, m) for s, m in dense_results.items()])
    for story in ("seeds", "t1", "t3", "t8", "IDF-weighted fuzzy word overlap"):
        assert f"| {story}" in text
    assert "attribution" in text.splitlines()[0]
