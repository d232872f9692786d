"""Export saved annotations as markdown (for people), csv (for spreadsheets) or json (scripts).

Record text is data, never instructions: the annotations file may have been edited by anyone,
and exports are often printed straight to a terminal or opened in a spreadsheet. Every string
of a record passes ``sanitize`` in every format (terminal escapes, C1 controls and bidi
overrides shown as visible symbols); markdown then escapes its significant characters, csv
cells that a spreadsheet would read as a formula are prefixed with ``'`` (``spreadsheet_cell``),
and json is encoded with ASCII escapes for everything else.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from newscompare.core.annotations.records import (
    Annotation,
    PassageRef,
    parse_records,
    record_to_dict,
)
from newscompare.core.model.atomic import atomic_write_text
from newscompare.core.model.errors import UserError
from newscompare.core.model.sanitize import sanitize, spreadsheet_cell

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

_MARKDOWN_SPECIAL = ("\\", "`", "*", "_", "[", "]", "<", ">", "#", "|")
_KIND_TITLES = {"note": "Note", "link": "Link added by the reader", "reject": "Pair rejected"}


def clean(text: str) -> str:
    """``sanitize(text)``: kept under this name for the reader's annotation form."""
    return sanitize(text)


def _md(text: str) -> str:
    """One line of markdown-safe text: sanitized, whitespace folded, significant characters
    escaped."""
    flat = sanitize(" ".join(text.split()), "line")
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
    kind = _KIND_TITLES[record.kind]
    lines.append(f"*{kind}; updated {_md(record.updated)}; id {_md(record.id)}*")
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
    cell = spreadsheet_cell
    row: list[str | int] = [cell(record.id), record.kind, cell(record.label), cell(record.note)]
    for ref in (record.a, record.b):
        row.extend(
            [
                cell(ref.outlet),
                cell(ref.article_id),
                cell(ref.article_path),
                ref.start,
                ref.end,
                cell(ref.text_hash),
                cell(ref.text),
            ]
        )
    row.extend([cell(record.created), cell(record.updated), cell(record.tool_version)])
    return row


def to_csv(records: Sequence[Annotation]) -> str:
    """One row per record with the fixed ``CSV_COLUMNS``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_csv_row(r) for r in records)
    return out.getvalue()


def _sanitized(value: Any) -> Any:
    if isinstance(value, str):
        return sanitize(value)
    if isinstance(value, dict):
        return {key: _sanitized(item) for key, item in value.items()}
    return value


def to_json(records: Sequence[Annotation]) -> str:
    """A list of records with the same keys as the annotations file, every string sanitized
    (so not even an escaped ``\\u001b`` is left for a careless consumer to print)."""
    data = [_sanitized(record_to_dict(r)) for r in records]
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
