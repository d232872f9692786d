"""Align passages that report the same event across articles.

Public API: ``align(articles, passages, settings) -> Alignment``.

Every article of a story shares its topic, so similarity of wording or topic is useless: the
passages a reader wants side by side share *specific* content. The engine therefore:

1. prepares each title/body passage into weighted canonical tokens (``prepare``): folding,
   aliases and news-event synonyms, vocabulary clustering for morphology/spelling, IDF weights
   over the story with extra weight for anchors (names, numbers, dates, quoted words) and
   event words (what happened: killed, escaped, voted);
2. finds candidate pairs through an inverted index of distinctive tokens (``candidates``), so
   cost stays far below all-pairs;
3. scores each candidate in 0..1 from the weighted overlap (over the smaller side, blended with
   the coverage of both sides; for passages of several sentences part of it must come from one
   sentence of each) and a ``rapidfuzz`` similarity of the prepared strings, computed for all
   candidates at once (``process.cpdist``, all cores);
4. keeps, for each passage and each other article, only its best matches (top-k, mutual), so a
   passage can match several passages of one article but topic-only look-alikes drop out;
5. groups the pairs into events (``groups``) and lists title/body passages with no counterpart.

Order of articles and events in the output never matters for the result; output is sorted so
the same input always gives the same pairs in the same order.
"""

from __future__ import annotations

import dataclasses
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newscompare.core.lexicons.aliases import BUILTIN_ALIASES, BUILTIN_EVENTS, merge_aliases
from newscompare.core.model.settings import AlignSettings
from newscompare.core.model.story import ALIGNABLE_KINDS, Alignment, Article, Group, Pair, Passage

if TYPE_CHECKING:
    # The reader's start time pays for every top-level import, so numpy, rapidfuzz and the
    # engine modules that need them are imported inside the functions that use them.
    import numpy as np

    from newscompare.core.align.candidates import Candidates
    from newscompare.core.align.prepare import PreparedStory


def _pair_scores(
    prepared: PreparedStory, candidates: Candidates, settings: AlignSettings
) -> np.ndarray:
    """0..1 score per candidate: weighted overlap blended with rapidfuzz surface similarity."""
    import numpy as np
    from rapidfuzz import fuzz, process

    totals = np.asarray([sum(w) for w in prepared.weights], dtype=np.float64)
    positive = [w for row in prepared.weights for w in row if w > 0.0]
    # statistics.median: np.median imports numpy.ma (~40 ms) on its first call.
    median = float(statistics.median(positive)) if positive else 1.0
    floor = max(settings.evidence_tokens * median, 1e-9)
    enough = max(settings.clause_tokens * median, floor)
    wa, wb = totals[candidates.first], totals[candidates.second]
    smaller = np.clip(np.minimum(wa, wb), floor, enough)

    def content_of(shared: np.ndarray) -> np.ndarray:
        overlap = np.minimum(shared / smaller, 1.0)
        coverage = np.minimum(2.0 * shared / np.maximum(wa + wb, 1e-9), 1.0)
        share = settings.coverage_weight
        return np.asarray((1.0 - share) * overlap + share * coverage, dtype=np.float64)

    # Only pairs that can still reach the lowest score anything keeps need more work.
    lam, lowest = settings.surface_weight, settings.lowest_kept()
    content = content_of(candidates.shared)
    if settings.sentence_share > 0.0 and prepared.sentences and len(candidates):
        # Only pairs that could still reach a threshold, and hold a passage of several
        # sentences, can change (the best sentence pair never shares more than the passages).
        several = np.asarray([bool(x) for x in prepared.sentences], dtype=bool)
        check = np.flatnonzero(
            ((1.0 - lam) * content + lam >= lowest)
            & (several[candidates.first] | several[candidates.second])
        )
        if check.size:
            best = np.asarray(
                [
                    _sentence_overlap(prepared, i, j)
                    for i, j in zip(
                        candidates.first[check].tolist(),
                        candidates.second[check].tolist(),
                        strict=True,
                    )
                ],
                dtype=np.float64,
            )
            shared = np.asarray(candidates.shared, dtype=np.float64).copy()
            sigma = settings.sentence_share
            shared[check] = (1.0 - sigma) * shared[check] + sigma * best
            content = content_of(shared)
    if settings.surface_weight <= 0.0 or len(candidates) == 0:
        return np.asarray(content, dtype=np.float64)
    # Only pairs that can still reach it need the (costlier) surface score.
    hopeful = np.flatnonzero((1.0 - lam) * content + lam >= lowest)
    # In big stories a passage can have hundreds of hopeful candidates (wire copies); only its
    # best ones by word score can end among its ``max_partners``, so only they get a surface
    # score (small stories never reach the limit, so their result is exact).
    limit = 2 * settings.max_partners
    if hopeful.size > limit:
        none = np.zeros(hopeful.size, dtype=np.int64)
        first, second, by_words = (
            candidates.first[hopeful],
            candidates.second[hopeful],
            content[hopeful],
        )
        best = _ranked_keep(first, none, by_words, limit, 0.0) | _ranked_keep(
            second, none, by_words, limit, 0.0
        )
        hopeful = hopeful[best]
    surface = np.zeros(len(candidates), dtype=np.float64)
    if hopeful.size:
        strings = [" ".join(prepared.vocabulary[t] for t in row) for row in prepared.tokens]
        left = [strings[i] for i in candidates.first[hopeful].tolist()]
        right = [strings[j] for j in candidates.second[hopeful].tolist()]
        scored = process.cpdist(left, right, scorer=fuzz.token_set_ratio, workers=-1)
        surface[hopeful] = np.asarray(scored, dtype=np.float64) / 100.0
    return np.asarray((1.0 - lam) * content + lam * surface, dtype=np.float64)


def _sentence_overlap(prepared: PreparedStory, i: int, j: int) -> float:
    """The largest weighted overlap between one sentence of passage i and one of passage j."""
    weight_i = dict(zip(prepared.tokens[i], prepared.weights[i], strict=True))
    weight_j = dict(zip(prepared.tokens[j], prepared.weights[j], strict=True))
    sentences_i = prepared.sentences[i] or (frozenset(prepared.tokens[i]),)
    sentences_j = prepared.sentences[j] or (frozenset(prepared.tokens[j]),)
    best = 0.0
    for si in sentences_i:
        for sj in sentences_j:
            shared = sum(min(weight_i[t], weight_j[t]) for t in si & sj)
            best = max(best, shared)
    return best


def _ranked_keep(
    source: np.ndarray, bucket: np.ndarray, score: np.ndarray, limit: int, second_ratio: float
) -> np.ndarray:
    """Mask of edges among the ``limit`` best of their (source, bucket), near enough the best."""
    import numpy as np

    order = np.lexsort((-score, bucket, source))
    s, b, sc = source[order], bucket[order], score[order]
    new_group = np.ones(len(order), dtype=bool)
    new_group[1:] = (s[1:] != s[:-1]) | (b[1:] != b[:-1])
    starts = np.flatnonzero(new_group)
    group_id = np.cumsum(new_group) - 1
    rank = np.arange(len(order)) - starts[group_id]
    best = sc[starts][group_id]
    keep_sorted = (rank < limit) & (sc >= second_ratio * best)
    keep = np.zeros(len(order), dtype=bool)
    keep[order] = keep_sorted
    return keep


def select_pairs(
    first: np.ndarray,
    second: np.ndarray,
    score: np.ndarray,
    article_of: np.ndarray,
    settings: AlignSettings,
) -> np.ndarray:
    """Indices of the candidate pairs to keep: top-k per passage and article, both ways."""
    import numpy as np

    limit, ratio = settings.per_article, settings.second_ratio
    forward = _ranked_keep(first, article_of[second], score, limit, ratio)
    backward = _ranked_keep(second, article_of[first], score, limit, ratio)
    kept = np.flatnonzero(forward & backward)
    if kept.size == 0:
        return kept
    # Cap counterparts per passage in the whole story (both ends), best first.
    none = np.zeros(kept.size, dtype=np.int64)
    f, s, sc = first[kept], second[kept], score[kept]
    cap = settings.max_partners
    ok = _ranked_keep(f, none, sc, cap, 0.0) & _ranked_keep(s, none, sc, cap, 0.0)
    return np.asarray(kept[ok], dtype=np.int64)


@dataclass(frozen=True, slots=True)
class ScoredStory:
    """Every candidate pair of a story with its score (before selection and grouping)."""

    alignable: tuple[Passage, ...]  # title/body passages in story order
    prepared: PreparedStory
    article_of: np.ndarray  # passage index -> article rank
    candidates: Candidates
    scores: np.ndarray  # one 0..1 score per candidate


def _alignable(articles: Sequence[Article], passages: Sequence[Passage]) -> tuple[Passage, ...]:
    """Title and body passages of the story's articles, in story order."""
    rank = {a.id: i for i, a in enumerate(articles)}
    return tuple(
        sorted(
            (p for p in passages if p.kind in ALIGNABLE_KINDS and p.article in rank),
            key=lambda p: rank[p.article],
        )
    )


def score_story(
    articles: Sequence[Article], passages: Sequence[Passage], settings: AlignSettings
) -> ScoredStory:
    """Prepare the story's title/body passages and score all candidate pairs."""
    return _with_dates(word_scores(articles, passages, settings), articles, settings)


def _with_dates(
    scored: ScoredStory, articles: Sequence[Article], settings: AlignSettings
) -> ScoredStory:
    """The scores lowered where the passages' dates disagree (``_dates_against``)."""
    if settings.date_conflict_penalty <= 0.0 or not len(scored.candidates):
        return scored
    date_of = {a.id: a.date for a in articles}
    scores = _dates_against(scored.alignable, date_of, scored.candidates, scored.scores, settings)
    return dataclasses.replace(scored, scores=scores)


def word_scores(
    articles: Sequence[Article], passages: Sequence[Passage], settings: AlignSettings
) -> ScoredStory:
    """The story's candidate pairs scored on their words alone (before the dates are read)."""
    import numpy as np

    from newscompare.core.align.candidates import Candidates, find_candidates
    from newscompare.core.align.prepare import prepare_story

    article_rank = {a.id: i for i, a in enumerate(articles)}
    date_of = {a.id: a.date for a in articles}
    alignable = _alignable(articles, passages)
    aliases = merge_aliases(BUILTIN_ALIASES if settings.builtin_aliases else {}, settings.aliases)
    events = merge_aliases(BUILTIN_EVENTS if settings.builtin_aliases else {}, settings.events)
    aliases = merge_aliases(aliases, events)
    prepared = prepare_story(
        [p.text for p in alignable],
        aliases,
        anchor_weight=settings.anchor_weight,
        quote_weight=settings.quote_weight,
        fuzzy_ratio=settings.fuzzy_ratio,
        ceiling_minimum=settings.ceiling_minimum,
        ceiling_scale=settings.ceiling_scale,
        dropped=settings.ignore,
        event_words=frozenset(key.lower() for key in events),
        event_weight=settings.event_weight,
        # Dates become the days they name only when every article has a date: a dated
        # article's "@2021-07-22" would no longer meet an undated one's "Thursday".
        article_dates=(
            [date_of.get(p.article) for p in alignable] if all(date_of.values()) else ()
        ),
    )
    article_of = np.asarray([article_rank[p.article] for p in alignable], dtype=np.int64)
    n = len(alignable)
    limit = max(settings.distinctive_articles * len(articles), settings.distinctive_share * n)
    distinctive = [df <= limit for df in prepared.document_frequency]
    found = find_candidates(prepared.tokens, prepared.weights, article_of.tolist(), distinctive)
    enough = (found.count >= settings.min_shared_tokens) & (
        found.distinctive >= settings.min_distinctive
    )
    candidates = Candidates(
        found.first[enough],
        found.second[enough],
        found.shared[enough],
        found.count[enough],
        found.distinctive[enough],
    )
    scores = _pair_scores(prepared, candidates, settings)
    if settings.depth_penalty > 0.0 and len(candidates):
        rank = np.zeros(n, dtype=np.float64)
        counters: dict[str, int] = {}
        for index, p in enumerate(alignable):
            rank[index] = counters.get(p.article, 0)
            counters[p.article] = int(rank[index]) + 1
        depth = np.maximum(rank[candidates.first], rank[candidates.second])
        beyond = np.maximum(depth - settings.lead_passages, 0.0)
        scores = scores / (1.0 + settings.depth_penalty * beyond)
    return ScoredStory(alignable, prepared, article_of, candidates, scores)


#: Alignable passages from which a story's facts are read on the second core while the first
#: prepares and scores it (below this, the fork costs more than the reading).
READ_AHEAD = 1000


def _score_reading_facts(
    articles: Sequence[Article], passages: Sequence[Passage], settings: AlignSettings
) -> ScoredStory:
    """``score_story``, with what every passage states (``factmatch.read_facts``) read
    meanwhile in a forked child where a second core is free: the date and fact rules that
    follow, and the divergences, then find it in the memo tables. The same result as one core
    (the facts are a pure function of each passage); on one core, in a child of
    ``parallel_map`` or in a small story, the facts are read when first asked, as before."""
    from newscompare.core.align import factmatch
    from newscompare.core.model.parallel import can_fork, parallel_map, worker_count

    alignable = _alignable(articles, passages)
    if len(alignable) < READ_AHEAD or worker_count() < 2 or not can_fork():
        return score_story(articles, passages, settings)
    date_of = {a.id: a.date for a in articles}
    texts = [p.text for p in alignable]
    dates = [date_of.get(p.article) for p in alignable]

    def task(which: int) -> object:
        if which == 0:  # the costlier share, which the calling process keeps
            return word_scores(articles, passages, settings)
        return factmatch.read_facts(texts, dates)

    scored, found = parallel_map(task, [0, 1], cost=lambda which: 2.0 - which)
    factmatch.remember_facts(texts, dates, found)  # type: ignore[arg-type]  # task 1's list
    return _with_dates(scored, articles, settings)  # type: ignore[arg-type]  # task 0's story


def _dates_against(
    alignable: Sequence[Passage],
    date_of: Mapping[str, str | None],
    candidates: Candidates,
    scores: np.ndarray,
    settings: AlignSettings,
) -> np.ndarray:
    """Scores lowered by ``date_conflict_penalty`` where the two passages state times that
    conflict and none that agree: the same kind of event on another day ("on Thursday"
    against "on Monday", two Julys a year apart) is another instance (issue 12.5: dates that
    disagree outright are evidence against). Only candidates that could still be kept are
    read."""
    import numpy as np

    from newscompare.core.align.factmatch import date_conflicts

    check = np.flatnonzero(scores >= settings.lowest_kept())
    if not check.size:
        return scores
    found = date_conflicts(
        [p.text for p in alignable],
        [date_of.get(p.article) for p in alignable],
        candidates.first[check].tolist(),
        candidates.second[check].tolist(),
    )
    out = np.asarray(scores, dtype=np.float64).copy()
    out[check[np.asarray(found, dtype=bool)]] *= 1.0 - settings.date_conflict_penalty
    return out


def _complete_groups(
    scored: ScoredStory,
    groups: Sequence[Group],
    pairs: Sequence[Pair],
    floor: float,
    max_partners: int,
) -> tuple[Pair, ...]:
    """Add the pairs inside each event group that have direct evidence above ``floor``.

    Reports of one event link transitively (A~B, B~C: A, B and C report it), so once the
    strong pairs have built a group, a weaker direct match between two of its passages is
    far more likely the same event than the same score between unrelated passages.
    """
    import numpy as np

    index = {p.id: i for i, p in enumerate(scored.alignable)}
    group_of = np.full(len(scored.alignable), -1, dtype=np.int64)
    for g, group in enumerate(groups):
        group_of[[index[pid] for pid in group.passages]] = g
    c = scored.candidates
    same = (group_of[c.first] >= 0) & (group_of[c.first] == group_of[c.second])
    extra = np.flatnonzero(same & (scored.scores >= floor))
    have = {(index[p.a], index[p.b]) for p in pairs}
    partners = Counter(i for key in have for i in key)
    out = list(pairs)
    # Best first, and never beyond ``max_partners`` counterparts per passage.
    for k in extra[np.argsort(-scored.scores[extra], kind="stable")].tolist():
        i, j = int(c.first[k]), int(c.second[k])
        if (i, j) in have or partners[i] >= max_partners or partners[j] >= max_partners:
            continue
        partners[i] += 1
        partners[j] += 1
        a, b = scored.alignable[i].id, scored.alignable[j].id
        out.append(Pair(a, b, round(float(scored.scores[k]), 4)))
    out.sort(key=lambda p: (index[p.a], index[p.b]))
    return tuple(out)


def _eligible(
    scored: ScoredStory, dates: Mapping[str, str | None], settings: AlignSettings
) -> np.ndarray:
    """Mask of candidates that may be paired: at the threshold, or near it and giving one
    fact differently (``factmatch``)."""
    import numpy as np

    from newscompare.core.align.factmatch import fact_pairs

    scores = scored.scores
    eligible = scores >= settings.threshold
    floor = settings.fact_ratio * settings.threshold
    if floor < settings.threshold:
        near = np.flatnonzero((scores >= floor) & ~eligible)
        if near.size:
            texts = [p.text for p in scored.alignable]
            found = fact_pairs(
                texts,
                [dates.get(p.article) for p in scored.alignable],
                scored.candidates.first[near].tolist(),
                scored.candidates.second[near].tolist(),
            )
            eligible[near[np.asarray(found, dtype=bool)]] = True
    return np.asarray(eligible, dtype=bool)


def align(
    articles: Sequence[Article], passages: Sequence[Passage], settings: AlignSettings
) -> Alignment:
    """Score cross-article passage pairs and group them into events."""
    import numpy as np

    from newscompare.core.align.groups import MAJORITY, build_groups

    ranked = {a.id for a in articles}
    reporting = {p.article for p in passages if p.kind in ALIGNABLE_KINDS and p.article in ranked}
    if len(reporting) < 2:
        return Alignment(unmatched=tuple(p.id for p in _alignable(articles, passages)))
    scored = _score_reading_facts(articles, passages, settings)
    alignable, candidates, scores = scored.alignable, scored.candidates, scored.scores
    dates = {a.id: a.date for a in articles}
    above = np.flatnonzero(_eligible(scored, dates, settings))
    chosen = above[
        select_pairs(
            candidates.first[above],
            candidates.second[above],
            scores[above],
            scored.article_of,
            settings,
        )
    ]
    pairs = []
    for k in chosen.tolist():
        i, j = int(candidates.first[k]), int(candidates.second[k])
        # Passages are in story order, so the lower index belongs to the earlier article.
        pairs.append(Pair(alignable[i].id, alignable[j].id, round(float(scores[k]), 4)))
    # Whether a passage reports a fact with most of an event: every candidate's direct score
    # (only passages in a pair can be in an event).
    paired = np.zeros(len(alignable), dtype=bool)
    paired[candidates.first[chosen]] = True
    paired[candidates.second[chosen]] = True
    useful = np.flatnonzero(paired[candidates.first] & paired[candidates.second])
    evidence = list(
        zip(
            candidates.first[useful].tolist(),
            candidates.second[useful].tolist(),
            scores[useful].tolist(),
            strict=True,
        )
    )
    # Which pairs are kept, and which weaker ones complete an event, is decided on events
    # grown with the looser rule (a cross pair counts at MAJORITY): the pairs they add are
    # right (dense dev gold). The events shown need a cross pair to reach SHARES, so a
    # passage joins one only when it shares the fact with most of it (issue 15.3): the two
    # rules give the same pairs, and the stricter one cleaner events.
    context, kept_pairs = build_groups(
        pairs, alignable, scored.prepared, settings.group_per_article, evidence, shares=MAJORITY
    )
    groups, _ = build_groups(
        kept_pairs, alignable, scored.prepared, settings.group_per_article, evidence
    )
    if settings.group_threshold < settings.threshold and context:
        kept_pairs = _complete_groups(
            scored, context, kept_pairs, settings.group_threshold, settings.max_partners
        )
    in_pair = {pid for pair in kept_pairs for pid in (pair.a, pair.b)}
    unmatched = tuple(p.id for p in alignable if p.id not in in_pair)
    return Alignment(pairs=tuple(kept_pairs), groups=groups, unmatched=unmatched)
