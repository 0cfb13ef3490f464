"""parse_when: every form of WHEN a person can type after ``--at``, and every way to miss."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storage.errors import InvalidInput
from storage.when import parse_when, when_text

CET = timezone(timedelta(hours=1))
IST = timezone(timedelta(hours=5, minutes=30))
NOW = datetime(2026, 11, 28, 21, 3, 27, 123456, tzinfo=CET)


def at(y: int, mo: int, d: int, h: int = 12, mi: int = 0, tz: timezone = CET) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=tz)


# --- words ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["today", "TODAY", " Today ", "now", "just now"])
def test_today_and_now_are_now(text: str) -> None:
    assert parse_when(text, NOW) == NOW


def test_yesterday_is_noon_of_the_day_before() -> None:
    assert parse_when("yesterday", NOW) == at(2026, 11, 27, 12)
    assert parse_when("Yesterday", NOW).utcoffset() == timedelta(hours=1)


def test_yesterday_after_midnight_follows_the_logical_day() -> None:
    """At 01:30 it is still "the 27th" (days start at 04:00), so yesterday is the 26th."""
    late = at(2026, 11, 28, 1, 30)
    assert parse_when("yesterday", late) == at(2026, 11, 26, 12)


def test_yesterday_respects_another_day_start() -> None:
    early = at(2026, 11, 28, 1, 30)
    assert parse_when("yesterday", early, day_starts_at=time(0, 0)) == at(2026, 11, 27, 12)


def test_yesterday_keeps_the_offset_of_now() -> None:
    now = at(2026, 11, 28, 9, 0, tz=IST)
    assert parse_when("yesterday", now) == at(2026, 11, 27, 12, tz=IST)


# --- relative ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "delta"),
    [
        ("2d", timedelta(days=2)),
        ("3h", timedelta(hours=3)),
        ("30m", timedelta(minutes=30)),
        ("0m", timedelta(0)),
        ("1D", timedelta(days=1)),
        ("2 d", timedelta(days=2)),
        ("3h ago", timedelta(hours=3)),
        ("  45m   ago ", timedelta(minutes=45)),
        ("365d", timedelta(days=365)),
    ],
)
def test_relative_times_are_that_long_ago(text: str, delta: timedelta) -> None:
    assert parse_when(text, NOW) == NOW - delta


@pytest.mark.parametrize("text", ["90s", "2w", "1y", "-2d", "2.5h", "d", "2dd", "2d3h", "ago"])
def test_other_relative_forms_are_not_accepted(text: str) -> None:
    with pytest.raises(InvalidInput, match="not a time"):
        parse_when(text, NOW)


def test_an_absurdly_long_time_ago_is_an_input_error() -> None:
    with pytest.raises(InvalidInput, match="further back"):
        parse_when("9999999d", NOW)


# --- ISO 8601 ---------------------------------------------------------------------------


def test_a_bare_date_is_noon_in_the_local_offset() -> None:
    assert parse_when("2026-11-24", NOW) == at(2026, 11, 24, 12)
    assert parse_when("20261124", NOW) == at(2026, 11, 24, 12)


def test_todays_date_before_noon_means_now_not_noon() -> None:
    morning = at(2026, 11, 28, 9, 15)
    assert parse_when("2026-11-28", morning) == morning


def test_todays_date_after_noon_is_noon() -> None:
    assert parse_when("2026-11-28", NOW) == at(2026, 11, 28, 12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-24T10:00", at(2026, 11, 24, 10)),
        ("2026-11-24 10:00", at(2026, 11, 24, 10)),
        ("2026-11-24T10:00:30", at(2026, 11, 24, 10).replace(second=30)),
        ("2026-11-26T02:00", at(2026, 11, 26, 2)),
    ],
)
def test_a_date_time_without_offset_takes_the_offset_of_now(text: str, expected: datetime) -> None:
    result = parse_when(text, NOW)
    assert result == expected
    assert result.utcoffset() == timedelta(hours=1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-24T10:00+05:30", at(2026, 11, 24, 10, tz=IST)),
        ("2026-11-24T10:00Z", at(2026, 11, 24, 10, tz=UTC)),
        ("2026-11-24T10:00:00-03:30", at(2026, 11, 24, 10, tz=timezone(timedelta(hours=-3.5)))),
    ],
)
def test_a_date_time_with_offset_keeps_it(text: str, expected: datetime) -> None:
    result = parse_when(text, NOW)
    assert result == expected
    assert result.utcoffset() == expected.utcoffset()


# --- the future -------------------------------------------------------------------------


def test_up_to_a_minute_ahead_is_allowed() -> None:
    assert parse_when("2026-11-28T21:04:00", NOW) == at(2026, 11, 28, 21, 4)


@pytest.mark.parametrize(
    "text", ["2026-11-28T21:05", "2026-11-29", "2027-01-01T00:00", "2026-11-28T20:05-01:00"]
)
def test_more_than_a_minute_ahead_is_an_input_error(text: str) -> None:
    with pytest.raises(InvalidInput, match="in the future"):
        parse_when(text, NOW)


def test_a_time_given_in_another_offset_is_compared_as_a_moment() -> None:
    """20:05 at UTC-01:00 is 22:05 here: the future, even though 20:05 < 21:03."""
    with pytest.raises(InvalidInput):
        parse_when("2026-11-28T20:05-01:00", NOW)
    assert parse_when("2026-11-28T18:05-01:00", NOW) == at(2026, 11, 28, 20, 5)


# --- gibberish --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "tomorrow",
        "last week",
        "soon",
        "2026-13-01",
        "2026-02-30",
        "28/11/2026",
        "11/28/2026",
        "2026-11-28T25:00",
        "21:00",
        "🙂",
        "2026-11-24T10:00+25:00",
    ],
)
def test_gibberish_is_an_input_error_that_shows_the_forms(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_when(text, NOW)
    message = str(caught.value)
    assert "yesterday" in message and "2d" in message
    assert "\n" not in message


def test_now_must_be_aware() -> None:
    with pytest.raises(ValueError):
        parse_when("today", NOW.replace(tzinfo=None))


@given(st.text(max_size=40))
def test_any_text_gives_a_past_moment_or_invalid_input(text: str) -> None:
    """Whatever is typed, the answer is an aware moment not in the future, or InvalidInput."""
    try:
        result = parse_when(text, NOW)
    except InvalidInput:
        return
    assert result.tzinfo is not None
    assert result - NOW <= timedelta(minutes=1)


@given(st.integers(min_value=0, max_value=100_000), st.sampled_from("dhm"))
def test_relative_times_never_land_in_the_future(amount: int, unit: str) -> None:
    assert parse_when(f"{amount}{unit}", NOW) <= NOW


def test_when_text_is_what_a_form_shows_and_reads_back_to_the_minute() -> None:
    moment = datetime(2026, 11, 24, 18, 30, 59, tzinfo=CET)
    assert when_text(moment) == "2026-11-24 18:30"
    assert parse_when(when_text(moment), NOW) == moment.replace(second=0)
