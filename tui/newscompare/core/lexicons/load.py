"""The one loader of the lexicon data files (``lexicons/data/*.yaml``), each naming its source.

Lexicons are data, not code: a reviewer reads where each word list comes from at the top of its
file, and ``config.yaml`` extends them (never replaces them) through the settings. Files are read
once per process with the project's one safe YAML loader (``model/safe_yaml.py``).
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources
from typing import Any

from newscompare.core.model.safe_yaml import load_yaml


@cache
def lexicon(name: str) -> dict[str, Any]:
    """The parsed data file ``lexicons/data/<name>.yaml`` (a mapping)."""
    text = (
        resources.files("newscompare.core.lexicons")
        .joinpath("data", f"{name}.yaml")
        .read_text(encoding="utf-8")
    )
    data = load_yaml(text).value  # the project's one safe YAML loader
    if not isinstance(data, dict):
        raise ValueError(f"lexicon {name}: expected a mapping")
    return data


def words_of(value: Any) -> tuple[str, ...]:
    """A YAML list of words or phrases as lower-case strings.

    Only strings: YAML 1.1 reads a bare ``on``, ``off``, ``no`` or ``yes`` as a boolean, and
    ``str(False)`` would silently put the word "false" in a list where "no" belonged.
    """
    out = []
    for v in value or ():
        if isinstance(v, bool) or not isinstance(v, (str, int, float)):
            raise ValueError(f"lexicon entry {v!r} is not a word (quote on/off/yes/no in YAML)")
        out.append(str(v).lower())
    return tuple(out)


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Function words (``stopwords.yaml``, Snowball's list), folded like the text layer folds
    them ("didnt", "dont"): they never make two passages report one fact."""
    return frozenset(words_of(lexicon("stopwords")["words"]))


@cache
def reporting_verbs() -> dict[str, str]:
    """Lemma of each reporting verb (``reporting.yaml``) -> its stance class (neutral, factive,
    emphatic, distancing, denying): attribution reads the stance, quantities skip them."""
    verbs = lexicon("reporting")["verbs"]
    return {w: stance for stance, ws in verbs.items() for w in words_of(ws)}
