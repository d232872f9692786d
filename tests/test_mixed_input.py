"""A folder of mixed articles: the pipeline aligns each story on its own, ``align`` reports
every story (JSON ``stories``, one Markdown section per story) and names the articles that
share no story with the reason."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newscompare.cli import main
from newscompare.core.model.settings import Settings
from newscompare.core.pipeline import build_all, build_story

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "data" / "gold" / "ecbplus-dev"


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two five-article stories (topic 8, topic 1) and one article on a third story."""
    folder = tmp_path_factory.mktemp("mixed")
    for source in (DEV / "topic8" / "articles", DEV / "topic1" / "articles"):
        for f in source.iterdir():
            shutil.copy(f, folder / f.name)
    shutil.copy(ROOT / "articles" / "01-rudaw.md", folder / "01-rudaw.md")
    return folder


def _topic(article_id: str) -> str:
    return article_id.split("-")[0]


def test_the_reader_story_is_the_largest_part_and_aligns_nothing_else(mixed: Path) -> None:
    story = build_story([str(mixed)], Settings())
    assert story.collection is not None and len(story.collection.articles) == 11
    assert story.parts == (story.collection.parts[0].id,)
    assert len(story.articles) == 5
    assert len({_topic(a.id) for a in story.articles}) == 1
    shown = {a.id for a in story.articles}
    assert all(p.article in shown for p in story.passages)
    # Another part, from the same collection without loading again.
    stages: list[str] = []
    other = build_story(
        [str(mixed)],
        Settings(),
        lambda stage, done, total: stages.append(stage),
        reuse=story,
        part=story.collection.parts[1].id,
    )
    assert "load" not in stages
    assert {a.id for a in other.articles}.isdisjoint(shown) and len(other.articles) == 5
    assert other.alignment.pairs and other.parts == (story.collection.parts[1].id,)
    # Re-aligning a part (reuse, no part named) keeps that part.
    again = build_story([str(mixed)], Settings(), reuse=other)
    assert again.parts == other.parts and again.alignment == other.alignment


def test_no_pair_or_event_crosses_two_stories(mixed: Path) -> None:
    story = build_all([str(mixed)], Settings())
    article_of = {p.id: p.article for p in story.passages}
    assert story.alignment.pairs
    for pair in story.alignment.pairs:
        assert _topic(article_of[pair.a]) == _topic(article_of[pair.b])
    for group in story.alignment.groups:
        assert len({_topic(article_of[pid]) for pid in group.passages}) == 1
    ids = [g.id for g in story.alignment.groups]
    assert ids == [f"e{n}" for n in range(1, len(ids) + 1)]  # numbered on across stories
    # Each story aligned alone gives the same pairs as in the combined report.
    assert story.collection is not None
    for part in story.collection.parts:
        alone = build_story([str(mixed)], Settings(), reuse=story, part=part.id)
        assert set(alone.alignment.pairs) <= set(story.alignment.pairs)


def test_align_json_lists_each_story_and_the_lone_article(
    mixed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["align", "--format", "json", str(mixed)]) == 0
    report = json.loads(capsys.readouterr().out)
    stories = report["stories"]
    assert [len(s["articles"]) for s in stories] == [5, 5, 1]
    assert all(set(s) == {"id", "label", "articles", "groups", "reason"} for s in stories)
    assert sorted(g for s in stories for g in s["groups"]) == sorted(
        g["id"] for g in report["groups"]
    )
    lone = stories[2]
    assert lone["articles"] == ["01-rudaw"] and lone["groups"] == []
    assert lone["reason"].startswith("shares no story with the others")
    # An article's omissions are events of its own story only.
    groups_of = {a: set(s["groups"]) for s in stories for a in s["articles"]}
    for article in report["articles"]:
        assert set(article["omits"]) <= groups_of[article["id"]]
    assert not next(a for a in report["articles"] if a["id"] == "01-rudaw")["omits"]
    # The timeline holds every event once, each with its own story and only that story's
    # articles (another story's articles neither report nor omit it).
    assert sorted(t["group"] for t in report["timeline"]) == sorted(
        g["id"] for g in report["groups"]
    )
    story_of = {g: s["id"] for s in stories for g in s["groups"]}
    members = {s["id"]: s["articles"] for s in stories}
    for event in report["timeline"]:
        assert event["story"] == story_of[event["group"]]
        assert [a["article"] for a in event["articles"]] == members[event["story"]]


def test_align_markdown_has_one_section_per_story(
    mixed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["align", "--format", "markdown", str(mixed)]) == 0
    text = capsys.readouterr().out
    assert text.count("\n## Story s") == 2
    assert "## Articles that share no story with the others" in text
    lone = text.split("## Articles that share no story with the others", 1)[1]
    assert "01-rudaw" in lone and "shares no story" in lone
    # Events sit under their story's heading.
    s2 = text.split("## Story s2", 1)[1].split("## Articles that share", 1)[0]
    assert "### Event e" in s2


def test_one_story_reports_as_before(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", "--format", "markdown", str(ROOT / "articles")]) == 0
    text = capsys.readouterr().out
    assert "## Story" not in text and "## Event e1" in text
    assert main(["align", "--format", "json", str(ROOT / "articles")]) == 0
    report = json.loads(capsys.readouterr().out)
    assert len(report["stories"]) == 1
    assert report["stories"][0]["groups"] == [g["id"] for g in report["groups"]]


def test_story_threshold_zero_keeps_every_article_in_one_story(mixed: Path) -> None:
    import dataclasses

    settings = Settings()
    together = dataclasses.replace(
        settings, align=dataclasses.replace(settings.align, story_threshold=0.0)
    )
    story = build_story([str(mixed)], together)
    assert len(story.articles) == 11


def test_articles_that_share_no_story_are_each_reported_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for source in (DEV / "topic1" / "articles", DEV / "topic3" / "articles", ROOT / "articles"):
        first = sorted(source.iterdir())[0]
        shutil.copy(first, tmp_path / first.name)
    assert main(["align", "--format", "markdown", str(tmp_path)]) == 0
    text = capsys.readouterr().out
    assert "The 3 articles share no story with each other." in text
    assert text.count("shares no story with the others") == 3
    assert "aligned pairs" in text and "0 aligned pairs" in text
