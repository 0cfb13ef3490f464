"""The day index and the numbers the front page reads from it: contact, drift, quiet spells.

Everything here is a pure function of the entries, the people, ``today`` and the hour the
day starts: nothing reads the clock and nothing imports Textual. Each function takes either
the entries themselves or a :class:`DayIndex` built from them once; the screens build one
index and ask all their questions of it, because grouping a decade of entries into days is
the only part that costs anything. The review's own numbers (the year calendar, the
windows, mood beside connection, the people) are in :mod:`storage.lookback`, which builds
on this one and is imported only when the review opens.

Entries come oldest first, the way :meth:`storage.store.Store.entries` returns them. "Newest"
means later in that order (the store sorts by time, then id), and "newest first" is that
order reversed; nothing here sorts the entries again.

The words are plain and make no claims about causes: the numbers say what went together,
never what caused what.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from fractions import Fraction

from storage.clock import day_shift
from storage.days import (
    CONNECTION_KINDS,
    HONEST_KINDS,
    ONE_DAY,
    Streak,
    count_in_window,
    longest_run,
    newest_on_or_before,
    streak,
)
from storage.records import Entry, Person, name_key
from storage.reflex import is_reflex

# --------------------------------------------------------------------- constants

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
        "longest",
        "_haystacks",
    )

    def __init__(self, entries: Sequence[Entry], day_starts_at: time) -> None:
        self.day_starts_at = day_starts_at
        self.entries = entries
        # Mappings, not dicts: the totals' index reads them from tables kept by ordinal
        # (storage.tally.OrdinalDayTable), making a date only for a day that is asked for.
        self.connections: Mapping[date, int] = {}
        self.honest_newest: Mapping[date, int] = {}
        self.honest_total: Mapping[date, int] = {}
        self.honest_count: Mapping[date, int] = {}
        self.rest: set[date] = set()
        self.reflex_months: dict[str, int] = {}
        self.expanded_months: dict[str, int] = {}
        self.people: dict[str, PersonFacts] = {}
        self.longest: tuple[int, int] | None = None
        """:meth:`longest_runs`, when known already (the totals keep them); None to work
        them out when asked."""
        self._haystacks: list[str] | None = None

    @classmethod
    def build(cls, entries: Sequence[Entry], day_starts_at: time) -> DayIndex:
        """Group ``entries`` (oldest first) into logical days in one pass."""
        index = cls(entries, day_starts_at)
        # This is storage.clock.logical_day with its shift computed once: that function
        # builds a timedelta per call, which over a decade of entries costs more than all
        # the rest of this loop. tests/test_insights.py checks the two agree.
        shift = day_shift(day_starts_at)
        connections: dict[date, int] = {}
        newest: dict[date, int] = {}
        total: dict[date, int] = {}
        count: dict[date, int] = {}
        index.connections, index.honest_newest = connections, newest
        index.honest_total, index.honest_count = total, count
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

    def counted_days(self) -> tuple[AbstractSet[date], AbstractSet[date]]:
        """The days each streak counts: days with connection, and days with an honest
        answer (the front page, the review and the totals all take them from here)."""
        return self.connections.keys(), self.honest_newest.keys()

    def longest_runs(self) -> tuple[int, int]:
        """The longest runs ever of connection days and of honest days
        (:func:`storage.days.longest_run`); they do not depend on today."""
        if self.longest is not None:
            return self.longest
        connection, honest = self.counted_days()
        return longest_run(connection, self.rest), longest_run(honest, self.rest)

    def streaks(self, today: date) -> tuple[Streak, Streak]:
        """The connection and honest streaks as of ``today``; the longest runs come from
        the totals when the index came from them, so nothing walks every day."""
        connection, honest = self.counted_days()
        known = self.longest or (None, None)
        return (
            streak(connection, self.rest, today, known[0]),
            streak(honest, self.rest, today, known[1]),
        )

    def honest_mean(self, day: date) -> Fraction | None:
        """The mean of the day's honest scores, exactly, or None when it has none."""
        n = self.honest_count.get(day)
        if not n:
            return None
        return Fraction(self.honest_total[day], n)


Source = Sequence[Entry] | DayIndex
"""Entries (oldest first) or a :class:`DayIndex` built from them."""


def as_index(source: Source, day_starts_at: time) -> DayIndex:
    """``source`` as a :class:`DayIndex`: itself when it is one (built for the same day
    start), else one built from the entries."""
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


# --------------------------------------------------------------------- contact


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
    index = as_index(entries, day_starts_at)
    connections = index.connections
    recent_first = today - timedelta(days=DRIFT_RECENT_DAYS - 1)
    earlier_first = recent_first - timedelta(days=DRIFT_EARLIER_DAYS)
    days = connections.keys()  # look-ups of the windows' days, not a walk over the years
    recent = count_in_window(days, today, DRIFT_RECENT_DAYS)
    earlier = count_in_window(days, recent_first - ONE_DAY, DRIFT_EARLIER_DAYS)
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
    last = newest_on_or_before(connections.keys(), today)
    days = None
    if last is not None:
        gap = (today - last).days
        days = gap - sum(1 for d in rest if last < d <= today and d not in connections)
    first = today - timedelta(days=QUIET_WINDOW_DAYS)
    connected = count_in_window(connections.keys(), today - ONE_DAY, QUIET_WINDOW_DAYS)
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
