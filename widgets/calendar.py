"""The year calendar: 53 weeks of days like a contribution graph, and the day under the cursor.

Each day is one glyph whose shape says the level, so the grid reads without colour: a dot
for a day with no connection, then ░ ▒ ▓ █ for more, ○ for a rest day, and nothing for
days still to come. ``t`` (on the screen) switches the squares to the day's honest score.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from storage.lookback import CalendarData, CalendarDay, shift_year
from storage.phrases import plural
from storage.records import SCORE_WORDS, Entry
from widgets.history import KIND_LABELS, entry_words
from widgets.panel import Rows

LEVEL_GLYPHS: tuple[str, ...] = ("·", "░", "▒", "▓", "█")
"""Glyphs for connection levels 0 to 4 (see :func:`storage.lookback.level`)."""

FULL = LEVEL_GLYPHS[-1]
"""The top level's glyph: it fills its cell, so the cursor colours it instead of reversing."""

LEVEL_WORDS: tuple[str, ...] = ("none", "1", "2", "3-4", "5+")
"""What each level means, for the legend."""

REST_GLYPH = "○"
"""A rest day with nothing else on it: its own mark, never an empty square."""

NO_SCORE = "·"
"""A day without an honest answer, in the scores view."""

FUTURE = " "
"""Days after today are left blank."""

WEEKDAYS: tuple[str, ...] = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
"""Row labels, Monday first as ``date.weekday()`` counts (the grid may start on another day)."""

LABEL_WIDTH = 3
"""Room for a weekday label and a space."""

WEEKS = 53
"""Columns in the grid (one per week)."""

WIDE_CELL = 2
"""With room for it each day gets two columns: the glyph and a gap, which reads easier."""

HEIGHT = 11
"""A heading, the month labels, seven days, the cursor's pointer and the legend."""

TIME_WIDTH = 6
"""The "21:03 " before each of the day's entries; wrapped lines hang under the words."""


@dataclass(frozen=True, eq=False)
class CalendarView:
    """A year to draw, with each day's entries for the list under the cursor.

    Compared by identity: a new view is new data.

    Attributes:
        data: the 53 weeks from :func:`storage.lookback.calendar`.
        day_entries: the entries of each day in the grid that has any, oldest first.
        started: the day of the first entry ever, or None before there is one. Days
            before it are left blank: nothing was being noted yet, which is not the same
            as a day without connection.
        entries_from: the first day whose entries ``day_entries`` holds, when they are not
            all read yet (the year comes from the totals while the rest of the file is
            read); None when it holds every day's.
    """

    data: CalendarData
    day_entries: Mapping[date, tuple[Entry, ...]] = field(default_factory=dict)
    started: date | None = None
    entries_from: date | None = None

    def entries_of(self, day: date) -> tuple[Entry, ...] | None:
        """The entries of ``day``, oldest first, or None while they are still being read."""
        if self.entries_from is not None and day < self.entries_from:
            return None
        return self.day_entries.get(day, ())

    def before_start(self, day: date) -> bool:
        """Whether ``day`` comes before anything was logged."""
        return self.started is None or day < self.started

    def day(self, when: date) -> CalendarDay | None:
        """The square for ``when``, or None when it is outside the grid."""
        offset = (when - self.data.first_day).days
        if not 0 <= offset < WEEKS * 7:
            return None
        return self.data.weeks[offset // 7][offset % 7]

    @property
    def last_day(self) -> date:
        """The last day the cursor may rest on: the end of the grid, or today."""
        return min(self.data.last_day, self.data.today)


class YearCalendar(Widget, can_focus=True):
    """53 weeks by 7 days, the cursor reversed; arrows move it, the day is posted up."""

    DEFAULT_CSS = """
    YearCalendar {
        height: auto;
        width: 100%;
        padding: 0 1;
    }
    """

    BINDINGS = [
        Binding("left", "move(-7)", "Week before", id="calendar-week-before", show=False),
        Binding("right", "move(7)", "Week after", id="calendar-week-after", show=False),
        Binding("up", "move(-1)", "Day before", id="calendar-day-before", show=False),
        Binding("down", "move(1)", "Day after", id="calendar-day-after", show=False),
        Binding("home", "edge(-1)", "First day", id="calendar-first-day", show=False),
        Binding("end", "edge(1)", "Last day", id="calendar-last-day", show=False),
    ]

    view: reactive[CalendarView | None] = reactive(None)
    """The year shown; pushed in by the screen."""

    scores: reactive[bool] = reactive(False)
    """Show honest scores instead of acts of connection."""

    cursor: reactive[date | None] = reactive(None)
    """The highlighted day (None until the first year arrives)."""

    class DayHighlighted(Message):
        """The day under the cursor, with its entries (also sent when the data changes)."""

        def __init__(
            self, calendar: YearCalendar, day: CalendarDay, entries: tuple[Entry, ...] | None
        ) -> None:
            super().__init__()
            self.calendar = calendar
            self.day = day
            self.entries = entries

        @property
        def control(self) -> YearCalendar:
            """The calendar."""
            return self.calendar

    # ------------------------------------------------------------------ size

    @staticmethod
    def cell_for(width: int) -> int:
        """Columns per day for a widget ``width`` wide (inside its padding)."""
        return WIDE_CELL if width >= LABEL_WIDTH + WEEKS * WIDE_CELL else 1

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return LABEL_WIDTH + WEEKS * self.cell_for(container.width - 2)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return HEIGHT

    # ------------------------------------------------------------------ data in

    def watch_view(self, old: CalendarView | None, new: CalendarView | None) -> None:
        """Keep the cursor on the same date, or the same date in the new year."""
        if new is None:
            return
        cursor = self.cursor
        if cursor is None:
            cursor = new.last_day
        elif old is not None and old.data.year_end != new.data.year_end:
            cursor = shift_year(cursor, new.data.year_end.year - old.data.year_end.year)
        self.set_reactive(YearCalendar.cursor, self._clamp(cursor, new))
        self._announce()
        self.refresh(layout=True)

    def watch_cursor(self) -> None:
        self._announce()

    def _announce(self) -> None:
        view, cursor = self.view, self.cursor
        if view is None or cursor is None:
            return
        day = view.day(cursor)
        if day is not None:
            self.post_message(self.DayHighlighted(self, day, view.entries_of(cursor)))

    @staticmethod
    def _clamp(day: date, view: CalendarView) -> date:
        return max(view.data.first_day, min(day, view.last_day))

    # ------------------------------------------------------------------ keys

    def action_move(self, days: int) -> None:
        """Move the cursor by ``days``, staying inside the grid and out of the future."""
        if self.view is None or self.cursor is None:
            return
        self.cursor = self._clamp(self.cursor + timedelta(days=days), self.view)

    def action_edge(self, direction: int) -> None:
        """Jump to the first day of the grid or the last one that has been."""
        if self.view is not None:
            self.cursor = self.view.data.first_day if direction < 0 else self.view.last_day

    # ------------------------------------------------------------------ drawing

    def render(self) -> Content:
        view = self.view
        if view is None:
            return Content.styled("Looking back over your notes…", "$text-muted italic")
        data = view.data
        cell = self.cell_for(self.content_size.width)
        lines = [self._heading(data), self._months(data, cell)]
        cursor = self.cursor
        for row in data.rows():
            weekday = row[0].day.weekday()
            on_row = cursor is not None and cursor.weekday() == weekday
            label = (WEEKDAYS[weekday].ljust(LABEL_WIDTH - 1), "reverse bold" if on_row else "")
            parts: list[Content | tuple[str, str] | str] = [label, " "]
            for square in row:
                glyph, style = self._square(square, view)
                if square.day == cursor:
                    # Reversed, a full block would look like an empty square: colour it instead.
                    style = "bold $text-accent" if glyph == FULL else f"{style} reverse bold"
                parts.append((glyph.ljust(cell), style.strip()))
            lines.append(Content.assemble(*parts))
        lines.append(self._pointer(view, cell))
        lines.append(self._legend())
        return Content("\n").join(lines)

    def _pointer(self, view: CalendarView, cell: int) -> Content:
        """A ▲ under the cursor's week with its date beside it, so the cursor reads anywhere."""
        if self.cursor is None:
            return Content("")
        week = (self.cursor - view.data.first_day).days // 7
        column = LABEL_WIDTH + week * cell
        when = f"{self.cursor:%a} {self.cursor.day} {self.cursor:%b}"
        if column + 2 + len(when) <= LABEL_WIDTH + WEEKS * cell:
            return Content.assemble(" " * column, ("▲", "bold $text-accent"), f" {when}")
        start = max(0, column - len(when) - 1)
        return Content.assemble(" " * start, f"{when} ", ("▲", "bold $text-accent"))

    def _square(self, square: CalendarDay, view: CalendarView) -> tuple[str, str]:
        if square.in_future or view.before_start(square.day):
            return FUTURE, ""
        if self.scores:
            if square.honest is not None:
                return str(square.honest), "bold $text-primary"
            if square.rest:
                return REST_GLYPH, "$text-muted"
            return NO_SCORE, "$text-muted"
        if square.level == 0:
            return (REST_GLYPH, "$text-muted") if square.rest else (LEVEL_GLYPHS[0], "$text-muted")
        return LEVEL_GLYPHS[square.level], "$text-success"

    @staticmethod
    def _heading(data: CalendarData) -> Content:
        end = min(data.last_day, data.today)
        days = [d for week in data.weeks for d in week if not d.in_future]
        connected = sum(1 for d in days if d.connections)
        answered = sum(1 for d in days if d.honest is not None)
        span = f"{_short(data.first_day)} – {_short(end)}"
        return Content.assemble(
            (span, "bold"),
            (
                f" · {plural(connected, 'day')} with a connection · {answered} with an answer",
                "$text-muted",
            ),
        )

    @staticmethod
    def _months(data: CalendarData, cell: int) -> Content:
        width = LABEL_WIDTH + WEEKS * cell
        row = [" "] * width
        for week, label in sorted(data.month_labels.items()):
            start = LABEL_WIDTH + week * cell
            end = start + len(label)
            # A label is written whole or not at all: never a stray "D" for a month that
            # starts in the last column.
            if end <= width and all(c == " " for c in row[max(0, start - 1) : end]):
                row[start:end] = label
        return Content.styled("".join(row).rstrip(), "$text-muted")

    def _legend(self) -> Content:
        if self.scores:
            return Content.assemble(
                ("1-5", "bold $text-primary"),
                (" the day's last answer   ", "$text-muted"),
                (NO_SCORE, "$text-muted"),
                (" no answer   ", "$text-muted"),
                (REST_GLYPH, "$text-muted"),
                (" rest day", "$text-muted"),
            )
        parts: list[tuple[str, str]] = []
        for level, (glyph, words) in enumerate(zip(LEVEL_GLYPHS, LEVEL_WORDS, strict=True)):
            parts.append((glyph, "$text-success" if level else "$text-muted"))
            parts.append((f" {words}  ", "$text-muted"))
        parts.append((REST_GLYPH, "$text-muted"))
        parts.append((" rest day  ", "$text-muted"))
        return Content.assemble(("acts of connection: ", "$text-muted"), *parts)


class DayDetail(Widget):
    """The day under the calendar's cursor: what it was, then each entry with its time."""

    DEFAULT_CSS = """
    DayDetail {
        height: 1fr;
        min-height: 4;
        padding: 0 1;
        border: round $primary-muted;
        border-title-color: $text-primary;
        border-title-style: bold;
    }
    """

    BORDER_TITLE = "The day"

    day: reactive[CalendarDay | None] = reactive(None)
    """The highlighted day."""

    entries: reactive[tuple[Entry, ...] | None] = reactive(())
    """Its entries, oldest first; None while they are still being read."""

    def show(self, day: CalendarDay, entries: tuple[Entry, ...] | None) -> None:
        """Show ``day`` and its entries (one repaint for both)."""
        self.set_reactive(DayDetail.entries, entries)
        self.day = day
        self.refresh()

    def render(self) -> Content:
        day = self.day
        if day is None:
            return Content("")
        size = self.content_size
        rows = Rows(size.width, size.height)
        rows.add(Content.styled(f"{day.day:%A} {day.day.day} {day.day:%B %Y}", "bold"))
        rows.add(Content.styled(_day_summary(day), "$text-muted"), wrap=True)
        if self.entries is None:
            rows.add(Content.styled("Reading this day's entries…", "$text-muted italic"))
            return rows.build()
        if not self.entries:
            if not day.rest:
                rows.add(Content.styled("Nothing logged this day.", "$text-muted italic"))
            return rows.build()
        rows.blank()
        for n, entry in enumerate(self.entries):
            line = Content.assemble(
                (f"{entry.at:%H:%M} ", "$text-muted"),
                (f"{KIND_LABELS.get(entry.kind, entry.kind)}: ", "$text-accent"),
                entry_words(entry),
            )
            left = len(self.entries) - n
            needed = len(line.wrap(rows.width))
            if left > 1 and rows.room < needed + 1:
                rows.add(Content.styled(f"…and {left} more (History has them all)", "$text-muted"))
                break
            rows.add(line, wrap=True, hang=TIME_WIDTH)
        return rows.build()


def _short(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _day_summary(day: CalendarDay) -> str:
    parts: list[str] = []
    if day.connections:
        parts.append(f"{day.connections} {'act' if day.connections == 1 else 'acts'} of connection")
    if day.honest is not None:
        parts.append(f"honest {day.honest} ({SCORE_WORDS.get(day.honest, '')})")
    if day.rest:
        parts.append("a rest day")
    return " · ".join(parts) if parts else "A quiet day."
