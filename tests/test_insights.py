"""The review screen's numbers, each checked against an example worked out by hand.

Every expected value below was worked out on paper (the working is in the comments), not
by calling the code under test again. "Today" is Saturday 28 November 2026 unless a test
says otherwise, and days start at 04:00.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone
from fractions import Fraction
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage.clock import logical_day
from storage.insights import (
    DRIFT_EARLIER_DAYS,
    DRIFT_MESSAGE,
    DRIFT_MIN_SCORED_DAYS,
    DRIFT_RECENT_DAYS,
    DRIFT_SLOPE_BELOW,
    DRIFT_SUGGESTION,
    QUIET_WINDOW_DAYS,
    DayIndex,
    DriftNote,
    QuietSpell,
    drift,
    drift_dismissed_until,
    drift_visible,
    history,
    least_squares_slope,
    moments,
    quiet_spell,
)
from storage.lookback import (
    CALENDAR_WEEKS,
    MOOD_MIN_DAYS,
    CalendarData,
    CalendarDay,
    MoodSide,
    WindowCounts,
    calendar,
    connection_mood,
    honest_series,
    level,
    people_review,
    reflex_by_month,
    reflex_sentence,
    shift_year,
    streak_windows,
)
from storage.records import Entry, Person

CET = timezone(timedelta(hours=1))
FOUR = time(4, 0)
TODAY = date(2026, 11, 28)  # a Saturday
_ids = itertools.count(1)


def at(day: date, hour: int = 12, minute: int = 0, tz: timezone | ZoneInfo = CET) -> datetime:
    return datetime.combine(day, time(hour, minute), tz)


def nov(n: int) -> date:
    return date(2026, 11, n)


def reach(
    day: date, who: str = "Sam", hour: int = 12, via: str = "text", note: str | None = None
) -> Entry:
    return Entry(id=f"r{next(_ids)}", kind="reach", at=at(day, hour), who=who, via=via, note=note)


def honest(
    day: date, score: int, hour: int = 12, reflex: bool = False, text: str | None = None
) -> Entry:
    return Entry(
        id=f"h{next(_ids)}", kind="honest", at=at(day, hour), score=score, reflex=reflex, text=text
    )


def letin(
    day: date, text: str = "let Ana cook dinner", who: str | None = None, hour: int = 12
) -> Entry:
    return Entry(id=f"l{next(_ids)}", kind="letin", at=at(day, hour), text=text, who=who)


def belong(day: date, text: str = "the baker remembered my order", hour: int = 12) -> Entry:
    return Entry(id=f"b{next(_ids)}", kind="belong", at=at(day, hour), text=text)


def rest(day: date) -> Entry:
    return Entry(id=f"z{next(_ids)}", kind="rest", at=at(day, 12))


def chrono(*entries: Entry) -> list[Entry]:
    """Oldest first, as the store hands them over (ties keep their written order)."""
    return sorted(entries, key=lambda e: e.at)


def cal_day(data: CalendarData, day: date) -> CalendarDay:
    return next(d for week in data.weeks for d in week if d.day == day)


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError:  # pragma: no cover - depends on the system tz database
        pytest.skip(f"time zone {name} not available")


# --- the day index ----------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    moment=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 12, 31)),
    offset_minutes=st.integers(min_value=-12 * 60, max_value=14 * 60),
    start_hour=st.integers(min_value=0, max_value=23),
    start_minute=st.integers(min_value=0, max_value=59),
)
def test_the_index_puts_entries_on_the_same_day_as_logical_day(
    moment: datetime, offset_minutes: int, start_hour: int, start_minute: int
) -> None:
    """The index inlines logical_day for speed; it must never disagree with it."""
    aware = moment.replace(tzinfo=timezone(timedelta(minutes=offset_minutes)))
    starts = time(start_hour, start_minute)
    entries = [
        Entry(id="r", kind="reach", at=aware, who="Sam", via="text"),
        Entry(id="h", kind="honest", at=aware, score=3),
        Entry(id="z", kind="rest", at=aware),
    ]
    index = DayIndex.build(entries, starts)
    expected = logical_day(aware, starts)
    assert list(index.connections) == [expected]
    assert list(index.honest_newest) == [expected]
    assert index.rest == {expected}
    assert index.people["sam"].reach_days == [expected]


def test_an_index_for_another_day_start_is_refused() -> None:
    index = DayIndex.build([reach(nov(20))], FOUR)
    with pytest.raises(ValueError, match="04:00"):
        calendar(index, TODAY, time(5, 0))


def test_every_function_gives_the_same_answer_from_an_index_and_from_entries() -> None:
    entries = chrono(
        reach(nov(2)),
        honest(nov(2), 2, reflex=True),
        letin(nov(10), who="Ana"),
        honest(nov(11), 4),
        belong(nov(12)),
        rest(nov(13)),
        reach(nov(20), who="Ana", note="coffee"),
        honest(nov(21), 3),
    )
    people = [Person("Sam", cadence_days=7), Person("Ana")]
    index = DayIndex.build(entries, FOUR)
    assert calendar(index, TODAY, FOUR) == calendar(entries, TODAY, FOUR)
    assert streak_windows(index, TODAY, FOUR) == streak_windows(entries, TODAY, FOUR)
    assert honest_series(index, TODAY, FOUR, 30) == honest_series(entries, TODAY, FOUR, 30)
    assert reflex_by_month(index, FOUR) == reflex_by_month(entries, FOUR)
    assert connection_mood(index, TODAY, FOUR, 30) == connection_mood(entries, TODAY, FOUR, 30)
    assert people_review(index, people, TODAY, FOUR) == people_review(entries, people, TODAY, FOUR)
    assert moments(index) == moments(entries)
    assert history(index, None, "coffee") == history(entries, None, "coffee")
    assert history(index, {"reach"}, "") == history(entries, {"reach"}, "")
    assert drift(index, TODAY, FOUR) == drift(entries, TODAY, FOUR)


# --- the day boundary and DST -----------------------------------------------------------


def test_an_entry_at_two_in_the_morning_counts_for_the_day_before() -> None:
    # 02:00 on the 26th is before the 04:00 day start: it belongs to the 25th.
    entries = [
        Entry(id="a", kind="reach", at=at(nov(26), 2), who="Sam", via="call"),
        Entry(id="b", kind="honest", at=at(nov(26), 2, 30), score=2),
    ]
    data = calendar(entries, TODAY, FOUR)
    assert cal_day(data, nov(25)).connections == 1
    assert cal_day(data, nov(25)).honest == 2
    assert cal_day(data, nov(26)).connections == 0
    assert cal_day(data, nov(26)).honest is None
    # With days starting at midnight the same moments are the 26th's.
    midnight = calendar(entries, TODAY, time(0, 0))
    assert cal_day(midnight, nov(25)).connections == 0
    assert cal_day(midnight, nov(26)).connections == 1
    assert cal_day(midnight, nov(26)).honest == 2


def test_spring_dst_change_in_berlin_keeps_wall_clock_days() -> None:
    """Clocks jump from 02:00 to 03:00 on 29 March 2026.

    04:30 CEST is 02:30 UTC: a day computed in UTC would put it on the 28th. On the wall
    clock it is half past four on the 29th, after the 04:00 start, so it is the 29th's.
    """
    berlin = zone("Europe/Berlin")
    mar28, mar29 = date(2026, 3, 28), date(2026, 3, 29)
    entries = [
        Entry(id="a", kind="reach", at=at(mar28, 23, 30, berlin), who="Sam", via="text"),
        Entry(id="b", kind="honest", at=at(mar29, 3, 30, berlin), score=2),  # -> the 28th
        Entry(id="c", kind="honest", at=at(mar29, 4, 30, berlin), score=4),  # -> the 29th
        Entry(id="d", kind="reach", at=at(mar29, 23, 30, berlin), who="Ana", via="call"),
    ]
    today = date(2026, 3, 30)
    for form in (entries, [_as_stored(e) for e in entries]):
        data = calendar(form, today, FOUR)
        assert cal_day(data, mar28).connections == 1
        assert cal_day(data, mar28).honest == 2
        assert cal_day(data, mar29).connections == 1
        assert cal_day(data, mar29).honest == 4
        series = honest_series(form, today, FOUR, 30)
        assert series[-3:] == [(mar28, 2), (mar29, 4), (date(2026, 3, 30), None)]


def test_autumn_dst_change_in_berlin_keeps_wall_clock_days() -> None:
    """Clocks go back from 03:00 to 02:00 on 25 October 2026: 02:30 happens twice.

    Both 02:30s are before 04:00, so both count for the 24th; the second (fold=1, CET) is
    the newer one. 03:59 CET is still the 24th, 04:00 is the 25th.
    """
    berlin = zone("Europe/Berlin")
    oct24, oct25 = date(2026, 10, 24), date(2026, 10, 25)
    first = at(oct25, 2, 30, berlin)
    second = first.replace(fold=1)
    entries = [
        Entry(id="a", kind="honest", at=first, score=3),
        Entry(id="b", kind="honest", at=second, score=1),
        Entry(id="c", kind="reach", at=at(oct25, 3, 59, berlin), who="Sam", via="text"),
        Entry(id="d", kind="honest", at=at(oct25, 4, 0, berlin), score=5),
    ]
    today = date(2026, 10, 26)
    for form in (entries, [_as_stored(e) for e in entries]):
        data = calendar(form, today, FOUR)
        assert cal_day(data, oct24).honest == 1  # the newer of the two 02:30s
        assert cal_day(data, oct24).connections == 1  # 03:59
        assert cal_day(data, oct25).honest == 5
        assert cal_day(data, oct25).connections == 0
        # The mood average uses the day's mean: (3 + 1) / 2 = 2.0 on the 24th.
        mood = connection_mood(form, oct24, FOUR, 1)
        assert mood.same_day.marked == MoodSide(days=1, average=2.0)


def _as_stored(e: Entry) -> Entry:
    """The entry as read back from the data file: a fixed UTC offset, not a zone."""
    return replace(e, at=datetime.fromisoformat(e.at.isoformat()))


def test_a_year_of_series_across_both_dst_changes_has_each_day_once() -> None:
    berlin = zone("Europe/Berlin")
    entries = [Entry(id="a", kind="honest", at=at(date(2026, 3, 29), 12, 0, berlin), score=4)]
    series = honest_series(entries, date(2026, 12, 31), FOUR, 365)
    assert len(series) == 365
    assert series[0][0] == date(2026, 1, 1)
    assert series[-1][0] == date(2026, 12, 31)
    assert len({day for day, _ in series}) == 365
    assert [s for s in series if s[1] is not None] == [(date(2026, 3, 29), 4)]


# --- calendar ---------------------------------------------------------------------------


def test_calendar_shape_monday_start_and_month_labels() -> None:
    data = calendar([], TODAY, FOUR)
    assert CALENDAR_WEEKS == 53
    assert len(data.weeks) == 53
    assert all(len(week) == 7 for week in data.weeks)
    assert all(week[0].day.weekday() == 0 for week in data.weeks)
    # Today (Sat 28 Nov 2026) sits in the last week, Mon 23 - Sun 29 Nov 2026. 52 weeks
    # before Mon 23 Nov 2026 is Mon 24 Nov 2025.
    assert data.weeks[-1][0].day == nov(23)
    assert data.last_day == nov(29)
    assert data.first_day == date(2025, 11, 24)
    # Days counted from Mon 24 Nov 2025: Dec 1 is day 7 (week 1); Jan 1 day 38 (week 5);
    # Feb 1 day 69 (9); Mar 1 day 97 (13); Apr 1 day 128 (18); May 1 day 158 (22);
    # Jun 1 day 189 (27); Jul 1 day 219 (31); Aug 1 day 250 (35); Sep 1 day 281 (40);
    # Oct 1 day 311 (44); Nov 1 day 342 (48); Dec 1 2026 would be day 372, off the grid.
    assert data.month_labels == {
        1: "Dec",
        5: "Jan",
        9: "Feb",
        13: "Mar",
        18: "Apr",
        22: "May",
        27: "Jun",
        31: "Jul",
        35: "Aug",
        40: "Sep",
        44: "Oct",
        48: "Nov",
    }
    # Only Sunday the 29th is after today.
    future = [d.day for week in data.weeks for d in week if d.in_future]
    assert future == [nov(29)]
    assert data.weeks[-1][5].day == TODAY and not data.weeks[-1][5].in_future
    rows = data.rows()
    assert len(rows) == 7 and all(len(row) == 53 for row in rows)
    assert rows[0][0].day == date(2025, 11, 24)  # Monday row, first week
    assert rows[6][52].day == nov(29)  # Sunday row, last week


def test_calendar_day_numbers_and_levels() -> None:
    entries = chrono(
        # Wed 25 Nov: 3 reaches + 1 let-in = 4 -> level 3; honest 2 then 4 -> newest 4.
        reach(nov(25), hour=9),
        reach(nov(25), who="Ana", hour=10),
        honest(nov(25), 2, hour=11),
        reach(nov(25), hour=13),
        letin(nov(25), hour=15),
        honest(nov(25), 4, hour=20),
        # Thu 26 Nov: a rest day and a belonging moment (neither is a connection).
        rest(nov(26)),
        belong(nov(26)),
        # Fri 27 Nov: 5 reaches -> level 4.
        *(reach(nov(27), hour=h) for h in range(8, 13)),
        # Mon 16 Nov: 1 reach -> level 1.
        reach(nov(16)),
    )
    data = calendar(entries, TODAY, FOUR)
    assert cal_day(data, nov(25)) == CalendarDay(nov(25), 4, 4, False, False)
    assert cal_day(data, nov(25)).level == 3
    assert cal_day(data, nov(26)) == CalendarDay(nov(26), 0, None, True, False)
    assert cal_day(data, nov(26)).level == 0
    assert cal_day(data, nov(27)).connections == 5
    assert cal_day(data, nov(27)).level == 4
    assert cal_day(data, nov(16)).level == 1
    total = sum(d.connections for week in data.weeks for d in week)
    assert total == 4 + 5 + 1


@pytest.mark.parametrize(
    ("count", "shade"), [(0, 0), (1, 1), (2, 2), (3, 3), (4, 3), (5, 4), (6, 4), (40, 4)]
)
def test_level_buckets(count: int, shade: int) -> None:
    assert level(count) == shade


def test_moving_back_a_year() -> None:
    # 28 Nov 2026 -> 28 Nov 2025: 365 days (no 29 February in between).
    back = shift_year(TODAY, -1)
    assert back == date(2025, 11, 28)
    assert (TODAY - back).days == 365
    # 28 Nov 2024 -> 28 Nov 2023 spans 29 Feb 2024: 366 days.
    assert (date(2024, 11, 28) - shift_year(date(2024, 11, 28), -1)).days == 366
    # 29 Feb has no twin in other years: the 28th stands in.
    assert shift_year(date(2024, 2, 29), -1) == date(2023, 2, 28)
    assert shift_year(date(2024, 2, 29), 1) == date(2025, 2, 28)

    entries = [reach(date(2025, 11, 26)), reach(nov(26))]
    data = calendar(entries, TODAY, FOUR, year_end=back)
    # Fri 28 Nov 2025 is in the week Mon 24 - Sun 30 Nov 2025; 52 weeks earlier is
    # Mon 25 Nov 2024. Nothing in that year is after today.
    assert data.year_end == back
    assert data.weeks[-1][0].day == date(2025, 11, 24)
    assert data.first_day == date(2024, 11, 25)
    assert not any(d.in_future for week in data.weeks for d in week)
    assert cal_day(data, date(2025, 11, 26)).connections == 1
    assert all(d.day != nov(26) for week in data.weeks for d in week)


def test_moving_forward_past_today_flags_the_future() -> None:
    ahead = shift_year(TODAY, 1)
    assert ahead == date(2027, 11, 28)  # a Sunday
    data = calendar([], TODAY, FOUR, year_end=ahead)
    # Week of Sun 28 Nov 2027 starts Mon 22 Nov 2027; 52 weeks before: Mon 23 Nov 2026.
    assert data.first_day == nov(23)
    past = [d.day for week in data.weeks for d in week if not d.in_future]
    assert past == [nov(23), nov(24), nov(25), nov(26), nov(27), nov(28)]


# --- streaks ----------------------------------------------------------------------------


def test_streak_windows_step_over_rest_days() -> None:
    entries = chrono(
        # 2025-11-28 is 365 days back (outside the year), 2025-11-29 is 364 (inside).
        reach(date(2025, 11, 28)),
        reach(date(2025, 11, 29)),
        # A run of five, 1-5 Oct: the longest.
        *(reach(date(2026, 10, n)) for n in range(1, 6)),
        # 29 Oct is 30 days back (outside the month), 30 Oct is 29 (inside).
        letin(date(2026, 10, 29)),
        reach(date(2026, 10, 30)),
        honest(nov(1), 3),
        # 20, 21, rest 22, 23: one run of three. 24 is a plain gap.
        reach(nov(20)),
        reach(nov(21)),
        rest(nov(22)),
        reach(nov(23)),
        # 25, 26, rest 27, 28 (today): the current run of three.
        reach(nov(25)),
        honest(nov(25), 4),
        letin(nov(26)),
        honest(nov(26), 2),
        rest(nov(27)),
        reach(nov(28)),
        honest(nov(28), 3),
    )
    result = streak_windows(entries, TODAY, FOUR)
    assert set(result) == {"connection", "honest"}
    # Connection days: 2025-11-28, 2025-11-29, Oct 1-5, Oct 29, Oct 30, Nov 20, 21, 23,
    # 25, 26, 28: 2 + 5 + 2 + 6 = 15. Last 7 (Nov 22-28): 23, 25, 26, 28 = 4. Last 30
    # (Oct 30-Nov 28): Oct 30 + six in November = 7. Last 365 (29 Nov 2025 on): all but
    # 2025-11-28 = 14.
    # Runs: {2025-11-28, 29} 2, {Oct 1-5} 5, {Oct 29, 30} 2, {20, 21, 23} 3, {25, 26, 28} 3.
    assert result["connection"] == WindowCounts(
        current=3, longest=5, last_7=4, last_30=7, last_365=14
    )
    # Honest days: Nov 1, 25, 26, 28; rest 27 bridges 26 and 28 -> current 3.
    assert result["honest"] == WindowCounts(current=3, longest=3, last_7=3, last_30=4, last_365=4)


def test_streak_windows_with_nothing() -> None:
    empty = WindowCounts(0, 0, 0, 0, 0)
    assert streak_windows([], TODAY, FOUR) == {"connection": empty, "honest": empty}


# --- honest series ----------------------------------------------------------------------


def test_honest_series_takes_the_days_newest_answer() -> None:
    entries = chrono(
        honest(date(2026, 10, 29), 5),  # 30 days back: just outside the 30-day chart
        honest(date(2026, 10, 30), 3),  # 29 days back: the first day on the chart
        honest(nov(28), 2, hour=9),
        honest(nov(28), 4, hour=21),  # the newer answer wins
    )
    series = honest_series(entries, TODAY, FOUR, 30)
    assert len(series) == 30
    assert series[0] == (date(2026, 10, 30), 3)
    assert series[-1] == (TODAY, 4)
    assert [s for s in series if s[1] is not None] == [(date(2026, 10, 30), 3), (TODAY, 4)]

    # 90 days ending 28 Nov start on 31 Aug (28 + 31 Oct + 30 Sep = 89 days back).
    ninety = honest_series(entries, TODAY, FOUR, 90)
    assert len(ninety) == 90
    assert ninety[0] == (date(2026, 8, 31), None)
    assert [s for s in ninety if s[1] is not None] == [
        (date(2026, 10, 29), 5),
        (date(2026, 10, 30), 3),
        (TODAY, 4),
    ]
    assert honest_series(entries, TODAY, FOUR, 365)[0] == (date(2025, 11, 29), None)


def test_honest_series_only_offers_its_three_spans() -> None:
    with pytest.raises(ValueError):
        honest_series([], TODAY, FOUR, 7)


# --- reflex answers ---------------------------------------------------------------------


def test_reflex_answers_by_month_and_in_words() -> None:
    march = [honest(date(2026, 3, n), 3, reflex=True, text="fine") for n in range(2, 10)]  # 8
    entries = chrono(
        *march,
        # 02:00 on 1 April counts for 31 March: the ninth March reflex.
        Entry(id="apr", kind="honest", at=at(date(2026, 4, 1), 2), score=3, reflex=True),
        honest(date(2026, 4, 1), 2, hour=12),  # not a reflex
        honest(date(2026, 6, 3), 4),  # not a reflex: June is left out
        honest(nov(3), 3, reflex=True, text="ok"),
        honest(nov(20), 3, reflex=True, text="not bad"),
    )
    months = reflex_by_month(entries, FOUR)
    assert months == [("2026-03", 9, 0), ("2026-11", 2, 0)]
    assert reflex_sentence(months) == (
        "A quick first answer ('fine', 'ok'…) 9 times in March and 2 in November."
    )


def test_the_reflex_sentence_credits_the_answers_the_person_added_to() -> None:
    """It said "You answered 'fine' 5 times in November" for "ok" and "not bad" too, and
    counted the answers expanded after the follow-up, which is what the follow-up asked."""
    entries = chrono(
        honest(nov(2), 3, reflex=True, text="ok"),
        honest(nov(3), 3, reflex=True, text="not bad"),
        honest(nov(4), 2, reflex=True, text="fine, but I miss my sister"),
        honest(nov(5), 2, reflex=True, text="ok. Actually tired of pretending"),
        honest(nov(6), 3, reflex=True, text="fine thanks"),  # a courtesy tail: still a reflex
        honest(nov(7), 4, text="a good walk"),  # never a reflex: not counted
    )
    months = reflex_by_month(entries, FOUR)
    assert months == [("2026-11", 5, 2)]
    assert reflex_sentence(months) == (
        "A quick first answer ('fine', 'ok'…) 5 times in November; you added more to 2 of them."
    )
    assert reflex_sentence([("2026-11", 1, 1)]) == (
        "A quick first answer ('fine', 'ok'…) once in November; you added more to it."
    )
    assert reflex_sentence([("2026-10", 1, 1), ("2026-11", 1, 1)]) == (
        "A quick first answer ('fine', 'ok'…) once in October and once in November; "
        "you added more to both."
    )
    assert reflex_sentence([("2026-11", 3, 3)]) == (
        "A quick first answer ('fine', 'ok'…) 3 times in November; you added more to all 3."
    )


def test_reflex_sentence_names_years_when_they_differ() -> None:
    entries = chrono(
        honest(date(2025, 12, 30), 3, reflex=True),
        *(honest(date(2026, 1, n), 3, reflex=True) for n in (5, 6, 7)),
    )
    months = reflex_by_month(entries, FOUR)
    assert months == [("2025-12", 1, 0), ("2026-01", 3, 0)]
    assert reflex_sentence(months) == (
        "A quick first answer ('fine', 'ok'…) once in December 2025 and 3 in January 2026."
    )


def test_reflex_sentence_lists_three_months_and_says_nothing_for_none() -> None:
    months = [("2026-01", 4, 0), ("2026-02", 1, 0), ("2026-03", 2, 0)]
    assert reflex_sentence(months) == (
        "A quick first answer ('fine', 'ok'…) 4 times in January, once in February and 2 in March."
    )
    assert reflex_sentence([]) is None
    assert reflex_by_month([honest(nov(2), 3)], FOUR) == []


# --- connection and mood ----------------------------------------------------------------


def mood_example() -> list[Entry]:
    """Ten days, 19-28 Nov, plus the 18th just before the window.

    day | connection | scores | day's mean | day before had a connection
    18  | yes        | 5      | (outside)  |
    19  |            | 4      | 4          | yes (the 18th)
    20  | yes        | 3, 4   | 3.5        |
    21  | yes        | 5      | 5          | yes
    22  |            | 2      | 2          | yes
    23  |            | 1      | 1          |
    24  | yes        |        |            |
    25  |            | 3      | 3          | yes
    26  | yes        | 4      | 4          |
    27  |            | 2      | 2          | yes
    28  |            |        |            |
    """
    return chrono(
        reach(nov(18)),
        honest(nov(18), 5),
        honest(nov(19), 4),
        reach(nov(20)),
        honest(nov(20), 3, hour=9),
        honest(nov(20), 4, hour=20),
        letin(nov(21)),
        honest(nov(21), 5),
        honest(nov(22), 2),
        honest(nov(23), 1),
        reach(nov(24)),
        honest(nov(25), 3),
        reach(nov(26)),
        honest(nov(26), 4),
        honest(nov(27), 2),
    )


def test_connection_and_mood_worked_example() -> None:
    mood = connection_mood(mood_example(), TODAY, FOUR, 10)
    assert mood.window_days == 10
    # With a connection: 20 (3.5), 21 (5), 26 (4): 12.5 / 3 = 4.1666 -> 4.2.
    # (With the newest score instead of the mean it would be (4 + 5 + 4) / 3 = 4.3.)
    # Without: 19 (4), 22 (2), 23 (1), 25 (3), 27 (2): 12 / 5 = 2.4.
    assert mood.same_day.marked == MoodSide(days=3, average=4.2)
    assert mood.same_day.other == MoodSide(days=5, average=2.4)
    assert mood.same_day.shown
    # Day after a connection: 19 (4), 21 (5), 22 (2), 25 (3), 27 (2): 16 / 5 = 3.2.
    # Other days: 20 (3.5), 23 (1), 26 (4): 8.5 / 3 = 2.8333 -> 2.8.
    assert mood.day_after.marked == MoodSide(days=5, average=3.2)
    assert mood.day_after.other == MoodSide(days=3, average=2.8)
    assert mood.day_after.shown
    assert mood.sentences() == [
        "On days you reached out your score averaged 4.2; on other days 2.4 "
        "(3 days you reached out, 5 other days).",
        "The day after reaching out it averaged 3.2; other days 2.8 "
        "(5 days after reaching out, 3 other days).",
    ]


def test_connection_and_mood_rounds_halves_up() -> None:
    # Days with a connection: 2 and 2.5 (2 and 3 on one day): (2 + 2.5) / 2 = 2.25 -> 2.3,
    # where Python's round(2.25, 1) would give 2.2.
    entries = chrono(
        reach(nov(27)),
        honest(nov(27), 2),
        reach(nov(28)),
        honest(nov(28), 2, hour=9),
        honest(nov(28), 3, hour=10),
    )
    mood = connection_mood(entries, TODAY, FOUR, 2)
    assert mood.same_day.marked == MoodSide(days=2, average=2.3)


def test_too_few_days_without_a_connection() -> None:
    # 24, 25, 26: connection and a 4 each; 27: only a 2; 28: nothing.
    entries = chrono(
        *(e for n in (24, 25, 26) for e in (reach(nov(n)), honest(nov(n), 4))),
        honest(nov(27), 2),
    )
    mood = connection_mood(entries, TODAY, FOUR, 5)
    # With: 3 days of 4 -> 4.0; without: only the 27th -> 2 more needed.
    assert mood.same_day.marked == MoodSide(days=3, average=4.0)
    assert mood.same_day.other == MoodSide(days=1, average=2.0)
    assert mood.same_day.other.more_needed == 2
    assert not mood.same_day.shown
    # Day after: 25, 26, 27 -> (4 + 4 + 2) / 3 = 3.33 -> 3.3; other: the 24th alone.
    assert mood.day_after.marked == MoodSide(days=3, average=3.3)
    assert mood.day_after.other == MoodSide(days=1, average=4.0)
    assert mood.sentences() == [
        "Comparing days you reached out with other days needs "
        "2 more days with an answer on days without a connection.",
        "Comparing the day after reaching out with other days needs "
        "2 more days with an answer on other days.",
    ]


def test_too_few_days_with_a_connection() -> None:
    # Connections with answers on 21 and 23 only; answers without on 22, 24, 25, 26.
    entries = chrono(
        reach(nov(21)),
        honest(nov(21), 5),
        honest(nov(22), 3),
        reach(nov(23)),
        honest(nov(23), 4),
        honest(nov(24), 2),
        honest(nov(25), 3),
        honest(nov(26), 3),
    )
    mood = connection_mood(entries, TODAY, FOUR, 8)
    assert mood.same_day.marked.days == 2
    assert mood.same_day.marked.more_needed == 1
    assert mood.same_day.other == MoodSide(days=4, average=2.8)  # 11 / 4 = 2.75 -> 2.8
    # Day after a connection: 22 (3), 24 (2); other days: 21 (5), 23 (4), 25 (3), 26 (3).
    assert mood.day_after.marked == MoodSide(days=2, average=2.5)
    assert mood.day_after.other == MoodSide(days=4, average=3.8)  # 15 / 4 = 3.75 -> 3.8
    assert mood.sentences() == [
        "Comparing days you reached out with other days needs "
        "1 more day with an answer on days you reached out.",
        "Comparing the day after reaching out with other days needs "
        "1 more day with an answer on the day after reaching out.",
    ]


def test_exactly_three_days_each_side_is_enough_and_the_second_line_stands_alone() -> None:
    # Connections on 20, 22, 24 (no answers on those days); answers on 21, 23, 25 (after a
    # connection) and 26, 27, 28 (not). Same-day has no connection days with an answer.
    entries = chrono(
        reach(nov(20)),
        honest(nov(21), 4),
        reach(nov(22)),
        honest(nov(23), 4),
        reach(nov(24)),
        honest(nov(25), 3),
        honest(nov(26), 3),
        honest(nov(27), 2),
        honest(nov(28), 2),
    )
    mood = connection_mood(entries, TODAY, FOUR, 9)
    assert MOOD_MIN_DAYS == 3
    assert mood.same_day.marked == MoodSide(days=0, average=None)
    assert mood.same_day.other == MoodSide(days=6, average=3.0)  # 18 / 6
    # After: 21, 23, 25 -> 11 / 3 = 3.67 -> 3.7; other: 26, 27, 28 -> 7 / 3 = 2.33 -> 2.3.
    assert mood.day_after.marked == MoodSide(days=3, average=3.7)
    assert mood.day_after.other == MoodSide(days=3, average=2.3)
    assert mood.day_after.shown
    assert mood.sentences() == [
        "Comparing days you reached out with other days needs "
        "3 more days with an answer on days you reached out.",
        "The day after reaching out your score averaged 3.7; other days 2.3 "
        "(3 days after reaching out, 3 other days).",
    ]


def test_no_answers_at_all_asks_for_three_on_each_side() -> None:
    mood = connection_mood([reach(nov(28))], TODAY, FOUR, 30)
    assert mood.sentences() == [
        "Comparing days you reached out with other days needs 3 more days with an answer "
        "on days you reached out and 3 more days with an answer on days without a connection.",
        "Comparing the day after reaching out with other days needs 3 more days with an "
        "answer on the day after reaching out and 3 more days with an answer on other days.",
    ]


# --- people -----------------------------------------------------------------------------


def test_people_review_counts_at_the_window_edges() -> None:
    entries = chrono(
        letin(date(2024, 5, 1), who="Sam"),
        reach(date(2025, 11, 28), who="Sam"),  # 365 days back: outside the year
        reach(date(2025, 11, 29), who="Sam"),  # 364 days back: inside
        reach(date(2026, 10, 29), who="Sam"),  # 30 days back: outside the month
        reach(date(2026, 10, 30), who="sam"),  # 29 days back: inside (any case)
        # 02:00 on 31 Oct is still 30 Oct: inside the month.
        Entry(id="late", kind="reach", at=at(date(2026, 10, 31), 2), who="Sam", via="call"),
        letin(nov(20), who="SAM"),  # the last contact: 8 days ago
        reach(nov(18), who="Cy"),  # exactly Cy's cadence ago
        reach(nov(28), who="ana", hour=9),
        letin(nov(28), who=None, hour=10),  # names nobody
    )
    people = [
        Person("Sam", cadence_days=7),
        Person("Bo"),
        Person("ana", cadence_days=30),
        Person("Cy", cadence_days=10),
    ]
    reviews = people_review(entries, people, TODAY, FOUR)
    assert [r.person.name for r in reviews] == ["ana", "Bo", "Cy", "Sam"]
    ana, bo, cy, sam = reviews

    assert sam.last_contact is not None and sam.last_contact.kind == "letin"
    assert sam.last_contact.at == at(nov(20))
    assert sam.days_since == 8
    # Reach-outs: 2025-11-28 (out), 2025-11-29, Oct 29, Oct 30, Oct 30 (02:00 on the 31st).
    assert sam.reached_30 == 2
    assert sam.reached_365 == 4
    assert sam.cadence_days == 7
    assert sam.overdue and sam.days_over == 1  # 8 days since, cadence 7
    assert sam.let_in == 2  # 2024 and 20 Nov

    assert ana.days_since == 0 and not ana.overdue and ana.days_over == 0
    assert (ana.reached_30, ana.reached_365, ana.let_in) == (1, 1, 0)

    assert bo.last_contact is None and bo.days_since is None
    assert (bo.reached_30, bo.reached_365, bo.let_in, bo.overdue) == (0, 0, 0, False)

    assert cy.days_since == 10 and cy.cadence_days == 10
    assert not cy.overdue  # 10 days is not more than a 10-day cadence


# --- moments and history ----------------------------------------------------------------


def history_example() -> list[Entry]:
    return chrono(
        reach(nov(20), who="Sam", via="call", note="about the move"),
        honest(nov(21), 2, text="tired, missing Sam"),
        belong(nov(22), text="the bus driver waved"),
        letin(nov(23), text="let Ana drive me", who="Ana"),
        rest(nov(24)),
        reach(nov(25), who="Ana", via="text"),
    )


def test_moments_are_belonging_and_letting_in_newest_first() -> None:
    found = moments(history_example())
    assert [(e.kind, e.text) for e in found] == [
        ("letin", "let Ana drive me"),
        ("belong", "the bus driver waved"),
    ]


def days(found: list[Entry]) -> list[int]:
    """The day of the month of each entry found, in the order found."""
    return [e.at.day for e in found]


def test_history_filters_by_kind_and_text() -> None:
    entries = history_example()
    assert days(history(entries, None, "")) == [25, 24, 23, 22, 21, 20]
    assert days(history(entries, None, "   ")) == [25, 24, 23, 22, 21, 20]
    assert days(history(entries, {"reach"}, "")) == [25, 20]
    assert days(history(entries, {"belong", "letin"}, "")) == [23, 22]
    # "SAM": the reach's who and the honest answer's words.
    assert days(history(entries, None, "SAM")) == [21, 20]
    # "ana": who of the let-in and the last reach, and the let-in's text.
    assert days(history(entries, None, "ana")) == [25, 23]
    assert days(history(entries, {"reach"}, "ana")) == [25]
    assert days(history(entries, None, "call")) == [20]  # via
    assert days(history(entries, None, "the move")) == [20]  # note
    assert days(history(entries, None, "Waved")) == [22]
    assert history(entries, set(), "") == []
    assert history(entries, None, "nobody") == []
    # A search does not run across two fields: who "Sam" then via "call".
    assert history(entries, None, "samcall") == []
    index = DayIndex.build(entries, FOUR)
    assert days(history(index, None, "samcall")) == []
    assert days(history(index, None, "SAM")) == [21, 20]


# --- drift ------------------------------------------------------------------------------

# Today 28 Nov. The last 14 days are 15-28 Nov; the 90 before them run from 17 Aug to
# 14 Nov (14 + 31 + 30 + 15 days). 16 Aug is 105 days back and counts for neither.
RECENT_FIRST = nov(15)
EARLIER_FIRST = date(2026, 8, 17)
FALLING = {0: 4, 3: 4, 7: 3, 12: 2}
"""Scores by day offset in the window. x = 0, 3, 7, 12; y = 4, 4, 3, 2:
n = 4, sum x = 22, sum y = 13, sum x^2 = 202, sum xy = 57;
slope = (4*57 - 22*13) / (4*202 - 22^2) = (228 - 286) / (808 - 484) = -58/324 = -29/162."""


def drift_entries(
    recent_days: int,
    scores: dict[int, int],
    earlier_days: int = 90,
    extra: tuple[Entry, ...] = (),
) -> list[Entry]:
    """A reach-out on each of the first ``earlier_days`` earlier days and the first
    ``recent_days`` recent days, and an honest answer at each offset of ``scores``."""
    made = [reach(EARLIER_FIRST + timedelta(days=i)) for i in range(earlier_days)]
    made += [reach(RECENT_FIRST + timedelta(days=i), hour=9) for i in range(recent_days)]
    made += [honest(RECENT_FIRST + timedelta(days=i), s, hour=20) for i, s in scores.items()]
    return chrono(*made, *extra)


def test_the_slope_worked_by_hand() -> None:
    assert least_squares_slope(list(FALLING.items())) == Fraction(-29, 162)
    assert least_squares_slope([(0, 3), (5, 3), (9, 3), (13, 3)]) == 0
    assert least_squares_slope([(2, 3), (2, 5)]) is None
    assert least_squares_slope([]) is None


def test_drift_thresholds_are_constants() -> None:
    assert DRIFT_MIN_SCORED_DAYS == 4
    assert DRIFT_SLOPE_BELOW == 0


def test_drift_shows_when_quieter_and_lower() -> None:
    # 90 earlier connection days -> half the rate is 0.5 a day -> below it is c14 < 7.
    note = drift(drift_entries(6, FALLING), TODAY, FOUR)
    assert note == DriftNote(
        message=DRIFT_MESSAGE,
        suggestion=DRIFT_SUGGESTION,
        recent_days=6,
        earlier_days=90,
        slope=-29 / 162,
    )
    assert "!" not in note.message + note.suggestion


def test_drift_rate_exactly_at_half_is_not_drift() -> None:
    # 7 / 14 = 0.5 = 0.5 * 90 / 90: not below half.
    assert drift(drift_entries(7, FALLING), TODAY, FOUR) is None


def test_chosen_rest_days_do_not_count_against_the_recent_rate() -> None:
    """6 connection days in the fortnight is below half of 90/90 (6/14 < 0.5), but with 4
    chosen rest days (each day 8 to 11 of the window, no connection) it is 6 of 10 days:
    0.6 a day, not below half. A rest day is never held against anyone."""
    rests = tuple(rest(RECENT_FIRST + timedelta(days=i)) for i in (8, 9, 10, 11))
    assert drift(drift_entries(6, FALLING), TODAY, FOUR) is not None
    assert drift(drift_entries(6, FALLING, extra=rests), TODAY, FOUR) is None


def test_chosen_rest_days_do_not_lower_the_earlier_rate() -> None:
    """45 connection days in the earlier 90 (0.5 a day, half is 0.25): 4/14 = 0.286 is not
    below. With the 45 other earlier days all rest days, the earlier rate is 45/45 = 1 a day,
    half is 0.5, and 4/14 is below it."""
    rests = tuple(rest(EARLIER_FIRST + timedelta(days=i)) for i in range(45, 90))
    assert drift(drift_entries(4, FALLING, earlier_days=45), TODAY, FOUR) is None
    assert drift(drift_entries(4, FALLING, earlier_days=45, extra=rests), TODAY, FOUR) is not None


def test_drift_rate_with_a_smaller_earlier_count() -> None:
    # 45 earlier days: half the rate is 0.25 a day. 3 / 14 = 0.214 is below; 4 / 14 = 0.286
    # is not.
    assert drift(drift_entries(3, FALLING, earlier_days=45), TODAY, FOUR) is not None
    assert drift(drift_entries(4, FALLING, earlier_days=45), TODAY, FOUR) is None


def test_drift_window_edges() -> None:
    # 89 earlier days cover 17 Aug - 13 Nov. Add 14 Nov, the last earlier day (90), and
    # 16 Aug, 105 days back, which counts for neither window.
    entries = drift_entries(
        6, FALLING, earlier_days=89, extra=(reach(date(2026, 8, 16)), reach(nov(14), hour=18))
    )
    note = drift(entries, TODAY, FOUR)
    assert note is not None
    assert (note.recent_days, note.earlier_days) == (6, 90)


def test_drift_needs_a_falling_trend() -> None:
    flat = {0: 3, 5: 3, 9: 3, 13: 3}
    rising = {0: 2, 3: 3, 7: 4, 12: 4}  # the falling example mirrored: slope +29/162
    assert drift(drift_entries(0, flat), TODAY, FOUR) is None
    assert drift(drift_entries(0, rising), TODAY, FOUR) is None


def test_drift_reads_the_days_newest_score_not_its_mean() -> None:
    # Flat by newest (3 every scored day); the 5 earlier on day 0 would make the means
    # 4, 3, 3, 3 (falling) if means were used.
    entries = drift_entries(0, {0: 3, 5: 3, 9: 3, 13: 3}, extra=(honest(RECENT_FIRST, 5, hour=8),))
    assert drift(entries, TODAY, FOUR) is None


def test_drift_needs_four_scored_days() -> None:
    three = {0: 4, 7: 3, 12: 2}  # falling, but only three days
    assert drift(drift_entries(0, three), TODAY, FOUR) is None
    # Two answers on one day are still one scored day.
    same_day = (honest(RECENT_FIRST + timedelta(days=12), 1, hour=22),)
    assert drift(drift_entries(0, three, extra=same_day), TODAY, FOUR) is None


def test_drift_stays_quiet_for_someone_new() -> None:
    # No connection in the 90 earlier days: nothing to compare with.
    assert drift(drift_entries(0, FALLING, earlier_days=0), TODAY, FOUR) is None
    assert drift([], TODAY, FOUR) is None


def test_drift_dismissed_for_a_week() -> None:
    note = drift(drift_entries(0, FALLING), TODAY, FOUR)
    assert note is not None
    until = drift_dismissed_until(TODAY)
    assert until == "2026-12-05"
    assert drift_visible(note, None, TODAY)
    assert not drift_visible(note, until, TODAY)
    assert not drift_visible(note, until, date(2026, 12, 4))
    assert drift_visible(note, until, date(2026, 12, 5))
    assert drift_visible(note, "not a date", TODAY)
    assert not drift_visible(None, None, TODAY)


# --- the front page's windows look up their own days ------------------------------------

SCAN_BASE = date(2026, 1, 1)
SCAN_SPAN = 400


def _dense(flags: list[bool]) -> dict[date, int]:
    return {SCAN_BASE + timedelta(days=n): 1 for n, on in enumerate(flags) if on}


# Dense and sparse years of days, so the windows are looked up (more days than the window)
# as well as walked (fewer).
scan_days = st.one_of(
    st.lists(st.booleans(), min_size=SCAN_SPAN, max_size=SCAN_SPAN).map(_dense),
    st.lists(st.integers(0, SCAN_SPAN), max_size=30).map(
        lambda ns: {SCAN_BASE + timedelta(days=n): 1 for n in ns}
    ),
)


def _scanned_quiet(index: DayIndex, today: date) -> QuietSpell:
    """quiet_spell as it was written before its windows were looked up: a walk over every
    day of connection."""
    connections, rest = index.connections, index.rest
    last = max((d for d in connections if d <= today), default=None)
    days = None
    if last is not None:
        gap = (today - last).days
        days = gap - sum(1 for d in rest if last < d <= today and d not in connections)
    first = today - timedelta(days=QUIET_WINDOW_DAYS)
    connected = sum(1 for d in connections if first <= d < today)
    resting = sum(1 for d in rest if first <= d < today and d not in connections)
    return QuietSpell(days, connected, QUIET_WINDOW_DAYS - resting)


@settings(max_examples=300, deadline=None)
@given(
    connections=scan_days,
    rest=st.sets(
        st.integers(0, SCAN_SPAN).map(lambda n: SCAN_BASE + timedelta(days=n)), max_size=40
    ),
    today=st.integers(-10, SCAN_SPAN + 20).map(lambda n: SCAN_BASE + timedelta(days=n)),
)
def test_the_quiet_spell_and_drift_look_up_their_windows_as_a_walk_would_count(
    connections: dict[date, int], rest: set[date], today: date
) -> None:
    index = DayIndex([], time(4, 0))
    index.connections = connections
    index.rest = rest
    recent_first = today - timedelta(days=DRIFT_RECENT_DAYS - 1)
    # Answers falling through the last two weeks: the score rule holds, the rate rule decides.
    index.honest_newest = {recent_first + timedelta(days=i): 5 - i // 3 for i in range(14)}
    assert quiet_spell(index, today) == _scanned_quiet(index, today)
    earlier_first = recent_first - timedelta(days=DRIFT_EARLIER_DAYS)
    recent = sum(1 for d in connections if recent_first <= d <= today)
    earlier = sum(1 for d in connections if earlier_first <= d < recent_first)
    resting = {d for d in rest if d not in connections}
    recent_open = DRIFT_RECENT_DAYS - sum(1 for d in resting if recent_first <= d <= today)
    earlier_open = DRIFT_EARLIER_DAYS - sum(1 for d in resting if earlier_first <= d < recent_first)
    expected = (
        earlier > 0
        and recent_open > 0
        and earlier_open > 0
        and Fraction(recent, recent_open) < Fraction(1, 2) * Fraction(earlier, earlier_open)
    )
    note = drift(index, today, time(4, 0))
    assert (note is not None) == expected
    if note is not None:
        assert (note.recent_days, note.earlier_days) == (recent, earlier)
