"""The console script: align to json/markdown, bad input, exit codes, help and version."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from console import console_script
from newscompare import __version__
from newscompare.cli import main
from newscompare.core.report import SCHEMA

PROJECT = Path(__file__).resolve().parent.parent
ARTICLES = PROJECT / "articles"


def _align_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(["align", "--format", "json", *args]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_align_json_has_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    report = _align_json(capsys, str(ARTICLES))
    assert report["schema"] == SCHEMA
    assert set(report) >= {"schema", "articles", "pairs", "groups", "unmatched"}
    articles = report["articles"]
    assert isinstance(articles, list) and len(articles) == 5
    ids: set[str] = set()
    for article in articles:
        assert set(article) >= {"id", "path", "outlet", "title", "date", "url", "passages"}
        text = (ARTICLES / Path(article["path"]).name).read_text("utf-8")
        for p in article["passages"]:
            assert set(p) == {"id", "text", "kind", "start", "end", "paragraph"}
            assert p["kind"] in {"title", "body", "caption", "boilerplate"}
            assert p["text"] in text
            ids.add(p["id"])
    assert len(ids) == sum(len(a["passages"]) for a in articles)
    for pair in report["pairs"]:  # type: ignore[attr-defined]
        assert pair["a"] in ids and pair["b"] in ids
        assert 0.0 <= pair["score"] <= 1.0
        for d in pair["divergences"]:
            assert set(d) >= {"kind", "a", "b", "a_span", "b_span"}


def test_passage_ids_are_stable_between_runs(capsys: pytest.CaptureFixture[str]) -> None:
    first = _align_json(capsys, str(ARTICLES))
    second = _align_json(capsys, str(ARTICLES))
    first.pop("generator")
    second.pop("generator")
    assert first == second


def test_align_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", "--format", "markdown", str(ARTICLES)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# newscompare report")
    assert "Asharq Al-Awsat" in out


def test_align_writes_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.json"
    assert main(["align", str(ARTICLES), "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(target.read_text("utf-8"))["schema"] == SCHEMA


def test_bad_sources_are_reported_and_the_rest_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty.txt").write_text("", "utf-8")
    good = tmp_path / "good.txt"
    good.write_text("The minister said 40 people were hurt in the blast on Monday.\n", "utf-8")
    code = main(["align", str(good), str(tmp_path / "empty.txt"), str(tmp_path / "missing.md")])
    captured = capsys.readouterr()
    assert code == 0
    report = json.loads(captured.out)
    assert [a["path"] for a in report["articles"]] == [str(good)]
    errors = [line for line in captured.err.splitlines() if line]
    assert any("empty.txt" in line for line in errors)
    assert any("missing.md" in line for line in errors)
    assert "Traceback" not in captured.err
    assert len(report["problems"]) == 2


def test_nothing_loadable_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", str(tmp_path / "nothing-here")]) == 2
    err = capsys.readouterr().err
    assert "nothing-here" in err
    assert "no articles could be loaded" in err


def test_bad_config_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("align:\n  threshold: lots\n", "utf-8")
    assert main(["align", "--config", str(config), str(ARTICLES)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "line 2" in err and "align.threshold" in err


def test_threshold_flag_overrides_config(capsys: pytest.CaptureFixture[str]) -> None:
    strict = _align_json(capsys, "--threshold", "1.0", str(ARTICLES))
    loose = _align_json(capsys, "--threshold", "0.0", str(ARTICLES))
    assert len(strict["pairs"]) <= len(loose["pairs"])  # type: ignore[arg-type]
    assert main(["align", "--threshold", "7", str(ARTICLES)]) == 2
    assert "--threshold" in capsys.readouterr().err


def test_version_and_help() -> None:
    for args, expected in ((["--version"], __version__), (["--help"], "examples:")):
        result = subprocess.run(
            [sys.executable, "-m", "newscompare", *args], capture_output=True, text=True
        )
        assert result.returncode == 0
        assert expected in result.stdout
    result = subprocess.run(
        [sys.executable, "-m", "newscompare", "align", "--help"], capture_output=True, text=True
    )
    assert "--format" in result.stdout


def test_console_script_align_is_installed(tmp_path: Path) -> None:
    script = console_script()
    assert script is not None, "the newscompare console script is not installed"
    result = subprocess.run(
        [script, "align", "--format", "json", str(ARTICLES)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["schema"] == SCHEMA


def test_engine_runs_without_importing_textual() -> None:
    code = (
        "import sys, newscompare.cli as c;"
        "c.main(['align', '--format', 'json', sys.argv[1]]);"
        "assert 'textual' not in sys.modules and 'rich' not in sys.modules, 'UI imported'"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(ARTICLES)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_missing_title_is_taken_from_the_headline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "x.txt"
    source.write_text(
        "A Headline About Things\n\nThe minister said 40 people were hurt on Monday.\n", "utf-8"
    )
    report = _align_json(capsys, str(source))
    assert report["articles"][0]["title"] == "A Headline About Things"  # type: ignore[index]


def test_align_applies_saved_links_and_rejections(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newscompare.config import Config
    from newscompare.core.annotations.feedback import AnnotatedStory
    from newscompare.core.annotations.records import AnnotationInput
    from newscompare.core.annotations.store import AnnotationStore
    from newscompare.core.pipeline import build_story

    config = Config()
    story = build_story([str(ARTICLES)], config.settings)
    rejected = story.alignment.pairs[0]
    paired = {(p.a, p.b) for p in story.alignment.pairs}
    bodies = [p for p in story.passages if p.kind == "body"]
    link = next(
        (a.id, b.id)
        for a in bodies
        for b in bodies
        if a.article < b.article and (a.id, b.id) not in paired
    )
    path = tmp_path / "annotations.yaml"
    session = AnnotatedStory(
        AnnotationStore.open(path), story, config.settings.annotations, config.settings.diverge
    )
    session.reject(rejected.a, rejected.b)
    session.link(*link, AnnotationInput("agrees", "missed by the engine"))

    plain = _align_json(capsys, str(ARTICLES), "--no-annotations")
    annotated = _align_json(capsys, str(ARTICLES), "--annotations", str(path))
    plain_pairs = {(p["a"], p["b"]) for p in plain["pairs"]}  # type: ignore[attr-defined]
    annotated_pairs = {(p["a"], p["b"]) for p in annotated["pairs"]}  # type: ignore[attr-defined]
    assert (rejected.a, rejected.b) in plain_pairs
    assert (rejected.a, rejected.b) not in annotated_pairs
    assert link in annotated_pairs and link not in plain_pairs
    grouped = {pid for g in annotated["groups"] for pid in g["passages"]}  # type: ignore[attr-defined]
    assert set(link) <= grouped


def test_align_with_corrupt_annotations_warns_and_still_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "annotations.yaml"
    path.write_text("schema: [unclosed\n", "utf-8")
    before = path.read_bytes()
    assert main(["align", str(ARTICLES), "--annotations", str(path)]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["schema"] == SCHEMA
    assert "warning:" in captured.err and "annotations.yaml" in captured.err
    assert path.read_bytes() == before


def test_reader_with_only_missing_paths_exits_2_without_opening(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "artciles"), str(tmp_path / "nope.md")]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'artciles'}: no such file or directory" in err
    assert "nope.md" in err
    assert "Traceback" not in err


def test_align_with_a_missing_annotations_file_warns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "notes.yaml"
    assert main(["align", str(ARTICLES), "--annotations", str(missing)]) == 0
    captured = capsys.readouterr()
    assert f"warning: {missing}: no such annotations file" in captured.err
    assert json.loads(captured.out)["schema"] == SCHEMA
    assert not missing.exists()


def test_json_report_text_is_what_the_standard_library_writes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The report is written with msgspec for speed; the text must be exactly what
    ``json.dumps(report, ensure_ascii=False, indent=2)`` gives, non-ASCII text included."""
    assert main(["align", "--format", "json", str(ARTICLES)]) == 0
    out = capsys.readouterr().out
    report = json.loads(out)
    assert any(ord(ch) > 127 for ch in out)  # curly quotes in the samples stay as written
    assert out == json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def test_a_runaway_user_pattern_stops_the_run_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("passages:\n  caption_patterns: ['(a|aa)+$']\n", "utf-8")
    story = tmp_path / "story.txt"
    story.write_text("The minister said 40 people were hurt.\n\n" + "a" * 60 + ".\n", "utf-8")
    assert main(["align", "--config", str(config), str(story)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "passages.caption_patterns: the pattern '(a|aa)+$'" in err


def test_json_report_is_the_same_on_stdout_in_a_file_and_on_a_text_only_stream(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI writes the report's UTF-8 bytes as they are (no decoding of a big report): a
    file, the terminal's stream and a stream with no byte buffer all get the same text."""
    import io

    target = tmp_path / "report.json"
    assert main(["align", "--format", "json", str(ARTICLES), "-o", str(target)]) == 0
    assert main(["align", "--format", "json", str(ARTICLES)]) == 0
    on_stdout = capsys.readouterr().out
    text_only = io.StringIO()
    monkeypatch.setattr(sys, "stdout", text_only)
    assert main(["align", "--format", "json", str(ARTICLES)]) == 0
    assert target.read_bytes() == on_stdout.encode("utf-8") == text_only.getvalue().encode()
    assert json.loads(on_stdout)["schema"] == SCHEMA
