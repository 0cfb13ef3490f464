"""Pilot tests of the dashboard's import (``i``, or Import in the palette): the same import
and the same preview as ``leanon import``, with a field for each mood or habit to place."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from snapshot_apps.common import NOW, Notes, dashboard_app, fixed_clock, settle, write
from textual.command import CommandPalette
from textual.widgets import Input, Static

import tui.cli
from storage.store import Store
from tui.screens.dashboard import DashboardScreen
from tui.screens.importing import ImportScreen

FIXTURES = Path(__file__).parent / "fixtures" / "imports"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "leanon.json"
    with Store(path, fixed_clock()) as store:
        store.add_reach("Mum", via="call")
    return path


def shown(app: object) -> str:
    screen = app.screen  # type: ignore[attr-defined]
    return str(screen.query_one("#import-words", Static).render())


def dry_run(db: Path, *args: str) -> list[str]:
    """What ``leanon import --dry-run`` says of the same file, less its last line."""
    out = io.StringIO()
    code = tui.cli.main(
        ["--db", str(db), "import", *args, "--dry-run"], clock=fixed_clock(), stdout=out
    )
    assert code == 0
    return out.getvalue().splitlines()[:-1]


async def test_the_palette_imports_a_daylio_export_after_a_level_for_each_mood(db: Path) -> None:
    source = FIXTURES / "daylio_oldest_polish.csv"
    app = dashboard_app(db)
    notes = Notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await write(pilot, "Import")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ImportScreen)
        await write(pilot, str(source))
        await pilot.press("enter")
        await settle(pilot)
        assert "has 5 moods leanon can't place on its scale of 1 to 5" in shown(app)
        fields = list(app.screen.query_one("#import-places").query(Input))
        titles = [str(f.border_title) for f in fields]
        assert titles == [
            "super (2 times)",
            "dobrze (1 time)",
            "tak sobie (2 times)",
            "źle (1 time)",
            "okropnie (1 time)",
        ]
        for level in "54321":
            assert app.focused in fields
            await pilot.press(level, "enter")
            await settle(pilot)
        assert stored_entries(db) == 1, "nothing is imported before the preview is confirmed"
        levels = "super=5,dobrze=4,tak sobie=3,źle=2,okropnie=1"
        assert shown(app).splitlines() == dry_run(db, str(source), "--moods", levels)
        assert "7 honest answers" in shown(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert stored_entries(db) == 8
        assert "Imported 7 entries." in notes.messages


def stored_entries(db: Path) -> int:
    return len(Store(db, fixed_clock()).entries())


async def test_i_previews_contacts_as_the_command_line_does_and_escape_imports_nothing(
    db: Path,
) -> None:
    source = FIXTURES / "contacts.vcf"
    before = db.read_bytes()
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        await write(pilot, str(source))
        await pilot.press("enter")
        await settle(pilot)
        assert shown(app).splitlines() == dry_run(db, str(source))
        assert "a birthday or rhythm for 1 person you know: Mum" in shown(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
    assert db.read_bytes() == before


async def test_a_loop_export_asks_who_each_habit_is_about(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        await write(pilot, str(FIXTURES / "loop_export"))
        await pilot.press("enter")
        await settle(pilot)
        fields = list(app.screen.query_one("#import-places").query(Input))
        assert [str(f.border_title) for f in fields] == [
            "Call Mum (5 days)",
            "Drink water (12 days)",
            "Text Sam (5 days)",
        ]
        await write(pilot, "mum")
        await pilot.press("enter")
        await settle(pilot)
        assert "  5 reach-outs" in shown(app).splitlines()
        assert "Already in your people: Mum." in shown(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
    reaches = Store(db, fixed_clock()).entries("reach")
    assert len(reaches) == 6 and {e.who for e in reaches} == {"Mum"}
    assert all(e.at <= NOW for e in reaches)


async def test_a_file_that_cannot_be_read_says_why_in_the_screen(db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "daylio.csv"
    bad.write_text(
        "full_date,date,weekday,time,mood,activities,note\n2026-11-01,x,y,25:00,good,,\n"
    )
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        for path, words in (
            (tmp_path / "nope.csv", "There is no file"),
            (db, "is your data file"),
        ):
            field = app.screen.query_one("#import-path", Input)
            field.value = str(path)
            field.focus()
            await pilot.press("enter")
            await settle(pilot)
            assert words in str(app.screen.query_one(".error", Static).render())
        field = app.screen.query_one("#import-path", Input)
        field.value = str(bad)
        await pilot.press("enter")
        await settle(pilot)
        assert "It would refuse the whole file, for 1 row:" in shown(app)
        assert "line 2: '25:00' is not a time of day" in shown(app)
        await pilot.press("enter")  # nothing to import: Enter does not import
        await settle(pilot)
        assert isinstance(app.screen, ImportScreen)
    assert stored_entries(db) == 1
