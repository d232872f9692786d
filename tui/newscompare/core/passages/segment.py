"""Cut an article into passages (sentences) with exact offsets and a kind.

Public API:
    segment(article, settings) -> tuple[Passage, ...]

Articles arrive as one paragraph per line, as blank-line-separated blocks, or hard-wrapped at
60-80 columns; paragraphs are found first (``split_paragraphs``), then each is classified as a
whole (``boilerplate.classify_paragraphs``: headline, caption, site furniture or news), and
news paragraphs are cut into sentences (``sentences.split_sentences``); a sentence that is the
site's comment policy is boilerplate even inside a news paragraph. Offsets are never
recomputed from the passage text: they are carried through every step, so
``article.text[p.start:p.end] == p.text`` holds by construction.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from newscompare.core.model.settings import SegmentSettings
from newscompare.core.model.story import Article, Passage, PassageKind
from newscompare.core.passages.boilerplate import (
    LineRules,
    classify_paragraphs,
    compile_patterns,
    is_comment_policy,
)
from newscompare.core.text.sentences import Span, cap_length, split_sentences

#: The gold scorer never matches passages over 1000 characters; no passage may exceed this.
HARD_LIMIT = 1000


@lru_cache(maxsize=32)
def _rules(settings: SegmentSettings) -> LineRules:
    """User patterns compiled once per settings value (settings are frozen, so hashable)."""
    return LineRules(
        boilerplate=compile_patterns(settings.boilerplate_patterns, "boilerplate_patterns"),
        caption=compile_patterns(settings.caption_patterns, "caption_patterns"),
    )


_LINE = re.compile(r"[^\n]*")
#: Lines are only ever hard-wrapped below this width; longer lines mean one paragraph per line.
_HARD_WRAP_MAX = 100
#: A line starting like a list item or a Markdown heading/quote starts its own paragraph.
_BLOCK_START = re.compile(r"(?:[-*+•>#|]|\d{1,3}[.)])\s")
#: Markdown block markers that are not part of a paragraph's words: "## ", "> ", "- ", "* ".
_MARKER = re.compile(r"(?:#{1,6}|>|[-*+•])[ \t]+")


def _lines(text: str) -> list[Span | None]:
    """Stripped span of every line; ``None`` for blank lines."""
    out: list[Span | None] = []
    for match in _LINE.finditer(text):
        if match.start() > 0 and text[match.start() - 1] != "\n":
            continue  # finditer's empty match right after a non-empty line
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        out.append((start, end) if start < end else None)
    return out


def _first_word_length(line: str) -> int:
    return len(line.split(None, 1)[0])


def _wrap_width(lines: list[str | None]) -> int | None:
    """The column a hard-wrapped text was wrapped at, or ``None`` when it is not wrapped.

    A wrapping program breaks a line only when the next word does not fit, so in wrapped text
    most long lines are "full": their length plus the next line's first word exceeds the width.
    Text with one paragraph or one sentence per line (ECB+) has lines of any length, few of
    them full, and often lines longer than any wrap width.
    """
    texts = [line for line in lines if line is not None]
    if len(texts) < 3:
        return None
    short = [len(line) for line in texts if len(line) <= _HARD_WRAP_MAX]
    if len(short) * 10 < len(texts) * 9:
        return None
    width = max(short)
    if width < 40:
        return None
    candidates = full = 0
    for line, following in itertools.pairwise(lines):
        if line is None or following is None or len(line) < width / 2:
            continue
        candidates += 1
        if len(line) + 1 + _first_word_length(following) > width:
            full += 1
    return width if full >= 2 and full * 2 >= candidates else None


def _continues(line: str, following: str, width: int) -> bool:
    """Whether ``following`` is the wrapped continuation of ``line`` at ``width`` columns."""
    if line == following or _BLOCK_START.match(following):
        return False
    return len(line) + 1 + _first_word_length(following) > width


def split_paragraphs(text: str) -> list[Span]:
    """Paragraph spans: each non-blank line, except that wrapped lines are joined.

    Offsets run from the first line's first character to the last line's last, so the
    paragraph text keeps its inner line breaks (sentences then span them naturally).
    """
    spans = _lines(text)
    width = _wrap_width([None if span is None else text[span[0] : span[1]] for span in spans])
    paragraphs: list[Span] = []
    previous: Span | None = None
    for span in spans:
        if span is None:
            previous = None
            continue
        if (
            previous is not None
            and width is not None
            and _continues(text[previous[0] : previous[1]], text[span[0] : span[1]], width)
        ):
            paragraphs[-1] = (paragraphs[-1][0], span[1])
        else:
            paragraphs.append(span)
        previous = span
    return [_without_marker(text, span) for span in paragraphs]


def _without_marker(text: str, span: Span) -> Span:
    """A paragraph span without a leading Markdown heading, quote or bullet marker.

    The marker is layout, not words; leaving it out keeps passage text clean while offsets
    still point into the untouched article text. A marker with nothing after it stays.
    """
    start, end = span
    marker = _MARKER.match(text, start, end)
    if marker is None or marker.end() >= end:
        return span
    return (marker.end(), end)


def segment(article: Article, settings: SegmentSettings) -> tuple[Passage, ...]:
    """Split ``article.text`` into passages; ``article.text[p.start:p.end] == p.text``."""
    rules = _rules(settings)
    text = article.text
    target = max(50, min(settings.max_sentence_chars, HARD_LIMIT))
    paragraphs = split_paragraphs(text)
    kinds = classify_paragraphs([text[s:e] for s, e in paragraphs], article.title, rules)
    passages: list[Passage] = []
    for index, ((start, end), kind) in enumerate(zip(paragraphs, kinds, strict=True)):
        body = kind == "body"
        spans = split_sentences(text, start, end) if body else [(start, end)]
        for span in spans:
            sentence_kind: PassageKind = kind
            if body and is_comment_policy(text[span[0] : span[1]]):
                # A comment policy run into the article's last paragraph (one-line pages).
                sentence_kind = "boilerplate"
            for s, e in cap_length(text, span, target if body else HARD_LIMIT, HARD_LIMIT):
                passages.append(
                    Passage(
                        id=f"{article.id}:{len(passages) + 1}",
                        article=article.id,
                        kind=sentence_kind,
                        start=s,
                        end=e,
                        text=text[s:e],
                        paragraph=index,
                    )
                )
    return tuple(passages)
