"""The fixed moment, clock and data every dashboard test and snapshot uses."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input

from storage.clock import FixedClock
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
