"""The annotations file on disk: every confirmed change is saved at once and never lost.

Each change runs read-merge-write under an exclusive lock on a lock file beside the
annotations file, so two newscompare processes on the same file take turns. If the file
changed since this process last read or wrote it, the change is merged in three ways against
that last-synced version (our edits, their edits, and deletions from either side are all
kept) instead of overwriting. Writes are atomic (``atomic_write_text``: temp file, fsync,
``os.replace``) with the previous version kept as ``<name>.bak``.

A file that cannot be read or does not validate puts the store in read-only mode: it is never
written, and ``error`` says why, so the UI can show it and the user can repair the file. So
does a file the user made read-only (its records are shown, nothing is saved). A symbolic
link is followed: the file it points to is read, locked, backed up and replaced, and the link
stays a link.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import stat
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

from msgspec.structs import replace

from newscompare.core.annotations.records import (
    Annotation,
    dump_records,
    parse_records,
    parse_time,
    utc_now,
)
from newscompare.core.model.atomic import atomic_write_text, is_read_only, real_file
from newscompare.core.model.errors import UserError


def _digest(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def _newer(ours: Annotation, theirs: Annotation) -> Annotation:
    """Of two versions of one record, the later ``updated`` (ties: ours, the local edit)."""
    return theirs if parse_time(theirs.updated) > parse_time(ours.updated) else ours


def merge_records(
    base: dict[str, Annotation],
    ours: dict[str, Annotation],
    theirs: dict[str, Annotation],
) -> dict[str, Annotation]:
    """Three-way merge by record id; ``base`` is what both sides last agreed on (the disk).

    Present on both sides: the newer version wins. Only on one side: if it was in ``base`` the
    other side deleted it, and the deletion wins unless this side edited the record since (an
    edit is a newer confirmed change than the deletion was based on); if it was not in
    ``base`` it is new and kept. Order: the file's order, then our additions.
    """
    merged: dict[str, Annotation] = {}
    for rid, other in theirs.items():  # the file's order first: diffs stay small
        mine = ours.get(rid)
        if mine is not None:
            merged[rid] = _newer(mine, other)
        elif rid not in base or base[rid] != other:
            merged[rid] = other
    for rid, mine in ours.items():
        if rid in theirs:
            continue
        if rid not in base or base[rid] != mine:
            merged[rid] = mine
    return merged


class AnnotationStore:
    """The one mutable holder of annotation records; each change is written immediately."""

    def __init__(self, path: Path) -> None:
        #: The path as the user gave it (for messages).
        self.path = Path(path)
        #: The file it names, symbolic links followed: what is locked, backed up, replaced.
        self.file = real_file(self.path)
        self._records: dict[str, Annotation] = {}
        #: The records as last read from or written to disk: the merge base.
        self._base: dict[str, Annotation] = {}
        #: Hash of the file bytes we last read or wrote (None: there was no file).
        self._disk_digest: str | None = None
        self.read_only = False
        self.error: str | None = None

    # --- opening ----------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> AnnotationStore:
        """Read ``path``; a missing file is an empty, writable store.

        Never raises for a bad file: it returns a read-only store with ``error`` set.
        """
        store = cls(path)
        try:
            data = store._read_bytes()
            records = store._parse(data)
        except UserError as exc:
            store.read_only = True
            store.error = str(exc)
            return store
        store._records = {r.id: r for r in records}
        store._base = dict(store._records)
        store._disk_digest = _digest(data)
        if data is not None and is_read_only(store.file):
            store.read_only = True
            store.error = store._read_only_message()
        return store

    def _read_only_message(self) -> str:
        try:
            mode = f" (permissions {stat.S_IMODE(self.file.stat().st_mode):04o})"
        except OSError:
            mode = ""
        return f"{self.path}: the file is read-only{mode}"

    @property
    def lock_path(self) -> Path:
        """The lock file two newscompare processes take turns on (left in place on purpose:
        deleting a lock file while another process waits on it breaks the lock)."""
        return self.file.with_name(f".{self.file.name}.lock")

    @property
    def records(self) -> tuple[Annotation, ...]:
        """All records, orphans included, in file order."""
        return tuple(self._records.values())

    def get(self, record_id: str) -> Annotation | None:
        """The record with this id, if any."""
        return self._records.get(record_id)

    # --- changes ----------------------------------------------------------------------------

    def add(self, record: Annotation) -> None:
        """Add a record and save."""

        def change() -> None:
            if record.id in self._records:
                raise UserError(f"{self.path}: a record with id {record.id} already exists")
            self._records[record.id] = record

        self._change(change)

    def update(
        self, record_id: str, *, label: str | None = None, note: str | None = None
    ) -> Annotation:
        """Change a record's label and/or note, stamp ``updated`` and save.

        The change applies to the record as it is on disk now, so a field another process
        changed meanwhile (and this edit does not touch) is kept. If another process deleted
        the record meanwhile, the edit brings it back: it is the newer confirmed decision.
        """
        known = self._records.get(record_id)

        def change() -> None:
            current = self._records.get(record_id, known)
            if current is None:
                raise UserError(f"{self.path}: no record with id {record_id} (deleted elsewhere?)")
            self._records[record_id] = replace(
                current,
                label=current.label if label is None else label,
                note=current.note if note is None else note,
                updated=_later_than(current.updated),
            )

        self._change(change)
        return self._records[record_id]

    def delete(self, record_id: str) -> None:
        """Remove a record and save; a merge will not bring it back."""

        def change() -> None:
            self._records.pop(record_id, None)

        self._change(change)

    def refresh(self) -> bool:
        """Pick up changes another process saved; True when the records changed."""
        if self.read_only:
            return False
        if _digest(self._read_bytes()) == self._disk_digest:
            return False  # nothing new; no need to take the lock (or create the lock file)
        before = dict(self._records)
        with self._locked():
            data = self._read_bytes()
            if _digest(data) != self._disk_digest:
                try:
                    self._merge_from_disk(data)
                except UserError as exc:
                    raise self._broken_elsewhere(exc) from None
                if self._records != self._base:
                    self._write()
        return self._records != before

    # --- internals --------------------------------------------------------------------------

    def _check_writable(self) -> None:
        if self.read_only:
            raise UserError(f"{self.error} (annotations are read-only; the file is left as is)")

    def _read_bytes(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            raise UserError(f"{self.path}: is a folder, not an annotations file") from None
        except OSError as exc:
            raise UserError(f"{self.path}: cannot read ({exc.strerror or exc})") from None

    def _parse(self, data: bytes | None) -> tuple[Annotation, ...]:
        if data is None:
            return ()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UserError(f"{self.path}: not UTF-8 text") from None
        return parse_records(text, str(self.path))

    def _merge_from_disk(self, data: bytes | None) -> None:
        """Merge what is on disk now into our records; a now-corrupt file makes us read-only."""
        try:
            theirs = {r.id: r for r in self._parse(data)}
        except UserError as exc:
            self.read_only = True
            self.error = str(exc)
            raise
        # A file that vanished was moved or deleted as a whole, not emptied record by record by
        # another newscompare: keep everything we hold rather than read it as deletions.
        base = self._base if data is not None else {}
        self._records = merge_records(base, self._records, theirs)
        self._base = theirs
        self._disk_digest = _digest(data)

    @property
    def rescue_path(self) -> Path:
        """Where our records go when the file was broken by someone else under our feet."""
        return self.file.with_name(self.file.name + ".rescued")

    def _broken_elsewhere(self, exc: UserError) -> UserError:
        rescued = self._rescue()
        return UserError(f"{exc} (changed by another program; left as is; {rescued})")

    def _rescue(self) -> str:
        """Save what this process holds beside the broken file, so nothing confirmed is lost."""
        try:
            atomic_write_text(self.rescue_path, dump_records(self.records), backup=True)
        except OSError as exc:
            return f"could not save a copy to {self.rescue_path}: {exc.strerror or exc}"
        return f"our records were saved to {self.rescue_path}"

    def _change(self, change: Callable[[], None]) -> None:
        """Read-merge-change-write under the lock, so the change applies to the latest records.

        Raises ``UserError`` when the file cannot be saved; the change then stays in memory and
        is saved with the next successful change.
        """
        self._check_writable()
        with self._locked():
            data = self._read_bytes()
            if _digest(data) != self._disk_digest:
                try:
                    self._merge_from_disk(data)
                except UserError as exc:
                    with contextlib.suppress(UserError):
                        change()  # so the rescued copy holds the change in flight too
                    raise self._broken_elsewhere(exc) from None
            before = dict(self._records)
            change()
            if self._records != before or self._records != self._base:
                self._write()

    def _write(self) -> None:
        if is_read_only(self.file):  # made read-only since it was opened
            raise UserError(f"{self._read_only_message()}; not saved (kept until you quit)")
        text = dump_records(tuple(self._records.values()))
        try:
            atomic_write_text(self.path, text, backup=True)
        except OSError as exc:
            raise UserError(f"{self.path}: cannot save ({exc.strerror or exc})") from None
        self._base = dict(self._records)
        self._disk_digest = _digest(text.encode("utf-8"))

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise UserError(f"{self.path}: cannot save ({exc.strerror or exc})") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            self._remove_stale_temp_files()
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def _remove_stale_temp_files(self) -> None:
        """Temp files left by a writer that was killed mid-write. Only called while holding the
        lock, when no other newscompare can be writing, so any temp file found is stale."""
        for leftover in self.file.parent.glob(f".{self.file.name}.*.tmp"):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _later_than(previous: str) -> str:
    """Now, or just after ``previous`` if the clock says otherwise (an edit must win merges
    against the version it replaces even when the clock went back)."""
    now = utc_now()
    try:
        if parse_time(now) > parse_time(previous):
            return now
    except ValueError:
        return now
    bumped = parse_time(previous) + timedelta(milliseconds=1)
    return bumped.isoformat(timespec="milliseconds").replace("+00:00", "Z")
