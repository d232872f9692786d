"""The hostile corpus through every engine and command-line output: the JSON and Markdown
reports (stdout and ``-o``), the three export formats, and every message on stderr. Each must
hold no raw control (nor a JSON escape of one), no C1 control and no bidi override, and still
show what was there as visible symbols."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import hostile
from hostile import unsafe_in
from newscompare.cli import main


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return hostile.write_corpus(tmp_path / "story")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _assert_messages_are_safe_lines(err: str) -> None:
    assert err, "expected messages on stderr"
    for line in err.splitlines():
        assert line.startswith(("newscompare: ", "usage: ", "  ", "newscompare align: ")), line
    assert unsafe_in(err) == []


def test_json_report_holds_no_control_not_even_escaped(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "align", "--format", "json", "--no-annotations", str(corpus))
    assert code == 0
    assert unsafe_in(out) == [] and hostile.escaped_controls_in(out) == []
    report = json.loads(out)
    outlets = [a["outlet"] for a in report["articles"]]
    # Shown, not dropped: the file-name outlet keeps its escape as the ␛ symbol.
    assert outlets[0] == "␛]0;pwned␇name␛]52;c;SGVsbG8=␇"
    assert outlets[1] == "Evil ␛c\ufffd2J Outlet \ufffdevil\ufffd \ufffdisolated\ufffd"
    assert report["articles"][2]["outlet"] == "Site ␛c"
    assert report["pairs"] and any(p["divergences"] for p in report["pairs"])
    (problem,) = report["problems"]
    assert problem.endswith("04-broken\\n␛[31mname.md: the file is empty")
    texts = [p["text"] for a in report["articles"] for p in a["passages"]]
    assert any("zero\u200bwidth\u200djoiner" in t for t in texts)  # zero-width: kept, text
    _assert_messages_are_safe_lines(err)


def test_passage_offsets_still_point_at_the_text(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The symbols replace controls one for one, at load: offsets are into the shown text."""
    from newscompare.core.load.sources import load_sources
    from newscompare.core.model.settings import LoadSettings

    articles, _ = load_sources([str(corpus)], LoadSettings())
    by_path = {a.path: a for a in articles}
    _, out, _ = _run(capsys, "align", "--format", "json", "--no-annotations", str(corpus))
    for article in json.loads(out)["articles"]:
        text = by_path[article["path"]].text
        assert unsafe_in(text) == []
        for p in article["passages"]:
            assert text[p["start"] : p["end"]] == p["text"]


def test_markdown_report_and_output_file_are_safe(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "align", "--format", "markdown", "--no-annotations", str(corpus))
    assert code == 0 and unsafe_in(out) == []
    assert "␛c" in out and "\\[bold\\]" in out  # visible, and markup escaped
    _assert_messages_are_safe_lines(err)
    target = tmp_path / "report.md"
    assert main(["align", "--format", "markdown", str(corpus), "-o", str(target)]) == 0
    assert unsafe_in(target.read_text(encoding="utf-8")) == []


def test_align_with_hostile_annotations_is_safe(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = hostile.write_annotations(tmp_path / "notes.yaml")
    code, out, err = _run(capsys, "align", str(corpus), "--annotations", str(notes))
    assert code == 0 and unsafe_in(out) == [] and hostile.escaped_controls_in(out) == []
    assert unsafe_in(err) == []


@pytest.mark.parametrize("fmt", ["markdown", "csv", "json"])
def test_every_export_format_is_safe(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = hostile.write_annotations(tmp_path / "notes.yaml")
    code, out, err = _run(capsys, "export", "--annotations", str(notes), "--format", fmt)
    assert (code, err) == (0, "")
    assert unsafe_in(out) == [] and hostile.escaped_controls_in(out) == []
    if fmt == "markdown":
        assert "id rec-␛\\]52;c;SGVsbG8=␇" in out  # the id too (it reached the terminal before)
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows[0]["a_text_hash"].endswith("␛[31m")


def test_csv_cells_never_start_a_formula(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """OWASP's advice: a cell starting with = + - @ (or tab, CR, their full-width forms) gets
    a leading ``'`` so spreadsheets show it as text."""
    notes = hostile.write_annotations(tmp_path / "notes.yaml")
    _, out, _ = _run(capsys, "export", "--annotations", str(notes), "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))[2:]  # header, the hostile record
    assert len(rows) == len(hostile.FORMULAS)
    for row, formula in zip(rows, hostile.FORMULAS, strict=True):
        for cell in row:
            assert cell[:1] not in {"=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"}, row
        assert row[2] == "'" + formula  # the label: kept, shown as text


def test_stderr_messages_are_one_safe_line(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.yaml"
    key = hostile.yaml_quoted(f"colour{hostile.OSC52}")
    config.write_text(f"{key}: red\nalign:\n  threshold: 0.5\n", "utf-8")
    missing = str(tmp_path / f"gone{hostile.RESET}\nsecond line.md")
    code, _, err = _run(capsys, "align", "--config", str(config), str(corpus), missing)
    assert code == 0
    _assert_messages_are_safe_lines(err)
    assert "gone␛c\\nsecond line.md: no such file or directory" in err
    assert "unknown key" in err
    # argparse quotes arguments in its own errors
    with pytest.raises(SystemExit):
        main(["align", "--format", f"json{hostile.OSC52}"])
    _assert_messages_are_safe_lines(capsys.readouterr().err)
    with pytest.raises(SystemExit):
        main(["align", str(corpus), f"--bogus{hostile.OSC0}"])
    _assert_messages_are_safe_lines(capsys.readouterr().err)
    # a config that is not valid YAML (raw control characters are not allowed in YAML)
    config.write_text(f"align:\n  threshold: {hostile.OSC52}\n", "utf-8")
    assert main(["align", "--config", str(config), str(corpus)]) == 2
    _assert_messages_are_safe_lines(capsys.readouterr().err)
    # the reader refuses paths that do not exist before it opens
    assert main([missing]) == 2
    _assert_messages_are_safe_lines(capsys.readouterr().err)
