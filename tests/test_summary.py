"""Unit tests of storage.summary: ``with_logged`` (the dashboard's view of an entry not yet
saved) and the drift note the summary carries.

The dashboard draws a new entry the moment Enter is pressed, from ``with_logged``, and the
summary read back after the save replaces it a moment later. The two must read the same,
or the panels would jump when the save lands.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from snapshot_apps.common import write_history

from storage import FixedClock, Store
from storage.insights import DRIFT_MESSAGE, DRIFT_SUGGESTION, drift_dismissed_until
from storage.records import Entry
from storage.summary import Summary, with_logged

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 28, 21, 3, tzinfo=CET)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """Ana is overdue, Sam was in touch two days ago, Jo never; a moment of belonging today."""
    store = Store(tmp_path / "leanon.json", FixedClock(NOW))
    store.add_person("Ana", cadence_days=7, trusted=True)
    store.add_person("Jo")
    store.add_reach("Ana", via="call", at=NOW - timedelta(days=10))
    store.add_reach("Sam", at=NOW - timedelta(days=2))
    store.add_honest(2, "tired", at=NOW - timedelta(days=1))
    store.add_belong("the baker waved", at=NOW - timedelta(hours=2))
    return store


def view(summary: Summary) -> dict[str, Any]:
    """What ``with_logged`` promises to get right, with entry ids left out (a draft has none)."""

    def bare(entry: Entry | None) -> Entry | None:
        return None if entry is None else replace(entry, id="")

    return {
        "last_reach": bare(summary.last_reach),
        "people": [
            (s.person, bare(s.last_contact), s.days_since, s.overdue, s.days_over)
            for s in summary.people
        ],
        "overdue": [s.person.name for s in summary.overdue],
        "today_entries": [bare(e) for e in summary.today_entries],
        "today_honest": bare(summary.today_honest),
        "today_belong": [bare(e) for e in summary.today_belong],
        "honest_by_day": summary.honest_by_day,
        "counts": summary.counts,
    }


CASES: dict[str, tuple[Entry, Callable[[Store], object]]] = {
    "reach an overdue person": (
        Entry("", "reach", NOW, who="Ana", via="visit", note="tea"),
        lambda s: s.add_reach("Ana", via="visit", note="tea"),
    ),
    "reach someone typed in another case": (
        Entry("", "reach", NOW, who="sam", via="text"),
        lambda s: s.add_reach("sam"),
    ),
    "reach someone new": (
        Entry("", "reach", NOW, who="Kim", via="call"),
        lambda s: s.add_reach("Kim", via="call"),
    ),
    "let someone in": (
        Entry("", "letin", NOW, who="Jo", text="let Jo cook"),
        lambda s: s.add_letin("let Jo cook", who="Jo"),
    ),
    "answer honestly": (
        Entry("", "honest", NOW, score=4, text="better"),
        lambda s: s.add_honest(4, "better"),
    ),
    "note a moment": (
        Entry("", "belong", NOW, text="a nod on the stairs"),
        lambda s: s.add_belong("a nod on the stairs"),
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_the_drawn_summary_reads_as_the_saved_one(store: Store, case: str) -> None:
    draft, save = CASES[case]
    drawn = with_logged(store.summary(), draft)
    save(store)
    assert view(drawn) == view(store.summary())


def test_two_drafts_in_a_row_read_as_both_saved(store: Store) -> None:
    drawn = store.summary()
    for draft in CASES["reach someone new"][0], CASES["note a moment"][0]:
        drawn = with_logged(drawn, draft)
    store.add_reach("Kim", via="call")
    store.add_belong("a nod on the stairs")
    assert view(drawn) == view(store.summary())


def test_what_a_draft_leaves_alone(store: Store) -> None:
    before = store.summary()
    drawn = with_logged(before, CASES["reach an overdue person"][0])
    assert (drawn.now, drawn.today, drawn.suggestion) == (
        before.now,
        before.today,
        before.suggestion,
    )
    assert (drawn.connection, drawn.honest) == (before.connection, before.honest)


# --------------------------------------------------------------------- the drift note


def test_a_quiet_fortnight_with_falling_answers_brings_the_drift_note(tmp_path: Path) -> None:
    path = write_history(tmp_path / "leanon.json", drifting=True)
    note = Store(path, FixedClock(NOW)).summary().drift
    assert note is not None
    assert (note.message, note.suggestion) == (DRIFT_MESSAGE, DRIFT_SUGGESTION)
    assert (note.recent_days, note.earlier_days) == (2, 90)


def test_a_steady_history_has_no_drift_note(tmp_path: Path) -> None:
    path = write_history(tmp_path / "leanon.json", drifting=False)
    assert Store(path, FixedClock(NOW)).summary().drift is None


def test_a_hidden_drift_note_stays_hidden_for_a_week(tmp_path: Path) -> None:
    path = write_history(tmp_path / "leanon.json", drifting=True)
    store = Store(path, FixedClock(NOW))
    store.dismiss_drift_until(date.fromisoformat(drift_dismissed_until(NOW.date())))
    assert store.summary().drift is None
    # Hidden six days ago: still hidden today, and back tomorrow, a week after it was hidden
    # (tomorrow's fortnight still reads as drift).
    six_days_ago = NOW.date() - timedelta(days=6)
    store.dismiss_drift_until(date.fromisoformat(drift_dismissed_until(six_days_ago)))
    assert store.summary().drift is None
    tomorrow = Store(path, FixedClock(NOW + timedelta(days=1)))
    assert tomorrow.summary().drift is not None


# --- the idea of the day ------------------------------------------------------------------


def test_the_idea_stays_after_an_answer_a_log_and_a_rhythm_edit(tmp_path: Path) -> None:
    """Before, a fine answer or a changed rhythm picked a different idea without ``n``."""
    changed = []
    for day in range(40):
        now = NOW + timedelta(days=day)
        with Store(tmp_path / f"d{day}.json", FixedClock(now)) as store:
            store.add_person("Ana", cadence_days=7)
            store.add_person("Jo", cadence_days=30)
            store.add_reach("Ana", at=now - timedelta(days=10))
            first = store.summary().suggestion
            store.add_honest(4, "a good walk")
            store.add_reach("Jo", via="call")
            store.update_person("Ana", cadence_days=30)
            if store.summary().suggestion != first:
                changed.append(day)
    assert changed == []


def test_a_low_answer_makes_the_idea_tiny_and_a_tiny_idea_stays(tmp_path: Path) -> None:
    kept = switched = 0
    for day in range(60):
        now = NOW + timedelta(days=day)
        with Store(tmp_path / f"d{day}.json", FixedClock(now)) as store:
            store.add_person("Ana", trusted=True)
            first = store.summary().suggestion
            store.add_honest(1, "struggling")
            after = store.summary().suggestion
            assert after.suggestion.effort == "tiny"
            if first.suggestion.effort == "tiny":
                assert after == first
                kept += 1
            else:
                switched += 1
            store.add_honest(5, "a bit better now")
            assert store.summary().suggestion == after  # a low answer keeps the day gentle
    assert kept and switched  # both cases were met


def test_no_first_idea_is_a_bigger_step(tmp_path: Path) -> None:
    """A brand-new person, and anyone, starts each day with a tiny or small idea."""
    efforts = set()
    for day in range(120):
        with Store(tmp_path / f"d{day}.json", FixedClock(NOW + timedelta(days=day))) as store:
            efforts.add(store.summary().suggestion.suggestion.effort)
            store.skip_suggestion()
    assert efforts == {"tiny", "small"}


def test_a_hard_yesterday_starts_today_with_a_tiny_idea(tmp_path: Path) -> None:
    for day in range(30):
        now = NOW + timedelta(days=day)
        with Store(tmp_path / f"d{day}.json", FixedClock(now)) as store:
            store.add_honest(1, at=now - timedelta(days=1))
            assert store.summary().suggestion.suggestion.effort == "tiny"
