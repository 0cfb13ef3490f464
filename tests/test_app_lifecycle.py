"""Pilot tests of the dashboard's life: first run, outside changes, a new day, a bad file,
the theme, the demo, and a crash that must not print anyone's entries."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest
from snapshot_apps.common import dashboard_app, fixed_clock, settle, write

from storage.store import Store
from tui import app as app_module
from tui.screens.dashboard import DashboardScreen
from tui.screens.error import ErrorScreen
from tui.screens.welcome import WelcomeScreen
from widgets.belonging import BelongingPanel
from widgets.daybar import DayBar
from widgets.last_reached import LastReached

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "leanon.json"
    with Store(path, fixed_clock()) as store:
        store.add_person("Ana", trusted=True)
    return path


def text_of(app: object, panel: type) -> str:
    return str(app.screen.query_one(panel).render().plain)  # type: ignore[attr-defined]


async def test_first_run_welcome_can_be_skipped_with_one_key(tmp_path: Path) -> None:
    path = tmp_path / "new" / "leanon.json"
    app = dashboard_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert "No reach-outs logged yet" in text_of(app, LastReached)
    assert not path.exists()  # skipping writes nothing


async def test_first_run_welcome_s_skips_when_not_typing(tmp_path: Path) -> None:
    app = dashboard_app(tmp_path / "leanon.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.set_focus(None)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


async def test_first_run_welcome_saves_trusted_people(tmp_path: Path) -> None:
    path = tmp_path / "leanon.json"
    app = dashboard_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"Sam", "enter", *"Ana", "enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
    people = Store(path, fixed_clock()).people()
    assert [(p.name, p.trusted) for p in people] == [("Ana", True), ("Sam", True)]


async def test_the_dashboard_turns_the_cycle_collector_back_on_once_it_is_drawn(
    db: Path,
) -> None:
    """The console script starts every command with the cycle collector off (it is quicker
    to start, and a command lasts well under a second); the dashboard runs for hours, so
    it must turn it on again once its first frame is up."""
    import gc

    gc.disable()
    try:
        app = dashboard_app(db)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert gc.isenabled()
    finally:
        gc.enable()


def test_a_command_starts_with_the_cycle_collector_off() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import gc, tui.entry\n"
            "tui.entry.main = lambda: print(gc.isenabled(), end='') or 7\n"
            "tui.entry.run()\n",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout) == (7, "False")


async def test_a_change_from_another_process_shows_after_a_poll(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        with Store(db, fixed_clock()) as other:  # as if `leanon belong ...` ran in another tab
            other.add_belong("a neighbour waved")
        app.poll()
        await settle(pilot)
        assert "a neighbour waved" in text_of(app, BelongingPanel)


async def test_just_now_becomes_minutes_ago_as_time_passes(db: Path) -> None:
    clock = fixed_clock()
    app = dashboard_app(db, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r", *"Sam", "enter")
        await settle(pilot)
        assert "just now" in text_of(app, LastReached)
        clock.advance(timedelta(seconds=30))
        app.poll()
        await settle(pilot)
        assert "just now" in text_of(app, LastReached)
        clock.advance(timedelta(minutes=4))
        app.poll()
        await settle(pilot)
        assert "4 minutes ago" in text_of(app, LastReached)


async def test_the_day_rolls_over_at_the_day_boundary(db: Path) -> None:
    clock = fixed_clock()
    app = dashboard_app(db, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await write(pilot, "a kind word")
        await pilot.press("enter")
        await settle(pilot)
        assert "Saturday 28 November" in str(app.screen.query_one(DayBar).render().plain)
        clock.advance(timedelta(hours=6))  # 03:03: still Saturday (days start at 04:00)
        app.poll()
        await settle(pilot)
        assert "a kind word" in text_of(app, BelongingPanel)
        clock.advance(timedelta(hours=1))  # 04:03: Sunday
        app.poll()
        await settle(pilot)
        assert "Sunday 29 November" in str(app.screen.query_one(DayBar).render().plain)
        assert "a kind word" not in text_of(app, BelongingPanel)


async def test_a_corrupt_file_shows_what_to_do_and_q_quits(tmp_path: Path) -> None:
    path = tmp_path / "leanon.json"
    path.write_text('{"entries": {"1": {"kind": "reach"', encoding="utf-8")
    app = dashboard_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ErrorScreen)
        shown = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert str(path) in shown.replace("\n", "")
        assert "truncated" in shown
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert path.read_text(encoding="utf-8") == '{"entries": {"1": {"kind": "reach"'


async def test_the_theme_is_remembered_in_the_file(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await settle(pilot)
    assert Store(db, fixed_clock()).settings.theme == "nord"
    again = dashboard_app(db)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.theme == "nord"


def test_demo_uses_a_throwaway_file_and_removes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "real.json"
    seen: list[Path] = []

    def fake_run(self: app_module.LeanonApp) -> None:
        path = self.access.store.path
        seen.append(path)
        assert path.exists() and path != real
        assert (os.stat(path.parent).st_mode & 0o777) == 0o700
        assert Store(path, fixed_clock()).counts()["reach"] > 100

    monkeypatch.setattr(app_module.LeanonApp, "run", fake_run)
    assert app_module.run_dashboard(real, fixed_clock(), demo=True) == 0
    assert seen and not seen[0].parent.exists()
    assert not real.exists()


def test_an_unknown_start_screen_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no screen called"):
        dashboard_app(tmp_path / "x.json", start_screen="nowhere")


def test_a_crash_prints_no_local_variables(tmp_path: Path) -> None:
    """Textual 8.2.8 prints crash tracebacks with locals; they would show a person's entries."""
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from datetime import datetime, timezone
        from pathlib import Path
        from storage.clock import FixedClock
        from storage.store import Store
        from tui.app import LeanonApp, make_app

        clock = FixedClock(datetime(2026, 11, 28, 21, 3, tzinfo=timezone.utc))
        path = Path({str(tmp_path / "leanon.json")!r})
        Store(path, clock).add_belong("Private-Moment-4711")

        def explode(self):
            private = self.access.store.entries()[0].text  # a local holding personal data
            raise RuntimeError("boom")

        LeanonApp.action_explode = explode
        app = make_app(path, clock)

        async def crash(pilot):
            await pilot.pause()
            app.call_later(app.action_explode)  # fails inside the app, as a real bug would
            await pilot.pause()
            await pilot.pause()

        app.run(headless=True, auto_pilot=crash)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert "RuntimeError" in result.stderr and "boom" in result.stderr
    assert "Traceback" in result.stderr
    assert "Private-Moment-4711" not in result.stderr + result.stdout


async def test_keys_typed_after_q_open_nothing(tmp_path: Path) -> None:
    """Regression: typing "qe" quickly opened today's entries while the app was closing,
    and its mount crashed (NoMatches) with a traceback instead of a quiet exit."""
    path = tmp_path / "leanon.json"
    Store(path, fixed_clock()).add_belong("a wave from the neighbour")
    app = dashboard_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        assert dashboard.check_action("today", ()) is True
        await pilot.press("q", "e")
        assert dashboard.check_action("today", ()) is False
    assert app.return_code == 0
    assert [type(s).__name__ for s in app.screen_stack] in ([], ["DashboardScreen"])


async def test_a_sync_conflict_copy_is_merged_by_the_poll_even_on_the_totals(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy a sync tool left beside the file is merged within a poll or two: the
    dashboard opens the store for it even while the totals answer, says so once, and
    keeps the copy in backups/."""
    import shutil

    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:  # its first read keeps the totals
        await settle(pilot)
    laptop = tmp_path / "laptop" / "leanon.json"
    laptop.parent.mkdir()
    shutil.copy(db, laptop)
    with Store(laptop, fixed_clock()) as other:
        other.add_belong("the other laptop's moment")
    name = "leanon.sync-conflict-20261128-210300-ABCDEFG.json"
    app = dashboard_app(db)
    said: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **_: said.append(str(message)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.access.on_totals  # type: ignore[attr-defined]
        shutil.copy(laptop, db.with_name(name))
        app.poll()
        await settle(pilot)
        assert "the other laptop's moment" in text_of(app, BelongingPanel)
        assert said == [
            f"Merged {name}, a second copy a sync tool made: 1 new entry. "
            f"It is kept as backups/leanon.json.merged-{name}."
        ]
        app.poll()
        await settle(pilot)
        assert len(said) == 1
    assert not db.with_name(name).exists()
    assert (tmp_path / "backups" / f"leanon.json.merged-{name}").exists()


async def test_a_copy_that_cannot_be_merged_is_said_once(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = "leanon.sync-conflict-20261128-210300-ABCDEFG.json"
    app = dashboard_app(db)
    said: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **_: said.append(str(message)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        db.with_name(name).write_text("half a file {")
        for _ in range(3):
            app.poll()
            await settle(pilot)
        assert len(said) == 1 and said[0].startswith(f"{name} beside your data file looks like")
    assert db.with_name(name).exists()
