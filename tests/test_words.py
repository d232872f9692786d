"""Word-level spans (shared / only) and the relation of a pair (copied / partial / paraphrase)."""

from __future__ import annotations

from newscompare.core.diverge.words import compare_words
from newscompare.core.model.story import WordSpan
from newscompare.core.text.words import same_word, tokenize


def tagged(text: str, spans: tuple[WordSpan, ...], tag: str) -> list[str]:
    return [text[s.start : s.end] for s in spans if s.tag == tag]


def test_tokens_keep_offsets_and_fold_noise() -> None:
    text = "The U.S. has 2,500 soldiers’ and Iraq’s support"
    tokens = tokenize(text)
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert [t.norm for t in tokens] == [
        "the",
        "us",
        "has",
        "2500",
        "soldiers",
        "and",
        "iraq",
        "support",
    ]


def norm(word: str) -> str:
    (token,) = tokenize(word)
    return token.norm


def test_spelling_noise_folds_to_one_form() -> None:
    assert norm("US") == norm("U.S.") == norm("USA") == "us"
    assert norm("2,500") == norm("2500")
    assert norm("Iraq's") == norm("Iraq’s") == "iraq"


def test_same_word_tolerates_spelling_variants_of_long_words() -> None:
    assert same_word("emphasised", "emphasized")
    assert same_word("kadhimi", "kadhemi")
    assert not same_word("said", "paid")
    assert not same_word("2500", "2600")


def test_only_words_are_exactly_the_differing_ones() -> None:
    a = "The US has around 2,500 soldiers stationed in Iraq."
    b = "The US has around 3,000 soldiers stationed in Iraq."
    words_a, words_b, relation = compare_words(a, b)
    assert tagged(a, words_a, "only") == ["2,500"]
    assert tagged(b, words_b, "only") == ["3,000"]
    assert relation == "copied"
    assert len(words_a) == len(tokenize(a))


def test_copied_ignores_spelling_and_punctuation() -> None:
    a = "U.S. forces, the ministry said, will leave Iraq by the end of this year."
    b = "US forces the ministry said will leave Iraq by the end of this year"
    words_a, words_b, relation = compare_words(a, b)
    assert relation == "copied"
    assert tagged(a, words_a, "only") == []
    assert tagged(b, words_b, "only") == []


def test_reordered_words_are_shared_but_not_copied() -> None:
    a = "Baghdad and Washington agreed on Monday to end the combat mission"
    b = "To end the combat mission, Washington and Baghdad agreed on Monday"
    words_a, words_b, relation = compare_words(a, b)
    assert tagged(a, words_a, "only") == []
    assert tagged(b, words_b, "only") == []
    assert relation == "paraphrase"


def test_partial_when_one_side_is_contained_in_a_much_longer_one() -> None:
    a = "US combat troops must leave Iraq by the end of this year"
    b = (
        "The Iraqi election comes as the former Iraqi government agrees with the United "
        "States that US combat troops must leave Iraq by the end of this year, officials said."
    )
    _, words_b, relation = compare_words(a, b)
    assert relation == "partial"
    assert "election" in tagged(b, words_b, "only")


def test_paraphrase_for_different_wording() -> None:
    a = "Iraqi militia groups aligned with Iran have repeatedly called for the withdrawal"
    b = "the Iraqi hardline factions loyal to Iran, who want the withdrawal of all US forces"
    words_a, _, relation = compare_words(a, b)
    assert relation == "paraphrase"
    assert tagged(a, words_a, "only") == [
        "militia",
        "groups",
        "aligned",
        "with",
        "have",
        "repeatedly",
        "called",
        "for",
    ]


def test_empty_passage() -> None:
    assert compare_words("", "some words") == (
        (),
        tuple(WordSpan(s, e, "only") for s, e in ((0, 4), (5, 10))),
        "paraphrase",
    )
