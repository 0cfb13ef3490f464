"""The person page (Enter on someone in ``p`` and in the review's People) and the person
form's birthday and rest fields, at 80x24."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from snapshot_apps.common import NOW, dashboard_app, fixed_clock, settle, write
from textual.widgets import DataTable, Input, Static

from storage.store import Store
from tui.screens.dashboard import DashboardScreen
from tui.screens.forms import FormScreen
from tui.screens.people import PeopleScreen
from tui.screens.person import PersonScreen
from tui.screens.review import ReviewScreen
from widgets.history import EntryList


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "leanon.json"
    with Store(path, fixed_clock()) as store:
        store.add_person("Ana", cadence_days=7, trusted=True)
        store.add_person("Ben", birthday="--12-03")
        store.add_reach("Ana", via="call", note="about the move", at=NOW - timedelta(days=20))
        store.add_reach("Ana", at=NOW - timedelta(days=9))
        store.add_letin("let Ana cook dinner", who="Ana", at=NOW - timedelta(days=2))
        store.add_reach("Ben", at=NOW - timedelta(days=1))
    return path


def stored(path: Path) -> Store:
    return Store(path, fixed_clock())


def facts(app: Any) -> str:
    return str(app.screen.query_one("#person-facts", Static).render())


async def open_from_people(pilot: Any, row: int = 0) -> None:
    await settle(pilot)
    await pilot.press("p")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PeopleScreen)
    pilot.app.screen.query_one(DataTable).move_cursor(row=row)
    await pilot.press("enter")
    await settle(pilot)


async def test_enter_in_people_opens_the_page_and_escape_goes_back(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_from_people(pilot)
        assert isinstance(app.screen, PersonScreen)
        text = facts(app)
        assert "Rhythm: in touch every 7 days." in text
        assert "about every 9 days (the median gap between them)" in text
        assert "Last let Ana in: 2 days ago." in text
        listing = app.screen.query_one(EntryList)
        assert [e.kind for e in listing.entries] == ["letin", "reach", "reach"]  # newest first
        assert listing.entries[-1].note == "about the move"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PeopleScreen)


async def test_r_on_the_page_logs_a_reach_out_to_them(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_from_people(pilot, row=1)  # Ben
        assert isinstance(app.screen, PersonScreen)
        assert "Ben's birthday is on Thursday, 3 December." in facts(app)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#who", Input).value == "Ben"
        await pilot.press("tab", "tab")
        await write(pilot, "a quick hello")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        listing = app.screen.query_one(EntryList)
        assert listing.entries[0].note == "a quick hello"
        assert "Last in touch: just now." in facts(app)
    assert [e.note for e in stored(db).contacts_with("Ben")][0] == "a quick hello"


async def test_a_failed_save_keeps_the_words_typed_in_the_form(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reach-out form on the page waits for its save: a failure shows there, with the
    note still typed, rather than closing and losing it."""
    from storage.errors import InvalidInput

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise InvalidInput("The disk said no.")

    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_from_people(pilot)
        monkeypatch.setattr(Store, "add_reach", refuse)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("tab", "tab")
        await write(pilot, "words I typed")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#note", Input).value == "words I typed"


async def test_enter_in_the_reviews_people_opens_the_page(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("3")  # the People tab
        await settle(pilot)
        table = app.screen.query_one("#people-table", DataTable)
        table.focus()
        table.move_cursor(row=1)  # Ben
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert app.screen.name_shown == "Ben"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)


async def test_the_form_sets_a_birthday_in_friendly_words_and_a_rest(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_from_people(pilot)  # Ana
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        birthday = app.screen.query_one("#birthday", Input)
        assert "15 April" in birthday.placeholder
        birthday.focus()
        await pilot.pause()
        await write(pilot, "15 April")
        app.screen.query_one("#resting", Input).focus()
        await pilot.pause()
        await write(pilot, "1 May")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert "Resting until 1 May 2027" in facts(app)
        assert "Birthday: 15 April." in facts(app)
    ana = stored(db).person("Ana")
    assert (ana.birthday, ana.resting_until) == ("--04-15", "2027-05-01")


async def test_the_form_refuses_a_birthday_that_is_no_day_and_keeps_it(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_from_people(pilot)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#birthday", Input).focus()
        await pilot.pause()
        await write(pilot, "31 February")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)  # still open, with what was typed
        assert app.screen.query_one("#birthday", Input).value == "31 February"
        assert "not a day there is" in str(app.screen.query_one(".form-error", Static).render())
    assert stored(db).person("Ana").birthday is None


async def test_a_rest_shows_gently_in_people_and_ending_it_from_the_form(db: Path) -> None:
    with stored(db) as store:
        store.update_person("Ana", resting_until="2026-12-20")
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert "resting until 20 December" in str(table.get_row_at(0)[1])
        await pilot.press("e")
        await settle(pilot)
        resting = app.screen.query_one("#resting", Input)
        assert resting.value == "20 December 2026"
        resting.value = ""
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PeopleScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
    assert stored(db).person("Ana").resting_until is None


async def test_the_dashboard_says_a_birthday_in_the_coming_week_quietly(db: Path) -> None:
    from widgets.last_reached import LastReached

    with stored(db) as store:
        store.update_person("Ana", birthday="1990-11-28", resting_until="2026-12-20")
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = " ".join(str(app.screen.query_one(LastReached).render().plain).split())
        assert "Ana's birthday is today." in text
        assert "Ben's birthday is on Thursday, 3 December." in text
        assert "Ana 2 days ago · let in · resting" in text  # cut short to the 80x24 panel


async def test_a_page_whose_person_is_removed_elsewhere_closes_with_a_word(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_from_people(pilot, row=1)  # Ben
        assert isinstance(app.screen, PersonScreen)
        with stored(db) as store:
            store.delete_person("Ben")
        app.screen.reload()
        await settle(pilot)
        assert isinstance(app.screen, PeopleScreen)
