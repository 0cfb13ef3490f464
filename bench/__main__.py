"""``make bench``: every benchmark, one table each, then a line per goal.

Run ``python -m bench`` for all of them, or name some: ``python -m bench storage cli``
(storage, cli, dashboard, review, reads).
"""

from __future__ import annotations

import platform
import sys
import time

from bench import cli_bench, dashboard_bench, import_bench, reads_bench, storage_bench
from bench import review as review_bench
from bench.common import Row, ms

BENCHES = {
    "storage": storage_bench.run,  # issue 2
    "cli": cli_bench.run,  # issue 3
    "dashboard": dashboard_bench.run,  # issue 4
    "review": review_bench.run,  # issue 5
    "reads": reads_bench.run,  # issue 12
    "import": import_bench.run,  # issue 15
}


def main(argv: list[str]) -> int:
    wanted = argv or list(BENCHES)
    unknown = [name for name in wanted if name not in BENCHES]
    if unknown:
        print(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHES)}")
        return 2
    print(
        f"leanon benchmarks on {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}"
    )
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
            measured, goal = f"{row.ratio:.2f}x", f"<= {row.goal:.2f}x"
        else:
            assert row.ours is not None and row.budget is not None
            measured, goal = ms(row.ours.median), f"<= {ms(row.budget)}"
        print(f"{row.verdict}  {name}: {row.label}: {measured} (goal {goal})")
    print(
        f"\n{len(results)} goals, {sum(r.verdict == 'MISS' for _, r in results)} missed; "
        f"{time.perf_counter() - began:.0f} s in all"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
