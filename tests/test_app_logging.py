"""Pilot tests of the logging keys: each form, its notification, undo, cancel, a failed save."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from snapshot_apps.common import NOW, Notes, dashboard_app, fixed_clock, settle, write

from storage.errors import SaveFailed
from storage.phrases import STRUGGLING_LINE
from storage.store import Store
from tui.screens.forms import FormScreen
from tui.storework import BoardChanged, read_board
from widgets.belonging import BelongingPanel
from widgets.forms import FOLLOW_UP, HonestForm, ReachForm
from widgets.honest import HonestPanel
from widgets.last_reached import LastReached
from widgets.letin import LetInPanel
from widgets.pickers import ViaPicker


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A data file that already exists (so no welcome), with one person in it."""
    path = tmp_path / "leanon.json"
    with Store(path, fixed_clock()) as store:
        store.add_person("Ana", cadence_days=7, trusted=True)
    return path


def stored(path: Path) -> Store:
    """A second, independent look at the file."""
    return Store(path, fixed_clock())


def panel_text(app: Any, panel: type) -> str:
    """What a dashboard panel shows, as plain text."""
    return str(app.screen.query_one(panel).render().plain)


async def test_reach_out_with_a_new_name_shows_just_now(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notes = Notes(app)
        assert "No reach-outs logged yet" in panel_text(app, LastReached)
        await pilot.press("r")
        await pilot.press(*"Sam")
        await pilot.press("tab", "right")  # via: text -> call
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
        text = panel_text(app, LastReached)
        assert "You called Sam" in text
        assert "just now" in text
        assert notes.messages == ["Logged: called Sam\nSam is new to your people."]
    [entry] = stored(db).entries("reach")
    assert (entry.who, entry.via, entry.at) == ("Sam", "call", NOW)
    assert "Sam" in [p.name for p in stored(db).people()]


async def test_reflex_answer_gets_one_gentle_follow_up_and_is_remembered(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h", "3")
        await write(pilot, "fine")
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen.query_one(HonestForm)
        assert FOLLOW_UP in str(form.query_one("#follow-up").render())
        assert stored(db).entries("honest") == []  # nothing saved yet
        await pilot.press("enter")  # keep the answer as it was
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
        assert "Today 3 · getting by" in panel_text(app, HonestPanel)
    [entry] = stored(db).entries("honest")
    assert (entry.score, entry.text, entry.reflex) == (3, "fine", True)


async def test_words_added_after_the_follow_up_keep_reflex_true(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h", "2", *"ok", "enter")
        await settle(pilot)
        await write(pilot, ", but tired of pretending")
        await pilot.press("enter")
        await settle(pilot)
    [entry] = stored(db).entries("honest")
    assert (entry.score, entry.text, entry.reflex) == (2, "ok, but tired of pretending", True)


async def test_a_real_answer_is_saved_at_once(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h", "4")
        await write(pilot, "tired but alright")
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
    [entry] = stored(db).entries("honest")
    assert (entry.score, entry.text, entry.reflex) == (4, "tired but alright", False)


async def test_enter_without_a_score_asks_for_one(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h", "enter")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "Pick a number first" in str(app.screen.query_one(".form-error").render())
    assert stored(db).entries() == []


async def test_belonging_moment_appears_in_its_panel(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await write(pilot, "the barista remembered my order")
        await pilot.press("enter")
        await settle(pilot)
        assert "the barista remembered my order" in panel_text(app, BelongingPanel)
    [entry] = stored(db).entries("belong")
    assert entry.text == "the barista remembered my order"


async def test_another_idea_then_let_in_logs_the_new_suggestion(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first = app.dashboard.summary.suggestion.text
        await pilot.press("n")
        await settle(pilot)
        second = app.dashboard.summary.suggestion.text
        assert second != first
        assert second in panel_text(app, LetInPanel).replace("\n", " ")
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("enter")  # the suggestion is prefilled: Enter logs it
        await settle(pilot)
    [entry] = stored(db).entries("letin")
    assert entry.text == second
    assert stored(db).suggestion_skip() == 1


async def test_undo_takes_back_the_last_log_and_says_what(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notes = Notes(app)
        await pilot.press("r", *"Sam", "enter")
        await settle(pilot)
        assert "You texted Sam" in panel_text(app, LastReached)
        await pilot.press("u")
        await settle(pilot)
        assert notes.messages[-1] == "Undone: texted Sam"
        assert "You texted Sam" not in panel_text(app, LastReached)
    assert stored(db).entries() == []


async def test_escape_saves_nothing(db: Path) -> None:
    before = db.read_bytes()
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key, words in (("r", "Sam"), ("b", "a kind word"), ("l", "")):
            await pilot.press(key)
            await write(pilot, words)
            await pilot.press("escape")
            await settle(pilot)
            assert not isinstance(app.screen, FormScreen)
        await pilot.press("h", "3")
        await write(pilot, "fine")
        await pilot.press("escape")
        await settle(pilot)
    assert db.read_bytes() == before


async def test_a_failed_save_keeps_what_was_typed(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(self: Store, *args: object, **kwargs: object) -> None:
        raise SaveFailed(self.path, "could not save: the disk is full", "Nothing was lost.")

    monkeypatch.setattr(Store, "add_reach", fail)
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r", *"Sam", "tab", "tab")
        await write(pilot, "about the move")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        form = app.screen.query_one(ReachForm)
        assert form.query_one("#who").value == "Sam"  # type: ignore[attr-defined]
        assert form.query_one("#note").value == "about the move"  # type: ignore[attr-defined]
        assert "the disk is full" in str(form.query_one(".form-error").render())
        monkeypatch.undo()  # the disk has room again: Enter now saves what is still there
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
    [entry] = stored(db).entries("reach")
    assert (entry.who, entry.note) == ("Sam", "about the move")


@pytest.fixture
def held_saves(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Every reach-out save waits until the test sets the event (at most ten seconds)."""
    go = threading.Event()
    add_reach = Store.add_reach

    def held(self: Store, *args: Any, **kwargs: Any) -> Any:
        go.wait(10)
        return add_reach(self, *args, **kwargs)

    monkeypatch.setattr(Store, "add_reach", held)
    yield go
    go.set()  # never leave a worker waiting, whatever the test did


async def test_a_reach_out_shows_on_enter_before_its_save_lands(
    db: Path, held_saves: threading.Event
) -> None:
    """Issue 4: the panel shows a new entry at once; the save follows behind it."""
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notes = Notes(app)
        await pilot.press("r", *"Sam", "tab", "right", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        text = panel_text(app, LastReached)
        assert "You called Sam" in text and "just now" in text
        assert stored(db).entries() == [], "shown, not saved yet"
        assert notes.messages == [], "'Logged' is said once it is saved"
        held_saves.set()
        await settle(pilot)
        assert notes.messages == ["Logged: called Sam\nSam is new to your people."]
        assert "You called Sam" in panel_text(app, LastReached)
    [entry] = stored(db).entries("reach")
    assert (entry.who, entry.via, entry.at) == ("Sam", "call", NOW)


async def test_a_failed_save_takes_the_entry_back_and_reopens_the_form(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 4: the entry shown on Enter goes again if its save fails, and the form comes
    back with everything typed and the reason; nothing typed is lost."""
    go = threading.Event()

    def fail(self: Store, *args: object, **kwargs: object) -> None:
        go.wait(10)
        raise SaveFailed(self.path, "could not save: the disk is full", "Nothing was lost.")

    monkeypatch.setattr(Store, "add_reach", fail)
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notes = Notes(app)
        try:
            await pilot.press("r", *"Sam", "tab", "right", "tab")
            await write(pilot, "about the move")
            await pilot.press("enter")
            await pilot.pause()
            assert "You called Sam" in panel_text(app, LastReached)
        finally:
            go.set()
        await settle(pilot)
        behind = str(app.dashboard.query_one(LastReached).render().plain)  # under the form
        assert "You called Sam" not in behind
        assert "No reach-outs logged yet" in behind
        assert isinstance(app.screen, FormScreen)
        form = app.screen.query_one(ReachForm)
        assert form.query_one("#who").value == "Sam"  # type: ignore[attr-defined]
        assert form.query_one(ViaPicker).via == "call"
        assert form.query_one("#note").value == "about the move"  # type: ignore[attr-defined]
        assert "the disk is full" in str(form.query_one(".form-error").render())
        assert "the disk is full" in notes.messages[-1]
        monkeypatch.undo()  # room on the disk again: Enter saves what is still there
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
        assert "You called Sam" in panel_text(app, LastReached)
    [entry] = stored(db).entries("reach")
    assert (entry.who, entry.via, entry.note) == ("Sam", "call", "about the move")


async def test_an_older_board_arriving_late_is_not_shown(db: Path) -> None:
    """A poll and a save run in two threads and can post their boards out of order; the
    one read first must not replace the newer one on screen."""
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        older = app.access.call(read_board)
        app.access.call(lambda store: store.add_reach("Sam"))
        newer = app.access.call(read_board)
        app.post_message(BoardChanged(newer))
        app.post_message(BoardChanged(older))
        await settle(pilot)
        assert "You texted Sam" in panel_text(app, LastReached)


async def test_r_works_while_the_file_is_still_being_read(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is read after the first frame; a reach-out typed straight away is neither
    dropped nor lost, and shows once the file's data does."""
    go = threading.Event()
    check = Store.check

    def slow_check(self: Store) -> None:
        go.wait(10)
        check(self)

    monkeypatch.setattr(Store, "check", slow_check)
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        try:
            await pilot.pause()
            assert app.dashboard.board is None, "still reading"
            await pilot.press("r", *"Sam", "enter")
            await pilot.pause()
            assert not isinstance(app.screen, FormScreen)
        finally:
            go.set()
        await settle(pilot)
        assert "You texted Sam" in panel_text(app, LastReached)
    [entry] = stored(db).entries("reach")
    assert entry.who == "Sam"


async def test_quitting_straight_after_enter_still_saves(
    db: Path, held_saves: threading.Event
) -> None:
    """The form closes before its save lands; q pressed while it saves waits for it."""
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r", *"Sam", "enter")
        threading.Timer(0.2, held_saves.set).start()  # the save may go on in a moment
        await pilot.press("q")
    assert app.return_code == 0
    [entry] = stored(db).entries("reach")
    assert entry.who == "Sam"


async def test_a_new_name_close_to_a_known_one_is_named(db: Path) -> None:
    """Before, "Anna" with Ana known became a new person without a word."""
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notes = Notes(app)
        await pilot.press("r")
        await write(pilot, "Anna")
        await pilot.press("enter")
        await settle(pilot)
        assert notes.messages == [
            "Logged: texted Anna\nAnna is new to your people.\n"
            "Did you mean Ana? Pressing u takes this back."
        ]
        await pilot.press("r")
        await write(pilot, "ana")  # a known person, in another case: nothing more to say
        await pilot.press("enter")
        await settle(pilot)
        assert notes.messages[-1] == "Logged: texted Ana"


async def test_an_answer_of_one_is_acknowledged_warmly(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notes = Notes(app)
        await pilot.press("h", "1")
        await write(pilot, "a hard week")
        await pilot.press("enter")
        await settle(pilot)
        [said] = notes.messages
        assert said.startswith("Logged: honest answer 1 (struggling)")
        assert said.endswith(STRUGGLING_LINE)


@pytest.mark.parametrize("score", ["1", "5"])
async def test_no_follow_up_on_a_one_or_a_five(db: Path, score: str) -> None:
    """ "good" on a 5 hides nothing; on a 1 the score has said the hard part already."""
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h", score)
        await write(pilot, "fine")
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
    [entry] = stored(db).entries("honest")
    assert (entry.score, entry.text, entry.reflex) == (int(score), "fine", True)
