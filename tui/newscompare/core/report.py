"""Headless reports of a story: ``newscompare.report/1`` JSON and a markdown digest.

The JSON is the contract for scripts and research (documented in ``docs/report-schema.md``);
the markdown is for people: per event group, what each outlet says and what differs.
"""

from __future__ import annotations

from typing import Any

from newscompare import __version__
from newscompare.core.model.index import StoryIndex
from newscompare.core.model.story import Comparison, Divergence, Passage, Story

SCHEMA = "newscompare.report/1"


def _passage_json(p: Passage) -> dict[str, Any]:
    return {
        "id": p.id,
        "text": p.text,
        "kind": p.kind,
        "start": p.start,
        "end": p.end,
        "paragraph": p.paragraph,
    }


def _divergence_json(d: Divergence) -> dict[str, Any]:
    return {
        "kind": d.kind,
        "a": d.a,
        "b": d.b,
        "a_span": list(d.a_span),
        "b_span": list(d.b_span),
        "note": d.note,
    }


def to_json(story: Story) -> dict[str, Any]:
    """The report as plain data (``json.dumps`` it)."""
    index = StoryIndex(story)
    comparisons = {(c.pair.a, c.pair.b): c for c in story.comparisons}
    omitted = index.omitted_groups()
    articles = []
    for a in story.articles:
        articles.append(
            {
                "id": a.id,
                "path": a.path,
                "outlet": a.outlet,
                "title": a.title,
                "date": a.date,
                "url": a.url,
                "passages": [_passage_json(p) for p in index.passages_of.get(a.id, ())],
                "omits": list(omitted.get(a.id, ())),
            }
        )
    pairs = []
    for pair in story.alignment.pairs:
        comparison = comparisons.get((pair.a, pair.b))
        pairs.append(
            {
                "a": pair.a,
                "b": pair.b,
                "score": round(pair.score, 4),
                "relation": comparison.relation if comparison else None,
                "divergences": [_divergence_json(d) for d in comparison.divergences]
                if comparison
                else [],
            }
        )
    return {
        "schema": SCHEMA,
        "generator": {"name": "newscompare", "version": __version__},
        "articles": articles,
        "pairs": pairs,
        "groups": [
            {"id": g.id, "label": g.label, "passages": list(g.passages)}
            for g in story.alignment.groups
        ],
        "unmatched": list(story.alignment.unmatched),
        "problems": [str(p) for p in story.problems],
    }


def _quote(text: str) -> str:
    """One passage as a markdown blockquote line; markdown-significant characters escaped."""
    flat = " ".join(text.split())
    for ch in ("\\", "`", "*", "_", "[", "]", "<", ">", "#", "|"):
        flat = flat.replace(ch, "\\" + ch)
    return flat


def _divergence_line(d: Divergence) -> str:
    a = _quote(d.a) or "(nothing)"
    b = _quote(d.b) or "(nothing)"
    note = _quote(d.note)
    if note and d.a and d.b and _quote(d.a) in note and _quote(d.b) in note:
        return f"- **{d.kind}**: {note}"  # the note already names both values
    return f"- **{d.kind}**: “{a}” vs “{b}”" + (f" ({note})" if note else "")


def to_markdown(story: Story) -> str:
    """A digest for people: events, what each outlet says, what differs, what is unique."""
    index = StoryIndex(story)
    lines: list[str] = ["# newscompare report", ""]
    lines.append(
        f"{len(story.articles)} articles, {len(story.alignment.groups)} events, "
        f"{len(story.alignment.pairs)} aligned pairs."
    )
    lines.append("")
    lines.append("| # | outlet | title | date |")
    lines.append("|---|---|---|---|")
    for n, a in enumerate(story.articles, 1):
        lines.append(f"| {n} | {_quote(a.outlet)} | {_quote(a.title)} | {a.date or ''} |")
    lines.append("")
    if story.problems:
        lines.append("## Problems while loading")
        lines.append("")
        lines.extend(f"- {_quote(str(p))}" for p in story.problems)
        lines.append("")
    comparisons_by_group: dict[str, list[Comparison]] = {}
    for c in story.comparisons:
        group = index.group_of.get(c.pair.a)
        if group is not None:
            comparisons_by_group.setdefault(group.id, []).append(c)
    for group in story.alignment.groups:
        lines.append(f"## Event {group.id}: {_quote(group.label)}")
        lines.append("")
        reporting = index.articles_in(group)
        for article_id in reporting:
            outlet = index.articles[article_id].outlet
            for pid in group.passages:
                p = index.passages[pid]
                if p.article == article_id:
                    lines.append(f"- **{_quote(outlet)}** ({p.id}): {_quote(p.text)}")
        reported = set(reporting)
        missing = [a.outlet for a in story.articles if a.id not in reported]
        if missing:
            lines.append(f"- *Not reported by:* {', '.join(_quote(m) for m in missing)}")
        lines.append("")
        for c in comparisons_by_group.get(group.id, []):
            if not c.divergences:
                continue
            oa = index.articles[index.passages[c.pair.a].article].outlet
            ob = index.articles[index.passages[c.pair.b].article].outlet
            lines.append(
                f"**{_quote(oa)} vs {_quote(ob)}** ({c.pair.a} ~ {c.pair.b}, "
                f"score {c.pair.score:.2f}, {c.relation}):"
            )
            lines.append("")
            lines.extend(_divergence_line(d) for d in c.divergences)
            lines.append("")
    if story.alignment.unmatched:
        lines.append("## Reported by one outlet only")
        lines.append("")
        own_by_article: dict[str, list[Passage]] = {}
        for pid in story.alignment.unmatched:
            own_by_article.setdefault(index.passages[pid].article, []).append(index.passages[pid])
        for article in story.articles:
            own = own_by_article.get(article.id)
            if not own:
                continue
            lines.append(f"### {_quote(article.outlet)}")
            lines.append("")
            lines.extend(f"- ({p.id}) {_quote(p.text)}" for p in own)
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
