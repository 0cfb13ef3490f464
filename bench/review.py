"""Issue 5: computing everything the review screen shows, on the decade file.

The review's worker asks ``store.day_index()`` and then every question in storage.insights
(:func:`tui.screens.review.compute_review`, the very function the screen runs). That must
stay within a 50 ms budget on a decade of entries. For scale, the table puts it next to
loading the same file (``Store.open`` + ``entries()``), measured in the same run.

Rows:

* everything, with the day index built too: what the review pays right after a change,
  if it were the first to ask for the index.
* everything, with the index already built: what ``v`` pays when the dashboard is open,
  since the dashboard's own summary has built it.
* the keys that recompute one part: ``[`` (a year back), ``w`` (365 days), a search.
"""

from __future__ import annotations

import time

from bench.common import (
    END,
    Row,
    as_leanon_left_it,
    compare,
    decade_file,
    measure,
    ms,
    print_table,
    scratch_dir,
)
from storage import FixedClock, Store
from storage.insights import DayIndex
from storage.lookback import shift_year

REPEAT = 9
BUDGET = 0.050
"""The most computing everything on the screen may take for a decade file."""


def run(repeat: int = REPEAT) -> list[Row]:
    """Run the review benchmark, print its table, and return its rows."""
    from tui.screens.review import PARTS, Request, compute_review

    data = decade_file()
    work = scratch_dir("review")
    path = work / "leanon.json"
    as_leanon_left_it(data.path, path)  # a person's file, lock record and all
    clock = FixedClock(END)

    def load() -> None:
        with Store.open(path, clock) as store:
            store.entries()

    store = Store.open(path, clock)
    entries, people = store.entries(), store.people()
    now = store.now()
    today = store.day_of(now)
    starts = store.settings.day_starts_at
    index = DayIndex.build(entries, starts)
    request = Request()

    def cold() -> None:
        compute_review(DayIndex.build(entries, starts), people, now, today, request)

    def warm() -> None:
        compute_review(index, people, now, today, request)

    def part(name: str, asked: Request) -> None:
        compute_review(index, people, now, today, asked, frozenset({name}))

    assert set(PARTS) == {"calendar", "trends", "people", "moments", "history"}
    cold_t, load_t = compare(cold, load, repeat)
    warm_t = measure(warm, repeat)
    year_t = measure(
        lambda: part("calendar", Request(year_end=shift_year(today, -1))), repeat, warmup=1
    )
    window_t = measure(lambda: part("trends", Request(window=365)), repeat)
    search_t = measure(lambda: part("history", Request(text="sam")), repeat)
    store.close()

    rows = [
        Row(
            "everything, day index built too",
            cold_t,
            load_t,
            budget=BUDGET,
            note="a budget, not a ratio; the file's load time is beside it for scale",
        ),
        Row("everything, day index already built", warm_t, load_t, budget=BUDGET),
        Row("[ : the calendar a year back", year_t, load_t),
        Row("w : trends over 365 days", window_t, load_t),
        Row("search the history for 'sam'", search_t, load_t),
    ]
    title = (
        f"Review: decade file ({data.entries:,} entries, {data.people} people), "
        f"computing the screen vs loading the file (median of {repeat})"
    )
    print_table(title, "review", "load file", rows)
    return rows


if __name__ == "__main__":
    began = time.perf_counter()
    run()
    print(f"\n({ms(time.perf_counter() - began)})")
