"""Event groups: ids in story order, every pair inside one group, labels, no giant chains."""

from __future__ import annotations

import dataclasses

import pytest

from newscompare.core.align.aligner import align, score_story
from newscompare.core.align.groups import MAJORITY, SHARES, build_groups
from newscompare.core.align.prepare import prepare_story
from newscompare.core.lexicons.aliases import BUILTIN_ALIASES
from newscompare.core.model.settings import AlignSettings
from newscompare.core.model.story import Pair, Passage
from newscompare.core.text.labels import short_label
from story_fixtures import FILLER, TROOPS_A, TROOPS_B, VOTE_A, VOTE_B, make_story


def _passages(*specs: tuple[str, str]) -> list[Passage]:
    return [Passage(pid, pid.split(":")[0], "body", 0, len(text), text, 1) for pid, text in specs]


def _prepared(passages: list[Passage]) -> object:
    return prepare_story(
        [p.text for p in passages],
        BUILTIN_ALIASES,
        anchor_weight=1.5,
        fuzzy_ratio=88.0,
        ceiling_minimum=200.0,
        ceiling_scale=4.0,
    )


def test_every_pair_lies_inside_one_group() -> None:
    articles, passages = make_story(
        [TROOPS_A, VOTE_A, FILLER[0]], [VOTE_B, FILLER[1], TROOPS_B], [TROOPS_B, VOTE_A]
    )
    alignment = align(articles, passages, AlignSettings())
    group_of = {pid: g.id for g in alignment.groups for pid in g.passages}
    assert alignment.pairs
    for pair in alignment.pairs:
        assert group_of[pair.a] == group_of[pair.b]


def test_group_ids_follow_story_order_of_first_passage() -> None:
    articles, passages = make_story([TROOPS_A, VOTE_A], [VOTE_B, TROOPS_B])
    groups = align(articles, passages, AlignSettings()).groups
    assert [g.id for g in groups] == ["e1", "e2"]
    assert groups[0].passages[0] == "a1:1" and groups[1].passages[0] == "a1:2"


def test_groups_span_two_or_more_articles_and_hold_no_unmatched_passage() -> None:
    articles, passages = make_story([TROOPS_A, FILLER[0]], [FILLER[1], TROOPS_B])
    alignment = align(articles, passages, AlignSettings())
    for group in alignment.groups:
        assert len({pid.split(":")[0] for pid in group.passages}) >= 2
        assert not set(group.passages) & set(alignment.unmatched)


def test_label_is_a_passage_of_the_event_not_a_bag_of_words() -> None:
    articles, passages = make_story([TROOPS_A, FILLER[0]], [FILLER[1], TROOPS_B])
    (group,) = align(articles, passages, AlignSettings()).groups
    texts = {p.id: p.text for p in passages}
    assert " / " not in group.label
    assert group.label in {short_label(texts[pid]) for pid in group.passages}


def test_label_is_the_headline_when_an_outlet_has_one_in_the_event() -> None:
    passages = [
        Passage("a:1", "a", "title", 0, 30, "Lohan checks into Betty Ford", 0),
        Passage(
            "a:2", "a", "body", 31, 90, "The actress Lindsay Lohan has checked into Betty Ford", 1
        ),
        Passage(
            "b:1", "b", "body", 0, 60, "Lindsay Lohan checked into the Betty Ford Center late", 0
        ),
    ]
    scores = {("a:1", "b:1"): 0.6, ("a:2", "b:1"): 0.9}
    pairs = [Pair(a, b, s) for (a, b), s in scores.items()]
    evidence = _index_evidence(passages, scores)
    (group,) = build_groups(pairs, passages, _prepared(passages), 3, evidence)[0]  # type: ignore[arg-type]
    assert group.label == "Lohan checks into Betty Ford"
    # Without a headline: the body passage that agrees most with the others.
    body = [replace_kind(p) for p in passages]
    (group,) = build_groups(pairs, body, _prepared(body), 3, evidence)[0]  # type: ignore[arg-type]
    assert group.label == "Lindsay Lohan checked into the Betty Ford Center late"


def replace_kind(p: Passage) -> Passage:
    return dataclasses.replace(p, kind="body")


def test_weak_pair_that_would_chain_two_events_is_dropped() -> None:
    passages = _passages(
        ("a:1", "Lohan rehires attorney Shawn Holley"),
        ("a:2", "Lohan checked into Betty Ford clinic"),
        ("b:1", "Shawn Holley is back as attorney"),
        ("b:2", "Betty Ford clinic confirmed her stay"),
    )
    prepared = _prepared(passages)
    pairs = [
        Pair("a:1", "b:1", 0.9),
        Pair("a:2", "b:2", 0.8),
        Pair("a:1", "b:2", 0.3),  # would put two passages of each article in one group
    ]
    groups, kept = build_groups(pairs, passages, prepared, per_article=1)  # type: ignore[arg-type]
    assert [g.passages for g in groups] == [("a:1", "b:1"), ("a:2", "b:2")]
    assert Pair("a:1", "b:2", 0.3) not in kept
    assert len(kept) == 2


def test_pair_inside_an_existing_group_is_kept() -> None:
    passages = _passages(
        ("a:1", "Lohan rehires attorney Shawn Holley"),
        ("b:1", "Shawn Holley rehired by Lohan"),
        ("c:1", "Lohan brings back attorney Holley"),
    )
    pairs = [Pair("a:1", "b:1", 0.9), Pair("b:1", "c:1", 0.8), Pair("a:1", "c:1", 0.5)]
    groups, kept = build_groups(pairs, passages, _prepared(passages), per_article=1)  # type: ignore[arg-type]
    assert len(groups) == 1 and len(kept) == 3
    assert [(p.a, p.b) for p in kept] == [("a:1", "b:1"), ("a:1", "c:1"), ("b:1", "c:1")]


def test_no_pairs_no_groups() -> None:
    passages = _passages(("a:1", "Nothing here"), ("b:1", "Nor here"))
    assert build_groups([], passages, _prepared(passages), per_article=3) == ((), ())  # type: ignore[arg-type]


def test_weaker_pair_inside_a_group_is_completed() -> None:
    articles, passages = make_story(
        ["Lohan rehires attorney Shawn Holley in a Los Angeles court"],
        ["Lohan rehires attorney Shawn Holley, TMZ says"],
        ["Shawn Holley appears in a Los Angeles court for Lohan"],
    )
    base = AlignSettings(group_threshold=0.0, min_shared_tokens=1)
    scored = score_story(articles, passages, base)
    assert len(scored.scores) == 3  # a triangle of candidates
    low, mid, _ = sorted(float(s) for s in scored.scores)
    assert low < mid
    threshold = (low + mid) / 2
    completed = align(articles, passages, dataclasses.replace(base, threshold=threshold))
    plain = align(
        articles,
        passages,
        dataclasses.replace(base, threshold=threshold, group_threshold=threshold),
    )
    assert len(plain.pairs) == 2 and len(completed.pairs) == 3
    assert min(p.score for p in completed.pairs) == pytest.approx(low, abs=1e-4)
    assert len(completed.groups) == 1 and len(completed.groups[0].passages) == 3


def _index_evidence(
    passages: list[Passage], scores: dict[tuple[str, str], float]
) -> list[tuple[int, int, float]]:
    index = {p.id: i for i, p in enumerate(passages)}
    return [(index[a], index[b], s) for (a, b), s in scores.items()]


def test_a_passage_sharing_a_fact_with_one_member_only_does_not_join_the_event() -> None:
    # An event reported by three outlets (a, b, c agree with each other); d shares a fact
    # with c alone. Connected components would make d part of the event.
    passages = _passages(
        ("a:1", "Lohan rehires attorney Shawn Holley"),
        ("b:1", "Shawn Holley rehired by Lohan"),
        ("c:1", "Lohan brings back attorney Holley before the hearing"),
        ("d:1", "The hearing before the judge was moved to Friday"),
    )
    scores = {("a:1", "b:1"): 0.9, ("a:1", "c:1"): 0.7, ("b:1", "c:1"): 0.7, ("c:1", "d:1"): 0.6}
    pairs = [Pair(a, b, s) for (a, b), s in scores.items()]
    evidence = _index_evidence(passages, scores)
    groups, kept = build_groups(pairs, passages, _prepared(passages), 3, evidence)  # type: ignore[arg-type]
    assert [g.passages for g in groups] == [("a:1", "b:1", "c:1")]
    assert Pair("c:1", "d:1", 0.6) in kept  # the shared fact is still shown as a pair
    # When d agrees with most of the event, it joins.
    scores |= {("a:1", "d:1"): 0.5, ("b:1", "d:1"): 0.4}
    pairs = [Pair(a, b, s) for (a, b), s in scores.items()]
    evidence = _index_evidence(passages, scores)
    groups, _ = build_groups(pairs, passages, _prepared(passages), 3, evidence)  # type: ignore[arg-type]
    assert [g.passages for g in groups] == [("a:1", "b:1", "c:1", "d:1")]


def test_a_strong_link_between_two_events_does_not_chain_them() -> None:
    # Two events of three outlets each, and one cross pair (b:1 ~ c:2) as strong as some of
    # the events' own pairs, which connected components would chain them with.
    passages = _passages(
        ("a:1", "x"), ("b:1", "x"), ("c:1", "x"), ("a:2", "y"), ("b:2", "y"), ("c:2", "y")
    )
    scores = {
        ("a:1", "b:1"): 0.9,
        ("a:1", "c:1"): 0.8,
        ("b:1", "c:1"): 0.8,
        ("a:2", "b:2"): 0.9,
        ("b:2", "c:2"): 0.85,
        ("a:2", "c:2"): 0.8,
        ("b:1", "c:2"): 0.8,
    }
    pairs = [Pair(a, b, s) for (a, b), s in scores.items()]
    evidence = _index_evidence(passages, scores)
    groups, kept = build_groups(pairs, passages, _prepared(passages), 3, evidence)  # type: ignore[arg-type]
    assert [set(g.passages) for g in groups] == [{"a:1", "b:1", "c:1"}, {"a:2", "b:2", "c:2"}]
    assert Pair("b:1", "c:2", 0.8) in kept
    # Without the evidence rule (per-article cap only) the two events chain into one.
    chained, _ = build_groups(pairs, passages, _prepared(passages), 3)  # type: ignore[arg-type]
    assert len(chained) == 1


def test_a_passage_joins_only_when_most_members_share_the_fact_at_shares() -> None:
    # d agrees strongly with c and weakly (0.22: a candidate, but below SHARES) with a and b:
    # on average it agrees (0.35), yet it shares the fact with one member of three, not most.
    passages = _passages(("a:1", "x"), ("b:1", "x"), ("c:1", "x"), ("d:1", "x"))
    scores = {
        ("a:1", "b:1"): 0.9,
        ("a:1", "c:1"): 0.7,
        ("b:1", "c:1"): 0.7,
        ("c:1", "d:1"): 0.6,
        ("a:1", "d:1"): 0.22,
        ("b:1", "d:1"): 0.22,
    }
    pairs = [Pair(a, b, s) for (a, b), s in scores.items() if s >= 0.5]
    evidence = _index_evidence(passages, scores)
    prepared = _prepared(passages)
    groups, kept = build_groups(pairs, passages, prepared, 3, evidence)  # type: ignore[arg-type]
    assert SHARES > 0.22 >= MAJORITY
    assert [g.passages for g in groups] == [("a:1", "b:1", "c:1")]
    assert Pair("c:1", "d:1", 0.6) in kept
    # Counting every pair at MAJORITY as sharing the fact (the looser rule the aligner keeps
    # and completes pairs with), d joins.
    loose, loose_kept = build_groups(pairs, passages, prepared, 3, evidence, shares=MAJORITY)  # type: ignore[arg-type]
    assert [g.passages for g in loose] == [("a:1", "b:1", "c:1", "d:1")]
    assert loose_kept == kept
