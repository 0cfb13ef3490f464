"""Issue 4: how soon the dashboard is on screen, and how soon a save shows in its panel.

These runs start the app through ``make_app`` in a headless child, not the ``leanon``
command in a terminal, so they leave out the console script and the command line, and the
terminal's own drawing. What a person gets is timed by the terminal bench
(``bench/pty_bench.py``, issue 12's goals); these rows stay as the breakdown of where the
time goes inside the app.

First frame: from starting the process to the App's Ready event (the first frame is
painted), for the dashboard on the decade file and for a bare Textual app showing one
Static, in separate processes, interleaved run by run so a busy machine slows both alike.
The dashboard reads the file in a worker after its first frame, so the first frame that
shows the data is reported too (no goal; it is what a person waits for).

Save to panel: in one running dashboard on a copy of the decade file, from the Enter that
saves a reach-out to the repaint of the Last reached panel showing it. The dashboard shows
a new entry before its save lands, so the same rounds also report the time until the board
read back from the file after the save is on screen, and the child checks that every
entry it showed was saved.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from typing import Any

from bench.common import (
    END,
    ROOT,
    Row,
    Timing,
    as_leanon_left_it,
    cached_data_file,
    child_env,
    decade_file,
    ms,
    print_table,
    scratch_dir,
)

REPEAT = 7
FIRST_FRAME_GOAL = 1.3
SAVE_BUDGET = 0.050
SAVE_ROUNDS = 10


def run(repeat: int = REPEAT) -> list[Row]:
    """Run the dashboard benchmark, print its table, and return its rows."""
    problem = _dashboard_problem()
    if problem:
        print(f"\nDashboard: dashboard not built yet ({problem}); skipped.")
        return []
    data = decade_file()
    work = scratch_dir("dashboard")
    db = work / "leanon.json"

    small = cached_data_file("fortnight", years=14 / 365.25, seed=7, people=8)
    small_db = work / "small.json"

    bare: list[float] = []
    ready: list[float] = []
    shown: list[float] = []
    small_ready: list[float] = []
    # Each run starts from the file as leanon's last save left it, lock record and all, as
    # a person's file is (so it is trusted without checking every document again).
    lock, lock_bytes = db.with_name(db.name + ".lock"), as_leanon_left_it(data.path, db)
    small_lock = small_db.with_name(small_db.name + ".lock")
    small_lock_bytes = as_leanon_left_it(small.path, small_db)
    for i in range(repeat + 1):  # the first round is a warm-up (disk cache, .pyc files)
        bare_marks, bare_start = _child(["first-frame", "bare"])
        shutil.copyfile(data.path, db)
        lock.write_bytes(lock_bytes)
        marks, start = _child(["first-frame", "leanon", str(db), END.isoformat()])
        shutil.copyfile(small.path, small_db)
        small_lock.write_bytes(small_lock_bytes)
        small_marks, small_start = _child(["first-frame", "leanon", str(small_db), END.isoformat()])
        if i == 0:
            continue
        bare.append((bare_marks["ready"] - bare_start) / 1e9)
        ready.append((marks["ready"] - start) / 1e9)
        shown.append((marks["data"] - start) / 1e9)
        small_ready.append((small_marks["ready"] - small_start) / 1e9)

    shutil.copyfile(data.path, db)
    lock.write_bytes(lock_bytes)
    saved, _ = _child(["save", str(db), str(SAVE_ROUNDS)])
    rows = [
        Row(
            "start to first frame", Timing(tuple(ready)), Timing(tuple(bare)), goal=FIRST_FRAME_GOAL
        ),
        Row(
            f"start to first frame, {small.entries} entries",
            Timing(tuple(small_ready)),
            Timing(tuple(bare)),
            note="the same dashboard on a two-week file, to tell the app's cost from the data's",
        ),
        Row(
            "start to first frame with data",
            Timing(tuple(shown)),
            Timing(tuple(bare)),
            note="the file is read in a worker after the first frame; no goal",
        ),
        Row(
            "Enter to panel showing the entry",
            Timing(tuple(saved["samples"])),
            budget=SAVE_BUDGET,
            note=f"a reach-out saved from the form, median of {SAVE_ROUNDS}; a budget, "
            "not a ratio: it is about what a person notices",
        ),
        Row(
            "Enter to the save landed and shown",
            Timing(tuple(saved["saved"])),
            note="the same rounds, until the board read back after the save is on screen "
            "(the panel shows the entry before that); no goal",
        ),
    ]
    title = (
        f"Dashboard: decade file ({data.entries:,} entries) vs a bare Textual app, "
        f"headless subprocesses (median of {repeat})"
    )
    print_table(title, "leanon", "bare app", rows)
    return rows


def _dashboard_problem() -> str | None:
    """Why the dashboard cannot be measured yet, or None."""
    done = subprocess.run(
        [sys.executable, "-c", "from tui.app import make_app"],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        return lines[-1] if lines else "tui.app.make_app cannot be imported"
    return None


def _child(args: list[str]) -> tuple[dict[str, Any], int]:
    """Run the child with ``args``; its JSON result and the moment it was started."""
    start = time.monotonic_ns()
    done = subprocess.run(
        [sys.executable, "-m", "bench.dashboard_child", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=child_env(),
        timeout=600,
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench.dashboard_child {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1]), start


if __name__ == "__main__":
    began = time.perf_counter()
    run()
    print(f"\n({ms(time.perf_counter() - began)})")
