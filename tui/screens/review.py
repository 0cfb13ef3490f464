"""The review (``v``, or ``leanon review``): a year of days, streaks, honest answers over time,
people, moments, and every entry ever logged.

The screen touches the store only from thread workers. One turn of the store's lock asks
``store.day_index()`` (built once per change, usually already built for the dashboard) and
then the questions in :mod:`storage.insights`; the answers come back in a Message and go
down into the widgets through reactives. A key that changes one view (``[`` for the year,
``w`` for the window, typing a search) recomputes only that view.
"""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive, var
from textual.widgets import DataTable, Footer, Input, Static, TabbedContent, TabPane
from textual.worker import get_current_worker

from storage.clock import day_name, logical_day
from storage.errors import LeanonError
from storage.fields import KIND_SPECS
from storage.insights import DayIndex, history, moments
from storage.lookback import (
    calendar,
    connection_mood,
    honest_series,
    people_review,
    reflex_by_month,
    reflex_sentence,
    shift_year,
    streak_windows,
)
from storage.records import KINDS, Entry, Person
from storage.store import Store
from tui.screens.base import UNDO_BINDING, StorageScreen
from tui.screens.forms import edit_screen
from tui.storework import Board, JobDone, JobFailed, StoreAccess
from widgets.calendar import CalendarView, DayDetail, YearCalendar
from widgets.forms import ShowControls
from widgets.history import EntryList
from widgets.panel import shown
from widgets.people_review import PeopleTable, PeopleView
from widgets.pickers import ChoicePicker
from widgets.trends import HonestChart, MoodNote, StreakTable, TrendsView

WINDOWS: tuple[int, ...] = (30, 90, 365)
"""The spans ``w`` steps through, in days (see :data:`storage.lookback.SERIES_LENGTHS`)."""

REFLEX_MONTHS = 6
"""The reflex sentence names at most the last six months that had any."""

KIND_CHOICES: tuple[str, ...] = ("all", *KINDS)
"""The history's kind filter: everything, or one kind."""

TABS: tuple[str, ...] = ("calendar", "trends", "people", "moments", "history")
"""The sections, in tab order; ``1`` to ``5`` jump to them."""

PARTS: frozenset[str] = frozenset(TABS)
"""Everything the screen computes; a partial refresh names a few of them."""

EARLY_HEAD_START = 0.3
"""How long the whole read waits, at most, for what the totals said to be drawn."""

FROM_TOTALS: frozenset[str] = frozenset({"calendar", "trends", "people"})
"""The parts the totals can answer before the whole file is read (they ask about days and
people; the moments and the history list every entry)."""

WIDE = 150
"""From this many columns the day's entries sit beside the calendar instead of under it."""

_ONLY_ON: dict[str, frozenset[str]] = {
    "toggle_scores": frozenset({"calendar"}),
    "year": frozenset({"calendar"}),
    "window": frozenset({"trends"}),
    "kind": frozenset({"history"}),
    "edit": frozenset({"history", "moments"}),
    "delete": frozenset({"history", "moments"}),
}
"""Keys that belong to one section; elsewhere they are hidden and do nothing."""


# --------------------------------------------------------------------- the numbers


@dataclass(frozen=True, slots=True)
class Request:
    """What the person is looking at, which decides what to compute.

    Attributes:
        year_end: the last day of the calendar, or None for today.
        window: days covered by the honest chart and the comparison.
        kinds: the history's kinds, or None for all.
        text: the history's search words.
    """

    year_end: date | None = None
    window: int = WINDOWS[0]
    kinds: frozenset[str] | None = None
    text: str = ""


@dataclass(frozen=True, eq=False)
class Review:
    """The computed parts (None for parts not asked for this time)."""

    request: Request
    calendar: CalendarView | None = None
    trends: TrendsView | None = None
    people: PeopleView | None = None
    moments: Sequence[Entry] | None = None
    history: Sequence[Entry] | None = None
    names: tuple[str, ...] = ()


def compute_review(
    index: DayIndex,
    people: Sequence[Person],
    now: datetime,
    today: date,
    request: Request,
    parts: frozenset[str] = PARTS,
    *,
    entries_from: date | None = None,
    started: date | None = None,
    week_starts_on: int = 0,
    runs: bool = True,
) -> Review:
    """Ask storage.insights every question the screen shows; pure, for workers and the bench.

    Args:
        index: the entries grouped by day (``store.day_index()``), or the totals' index,
            whose entries are only those from ``entries_from`` on.
        people: everyone (``store.people()``).
        now: the moment, for "3 days ago".
        today: its logical day.
        request: the year, window and filters being looked at.
        parts: which of :data:`PARTS` to compute.
        entries_from: with the totals' index, the first day whose entries it holds.
        started: with the totals' index, the day of the first entry ever.
        week_starts_on: the calendar's first day of the week (0 Monday, 6 Sunday).
        runs: show streaks' runs (the person may hide them).
    """
    starts = index.day_starts_at
    view = trends = folks = found = listed = None
    if "calendar" in parts:
        year = calendar(index, today, starts, request.year_end, week_starts_on)
        first = index.entries[0].at if index.entries else None
        if entries_from is None:
            started = logical_day(first, starts) if first is not None else None
        view = CalendarView(
            year,
            entries_by_day(index.entries, year.first_day, year.last_day, starts),
            started=started,
            entries_from=entries_from,
        )
    if "trends" in parts:
        trends = TrendsView(
            today=today,
            window=request.window,
            streaks=streak_windows(index, today, starts),
            series=honest_series(index, today, starts, request.window),
            reflex=reflex_sentence(reflex_by_month(index, starts)[-REFLEX_MONTHS:]),
            mood=connection_mood(index, today, starts, request.window),
            runs=runs,
        )
    if "people" in parts:
        folks = PeopleView(now, starts, people_review(index, people, today, starts))
    if "moments" in parts:
        found = moments(index)
    if "history" in parts:
        listed = history(index, request.kinds, request.text)
    return Review(request, view, trends, folks, found, listed)


def read_review(store: Store, request: Request, parts: frozenset[str] = PARTS) -> Review:
    """:func:`compute_review` on the store's current data (run it inside ``access.call``)."""
    people = store.people()
    now = store.now()
    settings = store.settings
    review = compute_review(
        store.day_index(),
        people,
        now,
        store.day_of(now),
        request,
        parts,
        week_starts_on=settings.week_starts_on,
        runs=settings.show_streaks,
    )
    return Review(
        request,
        review.calendar,
        review.trends,
        review.people,
        review.moments,
        review.history,
        names=tuple(p.name for p in people),
    )


def review_from_totals(
    access: StoreAccess, request: Request, parts: frozenset[str]
) -> Review | None:
    """The parts the totals can answer (:data:`FROM_TOTALS`), before the store is open;
    None once it is (it answers everything), or when the totals do not cover today."""
    if not parts:
        return None
    found = access.facts_now()
    if found is None:
        return None
    facts, now = found
    today = logical_day(now, facts.settings.day_starts_at)
    if not facts.covers(today):
        return None
    people = sorted(facts.people.values(), key=lambda p: p.key)
    review = compute_review(
        facts.index,
        people,
        now,
        today,
        request,
        parts,
        entries_from=facts.tail_from,
        started=facts.first_day,
        week_starts_on=facts.settings.week_starts_on,
        runs=facts.settings.show_streaks,
    )
    return Review(
        request,
        review.calendar,
        review.trends,
        review.people,
        names=tuple(p.name for p in people),
    )


def entries_by_day(
    entries: Sequence[Entry], first: date, last: date, day_starts_at: time
) -> dict[date, tuple[Entry, ...]]:
    """The entries of each logical day from ``first`` to ``last`` that has any, oldest first.

    ``entries`` are sorted by instant, so only the slice around those days is looked at
    (a day either side, since a logical day is a wall-clock day shifted by the day start).
    """
    shift = datetime.combine(date.min, day_starts_at) - datetime.min
    low = datetime.combine(first - timedelta(days=2), time(), UTC)
    high = datetime.combine(last + timedelta(days=3), time(), UTC)
    start = bisect_left(entries, low, key=lambda e: e.at)
    stop = bisect_right(entries, high, key=lambda e: e.at)
    days: dict[date, list[Entry]] = {}
    for entry in entries[start:stop]:
        day = (entry.at - shift).date()
        if first <= day <= last:
            days.setdefault(day, []).append(entry)
    return {day: tuple(found) for day, found in days.items()}


# --------------------------------------------------------------------- the screen


class ReviewScreen(StorageScreen[None]):
    """Looking back: five sections in tabs, every one usable from the keyboard."""

    DEFAULT_CSS = """
    ReviewScreen {
        & > TabbedContent { height: 1fr; }
        & ContentSwitcher { height: 1fr; }
        & TabPane { height: 1fr; padding: 0; }
        & #calendar-pane { height: 1fr; overflow-y: auto; }
        & DayDetail { min-height: 6; }
        & #trends-pane { height: 1fr; }
        & #history-filter { height: auto; }
        & #history-search, & #history-kind {
            border: round $border-blurred;
            border-title-color: $text-muted;
            &:focus { border: round $border; border-title-color: $text; }
        }
        & #history-search { width: 1fr; }
        & #history-kind { width: auto; padding: 0 1; }
        & .count { color: $text-muted; padding: 0 1; height: 1; }
        & #people-empty { color: $text-muted; padding: 1 2; display: none; }
        &.-no-people #people-empty { display: block; }
        &.-no-people PeopleTable, &.-no-people #people-hint { display: none; }
        & #calendar-left { height: auto; }
        & .wide-only { display: none; }
        &.-wide #calendar-pane { layout: horizontal; }
        /* 111: the calendar at two columns a day (3 + 53 * 2) and its padding. */
        &.-wide #calendar-left { width: 111; height: 1fr; }
        &.-wide .wide-only { display: block; }
        &.-wide DayDetail { width: 1fr; height: 1fr; margin-left: 1; }
        &.-wide #trends-top { layout: horizontal; height: auto; }
        &.-wide #trends-top > TrendPanel { width: 1fr; }
        & #trends-top { height: auto; }
    }
    """

    BINDINGS = [
        Binding("escape", "back", "Back", id="review-back", tooltip="Back to the dashboard"),
        Binding(
            "t",
            "toggle_scores",
            "Scores",
            id="review-scores",
            tooltip="Show honest scores on the calendar, or acts of connection again",
        ),
        Binding(
            "left_square_bracket",
            "year(-1)",
            "Year back",
            id="review-year-back",
            tooltip="The calendar a year earlier",
        ),
        Binding(
            "right_square_bracket",
            "year(1)",
            "Year on",
            id="review-year-on",
            tooltip="The calendar a year later (up to today)",
        ),
        Binding(
            "w",
            "window",
            "30/90/365",
            id="review-window",
            tooltip="The chart and the comparison over 30, 90 or 365 days",
        ),
        Binding(
            "slash", "search", "Search", id="review-search", tooltip="Search every entry by words"
        ),
        Binding("k", "kind", "Kind", id="review-kind", tooltip="Show one kind of entry, or all"),
        Binding("e", "edit", "Edit", id="review-edit", tooltip="Edit the entry in its own form"),
        Binding(
            "d,delete",
            "delete",
            "Delete",
            id="review-delete",
            tooltip="Remove the entry after asking; undo brings it back",
        ),
        UNDO_BINDING,
        *(
            Binding(
                str(n),
                f"section('{tab}')",
                tab.title(),
                id=f"review-section-{tab}",
                show=False,
                tooltip=f"Go to {tab}",
            )
            for n, tab in enumerate(TABS, 1)
        ),
    ]

    calendar_view: reactive[CalendarView | None] = reactive(None)
    """The year on the calendar."""

    scores: reactive[bool] = reactive(False)
    """The calendar shows honest scores instead of acts of connection."""

    trends: reactive[TrendsView | None] = reactive(None)
    """Streaks, the honest chart and the comparison for the chosen window."""

    people_view: reactive[PeopleView | None] = reactive(None)
    """Everyone with their contact history."""

    moments_list: reactive[Sequence[Entry]] = reactive((), always_update=True, init=False)
    """Belonging moments and let-ins, newest first."""

    history_list: reactive[Sequence[Entry]] = reactive((), always_update=True, init=False)
    """Entries matching the history's filters, newest first."""

    year_end: var[date | None] = var(None)
    """The calendar's last day; None follows today."""

    window: var[int] = var(WINDOWS[0])
    """Days covered by the chart and the comparison."""

    kinds: var[frozenset[str] | None] = var(None)
    """The history's kind filter (None for every kind)."""

    search: var[str] = var("")
    """The history's search words."""

    class Computed(Message):
        """A worker finished computing some parts of the review; ``shown``, if given, is
        set once they are on screen."""

        def __init__(
            self, review: Review, fresh: bool, shown: threading.Event | None = None
        ) -> None:
            super().__init__()
            self.review = review
            self.fresh = fresh
            self.shown = shown

    class Failed(Message):
        """The data could not be read (the dashboard shows what is wrong with the file)."""

        def __init__(self, error: LeanonError) -> None:
            super().__init__()
            self.error = error

    def __init__(self, access: StoreAccess) -> None:
        super().__init__(access)
        self.names: tuple[str, ...] = ()
        """Everyone's name, for the edit forms' suggestions."""
        self._nothing_highlighted = True

    def compose(self) -> ComposeResult:
        with TabbedContent(id="review-tabs", initial="calendar"):
            with TabPane("Calendar", id="calendar"), Container(id="calendar-pane"):
                with VerticalScroll(id="calendar-left", can_focus=False):
                    yield YearCalendar(id="year").data_bind(
                        view=ReviewScreen.calendar_view, scores=ReviewScreen.scores
                    )
                    # Wide terminals have room for the trends under the year, too.
                    yield StreakTable(classes="wide-only").data_bind(ReviewScreen.trends)
                    yield HonestChart(classes="wide-only").data_bind(ReviewScreen.trends)
                    yield MoodNote(classes="wide-only").data_bind(ReviewScreen.trends)
                yield DayDetail(id="day")
            with TabPane("Trends", id="trends"), VerticalScroll(id="trends-pane"):
                with Container(id="trends-top"):
                    yield StreakTable(id="streaks").data_bind(ReviewScreen.trends)
                    yield MoodNote(id="mood").data_bind(ReviewScreen.trends)
                yield HonestChart(id="chart").data_bind(ReviewScreen.trends)
            with TabPane("People", id="people"), Vertical():
                yield Static("Enter opens someone's page", id="people-hint", classes="count")
                yield Static("", id="people-empty")
                yield PeopleTable(id="people-table").data_bind(people=ReviewScreen.people_view)
            with TabPane("Moments", id="moments"), Vertical():
                yield Static("", id="moments-count", classes="count")
                yield EntryList("", id="moments-list").data_bind(entries=ReviewScreen.moments_list)
            with TabPane("History", id="history"), Vertical():
                with Horizontal(id="history-filter"):
                    search = Input(
                        placeholder="words, names, how",
                        id="history-search",
                        highlighter=ShowControls(),
                    )
                    yield search
                    kind = ChoicePicker(
                        KIND_CHOICES,
                        "all",
                        labels={k: spec.short for k, spec in KIND_SPECS.items()},
                    )
                    kind.id = "history-kind"
                    yield kind
                yield Static("", id="history-count", classes="count")
                yield EntryList("", id="history-list").data_bind(entries=ReviewScreen.history_list)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(YearCalendar).focus()
        self._say_keys()
        self.refresh_review()

    def keys_moved(self) -> None:
        self.call_after_refresh(self._say_keys)

    def _say_keys(self) -> None:
        """The words that name a key say the key it is on now (the person may move it):
        the review's own, and the dashboard's (its hints, as the dashboard shows them)."""
        mine = self.keys_by_id()
        theirs = self.dashboard_keys()
        self.query_one("#history-search").border_title = f"Search ({mine['review-search']})"
        self.query_one("#history-kind").border_title = f"Kind ({mine['review-kind']})"
        self.query_one("#people-empty", Static).update(
            f"Nobody in your people yet. {theirs.get('people', '')} on the dashboard adds someone."
        )
        moments = self.query_one("#moments-list", EntryList)
        moments.empty = (
            f"No moments yet. {theirs.get('belong', '')} on the dashboard notes one; "
            f"{theirs.get('letin', '')} logs letting someone in."
        )
        moments.refresh()

    def on_resize(self, event: events.Resize) -> None:
        """The day's entries go beside the calendar when there is room."""
        self.set_class(event.size.width >= WIDE, "-wide")

    # ------------------------------------------------------------------ data in

    def show_board(self, board: Board) -> None:
        """The data changed (a save, an undo, another process): compute everything again."""
        self.names = board.names
        self.refresh_bindings()
        self.refresh_review()

    def refresh_review(self, parts: frozenset[str] = PARTS, *, fresh: bool = False) -> None:
        """Compute ``parts`` in a thread worker; ``fresh`` puts the history cursor at the top.

        Each kind of refresh has its own worker group, so asking for a new window does not
        cancel a refresh of everything; a result is used only if it still matches what is
        being looked at.
        """
        request = Request(self.year_end, self.window, self.kinds, self.search)
        group = "all" if parts == PARTS else "-".join(sorted(parts))

        def work() -> None:
            worker = get_current_worker()
            early = review_from_totals(self.access, request, parts & FROM_TOTALS)
            if early is not None and not worker.is_cancelled:
                # Then the whole file, below; first let the screen draw what the totals
                # said, for a moment at most: reading every entry holds the interpreter.
                shown = threading.Event()
                self.post_message(self.Computed(early, fresh, shown))
                shown.wait(EARLY_HEAD_START)
            try:
                review = self.access.call(lambda store: read_review(store, request, parts))
            except LeanonError as error:
                self.post_message(self.Failed(error))
                return
            if not worker.is_cancelled:
                self.post_message(self.Computed(review, fresh))

        self.run_worker(work, thread=True, exclusive=True, group=f"review-{group}")

    @on(Computed)
    def _computed(self, event: Computed) -> None:
        review, asked = event.review, event.review.request
        if review.calendar is not None and asked.year_end == self.year_end:
            self.calendar_view = review.calendar
        if review.trends is not None and asked.window == self.window:
            self.trends = review.trends
        if review.people is not None:
            self.people_view = review.people
            self.set_class(not review.people.people, "-no-people")
        if review.moments is not None:
            self.moments_list = review.moments
        if review.history is not None and (asked.kinds, asked.text) == (self.kinds, self.search):
            self.history_list = review.history
            if event.fresh:
                self.query_one("#history-list", EntryList).go_to(0)
        self.names = review.names or self.names
        self.refresh_bindings()
        if event.shown is not None:
            self.call_after_refresh(event.shown.set)

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        self.notify(str(event.error), title="Could not read your notes", timeout=8)

    def watch_moments_list(self, found: Sequence[Entry]) -> None:
        count = len(found)
        self.query_one("#moments-count", Static).update(
            f"{count:,} {'moment' if count == 1 else 'moments'} of belonging and letting "
            "people in, newest first"
            if count
            else ""
        )

    def watch_history_list(self, found: Sequence[Entry]) -> None:
        count = len(found)
        noun = "entry" if count == 1 else "entries"
        words = f" with “{shown(self.search.strip())}”" if self.search.strip() else ""
        kind = f" ({KIND_SPECS[next(iter(self.kinds))].label})" if self.kinds else ""
        if count or words or kind:
            line = f"{count:,} {noun}{kind}{words}, newest first"
            if not count:  # said once: the list under it stays empty
                line = f"No entries{kind}{words} yet; fewer letters or another kind may find them."
        else:
            line = "Nothing logged yet."
        # Content, not a str: the line quotes what was typed, and a str is read as markup.
        self.query_one("#history-count", Static).update(Content(line))

    # ------------------------------------------------------------------ sections

    def _active(self) -> str:
        tabs = self.query(TabbedContent)
        return tabs.first().active if tabs else ""

    def _list(self) -> EntryList | None:
        """The list of the section in front, if it has one."""
        active = self._active()
        if active in ("history", "moments"):
            return self.query_one(f"#{active}-list", EntryList)
        return None

    @on(TabbedContent.TabActivated)
    def _section_shown(self, event: TabbedContent.TabActivated) -> None:
        focus = {
            "calendar": "#year",
            "trends": "#trends-pane",
            "people": "#people-table",
            "moments": "#moments-list",
            "history": "#history-list",
        }.get(self._active())
        if focus:
            self.query_one(focus).focus()
        self.refresh_bindings()

    def action_section(self, tab: str) -> None:
        """Show one section."""
        self.query_one(TabbedContent).active = tab

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Section keys only in their section; edit and delete when an entry is highlighted.

        False hides a key; None shows it dimmed (there, but nothing to do just now). Undo and
        the year keys always answer, if only to say there is nothing to take back or to see.
        """
        sections = _ONLY_ON.get(action)
        if sections is not None and self._active() not in sections:
            return False
        if action in ("edit", "delete"):
            listing = self._list()
            return True if listing is not None and listing.highlighted is not None else None
        return True

    # ------------------------------------------------------------------ calendar and trends

    @on(YearCalendar.DayHighlighted)
    def _day(self, event: YearCalendar.DayHighlighted) -> None:
        self.query_one(DayDetail).show(event.day, event.entries)

    def action_toggle_scores(self) -> None:
        """Acts of connection or honest scores on the calendar."""
        self.scores = not self.scores

    def action_year(self, step: int) -> None:
        """The calendar a year earlier or later; never past today, nor back past the first
        entry (a note says so)."""
        view = self.calendar_view
        if view is None:
            return
        if step > 0 and self.year_end is None:
            self.notify("This is the latest year: the calendar ends today.", timeout=3)
            return
        if step < 0 and view.before_start(view.data.first_day):
            if view.started is None:
                self.notify("Nothing is logged yet, so there is no earlier year.", timeout=3)
            else:
                first = day_name(view.started)
                self.notify(f"Nothing earlier: your first entry is from {first}.", timeout=4)
            return
        today = view.data.today
        end = shift_year(self.year_end or today, step)
        self.year_end = None if end >= today else end
        self.refresh_review(frozenset({"calendar"}))
        self.refresh_bindings()

    def action_window(self) -> None:
        """30, 90, then 365 days, then round again."""
        self.window = WINDOWS[(WINDOWS.index(self.window) + 1) % len(WINDOWS)]
        self.refresh_review(frozenset({"trends"}))

    # ------------------------------------------------------------------ history

    def action_search(self) -> None:
        """Go to the history and type."""
        self.action_section("history")
        self.call_after_refresh(self.query_one("#history-search", Input).focus)

    def action_kind(self) -> None:
        """The next kind in the history's filter."""
        self.query_one("#history-kind", ChoicePicker).action_cycle(1)

    @on(Input.Changed, "#history-search")
    def _search_changed(self, event: Input.Changed) -> None:
        if event.value == self.search:
            return
        self.search = event.value
        self.refresh_review(frozenset({"history"}), fresh=True)

    @on(Input.Submitted, "#history-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#history-list").focus()

    @on(ChoicePicker.Changed, "#history-kind")
    def _kind_changed(self, event: ChoicePicker.Changed) -> None:
        kinds = None if event.value == "all" else frozenset({event.value})
        if kinds != self.kinds:
            self.kinds = kinds
            self.refresh_review(frozenset({"history"}), fresh=True)

    @on(EntryList.Highlighted)
    def _highlighted(self, event: EntryList.Highlighted) -> None:
        # Edit and delete dim when a list empties; redrawing the footer on every cursor
        # move would cost more than the move itself, so only when that changes.
        if (event.entry is None) != self._nothing_highlighted:
            self._nothing_highlighted = event.entry is None
            self.refresh_bindings()

    @on(EntryList.Selected)
    def _selected(self, event: EntryList.Selected) -> None:
        self._edit(event.entry)

    @on(DataTable.RowSelected, "#people-table")
    def _person_chosen(self, event: DataTable.RowSelected) -> None:
        """Enter on someone in People opens their page."""
        event.stop()
        view = self.people_view
        key = event.row_key.value
        chosen = (
            next((r.person for r in view.people if r.person.key == key), None) if view else None
        )
        if chosen is not None:
            from tui.screens.person import PersonScreen

            self.app.push_screen(PersonScreen(self.access, chosen.name, self.names))

    def action_edit(self) -> None:
        """Edit the highlighted entry in the same form it was logged with."""
        listing = self._list()
        if listing is not None and listing.highlighted is not None:
            self._edit(listing.highlighted)

    def _edit(self, entry: Entry) -> None:
        self.app.push_screen(edit_screen(self.access, self.names, entry))

    def action_delete(self) -> None:
        """Ask, then remove the highlighted entry (undo brings it back)."""
        listing = self._list()
        entry = listing.highlighted if listing is not None else None
        if entry is not None:
            self.delete_entry_after_asking(entry)

    @on(JobDone)
    def _job_done(self, event: JobDone) -> None:
        if self.say_undone(event):
            return
        if event.tag == "delete":
            undo = self.key_for("undo")
            self.notify(f"Removed: {event.what}. {undo} brings it back.", timeout=4)

    @on(JobFailed)
    def _job_failed(self, event: JobFailed) -> None:
        self.notify(str(event.error), title="Not saved", severity="error", timeout=8)

    # ------------------------------------------------------------------ leaving

    def action_back(self) -> None:
        """Out of the search box first; otherwise back to the dashboard."""
        if isinstance(self.focused, Input):
            self.query_one("#history-list").focus()
            return
        self.dismiss(None)
