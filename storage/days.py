"""Days and streaks: pure functions over entries, the logical day and today.

A connection day has at least one ``reach`` or ``letin``; an honest day at least one
``honest``. A rest day the person chose neither counts nor breaks a run: it is simply
stepped over. Nothing here reads the clock; ``today`` always comes in.
"""

from __future__ import annotations

from collections.abc import Iterable
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


def _runs(counted: set[date], rest: set[date]) -> list[tuple[date, date, int]]:
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


def _bridged(earlier: date, later: date, rest: set[date]) -> bool:
    """Whether every day strictly between two counted days is a rest day."""
    day = earlier + ONE_DAY
    while day < later:
        if day not in rest:
            return False
        day += ONE_DAY
    return True


def streak(counted: set[date], rest: set[date], today: date) -> Streak:
    """The current and longest runs and the recent counts.

    Days after ``today`` (a clock moved backward, say) still count for the longest run but
    never for the current one. The current run is alive when its last counted day is today
    or yesterday, or when only rest days lie between it and today.
    """
    runs = _runs(counted, rest)
    longest = max((size for _, _, size in runs), default=0)
    current = 0
    last_run: tuple[date, date, int] | None = runs[-1] if runs else None
    if last_run is not None and last_run[1] > today:  # a day after today: only the past's
        past_runs = _runs({d for d in counted if d <= today}, rest)
        last_run = past_runs[-1] if past_runs else None
    if last_run is not None:
        _, end, size = last_run
        # Alive if yesterday (or today) is the end, or only rest days sit in between.
        if end >= today - ONE_DAY or _bridged(end, today, rest):
            current = size
    return Streak(
        current=current,
        longest=longest,
        last_7=count_in_window(counted, today, 7),
        last_30=count_in_window(counted, today, 30),
    )


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
