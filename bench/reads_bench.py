"""Issue 12: what a read costs as the years add up, as the whole process a person runs.

``leanon status --json`` (what a status bar runs every few seconds), ``leanon status``,
``leanon people --json`` and ``leanon export --format json``, each the real console script
as a subprocess with interpreter start-up, against ``python -c pass`` in the same
environment, taking turns. At 1k, 10k, 50k (the decade) and 200k entries, so growth shows
at a glance; the goals are issue 12's at 50k and 200k. ``LEANON_NOW`` is the data's last
moment, as for a person whose file ends today. Nothing is written by these commands; each
run starts from the file as leanon's last save left it.

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
    ms,
    print_grid,
    scratch_dir,
    sized_files,
)

REPEAT = 7

COMMANDS = (
    ("status --json", ["status", "--json"]),
    ("status", ["status"]),
    ("people --json", ["people", "--json"]),
    ("export --format json", ["export", "--format", "json"]),
)
"""What is timed: the label and the words after ``leanon --db FILE``."""

GOALS: dict[str, dict[str, float]] = {
    "50k": {
        "status --json": 3.0,
        "status": 3.0,
        "people --json": 3.0,
        "export --format json": 15.0,
    },
    "200k": {
        "status --json": 4.0,
        "status": 4.0,
        "people --json": 4.0,
        "export --format json": 45.0,
    },
}
"""Issue 12's goals at the decade and at 200k, as a ratio to ``python -c pass``."""

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
    for size, data in sized_files():
        db = work / size / "leanon.json"
        db.parent.mkdir(parents=True)
        as_leanon_left_it(data.path, db)
        goals = GOALS.get(size, {})
        timed = [(label, leanon_run(db, words)) for label, words in COMMANDS]
        timed.append((FLOOR, floor_run(db)))
        for label, command in timed:
            ours, floor = compare(command, python, repeat)
            pythons.setdefault(size, []).extend(floor.samples)
            cells[label][size] = Row(f"{label}, {size}", ours, floor, goal=goals.get(label))
    measures = [
        Measure("python -c pass", {s: Row(s, Timing(tuple(t))) for s, t in pythons.items()}),
        *(Measure(label, cells[label]) for label, _ in COMMANDS),
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
