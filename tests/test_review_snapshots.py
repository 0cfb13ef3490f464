"""How the review looks: a seeded year of demo data as of the fixed clock, no cursor blink.

Update deliberately with ``.venv/bin/pytest tests/test_review_snapshots.py --snapshot-update``
and look at the SVGs before keeping them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from snapshot_apps.common import dashboard_app, fixed_clock, no_blink, settle
from textual.pilot import Pilot

from storage.demo import write_demo_file
from tui.app import LeanonApp
from tui.screens.review import ReviewScreen

Before = Callable[[Pilot[int]], Awaitable[None]]

SIZES = pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])


def year_app(folder: Path) -> LeanonApp:
    """The dashboard on a fresh seeded year (the same one the dashboard snapshots use)."""
    path = folder / "leanon.json"
    write_demo_file(path, fixed_clock(), years=1, seed=7)
    return dashboard_app(path)


def review(*keys: str) -> Before:
    """Open the review with v, wait for its numbers, press ``keys``, and let them land."""

    async def run(pilot: Pilot[int]) -> None:
        pilot.app.animation_level = "none"  # the tabs' underline slides otherwise
        await settle(pilot)
        await pilot.press("v")
        for _ in range(20):
            await settle(pilot)
            screen = pilot.app.screen
            if isinstance(screen, ReviewScreen) and screen.trends is not None:
                break
        if keys:
            await pilot.press(*keys)
            await settle(pilot)
        no_blink(pilot.app)
        await pilot.pause()

    return run


@SIZES
def test_review_calendar(snap_compare: object, tmp_path: Path, size: tuple[int, int]) -> None:
    app = year_app(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=review())  # type: ignore[operator]


def test_review_calendar_scores_a_week_back(snap_compare: object, tmp_path: Path) -> None:
    app = year_app(tmp_path)
    keys = ("t", "left", "up", "up")
    assert snap_compare(app, terminal_size=(80, 24), run_before=review(*keys))  # type: ignore[operator]


@SIZES
def test_review_trends(snap_compare: object, tmp_path: Path, size: tuple[int, int]) -> None:
    app = year_app(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=review("2", "w"))  # type: ignore[operator]


def test_review_people(snap_compare: object, tmp_path: Path) -> None:
    app = year_app(tmp_path)
    assert snap_compare(app, terminal_size=(80, 24), run_before=review("3"))  # type: ignore[operator]


def test_review_history_of_one_kind(snap_compare: object, tmp_path: Path) -> None:
    app = year_app(tmp_path)
    keys = ("5", "k", "k", "down", "down")
    assert snap_compare(app, terminal_size=(80, 24), run_before=review(*keys))  # type: ignore[operator]
