"""Dates in news text, resolved against the article's date, and which ones two outlets disagree on.

News dates are mostly partial ("in January", "July 26", "on Thursday") or relative ("earlier
this year", "last July"). Each mention becomes the fields it states (year, month or a month
range, day, weekday) after resolving relative expressions against ``Article.date`` when it is
known. Two mentions *conflict* when a field both know differs; they are *unconfirmed* when one
states a year the other leaves to an unknown article date, or one is a relative expression that
could not be resolved. Only conflicts are divergences: an unconfirmed pair ("January" vs
"January 2018" without the articles' dates) may well be one date, and the dense judged gold
counts none of them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Literal

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
_MONTH_NAMES = [m.title() for m in list(MONTHS)[:12]]

_MONTH = (
    r"(?P<{g}>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?P<{g}>(?:1[89]|20)\d\d)(?!\d|,\d)"
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_REL = (
    r"(?P<rel>(?:earlier|later|early|late)\s+this|this|last|next|the\s+end\s+of\s+this|"
    r"the\s+end\s+of\s+last|the\s+end\s+of\s+next|the\s+past)"
)
_PERIOD = r"(?P<period>year|month|week)"

DATE_RE = re.compile(
    "|".join(
        [
            # Saturday, 24 July, 2021 / 24 July 2021
            rf"(?:{_WEEKDAY},?\s+)?{_DAY.format(g='d1')}\s+{_MONTH.format(g='m1')},?\s+"
            rf"{_YEAR.format(g='y1')}",
            # January 1, 2020 / Friday, September 20, 2024
            rf"(?:{_WEEKDAY.replace('wd', 'wd2')},?\s+)?{_MONTH.format(g='m2')}\s+"
            rf"{_DAY.format(g='d2')},?\s+{_YEAR.format(g='y2')}",
            # January 2018
            rf"{_MONTH.format(g='m3')},?\s+{_YEAR.format(g='y3')}",
            # (last) July 26 / 26 July
            rf"(?:(?P<rel4>last|this|next)\s+)?{_MONTH.format(g='m4')}\s+{_DAY.format(g='d4')}"
            r"(?![\d,.]\d)\b",
            rf"{_DAY.format(g='d5')}\s+{_MONTH.format(g='m5')}\b",
            # last July / in late January / January (May/March only after a preposition)
            r"(?:(?P<rel6>last|this|next)\s+|(?P<part6>early|mid|late|mid-)\s*)?"
            r"(?P<m6>January|February|April|June|July|August|September|October|November"
            r"|December)\b",
            r"\b(?:in|In|since|until|by|of|last|this|next|early|late|mid)\s+"
            r"(?P<m7>May|March)\b",
            # earlier this year / last month / the end of this year
            rf"{_REL}\s+{_PERIOD}\b",
            r"(?P<near>yesterday|today|tomorrow|tonight)\b",
            r"\b(?P<ago>\w{1,8})\s+(?P<agounit>years?|months?|weeks?|days?)\s+ago\b",
            # on Thursday (morning)
            rf"{_WEEKDAY.replace('wd', 'wd8')}\b",
            # 08:30 / 8:30 p.m. / 9 am / 14.00 GMT
            r"(?<![\d.,:])(?P<hh>[01]?\d|2[0-3])(?:[:.](?P<mm>[0-5]\d))?\s*"
            r"(?P<ampm>[ap]\.?m\b\.?)"
            r"|(?<![\d.,:])(?P<hh2>[01]?\d|2[0-3]):(?P<mm2>[0-5]\d)(?![\d:])",
            # in 2014 / End 2021 / since 2003
            rf"(?<![$€£\d.,-]){_YEAR.format(g='y9')}"
            r"(?!\s*(?:%|percent\b|(?!was\b|has\b|is\b|as\b|its\b|this\b|his\b)[a-z]+s\b))",
        ]
    )
)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "a": 1}

Scale = Literal["time", "day", "weekday", "month", "year"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression and the fields it states once resolved (None: not stated/unknown)."""

    start: int
    end: int
    text: str
    year: int | None = None
    month_low: int | None = None  # month, or the first month of a range ("earlier this year")
    month_high: int | None = None
    day: int | None = None
    weekday: int | None = None
    #: Relative to the article date ("last July", "this year") and no article date known.
    unresolved: bool = False
    #: Fields were filled in from the article date (shown as "≈" in notes).
    resolved_from_article: bool = False
    scale: Scale = "day"
    #: Time of day in minutes after midnight ("8:30 p.m." -> 1230).
    minute: int | None = None
    #: A deadline ("by the end of this year", "until 2021"), compared only with deadlines.
    deadline: bool = False


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def parse_article_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _implicit_year(month: int, today: dt.date | None) -> int | None:
    """A month without a year in news is the latest such month up to the article date."""
    if today is None:
        return None
    return today.year if month <= today.month else today.year - 1


def _mention(m: re.Match[str], today: dt.date | None) -> DateMention | None:
    g = m.groupdict()
    start = m.start("m7") if g.get("m7") else m.start()
    base = DateMention(start, m.end(), m.string[start : m.end()])
    for n in ("1", "2"):
        if g.get("y" + n):
            month = _month(g["m" + n])
            day = int(g["d" + n])
            if not 1 <= day <= 31:
                return None
            return replace(
                base, year=int(g["y" + n]), month_low=month, month_high=month, day=day, scale="day"
            )
    if g.get("y3"):
        month = _month(g["m3"])
        return replace(base, year=int(g["y3"]), month_low=month, month_high=month, scale="month")
    for n in ("4", "5"):
        if g.get("m" + n):
            month, day = _month(g["m" + n]), int(g["d" + n])
            if not 1 <= day <= 31:
                return None
            rel = (g.get("rel" + n) or "").lower()
            return _month_mention(replace(base, day=day, scale="day"), month, rel, today)
    for n in ("6", "7"):
        if g.get("m" + n):
            rel = (g.get("rel" + n) or "").lower()
            return _month_mention(replace(base, scale="month"), _month(g["m" + n]), rel, today)
    if g.get("period"):
        return _relative_period(base, " ".join(g["rel"].lower().split()), g["period"], today)
    if g.get("near"):
        offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[g["near"].lower()]
        return _day_mention(base, today + dt.timedelta(days=offset) if today else None)
    if g.get("ago"):
        count = _NUMBER_WORDS.get(g["ago"].lower())
        if count is None and g["ago"].isdecimal():
            count = int(g["ago"])
        if count is None:
            return None
        unit = g["agounit"].lower().rstrip("s")
        if unit == "year":
            if today is None:
                return replace(base, unresolved=True, scale="year")
            return replace(base, year=today.year - count, scale="year", resolved_from_article=True)
        days = {"month": 30, "week": 7, "day": 1}[unit] * count
        return _day_mention(base, today - dt.timedelta(days=days) if today else None)
    if g.get("wd8"):
        # Past or coming weekday: news uses both, so it is compared by weekday only, against
        # dates whose year is known (or taken from this article's date).
        return replace(
            base,
            weekday=WEEKDAYS[g["wd8"].lower()],
            scale="weekday",
            year=today.year if today else None,
        )
    if g.get("hh") or g.get("hh2"):
        hour = int(g.get("hh") or g["hh2"])
        minutes = int(g.get("mm") or g.get("mm2") or 0)
        ampm = (g.get("ampm") or "").lower().replace(".", "")
        if ampm and not 1 <= hour <= 12:
            return None
        if ampm == "pm" and hour != 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        return replace(base, minute=hour * 60 + minutes, scale="time")
    if g.get("y9"):
        return replace(base, year=int(g["y9"]), scale="year")
    return None


def _day_mention(base: DateMention, day: dt.date | None) -> DateMention:
    if day is None:
        return replace(base, unresolved=True, scale="day")
    return replace(
        base,
        year=day.year,
        month_low=day.month,
        month_high=day.month,
        day=day.day,
        weekday=day.weekday(),
        scale="day",
        resolved_from_article=True,
    )


def _month_mention(base: DateMention, month: int, rel: str, today: dt.date | None) -> DateMention:
    with_month = replace(base, month_low=month, month_high=month)
    if today is None:
        return replace(with_month, unresolved=bool(rel))
    year: int | None
    if rel == "last":
        year = today.year if month < today.month else today.year - 1
    elif rel == "next":
        year = today.year if month > today.month else today.year + 1
    elif rel == "this":
        year = today.year
    else:
        year = _implicit_year(month, today)
    return replace(with_month, year=year, resolved_from_article=True)


def _relative_period(
    base: DateMention, rel: str, period: str, today: dt.date | None
) -> DateMention | None:
    """ "earlier this year", "last month", "the end of this year", "this week"."""
    if rel == "the past":
        return None  # a duration, not a point in time
    shift = -1 if rel.endswith("last") else 1 if rel.endswith("next") else 0
    scale: Scale = "year" if period == "year" else "month" if period == "month" else "day"
    if today is None:
        return replace(base, unresolved=True, scale=scale)
    if period == "year":
        year = today.year + shift
        low, high = (1, 12)
        if rel.startswith("earlier") or rel.startswith("early"):
            low, high = 1, today.month if shift == 0 else 6
        elif rel.startswith("later") or rel.startswith("late") or rel.startswith("the end"):
            low, high = (today.month, 12) if shift == 0 else (7, 12)
        if (low, high) == (1, 12):
            return replace(base, year=year, scale="year", resolved_from_article=True)
        return replace(
            base,
            year=year,
            month_low=low,
            month_high=high,
            scale="year",
            resolved_from_article=True,
        )
    if period == "month":
        index = today.year * 12 + today.month - 1 + shift
        month = index % 12 + 1
        return replace(
            base,
            year=index // 12,
            month_low=month,
            month_high=month,
            scale="month",
            resolved_from_article=True,
        )
    return None  # "this week": too loose to compare


#: Where a ``DATE_RE`` match can start, except in the "<n> years ago" branch (which may start at
#: any word): a digit, the capital of a month, weekday or "In", or one of the lower-case words
#: the other branches begin with (not all of them after a word boundary: "blast July" holds
#: "last July"). Keep in step with ``DATE_RE``; ``tests/test_diverge_fastpaths.py`` checks both.
_DATE_START = re.compile(
    r"\d|[ADFIJMNOSTW]|la(?:st|te)|th(?:is|e)|next|earl|mid|yesterday|to(?:day|morrow|night)"
    r"|\b(?:in|since|until|by|of)\b"
)


def _date_matches(text: str) -> Iterator[re.Match[str]]:
    """Exactly ``DATE_RE.finditer(text)``, about three times faster.

    ``DATE_RE`` is one large alternation, so the regex engine tries every branch at every
    character. Here it is tried only where a match can start (``_DATE_START``), with the same
    leftmost, non-overlapping walk as ``finditer``; ``match(text, pos)`` still sees the text
    before ``pos`` for look-behinds and word boundaries. Only a text containing "ago" can match the
    branch that starts at any word, and that text takes ``finditer`` itself.
    """
    if "ago" in text:
        yield from DATE_RE.finditer(text)
        return
    find_start, match = _DATE_START.search, DATE_RE.match
    pos = 0
    while (start := find_start(text, pos)) is not None:
        found = match(text, start.start())
        if found is None:
            pos = start.start() + 1
        else:
            yield found
            pos = found.end()  # never empty: every branch consumes characters


def days_named(mention: DateMention, article_date: str | None) -> tuple[dt.date, dt.date] | None:
    """The days a mention names, as an interval: a day ("July 22"; a weekday is the latest
    such day up to the article's date), or a whole month ("last July"); None for periods,
    unresolved mentions and impossible days. Alignment and the timeline both read dates so."""
    if mention.unresolved or mention.year is None:
        return None
    if mention.weekday is not None and mention.day is None and mention.month_low is None:
        today = parse_article_date(article_date)
        if today is None:
            return None
        day = today - dt.timedelta(days=(today.weekday() - mention.weekday) % 7)
        return (day, day)
    if mention.month_low is None or mention.month_low != mention.month_high:
        return None
    if mention.day is None:
        last = calendar.monthrange(mention.year, mention.month_low)[1]
        return (
            dt.date(mention.year, mention.month_low, 1),
            dt.date(mention.year, mention.month_low, last),
        )
    try:
        day = dt.date(mention.year, mention.month_low, mention.day)
    except ValueError:
        return None
    return (day, day)


def extract_dates(text: str, article_date: str | None) -> tuple[DateMention, ...]:
    """Every date expression in ``text``, resolved against ``article_date`` when given."""
    today = parse_article_date(article_date)
    out: list[DateMention] = []
    for m in _date_matches(text):
        mention = _mention(m, today)
        if mention is not None:
            before = text[max(0, mention.start - 20) : mention.start]
            out.append(replace(mention, deadline=_DEADLINE.search(before) is not None))
    return tuple(out)


_DEADLINE = re.compile(
    r"\b(?:by|until|till|before|no\s+later\s+than)\s+(?:the\s+)?"
    r"(?:(?:end|middle|start|beginning)\s+of\s+)?$",
    re.IGNORECASE,
)
Verdict = Literal["same", "conflict", "unconfirmed", "unrelated"]
_PUNCTUATION = re.compile(r"[^\w\s]")
_PAIRS_OF_SCALES = {
    ("day", "day"), ("day", "month"), ("month", "day"), ("month", "month"), ("month", "year"),
    ("year", "month"), ("year", "year"),
}  # fmt: skip


def _norm(text: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", text.lower()).split())


def judge(a: DateMention, b: DateMention) -> Verdict:
    """Whether two mentions state the same time, conflict, or cannot be checked."""
    if a.deadline != b.deadline:
        return "unrelated"
    scales = (a.scale, b.scale)
    if "time" in scales:
        if scales != ("time", "time"):
            return "unrelated"
        return "same" if a.minute == b.minute else "conflict"
    if scales == ("weekday", "weekday"):
        return "same" if a.weekday == b.weekday else "conflict"
    if "weekday" in scales:
        weekday, full = (a, b) if a.scale == "weekday" else (b, a)
        year = full.year
        if full.day is None or full.month_low is None or year is None:
            return "unrelated"
        try:
            same = dt.date(year, full.month_low, full.day).weekday() == weekday.weekday
        except ValueError:
            return "unrelated"
        return "same" if same else "conflict"
    if scales not in _PAIRS_OF_SCALES:
        return "unrelated"
    if _norm(a.text) == _norm(b.text) and (a.unresolved or b.unresolved or a.year == b.year):
        return "same"
    if a.year is not None and b.year is not None and a.year != b.year:
        return "conflict"
    if (
        a.month_low is not None
        and b.month_low is not None
        and a.month_high is not None
        and b.month_high is not None
        and (a.month_high < b.month_low or b.month_high < a.month_low)
    ):
        return "conflict"
    if a.day is not None and b.day is not None and a.month_low == b.month_low and a.day != b.day:
        return "conflict"
    if a.weekday is not None and b.weekday is not None and a.weekday != b.weekday:
        return "conflict"
    if (a.year is None) != (b.year is None) or a.unresolved or b.unresolved:
        return "unconfirmed"
    return "same"


def pair_dates(
    da: tuple[DateMention, ...], db: tuple[DateMention, ...]
) -> list[tuple[DateMention, DateMention, Verdict]]:
    """Match mentions across two passages; return the conflicting pairs.

    Mentions pair up greedily, each used once: the same scale first (a month with a month),
    and within it agreement before conflict, then reading order. A pair that agrees drops
    out; a pair that conflicts is returned.
    """
    verdicts = {(i, j): judge(a, b) for i, a in enumerate(da) for j, b in enumerate(db)}
    used_a: set[int] = set()
    used_b: set[int] = set()
    # Mentions of one scale meet first ("June 1998" with "June 1999", before "1998" of a range
    # can agree with it), agreement before conflict within a scale, then reading order.
    order = sorted(
        (ij for ij, verdict in verdicts.items() if verdict in ("same", "conflict")),
        key=lambda ij: (
            da[ij[0]].scale != db[ij[1]].scale,
            verdicts[ij] != "same",
            abs(ij[0] - ij[1]),
        ),
    )
    out: list[tuple[DateMention, DateMention, Verdict]] = []
    for i, j in order:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        if verdicts[(i, j)] == "conflict":
            out.append((da[i], db[j], verdicts[(i, j)]))
    out.sort(key=lambda t: t[0].start)
    return out


def describe(mention: DateMention) -> str:
    """The mention with what it resolved to: "earlier this year (≈2020)"."""
    text = " ".join(mention.text.split())
    if mention.unresolved:
        return f"{text} (article date unknown)"
    if mention.resolved_from_article and mention.year is not None:
        if mention.day is not None and mention.month_low is not None:
            return f"{text} (≈{mention.year}-{mention.month_low:02d}-{mention.day:02d})"
        if mention.month_low is not None and mention.month_low == mention.month_high:
            return f"{text} (≈{_MONTH_NAMES[mention.month_low - 1]} {mention.year})"
        return f"{text} (≈{mention.year})"
    if mention.scale in ("weekday", "time"):
        return text
    if mention.year is None:
        return f"{text} (year not stated)"
    return text
