"""The divergence stage's fast paths give exactly what the plain code they replace gives.

Each shortcut (dates tried only where a match can start, the name pre-checks, the spelling loop
in place of ``process.cdist``) is checked against the
straightforward computation on the project's real texts, on hand-made tricky strings and on
seeded random strings.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from newscompare.config import Config
from newscompare.core.diverge import compare as diverge
from newscompare.core.diverge import words as diverge_words
from newscompare.core.diverge.compare import compare
from newscompare.core.facts import dates, entities
from newscompare.core.facts import passage as facts_passage
from newscompare.core.pipeline import build_story, compare_all
from newscompare.core.text import words as wordalign

PROJECT = Path(__file__).resolve().parent.parent
REAL_LINES = [
    line
    for path in [
        *sorted((PROJECT / "articles").glob("*.md")),
        *sorted((PROJECT / "tests/data/gold/ecbplus-dev").glob("topic*/articles/*.txt")),
    ]
    for line in path.read_text(encoding="utf-8").splitlines()
    if line.strip()
]

TRICKY_DATES = [
    "blast July 26 they met",  # "last July 26" starts inside a word
    "pyramid January and xyesterday, atoday",
    "since May 3 and until March",
    "In March, by May, of March 2020",
    "at 9 am, 14:30 GMT and 8.30 p.m.",
    "Chicago, 3 years ago, two weeks ago",  # the branch that may start at any word
    "٣ July 2020 and 1٢ June",  # digits other than 0-9 are \d too
    "mid-January, early this year, the end of last year, later this month",
    "Saturday, 24 July, 2021 / Friday, September 20, 2024",
    "the past year, this week, next month",
    "In 2014 some 2000 soldiers; 2019 percent; $2020",
    "",
    "TODAY Today today",
]


def _date_spans(matches: object) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]  # type: ignore[attr-defined]


def _random_date_text(rng: random.Random) -> str:
    pieces = [
        "July", "26", "last", "this", "next", "blast", "May", "March", "in", "since", "2021",
        "years", "ago", "Thursday", "8:30", "p.m.", "am", "mid", "early", "the end of", "month",
        "today", "yesterday", "x", "of", "by", "until", "1999", "3", "31st", "Sept.", ",", "-",
    ]  # fmt: skip
    seps = [" ", "", ", ", "-", "  ", "\n", "."]
    return "".join(rng.choice(pieces) + rng.choice(seps) for _ in range(rng.randint(1, 12)))


def test_date_matches_equal_finditer_on_the_project_texts() -> None:
    for text in REAL_LINES:
        fast = _date_spans(dates._date_matches(text))
        assert fast == _date_spans(dates.DATE_RE.finditer(text)), text


@pytest.mark.parametrize("text", TRICKY_DATES)
def test_date_matches_equal_finditer(text: str) -> None:
    assert _date_spans(dates._date_matches(text)) == _date_spans(dates.DATE_RE.finditer(text))


def test_date_matches_equal_finditer_on_random_text() -> None:
    rng = random.Random(20261122)
    for _ in range(3000):
        text = _random_date_text(rng)
        fast = _date_spans(dates._date_matches(text))
        assert fast == _date_spans(dates.DATE_RE.finditer(text)), text


def test_title_check_never_hides_a_title() -> None:
    tricky = [
        "ſpokesman John Kirby said",  # ſ matches s when case is ignored
        "PRIME  MINISTER Mustafa al-Kadhimi met",
        "Gen. Frank McKenzie and general Joe",
        "the spokeswoman and then Speaker Nancy",
    ]
    titled = 0
    for text in [*REAL_LINES, *tricky]:
        if entities.TITLE_RE.search(text) is not None:
            titled += 1
            assert entities._TITLE_WORD.search(text) is not None, text
    assert titled > len(tricky)  # the project's texts hold titles too


def test_speaker_source_and_told_checks_never_hide_a_match() -> None:
    tricky = [
        "Kirby, the Pentagon spokesman, emphasized",
        "according to the Associated Press",
        "Reuters has reported",
        "He told The Associated Press",
    ]
    checks = [
        (entities.SPEAKER_RE, entities._SPEAKER_HINTS),
        (entities.SOURCE_RE, entities._SOURCE_HINTS),
        (entities.TOLD_RE, ("told",)),
    ]
    for pattern, hints in checks:
        matched = 0
        for text in [*REAL_LINES, *tricky]:
            if pattern.search(text) is not None:
                matched += 1
                assert any(hint in text for hint in hints), (pattern.pattern[:40], text)
        assert matched >= 1


def test_title_after_a_folded_letter_is_still_found() -> None:
    names = entities.extract_names("The ſpokesman John Kirby spoke.")
    assert [(n.text, n.role) for n in names] == [("John Kirby", "title:ſpokesman")]


def _mark_shared_with_cdist(a: list[str], b: list[str]) -> tuple[list[bool], list[bool], int]:
    """The former implementation, spelling variants scored with ``process.cdist``."""
    shared_a, shared_b = [False] * len(a), [False] * len(b)
    in_order = 0
    for op in Indel.opcodes(a, b):
        if op.tag == "equal":
            for k in range(op.src_end - op.src_start):
                shared_a[op.src_start + k] = shared_b[op.dest_start + k] = True
            in_order += op.src_end - op.src_start
    positions_b: dict[str, list[int]] = {}
    for j, w in enumerate(b):
        if not shared_b[j]:
            positions_b.setdefault(w, []).append(j)
    for i, w in enumerate(a):
        if not shared_a[i] and positions_b.get(w):
            shared_a[i] = True
            shared_b[positions_b[w].pop(0)] = True
    rest_a = [i for i, w in enumerate(a) if not shared_a[i] and wordalign.spellable(w)]
    rest_b = [j for j, w in enumerate(b) if not shared_b[j] and wordalign.spellable(w)]
    if rest_a and rest_b:
        scores = process.cdist(
            [a[i] for i in rest_a],
            [b[j] for j in rest_b],
            scorer=fuzz.ratio,
            score_cutoff=wordalign.SPELLING_MIN_RATIO,
        )
        rows, cols = scores.nonzero()
        for row, col in zip(rows.tolist(), cols.tolist(), strict=True):
            i, j = rest_a[row], rest_b[col]
            if not shared_a[i] and not shared_b[j]:
                shared_a[i] = shared_b[j] = True
    return shared_a, shared_b, in_order


def test_shared_words_match_the_cdist_implementation() -> None:
    vocabulary = [
        "kadhimi", "kadhemi", "kadhimy", "government", "governments", "governmant",
        "withdrawal", "withdrawl", "soldiers", "soldier", "2500", "25000", "12345", "12346",
        "the", "said", "paid", "emphasised", "emphasized", "troops", "iraq", "iraqi",
    ]  # fmt: skip
    rng = random.Random(7)
    for _ in range(2000):
        a = [rng.choice(vocabulary) for _ in range(rng.randint(0, 14))]
        b = [rng.choice(vocabulary) for _ in range(rng.randint(0, 14))]
        assert diverge_words._mark_shared(a, b) == _mark_shared_with_cdist(a, b), (a, b)


def test_detector_tokens_are_the_text_layers_words() -> None:
    from newscompare.core.text.tokens import words

    text = "The U.S. and USA, Iraq’s 2,500 ISIL fighters hit-and-run"
    assert [(t.start, t.end) for t in wordalign.tokenize(text)] == [
        (w.start, w.end) for w in words(text)
    ]
    assert [t.norm for t in wordalign.tokenize(text)][:4] == ["the", "us", "and", "us"]


def test_compare_all_matches_compare_pair_by_pair() -> None:
    config = Config()
    story = build_story([str(PROJECT / "articles")], config.settings)
    by_passage = {p.id: p for p in story.passages}
    by_article = {a.id: a for a in story.articles}
    # The story was built with the caches warm (the aligner reads passages through
    # ``passage_facts`` too); recompute every comparison from scratch.
    diverge.divergences.cache_clear()
    facts_passage.passage_facts.cache_clear()
    expected = tuple(
        compare(
            pair,
            by_passage[pair.a],
            by_passage[pair.b],
            by_article[by_passage[pair.a].article],
            by_article[by_passage[pair.b].article],
            config.settings.diverge,
        )
        for pair in story.alignment.pairs
    )
    assert story.comparisons == expected
    again = compare_all(story.articles, story.passages, story.alignment, config.settings.diverge)
    assert again == expected


def test_date_start_covers_every_branch_that_needs_no_ago() -> None:
    """Every branch of ``DATE_RE`` but the "ago" one begins where ``_DATE_START`` matches."""
    samples = [
        "Monday, 24 July 2021", "24 July 2021", "Friday, September 20, 2024", "January 2018",
        "last July 26", "26 July", "late January", "mid-June", "in May", "this year",
        "earlier this year", "later this month", "the end of next year", "yesterday", "today",
        "tomorrow", "tonight", "on Thursday", "8:30 p.m.", "14:00", "in 2014", "In March",
        "since March", "until May", "by March", "of May", "next month", "the past year",
    ]  # fmt: skip
    for text in samples:
        found = dates.DATE_RE.search(text)
        assert found is not None, text
        assert dates._DATE_START.match(text, found.start()) is not None, text
