"""Headless reports of a story: ``newscompare.report/1`` JSON and a markdown digest.

The JSON is the contract for scripts and research (documented in ``docs/report-schema.md``);
the markdown is for people: per event group, what each outlet says and what differs.

Reports are often printed straight to a terminal, so every string that came from outside
(article text, outlets, titles, paths, URLs, loading problems) passes ``sanitize`` here, in
both formats: the JSON holds no control character other than newline and tab (not even
escaped as ``\u001b``), no C1 control and no bidi override. Ids are the engine's own slugs.
"""

from __future__ import annotations

from typing import Any

import msgspec

from newscompare import __version__
from newscompare.core.model.index import StoryIndex
from newscompare.core.model.sanitize import sanitize
from newscompare.core.model.story import Comparison, Divergence, Passage, Story

SCHEMA = "newscompare.report/1"


# --- the JSON report's schema: one Struct per object of docs/report-schema.md ---------------
# Field order is the order keys are written in.


class ReportPassage(msgspec.Struct):
    id: str
    text: str
    kind: str
    start: int
    end: int
    paragraph: int


class ReportArticle(msgspec.Struct):
    id: str
    path: str
    outlet: str
    title: str
    date: str | None
    url: str | None
    passages: list[ReportPassage]
    omits: list[str]


class ReportDivergence(msgspec.Struct):
    kind: str
    a: str
    b: str
    a_span: list[int]
    b_span: list[int]
    note: str


class ReportPair(msgspec.Struct):
    a: str
    b: str
    score: float
    relation: str | None
    divergences: list[ReportDivergence]


class ReportGroup(msgspec.Struct):
    id: str
    label: str
    passages: list[str]


class Generator(msgspec.Struct):
    name: str
    version: str


class Report(msgspec.Struct):
    """``newscompare.report/1``: what ``align --format json`` writes."""

    schema: str
    generator: Generator
    articles: list[ReportArticle]
    pairs: list[ReportPair]
    groups: list[ReportGroup]
    unmatched: list[str]
    problems: list[str]


def _line(text: str | None) -> str | None:
    return None if text is None else sanitize(text, "line")


def _passage(p: Passage) -> ReportPassage:
    return ReportPassage(p.id, sanitize(p.text), p.kind, p.start, p.end, p.paragraph)


def _divergence(d: Divergence) -> ReportDivergence:
    return ReportDivergence(
        d.kind, sanitize(d.a), sanitize(d.b), list(d.a_span), list(d.b_span), sanitize(d.note)
    )


def report(story: Story) -> Report:
    """The story as the typed JSON report."""
    index = StoryIndex(story)
    comparisons = {(c.pair.a, c.pair.b): c for c in story.comparisons}
    omitted = index.omitted_groups()
    articles = [
        ReportArticle(
            id=a.id,
            path=sanitize(a.path, "line"),
            outlet=sanitize(a.outlet, "line"),
            title=sanitize(a.title, "line"),
            date=_line(a.date),
            url=_line(a.url),
            passages=[_passage(p) for p in index.passages_of.get(a.id, ())],
            omits=list(omitted.get(a.id, ())),
        )
        for a in story.articles
    ]
    pairs = []
    for pair in story.alignment.pairs:
        comparison = comparisons.get((pair.a, pair.b))
        pairs.append(
            ReportPair(
                a=pair.a,
                b=pair.b,
                score=round(pair.score, 4),
                relation=comparison.relation if comparison else None,
                divergences=[_divergence(d) for d in comparison.divergences] if comparison else [],
            )
        )
    return Report(
        schema=SCHEMA,
        generator=Generator("newscompare", __version__),
        articles=articles,
        pairs=pairs,
        groups=[
            ReportGroup(g.id, sanitize(g.label, "line"), list(g.passages))
            for g in story.alignment.groups
        ],
        unmatched=list(story.alignment.unmatched),
        problems=[sanitize(str(p), "line") for p in story.problems],
    )


def to_json(story: Story) -> dict[str, Any]:
    """The report as plain data (dicts and lists), e.g. for scripts and the scorer."""
    data: dict[str, Any] = msgspec.to_builtins(report(story))
    return data


def json_text(story: Story) -> str:
    """The report as indented JSON text, as ``json.dumps(..., ensure_ascii=False, indent=2)``
    writes it, plus a final newline (msgspec writes it in milliseconds; the standard library
    falls back to its pure-Python encoder with ``indent``: 0.2 s for 200 articles)."""
    encoded = msgspec.json.format(msgspec.json.encode(report(story)), indent=2)
    return encoded.decode("utf-8") + "\n"


def _quote(text: str) -> str:
    """One passage as a markdown blockquote line: one safe line (``sanitize``), markdown-
    significant characters escaped."""
    flat = sanitize(" ".join(text.split()), "line")
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
        lines.append(f"| {n} | {_quote(a.outlet)} | {_quote(a.title)} | {_quote(a.date or '')} |")
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
