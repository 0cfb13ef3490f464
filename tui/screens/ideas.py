"""The ideas for letting someone in (``o``): add, change and remove your own, and hide the
ones of leanon's that don't fit your life. The same list, numbered the same way, as
``leanon idea`` prints (:mod:`storage.ideas`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from storage.ideas import Idea, ideas
from storage.records import Suggestion
from tui.screens.base import UNDO_BINDING
from tui.screens.forms import idea_screen
from tui.screens.lists import ListScreen
from tui.storework import Board, StoreAccess
from widgets.panel import shown

if TYPE_CHECKING:
    from storage.store import Store

COLUMNS = ("No.", "Step", "Idea", "")


class IdeasScreen(ListScreen):
    """Every idea, leanon's own then yours; the ones you hid are marked, not gone."""

    ENTER_ACTION = "edit"

    DEFAULT_CSS = """
    IdeasScreen {
        & > #ideas-title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
        & > #ideas-about { height: auto; padding: 0 1; color: $text-muted; }
        & > DataTable { height: 1fr; }
    }
    """

    BINDINGS = [
        Binding("a", "add", "Add", id="idea-add", tooltip="Add an idea of your own"),
        Binding("e", "edit", "Edit", id="idea-edit", tooltip="Change the words or step of yours"),
        Binding(
            "h",
            "hide",
            "Hide/show",
            id="idea-hide",
            tooltip="Hide one of leanon's ideas, or offer it again",
        ),
        Binding(
            "d,delete", "remove", "Remove", id="idea-remove", tooltip="Take out an idea of yours"
        ),
        UNDO_BINDING,
        Binding("escape", "back", "Back", id="ideas-back"),
    ]

    def __init__(self, access: StoreAccess, board: Board) -> None:
        super().__init__(access)
        self.board = board

    def compose(self) -> ComposeResult:
        yield Static("Ideas for letting someone in", id="ideas-title")
        yield Static("", id="ideas-about")
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table: DataTable[str] = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        self.show_board(self.board)
        table.focus()

    @property
    def listed(self) -> list[Idea]:
        """Every idea, in the numbered order."""
        return ideas(self.board.settings)

    def show_board(self, board: Board) -> None:
        """Refill the list, keeping the cursor on the same idea when possible."""
        self.board = board
        self._say_keys()
        table: DataTable[str] = self.query_one(DataTable)
        current = self._current()
        table.clear()
        listed = self.listed
        for idea in listed:
            mark = "yours" if idea.own else "hidden" if idea.hidden else ""
            table.add_row(str(idea.number), idea.effort, escape(shown(idea.text)), mark)
        if current is not None:
            at = next((i for i, x in enumerate(listed) if x.text == current.text), None)
            if at is None:  # it went (removed, or its words changed): stay near where it was
                at = min(current.number - 1, len(listed) - 1)
            table.move_cursor(row=at)

    def keys_moved(self) -> None:
        self.call_after_refresh(self._say_keys)

    def _say_keys(self) -> None:
        keys = self.keys_by_id()
        self.query_one("#ideas-about", Static).update(
            f"The panel picks one a day from these. {keys.get('idea-add', '')} adds one of "
            f"yours; {keys.get('idea-hide', '')} hides one of leanon's, or offers it again."
        )

    def _current(self) -> Idea | None:
        table: DataTable[str] = self.query_one(DataTable)
        listed = self.listed
        row = table.cursor_row
        return listed[row] if table.row_count and 0 <= row < len(listed) else None

    def action_add(self) -> None:
        """Add an idea of your own."""
        self.app.push_screen(idea_screen(self.access))

    def action_edit(self) -> None:
        """Change the words or the step of one of your ideas."""
        idea = self._current()
        if idea is None:
            return
        if not idea.own:
            hide = self.key_for("hide")
            self.notify(f"That one is leanon's own: {hide} hides it, and you can add yours.")
            return
        self.app.push_screen(idea_screen(self.access, Suggestion(idea.text, idea.effort, True)))

    def action_hide(self) -> None:
        """Hide one of leanon's ideas, or offer it again."""
        idea = self._current()
        if idea is None:
            return
        if idea.own:
            remove = self.key_for("remove")
            self.notify(f"That one is yours: {remove} removes it.")
            return
        text, hide = idea.text, not idea.hidden

        def job(store: Store) -> str:
            store.hide_suggestion(text, hidden=hide)
            return "hidden; it won't be offered" if hide else "it will be offered again"

        self.save(job, tag="hide")

    def action_remove(self) -> None:
        """Ask, then take out one of your ideas."""
        idea = self._current()
        if idea is None:
            return
        if not idea.own:
            hide = self.key_for("hide")
            self.notify(f"That one is leanon's own; {hide} hides it instead.")
            return
        text = idea.text

        def job(store: Store) -> str:
            store.remove_own_suggestion(text)
            return "removed from your ideas"

        self.save_after_asking(
            f"Take this idea out of yours?\n{text}\n{self.key_for('undo')} (undo) brings it back.",
            job,
            tag="remove",
            no="keep it",
        )
