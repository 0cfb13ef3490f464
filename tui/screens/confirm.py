"""The yes/no question before a change that removes something."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from storage.fields import visible


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; only y or Enter says yes.

    The question quotes what would go ("Remove “texted Sam”?"), so it is drawn as plain
    text with control characters as escapes, never read as markup.
    """

    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
        & > #dialog {
            width: 60;
            max-width: 100%;
            height: auto;
            border: thick $warning;
            background: $surface;
            padding: 1 2;
        }
        & .hint { color: $text-muted; margin-top: 1; }
    }
    """

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm-yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm-no"),
    ]

    def __init__(self, question: str, yes: str = "remove", no: str = "keep it") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no
        """What n does, in words ("keep them" for a person)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(visible(self.question, keep_newlines=True)))
            yield Static("", classes="hint")

    def on_mount(self) -> None:
        """The hint names the keys as they are now (the person may have moved them)."""
        from tui.keymap import bound_key

        yes, no = (bound_key(self, action) for action in ("answer(True)", "answer(False)"))
        self.query_one(".hint", Static).update(f"{yes} {self.yes} · {no} {self.no}")

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)
