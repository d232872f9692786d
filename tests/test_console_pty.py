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
