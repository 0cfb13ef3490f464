"""The front page: five panels over one summary, the keys that change it, and the poll.

Every panel is bound to :attr:`DashboardScreen.summary`, so one new summary updates them all
at once. The screen owns the storage jobs behind its keys; the forms it opens save their own.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive, var
from textual.widgets import Footer

from storage.errors import DataFileError
from storage.store import Store
from storage.summary import Summary
from tui.screens.base import StorageScreen
from tui.screens.entries import EntriesScreen
from tui.screens.error import ErrorScreen
from tui.screens.forms import belong_screen, honest_screen, letin_screen, reach_screen
from tui.screens.people import PeopleScreen
from tui.screens.review import ReviewScreen
from tui.screens.welcome import WelcomeScreen
from tui.storework import Board, BoardChanged, JobDone, JobFailed, StoreAccess, read_board
from widgets.belonging import BelongingPanel
from widgets.daybar import DayBar
from widgets.honest import HonestPanel
from widgets.last_reached import LastReached
from widgets.letin import LetInPanel
from widgets.streaks import StreaksPanel

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
        Binding("u", "undo", "Undo", id="undo", tooltip="Take back the last change"),
    ]

    summary: reactive[Summary | None] = reactive(None)
    """The summary every panel shows."""

    board: var[Board | None] = var(None)
    """The last board read from the file (summary, undo, theme, names)."""

    demo: var[bool] = var(False)
    """True when showing the throwaway demo year."""

    class Loaded(Message):
        """The first read of the file finished."""

        def __init__(self, board: Board, first_run: bool) -> None:
            super().__init__()
            self.board = board
            self.first_run = first_run

    class FileProblem(Message):
        """The data file cannot be used (corrupt, newer, unreadable)."""

        def __init__(self, error: DataFileError) -> None:
            super().__init__()
            self.error = error

    def __init__(
        self, access: StoreAccess, *, demo: bool = False, start_action: str | None = None
    ) -> None:
        super().__init__(access)
        self.start_action = start_action
        """An action to run once the file is read (``leanon people`` opens on people)."""
        self.set_reactive(DashboardScreen.demo, demo)

    def compose(self) -> ComposeResult:
        yield DayBar().data_bind(DashboardScreen.summary, DashboardScreen.demo)
        with VerticalScroll(id="panels", can_focus=False):
            yield LastReached(id="last-reached").data_bind(DashboardScreen.summary)
            yield HonestPanel(id="honest").data_bind(DashboardScreen.summary)
            yield LetInPanel(id="letin").data_bind(DashboardScreen.summary)
            yield StreaksPanel(id="streaks").data_bind(DashboardScreen.summary)
            yield BelongingPanel(id="belonging").data_bind(DashboardScreen.summary)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.load()
        self.set_interval(POLL_SECONDS, self.poll, name="poll")

    def on_resize(self, event: events.Resize) -> None:
        """Reflow: three columns when wide, one when narrow (CSS does the rest)."""
        self.set_class(event.size.width >= WIDE, "-wide")
        narrow = event.size.width < NARROW
        self.set_class(narrow, "-narrow")
        panels = self.query_one("#panels")
        panels.can_focus = narrow  # so the arrow keys can scroll the column
        if narrow and self.focused is None:
            self.set_focus(panels)

    # ------------------------------------------------------------------ data in

    @work(thread=True, exclusive=True, group="storage")
    def load(self) -> None:
        """First read of the file, off the event loop."""

        def first(store: Store) -> tuple[Board, bool]:
            store.check()
            return read_board(store), not store.exists

        try:
            board, first_run = self.access.call(first)
        except DataFileError as error:
            self.post_message(self.FileProblem(error))
            return
        self.post_message(self.Loaded(board, first_run))

    def poll(self) -> None:
        """Look for another process's changes and for a new day (a timer calls this each second).

        Before the first good read (a bad file at start), the poll retries the first read, so
        a file fixed while the error is shown brings the dashboard back.
        """
        if self.board is None:
            if isinstance(self.app.screen, ErrorScreen):
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

        try:
            ran, board = self.access.try_call(check)
        except DataFileError as error:
            self.post_message(self.FileProblem(error))
            return
        if ran and board is not None:
            self.app.post_message(BoardChanged(board))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.app.post_message(BoardChanged(event.board))
        if isinstance(self.app.screen, ErrorScreen):
            self.app.pop_screen()
        if event.first_run:
            self.app.push_screen(WelcomeScreen(self.access))
        elif self.start_action:
            self.call_after_refresh(self.run_action, self.start_action)

    @on(FileProblem)
    def _file_problem(self, event: FileProblem) -> None:
        if not isinstance(self.app.screen, ErrorScreen):
            self.app.push_screen(ErrorScreen(event.error))

    def show_board(self, board: Board) -> None:
        """Show a new board (from a save, an undo, the poll or another screen)."""
        if isinstance(self.app.screen, ErrorScreen):  # the file reads fine again
            self.app.pop_screen()
            self.notify("The data file reads fine again.", timeout=5)
        self.board = board
        self.summary = board.summary
        self.refresh_bindings()

    # ------------------------------------------------------------------ keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys wait for the file to be read; undo and today need something to act on.

        None shows a key dimmed in the footer (there but not now); Textual hides on False.
        """
        if action not in {b.action for b in self._own_bindings()}:
            return True
        if self.board is None:
            return None
        if action == "undo":
            return True if self.board.undo else None
        if action == "today":
            return True if self.board.summary.today_entries else None
        return True

    def _own_bindings(self) -> list[Binding]:
        return [b for b in self.BINDINGS if isinstance(b, Binding)]

    def _names(self) -> tuple[str, ...]:
        return self.board.names if self.board else ()

    def action_reach(self) -> None:
        """Log a reach-out."""
        self.app.push_screen(reach_screen(self.access, self._names()))

    def action_honest(self) -> None:
        """Answer honestly."""
        self.app.push_screen(honest_screen(self.access))

    def action_belong(self) -> None:
        """Note a moment of belonging."""
        self.app.push_screen(belong_screen(self.access))

    def action_letin(self) -> None:
        """Log letting someone in, prefilled with today's suggestion."""
        suggestion = self.summary.suggestion if self.summary else None
        self.app.push_screen(letin_screen(self.access, self._names(), suggestion))

    def action_another(self) -> None:
        """Ask for another suggestion; it stays until the next ``n`` or the next day."""
        self.save(lambda store: f"suggestion {store.skip_suggestion()}", tag="another")

    def action_people(self) -> None:
        """Open the people screen."""
        if self.board is not None:
            self.app.push_screen(PeopleScreen(self.access, self.board))

    def action_review(self) -> None:
        """Open the review (a placeholder until issue 5)."""
        self.app.push_screen(ReviewScreen())

    def action_today(self) -> None:
        """Today's entries, to edit or delete."""
        if self.board is not None:
            self.app.push_screen(EntriesScreen(self.access, self.board))

    def action_undo(self) -> None:
        """Take back the last change."""
        self.save(lambda store: store.undo() or "", tag="undo")

    # ------------------------------------------------------------------ results

    @on(JobDone)
    def _job_done(self, event: JobDone) -> None:
        if event.tag == "undo":
            if event.what:
                self.notify(f"Undone: {event.what}", timeout=4)
            else:
                self.notify("There is nothing to undo.", timeout=3)

    @on(JobFailed)
    def _job_failed(self, event: JobFailed) -> None:
        self.notify(str(event.error), title="Not saved", severity="error", timeout=8)
