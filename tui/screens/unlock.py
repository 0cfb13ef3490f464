"""When the data file is encrypted and its key locked: the passphrase, in a password field.

Shown instead of the dashboard before the store is opened (:class:`tui.app.LeanonApp`).
The passphrase is never shown (``Input(password=True)``), never kept after the key is
opened, and opening it (scrypt, seconds on purpose) runs in a worker thread, off the event
loop. Once open, the key stays unlocked as ``leanon unlock`` leaves it
(:func:`storage.sealed.remember`), so the command line needs no passphrase either.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from storage import sealed
from storage.errors import LeanonError
from storage.fields import visible
from tui.screens.base import dialog_box

WRONG = "That passphrase doesn't open it. Try again."
"""What the screen says after a passphrase that does not open the key file."""

STAYS = "It stays unlocked until you log out or run leanon lock."
"""What the screen says before a passphrase is typed."""


class UnlockScreen(Screen[None]):
    """The passphrase for an encrypted data file; Enter opens it (then the screen goes and
    the dashboard reads the file), escape quits."""

    DEFAULT_CSS = (
        "UnlockScreen {\n    align: center middle;\n"
        + dialog_box("#unlock", 60)
        + """    & #unlock-about { margin: 1 0; }
    & #unlock-said { height: auto; margin: 1 0 0 0; color: $text-muted; }
    & #unlock-said.wrong { color: $warning; }
}
"""
    )

    BINDINGS = [
        Binding("escape", "app.quit", "Quit", id="unlock-quit", tooltip="Close leanon"),
    ]

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db_path = db_path

    def compose(self) -> ComposeResult:
        with Vertical(id="unlock") as box:
            box.border_title = "leanon is locked"
            yield Static(
                Content.assemble(
                    "Your data file, ",
                    (visible(self.db_path.name), "bold"),
                    ", is encrypted.\nType your passphrase to open it.",
                ),
                id="unlock-about",
            )
            yield Input(password=True, placeholder="passphrase", id="passphrase")
            yield Static(
                "It stays unlocked until you log out or run leanon lock.", id="unlock-said"
            )
        yield Footer(compact=True)

    @on(Input.Submitted, "#passphrase")
    def _submitted(self, event: Input.Submitted) -> None:
        if not event.value:
            return
        field = self.query_one("#passphrase", Input)
        field.disabled = True
        self._say("Opening the key…", wrong=False)
        self._open(event.value)
        field.value = ""

    @work(thread=True, exclusive=True, exit_on_error=False, description="Opening the key")
    def _open(self, passphrase: str) -> None:
        real = str(self.db_path.resolve())
        try:
            secret = sealed.unwrap(real, passphrase)
        except LeanonError:
            self.app.call_from_thread(self._wrong)
            return
        except OSError as exc:
            self.app.call_from_thread(self._say, f"The key file can't be read ({exc}).", True)
            return
        sealed.hold(real, secret)
        try:
            sealed.remember(real, secret)
        except (LeanonError, OSError):
            pass  # open in this dashboard all the same; the command line asks again
        self.app.call_from_thread(self.dismiss, None)

    def _wrong(self) -> None:
        self._say(WRONG, wrong=True)
        field = self.query_one("#passphrase", Input)
        field.disabled = False
        field.focus()

    def _say(self, text: str, wrong: bool) -> None:
        said = self.query_one("#unlock-said", Static)
        said.update(text)
        said.set_class(wrong, "wrong")
