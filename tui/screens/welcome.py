"""The first run: a short hello and a chance to name a few people you trust. Skippable."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Input, Static

from storage.errors import InvalidInput
from storage.fields import visible
from storage.store import Store
from tui.screens.base import StorageScreen
from tui.storework import JobDone, JobFailed, StoreAccess
from widgets.forms import titled_input

SLOTS = 3
"""How many names the welcome offers room for; more can be added on the people screen."""

HELLO = (
    "leanon is a quiet place to notice the people in your life: who you reached out to, "
    "how you really are, the small moments of belonging, and the times you let someone in.\n\n"
    "To start, you could name a few people you trust. It's fine to skip this."
)


class WelcomeScreen(StorageScreen[None]):
    """Shown once, when there is no data file yet."""

    DEFAULT_CSS = """
    WelcomeScreen {
        align: center middle;
        & > #welcome {
            width: 76;
            max-width: 100%;
            height: auto;
            max-height: 100%;
            border: thick $primary;
            border-title-style: bold;
            padding: 0 2;
        }
        & Input { border: round $border-blurred; border-title-color: $text-muted; }
        & Input:focus { border: round $border; border-title-color: $text; }
        & #hello { margin: 1 0; }
        & .hint { color: $text-muted; }
        & .error { color: $text-error; text-style: bold; }
    }
    """

    BINDINGS = [
        Binding("escape", "skip", "Skip", id="welcome-skip"),
        Binding("s", "skip", "Skip", id="welcome-skip-s", show=False),
    ]

    def __init__(self, access: StoreAccess) -> None:
        super().__init__(access)

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome") as box:
            box.border_title = "Welcome to leanon"
            yield Static(HELLO, id="hello")
            for slot in range(SLOTS):
                yield titled_input(
                    "Someone you trust", placeholder="a name", field_id=f"name-{slot}"
                )
            yield Static("", classes="error")
            yield Static(
                "Enter next name · Enter on an empty line saves · Esc skip", classes="hint"
            )
        yield Footer(compact=True)

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = list(self.query(Input))
        index = inputs.index(event.input)
        if event.value.strip() and index + 1 < len(inputs):
            inputs[index + 1].focus()
            return
        self.save_names()

    def save_names(self) -> None:
        """Save every name typed, each as someone trusted; none typed is a skip."""
        names = [i.value.strip() for i in self.query(Input) if i.value.strip()]
        if not names:
            self.dismiss(None)
            return

        def job(store: Store) -> str:
            saved = []
            for name in names:
                try:
                    saved.append(store.add_person(name, trusted=True).name)
                except InvalidInput:  # already there (typed twice): mark them trusted
                    saved.append(store.update_person(name, trusted=True).name)
            return ", ".join(saved)

        self.save(job)

    @on(JobDone)
    def _saved(self, event: JobDone) -> None:
        self.notify(f"Added {event.what}: people you trust.", timeout=5)
        self.dismiss(None)

    @on(JobFailed)
    def _failed(self, event: JobFailed) -> None:
        # Content, not a str: an error can quote a name, and a str is read as markup.
        self.query_one(".error", Static).update(Content(visible(str(event.error))))

    def action_skip(self) -> None:
        """Skip the welcome; people can be added any time with p."""
        self.dismiss(None)
