"""Quantities in news text: value intervals with what they count and what happened to it.

A quantity is a value *interval* with what it counts: "around 2,500 soldiers" is 2,250..2,750
soldiers, "dozens of attacks" is 24..120 attacks, "a 2-5-year time frame" is 2..5 years,
"more than 3,000" is 3,000..infinity, "$143-billion" is 143e9 dollars. Each also carries the
event of its clause (``facts.counted``: "killing at least five", "injuring dozens"), so 24
dead and 249 injured are two quantities. Which figures of two passages are one quantity
reported differently is ``facts.quantity_match``: comparing intervals rather than strings is
what keeps "2,500" vs "2500", "five" vs "5" and "dozens" vs "36" quiet while "dozens" vs "200"
is reported.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from newscompare.core.facts.counted import event_near, event_of_word
from newscompare.core.lexicons.load import reporting_verbs, stop_words
from newscompare.core.text.tokens import lemma_of

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {
    "dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000,
    "billion": 1_000_000_000, "trillion": 1_000_000_000_000, "m": 1_000_000,
    "mn": 1_000_000, "bn": 1_000_000_000, "k": 1_000,
}  # fmt: skip
#: Vague amounts as intervals (what a careful reader would accept as consistent).
_VAGUE: dict[str, tuple[float, float]] = {
    "a couple of": (2, 3),
    "a handful of": (2, 6),
    "a few": (2, 6),
    "several": (3, 9),
    "a dozen": (12, 12),
    "dozens": (24, 120),
    "scores": (40, 200),
    "hundreds": (200, 999),
    "hundreds of thousands": (200_000, 999_999),
    "tens of thousands": (20_000, 99_999),
    "thousands": (2_000, 9_999),
    "millions": (2_000_000, 999_999_999),
}
#: Modifiers before a number and the interval they turn value v into.
_LOWER = ("more than", "over", "at least", "upwards of", "in excess of", "no fewer than")
_UPPER = ("fewer than", "less than", "under", "up to", "at most", "as many as", "no more than")
_ABOUT = ("around", "about", "approximately", "roughly", "some", "nearly", "almost", "close to")
#: "An estimated 100,000" gives the estimate as the figure: part of what the reader sees, not a
#: wider interval (so it still differs from "tens of thousands").
_ESTIMATE = ("an estimated", "estimated")

_WORD_NUM = "|".join(
    sorted([*_UNITS, "hundred", "thousand", "million", "billion", "dozen"], key=len, reverse=True)
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_WORDS = r"(?:hundred|thousand|million|billion|trillion)"
_NUM = (
    rf"(?:(?:{_DIGITS})(?:\s*(?:{_SCALE_WORDS}|m|mn|bn|k)\b){{0,2}}"
    rf"|(?:a|an)\s+(?:dozen|{_SCALE_WORDS})\b(?:\s+{_SCALE_WORDS}\b){{0,2}}"
    rf"|(?:{_WORD_NUM})\b(?:(?:\s+|-|\s+and\s+)(?:{_WORD_NUM})\b){{0,6}})"
)
_VAGUE_RE = "|".join(
    re.escape(v).replace(r"\ ", r"\s+") for v in sorted(_VAGUE, key=len, reverse=True)
)
_MODIFIER = "|".join(
    m.replace(" ", r"\s+")
    for m in sorted(_LOWER + _UPPER + _ABOUT + _ESTIMATE, key=len, reverse=True)
)
QUANTITY_RE = re.compile(
    rf"(?<![\w.,\-/$€£])(?:(?P<mod>{_MODIFIER})\s+)?"
    rf"(?:(?P<vague>{_VAGUE_RE})(?:\s+(?P<vscale>hundred|thousand|million)\b)?"
    rf"|(?:between\s+|from\s+)?(?P<cur>US\$|\$|€|£|euros?|EUR)?\s?(?P<lo>{_NUM})"
    rf"(?:\s*(?:-|–|—|\bto\b|\band\b)\s*(?:US\$|\$|€|£|euros?|EUR)?(?P<hi>{_NUM}))?)"
    rf"(?P<pct>\s?%|\s+per\s?cent\b|\s+percentage\s+points?\b)?"
    rf"(?:-(?P<unit>[a-z]+)\b)?",
    re.IGNORECASE,
)
_RANGE_AND = re.compile(r"\band\b", re.IGNORECASE)
_NUMBER_PARTS = re.compile(r"\d+(?:\.\d+)?|[a-z]+")
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")
_BETWEEN = re.compile(r"(?i)between\b")
_FROM_OR_BETWEEN = re.compile(r"(?i)\s*(?:from|between)\b")
_ONE = re.compile(r"(?i)(?:one|an?)")
_NO_BEFORE = re.compile(r"(?i)\bno\s+$")
_FOUR_DIGITS = re.compile(r"\d{4}")
_ENDS_IN_LETTER = re.compile(r"(?i)[a-z]$")
_WORD_RE = re.compile(r"[A-Za-z][\w’'-]*|[^\w\s]")
_LOOKBACK_NUMBER_OF = re.compile(
    r"\b(?i:numbers?)\s+of\s+(?:[\w-]+\s+){0,3}?(?P<noun>[a-z][a-z-]*s)\b"
)
_LOOKBACK_NOUN_NUMBERS = re.compile(r"\b(?P<noun>[a-z]+)\s+(?:numbers|count|toll)\b")
_FIGURE_WORDS = re.compile(r"\b(?:figure|total|tally|count|toll|estimate)\b", re.IGNORECASE)
#: The noun of a figure that counts "whatever the other passage counts".
UNSPECIFIED = "*"
_DELTA_BEFORE = re.compile(r"\bby\s+$", re.IGNORECASE)
_DELTA_OBJECT = re.compile(r"\b(?P<noun>[a-z]+s)\s+(?:\w+\s+){0,3}?by\s+$")
_AGE = re.compile(r"[A-Za-z],\s*$")
#: Currency marks before a figure ("US$5", "euro22 billion", "EUR 3m") as one symbol.
_CURRENCY_SIGNS = {"us$": "$", "euro": "€", "euros": "€", "eur": "€"}
_CURRENCY_WORDS = {
    "dollar": "$", "dollars": "$", "usd": "$", "euro": "€", "euros": "€", "pound": "£",
    "pounds": "£",
}  # fmt: skip
#: Words that end a counted-noun search (function words; capitalised modifiers such as "US" or
#: "Iraqi" are skipped instead): Snowball's list (``stopwords.yaml``) and two prepositions of
#: measure it leaves out.
_STOP = stop_words() | {"per", "onto"}
GENERIC_NOUNS = frozenset({"people", "person", "individual", "civilian", "resident"})
_PLURAL_WORDS = frozenset({"people", "police", "personnel", "staff", "children", "men", "women"})
_SKIP_ADJECTIVES = frozenset({"more", "additional", "other", "new", "extra", "further", "fewer"})
#: Nouns that count the same thing. Extend here; keep sets small and unambiguous.
NOUN_ALIASES: tuple[frozenset[str], ...] = (
    frozenset({"troop", "soldier", "force", "personnel", "serviceman", "servicemen",
               "servicemember", "service member", "marine", "boot"}),
    frozenset({"dead", "death", "killed", "kill", "died", "die", "fatality", "life", "lives",
               "casualty", "victim", "body", "bodies"}),
    frozenset({"injured", "wounded", "injury", "hurt"}),
    frozenset({"people", "person", "civilian", "resident", "individual"}),
    frozenset({"attack", "strike", "assault", "raid"}),
    frozenset({"year", "yr"}),
    frozenset({"percent", "%", "per cent"}),
)  # fmt: skip
#: What happened to people, when it is written as the counted word ("three killed", "24 dead"):
#: the alias groups of the dead and of the injured.
OUTCOME_NOUNS = (NOUN_ALIASES[1], NOUN_ALIASES[2])


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity: span in the passage, value interval, what it counts, how it was said."""

    start: int
    end: int
    text: str
    low: float
    high: float
    kind: str  # "count", "percent" or a currency symbol
    noun: str | None
    vague: bool = False
    #: The figure as written, without its noun: "around 2,500", "dozens of", "2-5-year".
    figure: str = ""
    #: Stems of the content words around it (see ``comparable``).
    context: frozenset[str] = frozenset()
    #: A change ("reduce by 500", "up by 5%"), compared only with other changes.
    delta: bool = False
    #: Counts a set other than the one a similar figure counts ("five other bank workers",
    #: "two more buildings"), so it is never set against another count of the same noun.
    distinct: bool = False
    #: What happened to what it counts (``facts.counted``: "24 people were killed" -> killed,
    #: "injuring dozens" -> injured); two figures of different events are never compared.
    event: str | None = None


#: Noun of an age written "76-year-old" (compared only with other ages).
AGE_NOUN = "year-old"
_AGE_AFTER = re.compile(r"(?:-|\s+)old\b", re.IGNORECASE)
#: "five other ...", "two more ...": a further set, not a second figure for the same one.
_DISTINCT_AFTER = re.compile(r"\s+(?:other|more|additional|further|extra|another)\b", re.IGNORECASE)


def singular(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w in ("people", "lives", "bodies", "servicemen", "series", "news"):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


@lru_cache(maxsize=65536)
def same_noun(a: str, b: str) -> bool:
    """Counted nouns that name the same thing: equal, aliases, or spelling variants."""
    a, b = singular(a), singular(b)
    if a == b:
        return True
    if any(a in group and b in group for group in NOUN_ALIASES) or _stem(a) == _stem(b):
        return True
    return min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= 88


def parse_number(text: str) -> float | None:
    """Digits ("2,500", "1.5 million", "5m") or words ("twenty-four", "two dozen", "a hundred")."""
    words = [w for w in _NUMBER_PARTS.findall(text.lower().replace(",", "")) if w != "and"]
    if not words:
        return None
    total = 0.0
    current = 0.0
    seen = False
    for w in words:
        if _DECIMAL.fullmatch(w):
            current += float(w)
            seen = True
        elif w in ("a", "an"):
            current += 1
        elif w in _UNITS:
            current += _UNITS[w]
            seen = True
        elif w in _SCALES:
            scale = _SCALES[w]
            current = (current or 1) * scale
            if scale >= 1000:
                total += current
                current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def _interval(value: float, modifier: str | None) -> tuple[float, float]:
    mod = " ".join(modifier.lower().split()) if modifier else ""
    if mod in _LOWER:
        return value, math.inf
    if mod in _UPPER:
        return 0.0, value
    if mod in ("nearly", "almost", "close to"):
        return value * 0.9, value
    if mod in _ABOUT:
        return value * 0.9, value * 1.1
    return value, value


def _counted_noun(text: str, end: int, start: int, of_ok: bool) -> tuple[str | None, int]:
    """The noun a number counts: the next plural (or last) word before a stop word.

    Skips capitalised modifiers ("2,500 US soldiers") and "of" after vague amounts ("dozens of
    attacks"). Falls back to "the number of US troops ... at 3,000" and "troop numbers ... by
    500" earlier in the sentence. Returns the noun and where the noun ends (``end`` if none).
    """
    candidates: list[tuple[str, int]] = []
    pos = end
    for m in _WORD_RE.finditer(text, end):
        if len(candidates) >= 3 or m.start() - pos > 2:
            break
        word = m.group()
        low = word.lower()
        pos = m.end()
        if not word[0].isalpha():
            break
        if low == "of" and not candidates and of_ok:
            continue
        if word[0].isupper() or low in _SKIP_ADJECTIVES:
            if candidates:
                break
            continue
        if low in _STOP:
            break
        if lemma_of(low) in reporting_verbs():
            continue  # "50 reported injured": the count is of the injured
        candidates.append((word, m.end()))
    for word, word_end in candidates:
        if singular(word) != word.lower() or word.lower() in _PLURAL_WORDS:
            return word, word_end
    if candidates:
        return candidates[0]
    before = text[max(0, start - 120) : start]
    last = None
    for m in _LOOKBACK_NUMBER_OF.finditer(before):
        last = m.group("noun")
    if last is None:
        for m in _LOOKBACK_NOUN_NUMBERS.finditer(before):
            last = m.group("noun")
    if last is None:
        delta = _DELTA_OBJECT.search(before)
        last = delta.group("noun") if delta else None
    if last is None and _FIGURE_WORDS.search(before[-60:]):
        last = UNSPECIFIED  # "put the figure at 3,000": a count of what the other side names
    return last, end


def _overlaps(start: int, end: int, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(start < e and s < end for s, e in spans)


def extract_quantities(
    text: str, exclude: tuple[tuple[int, int], ...] = ()
) -> tuple[Quantity, ...]:
    """Every quantity in ``text`` except those inside ``exclude`` (dates found first)."""
    out: list[Quantity] = []
    for m in QUANTITY_RE.finditer(text):
        if not m.group().strip() or _overlaps(m.start(), m.end(), exclude):
            continue
        lo_text, hi_text = m.group("lo"), m.group("hi")
        before = text[max(0, m.start() - 4) : m.start()]
        if lo_text and _ONE.fullmatch(lo_text.strip()) and _NO_BEFORE.search(before):
            continue  # "no one": nobody (``_none_reported``), not a count of one
        if m.group("vague"):
            low, high = _VAGUE[" ".join(m.group("vague").lower().split())]
            if m.group("vscale"):
                scale = _SCALES[m.group("vscale").lower()]
                low, high = low * scale, high * scale
            vague = True
        else:
            if lo_text is None:
                continue
            if (
                hi_text is not None
                and _RANGE_AND.search(m.group())
                and not _BETWEEN.match(m.group())
            ):
                hi_text = None  # "2 and 3" is a list, not a range
            value = parse_number(lo_text)
            if value is None:
                continue
            if hi_text is not None and hi_text.strip().lower() in _SCALES:
                value, hi_text = value * _SCALES[hi_text.strip().lower()], None  # "$143-billion"
            low = high = value
            if hi_text is not None:
                high_value = parse_number(hi_text)
                last = hi_text.split()[-1].lower() if hi_text.split() else ""
                if (
                    high_value is not None
                    and last in _SCALES
                    and last not in lo_text.lower()
                    and value * _SCALES[last] <= high_value
                ):
                    # "between 2 and 3 million": the scale of the second figure is the first's
                    low = value = value * _SCALES[last]
                if high_value is not None and high_value >= value:
                    high = high_value
            vague = False
            if _ONE.fullmatch(lo_text.strip()) and hi_text is None:
                low = high = 1.0  # kept only when it counts a noun (below)
        digits_only = lo_text is not None and _FOUR_DIGITS.fullmatch(lo_text.strip()) is not None
        if m.group("mod") and not vague:
            low, high = _interval(low, m.group("mod"))[0], _interval(high, m.group("mod"))[1]
        kind = "percent" if m.group("pct") else (m.group("cur") or "count")
        kind = _CURRENCY_SIGNS.get(kind.lower(), kind)
        unit = m.group("unit")
        if unit and unit.lower() in _SCALES and not vague:
            # "$143-billion": the scale of the figure, not what it counts
            scale = _SCALES[unit.lower()]
            low, high, unit = low * scale, high * scale, None
        match_end = m.end()
        if unit:
            noun: str | None = unit
        else:
            of_ok = (
                vague
                or kind == "percent"  # "5% of voters"
                or (high >= 100 and _ENDS_IN_LETTER.search(m.group()) is not None)
            )
            noun, match_end = _counted_noun(text, m.end(), m.start(), of_ok)
            if noun is not None and noun.lower() in _CURRENCY_WORDS and kind == "count":
                kind = _CURRENCY_WORDS[noun.lower()]
        if noun is not None and singular(noun) == "year" and _AGE_AFTER.match(text, match_end):
            noun = AGE_NOUN  # "76-year-old", "76 years old": an age, not a count of years
        if noun is None and (lo_text or "").strip().lower() in ("one", "a", "an"):
            continue  # "one of them": a pronoun, not a count
        if (
            digits_only
            and 1800 <= low <= 2100
            and kind == "count"
            and not (noun and singular(noun) != noun.lower())
        ):
            continue  # a year, not a count
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        if hi_text is None and _FROM_OR_BETWEEN.match(m.group()):
            start = m.start("cur") if m.group("cur") else m.start("lo")  # not a range after all
        if (
            noun is None
            and _AGE.search(text, max(0, start - 20), start)
            and text[match_end : match_end + 1] in (",", ")")
        ):
            continue  # "The actress, 26, checked in": an age
        out.append(
            Quantity(
                start=start,
                end=match_end,
                text=text[start:match_end],
                low=low,
                high=high,
                kind=kind,
                noun=noun.lower() if noun else None,
                vague=vague,
                figure=text[start : m.end()].strip(),
                context=_context(text, start, match_end),
                delta=_DELTA_BEFORE.search(text, max(0, start - 10), start) is not None,
                distinct=_DISTINCT_AFTER.match(text, m.end()) is not None,
                event=(event_of_word(noun) if noun and noun != UNSPECIFIED else None)
                or event_near(text, start, match_end),
            )
        )
    out.extend(_none_reported(text, exclude, out))
    out.sort(key=lambda q: q.start)
    return tuple(out)


#: "no casualties", "no one was hurt", "nobody injured": a count of zero of what happened.
_NONE = re.compile(
    r"\b(?P<nobody>nobody|no\s+one|none)\b"
    r"|\b(?P<no>no|zero)\s+(?:(?:other|further|immediate|serious|reported|known)\s+)?"
    r"(?P<noun>[a-z]+)\b",
    re.IGNORECASE,
)


def _none_reported(
    text: str, exclude: tuple[tuple[int, int], ...], found: list[Quantity]
) -> list[Quantity]:
    """Zero counts of an event: "no casualties" (the noun names the outcome) or "no one was
    killed" (the clause's event), so that they are compared with "24 casualties"."""
    out: list[Quantity] = []
    for m in _NONE.finditer(text):
        if _overlaps(m.start(), m.end(), exclude) or any(
            _overlaps(m.start(), m.end(), ((q.start, q.end),)) for q in found
        ):
            continue
        noun = m.group("noun")
        if noun is not None:
            event = event_of_word(noun)
            if event is None:
                continue  # "no doubt", "no plans": not a count
        else:
            event = event_near(text, m.start(), m.end())
            if event is None:
                continue
        out.append(
            Quantity(
                start=m.start(),
                end=m.end(),
                text=m.group(),
                low=0.0,
                high=0.0,
                kind="count",
                noun=noun.lower() if noun else None,
                figure=m.group("no") or m.group("nobody"),
                context=_context(text, m.start(), m.end()),
                event=event,
            )
        )
    return out


def _context(text: str, start: int, end: int) -> frozenset[str]:
    """Content words just around a figure: what the counted people did or suffered."""
    before = _WORD_RE.findall(text[max(0, start - 40) : start])[-3:]
    after = _WORD_RE.findall(text[end : end + 60])[:5]
    return frozenset(
        singular(w) for w in before + after if w[0].isalpha() and w.lower() not in _STOP
    )


def _stem(word: str) -> str:
    w = singular(word)
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w
