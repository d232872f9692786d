"""Every lexicon data file loads, is a mapping of word lists, and names its source."""

from __future__ import annotations

from importlib import resources

import pytest

from newscompare.core.lexicons.load import lexicon, stop_words

FILES = sorted(
    p.name.removesuffix(".yaml")
    for p in resources.files("newscompare.core.lexicons").joinpath("data").iterdir()
    if p.name.endswith(".yaml")
)


def test_there_are_lexicon_files() -> None:
    assert {"reporting", "stopwords"} <= set(FILES)


@pytest.mark.parametrize("name", FILES)
def test_each_file_names_its_source_and_loads(name: str) -> None:
    text = resources.files("newscompare.core.lexicons").joinpath("data", f"{name}.yaml")
    header = text.read_text(encoding="utf-8").split("\n\n")[0]
    assert "Source" in header, f"{name}.yaml does not name its source"
    assert isinstance(lexicon(name), dict)


def test_stop_words_are_function_words_only() -> None:
    words = stop_words()
    assert {"the", "and", "didnt", "not"} <= words
    assert not {"killed", "troops", "police", "said"} & words


def test_yaml_booleans_are_words_in_the_stop_list() -> None:
    # YAML 1.1 reads a bare on/off/no as a boolean: the data file quotes them.
    from newscompare.core.lexicons.load import stop_words

    assert {"on", "off", "no"} <= stop_words()
    assert "true" not in stop_words() and "false" not in stop_words()


def test_a_lexicon_entry_that_is_not_a_word_is_refused() -> None:
    from newscompare.core.lexicons.load import words_of

    with pytest.raises(ValueError, match="not a word"):
        words_of(["yes", False])
