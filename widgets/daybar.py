"""The top line: the day, and a word when the dashboard is showing demo data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

if TYPE_CHECKING:
    from storage.summary import Summary


class DayBar(Widget):
    """The app's name, today's date (the logical day), and how to see the keys."""

    DEFAULT_CSS = """
    DayBar {
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text;
    }
    """

    summary: reactive[Summary | None] = reactive(None)
    """The summary; only its day is shown here."""

    demo: reactive[bool] = reactive(False)
    """True when the dashboard shows generated demo data, not the person's own file."""

    def render(self) -> Content:
        """ "leanon · Saturday 28 November" on the left, "? keys" on the right."""
        left = Content.assemble(("leanon", "bold $text-accent"))
        if self.summary is not None:
            day = self.summary.today
            left = Content.assemble(left, "  ", f"{day:%A} {day.day} {day:%B %Y}")
        if self.demo:
            left = Content.assemble(left, "  ", (" demo data ", "reverse"))
        right = Content.assemble(
            ("?", "bold $text-accent"),
            (" keys  ", "$text-muted"),
            ("^p", "bold $text-accent"),
            (" commands", "$text-muted"),
        )
        width = self.content_size.width
        gap = max(1, width - left.cell_length - right.cell_length)
        return Content.assemble(left, " " * gap, right).truncate(width)
