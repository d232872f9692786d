"""Annotation records and their YAML form: what a reader concluded about a pair of passages.

A record carries everything needed to find its passages again (article id, path, outlet, the
passage text, offsets and a hash of the text), because articles get edited and segmentation
changes between runs: passage ids alone would silently point at the wrong sentence. The file is
meant to be read and diffed by people, so keys come in a fixed order and long or multi-line
text is written as literal blocks.

The records are msgspec ``Struct``s, and they are the file's schema: loading parses the YAML
with the one safe loader (``core.model.safe_yaml``: safe tags, bounded nesting and aliases) and
lets msgspec check every field against these classes (unknown keys refused, offsets whole
numbers >= 0, ``__post_init__`` for the rest), then turns msgspec's finding into a one-line
message with file and line. A file we do not fully understand is reported, never half-read and
then overwritten. Writing is ``msgspec.to_builtins`` (field order is file order) through a YAML
emitter set up for people.

File I/O lives in ``store``; re-attaching to passages in ``anchoring``.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

import msgspec
import yaml

from newscompare import __version__
from newscompare.core.model.errors import UserError
from newscompare.core.model.safe_yaml import YamlError, load_yaml
from newscompare.core.model.story import Article, Passage
from newscompare.core.model.validation import FieldError, Finding, Step, field_of, finding

SCHEMA = "newscompare.annotations/1"

AnnotationKind = Literal["note", "link", "reject"]
ANNOTATION_KINDS: tuple[AnnotationKind, ...] = ("note", "link", "reject")

#: Strings longer than this (or with a line break) are written as ``|`` literal blocks.
_BLOCK_THRESHOLD = 60
_UNICODE_BREAKS = ("\x85", "\u2028", "\u2029")

#: A character offset into an article's text.
Offset = Annotated[int, msgspec.Meta(ge=0)]


class PassageRef(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One side of an annotated pair, as it was when the record was made.

    Fields are in file order. ``text_hash`` left out (or empty) in a hand-written file is
    computed from ``text``.
    """

    article_id: str
    article_path: str = ""
    outlet: str = ""
    start: Offset
    end: Offset
    text_hash: str = ""
    text: str

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise FieldError("end", "end is before start")
        if not self.text_hash:
            msgspec.structs.force_setattr(self, "text_hash", text_hash(self.text))


class Annotation(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One saved judgment about two passages of different articles (fields in file order).

    ``kind``: ``note`` labels a pair, ``link`` adds a pair the engine missed (it may carry a label
    and note too), ``reject`` marks an engine pair as wrong. Times are UTC ISO 8601 strings.
    ``kind`` is checked in ``__post_init__`` rather than typed as the ``Literal``, so a record
    missing a field is reported as such before its kind (msgspec checks fields in file order).
    """

    id: str
    kind: str
    label: str = ""
    note: str = ""
    a: PassageRef
    b: PassageRef
    created: str
    updated: str
    tool_version: str = ""

    def __post_init__(self) -> None:
        if self.kind not in ANNOTATION_KINDS:
            raise FieldError("kind", f"'kind' must be one of {', '.join(ANNOTATION_KINDS)}")
        if not self.id:
            raise FieldError("id", "'id' must not be empty")
        for key in ("created", "updated"):
            try:
                parse_time(getattr(self, key))
            except ValueError:
                raise FieldError(key, f"{key!r}: not an ISO 8601 time") from None


class AnnotationsFile(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The whole file: the schema line, then the records."""

    schema: str
    records: tuple[Annotation, ...] = ()


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


#: libyaml's emitter when PyYAML has it (about 50 times faster; the file is rewritten on every
#: change). It is the safe representer, like safe_dump.
_BaseDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


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


def record_to_dict(record: Annotation) -> dict[str, Any]:
    """A record as plain data (for YAML and JSON), keys in file order."""
    data: dict[str, Any] = msgspec.to_builtins(record)
    return data


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


@functools.cache
def _field_types(schema: type[msgspec.Struct]) -> dict[str, Any]:
    """Key -> type of a record struct (msgspec resolves the annotations on every call)."""
    return {f.encode_name: f.type for f in msgspec.structs.fields(schema)}


def _as_written(raw: Any, schema: Any) -> Any:
    """Undo YAML's own typing where the schema wants text, as a hand-editor means it: an
    unquoted time (``2026-01-01T10:00:00Z`` is a datetime to YAML) or number is its text, and
    an empty value (``note:``) is the field's default."""
    if isinstance(schema, type) and issubclass(schema, msgspec.Struct) and isinstance(raw, dict):
        types = _field_types(schema)
        return {
            key: _as_written(value, types.get(key))
            for key, value in raw.items()
            if value is not None
        }
    if schema is str and isinstance(raw, dt.date | int | float) and not isinstance(raw, bool):
        return raw.isoformat() if isinstance(raw, dt.date) else str(raw)
    item = getattr(schema, "__args__", (None,))[0]  # tuple[Annotation, ...]
    if isinstance(raw, list) and item is not None:
        return [_as_written(value, item) for value in raw]
    return raw


def _told(found: Finding, cause_field: str | None) -> tuple[tuple[Step, ...], str]:
    """A msgspec finding as (path for the line number, reason in the file's terms).

    Paths look like ``("records", 0, "a", "start")``; ``side`` is ``a``/``b`` inside a passage
    reference.
    """
    path = found.path
    at_ref = len(path) == 3 and path[0] == "records" and path[2] in ("a", "b")
    side = f"{path[2]!r}: " if at_ref else ""
    key = repr(path[-1]) if path else ""
    if found.kind == "unknown":
        return (*path, found.field), f"{side}unknown key {found.field!r}"
    if found.kind == "missing":
        if at_ref:
            return path, f"{side}missing {found.field!r}"
        return path, f"record is missing {found.field!r}"
    if found.kind == "expected":
        if "object" in found.expected:
            if len(path) == 2:
                return path, "each record must be a mapping"
            return path, f"{key}: expected a mapping"
        if "array" in found.expected:
            return path, f"{key} must be a list"
        if "int" in found.expected:
            return path, f"{key}: expected a whole number >= 0"
        return path, f"{key}: expected text"
    if cause_field is not None:
        return (*path, cause_field), f"{side}{found.what}"
    return path, f"{side}{found.what}"


def parse_records(text: str, source: str) -> tuple[Annotation, ...]:
    """Validate an annotations file; raises ``UserError`` "<source>: line N: <reason>".

    An empty file is an empty list (someone created it by hand). Anything else must be exactly
    this schema: a newer or foreign file is refused rather than silently rewritten without the
    parts we do not understand.
    """
    try:
        document = load_yaml(text)
    except YamlError as exc:
        raise UserError(f"{exc.where(source)}: {exc.reason}") from None
    raw = document.value
    if raw is None:
        return ()

    def refuse(path: Sequence[Step], reason: str) -> UserError:
        line = document.line_of(path)
        where = f"{source}: line {line}" if line is not None else source
        return UserError(f"{where}: {reason}")

    if not isinstance(raw, dict):
        raise refuse((), "expected a mapping with 'schema' and 'records'")
    schema = raw.get("schema")
    if schema != SCHEMA:  # the version gate comes first: a newer file is not "invalid"
        shown = "missing" if schema is None else repr(schema)
        raise refuse(("schema",), f"schema {shown}, expected {SCHEMA!r}")
    try:
        parsed = msgspec.convert(_as_written(raw, AnnotationsFile), AnnotationsFile)
    except msgspec.ValidationError as exc:
        path, reason = _told(finding(exc), field_of(exc))
        raise refuse(path, reason) from None
    seen: set[str] = set()
    for i, record in enumerate(parsed.records):
        if record.id in seen:
            raise refuse(("records", i, "id"), f"duplicate id {record.id!r}")
        seen.add(record.id)
    return parsed.records


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
