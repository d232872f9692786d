"""Articles saved in any common encoding, with any line ends, load as the same text."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from newscompare.core.load.sources import load_sources
from newscompare.core.load.textio import (
    NotText,
    codec_name,
    decode_bytes,
    fold_newlines,
    html_meta_charset,
)
from newscompare.core.model.settings import LoadSettings

SETTINGS = LoadSettings()

ENGLISH = (
    "The ministry said the troops – about 2,500 of them – would leave “soon”, "
    "according to Reuters’ sources in Baghdad.\n"
)
FRENCH = (
    "Le ministre a déclaré que les troupes françaises quitteront le pays à la fin de "
    "l'année. Ça reste à confirmer, a-t-il ajouté.\n"
)
WESTERN = (
    "Café crème brûlée — “quoted” text about a naïve façade. The minister’s statement "
    "said 2,500 soldiers were stationed in the country.\n"
)
ARABIC = (
    "قالت وزارة الخارجية العراقية يوم الخميس إنها توصلت إلى اتفاق مع واشنطن بشأن "
    "انسحاب القوات الأمريكية، لكن الإعلان تأخر بسبب التطورات الأخيرة في المنطقة.\n"
)
RUSSIAN = (
    "Министерство иностранных дел Ирака заявило, что достигло соглашения с "
    "Вашингтоном о выводе войск.\n"
)


def load_one(path: Path) -> str:
    articles, problems = load_sources([str(path)], SETTINGS)
    assert problems == []
    assert len(articles) == 1
    return articles[0].text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (ENGLISH, "utf-8"),
        (ARABIC, "utf-8"),
        (ENGLISH, "cp1252"),
        (WESTERN, "cp1252"),
        (FRENCH, "latin-1"),
        (FRENCH, "cp1252"),
        (ARABIC, "cp1256"),
        (RUSSIAN, "cp1251"),
        (ARABIC, "utf-16"),  # Python writes a BOM for "utf-16"
        (ENGLISH + ARABIC, "utf-16-le"),  # no BOM
        (ENGLISH, "utf-16-be"),
        (RUSSIAN, "utf-32"),
        (ENGLISH, "utf-8-sig"),
    ],
)
def test_text_file_in_encoding(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(encoding))
    assert load_one(path) == text


def test_bom_is_not_part_of_text_and_front_matter_still_found(tmp_path: Path) -> None:
    path = tmp_path / "bom.md"
    path.write_bytes(codecs.BOM_UTF8 + ("---\noutlet: Al Arabiya\n---\n" + ARABIC).encode())
    articles, problems = load_sources([str(path)], SETTINGS)
    assert problems == []
    assert articles[0].outlet == "Al Arabiya"
    assert articles[0].text == ARABIC
    assert not articles[0].text.startswith("\ufeff")


def test_cp1256_front_matter_and_body(tmp_path: Path) -> None:
    path = tmp_path / "arabic.md"
    path.write_bytes(("---\noutlet: الشرق الأوسط\n---\n" + ARABIC).encode("cp1256"))
    articles, problems = load_sources([str(path)], SETTINGS)
    assert problems == []
    assert articles[0].outlet == "الشرق الأوسط"
    assert articles[0].text == ARABIC


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_are_folded(tmp_path: Path, newline: str) -> None:
    source = "---\ntitle: Line ends\n---\nFirst line.\n\nSecond line.\nThird.\n"
    path = tmp_path / "lines.md"
    path.write_bytes(source.replace("\n", newline).encode("utf-8"))
    articles, problems = load_sources([str(path)], SETTINGS)
    assert problems == []
    assert articles[0].title == "Line ends"
    assert articles[0].text == "First line.\n\nSecond line.\nThird.\n"


def test_crlf_in_cp1252_file(tmp_path: Path) -> None:
    path = tmp_path / "win.txt"
    path.write_bytes(WESTERN.replace("\n", "\r\n").encode("cp1252"))
    assert load_one(path) == WESTERN


def test_html_meta_charset_is_used(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{ARABIC.strip()} ({i})</p>\n" for i in range(3))
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
        "<title>خبر</title></head><body><article>" + paragraphs + "</article></body></html>"
    )
    path = tmp_path / "arabic.html"
    path.write_bytes(page.encode("cp1256"))
    text = load_one(path)
    assert ARABIC.strip() + " (0)" in text
    assert ARABIC.strip() + " (2)" in text


def test_utf8_wins_over_a_wrong_declaration() -> None:
    data = ARABIC.encode("utf-8")
    assert decode_bytes(data, declared="iso-8859-1") == ARABIC


def test_declaration_used_when_utf8_fails() -> None:
    # Short text that detection alone could guess wrong; the declared charset settles it.
    data = "Ça coûte 5 €.".encode("cp1252")
    assert decode_bytes(data, declared="windows-1252") == "Ça coûte 5 €."


def test_unknown_declaration_falls_back_to_detection() -> None:
    assert decode_bytes(ARABIC.encode("cp1256"), declared="x-no-such-charset") == ARABIC


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("UTF-8", "utf-8"),
        ("iso-8859-1", "cp1252"),
        ("latin1", "cp1252"),
        ("windows-1256", "cp1256"),
        ('"utf-8"', "utf-8"),
        ("bogus", None),
        (None, None),
        ("", None),
    ],
)
def test_codec_name(label: str | None, codec: str | None) -> None:
    assert codec_name(label) == codec


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        (b'<meta charset="windows-1256">', "windows-1256"),
        (b"<META CHARSET=utf-8>", "utf-8"),
        (b'<meta http-equiv="content-type" content="text/html; charset=ISO-8859-1">', "ISO-8859-1"),
        (b"<p>no meta</p>", None),
    ],
)
def test_html_meta_charset(head: bytes, charset: str | None) -> None:
    assert html_meta_charset(b"<html><head>" + head + b"</head></html>") == charset


def test_fold_newlines() -> None:
    assert fold_newlines("a\r\nb\rc\n\r\nd") == "a\nb\nc\n\nd"


@pytest.mark.parametrize(
    "data",
    [
        b"abc\x00def",
        bytes(range(1, 32)) * 20,
        b"\x1b[31m\x1b[0m\x07\x08" * 50,
    ],
)
def test_binary_data_is_not_text(data: bytes) -> None:
    with pytest.raises(NotText):
        decode_bytes(data)


def test_a_few_control_characters_are_still_text_shown_as_symbols() -> None:
    text = "Tab\tand form feed\x0c are fine \x1b[2J in a long enough article text. " * 3
    expected = "Tab\tand form feed\n are fine ␛[2J in a long enough article text. " * 3
    assert decode_bytes(text.encode()) == expected


def test_terminal_escapes_never_reach_the_article(tmp_path: Path) -> None:
    path = tmp_path / "escapes.md"
    path.write_bytes(
        b"---\ntitle: Plain\n---\nThe \x1b]0;owned\x07minister\x1b[31m said\xc2\x9b1m so.\n"
    )
    articles, problems = load_sources([str(path)], SETTINGS)
    assert problems == []
    # Shown, one for one, as visible symbols: nothing acts on a terminal, nothing is hidden.
    assert articles[0].text == "The ␛]0;owned␇minister␛[31m said\ufffd1m so.\n"
    page = tmp_path / "escapes.html"
    paragraph = "<p>The minister \x1b[31msaid the talks were over and a deal was near.</p>" * 5
    page.write_text(
        f"<html><head><title>A\x1b[2Jtitle</title></head><body>{paragraph}</body></html>"
    )
    articles, problems = load_sources([str(page)], SETTINGS)
    assert problems == []
    assert "\x1b" not in articles[0].text
    assert "\x1b" not in articles[0].title


@pytest.mark.parametrize("declared", [None, "utf-8", "iso-8859-1"])
def test_utf8_with_a_few_broken_bytes_stays_utf8(declared: str | None) -> None:
    """A page that is UTF-8 but for one bad byte (or a cut-off last character) became mojibake
    ("würden" -> "wĂĽrden"); the bad bytes are now U+FFFD and the rest reads as written."""
    text = "Der Minister sagte, die Truppen würden abziehen. Übergang, Ärger, Straße. " * 5
    broken = text.encode() + b"\xff and the rest"
    assert decode_bytes(broken, declared) == text + "\ufffd and the rest"
    cut = text.encode()[:-3] + "ß".encode()[:1]
    assert decode_bytes(cut, declared).endswith("Straß\ufffd")


def test_single_byte_text_is_not_taken_for_broken_utf8() -> None:
    data = "Le ministre a déclaré que les troupes partiraient en été, à la fin. ".encode("cp1252")
    assert decode_bytes(data * 4, "windows-1252") == data.decode("cp1252") * 4
