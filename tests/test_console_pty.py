"""The real ``newscompare`` console script in a pseudo-terminal: open, switch view, quit.

Pure Python (``pty.fork``) so it runs on a fresh CI machine without tmux or pexpect. The screen
is read as the bytes the app writes, with escape sequences stripped.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

import pytest

from console import console_script

ROOT = Path(__file__).resolve().parent.parent
ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()=>NOP78]")
TIMEOUT = 60.0


class Terminal:
    """A child process on a pty, with everything it printed so far as text."""

    def __init__(self, argv: list[str], size: tuple[int, int] = (120, 36)) -> None:
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(size[0])}
        env.pop("NO_COLOR", None)
        env.pop("TEXTUAL", None)
        pid, fd = pty.fork()
        if pid == 0:  # child
            os.chdir(ROOT)
            os.execvpe(argv[0], argv, env)
        self.pid, self.fd = pid, fd
        winsize = struct.pack("HHHH", size[1], size[0], 0, 0)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, winsize)
        self.output = b""
        self.exited = False

    @property
    def text(self) -> str:
        return ESCAPES.sub(b"", self.output).decode("utf-8", "replace")

    def read_until(self, needle: str, timeout: float = TIMEOUT) -> bool:
        """Read until ``needle`` appears in the text written since this call started."""
        start = len(self.output)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                self.output += chunk
                if needle in ESCAPES.sub(b"", self.output[start:]).decode("utf-8", "replace"):
                    return True
        return False

    def press(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def wait(self, timeout: float = TIMEOUT) -> int | None:
        """The exit status, draining output meanwhile; None if it did not exit in time."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.exited = True
                return os.waitstatus_to_exitcode(status)
            self.read_until("\x00never\x00", timeout=0.1)
        return None

    def close(self) -> None:
        """Kill the child if it is still running (never a reaped pid), close the pty."""
        if not self.exited:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.exited = True
        os.close(self.fd)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
def test_console_script_opens_the_samples_switches_view_and_quits() -> None:
    script = console_script()
    if script is None:
        pytest.skip("the newscompare console script is not installed (pip install -e .)")
    term = Terminal([script, "articles"])
    try:
        assert term.read_until("Rudaw"), f"no outlet on screen:\n{term.text[-3000:]}"
        assert term.read_until("threshold 0."), f"no status line:\n{term.text[-3000:]}"
        term.press("o")
        assert term.read_until("events ·"), f"overview did not open:\n{term.text[-3000:]}"
        term.press("q")
        assert term.wait() == 0
    finally:
        term.close()


class Tmux:
    """One tmux server of its own (a private socket), running one command in a window."""

    def __init__(self, command: list[str], cwd: Path, size: tuple[int, int] = (100, 30)) -> None:
        self.socket = f"newscompare-test-{os.getpid()}-{time.monotonic_ns()}"
        env = f"TERM=xterm-256color PATH={os.environ.get('PATH', '')}"
        line = " ".join(_quote(part) for part in command)
        self._tmux(
            "new-session",
            "-d",
            "-x",
            str(size[0]),
            "-y",
            str(size[1]),
            "-c",
            str(cwd),
            f"env -u NO_COLOR {env} {line}",
        )

    def _tmux(self, *args: str) -> str:
        import subprocess

        done = subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        return done.stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p")

    def wait_for(self, needle: str, timeout: float = TIMEOUT) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if needle in self.screen():
                return True
            time.sleep(0.2)
        return False

    def type(self, text: str) -> None:
        """Literal text, the way a user types it."""
        self._tmux("send-keys", "-l", text)

    def key(self, *keys: str) -> None:
        self._tmux("send-keys", *keys)

    def close(self) -> None:
        self._tmux("kill-server")


def _quote(part: str) -> str:
    import shlex

    return shlex.quote(part)


@pytest.mark.skipif(sys.platform == "win32", reason="needs tmux")
def test_a_first_time_user_types_a_note_in_tmux_and_finds_it_in_the_file(tmp_path: Path) -> None:
    """``a``, the note typed straight away, ``ctrl+s``: the note is in ``annotations.yaml``
    (the default file, in the folder the reader was started from) and the toast says so."""
    import shutil

    script = console_script()
    if script is None or shutil.which("tmux") is None:
        pytest.skip("needs the newscompare console script and tmux")
    shutil.copytree(ROOT / "articles", tmp_path / "articles")
    term = Tmux([script, "articles"], cwd=tmp_path)
    try:
        assert term.wait_for("threshold 0."), term.screen()
        term.key("a")  # and types at once, without waiting for the form to be drawn
        term.type("Rudaw gives no source for the figure")
        assert term.wait_for("Label (optional)"), term.screen()
        term.key("C-s")
        assert term.wait_for("saved note"), term.screen()
        term.key("q")
        time.sleep(0.5)
    finally:
        term.close()
    saved = (tmp_path / "annotations.yaml").read_text(encoding="utf-8")
    assert "note: Rudaw gives no source for the figure" in saved, saved
