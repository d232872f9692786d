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
