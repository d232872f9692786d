"""The story split (``align.stories``): mixed folders become stories, lone articles are named
with a reason, one resemblance never chains two stories."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from newscompare.core.align.stories import THRESHOLD, average_linkage, split_stories
from newscompare.core.load.sources import load_sources
from newscompare.core.model.settings import Settings
from newscompare.core.model.story import Article, Passage, StoryPart
from newscompare.core.pipeline import segment_all, titled
from newscompare.core.text.labels import short_label

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "data" / "gold" / "ecbplus-dev"
FOLDERS = {
    "iraq": ROOT / "articles",
    "rehab": DEV / "topic1" / "articles",
    "escape": DEV / "topic3" / "articles",
    "riot": DEV / "topic8" / "articles",
}


def _load(*folders: Path) -> tuple[tuple[Article, ...], tuple[Passage, ...]]:
    settings = Settings()
    found, lost = load_sources([str(f) for f in folders], settings.loading, {})
    assert not lost
    passages = segment_all(found, settings.passages)
    return titled(found, passages), passages


def _folder_of(article: Article) -> str:
    return next(name for name, folder in FOLDERS.items() if Path(article.path).parent == folder)


def test_each_real_story_stays_one_story() -> None:
    for folder in FOLDERS.values():
        articles, passages = _load(folder)
        parts = split_stories(articles, passages)
        assert len(parts) == 1, folder
        assert set(parts[0].articles) == {a.id for a in articles}
        assert parts[0].reason == ""


def test_a_mixed_folder_splits_into_its_stories() -> None:
    articles, passages = _load(*FOLDERS.values())
    parts = split_stories(articles, passages)
    folder = {a.id: _folder_of(a) for a in articles}
    assert sorted(sorted(folder[a] for a in part.articles) for part in parts) == sorted(
        [name] * 5 for name in FOLDERS
    )
    assert all(len(set(folder[a] for a in part.articles)) == 1 for part in parts)
    # Every article is in exactly one part; ids s1.. in order, largest first.
    assert sorted(a for part in parts for a in part.articles) == sorted(folder)
    assert [p.id for p in parts] == [f"s{n}" for n in range(1, len(parts) + 1)]
    # A label is the headline (or, untitled, the first passage) of one of its own articles.
    body = [p for p in passages if p.kind in ("title", "body")]
    first = {a.id: next(p.text for p in body if p.article == a.id) for a in articles}
    heads = {a.id: short_label(a.title or first[a.id]) for a in articles}
    assert all(part.label in {heads[a] for a in part.articles} for part in parts)


def _with_stray(
    folder: str, stray_folder: str, stray_prefix: str
) -> tuple[list[Article], tuple[StoryPart, ...]]:
    articles, passages = _load(FOLDERS[folder])
    others, other_passages = _load(FOLDERS[stray_folder])
    stray = next(a for a in others if a.id.startswith(stray_prefix))
    extra = [p for p in other_passages if p.article == stray.id]
    return [*articles, stray], split_stories((*articles, stray), (*passages, *extra))


def test_an_article_on_another_story_is_reported_with_its_reason() -> None:
    # A report of the Greek riots among five on the Iraq withdrawal: they share a few names
    # (the US, Washington), not enough to be one story.
    mixed, parts = _with_stray("iraq", "riot", "8-3")
    assert [len(p.articles) for p in parts] == [5, 1]
    lone = parts[1]
    assert lone.articles == (mixed[-1].id,)
    assert lone.reason.startswith("shares no story with the others: closest is the story of 5")
    assert any(a.id in lone.reason for a in mixed[:-1])  # names the story it came closest to
    assert f"{THRESHOLD:.2f}" in lone.reason
    # One that shares no name at all is told so.
    _, parts = _with_stray("riot", "iraq", "01-rudaw")
    assert [len(p.articles) for p in parts] == [5, 1]
    assert "no name, place or figure" in parts[1].reason


def test_one_resemblance_does_not_chain_two_stories() -> None:
    # Two tight stories (0, 1) and (2, 3); article 1 resembles article 2 once. Connected
    # components above the threshold would make one story of all four.
    sims = np.zeros((4, 4))
    for i, j, s in ((0, 1, 0.9), (2, 3, 0.9), (1, 2, 0.5)):
        sims[i, j] = sims[j, i] = s
    assert average_linkage(sims, 0.3) == [[0, 1], [2, 3]]
    # When every member resembles the others, they do make one story.
    sims[0, 2] = sims[2, 0] = sims[0, 3] = sims[3, 0] = sims[1, 3] = sims[3, 1] = 0.5
    assert average_linkage(sims, 0.3) == [[0, 1, 2, 3]]


def test_two_groups_nearly_as_alike_as_inside_are_one_story() -> None:
    """Below the threshold, two groups still merge when their mean similarity is most of
    their inner cohesion (one story, two emphases), not when it is a small part of it."""
    sims = np.zeros((4, 4))
    for i, j in ((0, 1), (2, 3)):
        sims[i, j] = sims[j, i] = 0.4
    for i, j in ((0, 2), (0, 3), (1, 2), (1, 3)):
        sims[i, j] = sims[j, i] = 0.3
    assert average_linkage(sims, 0.35) == [[0, 1, 2, 3]]
    for i, j in ((0, 2), (0, 3), (1, 2), (1, 3)):
        sims[i, j] = sims[j, i] = 0.1
    assert average_linkage(sims, 0.35) == [[0, 1], [2, 3]]


def test_a_lone_article_joins_the_story_of_a_close_neighbour() -> None:
    from newscompare.core.align.stories import NEIGHBOUR_JOIN, _join_lone_articles

    sims = np.zeros((4, 4))
    for i, j, s in ((0, 1, 0.9), (0, 2, 0.9), (1, 2, 0.9), (3, 0, NEIGHBOUR_JOIN)):
        sims[i, j] = sims[j, i] = s
    assert _join_lone_articles([[0, 1, 2], [3]], sims) == [[0, 1, 2, 3]]
    sims[3, 0] = sims[0, 3] = NEIGHBOUR_JOIN - 0.01
    assert _join_lone_articles([[0, 1, 2], [3]], sims) == [[0, 1, 2], [3]]


def test_the_split_does_not_depend_on_article_order() -> None:
    articles, passages = _load(FOLDERS["rehab"], FOLDERS["escape"])
    forward = {frozenset(p.articles) for p in split_stories(articles, passages)}
    backward = {frozenset(p.articles) for p in split_stories(articles[::-1], passages)}
    assert forward == backward


def test_one_article_or_none() -> None:
    articles, passages = _load(FOLDERS["riot"])
    assert split_stories((), ()) == ()
    (only,) = split_stories(articles[:1], passages)
    assert only.articles == (articles[0].id,)


def test_articles_on_different_stories_are_each_alone() -> None:
    # One article of each of the four stories: they share only the vocabulary of news
    # ("government", "officials", "Thursday"), no name, so none is force-grouped.
    picked: list[Article] = []
    picked_passages: list[Passage] = []
    for folder in FOLDERS.values():
        articles, passages = _load(folder)
        picked.append(articles[0])
        picked_passages.extend(p for p in passages if p.article == articles[0].id)
    parts = split_stories(picked, picked_passages)
    assert [len(p.articles) for p in parts] == [1, 1, 1, 1]
    assert all(p.reason.startswith("shares no story with the others") for p in parts)


def test_a_name_that_opens_sentences_is_still_a_name() -> None:
    """One article names the jeweller only at the starts of its sentences; another names it
    mid-sentence and never writes it in lower case: it is a name in both."""
    from newscompare.core.align.stories import NAME_WEIGHT, _names_everywhere, article_terms

    first = Article("a", "a.txt", "", "", "Robbers hit the Harry Winston store in Paris.")
    second = Article("b", "b.txt", "", "", "Winston lost gems. Harry was the founder.")
    passages = [
        Passage("a:1", "a", "body", 0, len(first.text), first.text, 0),
        Passage("b:1", "b", "body", 0, len(second.text), second.text, 0),
    ]
    terms = [article_terms(a, [p for p in passages if p.article == a.id]) for a in (first, second)]
    assert "winston" in terms[0].names and "winston" not in terms[1].names
    fixed = _names_everywhere(terms)
    assert "winston" in fixed[1].names
    assert fixed[1].counts["winston"] == NAME_WEIGHT * terms[1].counts["winston"]
    # "lost" is written in lower case: a common word, never promoted
    assert "lose" not in fixed[1].names and "lost" not in fixed[1].names
