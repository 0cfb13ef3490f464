"""Everyone at a glance for the review: last contact, how often, their rhythm, and how often you
let them in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time

from rich.text import Text
from textual.coordinate import Coordinate
from textual.reactive import reactive
from textual.widgets import DataTable

from storage.clock import logical_day
from storage.lookback import PersonReview
from storage.phrases import ago, resting_phrase
from storage.views import cadence_phrase
from widgets.panel import shown

COLUMNS: tuple[str, ...] = (
    "Name",
    "Last in touch",
    "30 days",
    "365 days",
    "Rhythm",
    "You let them in",
)
"""The table's columns; the day counts are reach-outs in that many days, and the last how
many times you let that person in (took their help, their company)."""


@dataclass(frozen=True, eq=False)
class PeopleView:
    """Everyone from :func:`storage.lookback.people_review`, and the moment it was read.

    Attributes:
        now: when it was computed, for "3 days ago".
        day_starts_at: the hour days start, so "yesterday" means the logical day.
        people: one review per person, by name.
    """

    now: datetime
    day_starts_at: time
    people: Sequence[PersonReview]


def person_cells(review: PersonReview, view: PeopleView) -> tuple[Text, ...]:
    """One row of the table. Cells are Text, so a name is never read as markup, and the
    name is drawn with control characters as escapes, so it cannot act on the terminal."""
    last = review.last_contact
    when = ago(last.at, view.now, view.day_starts_at) if last is not None else "not yet"
    rhythm = cadence_phrase(review.cadence_days) or "·"
    if review.overdue:
        days = "1 day" if review.days_over == 1 else f"{review.days_over} days"
        rhythm = f"▸ {rhythm}, {days} past"
    elif review.resting and review.person.resting_until:
        today = logical_day(view.now, view.day_starts_at)
        rest = resting_phrase(review.person.resting_until, today)
        rhythm = rest if rhythm == "·" else f"{rhythm}, {rest}"
    let_in = {0: "·", 1: "once"}.get(review.let_in, f"{review.let_in} times")
    return (
        Text(shown(review.person.name), style="bold" if review.person.trusted else ""),
        Text(when),
        Text(str(review.reached_30), justify="right"),
        Text(str(review.reached_365), justify="right"),
        Text(rhythm),
        Text(let_in, justify="right"),
    )


class PeopleTable(DataTable[Text]):
    """One row per person (150 rows is nothing for a DataTable); the cursor stays put."""

    DEFAULT_CSS = """
    PeopleTable { height: 1fr; }
    """

    people: reactive[PeopleView | None] = reactive(None, always_update=True)
    """Who to show; pushed in by the review screen."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        if not self.columns:
            self.add_columns(*COLUMNS)

    def watch_people(self, view: PeopleView | None) -> None:
        """Refill the rows, keeping the cursor on the same person when they are still there."""
        if view is None:
            return
        if not self.columns:
            self.add_columns(*COLUMNS)
        row = self.cursor_row
        current = None
        if self.row_count and 0 <= row < self.row_count:
            current = self.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value
        self.clear()
        keys = []
        for review in view.people:
            key = review.person.key
            keys.append(key)
            self.add_row(*person_cells(review, view), key=key)
        if current in keys:
            self.move_cursor(row=keys.index(current), animate=False)
