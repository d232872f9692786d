"""Load articles the way users have them: text, Markdown with front matter, HTML, URLs.

Public API (used by pipeline, CLI and tests):
    load_sources(sources, settings, overrides) -> (articles, problems)

Reading a single source lives in ``loaders_read``; this module decides what applies to the whole
story: which files a folder contributes, metadata precedence (config ``articles:`` entries over
front matter / HTML metadata over a label made from the file name), and short ids that are
unique within the story and stable between runs.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from newscompare.core.load.bounded import ExtractLimits
from newscompare.core.load.read import (
    ARTICLE_SUFFIXES,
    LoadFailure,
    RawArticle,
    folder_entries,
    read_file,
    read_url,
)
from newscompare.core.load.urls import is_url
from newscompare.core.model.sanitize import sanitize
from newscompare.core.model.settings import ArticleOverride, LoadSettings
from newscompare.core.model.story import Article, DateSource, LoadProblem

#: Front matter keys understood as the known fields, first match wins; the rest go to extra.
_FIELD_KEYS: dict[str, tuple[str, ...]] = {
    "outlet": ("outlet", "publisher", "publication", "site_name", "sitename"),
    "title": ("title", "headline"),
    "date": ("date", "published", "date_published", "published_at", "pubdate"),
    "url": ("url", "link"),
}

_ID_MAX = 40
_NUMBER_PREFIX = re.compile(r"^\d+[\s._-]+(?=\S)")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})\s*$")


def normalize_date(raw: str) -> str | None:
    """``YYYY-MM-DD`` for a date written in any common way; None when not a full date.

    A date missing its year, month or day is not a date we can compare, so it is refused
    rather than completed with today's values (dateutil's default behaviour). So is
    ``03/04/2021``: March 4 in the US, 3 April elsewhere, and guessing would make two outlets'
    dates differ (or agree) falsely.
    """
    match = _ISO_DATE.match(raw)
    if match:
        try:
            return dt.date(*(int(part) for part in match.groups())).isoformat()
        except ValueError:
            return None
    numeric = _NUMERIC_DATE.match(raw)
    if numeric:
        first_part, second_part = int(numeric.group(1)), int(numeric.group(2))
        if first_part <= 12 and second_part <= 12 and first_part != second_part:
            return None
    from dateutil import parser as date_parser

    try:
        first: dt.datetime = date_parser.parse(raw, default=dt.datetime(1, 1, 1))
        second: dt.datetime = date_parser.parse(raw, default=dt.datetime(2, 2, 2))
    except (ValueError, OverflowError, TypeError):
        return None
    if first.date() != second.date():
        return None
    return first.date().isoformat()


def slug(text: str) -> str:
    """``[a-z0-9-]`` only, at most 40 characters cut at a dash; "article" when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(value) > _ID_MAX:
        cut = value[:_ID_MAX]
        value = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return value or "article"


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def id_seed(source: str) -> str:
    """The id before de-duplication: the file stem, or host plus last path segment of a URL."""
    if is_url(source):
        parts = [part for part in urlsplit(source).path.split("/") if part]
        last = Path(parts[-1]).stem if parts else ""
        return slug(f"{_host(source)}-{last}" if last else _host(source))
    return slug(Path(source).stem)


def label_from_name(source: str) -> str:
    """A readable outlet label when the source names none: ``04-pakistan-news-network.md`` ->
    ``Pakistan News Network``; a URL gives its host."""
    if is_url(source):
        return _host(source) or source
    stem = Path(source).stem
    stem = _NUMBER_PREFIX.sub("", stem)
    words = re.sub(r"[-_]+", " ", stem).split()
    return " ".join(word[:1].upper() + word[1:] for word in words) or stem


def _unique(seed: str, used: set[str]) -> str:
    candidate, n = seed, 1
    while candidate in used:
        n += 1
        candidate = f"{seed}-{n}"
    used.add(candidate)
    return candidate


#: A date in a news URL's path: /2021/07/26/, /2021-07-26-, /20210726/ (year 1990..2099).
_URL_DATE = re.compile(
    r"[/_\-]((?:19|20)\d\d)(?:/|-|_)?(0[1-9]|1[0-2])(?:/|-|_)?(0[1-9]|[12]\d|3[01])(?=[/_\-.]|$)"
)


def date_in_url(url: str) -> str | None:
    """The publication date a news URL states in its path (most outlets put it there), as
    ``YYYY-MM-DD``; None when it states none or an impossible one."""
    match = _URL_DATE.search(urlsplit(url).path)
    if match is None:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups())).isoformat()
    except ValueError:
        return None


def _override_key(source: str) -> str:
    return source if is_url(source) else str(Path(source).resolve())


def _split_meta(meta: Mapping[str, str]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Known fields (by their first matching key) and everything else, in source order."""
    known: dict[str, str] = {}
    used_keys: set[str] = set()
    for name, keys in _FIELD_KEYS.items():
        for key in keys:
            if key in meta and meta[key].strip():
                known[name] = meta[key].strip()
                used_keys.add(key)
                break
    extra = [(key, value) for key, value in meta.items() if key not in used_keys]
    return known, extra


def _problem(source: str, reason: str, fatal: bool = True) -> LoadProblem:
    """A problem whose source and reason are one safe line each (a file name may hold a
    newline or an escape sequence; a server's reason may hold anything)."""
    return LoadProblem(sanitize(source, "line"), sanitize(reason, "line"), fatal)


def _assemble(raw: RawArticle, article_id: str, override: ArticleOverride | None) -> Article:
    """The article with its metadata decided. Every name in it (path, outlet, title, url,
    extra metadata) comes from outside and is made one safe line here, once, so the reader and
    the reports can show them as they are; the text is already safe (``safe_article_text``)."""
    known, extra = _split_meta(raw.meta)
    outlet = (override.outlet if override else None) or known.get("outlet")
    title = (override.title if override else None) or known.get("title") or ""
    url = (override.url if override else None) or known.get("url") or raw.url
    raw_date = (override.date if override else None) or known.get("date")
    date = normalize_date(raw_date) if raw_date else None
    date_source: DateSource | None = None
    if date is not None and override is not None and override.date:
        date_source = "config"
    elif date is not None:
        date_source = "html" if raw.html else "front matter"
    if raw_date and date is None:
        extra.insert(0, ("date", raw_date))
    if date is None and url:
        date = date_in_url(url)
        date_source = "url" if date is not None else None
    return Article(
        id=article_id,
        path=sanitize(raw.source, "line"),
        outlet=sanitize(outlet or label_from_name(raw.source), "line"),
        title=sanitize(title, "line"),
        text=raw.text,
        date=date,
        date_source=date_source,
        url=sanitize(url, "line") if url is not None else None,
        extra=tuple((sanitize(k, "line"), sanitize(v, "line")) for k, v in extra),
    )


@dataclass(frozen=True, slots=True)
class _Entry:
    """One source to read, after folders are expanded."""

    source: str
    url: bool


def _expand(sources: Sequence[str], problems: list[LoadProblem]) -> list[_Entry]:
    """Folders become their article files; duplicates (same resolved file) are read once."""
    entries: list[_Entry] = []
    seen: set[str] = set()

    def add(source: str, url: bool) -> None:
        key = source if url else os.path.realpath(source)
        if key in seen:
            problems.append(_problem(source, "listed more than once; loaded once", False))
            return
        seen.add(key)
        entries.append(_Entry(source, url))

    for source in sources:
        if is_url(source):
            add(source, True)
            continue
        if os.path.isdir(source):
            try:
                files = folder_entries(source)
            except PermissionError:
                problems.append(_problem(source, "permission denied"))
                continue
            except OSError as exc:
                problems.append(_problem(source, f"cannot read ({exc.strerror or exc})"))
                continue
            if not files:
                kinds = ", ".join(ARTICLE_SUFFIXES)
                problems.append(_problem(source, f"no articles ({kinds}) in this folder"))
            for path in files:
                add(path, False)
            continue
        add(source, False)
    return entries


def _read(entry: _Entry, settings: LoadSettings) -> RawArticle | LoadProblem:
    limits = ExtractLimits(settings.max_html_bytes, settings.extract_timeout)
    try:
        if entry.url:
            return read_url(
                entry.source,
                timeout=settings.timeout,
                max_bytes=settings.max_bytes,
                user_agent=settings.user_agent,
                limits=limits,
            )
        return read_file(entry.source, settings.max_bytes, limits)
    except LoadFailure as exc:
        return _problem(entry.source, str(exc))
    except Exception as exc:  # a library bug on a strange input must not stop the others
        return _problem(entry.source, f"could not be read ({type(exc).__name__}: {exc})")


def _read_all(entries: Sequence[_Entry], settings: LoadSettings) -> list[RawArticle | LoadProblem]:
    """Read every entry in order; URLs are fetched a few at a time since they mostly wait."""
    urls = [entry for entry in entries if entry.url]
    fetched: dict[_Entry, RawArticle | LoadProblem] = {}
    if len(urls) > 1 and settings.url_workers > 1:
        with ThreadPoolExecutor(max_workers=min(settings.url_workers, len(urls))) as pool:
            results = pool.map(lambda entry: _read(entry, settings), urls)
            fetched = dict(zip(urls, results, strict=True))
    return [fetched[entry] if entry in fetched else _read(entry, settings) for entry in entries]


def load_sources(
    sources: Sequence[str],
    settings: LoadSettings,
    overrides: Mapping[str, ArticleOverride] | None = None,
) -> tuple[list[Article], list[LoadProblem]]:
    """Load every path (file or folder) and URL; never raises for bad input.

    Articles come back in the order given (folders sorted by file name). Every source that gives
    no article adds one fatal ``LoadProblem``; an article that loaded with something to fix
    (unusable front matter) adds a non-fatal one.
    """
    overrides = overrides or {}
    problems: list[LoadProblem] = []
    entries = _expand(sources, problems)
    articles: list[Article] = []
    used_ids: set[str] = set()
    for result in _read_all(entries, settings):
        if isinstance(result, LoadProblem):
            problems.append(result)
            continue
        for warning in result.warnings:
            problems.append(_problem(result.source, warning, fatal=False))
        override = overrides.get(_override_key(result.source))
        if override is None and result.url is not None:
            override = overrides.get(result.url)
        article_id = _unique(id_seed(result.source), used_ids)
        articles.append(_assemble(result, article_id, override))
    return articles, problems
