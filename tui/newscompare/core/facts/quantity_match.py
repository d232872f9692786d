"""Which figures of two aligned passages are one quantity reported differently.

Two figures disagree when they count the same thing (``comparable``: same kind and unit, the
same counted noun or an alias, the same event happened to what they count) and their value
intervals do not overlap (``consistent``). Amounts of money are also matched by value: inside an
aligned pair, two amounts in one currency (or one with no currency written) within a quarter of
each other are one amount reported differently ("22.4bn" vs "euro22 billion").
"""

from __future__ import annotations

import math

from newscompare.core.facts.quantities import (
    GENERIC_NOUNS,
    OUTCOME_NOUNS,
    UNSPECIFIED,
    Quantity,
    same_noun,
    singular,
)

#: Two unmatched amounts of money closer than this ratio are one amount reported differently.
MONEY_RATIO = 1.25
#: A figure with no unit and no counted noun at least this large is an amount (of money, as a
#: rule in news: "lend 22.4bn to Greece").
BARE_AMOUNT = 1_000_000


def consistent(a: Quantity, b: Quantity) -> bool:
    """Intervals overlap (with a rounding tolerance of 0.5%)."""
    # Rounding of an exact figure; a vague amount's interval already says all it allows
    # ("tens of thousands" is not "100,000").
    tolerance = 0.0 if a.vague or b.vague else 0.005 * max(abs(a.low), abs(b.low), 1.0)
    return a.low <= b.high + tolerance and b.low <= a.high + tolerance


def comparable(a: Quantity, b: Quantity) -> bool:
    """Same kind, and counted nouns that name the same thing.

    "people" counts anyone, so two counts of people are comparable only when the words around
    them say the same thing happened to them ("24 people were killed" ~ "five people died",
    not "tens of thousands of people took to the streets").
    """
    if a.kind != b.kind or a.delta != b.delta:
        return False
    if a.event is not None and b.event is not None and a.event != b.event:
        return False  # 24 killed and 249 injured are two figures, not one given twice
    if a.kind != "count" and (a.noun is None or b.noun is None):
        # An amount of money or a share names its unit; what it measures is in the words
        # around it ("$158 billion) EU and IMF debt bailout" ~ "a $144 billion bailout").
        return not (a.distinct or b.distinct) and any(
            same_noun(x, y) for x in a.context for y in b.context
        )
    if a.distinct or b.distinct:
        return False  # "five other bank workers" are not the "three bank workers"
    if a.noun is None or b.noun is None:
        # "injuring dozens" counts the injured: a figure without a noun is compared through
        # the event it reports, with a count of people or of the outcome itself.
        other = b if a.noun is None else a
        return (
            a.event is not None
            and a.event == b.event
            and (other.noun is None or _generic_or_outcome(other.noun))
        )
    if UNSPECIFIED in (a.noun, b.noun):
        return a.noun != b.noun
    if (
        a.event is not None
        and a.event == b.event
        and _generic_or_outcome(a.noun)
        and _generic_or_outcome(b.noun)
    ):
        return True  # "no casualties" ~ "12 people were injured": one event, counted people
    if not same_noun(a.noun, b.noun):
        return _people_who(a, b) or _people_who(b, a)
    if singular(a.noun) in GENERIC_NOUNS or singular(b.noun) in GENERIC_NOUNS:
        if a.event is not None and b.event is not None:
            return True  # same event (checked above): "killing five people" ~ "24 people died"
        return any(same_noun(x, y) for x in a.context for y in b.context)
    return True


def _generic_or_outcome(noun: str) -> bool:
    word = singular(noun)
    return word in GENERIC_NOUNS or any(word in group for group in OUTCOME_NOUNS)


def _people_who(people: Quantity, outcome: Quantity) -> bool:
    """ "24 people were killed" counts the dead as "three killed" does: a count of people whose
    words around say what the other figure counts (dead, injured)."""
    if people.noun is None or outcome.noun is None:
        return False
    if singular(people.noun) not in GENERIC_NOUNS:
        return False
    noun = singular(outcome.noun)
    if not any(noun in group for group in OUTCOME_NOUNS):
        return False
    return any(same_noun(word, outcome.noun) for word in people.context)


def disagreeing(
    qa: tuple[Quantity, ...], qb: tuple[Quantity, ...]
) -> list[tuple[Quantity, Quantity]]:
    """Pairs of quantities that count the same thing with different values.

    Agreeing pairs are matched first, so a passage that repeats the other's figure and adds
    another figure for the same noun is not reported. A figure without noun such as
    "put the figure at 3,000" counts whatever the other passage counts.
    """
    used_a: set[int] = set()
    used_b: set[int] = set()
    for i, a in enumerate(qa):
        for j, b in enumerate(qb):
            if j not in used_b and consistent(a, b) and comparable(a, b):
                used_a.add(i)
                used_b.add(j)
                break
    out: list[tuple[Quantity, Quantity]] = []
    for i, a in enumerate(qa):
        if i in used_a:
            continue
        for j, b in enumerate(qb):
            if j not in used_b and comparable(a, b):
                used_a.add(i)
                used_b.add(j)
                out.append((a, b))
                break
    out.extend(_money_by_value(qa, qb, used_a, used_b))
    return out


def _amount_kind(q: Quantity) -> str | None:
    """The currency of an amount of money ("" for a bare amount such as "22.4bn"), or None."""
    if q.delta or q.distinct:
        return None
    if q.kind not in ("count", "percent"):
        return q.kind
    if q.kind == "count" and q.noun is None and q.low >= BARE_AMOUNT and q.low == q.high:
        return ""
    return None


def _money_by_value(
    qa: tuple[Quantity, ...], qb: tuple[Quantity, ...], used_a: set[int], used_b: set[int]
) -> list[tuple[Quantity, Quantity]]:
    """Amounts left unmatched on both sides, paired with the nearest amount of the other side
    in the same currency (or none written) when within ``MONEY_RATIO`` of it."""
    out: list[tuple[Quantity, Quantity]] = []
    for i, a in enumerate(qa):
        kind_a = _amount_kind(a)
        if i in used_a or kind_a is None or a.low <= 0:
            continue
        best: tuple[float, int] | None = None
        for j, b in enumerate(qb):
            kind_b = _amount_kind(b)
            if j in used_b or kind_b is None or b.low <= 0:
                continue
            if kind_a and kind_b and kind_a != kind_b:
                continue  # euros and dollars: a conversion, not a second report
            ratio = max(a.low, b.low) / min(a.low, b.low)
            if ratio <= MONEY_RATIO and (best is None or ratio < best[0]):
                best = (ratio, j)
        if best is not None:
            used_a.add(i)
            used_b.add(best[1])
            if not consistent(a, qb[best[1]]):
                out.append((a, qb[best[1]]))
    return out


def describe(a: Quantity, b: Quantity) -> str:
    """A note such as "2,500 vs 3,000 soldiers/troops"."""
    nouns = [n for n in (a.noun, b.noun) if n and n != UNSPECIFIED]
    unique = list(dict.fromkeys(nouns))
    what = "/".join(unique)
    return f"{_value_text(a)} vs {_value_text(b)}" + (f" {what}" if what else "")


def _value_text(q: Quantity) -> str:
    if q.vague:
        return f"{q.figure.removesuffix(' of')} (≈{_fmt(q.low)}-{_fmt(q.high)})"
    if q.figure and not any(c.isdigit() for c in q.figure):
        return f"{q.figure} ({_fmt(q.low)})" if q.low == q.high else q.figure
    if q.figure and not q.figure[:1].isdigit():
        return q.figure  # "around 2,500", "$5 million"
    if q.low == q.high:
        body = _fmt(q.low)
    elif math.isinf(q.high):
        body = f">{_fmt(q.low)}"
    else:
        body = f"{_fmt(q.low)}-{_fmt(q.high)}"
    if q.kind == "percent":
        return body + "%"
    if q.kind != "count":
        return q.kind + body
    return body


def _fmt(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
