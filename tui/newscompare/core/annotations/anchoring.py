"""Re-attach saved annotations to the passages of the current run, by their text.

Passage ids are not stable enough to trust across runs: an edited article or a change in
segmentation renumbers everything after it. So each side of a record is found again from its
saved text, most certain first: the same text hash in the same article (nearest to the old
offset when a sentence repeats), the saved text found verbatim inside the article (segmentation
merged or split it), and finally a fuzzy match (rapidfuzz) against single passages and runs of
2-3 adjacent ones. A record whose sides cannot both be found is an orphan: it stays in the file
untouched and is listed, never dropped.

Matching never looks outside the article the record was made on (found by id, then path, then
outlet): wire copy makes identical sentences common across outlets, and re-attaching a judgment
to another outlet's copy would be silently wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newscompare.core.annotations.records import Annotation, PassageRef, text_hash
from newscompare.core.model.story import Article, Passage

#: Runs of up to this many adjacent passages are tried when segmentation changed.
_MAX_WINDOW = 3
#: Below this length, partial matching says little (a title matches half the article).
_MIN_PARTIAL_LENGTH = 20


@dataclass(frozen=True, slots=True)
class Anchored:
    """A record re-attached to passages of the current story.

    ``score`` is the weaker side's match in 0..1 (1.0: the exact text was found).
    """

    record: Annotation
    a: str
    b: str
    score: float


@dataclass(frozen=True, slots=True)
class _Found:
    passage: Passage
    score: float


def _candidate_articles(ref: PassageRef, articles: Sequence[Article]) -> list[Article]:
    for matches in (
        [a for a in articles if a.id == ref.article_id],
        [a for a in articles if ref.article_path and a.path == ref.article_path],
        [a for a in articles if ref.outlet and a.outlet == ref.outlet],
    ):
        if matches:
            return matches
    return []


def _nearest(found: Sequence[Passage], start: int) -> Passage:
    return min(found, key=lambda p: abs(p.start - start))


def _overlap(p: Passage, start: int, end: int) -> int:
    return max(0, min(p.end, end) - max(p.start, start))


def _flat(text: str) -> str:
    return " ".join(text.split())


class _ArticleIndex:
    """One article's passages prepared for matching: hashes, and the single passages and runs
    of adjacent ones as flattened strings (built once per ``anchor`` call, on first use)."""

    def __init__(self, article: Article, passages: list[Passage]) -> None:
        self.article = article
        self.passages = passages
        self.by_hash: dict[str, list[Passage]] = {}
        for p in passages:
            self.by_hash.setdefault(text_hash(p.text), []).append(p)
        self._runs: tuple[list[str], list[tuple[int, int]]] | None = None

    @property
    def runs(self) -> tuple[list[str], list[tuple[int, int]]]:
        """Candidate strings and their (first, last) passage indices; singles come first."""
        if self._runs is None:
            flat = [_flat(p.text) for p in self.passages]
            texts, spans = [], []
            for width in range(1, _MAX_WINDOW + 1):
                for first in range(len(flat) - width + 1):
                    texts.append(" ".join(flat[first : first + width]))
                    spans.append((first, first + width - 1))
            self._runs = (texts, spans)
        return self._runs

    def exact(self, ref: PassageRef) -> Passage | None:
        """Same text hash (nearest the old offset), else the saved text verbatim in the article:
        the passage holding most of it (segmentation merged or split it)."""
        same = self.by_hash.get(ref.text_hash)
        if same:
            return _nearest(same, ref.start)
        needle = ref.text.strip()
        if not needle:
            return None
        text = self.article.text
        hits: list[int] = []
        at = text.find(needle)
        while at != -1:
            hits.append(at)
            at = text.find(needle, at + 1)
        if not hits:
            return None
        start = min(hits, key=lambda h: abs(h - ref.start))
        end = start + len(needle)
        best = max(self.passages, key=lambda p: _overlap(p, start, end), default=None)
        if best is None or _overlap(best, start, end) == 0:
            return None
        return best

    def fuzzy(self, ref: PassageRef, threshold: float) -> _Found | None:
        """Best fuzzy match: a single passage when one is close enough (the sentence was
        edited), else runs of adjacent passages and passages holding the text (segmentation
        changed); of a run, the member holding the largest share of the matching part."""
        from rapidfuzz import fuzz, process  # only for records whose text no longer matches

        needle = _flat(ref.text)
        texts, spans = self.runs
        if not needle or not texts:
            return None
        cutoff = threshold * 100
        singles = len(self.passages)
        hit = process.extractOne(
            needle, texts[:singles], scorer=fuzz.ratio, processor=None, score_cutoff=cutoff
        )
        if hit is not None:
            return _Found(self.passages[hit[2]], hit[1] / 100)
        scores: dict[int, float] = {
            i: score
            for _, score, i in process.extract(
                needle, texts, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff, limit=None
            )
        }
        if len(needle) >= _MIN_PARTIAL_LENGTH:
            longer = [i for i, t in enumerate(texts) if len(t) > len(needle)]
            partial = process.extract(
                needle,
                [texts[i] for i in longer],
                scorer=fuzz.partial_ratio,
                processor=None,
                score_cutoff=cutoff + 1.0,
                limit=None,
            )
            for _, score, j in partial:
                # Discounted a little so an equally good match of the same size wins.
                scores[longer[j]] = max(scores.get(longer[j], 0.0), score - 1.0)
        if not scores:
            return None
        best = max(scores, key=lambda i: (scores[i], -(spans[i][1] - spans[i][0]), -i))
        first, last = spans[best]
        members = self.passages[first : last + 1]
        chosen = members[0] if len(members) == 1 else _member_holding_match(needle, members)
        return _Found(chosen, scores[best] / 100)


def _member_holding_match(needle: str, members: list[Passage]) -> Passage:
    from rapidfuzz import fuzz

    texts = [_flat(p.text) for p in members]
    alignment = fuzz.partial_ratio_alignment(needle, " ".join(texts))
    if alignment is None:
        return max(members, key=lambda p: len(p.text))
    lo, hi = alignment.dest_start, alignment.dest_end
    spans: list[tuple[int, int]] = []
    at = 0
    for text in texts:
        spans.append((at, at + len(text)))
        at += len(text) + 1
    shares = [max(0, min(e, hi) - max(s, lo)) for s, e in spans]
    return members[shares.index(max(shares))]


class _StoryIndex:
    """Per-article match indexes, built lazily and shared by all records of one call."""

    def __init__(self, articles: Sequence[Article], passages: Sequence[Passage]) -> None:
        self.articles = articles
        self.passages_by_article: dict[str, list[Passage]] = {}
        for p in passages:
            self.passages_by_article.setdefault(p.article, []).append(p)
        self._indexes: dict[str, _ArticleIndex] = {}

    def of(self, article: Article) -> _ArticleIndex:
        index = self._indexes.get(article.id)
        if index is None:
            index = _ArticleIndex(article, self.passages_by_article.get(article.id, []))
            self._indexes[article.id] = index
        return index


def _locate(ref: PassageRef, story: _StoryIndex, threshold: float) -> tuple[Passage, float] | None:
    candidates = [story.of(a) for a in _candidate_articles(ref, story.articles)]
    for index in candidates:
        exact = index.exact(ref)
        if exact is not None:
            return exact, 1.0
    best: _Found | None = None
    for index in candidates:
        found = index.fuzzy(ref, threshold)
        if found is not None and (best is None or found.score > best.score):
            best = found
    return (best.passage, best.score) if best is not None else None


def locate(
    ref: PassageRef,
    articles: Sequence[Article],
    passages: Sequence[Passage],
    threshold: float = 0.85,
) -> tuple[Passage, float] | None:
    """The current passage for one side of a record, with a match score in 0..1 (None: gone)."""
    return _locate(ref, _StoryIndex(articles, passages), threshold)


def anchor(
    records: Sequence[Annotation],
    articles: Sequence[Article],
    passages: Sequence[Passage],
    threshold: float = 0.85,
) -> tuple[tuple[Anchored, ...], tuple[Annotation, ...]]:
    """Split records into those re-attached to current passages and orphans (kept, listed).

    A record is an orphan when either side cannot be found, or both sides land in the same
    article (a pair always spans two articles).
    """
    story = _StoryIndex(articles, passages)
    memo: dict[tuple[str, str, str, str, int], tuple[Passage, float] | None] = {}

    def find(ref: PassageRef) -> tuple[Passage, float] | None:
        key = (ref.text, ref.article_id, ref.article_path, ref.outlet, ref.start)
        if key not in memo:
            memo[key] = _locate(ref, story, threshold)
        return memo[key]

    anchored: list[Anchored] = []
    orphans: list[Annotation] = []
    for record in records:
        side_a = find(record.a)
        side_b = find(record.b)
        if side_a is None or side_b is None or side_a[0].article == side_b[0].article:
            orphans.append(record)
            continue
        anchored.append(Anchored(record, side_a[0].id, side_b[0].id, min(side_a[1], side_b[1])))
    return tuple(anchored), tuple(orphans)


def on_pair(anchored: Sequence[Anchored], passage_a: str, passage_b: str) -> list[Anchored]:
    """The records placed on this pair of passages (either order), oldest first: ``a`` on a
    pair that already has a note should edit it rather than add a second one."""
    wanted = {passage_a, passage_b}
    return sorted((x for x in anchored if {x.a, x.b} == wanted), key=lambda x: x.record.created)
