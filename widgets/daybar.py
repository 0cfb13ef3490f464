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

    keys: reactive[dict[str, str]] = reactive(dict)
    """The keys of the help (``help``) and the palette (``commands``) as shown, by binding
    id, pushed in by the screen (the person may move them)."""

    def render(self) -> Content:
        """ "leanon · Saturday 28 November" on the left, "? keys" on the right.

        When the line is narrow the date shortens ("Sat 28 Nov"), then "^p commands" goes,
        then the date: ``?`` lists every key, so "? keys" is always on screen.
        """
        width = self.content_size.width
        help_key, palette_key = self.keys.get("help", ""), self.keys.get("commands", "")
        keys = Content.assemble((help_key, "bold $text-accent"), (" keys", "$text-muted"))
        commands = Content.assemble(
            (palette_key, "bold $text-accent"), (" commands", "$text-muted")
        )
        both = Content.assemble(keys, "  ", commands)
        day = self.summary.today if self.summary is not None else None
        long_day = f"{day:%A} {day.day} {day:%B %Y}" if day else ""
        short_day = f"{day:%a} {day.day} {day:%b}" if day else ""
        demo = " demo data " if self.demo else ""
        for date, right in (
            (long_day, both),
            (short_day, both),
            (short_day, keys),
            ("", keys),
        ):
            left = Content.assemble(
                ("leanon", "bold $text-accent"),
                *(("  ", date) if date else ()),
                *(("  ", (demo, "reverse")) if demo else ()),
            )
            gap = width - left.cell_length - right.cell_length
            if gap >= 1:
                return Content.assemble(left, " " * gap, right)
        return keys.truncate(width)
