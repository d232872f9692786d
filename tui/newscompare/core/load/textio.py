"""Turn the bytes of a saved article into text, whatever encoding it was saved in.

Articles come from many places: Windows editors (cp1252, cp1256 for Arabic), old web pages
(latin-1, often mislabelled), copy-pastes with a BOM, files with CRLF or bare CR line ends. The
passage offsets point into the decoded text, so decoding must be deterministic and the line ends
folded before anyone counts characters.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from newscompare.core.model.sanitize import sanitize

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)

#: WHATWG: browsers decode these labels as windows-1252, and so do we (pages labelled latin-1
#: are very often really cp1252, and cp1252 is a superset for every printable latin-1 byte).
_LABEL_ALIASES = {
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso_8859-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}

#: When several single-byte code pages decode the bytes equally well, take the most common
#: one (charset-normalizer otherwise picks among equals by its own order, e.g. cp1250 for
#: French text saved by a Western Windows editor).
_PREFERRED_AMONG_EQUALS = ("cp1252",)

#: Control characters that never occur in real text (tab, newline, CR and form feed do).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
#: Form feed and vertical tab are layout: they become newlines before anything is counted.
_VERTICAL = re.compile(r"[\x0b\x0c]")

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""",
    re.IGNORECASE,
)


class NotText(ValueError):
    """The bytes are not text in any encoding we know (a binary file)."""


def fold_newlines(text: str) -> str:
    """CRLF and lone CR become ``\\n`` so offsets and line splitting mean the same everywhere."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def codec_name(label: str | None) -> str | None:
    """The Python codec for a charset label from HTTP or HTML, or None when unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _LABEL_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def html_meta_charset(data: bytes) -> str | None:
    """The charset a page declares in ``<meta charset>`` or ``http-equiv`` (first 4 KiB)."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def _looks_binary(text: str) -> bool:
    """Many control characters mean we decoded something that is not text."""
    if not text:
        return False
    controls = len(_CONTROL.findall(text))
    return controls > max(8, len(text) // 20)


def _detect(data: bytes) -> str:
    """Decode with charset-normalizer, preferring common code pages among equal candidates."""
    results = list(from_bytes(data))
    if not results:
        raise NotText("binary file, not text")
    best = results[0]
    for match in results:
        if match.chaos > best.chaos + 0.01:
            continue
        for preferred in _PREFERRED_AMONG_EQUALS:
            if preferred in match.could_be_from_charset:
                return data.decode(preferred)
    return str(best)


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` to text with ``\\n`` line ends; raises ``NotText`` for binary data.

    Order: a byte-order mark wins; then UTF-8 when it decodes (valid UTF-8 is almost never
    another encoding by accident, and pages often declare latin-1 while sending UTF-8), or
    when it is UTF-8 but for a few broken bytes (shown as U+FFFD); then the declared charset
    (HTTP header or HTML meta); then detection.
    """
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    elif data.startswith(_UTF32_BOMS):
        text = data.decode("utf-32", errors="replace")
    elif data.startswith(_UTF16_BOMS):
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data:
        text = _decode_wide(data)
    else:
        text = _decode_unmarked(data, declared)
    if _looks_binary(text):
        raise NotText("binary file, not text")
    return safe_article_text(text)


def safe_article_text(text: str) -> str:
    """Text as the engine keeps it: line ends folded to ``\\n``, form feeds and vertical tabs
    made newlines, every other unsafe character (terminal escapes, C1 controls, bidi
    overrides) replaced one for one by a visible symbol (``sanitize``), so what offsets point
    at is what every output shows."""
    return sanitize(_VERTICAL.sub("\n", fold_newlines(text)))


def _decode_wide(data: bytes) -> str:
    """NUL bytes: UTF-16/32 saved without a BOM, or (much more often) a binary file."""
    best = from_bytes(data).best()
    if best is None or not best.encoding.startswith(("utf_16", "utf_32")):
        raise NotText("binary file, not text")
    return str(best)


def _mostly_utf8(data: bytes) -> str | None:
    """``data`` as UTF-8 with U+FFFD for the bad bytes, when it plainly is UTF-8 with a few
    broken bytes (a cut-off download, one bad character pasted in): at least twice as many
    valid multi-byte characters as bad bytes. Text in a single-byte code page almost never
    forms valid multi-byte sequences, so it is left to the other rules (no mojibake either
    way: ``ü`` read as cp1250 is ``ĂĽ``)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    wide = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    return text if bad and wide >= 2 * bad else None


def _decode_unmarked(data: bytes, declared: str | None) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if (text := _mostly_utf8(data)) is not None:
        return text
    codec = codec_name(declared)
    if codec is not None:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass
    return _detect(data)
