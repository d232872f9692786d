"""The alignment engine: scoring, order-free many-to-many pairs, kinds, settings, determinism."""

from __future__ import annotations

import dataclasses

import pytest

from newscompare.core.align.aligner import align, score_story
from newscompare.core.model.settings import AlignSettings
from newscompare.core.model.story import Alignment, Article, Passage
from story_fixtures import FILLER, TROOPS_A, TROOPS_B, VOTE_A, VOTE_B, make_story


def pair_set(alignment: Alignment) -> set[tuple[str, str]]:
    return {(p.a, p.b) for p in alignment.pairs}


def texts_of(alignment: Alignment, passages: list[Passage]) -> set[frozenset[str]]:
    by_id = {p.id: p.text for p in passages}
    return {frozenset((by_id[p.a], by_id[p.b])) for p in alignment.pairs}


def test_passages_sharing_specific_facts_align_despite_wording() -> None:
    articles, passages = make_story(
        [TROOPS_A, FILLER[0], VOTE_A], [VOTE_B, FILLER[1], TROOPS_B], [FILLER[2]]
    )
    found = texts_of(align(articles, passages, AlignSettings()), passages)
    assert frozenset((TROOPS_A, TROOPS_B)) in found
    assert frozenset((VOTE_A, VOTE_B)) in found


def test_topic_only_sentences_do_not_align() -> None:
    articles, passages = make_story(
        [TROOPS_A, FILLER[0]], [VOTE_B, FILLER[1]], [FILLER[2], TROOPS_B]
    )
    found = texts_of(align(articles, passages, AlignSettings()), passages)
    assert frozenset((TROOPS_A, VOTE_B)) not in found
    assert all(FILLER[0] not in pair and FILLER[1] not in pair for pair in found)


def test_alignment_is_order_free() -> None:
    first = make_story([TROOPS_A, VOTE_A, FILLER[0]], [FILLER[1], VOTE_B, TROOPS_B])
    second = make_story([FILLER[0], VOTE_A, TROOPS_A], [TROOPS_B, FILLER[1], VOTE_B])
    assert texts_of(align(*first, AlignSettings()), first[1]) == texts_of(
        align(*second, AlignSettings()), second[1]
    )


def test_one_sentence_can_match_two_in_another_article() -> None:
    combined = (
        "Iraqi lawmakers voted in January to expel foreign forces, while officials in Erbil "
        "put the number of US troops at 2,500."
    )
    articles, passages = make_story([combined, FILLER[0]], [VOTE_B, FILLER[1], TROOPS_B])
    found = texts_of(align(articles, passages, AlignSettings()), passages)
    assert frozenset((combined, VOTE_B)) in found
    assert frozenset((combined, TROOPS_B)) in found


def test_many_articles_align_across_all_of_them() -> None:
    troops_c = "About 2,500 American soldiers are stationed in Iraq, according to Erbil officials."
    articles, passages = make_story([TROOPS_A], [FILLER[0], TROOPS_B], [troops_c], [FILLER[1]])
    alignment = align(articles, passages, AlignSettings())
    linked = {pid.split(":")[0] for p in alignment.pairs for pid in (p.a, p.b)}
    assert linked == {"a1", "a2", "a3"}


def test_captions_and_boilerplate_never_align_but_titles_do() -> None:
    title_a = "Lohan rehires attorney Shawn Holley after Morningside rehab exit"
    title_b = "Lindsay Lohan rehires lawyer Shawn Holley, leaves Morningside rehab"
    articles, passages = make_story(
        [("title", title_a), ("caption", TROOPS_A), ("boilerplate", VOTE_A)],
        [("title", title_b), ("caption", TROOPS_B), ("body", VOTE_B)],
    )
    alignment = align(articles, passages, AlignSettings())
    kinds = {p.id: p.kind for p in passages}
    assert alignment.pairs
    assert all(
        kinds[p.a] in ("title", "body") and kinds[p.b] in ("title", "body") for p in alignment.pairs
    )
    assert texts_of(alignment, passages) == {frozenset((title_a, title_b))}


def test_pair_a_is_from_the_earlier_article_and_scores_are_in_range() -> None:
    articles, passages = make_story([FILLER[0], TROOPS_A, VOTE_A], [VOTE_B, TROOPS_B])
    alignment = align(articles, passages, AlignSettings())
    assert alignment.pairs
    for pair in alignment.pairs:
        assert pair.a.startswith("a1:") and pair.b.startswith("a2:")
        assert 0.0 <= pair.score <= 1.0


def test_identical_passages_score_one() -> None:
    articles, passages = make_story([TROOPS_A, FILLER[0]], [FILLER[1], TROOPS_A])
    (pair,) = align(articles, passages, AlignSettings()).pairs
    assert pair.score == pytest.approx(1.0)


def test_output_is_deterministic_and_sorted() -> None:
    story = make_story([TROOPS_A, VOTE_A], [VOTE_B, TROOPS_B], [TROOPS_B, VOTE_A])
    runs = [align(*story, AlignSettings()) for _ in range(3)]
    assert runs[0] == runs[1] == runs[2]
    order = {p.id: i for i, p in enumerate(story[1])}
    keys = [(order[p.a], order[p.b]) for p in runs[0].pairs]
    assert keys == sorted(keys)


def test_unmatched_lists_content_passages_without_counterpart() -> None:
    articles, passages = make_story(
        [TROOPS_A, FILLER[0], ("caption", "Photo: AFP")], [TROOPS_B, ("boilerplate", "Share")]
    )
    alignment = align(articles, passages, AlignSettings())
    assert alignment.unmatched == ("a1:2",)


def test_threshold_one_keeps_only_identical_passages() -> None:
    articles, passages = make_story([TROOPS_A, VOTE_A], [TROOPS_B, VOTE_A])
    alignment = align(articles, passages, AlignSettings(threshold=1.0))
    assert texts_of(alignment, passages) == {frozenset((VOTE_A,))}


def test_user_alias_makes_a_match_possible() -> None:
    a = "The Kremlin rejected the Minsk ceasefire proposal on Tuesday."
    b = "Moscow rejected the Minsk ceasefire proposal on Tuesday."
    articles, passages = make_story([a], [b])
    plain = score_story(articles, passages, AlignSettings())
    aliased = score_story(
        articles, passages, AlignSettings(aliases={"russia": ("kremlin", "moscow")})
    )
    assert float(aliased.scores.max()) > float(plain.scores.max())


def test_builtin_aliases_can_be_switched_off() -> None:
    articles, passages = make_story(
        ["American soldiers left Erbil base"], ["US troops left Erbil base"]
    )
    on = score_story(articles, passages, AlignSettings())
    off = score_story(articles, passages, AlignSettings(builtin_aliases=False, aliases={}))
    assert float(on.scores.max()) > float(off.scores.max())


def test_number_formats_match() -> None:
    a = "Protesters said 25,000 people marched to the Syntagma square on Wednesday."
    b = "Some 25000 people marched to Syntagma square on Wednesday, protesters said."
    articles, passages = make_story([a], [b])
    assert align(articles, passages, AlignSettings()).pairs


def test_fewer_than_two_articles_align_nothing() -> None:
    articles, passages = make_story([TROOPS_A, TROOPS_B])
    alignment = align(articles, passages, AlignSettings())
    assert alignment.pairs == () and alignment.groups == ()
    assert alignment.unmatched == ("a1:1", "a1:2")


def test_empty_story() -> None:
    assert align([], [], AlignSettings()) == Alignment()


@pytest.mark.parametrize(
    "change",
    [
        {"threshold": 1.5},
        {"threshold": -0.1},
        {"surface_weight": 2.0},
        {"per_article": 0},
        {"fact_ratio": 1.2},
    ],
)
def test_invalid_settings_are_rejected(change: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        dataclasses.replace(AlignSettings(), **change)  # type: ignore[arg-type]


def test_depth_penalty_lowers_scores_of_pairs_deep_in_articles() -> None:
    # TROOPS_A is the 4th passage (depth 3): one passage beyond a lead of 2.
    articles, passages = make_story([*FILLER, TROOPS_A], [TROOPS_B])
    flat = score_story(articles, passages, AlignSettings())
    lead = score_story(articles, passages, AlignSettings(lead_passages=2, depth_penalty=0.5))
    assert len(flat.scores) == 1
    assert float(lead.scores[0]) == pytest.approx(float(flat.scores[0]) / 1.5)


def test_min_distinctive_requires_a_rare_shared_word() -> None:
    # Every article says Lohan and rehab: sharing only those is the topic, not an event.
    story = make_story(
        ["Lohan went to rehab", "Lohan hired Shawn Holley"],
        ["Rehab for Lohan", "Shawn Holley is back with Lohan"],
        ["Lohan rehab story", "Lohan and rehab"],
    )
    loose = AlignSettings(min_shared_tokens=1, threshold=0.1, distinctive_articles=1.0)
    strict = dataclasses.replace(loose, min_distinctive=1)
    topic_pair = frozenset(("Lohan went to rehab", "Rehab for Lohan"))
    event_pair = frozenset(("Lohan hired Shawn Holley", "Shawn Holley is back with Lohan"))
    assert {topic_pair, event_pair} <= texts_of(align(*story, loose), story[1])
    strict_texts = texts_of(align(*story, strict), story[1])
    assert event_pair in strict_texts and topic_pair not in strict_texts


# --- event lexicon, sentence evidence, light import -------------------------------------------


def test_event_synonyms_align_reports_of_one_event() -> None:
    articles, passages = make_story(
        ["Three bank workers died when rioters hurled petrol bombs in Athens.", *FILLER[:2]],
        [FILLER[2], "Molotov cocktails thrown by rioters killed three bank workers in Athens."],
    )
    texts = texts_of(align(articles, passages, AlignSettings()), passages)
    assert frozenset((passages[0].text, passages[4].text)) in texts


def test_event_weight_raises_the_score_of_pairs_sharing_an_event() -> None:
    articles, passages = make_story(
        ["The convicted inmate escaped from the van near Baytown on Monday."],
        ["Comeaux escaped after the guards stopped at a gas station near Baytown."],
        [FILLER[0]],
    )
    low = score_story(articles, passages, AlignSettings(event_weight=1.0)).scores
    high = score_story(articles, passages, AlignSettings(event_weight=2.0)).scores
    assert high.max() > low.max()


def test_evidence_scattered_over_sentences_scores_below_evidence_in_one() -> None:
    together = "Officials said 2,500 troops will leave Erbil base by December."
    scattered = "Officials met in Erbil. Some 2,500 people marched. The base closes in December."
    target = "About 2,500 troops are to leave the Erbil base in December, officials said."
    settings = AlignSettings(sentence_share=0.5)
    articles, passages = make_story([together], [target], [scattered])
    scored = score_story(articles, passages, settings)
    by_pair = {
        (int(i), int(j)): float(s)
        for i, j, s in zip(
            scored.candidates.first, scored.candidates.second, scored.scores, strict=True
        )
    }
    one_sentence, spread = by_pair[(0, 1)], by_pair[(1, 2)]
    off = score_story(articles, passages, dataclasses.replace(settings, sentence_share=0.0))
    spread_off = float(
        off.scores[
            list(zip(off.candidates.first, off.candidates.second, strict=True)).index((1, 2))
        ]
    )
    assert spread < spread_off
    assert one_sentence > spread


def test_importing_the_settings_loads_no_numeric_libraries() -> None:
    import subprocess
    import sys

    code = (
        "import sys, newscompare.core.align.aligner as a; a.AlignSettings();"
        "print(sorted(m for m in ('numpy', 'rapidfuzz') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _select(
    edges: list[tuple[int, int, float]], article_of: list[int], **change: float
) -> set[tuple[int, int]]:
    import numpy as np

    from newscompare.core.align.aligner import select_pairs

    first = np.asarray([a for a, _, _ in edges], dtype=np.int64)
    second = np.asarray([b for _, b, _ in edges], dtype=np.int64)
    score = np.asarray([s for _, _, s in edges], dtype=np.float64)
    settings = dataclasses.replace(AlignSettings(), **change)  # type: ignore[arg-type]
    kept = select_pairs(first, second, score, np.asarray(article_of, dtype=np.int64), settings)
    return {(edges[k][0], edges[k][1]) for k in kept.tolist()}


def test_selection_keeps_the_best_per_article_on_both_sides() -> None:
    # passage 0 (article 0) against passages 1, 2, 3 (all article 1)
    edges = [(0, 1, 0.9), (0, 2, 0.8), (0, 3, 0.7)]
    articles = [0, 1, 1, 1]
    assert _select(edges, articles, per_article=2, second_ratio=0.0) == {(0, 1), (0, 2)}
    assert _select(edges, articles, per_article=4, second_ratio=0.0) == set(edges_of(edges))
    # a second match far below the best is dropped
    assert _select([(0, 1, 0.9), (0, 2, 0.4)], [0, 1, 1], second_ratio=0.5) == {(0, 1)}
    # mutual: passage 2 (article 1) prefers passage 1 (article 0), so 0~2 goes
    mutual = [(0, 2, 0.6), (1, 2, 0.9)]
    assert _select(mutual, [0, 0, 1], per_article=1) == {(1, 2)}


def edges_of(edges: list[tuple[int, int, float]]) -> list[tuple[int, int]]:
    return [(a, b) for a, b, _ in edges]


def test_selection_caps_partners_across_the_story() -> None:
    # passage 0 matches one passage in each of four other articles
    edges = [(0, 1, 0.9), (0, 2, 0.8), (0, 3, 0.7), (0, 4, 0.6)]
    articles = [0, 1, 2, 3, 4]
    assert _select(edges, articles, max_partners=2) == {(0, 1), (0, 2)}
    assert _select(edges, articles, max_partners=10) == set(edges_of(edges))


def test_ignored_words_never_align() -> None:
    a = "Reuters and Associated Press reported the Minsk ceasefire talks collapsed."
    b = "Associated Press and Reuters said the Minsk ceasefire talks collapsed."
    articles, passages = make_story([a], [b])
    plain = score_story(articles, passages, AlignSettings())
    ignored = score_story(articles, passages, AlignSettings(ignore=("associated press", "reuters")))
    assert float(ignored.scores.max()) < float(plain.scores.max())
    words = {ignored.prepared.vocabulary[t] for row in ignored.prepared.tokens for t in row}
    assert not words & {"reuters", "associated", "press"}


def test_the_same_weekday_a_year_apart_is_weaker_evidence_than_the_same_day() -> None:
    line = "Iraq's foreign ministry announced on Thursday that talks in Erbil had ended."
    other = "On Thursday, talks in Erbil ended, Iraq's foreign ministry announced."
    articles, passages = make_story([line, FILLER[0]], [other, FILLER[1]], [other, FILLER[2]])
    dates = {"a1": "2021-07-27", "a2": "2021-07-30", "a3": "2022-07-26"}
    articles = [dataclasses.replace(a, date=dates[a.id]) for a in articles]

    def scores(story: list[Article]) -> dict[str, float]:
        pairs = align(story, passages, AlignSettings()).pairs
        return {p.b.split(":")[0]: p.score for p in pairs if p.a.startswith("a1:")}

    scored = scores(articles)
    plain = scores([dataclasses.replace(a, date=None) for a in articles])
    assert scored.get("a3", 0.0) < scored["a2"]  # a Thursday of 2022 is another day
    assert plain["a3"] == pytest.approx(plain["a2"])  # without dates nobody can tell


def test_dates_name_days_only_when_every_article_is_dated() -> None:
    line = "Iraq's foreign ministry announced on Thursday that talks in Erbil had ended."
    other = "On Thursday, talks in Erbil ended, Iraq's foreign ministry announced."
    articles, passages = make_story([line, FILLER[0]], [other, FILLER[1]], [other, FILLER[2]])
    dates = {"a1": "2021-07-27", "a2": None, "a3": "2022-07-26"}
    mixed = [dataclasses.replace(a, date=dates[a.id]) for a in articles]
    undated = [dataclasses.replace(a, date=None) for a in articles]

    def scores(story: list[Article]) -> list[float]:
        return [p.score for p in align(story, passages, AlignSettings()).pairs]

    # One undated article: its "Thursday" would meet no "@2021-07-22"; words are compared.
    assert scores(mixed) == scores(undated)
