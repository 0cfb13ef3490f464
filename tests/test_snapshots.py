"""How the dashboard looks: snapshots with a fixed clock, seeded data and no cursor blink.

Update deliberately with ``.venv/bin/pytest tests/test_snapshots.py --snapshot-update`` and
look at the SVGs before keeping them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from snapshot_apps.common import dashboard_app, fixed_clock, no_blink, settle
from snapshot_apps.year import year_app
from textual.pilot import Pilot

from storage.store import Store

Before = Callable[[Pilot[int]], Awaitable[None]]


def after(*keys: str) -> Before:
    """Let the file load, press ``keys``, let any saves land, then stop the cursors blinking."""

    async def run(pilot: Pilot[int]) -> None:
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)
        no_blink(pilot.app)
        await pilot.pause()

    return run


def test_first_run_welcome(snap_compare: object, tmp_path: Path) -> None:
    app = dashboard_app(tmp_path / "leanon.json")
    assert snap_compare(app, terminal_size=(80, 24), run_before=after())  # type: ignore[operator]


def test_empty_dashboard_after_skipping_the_welcome(snap_compare: object, tmp_path: Path) -> None:
    app = dashboard_app(tmp_path / "leanon.json")
    assert snap_compare(app, terminal_size=(80, 24), run_before=after("escape"))  # type: ignore[operator]


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_a_year_of_data(snap_compare: object, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(year_app(tmp_path), terminal_size=size, run_before=after())  # type: ignore[operator]


def test_help_screen(snap_compare: object, tmp_path: Path) -> None:
    app = year_app(tmp_path)
    assert snap_compare(app, terminal_size=(80, 24), run_before=after("question_mark"))  # type: ignore[operator]


def test_honest_follow_up(snap_compare: object, tmp_path: Path) -> None:
    path = tmp_path / "leanon.json"
    Store(path, fixed_clock()).add_person("Ana")
    app = dashboard_app(path)
    keys = ("h", "3", "f", "i", "n", "e", "enter")
    assert snap_compare(app, terminal_size=(80, 24), run_before=after(*keys))  # type: ignore[operator]


def test_error_screen(
    snap_compare: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a relative path, so the snapshot does not hold tmp_path
    Path("leanon.json").write_text('{"entries": {"1": {"kind": "reach"', encoding="utf-8")
    app = dashboard_app(Path("leanon.json"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=after())  # type: ignore[operator]


def test_settings_screen(snap_compare: object, tmp_path: Path) -> None:
    app = year_app(tmp_path)
    assert snap_compare(app, terminal_size=(80, 24), run_before=after("s"))  # type: ignore[operator]


def test_ideas_screen(snap_compare: object, tmp_path: Path) -> None:
    app = year_app(tmp_path)
    assert snap_compare(app, terminal_size=(80, 24), run_before=after("o"))  # type: ignore[operator]


def test_person_page(snap_compare: object, tmp_path: Path) -> None:
    from datetime import timedelta

    from snapshot_apps.common import NOW

    path = tmp_path / "leanon.json"
    with Store(path, fixed_clock()) as store:
        store.add_person("Ana", cadence_days=14, trusted=True, birthday="--12-01")
        store.update_person("Ana", resting_until="2026-12-20", note="moved to Leeds in May")
        for days, via, note in (
            (40, "visit", "the new flat"),
            (26, "call", None),
            (9, "text", None),
        ):
            store.add_reach("Ana", via=via, note=note, at=NOW - timedelta(days=days))
        store.add_letin("let Ana help me carry the boxes", who="Ana", at=NOW - timedelta(days=2))
    app = dashboard_app(path)
    assert snap_compare(app, terminal_size=(80, 24), run_before=after("p", "enter"))  # type: ignore[operator]
