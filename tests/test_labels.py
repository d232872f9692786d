"""Readable labels (``text.labels``): one line, whole when short, cut where a clause ends."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newscompare.core.text.labels import LABEL_CHARS, short_label


def test_a_short_sentence_is_kept_whole_on_one_line() -> None:
    assert short_label("Three killed as rioters\n bomb Greek bank") == (
        "Three killed as rioters bomb Greek bank"
    )


def test_a_long_sentence_is_cut_at_the_last_clause_punctuation_that_fits() -> None:
    text = (
        "A firebomb attack on a bank in Greece killed at least three people today, as police "
        "fought pitched battles with striking protesters furious at wage cuts"
    )
    label = short_label(text)
    assert label == "A firebomb attack on a bank in Greece killed at least three people today…"


def test_without_punctuation_the_cut_falls_before_a_clause_opening_word() -> None:
    text = (
        "Lindsay Lohan checked into the Betty Ford Center on Thursday after skipping out on "
        "a Newport Beach rehabilitation facility"
    )
    assert short_label(text) == "Lindsay Lohan checked into the Betty Ford Center on Thursday…"


def test_a_leading_dateline_is_not_the_label() -> None:
    text = "ERBIL, Kurdistan Region - Iraq's foreign ministry said on Thursday it reached a deal."
    assert short_label(text).startswith("Iraq's foreign ministry")


@given(st.text(min_size=0, max_size=400))
def test_any_text_gives_one_line_within_the_limit(text: str) -> None:
    label = short_label(text)
    assert len(label) <= LABEL_CHARS
    assert "\n" not in label
