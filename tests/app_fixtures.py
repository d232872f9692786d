"""Hand-built stories for the reader's tests and snapshots (no engine involved).

The engine stages are tested elsewhere; the reader only renders what it gets, so these stories are
written out by hand: every passage kind, pairs, groups, comparisons with divergences of each kind
and word spans, one outlet-only passage per article, and a story whose text is full of Rich and
Textual markup and terminal escapes that must stay literal text.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from newscompare.core.model.story import (
    Alignment,
    Article,
    Comparison,
    Divergence,
    DivergenceKind,
    Group,
    LoadProblem,
    Pair,
    PairRelation,
    Passage,
    PassageKind,
    Story,
    WordSpan,
)

_WORD = re.compile(r"\w[\w,.']*\w|\w")


def make_article(
    article_id: str, outlet: str, title: str, parts: Sequence[tuple[PassageKind, str]]
) -> tuple[Article, tuple[Passage, ...]]:
    """An article whose text is ``parts`` joined by newlines, with exact passage offsets."""
    text = "\n".join(part for _, part in parts)
    passages: list[Passage] = []
    offset = 0
    for n, (kind, part) in enumerate(parts, start=1):
        start = text.index(part, offset)
        end = start + len(part)
        passages.append(Passage(f"{article_id}:{n}", article_id, kind, start, end, part, n))
        offset = end
    article = Article(article_id, f"/stories/troops/{article_id}.md", outlet, title, text)
    return article, tuple(passages)


def words(text: str, other: str) -> tuple[WordSpan, ...]:
    """Word spans of ``text`` tagged by whether ``other`` has the same word (case-insensitive)."""
    theirs = {m.group().lower() for m in _WORD.finditer(other)}
    return tuple(
        WordSpan(m.start(), m.end(), "shared" if m.group().lower() in theirs else "only")
        for m in _WORD.finditer(text)
    )


def divergence(
    kind: DivergenceKind, a: Passage, b: Passage, a_text: str, b_text: str, note: str = ""
) -> Divergence:
    """A divergence whose spans are found in the passages (empty text: an empty span at 0)."""
    a_start = a.text.index(a_text) if a_text else 0
    b_start = b.text.index(b_text) if b_text else 0
    return Divergence(
        kind,
        a_text,
        b_text,
        (a_start, a_start + len(a_text)),
        (b_start, b_start + len(b_text)),
        note,
    )


def comparison(
    a: Passage,
    b: Passage,
    score: float,
    relation: PairRelation,
    divergences: Sequence[tuple[DivergenceKind, str, str, str]] = (),
) -> Comparison:
    pair = Pair(a.id, b.id, score)
    return Comparison(
        pair,
        relation,
        tuple(divergence(kind, a, b, x, y, note) for kind, x, y, note in divergences),
        words(a.text, b.text),
        words(b.text, a.text),
    )


def troops_story() -> Story:
    """Three outlets on one story: 4 events, numbers/dates/names/quotes/attribution/wording."""
    planet, pp = make_article(
        "planet",
        "Daily Planet",
        "Troops to leave Iraq, ministry says",
        [
            ("title", "Troops to leave Iraq, ministry says"),
            ("caption", "BAGHDAD, January 5 (Planet staff)"),
            (
                "body",
                "Iraq's foreign ministry said on Thursday that 2,500 US troops will leave "
                "by September 2025.",
            ),
            ("body", "The minister called the talks a success."),
            ("body", 'Militias have carried out "dozens of attacks" on US forces.'),
            ("body", "A military parade was held in Basra on Friday."),
            ("boilerplate", "Subscribe to our newsletter"),
        ],
    )
    bugle, bp = make_article(
        "bugle",
        "The Bugle",
        "US and Iraq agree on troop withdrawal",
        [
            ("title", "US and Iraq agree on troop withdrawal"),
            (
                "body",
                "Iraq's foreign ministry said on Wednesday that 3,000 US troops will leave "
                "by September 2026.",
            ),
            ("body", "The minister hailed the talks as a triumph."),
            ("body", 'Armed groups have launched "a wave of attacks" on American forces.'),
            ("body", "Oil prices rose after the news."),
            ("boilerplate", "Share this article"),
        ],
    )
    gazette, gp = make_article(
        "gazette",
        "Gazette",
        "Withdrawal deal reached",
        [
            ("title", "Withdrawal deal reached"),
            (
                "body",
                "According to officials, 2,500 US troops will leave by September 2025, the "
                "foreign ministry said.",
            ),
            ("body", "The minister described the talks as a success."),
            ("boilerplate", "Comments are closed."),
        ],
    )
    comparisons = (
        comparison(pp[0], bp[0], 0.62, "partial"),
        comparison(pp[0], gp[0], 0.55, "partial"),
        comparison(bp[0], gp[0], 0.51, "partial"),
        comparison(
            pp[2],
            bp[1],
            0.88,
            "paraphrase",
            [
                ("date", "Thursday", "Wednesday", "Thursday vs Wednesday"),
                ("number", "2,500", "3,000", "2,500 vs 3,000 troops"),
                ("date", "2025", "2026", "2025 vs 2026"),
            ],
        ),
        comparison(
            pp[2],
            gp[1],
            0.74,
            "paraphrase",
            [("attribution", "", "According to officials", "only one names a source")],
        ),
        comparison(
            bp[1],
            gp[1],
            0.70,
            "paraphrase",
            [
                ("number", "3,000", "2,500", "3,000 vs 2,500 troops"),
                ("date", "2026", "2025", "2026 vs 2025"),
            ],
        ),
        comparison(
            pp[3],
            bp[2],
            0.66,
            "paraphrase",
            [("wording", "called", "hailed", ""), ("wording", "success", "triumph", "")],
        ),
        comparison(pp[3], gp[2], 0.91, "copied", [("wording", "called", "described", "")]),
        comparison(bp[2], gp[2], 0.64, "paraphrase", [("wording", "triumph", "success", "")]),
        comparison(
            pp[4],
            bp[3],
            0.58,
            "paraphrase",
            [
                ("name", "Militias", "Armed groups", ""),
                ("quote", "dozens of attacks", "a wave of attacks", ""),
                ("name", "US", "American", ""),
            ],
        ),
    )
    groups = (
        Group("g1", "Headline", (pp[0].id, bp[0].id, gp[0].id)),
        Group("g2", "Troop numbers and timing", (pp[2].id, bp[1].id, gp[1].id)),
        Group("g3", "Talks called a success", (pp[3].id, bp[2].id, gp[2].id)),
        Group("g4", "Attacks on US forces", (pp[4].id, bp[3].id)),
    )
    return Story(
        articles=(planet, bugle, gazette),
        passages=pp + bp + gp,
        alignment=Alignment(
            pairs=tuple(c.pair for c in comparisons),
            groups=groups,
            unmatched=(pp[5].id, bp[4].id),
        ),
        comparisons=comparisons,
        problems=(LoadProblem("/stories/troops/broken.html", "not UTF-8 text"),),
    )


#: Publication dates for the troops story: the Gazette came out the day before the others.
TROOPS_DATES = {"planet": "2025-01-10", "bugle": "2025-01-09", "gazette": "2025-01-08"}


def dated_troops_story() -> Story:
    """The troops story with publication dates and no loading problem: "on Thursday" and "on
    Wednesday" resolve against them, and the Gazette, published before the attacks were first
    reported (event g4, by 2025-01-09), has not yet reported them rather than omitting them."""
    story = troops_story()
    articles = tuple(dataclasses.replace(a, date=TROOPS_DATES[a.id]) for a in story.articles)
    return dataclasses.replace(story, articles=articles, problems=())


MARKUP_BODY = "He said [bold]x[/] and [link=http://e.org]y[/link] then [@click=app.quit]z[/]."
ESCAPE_BODY = "Colour codes \x1b[31mred\x1b[0m stay text [red]9[/red] dead."


def markup_story() -> Story:
    """Articles full of markup and escapes: the reader must show them as the literal text."""
    evil, ep = make_article(
        "evil",
        "[b]Evil[/b] Times",
        "[blink]Loud[/blink] title",
        [
            ("title", "[blink]Loud[/blink] title"),
            ("body", MARKUP_BODY),
            ("body", ESCAPE_BODY),
        ],
    )
    plain, qp = make_article(
        "plain",
        "Plain Post",
        "Quiet title",
        [
            ("title", "Quiet title"),
            ("body", "He said x and y then z."),
            ("body", "Colour codes red stay text 9 alive."),
        ],
    )
    comparisons = (
        comparison(ep[1], qp[1], 0.8, "paraphrase", [("quote", "[bold]x[/]", "x", "")]),
        comparison(ep[2], qp[2], 0.7, "paraphrase", [("number", "[red]9[/red]", "9", "")]),
    )
    return Story(
        articles=(evil, plain),
        passages=ep + qp,
        alignment=Alignment(
            pairs=tuple(c.pair for c in comparisons),
            groups=(
                Group("m1", "[i]said[/i]", (ep[1].id, qp[1].id)),
                Group("m2", "Colours", (ep[2].id, qp[2].id)),
            ),
            unmatched=(ep[0].id, qp[0].id),
        ),
        comparisons=comparisons,
    )


def _large_parts(n: int, passages: int) -> list[tuple[PassageKind, str]]:
    parts: list[tuple[PassageKind, str]] = [("title", f"Story {n}")]
    parts += [
        ("body", f"Event {k} reported by outlet {n} with {k * n} people.")
        for k in range(1, passages)
    ]
    return parts


def large_story(articles: int = 200, passages: int = 20) -> Story:
    """Many outlets: passage k of every article reports event k (for the 200-article checks)."""
    built = [
        make_article(
            f"a{n:03}",
            f"Outlet {n}",
            f"Story {n}",
            _large_parts(n, passages),
        )
        for n in range(articles)
    ]
    all_passages = tuple(p for _, ps in built for p in ps)
    comparisons = tuple(
        comparison(
            built[n][1][k],
            built[n + 1][1][k],
            0.8,
            "paraphrase",
            [("number", str(k * n), str(k * (n + 1)), "")] if k else [],
        )
        for n in range(articles - 1)
        for k in range(1, passages)
    )
    groups = tuple(
        Group(f"e{k}", f"Event {k}", tuple(ps[k].id for _, ps in built)) for k in range(1, passages)
    )
    return Story(
        articles=tuple(a for a, _ in built),
        passages=all_passages,
        alignment=Alignment(tuple(c.pair for c in comparisons), groups, ()),
        comparisons=comparisons,
    )
