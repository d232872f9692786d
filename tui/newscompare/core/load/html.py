"""Saved web pages and fetched URLs: the article's main text and metadata via trafilatura.

Pages carry menus, share buttons, related links and reader comments around the article;
aligning those against another outlet's article would only add noise, so trafilatura's main
text extraction keeps the article itself (comments excluded). Paragraphs are separated by blank
lines so the segmenter sees the page's own paragraph structure.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newscompare.core.model.sanitize import sanitize

if TYPE_CHECKING:
    # trafilatura takes ~0.4 s to import; text and Markdown stories never need it, so it is
    # imported on the first HTML page (see ``extract_html``), keeping the reader's start fast.
    from lxml import etree

# trafilatura and htmldate log warnings for odd pages; without a handler Python would print
# them on stderr, and loading must not print (the CLI reports problems itself).
for _name in ("trafilatura", "htmldate", "charset_normalizer"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

#: Elements that hold paragraphs rather than being one (when a child is block-level).
_CONTAINERS = frozenset({"list", "table", "quote", "div"})
#: Block-level elements of trafilatura's output tree: each is a paragraph of its own.
_BLOCK_TAGS = frozenset({"p", "head", "item", "row", "code", *_CONTAINERS})


_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}


class NoArticleText(ValueError):
    """trafilatura found no main text in the page."""


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    """What a page yields: body text and the metadata trafilatura found (None when absent)."""

    text: str
    title: str | None
    date: str | None
    sitename: str | None
    author: str | None
    #: The page's own URL (``<link rel="canonical">`` or ``og:url``), for saved pages.
    url: str | None = None


def _inline_text(element: etree._Element) -> str:
    """The text of one paragraph element; ``<lb/>`` line breaks become newlines."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.tag == "lb":
            parts.append("\n")
        elif node.tag == "cell" and parts:
            parts.append(" | ")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    lines = ("".join(parts)).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def _blocks(parent: etree._Element) -> list[str]:
    """One string per paragraph-like element of trafilatura's output tree, in reading order."""
    blocks: list[str] = []
    for element in parent:
        if element.tag in _CONTAINERS and any(child.tag in _BLOCK_TAGS for child in element):
            if element.text and element.text.strip():
                blocks.append(" ".join(element.text.split()))
            blocks.extend(_blocks(element))
        else:
            blocks.append(_inline_text(element))
    return [block for block in blocks if block]


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


#: Numeric character references, e.g. ``&#27;`` or ``&#x1B;``.
_CHAR_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")


def _visible_reference(match: re.Match[str]) -> str:
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    if (code < 0x20 and chr(code) not in "\t\n\r") or code == 0x7F:
        return sanitize(chr(code))  # the control's visible symbol, as in the page's own text
    return match.group()


def extract_html(html: str, url: str | None = None) -> HtmlArticle:
    """Main text and metadata of a page; raises ``NoArticleText`` when there is no article.

    A reference to a control character (``&#27;``) is not allowed in HTML, and lxml gives up on
    the whole page for one; it is replaced by the control's visible symbol first.
    """
    import trafilatura

    html = _CHAR_REFERENCE.sub(_visible_reference, html) if "&#" in html else html
    document = trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_formatting=False,
        include_links=False,
        with_metadata=True,
        # Only dates the page states as its own (meta tags, URL, markup): the extensive search
        # turns "Copyright 2024" or "in March 2019" into 2024-01-01 / 2019-01-01, and a wrong
        # date is worse than none in a tool that compares what outlets report.
        date_extraction_params=_DATE_PARAMS,
    )
    if document is None or isinstance(document, dict):
        raise NoArticleText("no article text found in the page")
    body = getattr(document, "body", None)
    if body is not None and len(body):
        text = "\n\n".join(_blocks(body))
    else:
        raw = getattr(document, "text", None) or ""
        text = "\n\n".join(line.strip() for line in raw.split("\n") if line.strip())
    if not text.strip():
        raise NoArticleText("no article text found in the page")
    return HtmlArticle(
        text=text,
        title=_clean(getattr(document, "title", None)),
        date=_clean(getattr(document, "date", None)),
        sitename=_clean(getattr(document, "sitename", None)),
        author=_clean(getattr(document, "author", None)),
        url=_canonical(getattr(document, "url", None)),
    )


def _canonical(value: object) -> str | None:
    """An http(s) URL the page names as its own; anything else (relative, javascript:) is
    not a URL the reader can open."""
    url = _clean(value)
    return url if url is not None and url.startswith(("http://", "https://")) else None
