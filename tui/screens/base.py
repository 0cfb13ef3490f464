"""What every screen that changes the data file shares: one way to run a storage job, and
toasts that show what was saved as it is."""

from __future__ import annotations

from typing import TypeVar

from textual import work
from textual.notifications import SeverityLevel
from textual.screen import Screen

from storage.errors import LeanonError
from storage.fields import visible
from storage.records import Entry
from tui.screens.confirm import ConfirmScreen
from tui.storework import Board, BoardChanged, Job, JobDone, JobFailed, StoreAccess

ResultT = TypeVar("ResultT")


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

    def save_after_asking(self, question: str, job: Job, tag: str = "") -> None:
        """Ask ``question`` in a confirmation dialog; run ``job`` only on yes."""

        def answer(yes: bool | None) -> None:
            if yes:
                self.save(job, tag=tag)

        self.app.push_screen(ConfirmScreen(question), answer)

    def delete_entry_after_asking(self, entry: Entry) -> None:
        """Ask, then remove ``entry``; the JobDone carries ``tag="delete"``."""
        self.save_after_asking(
            f"Remove “{entry.describe()}”?\nYou can bring it back with u (undo).",
            lambda store: store.delete_entry(entry.id).describe(),
            tag="delete",
        )

    def show_board(self, board: Board) -> None:
        """New data to show (the App calls this on every screen in the stack)."""
