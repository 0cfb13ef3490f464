"""What the dashboard and ``leanon status`` show, computed once from the store.

Pure questions asked of the records: no Textual, no clock but the store's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from storage.clock import logical_day
from storage.days import Streak, connection_streak, honest_streak
from storage.records import Entry
from storage.store import PersonStatus, Store
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


def summarize(store: Store) -> Summary:
    """Compute the summary of ``store`` as of its clock's now."""
    now = store.now()
    today = store.day_of(now)
    starts = store.settings.day_starts_at
    entries = store.entries()
    people = tuple(store.people_status())
    overdue = tuple(s for s in people if s.overdue)

    first_spark_day = today - timedelta(days=SPARK_DAYS - 1)
    scores: dict[date, int] = {}
    today_entries: list[Entry] = []
    last_reach: Entry | None = None
    for e in entries:
        day = logical_day(e.at, starts)
        if e.kind == "reach":
            last_reach = e
        if e.kind == "honest" and e.score is not None and first_spark_day <= day <= today:
            scores[day] = e.score
        if day == today:
            today_entries.append(e)
    today_honest = next((e for e in reversed(today_entries) if e.kind == "honest"), None)
    suggestion = choose_suggestion(
        day=today,
        seed=0,
        own=store.settings.own_suggestions,
        honest_score=today_honest.score if today_honest else None,
        trusted=[p.name for p in store.people() if p.trusted],
        overdue=[s.person.name for s in overdue],
        skip=store.suggestion_skip(),
    )
    return Summary(
        now=now,
        today=today,
        last_reach=last_reach,
        connection=connection_streak(entries, today, starts),
        honest=honest_streak(entries, today, starts),
        today_honest=today_honest,
        honest_by_day=tuple(
            scores.get(first_spark_day + timedelta(days=i)) for i in range(SPARK_DAYS)
        ),
        people=people,
        overdue=overdue,
        today_belong=tuple(e for e in today_entries if e.kind == "belong"),
        today_entries=tuple(today_entries),
        counts=store.counts(),
        suggestion=suggestion,
    )
