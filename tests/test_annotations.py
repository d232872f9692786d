"""Annotation records, their YAML file and the store: round trips, safety, corrupt files.

Helpers here (``article``, ``ref``, ``record``) are imported by the other annotation tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from newscompare import __version__
from newscompare.config import ConfigError, parse_config
from newscompare.core.annotations import records as annotations
from newscompare.core.annotations import store as annotation_store
from newscompare.core.annotations.records import (
    SCHEMA,
    Annotation,
    PassageRef,
    dump_records,
    new_annotation,
    parse_records,
    passage_ref,
    text_hash,
)
from newscompare.core.annotations.store import AnnotationStore
from newscompare.core.model.errors import UserError
from newscompare.core.model.settings import DEFAULT_LABELS, AnnotationSettings
from newscompare.core.model.story import Article, Passage

# --- helpers shared with the other annotation tests ----------------------------------------


def article(aid: str, text: str, outlet: str | None = None) -> Article:
    return Article(
        id=aid, path=f"articles/{aid}.md", outlet=outlet or aid.title(), title=aid, text=text
    )


def ref(text: str, aid: str = "one", start: int = 0, outlet: str | None = None) -> PassageRef:
    return PassageRef(
        article_id=aid,
        article_path=f"articles/{aid}.md",
        outlet=outlet or aid.title(),
        text=text,
        start=start,
        end=start + len(text),
        text_hash=text_hash(text),
    )


def record(
    i: int,
    *,
    kind: str = "note",
    label: str = "agrees",
    note: str = "",
    size: int = 40,
    a: PassageRef | None = None,
    b: PassageRef | None = None,
) -> Annotation:
    """A deterministic record (fixed id and times) so file contents can be predicted."""
    body = (f"Passage {i} says something. " * (size // 28 + 1))[:size]
    return Annotation(
        id=f"rec{i:05d}",
        kind=kind,  # type: ignore[arg-type]
        a=a or ref(f"A {body}", "one", start=i),
        b=b or ref(f"B {body}", "two", start=i),
        label=label,
        note=note or f"note {i}",
        created=f"2026-01-01T00:00:{i % 60:02d}.000Z",
        updated=f"2026-01-01T00:00:{i % 60:02d}.000Z",
        tool_version="0.1.0",
    )


# --- records and YAML ------------------------------------------------------------------------


def test_round_trip_keeps_every_field() -> None:
    records = (
        record(1, note="line one\nline two\n\n  indented third"),
        record(2, kind="link", label="", note=""),
        record(3, kind="reject", label="contradicts", size=500),
    )
    text = dump_records(records)
    assert parse_records(text, "annotations.yaml") == records


def test_file_is_schema_first_stable_key_order_and_block_style() -> None:
    text = dump_records([record(1, note="first line\nsecond line", size=200)])
    data = yaml.safe_load(text)
    assert list(data) == ["schema", "records"]
    assert data["schema"] == SCHEMA
    assert list(data["records"][0]) == [
        "id", "kind", "label", "note", "a", "b", "created", "updated", "tool_version",
    ]  # fmt: skip
    assert list(data["records"][0]["a"]) == [
        "article_id", "article_path", "outlet", "start", "end", "text_hash", "text",
    ]  # fmt: skip
    assert "note: |-\n    first line\n    second line\n" in text
    assert "    text: |-\n      A Passage 1" in text  # a long passage text is a literal block
    # Same records, same bytes: diffs show only real changes.
    assert dump_records([record(1, note="first line\nsecond line", size=200)]) == text


@settings(max_examples=150, deadline=None)
@given(st.text(), st.text(max_size=300))
def test_any_text_survives_a_round_trip(note: str, passage: str) -> None:
    rec = record(7, note=note, a=ref(passage or "x", "one"))
    assert parse_records(dump_records([rec]), "f.yaml") == (rec,)


def test_unicode_is_written_readably() -> None:
    rec = record(1, note="تقول الوزارة — «اتفاق»", a=ref("Ministerin sagt: “Abzug”", "one"))
    text = dump_records([rec])
    assert "تقول الوزارة" in text and "“Abzug”" in text


def test_new_annotation_stamps_utc_times_version_and_random_id() -> None:
    one = new_annotation("note", ref("a"), ref("b", "two"), "framing", "n")
    two = new_annotation("note", ref("a"), ref("b", "two"), "framing", "n")
    assert one.id != two.id and len(one.id) == 32
    assert one.created == one.updated and one.created.endswith("Z") and "T" in one.created
    assert one.tool_version == __version__


def test_passage_ref_takes_text_offsets_and_hash_from_the_passage() -> None:
    art = article("one", "First. Second sentence.")
    passage = Passage("one:2", "one", "body", 7, 23, "Second sentence.", 0)
    got = passage_ref(art, passage)
    assert (got.article_id, got.article_path, got.outlet) == ("one", "articles/one.md", "One")
    assert (got.start, got.end, got.text) == (7, 23, "Second sentence.")
    assert got.text_hash == text_hash("Second sentence.") != text_hash("Second sentence")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("schema: [unclosed\n", "f.yaml: line 2:"),
        ("- just\n- a list\n", "f.yaml: line 1: expected a mapping"),
        ("schema: other/9\nrecords: []\n", "f.yaml: line 1: schema 'other/9'"),
        ("records: []\n", "schema missing"),
        (f"schema: {SCHEMA}\nrecords: 5\n", "line 2: 'records' must be a list"),
        (f"schema: {SCHEMA}\nrecords:\n- 5\n", "line 3: each record must be a mapping"),
        (f"schema: {SCHEMA}\nextra: 1\nrecords: []\n", "line 2: unknown key 'extra'"),
    ],
)
def test_invalid_files_name_the_file_and_line(text: str, expected: str) -> None:
    with pytest.raises(UserError) as info:
        parse_records(text, "f.yaml")
    message = str(info.value)
    assert expected in message and "\n" not in message


def _one_record_file(**changes: object) -> str:
    data = yaml.safe_load(dump_records([record(1)]))
    data["records"][0].update(changes)
    return yaml.safe_dump(data, sort_keys=False)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"kind": "like"}, "'kind' must be one of"),
        ({"created": "yesterday"}, "'created': not an ISO 8601 time"),
        ({"a": {"article_id": "x", "text": "t", "start": 5, "end": 2}}, "end is before start"),
        ({"b": {"article_id": "x", "text": "t", "start": -1, "end": 2}}, "'start': expected"),
        ({"label": ["a"]}, "'label': expected text"),
        ({"colour": "red"}, "unknown key 'colour'"),
    ],
)
def test_invalid_records_are_refused_with_a_reason(changes: dict[str, object], reason: str) -> None:
    with pytest.raises(UserError, match=r"f.yaml: line \d+: "):
        parse_records(_one_record_file(**changes), "f.yaml")
    with pytest.raises(UserError) as info:
        parse_records(_one_record_file(**changes), "f.yaml")
    assert reason in str(info.value)


def test_duplicate_ids_are_refused() -> None:
    text = dump_records([record(1), record(2)]).replace("rec00002", "rec00001")
    with pytest.raises(UserError, match="duplicate id 'rec00001'"):
        parse_records(text, "f.yaml")


def test_hand_edited_unquoted_times_and_empty_file_are_accepted() -> None:
    text = dump_records([record(1)]).replace("'2026-01-01T00:00:01.000Z'", "2026-01-01T00:00:01Z")
    assert parse_records(text, "f.yaml")[0].created.startswith("2026-01-01T00:00:01")
    assert parse_records("", "f.yaml") == ()
    assert parse_records("# only a comment\n", "f.yaml") == ()


# --- settings --------------------------------------------------------------------------------


def test_settings_come_from_config_yaml() -> None:
    config = parse_config("annotations:\n  labels: [same, differs]\n  anchor_threshold: 0.9\n")
    assert config.settings.annotations.labels == ("same", "differs")
    assert config.settings.annotations.anchor_threshold == 0.9
    assert AnnotationSettings().labels == DEFAULT_LABELS
    assert AnnotationSettings().path == "annotations.yaml"
    with pytest.raises(ConfigError, match="anchor_threshold"):
        parse_config("annotations:\n  anchor_threshold: 3\n")


def test_shipped_config_yaml_documents_the_defaults() -> None:
    shipped = Path(__file__).parent.parent / "config.yaml"
    config = parse_config(shipped.read_text(encoding="utf-8"))
    assert config.settings.annotations == AnnotationSettings()


# --- the store ---------------------------------------------------------------------------------


def test_missing_file_opens_empty_and_writable(tmp_path: Path) -> None:
    store = AnnotationStore.open(tmp_path / "annotations.yaml")
    assert store.records == () and not store.read_only and store.error is None
    assert not (tmp_path / "annotations.yaml").exists()


def test_every_change_is_on_disk_at_once(tmp_path: Path) -> None:
    path = tmp_path / "annotations.yaml"
    store = AnnotationStore.open(path)
    store.add(record(1))
    assert AnnotationStore.open(path).records == (record(1),)
    store.add(record(2))
    changed = store.update("rec00001", label="contradicts", note="no: 3,000 not 2,500")
    assert changed.label == "contradicts" and changed.updated > record(1).updated
    assert changed.created == record(1).created
    assert AnnotationStore.open(path).records == (changed, record(2))
    store.delete("rec00002")
    assert AnnotationStore.open(path).records == (changed,)


def test_previous_version_is_kept_as_backup(tmp_path: Path) -> None:
    path = tmp_path / "annotations.yaml"
    store = AnnotationStore.open(path)
    store.add(record(1))
    first = path.read_bytes()
    store.add(record(2))
    assert (tmp_path / "annotations.yaml.bak").read_bytes() == first


def test_nested_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "notes" / "deeper" / "annotations.yaml"
    AnnotationStore.open(path).add(record(1))
    assert AnnotationStore.open(path).records == (record(1),)


def test_adding_an_existing_id_or_updating_a_missing_one_is_refused(tmp_path: Path) -> None:
    store = AnnotationStore.open(tmp_path / "a.yaml")
    store.add(record(1))
    with pytest.raises(UserError, match="already exists"):
        store.add(record(1))
    with pytest.raises(UserError, match="no record"):
        store.update("nope", label="x")


def test_stale_temp_files_of_a_killed_writer_are_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "annotations.yaml"
    stale = tmp_path / ".annotations.yaml.k3j2.tmp"
    stale.write_text("half a write", encoding="utf-8")
    other = tmp_path / ".other.yaml.x.tmp"
    other.write_text("not ours", encoding="utf-8")
    AnnotationStore.open(path).add(record(1))
    assert not stale.exists() and other.exists()


def test_a_failed_save_is_reported_and_retried_with_the_next_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "annotations.yaml"
    store = AnnotationStore.open(path)
    real = annotation_store.atomic_write_text

    def disk_full(target: Path, text: str, *, backup: bool = False) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(annotation_store, "atomic_write_text", disk_full)
    with pytest.raises(UserError, match=r"annotations.yaml: cannot save \(No space left"):
        store.add(record(1))
    monkeypatch.setattr(annotation_store, "atomic_write_text", real)
    store.add(record(2))
    assert [r.id for r in AnnotationStore.open(path).records] == ["rec00001", "rec00002"]


# --- corrupt or unreadable files ----------------------------------------------------------------

CORRUPT = [
    b"schema: newscompare.annotations/1\nrecords:\n  - id: [unclosed\n",
    b"\xff\xfe\x00garbage\x00",
    b"schema: newscompare.annotations/7\nrecords: []\n",
]


@pytest.mark.parametrize("content", CORRUPT)
def test_corrupt_file_opens_read_only_and_is_never_overwritten(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "annotations.yaml"
    path.write_bytes(content)
    store = AnnotationStore.open(path)
    assert store.read_only and store.records == ()
    assert store.error is not None and str(path) in store.error and "\n" not in store.error
    for attempt in (
        lambda: store.add(record(1)),
        lambda: store.update("rec00001", label="x"),
        lambda: store.delete("rec00001"),
    ):
        with pytest.raises(UserError, match="read-only"):
            attempt()
    assert not store.refresh()
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annotations.yaml"]


def test_folder_in_place_of_the_file_is_read_only(tmp_path: Path) -> None:
    (tmp_path / "annotations.yaml").mkdir()
    store = AnnotationStore.open(tmp_path / "annotations.yaml")
    assert store.read_only and store.error is not None and "is a folder" in store.error


def test_file_corrupted_by_another_program_after_opening_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "annotations.yaml"
    store = AnnotationStore.open(path)
    store.add(record(1))
    store.add(record(2))
    path.write_bytes(b"records: {{{ broken by an editor\n")
    with pytest.raises(UserError, match="changed by another program") as info:
        store.add(record(3))
    assert "annotations.yaml.rescued" in str(info.value)
    assert store.read_only
    assert path.read_bytes() == b"records: {{{ broken by an editor\n"
    # Everything this process had confirmed (and the record in flight) is kept beside it.
    rescued = parse_records(store.rescue_path.read_text(encoding="utf-8"), "rescued")
    assert rescued == (record(1), record(2), record(3))
    with pytest.raises(UserError, match="read-only"):
        store.add(record(4))
    assert path.read_bytes() == b"records: {{{ broken by an editor\n"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=80), st.text(max_size=200)), max_size=6))
def test_piecewise_dump_equals_dumping_the_whole_document(items: list[tuple[str, str]]) -> None:
    records = [
        record(i, note=note, a=ref(text or "x", "one")) for i, (note, text) in enumerate(items)
    ]
    text = dump_records(records)
    assert text == annotations._dump_whole(records)
    assert parse_records(text, "f.yaml") == tuple(records)
    assert "\n...\n" not in text


def test_refresh_without_changes_touches_nothing(tmp_path: Path) -> None:
    store = AnnotationStore.open(tmp_path / "annotations.yaml")
    assert not store.refresh()
    assert list(tmp_path.iterdir()) == []  # no lock file, no empty annotations file


# --- the file format is the schema of the records (msgspec) ---------------------------------

SAVED_BY_0_1_0 = Path(__file__).parent / "data" / "annotations-0.1.0.yaml"


def test_a_file_saved_by_0_1_0_loads_and_saves_byte_for_byte() -> None:
    """Written by the hand-written dumper this version replaced: multi-line and indented
    notes, Arabic and German quotes, trailing spaces, tabs, U+2028 and NEL, texts that look
    like YAML values (``true``, ``null``, ``123``, ``# ...``, ``- ...``)."""
    text = SAVED_BY_0_1_0.read_text(encoding="utf-8")
    records = parse_records(text, str(SAVED_BY_0_1_0))
    assert [r.kind for r in records] == ["note", "link", "reject", "note"]
    assert (
        records[0].note
        == "They give different numbers.\nCheck the Pentagon release.\n\n  indented line"
    )
    assert records[2].a.text == "Line with trailing spaces   " and "\t" in records[2].b.text
    assert records[3].a.text == "unicode\u2028line separator and NEL\x85here"
    assert (records[3].a.outlet, records[3].b.outlet, records[3].b.text) == ("true", "null", "123")
    assert dump_records(records) == text


def test_hand_edited_values_are_read_as_written() -> None:
    """YAML's own typing is undone where the schema wants text; empty values are defaults."""
    text = _one_record_file(label=5, note=None, tool_version=0.2)
    (got,) = parse_records(text, "f.yaml")
    assert (got.label, got.note, got.tool_version) == ("5", "", "0.2")
    data = yaml.safe_load(dump_records([record(1)]))
    del data["records"][0]["a"]["text_hash"], data["records"][0]["a"]["outlet"]
    (got,) = parse_records(yaml.safe_dump(data), "f.yaml")
    assert got.a.text_hash == text_hash(got.a.text) and got.a.outlet == ""


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"a": {"article_id": "x", "text": "t", "start": 5, "end": 2}}, "'a': end is before start"),
        ({"b": {"article_id": "x", "start": 1, "end": 2}}, "'b': missing 'text'"),
        (
            {"b": {"article_id": "x", "text": "t", "start": 1, "end": 2, "x": 1}},
            "'b': unknown key 'x'",
        ),
        ({"b": [1]}, "'b': expected a mapping"),
        ({"id": ""}, "'id' must not be empty"),
        (
            {"b": {"article_id": "x", "text": "t", "start": True, "end": 2}},
            "'start': expected a whole",
        ),
    ],
)
def test_messages_name_the_side_and_the_key(changes: dict[str, object], expected: str) -> None:
    with pytest.raises(UserError) as info:
        parse_records(_one_record_file(**changes), "f.yaml")
    assert expected in str(info.value)


def test_the_line_is_where_the_bad_key_is_written() -> None:
    text = _one_record_file(created="yesterday")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("  created:"))
    with pytest.raises(UserError, match=f"f.yaml: line {line}: 'created': not an ISO 8601 time"):
        parse_records(text, "f.yaml")
