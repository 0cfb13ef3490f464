"""The numbers behind the review screen: a year of days, streaks, scores, people, moments.

Everything here is a pure function of the entries, the people, ``today`` and the hour the
day starts: nothing reads the clock and nothing imports Textual. Each function takes either
the entries themselves or a :class:`DayIndex` built from them once; the review screen builds
one index and asks all its questions of it, because grouping a decade of entries into days is
the only part that costs anything.

Entries come oldest first, the way :meth:`storage.store.Store.entries` returns them. "Newest"
means later in that order (the store sorts by time, then id), and "newest first" is that
order reversed; nothing here sorts the entries again.

The words are plain and make no claims about causes: the numbers say what went together,
never what caused what.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from fractions import Fraction

from storage.clock import MONTH_NAMES, day_shift
from storage.days import CONNECTION_KINDS, HONEST_KINDS, count_in_window, streak
from storage.phrases import plural
from storage.records import Entry, Person, name_key
from storage.reflex import is_reflex

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

DRIFT_RECENT_DAYS = 14
"""The drift note looks at the last two weeks, today included..."""

DRIFT_EARLIER_DAYS = 90
"""...against the person's own rate in the 90 days before them (days 15 to 104 back)."""

DRIFT_RATE_FRACTION = Fraction(1, 2)
"""Recent connection days per day must fall below this share of the earlier rate."""

DRIFT_MIN_SCORED_DAYS = 4
"""Days with an honest answer the recent window needs before a trend is read from it.

Two or three points make any line look steep; four is the least that says anything.
"""

DRIFT_SLOPE_BELOW = Fraction(0)
"""The trend of the daily scores (points per day, least squares) must be below this.

Zero: any downward trend counts, a flat or rising one never does. The rate rule already
asks for a real change, so the score rule only asks which way the answers lean.
"""

DRIFT_DISMISS_DAYS = 7
"""Dismissing the drift note hides it for a week."""

DRIFT_MESSAGE = "Quieter lately."
"""What the drift note says: what the numbers show, without alarm or blame. Short, so the
note and its hint fit one line of an 80-column terminal."""

DRIFT_SUGGESTION = "A short hello to someone you trust is plenty."
"""The one small thing the drift note offers."""

ONE_DAY = timedelta(days=1)


# --------------------------------------------------------------------- the day index


@dataclass(slots=True)
class PersonFacts:
    """What the entries say about one person (matched by :func:`name_key`).

    Attributes:
        reach_days: the logical day of every reach-out to them, in order.
        let_ins: let-in entries naming them, all time.
        last_contact: the newest reach-out to them or let-in with them.
    """

    reach_days: list[date] = field(default_factory=list)
    let_ins: int = 0
    last_contact: Entry | None = None


class DayIndex:
    """Entries grouped by logical day, built once and asked many questions.

    Every function in this module accepts a ``DayIndex`` wherever it accepts entries, so
    the review screen pays for one pass over the entries instead of one per number.

    Attributes:
        day_starts_at: the hour days start at when this index was built.
        entries: the entries, oldest first, exactly as given.
        connections: reach-outs plus let-ins on each day that has any.
        honest_newest: the newest honest score of each day that has one.
        honest_total: the sum of each day's honest scores.
        honest_count: how many honest answers each day has.
        rest: the days marked as rest days.
        reflex_months: answers whose first words were a reflex ("fine"), per month of their
            logical day ("2026-03").
        expanded_months: of those, the answers saved with more than the reflex (the person
            added to it after the follow-up, or in an edit), per month.
        people: facts per person, keyed by :func:`name_key`.
    """

    __slots__ = (
        "day_starts_at",
        "entries",
        "connections",
        "honest_newest",
        "honest_total",
        "honest_count",
        "rest",
        "reflex_months",
        "expanded_months",
        "people",
        "_haystacks",
    )

    def __init__(self, entries: Sequence[Entry], day_starts_at: time) -> None:
        self.day_starts_at = day_starts_at
        self.entries = entries
        self.connections: dict[date, int] = {}
        self.honest_newest: dict[date, int] = {}
        self.honest_total: dict[date, int] = {}
        self.honest_count: dict[date, int] = {}
        self.rest: set[date] = set()
        self.reflex_months: dict[str, int] = {}
        self.expanded_months: dict[str, int] = {}
        self.people: dict[str, PersonFacts] = {}
        self._haystacks: list[str] | None = None

    @classmethod
    def build(cls, entries: Sequence[Entry], day_starts_at: time) -> DayIndex:
        """Group ``entries`` (oldest first) into logical days in one pass."""
        index = cls(entries, day_starts_at)
        # This is storage.clock.logical_day with its shift computed once: that function
        # builds a timedelta per call, which over a decade of entries costs more than all
        # the rest of this loop. tests/test_insights.py checks the two agree.
        shift = day_shift(day_starts_at)
        connections = index.connections
        newest = index.honest_newest
        total = index.honest_total
        count = index.honest_count
        reflex = index.reflex_months
        expanded = index.expanded_months
        people = index.people
        keys: dict[str, str] = {}
        for e in entries:
            kind = e.kind
            if kind in CONNECTION_KINDS:
                day = (e.at - shift).date()
                connections[day] = connections.get(day, 0) + 1
                who = e.who
                if who:
                    key = keys.get(who)
                    if key is None:
                        key = keys[who] = name_key(who)
                    facts = people.get(key)
                    if facts is None:
                        facts = people[key] = PersonFacts()
                    facts.last_contact = e
                    if kind == "reach":
                        facts.reach_days.append(day)
                    elif kind == "letin":
                        facts.let_ins += 1
            elif kind in HONEST_KINDS:
                score = e.score
                if score is None:
                    continue
                day = (e.at - shift).date()
                newest[day] = score
                total[day] = total.get(day, 0) + score
                count[day] = count.get(day, 0) + 1
                if e.reflex:
                    month = f"{day.year:04d}-{day.month:02d}"
                    reflex[month] = reflex.get(month, 0) + 1
                    if e.text and not is_reflex(e.text):
                        expanded[month] = expanded.get(month, 0) + 1
            elif kind == "rest":
                index.rest.add((e.at - shift).date())
        for facts in people.values():
            facts.reach_days.sort()
        return index

    def haystacks(self) -> list[str]:
        """Each entry's searchable words, casefolded, in entry order (made on first search)."""
        if self._haystacks is None:
            self._haystacks = [_haystack(e) for e in self.entries]
        return self._haystacks

    def honest_mean(self, day: date) -> Fraction | None:
        """The mean of the day's honest scores, exactly, or None when it has none."""
        n = self.honest_count.get(day)
        if not n:
            return None
        return Fraction(self.honest_total[day], n)


Source = Sequence[Entry] | DayIndex
"""Entries (oldest first) or a :class:`DayIndex` built from them."""


def _index(source: Source, day_starts_at: time) -> DayIndex:
    if isinstance(source, DayIndex):
        if source.day_starts_at != day_starts_at:
            raise ValueError(
                f"this DayIndex was built for days starting at {source.day_starts_at}, "
                f"not {day_starts_at}"
            )
        return source
    return DayIndex.build(source, day_starts_at)


def _entries(source: Source) -> Sequence[Entry]:
    return source.entries if isinstance(source, DayIndex) else source


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
    index = _index(entries, day_starts_at)
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
    index = _index(entries, day_starts_at)
    result: dict[str, WindowCounts] = {}
    for name, counted in (
        ("connection", set(index.connections)),
        ("honest", set(index.honest_count)),
    ):
        run = streak(counted, index.rest, today)
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
    newest = _index(entries, day_starts_at).honest_newest
    first = today - timedelta(days=days - 1)
    return [(day, newest.get(day)) for day in (first + timedelta(days=i) for i in range(days))]


def reflex_by_month(entries: Source, day_starts_at: time) -> list[tuple[str, int, int]]:
    """Answers that began as a reflex ("fine", "ok", "not bad") per month of their logical
    day, oldest first: ("2026-03", 9, 4) is 9 quick first answers in March 2026, 4 of them
    saved with more words (the person added to them).

    Months without any are left out.
    """
    index = _index(entries, day_starts_at)
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
    index = _index(entries, day_starts_at)
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


def contact_standing(
    person: Person, last: Entry | None, today: date, shift: timedelta
) -> tuple[int | None, int]:
    """How contact with ``person`` stands on ``today``: logical days since ``last`` (None
    when never in touch) and days past their rhythm (0 when within it, or without one).

    ``shift`` is :func:`storage.clock.day_shift` of the day start. The one definition, for
    the dashboard, ``leanon people``, the nudge and the review alike. While a rest from
    them covers ``today`` (:meth:`Person.rests_on`) they are never past it; the day after
    its last day they are measured as before, with nothing written.
    """
    since = None if last is None else (today - (last.at - shift).date()).days
    over = 0
    if (
        person.cadence_days
        and since is not None
        and since > person.cadence_days
        and not person.rests_on(today)
    ):
        over = since - person.cadence_days
    return since, over


def people_review(
    entries: Source, people: Sequence[Person], today: date, day_starts_at: time
) -> list[PersonReview]:
    """Everyone with their contact history, sorted by name (any case)."""
    index = _index(entries, day_starts_at)
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


# --------------------------------------------------------------------- moments and history


def moments(entries: Source) -> list[Entry]:
    """Belonging moments and times they let someone in, newest first."""
    return [e for e in reversed(_entries(entries)) if e.kind == "belong" or e.kind == "letin"]


def history(entries: Source, kinds: Collection[str] | None, text: str) -> list[Entry]:
    """Entries newest first, of ``kinds`` (None for all) whose who, via, note or text
    contains ``text`` in any case (blank text matches everything)."""
    items = _entries(entries)
    wanted = None if kinds is None else frozenset(kinds)
    needle = text.strip().casefold()
    if not needle:
        return [e for e in reversed(items) if wanted is None or e.kind in wanted]
    hay = entries.haystacks() if isinstance(entries, DayIndex) else None
    found: list[Entry] = []
    for i in range(len(items) - 1, -1, -1):
        e = items[i]
        if wanted is not None and e.kind not in wanted:
            continue
        if needle in (hay[i] if hay is not None else _haystack(e)):
            found.append(e)
    return found


def _haystack(e: Entry) -> str:
    # The unit separator keeps a search from matching across two fields.
    return "\x1f".join(v for v in (e.who, e.via, e.note, e.text) if v).casefold()


# --------------------------------------------------------------------- drift


@dataclass(frozen=True, slots=True)
class DriftNote:
    """A quiet note that the last two weeks look different from before.

    Attributes:
        message: one calm line about what the numbers show.
        suggestion: one tiny thing to do, if they like.
        recent_days: connection days in the last 14 days.
        earlier_days: connection days in the 90 days before those.
        slope: the trend of the daily scores over the last 14 days, points per day.
    """

    message: str
    suggestion: str
    recent_days: int
    earlier_days: int
    slope: float


def drift(entries: Source, today: date, day_starts_at: time) -> DriftNote | None:
    """The drift note, or None when things look as usual (or there is no history yet).

    Shown when both hold:

    * connection days per day over the last 14 days fall below half the rate of the 90
      days before (days 15 to 104 back): ``c14 / 14 < 0.5 * c90 / 90``, where rest days
      the person chose are left out of both day counts;
    * the daily honest scores of the last 14 days (each day's newest, as the chart shows
      them) trend down: least-squares slope below :data:`DRIFT_SLOPE_BELOW`, read from
      at least :data:`DRIFT_MIN_SCORED_DAYS` days with an answer.

    No connection day in the earlier 90 days (someone new) means no note.
    """
    index = _index(entries, day_starts_at)
    connections = index.connections
    recent_first = today - timedelta(days=DRIFT_RECENT_DAYS - 1)
    earlier_first = recent_first - timedelta(days=DRIFT_EARLIER_DAYS)
    recent = sum(1 for d in connections if recent_first <= d <= today)
    earlier = sum(1 for d in connections if earlier_first <= d < recent_first)
    if earlier == 0:
        return None
    # A rest day the person chose neither counts nor weighs against them: each window's
    # rate is per day that was not a rest day (a rest day with a connection still counts).
    resting = {d for d in index.rest if d not in connections}
    recent_days = DRIFT_RECENT_DAYS - sum(1 for d in resting if recent_first <= d <= today)
    earlier_days = DRIFT_EARLIER_DAYS - sum(1 for d in resting if earlier_first <= d < recent_first)
    if recent_days == 0 or earlier_days == 0:
        return None
    # recent / recent_days < fraction * earlier / earlier_days, in exact arithmetic.
    if not Fraction(recent, recent_days) < DRIFT_RATE_FRACTION * Fraction(earlier, earlier_days):
        return None
    points = [
        (i, score)
        for i in range(DRIFT_RECENT_DAYS)
        if (score := index.honest_newest.get(recent_first + timedelta(days=i))) is not None
    ]
    slope = least_squares_slope(points)
    if slope is None or len(points) < DRIFT_MIN_SCORED_DAYS or not slope < DRIFT_SLOPE_BELOW:
        return None
    return DriftNote(
        message=DRIFT_MESSAGE,
        suggestion=DRIFT_SUGGESTION,
        recent_days=recent,
        earlier_days=earlier,
        slope=float(slope),
    )


def least_squares_slope(points: Sequence[tuple[int, int]]) -> Fraction | None:
    """The exact least-squares slope of (x, y) points; None with fewer than two distinct x."""
    n = len(points)
    sx = sum(x for x, _ in points)
    sy = sum(y for _, y in points)
    sxx = sum(x * x for x, _ in points)
    sxy = sum(x * y for x, y in points)
    spread = n * sxx - sx * sx
    if spread == 0:
        return None
    return Fraction(n * sxy - sx * sy, spread)


QUIET_WINDOW_DAYS = 90
"""How far back :func:`quiet_spell` looks for the person's own usual rate of connection."""


@dataclass(frozen=True, slots=True)
class QuietSpell:
    """How long it has been since a day with connection, beside the person's own rhythm.

    Rest days the person chose are left out of every count, as in :func:`drift`.

    Attributes:
        days: days since the newest day with a reach-out or a let-in (today counts; 0
            when today has one), or None before the first.
        connection_days: days with connection among the :data:`QUIET_WINDOW_DAYS` before
            today.
        open_days: the days of that window that were not rest days.
    """

    days: int | None
    connection_days: int
    open_days: int


def quiet_spell(index: DayIndex, today: date) -> QuietSpell:
    """How quiet things have been lately, against the 90 days before today."""
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


def drift_visible(note: DriftNote | None, dismissed_until: str | None, today: date) -> bool:
    """Whether to show ``note``: there is one, and it is not dismissed (or the week is over).

    ``dismissed_until`` is the ISO date from :func:`drift_dismissed_until`; an unreadable
    value is ignored rather than hiding the note for good.
    """
    if note is None:
        return False
    if not dismissed_until:
        return True
    try:
        until = date.fromisoformat(dismissed_until)
    except ValueError:
        return True
    return today >= until


def drift_dismissed_until(today: date) -> str:
    """The ISO date to store when the note is dismissed today: a week from now."""
    return (today + timedelta(days=DRIFT_DISMISS_DAYS)).isoformat()
