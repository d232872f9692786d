"""The reports' timeline: events in date order, and "omits" only against articles published
after the event (others are "before" or "undated"), in the JSON and the markdown alike."""

from __future__ import annotations

from pathlib import Path

from newscompare.core.model.settings import Settings
from newscompare.core.model.story import Alignment, Article, Group, Pair, Passage, Story
from newscompare.core.pipeline import build_story
from newscompare.core.report import to_json, to_markdown


def _story() -> Story:
    """Two articles report the talks (Alpha's "Thursday" is January 4, Beta's "Wednesday"
    January 3: a tie, the later wins), one of 2020 cannot have, one of
    February omits them, one has no date; a second event is dated only by its first report."""
    rows = [
        ("a", "Alpha", "2024-01-05", ["Talks ended on Thursday.", "A parade was held."]),
        ("b", "Beta", "2024-01-06", ["Talks ended on Wednesday.", "A parade took place."]),
        ("c", "Early", "2020-06-11", ["An old joint statement."]),
        ("d", "Late", "2024-02-01", ["A later piece."]),
        ("e", "Nodate\x1b[31m", None, ["Some piece."]),
    ]
    articles, passages = [], []
    for aid, outlet, date, texts in rows:
        text = " ".join(texts)
        articles.append(Article(aid, f"{aid}.md", outlet, "", text, date=date))
        start = 0
        for n, t in enumerate(texts, 1):
            passages.append(Passage(f"{aid}:{n}", aid, "body", start, start + len(t), t, 0))
            start += len(t) + 1
    groups = (
        Group("e1", "A parade\x1b[2J", ("a:2", "b:2")),
        Group("e2", "Talks ended", ("a:1", "b:1")),
    )
    pairs = (Pair("a:1", "b:1", 0.9), Pair("a:2", "b:2", 0.6))
    return Story(
        articles=tuple(articles),
        passages=tuple(passages),
        alignment=Alignment(pairs, groups, ("c:1", "d:1", "e:1")),
    )


def test_json_timeline_orders_events_by_date_with_each_articles_coverage() -> None:
    report = to_json(_story())
    timeline = report["timeline"]
    assert [t["group"] for t in timeline] == ["e2", "e1"]
    talks, parade = timeline
    assert (talks["date"], talks["until"], talks["precision"], talks["source"]) == (
        "2024-01-04",
        "2024-01-04",
        "day",
        "stated",
    )
    assert (parade["date"], parade["source"], parade["first_report"]) == (
        "2024-01-05",
        "first report",
        "2024-01-05",
    )
    assert talks["story"] == "s1"
    said = [{"passage": "a:1", "date": "2024-01-04", "until": "2024-01-04"}]
    assert talks["articles"] == [
        {"article": "a", "coverage": "reports", "passages": ["a:1"], "dates": said},
        {
            "article": "b",
            "coverage": "reports",
            "passages": ["b:1"],
            "dates": [{"passage": "b:1", "date": "2024-01-03", "until": "2024-01-03"}],
        },
        {"article": "c", "coverage": "before", "passages": [], "dates": []},
        {"article": "d", "coverage": "omits", "passages": [], "dates": []},
        {"article": "e", "coverage": "undated", "passages": [], "dates": []},
    ]
    assert "\x1b" not in parade["label"]
    omits = {a["id"]: a["omits"] for a in report["articles"]}
    assert omits == {"a": [], "b": [], "c": [], "d": ["e1", "e2"], "e": []}


def test_markdown_says_omits_only_where_it_is_true() -> None:
    text = to_markdown(_story())
    assert "## Timeline" in text
    assert text.index("| 2024-01-04 | e2: Talks ended") < text.index("| by 2024-01-05 | e1: A par")
    talks = text[text.index("## Event e2") :]
    assert "*When:* 2024-01-04" in talks
    assert "- *Omitted by:* Late\n" in talks
    assert "- *Not yet: published before it by:* Early\n" in talks
    assert "could have been) by:* Nodate" in talks
    assert "\x1b" not in text
    assert "Not reported by" not in text


def test_a_built_story_has_dates_with_their_source_and_its_timeline(tmp_path: Path) -> None:
    body = "Iraq and the US ended their talks on Thursday in Baghdad, the ministry said.\n"
    (tmp_path / "one.md").write_text(
        "---\noutlet: One\ndate: 2021-07-27\n---\n" + body, encoding="utf-8"
    )
    (tmp_path / "two.md").write_text(
        "---\noutlet: Two\nurl: https://example.com/2021/07/28/talks\n---\n" + body,
        encoding="utf-8",
    )
    (tmp_path / "three.md").write_text("---\noutlet: Three\n---\n" + body, encoding="utf-8")
    story = build_story([str(tmp_path)], Settings())
    sources = {a.outlet: (a.date, a.date_source) for a in story.articles}
    assert sources == {
        "One": ("2021-07-27", "front matter"),
        "Two": ("2021-07-28", "url"),
        "Three": (None, None),
    }
    assert story.alignment.groups
    assert [t.group for t in story.timeline] == [g.id for g in story.alignment.groups]
    (when,) = story.timeline
    assert when.low == "2021-07-22"
    report = to_json(story)
    assert {a["outlet"]: a["date_source"] for a in report["articles"]} == {
        "One": "front matter",
        "Two": "url",
        "Three": None,
    }
