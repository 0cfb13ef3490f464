"""Issue 12: what a read costs as the years add up, as the whole process a person runs.

``leanon status --json`` (what a status bar runs every few seconds), ``leanon status``,
``leanon status --format FORMAT`` for each status bar (issue 14),
``leanon people --json`` and ``leanon export --format json``, each the real console script
as a subprocess with interpreter start-up, against ``python -c pass`` in the same
environment, taking turns. At 1k, 10k, 50k (the decade) and 200k entries, so growth shows
at a glance; the goals are issue 12's at 50k and 200k. ``LEANON_NOW`` is the data's last
moment, as for a person whose file ends today. Nothing is written by these commands; each
run starts from the file as leanon's last save left it.

The reads answer from the totals leanon keeps beside the file (``storage/totals.py``) when
they belong to it: a status bar's case, polling a file that has not changed for a while.
So before the timed runs each file gets one untimed read (which keeps its totals) and is
left quiet for :data:`storage.totals.RACY_NS`, after which the totals' key alone vouches for
them. Two rows without goals show the other cases: ``status --json`` right after a
``leanon reach`` (the totals brought up to date by the reach, checked against the file's
bytes since it changed a moment ago, and today's answers worked out from their facts), and
the first read of a file with no totals at all (every entry read, as before them).

One more process has no goal and is not leanon at all: python reading the file with
``orjson.loads`` and writing it out again with ``orjson.dumps`` (indented, to stdout, as
the export writes). It is the floor under any export that parses the whole file, so the
export's figure can be read against it.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.cli_bench import _BIN, _EXE, _isolated_env, _run
from bench.common import (
    END,
    ROOT,
    Measure,
    Row,
    Timing,
    as_leanon_left_it,
    compare,
    forget_totals,
    ms,
    print_grid,
    scratch_dir,
    sized_files,
)
from storage.totals import RACY_NS

REPEAT = 7

BAR_FORMATS = ("line", "waybar", "i3blocks", "i3status-rust", "polybar")
"""Issue 14's status bar formats: each is polled as often as ``status --json``."""

COMMANDS = (
    ("status --json", ["status", "--json"]),
    ("status", ["status"]),
    *((f"status --format {fmt}", ["status", "--format", fmt]) for fmt in BAR_FORMATS),
    ("people --json", ["people", "--json"]),
    ("export --format json", ["export", "--format", "json"]),
)
"""What is timed: the label and the words after ``leanon --db FILE``."""

GOALS: dict[str, dict[str, float]] = {
    "50k": {
        "status --json": 3.0,
        "status": 3.0,
        **{f"status --format {fmt}": 3.0 for fmt in BAR_FORMATS},
        "people --json": 3.0,
        "export --format json": 15.0,
    },
    "200k": {
        "status --json": 4.0,
        "status": 4.0,
        **{f"status --format {fmt}": 4.0 for fmt in BAR_FORMATS},
        "people --json": 4.0,
        "export --format json": 45.0,
    },
}
"""Issue 12's goals at the decade and at 200k, as a ratio to ``python -c pass``; the bar
formats (issue 14) have the goals of ``status --json``, whose place they take in a bar."""

AFTER_REACH = "status --json after a reach"
"""The label of the read straight after a change (no goal)."""

NO_TOTALS = "status --json, no totals yet"
"""The label of the read of a file with no totals (no goal)."""

FLOOR = "python + orjson loads and dumps"
"""The label of the export's floor."""

FLOOR_CODE = (
    "import sys, orjson\n"
    "with open(sys.argv[1], 'rb') as f: data = orjson.loads(f.read())\n"
    "sys.stdout.buffer.write(orjson.dumps(data, option=orjson.OPT_INDENT_2))\n"
)
"""The floor process: parse the whole file and write it out again, with nothing else."""


def run(repeat: int = REPEAT) -> list[Row]:
    """Run the reads benchmark, print its grid, and return its rows."""
    leanon = ROOT / ".venv" / _BIN / f"leanon{_EXE}"
    work = scratch_dir("reads")
    env = _isolated_env(work / "home")
    env["LEANON_NOW"] = END.isoformat()

    def python() -> None:
        _run([sys.executable, "-c", "pass"], env)

    def leanon_run(db: Path, words: list[str]) -> Callable[[], None]:
        return lambda: _run([str(leanon), "--db", str(db), *words], env)

    def floor_run(db: Path) -> Callable[[], None]:
        return lambda: _run([sys.executable, "-c", FLOOR_CODE, str(db)], env)

    cells: dict[str, dict[str, Row]] = {label: {} for label, _ in COMMANDS}
    cells[FLOOR] = {}
    pythons: dict[str, list[float]] = {}
    cells[AFTER_REACH], cells[NO_TOTALS] = {}, {}
    for size, data in sized_files():
        db = work / size / "leanon.json"
        db.parent.mkdir(parents=True)
        as_leanon_left_it(data.path, db)
        goals = GOALS.get(size, {})

        ours, floor = compare(
            leanon_run(db, ["status", "--json"]),
            python,
            3,
            ours_setup=lambda db=db: forget_totals(db),
        )
        pythons.setdefault(size, []).extend(floor.samples)
        cells[NO_TOTALS][size] = Row(f"{NO_TOTALS}, {size}", ours, floor)
        leanon_run(db, ["status"])()  # keeps the totals
        time.sleep(RACY_NS / 1e9)  # then the file is quiet, as between a status bar's polls
        timed = [(label, leanon_run(db, words)) for label, words in COMMANDS]
        timed.append((FLOOR, floor_run(db)))
        for label, command in timed:
            ours, floor = compare(command, python, repeat)
            pythons.setdefault(size, []).extend(floor.samples)
            cells[label][size] = Row(f"{label}, {size}", ours, floor, goal=goals.get(label))
        ours, floor = compare(
            leanon_run(db, ["status", "--json"]),
            python,
            repeat,
            ours_setup=leanon_run(db, ["reach", "Sam"]),
        )
        pythons.setdefault(size, []).extend(floor.samples)
        cells[AFTER_REACH][size] = Row(f"{AFTER_REACH}, {size}", ours, floor)
    measures = [
        Measure("python -c pass", {s: Row(s, Timing(tuple(t))) for s, t in pythons.items()}),
        *(Measure(label, cells[label]) for label, _ in COMMANDS),
        Measure(
            AFTER_REACH,
            cells[AFTER_REACH],
            note="the first read after `leanon reach Sam`, which kept the totals; no goal",
        ),
        Measure(
            NO_TOTALS,
            cells[NO_TOTALS],
            note="a file with no totals beside it: every entry is read, once; no goal",
        ),
        Measure(
            FLOOR,
            cells[FLOOR],
            note="not leanon: the least any export that parses the whole file pays; no goal",
        ),
    ]
    title = (
        f"Reads: whole `leanon --db FILE ...` processes vs `python -c pass`, by entries in "
        f"the file (median of {repeat}, taking turns)"
    )
    print_grid(title, measures, "python -c pass")
    return [row for label, _ in COMMANDS for row in cells[label].values()]


if __name__ == "__main__":
    began = time.perf_counter()
    run()
    print(f"\n({ms(time.perf_counter() - began)})")
