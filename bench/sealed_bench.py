"""Issue 17: the decade file encrypted (age, unlocked) against the same file plain.

Three things a person does all day, each timed on both files in turns (ABBA), as real
subprocesses or in a real terminal, the encrypted file's key unlocked beforehand the way
``leanon unlock`` leaves it (in a private ``XDG_RUNTIME_DIR`` of this run's own):

* ``leanon reach Sam``: the quick path, which on the encrypted file decrypts the file,
  adds the entry to its text and encrypts it again. Before every run both files are put
  back with their lock files as leanon's last save left them, and read once with
  ``leanon status`` (not timed), as :mod:`bench.cli_bench` does.
* ``leanon status --json``: the read a status bar makes, from the totals beside the file
  (encrypted too, on the encrypted file), once they have settled.
* the dashboard's data on screen: :func:`bench.pty_bench.dashboard_run`, to the newest
  reach-out's name drawn.

The goal for each is the issue's: at most 1.5x the plain file's time.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from bench.cli_bench import _BIN, _EXE, _isolated_env, _run
from bench.common import ROOT, Row, Timing, as_leanon_left_it, compare, decade_file, print_table
from bench.common import scratch_dir as _scratch
from storage.totals import RACY_NS

REPEAT = 10
TERMINAL_REPEAT = 5
GOAL = 1.5
PASSPHRASE = "bench only"


def run(repeat: int = REPEAT) -> list[Row]:
    """Run the benchmark, print its table, and return its rows."""
    from bench import pty_bench

    leanon = ROOT / ".venv" / _BIN / f"leanon{_EXE}"
    if not leanon.exists():
        print(f"\nEncrypted: skipped, {leanon} is not installed")
        return []
    work = _scratch("sealed")
    env = _isolated_env(work / "home")
    runtime = work / "run"
    runtime.mkdir(mode=0o700)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    data = decade_file()
    plain, sealed_db = work / "plain" / "leanon.json", work / "sealed" / "leanon.json"
    restore: dict[Path, Callable[[], None]] = {}
    for db in (plain, sealed_db):
        db.parent.mkdir()
        lock = as_leanon_left_it(data.path, db)
        if db is sealed_db:
            done = subprocess.run(
                [str(leanon), "--db", str(db), "encrypt"],
                env=env,
                input=(PASSPHRASE + "\n").encode(),
                capture_output=True,
            )
            if done.returncode:
                raise RuntimeError(f"leanon encrypt failed: {done.stderr.decode()[-300:]}")
        restore[db] = _putter(db, db.read_bytes(), lock, leanon, env)

    def reach(db: Path) -> Callable[[], None]:
        return lambda: _run([str(leanon), "--db", str(db), "reach", "Sam"], env)

    theirs_r, ours_r = compare(
        reach(plain), reach(sealed_db), repeat, restore[plain], restore[sealed_db]
    )
    for db in (plain, sealed_db):
        restore[db]()
    time.sleep(RACY_NS / 1e9)  # the totals settle, as a status bar finds them

    def status(db: Path) -> Callable[[], None]:
        return lambda: _run([str(leanon), "--db", str(db), "status", "--json"], env)

    theirs_s, ours_s = compare(status(plain), status(sealed_db), repeat)

    name = pty_bench.newest_reach_name(data.path)
    term_env = pty_bench.terminal_env(work / "home")
    term_env["XDG_RUNTIME_DIR"] = str(runtime)
    shown: dict[Path, list[float]] = {plain: [], sealed_db: []}
    for i in range(TERMINAL_REPEAT + 1):  # the first round warms up (disk cache, .pyc)
        for db in (plain, sealed_db) if i % 2 == 0 else (sealed_db, plain):
            took = pty_bench.dashboard_run(leanon, db, name, term_env).data
            if i:
                shown[db].append(took)
    rows = [
        Row("reach Sam, decade", ours_r, theirs_r, goal=GOAL),
        Row("status --json, decade", ours_s, theirs_s, goal=GOAL),
        Row(
            "dashboard: panels show the data, decade",
            Timing(tuple(shown[sealed_db])),
            Timing(tuple(shown[plain])),
            goal=GOAL,
        ),
    ]
    print_table(
        f"Encrypted (age, unlocked) vs plain, the decade file (median of {repeat}; "
        f"{TERMINAL_REPEAT} in the terminal)",
        "encrypted",
        "plain",
        rows,
    )
    return rows


def _putter(
    db: Path, raw: bytes, lock: bytes, leanon: Path, env: dict[str, str]
) -> Callable[[], None]:
    """What puts ``db`` back as it is now (``raw``, with ``lock`` as its lock file) and reads
    it once, so its totals belong to it; backups from earlier runs stay."""
    lock_path = db.with_name(db.name + ".lock")
    temp = db.with_name(".restore")

    def put_back() -> None:
        temp.write_bytes(raw)
        os.replace(temp, db)
        lock_path.write_bytes(lock)
        _run([str(leanon), "--db", str(db), "status"], env)

    return put_back
