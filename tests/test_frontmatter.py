"""YAML front matter: values, unknown keys, broken blocks, and how they reach the Article."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newscompare.core.load.frontmatter import split_front_matter, value_text
from newscompare.core.load.sources import load_sources
from newscompare.core.model.settings import LoadSettings
from newscompare.core.model.story import Article, LoadProblem

SETTINGS = LoadSettings()
BODY = "Officials met on Monday.\n\nThey agreed on a date.\n"


def load_md(
    tmp_path: Path, text: str, name: str = "story.md"
) -> tuple[list[Article], list[LoadProblem]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_sources([str(path)], SETTINGS)


def test_all_known_fields(tmp_path: Path) -> None:
    articles, problems = load_md(
        tmp_path,
        "---\noutlet: Rudaw\ntitle: 'Talks: day two'\ndate: 2021-07-24\n"
        "url: https://rudaw.net/x\n---\n" + BODY,
    )
    assert problems == []
    article = articles[0]
    assert (article.outlet, article.title, article.date, article.url) == (
        "Rudaw",
        "Talks: day two",
        "2021-07-24",
        "https://rudaw.net/x",
    )
    assert article.text == BODY
    assert article.extra == ()


def test_unknown_keys_become_extra_strings_in_order(tmp_path: Path) -> None:
    articles, _ = load_md(
        tmp_path,
        "---\nauthor: Didar Abdalrahman\nwords: 812\nscore: 0.5\npaywall: false\n"
        "tags: [iraq, us]\nupdated: 2021-07-25 10:30:00\nnothing: null\n"
        "nested: {a: 1}\noutlet: Rudaw\n---\n" + BODY,
    )
    assert articles[0].extra == (
        ("author", "Didar Abdalrahman"),
        ("words", "812"),
        ("score", "0.5"),
        ("paywall", "false"),
        ("tags", "iraq, us"),
        ("updated", "2021-07-25T10:30:00"),
        ("nested", '{"a": 1}'),
    )
    for key, value in articles[0].extra:
        assert isinstance(key, str) and isinstance(value, str)


def test_keys_are_case_insensitive_and_aliases_work(tmp_path: Path) -> None:
    articles, _ = load_md(
        tmp_path,
        "---\nPublisher: The Wire\nHeadline: Big news\nPublished: 2020-06-11\n---\n" + BODY,
    )
    article = articles[0]
    assert (article.outlet, article.title, article.date) == ("The Wire", "Big news", "2020-06-11")
    assert article.extra == ()


def test_first_alias_wins_and_the_other_is_kept(tmp_path: Path) -> None:
    articles, _ = load_md(tmp_path, "---\nsite_name: Site\noutlet: Outlet\n---\n" + BODY)
    assert articles[0].outlet == "Outlet"
    assert articles[0].extra == (("site_name", "Site"),)


def test_datetime_and_quoted_dates_are_normalised(tmp_path: Path) -> None:
    articles, _ = load_md(tmp_path, "---\ndate: 2021-07-24T08:30:00Z\n---\n" + BODY)
    assert articles[0].date == "2021-07-24"
    articles, _ = load_md(tmp_path, "---\ndate: 'Saturday, 24 July 2021'\n---\n" + BODY)
    assert articles[0].date == "2021-07-24"


def test_unparseable_date_goes_to_extra(tmp_path: Path) -> None:
    articles, problems = load_md(tmp_path, "---\ndate: last summer\nauthor: A\n---\n" + BODY)
    assert problems == []
    assert articles[0].date is None
    assert articles[0].extra == (("date", "last summer"), ("author", "A"))


def test_null_and_empty_values_fall_back(tmp_path: Path) -> None:
    articles, _ = load_md(
        tmp_path, "---\noutlet: null\ntitle: ''\ndate:\n---\n" + BODY, name="05-the-daily.md"
    )
    article = articles[0]
    assert (article.outlet, article.title, article.date) == ("The Daily", "", None)


def test_numeric_title_and_outlet_are_text(tmp_path: Path) -> None:
    articles, _ = load_md(tmp_path, "---\noutlet: 1843\ntitle: 2024\n---\n" + BODY)
    assert (articles[0].outlet, articles[0].title) == ("1843", "2024")


def test_invalid_yaml_warns_with_line_and_still_loads(tmp_path: Path) -> None:
    articles, problems = load_md(
        tmp_path, "---\noutlet: Rudaw\ntitle: [unclosed\ndate: 2021-01-01\n---\n" + BODY
    )
    assert len(articles) == 1
    assert articles[0].text == BODY
    assert articles[0].outlet == "Story"  # no metadata: the file name label
    assert len(problems) == 1
    problem = problems[0]
    assert not problem.fatal
    assert problem.source == str(tmp_path / "story.md")
    assert "invalid front matter at line" in problem.reason
    assert "\n" not in str(problem)


def test_yaml_error_line_points_into_the_file(tmp_path: Path) -> None:
    _, problems = load_md(tmp_path, "---\noutlet: A\ntitle: B\nbad: : :\n---\n" + BODY)
    assert "at line 4 " in problems[0].reason


@pytest.mark.parametrize(
    ("block", "kind"), [("- a\n- b\n", "a list"), ("just words\n", "plain text")]
)
def test_front_matter_that_is_not_a_mapping(tmp_path: Path, block: str, kind: str) -> None:
    articles, problems = load_md(tmp_path, "---\n" + block + "---\n" + BODY)
    assert articles[0].text == BODY
    assert len(problems) == 1
    assert not problems[0].fatal
    assert f"front matter is {kind}" in problems[0].reason


def test_unsafe_yaml_tags_are_refused(tmp_path: Path) -> None:
    articles, problems = load_md(
        tmp_path, "---\nx: !!python/object/apply:os.system ['echo hacked']\n---\n" + BODY
    )
    assert articles[0].extra == ()
    assert len(problems) == 1 and not problems[0].fatal


def test_empty_front_matter_block(tmp_path: Path) -> None:
    articles, problems = load_md(tmp_path, "---\n---\n" + BODY)
    assert problems == []
    assert articles[0].text == BODY


def test_no_closing_delimiter_means_no_front_matter(tmp_path: Path) -> None:
    text = "---\nA line under a rule.\n\nMore text.\n"
    articles, problems = load_md(tmp_path, text)
    assert problems == []
    assert articles[0].text == text


def test_dots_close_the_block_and_front_matter_in_txt(tmp_path: Path) -> None:
    articles, _ = load_md(tmp_path, "---\noutlet: Wire\n...\n" + BODY, name="plain.txt")
    assert articles[0].outlet == "Wire"
    assert articles[0].text == BODY


def test_front_matter_only_at_the_very_top(tmp_path: Path) -> None:
    text = "Intro line.\n---\noutlet: X\n---\nRest.\n"
    articles, _ = load_md(tmp_path, text)
    assert articles[0].text == text
    assert articles[0].outlet == "Story"


def test_split_front_matter_without_trailing_newline() -> None:
    front = split_front_matter("---\ntitle: T\n---")
    assert front.meta == {"title": "T"}
    assert front.body == ""


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, None),
        (True, "true"),
        (12, "12"),
        (1.5, "1.5"),
        (dt.date(2021, 7, 24), "2021-07-24"),
        (dt.datetime(2021, 7, 24, 8, 30), "2021-07-24T08:30:00"),
        (["a", 1, dt.date(2020, 1, 2)], "a, 1, 2020-01-02"),
        ({"k": [1, 2]}, '{"k": [1, 2]}'),
    ],
)
def test_value_text(value: object, text: str | None) -> None:
    assert value_text(value) == text
