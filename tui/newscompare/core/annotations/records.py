"""Annotation records and their YAML form: what a reader concluded about a pair of passages.

A record carries everything needed to find its passages again (article id, path, outlet, the
passage text, offsets and a hash of the text), because articles get edited and segmentation
changes between runs: passage ids alone would silently point at the wrong sentence. The file is
meant to be read and diffed by people, so keys come in a fixed order and long or multi-line
text is written as literal blocks. Loading uses ``yaml.safe_load`` only and validates every
field: a file we do not fully understand is reported, never half-read and then overwritten.

File I/O lives in ``annotation_store``; re-attaching to passages in ``anchoring``.
"""

from __future__ import annotations

import functools
import hashlib
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

import yaml

from newscompare import __version__
from newscompare.core.model.errors import UserError
from newscompare.core.model.story import Article, Passage

SCHEMA = "newscompare.annotations/1"

AnnotationKind = Literal["note", "link", "reject"]
ANNOTATION_KINDS: tuple[AnnotationKind, ...] = ("note", "link", "reject")

#: Strings longer than this (or with a line break) are written as ``|`` literal blocks.
_BLOCK_THRESHOLD = 60
_UNICODE_BREAKS = ("\x85", "\u2028", "\u2029")

_REF_KEYS = ("article_id", "article_path", "outlet", "start", "end", "text_hash", "text")
_RECORD_KEYS = ("id", "kind", "label", "note", "a", "b", "created", "updated", "tool_version")
_REQUIRED_RECORD_KEYS = frozenset({"id", "kind", "a", "b", "created", "updated"})


@dataclass(frozen=True, slots=True)
class PassageRef:
    """One side of an annotated pair, as it was when the record was made."""

    article_id: str
    article_path: str
    outlet: str
    text: str
    start: int
    end: int
    text_hash: str


@dataclass(frozen=True, slots=True)
class Annotation:
    """One saved judgment about two passages of different articles.

    ``kind``: ``note`` labels a pair, ``link`` adds a pair the engine missed (it may carry a label
    and note too), ``reject`` marks an engine pair as wrong. Times are UTC ISO 8601 strings.
    """

    id: str
    kind: AnnotationKind
    a: PassageRef
    b: PassageRef
    label: str
    note: str
    created: str
    updated: str
    tool_version: str


@dataclass(frozen=True, slots=True)
class AnnotationInput:
    """What the annotation form returns: the user's label and note."""

    label: str
    note: str


def text_hash(text: str) -> str:
    """Short sha256 hex of a passage text: exact re-anchoring without comparing whole texts."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def utc_now() -> str:
    """The current time as UTC ISO 8601 with milliseconds (merge order needs sub-seconds)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_time(value: str) -> datetime:
    """An ISO 8601 time from a record; naive times are taken as UTC."""
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def passage_ref(article: Article, passage: Passage) -> PassageRef:
    """Describe a passage so it can be found again after edits."""
    return PassageRef(
        article_id=article.id,
        article_path=article.path,
        outlet=article.outlet,
        text=passage.text,
        start=passage.start,
        end=passage.end,
        text_hash=text_hash(passage.text),
    )


def new_annotation(
    kind: AnnotationKind,
    a: PassageRef,
    b: PassageRef,
    label: str = "",
    note: str = "",
    *,
    now: str | None = None,
) -> Annotation:
    """A fresh record with a random id and the current time."""
    stamp = now or utc_now()
    return Annotation(
        id=uuid.uuid4().hex,
        kind=kind,
        a=a,
        b=b,
        label=label,
        note=note,
        created=stamp,
        updated=stamp,
        tool_version=__version__,
    )


# --- YAML ---------------------------------------------------------------------------------


#: libyaml's emitter and parser when PyYAML has them (about 50 times faster; the file is
#: rewritten on every change). Both are the safe representer/constructor, like safe_load.
_BaseDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Dumper(_BaseDumper):  # type: ignore[valid-type,misc]
    """Safe dumper: literal blocks for long text, no anchors/aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if any(ch in value for ch in _UNICODE_BREAKS):
        # YAML 1.1 treats these as line breaks and PyYAML folds them in plain, single-quoted
        # and literal styles; only double quotes (escapes) keep them exactly.
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    if "\n" in value or len(value) > _BLOCK_THRESHOLD:
        # PyYAML falls back to a quoted style by itself when a literal block cannot hold the
        # text exactly (trailing spaces, tabs, control characters), so round trips stay exact.
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_str(value)


_Dumper.add_representer(str, _represent_str)


def ref_to_dict(ref: PassageRef) -> dict[str, Any]:
    """A passage reference as plain data, keys in file order."""
    return {
        "article_id": ref.article_id,
        "article_path": ref.article_path,
        "outlet": ref.outlet,
        "start": ref.start,
        "end": ref.end,
        "text_hash": ref.text_hash,
        "text": ref.text,
    }


def record_to_dict(record: Annotation) -> dict[str, Any]:
    """A record as plain data (for YAML and JSON), keys in file order."""
    return {
        "id": record.id,
        "kind": record.kind,
        "label": record.label,
        "note": record.note,
        "a": ref_to_dict(record.a),
        "b": ref_to_dict(record.b),
        "created": record.created,
        "updated": record.updated,
        "tool_version": record.tool_version,
    }


_HEADER = "# newscompare annotations: edit with care; the schema line must stay first.\n"


def _dump(data: Any) -> str:
    text: str = yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False
    )
    return text


@functools.lru_cache(maxsize=8192)
def _dump_one(record: Annotation) -> str:
    """One record as an item of the top-level ``records:`` list. Cached: the file is rewritten
    on every change, and YAML representation is slow in Python, but records never change."""
    return _without_document_end(_dump([record_to_dict(record)]))


def _without_document_end(text: str) -> str:
    """Drop the ``...`` end marker the emitter adds after a ``|+`` block (text ending in line
    breaks). Inside one document it is not needed, and between records it would end the
    document early."""
    return text[: -len("...\n")] if text.endswith("\n...\n") else text


def dump_records(records: Sequence[Annotation]) -> str:
    """The whole annotations file: schema line first, then the records in the given order.

    Byte for byte what dumping the whole document at once gives (a test checks), built from
    cached per-record pieces.
    """
    head = _HEADER + _dump({"schema": SCHEMA})
    if not records:
        return head + "records: []\n"
    return head + "records:\n" + "".join(_dump_one(r) for r in records)


def _dump_whole(records: Sequence[Annotation]) -> str:
    """Reference for ``dump_records``: the whole document in one go."""
    body = {"schema": SCHEMA, "records": [record_to_dict(r) for r in records]}
    return _HEADER + _without_document_end(_dump(body))


Path = tuple[str | int, ...]


class _Invalid(Exception):
    """A validation problem at a key path; turned into a UserError with file and line."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason


def _line_of(text: str, path: Path) -> int | None:
    """The 1-based line of the deepest node on ``path`` (only computed for error messages)."""
    node: yaml.Node | None = yaml.compose(text, Loader=_Loader)
    line = node.start_mark.line + 1 if node is not None else None
    for step in path:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            child = node.value[step] if step < len(node.value) else None
        if child is None:
            break
        node, line = child, child.start_mark.line + 1
    return line


def _text(raw: Mapping[Any, Any], key: str, at: Path, default: str | None) -> str:
    if key not in raw or raw[key] is None:
        if default is None:
            raise _Invalid(at, f"missing {key!r}")
        return default
    value = raw[key]
    if isinstance(value, datetime | date):  # an unquoted time, hand-edited
        return value.isoformat()
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _Invalid((*at, key), f"{key!r}: expected text")
    return str(value)


def _offset(raw: Mapping[Any, Any], key: str, at: Path) -> int:
    value = raw.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _Invalid((*at, key), f"{key!r}: expected a whole number >= 0")
    return value


def _ref_from(raw: Any, at: Path) -> PassageRef:
    side = at[-1]
    if not isinstance(raw, dict):
        raise _Invalid(at, f"{side!r}: expected a mapping")
    unknown = sorted(str(k) for k in raw if k not in _REF_KEYS)
    if unknown:
        raise _Invalid((*at, unknown[0]), f"{side!r}: unknown key {unknown[0]!r}")
    text = _text(raw, "text", at, None)
    start, end = _offset(raw, "start", at), _offset(raw, "end", at)
    if end < start:
        raise _Invalid((*at, "end"), f"{side!r}: end is before start")
    return PassageRef(
        article_id=_text(raw, "article_id", at, None),
        article_path=_text(raw, "article_path", at, ""),
        outlet=_text(raw, "outlet", at, ""),
        text=text,
        start=start,
        end=end,
        text_hash=_text(raw, "text_hash", at, text_hash(text)),
    )


def _record_from(raw: Any, at: Path) -> Annotation:
    if not isinstance(raw, dict):
        raise _Invalid(at, "each record must be a mapping")
    unknown = sorted(str(k) for k in raw if k not in _RECORD_KEYS)
    if unknown:
        raise _Invalid((*at, unknown[0]), f"unknown key {unknown[0]!r}")
    missing = sorted(_REQUIRED_RECORD_KEYS - set(raw))
    if missing:
        raise _Invalid(at, f"record is missing {missing[0]!r}")
    kind = raw["kind"]
    if kind not in ANNOTATION_KINDS:
        raise _Invalid((*at, "kind"), f"'kind' must be one of {', '.join(ANNOTATION_KINDS)}")
    record_id = _text(raw, "id", at, None)
    if not record_id:
        raise _Invalid((*at, "id"), "'id' must not be empty")
    times = {}
    for key in ("created", "updated"):
        times[key] = _text(raw, key, at, None)
        try:
            parse_time(times[key])
        except ValueError:
            raise _Invalid((*at, key), f"{key!r}: not an ISO 8601 time") from None
    return Annotation(
        id=record_id,
        kind=kind,
        a=_ref_from(raw["a"], (*at, "a")),
        b=_ref_from(raw["b"], (*at, "b")),
        label=_text(raw, "label", at, ""),
        note=_text(raw, "note", at, ""),
        created=times["created"],
        updated=times["updated"],
        tool_version=_text(raw, "tool_version", at, ""),
    )


def parse_records(text: str, source: str) -> tuple[Annotation, ...]:
    """Validate an annotations file; raises ``UserError`` "<source>: line N: <reason>".

    An empty file is an empty list (someone created it by hand). Anything else must be exactly
    this schema: a newer or foreign file is refused rather than silently rewritten without the
    parts we do not understand.
    """
    try:
        raw = yaml.load(text, Loader=_Loader)  # the safe loader (C or Python)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}: line {mark.line + 1}" if mark is not None else source
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise UserError(f"{where}: {problem}") from None
    if raw is None:
        return ()
    try:
        return _records_from(raw)
    except _Invalid as exc:
        line = _line_of(text, exc.path)
        where = f"{source}: line {line}" if line is not None else source
        raise UserError(f"{where}: {exc.reason}") from None


def _records_from(raw: Any) -> tuple[Annotation, ...]:
    if not isinstance(raw, dict):
        raise _Invalid((), "expected a mapping with 'schema' and 'records'")
    schema = raw.get("schema")
    if schema != SCHEMA:
        shown = "missing" if schema is None else repr(schema)
        raise _Invalid(("schema",), f"schema {shown}, expected {SCHEMA!r}")
    unknown = sorted(str(k) for k in raw if k not in ("schema", "records"))
    if unknown:
        raise _Invalid((unknown[0],), f"unknown key {unknown[0]!r}")
    items = raw.get("records") or []
    if not isinstance(items, list):
        raise _Invalid(("records",), "'records' must be a list")
    out: list[Annotation] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        record = _record_from(item, ("records", i))
        if record.id in seen:
            raise _Invalid(("records", i, "id"), f"duplicate id {record.id!r}")
        seen.add(record.id)
        out.append(record)
    return tuple(out)


def record_for_pair(
    kind: AnnotationKind,
    articles: Mapping[str, Article],
    passages: Mapping[str, Passage],
    passage_a: str,
    passage_b: str,
    label: str = "",
    note: str = "",
) -> Annotation:
    """A new record on two passages of the current story (by id), for ``a``, ``l`` and ``x``.

    ``articles``/``passages`` are the lookups of ``StoryIndex``. Side ``a`` is whichever passage
    the caller passes first; ``feedback.apply_feedback`` orders pairs by story order itself.
    """
    pa, pb = passages[passage_a], passages[passage_b]
    if pa.article == pb.article:
        raise UserError("a pair needs passages from two different articles")
    return new_annotation(
        kind,
        passage_ref(articles[pa.article], pa),
        passage_ref(articles[pb.article], pb),
        label,
        note,
    )
