"""One hostile corpus for every output path: terminal escapes, OSC 52/8/0, C1 controls, bidi
overrides, zero-width characters and markup in article text, front matter, HTML, file names,
config.yaml and annotations.yaml.

``unsafe_in(text)`` lists what of it would act on a terminal (or reorder text): every test that
feeds this corpus through an output asserts it is empty.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from newscompare.core.model.sanitize import UNSAFE

if TYPE_CHECKING:
    from newscompare.core.annotations.records import Annotation

#: Each payload is something a terminal acts on (or, for bidi, shows out of order).
CSI = "\x1b[31m"
RESET = "\x1bc"
OSC52 = "\x1b]52;c;SGVsbG8=\x07"  # writes the clipboard
OSC8 = "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\"  # a hidden link
OSC0 = "\x1b]0;pwned\x07"  # renames the window / pane
C1_CSI = "\x9b2J"  # one-byte CSI: clears the screen
BIDI = "\u202eevil\u202c \u2066isolated\u2069"
ZERO_WIDTH = "zero\u200bwidth\u200djoiner"  # kept: text, not control
MARKUP = "[bold]bold[/] [@click=app.quit]quit[/] *stars* <b>x</b> # hash |pipe|"
PAYLOADS = (CSI, RESET, OSC52, OSC8, OSC0, C1_CSI, BIDI, "\x7fdel\x85nel\x08bs")
ALL = " ".join((*PAYLOADS, ZERO_WIDTH, MARKUP))

#: Sentences two outlets share (so they align) with different figures (so they diverge).
_SHARED = (
    "The defence minister said {n} US troops will leave Iraq by September {y}, officials "
    "confirmed on Thursday {evil}."
)
#: Ordinary news text around the payloads (a text that is mostly controls is a binary file).
_FILLER = " ".join(
    f"Paragraph {n}: the talks in Baghdad went on for a long time and the delegations met "
    "again in the afternoon to agree on the wording of the final statement."
    for n in range(1, 9)
)


def yaml_quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar (escapes for every control)."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif code < 0x20 or 0x7F <= code <= 0x9F or 0x2028 <= code <= 0x2069:
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


#: File names: no front matter, so the outlet comes from the name (the pane-title case).
NAMED_BY_FILE = f"01-{OSC0}name{OSC52}.md"
BROKEN = f"04-broken\n{CSI}name.md"


def write_corpus(folder: Path) -> Path:
    """The hostile story in ``folder`` (created); returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / NAMED_BY_FILE).write_text(
        _SHARED.format(n="2,500", y="2025", evil=OSC52)
        + "\n\nMilitias carried out dozens of attacks on US forces "
        + f"{CSI}last year{RESET}.\n\n{ALL}\n\n{_FILLER}\n",
        encoding="utf-8",
    )
    (folder / "02-front.md").write_text(
        "---\n"
        f"outlet: {yaml_quoted('Evil ' + RESET + C1_CSI + ' Outlet ' + BIDI)}\n"
        f"title: {yaml_quoted('Title ' + OSC52 + MARKUP)}\n"
        f"url: {yaml_quoted('https://news.example/a' + OSC8)}\n"
        f"author: {yaml_quoted('By ' + OSC0)}\n"
        "date: 2025-01-05\n"
        "---\n"
        + _SHARED.format(n="3,000", y="2026", evil=C1_CSI)
        + f"\n\nArmed groups launched a wave of attacks on American forces {BIDI}.\n\n"
        f"{ZERO_WIDTH} and {MARKUP}\n\n{_FILLER}\n",
        encoding="utf-8",
    )
    paragraph = (
        "<p>The defence minister said 2,800 US troops will leave Iraq by September 2025, "
        "officials confirmed on Thursday &#27;]52;c;SGVsbG8=&#7; &#x9b;2J &#x202e;evil.</p>"
        f"<p>{_FILLER}</p>"
    )
    (folder / "03-page.html").write_text(
        "<html><head><title>Page &#27;[2J&#27;]0;pwned&#7; title</title>"
        '<meta property="og:site_name" content="Site &#27;c">'
        f"</head><body><article><h1>Troops to leave</h1>{paragraph}</article></body></html>",
        encoding="utf-8",
    )
    (folder / BROKEN).write_text("", encoding="utf-8")  # cannot load: a problem with its name
    return folder


_JSON_ESCAPE = re.compile(r"\\u(00[01][0-9a-fA-F]|007[fF]|00[89][0-9a-fA-F]|202[a-eA-E]|206[6-9])")


def unsafe_in(text: str) -> list[str]:
    """Characters of ``text`` that must never reach an output (newline and tab are text)."""
    return sorted({f"U+{ord(ch):04X}" for ch in text if ord(ch) in UNSAFE and ch not in "\n\t"})


def escaped_controls_in(json_text: str) -> list[str]:
    """JSON escapes of unsafe characters (``\\u001b``): a consumer that decodes and prints them
    would be hit all the same."""
    found = _JSON_ESCAPE.findall(json_text)
    return sorted({f"U+{code.upper()}" for code in found} - {"U+0009", "U+000A"})


#: Cells a spreadsheet would evaluate (OWASP's list and the full-width forms).
FORMULAS = ('=HYPERLINK("https://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "＝1")


def hostile_records() -> list[Annotation]:
    """Records as someone could have hand-edited them: every string field hostile."""
    from newscompare.core.annotations.records import Annotation, PassageRef, text_hash

    def side(n: int, text: str) -> PassageRef:
        return PassageRef(
            article_id=f"art{n}{OSC0}",
            article_path=f"articles/{RESET}{n}.md",
            outlet=f"Outlet {n} {C1_CSI}{BIDI}",
            text=text,
            start=0,
            end=len(text),
            text_hash=f"{text_hash(text)}{CSI}",
        )

    records = [
        Annotation(
            id=f"rec-{OSC52}",
            kind="note",
            label=f"label {CSI}{MARKUP}",
            note=f"first line {OSC8}\nsecond {RESET} line\n{ALL}",
            a=side(1, f"A passage {ALL}"),
            b=side(2, f"B passage {OSC52}"),
            created="2026-01-01T00:00:00.000Z",
            updated="2026-01-02T00:00:00.000Z",
            tool_version=f"0.1.0{OSC0}",
        )
    ]
    for n, formula in enumerate(FORMULAS):
        records.append(
            Annotation(
                id=f"formula-{n}",
                kind="link",
                label=formula,
                note=formula,
                a=side(1, formula),
                b=side(2, "plain text"),
                created="2026-01-01T00:00:00.000Z",
                updated="2026-01-01T00:00:00.000Z",
                tool_version="0.1.0",
            )
        )
    return records


def write_annotations(path: Path) -> Path:
    """``hostile_records`` saved as an annotations file (valid YAML: escapes are quoted)."""
    from newscompare.core.annotations.records import dump_records

    path.write_text(dump_records(hostile_records()), encoding="utf-8")
    return path
