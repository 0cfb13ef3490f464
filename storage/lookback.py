"""The review's numbers: the year calendar, streak windows, honest scores, mood beside
connection, and everyone's contact history.

Pure functions of the entries (or a :class:`storage.insights.DayIndex` of them), the
people, ``today`` and the hour the day starts, as in :mod:`storage.insights`; only the
review screen asks these questions, so the dashboard's first frame never imports them.
The words are plain and make no claims about causes.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from fractions import Fraction

from storage.clock import MONTH_NAMES, day_shift
from storage.days import ONE_DAY, count_in_window
from storage.insights import PersonFacts, Source, as_index, contact_standing
from storage.phrases import plural
from storage.records import Entry, Person

# --------------------------------------------------------------------- constants

CALENDAR_WEEKS = 53
"""Weeks in the year calendar: 53 so a whole year always fits, whatever weekday it ends on."""

MONTH_ABBR: tuple[str, ...] = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
"""Month labels above the calendar; fixed English, not the locale's, to match the rest."""


SERIES_LENGTHS: frozenset[int] = frozenset({30, 90, 365})
"""The spans the honest-score chart offers, in days."""

MOOD_MIN_DAYS = 3
"""Days with an answer each side of a comparison needs before its average is shown.

Fewer than three is one or two moods, not a pattern; the screen says how many more it needs.
"""


def _round1(value: Fraction) -> float:
    """``value`` to one decimal, halves rounded up (3.25 -> 3.3), from the exact fraction."""
    tenths = math.floor(value * 10 + Fraction(1, 2))
    return tenths / 10


# --------------------------------------------------------------------- calendar


@dataclass(frozen=True, slots=True)
class CalendarDay:
    """One square of the year calendar.

    Attributes:
        day: the logical day.
        connections: reach-outs plus let-ins logged for it.
        honest: the day's newest honest score, or None.
        rest: marked as a rest day.
        in_future: after today (only a clock moved back puts entries there).
    """

    day: date
    connections: int
    honest: int | None
    rest: bool
    in_future: bool

    @property
    def level(self) -> int:
        """The shade of the square, 0 to 4 (see :func:`level`)."""
        return level(self.connections)


@dataclass(frozen=True, slots=True)
class CalendarData:
    """53 weeks of days, Monday to Sunday, ending with the week of ``year_end``.

    Attributes:
        year_end: the day the calendar was asked to end on.
        today: the logical day it was computed on.
        weeks: 53 weeks, oldest first, each 7 days from Monday.
        month_labels: week index -> "Jan"... for each week that holds the 1st of a month.
    """

    year_end: date
    today: date
    weeks: tuple[tuple[CalendarDay, ...], ...]
    month_labels: Mapping[int, str]

    @property
    def first_day(self) -> date:
        """The Monday the calendar starts on."""
        return self.weeks[0][0].day

    @property
    def last_day(self) -> date:
        """The Sunday the calendar ends on."""
        return self.weeks[-1][-1].day

    def rows(self) -> tuple[tuple[CalendarDay, ...], ...]:
        """The same days as 7 rows (the week's first day first) of 53 weeks, the way the
        grid is drawn."""
        return tuple(zip(*self.weeks, strict=True))


def level(count: int) -> int:
    """The shade for a day's connection count: 0, 1, 2, 3-4 and 5+ are levels 0 to 4."""
    if count <= 0:
        return 0
    if count <= 2:
        return count
    if count <= 4:
        return 3
    return 4


def shift_year(day: date, years: int) -> date:
    """The same date ``years`` later (or earlier): 365 or 366 days; 29 February -> the 28th.

    The calendar's ``[`` and ``]`` pass ``shift_year(year_end, -1)`` and ``+1``.
    """
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def calendar(
    entries: Source,
    today: date,
    day_starts_at: time,
    year_end: date | None = None,
    week_starts_on: int = 0,
) -> CalendarData:
    """The year calendar: 53 weeks, each from the person's first day of the week
    (``week_starts_on``, 0 Monday to 6 Sunday), the last one holding ``year_end``
    (default today).

    Days after ``today`` are flagged ``in_future``; their numbers are still filled in (only a
    clock moved backward can put entries there) so nothing logged ever looks lost.
    """
    index = as_index(entries, day_starts_at)
    end = today if year_end is None else year_end
    back = (end.weekday() - week_starts_on) % 7
    first = end - timedelta(days=back, weeks=CALENDAR_WEEKS - 1)
    connections, newest, rest = index.connections, index.honest_newest, index.rest
    weeks: list[tuple[CalendarDay, ...]] = []
    labels: dict[int, str] = {}
    day = first
    for week in range(CALENDAR_WEEKS):
        days: list[CalendarDay] = []
        for _ in range(7):
            if day.day == 1:
                labels[week] = MONTH_ABBR[day.month - 1]
            days.append(
                CalendarDay(
                    day=day,
                    connections=connections.get(day, 0),
                    honest=newest.get(day),
                    rest=day in rest,
                    in_future=day > today,
                )
            )
            day += ONE_DAY
        weeks.append(tuple(days))
    return CalendarData(year_end=end, today=today, weeks=tuple(weeks), month_labels=labels)


# --------------------------------------------------------------------- streaks


@dataclass(frozen=True, slots=True)
class WindowCounts:
    """A streak with counted days in the last week, month and year.

    Attributes:
        current: the run still alive (rest days stepped over), as in :mod:`storage.days`.
        longest: the longest run ever.
        last_7: counted days among the last 7, today included.
        last_30: among the last 30.
        last_365: among the last 365.
    """

    current: int
    longest: int
    last_7: int
    last_30: int
    last_365: int


def streak_windows(entries: Source, today: date, day_starts_at: time) -> dict[str, WindowCounts]:
    """The "connection" and "honest" streaks with their 7, 30 and 365-day counts."""
    index = as_index(entries, day_starts_at)
    result: dict[str, WindowCounts] = {}
    for name, counted, run in zip(
        ("connection", "honest"), index.counted_days(), index.streaks(today), strict=True
    ):
        result[name] = WindowCounts(
            current=run.current,
            longest=run.longest,
            last_7=run.last_7,
            last_30=run.last_30,
            last_365=count_in_window(counted, today, 365),
        )
    return result


# --------------------------------------------------------------------- honest scores


def honest_series(
    entries: Source, today: date, day_starts_at: time, days: int
) -> list[tuple[date, int | None]]:
    """Each of the last ``days`` days (30, 90 or 365) with its newest honest score, oldest first."""
    if days not in SERIES_LENGTHS:
        raise ValueError(f"the honest chart covers 30, 90 or 365 days, not {days}")
    newest = as_index(entries, day_starts_at).honest_newest
    first = today - timedelta(days=days - 1)
    return [(day, newest.get(day)) for day in (first + timedelta(days=i) for i in range(days))]


def reflex_by_month(entries: Source, day_starts_at: time) -> list[tuple[str, int, int]]:
    """Answers that began as a reflex ("fine", "ok", "not bad") per month of their logical
    day, oldest first: ("2026-03", 9, 4) is 9 quick first answers in March 2026, 4 of them
    saved with more words (the person added to them).

    Months without any are left out.
    """
    index = as_index(entries, day_starts_at)
    expanded = index.expanded_months
    return [(month, n, expanded.get(month, 0)) for month, n in sorted(index.reflex_months.items())]


REFLEX_EXAMPLES = "('fine', 'ok'…)"
"""What a quick first answer is, in the reflex sentence: the two most common of them."""


def reflex_sentence(months: Sequence[tuple[str, int, int]]) -> str | None:
    """The months from :func:`reflex_by_month` in plain words, or None when there are none.

    "A quick first answer ('fine', 'ok'…) 9 times in March and 2 in November; you added
    more to 4 of them." Only what happened: a reflex is any of the phrases
    :mod:`storage.reflex` knows, not only "fine", and an answer the person went on to say
    more in is credited, which is what the gentle follow-up asked for. The year is named
    for every month when they span more than one year. To keep it short, pass only the
    last few months.
    """
    counted = [(month, n, more) for month, n, more in months if n > 0]
    if not counted:
        return None
    with_year = len({month[:4] for month, _, _ in counted}) > 1
    parts: list[str] = []
    for i, (month, n, _) in enumerate(counted):
        year, number = month.split("-")
        when = MONTH_NAMES[int(number) - 1] + (f" {year}" if with_year else "")
        if n == 1:
            amount = "once"
        else:
            amount = f"{n} times" if i == 0 else str(n)
        parts.append(f"{amount} in {when}")
    if len(parts) == 1:
        listed = parts[0]
    else:
        listed = ", ".join(parts[:-1]) + " and " + parts[-1]
    quick = sum(n for _, n, _ in counted)
    more = sum(m for _, _, m in counted)
    if more == 0:
        added = ""
    elif quick == 1:
        added = "; you added more to it"
    elif more == quick:
        added = "; you added more to both" if quick == 2 else f"; you added more to all {quick}"
    else:
        added = f"; you added more to {more} of them"
    return f"A quick first answer {REFLEX_EXAMPLES} {listed}{added}."


# --------------------------------------------------------------------- connection and mood


@dataclass(frozen=True, slots=True)
class MoodSide:
    """One side of a comparison.

    Attributes:
        days: days with an honest answer on this side.
        average: the mean of those days' scores, rounded to one decimal; None with no days.
    """

    days: int
    average: float | None

    @property
    def more_needed(self) -> int:
        """Days with an answer still needed before this side is shown (0 when enough)."""
        return max(0, MOOD_MIN_DAYS - self.days)


@dataclass(frozen=True, slots=True)
class MoodComparison:
    """Average honest score on some days against the rest.

    Attributes:
        marked: the days asked about (with a connection, or the day after one).
        other: every other day with an answer in the window.
    """

    marked: MoodSide
    other: MoodSide

    @property
    def shown(self) -> bool:
        """Both sides have at least :data:`MOOD_MIN_DAYS` days."""
        return self.marked.more_needed == 0 and self.other.more_needed == 0


@dataclass(frozen=True, slots=True)
class ConnectionMood:
    """How honest scores sat alongside connection over a window of days.

    A day's score is the mean of that day's honest answers (not the newest), so a day with
    a low morning and a better evening counts as both. Only days with an answer count.

    Attributes:
        window_days: how many days, ending today, were looked at.
        same_day: days with a reach-out or let-in against days without.
        day_after: days whose previous day had a connection against the rest (the day
            before the window counts too, so its first day is judged like any other).
    """

    window_days: int
    same_day: MoodComparison
    day_after: MoodComparison

    def sentences(self) -> list[str]:
        """Plain sentences for the screen: the averages, or how many more days are needed."""
        lines: list[str] = []
        same, after = self.same_day, self.day_after
        if same.shown:
            lines.append(
                f"On days you reached out your score averaged {same.marked.average}; "
                f"on other days {same.other.average} "
                f"({plural(same.marked.days, 'day')} you reached out, "
                f"{plural(same.other.days, 'other day')})."
            )
        else:
            lines.append(
                "Comparing days you reached out with other days needs "
                + _needs(
                    same,
                    "on days you reached out",
                    "on days without a connection",
                )
                + "."
            )
        if after.shown:
            subject = "it" if same.shown else "your score"
            lines.append(
                f"The day after reaching out {subject} averaged {after.marked.average}; "
                f"other days {after.other.average} "
                f"({plural(after.marked.days, 'day')} after reaching out, "
                f"{plural(after.other.days, 'other day')})."
            )
        else:
            lines.append(
                "Comparing the day after reaching out with other days needs "
                + _needs(after, "on the day after reaching out", "on other days")
                + "."
            )
        return lines


def _needs(comparison: MoodComparison, marked: str, other: str) -> str:
    parts = [
        f"{plural(side.more_needed, 'more day', 'more days')} with an answer {words}"
        for side, words in ((comparison.marked, marked), (comparison.other, other))
        if side.more_needed
    ]
    return " and ".join(parts)


def _side(means: list[Fraction]) -> MoodSide:
    if not means:
        return MoodSide(days=0, average=None)
    return MoodSide(days=len(means), average=_round1(sum(means, Fraction(0)) / len(means)))


def connection_mood(entries: Source, today: date, day_starts_at: time, days: int) -> ConnectionMood:
    """Average honest scores on connection days against other days, over the last ``days``."""
    if days < 1:
        raise ValueError("the window needs at least one day")
    index = as_index(entries, day_starts_at)
    connections = index.connections
    with_conn: list[Fraction] = []
    without: list[Fraction] = []
    after: list[Fraction] = []
    not_after: list[Fraction] = []
    first = today - timedelta(days=days - 1)
    for i in range(days):
        day = first + timedelta(days=i)
        mean = index.honest_mean(day)
        if mean is None:
            continue
        (with_conn if day in connections else without).append(mean)
        (after if day - ONE_DAY in connections else not_after).append(mean)
    return ConnectionMood(
        window_days=days,
        same_day=MoodComparison(_side(with_conn), _side(without)),
        day_after=MoodComparison(_side(after), _side(not_after)),
    )


# --------------------------------------------------------------------- people


@dataclass(frozen=True, slots=True)
class PersonReview:
    """One person on the review screen.

    Attributes:
        person: the record.
        last_contact: the newest reach-out to them or let-in with them, if any.
        days_since: logical days since then (0 is today), or None.
        reached_30: reach-outs to them in the last 30 days, today included.
        reached_365: reach-outs to them in the last 365 days, today included.
        cadence_days: how often they want to be in touch, or None.
        overdue: they have a cadence and it has been longer than that.
        days_over: days past the cadence (0 when not overdue).
        let_in: let-in entries naming them, all time.
        resting: a rest from them covers today (never overdue then).
    """

    person: Person
    last_contact: Entry | None
    days_since: int | None
    reached_30: int
    reached_365: int
    cadence_days: int | None
    overdue: bool
    days_over: int
    let_in: int
    resting: bool = False


def people_review(
    entries: Source, people: Sequence[Person], today: date, day_starts_at: time
) -> list[PersonReview]:
    """Everyone with their contact history, sorted by name (any case)."""
    index = as_index(entries, day_starts_at)
    shift = day_shift(day_starts_at)
    empty = PersonFacts()
    reviews: list[PersonReview] = []
    for person in sorted(people, key=lambda p: p.key):
        facts = index.people.get(person.key, empty)
        last = facts.last_contact
        since, over = contact_standing(person, last, today, shift)
        reviews.append(
            PersonReview(
                person=person,
                last_contact=last,
                days_since=since,
                reached_30=_count_between(facts.reach_days, today, 30),
                reached_365=_count_between(facts.reach_days, today, 365),
                cadence_days=person.cadence_days,
                overdue=over > 0,
                days_over=over,
                let_in=facts.let_ins,
                resting=person.rests_on(today),
            )
        )
    return reviews


def _count_between(sorted_days: list[date], today: date, days: int) -> int:
    first = today - timedelta(days=days - 1)
    return bisect_right(sorted_days, today) - bisect_left(sorted_days, first)
