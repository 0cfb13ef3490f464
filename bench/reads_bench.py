"""Issue 12: what a read costs as the years add up, as the whole process a person runs.

``leanon status --json`` (what a status bar runs every few seconds), ``leanon people
--json`` and ``leanon export --format json``, each a real subprocess with interpreter
start-up, against ``python -c pass`` in the same environment, taking turns. On the 10,000
entry file and the decade (about 50,000); the goals are issue 12's at the decade. Nothing
is written by these commands; each run starts from the file as leanon's last save left it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from bench.cli_bench import _BIN, _EXE, _isolated_env, _run
from bench.common import (
    ROOT,
    Row,
    as_leanon_left_it,
    cached_data_file,
    compare,
    decade_file,
    print_table,
    scratch_dir,
)

REPEAT = 7
GOALS = {"status --json": 3.0, "people --json": 3.0, "export --format json": 15.0}
"""Issue 12's goals at the decade, as a ratio to ``python -c pass``."""

COMMANDS = (
    ("status --json", ["status", "--json"]),
    ("people --json", ["people", "--json"]),
    ("export --format json", ["export", "--format", "json"]),
)


def run(repeat: int = REPEAT) -> list[Row]:
    """Run the reads benchmark, print its table, and return its rows."""
    leanon = ROOT / ".venv" / _BIN / f"leanon{_EXE}"
    work = scratch_dir("reads")
    env = _isolated_env(work / "home")
    files = (
        ("10,000 entries", cached_data_file("tenk", years=2.2, seed=7, people=40, last=10_000)),
        ("decade", decade_file()),
    )

    def python() -> None:
        _run([sys.executable, "-c", "pass"], env)

    def leanon_run(db: Path, words: list[str]) -> Callable[[], None]:
        return lambda: _run([str(leanon), "--db", str(db), *words], env)

    rows: list[Row] = []
    for size, data in files:
        db = work / size.split()[0].replace(",", "") / "leanon.json"
        db.parent.mkdir(parents=True)
        as_leanon_left_it(data.path, db)
        for label, words in COMMANDS:
            ours, floor = compare(leanon_run(db, words), python, repeat)
            goal = GOALS[label] if size == "decade" else None
            rows.append(Row(f"{label}, {size}", ours, floor, goal=goal))
    title = f"Reads: whole `leanon` processes vs `python -c pass` (median of {repeat})"
    print_table(title, "leanon", "python", rows)
    return rows
