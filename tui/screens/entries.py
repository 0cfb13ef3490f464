"""Today's entries in a list: Enter edits one in its own form, d deletes after asking, u undoes."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from storage.records import Entry
from tui.screens.base import UNDO_BINDING, StorageScreen
from tui.screens.forms import Outcome, edit_screen
from tui.storework import Board, Draft, JobDone, JobFailed, StoreAccess
from widgets.panel import shown


class EntryChoices(OptionList):
    """Today's entries; j and k move like the arrows (Home and End are OptionList's own)."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", id="list-j-down", show=False, tooltip="Like ↓"),
        Binding("k", "cursor_up", "Up", id="list-k-up", show=False, tooltip="Like ↑"),
        Binding("home", "first", "First", id="list-home", show=False, tooltip="The first entry"),
        Binding("end", "last", "Last", id="list-end", show=False, tooltip="The last entry"),
    ]


class EntriesScreen(StorageScreen[None], ModalScreen[None]):
    """Everything logged today, newest last."""

    DEFAULT_CSS = """
    EntriesScreen {
        align: center middle;
        background: $background 60%;
        & > #dialog {
            width: 80;
            max-width: 100%;
            height: auto;
            max-height: 80%;
            border: thick $primary;
            border-title-style: bold;
            background: $surface;
            padding: 0 1;
        }
        & OptionList { height: auto; max-height: 20; border: none; }
        & .hint { color: $text-muted; }
    }
    """

    BINDINGS = [
        Binding(
            "d,delete",
            "delete",
            "Delete",
            id="entry-delete",
            tooltip="Remove the entry (undo brings it back)",
        ),
        UNDO_BINDING,
        Binding("escape", "close", "Close", id="entries-close"),
    ]

    def __init__(self, access: StoreAccess, board: Board) -> None:
        super().__init__(access)
        self.board = board

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Today"
            yield EntryChoices(*self._options(), id="entries")
            yield Static("", classes="hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._say_keys()
        if self.entries:
            self.query_one(OptionList).highlighted = len(self.entries) - 1

    def _options(self) -> list[Option]:
        # Content, not a str: an option's str is read as markup, and an entry quotes a name.
        return [
            Option(Content(f"{entry.at:%H:%M}  {shown(entry.describe())}"), id=entry.id)
            for entry in self.entries
        ]

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Today's entries, oldest first."""
        return self.board.summary.today_entries

    def keys_moved(self) -> None:
        self._say_keys()

    def _say_keys(self) -> None:
        keys = self.keys_by_id()
        self.query_one(".hint", Static).update(
            f"Enter edit · {keys['entry-delete']} delete · {keys['undo']} undo · "
            f"{keys['entries-close']} close"
        )

    def show_board(self, board: Board) -> None:
        """Rebuild the list; keep the highlight near where it was."""
        self.board = board
        listing = self.query_one(OptionList)
        keep = listing.highlighted
        listing.clear_options()
        listing.add_options(self._options())
        if self.entries:
            listing.highlighted = min(keep or 0, len(self.entries) - 1)

    def _current(self) -> Entry | None:
        index = self.query_one(OptionList).highlighted
        if index is None or not 0 <= index < len(self.entries):
            return None
        return self.entries[index]

    @on(OptionList.OptionSelected)
    def _edit(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entry = self._current()
        if entry is None:
            return
        self.app.push_screen(edit_screen(self.access, self.board.names, entry), self._edited)

    def _edited(self, outcome: Outcome | Draft | None) -> None:
        if isinstance(outcome, Outcome):  # an edit saves before it closes: never a Draft
            self.show_board(outcome.board)

    def action_delete(self) -> None:
        """Ask, then remove the highlighted entry."""
        entry = self._current()
        if entry is not None:
            self.delete_entry_after_asking(entry)

    @on(JobDone)
    def _done(self, event: JobDone) -> None:
        if event.board.seq > self.board.seq:  # the App may not have passed it on yet
            self.show_board(event.board)
        if not self.say_undone(event):
            self.notify(f"Removed: {event.what}", timeout=4)
        if not self.entries:
            self.dismiss(None)

    @on(JobFailed)
    def _failed(self, event: JobFailed) -> None:
        self.notify(str(event.error), title="Not removed", severity="error", timeout=8)

    def action_close(self) -> None:
        """Back to the dashboard."""
        self.dismiss(None)
