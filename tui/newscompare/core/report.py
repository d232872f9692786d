"""Headless reports of a story: ``newscompare.report/1`` JSON and a markdown digest.

The JSON is the contract for scripts and research (documented in ``docs/report-schema.md``);
the markdown is for people: per event group, what each outlet says and what differs.

Reports are often printed straight to a terminal, so every string that came from outside
(article text, outlets, titles, paths, URLs, loading problems) passes ``sanitize`` here, in
both formats: the JSON holds no control character other than newline and tab (not even
escaped as ``\u001b``), no C1 control and no bidi override. Ids are the engine's own slugs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import msgspec

from newscompare import __version__
from newscompare.core.align.timeline import Coverage, coverage_of, story_timeline
from newscompare.core.model.index import StoryIndex, story_parts
from newscompare.core.model.sanitize import sanitize
from newscompare.core.model.story import (
    Article,
    Comparison,
    Divergence,
    EventTime,
    Group,
    Passage,
    Story,
    StoryPart,
)

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
    date_source: str | None
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


class ReportStated(msgspec.Struct):
    passage: str
    date: str
    until: str


class ReportCoverage(msgspec.Struct):
    article: str
    coverage: str
    passages: list[str]
    dates: list[ReportStated]


class ReportEventTime(msgspec.Struct):
    group: str
    story: str | None
    label: str
    date: str | None
    until: str | None
    precision: str | None
    source: str | None
    first_report: str | None
    articles: list[ReportCoverage]


class Generator(msgspec.Struct):
    name: str
    version: str


class ReportStory(msgspec.Struct):
    id: str
    label: str
    articles: list[str]
    groups: list[str]
    reason: str


class Report(msgspec.Struct):
    """``newscompare.report/1``: what ``align --format json`` writes."""

    schema: str
    generator: Generator
    stories: list[ReportStory]
    articles: list[ReportArticle]
    pairs: list[ReportPair]
    groups: list[ReportGroup]
    unmatched: list[str]
    problems: list[str]
    timeline: list[ReportEventTime]


def _line(text: str | None) -> str | None:
    return None if text is None else sanitize(text, "line")


def _passage(p: Passage) -> ReportPassage:
    return ReportPassage(p.id, sanitize(p.text), p.kind, p.start, p.end, p.paragraph)


def _divergence(d: Divergence) -> ReportDivergence:
    return ReportDivergence(
        d.kind, sanitize(d.a), sanitize(d.b), list(d.a_span), list(d.b_span), sanitize(d.note)
    )


def _groups_by_part(index: StoryIndex) -> dict[str, list[Group]]:
    """Each story's events (a group's passages all come from one story's articles)."""
    out: dict[str, list[Group]] = {}
    for g in index.story.alignment.groups:
        part = index.part_of.get(index.passages[g.passages[0]].article) if g.passages else None
        if part is not None:
            out.setdefault(part.id, []).append(g)
    return out


def report(story: Story) -> Report:
    """The story as the typed JSON report."""
    index = StoryIndex(story)
    by_part = _groups_by_part(index)
    stories = [
        ReportStory(
            part.id,
            sanitize(part.label, "line"),
            list(part.articles),
            [g.id for g in by_part.get(part.id, ())],
            sanitize(part.reason, "line"),
        )
        for part in story_parts(story)
    ]
    comparisons = {(c.pair.a, c.pair.b): c for c in story.comparisons}
    covered = coverage_of(index)
    omitted: dict[str, list[str]] = {}
    for group_id, per_article in covered.items():
        for article_id, verdict in per_article.items():
            if verdict == "omits":
                omitted.setdefault(article_id, []).append(group_id)
    articles = [
        ReportArticle(
            id=a.id,
            path=sanitize(a.path, "line"),
            outlet=sanitize(a.outlet, "line"),
            title=sanitize(a.title, "line"),
            date=_line(a.date),
            date_source=a.date_source,
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
        stories=stories,
        articles=articles,
        pairs=pairs,
        groups=[
            ReportGroup(g.id, sanitize(g.label, "line"), list(g.passages))
            for g in story.alignment.groups
        ],
        unmatched=list(story.alignment.unmatched),
        problems=[sanitize(str(p), "line") for p in story.problems],
        timeline=_timeline(index, covered),
    )


def _timeline(index: StoryIndex, covered: dict[str, dict[str, Coverage]]) -> list[ReportEventTime]:
    """The events in the order they happened, each with what every article of its story
    does with it (reports it with these passages, omits it, was published before it ...)."""
    groups = {g.id: g for g in index.story.alignment.groups}
    out: list[ReportEventTime] = []
    for when in story_timeline(index.story):
        group = groups[when.group]
        part = index.part_of.get(index.passages[group.passages[0]].article)
        articles = []
        of_article: dict[str, list[str]] = {}
        for pid in group.passages:
            of_article.setdefault(index.passages[pid].article, []).append(pid)
        for article_id, verdict in covered.get(group.id, {}).items():
            own = list(of_article.get(article_id, ()))
            stated = [
                ReportStated(pid, low, high) for pid in own for low, high in when.stated_by(pid)
            ]
            articles.append(ReportCoverage(article_id, verdict, own, stated))
        out.append(
            ReportEventTime(
                group=group.id,
                story=part.id if part is not None else None,
                label=sanitize(group.label, "line"),
                date=when.date,
                until=when.high if when.low is not None else when.date,
                precision=when.precision,
                source=when.source,
                first_report=when.first_report,
                articles=articles,
            )
        )
    return out


def to_json(story: Story) -> dict[str, Any]:
    """The report as plain data (dicts and lists), e.g. for scripts and the scorer."""
    data: dict[str, Any] = msgspec.to_builtins(report(story))
    return data


def json_bytes(story: Story) -> bytes:
    """The report as indented UTF-8 JSON, as ``json.dumps(..., ensure_ascii=False, indent=2)``
    writes it, plus a final newline (msgspec writes it in milliseconds; the standard library
    falls back to its pure-Python encoder with ``indent``: 0.2 s for 200 articles). Bytes,
    for the CLI to write as they are: decoding the 115 MB report of 3,200 articles to text and
    encoding it again cost a second."""
    encoded = msgspec.json.format(msgspec.json.encode(report(story)), indent=2)
    return encoded + b"\n"


def json_text(story: Story) -> str:
    """``json_bytes`` as text."""
    return json_bytes(story).decode("utf-8")


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


def _article_table(articles: list[Article]) -> list[str]:
    lines = ["| # | outlet | title | date |", "|---|---|---|---|"]
    for n, a in enumerate(articles, 1):
        lines.append(f"| {n} | {_quote(a.outlet)} | {_quote(a.title)} | {_quote(a.date or '')} |")
    return [*lines, ""]


#: How the digest names each way an article can miss an event (``timeline.coverage``).
_ABSENT: tuple[tuple[Coverage, str], ...] = (
    ("omits", "Omitted by"),
    ("before", "Not yet: published before it by"),
    ("undated", "Not reported (no date to tell whether it could have been) by"),
)


def _absent(articles: list[Article], covered: dict[str, Coverage]) -> list[str]:
    """Who does not report the event, split by why: "omits" only for an article published on
    or after it; one published before it could not report it."""
    lines = []
    for verdict, title in _ABSENT:
        names = [_quote(a.outlet) for a in articles if covered.get(a.id) == verdict]
        if names:
            lines.append(f"- *{title}:* {', '.join(names)}")
    return lines


@dataclass(frozen=True, slots=True)
class _Times:
    """What the digest reads of the timeline, computed once per report: each event's time
    (by group id, in timeline order) and each article's coverage of it."""

    times: dict[str, EventTime]
    covered: dict[str, dict[str, Coverage]]


def _times(index: StoryIndex) -> _Times:
    return _Times({t.group: t for t in story_timeline(index.story)}, coverage_of(index))


def _when(when: EventTime | None) -> str:
    """The event's date as one markdown line ("" when nothing dates it)."""
    if when is None or when.date is None:
        return ""
    if when.source == "first report":
        return f"*When:* on or before {when.date} (its first report)"
    if when.precision == "day":
        return f"*When:* {when.date}"
    return f"*When:* {when.date} to {when.high} ({when.precision})"


def _events(
    index: StoryIndex, groups: list[Group], articles: list[Article], level: str, times: _Times
) -> list[str]:
    """Per event: when it happened, what each outlet says, who does not report it (and why),
    and what differs."""
    covered = times.covered
    comparisons_by_group: dict[str, list[Comparison]] = {}
    for c in index.story.comparisons:
        group = index.group_of.get(c.pair.a)
        if group is not None:
            comparisons_by_group.setdefault(group.id, []).append(c)
    lines: list[str] = []
    for group in groups:
        lines.append(f"{level} Event {group.id}: {_quote(group.label)}")
        lines.append("")
        if when := _when(times.times.get(group.id)):
            lines += [when, ""]
        reporting = index.articles_in(group)
        for article_id in reporting:
            outlet = index.articles[article_id].outlet
            for pid in group.passages:
                p = index.passages[pid]
                if p.article == article_id:
                    lines.append(f"- **{_quote(outlet)}** ({p.id}): {_quote(p.text)}")
        lines.extend(_absent(articles, covered.get(group.id, {})))
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
    return lines


def _timeline_section(
    groups: list[Group], articles: list[Article], level: str, times: _Times
) -> list[str]:
    """The events in the order they happened: date, event, who reports, omits, is too early."""
    wanted = {g.id for g in groups}
    covered = times.covered
    rows = [t for t in times.times.values() if t.group in wanted]
    if not rows:
        return []
    lines = [
        f"{level} Timeline",
        "",
        "| date | event | reported by | omitted by | published before it |",
        "|---|---|---|---|---|",
    ]
    labels = {g.id: g.label for g in groups}
    for when in rows:
        verdicts = covered.get(when.group, {})

        def names(verdict: Coverage, verdicts: dict[str, Coverage] = verdicts) -> str:
            return ", ".join(_quote(a.outlet) for a in articles if verdicts.get(a.id) == verdict)

        date = when.date or "undated"
        if when.source == "first report":
            date = f"by {date}"
        elif when.precision == "month":
            date = date[:7]
        lines.append(
            f"| {date} | {when.group}: {_quote(labels[when.group])} | {names('reports')} | "
            f"{names('omits')} | {names('before')} |"
        )
    return [*lines, ""]


def _own(index: StoryIndex, articles: list[Article], level: str) -> list[str]:
    """What only one outlet reports, per article."""
    wanted = {a.id for a in articles}
    own_by_article: dict[str, list[Passage]] = {}
    for pid in index.story.alignment.unmatched:
        p = index.passages[pid]
        if p.article in wanted:
            own_by_article.setdefault(p.article, []).append(p)
    if not own_by_article:
        return []
    lines = [f"{level} Reported by one outlet only", ""]
    for article in articles:
        own = own_by_article.get(article.id)
        if not own:
            continue
        lines.append(f"{level}# {_quote(article.outlet)}")
        lines.append("")
        lines.extend(f"- ({p.id}) {_quote(p.text)}" for p in own)
        lines.append("")
    return lines


def to_markdown(story: Story) -> str:
    """A digest for people: events, what each outlet says, what differs, what is unique.

    Articles on several stories get one section per story (``# Story s1: ...``), and the
    articles that share no story with the others are listed with the reason."""
    index = StoryIndex(story)
    lines: list[str] = ["# newscompare report", ""]
    parts = story_parts(story)
    stories = [p for p in parts if len(p.articles) > 1 or not p.reason]
    apart = [p for p in parts if len(p.articles) == 1 and p.reason]
    summary = (
        f"{len(story.articles)} articles, {len(story.alignment.groups)} events, "
        f"{len(story.alignment.pairs)} aligned pairs."
    )
    if len(parts) > 1 and not stories:
        summary += f" The {len(apart)} articles share no story with each other."
    elif len(parts) > 1:
        summary += (
            f" The articles tell {len(stories)} "
            f"{'story' if len(stories) == 1 else 'stories'}; "
            f"{len(apart)} {'shares' if len(apart) == 1 else 'share'} no story with the others."
        )
    lines += [summary, ""]
    if len(parts) <= 1:
        lines += _article_table(list(story.articles))
    if story.problems:
        lines.append("## Problems while loading")
        lines.append("")
        lines.extend(f"- {_quote(str(p))}" for p in story.problems)
        lines.append("")
    by_part = _groups_by_part(index)
    times = _times(index)
    if len(parts) <= 1:
        groups, articles = list(story.alignment.groups), list(story.articles)
        lines += _timeline_section(groups, articles, "##", times)
        lines += _events(index, groups, articles, "##", times)
        lines += _own(index, list(story.articles), "##")
        return "\n".join(lines).rstrip() + "\n"
    for part in stories:
        members = [index.articles[a] for a in part.articles if a in index.articles]
        lines.append(f"## Story {part.id}: {_quote(part.label)}")
        lines.append("")
        lines += _article_table(members)
        lines += _timeline_section(by_part.get(part.id, []), members, "###", times)
        lines += _events(index, by_part.get(part.id, []), members, "###", times)
        lines += _own(index, members, "###")
    if apart:
        lines += _apart(index, apart)
    return "\n".join(lines).rstrip() + "\n"


def _apart(index: StoryIndex, apart: list[StoryPart]) -> list[str]:
    lines = ["## Articles that share no story with the others", ""]
    for part in apart:
        article = index.articles.get(part.articles[0])
        if article is None:
            continue
        name = f"{_quote(article.outlet)}: {_quote(article.title or article.id)}"
        lines.append(f"- **{name}** ({article.id}): {_quote(part.reason)}")
    return [*lines, ""]
