"""Small hand-made stories for the alignment and grouping tests: one passage per line."""

from __future__ import annotations

from newscompare.core.model.story import Article, Passage, PassageKind

Line = tuple[PassageKind, str]


def make_story(*articles: list[Line | str]) -> tuple[list[Article], list[Passage]]:
    """Articles a1, a2 ... with one passage per line (a plain string is a body passage)."""
    out_articles: list[Article] = []
    out_passages: list[Passage] = []
    for n, lines in enumerate(articles, 1):
        aid = f"a{n}"
        items: list[Line] = [(("body", x) if isinstance(x, str) else x) for x in lines]
        text = "\n".join(t for _, t in items)
        out_articles.append(
            Article(id=aid, path=f"{aid}.md", outlet=f"Outlet {n}", title="", text=text)
        )
        start = 0
        for k, (kind, line) in enumerate(items, 1):
            out_passages.append(Passage(f"{aid}:{k}", aid, kind, start, start + len(line), line, k))
            start += len(line) + 1
    return out_articles, out_passages


FILLER = [
    "Officials said the talks would continue next week in the capital.",
    "The ministry did not respond to a request for comment on Friday.",
    "Analysts warned that the situation remained fragile across the region.",
]

TROOPS_A = "The US has around 2,500 soldiers stationed in Iraq, officials in Erbil said."
TROOPS_B = "Officials in Erbil put the total number of American troops in Iraq at 2500."
VOTE_A = "Iraqi lawmakers voted in January to expel foreign forces after the Baghdad drone strike."
VOTE_B = (
    "In January the Iraqi parliament approved a resolution "
    "to expel foreign troops after the strike."
)
