"""Shortcuts taken for speed give exactly what the long way gives."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newscompare.cli import main
from newscompare.core.align.stories import _cohesive_pair, average_linkage
from newscompare.core.diverge.words import compare_words, pair_relation
from newscompare.core.model.index import StoryIndex
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


def test_console_script_exits_at_once_with_everything_written(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``python -m newscompare align`` ends with ``os._exit``: its output is complete and its
    status kept (an error too), and equals what the in-process call prints."""
    assert main(["align", "--format", "json", str(PROJECT / "articles")]) == 0
    expected = capsys.readouterr().out
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "newscompare",
            "align",
            "--format",
            "json",
            str(PROJECT / "articles"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0 and run.stdout == expected
    missing = subprocess.run(
        [sys.executable, "-m", "newscompare", "align", str(PROJECT / "no-such-folder")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert missing.returncode == 2 and "no articles could be loaded" in missing.stderr


def _full_search_linkage(sims: np.ndarray, threshold: float) -> list[list[int]]:
    """Average linkage as it was written first: the whole matrix searched at every merge
    (with the same cohesion rule below the threshold, ``stories._cohesive_pair``)."""
    n = sims.shape[0]
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    if n < 2:
        return list(members.values())
    total = sims.astype(np.float64).copy()
    inner = np.zeros(n, dtype=np.float64)
    size = np.ones(n, dtype=np.float64)
    alive = np.ones(n, dtype=bool)
    mean = total.copy()
    np.fill_diagonal(mean, -np.inf)
    while True:
        a, b = divmod(int(np.argmax(mean)), n)
        if mean[a, b] < threshold:
            a, b = _cohesive_pair(mean, inner, size)
            if a < 0:
                break
        inner[a] += inner[b] + total[a, b]
        total[a, :] += total[b, :]
        total[:, a] = total[a, :]
        size[a] += size[b]
        alive[b] = False
        members[a].extend(members.pop(b))
        mean[b, :] = -np.inf
        mean[:, b] = -np.inf
        row = np.where(alive, total[a, :] / (size[a] * size), -np.inf)
        row[a] = -np.inf
        mean[a, :] = row
        mean[:, a] = row
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def test_linkage_with_row_maxima_merges_as_the_full_search() -> None:
    rng = np.random.default_rng(3)
    for trial in range(200):
        n = int(rng.integers(1, 30))
        m = rng.random((n, n))
        if trial % 2:
            m = np.round(m * 4) / 4  # many ties: the first in row-major order must win
        if trial % 3 == 0:
            m[rng.random((n, n)) < 0.5] = 0.0
        m = (m + m.T) / 2
        np.fill_diagonal(m, 0.0)
        for threshold in (0.1, 0.3, 0.5, 0.9):
            assert average_linkage(m, threshold) == _full_search_linkage(m, threshold)


def test_omissions_per_story_are_all_groups_checked() -> None:
    sources = [str(PROJECT / "articles")] + [
        str(PROJECT / "tests" / "data" / "gold" / "ecbplus-dev" / t / "articles")
        for t in ("topic1", "topic3")
    ]
    story = build_all(sources, Settings())
    index = StoryIndex(story)
    groups = story.alignment.groups
    expected = {
        a.id: tuple(
            g.id
            for g in groups
            if a.id not in {index.passages[p].article for p in g.passages}
            and index.part_of.get(index.passages[g.passages[0]].article) is index.part_of.get(a.id)
        )
        for a in story.articles
    }
    assert len(story.parts) > 1 and any(expected.values())
    assert index.omitted_groups() == expected


def _mixed_sources() -> list[str]:
    return [str(PROJECT / "articles")] + [
        str(PROJECT / "tests" / "data" / "gold" / "ecbplus-dev" / t / "articles")
        for t in ("topic1", "topic3")
    ]


def test_passages_cut_on_both_cores_are_the_passages_cut_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newscompare.core import pipeline
    from newscompare.core.load.sources import load_sources

    settings = Settings()
    articles, _ = load_sources(_mixed_sources(), settings.loading, settings.overrides())
    assert len(articles) > 4
    here = pipeline.segment_all(articles, settings.passages)
    monkeypatch.setenv("NEWSCOMPARE_WORKERS", "2")
    monkeypatch.setattr(pipeline, "SEGMENT_PARALLEL", 2)
    told: list[tuple[str, int, int]] = []
    both = pipeline.segment_all(
        articles, settings.passages, lambda *a: told.append((a[0], a[1], a[2]))
    )
    assert both == here
    assert told[-1] == ("passages", len(articles), len(articles))


def test_coverage_walks_exactly_the_articles_of_the_events_story() -> None:
    from newscompare.core.align.timeline import coverage_in

    story = build_all(_mixed_sources(), Settings())
    index = StoryIndex(story)
    assert len(story.parts) > 1
    for group in story.alignment.groups:
        part = index.part_of.get(index.passages[group.passages[0]].article)
        expected = [a.id for a in story.articles if index.part_of.get(a.id) is part]
        assert list(coverage_in(index, group, None)) == expected


def test_events_dated_per_story_give_the_whole_story_timeline() -> None:
    from newscompare.core.align.timeline import timeline

    story = build_all(_mixed_sources(), Settings())
    assert len(story.parts) > 1 and any(t.date for t in story.timeline)
    assert story.timeline == timeline(story)  # computed again over the whole story


def test_facts_read_on_the_second_core_give_the_same_alignment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The passages' facts read in a forked child while this process scores the words are
    handed over (this process extracts no figure itself) and align exactly as one core."""
    from newscompare.core.align import aligner
    from newscompare.core.facts import passage, quantities
    from newscompare.core.load.sources import load_sources
    from newscompare.core.model.caches import new_story
    from newscompare.core.pipeline import segment_all

    settings = Settings()
    articles, _ = load_sources([str(PROJECT / "articles")], settings.loading, settings.overrides())
    passages = segment_all(articles, settings.passages)
    monkeypatch.setenv("NEWSCOMPARE_WORKERS", "1")
    new_story()
    here = aligner.align(articles, passages, settings.align)
    monkeypatch.setenv("NEWSCOMPARE_WORKERS", "2")
    monkeypatch.setattr(aligner, "READ_AHEAD", 1)
    extracted: list[str] = []
    original = quantities.extract_quantities

    def counting(text: str, mask: tuple[tuple[int, int], ...] = ()) -> object:
        extracted.append(text)
        return original(text, mask)

    monkeypatch.setattr(quantities, "extract_quantities", counting)
    new_story()
    both = aligner.align(articles, passages, settings.align)
    assert both == here and here.pairs
    assert extracted == []  # every figure was read in the child
    assert passage.passage_facts.cache_info().currsize > 0
