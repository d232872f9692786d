"""Shortcuts taken for speed give exactly what the long way gives."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newscompare.cli import main
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
