"""HTML extraction with a bound on its markup, its time and its memory.

trafilatura is the best main-text extractor we know, but its cost depends on the page's shape,
not only its size: 18.8 MB of ``<div>``s took 41 s and 909 MB; 2 MB of one paragraph of
``<span>``s took 115 s (quadratic). No option of the library stops it, and a thread cannot be
stopped, so a page is extracted in a forked child process that is killed at its deadline and
may not grow beyond a memory budget (``RLIMIT_AS``); the text comes back over a pipe. Before
that, markup over ``loading.max_html_bytes`` is refused: scripts, styles and comments do not
count (trafilatura drops them anyway; JSON-LD metadata is kept), so real pages pass.

A page with at most ``IN_PROCESS_MARKUP`` of markup is extracted in this process: a fork costs
about 10 ms, several times the extraction of a typical page, and the slowest shape measured at
that size (one paragraph of spans) takes 0.9 s. Where ``fork`` is not available every page is
extracted in this process, bounded by its size only.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import re
import resource
from dataclasses import dataclass
from multiprocessing.connection import Connection

from newscompare.core.load.html import HtmlArticle, NoArticleText, extract_html

#: Address space the extracting child may add to what it inherits (a 5 MB page of divs needs
#: about 270 MB; lxml and trafilatura copy the tree several times).
EXTRACT_MEMORY = 1_500_000_000

#: Markup up to this size is extracted in this process (see the module docstring).
IN_PROCESS_MARKUP = 100_000

#: Scripts, styles and comments: dropped before the size check and before extraction.
_NOISE = re.compile(
    r"<script\b(?![^>]*application/ld\+json)[^>]*>.*?</script\s*>"
    r"|<style\b[^>]*>.*?</style\s*>|<!--.*?-->",
    re.IGNORECASE | re.DOTALL,
)


class ExtractFailure(Exception):
    """The page could not be extracted within its bounds; ``str()`` is the reason."""


@dataclass(frozen=True, slots=True)
class ExtractLimits:
    """``loading.max_html_bytes`` and ``loading.extract_timeout``."""

    max_markup: int
    seconds: float
    memory: int = EXTRACT_MEMORY


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def without_noise(html: str) -> str:
    """The page without scripts (but JSON-LD), styles and comments."""
    return _NOISE.sub("", html) if "<" in html else html


def _vm_size() -> int | None:
    """This process's address space in bytes (Linux), or None."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def _child(sender: Connection, html: str, url: str | None, memory: int) -> None:
    current = _vm_size()
    if current is not None:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (current + memory, current + memory))
    try:
        sender.send(("ok", extract_html(html, url)))
    except NoArticleText as exc:
        sender.send(("none", str(exc)))
    except MemoryError:
        sender.send(("memory", ""))
    except BaseException as exc:  # a library bug on a strange page: one line, not a crash
        sender.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        sender.close()


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def extract_bounded(html: str, url: str | None, limits: ExtractLimits) -> HtmlArticle:
    """``extract_html`` within ``limits``; raises ``NoArticleText`` or ``ExtractFailure``."""
    html = without_noise(html)
    size = len(html.encode("utf-8", "surrogatepass"))
    if size > limits.max_markup:
        raise ExtractFailure(
            f"the page has {_mb(size)} of markup (scripts and styles aside); "
            f"loading.max_html_bytes is {limits.max_markup}"
        )
    if size <= IN_PROCESS_MARKUP or not _can_fork():
        return extract_html(html, url)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_child, args=(sender, html, url, limits.memory), name="newscompare-extract"
    )
    process.start()
    sender.close()
    try:
        if not receiver.poll(limits.seconds):
            raise ExtractFailure(
                f"extracting the page took more than {limits.seconds:g} s (loading.extract_timeout)"
            )
        try:
            kind, payload = receiver.recv()
        except EOFError:  # killed (out of memory with no room to say so) or crashed
            raise ExtractFailure(_died(process)) from None
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join()
    if kind == "ok":
        assert isinstance(payload, HtmlArticle)
        return payload
    if kind == "none":
        raise NoArticleText(payload)
    if kind == "memory":
        raise ExtractFailure(f"extracting the page needs more than {_mb(limits.memory)}")
    raise ExtractFailure(f"the page could not be extracted ({payload})")


def _died(process: multiprocessing.process.BaseProcess) -> str:
    process.join(1)
    return f"the page could not be extracted (the extracting process ended: {process.exitcode})"
