"""What every screen that changes the data file shares: one way to run a storage job, and
toasts that show what was saved as it is."""

from __future__ import annotations

from typing import TypeVar

from textual import work
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from storage.errors import LeanonError
from storage.fields import visible
from storage.records import Entry
from tui.screens.confirm import ConfirmScreen
from tui.storework import Board, BoardChanged, Job, JobDone, JobFailed, StoreAccess

ResultT = TypeVar("ResultT")

UNDO_BINDING = Binding("u", "undo", "Undo", id="undo", tooltip="Take back the last change")
"""``u`` on every screen that changes the data file (one id, so a keymap moves them all)."""

NOTHING_TO_UNDO = "Nothing to undo."


def dialog_box(box: str, width: int) -> str:
    """The CSS, nested in a modal screen's own rule, of its centred box ``box`` (an id
    selector) ``width`` columns wide: one look for the forms, the keys and the import."""
    return (
        f"    & > {box} {{\n"
        f"        width: {width};\n"
        "        max-width: 100%;\n"
        "        height: auto;\n"
        "        max-height: 100%;\n"
        "        border: thick $primary;\n"
        "        border-title-style: bold;\n"
        "        background: $surface;\n"
        "        padding: 0 1;\n"
        "    }\n"
    )


"""What ``u`` says when there is nothing to take back (the command line's words)."""


class StorageScreen(Screen[ResultT]):
    """A screen that saves through a thread worker and hears back by Message.

    Mix with :class:`~textual.screen.ModalScreen` for forms: ``class F(StorageScreen[T],
    ModalScreen[T])``.
    """

    def __init__(self, access: StoreAccess) -> None:
        super().__init__()
        self.access = access

    @work(thread=True, exclusive=True, group="storage")
    def save(self, job: Job, tag: str = "") -> None:
        """Run ``job`` off the event loop; post :class:`JobDone` or :class:`JobFailed` back.

        On success the App hears :class:`BoardChanged` too, so every screen shows the change.
        """
        try:
            what, board = self.access.change(job)
        except LeanonError as error:
            self.post_message(JobFailed(error, tag))
            return
        self.app.post_message(BoardChanged(board))
        self.post_message(JobDone(what, board, tag))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A toast that says ``message`` as it is: not read as markup, control characters
        shown as escapes.

        Toasts quote what was saved ("Logged: texted Sam") and errors that name someone.
        Textual reads a toast's message as markup unless told not to, so a name like
        ``[/]`` would crash the dashboard and ``[@click=app.quit]Sam[/]`` would be a button
        that quits it; an ESC in a name would reach the terminal. Every screen that saves
        notifies through here (``markup`` is False unless a caller asks for it).
        """
        super().notify(
            visible(message, keep_newlines=True),
            title=visible(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def save_after_asking(
        self, question: str, job: Job, tag: str = "", no: str = "keep it"
    ) -> None:
        """Ask ``question`` in a confirmation dialog; run ``job`` only on yes (``no`` says
        what the other answer does)."""

        def answer(yes: bool | None) -> None:
            if yes:
                self.save(job, tag=tag)

        self.app.push_screen(ConfirmScreen(question, no=no), answer)

    def delete_entry_after_asking(self, entry: Entry) -> None:
        """Ask, then remove ``entry``; the JobDone carries ``tag="delete"``."""
        self.save_after_asking(
            f"Remove “{entry.describe()}”?\n"
            f"You can bring it back with {self.key_for('undo')} (undo).",
            lambda store: store.delete_entry(entry.id).describe(),
            tag="delete",
        )

    def action_undo(self) -> None:
        """Take back the last change, whoever made it (this screen, another, the shell)."""
        self.save(lambda store: store.undo() or "", tag="undo")

    def keys_by_id(self) -> dict[str, str]:
        """The key of each binding of this screen and the App, by the binding's id, as the
        footer shows it (the person may have moved it): what the hints say. A key that
        is off just now (``x`` while there is no note) is named too."""
        from dataclasses import replace

        from tui.keymap import class_bindings

        chosen: dict[str, str] = getattr(self.app, "chosen_keys", {})
        found: dict[str, str] = {}
        for cls in (type(self), type(self.app)):
            for binding in class_bindings(cls):
                if binding.id and binding.id not in found:
                    moved = replace(binding, key=chosen.get(binding.id) or binding.key)
                    found[binding.id] = self.app.get_key_display(moved)
        return found

    def dashboard_keys(self) -> dict[str, str]:
        """The dashboard's keys by binding id, as its hints name them, for a screen opened
        over it that points back to them ("b on the dashboard notes one")."""
        for screen in self.app.screen_stack:
            keys = getattr(screen, "hint_keys", None)
            if isinstance(keys, dict) and keys:
                return keys
        return {}

    def key_for(self, action: str) -> str:
        """The key that runs ``action`` here, as the footer shows it (a keymap may move it)."""
        from tui.keymap import bound_key

        return bound_key(self, action)

    def say_undone(self, event: JobDone) -> bool:
        """Say what ``u`` took back, or that there was nothing; False for any other job."""
        if event.tag != "undo":
            return False
        if event.what:
            self.notify(f"Undone: {event.what}", timeout=4)
        else:
            self.notify(NOTHING_TO_UNDO, timeout=3)
        return True

    def keys_moved(self) -> None:
        """The person moved a key (the App calls this on every screen in the stack): a
        screen whose hints name keys says the new ones."""

    def show_board(self, board: Board) -> None:
        """New data to show (the App calls this on every screen in the stack)."""
