"""Loading folders and files: the samples, ids, metadata precedence, HTML, and bad input."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from newscompare.config import ConfigError, load_config, parse_config
from newscompare.core.load.sources import (
    id_seed,
    label_from_name,
    load_sources,
    normalize_date,
    slug,
)
from newscompare.core.model.settings import ArticleOverride, LoadSettings
from newscompare.core.model.story import LoadProblem

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "articles"
#: The five sample articles exactly as received (copied from the shared corpus).
CORPUS = ROOT / "tests" / "data" / "corpus" / "iraq-withdrawal"
SAVED_PAGE = ROOT / "tests" / "data" / "loading" / "saved-page.html"
SETTINGS = LoadSettings()

BODY = "The ministry said on Thursday that talks had ended.\n\nBoth sides agreed on a timetable.\n"


def write(path: Path, text: str = BODY, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def only_problem(problems: list[LoadProblem]) -> LoadProblem:
    assert len(problems) == 1, problems
    return problems[0]


# --- the five samples ---------------------------------------------------------------------


def test_sample_folder_gives_five_articles_with_front_matter_metadata() -> None:
    articles, problems = load_sources([str(ARTICLES)], SETTINGS)
    assert problems == []
    assert [a.id for a in articles] == [
        "01-rudaw",
        "02-us-iraq-announce-continued-withdrawal",
        "03-asharq-al-awsat",
        "04-pakistan-news-network",
        "05-pentagon-negotiations-continue",
    ]
    by_id = {a.id: a for a in articles}
    assert by_id["01-rudaw"].outlet == "Rudaw"
    assert by_id["01-rudaw"].title == ""
    assert by_id["03-asharq-al-awsat"].outlet == "Asharq Al-Awsat"
    assert by_id["03-asharq-al-awsat"].title == "US, Iraq Agree on Basic Troop Withdrawal End 2021"
    assert by_id["03-asharq-al-awsat"].date == "2021-07-24"
    assert by_id["04-pakistan-news-network"].outlet == "Pakistan News Network (PNN)"
    # No outlet in the front matter: a label from the file name.
    assert by_id["02-us-iraq-announce-continued-withdrawal"].outlet == (
        "Us Iraq Announce Continued Withdrawal"
    )
    assert by_id["02-us-iraq-announce-continued-withdrawal"].title.startswith("US, Iraq Announce")
    for article in articles:
        assert article.path == os.path.join(str(ARTICLES), article.id + ".md")


def test_sample_text_equals_the_original_corpus_text() -> None:
    articles, _ = load_sources([str(ARTICLES)], SETTINGS)
    originals = sorted(CORPUS.glob("*.txt"))
    assert len(originals) == len(articles) == 5
    for article, original in zip(articles, originals, strict=True):
        assert article.text == original.read_bytes().decode("utf-8")


def test_ids_are_stable_between_runs() -> None:
    first, _ = load_sources([str(ARTICLES)], SETTINGS)
    second, _ = load_sources([str(ARTICLES)], SETTINGS)
    assert first == second


# --- folders ------------------------------------------------------------------------------


def test_folder_loads_article_extensions_sorted_and_skips_the_rest(tmp_path: Path) -> None:
    write(tmp_path / "b.md")
    write(tmp_path / "a.txt")
    write(tmp_path / "c.markdown")
    shutil.copy(SAVED_PAGE, tmp_path / "d.htm")
    shutil.copy(SAVED_PAGE, tmp_path / "e.HTML")
    write(tmp_path / ".hidden.md")
    write(tmp_path / "annotations.yaml", "pairs: []\n")
    write(tmp_path / "config.yaml", "loading: {}\n")
    write(tmp_path / "notes.rtf")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "deeper.md")
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git" / "x.md")
    articles, problems = load_sources([str(tmp_path)], SETTINGS)
    assert problems == []
    assert [a.id for a in articles] == ["a", "b", "c", "d", "e"]


def test_folder_without_articles_is_one_problem(tmp_path: Path) -> None:
    write(tmp_path / "annotations.yaml", "pairs: []\n")
    articles, problems = load_sources([str(tmp_path)], SETTINGS)
    assert articles == []
    problem = only_problem(problems)
    assert problem.source == str(tmp_path)
    assert "no articles" in problem.reason
    assert "\n" not in str(problem)


def test_explicit_file_with_other_extension_is_read_as_text(tmp_path: Path) -> None:
    path = write(tmp_path / "story.rtf", "---\noutlet: Wire\n---\n" + BODY)
    articles, problems = load_sources([str(path)], SETTINGS)
    assert problems == []
    assert articles[0].outlet == "Wire"
    assert articles[0].text == BODY


def test_explicit_file_with_other_extension_that_is_a_page_is_extracted(tmp_path: Path) -> None:
    path = tmp_path / "saved.webpage"
    shutil.copy(SAVED_PAGE, path)
    articles, problems = load_sources([str(path)], SETTINGS)
    assert problems == []
    assert articles[0].outlet == "Gulf Tribune"
    assert "<p>" not in articles[0].text


def test_the_same_file_twice_loads_once_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md")
    articles, problems = load_sources([str(tmp_path), str(path)], SETTINGS)
    assert [a.id for a in articles] == ["a"]
    problem = only_problem(problems)
    assert not problem.fatal
    assert problem.source == str(path)


def test_articles_keep_the_order_given(tmp_path: Path) -> None:
    write(tmp_path / "zeta.md")
    write(tmp_path / "alpha.md")
    articles, _ = load_sources([str(tmp_path / "zeta.md"), str(tmp_path / "alpha.md")], SETTINGS)
    assert [a.id for a in articles] == ["zeta", "alpha"]


# --- ids, labels, dates -------------------------------------------------------------------


def test_ids_clash_get_numbered_suffixes(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    one = write(tmp_path / "x" / "Story.md")
    two = write(tmp_path / "y" / "story.txt")
    three = write(
        tmp_path / "story.html", "<html><body><p>" + "Long text. " * 40 + "</p></body></html>"
    )
    four = write(tmp_path / "story-2.md")
    articles, problems = load_sources([str(one), str(two), str(four), str(three)], SETTINGS)
    assert problems == []
    assert [a.id for a in articles] == ["story", "story-2", "story-2-2", "story-3"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("04-pakistan-news-network", "04-pakistan-news-network"),
        ("Le Monde — Édition", "le-monde-edition"),
        ("وكالة الأنباء", "article"),
        ("a" * 30 + "-" + "b" * 30, "a" * 30),
        ("x" * 60, "x" * 40),
        ("__weird__..name", "weird-name"),
    ],
)
def test_slug(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_id_seed_for_paths_and_urls() -> None:
    assert id_seed("articles/01-rudaw.md") == "01-rudaw"
    assert id_seed("https://www.example.org/world/troops-leave.html") == "example-org-troops-leave"
    assert id_seed("https://news.example.com/") == "news-example-com"
    assert id_seed("http://example.com/a/b/?q=1") == "example-com-b"


@pytest.mark.parametrize(
    ("source", "label"),
    [
        ("04-pakistan-news-network.md", "Pakistan News Network"),
        ("dir/2024_09_rudaw_english.txt", "09 Rudaw English"),
        ("al-monitor.html", "Al Monitor"),
        ("123.md", "123"),
        ("https://www.rudaw.net/english/x", "rudaw.net"),
    ],
)
def test_label_from_name(source: str, label: str) -> None:
    assert label_from_name(source) == label


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2021-07-24", "2021-07-24"),
        ("2021-7-4", "2021-07-04"),
        ("2021-07-24T08:30:00+03:00", "2021-07-24"),
        ("24 July 2021", "2021-07-24"),
        ("July 24, 2021", "2021-07-24"),
        ("MAY 2,2013", "2013-05-02"),
        ("2021/07/24", "2021-07-24"),
        ("24/07/2021", "2021-07-24"),
        ("07/24/2021", "2021-07-24"),
        ("05.05.2021", "2021-05-05"),
        ("03/04/2021", None),
        ("July 2021", None),
        ("Thursday", None),
        ("2021-02-30", None),
        ("soon", None),
    ],
)
def test_normalize_date(raw: str, iso: str | None) -> None:
    assert normalize_date(raw) == iso


# --- metadata precedence ------------------------------------------------------------------


def test_override_beats_front_matter_beats_file_name(tmp_path: Path) -> None:
    path = write(tmp_path / "07-some-site.md", "---\noutlet: Front\ntitle: FM title\n---\n" + BODY)
    plain = write(tmp_path / "08-other-site.md")
    override = ArticleOverride(
        path=str(path), outlet="Configured", date="2020-06-11", url="https://x.org/a"
    )
    articles, problems = load_sources(
        [str(path), str(plain)], SETTINGS, {str(path.resolve()): override}
    )
    assert problems == []
    first, second = articles
    assert first.outlet == "Configured"
    assert first.title == "FM title"  # not overridden, so front matter stays
    assert (first.date, first.date_source) == ("2020-06-11", "config")
    assert first.url == "https://x.org/a"
    assert second.outlet == "Other Site"
    assert second.title == ""
    assert (second.date, second.date_source) == (None, None)
    assert second.url is None


def test_override_keyed_by_resolved_path_matches_relative_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "a.md")
    monkeypatch.chdir(tmp_path)
    overrides = {str((tmp_path / "a.md").resolve()): ArticleOverride(path="a.md", outlet="O")}
    articles, _ = load_sources(["./a.md"], SETTINGS, overrides)
    assert articles[0].outlet == "O"
    assert articles[0].path == "./a.md"


# --- saved HTML ---------------------------------------------------------------------------


def test_saved_page_keeps_article_and_drops_menus_and_comments() -> None:
    articles, problems = load_sources([str(SAVED_PAGE)], SETTINGS)
    assert problems == []
    article = articles[0]
    assert article.title == "Iraq and US agree on troop withdrawal timetable"
    assert article.outlet == "Gulf Tribune"
    assert (article.date, article.date_source) == ("2024-09-06", "html")
    assert ("author", "Layla Hassan") in article.extra
    assert article.url is None
    text = article.text
    assert "around 2,500 soldiers stationed in Iraq" in text
    assert "start of a new phase of the bilateral security relationship." in text
    for furniture in ("Subscribe now", "Zz-commenter", "Copyright 2024", "Oil prices climb"):
        assert furniture not in text
    paragraphs = text.split("\n\n")
    assert any(p.startswith("Baghdad and Washington have reached") for p in paragraphs)
    assert "Talks at the Pentagon" in paragraphs
    assert "\r" not in text and "<" not in text


def test_page_date_is_not_guessed_from_the_text(tmp_path: Path) -> None:
    paragraph = "<p>The minister said in March 2019 that the talks had ended for good.</p>" * 5
    page = (
        "<html><head><title>No date</title></head><body><article>"
        f"{paragraph}</article><footer>Copyright 2024 Example</footer></body></html>"
    )
    path = write(tmp_path / "undated.html", page)
    articles, problems = load_sources([str(path)], SETTINGS)
    assert problems == []
    assert articles[0].date is None


def test_dangling_link_in_folder_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "a.md")
    (tmp_path / "b.md").symlink_to(tmp_path / "gone.md")
    articles, problems = load_sources([str(tmp_path)], SETTINGS)
    assert [a.id for a in articles] == ["a"]
    assert str(only_problem(problems)) == f"{tmp_path / 'b.md'}: no such file or directory"


def test_page_without_article_text_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.html", "<html><head><title>x</title></head><body></body></html>")
    articles, problems = load_sources([str(path)], SETTINGS)
    assert articles == []
    assert str(only_problem(problems)) == f"{path}: no article text found in the page"


# --- bad input: one line each, the others still load ------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    good = write(tmp_path / "good.md")
    articles, problems = load_sources(["missing.md", str(good)], SETTINGS)
    assert [a.id for a in articles] == ["good"]
    assert str(only_problem(problems)) == "missing.md: no such file or directory"


def test_empty_and_blank_files(tmp_path: Path) -> None:
    empty = write(tmp_path / "empty.txt", "")
    blank = write(tmp_path / "blank.txt", " \n\r\n\t\n")
    articles, problems = load_sources([str(empty), str(blank)], SETTINGS)
    assert articles == []
    assert [str(p) for p in problems] == [
        f"{empty}: the file is empty",
        f"{blank}: the file is empty",
    ]


def test_front_matter_without_body(tmp_path: Path) -> None:
    path = write(tmp_path / "meta-only.md", "---\noutlet: X\n---\n\n")
    articles, problems = load_sources([str(path)], SETTINGS)
    assert articles == []
    assert only_problem(problems).reason == "no article text after the front matter"


def test_binary_files(tmp_path: Path) -> None:
    nul = tmp_path / "blob.bin"
    nul.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    noise = tmp_path / "noise.txt"
    noise.write_bytes(bytes((i * 37 + 11) % 256 for i in range(4000)).replace(b"\x00", b"\x01"))
    good = write(tmp_path / "good.md")
    articles, problems = load_sources([str(nul), str(noise), str(good)], SETTINGS)
    assert [a.id for a in articles] == ["good"]
    assert [str(p) for p in problems] == [
        f"{nul}: binary file, not text",
        f"{noise}: binary file, not text",
    ]


def test_folder_with_binary_html_suffix(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(b"\x00\x01\x02" * 100)
    articles, problems = load_sources([str(tmp_path)], SETTINGS)
    assert articles == []
    assert only_problem(problems).reason == "binary file, not text"


def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.md")
    path.chmod(0)
    try:
        try:
            path.read_bytes()
        except PermissionError:
            pass
        else:
            pytest.skip("running with privileges that ignore file permissions")
        articles, problems = load_sources([str(path)], SETTINGS)
    finally:
        path.chmod(0o644)
    assert articles == []
    assert str(only_problem(problems)) == f"{path}: permission denied"


def test_unreadable_folder(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    write(folder / "a.md")
    good = write(tmp_path / "good.md")
    folder.chmod(0)
    try:
        try:
            os.listdir(folder)
        except PermissionError:
            pass
        else:
            pytest.skip("running with privileges that ignore file permissions")
        articles, problems = load_sources([str(folder), str(good)], SETTINGS)
    finally:
        folder.chmod(0o755)
    assert [a.id for a in articles] == ["good"]
    assert str(only_problem(problems)) == f"{folder}: permission denied"


def test_file_over_max_bytes(tmp_path: Path) -> None:
    big = write(tmp_path / "big.txt", "x" * 2000)
    small = write(tmp_path / "small.txt", "short text")
    articles, problems = load_sources([str(big), str(small)], LoadSettings(max_bytes=1000))
    assert [a.id for a in articles] == ["small"]
    problem = only_problem(problems)
    assert problem.source == str(big)
    assert "too large" in problem.reason and "max_bytes" in problem.reason


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    articles, problems = load_sources([str(fifo)], SETTINGS)
    assert articles == []
    assert only_problem(problems).reason == "not a regular file"


def test_path_through_a_file_is_missing(tmp_path: Path) -> None:
    good = write(tmp_path / "good.md")
    _, problems = load_sources([str(good / "child.md")], SETTINGS)
    assert only_problem(problems).reason == "no such file or directory"


def test_loading_prints_nothing(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.html").write_text("<html><body><div></div></body></html>")
    write(tmp_path / "broken.md", "---\n: [\n---\nbody\n")
    (tmp_path / "blob.txt").write_bytes(b"\x00" * 50)
    load_sources([str(tmp_path), "missing.md", str(SAVED_PAGE)], SETTINGS)
    captured = capfd.readouterr()
    assert captured.out == ""
    assert captured.err == ""


def test_every_problem_is_one_line_naming_the_source(tmp_path: Path) -> None:
    (tmp_path / "blob.txt").write_bytes(b"\x00" * 50)
    write(tmp_path / "empty.md", "")
    write(tmp_path / "broken.md", "---\ntitle: [unclosed\n---\nbody text\n")
    sources = [str(tmp_path), "nope.txt", str(tmp_path / "missing-dir") + "/"]
    articles, problems = load_sources(sources, SETTINGS)
    assert [a.id for a in articles] == ["broken"]
    assert len(problems) == 5
    for problem in problems:
        line = str(problem)
        assert "\n" not in line
        assert line.startswith(problem.source + ": ")


# --- settings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "word"),
    [({"timeout": 0}, "timeout"), ({"max_bytes": 0}, "max_bytes"), ({"url_workers": 0}, "url")],
)
def test_bad_settings_are_refused(values: dict[str, float], word: str) -> None:
    with pytest.raises(ValueError, match=word):
        LoadSettings(**values)  # type: ignore[arg-type]


def test_bad_setting_in_config_names_the_key_and_line() -> None:
    with pytest.raises(ConfigError) as info:
        parse_config("# settings\nloading:\n  timeout: -1\n")
    message = str(info.value)
    # the line of the key itself (not of its section)
    assert "line 3" in message and "loading" in message and "timeout must be more than 0" in message


def test_config_yaml_loading_section_matches_the_defaults() -> None:
    config = load_config(ROOT / "config.yaml")
    assert config.settings.loading == LoadSettings()


@pytest.mark.parametrize(
    ("url", "date"),
    [
        ("https://edition.cnn.com/2021/07/26/politics/iraq/index.html", "2021-07-26"),
        ("https://www.example.com/world/us-iraq-2021-07-26/", "2021-07-26"),
        ("https://example.org/news/20210726/story", "2021-07-26"),
        ("https://example.org/a/2021/02/30/b", None),  # no such day
        ("https://example.org/p/12345678", None),
        ("https://news-2021-07-26.example.com/story", None),  # the host is not the path
    ],
)
def test_a_news_urls_path_states_its_date(url: str, date: str | None) -> None:
    from newscompare.core.load.sources import date_in_url

    assert date_in_url(url) == date


def test_an_article_without_a_date_takes_the_one_its_url_states(tmp_path: Path) -> None:
    page = tmp_path / "story.md"
    page.write_text(
        "---\noutlet: CNN\nurl: https://edition.cnn.com/2021/07/26/politics/iraq/\n---\n"
        "Troops will leave Iraq by the end of the year, officials said.\n",
        encoding="utf-8",
    )
    dated = tmp_path / "dated.md"
    dated.write_text(
        "---\ndate: 2021-07-27\nurl: https://edition.cnn.com/2021/07/26/x/\n---\nText here.\n",
        encoding="utf-8",
    )
    articles, _ = load_sources([str(page), str(dated)], SETTINGS)
    assert [(a.date, a.date_source) for a in articles] == [
        ("2021-07-26", "url"),
        ("2021-07-27", "front matter"),
    ]
