"""Bring your history with you (``i``, or Import in the palette): the dashboard's import.

The same import as ``leanon import``, with the same preview: a path, what importing it
would add (:func:`storage.fromapps.preview_lines`), and the import itself on Enter. A
Daylio export with moods of the person's own asks a level for each, and a Loop export
who each habit is about, one field each, before it shows what it would add. Reading the
file and working out what it would add run in a worker thread, like every save.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from storage.errors import InvalidInput, LeanonError
from storage.fields import clean_name, name_key, visible
from storage.fromapps import preview_lines, read_path, result_line, unplaced_lines
from storage.reading import Reading
from storage.store import ImportPlan, Store
from tui.screens.base import StorageScreen, dialog_box
from tui.storework import JobDone, JobFailed, StoreAccess
from widgets.forms import titled_input

ABOUT = (
    "Daylio's CSV export (your moods, as honest answers), Loop Habit Tracker's zip or its "
    "folder (a habit about someone, as reach-outs), or your contacts as a vCard file "
    "(people, with their birthdays). leanon tells which it is; importing twice adds nothing."
)

LOOK_HINT = "Enter looks at it, and imports nothing yet · Esc closes"
PLACE_HINT = "Enter looks again with what you gave · Esc closes"
IMPORT_HINT = "Enter imports it · Esc closes, importing nothing"


class ImportScreen(StorageScreen[None], ModalScreen[None]):
    """A path, the preview of importing it, and the import on confirm."""

    DEFAULT_CSS = (
        """
    ImportScreen {
        align: center middle;
        background: $background 60%;
    """
        + dialog_box("#import", 84)
        + """
        & #import-about { color: $text-muted; margin-bottom: 1; }
        & Input { border: round $border-blurred; border-title-color: $text-muted; }
        & Input:focus { border: round $border; border-title-color: $text; }
        & #import-preview { height: auto; max-height: 10; }
        & #import-preview:focus { background: $boost; }
        & #import-places { height: auto; max-height: 9; }
        & .error { color: $text-error; text-style: bold; }
        & .hint { color: $text-muted; }
    }
    """
    )

    BINDINGS = [
        Binding("escape", "close", "Close", id="import-close"),
        Binding("enter", "confirm", "Import", id="import-confirm", show=False),
    ]

    class Looked(Message):
        """The file was read, and what importing it would do worked out (or why not)."""

        def __init__(
            self, path: str, reading: Reading | None, plan: ImportPlan | None, error: str
        ) -> None:
            super().__init__()
            self.path = path
            self.reading = reading
            self.plan = plan
            self.error = error

    def __init__(self, access: StoreAccess) -> None:
        super().__init__(access)
        self.reading: Reading | None = None
        """What the file last read holds, once read."""
        self.looked_at = ""
        """The path that reading is of."""
        self.ready = False
        """The preview shown can be imported as it is (Enter imports it)."""
        self.saving = False
        self.places: dict[str, str] = {}
        """The names to place (moods or habits) by their key, as the file writes them."""

    def compose(self) -> ComposeResult:
        with Vertical(id="import") as box:
            box.border_title = "Bring your history with you"
            yield Static(ABOUT, id="import-about")
            yield titled_input(
                "File or folder",
                placeholder="~/Downloads/daylio_export.csv",
                field_id="import-path",
            )
            with VerticalScroll(id="import-preview", can_focus=True):
                yield Static("", id="import-words")
            yield Static("", classes="error")
            yield Static(LOOK_HINT, classes="hint")
            yield VerticalScroll(id="import-places")  # below the hint: it stays in sight
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#import-places").display = False
        self.query_one("#import-path", Input).focus()

    # ------------------------------------------------------------------ looking

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        path = self._path()
        if not path:
            self._show_error("Type the path of the file, or of the folder Loop's zip unzips to.")
            return
        if event.input.id != "import-path" or path != self.looked_at:
            self._look(path)
            return
        self.action_confirm()

    def _path(self) -> str:
        return os.path.expanduser(self.query_one("#import-path", Input).value.strip())

    def _look(self, path: str) -> None:
        try:
            moods, habits = self._placed()
        except InvalidInput as error:
            self._show_error(str(error))
            return
        self.ready = False
        self._show_error("")
        self.query_one(".hint", Static).update("Reading it…")
        self.look(path, moods, habits)

    @work(thread=True, exclusive=True, group="import-look", exit_on_error=False)
    def look(self, path: str, moods: Mapping[str, int], habits: Mapping[str, str]) -> None:
        """Read ``path`` and work out what importing it would add, off the event loop."""

        def plan(store: Store) -> ImportPlan | None:
            if os.path.exists(path) and store.path.exists():
                if os.path.samefile(path, store.path):
                    raise InvalidInput(
                        f"{path} is your data file; leanon won't import it into itself."
                    )
            reading = read_path(
                path,
                clock=self.access.clock,
                moods=moods,
                habits=habits,
                key_of=store.real_path(),
            )
            self.post_message(self.Looked(path, reading, None, ""))  # the reading, at once
            if reading.option:
                return None
            return store.plan_read(reading)

        try:
            found = self.access.call(plan)
        except LeanonError as error:
            self.post_message(self.Looked(path, None, None, str(error)))
            return
        if found is not None:
            self.post_message(self.Looked(path, None, found, ""))

    @on(Looked)
    def _looked(self, event: Looked) -> None:
        self.query_one("#import-about").display = False  # room for what the file holds
        if event.error:
            self.reading, self.looked_at = None, ""
            self._words([])
            self._show_error(event.error)
            self.query_one(".hint", Static).update(LOOK_HINT)
            return
        if event.reading is not None:
            self.reading, self.looked_at = event.reading, event.path
            if event.reading.option:
                self._ask(event.reading)
            return
        reading = self.reading
        if reading is None or event.plan is None or event.path != self.looked_at:
            return
        where = os.path.basename(event.path.rstrip(os.sep)) or event.path
        self._words(preview_lines(reading, event.plan, where))
        self.ready = reading.ready and bool(
            event.plan.entries or event.plan.people or event.plan.filled
        )
        hint = IMPORT_HINT if self.ready else LOOK_HINT
        if reading.problems:
            hint = "It can't be imported as it is · Esc closes"
        elif not self.ready:
            hint = "There is nothing new in it to import · Esc closes"
        self.query_one(".hint", Static).update(hint)
        if self.ready:
            self.query_one("#import-preview").focus()

    # ------------------------------------------------------------------ placing

    def _ask(self, reading: Reading) -> None:
        """A field for each mood to give a level, or each habit to link to someone."""
        where = os.path.basename(self.looked_at.rstrip(os.sep)) or self.looked_at
        lines = unplaced_lines(reading, where)
        self._words([lines[0], lines[-1]])
        box = self.query_one("#import-places", VerticalScroll)
        moods = reading.option == "--moods"
        wanted = {name_key(name): name for name, _ in reading.unplaced}
        if set(wanted) - set(self.places):  # new names to place: ask them all afresh
            box.remove_children()
            self.places = {}
        for key, name in wanted.items():
            if key in self.places:
                continue
            count = next(c for n, c in reading.unplaced if name_key(n) == key)
            field = titled_input(
                "",
                placeholder="a level, 1 to 5" if moods else "who it is about (empty: nobody)",
                field_id=f"place-{len(self.places)}",
                restrict=r"[1-5]?" if moods else None,
            )
            times = f"{count} {'time' if count == 1 else 'times'}" if moods else f"{count} days"
            field.border_title = Content(visible(f"{name} ({times})"))
            box.mount(field)
            self.places[key] = name
        box.display = True
        self.query_one(".hint", Static).update(PLACE_HINT)
        self.call_after_refresh(self._focus_first_empty)

    def _focus_first_empty(self) -> None:
        fields = list(self.query_one("#import-places").query(Input))
        empty = [f for f in fields if not f.value.strip()]
        if empty or fields:
            (empty or fields)[0].focus()

    def _placed(self) -> tuple[dict[str, int], dict[str, str]]:
        """The levels and links typed so far, by the key of the mood or habit."""
        moods: dict[str, int] = {}
        habits: dict[str, str] = {}
        if not self.places or self.reading is None:
            return moods, habits
        fields = list(self.query_one("#import-places").query(Input))
        for key, field in zip(self.places, fields, strict=False):
            value = field.value.strip()
            if not value:
                continue
            if self.reading.option == "--moods":
                moods[key] = int(value)
            else:
                habits[key] = clean_name(value)
        return moods, habits

    # ------------------------------------------------------------------ importing

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter imports only once a preview that can be imported is shown."""
        if action == "confirm":
            return self.ready and not self.saving
        return True

    def action_confirm(self) -> None:
        """Import what the preview shows."""
        reading = self.reading
        if not self.ready or self.saving or reading is None:
            return
        self.saving = True
        self.query_one(".hint", Static).update("Importing…")

        def job(store: Store) -> str:
            result = store.import_read(reading)
            return result_line(result, reading)

        self.save(job, tag="import")

    @on(JobDone)
    def _imported(self, event: JobDone) -> None:
        self.notify(event.what, timeout=6)
        self.dismiss(None)

    @on(JobFailed)
    def _failed(self, event: JobFailed) -> None:
        self.saving = False
        self._show_error(str(event.error))
        self.query_one(".hint", Static).update(IMPORT_HINT)

    def action_close(self) -> None:
        """Close, importing nothing (an import on its way finishes first)."""
        if not self.saving:
            self.dismiss(None)

    # ------------------------------------------------------------------ words

    def _words(self, lines: list[str]) -> None:
        # Content, not a str: the preview quotes names, and a str is read as markup.
        self.query_one("#import-words", Static).update(
            Content(visible("\n".join(lines), keep_newlines=True))
        )

    def _show_error(self, text: str) -> None:
        self.query_one(".error", Static).update(Content(visible(text)))
