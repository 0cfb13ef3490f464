"""When the data file cannot be used: what is wrong, where, and what to do. Never a traceback."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from storage.errors import DataFileError
from storage.fields import visible
from storage.views import problem_sentence

DEFAULT_FIX = "Check the file, or point leanon at another one with --db."
"""What to do, when the problem comes without its own fix."""


class ErrorScreen(Screen[None]):
    """A plain explanation of a data-file problem; q quits (the file is left as it is)."""

    DEFAULT_CSS = """
    ErrorScreen {
        align: center middle;
        & > #problem {
            width: 90;
            max-width: 100%;
            height: auto;
            border: thick $error;
            border-title-style: bold;
            padding: 1 2;
        }
        & Static { margin-bottom: 1; }
        & #quit-hint { margin-bottom: 0; }
    }
    """

    def __init__(self, error: DataFileError) -> None:
        super().__init__()
        self.error = error

    def compose(self) -> ComposeResult:
        error = self.error
        with Vertical(id="problem") as box:
            box.border_title = "leanon can't open your data file"
            yield Static(
                Content.assemble(("The file\n", "bold"), visible(str(error.path))), id="path"
            )
            yield Static(
                Content.assemble(("What is wrong\n", "bold"), problem_sentence(error.problem)),
                id="what",
            )
            fix = visible(error.fix, keep_newlines=True) if error.fix else DEFAULT_FIX
            yield Static(Content.assemble(("What to do\n", "bold"), fix), id="fix")
            yield Static(
                Content.styled(
                    "Your file has not been changed. Press q to quit; if the file is fixed "
                    "while this is open, the dashboard comes back by itself.",
                    "$text-muted",
                ),
                id="quit-hint",
            )
        yield Footer(compact=True)
