"""Fetch one URL with the standard library: bounded in time and size, errors as one line.

urllib is enough for a GET of a news page and keeps the dependency list short. Every failure
becomes ``FetchError`` with a short reason the CLI can print next to the URL.

``loading.timeout`` is one deadline for the whole fetch (name lookup, connecting, redirects,
headers and body), not a limit per socket read: a server that sends its headers one byte a
second never lets a per-read timeout fire. The fetch runs in a worker thread that the caller
waits for until the deadline; then the connection's sockets are shut down, which ends any
read the worker is blocked in, and the caller reports the timeout. (A name lookup cannot be
interrupted; the worker then finishes in the background, and the caller has moved on.)
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import socket
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from typing import Any

_CHUNK = 64 * 1024
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,*/*;q=0.5"


class FetchError(Exception):
    """A URL that could not be fetched; ``str()`` is the reason, without the URL."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """A successful response: the final URL (after redirects), media type, charset and body."""

    url: str
    media_type: str
    charset: str | None
    data: bytes


def _format_seconds(seconds: float) -> str:
    return f"{seconds:g} s"


def _read_limited(response: http.client.HTTPResponse, max_bytes: int, deadline: float) -> bytes:
    """The body, refusing more than ``max_bytes`` and giving up at ``deadline``.

    ``read1`` returns whatever one socket read gives, so a server that dribbles bytes cannot
    keep us past the deadline (``read(n)`` would wait for all ``n`` bytes).
    """
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError
        chunk = response.read1(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"the page is larger than loading.max_bytes ({max_bytes} bytes)")
        chunks.append(chunk)


class _Connections:
    """The sockets one fetch opened (redirects open more), so all can be shut down at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self.closed = False

    def watch(self, sock: socket.socket | None) -> None:
        with self._lock:
            if sock is not None:
                self._sockets.append(sock)
            if self.closed:
                self._shut(sock)

    def close_all(self) -> None:
        with self._lock:
            self.closed = True
            for sock in self._sockets:
                self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket | None) -> None:
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class _HTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args: Any, connections: _Connections, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._connections = connections

    def connect(self) -> None:
        super().connect()
        self._connections.watch(self.sock)


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args: Any, connections: _Connections, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._connections = connections

    def connect(self) -> None:
        super().connect()
        self._connections.watch(self.sock)


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, connections: _Connections) -> None:
        super().__init__()
        self._factory = functools.partial(_HTTPConnection, connections=connections)

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._factory, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, connections: _Connections) -> None:
        super().__init__()
        self._factory = functools.partial(_HTTPSConnection, connections=connections)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._factory, req)


def _reason(text: object) -> str:
    """A server's reason phrase on one line (urllib's redirect-loop reason has three)."""
    return " ".join(str(text).split())


def _fetch(
    url: str, timeout: float, max_bytes: int, user_agent: str, connections: _Connections
) -> Fetched:
    """The GET itself, in the worker thread; raises ``FetchError``."""
    request = urllib.request.Request(url, headers={"User-Agent": user_agent, "Accept": _ACCEPT})
    opener = urllib.request.build_opener(_HTTPHandler(connections), _HTTPSHandler(connections))
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            headers: Message = response.headers
            length = headers.get("Content-Length")
            if length is not None and length.isdigit() and int(length) > max_bytes:
                raise FetchError(f"the page is larger than loading.max_bytes ({max_bytes} bytes)")
            data = _read_limited(response, max_bytes, deadline)
            return Fetched(
                url=response.geturl(),
                media_type=headers.get_content_type(),
                charset=headers.get_content_charset(),
                data=data,
            )
    except urllib.error.HTTPError as exc:
        exc.close()
        if exc.code in _REDIRECTS:
            raise FetchError(f"too many redirects (HTTP {exc.code}; a redirect loop?)") from None
        status = _reason(exc.reason) if isinstance(exc.reason, str) else ""
        raise FetchError(f"HTTP error {exc.code} {status}".rstrip()) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise FetchError(f"timed out after {_format_seconds(timeout)}") from None
        cause = exc.reason
        text = (cause.strerror if isinstance(cause, OSError) else None) or _reason(cause)
        raise FetchError(f"cannot connect ({text})") from None
    except TimeoutError:
        raise FetchError(f"timed out after {_format_seconds(timeout)}") from None
    except ValueError as exc:  # malformed URL
        raise FetchError(f"not a valid URL ({_reason(exc)})") from None
    except OSError as exc:  # connection reset mid-body and the like
        raise FetchError(f"connection failed ({exc.strerror or _reason(exc)})") from None
    except http.client.HTTPException as exc:  # e.g. a malformed status line
        raise FetchError(f"bad response from the server ({type(exc).__name__})") from None


def fetch_url(url: str, *, timeout: float, max_bytes: int, user_agent: str) -> Fetched:
    """GET ``url`` within ``timeout`` seconds in all; raises ``FetchError`` on any failure
    (HTTP error, too slow, too large)."""
    connections = _Connections()
    outcome: list[Fetched | BaseException] = []

    def work() -> None:
        try:
            outcome.append(_fetch(url, timeout, max_bytes, user_agent, connections))
        except BaseException as exc:  # handed to the caller's thread
            outcome.append(exc)

    worker = threading.Thread(target=work, name="newscompare-fetch", daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        connections.close_all()  # the worker's blocked read fails now; its result is ignored
        raise FetchError(f"timed out after {_format_seconds(timeout)}")
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result
