"""Text preparation: folding, numbers, acronyms, stop words, aliases, morphology, weights."""

from __future__ import annotations

import math
from typing import Any

import pytest

from newscompare.core.align.prepare import (
    _alias_lookup,
    apply_aliases,
    cluster_vocabulary,
    df_ceiling,
    prepare_story,
    raw_tokens,
    same_word,
    tokens_with_stop_words,
)
from newscompare.core.lexicons.aliases import BUILTIN_ALIASES, merge_aliases


def norms(text: str) -> list[str]:
    return [t.norm for t in raw_tokens(text)]


def aliased(text: str, aliases: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    lookup = _alias_lookup(BUILTIN_ALIASES if aliases is None else aliases)
    longest = max(len(k) for k in lookup)
    return [t.norm for t in apply_aliases(raw_tokens(text), lookup, longest)]


def anchors(text: str) -> dict[str, bool]:
    return {t.norm: t.anchor for t in raw_tokens(text)}


def test_case_and_punctuation_are_folded() -> None:
    assert norms("Troops WITHDRAW, troops withdraw!") == ["troop", "withdraw"] * 2


def test_curly_quotes_fold_to_straight_ones() -> None:
    assert norms("Iraq’s “fighters”") == norms('Iraq\'s "fighters"')


def test_thousands_separator_is_ignored() -> None:
    assert norms("2,500 soldiers") == norms("2500 soldiers") == ["2500", "soldier"]


def test_decimals_and_ordinals() -> None:
    assert norms("5.4 per cent on the 2nd day") == ["5.4", "per", "cent", "2", "day"]


def test_us_abbreviation_equals_acronym_after_aliases() -> None:
    assert aliased("U.S. forces") == aliased("US forces") == ["us", "troops"]


def test_pronoun_us_is_a_stop_word_but_acronym_is_not() -> None:
    assert norms("show us more") == ["show"]
    assert norms("the US said") == ["us"]


def test_stop_words_are_removed() -> None:
    assert norms("It was said that the troops would have left") == ["troop", "left"]


def test_capitalised_month_survives_even_when_a_stop_word() -> None:
    assert "may" in norms("On May 2 she left")
    assert "may" not in norms("she may leave")


def test_name_article_prefix_is_dropped() -> None:
    assert norms("Mustafa Al-Kadhimi") == ["mustafa", "kadhimi"]


def test_short_hyphen_prefix_joins_and_long_parts_split() -> None:
    assert norms("re-hired") == ["rehire"]
    assert norms("counter-terrorism") == ["counter", "terrorism"]
    assert norms("US-led coalition") == ["us", "lead", "coalition"]


def test_possessive_is_dropped() -> None:
    assert norms("parliament's vote") == ["parliament", "vote"]


def test_anchor_numbers_names_quotes_months() -> None:
    marks = anchors('Lohan met "attorneys" in January and paid 500 dollars')
    assert marks["lohan"] is False  # first word of the passage: capital says nothing
    assert marks["attorney"] is True  # quoted
    assert marks["january"] is True
    assert marks["500"] is True
    assert marks["dollar"] is False


def test_capitalised_word_inside_sentence_is_an_anchor() -> None:
    assert anchors("The actress hired Shawn Holley")["holley"] is True


def test_title_case_headline_has_no_name_anchors() -> None:
    marks = anchors("Lindsay Lohan Checks Into Betty Ford Clinic, Rehires Attorney")
    assert not any(marks.values())


def test_aliases_map_words_and_phrases_to_canonical_form() -> None:
    assert aliased("American soldiers") == ["us", "troops"]
    assert aliased("the United States and Washington") == ["us", "us"]
    assert aliased("Iraqi lawmakers") == ["iraqi", "parliament"]


def test_longest_alias_phrase_wins() -> None:
    table: dict[str, tuple[str, ...]] = {"un": ("united nations",), "nations": ("countries",)}
    assert aliased("United Nations", table) == ["un"]


def test_user_aliases_extend_builtin_table() -> None:
    merged = merge_aliases(BUILTIN_ALIASES, {"us": ("yankees",), "baghdad": ("iraqi government",)})
    assert "american" in merged["us"] and "yankees" in merged["us"]
    assert aliased("Iraqi government", merged) == ["baghdad"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("iraq", "iraqi"),
        ("withdraw", "withdrawal"),
        ("rehires", "rehired"),
        ("checked", "checking"),
        ("countries", "country"),
        ("fighters", "fight"),
    ],
)
def test_word_forms_are_the_same_word(a: str, b: str) -> None:
    assert same_word(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("part", "partner"),
        ("press", "pressure"),
        ("international", "interview"),
        ("state", "statement"),
        ("2500", "25000"),
        ("war", "wars"),
    ],
)
def test_different_words_stay_apart(a: str, b: str) -> None:
    assert not same_word(a, b)


def test_cluster_vocabulary_merges_forms_and_spellings() -> None:
    canon = cluster_vocabulary(
        ["iraq", "iraqi", "iraqis", "kadhimi", "kadhemi", "withdraw", "withdrawal", "partner"],
        ratio=85.0,
    )
    assert canon["iraq"] == canon["iraqi"] == canon["iraqis"]
    assert canon["kadhimi"] == canon["kadhemi"]
    assert canon["withdraw"] == canon["withdrawal"]
    assert canon["partner"] == "partner"


def test_cluster_canonical_form_is_the_shortest() -> None:
    canon = cluster_vocabulary(["withdrawal", "withdraw", "withdrawals"], ratio=88.0)
    assert set(canon.values()) == {"withdraw"}


def _prepare(texts: list[str], **overrides: float) -> object:
    params: dict[str, float] = {
        "anchor_weight": 1.0,
        "fuzzy_ratio": 88.0,
        "ceiling_minimum": 200.0,
        "ceiling_scale": 4.0,
    }
    params.update(overrides)
    return prepare_story(texts, BUILTIN_ALIASES, **params)  # type: ignore[arg-type]


def test_prepare_story_shares_token_ids_across_forms() -> None:
    prepared = _prepare(["The Iraqi withdrawal", "Iraq will withdraw"])
    first, second = prepared.tokens  # type: ignore[attr-defined]
    assert set(first) == set(second)


def test_rare_tokens_weigh_more_than_common_ones() -> None:
    texts = ["Lohan rehab Holley", "Lohan rehab court", "Lohan rehab Betty", "Lohan jail"]
    prepared = _prepare(texts)
    vocab = prepared.vocabulary  # type: ignore[attr-defined]
    row = dict(zip((vocab[t] for t in prepared.tokens[0]), prepared.weights[0], strict=True))  # type: ignore[attr-defined]
    assert row["holley"] > row["rehab"] > row["lohan"] > 0.0
    assert row["holley"] == pytest.approx(math.log1p(4 / 1))


def test_anchor_weight_multiplies_anchor_tokens() -> None:
    texts = ["the troops met spokesman Kirby", "spokesman Kirby spoke", "troops left"]
    plain = _prepare(texts, anchor_weight=1.0)
    boosted = _prepare(texts, anchor_weight=2.0)
    assert boosted.weights[0][-1] == pytest.approx(2 * plain.weights[0][-1])  # type: ignore[attr-defined]
    assert boosted.weights[0][0] == pytest.approx(plain.weights[0][0])  # type: ignore[attr-defined]


def test_tokens_above_the_ceiling_weigh_nothing() -> None:
    texts = [f"common word{i}" for i in range(10)]
    prepared = _prepare(texts, ceiling_minimum=5.0, ceiling_scale=0.0)
    common = prepared.vocabulary.index("common")  # type: ignore[attr-defined]
    assert prepared.weights[0][prepared.tokens[0].index(common)] == 0.0  # type: ignore[attr-defined]


def test_ceiling_grows_with_square_root_of_passages() -> None:
    assert df_ceiling(100, 200.0, 4.0) == 200.0
    assert df_ceiling(10_000, 200.0, 4.0) == 400.0


def test_quoted_words_take_the_quote_weight() -> None:
    texts = ['he said "ceasefire now" today', "ceasefire talks today", "nothing here"]
    params: dict[str, Any] = {"anchor_weight": 1.0, "fuzzy_ratio": 88.0, "ceiling_minimum": 200.0}
    plain = prepare_story(texts, {}, ceiling_scale=4.0, quote_weight=1.0, **params)
    quoted = prepare_story(texts, {}, ceiling_scale=4.0, quote_weight=3.0, **params)
    ceasefire = plain.vocabulary.index("ceasefire")
    k = plain.tokens[0].index(ceasefire)
    assert quoted.weights[0][k] == pytest.approx(3.0 * plain.weights[0][k])
    assert quoted.weights[1] == plain.weights[1]  # unquoted elsewhere: unchanged


def test_repeated_texts_are_prepared_identically() -> None:
    prepared = _prepare(["Holley rehired by Lohan", "other words", "Holley rehired by Lohan"])
    assert prepared.tokens[0] == prepared.tokens[2]  # type: ignore[attr-defined]
    assert prepared.weights[0] == prepared.weights[2]  # type: ignore[attr-defined]


# --- event lexicon, phrases over stop words, inflections, sentences ---------------------------


def event_aliased(text: str) -> list[str]:
    from newscompare.core.lexicons.aliases import BUILTIN_EVENTS

    lookup = _alias_lookup(merge_aliases(BUILTIN_ALIASES, BUILTIN_EVENTS))
    longest = max(len(k) for k in lookup)
    return [t.norm for t in apply_aliases(tokens_with_stop_words(text), lookup, longest)]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Three people died in the blast", "The explosion killed three people"),
        ("Militias called for a withdrawal", "Factions demanded that troops pull out"),
        ("Rioters hurled petrol bombs", "Rioters threw Molotov cocktails"),
        ("The inmate ran away", "The prisoner escaped"),
        ("Parliament passed a resolution", "Lawmakers voted"),
        ("Fighters of Islamic State", "ISIS militants"),
    ],
)
def test_event_synonyms_and_aliases_meet_on_one_token(a: str, b: str) -> None:
    shared = set(event_aliased(a)) & set(event_aliased(b))
    assert shared - {"three", "people", "rioters", "hurled", "threw"}, (a, b)


def test_alias_phrases_may_span_stop_words_but_a_lone_stop_word_never_matches() -> None:
    assert event_aliased("They called for talks") == ["demand", "talks"]
    assert event_aliased("The troops will pull out") == ["troops", "withdraw"]
    assert "us" not in event_aliased("They told us nothing")
    assert "us" in event_aliased("The US left")


def test_stop_words_stay_out_of_raw_tokens() -> None:
    flagged = {t.norm for t in tokens_with_stop_words("They called for the withdrawal") if t.stop}
    assert {"they", "for", "the"} <= flagged
    assert norms("They called for the withdrawal") == ["call", "withdrawal"]


@pytest.mark.parametrize(("a", "b"), [("pulls", "pulled"), ("stole", "stoles"), ("fires", "fired")])
def test_short_stems_join_when_both_endings_are_inflections(a: str, b: str) -> None:
    assert same_word(a, b)


def test_tokens_know_their_sentence() -> None:
    tokens = tokens_with_stop_words('Troops left Erbil. "Talks failed," he said! Dr. Smith 2.5 km.')
    by_word = {t.norm: t.sentence for t in tokens}
    assert by_word["troop"] == by_word["erbil"] == 0
    assert by_word["talk"] == by_word["fail"] == 1
    assert by_word["smith"] == by_word["2.5"] == 2


def test_prepare_story_lists_sentences_of_multi_sentence_passages_only() -> None:
    prepared = prepare_story(
        ["Troops left Erbil. Talks failed in Baghdad.", "Troops left Erbil on Monday."],
        BUILTIN_ALIASES,
        anchor_weight=1.0,
        fuzzy_ratio=88.0,
        ceiling_minimum=200.0,
        ceiling_scale=4.0,
    )
    first, second = prepared.sentences
    assert len(first) == 2 and second == ()
    words = [{prepared.vocabulary[t] for t in s} for s in first]
    assert "talk" in words[1] and "talk" not in words[0]


def test_event_words_weigh_more() -> None:
    texts = ["The guard escaped near the river", "A guard escaped near the lake"]
    params: dict[str, Any] = {"anchor_weight": 1.0, "fuzzy_ratio": 88.0, "ceiling_minimum": 200.0}
    plain = prepare_story(texts, {}, ceiling_scale=4.0, **params)
    boosted = prepare_story(
        texts, {}, ceiling_scale=4.0, event_words=frozenset({"escape"}), event_weight=2.0, **params
    )
    index = plain.vocabulary.index("escape")
    row = plain.tokens[0].index(index)
    assert boosted.weights[0][row] == pytest.approx(2.0 * plain.weights[0][row])
    guard = plain.tokens[0].index(plain.vocabulary.index("guard"))
    assert boosted.weights[0][guard] == pytest.approx(plain.weights[0][guard])


def test_alias_tables_come_from_the_data_files_without_story_phrases() -> None:
    from newscompare.core.lexicons.aliases import BUILTIN_ALIASES, BUILTIN_EVENTS

    assert "died" in BUILTIN_EVENTS["killed"] and "american" in BUILTIN_ALIASES["us"]
    phrases = {
        w for table in (BUILTIN_ALIASES, BUILTIN_EVENTS) for ws in table.values() for w in ws
    }
    # phrases once taken from evaluation articles are gone (issue 12, point 2)
    assert not {"ushered to safety", "pulled a gun", "petrol bombs", "on the run"} & phrases


# --- the one text layer ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("A missile struck the base", "Missile strikes on the base"),
        ("Residents fled the town", "Residents flee the town"),
        ("Two people died", "Two people die every day"),
    ],
)
def test_inflections_meet_on_one_lemma(a: str, b: str) -> None:
    assert (set(norms(a)) & set(norms(b))) - {"missile", "base", "residents", "town", "two"}


def test_alignment_reads_words_through_the_text_layer() -> None:
    from newscompare.core.text.tokens import words

    text = "Al-Kadhimi's aides re-hired 2,500 U.S. guards"
    assert [t.surface for t in tokens_with_stop_words(text)] == [w.text for w in words(text)]


def test_acronyms_and_names_keep_their_form_but_aliases_match_lemmas() -> None:
    assert "us" in aliased("Americans watched as US troops left")
    assert norms("They met Davies") == ["meet", "davies"]  # a name is not lemmatised ("davy")


# --- dates resolved against the article's date --------------------------------------------------


def dated(text: str, date: str | None) -> set[str]:
    return {t.norm for t in tokens_with_stop_words(text, date) if not t.stop}


def test_two_thursdays_a_year_apart_are_different_words() -> None:
    assert dated("The ministry spoke on Thursday", "2021-07-27") == {
        "ministry",
        "speak",
        "@2021-07-22",
    }
    assert "@2022-07-21" in dated("The ministry spoke on Thursday", "2022-07-26")


def test_a_weekday_meets_the_date_it_names() -> None:
    weekday = dated("Talks ended on Thursday", "2021-07-27")
    named = dated("Talks ended on July 22", "2021-07-30")
    assert "@2021-07-22" in weekday & named


def test_without_an_article_date_a_date_stays_as_written() -> None:
    assert "thursday" in dated("Talks ended on Thursday", None)


def test_resolved_dates_are_never_merged_as_spelling_variants() -> None:
    prepared = prepare_story(
        ["Talks ended on Thursday", "Talks ended on Thursday"],
        {},
        anchor_weight=1.0,
        fuzzy_ratio=80.0,
        ceiling_minimum=200.0,
        ceiling_scale=4.0,
        article_dates=["2021-07-27", "2021-08-03"],
    )
    assert {"@2021-07-22", "@2021-07-29"} <= set(prepared.vocabulary)
