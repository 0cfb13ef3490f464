"""The same gap reads the same on every screen and in the command line.

Before, at 16 to 18 days the dashboard's "Recently in touch" said "a month ago" while the
same panel's "Longest since" said "16 days" and `leanon people` said "16 days ago".
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from conftest import NOW, RunCli
from test_phrases import WORDS as PHRASES

from storage import FixedClock, Store
from storage.lookback import people_review
from widgets.last_reached import LastReached
from widgets.people_review import PeopleView, person_cells

ISSUE_DAYS = (1, 6, 7, 13, 14, 16, 29, 30, 45, 364, 365, 400)
"""The gaps issue 11 names."""

WORDS = {days: PHRASES[days] for days in ISSUE_DAYS}
"""How long ago a contact that many days back was, as tests/test_phrases.py pins it."""


def _file(db: Path) -> Store:
    store = Store(db, FixedClock(NOW))
    for days in WORDS:
        store.add_reach(f"P{days}", at=NOW - timedelta(days=days))
    store.add_reach("Sam")  # the newest, so none of the others is "last reached out"
    return store


def test_the_command_line_the_dashboard_and_the_review_agree(
    run_cli: RunCli, db_path: Path
) -> None:
    store = _file(db_path)
    summary = store.summary()

    out = run_cli("people").out
    for days, words in WORDS.items():
        assert re.search(rf"^P{days} .*\b{words}$", out, flags=re.MULTILINE), (days, out)

    panel = LastReached().content_for(summary, 60, 60).plain
    for days, words in WORDS.items():
        said = words.removesuffix(" ago")
        assert re.search(rf"P{days} +{re.escape(said)}\b", panel), (days, panel)

    starts = summary.day_starts_at
    reviews = people_review(store.entries(), store.people(), summary.today, starts)
    view = PeopleView(NOW, starts, reviews)
    cells = {str(r.person.name): str(person_cells(r, view)[1]) for r in view.people}
    assert {days: cells[f"P{days}"] for days in WORDS} == WORDS
