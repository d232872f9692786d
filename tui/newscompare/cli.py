"""The ``newscompare`` console script: the reader, ``align`` and ``export``.

User mistakes (missing files, a bad config, nothing loadable) end with a one-line message on
stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from newscompare import __version__
from newscompare.config import Config, ConfigError, load_config
from newscompare.core.model.errors import UserError
from newscompare.core.model.settings import AlignSettings
from newscompare.core.model.story import Story

EXAMPLES = """\
examples:
  newscompare articles/                      open the reader on a folder of articles
  newscompare a.md b.html https://example.org/story
  newscompare align articles/ --format json  print the report for scripts
  newscompare align articles/ --format markdown > report.md
  newscompare export --format csv            export saved annotations
"""

EXIT_OK = 0
EXIT_USAGE = 2


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        metavar="PATH",
        help="settings file (default: ./config.yaml when present, else built-in defaults)",
    )
    parser.add_argument(
        "--threshold",
        type=float,
        metavar="X",
        help=(
            "minimum alignment score 0..1 (default: align.threshold in the settings file, "
            f"else {AlignSettings().threshold:g})"
        ),
    )


def _parsers() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser, argparse.ArgumentParser]:
    reader = _Parser(
        prog="newscompare",
        description=(
            "Compare how different outlets report the same story: aligned passages side by "
            "side, with numbers, dates, names, quotes, attribution and wording that differ."
            "\n\nsubcommands: align (headless report), export (saved annotations)"
        ),
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    reader.add_argument(
        "sources",
        nargs="*",
        metavar="PATH|URL",
        help="article files, folders of articles, or http(s) URLs (default: ./articles)",
    )
    reader.add_argument("--version", action="version", version=f"newscompare {__version__}")
    _common(reader)

    align = _Parser(
        prog="newscompare align",
        description="Align the articles and print the report without opening the reader.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    align.add_argument("sources", nargs="*", metavar="PATH|URL")
    align.add_argument(
        "--format", choices=("json", "markdown"), default="json", help="(default: json)"
    )
    align.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write here (default: stdout)"
    )
    align.add_argument(
        "--annotations",
        type=Path,
        metavar="FILE",
        help="apply the links and rejections saved here (default: annotations.path from config)",
    )
    align.add_argument(
        "--no-annotations", action="store_true", help="report the engine's alignment as is"
    )
    _common(align)

    export = _Parser(
        prog="newscompare export",
        description="Export saved annotations.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument(
        "--annotations",
        type=Path,
        metavar="FILE",
        help="annotations file (default: annotations.path from config)",
    )
    export.add_argument(
        "--format",
        choices=("markdown", "csv", "json"),
        default="markdown",
        help="(default: markdown)",
    )
    export.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write here (default: stdout)"
    )
    export.add_argument(
        "--config",
        type=Path,
        metavar="PATH",
        help="settings file (default: ./config.yaml when present, else built-in defaults)",
    )
    return reader, align, export


def _error(message: str) -> None:
    """One line on stderr. Messages quote file names, URLs and servers' reasons: sanitized
    (one line, no escape sequence reaches the terminal)."""
    from newscompare.core.model.sanitize import sanitize

    print(f"newscompare: {sanitize(message, 'line')}", file=sys.stderr)


class _Parser(argparse.ArgumentParser):
    """argparse quotes the user's arguments in its errors ("unrecognized arguments: ..."):
    the error passes the sanitizer (usage and help hold no user input)."""

    def error(self, message: str) -> NoReturn:
        from newscompare.core.model.sanitize import sanitize

        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {sanitize(message, 'line')}\n")


def _config(args: argparse.Namespace) -> Config:
    config = load_config(args.config)
    for warning in config.warnings:
        _error(f"warning: {warning}")
    threshold = getattr(args, "threshold", None)
    if threshold is not None:
        if not 0.0 <= threshold <= 1.0:
            raise ConfigError(f"--threshold: expected a number from 0 to 1, got {threshold}")
        config = config.with_threshold(threshold)
    return config


def _default_sources(sources: Sequence[str]) -> list[str]:
    if sources:
        return list(sources)
    return ["articles"]


def _write(text: str | bytes, output: Path | None) -> None:
    """``text`` on stdout or atomically to ``output``; bytes (UTF-8 already) as they are."""
    if output is None:
        if isinstance(text, bytes):
            sys.stdout.flush()
            buffer = getattr(sys.stdout, "buffer", None)
            if buffer is None:  # a text-only stream (a test's, an embedding program's)
                sys.stdout.write(text.decode("utf-8"))
            else:
                buffer.write(text)
                buffer.flush()
            return
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from newscompare.core.model.atomic import atomic_write_text

    atomic_write_text(output, text)


def _with_annotations(story: Story, config: Config, path: Path) -> Story:
    """The story with the reader's saved links and rejections applied (reports match the UI)."""
    from newscompare.core.annotations.feedback import apply_annotations
    from newscompare.core.annotations.store import AnnotationStore

    store = AnnotationStore.open(path)
    if store.error:
        _error(f"warning: {store.error}")
    applied = apply_annotations(
        store.records, story, config.settings.annotations, config.settings.diverge
    )
    if applied.orphans:
        _error(
            f"warning: {path}: {len(applied.orphans)} annotation(s) no longer match any passage "
            "(kept in the file)"
        )
    return applied.story


def run_align(args: argparse.Namespace) -> int:
    """``newscompare align``: the report on stdout (or ``--output``)."""
    from newscompare.core.pipeline import build_all
    from newscompare.core.report import json_bytes, to_markdown

    config = _config(args)
    # The reports never write word spans (only the reader shows them): none are made.
    story = build_all(_default_sources(args.sources), config.settings, word_spans=False)
    for problem in story.problems:
        _error(str(problem) if problem.fatal else f"warning: {problem}")
    if not story.articles:
        _error("no articles could be loaded")
        return EXIT_USAGE
    # Everything alive now lives until the report is written, so the garbage collector walking
    # the whole story again while the report is built is wasted work (a tenth of the run on a
    # 200-article story). Freeze it; new garbage is still collected.
    gc.freeze()
    try:
        if not args.no_annotations:
            path = args.annotations or config.annotations_path
            if path.exists():
                story = _with_annotations(story, config, path)
            elif args.annotations is not None:
                _error(f"warning: {path}: no such annotations file; reporting the engine's pairs")
        text = json_bytes(story) if args.format == "json" else to_markdown(story)
        _write(text, args.output)
    finally:
        gc.unfreeze()  # callers may go on (tests run several commands in one process)
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    """``newscompare export``: saved annotations as markdown, csv or json."""
    from newscompare.core.annotations.export import export_annotations

    config = _config(args)
    path = args.annotations or config.annotations_path
    text = export_annotations(path, args.format)
    _write(text, args.output)
    return EXIT_OK


def run_reader(args: argparse.Namespace) -> int:
    """Open the Textual reader (after a cheap check that the named files exist at all)."""
    config = _config(args)
    sources = _default_sources(args.sources)
    from newscompare.core.load.urls import is_url

    missing = [s for s in sources if not is_url(s) and not Path(s).exists()]
    if missing and len(missing) == len(sources):
        for source in missing:
            _error(f"{source}: no such file or directory")
        _error("no articles could be loaded")
        return EXIT_USAGE
    # Start building the story in a child process before importing the reader: the engine
    # then loads and aligns on the other core while this one imports Textual and paints.
    from newscompare.runner import start_story_build

    engine = start_story_build(sources, config.settings)
    from newscompare.app.app import NewsCompareApp

    app = NewsCompareApp(sources, config, engine=engine)
    app.run()
    if app.return_code:
        return app.return_code
    return _reader_outcome(app.story, app.load_error)


def _reader_outcome(story: Story | None, load_error: str) -> int:
    """The reader's exit status once it closed: 2 (with the reasons on stderr, now that the
    screen is gone) when nothing could be loaded, as for ``align``; 0 otherwise, also when
    the user quit before loading finished."""
    if story is not None and story.articles:
        return EXIT_OK
    if story is None and not load_error:
        return EXIT_OK
    for problem in story.problems if story is not None else ():
        if problem.fatal:
            _error(str(problem))
    _error(load_error or "no articles could be loaded")
    return EXIT_USAGE


#: Commands that only print or write a report: nothing to clean up when they are done.
HEADLESS = frozenset({"align", "export"})


def _exit_now(code: int) -> NoReturn:
    """End the process without tearing down its objects: after a report of 800 articles that
    is hundreds of megabytes freed one object at a time (about a tenth of the run) for
    nothing. What was written is flushed first; the report file is already closed."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (`| head`)
            stream.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script (``argv`` None: a headless command's process ends
    at once when it is done, ``_exit_now``; tests pass ``argv`` and get the status back)."""
    console = argv is None
    args = list(sys.argv[1:] if argv is None else argv)
    code = _run(args)
    if console and args and args[0] in HEADLESS:
        _exit_now(code)
    return code


def _run(argv: list[str]) -> int:
    """Parse ``argv`` and run the command it names; errors become exit statuses."""
    reader, align, export = _parsers()
    try:
        if argv and argv[0] == "align":
            return run_align(align.parse_args(argv[1:]))
        if argv and argv[0] == "export":
            return run_export(export.parse_args(argv[1:]))
        return run_reader(reader.parse_args(argv))
    except UserError as exc:
        _error(str(exc))
        return EXIT_USAGE
    except BrokenPipeError:  # `newscompare align | head`
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        name = getattr(exc, "filename", None) or ""
        _error(f"{name}: {exc.strerror or exc}" if name else str(exc))
        return EXIT_USAGE
