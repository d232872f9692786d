"""The one YAML loader: safe tags, bounded aliases and nesting, line numbers for messages."""

from __future__ import annotations

import subprocess
import sys

import pytest

from newscompare.core.model.safe_yaml import MAX_DEPTH, YamlError, expanded_size, load_yaml

#: 519 bytes, nine levels of nine aliases: 9**9 (387 million) strings once expanded.
BILLION_LAUGHS = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
    for prev, name in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
)


def test_plain_documents_load_with_their_lines() -> None:
    document = load_yaml("align:\n  threshold: 0.3\narticles:\n- path: a.md\n- path: b.md\n")
    assert document.value["articles"][1] == {"path": "b.md"}
    assert document.line_of(("align", "threshold")) == 2
    assert document.line_of(("articles", 1, "path")) == 5
    assert document.line_of(("articles", 7)) == 3  # the deepest node that exists
    assert load_yaml("").value is None and load_yaml("# comment\n").node is None


def test_an_alias_bomb_is_refused_before_anything_expands_it() -> None:
    assert len(BILLION_LAUGHS) < 600
    with pytest.raises(YamlError, match="aliases expand to more than 10,000 extra values"):
        load_yaml(BILLION_LAUGHS)


def test_a_few_aliases_are_fine() -> None:
    text = "base: &b {outlet: Rudaw, date: 2021-07-24}\none: *b\ntwo: {<<: *b, title: T}\n"
    value = load_yaml(text).value
    assert value["one"]["outlet"] == "Rudaw" and value["two"]["title"] == "T"


def test_a_node_that_contains_itself_is_refused() -> None:
    with pytest.raises(YamlError, match="refers to the node that contains it"):
        load_yaml("a: &x [1, *x]\n")


def test_expanded_size_counts_shared_nodes_once_per_use() -> None:
    node = load_yaml("a: &x [1, 2]\nb: [*x, *x]\n").node
    assert node is not None
    # mapping, 2 keys, a's list (3), b's list holding two copies of a's list (1 + 3 + 3)
    assert expanded_size(node, 1000) == 1 + 2 + 3 + 7


@pytest.mark.parametrize("text", ["- " * 40_000 + "x\n", "[" * 40_000 + "]" * 40_000])
def test_deep_nesting_is_refused_without_crashing(text: str) -> None:
    """libyaml's composer recurses per level and kills the interpreter (SIGSEGV) near 30,000
    levels: checked in a child process, so a regression cannot take the test run down."""
    code = (
        "import sys\n"
        "from newscompare.core.model.safe_yaml import YamlError, load_yaml\n"
        "try:\n    load_yaml(sys.stdin.read())\n"
        "except YamlError as exc:\n    print(exc.line, exc.reason)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], input=text, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == f"1 nested more than {MAX_DEPTH} levels deep"


def test_python_tags_and_bad_scalars_are_errors_with_a_line() -> None:
    with pytest.raises(YamlError):
        load_yaml("x: !!python/object/apply:os.system ['true']\n")
    with pytest.raises(YamlError) as info:
        load_yaml("title: x\ndate: 2021-02-30\n")
    assert info.value.line == 2 and "2021-02-30" in info.value.reason
    with pytest.raises(YamlError) as syntax:
        load_yaml("a: [1,\n")
    assert syntax.value.where("f.yaml") == "f.yaml: line 2"
