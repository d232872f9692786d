"""The one way newscompare reads YAML: safe tags only, bounded nesting and alias expansion.

Front matter (article files), ``config.yaml`` and ``annotations.yaml`` all come from outside, so
each is parsed here and nowhere else. Three things in plain YAML can take the process down:

- tags that construct Python objects: only the safe constructor is used (libyaml's
  ``CSafeLoader`` when PyYAML was built with it, which the wheels are);
- aliases: ``&a [*b, *b, ...]`` nine levels deep is 519 bytes that expand to 400 million
  nodes (a "billion laughs"). The composed document shares the aliased nodes, so the
  expansion is counted before anything walks it, and a document whose aliases add more than
  ``MAX_ALIAS_NODES`` nodes (or refer to themselves) is refused;
- nesting: libyaml's composer recurses once per level and crashes the interpreter (SIGSEGV)
  near 30,000 levels, which ``"- " * 30000`` reaches in 60 KB. The parser's event stream is
  flat, so depth is measured on it first and more than ``MAX_DEPTH`` levels are refused.

Problems are ``YamlError`` with a short reason and, where known, the 1-based line; callers add
the file name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

#: The safe loader: libyaml's when available (about 8 times faster), else PyYAML's own.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Deepest nesting of mappings and sequences accepted (our files nest 4 levels).
MAX_DEPTH = 100
#: How many nodes aliases may add to a document beyond the ones written out.
MAX_ALIAS_NODES = 10_000

#: Events that change the nesting depth (+1/-1), and aliases (0); scalars are not listed.
_DEPTH_STEPS: dict[type[yaml.Event], int] = {
    yaml.MappingStartEvent: 1,
    yaml.SequenceStartEvent: 1,
    yaml.MappingEndEvent: -1,
    yaml.SequenceEndEvent: -1,
    yaml.AliasEvent: 0,
}


class YamlError(ValueError):
    """A document that is not usable YAML (or too expensive to expand); ``line`` is 1-based."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line

    def where(self, source: str, separator: str = ": ") -> str:
        """``source`` with the line, e.g. ``config.yaml: line 3`` (separator ``": "``)."""
        return f"{source}{separator}line {self.line}" if self.line is not None else source


@dataclass(frozen=True, slots=True)
class YamlDocument:
    """One parsed document: its value and its node tree (kept for line numbers)."""

    node: yaml.Node | None
    value: Any

    def line_of(self, path: Sequence[str | int | None]) -> int | None:
        """The 1-based line of the deepest node on ``path`` (keys, list indexes; ``None``
        stops). A mapping key is found at the line where the key is written."""
        node = self.node
        line = node.start_mark.line + 1 if node is not None else None
        for step in path:
            child: yaml.Node | None = None
            child_line = None
            if step is None:
                break
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if isinstance(key, yaml.ScalarNode) and key.value == str(step):
                        child, child_line = value, key.start_mark.line + 1
                        break
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(step, int)
                and 0 <= step < len(node.value)
            ):
                child = node.value[step]
                child_line = child.start_mark.line + 1
            if child is None:
                break
            node, line = child, child_line
        return line


class _Loader(_SafeLoader):  # type: ignore[valid-type,misc]
    """The safe loader, telling which line holds a scalar its type cannot hold (a timestamp
    like ``2021-02-30``, a 5000-digit integer) instead of raising Python's own error."""


def _told_where(tag: str) -> None:
    construct = _SafeLoader.yaml_constructors[tag]

    def checked(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, TypeError, OverflowError) as exc:
            line = node.start_mark.line + 1
            raise YamlError(f"{node.value!r} cannot be read ({exc})", line) from None

    _Loader.add_constructor(tag, checked)


for _tag in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int"):
    _told_where(_tag)


def _problem(exc: yaml.YAMLError) -> YamlError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = str(getattr(exc, "problem", None) or "not valid YAML")
    if "nesting depth" in problem:
        # PyYAML 6.0.4 and later stop deep documents themselves ("exceeded maximum nesting
        # depth"), before our own check: one message whichever stops it.
        problem = f"nested more than {MAX_DEPTH} levels deep"
    return YamlError(problem, mark.line + 1 if mark is not None else None)


def _shape(text: str) -> tuple[int, bool]:
    """Deepest nesting and whether any alias occurs, from the (non-recursive) event stream."""
    parser = _Loader(text)
    steps = _DEPTH_STEPS.get
    depth = deepest = 0
    aliases = False
    try:
        while (event := parser.get_event()) is not None:
            step = steps(type(event))
            if step is None:
                continue
            if step:
                depth += step
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    line = mark.line + 1 if mark is not None else None
                    raise YamlError(f"nested more than {MAX_DEPTH} levels deep", line)
                deepest = max(deepest, depth)
            else:
                aliases = True
        return deepest, aliases
    except yaml.YAMLError as exc:
        raise _problem(exc) from None
    finally:
        parser.dispose()


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _count_nodes(root: yaml.Node) -> int:
    """Distinct nodes of a composed document (an aliased node is one node, however often it
    is used)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) not in seen:
            seen.add(id(node))
            stack.extend(_children(node))
    return len(seen)


def expanded_size(root: yaml.Node, limit: int) -> int:
    """How many nodes the document has with every alias expanded, counting up to ``limit``.

    Aliased nodes are shared in the composed tree, so sizes are memoised per node: linear in
    the nodes written out, however far they would expand. A node that contains itself (``&a
    [*a]``) is infinitely large: ``YamlError``. Iterative, so no depth limit applies.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            open_nodes.discard(key)
            total = 1 + sum(sizes[id(child)] for child in _children(node))
            sizes[key] = min(total, limit + 1)
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            line = node.start_mark.line + 1
            raise YamlError("an alias refers to the node that contains it", line)
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)
    return sizes[id(root)]


def load_yaml(text: str) -> YamlDocument:
    """Parse one YAML document safely; raises ``YamlError`` (see the module docstring)."""
    _, aliases = _shape(text)
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as exc:
            raise _problem(exc) from None
        if node is None:
            return YamlDocument(None, None)
        if aliases:
            written = _count_nodes(node)
            limit = written + MAX_ALIAS_NODES
            if expanded_size(node, limit) > limit:
                raise YamlError(
                    f"aliases expand to more than {MAX_ALIAS_NODES:,} extra values", None
                )
        try:
            value = loader.construct_document(node)
        except YamlError:
            raise
        except yaml.YAMLError as exc:
            raise _problem(exc) from None
        except (ValueError, TypeError, OverflowError, RecursionError) as exc:
            raise YamlError(f"a value cannot be read ({exc})", None) from None
        return YamlDocument(node, value)
    finally:
        loader.dispose()
