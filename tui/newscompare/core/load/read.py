"""Read one source (a file or a URL) into a ``RawArticle``: body text plus metadata as found.

This is the part of loading that touches the outside world; it turns every way that can go
wrong into ``LoadFailure`` with a short reason, so ``sources.load_sources`` can report it on one
line and carry on with the other sources. Metadata precedence and ids are decided later, in
``sources``, where all articles of the story are known.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from newscompare.core.load.bounded import ExtractFailure, ExtractLimits, extract_bounded
from newscompare.core.load.fetch import FetchError, fetch_url
from newscompare.core.load.frontmatter import split_front_matter
from newscompare.core.load.html import NoArticleText
from newscompare.core.load.textio import NotText, decode_bytes, html_meta_charset, safe_article_text

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
#: What a folder contributes; explicit files with other names are tried as text.
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES

_HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_MEDIA_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown"})
_HTML_START = re.compile(
    rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)


class LoadFailure(Exception):
    """A source that gives no article; ``str()`` is the reason (the caller adds the source)."""


@dataclass(slots=True)
class RawArticle:
    """One source read, before ids and metadata precedence are applied.

    ``meta`` holds what the source says about itself (front matter keys, or ``title``/``date``/
    ``outlet``/``author`` from HTML), lower-case keys, string values.
    """

    source: str
    text: str
    meta: dict[str, str] = field(default_factory=dict)
    url: str | None = None
    warnings: list[str] = field(default_factory=list)
    #: The metadata came from a page's HTML (else from front matter): where a date was read.
    html: bool = False


def folder_entries(folder: str) -> list[str]:
    """The article files directly in ``folder``, sorted by name, hidden files skipped.

    Not recursive: a story is one folder, and sub-folders often hold other stories or assets.
    """
    entries: list[str] = []
    with os.scandir(folder) as scan:
        for entry in scan:
            if entry.name.startswith(".") or not entry.name.lower().endswith(ARTICLE_SUFFIXES):
                continue
            try:
                # A dangling link is listed so the user hears about it; other non-files are not.
                if not (entry.is_file() or entry.is_symlink()):
                    continue
            except OSError:
                continue
            entries.append(entry.name)
    return [os.path.join(folder, name) for name in sorted(entries)]


def _size_text(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size} bytes"


def read_bytes(path: str, max_bytes: int) -> bytes:
    """The file's bytes; every OS-level problem becomes ``LoadFailure`` with a plain reason."""
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise LoadFailure("no such file or directory") from None
    except PermissionError:
        raise LoadFailure("permission denied") from None
    except OSError as exc:
        raise LoadFailure(f"cannot read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise LoadFailure("is a folder")
    if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
        raise LoadFailure("not a regular file")
    if info.st_size > max_bytes:
        raise LoadFailure(
            f"the file is too large ({_size_text(info.st_size)}; loading.max_bytes is {max_bytes})"
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise LoadFailure("permission denied") from None
    except OSError as exc:
        raise LoadFailure(f"cannot read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:  # grew since stat
        raise LoadFailure(f"the file is too large (loading.max_bytes is {max_bytes})")
    if not data.strip():
        raise LoadFailure("the file is empty")
    return data


def _from_html(source: str, html: str, url: str | None, limits: ExtractLimits) -> RawArticle:
    try:
        page = extract_bounded(html, url, limits)
    except (NoArticleText, ExtractFailure) as exc:
        raise LoadFailure(str(exc)) from None
    meta: dict[str, str] = {}
    for key, value in (
        ("title", page.title),
        ("date", page.date),
        ("outlet", page.sitename),
        ("author", page.author),
        ("url", page.url),
    ):
        if value and (value := safe_article_text(value).strip()):
            meta[key] = value
    # Entities (``&#27;``) decode to controls only now, after the page's bytes were checked.
    return RawArticle(
        source=source, text=safe_article_text(page.text), meta=meta, url=url, html=True
    )


def _from_text(source: str, text: str, url: str | None) -> RawArticle:
    front = split_front_matter(text)
    if not front.body.strip():
        if front.meta or front.warning:
            raise LoadFailure("no article text after the front matter")
        raise LoadFailure("the file is empty")
    warnings = [front.warning] if front.warning else []
    return RawArticle(source=source, text=front.body, meta=front.meta, url=url, warnings=warnings)


def _decode(data: bytes, declared: str | None = None) -> str:
    try:
        return decode_bytes(data, declared)
    except NotText as exc:
        raise LoadFailure(str(exc)) from None


def read_file(path: str, max_bytes: int, limits: ExtractLimits) -> RawArticle:
    """A text, Markdown or saved HTML file; other extensions are read as text (or HTML when
    the content plainly is a page). ``limits`` bound the extraction of a page."""
    try:
        data = read_bytes(path, max_bytes)
    except LoadFailure as exc:
        if path.lower().startswith("www.") and not os.path.lexists(path):
            raise LoadFailure(f"{exc} (for a web page, start with https://)") from None
        raise
    suffix = Path(path).suffix.lower()
    is_html = suffix in HTML_SUFFIXES or (
        suffix not in TEXT_SUFFIXES and _HTML_START.match(data[:4096]) is not None
    )
    if is_html:
        return _from_html(path, _decode(data, html_meta_charset(data)), None, limits)
    return _from_text(path, _decode(data), None)


def read_url(
    url: str, *, timeout: float, max_bytes: int, user_agent: str, limits: ExtractLimits
) -> RawArticle:
    """Fetch an ``http(s)`` URL and extract it like a saved page (or read it as text)."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise LoadFailure(f"unsupported URL scheme {scheme!r} (only http and https)")
    try:
        fetched = fetch_url(url, timeout=timeout, max_bytes=max_bytes, user_agent=user_agent)
    except FetchError as exc:
        raise LoadFailure(str(exc)) from None
    data = fetched.data
    if not data.strip():
        raise LoadFailure("the page is empty")
    media = fetched.media_type.lower()
    looks_html = _HTML_START.match(data[:4096]) is not None
    # Servers that send no Content-Type (urllib then says text/plain) or a generic one still
    # serve pages; the markup at the start tells.
    generic = media in _TEXT_MEDIA_TYPES or media == "application/octet-stream"
    if media in _HTML_MEDIA_TYPES or (generic and looks_html):
        declared = fetched.charset or html_meta_charset(data)
        return _from_html(url, _decode(data, declared), fetched.url, limits)
    if media in _TEXT_MEDIA_TYPES:
        return _from_text(url, _decode(data, fetched.charset), fetched.url)
    raise LoadFailure(f"not an HTML or text page ({media})")
