"""The clock objects and the one function that maps a moment to its logical day."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage.clock import (
    DEFAULT_DAY_STARTS_AT,
    Clock,
    FixedClock,
    SystemClock,
    logical_day,
    today,
)

CET = timezone(timedelta(hours=1))
IST = timezone(timedelta(hours=5, minutes=30))
NPT = timezone(timedelta(hours=5, minutes=45))
NST = timezone(timedelta(hours=-3, minutes=-30))


def at(y: int, mo: int, d: int, h: int = 12, mi: int = 0, tz: timezone = CET) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=tz)


# --- FixedClock -------------------------------------------------------------------------


def test_fixed_clock_returns_its_moment() -> None:
    moment = at(2026, 11, 28, 9, 15)
    clock = FixedClock(moment)
    assert clock.now() == moment
    assert clock.now().utcoffset() == timedelta(hours=1)
    # Asking again does not move it.
    assert clock.now() == moment


def test_fixed_clock_set_moves_forward_and_backward() -> None:
    clock = FixedClock(at(2026, 11, 28))
    clock.set(at(2026, 12, 1, 8))
    assert clock.now() == at(2026, 12, 1, 8)
    clock.set(at(2026, 1, 2, 3))
    assert clock.now() == at(2026, 1, 2, 3)


def test_fixed_clock_set_keeps_the_new_offset() -> None:
    clock = FixedClock(at(2026, 11, 28))
    clock.set(at(2026, 11, 28, 10, tz=NPT))
    assert clock.now().utcoffset() == timedelta(hours=5, minutes=45)


def test_fixed_clock_advance_forward_and_backward() -> None:
    clock = FixedClock(at(2026, 11, 28, 23, 30))
    clock.advance(timedelta(hours=1))
    assert clock.now() == at(2026, 11, 29, 0, 30)
    clock.advance(timedelta(days=-3))
    assert clock.now() == at(2026, 11, 26, 0, 30)
    clock.advance(timedelta(0))
    assert clock.now() == at(2026, 11, 26, 0, 30)
    assert clock.now().tzinfo is CET


def test_fixed_clock_rejects_naive_datetimes() -> None:
    with pytest.raises(ValueError):
        FixedClock(datetime(2026, 11, 28, 12, 0))
    clock = FixedClock(at(2026, 11, 28))
    with pytest.raises(ValueError):
        clock.set(datetime(2026, 11, 29, 12, 0))
    # A rejected set leaves the clock where it was.
    assert clock.now() == at(2026, 11, 28)


def test_clocks_satisfy_the_protocol() -> None:
    clocks: list[Clock] = [SystemClock(), FixedClock(at(2026, 1, 1))]
    for clock in clocks:
        assert clock.now().tzinfo is not None


def test_a_fixed_clock_reads_wall_times_at_its_own_offset() -> None:
    clock = FixedClock(at(2026, 11, 28, tz=NPT))
    moment = clock.local(datetime(2019, 7, 1, 9, 30))
    assert moment == datetime(2019, 7, 1, 9, 30, tzinfo=NPT)
    assert moment.utcoffset() == timedelta(hours=5, minutes=45)


def test_a_fixed_clock_with_a_zone_reads_wall_times_with_that_dates_offset() -> None:
    """An import from another app has wall times without an offset: a summer evening in
    Warsaw was at +02:00, a winter one at +01:00, whatever the offset is today."""
    zoneinfo = pytest.importorskip("zoneinfo")
    try:
        warsaw = zoneinfo.ZoneInfo("Europe/Warsaw")
    except zoneinfo.ZoneInfoNotFoundError:
        pytest.skip("no time zone data on this machine")
    clock = FixedClock(at(2026, 11, 28), zone=warsaw)
    summer = clock.local(datetime(2019, 7, 1, 21, 0))
    winter = clock.local(datetime(2019, 1, 1, 21, 0))
    assert summer.utcoffset() == timedelta(hours=2) and summer.hour == 21
    assert winter.utcoffset() == timedelta(hours=1) and winter.hour == 21
    assert summer.isoformat() == "2019-07-01T21:00:00+02:00"


def test_the_system_clock_reads_wall_times_in_the_machines_zone() -> None:
    wall = datetime(2019, 7, 1, 21, 0)
    moment = SystemClock().local(wall)
    assert moment.replace(tzinfo=None) == wall
    assert moment.utcoffset() == wall.astimezone().utcoffset()


# --- SystemClock ------------------------------------------------------------------------


def test_system_clock_returns_an_aware_now() -> None:
    before = datetime.now(UTC)
    now = SystemClock().now()
    after = datetime.now(UTC)
    assert now.tzinfo is not None
    assert now.utcoffset() is not None
    assert before <= now <= after


# --- logical_day ------------------------------------------------------------------------


def test_default_day_starts_at_four() -> None:
    assert DEFAULT_DAY_STARTS_AT == time(4, 0)


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [
        (0, 0, date(2026, 11, 27)),
        (1, 30, date(2026, 11, 27)),
        (3, 59, date(2026, 11, 27)),
        (4, 0, date(2026, 11, 28)),
        (4, 1, date(2026, 11, 28)),
        (12, 0, date(2026, 11, 28)),
        (23, 59, date(2026, 11, 28)),
    ],
)
def test_logical_day_default_boundary(hour: int, minute: int, expected: date) -> None:
    assert logical_day(at(2026, 11, 28, hour, minute)) == expected


def test_logical_day_one_microsecond_before_the_boundary() -> None:
    moment = datetime(2026, 11, 28, 3, 59, 59, 999_999, tzinfo=CET)
    assert logical_day(moment) == date(2026, 11, 27)
    assert logical_day(moment + timedelta(microseconds=1)) == date(2026, 11, 28)


def test_logical_day_midnight_start_is_the_calendar_date() -> None:
    midnight = time(0, 0)
    assert logical_day(at(2026, 11, 28, 0, 0), midnight) == date(2026, 11, 28)
    assert logical_day(at(2026, 11, 28, 1, 30), midnight) == date(2026, 11, 28)
    assert logical_day(at(2026, 11, 28, 23, 59), midnight) == date(2026, 11, 28)
    assert logical_day(at(2026, 11, 27, 23, 59), midnight) == date(2026, 11, 27)


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [
        (4, 0, date(2026, 11, 27)),
        (6, 29, date(2026, 11, 27)),
        (6, 30, date(2026, 11, 28)),
        (6, 31, date(2026, 11, 28)),
    ],
)
def test_logical_day_custom_start_half_past_six(hour: int, minute: int, expected: date) -> None:
    assert logical_day(at(2026, 11, 28, hour, minute), time(6, 30)) == expected


def test_logical_day_honours_seconds_of_the_start() -> None:
    # A start of 04:00:30 means 04:00:10 still belongs to the day before.
    starts = time(4, 0, 30)
    assert logical_day(datetime(2026, 11, 28, 4, 0, 10, tzinfo=CET), starts) == date(2026, 11, 27)
    assert logical_day(datetime(2026, 11, 28, 4, 0, 30, tzinfo=CET), starts) == date(2026, 11, 28)


def test_logical_day_across_month_and_year_ends() -> None:
    assert logical_day(at(2027, 1, 1, 2, 0)) == date(2026, 12, 31)
    assert logical_day(at(2026, 3, 1, 3, 0)) == date(2026, 2, 28)
    assert logical_day(at(2028, 3, 1, 3, 0)) == date(2028, 2, 29)


def test_logical_day_uses_the_entrys_own_offset() -> None:
    # One instant, two wall clocks: 02:00 in Berlin is 06:30 in India.
    berlin = at(2026, 11, 28, 2, 0, tz=CET)
    india = berlin.astimezone(IST)
    assert berlin == india
    assert india.hour == 6 and india.minute == 30
    assert logical_day(berlin) == date(2026, 11, 27)
    assert logical_day(india) == date(2026, 11, 28)
    # UTC-03:30 at 23:30 is still the same day there.
    assert logical_day(at(2026, 11, 28, 23, 30, tz=NST)) == date(2026, 11, 28)
    assert logical_day(at(2026, 11, 29, 3, 45, tz=NPT)) == date(2026, 11, 28)


def test_logical_day_keeps_the_wall_clock_through_iso_round_trip() -> None:
    moment = at(2026, 11, 28, 3, 30, tz=NPT)
    assert logical_day(datetime.fromisoformat(moment.isoformat())) == logical_day(moment)


OFFSET_MINUTES = st.integers(min_value=-12 * 60, max_value=14 * 60)
WALL = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 12, 31))
STARTS = st.builds(time, st.integers(0, 23), st.integers(0, 59)) | st.times()


def reference_logical_day(moment: datetime, starts: time) -> date:
    """The rule, written out plainly: before the start time it is still yesterday."""
    wall = moment.replace(tzinfo=None)
    if wall.time() < starts:
        return wall.date() - timedelta(days=1)
    return wall.date()


@settings(max_examples=200, deadline=None)
@given(wall=WALL, offset=OFFSET_MINUTES, starts=STARTS)
def test_logical_day_matches_the_rule(wall: datetime, offset: int, starts: time) -> None:
    moment = wall.replace(tzinfo=timezone(timedelta(minutes=offset)))
    assert logical_day(moment, starts) == reference_logical_day(moment, starts)


@settings(max_examples=200, deadline=None)
@given(wall=WALL, first=OFFSET_MINUTES, second=OFFSET_MINUTES, starts=STARTS)
def test_logical_day_depends_only_on_the_wall_clock(
    wall: datetime, first: int, second: int, starts: time
) -> None:
    one = wall.replace(tzinfo=timezone(timedelta(minutes=first)))
    two = wall.replace(tzinfo=timezone(timedelta(minutes=second)))
    assert logical_day(one, starts) == logical_day(two, starts)


@settings(max_examples=200, deadline=None)
@given(wall=WALL, offset=OFFSET_MINUTES, starts=STARTS)
def test_logical_day_is_the_date_or_the_day_before(
    wall: datetime, offset: int, starts: time
) -> None:
    moment = wall.replace(tzinfo=timezone(timedelta(minutes=offset)))
    assert logical_day(moment, starts) in {wall.date(), wall.date() - timedelta(days=1)}


# --- today ------------------------------------------------------------------------------


def test_today_reads_the_clock() -> None:
    clock = FixedClock(at(2026, 11, 28, 12, 0))
    assert today(clock) == date(2026, 11, 28)


def test_today_before_the_day_starts_is_yesterday() -> None:
    clock = FixedClock(at(2026, 11, 28, 3, 59))
    assert today(clock) == date(2026, 11, 27)
    clock.advance(timedelta(minutes=1))
    assert today(clock) == date(2026, 11, 28)


def test_today_with_a_custom_start() -> None:
    clock = FixedClock(at(2026, 11, 28, 1, 0))
    assert today(clock, time(0, 0)) == date(2026, 11, 28)
    assert today(clock, time(6, 30)) == date(2026, 11, 27)
    clock.set(at(2026, 11, 28, 6, 30))
    assert today(clock, time(6, 30)) == date(2026, 11, 28)


def test_today_follows_the_clock_backward() -> None:
    clock = FixedClock(at(2026, 11, 28, 12, 0))
    clock.set(at(2026, 11, 20, 12, 0))
    assert today(clock) == date(2026, 11, 20)
    clock.advance(timedelta(days=-1))
    assert today(clock) == date(2026, 11, 19)


def test_today_uses_the_clocks_offset() -> None:
    # 23:00 UTC on the 27th is 04:30 on the 28th in India, 19:30 on the 27th in Newfoundland.
    instant = datetime(2026, 11, 27, 23, 0, tzinfo=UTC)
    assert today(FixedClock(instant)) == date(2026, 11, 27)
    assert today(FixedClock(instant.astimezone(IST))) == date(2026, 11, 28)
    assert today(FixedClock(instant.astimezone(NST))) == date(2026, 11, 27)


def test_today_of_the_system_clock_is_a_date() -> None:
    day = today(SystemClock())
    now = datetime.now().astimezone()
    assert day in {now.date(), now.date() - timedelta(days=1)}
