"""``leanon status --format FORMAT`` for status bars (issue 14), each with its consumer.

Every format is checked on the whole command line and on the quick read from the totals
(they must print the same bytes), against the field rules in each bar's documentation, and,
where the bar is installed, by the bar itself: tmux runs ``#(leanon status --format line)``
and is read back with ``display-message -p``; i3blocks runs its block and prints what it
would send to i3bar. A missing program skips its test, with the reason.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from storage.bars import BAR_FORMATS, bar_text, render
from storage.clock import FixedClock
from storage.store import Store
from tests.conftest import NOW
from tui.grammar import STATUS_FORMATS

ROOT = Path(__file__).resolve().parent.parent
LEANON = Path(sys.executable).with_name("leanon")
ENV_NOW = {"LEANON_NOW": NOW.isoformat()}


def _data(db: Path, *, names: tuple[str, ...] = ("Sam <3 & co", "Ana")) -> Path:
    """Sam is past a weekly rhythm (20 days); Ana was texted today; an honest 2 today."""
    with Store.open(db, FixedClock(NOW)) as store:
        store.add_person(names[0], cadence_days=7)
        store.add_person(names[1], cadence_days=30)
        store.add_reach(names[0], at=NOW - timedelta(days=20))
        for days in range(3):
            store.add_reach(names[1], at=NOW - timedelta(days=days, minutes=5))
        store.add_honest(2, "a private note", at=NOW - timedelta(minutes=1))
    return db


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return _data(tmp_path / "leanon.json")


def run(db: Path, *words: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **ENV_NOW}
    return subprocess.run(
        [str(LEANON), "--db", str(db), "status", *words],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
    )


def test_the_formats_the_parser_offers_are_the_ones_written() -> None:
    assert STATUS_FORMATS == ("text", "json", *BAR_FORMATS)


@pytest.mark.parametrize("fmt", BAR_FORMATS)
def test_the_quick_read_and_the_whole_way_print_the_same(data: Path, run_cli, fmt: str) -> None:
    whole = run_cli("--db", data, "status", "--format", fmt, "--names")  # keeps the totals
    quick = run(data, "--format", fmt, "--names")
    assert whole.code == quick.returncode == 0
    assert quick.stdout == whole.out and quick.stderr == ""


@pytest.mark.parametrize("fmt", BAR_FORMATS)
def test_a_bar_shows_no_names_or_notes_unless_asked(data: Path, run_cli, fmt: str) -> None:
    out = run_cli("--db", data, "status", "--format", fmt).out
    for private in ("Sam", "Ana", "a private note", "getting by"):
        assert private not in out
    assert "1 due" in out
    named = run_cli("--db", data, "status", "--format", fmt, "--names").out
    assert "Sam" in named and "a private note" not in named


def test_line_is_one_short_line(data: Path, run_cli) -> None:
    out = run_cli("--db", data, "status", "--format", "line").out
    assert out == "3d connection · 1d honest · 1 due\n"


def test_waybar_gets_one_line_of_its_json(data: Path, run_cli) -> None:
    """waybar-custom(5), return-type json: text, tooltip, class, alt; Pango in text and
    tooltip, so a name's & and < are escaped; tooltip lines are joined by newlines."""
    out = run_cli("--db", data, "status", "--format", "waybar", "--names").out
    assert out.endswith("}\n") and out.count("\n") == 1
    value = json.loads(out)
    assert set(value) == {"text", "tooltip", "class", "alt"}
    assert all(isinstance(v, str) for v in value.values())
    assert value["class"] == value["alt"] == "due"
    assert "Sam &lt;3 &amp; co" in value["text"] and "<3" not in value["text"]
    assert len(value["tooltip"].split("\n")) == 4


def test_i3status_rust_gets_its_json_and_never_critical(data: Path, run_cli, tmp_path) -> None:
    out = run_cli("--db", data, "status", "--format", "i3status-rust").out
    value = json.loads(out)
    assert set(value) == {"icon", "state", "text", "short_text"}
    assert value["state"] == "Info"
    empty = run_cli("--db", tmp_path / "none.json", "status", "--format", "i3status-rust")
    assert json.loads(empty.out)["state"] == "Idle"


def test_no_state_is_ever_warning_or_critical() -> None:
    view = {
        "counts": {"reach": 1},
        "streaks": {n: {"current": 0, "longest": 9, "last_7": 0} for n in ("connection", "honest")},
        "overdue": [{"who": "A", "days_over": 400, "days_since": 500}] * 50,
        "last": None,
        "show_streaks": True,
        "bar_names": False,
    }
    state = json.loads(render("i3status-rust", view, NOW))["state"]
    assert state in ("Idle", "Info", "Good")


def test_polybar_is_one_line_and_a_name_cannot_be_a_tag(tmp_path: Path, run_cli) -> None:
    db = _data(tmp_path / "leanon.json", names=("%{A:reboot:}x", "Ana"))
    out = run_cli("--db", db, "status", "--format", "polybar", "--names").out
    assert out.endswith("\n") and out.count("\n") == 1
    assert "%{" not in out


def test_a_control_character_in_a_name_is_shown_not_obeyed(tmp_path: Path, run_cli) -> None:
    db = _data(tmp_path / "leanon.json", names=("Sam\x1b[31m", "Ana"))
    for fmt in BAR_FORMATS:
        out = run_cli("--db", db, "status", "--format", fmt, "--names").out
        assert "\x1b" not in out and "\\x1b" in out


def test_json_stays_the_contract(data: Path, run_cli) -> None:
    assert (
        run_cli("--db", data, "status", "--format", "json").out
        == run_cli("--db", data, "status", "--json").out
    )


def test_a_wrong_format_is_one_line(data: Path, run_cli) -> None:
    from tests.conftest import refused

    line = refused(run_cli("--db", data, "status", "--format", "tmux"), 2)
    assert "'tmux' is not a status format" in line
    line = refused(run_cli("--db", data, "status", "--json", "--format", "line"), 2)
    assert "--json" in line


def test_nothing_logged_yet_reads_so() -> None:
    view = {"counts": {}, "streaks": {}, "overdue": [], "last": None}
    assert bar_text(view) == "nothing logged yet"


# --------------------------------------------------------------------- real consumers


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_tmux_runs_it_in_its_status_line(data: Path, tmp_path: Path) -> None:
    """``#(leanon status --format line)`` in a real tmux server, read back with
    ``display-message -p``. tmux runs a ``#()`` job in the background and keeps its output
    with the client that asked, so one control-mode client (``tmux -C``) asks again until
    the answer has come (for up to 10 s)."""
    socket = tmp_path / "tmux.sock"
    env = {k: v for k, v in os.environ.items() if k != "TMUX"} | ENV_NOW
    tmux = ["tmux", "-S", str(socket), "-f", os.devnull]
    subprocess.run([*tmux, "new-session", "-d", "-x", "80", "-y", "24"], env=env, check=True)
    client = subprocess.Popen(
        [*tmux, "-C", "attach"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert client.stdin is not None and client.stdout is not None
    command = f"display-message -p '#({LEANON} --db {data} status --format line)'"
    shown: list[str] = []
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not any(shown):
            client.stdin.write(command + "\n")
            client.stdin.flush()
            line = client.stdout.readline()
            while not line.startswith("%begin"):
                line = client.stdout.readline()
            shown = []
            line = client.stdout.readline()
            while not line.startswith("%end"):
                shown.append(line.rstrip("\n"))
                line = client.stdout.readline()
            if not any(shown):
                time.sleep(0.1)  # tmux's job is a real process: there is nothing to await
    finally:
        client.kill()
        client.wait(timeout=5)
        subprocess.run([*tmux, "kill-server"], env=env, capture_output=True, timeout=10)
    assert shown == ["3d connection · 1d honest · 1 due"]


@pytest.mark.skipif(shutil.which("i3blocks") is None, reason="i3blocks is not installed")
def test_i3blocks_runs_its_block(data: Path, tmp_path: Path) -> None:
    """i3blocks runs the block and prints the i3bar JSON it makes of it: full_text,
    short_text, a colour when someone is past their rhythm, and not urgent."""
    config = tmp_path / "i3blocks.conf"
    config.write_text(
        f"[leanon]\ncommand={LEANON} --db {data} status --format i3blocks\ninterval=once\n"
    )
    env = {**os.environ, **ENV_NOW}
    proc = subprocess.Popen(
        ["i3blocks", "-c", str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        blocks = None
        deadline = time.monotonic() + 10
        while blocks is None and (left := deadline - time.monotonic()) > 0:
            if not select.select([proc.stdout], [], [], left)[0]:
                break
            line = proc.stdout.readline().strip().lstrip(",")
            if line.startswith("[{"):
                ours = [b for b in json.loads(line) if b.get("name") == "leanon"]
                blocks = ours if ours and ours[0]["full_text"] else None
    finally:
        proc.kill()
        proc.wait(timeout=5)
    assert blocks is not None, "i3blocks printed no block"
    (block,) = blocks
    assert block["full_text"] == "3d connection · 1d honest · 1 due"
    assert block["short_text"] == "3d · 1d · 1 due"
    assert block["color"].upper() == "#D7AF5F"
    assert not block.get("urgent")


@pytest.mark.parametrize("fmt", BAR_FORMATS)
def test_every_bar_format_is_a_quick_read(data: Path, run_cli, fmt: str) -> None:
    """A bar polls every few seconds: from the totals, each format imports no json,
    orjson, humanize, TinyDB, dataclasses, typing or the store (as ``status --json``)."""
    run_cli("--db", data, "status")  # keeps the totals
    code = (
        "import io, sys\n"
        "from tui.clibase import quick\n"
        f"args = ['--db', {str(data)!r}, 'status', '--format', {fmt!r}]\n"
        "assert quick(args, out=io.StringIO()) == 0, 'declined'\n"
        "print(chr(10).join(sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **ENV_NOW},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split())
    heavy = {"json", "orjson", "humanize", "tinydb", "dataclasses", "typing", "storage.store"}
    assert sorted(heavy & loaded) == []
