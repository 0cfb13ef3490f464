"""Every entry, newest first, in a list that draws only the rows on screen.

A decade of notes is 50,000 entries. One widget per entry (or one DataTable row each) would
take seconds to build and megabytes to hold, so :class:`EntryList` is a Line API
:class:`~textual.scroll_view.ScrollView`: ``virtual_size`` is set from the count, and
:meth:`EntryList.render_line` formats only the row asked for. Paging to the end of 50,000
entries costs the same as paging through ten.

The review uses it twice: for the history (filtered by the screen) and for the moments.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from storage.fields import ENTRY_FIELDS, KIND_SPECS
from storage.records import Entry
from widgets.panel import SEPARATOR, fit_parts, shown

KIND_LABELS: dict[str, str] = {kind: spec.label for kind, spec in KIND_SPECS.items()}
"""How each kind is named in lists, plain and short (``KindSpec.label``)."""

KIND_WIDTH = max(len(label) for label in KIND_LABELS.values())
"""The kind column's width, so the words line up."""

LONG_DATE = "%a %d %b %Y  %H:%M"
"""Dates in a list with room for them: "Sat 28 Nov 2026  21:03"."""

SHORT_DATE = "%d %b %y %H:%M"
"""Dates in a narrow list: "28 Nov 26 21:03"."""

SHORT_BELOW = 72
"""Below this many columns the list uses the short date."""

SEARCH_LOOKAHEAD = 64
"""How far around the old cursor to look for its entry after the list changes."""


def entry_words(entry: Entry) -> str:
    """What an entry says, in a line: "texted Sam · about the move", "3 getting by · tired".

    The parts come from the entry's kind (``storage.fields.KIND_SPECS``, its ``line``);
    the names and notes in them are as :func:`~widgets.panel.shown` draws them: on one
    line, with control and format characters as escapes (the history and the calendar's
    day both draw this).
    """
    return SEPARATOR.join(entry_parts(entry))


def entry_parts(entry: Entry) -> list[str]:
    """The parts of an entry's row ("texted Sam", "about the move"), each safe to draw."""
    spec = KIND_SPECS.get(entry.kind)
    if spec is None:
        return [shown(entry.describe())]
    fields = {name: getattr(entry, name) for name in ENTRY_FIELDS}
    return [shown(part) for part in spec.line(fields) if part]


class EntryList(ScrollView, can_focus=True):
    """A keyboard list of entries, in the order given (the review passes newest first).

    Only visible rows are ever rendered. Up, down, page up, page down, home and end move the
    cursor; Enter selects. The cursor row is reversed as well as coloured, so it reads
    without colour too.
    """

    COMPONENT_CLASSES = {
        "entry-list--when",
        "entry-list--kind",
        "entry-list--cursor",
        "entry-list--empty",
    }

    DEFAULT_CSS = """
    EntryList {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        background: $surface;
        & > .entry-list--when { color: $text-muted; }
        & > .entry-list--kind { color: $text-accent; }
        & > .entry-list--cursor { background: $block-cursor-blurred-background; text-style: bold; }
        &:focus > .entry-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
        & > .entry-list--empty { color: $text-muted; text-style: italic; }
    }
    """

    BINDINGS = [
        Binding("up", "move(-1)", "Up", id="list-up", show=False),
        Binding("down", "move(1)", "Down", id="list-down", show=False),
        Binding("pageup", "page(-1)", "Page up", id="list-page-up", show=False),
        Binding("pagedown", "page(1)", "Page down", id="list-page-down", show=False),
        Binding("home", "first", "First", id="list-first", show=False),
        Binding("end", "last", "Last", id="list-last", show=False),
        Binding(
            "enter",
            "select",
            "Open",
            id="list-open",
            show=False,
            tooltip="Edit the highlighted entry in its own form",
        ),
    ]

    entries: reactive[Sequence[Entry]] = reactive((), always_update=True)
    """The rows, in display order. Compared by identity, never element by element."""

    cursor: reactive[int] = reactive(0)
    """The index of the highlighted row."""

    class Highlighted(Message):
        """The cursor moved to another entry."""

        def __init__(self, entry_list: EntryList, entry: Entry | None) -> None:
            super().__init__()
            self.entry_list = entry_list
            self.entry = entry

        @property
        def control(self) -> EntryList:
            """The list."""
            return self.entry_list

    class Selected(Message):
        """Enter (or a click on the highlighted row) chose an entry."""

        def __init__(self, entry_list: EntryList, entry: Entry) -> None:
            super().__init__()
            self.entry_list = entry_list
            self.entry = entry

        @property
        def control(self) -> EntryList:
            """The list."""
            return self.entry_list

    def __init__(
        self,
        empty: str = "Nothing here yet.",
        *,
        name: str | None = None,
        id: str | None = None,  # noqa: A002 - Textual's own argument name
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.empty = empty
        """Said in place of rows when there are none."""

    # ------------------------------------------------------------------ data in

    @property
    def highlighted(self) -> Entry | None:
        """The entry under the cursor, or None when the list is empty."""
        entries = self.entries
        return entries[self.cursor] if 0 <= self.cursor < len(entries) else None

    def watch_entries(self, old: Sequence[Entry], new: Sequence[Entry]) -> None:
        """New rows: size the scroll area from the count; keep the cursor on its entry."""
        kept = old[self.cursor].id if 0 <= self.cursor < len(old) else None
        cursor = min(self.cursor, max(0, len(new) - 1))
        if kept is not None and new and new[cursor].id != kept:
            low, high = max(0, cursor - SEARCH_LOOKAHEAD), min(len(new), cursor + SEARCH_LOOKAHEAD)
            cursor = next((i for i in range(low, high) if new[i].id == kept), cursor)
        self.virtual_size = Size(0, len(new))
        self.set_reactive(EntryList.cursor, cursor)
        self._reveal()
        self.refresh()
        self.post_message(self.Highlighted(self, self.highlighted))

    def go_to(self, index: int) -> None:
        """Put the cursor on row ``index`` (clamped) and scroll it into view."""
        self.cursor = max(0, min(index, len(self.entries) - 1))

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.entries) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        """Redraw the two rows that changed and keep the new one on screen."""
        self._reveal()
        self.refresh_line(old)
        self.refresh_line(new)
        self.post_message(self.Highlighted(self, self.highlighted))

    def _reveal(self) -> None:
        height = max(1, self.scrollable_content_region.height)
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    # ------------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        """Row ``y`` of the visible region: one entry, or blank past the end."""
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = round(self.scroll_y) + y
        entries = self.entries
        if not entries:
            if y == 0:
                style = base + self.get_component_rich_style("entry-list--empty")
                return Strip([Segment(f" {self.empty}", style)]).crop_extend(0, width, base)
            return Strip.blank(width, base)
        if index >= len(entries):
            return Strip.blank(width, base)
        strip = self._row(entries[index], width, base)
        if index == self.cursor:
            strip = strip.apply_style(self.get_component_rich_style("entry-list--cursor"))
        return strip

    def _row(self, entry: Entry, width: int, base: Style) -> Strip:
        when = entry.at.strftime(SHORT_DATE if width < SHORT_BELOW else LONG_DATE)
        kind = KIND_LABELS.get(entry.kind, entry.kind).ljust(KIND_WIDTH)
        lead = f" {when}  "
        room = width - len(lead) - len(kind) - 2 - 1  # a cell spare before the edge
        segments = [
            Segment(lead, base + self.get_component_rich_style("entry-list--when")),
            Segment(f"{kind}  ", base + self.get_component_rich_style("entry-list--kind")),
            Segment(fit_parts(entry_parts(entry), room, shown(entry.who)), base),
        ]
        return Strip(segments).crop_extend(0, width, base)

    def on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def on_blur(self, event: events.Blur) -> None:
        self.refresh()

    # ------------------------------------------------------------------ keys

    def action_move(self, step: int) -> None:
        """One row up or down."""
        self.go_to(self.cursor + step)

    def action_page(self, step: int) -> None:
        """A screenful up or down."""
        height = max(1, self.scrollable_content_region.height)
        self.go_to(self.cursor + step * height)

    def action_first(self) -> None:
        """The first row (the newest entry)."""
        self.go_to(0)

    def action_last(self) -> None:
        """The last row (the oldest entry)."""
        self.go_to(len(self.entries) - 1)

    def action_select(self) -> None:
        """Tell the screen which entry was chosen."""
        entry = self.highlighted
        if entry is not None:
            self.post_message(self.Selected(self, entry))

    def on_click(self, event: events.Click) -> None:
        """A click highlights a row; a click on the highlighted row selects it."""
        index = round(self.scroll_y) + event.y
        if not 0 <= index < len(self.entries):
            return
        if index == self.cursor:
            self.action_select()
        else:
            self.go_to(index)
