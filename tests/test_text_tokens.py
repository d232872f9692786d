"""The text layer: one tokenizer with offsets, folding, lemmas, negation and compounds."""

from __future__ import annotations

import pytest

from newscompare.core.text.tokens import fold, lemma_of, words


def by_text(text: str) -> dict[str, tuple[str, str, bool]]:
    return {w.text: (w.norm, w.lemma, w.negated) for w in words(text)}


@pytest.mark.parametrize(
    ("word", "lemma"),
    [("struck", "strike"), ("strikes", "strike"), ("fled", "flee"), ("died", "die"),
     ("casualties", "casualty"), ("injuring", "injure"), ("stolen", "steal")],
)  # fmt: skip
def test_lemmas_meet_across_inflections(word: str, lemma: str) -> None:
    assert lemma_of(word) == lemma


def test_offsets_point_at_the_words() -> None:
    text = "Police said “2,500 soldiers” fled."
    for w in words(text):
        assert text[w.start : w.end] == w.text
    assert [w.norm for w in words(text)] == ["police", "said", "2500", "soldiers", "fled"]


def test_negation_covers_its_clause_only() -> None:
    found = by_text("There were no casualties, but five people were injured.")
    assert found["casualties"][2] is True
    assert found["injured"][2] is False and found["five"][2] is False
    assert by_text("He was not injured")["injured"][2] is True
    assert by_text("The army didn't withdraw 2,500 troops.")["troops"][2] is True


def test_compounds_split_and_name_articles_drop() -> None:
    assert [w.norm for w in words("a hit-and-run driver")] == ["a", "hit", "and", "run", "driver"]
    assert [w.text for w in words("said Al-Kadhimi")] == ["said", "Kadhimi"]
    assert [w.norm for w in words("the Taliban's leader")] == ["the", "taliban", "leader"]


def test_folding_joins_spellings() -> None:
    assert [w.norm for w in words("U.S. and US")] == ["us", "and", "us"]
    assert fold("it’s “here”") == 'it\'s "here"'
    assert by_text("don’t")["don’t"][0] == "dont"


def test_names_keep_their_form() -> None:
    """A capitalised word inside a sentence is a name: no lemmatiser turns Davies into davy."""
    found = by_text("The report by Davies was read")
    assert found["Davies"][1] == "davies"
    assert [w.proper for w in words("troops left Baghdad")] == [False, False, True]
