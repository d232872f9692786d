"""The built-in framing lexicon (``lexicons/data/framing.yaml``) and how terms are found.

A *framing set* lists the ways outlets name one thing, each *frame* a loaded or neutral choice
("killed" / "martyred" / "murdered"). Variants of one frame are separated by ``|``
("militia|militias|militia groups"): they are spellings of the same choice, not a divergence.
Two passages diverge in wording when each uses a frame of the same set that the other does not.
Users add sets in ``config.yaml`` (``diverge.wording``) in the same notation. (How a passage
credits its claims is ``facts.attribution``.)
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from newscompare.core.text.words import tokenize


def _framing_sets() -> tuple[tuple[str, ...], ...]:
    """``lexicons/data/framing.yaml`` in the ``|`` notation of ``diverge.wording``."""
    from newscompare.core.lexicons.load import lexicon

    return tuple(
        tuple("|".join(str(v) for v in frame) for frame in frames)
        for frames in lexicon("framing")["sets"].values()
    )


#: Built-in framing sets (each a tuple of frames; ``|`` separates variants of one frame).
FRAMING_SETS: tuple[tuple[str, ...], ...] = _framing_sets()
#: How a death is named: the most consequential framing, and the one set whose different frames
#: are evidence that two passages report the same deaths (``factmatch``).
DEATH_FRAMES: tuple[str, ...] = FRAMING_SETS[0]

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
