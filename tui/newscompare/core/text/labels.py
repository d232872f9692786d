"""Short readable labels from a sentence: cut at a clause boundary, never a bag of words.

Events and stories are named by one of their own passages (a headline or lead where an
outlet has one), so a reader recognises the label as something an outlet wrote. A long
sentence is cut where a clause ends (a comma, semicolon, colon or dash, else before a word
that opens a new clause), so the label still reads as a phrase: "Iraq's foreign ministry said
it has reached an agreement with Washington…" rather than "Iran / Kadhimi / January".
"""

from __future__ import annotations

import re

#: Characters of a label at most (an ellipsis included).
LABEL_CHARS = 80
#: A cut shorter than this says too little; a later boundary (or a word cut) is taken.
MIN_CHARS = 32
#: Clause punctuation: a comma, semicolon or colon followed by a space, a dash between spaces,
#: an opening bracket.
_PUNCTUATION = re.compile(r"[,;:](?=\s)|\s[-\u2013\u2014]+\s|[\u2013\u2014]|\s\(")
#: Words that open a new clause: a cut before them leaves the clause before whole.
#: A dateline before the first sentence ("ERBIL, Kurdistan Region - "): not what happened.
_DATELINE = re.compile(r"^[A-Z][A-Z.'\-]{2,}(?:[ ,][\w.'\- ]{0,40}?)?\s[-\u2013\u2014]+\s")
_OPENERS = re.compile(
    r"\s(?=(?:and|but|while|after|before|as|because|since|although|which|who|whom|whose|"
    r"where|when|amid|despite|following|according)\b)",
    re.IGNORECASE,
)


def short_label(text: str, limit: int = LABEL_CHARS, minimum: int = MIN_CHARS) -> str:
    """``text`` on one line, at most ``limit`` characters, without a leading dateline: whole
    when it fits, else cut at the last clause boundary that fits (punctuation first, then a
    clause-opening word, then a word), with an ellipsis."""
    flat = " ".join(text.split())
    dateline = _DATELINE.match(flat)
    if dateline and len(flat) - dateline.end() >= minimum:
        flat = flat[dateline.end() :]
    if len(flat) <= limit:
        return flat
    room = limit - 1  # for the ellipsis
    for pattern in (_PUNCTUATION, _OPENERS):
        cuts = [m.start() for m in pattern.finditer(flat, 0, room + 1) if minimum <= m.start()]
        if cuts:
            return flat[: cuts[-1]].rstrip(" ,;:-\u2013\u2014(") + "…"
    cut = flat[:room]
    if " " in cut[minimum:]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-\u2013\u2014(") + "…"
