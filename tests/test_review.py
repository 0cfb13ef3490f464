"""Pilot tests of the review screen (``v``, ``leanon review``): keys, filters, edits, scale.

The clock stands at Saturday 28 November 2026, 21:03 +01:00; every file lives in tmp_path.
Nothing sleeps: each step waits for the workers and the messages they post.
"""

from __future__ import annotations

import time as clock_time
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from snapshot_apps.common import CET, NOW, Notes, dashboard_app, fixed_clock, settle, write
from textual.pilot import Pilot
from textual.widgets import Input

from storage.demo import generate, write_demo_file
from storage.lookback import shift_year
from storage.records import Entry
from storage.store import Store
from tui.app import LeanonApp
from tui.screens.confirm import ConfirmScreen
from tui.screens.dashboard import DashboardScreen
from tui.screens.forms import FormScreen
from tui.screens.help import keys_of
from tui.screens.review import ReviewScreen, entries_by_day
from tui.storework import BoardChanged
from widgets.calendar import DayDetail, YearCalendar
from widgets.history import EntryList
from widgets.people_review import PeopleTable
from widgets.trends import HonestChart, MoodNote

TODAY = date(2026, 11, 28)


def at(day: date, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=CET)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A small, known history: a few days this November and one reach-out last year."""
    path = tmp_path / "leanon.json"
    with Store(path, fixed_clock()) as store:
        store.add_person("Ana", cadence_days=7, trusted=True)
        store.add_person("Ben", cadence_days=3)
        store.add_reach("Ana", via="call", note="about the move", at=at(TODAY, 20))
        store.add_reach("Ben", at=at(date(2026, 11, 27), 18))
        store.add_honest(4, "tired but ok", at=at(date(2026, 11, 27), 22))
        store.add_belong("a neighbour waved", at=at(date(2026, 11, 26), 9))
        store.add_letin("let Ana cook dinner", who="Ana", at=at(date(2026, 11, 25), 19))
        store.add_rest(at=at(date(2026, 11, 21), 10))
        store.add_honest(2, "fine", reflex=True, at=at(date(2026, 11, 2), 8))
        store.add_reach("Ana", via="visit", at=at(date(2025, 6, 15), 15))
    return path


def stored(path: Path) -> Store:
    return Store(path, fixed_clock())


async def open_review(pilot: Pilot[int], press_v: bool = True) -> ReviewScreen:
    """Let the dashboard load, press v (unless it opened on the review), and wait for the
    review's first numbers to land. Animations are off: the tabs' sliding underline would
    make every tab switch wait for it."""
    pilot.app.animation_level = "none"
    if press_v:
        await settle(pilot)
        await pilot.press("v")
    for _ in range(20):
        await settle(pilot)
        screen = pilot.app.screen
        if isinstance(screen, ReviewScreen) and screen.is_mounted and screen.trends is not None:
            return screen
    raise AssertionError(f"the review did not open; the screen is {pilot.app.screen!r}")


def detail_text(screen: ReviewScreen) -> str:
    return screen.query_one(DayDetail).render().plain


def square(screen: ReviewScreen, day: date) -> str:
    """The glyph drawn for ``day`` (80 columns: one column a day)."""
    calendar = screen.query_one(YearCalendar)
    view = calendar.view
    assert view is not None
    offset = (day - view.data.first_day).days
    week, weekday = divmod(offset, 7)
    lines = calendar.render().plain.split("\n")
    return lines[2 + weekday][3 + week]


def recorder(app: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Collect what the app tells the person."""
    said: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **_: said.append(str(message)))
    return said


async def test_v_opens_the_review_and_escape_goes_back(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        assert screen.calendar_view is not None
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_leanon_review_opens_the_dashboard_on_the_review(db: Path) -> None:
    app = dashboard_app(db, start_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot, press_v=False)
        assert screen.calendar_view is not None
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_leanon_review_opens_the_review_on_a_year_of_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: on a big file ``leanon review`` stayed on the dashboard. The review was
    asked for after the first read, but the dashboard only showed the board once the App
    heard of it; when the App was busy for a frame, check_action still saw no board, and
    Textual dropped the action without a word. Here the App hears of the first board only
    after the dashboard's next refresh, as it did then."""
    path = tmp_path / "leanon.json"
    write_demo_file(path, fixed_clock(), years=1, seed=7)
    app = dashboard_app(path, start_screen="review")
    heard = LeanonApp.on_board_changed
    late: list[BoardChanged] = []

    def hear_the_first_board_late(self: LeanonApp, event: BoardChanged) -> None:
        if late:
            heard(self, event)
            return
        late.append(event)
        self.screen.call_after_refresh(heard, self, event)

    monkeypatch.setattr(LeanonApp, "on_board_changed", hear_the_first_board_late)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)


async def test_calendar_cursor_moves_with_arrows_and_shows_the_days_entries(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        calendar = screen.query_one(YearCalendar)
        assert calendar.cursor == TODAY
        assert "Saturday 28 November 2026" in detail_text(screen)
        assert "called Ana · about the move" in detail_text(screen)

        await pilot.press("up")  # the day before
        await settle(pilot)
        assert calendar.cursor == date(2026, 11, 27)
        text = detail_text(screen)
        assert "texted Ben" in text and "4 okay, really · tired but ok" in text

        await pilot.press("left")  # a week earlier: the rest day
        await settle(pilot)
        assert calendar.cursor == date(2026, 11, 20)
        await pilot.press("down")
        await settle(pilot)
        assert "a rest day" in detail_text(screen)
        assert square(screen, date(2026, 11, 21)) == "○"

        await pilot.press("right", "right", "right")  # never into the future
        await settle(pilot)
        assert calendar.cursor == TODAY
        assert square(screen, TODAY + timedelta(days=1)) == " "


async def test_t_switches_the_calendar_to_honest_scores_and_back(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        friday = date(2026, 11, 27)
        assert square(screen, friday) == "░"  # one act of connection
        assert square(screen, date(2026, 11, 2)) == "·"
        await pilot.press("t")
        await settle(pilot)
        assert screen.query_one(YearCalendar).scores
        assert square(screen, friday) == "4"
        assert square(screen, date(2026, 11, 2)) == "2"
        assert square(screen, TODAY) == "·"  # no answer today
        assert "the day's last answer" in screen.query_one(YearCalendar).render().plain
        await pilot.press("t")
        await settle(pilot)
        assert square(screen, friday) == "░"


async def test_brackets_move_the_calendar_a_year_at_a_time(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        notes = Notes(app)
        await pilot.press("right_square_bracket")  # already at today: it says so
        await settle(pilot)
        assert notes.messages[-1] == "This is the latest year: the calendar ends today."
        assert screen.year_end is None
        await pilot.press("left_square_bracket")
        await settle(pilot)
        view = screen.calendar_view
        assert view is not None
        assert view.data.year_end == shift_year(TODAY, -1)
        assert screen.query_one(YearCalendar).cursor == date(2025, 11, 28)
        day = view.day(date(2025, 6, 15))
        assert day is not None and day.connections == 1
        assert square(screen, date(2025, 6, 15)) == "░"
        # Before the first note nothing was being logged: blank, not "no connection".
        assert square(screen, date(2025, 6, 14)) == " "
        # Nothing earlier to see: "[" used to do nothing at all; now it says so.
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert notes.messages[-1] == (
            "Nothing earlier: your first entry is from Sunday 15 June 2025."
        )
        assert view is screen.calendar_view  # the calendar stayed where it was
        assert "2025" in screen.query_one(YearCalendar).render().plain.split("\n")[0]

        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.calendar_view is not None
        assert screen.calendar_view.data.year_end == TODAY
        assert screen.year_end is None
        assert screen.query_one(YearCalendar).cursor == TODAY


async def test_w_switches_the_window_between_30_90_and_365_days(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert screen.query_one("#review-tabs").active == "trends"  # type: ignore[attr-defined]
        seen = []
        for _ in range(4):
            trends = screen.trends
            assert trends is not None
            seen.append((trends.window, len(trends.series)))
            assert f"last {trends.window} days" in str(
                screen.query_one("#chart", HonestChart).border_title
            )
            assert f"last {trends.window} days" in str(
                screen.query_one("#mood", MoodNote).border_title
            )
            await pilot.press("w")
            await settle(pilot)
        assert seen == [(30, 30), (90, 90), (365, 365), (30, 30)]
        chart = screen.query_one("#chart", HonestChart).render().plain
        assert "A quick first answer ('fine', 'ok'…) once in November." in chart


async def test_history_filters_by_kind_and_by_text(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("5")
        await settle(pilot)
        listing = screen.query_one("#history-list", EntryList)
        assert app.focused is listing
        assert len(listing.entries) == 8
        assert listing.entries[0].kind == "reach" and listing.entries[0].who == "Ana"  # newest

        await pilot.press("k")  # reach
        await settle(pilot)
        assert {e.kind for e in listing.entries} == {"reach"}
        assert len(listing.entries) == 3
        await pilot.press("k", "k")  # honest, then belong
        await settle(pilot)
        assert [e.text for e in listing.entries] == ["a neighbour waved"]
        await pilot.press("k", "k", "k")  # letin, rest, all
        await settle(pilot)
        assert len(listing.entries) == 8

        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.focused, Input)
        await write(pilot, "ANA")  # any case; names, notes and words
        await settle(pilot)
        assert [e.kind for e in listing.entries] == ["reach", "letin", "reach"]
        assert "3 entries with “ANA”" in str(screen.query_one("#history-count").render())
        await pilot.press("escape")  # out of the box, not out of the review
        await pilot.pause()
        assert app.focused is listing
        await pilot.press("k")  # reach, and still "ana"
        await settle(pilot)
        assert [e.kind for e in listing.entries] == ["reach", "reach"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_history_edits_deletes_after_asking_and_undo_says_what_came_back(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        said = recorder(app, monkeypatch)
        screen = await open_review(pilot)
        await pilot.press("slash")
        await write(pilot, "neighbour")
        await pilot.press("enter")  # to the list
        await settle(pilot)
        listing = screen.query_one("#history-list", EntryList)
        assert [e.text for e in listing.entries] == ["a neighbour waved"]

        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        moment = app.screen.query_one("#moment", Input)
        moment.value = "a neighbour waved and smiled"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert [e.text for e in listing.entries] == ["a neighbour waved and smiled"]
        assert stored(db).entries("belong")[0].text == "a neighbour waved and smiled"

        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep it
        await settle(pilot)
        assert len(stored(db).entries("belong")) == 1
        await pilot.press("d", "y")
        await settle(pilot)
        assert stored(db).entries("belong") == []
        assert listing.entries == []
        assert any(s.startswith("Removed: a moment of belonging") for s in said)

        await pilot.press("u")
        await settle(pilot)
        assert [e.text for e in stored(db).entries("belong")] == ["a neighbour waved and smiled"]
        assert [e.text for e in listing.entries] == ["a neighbour waved and smiled"]
        assert "Undone: the removal of a moment of belonging: a neighbour waved and smiled" in said


async def test_people_and_moments(db: Path) -> None:
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("3")
        await settle(pilot)
        table = screen.query_one(PeopleTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows == [
            ["Ana", "an hour ago", "1", "1", "every week", "once"],
            ["Ben", "yesterday", "1", "1", "every 3 days", "·"],
        ]
        await pilot.press("4")
        await settle(pilot)
        moments = screen.query_one("#moments-list", EntryList)
        assert [e.text for e in moments.entries] == ["a neighbour waved", "let Ana cook dinner"]
        keys = {k.key for k in keys_of(screen)}
        assert {"escape", "e", "d", "u"} <= keys or {"esc", "e", "d", "u"} <= keys


async def test_an_overdue_person_is_told_gently(tmp_path: Path) -> None:
    path = tmp_path / "leanon.json"
    with Store(path, fixed_clock()) as store:
        store.add_reach("Cleo", at=at(date(2026, 11, 10)))
        store.update_person("Cleo", cadence_days=7)
    app = dashboard_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        table = screen.query_one(PeopleTable)
        assert str(table.get_row_at(0)[4]) == "▸ every week, 11 days past"


async def test_an_almost_empty_file_says_what_is_missing_kindly(tmp_path: Path) -> None:
    path = tmp_path / "leanon.json"
    with Store(path, fixed_clock()) as store:
        store.add_person("Ana")
    app = dashboard_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        assert "Nothing logged this day." in detail_text(screen)
        await pilot.press("2")
        await settle(pilot)
        mood = " ".join(screen.query_one("#mood", MoodNote).render().plain.split())
        assert "needs 3 more days with an answer on days you reached out" in mood
        assert (
            "No quick first answers ('fine', 'ok'…) noted."
            in screen.query_one("#chart", HonestChart).render().plain
        )
        await pilot.press("4")
        await settle(pilot)
        assert "No moments yet" in screen.query_one("#moments-list", EntryList).render_line(0).text


async def test_one_answer_is_one_answer(tmp_path: Path) -> None:
    """The chart said "1 answers in 30 days"."""
    path = tmp_path / "leanon.json"
    with Store(path, fixed_clock()) as store:
        store.add_honest(3, "tired but here")
    app = dashboard_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("2")
        await settle(pilot)
        chart = " ".join(screen.query_one("#chart", HonestChart).render().plain.split())
        assert "1 answer in 30 days;" in chart


def test_the_days_entries_follow_the_logical_day() -> None:
    """A text at 01:30 belongs to the evening before, as everywhere else in leanon."""
    late = Entry("a", "reach", at(date(2026, 11, 28), 1, 30), who="Sam", via="text")
    morning = Entry("b", "belong", at(date(2026, 11, 28), 9), text="a wave")
    outside = Entry("c", "rest", at(date(2026, 11, 30), 9))
    days = entries_by_day([late, morning, outside], TODAY - timedelta(days=1), TODAY, time(4))
    assert days == {date(2026, 11, 27): (late,), TODAY: (morning,)}


# --------------------------------------------------------------------- a decade of entries


@pytest.fixture(scope="module")
def decade(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 50,000 entries over ten years, ending at the test clock's now."""
    path = tmp_path_factory.mktemp("decade") / "leanon.json"
    cast, entries = generate(NOW, years=10, seed=7, people=150)
    with Store(path, fixed_clock()) as store:
        store.import_records(cast, entries)
    return path


async def test_fifty_thousand_entries_page_to_the_end_without_a_widget_each(
    decade: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "leanon.json"
    copy.write_bytes(decade.read_bytes())
    app = dashboard_app(copy)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("5")
        await settle(pilot)
        listing = screen.query_one("#history-list", EntryList)
        total = len(listing.entries)
        assert total >= 50_000
        assert len(list(app.screen.walk_children())) < 200  # not one widget per entry

        began = clock_time.perf_counter()
        for _ in range(5):
            await pilot.press("pagedown")
        await pilot.press("end")
        await pilot.pause()
        took = clock_time.perf_counter() - began
        assert listing.cursor == total - 1
        assert round(listing.scroll_y) == total - listing.scrollable_content_region.height
        oldest = listing.entries[-1]
        bottom = listing.render_line(listing.scrollable_content_region.height - 1).text
        assert f"{oldest.at:%d %b %Y  %H:%M}" in bottom and str(oldest.text) in bottom
        assert took < 2.0, f"paging to the end took {took:.2f} s"

        await pilot.press("home")
        await pilot.pause()
        assert listing.cursor == 0 and round(listing.scroll_y) == 0


async def test_history_names_kinds_in_words_and_says_nothing_found_once(db: Path) -> None:
    """Before: the filter showed the code word "letin", the count said "(reach)", and an
    empty search said "Nothing (reach) with … yet; fewer letters…" and then "Nothing
    matches." under it."""
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("5")
        await settle(pilot)
        kind = str(screen.query_one("#history-kind").render())
        assert "let in" in kind and "letin" not in kind
        await pilot.press("k")
        await settle(pilot)
        count = str(screen.query_one("#history-count").render())
        assert count == "3 entries (reached out), newest first"
        await pilot.press("slash")
        await write(pilot, "LONELY")
        await settle(pilot)
        count = str(screen.query_one("#history-count").render())
        assert count == (
            "No entries (reached out) with “LONELY” yet; fewer letters or another kind may "
            "find them."
        )
        listing = screen.query_one("#history-list", EntryList)
        assert listing.render_line(0).text.strip() == ""


async def test_a_long_row_keeps_the_name_and_ends_in_an_ellipsis(tmp_path: Path) -> None:
    """Before: the row was cut at the edge with no mark, and "· with Mum" was lost."""
    path = tmp_path / "leanon.json"
    with Store(path, fixed_clock()) as store:
        store.add_letin("stayed on the call when I wanted to hang up and go to bed", who="Mum")
        store.add_belong("someone at the allotment gave me courgettes and a very long story")
    app = dashboard_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("4")
        await settle(pilot)
        listing = screen.query_one("#moments-list", EntryList)
        rows = [listing.render_line(y).text.rstrip() for y in range(2)]
        assert rows[0].endswith("…") and "belonging" in rows[0], rows
        assert rows[1].endswith("… · with Mum"), rows
        assert all(len(row) < 80 for row in rows)


async def test_with_streaks_hidden_and_weeks_from_sunday_the_review_follows(db: Path) -> None:
    from widgets.trends import StreakTable

    with stored(db) as store:
        store.configure("streaks", "off")
        store.configure("week_starts_on", "sunday")
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        calendar = screen.query_one(YearCalendar)
        assert calendar.view is not None
        assert all(week[0].day.weekday() == 6 for week in calendar.view.data.weeks)
        assert calendar.render().plain.split("\n")[2].startswith("Su ")
        await pilot.press("2")
        await settle(pilot)
        table = "\n".join(
            line.plain for t in screen.query(StreakTable) for line in t.lines(screen.trends, 78)
        )
        assert "last 7" in table and "running" not in table and "longest" not in table
