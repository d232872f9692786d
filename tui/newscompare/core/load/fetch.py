"""Fetch one URL with the standard library: bounded in time and size, errors as one line.

urllib is enough for a GET of a news page and keeps the dependency list short. Every failure
becomes ``FetchError`` with a short reason the CLI can print next to the URL.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message

_CHUNK = 64 * 1024
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


def fetch_url(url: str, *, timeout: float, max_bytes: int, user_agent: str) -> Fetched:
    """GET ``url``; raises ``FetchError`` on any failure (HTTP error, timeout, too large)."""
    request = urllib.request.Request(url, headers={"User-Agent": user_agent, "Accept": _ACCEPT})
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
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
        status = exc.reason if isinstance(exc.reason, str) else ""
        raise FetchError(f"HTTP error {exc.code} {status}".rstrip()) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise FetchError(f"timed out after {_format_seconds(timeout)}") from None
        cause = exc.reason
        text = (cause.strerror if isinstance(cause, OSError) else None) or str(cause)
        raise FetchError(f"cannot connect ({text})") from None
    except TimeoutError:
        raise FetchError(f"timed out after {_format_seconds(timeout)}") from None
    except ValueError as exc:  # malformed URL
        raise FetchError(f"not a valid URL ({exc})") from None
    except OSError as exc:  # connection reset mid-body and the like
        raise FetchError(f"connection failed ({exc.strerror or exc})") from None
    except http.client.HTTPException as exc:  # e.g. a malformed status line
        raise FetchError(f"bad response from the server ({type(exc).__name__})") from None
