"""The drift note: one quiet line above the panels when the last two weeks look different.

Storage decides whether there is a note and what it says (``storage.insights.drift``); this
widget only shows it, or nothing, and asks the screen to hide it when the hint is clicked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from widgets.panel import key_hint

if TYPE_CHECKING:
    from storage.insights import DriftNote
    from storage.summary import Summary

HIDE_HINT = "hide for a week"
"""What the key beside the note does, in the words the note shows."""

SHORT_HIDE_HINT = "hide"
"""The same, when the long words do not fit on the note's last row (80 columns)."""


class DriftLine(Widget):
    """The note and its one small suggestion, in muted colours; no box, no alarm.

    Hidden (``display: none``) while there is no note, so the panels keep every row.
    """

    DEFAULT_CSS = """
    DriftLine {
        display: none;
        height: auto;
        padding: 0 1;
        color: $text-muted;
        &.-shown { display: block; }
    }
    """

    summary: reactive[Summary | None] = reactive(None, repaint=False)
    """The summary; only its drift note is shown. Most new summaries leave the note as it
    was, so :meth:`watch_summary` repaints only when the note itself comes or goes."""

    hide_key: reactive[str] = reactive("", layout=True)
    """The key that hides the note, as shown (the person may move it), set by the screen."""

    _note: DriftNote | None = None
    """The note shown, kept so a new summary with the same note changes nothing."""

    class HideRequested(Message):
        """The person asked to hide the note (clicked its hint)."""

        def __init__(self, line: DriftLine) -> None:
            super().__init__()
            self.line = line

        @property
        def control(self) -> DriftLine:
            """The line that asked."""
            return self.line

    def watch_summary(self, summary: Summary | None) -> None:
        """Show or hide the line when the note comes or goes."""
        note = summary.drift if summary is not None else None
        if note == self._note:
            return
        self._note = note
        self.set_class(note is not None, "-shown")
        self.refresh(layout=True)

    def render(self) -> Content:
        """The note, wrapped to the width, with the hide hint at the end of its last row."""
        return Content("\n").join(self._rows(self.content_size.width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many rows as the note takes at ``width``: one when wide, two at 80 columns."""
        return len(self._rows(width)) if self._note is not None else 0

    def _rows(self, width: int) -> list[Content]:
        """The message, then the suggestion, as one paragraph; the hint goes on the last
        row, in its short form ("x hide") when the long one does not fit there."""
        note = self._note
        if note is None or width <= 0:
            return []
        words = Content.assemble((note.message, "$text-muted"), " ", (note.suggestion, "$text"))
        rows = list(words.wrap(width))
        for hint_words in (HIDE_HINT, SHORT_HIDE_HINT):
            hint = key_hint(self.hide_key, hint_words).stylize("@click=hide")
            if rows[-1].cell_length + 2 + hint.cell_length <= width:
                rows[-1] = Content.assemble(rows[-1], "  ", hint)
                return rows
        return [*rows, hint.truncate(width)]

    def action_hide(self) -> None:
        """The hint was clicked: ask the screen to hide the note."""
        self.post_message(self.HideRequested(self))
