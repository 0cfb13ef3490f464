"""``make bench``: every benchmark, one table each, then a line per goal.

Run ``python -m bench`` for all of them, or name some: ``python -m bench storage cli``
(storage, cli, dashboard, review, reads, terminal, import, encrypted). The run starts by
saying when, on which machine and at which commit it ran, so a figure quoted from it can
name its run.
"""

from __future__ import annotations

import sys
import time

from bench import (
    cli_bench,
    dashboard_bench,
    import_bench,
    pty_bench,
    reads_bench,
    sealed_bench,
    storage_bench,
)
from bench import review as review_bench
from bench.common import Row, figure, run_header, times

BENCHES = {
    "storage": storage_bench.run,  # issue 2
    "cli": cli_bench.run,  # issues 3 and 12
    "dashboard": dashboard_bench.run,  # issue 4 (in-process: where the time goes)
    "review": review_bench.run,  # issue 5
    "reads": reads_bench.run,  # issue 12
    "terminal": pty_bench.run,  # issue 12 (the real command in a pseudo-terminal)
    "import": import_bench.run,  # issue 15
    "encrypted": sealed_bench.run,  # issue 17
}


def main(argv: list[str]) -> int:
    wanted = argv or list(BENCHES)
    unknown = [name for name in wanted if name not in BENCHES]
    if unknown:
        print(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHES)}")
        return 2
    print(f"leanon benchmarks: {run_header()}")
    print("Goals are ratios against a peer measured in this same run.")
    began = time.perf_counter()
    results: list[tuple[str, Row]] = []
    for name in wanted:
        for row in BENCHES[name]():
            if row.verdict:
                results.append((name, row))
    print()
    print("Goals")
    print("-----")
    for name, row in results:
        if row.ratio is not None and row.goal is not None:
            measured, goal = times(row.ratio), f"<= {row.goal:.2f}x"
        else:
            assert row.ours is not None and row.budget is not None
            measured = figure(row.ours.median, row.unit)
            goal = f"<= {figure(row.budget, row.unit)}"
        print(f"{row.verdict}  {name}: {row.label}: {measured} (goal {goal})")
    print(
        f"\n{len(results)} goals, {sum(r.verdict == 'MISS' for _, r in results)} missed; "
        f"{time.perf_counter() - began:.0f} s in all"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
