"""The JSON and markdown reports render exactly what the engine computed."""

from __future__ import annotations

from newscompare.core.model.story import (
    Alignment,
    Article,
    Comparison,
    Divergence,
    Group,
    Pair,
    Passage,
    Story,
)
from newscompare.core.report import SCHEMA, to_json, to_markdown


def _story() -> Story:
    a_text = "Officials said 2,500 troops remain. Only A says this."
    b_text = "The coalition put the number at 3,000 troops [bold]."
    arts = (
        Article(id="a", path="a.md", outlet="Outlet *A*", title="A", text=a_text),
        Article(id="b", path="b.md", outlet="Outlet B", title="B", text=b_text),
    )
    pa = Passage("a:1", "a", "body", 0, 35, a_text[0:35], 0)
    pa2 = Passage("a:2", "a", "body", 36, len(a_text), a_text[36:], 0)
    pb = Passage("b:1", "b", "body", 0, len(b_text), b_text, 0)
    pair = Pair("a:1", "b:1", 0.7)
    div = Divergence("number", "2,500", "3,000", (15, 20), (33, 38), "2,500 vs 3,000 troops")
    return Story(
        articles=arts,
        passages=(pa, pa2, pb),
        alignment=Alignment((pair,), (Group("e1", "troops", ("a:1", "b:1")),), ("a:2",)),
        comparisons=(Comparison(pair, "paraphrase", (div,)),),
    )


def test_json_carries_pairs_divergences_groups_and_omissions() -> None:
    report = to_json(_story())
    assert report["schema"] == SCHEMA
    pair = report["pairs"][0]
    assert pair["relation"] == "paraphrase"
    assert pair["divergences"][0] == {
        "kind": "number",
        "a": "2,500",
        "b": "3,000",
        "a_span": [15, 20],
        "b_span": [33, 38],
        "note": "2,500 vs 3,000 troops",
    }
    assert report["groups"] == [{"id": "e1", "label": "troops", "passages": ["a:1", "b:1"]}]
    assert report["unmatched"] == ["a:2"]
    assert [a["omits"] for a in report["articles"]] == [[], []]


def test_markdown_lists_each_outlet_the_differences_and_what_is_unique() -> None:
    text = to_markdown(_story())
    assert "## Event e1: troops" in text
    assert "- **number**: 2,500 vs 3,000 troops" in text
    assert "## Reported by one outlet only" in text
    assert "Only A says this." in text
    # Article text and outlet names cannot inject markdown.
    assert "Outlet \\*A\\*" in text
    assert "\\[bold\\]" in text


def test_markdown_keeps_both_values_when_the_note_does_not_name_them() -> None:
    story = _story()
    div = Divergence("wording", "killed", "martyred", (0, 6), (0, 8), "framing")
    comp = Comparison(story.alignment.pairs[0], "paraphrase", (div,))
    from dataclasses import replace

    text = to_markdown(replace(story, comparisons=(comp,)))
    assert "- **wording**: “killed” vs “martyred” (framing)" in text


def test_json_text_is_the_typed_report_as_the_standard_library_indents_it() -> None:
    """``align --format json`` writes msgspec's encoding of the ``Report`` struct; the text is
    what ``json.dumps(..., ensure_ascii=False, indent=2)`` gives for the same data."""
    import json

    from newscompare.core.report import Report, json_text, report

    story = _story()
    typed = report(story)
    assert isinstance(typed, Report) and typed.pairs[0].divergences[0].a_span == [15, 20]
    text = json_text(story)
    assert text == json.dumps(to_json(story), ensure_ascii=False, indent=2) + "\n"
    assert list(json.loads(text)) == [
        "schema", "generator", "stories", "articles", "pairs", "groups", "unmatched", "problems",
        "timeline",
    ]  # fmt: skip
