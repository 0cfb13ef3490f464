"""One "how long ago" for every screen and command (storage.phrases).

At 16 to 18 days the dashboard's "Recently in touch" said "a month ago" while "Longest
since" in the same panel and ``leanon people`` said "16 days": three implementations.
A gap must never read longer than it was.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import NOW, RunCli
from snapshot_apps.common import dashboard_app, settle
from textual.widgets import DataTable

from storage import FixedClock, Store
from storage.phrases import ago, days_phrase, span

WORDS = {
    1: "yesterday",
    6: "6 days ago",
    7: "7 days ago",
    13: "13 days ago",
    14: "14 days ago",
    16: "16 days ago",
    29: "29 days ago",
    30: "30 days ago",
    45: "a month ago",
    61: "2 months ago",
    364: "11 months ago",
    365: "a year ago",
    400: "1 year, 1 month ago",
    800: "2 years, 2 months ago",
}


@pytest.mark.parametrize("days, words", WORDS.items())
def test_every_gap_reads_as_it_was(days: int, words: str) -> None:
    assert ago(NOW - timedelta(days=days), NOW) == words
    assert days_phrase(days, ago=True) == words


def test_no_gap_is_said_longer_than_it_was() -> None:
    for days in range(2, 3000):
        words = span(days)
        numbers = [int(n) for n in re.findall(r"\d+", words)]
        if "year" in words:
            years = numbers[0] if numbers and "a year" not in words else 1
            months = numbers[-1] if "month" in words else 0
            assert years * 365 + months * 30 <= days, (days, words)
        elif "month" in words:
            assert (numbers[0] if numbers else 1) * 30 <= days, (days, words)
        else:
            assert numbers == [days], (days, words)


def _people_cli(run_cli: RunCli) -> dict[str, str]:
    rows = run_cli("people").out.splitlines()[1:]
    return {row.split()[0]: " ".join(row.split()[2:]) for row in rows}


async def test_the_command_line_and_the_dashboard_say_the_same(
    run_cli: RunCli, db_path: Path
) -> None:
    with Store(db_path, FixedClock(NOW)) as store:
        for days in WORDS:
            store.add_reach(f"P{days}", at=NOW - timedelta(days=days))
    cli = _people_cli(run_cli)
    assert cli == {f"P{days}": words for days, words in WORDS.items()}
    app = dashboard_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        shown = {
            str(table.get_row_at(i)[0]).strip(): str(table.get_row_at(i)[-1])
            for i in range(table.row_count)
        }
    assert shown == cli


def test_only_a_struggling_answer_gets_the_acknowledgement() -> None:
    from storage.phrases import STRUGGLING_LINE, honest_acknowledgement

    assert honest_acknowledgement(1) == STRUGGLING_LINE
    assert [honest_acknowledgement(n) for n in (2, 3, 4, 5, None)] == [None] * 5
    assert "?" not in STRUGGLING_LINE and "!" not in STRUGGLING_LINE  # no question, no alarm
