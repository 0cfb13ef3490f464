"""Keys are handled one at a time, in the order they were typed.

Textual hands each key to the focused widget's queue and runs the key's bindings only when it
has bubbled back up to the App, while a printable character is handled by the widget itself
straight away. Typed at paste speed (a macro, a chorded keyboard, a busy machine), the keys
overtook each other: ``backspace 4 5`` in the rhythm field left "4" (the 4 and the 5 went in,
then the backspace ran), and a key typed straight after Tab went into the field Tab was
leaving (Textual issue #6605). What was typed must be what is saved, so the App holds each
key until the one before it is done: a probe follows the key up the same widgets, after it
in each one's queue, and when the probe reaches the App the next key goes.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from textual import events
from textual.app import App
from textual.dom import DOMNode

Dispatch = Callable[[events.Key], Awaitable[None]]
"""What hands a key on: the App's own (Textual's) handling of a new key."""


class KeyOrder:
    """Lets one key through at a time; the rest wait their turn, in order.

    Args:
        app: the App; the probe ends there, and the next key is sent from its queue.
        dispatch: hands a key to Textual's handling (priority bindings, then the focused
            widget, which bubbles it up).
    """

    def __init__(self, app: App[Any], dispatch: Dispatch) -> None:
        self._app = app
        self._dispatch = dispatch
        self._waiting: deque[events.Key] = deque()
        self._current: events.Key | None = None
        """The key on its way through the widgets, or None."""

    async def key(self, event: events.Key, target: DOMNode) -> None:
        """A new key from the terminal, for ``target`` (the focused widget, or the screen)
        if it goes now; if another key is still on its way, this one waits."""
        if self._current is not None:
            self._waiting.append(event)
            return
        await self._send(event, target)

    async def _send(self, event: events.Key, target: DOMNode) -> None:
        self._current = event
        await self._dispatch(event)
        self._follow(event, target)

    def _follow(self, event: events.Key, node: DOMNode) -> None:
        """Queue the probe behind ``event`` in ``node``; at the App, let the next key go."""
        if node is self._app:
            self._app.call_later(self._done, event)
            return
        if not node.call_later(self._follow, event, node.parent or self._app):
            self._app.call_later(self._done, event)  # ``node`` is closing: nothing more to wait for

    async def _done(self, event: events.Key) -> None:
        if event is not self._current:
            return
        self._current = None
        if self._waiting:
            app = self._app
            await self._send(self._waiting.popleft(), app.focused or app.screen)
