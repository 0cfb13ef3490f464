"""The one way the dashboard touches the data file: from worker threads, one at a time.

Screens never call the :class:`~storage.store.Store` on the event loop. They hand a job (a
function of the store) to a thread worker, which runs it under :class:`StoreAccess`'s lock,
reads the new :class:`Board` in the same breath, and posts a Message back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from textual.message import Message

from storage.errors import LeanonError
from storage.store import Store
from storage.summary import Summary, summarize

T = TypeVar("T")

Job = Callable[[Store], str]
"""A change to make: takes the store, returns what happened in a few words ("texted Sam")."""


@dataclass(frozen=True, slots=True)
class Board:
    """Everything the screens show, read from the store in one go.

    Attributes:
        summary: the front page (storage.summary).
        undo: what ``u`` would take back, or None.
        theme: the theme saved in the file's settings, or None.
        names: everyone's name, most recently in touch first, for autocomplete.
    """

    summary: Summary
    undo: str | None
    theme: str | None
    names: tuple[str, ...]


def read_board(store: Store) -> Board:
    """Read the board from ``store`` (call it inside :meth:`StoreAccess.call`)."""
    summary = summarize(store)
    # Autocomplete offers the people you were in touch with most recently first.
    recent = sorted(
        summary.people,
        key=lambda s: (
            s.last_contact is None,
            -(s.last_contact.at.timestamp() if s.last_contact else 0),
        ),
    )
    return Board(
        summary=summary,
        undo=store.pending_undo(),
        theme=store.settings.theme,
        names=tuple(s.person.name for s in recent),
    )


class StoreAccess:
    """The store and the lock that makes worker threads take turns with it.

    The storage layer is safe across processes; this lock keeps the Store's in-memory
    caches consistent when the poll and a save run in two threads at once.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()

    def call(self, job: Callable[[Store], T]) -> T:
        """Run ``job`` with the store, waiting for any other job to finish first."""
        with self._lock:
            return job(self.store)

    def try_call(self, job: Callable[[Store], T]) -> tuple[bool, T | None]:
        """Run ``job`` only if nobody else is using the store; (ran, result)."""
        if not self._lock.acquire(blocking=False):
            return False, None
        try:
            return True, job(self.store)
        finally:
            self._lock.release()

    def change(self, job: Job) -> tuple[str, Board]:
        """Make a change and read the board after it, as one turn."""

        def both(store: Store) -> tuple[str, Board]:
            return job(store), read_board(store)

        return self.call(both)


class BoardChanged(Message):
    """Posted to the App whenever the data changed, with the board to show."""

    def __init__(self, board: Board) -> None:
        super().__init__()
        self.board = board


class JobDone(Message):
    """A storage job finished; posted back to the screen that asked."""

    def __init__(self, what: str, board: Board, tag: str = "") -> None:
        super().__init__()
        self.what = what
        self.board = board
        self.tag = tag


class JobFailed(Message):
    """A storage job failed with an error meant for a person; nothing was changed."""

    def __init__(self, error: LeanonError, tag: str = "") -> None:
        super().__init__()
        self.error = error
        self.tag = tag
