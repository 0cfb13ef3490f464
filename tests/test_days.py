"""Days and streaks: the worked example, hand-worked cases, DST and property tests."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage.clock import FixedClock, logical_day, today
from storage.days import (
    CONNECTION_KINDS,
    HONEST_KINDS,
    Streak,
    connection_streak,
    count_in_window,
    days_of,
    honest_streak,
    longest_run,
    run_through,
    streak,
)
from storage.phrases import days_phrase
from storage.records import KINDS, Entry, Kind

CET = timezone(timedelta(hours=1))
_ids = itertools.count(1)


def entry(kind: Kind, moment: datetime) -> Entry:
    """An entry with a fresh id and only the fields its kind needs."""
    eid = f"e{next(_ids)}"
    if kind == "reach":
        return Entry(id=eid, kind=kind, at=moment, who="Sam", via="text")
    if kind == "honest":
        return Entry(id=eid, kind=kind, at=moment, score=3, text="tired")
    if kind in ("belong", "letin"):
        return Entry(id=eid, kind=kind, at=moment, text="asked for help")
    return Entry(id=eid, kind=kind, at=moment)


def on(day: int, hour: int = 12, minute: int = 0, month: int = 11) -> datetime:
    """A moment in November 2026 at UTC+01:00."""
    return datetime(2026, month, day, hour, minute, tzinfo=CET)


def d(day: int, month: int = 11) -> date:
    return date(2026, month, day)


def days(*numbers: int) -> set[date]:
    return {d(n) for n in numbers}


# --- the worked example -----------------------------------------------------------------


def worked_example() -> list[Entry]:
    return [
        Entry(id="a1", kind="reach", at=on(24, 10, 0), who="Sam", via="text"),
        # 02:00 on the 26th is still the 25th: the day starts at 04:00.
        Entry(id="a2", kind="reach", at=on(26, 2, 0), who="Ana", via="call"),
        Entry(id="a3", kind="rest", at=on(26, 18, 0)),
        Entry(id="a4", kind="letin", at=on(27, 20, 0), text="told Ana about work", who="Ana"),
    ]


def test_worked_example() -> None:
    entries = worked_example()
    assert days_of(entries, CONNECTION_KINDS) == days(24, 25, 27)
    assert days_of(entries, {"rest"}) == days(26)
    result = connection_streak(entries, d(28))
    assert result.current == 3
    assert result.longest == 3
    assert result.last_7 == 3
    assert result.last_30 == 3
    assert result == Streak(current=3, longest=3, last_7=3, last_30=3)


def test_worked_example_with_a_fixed_clock() -> None:
    clock = FixedClock(on(28, 9, 0))
    assert connection_streak(worked_example(), today(clock)).current == 3
    # At 03:00 on the 29th it is still the 28th: the run is alive.
    clock.set(on(29, 3, 0))
    assert connection_streak(worked_example(), today(clock)).current == 3
    # From 04:00 on the 29th the 28th was a plain gap: the run is over, the record stays.
    clock.set(on(29, 4, 0))
    result = connection_streak(worked_example(), today(clock))
    assert result.current == 0
    assert result.longest == 3


def test_worked_example_without_the_day_start_shift() -> None:
    # With days starting at midnight the 02:00 reach counts for the 26th, leaving the
    # 25th a plain gap: the runs are {24} and {26, 27}.
    result = connection_streak(worked_example(), d(28), time(0, 0))
    assert result.current == 2
    assert result.longest == 2


def test_worked_example_has_no_honest_days() -> None:
    assert honest_streak(worked_example(), d(28)) == Streak()


# --- hand-worked cases ------------------------------------------------------------------


def test_no_entries() -> None:
    assert connection_streak([], d(28)) == Streak(0, 0, 0, 0)
    assert streak(set(), set(), d(28)) == Streak()


def test_only_rest_days_count_for_nothing() -> None:
    entries = [entry("rest", on(n)) for n in (25, 26, 27, 28)]
    assert connection_streak(entries, d(28)) == Streak()


def test_a_gap_breaks_a_run() -> None:
    # 20, 21, 22 | gap on 23 | 24, 25
    result = streak(days(20, 21, 22, 24, 25), set(), d(25))
    assert result.current == 2
    assert result.longest == 3


def test_a_single_gap_day_between_two_counted_days_breaks_the_run() -> None:
    result = streak(days(26, 28), set(), d(28))
    assert result.current == 1
    assert result.longest == 1


def test_rest_days_bridge_a_run() -> None:
    # 20, rest 21, rest 22, 23, rest 24, 25: one run of four counted days.
    result = streak(days(20, 23, 25), days(21, 22, 24), d(25))
    assert result == Streak(current=3, longest=3, last_7=3, last_30=3)


def test_rest_days_do_not_bridge_across_a_plain_gap() -> None:
    # 20, rest 21, gap 22, 23: two runs of one.
    result = streak(days(20, 23), days(21), d(23))
    assert result.current == 1
    assert result.longest == 1


def test_rest_days_before_the_first_counted_day_do_not_count() -> None:
    result = streak(days(23, 24), days(20, 21, 22), d(24))
    assert result.current == 2
    assert result.longest == 2


def test_trailing_rest_days_keep_the_current_run_alive() -> None:
    # Counted 20-22, then rest 23-27, today the 28th with nothing yet.
    result = streak(days(20, 21, 22), days(23, 24, 25, 26, 27), d(28))
    assert result.current == 3
    assert result.longest == 3


def test_trailing_rest_days_including_today() -> None:
    result = streak(days(20, 21), days(22, 23, 24, 25, 26, 27, 28), d(28))
    assert result.current == 2


def test_trailing_rest_days_with_a_plain_gap_do_not_keep_it_alive() -> None:
    # 20, 21 counted; rest 22-26; the 27th (yesterday) plain; today the 28th.
    result = streak(days(20, 21), days(22, 23, 24, 25, 26), d(28))
    assert result.current == 0
    assert result.longest == 2
    # The gap earlier than yesterday breaks it too.
    result = streak(days(20, 21), days(23, 24, 25, 26, 27), d(28))
    assert result.current == 0


def test_current_is_zero_when_the_last_counted_day_is_two_days_ago() -> None:
    result = streak(days(24, 25, 26), set(), d(28))
    assert result.current == 0
    assert result.longest == 3
    assert result.last_7 == 3


def test_current_is_alive_when_the_last_counted_day_is_yesterday() -> None:
    result = streak(days(25, 26, 27), set(), d(28))
    assert result.current == 3


def test_today_counted_extends_the_run() -> None:
    result = streak(days(25, 26, 27, 28), set(), d(28))
    assert result.current == 4
    assert result.longest == 4


def test_today_counted_after_a_gap_starts_a_new_run() -> None:
    result = streak(days(24, 25, 26, 28), set(), d(28))
    assert result.current == 1
    assert result.longest == 3


def test_today_counted_after_rest_yesterday() -> None:
    result = streak(days(26, 28), days(27), d(28))
    assert result.current == 2


def test_many_entries_on_one_day_count_once() -> None:
    entries = [
        entry("reach", on(27, 9)),
        entry("reach", on(27, 13)),
        entry("letin", on(27, 21)),
        # 03:00 on the 28th is still the 27th.
        entry("reach", on(28, 3)),
        entry("reach", on(28, 10)),
        entry("letin", on(28, 23, 59)),
    ]
    assert days_of(entries, CONNECTION_KINDS) == days(27, 28)
    result = connection_streak(entries, d(28))
    assert result == Streak(current=2, longest=2, last_7=2, last_30=2)


def test_kinds_that_do_not_count_for_connection() -> None:
    entries = [entry("honest", on(27)), entry("belong", on(28))]
    assert connection_streak(entries, d(28)) == Streak()
    assert connection_streak([entry("reach", on(27))], d(28)).current == 1
    assert connection_streak([entry("letin", on(27))], d(28)).current == 1


def test_generators_are_accepted() -> None:
    result = connection_streak((e for e in worked_example()), d(28))
    assert result.current == 3
    result = honest_streak((e for e in [entry("honest", on(28))]), d(28))
    assert result.current == 1


def test_last_7_window_edges() -> None:
    today_ = d(28)
    # The 22nd is the first day of the seven, the 21st the last day outside.
    assert count_in_window(days(22), today_, 7) == 1
    assert count_in_window(days(21), today_, 7) == 0
    assert count_in_window(days(28), today_, 7) == 1
    assert count_in_window(days(29), today_, 7) == 0
    result = streak(days(21, 22, 28), set(), today_)
    assert result.last_7 == 2


def test_last_30_window_edges() -> None:
    today_ = d(28)
    first = today_ - timedelta(days=29)
    assert first == d(30, month=10)
    assert count_in_window({first}, today_, 30) == 1
    assert count_in_window({first - timedelta(days=1)}, today_, 30) == 0
    result = streak({first - timedelta(days=1), first, today_}, set(), today_)
    assert result.last_30 == 2
    assert result.last_7 == 1


def test_windows_count_every_day_of_a_full_month() -> None:
    counted = {d(28) - timedelta(days=n) for n in range(40)}
    result = streak(counted, set(), d(28))
    assert result == Streak(current=40, longest=40, last_7=7, last_30=30)


def test_windows_ignore_rest_days() -> None:
    result = streak(days(27), days(22, 23, 24, 25, 26, 28), d(28))
    assert result.last_7 == 1
    assert result.last_30 == 1


def test_honest_streak_is_independent_of_connection() -> None:
    entries = [
        entry("reach", on(20)),
        entry("reach", on(21)),
        entry("reach", on(22)),
        entry("honest", on(25)),
        entry("honest", on(26)),
        entry("rest", on(27)),
        entry("honest", on(28)),
    ]
    connection = connection_streak(entries, d(28))
    honest = honest_streak(entries, d(28))
    assert connection == Streak(current=0, longest=3, last_7=1, last_30=3)
    assert honest == Streak(current=3, longest=3, last_7=3, last_30=3)
    assert days_of(entries, HONEST_KINDS) == days(25, 26, 28)


def test_honest_entries_never_move_the_connection_streak() -> None:
    base = worked_example()
    noisy = base + [entry("honest", on(n)) for n in range(1, 29)]
    assert connection_streak(noisy, d(28)) == connection_streak(base, d(28))
    only_connection = [entry("reach", on(n)) for n in range(1, 29)]
    assert honest_streak(only_connection + base, d(28)) == Streak()


def test_rest_days_are_shared_by_both_streaks() -> None:
    entries = [
        entry("reach", on(25)),
        entry("honest", on(25)),
        entry("rest", on(26)),
        entry("reach", on(27)),
        entry("honest", on(27)),
    ]
    assert connection_streak(entries, d(28)).current == 2
    assert honest_streak(entries, d(28)).current == 2


def test_a_counted_day_that_is_also_rest_counts() -> None:
    entries = [entry("reach", on(27)), entry("rest", on(27)), entry("reach", on(28))]
    assert connection_streak(entries, d(28)).current == 2


def test_custom_day_start_moves_entries_between_days() -> None:
    entries = [entry("reach", on(27, 5, 0)), entry("reach", on(28, 6, 0))]
    # Default start 04:00: the 27th and the 28th.
    assert connection_streak(entries, d(28)).current == 2
    # Start 06:30: the 05:00 entry is the 26th and the 06:00 one the 27th.
    assert days_of(entries, CONNECTION_KINDS, time(6, 30)) == days(26, 27)
    assert connection_streak(entries, d(28), time(6, 30)).current == 2


def test_clock_moved_backward_hand_worked() -> None:
    # Counted 20-22 and 25-28, but the clock says it is the 23rd.
    counted = days(20, 21, 22, 25, 26, 27, 28)
    result = streak(counted, set(), d(23))
    assert result.current == 3
    assert result.longest == 4
    assert result.last_7 == 3
    assert result.last_30 == 3
    # Before any counted day at all.
    assert streak(counted, set(), d(10)) == Streak(current=0, longest=4, last_7=0, last_30=0)


def test_clock_moved_backward_with_a_fixed_clock() -> None:
    entries = worked_example()
    clock = FixedClock(on(28, 12))
    clock.set(on(25, 12))
    result = connection_streak(entries, today(clock))
    assert result.current == 2
    assert result.longest == 3


# --- DST --------------------------------------------------------------------------------


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError:  # pragma: no cover - depends on the system tz database
        pytest.skip(f"time zone {name} not available")


# (zone, transition date, kind of transition)
TRANSITIONS = [
    ("Europe/Berlin", date(2026, 3, 29), "spring"),
    ("Europe/Berlin", date(2026, 10, 25), "fall"),
    ("America/New_York", date(2026, 3, 8), "spring"),
    ("America/New_York", date(2026, 11, 1), "fall"),
]


@pytest.mark.parametrize(("name", "day", "kind"), TRANSITIONS)
def test_the_zone_really_changes_offset_that_night(name: str, day: date, kind: str) -> None:
    tz = zone(name)
    before = datetime.combine(day, time(0, 30), tz).utcoffset()
    after = datetime.combine(day, time(4, 30), tz).utcoffset()
    assert before is not None and after is not None
    assert (after - before) == (timedelta(hours=1) if kind == "spring" else timedelta(hours=-1))


@pytest.mark.parametrize(("name", "day", "kind"), TRANSITIONS)
@pytest.mark.parametrize("fold", [0, 1])
@pytest.mark.parametrize(
    ("hour", "before_start"),
    [(1, True), (2, True), (3, True), (4, False)],
)
def test_dst_logical_day_follows_the_wall_clock(
    name: str, day: date, kind: str, fold: int, hour: int, before_start: bool
) -> None:
    tz = zone(name)
    moment = datetime.combine(day, time(hour, 30), tz).replace(fold=fold)
    expected = day - timedelta(days=1) if before_start else day
    assert logical_day(moment) == expected
    # The stored form (ISO with a fixed offset) lands on the same day.
    assert logical_day(datetime.fromisoformat(moment.isoformat())) == expected
    # And so do the streak functions.
    result = connection_streak([entry("reach", moment)], expected)
    assert result.current == 1


@pytest.mark.parametrize(("name", "day", "kind"), TRANSITIONS)
def test_dst_instants_converted_to_the_zone_follow_the_wall_clock(
    name: str, day: date, kind: str
) -> None:
    """Walk the night in real (UTC) minutes; the day flips when the wall clock shows 04:00."""
    tz = zone(name)
    start = datetime.combine(day, time(0, 0), tz).astimezone(UTC)
    moment = start
    seen_flip = False
    while moment < start + timedelta(hours=8):
        local = moment.astimezone(tz)
        expected = day if local.time() >= time(4, 0) else day - timedelta(days=1)
        assert logical_day(local) == expected
        if local.time() == time(4, 0):
            seen_flip = True
        moment += timedelta(minutes=15)
    assert seen_flip


@pytest.mark.parametrize(("name", "day", "kind"), TRANSITIONS)
def test_dst_logical_day_length_in_real_hours(name: str, day: date, kind: str) -> None:
    """The logical day that holds the change is 23 real hours (spring) or 25 (fall)."""
    tz = zone(name)
    begins = datetime.combine(day - timedelta(days=1), time(4, 0), tz)
    ends = datetime.combine(day, time(4, 0), tz)
    length = ends.astimezone(UTC) - begins.astimezone(UTC)
    assert length == timedelta(hours=23 if kind == "spring" else 25)
    last_second = ends.astimezone(UTC) - timedelta(seconds=1)
    assert logical_day(last_second.astimezone(tz)) == day - timedelta(days=1)
    assert logical_day(ends) == day


@pytest.mark.parametrize(("name", "day", "kind"), TRANSITIONS)
def test_dst_streak_runs_through_the_change(name: str, day: date, kind: str) -> None:
    tz = zone(name)
    entries = [
        # Every night of the week at 01:30, 02:30 or 03:30 local, and once at 04:30.
        entry("reach", datetime.combine(day + timedelta(days=n), time(1 + n % 3, 30), tz))
        for n in range(-3, 4)
    ]
    entries.append(entry("letin", datetime.combine(day + timedelta(days=3), time(4, 30), tz)))
    # Logical days: day-4 .. day+2 from the small-hours entries, day+3 from the 04:30 one.
    expected = {day + timedelta(days=n) for n in range(-4, 4)}
    assert days_of(entries, CONNECTION_KINDS) == expected
    result = connection_streak(entries, day + timedelta(days=3))
    assert result.current == 8
    assert result.longest == 8


# --- reference implementation -----------------------------------------------------------


def reference_day(moment: datetime, starts: time) -> date:
    wall = moment.replace(tzinfo=None)
    return wall.date() - timedelta(days=1) if wall.time() < starts else wall.date()


def reference_streak(counted: set[date], rest: set[date], today_: date) -> Streak:
    """Walk every day from the first to the last and keep a running count.

    A counted day adds one, a rest day leaves the count alone, any other day resets it.
    The current run is the count through yesterday plus today if today is counted: a day
    still in progress cannot break anything.
    """
    every = counted | rest | {today_}
    first, last = min(every), max(every)
    run = longest = 0
    before_today = 0
    day = first
    while day <= last:
        if day == today_:
            before_today = run
        if day in counted:
            run += 1
        elif day not in rest:
            run = 0
        longest = max(longest, run)
        day += timedelta(days=1)
    current = before_today + (1 if today_ in counted else 0)
    last_7 = sum(1 for n in range(7) if today_ - timedelta(days=n) in counted)
    last_30 = sum(1 for n in range(30) if today_ - timedelta(days=n) in counted)
    return Streak(current=current, longest=longest, last_7=last_7, last_30=last_30)


def reference_entries_streak(
    entries: Iterable[Entry], kinds: frozenset[str], today_: date, starts: time
) -> Streak:
    items = list(entries)
    counted = {reference_day(e.at, starts) for e in items if e.kind in kinds}
    rest = {reference_day(e.at, starts) for e in items if e.kind == "rest"}
    return reference_streak(counted, rest, today_)


def test_reference_agrees_on_the_worked_example() -> None:
    assert reference_entries_streak(
        worked_example(), CONNECTION_KINDS, d(28), time(4, 0)
    ) == Streak(3, 3, 3, 3)


# --- property tests ---------------------------------------------------------------------

BASE = date(2026, 11, 1)
SPAN = 45

REAL_OFFSETS = [
    (-12, 0), (-11, 0), (-10, 0), (-9, -30), (-9, 0), (-8, 0), (-7, 0), (-6, 0), (-5, 0),
    (-4, 0), (-3, -30), (-3, 0), (-2, 0), (-1, 0), (0, 0), (1, 0), (2, 0), (3, 0), (3, 30),
    (4, 0), (4, 30), (5, 0), (5, 30), (5, 45), (6, 0), (6, 30), (7, 0), (8, 0), (8, 45),
    (9, 0), (9, 30), (10, 0), (10, 30), (11, 0), (12, 0), (12, 45), (13, 0), (13, 45), (14, 0),
]  # fmt: skip

offsets = st.one_of(
    st.sampled_from([timedelta(hours=h, minutes=m) for h, m in REAL_OFFSETS]),
    st.integers(-12 * 60, 14 * 60).map(lambda m: timedelta(minutes=m)),
).map(timezone)

moments = st.builds(
    lambda day, minute, tz: datetime.combine(
        BASE + timedelta(days=day), time(minute // 60, minute % 60), tz
    ),
    st.integers(0, SPAN),
    st.integers(0, 24 * 60 - 1),
    offsets,
)

entries_lists = st.lists(
    st.builds(entry, st.sampled_from(KINDS), moments),
    max_size=30,
)

todays = st.integers(-5, SPAN + 5).map(lambda n: BASE + timedelta(days=n))
starts_ats = st.sampled_from([time(4, 0), time(0, 0), time(6, 30), time(2, 15), time(23, 45)])

day_sets = st.sets(st.integers(0, SPAN).map(lambda n: BASE + timedelta(days=n)), max_size=30)

FAST = settings(max_examples=200, deadline=None)


@FAST
@given(counted=day_sets, rest=day_sets, today_=todays)
def test_streak_matches_the_brute_force_reference(
    counted: set[date], rest: set[date], today_: date
) -> None:
    assert streak(counted, rest, today_) == reference_streak(counted, rest, today_)


@FAST
@given(entries=entries_lists, today_=todays, starts=starts_ats)
def test_entry_streaks_match_the_reference(
    entries: list[Entry], today_: date, starts: time
) -> None:
    assert connection_streak(entries, today_, starts) == reference_entries_streak(
        entries, CONNECTION_KINDS, today_, starts
    )
    assert honest_streak(entries, today_, starts) == reference_entries_streak(
        entries, HONEST_KINDS, today_, starts
    )


@FAST
@given(data=st.data(), entries=entries_lists, today_=todays)
def test_order_of_entries_does_not_matter(
    data: st.DataObject, entries: list[Entry], today_: date
) -> None:
    shuffled = data.draw(st.permutations(entries))
    assert connection_streak(shuffled, today_) == connection_streak(entries, today_)
    assert honest_streak(shuffled, today_) == honest_streak(entries, today_)
    backfilled = sorted(entries, key=lambda e: e.at, reverse=True)
    assert connection_streak(backfilled, today_) == connection_streak(entries, today_)


@FAST
@given(entries=entries_lists, clock_day=st.integers(-5, SPAN), starts=starts_ats)
def test_clock_moved_backward(entries: list[Entry], clock_day: int, starts: time) -> None:
    """The clock is set back behind some entries: nothing breaks, the future is ignored
    for current and the windows, but the longest run still sees every day."""
    clock = FixedClock(datetime.combine(BASE + timedelta(days=SPAN + 2), time(12, 0), CET))
    clock.set(datetime.combine(BASE + timedelta(days=clock_day), time(12, 0), CET))
    today_ = today(clock, starts)
    counted = days_of(entries, CONNECTION_KINDS, starts)
    rest = days_of(entries, {"rest"}, starts)
    result = connection_streak(entries, today_, starts)

    past = {x for x in counted if x <= today_}
    only_past = streak(past, rest, today_)
    assert result.current == only_past.current
    assert result.last_7 == only_past.last_7
    assert result.last_30 == only_past.last_30
    # Seen from far enough ahead, the longest run is the same.
    far = max(counted | rest | {today_}) + timedelta(days=5)
    assert result.longest == streak(counted, rest, far).longest
    assert result.current <= len(past)


@FAST
@given(counted=day_sets, rest=day_sets, today_=todays)
def test_invariants(counted: set[date], rest: set[date], today_: date) -> None:
    result = streak(counted, rest, today_)
    assert 0 <= result.current <= result.longest <= len(counted)
    assert 0 <= result.last_7 <= 7
    assert result.last_7 <= result.last_30 <= 30
    assert result.current == 0 or any(x <= today_ for x in counted)


@FAST
@given(counted=day_sets, rest=day_sets, today_=todays, extra=day_sets)
def test_adding_rest_days_never_lowers_a_run(
    counted: set[date], rest: set[date], today_: date, extra: set[date]
) -> None:
    before = streak(counted, rest, today_)
    after = streak(counted, rest | extra, today_)
    assert after.current >= before.current
    assert after.longest >= before.longest
    # Rest days never change the windows.
    assert (after.last_7, after.last_30) == (before.last_7, before.last_30)


@FAST
@given(counted=day_sets, rest=day_sets, today_=todays, extra=day_sets)
def test_adding_counted_days_never_lowers_a_run(
    counted: set[date], rest: set[date], today_: date, extra: set[date]
) -> None:
    before = streak(counted, rest, today_)
    after = streak(counted | extra, rest, today_)
    assert after.longest >= before.longest
    assert after.current >= before.current
    assert after.last_7 >= before.last_7
    assert after.last_30 >= before.last_30


@FAST
@given(entries=entries_lists, today_=todays, moment=moments)
def test_adding_a_rest_entry_never_lowers_a_run(
    entries: list[Entry], today_: date, moment: datetime
) -> None:
    before = connection_streak(entries, today_)
    after = connection_streak([*entries, entry("rest", moment)], today_)
    assert after.current >= before.current
    assert after.longest >= before.longest


@FAST
@given(
    entries=entries_lists, today_=todays, moment=moments, kind=st.sampled_from(["reach", "letin"])
)
def test_adding_a_connection_entry_never_lowers_the_longest(
    entries: list[Entry], today_: date, moment: datetime, kind: Kind
) -> None:
    before = connection_streak(entries, today_)
    after = connection_streak([*entries, entry(kind, moment)], today_)
    assert after.longest >= before.longest
    assert after.longest >= 1


@FAST
@given(entries=entries_lists, starts=starts_ats)
def test_days_of_uses_logical_days(entries: list[Entry], starts: time) -> None:
    for kinds in (CONNECTION_KINDS, HONEST_KINDS, frozenset({"rest"})):
        assert days_of(entries, kinds, starts) == {
            reference_day(e.at, starts) for e in entries if e.kind in kinds
        }


@FAST
@given(entries=entries_lists, today_=todays)
def test_offsets_change_nothing_when_the_wall_clock_is_the_same(
    entries: list[Entry], today_: date
) -> None:
    """Logged at the same wall-clock time anywhere on earth, an entry counts the same."""
    in_utc = [Entry(id=e.id, kind=e.kind, at=e.at.replace(tzinfo=UTC)) for e in entries]
    assert connection_streak(in_utc, today_) == connection_streak(entries, today_)


def test_days_phrase_reads_plainly() -> None:
    assert [days_phrase(d) for d in (None, 0, 1, 12)] == [
        "not yet",
        "today",
        "yesterday",
        "12 days",
    ]
    assert days_phrase(12, ago=True) == "12 days ago"
    assert days_phrase(1, ago=True) == "yesterday"


def _streak_by_walking(counted: set[date], rest: set[date], today: date) -> Streak:
    """The rules of :func:`streak`, walked one calendar day at a time (slow, plain)."""

    def runs(days: set[date]) -> list[tuple[date, int]]:
        found: list[tuple[date, int]] = []
        size, last, day = 0, min(days), min(days)
        while day <= max(days):
            if day in days:
                size, last = size + 1, day
            elif day not in rest and size:
                found.append((last, size))
                size = 0
            day += timedelta(days=1)
        found.append((last, size))
        return found

    if not counted:
        return Streak()
    current = 0
    past = {d for d in counted if d <= today}
    if past:
        end, size = runs(past)[-1]
        between = [end + timedelta(days=n) for n in range(1, (today - end).days)]
        if end >= today - timedelta(days=1) or all(d in rest for d in between):
            current = size
    window = [today - timedelta(days=n) for n in range(30)]
    return Streak(
        current=current,
        longest=max(size for _, size in runs(counted)),
        last_7=sum(1 for d in window[:7] if d in counted),
        last_30=sum(1 for d in window if d in counted),
    )


@settings(max_examples=400, deadline=None)
@given(
    counted=st.sets(st.integers(0, 90)),
    rest=st.sets(st.integers(-3, 95)),
    today_at=st.integers(-2, 97),
)
def test_streak_agrees_with_walking_the_calendar(
    counted: set[int], rest: set[int], today_at: int
) -> None:
    """Any months of counted and rest days, today anywhere in them or after them."""
    first = date(2026, 1, 1)

    def days(numbers: set[int]) -> set[date]:
        return {first + timedelta(days=n) for n in numbers}

    got = streak(days(counted), days(rest - counted), first + timedelta(days=today_at))
    assert got == _streak_by_walking(
        days(counted), days(rest - counted), first + timedelta(days=today_at)
    )


@FAST
@given(
    steps=st.lists(st.tuples(st.booleans(), st.integers(0, SPAN)), max_size=40),
    today_=todays,
)
def test_the_longest_run_kept_one_day_at_a_time_is_the_longest_run(
    steps: list[tuple[bool, int]], today_: date
) -> None:
    """What the totals do as the quick path logs: each new counted or rest day can only
    change the run through it, so the longest is the greater of the old and that run."""
    counted: set[date] = set()
    rest: set[date] = set()
    kept = 0
    for is_rest, n in steps:
        day = BASE + timedelta(days=n)
        (rest if is_rest else counted).add(day)
        ordinals = {c.toordinal() for c in counted}
        kept = max(kept, run_through(ordinals, {r.toordinal() for r in rest}, day.toordinal()))
        assert kept == longest_run(counted, rest) == reference_streak(counted, rest, today_).longest
        assert streak(counted, rest, today_, longest=kept) == streak(counted, rest, today_)
