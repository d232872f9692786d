"""The reader's cursor logic (pure, no Textual): pair order, divergence order, search."""

from __future__ import annotations

from app_fixtures import troops_story
from newscompare.app.navigation import Navigator, Selection
from newscompare.core.model.index import StoryIndex


def nav() -> Navigator:
    return Navigator(StoryIndex(troops_story()))


def test_initial_selection_shows_the_best_connected_pair_of_articles() -> None:
    n = nav()
    selection = n.initial()
    assert (selection.left, selection.right) == ("planet", "bugle")
    assert selection.pair is not None and selection.pair.a == "planet:1"


def test_pairs_between_follow_the_left_columns_reading_order() -> None:
    n = nav()
    left_first = [n.oriented(p, "planet")[0] for p in n.pairs_between("planet", "bugle")]
    assert left_first == ["planet:1", "planet:3", "planet:4", "planet:5"]
    # Swapped columns: ordered by the Bugle's passages, each pair oriented Bugle-first.
    swapped = [n.oriented(p, "bugle") for p in n.pairs_between("bugle", "planet")]
    assert [left for left, _ in swapped] == ["bugle:1", "bugle:2", "bugle:3", "bugle:4"]
    assert n.pairs_between("planet", "planet") == []


def test_step_pair_stops_at_both_ends_with_a_note() -> None:
    n = nav()
    selection = n.initial()
    back, note = n.step_pair(selection, -1)
    assert back == selection and note == "first aligned pair"
    seen = []
    for _ in range(3):
        selection, note = n.step_pair(selection, 1)
        assert note == ""
        seen.append(n.oriented(selection.pair, "planet")[0])  # type: ignore[arg-type]
    assert seen == ["planet:3", "planet:4", "planet:5"]
    assert n.step_pair(selection, 1)[1] == "last aligned pair"


def test_step_pair_without_pairs_moves_the_right_column() -> None:
    n = nav()
    # Gazette has no pair with the Planet's passage 5, but the two share pairs; Bugle/Bugle none.
    selection = Selection(left="gazette", right="gazette")
    moved, note = n.step_pair(selection, 1)
    assert moved.right == "planet" and moved.pair is not None
    assert "moved the right column" in note


def test_step_divergence_walks_every_divergence_then_the_next_pair() -> None:
    n = nav()
    selection = n.initial()  # headline pair: no divergences
    assert n.step_divergence(selection, -1)[1] == "first divergence"
    kinds = []
    for _ in range(6):
        selection, note = n.step_divergence(selection, 1)
        assert note == ""
        comparison = n.comparison(selection.pair)
        assert comparison is not None and selection.divergence is not None
        kinds.append(comparison.divergences[selection.divergence].kind)
    assert kinds == ["date", "number", "date", "wording", "wording", "name"]
    selection, _ = n.step_divergence(selection, 1)
    selection, _ = n.step_divergence(selection, 1)
    assert n.step_divergence(selection, 1)[1] == "last divergence"
    back, _ = n.step_divergence(selection, -1)
    assert back.divergence == 1
    # A pair with divergences but none picked yet: `]` starts with its own first one.
    third, _ = n.step_pair(n.initial(), 1)
    assert n.step_divergence(third, 1)[0] == Selection("planet", "bugle", third.pair, 0)


def test_select_passage_explains_passages_without_a_counterpart() -> None:
    n = nav()
    selection = n.initial()
    moved, note = n.select_passage(selection, "bugle:3")
    assert note == "" and moved.pair is not None and moved.pair.b == "bugle:3"
    assert n.select_passage(selection, "planet:6")[1] == "only this outlet reports that passage"
    assert n.select_passage(selection, "planet:2")[1] == "no counterpart in the other column"


def test_search_is_case_insensitive_wraps_and_skips_boilerplate() -> None:
    n = nav()
    first = n.search(["planet", "bugle"], "MINISTER", None)
    assert first is not None and first.id == "planet:4"
    second = n.search(["planet", "bugle"], "minister", first.id)
    assert second is not None and second.id == "bugle:3"
    assert n.search(["planet", "bugle"], "minister", second.id) == first
    assert n.search(["planet"], "newsletter", None) is None
    assert n.search(["planet"], "", None) is None


def test_pair_of_finds_a_pair_by_its_ends_in_either_order() -> None:
    n = nav()
    pair = n.pair_of("planet:1", "bugle:1")
    assert pair is not None and (pair.a, pair.b) == ("planet:1", "bugle:1")
    assert n.pair_of("bugle:1", "planet:1") is pair
    assert n.pair_of("planet:1", "bugle:2") is None  # both passages exist, no pair joins them
    assert n.pair_of("planet:1", "planet:1") is None
    assert n.pair_of("nowhere:1", "bugle:1") is None
