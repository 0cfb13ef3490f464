"""Issue 12: the dashboard as a person starts it, ``leanon --db FILE`` in a real terminal.

The real console script (``.venv/bin/leanon``, launcher, command line and all) runs in a
pseudo-terminal this process owns, 100 columns by 30 rows, ``TERM=xterm-256color``, the
terminal being its controlling terminal as in a shell. Everything the app writes is read
as it comes (``select`` with a bounded timeout, never a sleep), its escape sequences are
stripped, and the clock stops when the text a person would look for is on screen:

* **first frame**: "Last reached out", the title of the first panel. It is drawn in the
  dashboard's first frame whether or not the file has been read yet (the panels then say
  "Opening your notes…"), and in every frame after.
* **panels show the file's data**: the name of the file's newest reach-out (worked out
  from the file itself, so each size has its own), as a whole word. Only the file can put
  a person's name on screen; the Last reached out panel shows it first thing.
* **peak memory**: the process's ``VmHWM`` (``/proc/PID/status``) read the moment that
  name is seen, before the review opens.
* **v to the calendar drawn**: once the dashboard has shown its data and the terminal has
  been quiet for :data:`QUIET` seconds (a person looks before pressing a key), ``v`` is
  typed; the clock runs from that keystroke to the calendar's legend ("acts of
  connection:"), which the year calendar draws only once it has the year's data (until
  then it says "Looking back over your notes…").

The peer is a bare Textual app with one Static (``bench/bare_app.py``), started the same
way and timed to its first frame (its Static's text), with its ``VmHWM`` at that moment.
Runs alternate bare, leanon, leanon, bare (ABBA), so a machine that gets busier or quieter
slows both alike; every ratio is of two figures from the same rounds. Each run quits with
ctrl+q (Textual's quit binding, which leanon keeps: it waits for saves in flight) and is
killed if it has not ended within :data:`TIMEOUT`. ``LEANON_NOW`` is the data's end.

The goals are timed on the file as leanon leaves it: saved once through leanon, lock file
and all, then read once (``leanon status``), which keeps the totals beside it
(``storage/totals.py``), and left quiet; the dashboard's runs change nothing in it, so each
starts as a person's would after their last log. First, :data:`COLD_REPEAT` runs with the
totals removed each time show, without goals, a file just replaced from outside (a sync
tool, a restored backup): then every entry is read before the panels show.
"""

from __future__ import annotations

import codecs
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import orjson

from bench.bare_app import TEXT as BARE_TEXT
from bench.cli_bench import _BIN, _EXE, _isolated_env
from bench.common import (
    END,
    ROOT,
    Measure,
    Row,
    Timing,
    as_leanon_left_it,
    forget_totals,
    ms,
    print_grid,
    scratch_dir,
    sized_files,
)
from storage.totals import RACY_NS

REPEAT = 7
COLUMNS, LINES = 100, 30
"""The terminal both apps get: two columns of panels, as in a half-screen terminal window."""

TIMEOUT = 60.0
"""The longest any one wait may take before the run is killed and the bench fails."""

QUIET = 0.25
"""How long the terminal must have been quiet before ``v`` is pressed."""

SETTLE_AT_MOST = 5.0
"""If the app never goes quiet, ``v`` is pressed after this long anyway."""

FIRST_FRAME_MARK = "Last reached out"
"""In the dashboard's first frame, with or without the file's data (a panel's title)."""

CALENDAR_MARK = "acts of connection:"
"""The year calendar's legend, drawn only once the calendar has its data."""

QUIT = b"\x11"
"""ctrl+q: Textual's quit key, which leanon keeps (and which quits from every screen)."""

GOALS: dict[str, dict[str, float]] = {
    "50k": {"first": 1.15, "data": 1.5, "rss": 2.0, "review": 0.75},
    "200k": {"first": 1.15, "data": 2.0, "rss": 3.0, "review": 1.0},
}
"""Issue 12's goals at the decade and at 200k, as ratios to the bare app's first frame
(its peak memory for ``rss``)."""

_ESCAPE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]"  # CSI: cursor moves, colours, modes
    r"|\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: titles, clipboard, ended by BEL or ST
    r"|[PX^_][^\x1b]*\x1b\\"  # DCS, SOS, PM, APC, ended by ST
    r"|[ -/]*[0-~])"  # the short ones: charsets, keypad modes, ST itself
)
"""A terminal escape sequence, so text split by colours or cursor moves reads whole."""


# --------------------------------------------------------------------- one terminal


class Terminal:
    """A process running in a pseudo-terminal of ours, and the text it has drawn so far."""

    def __init__(self, cmd: list[str], env: dict[str, str]) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        self.fd = master
        self.text = ""
        """Everything written so far, escape sequences removed."""
        self._pending = ""
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._ended = False
        self.last_read = 0.0
        """When the newest output arrived (``time.perf_counter``)."""
        self.started = time.perf_counter()
        try:
            self.proc = subprocess.Popen(
                cmd,
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=env,
                cwd=ROOT,
                start_new_session=True,
                preexec_fn=_take_terminal,  # safe: this process starts no threads
            )
        finally:
            os.close(slave)

    def wait_for(self, mark: str | re.Pattern[str], since: int = 0) -> float:
        """Read until ``mark`` is in the text after position ``since``; when it arrived."""
        pattern = re.compile(re.escape(mark)) if isinstance(mark, str) else mark
        deadline = time.perf_counter() + TIMEOUT
        while pattern.search(self.text, since) is None:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise RuntimeError(f"{pattern.pattern!r} was not drawn within {TIMEOUT:.0f} s")
            if not self._read(left):
                raise RuntimeError(
                    f"the app ended before {pattern.pattern!r} was drawn; "
                    f"it showed: {self.text[-500:]!r}"
                )
        return self.last_read

    def settle(self) -> None:
        """Read until nothing has come for :data:`QUIET` seconds (at most ``SETTLE_AT_MOST``)."""
        give_up = time.perf_counter() + SETTLE_AT_MOST
        while True:
            now = time.perf_counter()
            quiet_until = self.last_read + QUIET
            if quiet_until <= now or now >= give_up:
                return
            if not self._read(min(quiet_until, give_up) - now):
                return

    def press(self, keys: bytes) -> float:
        """Type ``keys``; the moment they were written."""
        os.write(self.fd, keys)
        return time.perf_counter()

    def peak_rss(self) -> int:
        """The process's peak resident memory so far, in bytes (``VmHWM``)."""
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
        if found is None:
            raise RuntimeError("no VmHWM in /proc/PID/status")
        return int(found.group(1)) * 1024

    def quit(self) -> None:
        """Press ctrl+q and read on until the process ends; kill it if it does not."""
        self.press(QUIT)
        deadline = time.perf_counter() + TIMEOUT
        while not self._ended and (left := deadline - time.perf_counter()) > 0:
            self._read(left)
        try:
            code = self.proc.wait(max(0.0, deadline - time.perf_counter()) + 1)
        except subprocess.TimeoutExpired:
            self.kill()
            raise RuntimeError(f"the app did not quit within {TIMEOUT:.0f} s of ctrl+q") from None
        if code != 0:
            raise RuntimeError(f"the app quit with exit code {code}: {self.text[-500:]!r}")

    def kill(self) -> None:
        """End the process (and anything it started in its session), if it still runs."""
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait()

    def close(self) -> None:
        """Kill the process if it is still there and close the terminal."""
        self.kill()
        os.close(self.fd)

    def _read(self, timeout: float) -> bool:
        """Take what the app wrote within ``timeout``; False once it has closed the terminal."""
        if self._ended:
            return False
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 1 << 16)
        except OSError:  # EIO: every process holding the terminal has closed it
            chunk = b""
        if not chunk:
            self._ended = True
            return False
        self.last_read = time.perf_counter()
        self._feed(self._decoder.decode(chunk))
        return True

    def _feed(self, new: str) -> None:
        """Add text with its escapes removed; an escape cut off at the end waits for the rest."""
        text = self._pending + new
        cut = text.rfind("\x1b")
        if cut >= 0 and _ESCAPE.match(text, cut) is None:
            text, self._pending = text[:cut], text[cut:]
        else:
            self._pending = ""
        self.text += _ESCAPE.sub("", text)


def _take_terminal() -> None:
    """In the child, after ``setsid``: make the pseudo-terminal its controlling terminal."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


# --------------------------------------------------------------------- runs


@dataclass(frozen=True)
class DashboardRun:
    """What one start of the dashboard measured (seconds, and bytes for ``rss``)."""

    first: float
    data: float
    rss: int
    review: float


@dataclass(frozen=True)
class BareRun:
    """What one start of the bare app measured."""

    first: float
    rss: int


def bare_run(env: dict[str, str]) -> BareRun:
    """Start the bare app, time it to its first frame, and quit it."""
    term = Terminal([sys.executable, str(ROOT / "bench" / "bare_app.py")], env)
    try:
        first = term.wait_for(BARE_TEXT) - term.started
        rss = term.peak_rss()
        term.quit()
    finally:
        term.close()
    return BareRun(first, rss)


def dashboard_run(
    leanon: Path, db: Path, name: re.Pattern[str], env: dict[str, str]
) -> DashboardRun:
    """Start ``leanon --db DB``: first frame, the data, its peak memory, ``v``, then quit."""
    term = Terminal([str(leanon), "--db", str(db)], env)
    try:
        first = term.wait_for(FIRST_FRAME_MARK) - term.started
        data = term.wait_for(name) - term.started
        rss = term.peak_rss()
        term.settle()
        since = len(term.text)
        pressed = term.press(b"v")
        review = term.wait_for(CALENDAR_MARK, since) - pressed
        term.quit()
    finally:
        term.close()
    return DashboardRun(first, data, rss, review)


def newest_reach_name(path: Path) -> re.Pattern[str]:
    """The name of the file's newest reach-out, as a whole word, as it is shown."""
    from storage.fields import visible

    entries = orjson.loads(path.read_bytes())["entries"].values()
    reaches = [doc for doc in entries if doc.get("kind") == "reach"]
    if not reaches:
        raise RuntimeError(f"{path.name} has no reach-out to look for")
    newest = max(reaches, key=lambda doc: (datetime.fromisoformat(doc["at"]), doc["id"]))
    return re.compile(rf"(?<!\w){re.escape(visible(newest['who']))}(?!\w)")


def terminal_env(home: Path) -> dict[str, str]:
    """The environment of both apps: a throwaway HOME, colour on, as in a terminal."""
    env = _isolated_env(home)
    for name in ("NO_COLOR", "COLUMNS", "LINES", "TMUX"):
        env.pop(name, None)
    for name in [n for n in env if n.startswith("TEXTUAL")]:
        del env[name]
    env["TERM"] = "xterm-256color"
    env["LEANON_NOW"] = END.isoformat()
    return env


# --------------------------------------------------------------------- the bench


COLD_REPEAT = 3
"""Runs (after a warm-up) of the dashboard on a file with no totals beside it."""


def run(repeat: int = REPEAT) -> list[Row]:
    """Run the terminal benchmark, print its grid, and return its rows.

    The goals are timed as a person usually starts the dashboard: on a file whose last
    change was leanon's own, so the totals beside it (``storage/totals.py``) belong to it.
    Two rows without goals show a file just replaced from outside, with no totals yet.
    """
    leanon = ROOT / ".venv" / _BIN / f"leanon{_EXE}"
    if not leanon.exists():
        print(f"\nDashboard in a terminal: skipped, {leanon} is not installed")
        return []
    work = scratch_dir("pty")
    env = terminal_env(work / "home")
    cells: dict[str, dict[str, Row]] = {
        k: {} for k in ("bare", "bare-rss", "cold", "cold-rss", *GOALS["50k"])
    }
    for size, data in sized_files():
        db = work / size / "leanon.json"
        db.parent.mkdir(parents=True)
        as_leanon_left_it(data.path, db)
        name = newest_reach_name(data.path)
        # Without totals: the file as a sync tool or an editor left it (every entry is read).
        cold: list[DashboardRun] = []
        for i in range(COLD_REPEAT + 1):
            forget_totals(db)
            done = dashboard_run(leanon, db, name, env)
            if i:
                cold.append(done)
        # Then as leanon leaves it: its last save or read kept the totals, and the file has
        # been quiet since (the dashboard's own runs change nothing in it).
        subprocess.run(
            [str(leanon), "--db", str(db), "status"], env=env, check=True, capture_output=True
        )
        time.sleep(RACY_NS / 1e9)
        bare: list[BareRun] = []
        ours: list[DashboardRun] = []
        for i in range(repeat + 1):  # the first round is a warm-up (disk cache, .pyc files)
            for dashboard in (False, True) if i % 2 == 0 else (True, False):
                if dashboard:
                    done = dashboard_run(leanon, db, name, env)
                    if i:
                        ours.append(done)
                else:
                    alone = bare_run(env)
                    if i:
                        bare.append(alone)
        bare_first = Timing(tuple(b.first for b in bare))
        bare_rss = Timing(tuple(float(b.rss) for b in bare))
        goals = GOALS.get(size, {})
        cells["bare"][size] = Row(f"bare app first frame, {size}", bare_first)
        cells["bare-rss"][size] = Row(f"bare app peak RSS, {size}", bare_rss, unit="B")
        cells["cold"][size] = Row(
            f"panels show the data, no totals yet, {size}",
            Timing(tuple(o.data for o in cold)),
            bare_first,
        )
        cells["cold-rss"][size] = Row(
            f"peak RSS then, no totals yet, {size}",
            Timing(tuple(float(o.rss) for o in cold)),
            bare_rss,
            unit="B",
        )
        for key, label, samples, peer, unit in (
            ("first", "first frame", [o.first for o in ours], bare_first, "s"),
            ("data", "panels show the file's data", [o.data for o in ours], bare_first, "s"),
            ("rss", "peak RSS once the data shows", [float(o.rss) for o in ours], bare_rss, "B"),
            (
                "review",
                "v to the review's calendar drawn",
                [o.review for o in ours],
                bare_first,
                "s",
            ),
        ):
            cells[key][size] = Row(
                f"{label}, {size}", Timing(tuple(samples)), peer, goal=goals.get(key), unit=unit
            )
    measures = [
        Measure("bare app: first frame", cells["bare"]),
        Measure("bare app: peak RSS", cells["bare-rss"]),
        Measure("leanon: first frame", cells["first"], note=f'"{FIRST_FRAME_MARK}" drawn'),
        Measure(
            "leanon: panels show the data",
            cells["data"],
            note="the name of the file's newest reach-out drawn",
        ),
        Measure(
            "leanon: peak RSS then",
            cells["rss"],
            note="VmHWM when the data shows, against the bare app's at its first frame",
        ),
        Measure(
            "leanon: v to calendar drawn",
            cells["review"],
            note=f'from the keystroke to "{CALENDAR_MARK}", against the bare app\'s first frame',
        ),
        Measure(
            "no totals yet: panels show the data",
            cells["cold"],
            note=f"the file just replaced from outside (median of {COLD_REPEAT}); no goal",
        ),
        Measure("no totals yet: peak RSS then", cells["cold-rss"], note="no goal"),
    ]
    title = (
        f"Dashboard in a terminal: `leanon --db FILE` in a {COLUMNS}x{LINES} pty vs a bare "
        f"Textual app (median of {repeat}, ABBA)"
    )
    print_grid(title, measures, "bare app")
    return [row for key in ("first", "data", "rss", "review") for row in cells[key].values()]


if __name__ == "__main__":
    began = time.perf_counter()
    run()
    print(f"\n({ms(time.perf_counter() - began)})")
