"""Every input bounded in time and memory, with a one-line reason and the rest still loading:
HTML extraction (markup size, time, memory), YAML aliases in front matter, config and the
annotations file, and settings that would overflow the layers below."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newscompare.config import ConfigError, parse_config
from newscompare.core.annotations.store import AnnotationStore
from newscompare.core.load.bounded import (
    IN_PROCESS_MARKUP,
    ExtractLimits,
    extract_bounded,
    without_noise,
)
from newscompare.core.load.html import extract_html
from newscompare.core.load.sources import load_sources
from newscompare.core.model.settings import LoadSettings
from test_safe_yaml import BILLION_LAUGHS

SENTENCE = "The minister said the troops would leave Iraq by September, officials confirmed."
GOOD = "\n\n".join([f"{SENTENCE} Paragraph {n}." for n in range(6)]) + "\n"


def page(body: str, head: str = "") -> str:
    return f"<html><head><title>T</title>{head}</head><body><article>{body}</article></body></html>"


def paragraphs(count: int) -> str:
    return "".join(f"<p>{SENTENCE} Paragraph {n} of the page.</p>" for n in range(count))


#: One paragraph of many spans: trafilatura is quadratic in it (2 MB took 115 s).
SPANS = page("<p>" + "".join(f"<span>word{n}</span> " for n in range(30_000)) + "</p>")


def _story(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_markup_over_max_html_bytes_is_refused_and_the_rest_loads(tmp_path: Path) -> None:
    folder = _story(tmp_path, "huge.html", page(paragraphs(3000)))
    settings = LoadSettings(max_html_bytes=100_000)
    articles, problems = load_sources([str(folder)], settings)
    assert [a.id for a in articles] == ["good"]
    (problem,) = problems
    assert problem.reason.startswith("the page has 0.3 MB of markup (scripts and styles aside)")
    assert problem.reason.endswith("loading.max_html_bytes is 100000")


def test_scripts_styles_and_comments_do_not_count(tmp_path: Path) -> None:
    noise = "<script>var x = '" + "x" * 400_000 + "';</script><style>p{}</style><!-- c -->"
    json_ld = '<script type="application/ld+json">{"datePublished": "2021-07-24"}</script>'
    html = page(paragraphs(8), head=noise + json_ld)
    assert len(without_noise(html)) < 10_000 and "ld+json" in without_noise(html)
    folder = _story(tmp_path, "page.html", html)
    articles, problems = load_sources([str(folder)], LoadSettings(max_html_bytes=100_000))
    assert problems == [] and len(articles) == 2


def test_a_page_that_takes_too_long_is_given_up(tmp_path: Path) -> None:
    folder = _story(tmp_path, "spans.html", SPANS)
    articles, problems = load_sources([str(folder)], LoadSettings(extract_timeout=0.5))
    assert [a.id for a in articles] == ["good"]
    assert [p.reason for p in problems] == [
        "extracting the page took more than 0.5 s (loading.extract_timeout)"
    ]


def test_a_page_that_needs_too_much_memory_is_given_up() -> None:
    """The child may map ``memory`` more than it inherits. Run from a fresh interpreter: a
    process that already freed a lot (this test run) leaves the child room to reuse."""
    code = (
        "from newscompare.core.load.bounded import ExtractFailure, ExtractLimits, extract_bounded\n"
        "html = '<html><body><article>' + ''.join(\n"
        "    f'<div><span>The minister said so, officials confirmed. {n}</span></div>'\n"
        "    for n in range(45_000)) + '</article></body></html>'\n"
        "try:\n"
        "    extract_bounded(html, None, ExtractLimits(5_000_000, 60.0, memory=60_000_000))\n"
        "except ExtractFailure as exc:\n"
        "    print(exc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout == "extracting the page needs more than 60.0 MB\n"


def test_a_large_page_extracted_in_a_child_gives_what_this_process_gives() -> None:
    html = page(paragraphs(1200))
    assert len(html) > IN_PROCESS_MARKUP  # so it goes through the forked child
    assert extract_bounded(html, None, ExtractLimits(5_000_000, 60.0)) == extract_html(html)


def test_an_alias_bomb_in_front_matter_is_a_warning_and_the_article_loads(tmp_path: Path) -> None:
    folder = _story(tmp_path, "bomb.md", f"---\n{BILLION_LAUGHS}---\n{GOOD}")
    articles, problems = load_sources([str(folder)], LoadSettings())
    assert sorted(a.id for a in articles) == ["bomb", "good"]
    (problem,) = problems
    assert not problem.fatal
    assert problem.reason.startswith("invalid front matter (aliases expand to more than")


def test_deep_front_matter_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    folder = _story(tmp_path, "deep.md", "---\ntitle: " + "[" * 50_000 + "\n---\n" + GOOD)
    articles, problems = load_sources([str(folder)], LoadSettings())
    assert len(articles) == 2
    assert [p.reason for p in problems] == [
        "invalid front matter at line 2 (nested more than 100 levels deep); loaded without metadata"
    ]


def test_an_alias_bomb_in_the_annotations_file_makes_it_read_only(tmp_path: Path) -> None:
    path = tmp_path / "annotations.yaml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    store = AnnotationStore.open(path)
    assert store.read_only and store.error is not None
    assert store.error.startswith(f"{path}: aliases expand to more than")
    assert path.read_text(encoding="utf-8") == BILLION_LAUGHS


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("loading:\n  timeout: 1.0e+300\n", "timeout must be more than 0 and at most 3600 seconds"),
        ("loading:\n  max_bytes: 99999999999999999999999999\n", "max_bytes must be from 1 to"),
        ("loading:\n  url_workers: 100000\n", "url_workers must be from 1 to 64"),
        ("loading:\n  extract_timeout: 0\n", "extract_timeout must be more than 0"),
    ],
)
def test_settings_that_would_overflow_below_are_refused(text: str, reason: str) -> None:
    """A timeout of 1e300 s or max_bytes of 1e26 ended in OverflowError inside the socket
    and file layers ("could not be read (OverflowError: ...)")."""
    with pytest.raises(ConfigError) as info:
        parse_config(text, source="c.yaml")
    assert str(info.value).startswith(f"c.yaml, line 2: loading: {reason}")
