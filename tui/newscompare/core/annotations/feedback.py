"""Apply the reader's links and rejections to an alignment, for the reader and the reports.

A ``link`` adds a pair the engine missed (score 1.0: the reader vouches for it); a ``reject``
removes an engine pair. When both exist for the same two passages the later one wins.

Events change only where the reader's decisions touch them, so untouched events keep their
ids, labels and order:

* a rejected pair inside an event splits it into the parts its remaining pairs still
  connect (an event of one article left dissolves);
* a link joins two *passages*, not two whole events: a passage in no event joins its
  partner's event (or both start a new one); when the two passages already belong to two
  different events, the events stay apart and the link is a pair between them, unless the
  user asks (``annotations.link_merges_events``): one link must not merge two events.

The alignment engine's ``groups.build_groups`` is not reused here on purpose: it drops pairs
that would make a group too large for one article, and a pair the reader added must never be
dropped, nor may removing one pair change which other pairs survive.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from newscompare.core.annotations.anchoring import Anchored, anchor, on_pair
from newscompare.core.annotations.records import (
    Annotation,
    AnnotationInput,
    AnnotationKind,
    parse_time,
    record_for_pair,
)
from newscompare.core.annotations.store import AnnotationStore
from newscompare.core.model.settings import AnnotationSettings, DivergeSettings
from newscompare.core.model.story import Alignment, Comparison, Group, Pair, Passage, Story
from newscompare.core.text.labels import short_label


def _pair_key(a: str, b: str) -> frozenset[str]:
    return frozenset((a, b))


def _decisions(anchored: Sequence[Anchored]) -> dict[frozenset[str], Anchored]:
    """The last link or reject per passage pair (notes do not change the alignment)."""
    latest: dict[frozenset[str], Anchored] = {}
    for item in anchored:
        if item.record.kind == "note":
            continue
        key = _pair_key(item.a, item.b)
        seen = latest.get(key)
        if seen is None or parse_time(item.record.updated) >= parse_time(seen.record.updated):
            latest[key] = item
    return latest


def _components(pairs: Sequence[Pair], order: dict[str, int]) -> list[list[str]]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for pair in pairs:
        ra, rb = find(pair.a), find(pair.b)
        if ra != rb:
            parent[max(ra, rb, key=order.__getitem__)] = min(ra, rb, key=order.__getitem__)
    members: dict[str, list[str]] = {}
    for pid in parent:
        members.setdefault(find(pid), []).append(pid)
    return sorted(
        (sorted(m, key=order.__getitem__) for m in members.values()),
        key=lambda m: order[m[0]],
    )


def _regroup(
    old_groups: Sequence[Group],
    components: list[list[str]],
    passages: dict[str, Passage],
) -> tuple[Group, ...]:
    """Components as groups: each old group's id and label go to the component holding most
    of its passages; the rest get fresh ids (``e<n>`` after the highest used)."""
    claimed: dict[int, Group] = {}
    for group in old_groups:
        members = set(group.passages)
        overlaps = [len(members.intersection(c)) for c in components]
        best = max(range(len(components)), key=lambda i: overlaps[i], default=-1)
        if best >= 0 and overlaps[best] > 0 and best not in claimed:
            claimed[best] = group
    used = {g.id for g in old_groups}
    next_n = 1 + max(
        (int(gid[1:]) for gid in used if gid[:1] == "e" and gid[1:].isdigit()), default=0
    )
    out: list[Group] = []
    for i, component in enumerate(components):
        old = claimed.get(i)
        if old is not None:
            out.append(Group(old.id, old.label, tuple(component)))
            continue
        while f"e{next_n}" in used:
            next_n += 1
        gid = f"e{next_n}"
        used.add(gid)
        # Named as the engine names events: a headline if one is in it, else its first
        # passage, cut at a clause (``text.labels``).
        chosen = next((pid for pid in component if passages[pid].kind == "title"), component[0])
        label = short_label(passages[chosen].text)
        inherited = [g for g in old_groups if set(g.passages).intersection(component)]
        out.append(Group(gid, inherited[0].label if inherited else label, tuple(component)))
    return tuple(out)


def _split(members: Sequence[str], pairs: Sequence[Pair], order: dict[str, int]) -> list[list[str]]:
    """The parts of an event that its remaining inside pairs connect (two or more passages)."""
    inside = set(members)
    own = [p for p in pairs if p.a in inside and p.b in inside]
    return [c for c in _components(own, order) if len(c) >= 2]


def _feedback_components(
    alignment: Alignment,
    new_pairs: Sequence[Pair],
    links: Sequence[tuple[str, str]],
    order: dict[str, int],
    merge_events: bool,
) -> list[list[str]]:
    """The events after the reader's decisions, as lists of passage ids (see the module)."""
    kept = {_pair_key(p.a, p.b) for p in new_pairs}
    removed = [p for p in alignment.pairs if _pair_key(p.a, p.b) not in kept]
    parts: list[list[str]] = []
    for group in alignment.groups:
        inside = set(group.passages)
        if any(p.a in inside and p.b in inside for p in removed):
            parts.extend(_split(group.passages, new_pairs, order))
        else:
            parts.append(list(group.passages))
    where = {pid: n for n, part in enumerate(parts) for pid in part}
    for a, b in links:
        ga, gb = where.get(a), where.get(b)
        if ga is None and gb is None:
            where[a] = where[b] = len(parts)
            parts.append([a, b])
        elif ga is None or gb is None:
            into, pid = (gb, a) if ga is None else (ga, b)
            assert into is not None
            parts[into].append(pid)
            where[pid] = into
        elif ga != gb and merge_events:
            for pid in parts[gb]:
                where[pid] = ga
            parts[ga].extend(parts[gb])
            parts[gb] = []
    out = [sorted(set(part), key=order.__getitem__) for part in parts if part]
    return sorted(out, key=lambda m: order[m[0]])


def apply_feedback(
    alignment: Alignment,
    passages: Sequence[Passage],
    anchored: Sequence[Anchored],
    *,
    merge_events: bool = False,
) -> Alignment:
    """The alignment with the reader's links added and rejected pairs removed.

    ``passages`` are the story's passages in story order (``Story.passages``); ``anchored`` are
    the records re-attached by ``anchoring.anchor`` (orphans are not passed: they cannot apply).
    ``merge_events``: a link between passages of two events merges the events.
    Returns ``alignment`` itself when nothing changes.
    """
    decisions = _decisions(anchored)
    if not decisions:
        return alignment
    order = {p.id: i for i, p in enumerate(passages)}
    by_id = {p.id: p for p in passages}
    pairs: dict[frozenset[str], Pair] = {_pair_key(p.a, p.b): p for p in alignment.pairs}
    links: list[tuple[str, str]] = []
    for key, item in sorted(decisions.items(), key=lambda kv: parse_time(kv[1].record.updated)):
        if item.a not in order or item.b not in order:
            continue
        if item.record.kind == "reject":
            pairs.pop(key, None)
        else:
            a, b = sorted((item.a, item.b), key=order.__getitem__)
            pairs[key] = Pair(a, b, 1.0)
            links.append((a, b))
    new_pairs = tuple(sorted(pairs.values(), key=lambda p: (order[p.a], order[p.b])))
    if new_pairs == alignment.pairs:
        return alignment
    components = _feedback_components(alignment, new_pairs, links, order, merge_events)
    groups = _regroup(alignment.groups, components, by_id)
    in_pair = {pid for pair in new_pairs for pid in (pair.a, pair.b)}
    alignable = set(alignment.unmatched) | {
        pid for pair in alignment.pairs for pid in (pair.a, pair.b)
    }
    unmatched = tuple(p.id for p in passages if p.id in alignable and p.id not in in_pair)
    return Alignment(pairs=new_pairs, groups=groups, unmatched=unmatched)


def story_with_feedback(
    story: Story,
    anchored: Sequence[Anchored],
    settings: DivergeSettings,
    *,
    merge_events: bool = False,
) -> Story:
    """``apply_feedback`` on a whole story: comparisons are kept for surviving pairs and
    computed for pairs the reader added (and for pairs whose score a link changed)."""
    alignment = apply_feedback(story.alignment, story.passages, anchored, merge_events=merge_events)
    if alignment is story.alignment:
        return story
    # Imported on first use: the reader applies (usually no) feedback to every story it shows,
    # and the divergence engine is only needed for a pair the reader added.
    from newscompare.core.diverge.compare import compare

    known = {(c.pair.a, c.pair.b): c for c in story.comparisons}
    articles = {a.id: a for a in story.articles}
    passages = {p.id: p for p in story.passages}
    comparisons: list[Comparison] = []
    for pair in alignment.pairs:
        old = known.get((pair.a, pair.b))
        if old is not None:
            comparisons.append(old if old.pair == pair else dataclasses.replace(old, pair=pair))
            continue
        pa, pb = passages[pair.a], passages[pair.b]
        comparisons.append(
            compare(pair, pa, pb, articles[pa.article], articles[pb.article], settings)
        )
    changed = dataclasses.replace(story, alignment=alignment, comparisons=tuple(comparisons))
    # The events changed, so their times do: computed again from the new groups.
    from newscompare.core.align.timeline import timeline

    return dataclasses.replace(changed, timeline=timeline(changed))


@dataclass(frozen=True, slots=True)
class Applied:
    """Saved annotations applied to one engine story: what ``AnnotatedStory`` holds, computed
    by a pure function so a worker thread can do it (anchoring 300 records to a 200-article
    story takes a third of a second) and the UI thread only installs the result."""

    base: Story
    records: tuple[Annotation, ...]
    anchored: tuple[Anchored, ...]
    orphans: tuple[Annotation, ...]
    story: Story


def apply_annotations(
    records: Sequence[Annotation],
    base: Story,
    settings: AnnotationSettings,
    diverge: DivergeSettings,
) -> Applied:
    """Anchor ``records`` to ``base``'s passages and apply their links and rejections."""
    anchored, orphans = anchor(records, base.articles, base.passages, settings.anchor_threshold)
    story = story_with_feedback(base, anchored, diverge, merge_events=settings.link_merges_events)
    return Applied(base, tuple(records), tuple(anchored), tuple(orphans), story)


class AnnotatedStory:
    """The engine's story with the reader's annotations applied, kept in step with the store.

    Feedback is always applied to the engine's own story (``base``), never on top of an
    already-annotated one, so deleting a rejection brings the engine's pair back. The app
    holds one of these: ``story`` is what it shows; ``note``/``link``/``reject`` save at once
    (``UserError`` when the store is read-only or cannot save) and recompute ``story``.
    """

    def __init__(
        self,
        store: AnnotationStore,
        base: Story,
        settings: AnnotationSettings,
        diverge: DivergeSettings,
        applied: Applied | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.diverge = diverge
        self.base = base
        self.story = base
        self.anchored: tuple[Anchored, ...] = ()
        self.orphans: tuple[Annotation, ...] = ()
        if applied is None or applied.base is not base:
            self.update()
        else:
            self.adopt(applied)

    def update(self, base: Story | None = None) -> Story:
        """Re-anchor and re-apply (after a change, another process's save, or a re-align)."""
        if base is not None:
            self.base = base
        return self._install(
            apply_annotations(self.store.records, self.base, self.settings, self.diverge)
        )

    def adopt(self, applied: Applied) -> Story:
        """Show ``applied`` (computed elsewhere from ``applied.base``); recomputed here only if
        the records changed since it was computed."""
        self.base = applied.base
        if applied.records != self.store.records:
            return self.update()
        return self._install(applied)

    def _install(self, applied: Applied) -> Story:
        self.anchored, self.orphans, self.story = applied.anchored, applied.orphans, applied.story
        return self.story

    def notes_on(self, passage_a: str, passage_b: str) -> list[Annotation]:
        """The labelled notes on this pair (either order), oldest first."""
        return [
            x.record
            for x in on_pair(self.anchored, passage_a, passage_b)
            if x.record.kind == "note"
        ]

    def _add(self, kind: AnnotationKind, a: str, b: str, given: AnnotationInput) -> Annotation:
        index = {x.id: x for x in self.base.articles}, {p.id: p for p in self.base.passages}
        record = record_for_pair(kind, index[0], index[1], a, b, given.label, given.note)
        self.store.add(record)
        self.update()
        return record

    def note(self, passage_a: str, passage_b: str, given: AnnotationInput) -> Annotation:
        """``a``: label the pair; edits the pair's existing note rather than adding a second."""
        existing = self.notes_on(passage_a, passage_b)
        if existing:
            changed = self.store.update(existing[0].id, label=given.label, note=given.note)
            self.update()
            return changed
        return self._add("note", passage_a, passage_b, given)

    def link(
        self, passage_a: str, passage_b: str, given: AnnotationInput | None = None
    ) -> Annotation:
        """``l``: a pair the engine missed."""
        return self._add("link", passage_a, passage_b, given or AnnotationInput("", ""))

    def reject(self, passage_a: str, passage_b: str) -> Annotation:
        """``x``: the engine's pair is wrong."""
        return self._add("reject", passage_a, passage_b, AnnotationInput("", ""))
