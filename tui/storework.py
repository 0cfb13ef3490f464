"""The one way the dashboard touches the data file: from worker threads, one at a time.

Screens never call the :class:`~storage.store.Store` on the event loop. They hand a job (a
function of the store) to a thread worker, which runs it under :class:`StoreAccess`'s lock,
reads the new :class:`Board` in the same breath, and posts a Message back.
"""

from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from textual.message import Message

from storage.clock import DEFAULT_DAY_STARTS_AT
from storage.errors import LeanonError

if TYPE_CHECKING:
    from pathlib import Path

    from textual.screen import Screen

    from storage.clock import Clock
    from storage.records import Entry, Settings
    from storage.store import Store
    from storage.summary import Summary
    from storage.tally import Facts
    from storage.totals import Key, Totals

T = TypeVar("T")

_board_numbers = itertools.count(1)
"""Numbers every board in the order it was read (always under a :class:`StoreAccess` lock)."""

Job = Callable[["Store"], str]
"""A change to make: takes the store, returns what happened in a few words ("texted Sam")."""


@dataclass(frozen=True, slots=True)
class Board:
    """Everything the screens show, read from the store in one go.

    Attributes:
        summary: the front page (storage.summary).
        settings: the person's settings (the theme, their keys, the Settings screen).
        names: everyone's name, most recently in touch first, for autocomplete.
        seq: boards are numbered as they are read, one at a time under the store's lock,
            so a higher number is newer data (a poll and a save can post out of order).
    """

    summary: Summary
    settings: Settings
    names: tuple[str, ...]
    seq: int = 0

    @property
    def theme(self) -> str | None:
        """The theme saved in the file's settings, or None."""
        return self.settings.theme


def read_board(store: Store) -> Board:
    """Read the board from ``store`` (call it inside :meth:`StoreAccess.call`).

    What it read is also kept in the totals beside the file (:mod:`storage.totals`), so
    ``leanon status`` and the next start of the dashboard need not read every entry.
    """
    from storage import glance, tally

    summary = store.summary()
    tally.keep(store, glance.views(summary, [p.name for p in store.people()]))
    return _board(summary, store.settings)


def _board(summary: Summary, settings: Settings) -> Board:
    """The board of a summary (under :class:`StoreAccess`'s lock, for its number)."""
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
        settings=settings,
        names=tuple(s.person.name for s in recent),
        seq=next(_board_numbers),
    )


@dataclass(eq=False)
class Draft:
    """A new entry shown on the dashboard at once, while its save runs behind it.

    Attributes:
        entry: the entry as it will be saved (its id is not known until then).
        job: the storage job that saves it.
        verb: how the note after the save starts ("Logged").
        reopen: the form again, with what was typed and this error, if the save fails.
        landed: the :attr:`Board.seq` of the board read right after the save, set under the
            store's lock; every board from that one on holds the entry itself.
    """

    entry: Entry
    job: Job
    verb: str
    reopen: Callable[[str], Screen[Any]]
    landed: int | None = None

    def shown_on(self, board: Board) -> bool:
        """Whether ``board`` still lacks the entry, so the draft is shown on top of it."""
        landed = self.landed
        return landed is None or board.seq < landed


class StoreAccess:
    """The store, opened on first use, and the lock that makes worker threads take turns.

    The storage layer is safe across processes; this lock keeps the Store's in-memory
    caches consistent when the poll and a save run in two threads at once.

    Args:
        open_store: makes the store. It is called by the first job (the dashboard's first
            read, in a worker after the first frame), so the storage layer and TinyDB are
            not even imported before the dashboard is on screen.
        clock: the store's clock.
    """

    def __init__(
        self, open_store: Callable[[], Store], clock: Clock, path: Path | None = None
    ) -> None:
        self.clock = clock
        self._open_store = open_store
        self._store: Store | None = None
        self._path = path
        self._facts: Facts | None = None
        """The totals' facts the boards came from while the store is not open yet."""
        self._facts_key: Key | None = None
        self._checked: Totals | None = None
        """Totals :meth:`settings_from_totals` found fresh, for the next board."""
        self._day_starts_at = DEFAULT_DAY_STARTS_AT
        """The file's day start, noted after each job (for :meth:`when`, on the event loop)."""
        self._lock = threading.Lock()
        self._waiting = 0
        """Jobs waiting for :attr:`_lock` (counted under :attr:`_count_lock`)."""
        self._count_lock = threading.Lock()

    # ----------------------------------------------------------------- before the store

    def settings_from_totals(self) -> Settings | None:
        """The file's settings from the totals beside it (their head alone), or None: the
        theme and keys of the dashboard's first frame, before any board is made. The next
        :meth:`board_from_totals` uses the same totals while the file has not changed.
        """
        if self._path is None:
            return None
        from storage import totals

        found = totals.fresh(os.path.realpath(self._path), now_ns=totals.fs_now_ns())
        if found is None or found.settings is None:
            return None
        from storage.docforms import settings_from_doc

        try:
            settings = settings_from_doc(found.settings, self._path)
        except (ValueError, KeyError, TypeError, LeanonError):
            return None
        self._checked = found
        return settings

    def board_from_totals(self, *, wait: bool = True) -> Board | None:
        """A board from the totals beside the file, without opening the store, or None.

        At start, and while nothing needs the store: a decade's dashboard then shows its
        panels without reading (or holding in memory) every entry. Only totals that belong
        to the file as it is now count (:func:`storage.totals.fresh`); once the store is
        open, it alone answers. From a worker, or with ``wait`` False from the event loop
        (None then while a job holds the store).
        """
        if self._path is None:
            return None
        if not self._lock.acquire(blocking=wait):
            return None
        try:
            if self._store is not None:
                return None
            from storage import tally, totals

            real = os.path.realpath(self._path)
            found, self._checked = self._checked, None
            if found is None or totals.file_key(real) != found.key:
                found = totals.fresh(real, now_ns=totals.fs_now_ns())
            if found is None:
                return None
            if found.key != self._facts_key or self._facts is None:
                try:
                    self._facts = tally.load_facts(found.facts(), self._path)
                except (ValueError, KeyError, TypeError, EOFError, LeanonError):
                    self._facts = None
                    return None
                self._facts_key = found.key
            summary = tally.summary_from(self._facts, self.clock.now())
            if summary is None:
                return None
            self._day_starts_at = self._facts.settings.day_starts_at
            return _board(summary, self._facts.settings)
        finally:
            self._lock.release()

    def facts_now(self) -> tuple[Facts, datetime] | None:
        """The totals' facts the boards came from and the moment, while the store is not
        open (then screens may answer from them first); None once it is."""
        with self._lock:
            if self._store is not None or self._facts is None:
                return None
            return self._facts, self.clock.now()

    @property
    def on_totals(self) -> bool:
        """Whether the boards so far came from the totals (the store is not open yet)."""
        return self._store is None and self._facts is not None

    def totals_unchanged(self) -> bool:
        """Whether the file still has the key of the totals the boards came from."""
        from storage import totals

        if self._path is None or self._facts_key is None:
            return False
        return totals.file_key(os.path.realpath(self._path)) == self._facts_key

    @property
    def store(self) -> Store:
        """The store, opened now if no job has opened it yet (jobs get it as their argument;
        this is for tests)."""
        if self._store is None:
            self._store = self._open_store()
        return self._store

    @property
    def path(self) -> Path:
        """The data file."""
        if self._path is None:
            return self.store.path
        return self._path

    def today(self) -> date:
        """The logical day now, with the file's day start as the last read saw it."""
        from storage.clock import logical_day

        return logical_day(self.clock.now(), self._day_starts_at)

    def now(self) -> datetime:
        """The clock's now (it reads no file, so it is fine on the event loop)."""
        return self.clock.now()

    def when(self, text: str) -> datetime:
        """The moment a "when" field's ``text`` stands for, read as ``--at`` reads it, with
        the file's day start as the last job saw it (it reads no file either).

        Raises:
            InvalidInput: not a time leanon understands, or one still ahead.
        """
        from storage.when import parse_when

        return parse_when(text, self.clock.now(), day_starts_at=self._day_starts_at)

    @property
    def busy(self) -> bool:
        """Whether a job is running or waiting for its turn.

        Asked from another thread (:mod:`tui.hangup`, before ending the process). A job
        waiting for the lock counts, so the lock passing from one job to the next is never
        mistaken for a pause.
        """
        return self._waiting > 0 or self._lock.locked()

    def call(self, job: Callable[[Store], T]) -> T:
        """Run ``job`` with the store, waiting for any other job to finish first."""
        with self._count_lock:
            self._waiting += 1
        try:
            self._lock.acquire()
        finally:
            with self._count_lock:  # the lock is held by now: busy stays true throughout
                self._waiting -= 1
        try:
            return self._noting(job(self.store))
        finally:
            self._lock.release()

    def _noting(self, result: T) -> T:
        """``result``, once the file's day start is noted (called under the lock)."""
        self._day_starts_at = self.store.settings.day_starts_at
        return result

    def try_call(self, job: Callable[[Store], T]) -> tuple[bool, T | None]:
        """Run ``job`` only if nobody else is using the store; (ran, result)."""
        if not self._lock.acquire(blocking=False):
            return False, None
        try:
            return True, self._noting(job(self.store))
        finally:
            self._lock.release()

    def change(self, job: Job) -> tuple[str, Board]:
        """Make a change and read the board after it, as one turn."""

        def both(store: Store) -> tuple[str, Board]:
            return job(store), read_board(store)

        return self.call(both)

    def save_draft(self, draft: Draft) -> tuple[str, Board]:
        """Save a draft and read the board after it, marking the draft as landed in it."""

        def both(store: Store) -> tuple[str, Board]:
            what = draft.job(store)
            board = read_board(store)
            draft.landed = board.seq  # before the lock is let go: no later board lacks it
            return what, board

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
