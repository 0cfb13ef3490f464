"""The totals' facts made from a store, and records made back from them.

:mod:`storage.totals` keeps the facts beside the data file and checks them against it;
this module says what they are. They are the store's day index without its entries
(:class:`storage.insights.DayIndex`: connections, honest scores and rest days per logical
day, each person's last contact, reach-out days and let-ins), the counts, the people and
settings documents, the newest reach-out, the longest runs of connection and honest days
(:func:`storage.days.longest_run`), and every entry of the last :data:`TAIL_DAYS`
logical days in full. From them :func:`summary_from` computes the same
:class:`storage.summary.Summary` the store does (``tests/test_totals.py`` checks that for
every day it covers), without reading the entries of all the other days.

Days are stored as ordinals (a person's reach-out days packed as machine ints) and
entries as tuples, which load quickly; they are read back as :class:`OrdinalDayTable` and
:class:`OrdinalDays`, which make a date only for a day that is asked for, so a lifetime's
front page costs about what a year's does.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from storage import filesafe, totals
from storage.clock import logical_day
from storage.insights import DayIndex, PersonFacts
from storage.records import Entry, Person, Settings, build_entry
from storage.totals import TAIL_DAYS

if TYPE_CHECKING:
    from storage.store import Store
    from storage.summary import Summary


def _entry_row(e: Entry) -> tuple[Any, ...]:
    return totals.doc_row(e.to_doc())


def _entry(row: Any) -> Entry:
    entry_id, kind, at, who, via, note, score, text, reflex = row
    return build_entry(
        entry_id, kind, datetime.fromisoformat(at), who, via, note, score, text, reflex
    )


def _days(table: Mapping[date, int]) -> dict[int, int]:
    return {day.toordinal(): value for day, value in table.items()}


def make_facts(store: Store) -> dict[str, Any]:
    """The facts of everything ``store`` holds now."""
    from storage.docforms import person_to_doc, settings_to_doc

    settings = store.settings
    index = store.day_index()
    entries = index.entries
    starts = settings.day_starts_at
    newest_day = max((logical_day(e.at, starts) for e in entries[-64:]), default=None)
    tail_from: date | None = None
    tail: list[Entry] = []
    if newest_day is not None:
        # Any entry of the tail's days, whatever its place in the order (an offset change
        # can put a later day before an earlier one): walk back past the tail's first day.
        tail_from = newest_day - timedelta(days=TAIL_DAYS)
        for e in reversed(entries):
            day = logical_day(e.at, starts)
            if day < tail_from - timedelta(days=2):
                break
            if day >= tail_from:
                tail.append(e)
        tail.reverse()
    last_reach = store.last_reach()
    from storage.transfer import export_ready

    documents = store.entry_documents()
    return {
        "settings": settings_to_doc(settings),
        "people": [person_to_doc(p) for p in store.people_records()],
        "counts": store.counts(),
        "connections": _days(index.connections),
        "honest_newest": _days(index.honest_newest),
        "honest_total": _days(index.honest_total),
        "honest_count": _days(index.honest_count),
        "rest": sorted(day.toordinal() for day in index.rest),
        "longest": list(index.longest_runs()),
        "reflex_months": dict(index.reflex_months),
        "expanded_months": dict(index.expanded_months),
        "persons": {
            key: (
                None if facts.last_contact is None else _entry_row(facts.last_contact),
                totals.day_bytes([day.toordinal() for day in facts.reach_days]),
                facts.let_ins,
            )
            for key, facts in index.people.items()
        },
        "last_reach": None if last_reach is None else _entry_row(last_reach),
        "tail_from": None if tail_from is None else tail_from.toordinal(),
        "tail": [_entry_row(e) for e in tail],
        "total": len(entries),
        "newest": entries[-1].at.isoformat() if entries else None,
        "first": entries[0].at.isoformat() if entries else None,
        "export_ready": export_ready(documents),
        "last_doc": [documents[-1]["at"], documents[-1]["id"]] if documents else None,
    }


class OrdinalDays(Sequence[date]):
    """A person's reach-out days, kept as packed ordinals
    (:func:`storage.totals.day_bytes`) and made dates only when asked for.

    A lifetime's facts hold a hundred thousand of them; the dashboard's first screen needs
    none and the review a few (it bisects them), so making them all first would be waste.
    Equal to the list of the same dates.
    """

    __slots__ = ("_days",)

    def __init__(self, days: bytes) -> None:
        self._days = memoryview(days).cast(totals.DAY_CODE)

    def __len__(self) -> int:
        return len(self._days)

    @overload
    def __getitem__(self, i: int) -> date: ...
    @overload
    def __getitem__(self, i: slice) -> list[date]: ...
    def __getitem__(self, i: int | slice) -> date | list[date]:
        if isinstance(i, slice):
            return [date.fromordinal(day) for day in self._days[i].tolist()]
        return date.fromordinal(self._days[i])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, OrdinalDays):
            return self._days == other._days
        if isinstance(other, list):
            return [date.fromordinal(day) for day in self._days] == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"OrdinalDays({len(self._days)} days)"


class OrdinalDayTable(Mapping[date, int]):
    """A day table of the facts (connections, honest scores), kept by ordinal and read by
    date, making a date only for a day that is asked for or walked over.

    A lifetime's tables hold some 12,000 days each; the front page looks up a few dozen
    of them (its windows, the spark line, the runs back from today), so making every day
    a date first would cost more than everything it shows. Equal to the dict of the same
    dates and numbers.
    """

    __slots__ = ("_table",)

    def __init__(self, table: dict[int, int]) -> None:
        self._table = table

    def __getitem__(self, day: date) -> int:
        return self._table[day.toordinal()]

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and day.toordinal() in self._table

    def get(self, day: date, default: Any = None) -> Any:  # no KeyError raised for a miss
        return self._table.get(day.toordinal(), default)

    def __iter__(self) -> Iterator[date]:
        return map(date.fromordinal, self._table)

    def __len__(self) -> int:
        return len(self._table)

    def __repr__(self) -> str:
        return f"OrdinalDayTable({len(self._table)} days)"


@dataclass(frozen=True, slots=True)
class Facts:
    """The facts as records: what :func:`summary_from` and the dashboard's first board need.

    Attributes:
        settings: the person's settings.
        people: everyone, by the key of their name (the file's order).
        index: the day index; its ``entries`` are only the tail's.
        counts: entries of each kind.
        last_reach: the newest reach-out, if any.
        tail_from: the first logical day whose entries are all in ``index.entries``.
        total: how many entries the file holds.
        first_day: the logical day of the first entry ever, or None before there is one.
    """

    settings: Settings
    people: dict[str, Person]
    index: DayIndex
    counts: dict[str, int]
    last_reach: Entry | None
    tail_from: date
    total: int
    first_day: date | None = None

    def covers(self, today: date) -> bool:
        """Whether a summary for ``today`` can be made from these facts alone."""
        return today - timedelta(days=2) >= self.tail_from or self.total == 0


def load_facts(raw: dict[str, Any], path: Path) -> Facts:
    """The records of stored facts.

    Raises:
        ValueError, KeyError, TypeError: the facts are not what :func:`make_facts` makes;
            the caller reads the file instead.
    """
    from storage.docforms import person_from_doc, settings_from_doc

    settings = settings_from_doc(raw["settings"], path)
    people: dict[str, Person] = {}
    for doc in raw["people"]:
        person = person_from_doc(doc, path)
        people[person.key] = person
    tail = [_entry(row) for row in raw["tail"]]
    index = DayIndex(tail, settings.day_starts_at)
    index.connections = OrdinalDayTable(raw["connections"])
    index.honest_newest = OrdinalDayTable(raw["honest_newest"])
    index.honest_total = OrdinalDayTable(raw["honest_total"])
    index.honest_count = OrdinalDayTable(raw["honest_count"])
    index.rest = {date.fromordinal(day) for day in raw["rest"]}
    connection_longest, honest_longest = raw["longest"]
    index.longest = (int(connection_longest), int(honest_longest))
    index.reflex_months = dict(raw["reflex_months"])
    index.expanded_months = dict(raw["expanded_months"])
    for key, (last, days, let_ins) in raw["persons"].items():
        facts = PersonFacts(OrdinalDays(bytes(days)), let_ins)  # type: ignore[arg-type]
        facts.last_contact = None if last is None else _entry(last)
        index.people[key] = facts
    last_reach = raw["last_reach"]
    return Facts(
        settings=settings,
        people=people,
        index=index,
        counts=dict(raw["counts"]),
        last_reach=None if last_reach is None else _entry(last_reach),
        tail_from=date.max if raw["tail_from"] is None else date.fromordinal(raw["tail_from"]),
        total=int(raw["total"]),
        first_day=None
        if raw["first"] is None
        else logical_day(datetime.fromisoformat(raw["first"]), settings.day_starts_at),
    )


def summary_from(facts: Facts, now: datetime) -> Summary | None:
    """The front page as of ``now`` from the facts alone, or None when they do not cover it."""
    from storage.summary import people_status, suggestion_skip, summarize

    settings = facts.settings
    today = logical_day(now, settings.day_starts_at)
    if not facts.covers(today):
        return None
    return summarize(
        now=now,
        settings=settings,
        index=facts.index,
        people=people_status(facts.people.values(), facts.index.people, today, settings),
        last_reach=facts.last_reach,
        counts=facts.counts,
        suggestion_skip=suggestion_skip(settings, today),
    )


# --------------------------------------------------------------------- keeping them


def keep(store: Store, views: dict[str, Any] | None) -> bool:
    """Write the totals of what ``store`` read or saved last, with ``views``; True if kept.

    Best effort and quiet (see :func:`storage.totals.write`): a store that holds changes
    not yet saved, or whose file changed since, keeps nothing.
    """
    source = store.bytes_source()
    if source is None:
        return False
    key, raw = source
    real = store.real_path()
    seed = filesafe.record_seed(store.table_names())
    known = store.bytes_crc()
    crc = known[1] if known is not None and known[0] == seed else zlib.crc32(raw, seed)
    facts, top = make_facts(store), store.entries_top()
    return totals.write(real, facts, key, crc, views, seed=seed, top=top, now_ns=totals.fs_now_ns())


def keep_views(
    found: totals.Totals,
    real: str,
    views: dict[str, Any],
    facts: dict[str, Any] | None = None,
) -> bool:
    """Write ``found`` again with new views; with ``facts`` (``found.facts()``, pending
    entries added), those facts, so the pending entries need not be added again."""
    now_ns = totals.fs_now_ns()
    if facts is not None and found.pending:
        return totals.write(
            real, facts, found.key, found.crc, views, seed=found.seed, top=found.top, now_ns=now_ns
        )
    return totals.write(real, found, found.key, found.crc, views, now_ns=now_ns)


# --------------------------------------------------------------------- the views


def read_views(path: Path, now: datetime) -> dict[str, Any] | None:
    """What ``status`` and ``people`` print on ``now``'s day, from the totals, or None.

    The totals' own views when they are of that day; else views made from their facts
    (and kept for the next read); None when the totals do not belong to the file as it is
    now, or their facts do not cover the day: then only the store can answer.
    """
    import os

    from storage import glance

    real = os.path.realpath(path)
    found = totals.fresh(real, now_ns=totals.fs_now_ns())
    if found is None:
        return None
    if found.views is not None and glance.views_are_of(found.views, now):
        return found.views
    try:
        raw_facts = found.facts()
        facts = load_facts(raw_facts, path)
    except (ValueError, KeyError, TypeError, EOFError):
        return None
    summary = summary_from(facts, now)
    if summary is None:
        return None
    views = glance.views(summary, [p.name for p in sorted(facts.people.values(), key=_by_key)])
    keep_views(found, real, views, raw_facts)
    return views


def store_views(store: Store) -> dict[str, Any]:
    """What ``status`` and ``people`` print today, from the store; kept in the totals."""
    from storage import glance

    views = glance.views(store.summary(), [p.name for p in store.people()])
    keep(store, views)
    return views


def _by_key(person: Person) -> str:
    return person.key
