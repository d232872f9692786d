"""Export saved annotations as markdown (for people), csv (for spreadsheets) or json (scripts).

Record text is data, never instructions: it is escaped for markdown, quoted by the csv module,
and encoded by json. Control characters (terminal escapes) are removed in every format, since
exports are often printed straight to a terminal.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Collection, Sequence
from pathlib import Path

from newscompare.core.annotations.records import (
    Annotation,
    PassageRef,
    parse_records,
    record_to_dict,
)
from newscompare.core.model.atomic import atomic_write_text
from newscompare.core.model.errors import UserError

FORMATS = ("markdown", "csv", "json")
SUFFIXES = {"markdown": ".md", "csv": ".csv", "json": ".json"}

CSV_COLUMNS = (
    "id",
    "kind",
    "label",
    "note",
    "a_outlet",
    "a_article_id",
    "a_article_path",
    "a_start",
    "a_end",
    "a_text_hash",
    "a_text",
    "b_outlet",
    "b_article_id",
    "b_article_path",
    "b_start",
    "b_end",
    "b_text_hash",
    "b_text",
    "created",
    "updated",
    "tool_version",
)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_MARKDOWN_SPECIAL = ("\\", "`", "*", "_", "[", "]", "<", ">", "#", "|")
_KIND_TITLES = {"note": "Note", "link": "Link added by the reader", "reject": "Pair rejected"}


def clean(text: str) -> str:
    """Remove control characters (keeps tab and newline): no terminal escapes in exports."""
    return _CONTROL.sub("", text)


def _md(text: str) -> str:
    """One line of markdown-safe text: whitespace folded, significant characters escaped."""
    flat = " ".join(clean(text).split())
    for ch in _MARKDOWN_SPECIAL:
        flat = flat.replace(ch, "\\" + ch)
    return flat


def _md_side(ref: PassageRef) -> list[str]:
    who = _md(ref.outlet or ref.article_id) or "(unknown outlet)"
    return [
        f"**{who}** ({_md(ref.article_id)}, offsets {ref.start}-{ref.end}):",
        "",
        f"> {_md(ref.text)}",
        "",
    ]


def _md_record(n: int, record: Annotation) -> list[str]:
    title = record.label or _KIND_TITLES[record.kind]
    lines = [f"### {n}. {_md(title)}", ""]
    lines.append(f"*{_KIND_TITLES[record.kind]}; updated {_md(record.updated)}; id {record.id}*")
    lines.append("")
    lines.extend(_md_side(record.a))
    lines.extend(_md_side(record.b))
    if record.note.strip():
        lines.append("Note:")
        lines.append("")
        lines.extend(f"> {_md(line)}" if line.strip() else ">" for line in record.note.split("\n"))
        lines.append("")
    return lines


def to_markdown(records: Sequence[Annotation], orphan_ids: Collection[str] = ()) -> str:
    """Each pair's two texts as quotes with the outlets, the label and the note.

    ``orphan_ids``: records that no longer fit the current articles, listed in their own section
    (only known when a story is at hand; the CLI exports from the file alone).
    """
    placed = [r for r in records if r.id not in orphan_ids]
    orphans = [r for r in records if r.id in orphan_ids]
    lines = ["# newscompare annotations", ""]
    count = f"{len(records)} record" + ("" if len(records) == 1 else "s")
    lines.append(count + (f", {len(orphans)} orphaned." if orphans else "."))
    lines.append("")
    if placed:
        lines.extend(["## Annotations", ""])
        for n, record in enumerate(placed, 1):
            lines.extend(_md_record(n, record))
    if orphans:
        lines.extend(["## Orphans", ""])
        lines.append("These no longer match any passage of the current articles; kept as saved.")
        lines.append("")
        for n, record in enumerate(orphans, 1):
            lines.extend(_md_record(n, record))
    return "\n".join(lines).rstrip() + "\n"


def _csv_row(record: Annotation) -> list[str | int]:
    row: list[str | int] = [record.id, record.kind, clean(record.label), clean(record.note)]
    for ref in (record.a, record.b):
        row.extend(
            [
                clean(ref.outlet),
                clean(ref.article_id),
                clean(ref.article_path),
                ref.start,
                ref.end,
                ref.text_hash,
                clean(ref.text),
            ]
        )
    row.extend([record.created, record.updated, clean(record.tool_version)])
    return row


def to_csv(records: Sequence[Annotation]) -> str:
    """One row per record with the fixed ``CSV_COLUMNS``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_csv_row(r) for r in records)
    return out.getvalue()


def to_json(records: Sequence[Annotation]) -> str:
    """A list of records with the same keys as the annotations file."""
    data = [record_to_dict(r) for r in records]
    # ensure_ascii escapes every control character, so the output is terminal-safe as is.
    return json.dumps(data, ensure_ascii=True, indent=2) + "\n"


def render(records: Sequence[Annotation], fmt: str, orphan_ids: Collection[str] = ()) -> str:
    """Records in one of ``FORMATS``."""
    if fmt == "markdown":
        return to_markdown(records, orphan_ids)
    if fmt == "csv":
        return to_csv(records)
    if fmt == "json":
        return to_json(records)
    raise UserError(f"unknown export format {fmt!r} (expected {', '.join(FORMATS)})")


def read_records(path: Path) -> tuple[Annotation, ...]:
    """The records of an annotations file; ``UserError`` naming the file when it is missing or
    unusable (an export of nothing would hide a wrong path)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: no such annotations file") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder, not an annotations file") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(f"{path}: not UTF-8 text") from None
    return parse_records(text, str(path))


def export_annotations(path: Path, fmt: str, orphan_ids: Collection[str] = ()) -> str:
    """``newscompare export``: the annotations file at ``path`` as ``fmt`` text."""
    if fmt not in FORMATS:
        raise UserError(f"unknown export format {fmt!r} (expected {', '.join(FORMATS)})")
    return render(read_records(path), fmt, orphan_ids)


def default_export_path(annotations_path: Path, fmt: str) -> Path:
    """Where the app's "export annotations" command writes: beside the annotations file,
    e.g. ``annotations.yaml`` -> ``annotations-export.md``."""
    path = Path(annotations_path)
    return path.with_name(f"{path.stem}-export{SUFFIXES[fmt]}")


def write_export(
    records: Sequence[Annotation],
    fmt: str,
    target: Path,
    orphan_ids: Collection[str] = (),
) -> Path:
    """The command palette's export: ``render`` written atomically to ``target``."""
    text = render(records, fmt, orphan_ids)
    try:
        atomic_write_text(Path(target), text)
    except OSError as exc:
        raise UserError(f"{target}: cannot write ({exc.strerror or exc})") from None
    return Path(target)
