"""Ending the dashboard when its terminal closes, whatever Textual's driver does.

Closing the terminal (a window closed, ``tmux kill-session``) sends SIGHUP. The terminal is
gone by then, and Textual 8.2.8 does not survive that: its output thread dies on the first
write (EIO), its queue of 30 writes fills, and the next ``driver.write`` or the
``driver.close`` on the way out blocks forever in ``Queue.put``, with the event loop stuck
behind it. An ``app.exit()`` from the signal handler cannot help then, and the dashboard
was seen alive for 25 minutes after the terminal had closed.

So the signals are answered outside the event loop. A :class:`Watchdog` thread, started
with the app, waits for a signal; on SIGHUP it lets any save in flight finish (for at most
:data:`SAVE_WAIT`), runs the cleanup that must happen (the ``--demo`` folder), and ends the
process with ``os._exit``: there is no terminal left to restore. SIGTERM still asks the app
to close (``app.exit``), which restores the terminal, with the same watchdog as a backstop.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable
from types import FrameType, TracebackType
from typing import TYPE_CHECKING, Any

from textual.worker import WorkerState

from tui.screens.dashboard import DRAFT_HEAD_START

if TYPE_CHECKING:
    from textual.app import App
    from textual.worker import Worker

    from tui.storework import StoreAccess

SAVE_WAIT = 1.5
"""Seconds after the signal, at most, spent waiting for saves in flight (and, after SIGTERM,
for the app to close itself). With the cleanup after it the process is gone within 2 s."""

POLL = 0.01
"""How often the watchdog asks whether a save is still running, in seconds."""

SAVE_GROUPS = ("drafts", "storage")
"""The worker groups that write the data file: the dashboard's drafts and every
:class:`~tui.screens.base.StorageScreen`'s saves (and the first read, which opens the store)."""

WORKER_GRACE = DRAFT_HEAD_START + 0.1
"""How long a save worker Textual has not reported done still counts, once seen.

A save worker is inside :class:`~tui.storework.StoreAccess` (which reports itself as busy)
except while it starts and while a draft gives its frame a head start, at most
:data:`~tui.screens.dashboard.DRAFT_HEAD_START`. Textual's own account of a worker cannot be
trusted for longer than that here: it is kept on the event loop, which may be the thing
stuck, and Textual marks a thread worker cancelled on its way out while the thread runs on.
"""

_STOP = 0
"""What :meth:`Watchdog.__exit__` writes to the watchdog's pipe: no signal, just stop."""


class SavesInFlight:
    """Whether a save is running; a callable for the watchdog, asked from its own thread.

    Args:
        app: the app whose save workers to watch.
        access: the store's lock, held (or waited for) by every job while it runs.
    """

    def __init__(self, app: App[Any], access: StoreAccess) -> None:
        self._app = app
        self._access = access
        self._seen: dict[Worker[Any], float] = {}
        """Every save worker seen, and when: a cancelled one leaves ``app.workers`` at once."""

    def __call__(self) -> bool:
        now = time.monotonic()
        try:
            workers = [w for w in self._app.workers if w.group in SAVE_GROUPS]
        except RuntimeError:  # the event loop changed the set while we read it: ask again
            return True
        for worker in workers:
            self._seen.setdefault(worker, now)
        done = (WorkerState.SUCCESS, WorkerState.ERROR)  # CANCELLED threads may still run
        starting = any(
            worker.state not in done and now < seen + WORKER_GRACE
            for worker, seen in self._seen.items()
        )
        return starting or self._access.busy


class Watchdog:
    """Answer SIGHUP and SIGTERM from a thread of its own, while ``with`` lasts.

    The signal handlers only write the signal's number to a pipe, which is safe wherever
    the main thread was interrupted (starting a thread or setting an Event there could
    deadlock on a lock the interrupted code holds). The thread reading the pipe is started
    before the app runs, so nothing in it depends on the event loop.

    Args:
        saving: whether a save is still in flight (:class:`SavesInFlight`).
        stop: asks the app to close gracefully (``app.exit``; safe from another thread).
        cleanup: what must happen before the process ends, whichever way it ends.
    """

    def __init__(
        self,
        saving: Callable[[], bool],
        *,
        stop: Callable[[], object],
        cleanup: Callable[[], object] | None = None,
    ) -> None:
        self._saving = saving
        self._stop = stop
        self._cleanup = cleanup
        self._previous: dict[int, Any] = {}
        self._read, self._write = os.pipe()
        os.set_blocking(self._write, False)  # a storm of signals must not block a handler
        self._thread = threading.Thread(target=self._watch, name="leanon-hangup", daemon=True)
        self._graceful = False
        """True once SIGTERM has asked the app to close: the thread is then a backstop."""

    def __enter__(self) -> Watchdog:
        try:
            for name in ("SIGHUP", "SIGTERM"):
                if (number := getattr(signal, name, None)) is not None:  # neither on Windows
                    self._previous[number] = signal.signal(number, self._on_signal)
        except ValueError:  # not the main thread: leave everything as it was
            self._restore_handlers()
            os.close(self._read)
            os.close(self._write)
            raise
        self._thread.start()  # a signal that came first waits in the pipe
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._restore_handlers()
        self._poke(_STOP)  # read only if no signal came first
        if self._graceful:
            return  # closing after SIGTERM: the thread stays on as the backstop
        # After SIGHUP this join never returns: the thread ends the process.
        self._thread.join()
        os.close(self._read)
        os.close(self._write)

    def _restore_handlers(self) -> None:
        for number, handler in self._previous.items():
            if handler is not None:  # None: set outside Python, and cannot be put back
                signal.signal(number, handler)

    def _on_signal(self, number: int, frame: FrameType | None) -> None:
        """Hand the signal to the thread; nothing else is safe to do in a signal handler."""
        self._poke(number)

    def _poke(self, number: int) -> None:
        try:
            os.write(self._write, bytes((number,)))
        except OSError:  # the pipe is full of signals already: the first one decides
            pass

    def _watch(self) -> None:
        """Wait for a signal; then let saves finish, clean up, and end the process within 2 s."""
        got = os.read(self._read, 1)
        if not got or got[0] == _STOP:
            return
        number, deadline = got[0], time.monotonic() + SAVE_WAIT
        hangup = number == getattr(signal, "SIGHUP", None)
        try:
            if not hangup:
                self._graceful = True
                self._stop()
            while self._saving() and time.monotonic() < deadline:
                time.sleep(POLL)
            if not hangup:
                # Most often the app has closed and the process ended long before this.
                time.sleep(max(0.0, deadline - time.monotonic()))
        finally:  # whatever went wrong above, the cleanup runs and the process ends
            try:
                if self._cleanup is not None:
                    self._cleanup()
            finally:
                os._exit(128 + number)
