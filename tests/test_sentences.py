"""Sentence splitting on news prose: abbreviations, initials, numbers, quotes, long sentences."""

from __future__ import annotations

import pytest

from newscompare.core.text.sentences import cap_length, split_sentences


def _split(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. military said 2,500. Then it changed.",
            ["The U.S. military said 2,500.", "Then it changed."],
        ),
        (
            "He met Lt. Gen. Qassem Soleimani in Jan. 2020. It was cold.",
            ["He met Lt. Gen. Qassem Soleimani in Jan. 2020.", "It was cold."],
        ),
        (
            "She lives in Rancho Mirage, Calif. where she was treated. Dr. Smith agreed.",
            ["She lives in Rancho Mirage, Calif. where she was treated.", "Dr. Smith agreed."],
        ),
        (
            "The meeting began at 10 a.m. The talks ended at 3 p.m. on Friday.",
            ["The meeting began at 10 a.m.", "The talks ended at 3 p.m. on Friday."],
        ),
        (
            "It ranked No. 5 in the list. Mr. Jones objected.",
            ["It ranked No. 5 in the list.", "Mr. Jones objected."],
        ),
        (
            "Photo by Robyn J. Haake shows it. The temperature was 25.9 degrees.",
            ["Photo by Robyn J. Haake shows it.", "The temperature was 25.9 degrees."],
        ),
        (
            "“We need information cooperation,” he added. We need air support.",
            ["“We need information cooperation,” he added.", "We need air support."],
        ),
        (
            "He said: “This is over.” The crowd cheered.",
            ["He said: “This is over.”", "The crowd cheered."],
        ),
        (
            'Is it over?" she asked. "No," he said.',
            ['Is it over?" she asked.', '"No," he said.'],
        ),
        ("He paused... Then he left.", ["He paused...", "Then he left."]),
        ("Wait… What happened?", ["Wait…", "What happened?"]),
        ("Troops left the U.S. The war ended.", ["Troops left the U.S.", "The war ended."]),
        (
            "They want U.S. forces out. U.N. officials disagree.",
            ["They want U.S. forces out.", "U.N. officials disagree."],
        ),
        (
            "The Nov. 30 escape by Arcade Joseph Comeaux Jr., a convicted rapist, ended.",
            ["The Nov. 30 escape by Arcade Joseph Comeaux Jr., a convicted rapist, ended."],
        ),
        (
            "The vote was 52-48. 12 senators abstained.",
            ["The vote was 52-48.", "12 senators abstained."],
        ),
        (
            "(This is an aside.) The next one follows.",
            ["(This is an aside.)", "The next one follows."],
        ),
        (
            "first reported by TMZ. com, prosecutors said.",
            ["first reported by TMZ. com, prosecutors said."],
        ),
        # A mis-decoded currency sign is not a question mark ending a sentence.
        ("a bailout worth? 110 billion was agreed.", ["a bailout worth? 110 billion was agreed."]),
        ("Why? Nobody knows.", ["Why?", "Nobody knows."]),
        (
            '"Murder is quite another!" Prime Minister George Papandreou thundered. He left.',
            ['"Murder is quite another!" Prime Minister George Papandreou thundered.', "He left."],
        ),
        ('"Why now?" Smith asked.', ['"Why now?" Smith asked.']),
        (
            '"Why now?" The question hung over the talks, said Smith.',
            ['"Why now?"', "The question hung over the talks, said Smith."],
        ),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert _split(text) == expected


def test_spans_exclude_surrounding_whitespace_and_cross_line_breaks() -> None:
    text = "  First sentence runs\nover a line break.   Second one.\n"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "First sentence runs\nover a line break.",
        "Second one.",
    ]


def test_split_respects_the_given_range() -> None:
    text = "Skip this. Keep this one. And this. Skip too."
    start = text.index("Keep")
    end = text.index(" Skip too")
    assert [text[s:e] for s, e in split_sentences(text, start, end)] == [
        "Keep this one.",
        "And this.",
    ]


def test_blank_text_has_no_sentences() -> None:
    assert split_sentences("   \n ") == []


def test_short_sentence_is_not_cut() -> None:
    text = "A short sentence; with a semicolon."
    assert cap_length(text, (0, len(text)), 600, 1000) == [(0, len(text))]


def test_long_sentence_is_cut_at_semicolons_first() -> None:
    clause = "the officials said that the talks would continue for several more weeks"
    text = "; ".join([clause] * 12) + "."
    pieces = cap_length(text, (0, len(text)), 300, 1000)
    assert len(pieces) > 1
    assert all(e - s <= 1000 for s, e in pieces)
    for _, e in pieces[:-1]:
        assert text[e - 1] == ";"
    # Nothing is lost between pieces except the whitespace at the cut.
    assert "".join(text[s:e] for s, e in pieces).replace(";", "; ").split() == text.split()


def test_sentence_without_breaks_is_still_capped() -> None:
    text = "x" * 2500
    pieces = cap_length(text, (0, len(text)), 600, 1000)
    assert all(e - s <= 1000 for s, e in pieces)
    assert "".join(text[s:e] for s, e in pieces) == text


def test_comma_cut_prefers_a_clause_conjunction() -> None:
    text = (
        "Officials from both countries met in the capital on Thursday to review the plan, " * 4
        + "and they agreed on nothing, which surprised the observers who had followed the talks."
    )
    pieces = cap_length(text, (0, len(text)), 250, 1000)
    assert [text[s:e].split()[0] for s, e in pieces] == ["Officials", "and"]
