"""Days and streaks: pure functions over entries, the logical day and today.

A connection day has at least one ``reach`` or ``letin``; an honest day at least one
``honest``. A rest day the person chose neither counts nor breaks a run: it is simply
stepped over. Nothing here reads the clock; ``today`` always comes in.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date, time, timedelta

from storage.clock import DEFAULT_DAY_STARTS_AT, logical_day
from storage.fields import KIND_SPECS
from storage.records import Entry

CONNECTION_KINDS = frozenset(k for k, spec in KIND_SPECS.items() if spec.connection)
"""Kinds that make a day a connection day."""

HONEST_KINDS = frozenset(k for k, spec in KIND_SPECS.items() if spec.honest)
"""Kinds that make a day an honest day."""

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Streak:
    """How a run of counted days stands.

    Attributes:
        current: counted days in the run that is still alive (ends today or yesterday,
            stepping over rest days); 0 when there is none.
        longest: counted days in the longest run ever.
        last_7: counted days among the last 7 days, today included.
        last_30: counted days among the last 30 days, today included.
    """

    current: int = 0
    longest: int = 0
    last_7: int = 0
    last_30: int = 0


def days_of(
    entries: Iterable[Entry],
    kinds: Iterable[str],
    day_starts_at: time = DEFAULT_DAY_STARTS_AT,
) -> set[date]:
    """The logical days on which at least one entry of ``kinds`` was logged."""
    wanted = frozenset(kinds)
    return {logical_day(e.at, day_starts_at) for e in entries if e.kind in wanted}


def count_in_window(counted: Iterable[date], today: date, days: int) -> int:
    """Counted days in the ``days`` days that end with ``today``.

    For a set of years of days, a look-up for each day of the window rather than a look
    at every counted day.
    """
    if isinstance(counted, AbstractSet) and len(counted) > days:
        return sum(1 for back in range(days) if today - timedelta(days=back) in counted)
    first = today - timedelta(days=days - 1)
    return sum(1 for d in counted if first <= d <= today)


RECENT_LOOKUPS = 120
"""How many days back :func:`newest_on_or_before` looks day by day before it scans."""


def newest_on_or_before(counted: AbstractSet[date], today: date) -> date | None:
    """The newest counted day on or before ``today``, or None.

    Nearly always a recent day: the last few months are looked up day by day, and only
    when none of them is counted are all the days scanned.
    """
    if len(counted) > RECENT_LOOKUPS:
        for back in range(RECENT_LOOKUPS):
            day = today - timedelta(days=back)
            if day in counted:
                return day
    return max((d for d in counted if d <= today), default=None)


def _runs(counted: AbstractSet[date], rest: AbstractSet[date]) -> list[tuple[date, date, int]]:
    """Every run as (first counted day, last counted day, counted days), oldest first.

    Two counted days belong to one run when every day between them is counted or rest.
    """
    runs: list[tuple[date, date, int]] = []
    days = sorted(counted)
    if not days:
        return runs
    start = last = days[0]
    size = 1
    last_number = last.toordinal()
    for day in days[1:]:
        number = day.toordinal()
        # The day after the last is the usual case, and needs no look at the rest days.
        if number == last_number + 1 or _bridged(last, day, rest):
            size += 1
        else:
            runs.append((start, last, size))
            start, size = day, 1
        last, last_number = day, number
    runs.append((start, last, size))
    return runs


def _bridged(earlier: date, later: date, rest: AbstractSet[date]) -> bool:
    """Whether every day strictly between two counted days is a rest day."""
    day = earlier + ONE_DAY
    while day < later:
        if day not in rest:
            return False
        day += ONE_DAY
    return True


def longest_run(counted: AbstractSet[date], rest: AbstractSet[date]) -> int:
    """Counted days in the longest run ever: it depends on the days alone, not on today,
    so the totals keep it (:mod:`storage.tally`) rather than walk every day on each read."""
    return max((size for _, _, size in _runs(counted, rest)), default=0)


def run_through(counted: Container[int], rest: Container[int], day: int) -> int:
    """Counted days in the run that day number ``day`` (an ordinal) belongs to: every
    neighbouring day, either way, that is counted or rest, until one is neither.

    Adding one counted or rest day changes only that run (it may join two), so the longest
    run after adding ``day`` is the greater of the longest before and this.
    """
    size = 0
    for step in (-1, 1):
        other = day if step == -1 else day + 1
        while True:
            if other in counted:
                size += 1
            elif other not in rest:
                break
            other += step
    return size


def streak(
    counted: AbstractSet[date],
    rest: AbstractSet[date],
    today: date,
    longest: int | None = None,
) -> Streak:
    """The current and longest runs and the recent counts.

    Days after ``today`` (a clock moved backward, say) still count for the longest run but
    never for the current one. The current run is alive when its last counted day is today
    or yesterday, or when only rest days lie between it and today.

    The current run is found by walking back from today, so it costs its own length, not
    the years before it. ``longest`` is :func:`longest_run` of the same days when the
    caller has it already (the totals keep it); otherwise every run is walked for it.
    """
    return Streak(
        current=_current_run(counted, rest, today),
        longest=longest_run(counted, rest) if longest is None else longest,
        last_7=count_in_window(counted, today, 7),
        last_30=count_in_window(counted, today, 30),
    )


def _current_run(counted: AbstractSet[date], rest: AbstractSet[date], today: date) -> int:
    """Counted days in the run still alive on ``today``; 0 when none is."""
    if not counted:
        return 0
    end = today
    if end not in counted:
        end = today - ONE_DAY  # yesterday may end the run; before it, only rest days may lie
        while end not in counted:
            if end not in rest:
                return 0
            end -= ONE_DAY
    size = 0
    day = end
    while True:
        if day in counted:
            size += 1
        elif day not in rest:
            return size
        day -= ONE_DAY


def kinds_streak(
    entries: Iterable[Entry],
    kinds: Iterable[str],
    today: date,
    day_starts_at: time = DEFAULT_DAY_STARTS_AT,
) -> Streak:
    """The streak of days with an entry of ``kinds``, stepping over rest days."""
    items = list(entries)
    return streak(
        days_of(items, kinds, day_starts_at), days_of(items, {"rest"}, day_starts_at), today
    )


def connection_streak(
    entries: Iterable[Entry], today: date, day_starts_at: time = DEFAULT_DAY_STARTS_AT
) -> Streak:
    """The connection streak: days with a reach-out or a let-in."""
    return kinds_streak(entries, CONNECTION_KINDS, today, day_starts_at)


def honest_streak(
    entries: Iterable[Entry], today: date, day_starts_at: time = DEFAULT_DAY_STARTS_AT
) -> Streak:
    """The honesty streak: days with an honest answer."""
    return kinds_streak(entries, HONEST_KINDS, today, day_starts_at)
