"""URLs fetched from a local HTTP server: pages, text, errors, timeouts and size limits."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newscompare.core.load.sources import load_sources
from newscompare.core.model.settings import ArticleOverride, LoadSettings

SAVED_PAGE = Path(__file__).resolve().parent / "data" / "loading" / "saved-page.html"
ARABIC = (
    "قالت وزارة الخارجية العراقية يوم الخميس إنها توصلت إلى اتفاق مع واشنطن بشأن "
    "انسحاب القوات الأمريكية، لكن الإعلان تأخر بسبب التطورات الأخيرة في المنطقة."
)
FAST = LoadSettings(timeout=0.5, user_agent="newscompare-test/1.0")


@dataclass
class Server:
    base: str
    user_agents: list[str] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    #: Both /together requests must be in flight at once, or neither gets its page.
    together: threading.Barrier = field(default_factory=lambda: threading.Barrier(2, timeout=1))
    #: Set once /dribble-headers has sent its last header byte.
    headers_sent: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return self.base + path


def _handler(server_state: Server) -> type[BaseHTTPRequestHandler]:
    page = SAVED_PAGE.read_bytes()
    arabic_page = (
        "<html><head><title>خبر</title></head><body><article>"
        + "".join(f"<p>{ARABIC} ({i})</p>" for i in range(3))
        + "</article></body></html>"
    ).encode("cp1256")

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, format: str, *args: object) -> None:  # keep test output clean
            return None

        def send(self, status: int, content_type: str, body: bytes, length: bool = True) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            if length:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            server_state.user_agents.append(self.headers.get("User-Agent", ""))
            path = self.path
            try:
                if path.startswith("/news/troops-leave.html"):
                    self.send(200, "text/html; charset=utf-8", page)
                elif path == "/arabic":
                    self.send(200, "text/html; charset=windows-1256", arabic_page)
                elif path == "/plain.txt":
                    body = "---\noutlet: Wire Service\ndate: 2020-06-11\n---\nLine one.\r\nTwo.\r\n"
                    self.send(200, "text/plain; charset=utf-8", body.encode())
                elif path == "/untyped":
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(page)))
                    self.end_headers()
                    self.wfile.write(page)
                elif path == "/image.png":
                    self.send(200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(200))
                elif path == "/empty":
                    self.send(200, "text/html", b"")
                elif path == "/redirect":
                    self.send_response(302)
                    self.send_header("Location", "/news/troops-leave.html?from=redirect")
                    self.end_headers()
                elif path == "/big":
                    self.send(200, "text/html", page * 20)
                elif path == "/big-unsized":
                    self.send(200, "text/html", page * 20, length=False)
                elif path.startswith("/together"):
                    try:
                        server_state.together.wait()
                    except threading.BrokenBarrierError:
                        self.send(503, "text/html", b"alone")
                        return
                    self.send(200, "text/html; charset=utf-8", page)
                elif path == "/slow":
                    server_state.release.wait(5)
                    self.send(200, "text/html", page)
                elif path == "/dribble":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.end_headers()
                    for byte in page[:60]:
                        if server_state.release.wait(0.1):
                            break
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                elif path == "/dribble-headers":
                    # Headers one byte at a time, each well within a per-read timeout (about
                    # 10 s in all), then the page: a fetch without one deadline gets it.
                    head = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nX-Pad: "
                    for byte in head + b"x" * 60:
                        if server_state.release.wait(0.1):
                            return
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                    server_state.headers_sent.set()
                    self.wfile.write(b"\r\n\r\n" + page)
                elif path == "/loop":
                    self.send_response(302)
                    self.send_header("Location", "/loop")
                    self.end_headers()
                else:
                    self.send(404, "text/html", b"<html><body>Not here</body></html>")
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    # A proxy configured in the environment must not intercept the local server.
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    state = Server(base="")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_html_page_is_extracted_with_metadata(server: Server) -> None:
    url = server.url("/news/troops-leave.html")
    articles, problems = load_sources([url], FAST)
    assert problems == []
    article = articles[0]
    assert article.id == "127-0-0-1-troops-leave"
    assert article.path == url
    assert article.url == url
    assert article.outlet == "Gulf Tribune"
    assert article.title == "Iraq and US agree on troop withdrawal timetable"
    assert article.date == "2024-09-06"
    assert "around 2,500 soldiers stationed in Iraq" in article.text
    assert "Zz-commenter" not in article.text
    assert "Subscribe now" not in article.text
    assert server.user_agents == ["newscompare-test/1.0"]


def test_http_charset_header_decodes_cp1256(server: Server) -> None:
    articles, problems = load_sources([server.url("/arabic")], FAST)
    assert problems == []
    assert f"{ARABIC} (0)" in articles[0].text
    assert articles[0].outlet.startswith("127.0.0.1")  # no site name: the host


def test_plain_text_url_with_front_matter(server: Server) -> None:
    articles, problems = load_sources([server.url("/plain.txt")], FAST)
    assert problems == []
    assert articles[0].outlet == "Wire Service"
    assert articles[0].date == "2020-06-11"
    assert articles[0].text == "Line one.\nTwo.\n"


def test_page_without_content_type_is_still_a_page(server: Server) -> None:
    articles, problems = load_sources([server.url("/untyped")], FAST)
    assert problems == []
    assert articles[0].outlet == "Gulf Tribune"
    assert "<p>" not in articles[0].text


def test_redirect_records_the_final_url(server: Server) -> None:
    articles, problems = load_sources([server.url("/redirect")], FAST)
    assert problems == []
    assert articles[0].path == server.url("/redirect")
    assert articles[0].url == server.url("/news/troops-leave.html?from=redirect")


def test_404(server: Server) -> None:
    url = server.url("/missing")
    articles, problems = load_sources([url], FAST)
    assert articles == []
    assert [str(p) for p in problems] == [f"{url}: HTTP error 404 Not Found"]


def test_timeout_while_waiting_for_the_response(server: Server) -> None:
    url = server.url("/slow")
    started = time.monotonic()
    articles, problems = load_sources([url], FAST)
    elapsed = time.monotonic() - started
    assert articles == []
    assert [str(p) for p in problems] == [f"{url}: timed out after 0.5 s"]
    assert elapsed < 4  # the slow handler would answer after 5 s


def test_timeout_while_the_body_trickles_in(server: Server) -> None:
    url = server.url("/dribble")
    articles, problems = load_sources([url], FAST)
    assert articles == []
    assert [p.reason for p in problems] == ["timed out after 0.5 s"]


def test_connection_refused() -> None:
    url = f"http://127.0.0.1:{closed_port()}/story"
    articles, problems = load_sources([url], FAST)
    assert articles == []
    assert len(problems) == 1
    assert problems[0].reason.startswith("cannot connect (")
    assert "refused" in problems[0].reason.lower()


def test_non_html_content_is_refused(server: Server) -> None:
    articles, problems = load_sources([server.url("/image.png")], FAST)
    assert articles == []
    assert [p.reason for p in problems] == ["not an HTML or text page (image/png)"]


def test_empty_response(server: Server) -> None:
    _, problems = load_sources([server.url("/empty")], FAST)
    assert [p.reason for p in problems] == ["the page is empty"]


@pytest.mark.parametrize("path", ["/big", "/big-unsized"])
def test_response_over_max_bytes_is_refused(server: Server, path: str) -> None:
    settings = LoadSettings(timeout=2.0, max_bytes=SAVED_PAGE.stat().st_size * 5)
    articles, problems = load_sources([server.url(path)], settings)
    assert articles == []
    assert len(problems) == 1
    assert "larger than loading.max_bytes" in problems[0].reason


def test_address_without_scheme_gets_a_hint() -> None:
    articles, problems = load_sources(["www.example.org/story"], FAST)
    assert articles == []
    assert [str(p) for p in problems] == [
        "www.example.org/story: no such file or directory (for a web page, start with https://)"
    ]


def test_unsupported_scheme() -> None:
    articles, problems = load_sources(["ftp://example.org/story.txt"], FAST)
    assert articles == []
    assert [str(p) for p in problems] == [
        "ftp://example.org/story.txt: unsupported URL scheme 'ftp' (only http and https)"
    ]


def test_several_urls_keep_their_order_and_fail_independently(
    server: Server, tmp_path: Path
) -> None:
    local = tmp_path / "local.md"
    local.write_text("---\noutlet: Local\n---\nLocal text.\n", encoding="utf-8")
    sources = [
        server.url("/arabic"),
        server.url("/missing"),
        str(local),
        server.url("/news/troops-leave.html"),
        server.url("/slow"),
        server.url("/plain.txt"),
    ]
    started = time.monotonic()
    articles, problems = load_sources(sources, FAST)
    elapsed = time.monotonic() - started
    assert [a.path for a in articles] == [sources[0], sources[2], sources[3], sources[5]]
    assert [a.id for a in articles] == [
        "127-0-0-1-arabic",
        "local",
        "127-0-0-1-troops-leave",
        "127-0-0-1-plain",
    ]
    assert [p.source for p in problems] == [sources[1], sources[4]]
    assert elapsed < 4


def test_several_urls_are_fetched_at_the_same_time(server: Server) -> None:
    sources = [server.url("/together/a"), server.url("/together/b")]
    articles, problems = load_sources(sources, LoadSettings(timeout=5.0))
    assert problems == []
    assert [a.id for a in articles] == ["127-0-0-1-a", "127-0-0-1-b"]


def test_one_url_worker_fetches_one_at_a_time(server: Server) -> None:
    sources = [server.url("/together/a"), server.url("/together/b")]
    articles, problems = load_sources(sources, LoadSettings(timeout=5.0, url_workers=1))
    assert articles == []
    assert [p.reason for p in problems] == ["HTTP error 503 Service Unavailable"] * 2


def test_override_keyed_by_url(server: Server) -> None:
    url = server.url("/news/troops-leave.html")
    overrides = {url: ArticleOverride(path=url, outlet="Configured", title="Configured title")}
    articles, _ = load_sources([url], FAST, overrides)
    assert (articles[0].outlet, articles[0].title) == ("Configured", "Configured title")
    assert articles[0].date == "2024-09-06"


def test_url_loading_prints_nothing(server: Server, capfd: pytest.CaptureFixture[str]) -> None:
    load_sources([server.url("/missing"), server.url("/news/troops-leave.html")], FAST)
    captured = capfd.readouterr()
    assert captured.out == "" and captured.err == ""


def test_one_deadline_for_the_whole_fetch_even_while_headers_trickle_in(server: Server) -> None:
    """Every header byte arrives within the 0.5 s a read may wait, for 10 s in all, and then
    the page: only a deadline for the whole fetch stops it (it held a load for 61 s with
    ``timeout: 10``)."""
    url = server.url("/dribble-headers")
    articles, problems = load_sources([url], FAST)
    assert articles == []
    assert [str(p) for p in problems] == [f"{url}: timed out after 0.5 s"]
    # Given up while the server was still sending headers (a per-read timeout waits them out).
    assert not server.headers_sent.is_set()


def test_a_redirect_loop_is_one_line(server: Server) -> None:
    url = server.url("/loop")
    _, problems = load_sources([url], FAST)
    assert [p.reason for p in problems] == ["too many redirects (HTTP 302; a redirect loop?)"]
