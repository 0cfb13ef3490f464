"""Pilot tests of issue 11 on the dashboard: what was typed is what is saved, every key
answers, and the words are leanon's.

Each test says what the old code did wrong in its docstring.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import RunCli
from snapshot_apps.common import (
    CET,
    NOW,
    Notes,
    burst,
    dashboard_app,
    fixed_clock,
    settle,
    write,
    write_history,
)
from textual.command import CommandPalette
from textual.widgets import DataTable, Input, OptionList, Static

from storage.store import Store
from tui.providers import LeanonCommands
from tui.screens.confirm import ConfirmScreen
from tui.screens.dashboard import DashboardScreen
from tui.screens.entries import EntriesScreen
from tui.screens.forms import FormScreen
from tui.screens.help import HelpScreen, keys_of
from tui.screens.people import PeopleScreen
from widgets.drift import DriftLine
from widgets.forms import FormField, PersonForm


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A file with Ana (every 7 days, trusted) and Ben, and nothing logged today."""
    path = tmp_path / "leanon.json"
    with Store(path, fixed_clock()) as store:
        store.add_person("Ana", cadence_days=7, trusted=True)
        store.add_person("Ben")
    return path


def stored(path: Path) -> Store:
    return Store(path, fixed_clock())


def said(notes: Notes) -> str:
    return notes.messages[-1] if notes.messages else ""


# --------------------------------------------------------------------- 1: Tab takes a name


async def test_tab_takes_the_suggested_name_in_the_reach_form(db: Path) -> None:
    """Tab moved on and "A" was logged as a new person, though the box showed "Ana"."""
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r", "A")
        await settle(pilot)
        await pilot.press("tab")
        assert app.screen.query_one("#who", Input).value == "Ana"
        assert app.focused is app.screen.query_one("#who")  # taken, not moved on
        await pilot.press("enter")
        await settle(pilot)
    [entry] = stored(db).entries("reach")
    assert entry.who == "Ana"
    assert [p.name for p in stored(db).people()] == ["Ana", "Ben"]


async def test_tab_takes_the_suggested_name_in_with_whom_and_moves_on_without_one(
    db: Path,
) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        app.screen.query_one("#what", Input).value = ""  # not today's idea
        await write(pilot, "told her about the move")
        await pilot.press("tab")  # no suggestion in "What happened": Tab moves on
        assert app.focused is app.screen.query_one("#with")
        await pilot.press("B")
        await settle(pilot)
        await pilot.press("tab", "enter")
        await settle(pilot)
    [entry] = stored(db).entries("letin")
    assert (entry.text, entry.who) == ("told her about the move", "Ben")


async def test_the_suggested_part_looks_different_without_colour(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without colour the suggestion looked like typed text: only its colour differed."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r", "A")
        await settle(pilot)
        field = app.screen.query_one("#who", FormField)
        typed = field.rich_style
        suggested = field.get_component_rich_style("input--suggestion")
        marks = ("italic", "underline", "dim")
        assert any(getattr(suggested, m) and not getattr(typed, m) for m in marks)


# --------------------------------------------------------------------- 3: a burst of keys


async def test_the_rhythm_typed_in_one_burst_is_saved_as_typed(db: Path) -> None:
    """``e``, Tab, backspace, 4, 5, Enter at paste speed saved "every 4 days" (the
    backspace ran after the digits), and with ``e`` in the burst the name became "45"."""
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        for rhythm in ("45", "14", "45", "3", "45", "21", "45", "14", "45", "10"):
            burst(pilot, "e", "tab", "backspace", "backspace", "ctrl+u", *rhythm, "enter")
            await settle(pilot)
            assert isinstance(app.screen, PeopleScreen)
            ana = stored(db).person("Ana")
            assert (ana.name, ana.cadence_days) == ("Ana", int(rhythm))


async def test_every_form_typed_in_one_burst_saves_what_was_typed(db: Path) -> None:
    """Keys after Tab went into the field Tab was leaving, and bound keys (backspace, the
    arrows) ran after the letters typed after them."""
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(pilot, "r", *"Samx", "backspace", "tab", "right", "tab", *"hi", "enter")
        await settle(pilot)
        burst(pilot, "h", "4", *"tired, but ok", "enter")
        await settle(pilot)
        burst(pilot, "b", *"a wave", "left", "left", "left", "left", *"big ", "enter")
        await settle(pilot)
        burst(pilot, "l", "ctrl+u", *"said yes", "tab", *"Ana", "enter")
        await settle(pilot)
        burst(pilot, "p", "a", *"Cleo", "tab", *"12", "tab", "right", "enter", "escape")
        await settle(pilot)
    store = stored(db)
    [reach] = store.entries("reach")
    assert (reach.who, reach.via, reach.note) == ("Sam", "call", "hi")
    [honest] = store.entries("honest")
    assert (honest.score, honest.text) == (4, "tired, but ok")
    [belong] = store.entries("belong")
    assert belong.text == "a big wave"
    [letin] = store.entries("letin")
    assert (letin.text, letin.who) == ("said yes", "Ana")
    cleo = store.person("Cleo")
    assert (cleo.cadence_days, cleo.trusted) == (12, True)


# --------------------------------------------------------------------- 12: keys that say so


async def test_e_and_u_with_nothing_to_act_on_say_so(tmp_path: Path) -> None:
    """``e`` with nothing logged today and ``u`` with nothing to undo did nothing at all."""
    path = tmp_path / "leanon.json"
    with Store(path, fixed_clock()) as store:
        store.add_person("Ana")
        store.undo()  # the file exists, but there is nothing left to undo
    app = dashboard_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notes = Notes(app)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert said(notes) == "Nothing logged today yet."
        assert "Undo" in {c.name for c in LeanonCommands(app.screen).commands()}  # not dimmed
        await pilot.press("u")
        await settle(pilot)
        assert said(notes) == "Nothing to undo."


# --------------------------------------------------------------------- 13: u where it changes


async def test_u_in_todays_entries_brings_a_removed_entry_back(db: Path) -> None:
    """The delete dialog said "You can bring it back with u (undo)", but u did nothing."""
    with stored(db) as store:
        store.add_reach("Ana", via="call")
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notes = Notes(app)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert "u (undo)" in str(app.screen.query_one(Static).render())
        await pilot.press("y")
        await settle(pilot)
        assert stored(db).entries() == []
        assert isinstance(app.screen, DashboardScreen)  # the list emptied: it closed
        await pilot.press("e")
        await settle(pilot)
        assert said(notes) == "Nothing logged today yet."

    with stored(db) as store:
        store.add_reach("Ana", via="call")
        store.add_belong("a wave")
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notes = Notes(app)
        await pilot.press("e", "d", "y")
        await settle(pilot)
        assert app.screen.query_one(OptionList).option_count == 1
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, EntriesScreen)
        assert app.screen.query_one(OptionList).option_count == 2
        assert said(notes) == "Undone: the removal of a moment of belonging: a wave"
    assert len(stored(db).entries()) == 2


async def test_u_on_the_people_screen_brings_someone_back(db: Path) -> None:
    """The remove dialog promised "u (undo) brings them back"; u did nothing there."""
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p", "down", "d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        hint = str(app.screen.query(Static).last().render())
        assert hint == "y remove · n keep them"
        await pilot.press("y")
        await settle(pilot)
        assert [p.name for p in stored(db).people()] == ["Ana"]
        await pilot.press("u")
        await settle(pilot)
        assert app.screen.query_one(DataTable).row_count == 2
    assert [p.name for p in stored(db).people()] == ["Ana", "Ben"]


# --------------------------------------------------------------------- 14: the hidden note


async def test_x_says_the_note_is_hidden_and_u_brings_it_back(tmp_path: Path) -> None:
    """``x`` said nothing, and the next ``u`` undid an honest answer logged the day before
    from the shell instead of bringing the note back."""
    path = write_history(tmp_path / "leanon.json", drifting=True)
    with Store(path, FixedYesterday()) as store:
        store.add_honest(3, "a long week")  # from the shell, the day before
    app = dashboard_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notes = Notes(app)
        line = app.screen.query_one(DriftLine)
        assert line.display
        await pilot.press("x")
        await settle(pilot)
        assert not line.display
        assert said(notes) == "The note is hidden until Saturday 5 December. u brings it back."
        await pilot.press("u")
        await settle(pilot)
        assert line.display
        assert said(notes) == "Undone: hiding the drift note"
    assert stored(path).settings.drift_dismissed_until is None
    assert [e.text for e in stored(path).entries("honest")][-1] == "a long week"


class FixedYesterday:
    """A clock a day before the tests' now."""

    def now(self) -> datetime:
        return NOW - timedelta(days=1)


# --------------------------------------------------------------------- 15: Textual's words


async def test_the_palette_has_no_second_help_and_ctrl_c_speaks_leanon(db: Path) -> None:
    """The palette's "Keys" opened Textual's key panel (the dashboard squeezed to 50
    columns, Esc did not close it); ctrl+c said "Do you want to quit? Press ctrl+q..."."""
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "Keys" not in titles and "Theme" in titles
        notes = Notes(app)
        await pilot.press("ctrl+c")
        await settle(pilot)
        assert said(notes) == "To close leanon, press q (or ctrl+q while typing)."
        assert "Do you want to quit?" not in " ".join(notes.messages)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await write(pilot, "Help")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)  # leanon's own list of keys
        assert not app.screen.query("HelpPanel")


async def test_the_palette_key_is_called_commands_not_palette(db: Path) -> None:
    """The footer of the people screen said Textual's "^p palette"."""
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        footer = " ".join(str(key.render()) for key in app.screen.query("FooterKey"))
        assert "palette" not in footer
        assert "Commands" in footer


# --------------------------------------------------------------------- 16: Home, End, j, k


async def test_home_end_j_and_k_move_through_people_and_todays_entries(db: Path) -> None:
    """Home and End did nothing on the people screen; j and k nowhere."""
    with stored(db) as store:
        store.add_person("Cleo")
        store.add_reach("Ana")
        store.add_belong("a wave")
        store.add_letin("said yes")
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        await pilot.press("end")
        assert table.cursor_row == 2
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("j", "j")
        assert table.cursor_row == 2
        await pilot.press("k")
        assert table.cursor_row == 1
        listed = {k.key for k in keys_of(app.screen)}
        assert {"home", "end", "j", "k"} <= listed
        await pilot.press("escape", "e")
        await settle(pilot)
        entries = app.screen.query_one(OptionList)
        assert entries.highlighted == 2  # the newest
        await pilot.press("k", "k")
        assert entries.highlighted == 0
        await pilot.press("j")
        assert entries.highlighted == 1
        await pilot.press("end")
        assert entries.highlighted == 2
        assert {"j", "k", "home", "end", "u"} <= {k.key for k in keys_of(app.screen)}


# --------------------------------------------------------------------- 17: the help box


@pytest.mark.parametrize("screen_keys", [(), ("v",), ("p",)], ids=["dashboard", "review", "people"])
async def test_the_help_box_fits_80x24_indents_and_scrolls_to_its_last_line(
    db: Path, screen_keys: tuple[str, ...]
) -> None:
    """``ctrl+pCommands`` had no space, a wrapped description started under the keys, and
    the last line was below the box edge and out of reach of scrolling."""
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        if screen_keys:
            await pilot.press(*screen_keys)
            await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        box = help_screen.query_one("#help")
        assert box.region.bottom <= 24
        keys = list(help_screen.query(".key"))
        words = list(help_screen.query(".words"))
        assert keys and len(keys) == len(words)
        edge = max(k.region.right for k in keys)
        assert all(w.region.x >= edge for w in words)  # every line of words, wrapped too
        shown = [str(k.render()).strip() for k in keys]
        assert "^p" in shown
        await pilot.press("end")
        await settle(pilot)
        last = words[-1]
        assert "Commands" in str(last.render())
        assert box.content_region.contains_region(last.region)


# --------------------------------------------------------------------- 20: when, and rest days


async def test_z_marks_a_rest_day_and_says_it_wont_break_a_streak(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notes = Notes(app)
        assert "z" in {k.key for k in keys_of(app.screen)}
        await pilot.press("z")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert said(notes) == "Logged: a rest day. It won't break a streak."
    [rest] = stored(db).entries("rest")
    assert rest.at == NOW


async def test_a_reach_out_logged_for_yesterday(db: Path) -> None:
    """No form had a "when": a wrong day could only be fixed from the shell."""
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notes = Notes(app)
        await pilot.press("r", *"Ana", "tab", "tab", "tab")
        assert app.focused is app.screen.query_one("#when")  # last, after the others
        await write(pilot, "yesterday")
        await pilot.press("enter")
        await settle(pilot)
        assert said(notes) == "Logged: texted Ana, yesterday"
        await pilot.press("z", *"2d", "enter")
        await settle(pilot)
        assert said(notes) == "Logged: a rest day, 2 days ago. It won't break a streak."
    store = stored(db)
    [reach] = store.entries("reach")
    assert reach.at == datetime(2026, 11, 27, 12, tzinfo=CET)
    [rest] = store.entries("rest")
    assert rest.at == NOW - timedelta(days=2)


@pytest.mark.parametrize("kind_key", ["r", "h", "b", "l", "z"])
async def test_every_logging_form_ends_with_when(db: Path, kind_key: str) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(kind_key)
        await settle(pilot)
        fields = list(app.screen.query("Input, ChoicePicker, ScoreScale"))
        assert fields[-1].id == "when"
        assert fields[-1].region.bottom <= 24


async def test_a_bad_when_is_the_command_lines_error_inside_the_form(
    db: Path, run_cli: RunCli
) -> None:
    cli = run_cli("reach", "Ana", "--at", "last tuesday", "--db", db)
    assert cli.code == 2
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r", *"Ana", "tab", "tab", "tab")
        await write(pilot, "last tuesday")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)  # nothing saved, the form still open
        error = str(app.screen.query_one(".form-error", Static).render())
        assert f"leanon: {error}" == cli.err_lines[0]
        assert app.screen.query_one("#who", Input).value == "Ana"
        assert app.screen.query_one("#when", Input).value == "last tuesday"
        assert app.focused is app.screen.query_one("#when")
    assert stored(db).entries() == []


async def test_editing_an_entrys_time_in_todays_entries(db: Path) -> None:
    with stored(db) as store:
        store.add_reach("Ana", via="call", at=NOW - timedelta(hours=2))
        store.add_rest()
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one(OptionList).highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        when = app.screen.query_one("#when", Input)
        assert when.value == "2026-11-28 19:03"  # the entry's own time
        await pilot.press("tab", "left", "tab", "tab")  # call -> text; the note; when
        assert app.focused is when
        when.value = ""
        await write(pilot, "2026-11-27 18:30")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntriesScreen)
        await pilot.press("enter")  # the rest day: only its time to edit
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("enter")  # left as it was
        await settle(pilot)
    store = stored(db)
    [reach] = store.entries("reach")
    assert (reach.via, reach.at) == ("text", datetime(2026, 11, 27, 18, 30, tzinfo=CET))
    [rest] = store.entries("rest")
    assert rest.at == NOW


async def test_an_edit_left_as_it_was_keeps_its_time_to_the_second(tmp_path: Path) -> None:
    """The field shows minutes in the wall clock's offset; an edit that leaves it must not
    move the entry (seconds, or another offset, as after a change of summer time)."""
    path = tmp_path / "leanon.json"
    summer = datetime(2026, 11, 28, 8, 15, 42, tzinfo=timezone(timedelta(hours=2)))
    with Store(path, fixed_clock()) as store:
        store.add_belong("a wave", at=summer)
    app = dashboard_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e", "enter")
        await settle(pilot)
        await write(pilot, " back")
        await pilot.press("enter")
        await settle(pilot)
    [belong] = stored(path).entries("belong")
    assert (belong.text, belong.at) == ("a wave back", summer)


# --------------------------------------------------------------------- words


async def test_the_person_form_asks_one_plain_question_about_trust(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p", "a")
        await settle(pilot)
        form = app.screen.query_one(PersonForm)
        titles = [str(w.border_title) for w in form.query("Input, ChoicePicker")]
        assert "Someone you trust?  (←/→)" in titles
        assert not any("lean on" in t for t in titles)
