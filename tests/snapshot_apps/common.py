"""The fixed moment, clock and data every dashboard test and snapshot uses."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input

from storage.clock import FixedClock
from storage.records import Entry, Person
from storage.store import Store
from tui.app import LeanonApp, make_app

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 28, 21, 3, tzinfo=CET)
"""Saturday evening, 28 November 2026: every test's "now"."""


def fixed_clock() -> FixedClock:
    """A clock stopped at :data:`NOW`."""
    return FixedClock(NOW)


def dashboard_app(
    path: Path,
    clock: FixedClock | None = None,
    *,
    demo: bool = False,
    start_screen: str | None = None,
) -> LeanonApp:
    """The real app on ``path`` with a fixed clock."""
    return make_app(path, clock or fixed_clock(), demo=demo, start_screen=start_screen)


async def settle(pilot: Pilot[int]) -> None:
    """Wait until every storage worker is done and its Messages have been handled."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def no_blink(app: App[object]) -> None:
    """Stop every text cursor on the screen from blinking, so snapshots are stable."""
    for field in app.screen.query(Input):
        field.cursor_blink = False


async def write(pilot: Pilot[int], text: str) -> None:
    """Type ``text`` into the focused input at once (one key press per character is slow)."""
    field = pilot.app.focused
    assert isinstance(field, Input), f"expected an Input to have focus, not {field!r}"
    field.insert_text_at_cursor(text)
    await pilot.pause()


def burst(pilot: Pilot[int], *keys: str) -> None:
    """Send ``keys`` the way a paste, a macro or a fast typist does: all at once, without
    waiting for any of them to be handled (``pilot.press`` waits after each key). Follow it
    with :func:`settle`."""
    app = pilot.app
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app.post_message(event)


class Notes:
    """Records the App's notifications (toasts) as they are made."""

    def __init__(self, app: Any) -> None:
        self.messages: list[str] = []
        original = app.notify

        def notify(message: str, **kwargs: Any) -> None:
            self.messages.append(message)
            original(message, **kwargs)

        app.notify = notify


FALLING_SCORES = (4, 4, 3, 3, 2, 2)
"""Honest answers over the last two weeks of a drifting file, oldest first."""


def write_history(path: Path, *, drifting: bool) -> Path:
    """A file of 104 days ending today (:data:`NOW`), in one import.

    Steady: a reach-out every day and an answer of 3 every other day. Drifting: a reach-out
    every day for the 90 days before the last two weeks, then two in those two weeks, and
    answers falling 4, 4, 3, 3, 2, 2 (what ``storage.insights.drift`` calls drift).
    """
    today = NOW.date()
    first_recent = today - timedelta(days=13)

    def noon(day: date, hour: int = 12) -> datetime:
        return datetime(day.year, day.month, day.day, hour, tzinfo=CET)

    entries: list[Entry] = []
    for back in range(103, -1, -1):
        day = today - timedelta(days=back)
        recent = day >= first_recent
        if not drifting or not recent or day in (first_recent + timedelta(days=2), today):
            entries.append(Entry(f"r{back}", "reach", noon(day), who="Ana", via="text"))
    scores: Sequence[int] = FALLING_SCORES if drifting else (3,) * 7
    for i, score in enumerate(scores):
        day = first_recent + timedelta(days=2 * i)
        entries.append(Entry(f"h{i}", "honest", noon(day, 20), score=score, text="ok"))
    entries.sort(key=lambda e: e.at)
    with Store(path, fixed_clock()) as store:
        store.import_records([Person("Ana", cadence_days=7, trusted=True)], entries)
    return path
