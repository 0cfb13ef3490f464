"""Pilot tests of the other screens (people, today's entries, help, the palette, review) and
the drift note."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from snapshot_apps.common import dashboard_app, fixed_clock, settle, write, write_history
from snapshot_apps.year import year_app
from textual.command import CommandPalette
from textual.widgets import DataTable, Input, OptionList

from storage.insights import DRIFT_MESSAGE, DRIFT_SUGGESTION
from storage.store import Store
from tui.providers import LeanonCommands
from tui.screens.confirm import ConfirmScreen
from tui.screens.dashboard import DashboardScreen
from tui.screens.entries import EntriesScreen
from tui.screens.error import ErrorScreen
from tui.screens.forms import FormScreen
from tui.screens.help import HelpScreen, keys_of
from tui.screens.people import PeopleScreen
from tui.screens.review import ReviewScreen
from widgets.drift import DriftLine

DASHBOARD_KEYS = {"r", "h", "b", "l", "n", "p", "v", "e", "u", "z", "?", "q", "^p"}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "leanon.json"
    with Store(path, fixed_clock()) as store:
        store.add_person("Ana", cadence_days=7, trusted=True)
        store.add_person("Ben")
        store.add_reach("Ana", via="call")
        store.add_belong("a neighbour waved")
    return path


def stored(path: Path) -> Store:
    return Store(path, fixed_clock())


def table_names(app: Any) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [table.get_row_at(i)[0] for i in range(table.row_count)]


async def test_people_add_edit_trust_and_remove(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PeopleScreen)
        assert table_names(app) == ["Ana", "Ben"]

        await pilot.press("a", *"Cleo", "tab", "1", "4", "tab", "right", "enter")
        await settle(pilot)
        assert table_names(app) == ["Ana", "Ben", "Cleo"]
        cleo = stored(db).person("Cleo")
        assert (cleo.cadence_days, cleo.trusted) == (14, True)

        await pilot.press("down", "e")  # Ben: rename to Benji, rhythm 30
        await settle(pilot)
        name = app.screen.query_one("#name", Input)
        name.value = "Benji"
        await pilot.press("tab")
        await write(pilot, "30")
        await pilot.press("enter")
        await settle(pilot)
        assert table_names(app) == ["Ana", "Benji", "Cleo"]
        assert stored(db).person("Benji").cadence_days == 30

        await pilot.press("t")  # trust Benji
        await settle(pilot)
        assert stored(db).person("Benji").trusted

        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep
        await settle(pilot)
        assert table_names(app) == ["Ana", "Benji", "Cleo"]
        await pilot.press("d", "y")
        await settle(pilot)
        assert table_names(app) == ["Ana", "Cleo"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
    assert [p.name for p in stored(db).people()] == ["Ana", "Cleo"]


async def test_todays_entries_edit_in_their_form_and_delete_after_asking(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EntriesScreen)
        listing = app.screen.query_one(OptionList)
        assert listing.option_count == 2
        listing.highlighted = 0  # called Ana
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("tab", "left")  # call -> text
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntriesScreen)
        assert "texted Ana" in str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)

        await pilot.press("down", "delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen.query_one(OptionList).option_count == 1
    kinds = [(e.kind, e.via) for e in stored(db).entries()]
    assert kinds == [("reach", "text")]


async def test_help_lists_every_dashboard_key(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = {k.key for k in keys_of(app.screen)}
        assert DASHBOARD_KEYS <= keys
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


def test_every_binding_has_a_description_and_an_id() -> None:
    from textual.binding import Binding

    from tui.app import LeanonApp
    from tui.screens.welcome import WelcomeScreen
    from widgets.forms import Form
    from widgets.pickers import ChoicePicker, ScoreScale

    owners = (
        LeanonApp,
        DashboardScreen,
        PeopleScreen,
        EntriesScreen,
        ReviewScreen,
        HelpScreen,
        FormScreen,
        ConfirmScreen,
        WelcomeScreen,
        Form,
        ChoicePicker,
        ScoreScale,
    )
    for owner in owners:
        for binding in owner.BINDINGS:
            assert isinstance(binding, Binding), (owner, binding)
            assert binding.description and binding.id, (owner, binding)


async def test_palette_offers_the_keys_and_no_screenshot(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        system = [c.title for c in app.get_system_commands(app.screen)]
        assert "Screenshot" not in system
        assert "Theme" in system
        provider = LeanonCommands(app.screen)
        names = {c.name for c in provider.commands()}
        assert {"Reach", "Honest", "Belong", "Let in", "Idea", "People", "Undo"} <= names
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await write(pilot, "People")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PeopleScreen)


async def test_v_opens_the_review_on_the_dashboards_store_and_escape_returns(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert review.access is app.access
        assert review.calendar_view is not None  # it read the file, not just opened
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_start_screen_opens_people(db: Path) -> None:
    app = dashboard_app(db, start_screen="people")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PeopleScreen)


async def test_a_file_fixed_while_the_error_shows_brings_the_dashboard_back(
    tmp_path: Path,
) -> None:
    path = tmp_path / "leanon.json"
    path.write_text("[]", encoding="utf-8")
    app = dashboard_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ErrorScreen)
        path.unlink()
        Store(path, fixed_clock()).add_person("Ana")
        app.poll()
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


async def test_the_drift_note_shows_and_x_hides_it_for_a_week(tmp_path: Path) -> None:
    path = write_history(tmp_path / "leanon.json", drifting=True)
    app = dashboard_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = app.screen.query_one(DriftLine)
        assert line.display
        shown = " ".join(line.render().plain.split())
        assert shown == f"{DRIFT_MESSAGE} {DRIFT_SUGGESTION} x hide"
        assert "!" not in shown
        assert line.size.height == 1, "one calm line, even at 80 columns"
        assert "Hide note" in {c.name for c in LeanonCommands(app.screen).commands()}
        assert "x" in {k.key for k in keys_of(app.screen)}

        await pilot.press("x")
        assert not line.has_class("-shown")  # at once, while the save runs
        await settle(pilot)
        assert not line.display
        assert app.screen.check_action("hide_note", ()) is False
        assert "Hide note" not in {c.name for c in LeanonCommands(app.screen).commands()}
    assert stored(path).settings.drift_dismissed_until == "2026-12-05"  # a week on

    app = dashboard_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.screen.query_one(DriftLine).display


async def test_no_drift_note_on_the_demo_year(tmp_path: Path) -> None:
    app = year_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.screen.query_one(DriftLine).display
        assert app.screen.check_action("hide_note", ()) is False
