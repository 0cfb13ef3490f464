"""The front page: five panels over one summary, the keys that change it, and the poll.

Every panel is bound to :attr:`DashboardScreen.summary`, so one new summary updates them all
at once. The screen owns the storage jobs behind its keys. A form for a new entry hands back
a :class:`~tui.storework.Draft`: the screen shows it on top of the last board at once, saves
it in a worker, and takes it back off (reopening the form) if the save fails.
"""

from __future__ import annotations

import asyncio
import gc
import os
import threading
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive, var
from textual.screen import Screen
from textual.widgets import Footer

from storage.errors import DataFileError, LeanonError
from storage.fields import KIND_SPECS
from storage.phrases import upper_first
from tui.screens.base import UNDO_BINDING, StorageScreen
from tui.storework import (
    Board,
    BoardChanged,
    Draft,
    JobDone,
    JobFailed,
    StoreAccess,
    read_board,
)
from widgets.belonging import BelongingPanel
from widgets.daybar import DayBar
from widgets.drift import DriftLine
from widgets.honest import HonestPanel
from widgets.last_reached import LastReached
from widgets.letin import LetInPanel
from widgets.streaks import StreaksPanel

if TYPE_CHECKING:
    from collections.abc import Sequence

    from storage.records import Entry, Kind
    from storage.store import Store
    from storage.summary import Summary

WIDE = 120
"""From this many columns the panels sit in three columns instead of two."""

NARROW = 60
"""Below this many columns the panels stack in one scrolling column."""

REWORD_AFTER = timedelta(minutes=1)
"""How old the summary may get before "just now" and "14 minutes ago" are said afresh."""

START_SCREENS: dict[str, str] = {
    "dashboard": "",
    "people": "people",
    "review": "review",
    "today": "today",
    "reach": "reach",
    "honest": "honest",
    "belong": "belong",
    "letin": "letin",
}
"""What ``run_dashboard(start_screen=...)`` may name, and the action that opens it."""

POLL_SECONDS = 1.0
"""How often to look for changes from another process (a cheap stat) and a new day."""

LOG_ACTIONS = frozenset({"reach", "honest", "belong", "letin", "rest", "log"})
"""Keys that work from the first frame, before the file is read: their forms need nothing
from it (the names to suggest come once it is read), and what they save waits its turn
behind the read and shows as soon as the file's data does."""

DRAFT_HEAD_START = 0.2
"""How long a save waits, at most, for the frame that shows the new entry to be painted."""


def after_logging(entry: Entry, known: Sequence[str] | None, undo_key: str = "u") -> list[str]:
    """What follows "Logged: …" in the dashboard's note, in the command line's words: that a
    name is new (and which known one it is close to), and a warm line after an answer of 1.

    ``known`` is the people there were before the entry (None: not known, say nothing);
    ``undo_key`` the key undo is on ("Did you mean Sam? Pressing u takes this back.").
    """
    from storage.names import new_name, new_name_sentences
    from storage.phrases import honest_acknowledgement

    lines: list[str] = []
    new = new_name(entry.who, known) if known is not None else None
    if new is not None:
        lines += new_name_sentences(new, known or (), f"Pressing {undo_key}")
    if KIND_SPECS[entry.kind].honest:
        thanks = honest_acknowledgement(entry.score)
        if thanks is not None:
            lines.append(thanks)
    return lines


class DashboardScreen(StorageScreen[None]):
    """The dashboard a person keeps open in a terminal tab."""

    BINDINGS = [
        Binding(
            "r", "reach", "Reach", id="reach", tooltip="Log reaching out: a text, a call, a visit"
        ),
        Binding(
            "h", "honest", "Honest", id="honest", tooltip="How are you, really? 1-5 and a few words"
        ),
        Binding("b", "belong", "Belong", id="belong", tooltip="Note a small moment of belonging"),
        Binding("l", "letin", "Let in", id="letin", tooltip="Log a time you let someone in"),
        Binding(
            "n",
            "another",
            "Idea",
            id="another-suggestion",
            tooltip="Another idea for letting someone in",
        ),
        Binding("p", "people", "People", id="people", tooltip="Add, rename, set rhythm and trust"),
        Binding("v", "review", "Review", id="review", tooltip="Look back over weeks and months"),
        Binding("e", "today", "Edit", id="today-entries", tooltip="Edit or delete today's entries"),
        UNDO_BINDING,
        Binding(
            "o",
            "ideas",
            "Your ideas",
            id="ideas",
            show=False,
            tooltip="Add, change or hide ideas for letting someone in",
        ),
        Binding(
            "s",
            "settings",
            "Settings",
            id="settings",
            show=False,
            tooltip="When a day starts, streaks, the nudge, the theme and your keys",
        ),
        # The footer has no room left at 80 columns: these are in ? and the palette, and
        # the note shows its own "x hide".
        Binding(
            "z",
            "rest",
            "Rest day",
            id="rest-day",
            show=False,
            tooltip="Mark a rest day: it won't break a streak",
        ),
        Binding(
            "i",
            "import",
            "Import",
            id="import-history",
            show=False,
            tooltip="Bring your history from Daylio, Loop or your contacts",
        ),
        Binding(
            "x",
            "hide_note",
            "Hide note",
            id="hide-drift-note",
            show=False,
            tooltip="Hide the note about the last two weeks for a week",
        ),
    ]

    summary: reactive[Summary | None] = reactive(None)
    """The summary every panel shows."""

    hint_keys: reactive[dict[str, str]] = reactive(dict)
    """The key of each binding, by id, as the panels' hints name them (the person may have
    moved some: ``leanon config keys.reach``)."""

    board: var[Board | None] = var(None)
    """The last board read from the file (summary, undo, theme, names)."""

    demo: var[bool] = var(False)
    """True when showing the throwaway demo year."""

    class Loaded(Message):
        """The first read of the file finished."""

        def __init__(self, board: Board, first_run: bool, warning: str | None = None) -> None:
            super().__init__()
            self.board = board
            self.first_run = first_run
            self.warning = warning
            """Why saves would be refused here (a folder others can write in), or None."""

    class CopiesMerged(Message):
        """A sync tool's conflict copies were merged (or could not be); one line each."""

        def __init__(self, lines: list[str]) -> None:
            super().__init__()
            self.lines = lines

    class FileProblem(Message):
        """The data file cannot be used (corrupt, newer, unreadable)."""

        def __init__(self, error: DataFileError) -> None:
            super().__init__()
            self.error = error

    class DraftSaved(Message):
        """A draft's save landed; ``what`` says what was saved."""

        def __init__(self, draft: Draft, what: str) -> None:
            super().__init__()
            self.draft = draft
            self.what = what

    class DraftFailed(Message):
        """A draft could not be saved; nothing was changed."""

        def __init__(self, draft: Draft, error: LeanonError) -> None:
            super().__init__()
            self.draft = draft
            self.error = error

    def __init__(
        self,
        access: StoreAccess,
        *,
        demo: bool = False,
        start_action: str | None = None,
    ) -> None:
        super().__init__(access)
        self.start_action = start_action
        """An action to run once the file is read (``leanon people`` opens on people)."""
        self.closing = False
        """Set by the App once the person quits, so keys typed after q do nothing."""
        self.set_reactive(DashboardScreen.demo, demo)
        self._drafts: list[Draft] = []
        self._known: dict[int, tuple[str, ...]] = {}
        """The names there were when each draft in :attr:`_drafts` was made, by its id."""
        """New entries shown before their saves landed, oldest first."""
        self._unmergeable: set[tuple[str, int, int]] = set()
        """Conflict copies that could not be merged, as they were (said once, not retried)."""
        self._note_hidden_until: str | None = None
        """The ISO day ``x`` hid the drift note until, kept here so it goes at once and stays
        gone while the save runs (a board read before the save still holds the note)."""

    def compose(self) -> ComposeResult:
        # Fit the terminal before the panels are mounted, so they are styled and laid out
        # once, in the right columns (the classes only style the panels, not the screen).
        narrow = self._fit_classes(self.app.size.width, update=False)
        yield DayBar().data_bind(
            DashboardScreen.summary, DashboardScreen.demo, keys=DashboardScreen.hint_keys
        )
        yield DriftLine(id="drift").data_bind(DashboardScreen.summary)
        keys = DashboardScreen.hint_keys
        with VerticalScroll(id="panels", can_focus=narrow):
            yield LastReached(id="last-reached").data_bind(DashboardScreen.summary, keys=keys)
            yield HonestPanel(id="honest").data_bind(DashboardScreen.summary, keys=keys)
            yield LetInPanel(id="letin").data_bind(DashboardScreen.summary, keys=keys)
            yield StreaksPanel(id="streaks").data_bind(DashboardScreen.summary, keys=keys)
            yield BelongingPanel(id="belonging").data_bind(DashboardScreen.summary, keys=keys)
        yield Footer(compact=True, show_command_palette=False)

    def keys_moved(self) -> None:
        """The hints name the keys the bindings are on now."""
        self.call_after_refresh(self._name_keys)

    def _name_keys(self) -> None:
        keys = self.keys_by_id()
        if keys != self.hint_keys:
            self.hint_keys = keys
            self.query_one(DriftLine).hide_key = keys.get("hide-drift-note", "")

    def on_mount(self) -> None:
        self._name_keys()
        # The file is read once the first frame is on screen (the App calls :meth:`load`
        # from its Ready handler): the panels say "Opening your notes…" until then.
        self.set_interval(POLL_SECONDS, self.poll, name="poll")
        self._focus_column()

    def on_unmount(self) -> None:
        gc.unfreeze()  # what _loaded kept from the collector may be collected again

    def on_resize(self, event: events.Resize) -> None:
        """Reflow to the new width."""
        self.query_one("#panels").can_focus = self._fit_classes(event.size.width)
        self._focus_column()

    def _fit_classes(self, width: int, update: bool = True) -> bool:
        """Three columns when wide, one when narrow (CSS does the rest); True when narrow."""
        narrow = width < NARROW
        self.set_class(width >= WIDE, "-wide", update=update)
        self.set_class(narrow, "-narrow", update=update)
        return narrow

    def _focus_column(self) -> None:
        """In one narrow column, focus it, so the arrow keys can scroll it."""
        panels = self.query_one("#panels")
        if panels.can_focus and self.focused is None:
            self.set_focus(panels)

    # ------------------------------------------------------------------ data in

    def load(self) -> None:
        """First read of the file, once the first frame is on screen.

        With totals that belong to the file, the board comes from them at once, on the
        event loop: a few tens of milliseconds, which a worker competing with the next
        frames would take three times over. Otherwise the file is read in a worker, and
        the panels say "Opening your notes…" meanwhile.
        """
        try:
            board = self.access.board_from_totals(wait=False)
        except Exception:  # noqa: BLE001 - a help only: then the worker reads the file
            board = None
        if board is None:
            self._load()
        else:
            self._loaded(self.Loaded(board, False, _place_warning(self.access.path)))

    @work(thread=True, exclusive=True, group="storage")
    def _load(self) -> None:
        """Read the whole file (:meth:`load` found no totals that belong to it)."""

        def first(store: Store) -> tuple[Board, bool, str | None]:
            store.check()
            return read_board(store), not store.exists, _place_warning(store.path)

        try:
            board, first_run, warning = self.access.call(first)
        except DataFileError as error:
            self.post_message(self.FileProblem(error))
            return
        self.post_message(self.Loaded(board, first_run, warning))

    def poll(self) -> None:
        """Look for another process's changes and for a new day (a timer calls this each second).

        Before the first good read (a bad file at start), the poll retries the first read, so
        a file fixed while the error is shown brings the dashboard back.
        """
        if self.board is None:
            if self._error_in_front():
                self.load()
            return
        self._poll_worker(self.board.summary.today, self.board.summary.now)

    @work(thread=True, exclusive=True, group="poll")
    def _poll_worker(self, shown_day: date, shown_at: datetime) -> None:
        def check(store: Store) -> Board | None:
            changed = store.refresh()
            stale = store.now() - shown_at >= REWORD_AFTER  # "just now" must not stay forever
            if changed or stale or store.today() != shown_day:
                return read_board(store)
            return None

        if self._merge_copies():
            return
        if self.access.on_totals:  # until something needs the store, the totals answer
            if self.access.totals_unchanged():
                stale = self.access.now() - shown_at >= REWORD_AFTER
                if not stale and self.access.today() == shown_day:
                    return
            board = self.access.board_from_totals()
            if board is not None:
                self.app.post_message(BoardChanged(board))
                return
        try:
            ran, board = self.access.try_call(check)
        except DataFileError as error:
            self.post_message(self.FileProblem(error))
            return
        if ran and board is not None:
            self.app.post_message(BoardChanged(board))

    def _merge_copies(self) -> bool:
        """In the poll's worker: merge any conflict copy a sync tool left beside the file
        (:mod:`storage.conflicts`), opening the store if the totals were answering, and
        show the board after it; True when it merged. A copy that can't be merged is said
        once, and left alone until it changes."""
        from storage.filesafe import conflict_copies

        copies = conflict_copies(os.path.realpath(self.access.path))
        fresh = [c for c in copies if _file_tag(c) not in self._unmergeable]
        if not fresh:
            return False

        def merge(store: Store) -> tuple[list[Any], Board]:
            from storage.conflicts import merge_copies

            return merge_copies(store, fresh), read_board(store)

        try:
            ran, done = self.access.try_call(merge)
        except DataFileError as error:
            self.post_message(self.FileProblem(error))
            return True
        if not ran or done is None:
            return True  # a save is running: the next poll merges
        outcomes, board = done
        from storage.conflicts import NotMerged

        for outcome in outcomes:
            if isinstance(outcome, NotMerged):
                path = os.path.join(os.path.dirname(fresh[0]), outcome.copy)
                self._unmergeable.add(_file_tag(path))
        self.app.post_message(BoardChanged(board))
        if outcomes:
            self.post_message(self.CopiesMerged([o.line() for o in outcomes]))
        return True

    @on(CopiesMerged)
    def _copies_merged(self, event: CopiesMerged) -> None:
        for line in event.lines:
            self.notify(line, title="Two copies, one history", timeout=12)

    @work(thread=True, group="warm")
    def _warm_review(self) -> None:
        """Once the board is drawn, import the review's code while the person reads it, so
        ``v`` (the key most often pressed next) does not wait for it."""
        import tui.screens.review  # noqa: F401

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        # What was just read (a decade is about a million objects) lives as long as the
        # dashboard: keep it out of the collector's full sweeps, each of which would
        # otherwise freeze the screen for a tenth of a second now and then.
        gc.freeze()  # undone when the dashboard closes (on_unmount)
        if self._error_in_front():
            self.app.pop_screen()
        # Show the board here and now rather than when the App hears BoardChanged: the start
        # action below is checked against the board, and Textual silently drops an action
        # that check_action does not allow (``leanon review`` on a big file opened nothing).
        self.show_board(event.board)
        self.app.post_message(BoardChanged(event.board))  # the theme, the board's number
        self.call_after_refresh(self._warm_review)
        if event.warning:
            self.notify(
                upper_first(event.warning),
                title="Changes won't be saved here",
                severity="warning",
                timeout=20,
            )
        if event.first_run:
            from tui.screens.welcome import WelcomeScreen

            self.app.push_screen(WelcomeScreen(self.access))
        elif self.start_action:
            self.call_after_refresh(self.run_action, self.start_action)

    @on(FileProblem)
    def _file_problem(self, event: FileProblem) -> None:
        from tui.screens.error import ErrorScreen

        if not self._error_in_front():
            self.app.push_screen(ErrorScreen(event.error))

    def show_board(self, board: Board) -> None:
        """Show a new board (from a save, an undo, the poll or another screen)."""
        if self._error_in_front():  # the file reads fine again
            self.app.pop_screen()
            self.notify("The data file reads fine again.", timeout=5)
        keys = self._key_states()
        if board.summary.drift is None:  # the file hides the note now (or there is none):
            self._note_hidden_until = None  # so an undo of the hiding brings it back
        self.board = board
        self._drafts = [d for d in self._drafts if d.shown_on(board)]  # the rest are in it
        self._show_summary(keys)

    def _show_summary(self, keys: tuple[bool | None, ...] | None = None) -> None:
        """The board's summary, with the drafts it does not hold yet on top, and without
        a drift note the person has just hidden.

        ``keys`` are the key states from before the change (taken now when not given): the
        bindings are refreshed only when they change, as the footer rebuilds on each refresh.
        """
        if self.board is None:
            return
        if keys is None:
            keys = self._key_states()
        summary = self.board.summary
        drafts = [d for d in self._drafts if d.shown_on(self.board)]
        if drafts:
            from storage.summary import with_logged

            for draft in drafts:
                summary = with_logged(summary, draft.entry)
        if summary.drift is not None and self._note_hidden_until is not None:
            from storage.insights import drift_visible

            if not drift_visible(summary.drift, self._note_hidden_until, summary.today):
                summary = replace(summary, drift=None)
        self.summary = summary
        if self._key_states() != keys:
            self.refresh_bindings()

    # ------------------------------------------------------------------ drafts

    def _open_form(self, screen: Screen[Any]) -> None:
        """Open a form for a new entry; what it drafts shows at once and saves behind."""
        self.app.push_screen(screen, self._form_closed)

    def _form_closed(self, result: object) -> None:
        if isinstance(result, Draft):
            self._known[id(result)] = self._names()  # to say, once saved, if a name is new
            self._drafts.append(result)
            self._show_summary()
            shown = threading.Event()
            self._save_draft(result, shown)
            self.call_after_refresh(shown.set)

    @work(thread=True, group="drafts")
    def _save_draft(self, draft: Draft, shown: threading.Event) -> None:
        """Save a draft off the event loop, once the frame showing it is painted.

        The save starts at once (so quitting straight away still saves), but lets the frame
        that shows the draft be drawn first, for at most :data:`DRAFT_HEAD_START`: a save
        running beside it would slow that frame down, and it is the one the person watches.
        Not exclusive: every draft must be saved, and the store's lock takes them in turn.
        """
        shown.wait(DRAFT_HEAD_START)
        try:
            what, board = self.access.save_draft(draft)
        except LeanonError as error:
            self.post_message(self.DraftFailed(draft, error))
            return
        self.app.post_message(BoardChanged(board))
        self.post_message(self.DraftSaved(draft, what))

    async def drafts_saved(self) -> None:
        """Wait until every draft's save has run (quitting must not drop an entry shown)."""
        saving = [w for w in self.app.workers if w.node is self and w.group == "drafts"]
        await asyncio.gather(*(w.wait() for w in saving), return_exceptions=True)

    @on(DraftSaved)
    def _draft_saved(self, event: DraftSaved) -> None:
        # The draft itself stays drawn until a board holding the entry is shown.
        from storage.clock import logical_day
        from storage.phrases import ago

        entry, summary = event.draft.entry, self.summary
        said = f"{event.draft.verb}: {event.what}"
        if summary is not None and logical_day(entry.at, summary.day_starts_at) != summary.today:
            said += f", {ago(entry.at, self.access.now(), summary.day_starts_at)}"
        after = KIND_SPECS[entry.kind].after
        lines = [f"{said}. {after}" if after else said]
        known = self._known.pop(id(event.draft), None)
        lines += after_logging(entry, known, self.key_for("undo"))
        self.notify("\n".join(lines), timeout=6 if len(lines) > 1 else 4)

    @on(DraftFailed)
    def _draft_failed(self, event: DraftFailed) -> None:
        """Take the draft back off the panels and open its form again, with the error."""
        self._known.pop(id(event.draft), None)
        if event.draft in self._drafts:
            self._drafts.remove(event.draft)
        self._show_summary()
        message = str(event.error)
        self._open_form(event.draft.reopen(message))
        self.notify(message, title="Not saved", severity="error", timeout=8)

    def _error_in_front(self) -> bool:
        """Whether the data-file problem screen is the one shown."""
        screen = self.app.screen
        if screen is self:  # as when the first frame is drawn: no need to import that screen
            return False
        from tui.screens.error import ErrorScreen

        return isinstance(screen, ErrorScreen)

    # ------------------------------------------------------------------ keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The logging keys work at once; the others wait for the file to be read, and undo
        and today need something to act on.

        None shows a key dimmed in the footer (there but not now); Textual hides on False.
        """
        if action not in {b.action for b in self._own_bindings()}:
            return True
        if self.closing:  # q was pressed: a key typed after it must not open a new screen
            return False
        if action == "hide_note":  # only while the note is shown; otherwise not there at all
            return self.summary is not None and self.summary.drift is not None
        if self.board is None:
            return True if action in LOG_ACTIONS else None
        return True  # every other key answers, if only to say there is nothing to do yet

    def _own_bindings(self) -> list[Binding]:
        return [b for b in self.BINDINGS if isinstance(b, Binding)]

    def _key_states(self) -> tuple[bool | None, ...]:
        """What :meth:`check_action` says of each key now."""
        return tuple(self.check_action(b.action, ()) for b in self._own_bindings())

    def _names(self) -> tuple[str, ...]:
        return self.board.names if self.board else ()

    def action_reach(self) -> None:
        """Log a reach-out."""
        from tui.screens.forms import reach_screen

        self._open_form(reach_screen(self.access, self._names()))

    def action_honest(self) -> None:
        """Answer honestly."""
        from tui.screens.forms import honest_screen

        self._open_form(honest_screen(self.access))

    def action_belong(self) -> None:
        """Note a moment of belonging."""
        self.action_log("belong")

    def action_rest(self) -> None:
        """Mark a rest day: a form with only its "when" (empty: today)."""
        self.action_log("rest")

    def action_log(self, kind: Kind) -> None:
        """Log an entry of ``kind`` in the form made from its fields (storage.fields)."""
        from tui.screens.forms import entry_screen

        self._open_form(entry_screen(self.access, kind, self._names()))

    def action_letin(self) -> None:
        """Log letting someone in, prefilled with today's suggestion."""
        from tui.screens.forms import letin_screen

        suggestion = self.summary.suggestion if self.summary else None
        self._open_form(letin_screen(self.access, self._names(), suggestion))

    def action_another(self) -> None:
        """Ask for another suggestion; it stays until the next ``n`` or the next day."""
        self.save(lambda store: f"suggestion {store.skip_suggestion()}", tag="another")

    def action_people(self) -> None:
        """Open the people screen."""
        from tui.screens.people import PeopleScreen

        if self.board is not None:
            self.app.push_screen(PeopleScreen(self.access, self.board))

    def action_review(self) -> None:
        """Open the review: a year of days, trends, people, moments and every entry."""
        from tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(self.access))

    def action_ideas(self) -> None:
        """Your own ideas for letting someone in, and leanon's, to hide any that don't fit."""
        from tui.screens.ideas import IdeasScreen

        if self.board is not None:
            self.app.push_screen(IdeasScreen(self.access, self.board))

    class SettingsAsked(Message):
        """The person asked for the Settings screen; the App opens it (it knows every
        screen's keys, which the screen lists)."""

        def __init__(self, board: Board) -> None:
            super().__init__()
            self.board = board

    def action_settings(self) -> None:
        """The settings: when a day starts, streaks, the nudge, the theme and the keys."""
        if self.board is not None:
            self.post_message(self.SettingsAsked(self.board))

    def action_import(self) -> None:
        """Bring history in from another app (or a leanon export), after a preview."""
        from tui.screens.importing import ImportScreen

        self.app.push_screen(ImportScreen(self.access))

    def action_today(self) -> None:
        """Today's entries, to edit or delete."""
        from tui.screens.entries import EntriesScreen

        if self.board is None:
            return
        if not self.board.summary.today_entries:
            self.notify("Nothing logged today yet.", timeout=3)
            return
        self.app.push_screen(EntriesScreen(self.access, self.board))

    def action_hide_note(self) -> None:
        """Hide the drift note for a week: it goes at once, and the file remembers."""
        from storage.insights import drift_dismissed_until

        summary = self.summary
        if summary is None or summary.drift is None:
            return
        until = drift_dismissed_until(summary.today)
        self._note_hidden_until = until
        self._show_summary()
        day = date.fromisoformat(until)

        def job(store: Store) -> str:
            store.dismiss_drift_until(day)
            return f"{day:%A} {day.day} {day:%B}"

        self.save(job, tag="hide-note")

    @on(DriftLine.HideRequested)
    def _hide_requested(self) -> None:
        self.action_hide_note()

    # ------------------------------------------------------------------ results

    @on(JobDone)
    def _job_done(self, event: JobDone) -> None:
        if self.say_undone(event):
            return
        if event.tag == "hide-note":
            undo = self.key_for("undo")
            self.notify(f"The note is hidden until {event.what}. {undo} brings it back.", timeout=5)

    @on(JobFailed)
    def _job_failed(self, event: JobFailed) -> None:
        if event.tag == "hide-note":  # it was hidden at once: bring it back, it was not saved
            self._note_hidden_until = None
            self._show_summary()
        self.notify(str(event.error), title="Not saved", severity="error", timeout=8)


def _file_tag(path: str) -> tuple[str, int, int]:
    """A file's name, size and modification time: a copy that changed is tried again."""
    try:
        st = os.stat(path)
    except OSError:
        return (path, -1, -1)
    return (path, st.st_size, st.st_mtime_ns)


def _place_warning(path: str | os.PathLike[str]) -> str | None:
    """What the dashboard says of the data file's place (a folder others can change), or
    None when it is a safe one."""
    from storage.filesafe import place_problem, real_path

    unsafe = place_problem(real_path(path))
    return unsafe.warning if unsafe is not None else None
