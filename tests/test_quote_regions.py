"""Where a passage speaks in quoted words (``quotes.quoted_regions``, ``mostly_quoted``)."""

from __future__ import annotations

from newscompare.core.facts.quotes import mostly_quoted, quoted_regions


def test_paired_straight_and_curly_marks() -> None:
    text = 'He said "we will stay" and “they will go” today.'
    spans = [text[s:e] for s, e in quoted_regions(text)]
    assert spans == ["we will stay", "they will go"]


def test_an_opening_mark_that_never_closes_runs_to_the_end() -> None:
    text = '"And she showed up in the morning and hated it.'
    assert [text[s:e] for s, e in quoted_regions(text)] == [text[1:]]


def test_a_stray_closing_mark_opens_nothing() -> None:
    assert quoted_regions("it ended” and then nothing") == ()


def test_mostly_quoted_needs_half_the_span_inside_marks() -> None:
    text = 'He called it "a disaster" on Monday.'
    start = text.index("a disaster")
    assert mostly_quoted(text, start, start + len("a disaster"))
    assert not mostly_quoted(text, 0, len(text))
