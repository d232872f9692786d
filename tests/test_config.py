"""config.yaml: defaults, validation with key and line, unknown keys warned, CLI overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscompare.config import Config, ConfigError, load_config, parse_config

PROJECT = Path(__file__).resolve().parent.parent


def test_shipped_config_is_valid_and_warning_free() -> None:
    config = load_config(PROJECT / "config.yaml")
    assert config.warnings == ()
    assert config.path == (PROJECT / "config.yaml").resolve()


def test_shipped_config_matches_builtin_defaults() -> None:
    """Every documented default in config.yaml is the value the code uses without it."""
    shipped = load_config(PROJECT / "config.yaml")
    builtin = Config()
    for section in ("loading", "passages", "align", "diverge", "annotations"):
        assert getattr(shipped.settings, section) == getattr(builtin.settings, section), section


def test_empty_text_gives_defaults() -> None:
    assert parse_config("") == Config()
    assert parse_config("# only a comment\n") == Config()


def test_values_are_coerced_into_settings() -> None:
    config = parse_config(
        "align:\n  threshold: 1\nannotations:\n  labels: [a, b]\nkeys:\n  next_pair: j\n"
    )
    assert config.settings.align.threshold == 1.0
    assert isinstance(config.settings.align.threshold, float)
    assert config.settings.annotations.labels == ("a", "b")
    assert config.keys == {"next_pair": "j"}


def test_wrong_type_names_key_and_line() -> None:
    text = "loading:\n  timeout: 3\n\nalign:\n  threshold: high\n"
    with pytest.raises(ConfigError) as info:
        parse_config(text, source="my.yaml")
    message = str(info.value)
    assert message.startswith("my.yaml, line 5: align.threshold:")
    assert "expected a number" in message
    assert "\n" not in message


def test_section_that_is_not_a_mapping() -> None:
    with pytest.raises(ConfigError, match=r"line 1: align: expected a mapping"):
        parse_config("align: [1, 2]\n")


def test_unknown_keys_are_warned_not_fatal() -> None:
    config = parse_config("colour: red\nalign:\n  treshold: 0.3\n", source="c.yaml")
    assert config.settings.align.threshold == Config().settings.align.threshold
    assert config.warnings == (
        "c.yaml, line 1: unknown key 'colour' ignored",
        "c.yaml, line 3: unknown key 'align.treshold' ignored",
    )


def test_invalid_yaml_is_one_line_with_line_number() -> None:
    with pytest.raises(ConfigError) as info:
        parse_config("align:\n  threshold: [1,\n", source="bad.yaml")
    assert str(info.value).startswith("bad.yaml, line ")
    assert "\n" not in str(info.value)


def test_yaml_tags_are_not_executed() -> None:
    with pytest.raises(ConfigError):
        parse_config("align: !!python/object/apply:os.system ['true']\n")


def test_articles_entries_need_a_path() -> None:
    with pytest.raises(ConfigError, match=r"articles\[0\]"):
        parse_config("articles:\n  - outlet: X\n")


def test_article_overrides_resolve_relative_to_config(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(
        "articles:\n  - path: a/b.md\n    outlet: X\n  - path: https://e.org/s\n", "utf-8"
    )
    overrides = load_config(path).settings.overrides()
    assert overrides[str((tmp_path / "a" / "b.md").resolve())].outlet == "X"
    assert "https://e.org/s" in overrides


def test_missing_config_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file"):
        load_config(tmp_path / "nope.yaml")


def test_no_config_in_folder_means_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_config(None) == Config()


def test_yaml_dates_become_iso_text() -> None:
    config = parse_config("articles:\n  - path: a.md\n    date: 2020-06-11\n")
    assert config.settings.articles[0].date == "2020-06-11"


def test_bad_boilerplate_pattern_names_the_file_and_pattern() -> None:
    with pytest.raises(ConfigError) as info:
        parse_config("passages:\n  boilerplate_patterns: ['(unclosed']\n", source="c.yaml")
    assert str(info.value).startswith("c.yaml, line 2: ")  # the key's line
    assert "(unclosed" in str(info.value)


def test_shipped_config_documents_every_setting() -> None:
    """Every field of every section is written out in config.yaml, so users see all keys."""
    import dataclasses

    import yaml

    raw = yaml.safe_load((PROJECT / "config.yaml").read_text("utf-8"))
    builtin = Config()
    for section in ("loading", "passages", "align", "diverge", "annotations"):
        fields = {f.name for f in dataclasses.fields(getattr(builtin.settings, section))}
        assert fields <= set(raw[section]), (section, fields - set(raw[section]))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("articles:\n- path: x.md\n  date: 2021-02-30\n", "c.yaml, line 3: '2021-02-30' cannot"),
        ("1: 2\n", "c.yaml, line 1: every key must be text"),
        ("align:\n  1: 2\n", "c.yaml, line 1: align: every key must be text"),
        ("align:\n  aliases: {troops: 1}\n", "c.yaml, line 2: align.aliases: expected a list"),
    ],
)
def test_messages_never_show_python_or_msgspec_internals(text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config(text, source="c.yaml")
    message = str(info.value)
    assert message.startswith(expected), message
    assert "Expected `" not in message and "got nothing" not in message


def test_an_alias_bomb_in_config_is_a_one_line_error() -> None:
    from test_safe_yaml import BILLION_LAUGHS

    with pytest.raises(ConfigError, match=r"^c.yaml: aliases expand to more than"):
        parse_config(BILLION_LAUGHS, source="c.yaml")
