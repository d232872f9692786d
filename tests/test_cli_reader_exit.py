"""The reader's exit status: 2 when nothing could be loaded (it was 0), with the reasons on
stderr once the screen is gone; 0 when articles loaded or the user quit during loading."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from console import console_script
from newscompare.cli import EXIT_OK, EXIT_USAGE, _reader_outcome
from newscompare.core.model.story import Article, LoadProblem, Story

BROKEN = LoadProblem("articles/broken.md", "the file is empty")


def test_outcome_of_each_way_the_reader_can_close(capsys: pytest.CaptureFixture[str]) -> None:
    article = Article("a", "a.md", "A", "", "Text.")
    assert _reader_outcome(Story(articles=(article,), problems=(BROKEN,)), "") == EXIT_OK
    assert _reader_outcome(None, "") == EXIT_OK  # quit before the story was built
    assert capsys.readouterr().err == ""
    assert _reader_outcome(Story(problems=(BROKEN,)), "") == EXIT_USAGE
    assert capsys.readouterr().err == (
        "newscompare: articles/broken.md: the file is empty\n"
        "newscompare: no articles could be loaded\n"
    )
    assert _reader_outcome(None, "passages.caption_patterns: the pattern ...") == EXIT_USAGE
    assert capsys.readouterr().err == "newscompare: passages.caption_patterns: the pattern ...\n"


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
def test_the_console_script_exits_2_when_nothing_loads(tmp_path: Path) -> None:
    from test_console_pty import Terminal

    script = console_script()
    if script is None:
        pytest.skip("the newscompare console script is not installed (pip install -e .)")
    (tmp_path / "empty.md").write_text("", "utf-8")
    term = Terminal([script, str(tmp_path / "empty.md")])
    try:
        assert term.read_until("no articles could be loaded"), term.text[-2000:]
        term.press("q")
        assert term.wait() == EXIT_USAGE
        assert "newscompare: no articles could be loaded" in term.text
    finally:
        term.close()
