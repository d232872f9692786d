"""The one sanitizer: what of an untrusted string may reach a terminal, a report or a spreadsheet.

Article text, front matter, file names, URLs, server messages and the annotations file are
written by someone else. Printed as they are, control characters act on the terminal that shows
them: ``ESC ]52;c;...`` writes the clipboard, ``ESC c`` resets the terminal, ``ESC ]0;...``
renames the window, ``U+009B`` is a one-byte CSI, and bidi overrides (U+202E) make text read in
an order other than the one it is stored in (Trojan Source). Every string from outside passes
``sanitize`` before any terminal, stderr, Markdown, CSV or JSON output, and this module is the
only place that decides what is unsafe (``UNSAFE``):

- C0 controls (U+0000-U+001F, ESC included) and DEL are shown as their Unicode control
  pictures (``␛`` for ESC, ``␀`` for NUL, ``␡`` for DEL);
- C1 controls (U+0080-U+009F) and the bidi embeddings, overrides and isolates (U+202A-U+202E,
  U+2066-U+2069) as ``�`` (U+FFFD): Unicode has no pictures for them;
- newline and tab are text, kept as they are, except in ``"line"`` mode, which makes one line:
  ``\\n``, ``\\r``, ``\\t`` and the Unicode line and paragraph separators become backslash
  escapes (file names and outlets inside one-line messages).

Left alone on purpose: the bidi *marks* (U+200E, U+200F, U+061C) and zero-width joiners and
spaces (U+200B-U+200D, U+2060, U+FEFF), which Arabic, Persian and Indic text and emoji need and
which cannot move the cursor or change a terminal's state; markup (Markdown, Rich), which is the
business of each output (escaped in Markdown, never parsed in the reader).

Modes ``"text"`` and ``"display"`` keep the length of the text, so offsets into it (passage
spans, divergence highlights) stay valid.
"""

from __future__ import annotations

import re
from typing import Literal

#: How a string is going to be shown: ``text`` (reports, exports, article text), ``display``
#: (the reader: a tab is spacing) or ``line`` (one line: names and messages).
Mode = Literal["text", "display", "line"]

_BIDI_CONTROLS = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))


def _unsafe() -> dict[int, str]:
    table = {code: chr(0x2400 + code) for code in range(0x20)}  # ␀ .. ␟, ␛ for ESC
    table[0x7F] = "\u2421"  # ␡
    table.update({code: "\ufffd" for code in range(0x80, 0xA0)})
    table.update({code: "\ufffd" for code in _BIDI_CONTROLS})
    return table


#: Every unsafe code point and the visible character shown in its place.
UNSAFE: dict[int, str] = _unsafe()

_TABLES: dict[Mode, dict[int, str]] = {
    "text": {**UNSAFE, 0x09: "\t", 0x0A: "\n"},
    "display": {**UNSAFE, 0x09: " ", 0x0A: "\n"},
    "line": {
        **UNSAFE,
        0x09: "\\t",
        0x0A: "\\n",
        0x0D: "\\r",
        0x2028: "\\u2028",
        0x2029: "\\u2029",
    },
}
_FINDERS: dict[Mode, re.Pattern[str]] = {
    mode: re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(table)) + "]")
    for mode, table in _TABLES.items()
}


def sanitize(text: str, mode: Mode = "text") -> str:
    """``text`` safe to show: unsafe characters replaced as the module docstring says.

    Idempotent, and the identity on ordinary text (checked first, so clean text costs one
    regex scan).
    """
    finder = _FINDERS[mode]
    if finder.search(text) is None:
        return text
    return text.translate(_TABLES[mode])


def is_safe(text: str, mode: Mode = "text") -> bool:
    """Whether ``sanitize(text, mode)`` would leave ``text`` as it is."""
    return _FINDERS[mode].search(text) is None


#: First characters a spreadsheet reads as the start of a formula (OWASP "CSV injection"):
#: = + - @, tab and carriage return, and their full-width forms, which some spreadsheets fold.
_FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")


def spreadsheet_cell(text: str) -> str:
    """A sanitized CSV cell that no spreadsheet evaluates: a cell starting like a formula is
    prefixed with ``'``, which spreadsheets show as text and do not display."""
    cell = sanitize(text)
    return "'" + cell if cell[:1] in _FORMULA_STARTS else cell
