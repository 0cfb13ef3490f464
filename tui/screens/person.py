"""One person's page (Enter on a person in ``p`` or the review's People): their rhythm and
how the last year has gone, when you last let them in, their birthday, a rest from them,
and every reach-out and let-in with them, newest first.

The page is read in a thread worker from the store's index of contacts by person
(:meth:`storage.store.Store.contacts_with`, made once per change), so opening it on a
decade of entries walks none of them again; the words are :mod:`storage.personpage`'s,
the same ``leanon people NAME`` prints.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Static

from storage.errors import LeanonError, NotFound
from storage.personpage import PersonPage, fact_lines, person_page
from storage.records import Entry
from storage.store import Store
from tui.screens.base import UNDO_BINDING, StorageScreen
from tui.screens.forms import Outcome, edit_screen, person_screen, reach_to_screen, updated_name
from tui.storework import Board, Draft, JobDone, JobFailed, StoreAccess
from widgets.history import EntryList
from widgets.panel import shown


def read_page(store: Store, name: str) -> PersonPage:
    """The page about ``name`` as the store holds them now.

    Raises:
        NotFound: they are not one of the person's people (any more).
    """
    person = store.person(name)
    now = store.now()
    return person_page(
        person,
        store.contacts_with(person.name),
        now,
        store.day_of(now),
        store.settings.day_starts_at,
    )


class PersonScreen(StorageScreen[None]):
    """The page about one person."""

    DEFAULT_CSS = """
    PersonScreen {
        & > #person-title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
        & > #person-facts { height: auto; padding: 0 1 1 1; }
        & > #person-heading { height: 1; padding: 0 1; color: $text-muted; }
        & > EntryList { height: 1fr; }
    }
    """

    BINDINGS = [
        Binding("r", "reach", "Reach out", id="person-page-reach", tooltip="Log a reach-out"),
        Binding(
            "e",
            "edit_person",
            "Edit",
            id="person-page-edit",
            tooltip="Name, rhythm, trust, birthday, a rest from them",
        ),
        UNDO_BINDING,
        Binding("escape", "back", "Back", id="person-page-back"),
    ]

    class Read(Message):
        """The page was read from the store."""

        def __init__(self, page: PersonPage) -> None:
            super().__init__()
            self.page = page

    class Gone(Message):
        """The person is not in the file any more (removed, or renamed elsewhere)."""

    def __init__(self, access: StoreAccess, name: str, names: Sequence[str] = ()) -> None:
        super().__init__(access)
        self.name_shown = name
        """Whose page this is (it follows a rename made from here)."""
        self.names = tuple(names)
        """Everyone's name, for the reach-out form's suggestions."""
        self.page: PersonPage | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="person-title")
        yield Static("Opening their page…", id="person-facts")
        yield Static(id="person-heading")
        yield EntryList(f"Nothing with {shown(self.name_shown)} logged yet.", id="person-entries")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._title()
        self.query_one(EntryList).focus()
        self.reload()

    def _title(self) -> None:
        hint = f"{self.key_for('reach')} to reach out · Enter on an entry edits it"
        # Content, not a str: a str is read as markup, and a name can hold "[".
        self.query_one("#person-title", Static).update(
            Content(f"{shown(self.name_shown)} · {hint}")
        )

    @work(thread=True, exclusive=True, group="person-page")
    def reload(self) -> None:
        """Read the page again, off the event loop."""
        name = self.name_shown
        try:
            page = self.access.call(lambda store: read_page(store, name))
        except NotFound:
            self.post_message(self.Gone())
            return
        except LeanonError:
            return  # the dashboard says what is wrong with the file
        self.post_message(self.Read(page))

    @on(Read)
    def _read(self, event: Read) -> None:
        page = self.page = event.page
        self.query_one("#person-facts", Static).update(
            Content("\n".join(map(shown, fact_lines(page))))
        )
        count = len(page.contacts)
        heading = "Every reach-out and let-in, newest first" if count else ""
        self.query_one("#person-heading", Static).update(heading)
        self.query_one(EntryList).entries = page.contacts

    @on(Gone)
    def _gone(self) -> None:
        said = f"{self.name_shown} is no longer in your people."
        if self.is_current:  # under a form, the page waits for the form to close
            self.notify(said, timeout=5)
            self.dismiss(None)
        else:
            self.query_one("#person-facts", Static).update(Content(shown(said)))

    def show_board(self, board: Board) -> None:
        """Something changed (a save here or anywhere): read the page again."""
        self.names = board.names
        self.reload()

    # ------------------------------------------------------------------ keys

    def action_reach(self) -> None:
        """Log a reach-out to them: the form with their name in, saved before it closes."""
        self.app.push_screen(reach_to_screen(self.access, self.names, self.name_shown))

    def action_edit_person(self) -> None:
        """Their name, rhythm, trust, birthday and a rest from them."""
        if self.page is None:
            return

        def closed(result: Outcome | Draft | None) -> None:
            if isinstance(result, Outcome):
                self.name_shown = updated_name(result.what) or self.name_shown
                self._title()
                self.reload()

        self.app.push_screen(person_screen(self.access, self.page.person), closed)

    @on(EntryList.Selected)
    def _selected(self, event: EntryList.Selected) -> None:
        event.stop()
        self._edit(event.entry)

    def _edit(self, entry: Entry) -> None:
        self.app.push_screen(edit_screen(self.access, self.names, entry))

    @on(JobDone)
    def _done(self, event: JobDone) -> None:
        self.say_undone(event)

    @on(JobFailed)
    def _failed(self, event: JobFailed) -> None:
        self.notify(str(event.error), title="Not saved", severity="error", timeout=8)

    def action_back(self) -> None:
        """Back where the page was opened from."""
        self.dismiss(None)
