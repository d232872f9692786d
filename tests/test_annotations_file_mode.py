"""``annotations.yaml`` as the user set it up: a read-only file is told and never written, a
symbolic link is followed (its target written, locked, backed up), the backup keeps the
file's permissions. And ``-o`` never names a temp file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from newscompare.cli import main
from newscompare.core.annotations.records import dump_records
from newscompare.core.annotations.store import AnnotationStore
from newscompare.core.model.errors import UserError
from test_annotations import record


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def saved_file(path: Path, *records: int) -> bytes:
    path.write_text(dump_records([record(i) for i in records]), encoding="utf-8")
    return path.read_bytes()


def test_a_read_only_file_is_told_shown_and_never_written(tmp_path: Path) -> None:
    path = tmp_path / "annotations.yaml"
    before = saved_file(path, 1)
    path.chmod(0o444)
    store = AnnotationStore.open(path)
    assert store.read_only and store.records == (record(1),)
    assert store.error == f"{path}: the file is read-only (permissions 0444)"
    with pytest.raises(UserError, match="read-only"):
        store.add(record(2))
    assert path.read_bytes() == before and mode(path) == 0o444
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annotations.yaml"]


def test_a_file_made_read_only_while_open_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "annotations.yaml"
    store = AnnotationStore.open(path)
    store.add(record(1))
    before = path.read_bytes()
    path.chmod(0o444)
    with pytest.raises(UserError, match=r"the file is read-only \(permissions 0444\); not saved"):
        store.add(record(2))
    assert path.read_bytes() == before and mode(path) == 0o444
    path.chmod(0o644)  # made writable again: the change held in memory is saved with the next
    store.add(record(3))
    assert [r.id for r in AnnotationStore.open(path).records] == [
        "rec00001", "rec00002", "rec00003",
    ]  # fmt: skip


def test_a_symlink_is_followed_target_written_locked_and_backed_up(tmp_path: Path) -> None:
    real = tmp_path / "shared" / "notes.yaml"
    real.parent.mkdir()
    saved_file(real, 1)
    link = tmp_path / "annotations.yaml"
    link.symlink_to(real)
    through_link = AnnotationStore.open(link)
    through_link.add(record(2))
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert [r.id for r in AnnotationStore.open(real).records] == ["rec00001", "rec00002"]
    assert (real.parent / "notes.yaml.bak").exists() and not (
        tmp_path / "annotations.yaml.bak"
    ).exists()
    # One lock for both ways to the file, so a process using either takes turns with the other.
    assert through_link.lock_path == AnnotationStore.open(real).lock_path
    assert through_link.lock_path.parent == real.parent


def test_the_backup_keeps_the_file_s_permissions(tmp_path: Path) -> None:
    path = tmp_path / "annotations.yaml"
    saved_file(path, 1)
    path.chmod(0o640)
    store = AnnotationStore.open(path)
    store.add(record(2))
    store.add(record(3))
    assert mode(path) == 0o640
    assert mode(tmp_path / "annotations.yaml.bak") == 0o640  # was 0600 (mkstemp's)


def test_output_to_a_folder_names_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The minister said 40 people were hurt on Monday.\n", "utf-8")
    folder = tmp_path / "out"
    folder.mkdir()
    assert main(["align", str(article), "-o", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err == f"newscompare: {folder}: is a folder, not a file\n"
    assert list(folder.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == [
        "a.txt", "out",
    ]  # fmt: skip


def test_output_to_a_read_only_file_leaves_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The minister said 40 people were hurt on Monday.\n", "utf-8")
    target = tmp_path / "report.json"
    target.write_text("keep me", "utf-8")
    target.chmod(0o444)
    assert main(["align", str(article), "-o", str(target)]) == 2
    assert (
        capsys.readouterr().err == f"newscompare: {target}: the file is read-only; left as it is\n"
    )
    assert target.read_text("utf-8") == "keep me"
