"""Shortcuts taken for speed give exactly what the long way gives."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newscompare.core.diverge.words import compare_words, pair_relation
from newscompare.core.model.settings import Settings
from newscompare.core.pipeline import build_all
from newscompare.core.report import json_text, to_markdown

PROJECT = Path(__file__).resolve().parent.parent
WORDS = ["troops", "Iraq", "withdraw", "the", "U.S.", "2,500", "said", "on", "Monday", "troop"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30), st.lists(st.sampled_from(WORDS), max_size=30))
def test_relation_without_spans_is_the_relation_with_them(a: list[str], b: list[str]) -> None:
    text_a, text_b = " ".join(a), " ".join(b)
    assert pair_relation(text_a, text_b) == compare_words(text_a, text_b)[2]


def test_reports_are_the_same_without_word_spans() -> None:
    sources = [str(PROJECT / "articles")]
    full = build_all(sources, Settings())
    lean = build_all(sources, Settings(), word_spans=False)
    assert full.comparisons and all(c.a_words for c in full.comparisons)
    assert not any(c.a_words or c.b_words for c in lean.comparisons)
    assert json_text(lean) == json_text(full)
    assert to_markdown(lean) == to_markdown(full)
