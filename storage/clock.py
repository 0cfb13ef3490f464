"""Time in one place: the clock object and the one function for the logical day.

Nothing else in leanon reads the system clock. Tests pass a :class:`FixedClock`.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone, tzinfo

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from typing import Protocol
else:
    Protocol = object  # the command line's quick path never pays for importing typing

DEFAULT_DAY_STARTS_AT = time(4, 0)
"""A day runs from 04:00 to 04:00, so a text sent at 01:30 belongs to the evening before."""

FUTURE_TOLERANCE = timedelta(minutes=1)
"""An entry may be stamped up to a minute ahead (clocks drift); further ahead is a typo."""


MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""Month names for sentences: fixed English like the rest of leanon, not the locale's."""

WEEKDAY_NAMES: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
"""Weekday names, Monday first, as ``date.weekday()`` counts."""


def day_name(day: date) -> str:
    """A day in words: "Saturday 28 November 2026"."""
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


class Clock(Protocol):
    """Something that tells the time, as an aware datetime in the local wall-clock offset."""

    def now(self) -> datetime:
        """The current moment, timezone-aware."""
        ...

    def local(self, wall: datetime) -> datetime:
        """A wall-clock time without an offset (``2019-03-31 09:30``, as another app wrote
        it) as a moment: with the offset this clock's zone had on that date."""
        ...


class SystemClock:
    """The real clock: the only place leanon asks the operating system for the time."""

    def now(self) -> datetime:
        """The current local wall-clock time with its UTC offset."""
        return datetime.now().astimezone()

    def local(self, wall: datetime) -> datetime:
        """``wall`` with the machine's offset on that date (summer time or not, by the
        zone rules the system keeps), as the machine's own clock showed it then."""
        return wall.replace(tzinfo=None).astimezone()


class FixedClock:
    """A clock that only moves when told to; used by tests, snapshots and the demo.

    Args:
        at: the moment it shows.
        zone: the zone its :meth:`local` reads wall-clock times in (a
            ``zoneinfo.ZoneInfo``, for summer time); by default ``at``'s fixed offset.
    """

    def __init__(self, at: datetime, zone: tzinfo | None = None) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._at = at
        self._zone = zone

    def now(self) -> datetime:
        """The fixed moment."""
        return self._at

    def local(self, wall: datetime) -> datetime:
        """``wall`` in the clock's zone, or at the offset of its moment when it has none."""
        zone = self._zone or self._at.tzinfo
        moment = wall.replace(tzinfo=zone)
        offset = moment.utcoffset()  # a zone's offset for that date, made fixed
        return wall.replace(tzinfo=timezone(offset) if offset is not None else zone)

    def set(self, at: datetime) -> None:
        """Move the clock to ``at`` (forward or backward)."""
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._at = at

    def advance(self, delta: timedelta) -> None:
        """Move the clock by ``delta``."""
        self._at = self._at + delta


def logical_day(at: datetime, day_starts_at: time = DEFAULT_DAY_STARTS_AT) -> date:
    """The day a moment counts for: its wall-clock date, with days starting at ``day_starts_at``.

    The wall clock is the one the moment was logged in (its UTC offset), so an entry made at
    23:00 while travelling counts for the day the person lived it, wherever they are now.
    """
    return (at - day_shift(day_starts_at)).date()


_SHIFTS: dict[time, timedelta] = {}


def day_shift(day_starts_at: time) -> timedelta:
    """How far a day's start sits after midnight; cached, as streaks ask 50,000 times."""
    shift = _SHIFTS.get(day_starts_at)
    if shift is None:
        shift = timedelta(
            hours=day_starts_at.hour,
            minutes=day_starts_at.minute,
            seconds=day_starts_at.second,
            microseconds=day_starts_at.microsecond,
        )
        if len(_SHIFTS) < 64:  # a handful of settings in practice; never grows without end
            _SHIFTS[day_starts_at] = shift
    return shift


def today(clock: Clock, day_starts_at: time = DEFAULT_DAY_STARTS_AT) -> date:
    """The logical day the clock is in now."""
    return logical_day(clock.now(), day_starts_at)
