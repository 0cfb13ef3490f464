"""The base of every dashboard panel: a bordered box that renders the summary pushed into it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

if TYPE_CHECKING:
    from storage.summary import Summary

LOADING = Content.styled("Opening your notes…", "$text-muted italic")
"""Shown for the moment between opening the dashboard and the first read of the file."""


class Panel(Widget):
    """A titled panel; subclasses turn a :class:`~storage.summary.Summary` into content.

    The panel decides how much to show from its own size, so the same widget reads well
    in a small terminal and uses the room in a large one.
    """

    DEFAULT_CSS = """
    Panel {
        border: round $primary-muted;
        border-title-color: $text-primary;
        border-title-style: bold;
        padding: 0 1;
        height: 1fr;
        width: 1fr;
    }
    """

    summary: reactive[Summary | None] = reactive(None)
    """What to show; bound to the dashboard's summary, so every panel updates at once."""

    def render(self) -> Content:
        """The panel's content for the current summary and size."""
        if self.summary is None:
            return LOADING
        size = self.content_size
        return self.content_for(self.summary, size.width, size.height)

    def content_for(self, summary: Summary, width: int, height: int) -> Content:
        """Build the content; ``width`` and ``height`` are the room inside the border."""
        raise NotImplementedError


class Rows:
    """Lines of a panel, wrapped or cut to its width and never more than its height."""

    def __init__(self, width: int, height: int) -> None:
        self.width = max(1, width)
        self.height = max(0, height)
        self._lines: list[Content] = []

    @property
    def room(self) -> int:
        """Rows still free."""
        return self.height - len(self._lines)

    def add(self, line: Content | str, *, wrap: bool = False, hang: int = 0) -> bool:
        """Add a line, wrapped onto rows or cut with an ellipsis; False when full.

        ``hang`` indents the wrapped rows after the first (for bullets).
        """
        content = Content(line) if isinstance(line, str) else line
        if not wrap:
            parts = [content.truncate(self.width, ellipsis=True)]
        elif hang and content.cell_length > self.width:
            first = content.wrap(self.width)[0]
            plain, cut = content.plain, len(first.plain)
            while cut < len(plain) and plain[cut] == " ":
                cut += 1
            rest = content[cut:].wrap(max(1, self.width - hang)) if cut < len(plain) else []
            parts = [first, *(part.pad_left(hang) for part in rest)]
        else:
            parts = content.wrap(self.width)
        for part in parts:
            if self.room <= 0:
                return False
            self._lines.append(part)
        return True

    def blank(self) -> None:
        """An empty row, unless it would be the first or there is no room."""
        if self._lines and self.room > 0:
            self._lines.append(Content(""))

    def replace_last(self, line: Content) -> None:
        """Swap the last row for ``line`` (used for "...and 3 more")."""
        if self._lines:
            self._lines[-1] = line.truncate(self.width, ellipsis=True)

    def build(self) -> Content:
        """The rows as one piece of content."""
        return Content("\n").join(self._lines)


def key_hint(key: str, words: str) -> Content:
    """A "r to ..." hint: the key stands out by weight, not only by colour."""
    return Content.assemble((key, "bold $text-accent"), (f" {words}", "$text-muted"))
