"""Pilot tests of a data file whose names and notes hold terminal controls and markup.

A name or a note holds whatever the command line, an import or a hand edit put there: ESC
sequences that set the terminal's title or paint it, BEL, U+009B (CSI in one character),
U+202E (which turns the rest of a line around), a zero-width space, and text that looks
like Textual markup. The dashboard used to draw all of it raw, so a person named
``Evil<ESC>]0;pwned<BEL>`` retitled the terminal and pushed the People table out of line,
and it read toasts, table cells, option prompts, form titles and the confirm question as
markup: a person named ``[/]`` crashed the people screen, and a toast saying "Logged:
texted [@click=app.quit]Sam[/]" was a button that quit.

Each test checks the whole frame (what the terminal is sent) for raw control and format
characters, that the escapes (``\\x1b``) are what is shown instead, that the app is still
running, and that the file still holds the raw names: only the drawing is escaped.
``run_test`` leaves toasts out unless asked (``notifications=True``), so these ask.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from snapshot_apps.common import NOW, dashboard_app, fixed_clock, settle, write
from textual.geometry import Region
from textual.widgets import DataTable, Input, OptionList

from storage.fields import visible
from storage.store import Store
from tui.screens.confirm import ConfirmScreen
from tui.screens.dashboard import DashboardScreen
from tui.screens.entries import EntriesScreen
from tui.screens.forms import FormScreen
from tui.screens.people import PeopleScreen
from tui.screens.review import ReviewScreen
from tui.screens.welcome import WelcomeScreen
from widgets.belonging import BelongingPanel
from widgets.honest import HonestPanel
from widgets.last_reached import LastReached

EVIL = "Evil\x1b]0;pwned\x07"
"""ESC ] ... BEL: sets the terminal's title (and hides itself)."""

RED = "Red\x1b[41mX\x1b[0m"
"""ESC [ 41 m: paints the terminal red."""

CSI = "Csi\x9b31mC"
"""U+009B is ESC [ in one C1 character, to terminals that read C1 controls."""

RLO = "Abc\u202eedcba"
"""U+202E right-to-left override: the rest of the line reads backwards."""

CLICK = "[@click=app.quit]Sam[/]"
"""Markup for a link that quits the app."""

CLOSE = "[/]"
"""Markup that closes nothing: an error when read as markup."""

NOTE = "see \x1b[2J you"
"""ESC [ 2 J clears the screen."""

WORDS = "tired\u200bbut ok\x1b[5m"
"""A zero-width space, and ESC [ 5 m (blink)."""

MOMENT = "a bell\x07 rang"
"""BEL rings the terminal."""

NAMES = (EVIL, RED, CSI, RLO, CLICK, CLOSE)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Everyone above, in touch 10 days ago or today; an answer, a moment, a let-in."""
    path = tmp_path / "leanon.json"
    earlier = NOW - timedelta(days=10)
    with Store(path, fixed_clock()) as store:
        store.add_person(EVIL, cadence_days=7)  # past their rhythm
        store.add_reach(EVIL, via="call", note=NOTE, at=earlier)
        for name in (CSI, RLO):
            store.add_reach(name, at=earlier)
        store.add_reach(CLOSE, via="visit", at=NOW - timedelta(hours=3))
        store.add_reach(CLICK, note=CLOSE, at=NOW - timedelta(hours=2))
        store.add_honest(3, WORDS, at=NOW - timedelta(hours=1))
        store.add_belong(MOMENT, at=NOW - timedelta(minutes=30))
        store.add_letin("asked for help \u202eplease", who=RLO, at=NOW - timedelta(minutes=20))
        store.add_reach(RED, note=NOTE, at=NOW - timedelta(minutes=10))  # the last one
    return path


# --------------------------------------------------------------------- looking at the screen


def raw_controls(text: str) -> set[str]:
    """The characters in ``text`` a terminal must never be sent raw (line breaks aside)."""
    return {c for c in text if c != "\n" and visible(c) != c}


def frame(app: Any) -> str:
    """The whole frame, every layer (toasts, and the screen under a dialog), as plain text:
    Textual's SVG export of what it would send the terminal, unescaped."""
    return html.unescape(app.export_screenshot())


def drawn(app: Any) -> str:
    """The lines every widget of the screen in front draws, borders and titles included."""
    lines: list[str] = []
    for widget in app.screen.query("*"):
        width, height = widget.outer_size
        if widget.display and width and height:
            lines.extend(s.text for s in widget.render_lines(Region(0, 0, width, height)))
    return "\n".join(lines)


def assert_safe(app: Any) -> str:
    """The app still runs and draws no raw control or format character; what it draws."""
    assert app.is_running, "the app stopped (markup in a name ran an action or crashed it)"
    text = drawn(app)
    found = raw_controls(frame(app)) | raw_controls(text)
    assert not found, f"drawn raw: {sorted(map(repr, found))}"
    return text


def toasts(app: Any) -> list[str]:
    """What each toast on the screen says (its title and message)."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]


def strings_in(path: Path) -> set[str]:
    """Every string in the data file, read as JSON without leanon's help."""

    def walk(value: object) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)

    return set(walk(json.loads(path.read_text(encoding="utf-8"))))


def stored(path: Path) -> Store:
    return Store(path, fixed_clock())


# --------------------------------------------------------------------- the tests


async def test_the_dashboard_panels_show_escapes_and_keep_their_columns(db: Path) -> None:
    """The panels drew names, notes and answers raw: ESC [ 2 J cleared the screen."""
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        text = assert_safe(app)
        last = str(app.screen.query_one(LastReached).render())
        assert r"You texted Red\x1b[41mX\x1b[0m" in last
        assert r'"see \x1b[2J you"' in last
        assert r"tired\u200bbut ok\x1b[5m" in str(app.screen.query_one(HonestPanel).render())
        assert r"a bell\x07 rang" in str(app.screen.query_one(BelongingPanel).render())
        # The name column is measured on the drawn names, so the details line up after it.
        rows = [line for line in last.splitlines() if line[:2] in ("▸ ", "  ")]
        assert rows[:3] == [
            r"▸ Evil\x1b]0;pw… 10 days · every we…",
            r"  Csi\x9b31mC    10 days",
            r"  Abc\u202eedcba 20 minutes ago · l…",
        ], last
        assert r"▸ Evil\x1b]0;pw… 10 days" in text
    assert set(NAMES) <= strings_in(db)


async def test_the_people_screen_and_its_forms_show_names_as_they_are(db: Path) -> None:
    """A str cell in a DataTable is markup: ``[/]`` crashed the people screen; the edit
    form's title ("Edit NAME") and its error line were markup too."""
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PeopleScreen)
        text = assert_safe(app)
        for shown in (r"Evil\x1b]0;pwned\x07", r"Red\x1b[41mX\x1b[0m", r"Csi\x9b31mC"):
            assert shown in text
        assert r"Abc\u202eedcba" in text
        assert CLICK in text and "[/]" in text
        assert app.screen.query_one(DataTable).row_count == len(NAMES)

        names = [s.person.name for s in app.screen.statuses]
        app.screen.query_one(DataTable).move_cursor(row=names.index(EVIL))
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        text = assert_safe(app)
        assert r"Edit Evil\x1b]0;pwned\x07" in text
        field = app.screen.query_one("#name", Input)
        assert field.value == EVIL  # the stored name, to save as it is
        assert "Evil␛]0;pwned" in text  # the field marks the ESC in one cell
        await pilot.press("enter")  # save without a change
        await settle(pilot)
        assert isinstance(app.screen, PeopleScreen)
        assert_safe(app)

        names = [s.person.name for s in app.screen.statuses]
        app.screen.query_one(DataTable).move_cursor(row=names.index(CLOSE))
        await pilot.press("e")
        await settle(pilot)
        assert "Edit [/]" in assert_safe(app)
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("a")  # someone who is there already: the error quotes the name
        await settle(pilot)
        await write(pilot, CLOSE)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "[/] is already in your people." in assert_safe(app)
        assert any("[/] is already in your people." in t for t in toasts(app))
        await pilot.press("escape")
        await settle(pilot)

        names = [s.person.name for s in app.screen.statuses]
        app.screen.query_one(DataTable).move_cursor(row=names.index(CLICK))
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert f"Remove {CLICK} from your people?" in assert_safe(app)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, PeopleScreen)
        assert_safe(app)
    assert {p.name for p in stored(db).people()} == set(NAMES)
    assert set(NAMES) <= strings_in(db)


async def test_todays_entries_their_edit_and_the_confirm_question(db: Path) -> None:
    """An option's str prompt is markup, and so was the question "Remove “…”?"."""
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EntriesScreen)
        text = assert_safe(app)
        assert r"texted Red\x1b[41mX\x1b[0m" in text
        assert f"texted {CLICK}" in text and "visited [/]" in text
        assert r'honest answer 3 (getting by): "tired\u200bbut ok\x1b[5m"' in text

        listing = app.screen.query_one(OptionList)
        prompts = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        listing.highlighted = next(i for i, p in enumerate(prompts) if CLICK in p)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert f"Remove “texted {CLICK}”?" in assert_safe(app)
        await pilot.press("n")
        await settle(pilot)

        listing.highlighted = next(i for i, p in enumerate(prompts) if "Red" in p)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        text = assert_safe(app)
        assert app.screen.query_one("#who", Input).value == RED
        assert app.screen.query_one("#note", Input).value == NOTE
        assert "Red␛[41mX␛[0m" in text
        await pilot.press("enter")  # saved as it was
        await settle(pilot)
        assert isinstance(app.screen, EntriesScreen)
        assert_safe(app)
        assert r"Saved: texted Red\x1b[41mX\x1b[0m" in "\n".join(toasts(app))
    [red] = [e for e in stored(db).entries("reach") if e.at == NOW - timedelta(minutes=10)]
    assert (red.who, red.note) == (RED, NOTE)


async def test_the_review_its_people_moments_history_and_search(db: Path) -> None:
    """The day under the calendar, the people table, the moments and the history drew names
    raw, and a search for ``[/]`` was read as markup in the line that counts the matches."""
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        text = assert_safe(app)
        assert r"honest: 3 getting by · tired\u200bbut ok\x1b[5m" in text  # the day's entries
        assert f"reached out: texted {CLICK} · [/]" in text

        await pilot.press("3")
        await settle(pilot)
        text = assert_safe(app)
        assert r"Evil\x1b]0;pwned\x07" in text and CLICK in text

        await pilot.press("4")
        await settle(pilot)
        text = assert_safe(app)
        assert r"a bell\x07 rang" in text
        assert r"asked for help \u202eplease · with Abc\u20" in text  # cut at 80 columns

        await pilot.press("5")
        await settle(pilot)
        text = assert_safe(app)
        assert r"called Evil\x1b]0;pwned\x07 · see \x1b[2J" in text  # cut at 80 columns
        assert f"texted {CLICK} · [/]" in text

        await pilot.press("slash")
        await settle(pilot)
        await write(pilot, "[/]")
        await settle(pilot)
        text = assert_safe(app)
        assert "with “[/]”, newest first" in text
        await write(pilot, "\x1b[2J")  # pasted: drawn as a mark, searched for as typed
        await settle(pilot)
        assert "[/]␛[2J" in assert_safe(app)
    assert set(NAMES) <= strings_in(db)


async def test_logging_a_reach_out_to_such_a_name_says_it_as_it_is(db: Path) -> None:
    """Toasts were markup: "Logged: texted [@click=app.quit]Sam[/]" showed "Sam" as a link
    that quit, and "Logged: texted [/]" could not be drawn at all."""
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        for name in (CLICK, CLOSE, EVIL):
            app.clear_notifications()
            await pilot.press("r")
            await settle(pilot)
            await write(pilot, name)  # as a paste would put it there
            assert_safe(app)
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen)
            assert_safe(app)
            assert toasts(app) == [f"Logged: texted {visible(name)}"]
        assert r"You texted Evil\x1b]0;pwned\x07" in str(app.screen.query_one(LastReached).render())
    logged = [e.who or "" for e in stored(db).entries("reach") if e.at == NOW]
    assert sorted(logged) == sorted([CLICK, CLOSE, EVIL])
    assert {p.name for p in stored(db).people()} == set(NAMES)


async def test_the_welcome_says_the_names_it_added_as_they_are(tmp_path: Path) -> None:
    """The welcome's toast named everyone added, as markup."""
    path = tmp_path / "leanon.json"
    app = dashboard_app(path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        for name in (CLOSE, EVIL):
            await write(pilot, name)
            await pilot.press("enter")
        await settle(pilot)
        assert_safe(app)
        await pilot.press("enter")  # on the empty third line: save
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert_safe(app)
        assert any(r"Added [/], Evil\x1b]0;pwned\x07: people you trust." in t for t in toasts(app))
    assert {p.name for p in stored(path).people()} == {CLOSE, EVIL}


async def test_a_folder_others_can_write_in_is_a_warning_on_opening(db: Path) -> None:
    """The command line warned on reads in such a folder; the dashboard said nothing until
    a save was refused."""
    db.parent.chmod(0o777)
    try:
        app = dashboard_app(db)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await settle(pilot)
            (shown,) = toasts(app)
            said = " ".join(shown.split())  # as wrapped in the toast
            assert said.startswith("Changes won't be saved here")
            assert "Other users can write in the folder" in said
            assert f"chmod go-w {db.parent}" in said
    finally:
        db.parent.chmod(0o700)
