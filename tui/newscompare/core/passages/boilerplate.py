"""Tell site furniture, captions and headlines apart from the news itself.

Saved web pages carry menus, tickers, comment policies, share buttons and photo credits around
the article. Aligning those across outlets would pair "Leave a Reply" with "Post a comment", so
they get their own passage kinds. Rules work on one *paragraph* (a line, or a joined
hard-wrapped block) at a time, plus its position: furniture clusters before the headline and
after the last news paragraph. Everything is conservative: a line that reads like a sentence of
news stays ``body`` unless a specific rule says otherwise, because losing content is worse than
showing a menu item.
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass

import regex
from rapidfuzz import fuzz

from newscompare.core.model.errors import UserError
from newscompare.core.model.story import PassageKind

_FLAGS = re.IGNORECASE

#: Whole-line site furniture (matched against the stripped line, case-insensitive).
_FURNITURE = re.compile(
    r"(?:"
    r"comments?(?:\s*\(\d+\))?|\d+\s+comments?|post (?:a|your) comment|leave a (?:reply|comment)"
    r"|add (?:a )?comment|show comments|view comments|(?:related|recommended|similar|more|top)"
    r" (?:articles?|stories|news|posts|videos|content|reading)|read (?:more|next|also)|see also"
    r"|editor'?s? (?:picks?|choice)|latest (?:articles?|news|stories|posts|videos)"
    r"|most (?:read|popular|viewed|shared)|trending(?: now)?|stay connected|follow us\b.*"
    r"|please enter your (?:comment|name|email)(?: address)?(?: here)?"
    r"|you have entered an incorrect email address|back to top(?: button)?|scroll to top"
    r"|accessibility links|skip to (?:main )?(?:content|navigation)|breaking(?: news)?"
    r"|advertisements?|sponsored(?: content)?|subscribe(?: now| today)?"
    r"|sign (?:up|in)(?: for .*)?|log ?in|register|newsletters?|share(?: this)?(?: article| story)?"
    r"|share on \w+|tweet|email|print|facebook|twitter|whatsapp|linkedin|telegram|reddit|copy link"
    r"|menu|search|home|close|loading\.*|toggle navigation|main menu|more|tags?"
    r"|(?:tags?|topics)\s*:.*"
    r"|this (?:article|story|piece) (?:originally |first )?appeared (?:on|in) (?:[\w&'’-]+\s?){1,4}"
    r"|our standards\s*:\s*the thomson reuters trust principles"
    r"|xs|sm|md|lg|xl|a-|a\+|text size|font size|listen(?: to this article)?"
    r")[\s.!:]*",
    _FLAGS,
)
#: Cookie and consent notices anywhere in a short paragraph.
_COOKIES = re.compile(r"\bcookies?\b.*\b(?:consent|accept|policy|use|browsing|agree)", _FLAGS)
#: "25.9 C", "-3°F": weather tickers.
_WEATHER = re.compile(r"[-+]?\d+(?:[.,]\d+)?\s*°?\s*[CF]", _FLAGS)
#: A paragraph written in the site's voice about comments and their moderation.
_SITE_VOICE = re.compile(r"\b(?:we|our|us|you|your)\b", _FLAGS)
_COMMENT_TOPIC = re.compile(r"\b(?:comments?|commenting|profanity|guidelines)\b", _FLAGS)
_MODERATION = re.compile(
    r"\b(?:moderat\w*|guidelines?|approved|rejected|publication|tolerate|profanity|vulgarity"
    r"|abusive|abuse|offensive|promotion|submitted|relevant|discussion|community|edited)\b",
    _FLAGS,
)
_NOT_HEADLINE_END = frozenset(".!…,;:")
_LEGAL_KEYS = ("©", "copyright", "(c)", "rights reserved", "may not be")
_POLICY_KEYS = ("comment", "moderat", "guideline", "tolerate", "profan", "approved", "rejected")
#: "Read more: <link text>", "Also read: ...": a link to another article, not news.
_LINK_LINE = re.compile(
    r"(?:read more|read next|also read|read also|see also|related|more|watch|listen|recommended"
    r"|more on this(?: story)?|click here)(?:\s*[:|»>]|\s+[-–—]\s)",
    _FLAGS,
)
#: Copyright and syndication notices (AP's "may not be published, broadcast, rewritten...").
_LEGAL = re.compile(
    r"^(?:©|copyright\b|\(c\)\s*\d{4})|all rights reserved"
    r"|may not be (?:published|reproduced), broadcast,? rewritten",
    _FLAGS,
)
#: Reported speech: the site's own notices never attribute, news nearly always does.
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|stated|explained|noted|announced|asked|insisted"
    r"|claimed|argued|reported|wrote|quoted|according to)\b",
    _FLAGS,
)

#: A dateline alone on its line ("ATHENS, Greece (AP) —"): the story starts on the next line.
_DATELINE = re.compile(
    r"[A-Z][A-Z .'’-]{2,}(?:,[^.\n]{0,40}?)?\s*(?:\((?:AP|AFP|Reuters|dpa|UPI|PTI|IANS|Xinhua)\))?"
    r"\s*[-—–:]+"
)
#: Headings that open a comment section: what follows them is readers', not the outlet's.
_COMMENT_HEADING = re.compile(
    r"(?:\d+\s+)?(?:comments?|reader comments|leave a (?:reply|comment)|post a comment"
    r"|add (?:a )?comment|join the (?:discussion|conversation))(?:\s*\(\d+\))?[\s:.!]*",
    _FLAGS,
)
#: Separators between a headline and the site name in HTML titles ("Talks stall | Reuters").
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:•·]\s+")
#: Quotation marks: a line quoting someone is content even when it is short.
_QUOTE_MARK = re.compile(r"[\"“”«»„]")

#: Captions, bylines and credits.
_CREDIT = re.compile(
    r"\b(?:photo|photograph|picture|image|file photo|credit)s?\s*:"
    r"|^(?:photo|photograph|picture|image|sources?)s?\s*(?:by\b|:)"
    r"|\b(?:reuters|afp|ap|epa|getty images|anadolu|xinhua|dpa|aa|ap photo)\s*/\s*\S"
    r"|^(?:image|media|video) (?:source|caption|credit)s?\b\s*[,:]",
    _FLAGS,
)
#: Line starts of credits that have neither "/" nor ":" ("Photo by ...", "Image source, ...").
_CREDIT_STARTS = ("photo", "picture", "image", "media", "video", "source")
_BYLINE = re.compile(
    r"(?i:\(?(?:(?:with|additional)\s+)?(?:reporting|reported|writing|written|editing|edited"
    r"|compiled|produced|translated|text|interview)(?:\s+and\s+\w+)?\s+by\b.*)"
)
#: "By Jane Doe", "By Jane Doe and John Roe, Reuters": only as a short line that is not a
#: sentence, so "By Thursday, officials had agreed." stays news.
_BY_NAME = re.compile(
    r"[Bb][Yy]\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
    r"(?:\s*(?:,|and|&|\||-|–)\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})*"
)
_STAMP_LABEL = re.compile(
    r"(?:first\s+|originally\s+|last\s+)?(?:published|updated|posted|modified|created)\b:?",
    _FLAGS,
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
#: A photo caption ends with the date the picture was taken and no sentence punctuation.
_ENDS_WITH_DATE = re.compile(
    rf"\b(?:{_MONTH}\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\.?,?\s+\d{{4}})"
    r"(?:\s*[.(].{0,80})?$",
    _FLAGS,
)
#: Tokens that make up a date/time line ("Friday, September 20, 2024", "11 / 30 / 09 05:40 PM ET").
_DATE_TOKEN = re.compile(
    rf"(?:{_MONTH}\.?|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
    r"|\d[\d:/.,-]*(?:am|pm|h)?|[ap]\.?m\.?|[ecmp][sd]t|et|gmt|utc|bst|cet|ast|at|on|@|[-–—|/,:]"
    r"|first|originally|last|published|updated|posted|modified"
    r"|ago|just now|hours?|hrs?|minutes?|mins?|seconds?|days?|weeks?)",
    _FLAGS,
)
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"\d{4}")
_CLOSERS = "\"'”’»)]"
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_NO_LETTERS = re.compile(r"[\W\d_]*")


#: How many paragraphs from the top a headline (and the furniture above it) may sit.
_HEAD_ZONE = 10


#: Seconds one user pattern may take over all the paragraphs of one article. Real patterns
#: take microseconds per line; one that needs more backtracks without end on some line
#: (nested repeats), and is refused rather than left to hold the story for minutes.
PATTERN_BUDGET = 1.0


@dataclass(frozen=True, slots=True)
class UserPattern:
    """One regular expression from config.yaml, compiled with the ``regex`` package (which
    can stop a match after a timeout; the standard library's ``re`` cannot)."""

    key: str
    source: str
    compiled: regex.Pattern[str]


@dataclass(frozen=True, slots=True)
class LineRules:
    """User patterns from config.yaml, compiled once per settings."""

    boilerplate: tuple[UserPattern, ...] = ()
    caption: tuple[UserPattern, ...] = ()


def compile_patterns(patterns: Sequence[str], key: str) -> tuple[UserPattern, ...]:
    """Compile user regexes; a broken one is the user's config problem, said in one line."""
    compiled: list[UserPattern] = []
    for pattern in patterns:
        try:
            compiled.append(UserPattern(key, pattern, regex.compile(pattern, regex.IGNORECASE)))
        except regex.error as exc:
            message = f"passages.{key}: invalid regular expression {pattern!r}: {exc}"
            raise UserError(message) from None
    return tuple(compiled)


class _Budget:
    """What each user pattern has left of ``PATTERN_BUDGET`` on the article being classified."""

    def __init__(self) -> None:
        self._left: dict[int, float] = {}

    def fullmatch(self, pattern: UserPattern, line: str) -> bool:
        left = self._left.get(id(pattern), PATTERN_BUDGET)
        started = time.perf_counter()
        try:
            found = pattern.compiled.fullmatch(line, timeout=max(left, 1e-6))
        except TimeoutError:
            raise UserError(
                f"passages.{pattern.key}: the pattern {pattern.source!r} needs more than "
                f"{PATTERN_BUDGET:g} s for one article (nested repeats such as (a|aa)+ "
                "backtrack without end); simplify it"
            ) from None
        self._left[id(pattern)] = left - (time.perf_counter() - started)
        return found is not None


def normalise(line: str) -> str:
    """Lower-cased, quote-folded, space-collapsed form used to compare headlines."""
    folded = line.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    folded = folded.strip().lstrip("#").strip().strip("*_").strip()
    return " ".join(folded.split()).lower()


def words(line: str) -> list[str]:
    """The words of a line (letters first, so "2,500" and "-" are not words)."""
    return _WORD.findall(line)


def ends_sentence(line: str) -> bool:
    """Ends in ``.``, ``!``, ``?`` or an ellipsis, possibly inside closing quotes/brackets."""
    last = line.rstrip(_CLOSERS)[-1:]
    return last != "" and last in ".!?…"


def is_sentence_like(line: str) -> bool:
    """Ends like a sentence and has enough words to be one: "We need air support." is."""
    return ends_sentence(line) and len(list(itertools.islice(_WORD.finditer(line), 3))) == 3


def is_date_line(line: str) -> bool:
    """A line made only of date/time tokens and labels, with at least one digit."""
    if len(line) > 80 or not _DIGIT.search(line):
        return False
    tokens = re.findall(r"[^\s,]+|,", line)
    return all(_DATE_TOKEN.fullmatch(token.rstrip(":") or token) for token in tokens)


def is_headline_like(line: str) -> bool:
    """A short line without final sentence punctuation that could be an article's headline."""
    count = len(words(line))
    if count < 3 or count > 30 or len(line) > 250:
        return False
    # Headlines may end in "?" but not in a period, ellipsis, "!" or clause punctuation.
    if line.rstrip(_CLOSERS)[-1:] in _NOT_HEADLINE_END or is_date_line(line):
        return False
    first = line.lstrip("\"'“‘#*_ ")[:1]
    return first.isupper() or first.isdigit()


def is_furniture_like(line: str) -> bool:
    """Short, not a sentence: what menus, section labels and widget headings look like."""
    if len(line) > 40 or is_sentence_like(line) or _QUOTE_MARK.search(line):
        return False
    return len(words(line)) <= 5


def builtin_boilerplate(line: str) -> bool:
    """Site furniture recognisable anywhere in an article, from the line alone."""
    if _NO_LETTERS.fullmatch(line) and not _DIGIT.search(line):
        return True  # ".", "***", "|": lone punctuation
    if len(line) <= 120 and (_FURNITURE.fullmatch(line) or _WEATHER.fullmatch(line)):
        return True
    if len(line) <= 300 and _LINK_LINE.match(line) and not ends_sentence(line):
        return True
    lowered = line.lower()
    if len(line) <= 300 and any(key in lowered for key in _LEGAL_KEYS) and _LEGAL.search(line):
        return True
    if len(line) <= 600 and "cookie" in lowered and _COOKIES.search(line):
        return _SITE_VOICE.search(line) is not None
    return is_comment_policy(line, lowered)


def is_comment_policy(paragraph: str, lowered: str | None = None) -> bool:
    """The site talking about its comment section ("Rudaw moderates all comments ...").

    Needs the site's own voice (we/our/you), the comment topic and moderation vocabulary, and
    no reported speech, so a news story *about* moderation stays news.
    """
    lowered = paragraph.lower() if lowered is None else lowered
    if len(paragraph) > 600 or not any(key in lowered for key in _POLICY_KEYS):
        return False  # cheap test first: most paragraphs say nothing about comments
    if not _SITE_VOICE.search(paragraph) or _ATTRIBUTION.search(paragraph):
        return False
    if _QUOTE_MARK.search(paragraph):
        return False  # quoting someone: news about comments, not the site's policy
    moderation = len(_MODERATION.findall(paragraph))
    topic = _COMMENT_TOPIC.search(paragraph)
    return (topic is not None and moderation >= 1) or moderation >= 3


def builtin_caption(line: str) -> bool:
    """Photo captions, credits, bylines and publication stamps."""
    maybe_credit = "/" in line or ":" in line or line[:12].lower().startswith(_CREDIT_STARTS)
    if len(line) <= 400 and maybe_credit and _CREDIT.search(line):
        return True
    if len(line) <= 160 and _BYLINE.fullmatch(line):
        return True
    if len(line) <= 100 and (_BY_NAME.fullmatch(line) or _DATELINE.fullmatch(line)):
        return True
    if _STAMP_LABEL.match(line) and is_date_line(line):
        return True  # "PUBLISHED: THURSDAY, MAY 2,2013,1:32 PM", "Updated 3 hours ago"
    if is_date_line(line):
        return False  # decided by position: a ticker before the headline, else the dateline
    # Only the end of the line matters; searching a bounded tail keeps this linear.
    tail = line[-120:]
    return (
        len(line) <= 400
        and _YEAR.search(tail) is not None
        and not ends_sentence(line)
        and _ENDS_WITH_DATE.search(tail) is not None
    )


def _matches(patterns: Sequence[UserPattern], line: str, budget: _Budget) -> bool:
    return any(budget.fullmatch(p, line) for p in patterns)


def _is_title(paragraph: str, title: str) -> bool:
    """Whether a paragraph is the headline given as ``title`` (already normalised).

    Titles from HTML metadata often carry the site name ("Talks stall | Reuters") or differ
    from the on-page headline by a character or two, so equality is not enough: the title's
    longest separator-delimited part may match too, or a near-identical line (ratio >= 92).
    """
    if len(paragraph) > 2 * len(title) + 40:
        return False
    line = normalise(paragraph)
    if line == title:
        return True
    parts = [part for part in _TITLE_SEPARATOR.split(title) if part]
    if len(parts) > 1 and line == max(parts, key=len):
        return True
    shorter, longer = sorted((line, title), key=len)
    return len(shorter) >= 0.8 * len(longer) and fuzz.ratio(line, title) >= 92


def _same_line(paragraph: str, normalised: str) -> bool:
    """``normalise(paragraph) == normalised``, skipping the work for clearly different lengths."""
    if len(paragraph) < len(normalised) or len(paragraph) > 2 * len(normalised) + 20:
        return False
    return normalise(paragraph) == normalised


def _find_title(paragraphs: Sequence[str], title: str, kinds: Sequence[PassageKind | None]) -> int:
    """Index of the headline paragraph, or -1.

    The paragraph equal to the article's title wins; without a title, the first headline-like
    paragraph among the first few, before any sentence of news.
    """
    wanted = normalise(title)
    if wanted:
        for i, paragraph in enumerate(paragraphs):
            if kinds[i] is None and _same_line(paragraph, wanted):
                return i
        for i, paragraph in enumerate(paragraphs[: 2 * _HEAD_ZONE]):
            if kinds[i] is None and _is_title(paragraph, wanted):
                return i
    for i, paragraph in enumerate(paragraphs[:_HEAD_ZONE]):
        if kinds[i] is not None:
            continue
        if is_headline_like(paragraph):
            return i
        if is_sentence_like(paragraph):
            break
    return -1


def _mark_comment_section(paragraphs: Sequence[str], kinds: list[PassageKind | None]) -> None:
    """Everything after a comment-section heading in the second half of the article.

    Reader comments are not the outlet's reporting; aligning them would invent agreement.
    In the first half such a heading is more likely a share bar's "Comments (3)" link, so it
    only marks itself (the furniture rules already did).
    """
    for i in range(len(paragraphs) // 2, len(paragraphs)):
        if len(paragraphs[i]) <= 40 and _COMMENT_HEADING.fullmatch(paragraphs[i]):
            for j in range(i, len(paragraphs)):
                if kinds[j] is None:
                    kinds[j] = "boilerplate"
            return


def classify_paragraphs(
    paragraphs: Sequence[str], title: str, rules: LineRules
) -> list[PassageKind]:
    """One kind per paragraph; ``body`` paragraphs are then cut into sentences by the caller."""
    kinds: list[PassageKind | None] = []
    budget = _Budget()
    for paragraph in paragraphs:
        if _matches(rules.boilerplate, paragraph, budget):
            kinds.append("boilerplate")
        elif _matches(rules.caption, paragraph, budget):
            kinds.append("caption")
        elif builtin_boilerplate(paragraph):
            kinds.append("boilerplate")
        elif builtin_caption(paragraph):
            kinds.append("caption")
        else:
            kinds.append(None)
    title_at = _find_title(paragraphs, title, kinds)
    if title_at >= 0:
        kinds[title_at] = "title"
        headline = normalise(paragraphs[title_at])
        for i, paragraph in enumerate(paragraphs):
            if i != title_at and kinds[i] is None and _same_line(paragraph, headline):
                kinds[i] = "boilerplate"  # the headline repeated by the page template
        # Before the headline: tickers, slogans, breadcrumbs, the current date. Only near the
        # top: a title found deep in the text (a "related" box) says nothing about the top.
        if title_at < _HEAD_ZONE:
            for i in range(title_at):
                if kinds[i] is None and not is_sentence_like(paragraphs[i]):
                    kinds[i] = "boilerplate"
    else:
        for i, paragraph in enumerate(paragraphs):
            if kinds[i] is None and not is_furniture_like(paragraph):
                break
            if kinds[i] is None:
                kinds[i] = "boilerplate"
    _mark_comment_section(paragraphs, kinds)
    # After the last news paragraph: widget headings and pickers.
    for i in range(len(paragraphs) - 1, -1, -1):
        if kinds[i] is not None:
            continue
        if not is_furniture_like(paragraphs[i]):
            break
        kinds[i] = "boilerplate"
    # Date lines after the headline are the article's own dateline.
    return [
        ("caption" if is_date_line(paragraphs[i]) else "body") if kind is None else kind
        for i, kind in enumerate(kinds)
    ]
