"""Closing the dashboard's terminal ends it within 2 seconds, with any save in flight done.

Regression: 2 of 13 ``tmux kill-session`` left the dashboard alive for over 25 minutes,
blocked in Textual 8.2.8's ``LinuxDriver.close -> WriterThread.stop -> Queue.put``: the
output thread dies on the first write to the closed terminal, its queue fills, and the app's
``app.exit()`` on SIGHUP could never finish. These tests run the real ``leanon`` command in a
real pseudo-terminal, as a person's terminal does, and close that terminal.
"""

from __future__ import annotations

import json
import os
import re
import select
import signal
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from storage.clock import FixedClock
from storage.store import Store

if not sys.platform.startswith("linux"):
    pytest.skip("needs a Linux pseudo-terminal (openpty, TIOCSCTTY)", allow_module_level=True)

import fcntl  # noqa: E402  (these two exist on Unix only: imported after the skip)
import termios  # noqa: E402

NOW = "2026-11-28T21:03:00+01:00"
"""The moment the dashboard runs at (``LEANON_NOW``)."""

EXIT_WITHIN = 2.0
"""Seconds the dashboard may take to end after its terminal closes."""

STARTUP = 30.0
"""Seconds, at most, for the dashboard to draw what a step waits for (a loaded machine)."""

HANGUP_CODE = 128 + signal.SIGHUP

_ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")
"""Terminal control sequences: removed before looking for words on the screen."""


def leanon_command() -> list[str]:
    """The console script a person types, from the venv running the tests."""
    script = Path(sys.executable).with_name("leanon")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui.entry"]


class Terminal:
    """A pseudo-terminal of 80x24 with ``leanon`` running in it as the session leader."""

    def __init__(self, args: list[str], home: Path) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {k: v for k, v in os.environ.items() if k not in ("LEANON_DB", "COLUMNS", "LINES")}
        env.update(
            TERM="xterm-256color",
            HOME=str(home),
            XDG_DATA_HOME=str(home / "data"),
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_CACHE_HOME=str(home / "cache"),
            XDG_STATE_HOME=str(home / "state"),
            TMPDIR=str(home / "tmp"),
            LEANON_NOW=NOW,
        )
        (home / "tmp").mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            [*leanon_command(), *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=home,
            env=env,
            start_new_session=True,  # its own session, with this pty as controlling terminal:
            preexec_fn=_take_controlling_tty,  # closing it sends SIGHUP, as a window does
        )
        os.close(slave)
        self.master: int | None = master
        self._seen = b""

    @property
    def screen(self) -> bytes:
        """What was drawn since the last :meth:`wait_for`, control sequences and all."""
        return self._seen

    def wait_for(self, text: str, timeout: float = STARTUP) -> None:
        """Read the screen until ``text`` is drawn (since the last wait); fail after ``timeout``."""
        deadline = time.monotonic() + timeout
        assert self.master is not None
        while text.encode() not in _ESCAPES.sub(b"", self._seen):
            left = deadline - time.monotonic()
            if left <= 0 or self.proc.poll() is not None:
                screen = _ESCAPES.sub(b"", self._seen)[-600:].decode(errors="replace")
                pytest.fail(f"{text!r} never drawn (exit code {self.proc.poll()}): …{screen}")
            if select.select([self.master], [], [], min(left, 0.5))[0]:
                self._seen += os.read(self.master, 65536)
        self._seen = b""

    def type(self, keys: str) -> None:
        assert self.master is not None
        os.write(self.master, keys.encode())

    def close(self) -> None:
        """Close the terminal, as a terminal emulator or ``tmux kill-session`` does."""
        if self.master is not None:
            os.close(self.master)
            self.master = None

    def hang_up(self, how: str) -> None:
        """Hang up: ``close`` the terminal, or ``kill`` the dashboard with SIGHUP."""
        start = time.monotonic()
        if how == "close":
            self.close()
        else:
            os.kill(self.proc.pid, signal.SIGHUP)
        assert self.exit_code(start, how) == HANGUP_CODE

    def exit_code(self, start: float, why: str) -> int:
        """Read the screen until the dashboard exits, for at most :data:`EXIT_WITHIN` after
        ``start``; its exit code."""
        deadline = start + EXIT_WITHIN
        while self.master is not None and self.proc.poll() is None:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            if select.select([self.master], [], [], min(left, 0.05))[0]:
                try:
                    self._seen += os.read(self.master, 65536)
                except OSError:  # EIO: nobody has the terminal open any more
                    break
        try:
            code = self.proc.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            pytest.fail(f"still running {EXIT_WITHIN} s after {why}")
        print(f"exited {time.monotonic() - start:.3f} s after {why}, code {code}")
        return code


def _take_controlling_tty() -> None:
    """In the child, after setsid: make stdin's pty the session's controlling terminal."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    """Every terminal a test opens; closed, and its process killed, whatever happens."""
    opened: list[Terminal] = []
    yield opened
    for term in opened:
        term.close()
        if term.proc.poll() is None:
            term.proc.kill()
        term.proc.wait()


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    """A data file where Ana was texted two days ago (so the dashboard has something to show)."""
    path = tmp_path / "leanon.json"
    moment = datetime.fromisoformat(NOW)
    with Store(path, FixedClock(moment - timedelta(days=2))) as store:
        store.add_person("Ana", trusted=True)
        store.add_reach("Ana", via="text")
    return path


def open_dashboard(terminals: list[Terminal], home: Path, *args: str) -> Terminal:
    term = Terminal(list(args), home)
    terminals.append(term)
    term.wait_for("2 days ago")  # the file has been read and drawn
    return term


@pytest.mark.parametrize("how", ["close"] * 8 + ["kill"] * 4)
def test_a_hangup_ends_the_dashboard_within_two_seconds(
    how: str, data_file: Path, tmp_path: Path, terminals: list[Terminal]
) -> None:
    term = open_dashboard(terminals, tmp_path, "--db", str(data_file))
    term.hang_up(how)


@pytest.mark.parametrize("how", ["close"] * 4 + ["kill"] * 2)
def test_an_entry_logged_just_before_the_hangup_is_saved(
    how: str, data_file: Path, tmp_path: Path, terminals: list[Terminal]
) -> None:
    """The entry shows the moment Enter is pressed and saves just after: the terminal closed
    in that moment must not lose it."""
    term = open_dashboard(terminals, tmp_path, "--db", str(data_file))
    term.type("r")
    term.wait_for("Enter save")
    term.type("Zed")
    term.wait_for("Zed")
    term.type("\r")
    term.wait_for("You texted Zed")  # drawn as a draft; its save starts now
    term.hang_up(how)
    entries = json.loads(data_file.read_text(encoding="utf-8"))["entries"].values()
    assert [(e["kind"], e["who"]) for e in entries] == [("reach", "Ana"), ("reach", "Zed")]


@pytest.mark.parametrize("run", [1, 2])
def test_a_hangup_still_removes_the_demo_folder(
    run: int, tmp_path: Path, terminals: list[Terminal]
) -> None:
    term = Terminal(["--demo"], tmp_path)
    terminals.append(term)
    term.wait_for("Last reached out")  # the first frame: the year is written, maybe not read
    temp = tmp_path / "tmp"
    assert [p.name[:12] for p in temp.iterdir()] == ["leanon-demo-"]
    term.hang_up("close")
    assert list(temp.iterdir()) == []


def test_sigterm_still_closes_the_dashboard_and_restores_the_terminal(
    data_file: Path, tmp_path: Path, terminals: list[Terminal]
) -> None:
    """SIGTERM is not a hangup: the terminal is still there, so the app closes itself and
    gives it back as it found it; the watchdog only stands by."""
    term = open_dashboard(terminals, tmp_path, "--db", str(data_file))
    start = time.monotonic()
    os.kill(term.proc.pid, signal.SIGTERM)
    assert term.exit_code(start, "SIGTERM") == 0
    assert b"\x1b[?1049l" in term.screen  # left the alternate screen
