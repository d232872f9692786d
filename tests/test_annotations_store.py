"""The annotations file under stress: killed writers, concurrent processes, merges."""

from __future__ import annotations

import multiprocessing
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from msgspec.structs import replace

from newscompare.core.annotations.records import dump_records, parse_records
from newscompare.core.annotations.store import AnnotationStore, merge_records
from test_annotations import record

#: The writer killed by the tests below. A script of its own (no test imports) so that it
#: starts fast; the test ``exec``s the same source to predict the file contents.
CHILD_STORE = """
import sys
from pathlib import Path
from newscompare.core.annotations.store import AnnotationStore
from newscompare.core.annotations.records import Annotation, PassageRef, text_hash

def side(text, aid):
    return PassageRef(article_id=aid, article_path=f"articles/{aid}.md", outlet=aid.title(),
                      text=text, start=0, end=len(text), text_hash=text_hash(text))

def big_record(i):
    body = (f"Passage {i} says something. " * 300)[:6000]
    stamp = f"2026-01-01T00:00:{i % 60:02d}.000Z"
    return Annotation(id=f"rec{i:05d}", kind="note", a=side("A " + body, "one"),
                      b=side("B " + body, "two"), label="agrees", note=f"note {i}",
                      created=stamp, updated=stamp, tool_version="0.1.0")

def main():
    store = AnnotationStore.open(Path(sys.argv[1]))
    n = len(store.records)
    while True:
        store.add(big_record(n))
        n += 1
        print(n, flush=True)

if __name__ == "__main__":
    main()
"""

CHILD_ATOMIC = """
import sys
from pathlib import Path
from newscompare.core.model.atomic import atomic_write_text

def version(k):
    return f"{k}\\n" + f"version {k} " * 40_000

if __name__ == "__main__":
    path = Path(sys.argv[1])
    k = int(path.read_text(encoding="utf-8").split("\\n", 1)[0]) if path.exists() else 0
    while True:
        k += 1
        atomic_write_text(path, version(k), backup=True)
        print(k, flush=True)
"""


def _child_functions(source: str) -> dict[str, Any]:
    namespace: dict[str, Any] = {"__name__": "child"}
    exec(compile(source, "child", "exec"), namespace)
    return namespace


def test_a_killed_writer_leaves_the_old_or_the_new_version(tmp_path: Path) -> None:
    path = tmp_path / "annotations.yaml"
    big_record = _child_functions(CHILD_STORE)["big_record"]
    rng = random.Random(20261122)
    confirmed = 0
    kills_mid_run = 0
    for _ in range(5):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD_STORE, str(path)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        first = child.stdout.readline()  # wait until it is writing
        assert first.strip().isdigit(), first
        time.sleep(rng.uniform(0.0, 0.3))
        child.send_signal(signal.SIGKILL)
        output = first + child.stdout.read()
        child.wait()
        kills_mid_run += child.returncode == -signal.SIGKILL
        counts = [int(line) for line in output.split() if line.isdigit()]
        # The file is exactly one complete version: n records, byte for byte as written.
        text = path.read_text(encoding="utf-8")
        records = parse_records(text, str(path))
        n = len(records)
        assert text == dump_records([big_record(i) for i in range(n)])
        # Nothing confirmed is lost; at most the one save in flight made it too.
        assert max(counts) <= n <= max(counts) + 1
        assert n >= confirmed
        confirmed = n
        # The backup is a complete version too: the one before, or the same when the kill came
        # between saving the backup and replacing the file.
        backup_text = (tmp_path / "annotations.yaml.bak").read_text(encoding="utf-8")
        backup = parse_records(backup_text, "bak")
        assert len(backup) in (n - 1, n)
        assert backup_text == dump_records([big_record(i) for i in range(len(backup))])
    assert kills_mid_run == 5
    assert confirmed >= 5


def test_atomic_write_killed_at_random_moments(tmp_path: Path) -> None:
    """Most of the child's time is spent inside the write, so kills land mid-write."""
    path = tmp_path / "big.txt"
    version = _child_functions(CHILD_ATOMIC)["version"]
    rng = random.Random(7)
    torn_moments = 0
    for run in range(12):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD_ATOMIC, str(path)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        first = child.stdout.readline()
        time.sleep(rng.uniform(0.0, 0.1))
        child.send_signal(signal.SIGKILL)
        output = first + child.stdout.read()
        child.wait()
        torn_moments += any(tmp_path.glob(".*.tmp"))
        confirmed = max(int(line) for line in output.split())
        text = path.read_text(encoding="utf-8")
        k = int(text.split("\n", 1)[0])
        assert text == version(k)  # old or new, never a mix or a prefix
        assert k in (confirmed, confirmed + 1)
        backup_path = tmp_path / "big.txt.bak"
        # The very first child may be killed before its second write made a backup; every
        # later child replaced an existing file before it printed, so a backup exists.
        if run == 0 and not backup_path.exists():
            continue
        backup = backup_path.read_text(encoding="utf-8")
        assert backup == version(int(backup.split("\n", 1)[0]))
    # The kills did land while a write was under way (temp files left behind).
    assert torn_moments >= 1


def _add_twenty(path: str, who: str, start: multiprocessing.synchronize.Event) -> None:
    store = AnnotationStore.open(Path(path))
    start.wait()
    for i in range(20):
        store.add(replace(record(i), id=f"{who}-{i:02d}"))


def test_two_processes_saving_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "annotations.yaml"
    AnnotationStore.open(path).add(replace(record(99), id="existing"))
    context = multiprocessing.get_context("fork")
    start = context.Event()
    workers = [
        context.Process(target=_add_twenty, args=(str(path), who, start)) for who in ("p1", "p2")
    ]
    for w in workers:
        w.start()
    start.set()
    for w in workers:
        w.join(60)
        assert w.exitcode == 0
    ids = {r.id for r in AnnotationStore.open(path).records}
    expected = {f"{who}-{i:02d}" for who in ("p1", "p2") for i in range(20)} | {"existing"}
    assert ids == expected


def test_two_stores_merge_additions_instead_of_overwriting(tmp_path: Path) -> None:
    path = tmp_path / "annotations.yaml"
    first, second = AnnotationStore.open(path), AnnotationStore.open(path)
    first.add(record(1))
    second.add(record(2))  # second read nothing, but must not overwrite record 1
    assert [r.id for r in AnnotationStore.open(path).records] == ["rec00001", "rec00002"]
    assert {r.id for r in second.records} == {"rec00001", "rec00002"}
    assert first.refresh() and {r.id for r in first.records} == {"rec00001", "rec00002"}
    assert not first.refresh()


def test_a_deletion_is_not_undone_by_the_other_process(tmp_path: Path) -> None:
    path = tmp_path / "annotations.yaml"
    first = AnnotationStore.open(path)
    first.add(record(1))
    first.add(record(2))
    second = AnnotationStore.open(path)
    first.delete("rec00001")
    second.add(record(3))  # second still holds record 1 in memory
    assert [r.id for r in AnnotationStore.open(path).records] == ["rec00002", "rec00003"]
    second.delete("rec00002")
    first.add(record(4))  # first still holds record 2
    assert [r.id for r in AnnotationStore.open(path).records] == ["rec00003", "rec00004"]


def test_same_record_edited_in_two_processes_keeps_the_later_edit(tmp_path: Path) -> None:
    path = tmp_path / "annotations.yaml"
    first = AnnotationStore.open(path)
    first.add(record(1))
    second = AnnotationStore.open(path)
    first.update("rec00001", note="first says")
    time.sleep(0.01)
    second.update("rec00001", label="framing", note="second says, later")
    saved = AnnotationStore.open(path).get("rec00001")
    assert saved is not None and saved.note == "second says, later"
    first.update("rec00001", label="omits")  # first merges the later edit in, then edits
    saved = AnnotationStore.open(path).get("rec00001")
    assert saved is not None and (saved.label, saved.note) == ("omits", "second says, later")


def test_an_edit_survives_a_concurrent_deletion(tmp_path: Path) -> None:
    path = tmp_path / "annotations.yaml"
    first = AnnotationStore.open(path)
    first.add(record(1))
    second = AnnotationStore.open(path)
    second.delete("rec00001")
    first.update("rec00001", note="an edit made after the other side's read")
    assert [r.note for r in AnnotationStore.open(path).records] == [
        "an edit made after the other side's read"
    ]


def test_merge_rules() -> None:
    r1, r2, r3 = record(1), record(2), record(3)
    newer_r1 = replace(r1, note="newer", updated="2026-02-01T00:00:00.000Z")
    base = {"rec00001": r1, "rec00002": r2}
    ours = {"rec00001": r1, "rec00003": r3}  # we deleted 2, added 3
    theirs = {"rec00001": newer_r1, "rec00002": r2}  # they edited 1
    assert merge_records(base, ours, theirs) == {"rec00001": newer_r1, "rec00003": r3}
    # They deleted 1 (unchanged on our side): gone; our untouched 2 stays.
    assert merge_records(base, {"rec00001": r1, "rec00002": r2}, {"rec00002": r2}) == {
        "rec00002": r2
    }


def test_a_file_deleted_under_our_feet_is_written_again_in_full(tmp_path: Path) -> None:
    path = tmp_path / "annotations.yaml"
    store = AnnotationStore.open(path)
    store.add(record(1))
    store.add(record(2))
    path.unlink()
    store.add(record(3))
    assert [r.id for r in AnnotationStore.open(path).records] == [
        "rec00001",
        "rec00002",
        "rec00003",
    ]
