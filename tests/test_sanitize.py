"""The one sanitizer: what is unsafe, how each mode shows it, and what it leaves alone."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newscompare.core.model.sanitize import UNSAFE, is_safe, sanitize, spreadsheet_cell


def test_controls_escapes_c1_and_bidi_become_visible_symbols() -> None:
    assert sanitize("a\x1b]52;c;SGk=\x07b") == "a␛]52;c;SGk=␇b"
    assert sanitize("\x00\x08\x7f") == "␀␈␡"
    assert sanitize("x\x9b2J\x85") == "x\ufffd2J\ufffd"
    assert sanitize("\u202eevil\u202c\u2066i\u2069") == "\ufffdevil\ufffd\ufffdi\ufffd"
    assert sanitize("cr\rhere") == "cr␍here"


def test_text_marks_joiners_and_markup_are_left_alone() -> None:
    text = "Arabic \u200f mark, ZWNJ می\u200cخواهم, emoji 👩\u200d💻, [bold]x[/] *y* <b>"
    assert sanitize(text) == text and is_safe(text)
    assert sanitize("tab\tand\nnewline") == "tab\tand\nnewline"


def test_modes() -> None:
    assert sanitize("a\tb\nc", "display") == "a b\nc"
    assert (
        sanitize("name\nwith\ttab\r and\u2028sep", "line") == "name\\nwith\\ttab\\r and\\u2028sep"
    )
    assert "\n" not in sanitize("x\n\x1b\n", "line")


@given(st.text())
def test_same_length_idempotent_and_nothing_unsafe_left(text: str) -> None:
    for mode in ("text", "display"):
        shown = sanitize(text, mode)  # type: ignore[arg-type]
        assert len(shown) == len(text)  # offsets into the text stay valid
        assert sanitize(shown, mode) == shown  # type: ignore[arg-type]
        assert all(ord(ch) not in UNSAFE or ch in "\n\t" for ch in shown)
    line = sanitize(text, "line")
    assert all(ord(ch) not in UNSAFE for ch in line) and sanitize(line, "line") == line


def test_spreadsheet_cells_that_start_a_formula_are_text() -> None:
    for formula in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "＝1", "＋1", "－1", "＠x"):
        assert spreadsheet_cell(formula) == "'" + formula
    assert spreadsheet_cell("\r=1") == "␍=1"  # a CR is shown as a symbol, which starts nothing
    assert spreadsheet_cell("2,500 troops") == "2,500 troops"
    assert spreadsheet_cell(" =1") == " =1"  # only the first character starts a formula
    assert spreadsheet_cell("\x1b=1") == "␛=1"
    assert spreadsheet_cell("") == ""
