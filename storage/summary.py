"""What the dashboard and ``leanon status`` show, computed once from the records.

Pure questions asked of the records: no Textual, no Store; the moment comes in as ``now``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from storage.birthdays import Birthday, birthdays_soon
from storage.clock import DEFAULT_DAY_STARTS_AT, day_shift, logical_day
from storage.days import CONNECTION_KINDS, HONEST_KINDS, Streak
from storage.insights import (
    DayIndex,
    DriftNote,
    PersonFacts,
    QuietSpell,
    contact_standing,
    drift,
    drift_visible,
    quiet_spell,
)
from storage.records import Entry, Person, PersonStatus, Settings, name_key
from storage.suggest import ChosenSuggestion, choose_suggestion

SPARK_DAYS = 30
"""How many days the honest-answer sparkline covers."""


@dataclass(frozen=True, slots=True)
class Summary:
    """Everything the front page needs, as of one moment.

    Attributes:
        now: the moment it was computed.
        today: the logical day.
        last_reach: the newest reach-out, if any.
        connection: the connection streak.
        honest: the honesty streak.
        today_honest: today's newest honest answer, if any.
        honest_by_day: the day's newest score for each of the last 30 days, oldest first.
        people: every person with their contact status, most overdue first.
        overdue: the overdue ones among them.
        today_belong: today's belonging moments, oldest first.
        today_entries: everything logged today, oldest first.
        counts: entries of each kind.
        suggestion: today's let-someone-in suggestion.
        drift: the quiet note that the last two weeks look different, or None when there
            is none or the person hid it for the week (``storage.insights.drift``).
        day_starts_at: when the person's day starts, for saying how long ago things were.
        quiet: days since the last day with connection, and the person's usual rate
            (``storage.insights.quiet_spell``).
        rest_today: today is a rest day the person chose.
        show_streaks: the person wants runs of days shown (off: nothing says "in a row").
        bar_names: status bars name people without being asked (``names_in_bars``).
        birthdays: the birthdays from today to :data:`storage.birthdays.AHEAD_DAYS` days
            ahead, soonest first.
    """

    now: datetime
    today: date
    last_reach: Entry | None
    connection: Streak
    honest: Streak
    today_honest: Entry | None
    honest_by_day: tuple[int | None, ...]
    people: tuple[PersonStatus, ...]
    overdue: tuple[PersonStatus, ...]
    today_belong: tuple[Entry, ...]
    today_entries: tuple[Entry, ...]
    counts: dict[str, int]
    suggestion: ChosenSuggestion
    drift: DriftNote | None
    day_starts_at: time = DEFAULT_DAY_STARTS_AT
    quiet: QuietSpell = QuietSpell(None, 0, 0)
    rest_today: bool = False
    show_streaks: bool = True
    bar_names: bool = False
    birthdays: tuple[Birthday, ...] = ()


def summarize(
    *,
    now: datetime,
    settings: Settings,
    index: DayIndex,
    people: Sequence[PersonStatus],
    last_reach: Entry | None,
    counts: dict[str, int],
    suggestion_skip: int = 0,
) -> Summary:
    """The front page as of ``now``, from the records (``Store.summary`` gathers them).

    Works from the day index (built once per change), and walks only the newest entries
    for today's, so it stays quick on a decade of data.

    Args:
        now: the moment.
        settings: the person's settings.
        index: the entries by logical day.
        people: every person with their contact status, most overdue first.
        last_reach: the newest reach-out, if any.
        counts: entries of each kind.
        suggestion_skip: how many times today the person asked for another idea.
    """
    starts = settings.day_starts_at
    today = logical_day(now, starts)
    entries = index.entries
    people = tuple(people)
    overdue = tuple(s for s in people if s.overdue)

    today_entries: list[Entry] = []
    # Entries are oldest first by instant; a wall-clock day can straddle a change of offset,
    # so walk back until two days before today rather than stopping at the first older one.
    for e in reversed(entries):
        day = logical_day(e.at, starts)
        if day < today - timedelta(days=2):
            break
        if day == today:
            today_entries.append(e)
    today_entries.reverse()
    today_honest = next((e for e in reversed(today_entries) if e.kind in HONEST_KINDS), None)
    first_spark_day = today - timedelta(days=SPARK_DAYS - 1)
    suggestion = choose_suggestion(
        day=today,
        seed=0,
        own=settings.own_suggestions,
        hidden=settings.hidden_suggestions,
        honest_score=idea_score(today_entries, index, today),
        # Someone the person is resting from is never named in an idea.
        trusted=[s.person.name for s in people if s.person.trusted and not s.resting],
        others=[s.person.name for s in people if not s.person.trusted and not s.resting],
        skip=suggestion_skip,
    )
    note = drift(index, today, starts)  # counts over the index's days, not its entries
    connection, honest = index.streaks(today)
    return Summary(
        now=now,
        today=today,
        last_reach=last_reach,
        connection=connection,
        honest=honest,
        today_honest=today_honest,
        honest_by_day=tuple(
            index.honest_newest.get(first_spark_day + timedelta(days=i)) for i in range(SPARK_DAYS)
        ),
        people=people,
        overdue=overdue,
        today_belong=tuple(e for e in today_entries if e.kind == "belong"),
        today_entries=tuple(today_entries),
        counts=counts,
        suggestion=suggestion,
        drift=note if drift_visible(note, settings.drift_dismissed_until, today) else None,
        day_starts_at=starts,
        quiet=quiet_spell(index, today),
        rest_today=today in index.rest,
        show_streaks=settings.show_streaks,
        bar_names=settings.bar_names,
        birthdays=birthdays_soon((s.person for s in people), today),
    )


def people_status(
    people: Iterable[Person], facts: Mapping[str, PersonFacts], today: date, settings: Settings
) -> list[PersonStatus]:
    """Each person with their last contact and whether they are past their rhythm, most
    overdue first, then those not in touch for longest (never in touch last of all).

    Args:
        people: everyone.
        facts: what the day index knows of each person, by :func:`name_key`.
        today: the logical day.
        settings: the person's settings (for the day start).
    """
    shift = day_shift(settings.day_starts_at)
    statuses = []
    for person in people:
        known = facts.get(person.key)
        contact = known.last_contact if known else None
        since, over = contact_standing(person, contact, today, shift)
        statuses.append(
            PersonStatus(person, contact, since, over > 0, over, person.rests_on(today))
        )
    statuses.sort(key=_order)
    return statuses


def suggestion_skip(settings: Settings, today: date) -> int:
    """How many times on ``today`` the person asked for another idea (0 on a new day)."""
    return settings.suggestion_skip if settings.suggestion_day == today.isoformat() else 0


LOW_LOOKBACK_DAYS = 14
"""With no answer yet today, how far back the latest answer still sets the idea's size."""


def idea_score(today_entries: Sequence[Entry], index: DayIndex, today: date) -> int | None:
    """The honest score the day's idea is sized by: today's lowest, so one low answer keeps
    the ideas tiny for the rest of the day; with none yet today, the latest of the last
    :data:`LOW_LOOKBACK_DAYS` days (a hard yesterday does not start today with a big step)."""
    scores = [e.score for e in today_entries if e.kind in HONEST_KINDS and e.score is not None]
    if scores:
        return min(scores)
    for back in range(1, LOW_LOOKBACK_DAYS + 1):
        score = index.honest_newest.get(today - timedelta(days=back))
        if score is not None:
            return score
    return None


def with_logged(summary: Summary, entry: Entry) -> Summary:
    """``summary`` as it will read once ``entry``, logged just now (today), is saved.

    The dashboard shows this the moment a form is saved, while the save runs behind it;
    the summary read after the save then replaces it. It covers what a new entry changes
    at once: the last reach-out, that person's last contact (no longer overdue), today's
    entries, answer and moments, the 30-day chart's today, and the counts. The streaks and
    the suggestion wait for the real summary.
    """
    people = summary.people
    if entry.who and entry.kind in CONNECTION_KINDS:
        key = name_key(entry.who)
        known = next((s for s in people if s.person.key == key), None)
        person = known.person if known else Person(entry.who)
        entry = replace(entry, who=person.name)  # a known name keeps its spelling, as saved
        contact = PersonStatus(person, entry, 0, False, 0, known.resting if known else False)
        people = tuple(sorted((*(s for s in people if s is not known), contact), key=_order))
    today_entries = (*summary.today_entries, entry)
    honest = entry.kind in HONEST_KINDS and entry.score is not None
    return replace(
        summary,
        last_reach=entry if entry.kind == "reach" else summary.last_reach,
        today_honest=entry if honest else summary.today_honest,
        honest_by_day=(*summary.honest_by_day[:-1], entry.score)
        if honest and summary.honest_by_day
        else summary.honest_by_day,
        people=people,
        overdue=tuple(s for s in people if s.overdue),
        today_belong=tuple(e for e in today_entries if e.kind == "belong"),
        today_entries=today_entries,
        counts={**summary.counts, entry.kind: summary.counts.get(entry.kind, 0) + 1},
        quiet=replace(summary.quiet, days=0) if entry.kind in CONNECTION_KINDS else summary.quiet,
        rest_today=summary.rest_today or entry.kind == "rest",
    )


def _order(status: PersonStatus) -> tuple[int, bool, int, str]:
    """Most overdue first, then longest since, never contacted last."""
    return (
        -status.days_over,
        status.days_since is None,
        -(status.days_since or 0),
        status.person.key,
    )
