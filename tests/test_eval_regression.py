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
MIN_SEEDS_F1 = 0.55


@pytest.fixture(scope="module")
def seeds_metrics() -> dict[str, object]:
    return evaluate_set(SEEDS, Config(), load_scorer(GOLD))


def test_sample_gold_f1_does_not_regress(seeds_metrics: dict[str, object]) -> None:
    f1 = seeds_metrics["f1"]
    assert isinstance(f1, float)
    assert f1 >= MIN_SEEDS_F1, seeds_metrics


#: Issue 4's target: at least 12 of the 14 divergences of the sample gold are found.
MIN_SEEDS_DIVERGENCES = 12


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
    assert main(["--gold-dir", str(gold), "--min-f1", "0.0"]) == 0
    assert "| one |" in capsys.readouterr().out
    assert main(["--gold-dir", str(gold), "--min-f1", "1.01"]) == 1


def test_missing_gold_folder_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--gold-dir", str(tmp_path / "nope")]) == 2
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
