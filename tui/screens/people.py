"""Everyone in one table: add, edit (name, rhythm, trust), toggle trust, remove."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from storage.phrases import ago, resting_phrase
from storage.records import PersonStatus
from storage.store import Store
from storage.views import cadence_phrase
from tui.screens.base import UNDO_BINDING
from tui.screens.forms import person_screen
from tui.screens.lists import ListScreen
from tui.storework import Board, StoreAccess
from widgets.panel import shown

COLUMNS = ("Name", "Rhythm", "Trust", "Last contact")


def name_cell(name: str) -> str:
    """A name as the table draws it: a DataTable reads a str cell as markup, so the name is
    escaped for that (``[/]`` would crash the screen), with its control characters shown as
    escapes (an ESC would reach the terminal and push the columns out of line)."""
    return escape(shown(name))


class PeopleTable(DataTable[str]):
    """Everyone, a row each: Home and End go to the first and last person, j and k move like
    the arrows (DataTable's own Home and End only scroll sideways)."""

    BINDINGS = [
        Binding(
            "home", "first", "First", id="people-first", show=False, tooltip="The first person"
        ),
        Binding("end", "last", "Last", id="people-last", show=False, tooltip="The last person"),
        Binding("j", "cursor_down", "Down", id="people-j-down", show=False, tooltip="Like ↓"),
        Binding("k", "cursor_up", "Up", id="people-k-up", show=False, tooltip="Like ↑"),
    ]

    def action_first(self) -> None:
        """The first row."""
        self.move_cursor(row=0)

    def action_last(self) -> None:
        """The last row."""
        self.move_cursor(row=self.row_count - 1)


class PeopleScreen(ListScreen):
    """The people screen (``p``)."""

    ENTER_ACTION = "open"

    DEFAULT_CSS = """
    PeopleScreen {
        & > #people-title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
        & > DataTable { height: 1fr; }
        & > #people-empty { padding: 1 2; color: $text-muted; }
    }
    """

    BINDINGS = [
        Binding("a", "add", "Add", id="person-add", tooltip="Add someone"),
        # Enter on a row (the table's own Enter) opens their page.
        Binding(
            "e",
            "edit",
            "Edit",
            id="person-edit",
            tooltip="Rename, set rhythm, trust, birthday and a rest from them",
        ),
        Binding(
            "t", "trust", "Trust", id="person-trust", tooltip="Mark or unmark as someone you trust"
        ),
        Binding(
            "d,delete", "delete", "Remove", id="person-remove", tooltip="Remove from your people"
        ),
        UNDO_BINDING,
        Binding("escape", "back", "Back", id="people-back"),
    ]

    def __init__(self, access: StoreAccess, board: Board) -> None:
        super().__init__(access)
        self.board = board

    def compose(self) -> ComposeResult:
        yield Static("People", id="people-title")
        yield PeopleTable(cursor_type="row", zebra_stripes=True)
        yield Static("", id="people-empty")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        self.show_board(self.board)
        table.focus()
        self.keys_moved()

    def keys_moved(self) -> None:
        """The title and the empty list's invitation name the keys as they are now."""
        title = f"People · Enter for someone's page · {self.key_for('edit')} to edit them"
        self.query_one("#people-title", Static).update(title)
        self.query_one("#people-empty", Static).update(
            f"Nobody here yet. Press {self.key_for('add')} to add someone you'd like to stay "
            "close to."
        )

    @property
    def statuses(self) -> list[PersonStatus]:
        """Everyone, by name."""
        return sorted(self.board.summary.people, key=lambda s: s.person.key)

    def show_board(self, board: Board) -> None:
        """Refill the table, keeping the cursor on the same person when possible."""
        self.board = board
        table: DataTable[str] = self.query_one(DataTable)
        current = self._current()
        table.clear()
        now = board.summary.now
        for status in self.statuses:
            person = status.person
            last = (
                ago(status.last_contact.at, now, board.summary.day_starts_at)
                if status.last_contact
                else "not yet"
            )
            rhythm = cadence_phrase(person.cadence_days) or "·"
            if status.resting and person.resting_until:
                rest = resting_phrase(person.resting_until, board.summary.today)
                rhythm = rest if rhythm == "·" else f"{rhythm}, {rest}"
            table.add_row(
                name_cell(person.name),
                rhythm,
                "✓ trusted" if person.trusted else "·",
                last,
                key=person.key,
            )
        keys = [s.person.key for s in self.statuses]
        if current is not None and current.person.key in keys:
            table.move_cursor(row=keys.index(current.person.key))
        self.query_one("#people-empty").display = not keys
        table.display = bool(keys)

    def _current(self) -> PersonStatus | None:
        table: DataTable[str] = self.query_one(DataTable)
        statuses = self.statuses
        if not statuses or table.row_count == 0:
            return None
        row = table.cursor_row
        return statuses[row] if 0 <= row < len(statuses) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Edit, trust and remove need someone to act on (dimmed, not hidden, when empty)."""
        if action in ("edit", "trust", "delete"):
            return True if self.board.summary.people else None
        return True

    def action_add(self) -> None:
        """Add someone."""
        self.app.push_screen(person_screen(self.access))

    def action_open(self) -> None:
        """Their page: everything with them, newest first."""
        status = self._current()
        if status is not None:
            from tui.screens.person import PersonScreen

            self.app.push_screen(PersonScreen(self.access, status.person.name, self.board.names))

    def action_edit(self) -> None:
        """Rename, or change rhythm and trust."""
        status = self._current()
        if status is not None:
            self.app.push_screen(person_screen(self.access, status.person))

    def action_trust(self) -> None:
        """Flip trust for the highlighted person."""
        status = self._current()
        if status is None:
            return
        person = status.person

        def job(store: Store) -> str:
            saved = store.update_person(person.name, trusted=not person.trusted)
            if saved.trusted:
                return f"{saved.name} is marked as someone you trust"
            return f"{saved.name} is no longer marked as trusted"

        self.save(job, tag="trust")

    def action_delete(self) -> None:
        """Ask, then remove the highlighted person (their entries keep the name)."""
        status = self._current()
        if status is None:
            return
        name = status.person.name
        self.save_after_asking(
            f"Remove {name} from your people?\n"
            f"What you logged with them stays, and {self.key_for('undo')} (undo) brings them back.",
            lambda store: f"removed {store.delete_person(name).name}",
            tag="remove",
            no="keep them",
        )
