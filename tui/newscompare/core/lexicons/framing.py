"""The built-in framing lexicon and the classes of attribution verbs.

A *framing set* lists the ways outlets name one thing, each *frame* a loaded or neutral choice
("killed" / "martyred" / "murdered"). Variants of one frame are separated by ``|``
("militia|militias|militia groups"): they are spellings of the same choice, not a divergence.
Two passages diverge in wording when each uses a frame of the same set that the other does not.
Users add sets in ``config.yaml`` (``diverge.wording``) in the same notation.

Attribution verbs carry how much the outlet stands behind a claim: "said" reports, "stressed"
endorses the speaker's emphasis, "claimed" casts doubt. Two passages diverge in attribution when
they attribute with verbs of different classes.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from newscompare.core.text.words import tokenize

#: How a death is named: the most consequential framing, and the one set whose different frames
#: are evidence that two passages report the same deaths (``factmatch``).
DEATH_FRAMES: tuple[str, ...] = (
    "killed|killing|kill|kills|slain|died|dead|die|dies|dying|death|deaths",
    "martyred|martyrdom|martyr|martyrs",
    "murdered|murder|murdering|murders",
    "assassinated|assassination|assassinating",
    "eliminated|neutralised|neutralized|liquidated",
    "massacred|massacre|slaughtered|slaughter",
)
#: Built-in framing sets (each a tuple of frames; ``|`` separates variants of one frame).
FRAMING_SETS: tuple[tuple[str, ...], ...] = (
    DEATH_FRAMES,
    (
        "militia|militias|militia groups|militia forces|militiamen|paramilitary groups",
        "resistance forces|resistance groups|resistance factions|resistance fighters"
        "|resistance movement|Islamic resistance|axis of resistance",
        "hardline factions|hardline groups|hardliners|hardline militias",
        "armed groups|armed factions|armed men|gunmen",
        "terrorists|terrorist groups|terror groups|terrorist organisations"
        "|terrorist organizations",
        "militants|militant groups",
        "rebels|rebel groups|insurgents",
        "fighters|combatants",
        "freedom fighters",
        "jihadists|jihadist groups",
    ),
    (
        "under the pretext of|on the pretext of|under the guise of|under the banner of"
        "|using the excuse of|under the excuse of",
        "fighting|to fight|combating|combatting|to combat|in the fight against"
        "|in the battle against|to defeat|defeating|in order to",
    ),
    ("government|administration|authorities", "regime"),
    (
        "presence|deployment|stationed|deployed",
        "occupation|occupying forces|occupiers|occupier|occupation forces",
    ),
    (
        "withdraw|withdrawal|withdrawing|withdrew|withdrawn|pull out|pullout|pulling out"
        "|leave|leaving|drawdown|draw down|depart|departure",
        "expel|expels|expelled|expelling|expulsion|kick out|oust|ousting|evict|eviction",
        "reduce|reducing|reduction|scale back|scaling back",
        "redefine the role|redefining the role|redefine its role|change the mission"
        "|shift the mission|transition",
    ),
    ("attack|attacks|strike|strikes|airstrike|airstrikes|raid|raids",
     "crime|crimes|aggression|atrocity|atrocities|act of terror",
     "retaliation|retaliatory strike|retaliatory strikes|self-defence|self-defense"),
    ("protesters|protestors|demonstrators", "rioters|mob|mobs|thugs"),
    ("disputed territories|disputed areas", "occupied territories|occupied areas",
     "liberated territories|liberated areas"),
)  # fmt: skip

#: Reporting verbs by the stance they give the claim they carry.
ATTRIBUTION_CLASSES: dict[str, tuple[str, ...]] = {
    "neutral": (
        "said", "says", "say", "saying", "told", "tells", "telling", "stated", "states",
        "added", "adds", "adding", "noted", "notes", "explained", "explains", "reported",
        "announced", "announces", "mentioned", "wrote", "writes", "replied", "remarked",
        "commented", "according to", "indicated", "pointed out", "observed",
    ),
    "assertive": (
        "stressed", "stresses", "stressing", "insisted", "insists", "insisting", "emphasised",
        "emphasized", "emphasises", "emphasizes", "emphasising", "emphasizing", "affirmed",
        "affirms", "asserted", "asserts", "underlined", "underscored", "reiterated",
        "confirmed", "declared", "maintained", "made clear",
    ),
    "doubting": (
        "claimed", "claims", "claiming", "alleged", "alleges", "alleging", "purported",
        "purports", "contended", "contends",
    ),
    "conceding": ("admitted", "admits", "acknowledged", "acknowledges", "conceded", "confessed"),
    "denying": ("denied", "denies", "denying", "rejected", "dismissed"),
    "warning": ("warned", "warns", "warning", "threatened", "threatens", "cautioned"),
}  # fmt: skip

#: Words that end an object phrase ("combating the Islamic State [ISIS]" stops at "[").
_OBJECT_STOP = frozenset(
    {
        "and", "or", "but", "in", "on", "at", "by", "for", "from", "to", "with", "as", "than",
        "that", "which", "who", "while", "when", "where", "after", "before", "during", "since",
        "until", "into", "is", "are", "was", "were", "has", "have", "had", "will", "would",
        "could", "should"
    }
)  # fmt: skip
_WORD = re.compile(r"[\w’'-]+|[^\w\s]")
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "these"})
_AUXILIARY_TO = re.compile(r"\b([a-z]+)\s+to\s+$")
_NOT_VERBS = frozenset({"order", "due", "according", "going", "addition", "up", "able"})
#: Words before "to <verb>" that carry intent ("agreed to withdraw", "plan to expel"); any
#: other word ("troops to leave") is not part of the framing phrase.
_INTENT = frozenset({
    "agree", "agrees", "plan", "plans", "decide", "decides", "decision", "want", "wants",
    "refuse", "refuses", "vow", "vows", "pledge", "pledges", "promise", "promises", "seek",
    "seeks", "try", "tries", "attempt", "attempts", "intend", "intends", "intention", "hope",
    "hopes", "aim", "aims", "threaten", "threatens", "move", "moves", "bid", "call", "calls",
    "demand", "demands", "vote", "votes", "need", "needs", "agreement", "order", "orders",
    "begin", "began", "continue", "continues", "expect", "expects", "ready", "willing",
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class TermMatch:
    """A lexicon term found in a passage, with the phrase around it a reader would name."""

    start: int
    end: int
    text: str
    group: int  # index of the set
    frame: int  # index of the frame within its set (for attribution: the verb's class)
    term: str  # the variant that matched


def parse_sets(sets: tuple[tuple[str, ...], ...]) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """``("a|b", "c")`` -> ``(("a", "b"), ("c",))`` per set, empty variants dropped."""
    return tuple(
        tuple(
            tuple(v.strip() for v in frame.split("|") if v.strip())
            for frame in framing_set
            if frame.strip()
        )
        for framing_set in sets
    )


#: Per first word of a variant: (variant words, variant, the (set, frame)s it belongs to),
#: longest variants first.
Lexicon = dict[str, list[tuple[tuple[str, ...], str, tuple[tuple[int, int], ...]]]]


@lru_cache(maxsize=16)
def compile_lexicon(sets: tuple[tuple[tuple[str, ...], ...], ...]) -> Lexicon:
    """Index every variant by its first normalised word, so matching is one pass over tokens.

    A variant may belong to several sets: it frames things in each of them.
    """
    owners: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    spelled: dict[tuple[str, ...], str] = {}
    for g, framing_set in enumerate(sets):
        for f, frame in enumerate(framing_set):
            for variant in frame:
                words = tuple(t.norm for t in tokenize(variant))
                if not words:
                    continue
                spelled.setdefault(words, variant.lower())
                if (g, f) not in owners.setdefault(words, []):
                    owners[words].append((g, f))
    index: Lexicon = {}
    for words in sorted(owners, key=len, reverse=True):
        index.setdefault(words[0], []).append((words, spelled[words], tuple(owners[words])))
    return index


def _extend_object(text: str, end: int, takes_verb: bool) -> int:
    """End of the object after a phrase: a verb when the phrase needs one ("in order to
    implement", "the pretext of fighting"), determiners, then a name or up to two nouns."""
    pos = last_end = end
    verb_taken = not takes_verb
    taken = 0
    capitalised = False
    for m in itertools.islice(_WORD.finditer(text, end), 8):
        word = m.group()
        low = word.lower()
        if not word[0].isalnum() or text[pos : m.start()].strip():
            break
        if not verb_taken and word[0].islower() and low not in _OBJECT_STOP | _DETERMINERS:
            verb_taken = True
            pos = last_end = m.end()
            continue
        verb_taken = True
        if low in _DETERMINERS and taken == 0:
            pos = m.end()
            continue
        if low in _OBJECT_STOP:
            break
        if word[0].isupper():
            capitalised = True
        elif capitalised and not word[0].isdigit():
            break  # a name ends at the first lower-case word ("the Islamic State in ...")
        pos = last_end = m.end()
        taken += 1
        if taken >= (4 if capitalised else 2):
            break
    return last_end


def _carries_intent(word: str) -> bool:
    w = word.lower()
    if w in _NOT_VERBS or w in _OBJECT_STOP:
        return False
    return w in _INTENT or w.endswith(("ed", "ing"))


#: Last words of phrases that need their object to be understood, and whether a verb comes
#: first ("under the pretext of [fighting] ISIS", "in order to [implement] the resolution").
_OBJECT_AFTER = {
    "of": True, "to": True, "against": False, "fight": False, "combat": False,
    "defeat": False, "fighting": False, "combating": False, "combatting": False,
    "defeating": False,
}  # fmt: skip


def find_terms(
    text: str,
    sets: tuple[tuple[tuple[str, ...], ...], ...],
    objects: bool = True,
    lowercase: bool = False,
) -> tuple[TermMatch, ...]:
    """Non-overlapping lexicon matches, each widened to the phrase a reader would quote.

    Verbs get the modal verb before them ("agreed to withdraw"); purposes and pretexts get their
    object ("under the pretext of fighting ISIS"). A match inside an earlier widened phrase is
    part of that phrase, not a second term. ``lowercase``: only words written in lower case
    (for verbs, which a capitalised name such as "United States" would otherwise give).
    """
    index = compile_lexicon(sets)
    tokens = tokenize(text)
    norms = [t.norm for t in tokens]
    out: list[TermMatch] = []
    covered_until = -1
    for i, token in enumerate(tokens):
        if token.start < covered_until or token.norm not in index:
            continue
        if lowercase and not token.text[0].islower():
            continue  # "United States" is not the verb "states"
        match = next(
            (
                (words, variant, owners)
                for words, variant, owners in index[token.norm]
                if tuple(norms[i : i + len(words)]) == words
            ),
            None,
        )
        if match is None:
            continue
        words, variant, owners = match
        start, end = token.start, tokens[i + len(words) - 1].end
        if objects:
            last = variant.split()[-1]
            if last in _OBJECT_AFTER:
                end = _extend_object(text, end, _OBJECT_AFTER[last])
            before = _AUXILIARY_TO.search(text, max(0, start - 30), start)
            if before and before.end() == start and _carries_intent(before.group(1)):
                start = before.start()
        out.extend(TermMatch(start, end, text[start:end], g, f, variant) for g, f in owners)
        covered_until = end
    return tuple(out)


def attribution_sets() -> tuple[tuple[tuple[str, ...], ...], ...]:
    """The attribution classes as one lexicon set of frames (class order as in the table)."""
    return (tuple(ATTRIBUTION_CLASSES.values()),)


ATTRIBUTION_NAMES: tuple[str, ...] = tuple(ATTRIBUTION_CLASSES)


def attribution_terms(text: str) -> tuple[TermMatch, ...]:
    """Reporting verbs of a passage (lower-case words only), their class in ``frame``."""
    return find_terms(text, attribution_sets(), objects=False, lowercase=True)


def differing_frames(
    terms_a: tuple[TermMatch, ...], terms_b: tuple[TermMatch, ...]
) -> list[tuple[TermMatch, TermMatch]]:
    """Per set: the first term of a frame only A uses vs the first of a frame only B uses.

    When one side's frames all appear on the other side too, the other side only adds words
    and nothing is framed differently; those are left to the word-level spans.
    """
    out: list[tuple[TermMatch, TermMatch]] = []
    groups = sorted({t.group for t in terms_a} & {t.group for t in terms_b})
    for group in groups:
        in_a = [t for t in terms_a if t.group == group]
        in_b = [t for t in terms_b if t.group == group]
        frames_a = {t.frame for t in in_a}
        frames_b = {t.frame for t in in_b}
        only_a = [t for t in in_a if t.frame not in frames_b]
        only_b = [t for t in in_b if t.frame not in frames_a]
        if only_a and only_b:
            out.append((only_a[0], only_b[0]))
    return out


def differing_attribution(
    terms_a: tuple[TermMatch, ...], terms_b: tuple[TermMatch, ...]
) -> tuple[TermMatch, TermMatch] | None:
    """Reporting verbs of different classes: a class only one side uses, against the other's.

    "stressed" vs "claimed ... saying" is reported (assertive vs doubting); "said" vs "told" is
    not (both neutral). When only one side adds a class ("said ... claimed" vs "said"), its
    verb is set against the other side's verb of another class.
    """
    if not terms_a or not terms_b:
        return None
    classes_a = {t.frame for t in terms_a}
    classes_b = {t.frame for t in terms_b}
    only_a = [t for t in terms_a if t.frame not in classes_b]
    only_b = [t for t in terms_b if t.frame not in classes_a]
    if only_a and only_b:
        return only_a[0], only_b[0]
    if only_a:
        other = next((t for t in terms_b if t.frame != only_a[0].frame), None)
        return (only_a[0], other) if other else None
    if only_b:
        other = next((t for t in terms_a if t.frame != only_b[0].frame), None)
        return (other, only_b[0]) if other else None
    return None


_TIME_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "morning",
    "afternoon", "evening", "night", "today", "yesterday", "week", "month", "year",
})  # fmt: skip
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "who", "which"})
_AUXILIARIES = frozenset({"also", "has", "had", "have", "was", "were", "is", "are", "later",
                          "then", "again", "further", "repeatedly", "publicly"})  # fmt: skip


def subject_words(text: str, start: int) -> frozenset[str]:
    """Content words of who speaks, just before a reporting verb; empty when unknown.

    A pronoun or a participle ("saying") gives no subject: it could be anyone named earlier.
    """
    before = [t for t in tokenize(text) if t.end <= start][-6:]
    words: list[str] = []
    for token in reversed(before):
        if token.norm in _AUXILIARIES or token.norm in _TIME_WORDS or token.norm == "of":
            continue
        if token.norm in _PRONOUNS and not words:
            return frozenset()
        if token.norm in _OBJECT_STOP or token.norm in _DETERMINERS:
            if words:
                break
            continue  # "the ministry on Thursday said": look past the time adverbial
        words.append(token.norm)
    return frozenset(words)


def same_speaker(a: frozenset[str], b: frozenset[str]) -> bool:
    """Unknown on either side, or a word in common (Iraq ~ Iraqi, Kirby ~ John Kirby)."""
    if not a or not b:
        return True
    return any(x == y or (min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x)))
               for x in a for y in b)  # fmt: skip
