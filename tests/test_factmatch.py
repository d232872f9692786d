"""Pairs that give one fact differently are aligned on weaker word evidence (``factmatch``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

import pytest

from newscompare.core.align.aligner import align, score_story
from newscompare.core.align.factmatch import differently_given, fact_pairs
from newscompare.core.load.sources import load_sources
from newscompare.core.model.settings import (
    AlignSettings,
    DivergeSettings,
    LoadSettings,
    SegmentSettings,
)
from newscompare.core.model.story import Article, Pair, Passage
from newscompare.core.pipeline import compare_all, segment_all, titled
from story_fixtures import make_story

SEEDS = Path(__file__).parent / "data" / "gold" / "seeds" / "articles"

TROOPS_2500 = (
    "The US has around 2,500 soldiers stationed in Iraq as part of a global coalition "
    "combating the Islamic State [ISIS]."
)
TROOPS_3000 = (
    "The International Coalition Against ISIS recently put the total number of US troops on "
    "Iraqi soil at 3,000."
)


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        (TROOPS_2500, TROOPS_3000, "number"),
        (
            "He said that Iraq “does not need fighters, but rather intelligence cooperation.”",
            "“We need information cooperation,” he added.",
            "quote",
        ),
        (
            "Lawmakers demanded a withdrawal after a drone strike killed a top general.",
            "The emphasis on expelling the US intensified when the US martyred the general.",
            "death",
        ),
        ("Three die in bank during Greek riots", "Two women and one man died at a bank.", "death"),
    ],
)
def test_each_kind_of_fact_given_differently(a: str, b: str, kind: str) -> None:
    assert differently_given(a, b) == kind
    assert differently_given(b, a) == kind


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the same figure, the same quote, the same verb, the same frame: nothing differs
        (TROOPS_2500, "Around 2,500 US soldiers remain in Iraq."),
        ("He said “we need cooperation” today.", "He said “we need cooperation” on Monday."),
        ("Kirby said the talks went well.", "Kirby said the talks were useful."),
        ("Three people were killed in the attack.", "The attack wounded three people."),
        # different things counted, a further set, an age against a duration
        ("2,500 soldiers are in Iraq.", "3,000 civilians fled the city."),
        ("Five other bank workers were rescued.", "Three bank workers were killed."),
        ("Bonus pay is cut for three years.", "said 76-year-old Constantinos Doganis"),
        # one speaker or two framed differently (attribution alone is no evidence of one fact);
        # framing of something other than a death
        ("Kirby also stressed the commitment.", "Kirby claimed that he was committed."),
        ("Kirby stressed the commitment.", "Austin claimed the commitment held."),
        ("The withdrawal will continue.", "The transition will continue."),
    ],
)
def test_nothing_given_differently(a: str, b: str) -> None:
    assert differently_given(a, b) is None


def test_fact_pairs_checks_each_index_pair() -> None:
    texts = [TROOPS_2500, TROOPS_3000, "The weather was fine."]
    assert fact_pairs(texts, [None] * 3, [0, 0, 1], [1, 2, 2]) == [True, False, False]


Story = tuple[tuple[Article, ...], tuple[Passage, ...]]


@pytest.fixture(scope="module")
def seeds() -> Story:
    articles, problems = load_sources([str(SEEDS)], LoadSettings(), None)
    assert not problems
    passages = segment_all(articles, SegmentSettings())
    return titled(articles, passages), passages


def _has_pair(texts: dict[str, str], pairs: Sequence[Pair], a: str, b: str) -> bool:
    return any({texts[p.a], texts[p.b]} == {a, b} for p in pairs)


def test_the_troop_figures_pair_is_aligned_below_the_threshold_and_its_numbers_differ(
    seeds: Story,
) -> None:
    articles, passages = seeds
    settings = AlignSettings()
    texts = {p.id: p.text for p in passages}
    scored = score_story(articles, passages, settings)
    by_text = {p.text: i for i, p in enumerate(scored.alignable)}
    i, j = sorted((by_text[TROOPS_2500], by_text[TROOPS_3000]))
    pairs = list(
        zip(scored.candidates.first.tolist(), scored.candidates.second.tolist(), strict=True)
    )
    score = float(scored.scores[pairs.index((i, j))])
    assert settings.fact_ratio * settings.threshold <= score < settings.threshold
    alignment = align(articles, passages, settings)
    assert _has_pair(texts, alignment.pairs, TROOPS_2500, TROOPS_3000)
    comparisons = compare_all(articles, passages, alignment, DivergeSettings())
    (found,) = [
        c for c in comparisons if {texts[c.pair.a], texts[c.pair.b]} == {TROOPS_2500, TROOPS_3000}
    ]
    assert [(d.kind, d.a, d.b) for d in found.divergences if d.kind == "number"] == [
        ("number", "around 2,500 soldiers", "3,000")
    ]
    off = align(articles, passages, dataclasses.replace(settings, fact_ratio=1.0))
    assert not _has_pair(texts, off.pairs, TROOPS_2500, TROOPS_3000)


def test_conflicting_days_and_no_agreeing_one_is_evidence_against() -> None:
    from newscompare.core.align.factmatch import dates_disagree

    monday = "The ministry said on Monday it had reached an agreement on the withdrawal."
    thursday = "The ministry said on Thursday it had reached an agreement on the withdrawal."
    assert dates_disagree(monday, thursday)
    assert not dates_disagree(monday, monday)
    assert not dates_disagree(monday, "The ministry said it had reached an agreement.")
    # One day agrees: the other is a second time in one account, not another event.
    assert not dates_disagree(monday, thursday.replace("on Thursday", "on Monday and Thursday"))


def test_date_conflict_penalty_lowers_the_pair_score() -> None:
    monday = "The ministry said on Monday it had reached an agreement on the troop withdrawal."
    thursday = monday.replace("Monday", "Thursday")
    articles, passages = make_story([monday], [thursday])
    off = score_story(articles, passages, AlignSettings(date_conflict_penalty=0.0))
    on = score_story(articles, passages, AlignSettings(date_conflict_penalty=0.25))
    assert float(on.scores[0]) == pytest.approx(0.75 * float(off.scores[0]))
