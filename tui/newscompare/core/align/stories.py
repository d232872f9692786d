"""Which articles belong together: a mixed folder split into stories before anything aligns.

Users bring folders of mixed articles (a day's feeds, a search result). Aligning passages of
articles on different stories pairs look-alike sentences ("500-600 metric tons" vs "16
million metric tons" from a piece on Amazon fires and one on a carbon plan), so the articles
are first grouped into stories, and each story is aligned on its own.

Each article becomes a vector of the content words, names and numbers of its title and body
passages (lemmas, stop words dropped; names and numbers count more, because two stories of
one kind share their vocabulary, "rehab", "checked into", and differ in who and when),
weighted by ``1 + log(tf)`` times a smoothed IDF over the articles given. Two articles are
alike by the cosine of their vectors. Stories are then built by average-linkage agglomerative
clustering: two clusters merge only while the *mean* similarity over all their article pairs
reaches ``threshold``, so one article that happens to resemble one member of each of two
stories does not chain them (single-linkage components would). An article left alone shares
no story with the others; its reason names its closest article and how close it came.

The threshold was chosen once, on all 43 topics of ECB+ together (``benchmarks/
bench_stories.py``); no word of any evaluation article is known here.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newscompare.core.facts.dates import MONTHS, WEEKDAYS
from newscompare.core.lexicons.load import stop_words
from newscompare.core.model.parallel import parallel_map
from newscompare.core.model.settings import AlignSettings
from newscompare.core.model.story import ALIGNABLE_KINDS, Article, Passage, StoryPart
from newscompare.core.text.labels import short_label
from newscompare.core.text.tokens import lemma_of

if TYPE_CHECKING:
    import numpy as np

#: Mean cosine similarity at which two groups of articles are one story (the default of
#: ``align.story_threshold``).
THRESHOLD = AlignSettings().story_threshold
#: Weight of names (capitalised inside a sentence) and numbers against common words.
NAME_WEIGHT = 20.0
#: Words shorter than this (and not numbers) carry no story of their own.
MIN_LETTERS = 3
#: Numbers of at least this many digits are specific (a year, a toll, a sum), like names.
MIN_DIGITS = 3
#: Two articles with fewer shared names than this are not alike at all.
MIN_SHARED_NAMES = 1
#: Two groups below the threshold are still one story when the mean similarity between them
#: reaches this share of how alike each group is inside (the geometric mean of their inner
#: means): one story told with two emphases, not two stories. Chosen on ECB+ (see
#: ``benchmarks/bench_stories.py``): articles of one story split off when it is given alone
#: 131 -> 98 of 982 (with ``NEIGHBOUR_JOIN``), B-cubed F1 of the mixed corpus 0.916 -> 0.923.
COHESION_RATIO = 0.6
#: An article left alone joins the story of its nearest article when the two are at least
#: this alike: it tells that story in few words, it does not tell another one.
NEIGHBOUR_JOIN = 0.3
#: Articles from which their terms are worked out on both cores (fewer: a fork costs more).
TERMS_PARALLEL = 400
_TERM = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['\u2019][^\W\d_]+)*")


@dataclass(frozen=True, slots=True)
class ArticleTerms:
    """The weighted terms of one article (before IDF)."""

    article: str
    counts: Mapping[str, float]
    #: The names and long numbers among them (what two reports of one story share).
    names: frozenset[str] = frozenset()
    #: Terms written in lower case somewhere (common words, whatever their capitals elsewhere).
    lower: frozenset[str] = frozenset()


def _terms_of(
    text: str,
    stop: frozenset[str],
    counts: dict[str, float],
    names: set[str],
    lower: set[str] | None = None,
) -> None:
    """Add the content terms of ``text`` to ``counts``. A lighter reading than the text
    layer's ``words`` (no negation, no compounds): the split reads every passage of every
    article once, before alignment, and needs only which terms an article uses."""
    for match in _TERM.finditer(text):
        word = match.group()
        if word[0].isdigit():
            term = word.replace(",", "")
            proper = len(term) >= MIN_DIGITS
        else:
            low = word.lower().replace("\u2019", "'")
            if low.endswith("'s"):
                low = low[:-2]
            if low in stop or len(low) < MIN_LETTERS:
                continue
            before = text[max(match.start() - 3, 0) : match.start()].rstrip(" \"'\u201c(")
            proper = word[0].isupper() and bool(before) and before[-1] not in ".!?:\n"
            # Weekdays and months are written with a capital but name no one.
            proper = proper and low not in MONTHS and low not in WEEKDAYS
            term = low if proper else lemma_of(low)
            if lower is not None and word[0].islower():
                lower.add(term)
                lower.add(low)
        counts[term] = counts.get(term, 0.0) + (NAME_WEIGHT if proper else 1.0)
        if proper:
            names.add(term)


def article_terms(article: Article, passages: Sequence[Passage]) -> ArticleTerms:
    """Content lemmas, names and numbers of the article's title/body passages, counted
    (a name or number counts ``NAME_WEIGHT`` times); the whole text when it has no such
    passage."""
    texts = [p.text for p in passages if p.kind in ALIGNABLE_KINDS] or [article.text]
    stop = stop_words()
    counts: dict[str, float] = {}
    names: set[str] = set()
    lower: set[str] = set()
    for text in texts:
        _terms_of(text, stop, counts, names, lower)
    return ArticleTerms(article.id, counts, frozenset(names), frozenset(lower))


def _names_everywhere(terms: Sequence[ArticleTerms]) -> list[ArticleTerms]:
    """A word written as a name inside some article's sentence, and never in lower case, is a
    name wherever it stands:
    "Harry Winston" opening a sentence (where every word has a capital) is the jeweller that
    another article names mid-sentence. Without this an article that names its story only at
    the starts of sentences shares no name with the others and looks unrelated to them."""
    common = frozenset().union(*(t.lower for t in terms))
    known = frozenset().union(*(t.names for t in terms)) - common
    out = []
    for t in terms:
        extra = {term for term in t.counts if term in known and term not in t.names}
        if not extra:
            out.append(t)
            continue
        counts = {k: v * NAME_WEIGHT if k in extra else v for k, v in t.counts.items()}
        out.append(ArticleTerms(t.article, counts, t.names | extra, t.lower))
    return out


def similarity_matrix(terms: Sequence[ArticleTerms]) -> np.ndarray:
    """Cosine similarity of every two articles' TF-IDF vectors (``n x n``, float64)."""
    import numpy as np

    n = len(terms)
    df: Counter[str] = Counter()
    for t in terms:
        df.update(t.counts.keys())
    # Only terms two articles share can make them alike; the rest only lengthen the vectors.
    vocabulary = {term: k for k, term in enumerate(sorted(t for t, d in df.items() if d >= 2))}
    idf = {term: math.log((1 + n) / (1 + d)) + 1.0 for term, d in df.items()}
    matrix = np.zeros((n, max(len(vocabulary), 1)), dtype=np.float32)
    for i, t in enumerate(terms):
        for term, count in t.counts.items():
            k = vocabulary.get(term)
            if k is not None:
                matrix[i, k] = (1.0 + math.log(count)) * idf[term]
    # Normalised over the shared terms only: what an article alone mentions (its many
    # incidental names) says nothing about which story it tells.
    lengths = np.sqrt((matrix * matrix).sum(axis=1, keepdims=True))
    matrix /= np.maximum(lengths, 1e-9)
    sims = np.asarray(matrix @ matrix.T, dtype=np.float64)
    # Articles that share no name (person, place, organisation, long number) share at most
    # the vocabulary of news itself ("government", "said", "officials"): not a story.
    shared_names = {name for name, d in df.items() if d >= 2} & {
        name for t in terms for name in t.names
    }
    columns = {name: k for k, name in enumerate(sorted(shared_names))}
    named = np.zeros((n, max(len(columns), 1)), dtype=np.float32)
    for i, t in enumerate(terms):
        for name in t.names:
            k = columns.get(name)
            if k is not None:
                named[i, k] = 1.0
    sims[(named @ named.T) < MIN_SHARED_NAMES] = 0.0
    np.fill_diagonal(sims, 0.0)
    return sims


def _cohesive_pair(mean: np.ndarray, inner: np.ndarray, size: np.ndarray) -> tuple[int, int]:
    """The two clusters whose mean similarity is the largest share of their inner cohesion
    (``COHESION_RATIO``), or (-1, -1) when none reaches it. A lone article has no inner
    cohesion: the other cluster's stands for both; two lone articles never qualify."""
    import numpy as np

    pairs = size * (size - 1) / 2
    cohesion = np.where(pairs > 0, inner / np.maximum(pairs, 1.0), np.nan)
    row, column = cohesion[:, None], cohesion[None, :]
    reference = np.sqrt(
        np.where(np.isnan(row), column, row) * np.where(np.isnan(column), row, column)
    )
    usable = np.isfinite(mean) & (mean > 0) & np.isfinite(reference) & (reference > 0)
    ratio = np.where(usable, mean / np.where(usable, reference, 1.0), -np.inf)
    flat = int(np.argmax(ratio))
    a, b = divmod(flat, mean.shape[0])
    return (a, b) if ratio[a, b] >= COHESION_RATIO else (-1, -1)


def average_linkage(sims: np.ndarray, threshold: float) -> list[list[int]]:
    """Clusters of indices: the two clusters with the highest mean pairwise similarity merge
    while it reaches ``threshold``, then while some two are alike enough for their inner
    cohesion (``COHESION_RATIO``) (each cluster's members sorted; clusters by first member)."""
    import numpy as np

    n = sims.shape[0]
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    if n < 2:
        return [m for m in members.values()]
    # Sum of similarities between clusters, and the mean that decides merging.
    total = sims.astype(np.float64)  # a copy
    inner = np.zeros(n, dtype=np.float64)  # sum of similarities inside each cluster
    size = np.ones(n, dtype=np.float64)
    alive = np.ones(n, dtype=bool)
    mean = total.copy()
    np.fill_diagonal(mean, -np.inf)
    # Each row's best value and its first column holding it, so a merge costs a few rows
    # instead of a search of the whole matrix (3,200 articles: 8 s -> a fraction). The first
    # row holding the largest best, at its first column, is what ``argmax`` of the whole
    # matrix gives, so the merges happen in the same order as a full search would make them.
    best_col = np.argmax(mean, axis=1)
    best = mean[np.arange(n), best_col]
    while True:
        a = int(np.argmax(best))
        b = int(best_col[a])
        if mean[a, b] < threshold:
            # Only live clusters can merge: the search runs over them alone (dead rows and
            # columns are -inf, so the first best pair is the same; at 3,200 articles a search
            # of the whole matrix took 0.8 s, over the 120 clusters left a millisecond).
            live = np.flatnonzero(alive)
            a, b = _cohesive_pair(mean[np.ix_(live, live)], inner[live], size[live])
            if a < 0:
                break
            a, b = int(live[a]), int(live[b])
        # Merge b into a: sums add, means are recomputed for row and column a.
        inner[a] += inner[b] + total[a, b]
        total[a, :] += total[b, :]
        total[:, a] = total[a, :]
        size[a] += size[b]
        alive[b] = False
        members[a].extend(members.pop(b))
        mean[b, :] = -np.inf
        mean[:, b] = -np.inf
        row = np.where(alive, total[a, :] / (size[a] * size), -np.inf)
        row[a] = -np.inf
        mean[a, :] = row
        mean[:, a] = row
        best[b] = -np.inf
        # Rows whose best was a or b are searched again; in the others only column a moved.
        lost = np.flatnonzero(alive & ((best_col == a) | (best_col == b)))
        lost = lost[lost != a]
        if lost.size:
            best_col[lost] = np.argmax(mean[lost], axis=1)
            best[lost] = mean[lost, best_col[lost]]
        better = alive & ((row > best) | ((row == best) & (a < best_col)))
        better[a] = False
        better[lost] = False
        best_col[better] = a
        best[better] = row[better]
        best_col[a] = int(np.argmax(mean[a]))
        best[a] = mean[a, best_col[a]]
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def _join_lone_articles(clusters: Sequence[Sequence[int]], sims: np.ndarray) -> list[list[int]]:
    """Each article left alone joins its nearest article's cluster when they are at least
    ``NEIGHBOUR_JOIN`` alike (a short report of a story has a low mean similarity to a long
    story but one close neighbour)."""
    out = [list(c) for c in clusters]
    owner = {i: k for k, c in enumerate(out) for i in c}
    for k, cluster in enumerate(out):
        if len(cluster) != 1:
            continue
        i = cluster[0]
        j = int(sims[i].argmax())
        if sims[i, j] >= NEIGHBOUR_JOIN and owner[j] != k:
            out[owner[j]].append(i)
            cluster.clear()
            owner[i] = owner[j]
    return [sorted(c) for c in out if c]


def _headline(article: Article, passages: Sequence[Passage]) -> str:
    """The article's title, else its first passage, cut at a clause (``text.labels``)."""
    if article.title:
        return short_label(article.title)
    return short_label(next((p.text for p in passages if p.kind in ALIGNABLE_KINDS), article.id))


def _why_alone(
    i: int,
    clusters: Sequence[Sequence[int]],
    sims: np.ndarray,
    articles: Sequence[Article],
    by_article: Mapping[str, Sequence[Passage]],
    threshold: float,
) -> str:
    """Why article ``i`` is alone: the other story (or article) it comes closest to, by the
    mean similarity that decides, and the threshold."""
    others = [c for c in clusters if i not in c]
    if not others:
        return "shares no story with the others"
    best = max(others, key=lambda c: (float(sims[i, list(c)].mean()), -c[0]))
    mean = float(sims[i, list(best)].mean())
    if mean <= 0.0:
        return (
            "shares no story with the others: no name, place or figure of three digits "
            "in common with any of them"
        )
    if len(best) == 1:
        closest = f"article {articles[best[0]].id}"
    else:
        closest = f"the story of {len(best)} articles with {articles[best[0]].id}"
    return (
        f"shares no story with the others: closest is {closest} "
        f"(mean similarity {mean:.2f}, a story needs {threshold:.2f})"
    )


def split_stories(
    articles: Sequence[Article],
    passages: Sequence[Passage],
    threshold: float = THRESHOLD,
) -> tuple[StoryPart, ...]:
    """The stories among ``articles``: largest first (ties: in story order), each article in
    exactly one; an article alone in its part carries the reason it shares no story.

    The label of a story is the headline of its most central article (the highest mean
    similarity to the other members), so a picker reads like a list of headlines.
    """
    by_article: dict[str, list[Passage]] = {}
    for p in passages:
        by_article.setdefault(p.article, []).append(p)
    if len(articles) < 2:
        return tuple(
            StoryPart(f"s{n}", _headline(a, by_article.get(a.id, ())), (a.id,))
            for n, a in enumerate(articles, 1)
        )
    # Each article's terms depend on it alone: both cores, merged in order (``parallel``).
    terms = parallel_map(
        lambda a: article_terms(a, by_article.get(a.id, ())),
        articles,
        cost=lambda a: float(len(by_article.get(a.id, ()))),
        min_items=TERMS_PARALLEL,
    )
    terms = _names_everywhere(terms)
    sims = similarity_matrix(terms)
    clusters = sorted(
        _join_lone_articles(average_linkage(sims, threshold), sims),
        key=lambda m: (-len(m), m[0]),
    )
    parts: list[StoryPart] = []
    for n, cluster in enumerate(clusters, 1):
        reason = ""
        if len(cluster) == 1:
            reason = _why_alone(cluster[0], clusters, sims, articles, by_article, threshold)
            central = cluster[0]
        else:
            inner = sims[cluster][:, cluster].sum(axis=1)
            central = cluster[int(inner.argmax())]
        label = _headline(articles[central], by_article.get(articles[central].id, ()))
        parts.append(
            StoryPart(f"s{n}", label, tuple(articles[i].id for i in cluster), reason=reason)
        )
    return tuple(parts)
