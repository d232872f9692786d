"""Engine spans -> Textual Content: literal text, same offsets, styles by divergence kind."""

from __future__ import annotations

from app_fixtures import ESCAPE_BODY, MARKUP_BODY, troops_story
from newscompare.app.render import (
    DIVERGENCE_STYLES,
    ONLY_WORD_STYLE,
    Highlight,
    comparison_highlights,
    display_text,
    divergence_summary,
    group_highlights,
    highlighted,
    plain,
    short,
)
from newscompare.core.model.index import StoryIndex


def test_control_characters_become_visible_placeholders_of_the_same_length() -> None:
    shown = display_text(ESCAPE_BODY)
    assert len(shown) == len(ESCAPE_BODY)
    assert "\x1b" not in shown
    assert shown.startswith("Colour codes ␛[31mred␛[0m")
    assert display_text("a\tb\rc\x7f\x9bd\ne") == "a b␍c␡\ufffdd\ne"


def test_markup_in_text_stays_literal() -> None:
    content = plain(MARKUP_BODY)
    assert content.plain == MARKUP_BODY
    assert content.spans == []


def test_highlights_apply_at_engine_offsets_and_are_clamped() -> None:
    text = "2,500 troops [bold]x[/]"
    content = highlighted(text, [Highlight(0, 5, "bold"), Highlight(13, 99, "italic")])
    assert content.plain == text
    spans = [(s.start, s.end, str(s.style)) for s in content.spans]
    assert spans == [(0, 5, "bold"), (13, len(text), "italic")]
    assert highlighted(text, [Highlight(5, 5, "bold")]).spans == []


def test_comparison_highlights_style_each_side_by_kind() -> None:
    story = troops_story()
    index = StoryIndex(story)
    comparison = index.comparisons[("planet:3", "bugle:2")]
    planet = index.passages["planet:3"].text
    bugle = index.passages["bugle:2"].text
    left = comparison_highlights(comparison, "planet:3", current=1)
    right = comparison_highlights(comparison, "bugle:2")
    # The number is also an only-word; its divergence highlight is the last one for that span.
    number_left = [h for h in left if planet[h.start : h.end] == "2,500"][-1]
    number_right = [h for h in right if bugle[h.start : h.end] == "3,000"][-1]
    assert number_left.style == DIVERGENCE_STYLES["number"] + " reverse"  # the current one
    assert number_right.style == DIVERGENCE_STYLES["number"]
    # Divergences come after the word spans, so they win where both apply.
    assert left.index(number_left) > max(
        i for i, h in enumerate(left) if h.style == ONLY_WORD_STYLE
    )
    # Shared words are not styled at all.
    assert not any(planet[h.start : h.end] == "ministry" for h in left)


def test_group_highlights_keep_only_words_no_other_outlet_uses() -> None:
    story = troops_story()
    index = StoryIndex(story)
    group = index.group_of["planet:4"]
    comparisons = [
        index.comparisons[("planet:4", other)] for other in group.passages if other != "planet:4"
    ]
    text = index.passages["planet:4"].text
    marked = {text[h.start : h.end] for h in group_highlights("planet:4", comparisons)}
    # "called" is only in the Planet; "success" is shared with the Gazette, but it is a wording
    # divergence against the Bugle's "triumph", so it is marked as such.
    assert "called" in marked
    assert "success" in marked
    assert "minister" not in marked


def test_divergence_summary_orders_kinds_by_severity() -> None:
    story = troops_story()
    comparison = StoryIndex(story).comparisons[("planet:3", "bugle:2")]
    assert divergence_summary(comparison.divergences) == "1 number · 2 date"
    assert divergence_summary(()) == ""


def test_short_is_one_clean_line_cut_to_width() -> None:
    assert short("  two\n lines\tand  tabs ", 40) == "two lines and tabs"
    assert short("escape \x1b[31mred", 40) == "escape ␛[31mred"  # shown, never acting
    assert short("a" * 30) == "a" * 27 + "…"  # default width: 28 characters
    assert short("a" * 28) == "a" * 28
    assert len(short("word " * 20, 10)) == 10
