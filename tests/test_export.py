"""``newscompare export``: markdown, csv and json from the annotations file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from msgspec.structs import replace

from newscompare.cli import main
from newscompare.core.annotations.export import (
    CSV_COLUMNS,
    default_export_path,
    export_annotations,
    render,
    to_markdown,
    write_export,
)
from newscompare.core.annotations.records import record_to_dict
from newscompare.core.annotations.store import AnnotationStore
from newscompare.core.model.errors import UserError
from test_annotations import record, ref

TRICKY = "[bold]not markup[/bold] *stars* \x1b[31mred\x1b[0m <b>x</b> # hash"


def saved(tmp_path: Path) -> Path:
    path = tmp_path / "annotations.yaml"
    store = AnnotationStore.open(path)
    store.add(
        record(
            1,
            label="contradicts",
            note="They give different numbers.\nCheck the Pentagon release.",
            a=ref("The US has around 2,500 soldiers in Iraq.", "rudaw", outlet="Rudaw"),
            b=ref("About 3,000 US soldiers remain in Iraq.", "rferl", outlet="RFE/RL"),
        )
    )
    store.add(record(2, kind="link", label="", note=TRICKY))
    store.add(record(3, kind="reject", label="other", note=""))
    return path


def test_markdown_shows_both_texts_outlets_label_and_note(tmp_path: Path) -> None:
    text = export_annotations(saved(tmp_path), "markdown")
    assert text.startswith("# newscompare annotations\n")
    assert "### 1. contradicts" in text
    assert "**Rudaw** (rudaw, offsets 0-41):\n\n> The US has around 2,500 soldiers in Iraq." in text
    assert "**RFE/RL** (rferl, offsets 0-39):\n\n> About 3,000 US soldiers remain in Iraq." in text
    assert "> They give different numbers.\n> Check the Pentagon release." in text
    assert "### 2. Link added by the reader" in text
    assert "### 3. other" in text and "*Pair rejected;" in text
    assert "## Orphans" not in text


def test_markdown_never_passes_markup_or_terminal_escapes_through(tmp_path: Path) -> None:
    text = export_annotations(saved(tmp_path), "markdown")
    assert "\x1b" not in text
    assert "\\[bold\\]not markup\\[/bold\\] \\*stars\\*" in text
    assert "\\<b\\>x\\</b\\> \\# hash" in text


def test_markdown_lists_orphans_in_their_own_section() -> None:
    records = [record(1), record(2)]
    text = to_markdown(records, orphan_ids={"rec00002"})
    head, orphans = text.split("## Orphans")
    assert "2 records, 1 orphaned." in head and "A Passage 1" in head
    assert "A Passage 2" in orphans and "A Passage 1" not in orphans


def test_csv_has_stable_columns_and_one_row_per_record(tmp_path: Path) -> None:
    rows = list(csv.reader(io.StringIO(export_annotations(saved(tmp_path), "csv"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 4
    first = dict(zip(CSV_COLUMNS, rows[1], strict=True))
    assert first["label"] == "contradicts"
    assert first["note"] == "They give different numbers.\nCheck the Pentagon release."
    assert first["a_outlet"] == "Rudaw" and first["b_text"].startswith("About 3,000")
    assert (first["a_start"], first["a_end"]) == ("0", "41")
    tricky = dict(zip(CSV_COLUMNS, rows[2], strict=True))
    assert tricky["note"] == TRICKY.replace("\x1b", "␛")


def test_json_is_the_list_of_records(tmp_path: Path) -> None:
    path = saved(tmp_path)
    data = json.loads(export_annotations(path, "json"))
    expected = [record_to_dict(r) for r in AnnotationStore.open(path).records]
    expected[1]["note"] = TRICKY.replace("\x1b", "␛")  # the only unsafe text saved
    assert data == expected
    text = export_annotations(path, "json")
    assert "\x1b" not in text and "\\u001b" not in text  # not even escaped
    assert json.loads(text)[1]["note"] == TRICKY.replace("\x1b", "␛")


def test_missing_or_corrupt_file_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such annotations file"):
        export_annotations(tmp_path / "nope.yaml", "csv")
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: newscompare.annotations/1\nrecords: [\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"bad.yaml: line \d+"):
        export_annotations(bad, "json")
    with pytest.raises(UserError, match="unknown export format"):
        export_annotations(saved(tmp_path), "html")


# --- the command line ------------------------------------------------------------------------


def test_cli_export_prints_the_chosen_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = saved(tmp_path)
    assert main(["export", "--annotations", str(path), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out == export_annotations(path, "csv")
    assert main(["export", "--annotations", str(path)]) == 0  # markdown by default
    assert capsys.readouterr().out.startswith("# newscompare annotations")


def test_cli_export_writes_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = saved(tmp_path)
    target = tmp_path / "out.json"
    argv = ["export", "--annotations", str(path), "--format", "json", "-o", str(target)]
    assert main(argv) == 0
    assert json.loads(target.read_text(encoding="utf-8"))[0]["id"] == "rec00001"


def test_cli_export_uses_the_path_from_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "project"
    folder.mkdir()
    store = AnnotationStore.open(folder / "notes" / "mine.yaml")
    store.add(replace(record(5), label="framing"))
    (folder / "config.yaml").write_text("annotations:\n  path: notes/mine.yaml\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    argv = ["export", "--config", str(folder / "config.yaml"), "--format", "json"]
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)[0]["label"] == "framing"


def test_cli_export_missing_file_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--format", "markdown"]) == 2  # default: ./annotations.yaml
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "annotations.yaml: no such annotations file" in captured.err


def test_cli_export_corrupt_file_exits_2_and_leaves_it_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    bad = tmp_path / "annotations.yaml"
    bad.write_bytes(b"schema: newscompare.annotations/1\nrecords:\n- id: x\n  kind: maybe\n")
    before = bad.read_bytes()
    assert main(["export"]) == 2
    err = capsys.readouterr().err
    assert "annotations.yaml: line 3: record is missing 'a'" in err and err.count("\n") == 1
    assert bad.read_bytes() == before


def test_palette_export_writes_beside_the_annotations_file(tmp_path: Path) -> None:
    path = saved(tmp_path)
    records = AnnotationStore.open(path).records
    for fmt, name in (("markdown", "annotations-export.md"), ("csv", "annotations-export.csv")):
        target = default_export_path(path, fmt)
        assert target == tmp_path / name
        assert write_export(records, fmt, target, {"rec00003"}) == target
        assert target.read_text(encoding="utf-8") == render(records, fmt, {"rec00003"})
    assert "## Orphans" in (tmp_path / "annotations-export.md").read_text(encoding="utf-8")
    with pytest.raises(UserError, match="cannot write"):
        write_export(records, "json", tmp_path / "missing-folder" / "x.json")
