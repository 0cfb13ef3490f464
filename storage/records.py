"""The records leanon keeps: people and entries, as frozen dataclasses.

These are what every caller sees; TinyDB documents never leave ``storage/``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, Literal

from storage.fields import (
    ENTRY_FIELDS,
    KIND_SPECS,
    KINDS,
    SCORE_WORDS,
    VIA_VERBS,
    VIAS,
    Kind,
    describe,
    name_key,
)

Mark = tuple[Literal["edited", "deleted"], datetime]
"""How an entry last changed, and when: (``edited`` or ``deleted``, the moment), as the data
file's ``changes`` table remembers it (:data:`storage.store.CHANGES`)."""

__all__ = [
    "EFFORTS",
    "ENTRY_SLOTS",
    "KINDS",
    "SCORE_WORDS",
    "VIAS",
    "VIA_VERBS",
    "Entry",
    "Kind",
    "Person",
    "PersonStatus",
    "Settings",
    "Suggestion",
    "build_entry",
    "name_key",
]

EFFORTS: tuple[str, ...] = ("tiny", "small", "bigger")
"""How much a let-someone-in suggestion asks of a person."""


@dataclass(frozen=True, slots=True)
class Person:
    """Someone in the person's life.

    Attributes:
        name: shown as first typed; matched case-insensitively.
        cadence_days: "I want to be in touch every N days", or None.
        trusted: someone they chose to lean on; suggestions may name them.
        note: anything worth remembering.
        birthday: ``1984-04-15``, or ``--04-15`` when the year is not known; None when
            the birthday is not known (see :func:`storage.fields.birthday_problem`).
        resting_until: the last logical day (``2027-05-01``) of a rest the person chose
            from them: until then they are never past their rhythm, in a nudge or in a
            suggestion; from the day after, all is as before, with nothing written.
    """

    name: str
    cadence_days: int | None = None
    trusted: bool = False
    note: str | None = None
    birthday: str | None = None
    resting_until: str | None = None

    def rests_on(self, day: date) -> bool:
        """Whether ``day`` (a logical day) falls within a rest from them."""
        return self.resting_until is not None and day.isoformat() <= self.resting_until

    @property
    def key(self) -> str:
        """The case-insensitive identity of the name."""
        return name_key(self.name)


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing logged.

    Attributes:
        id: stable across export and import.
        kind: reach, honest, belong, letin or rest.
        at: when, with the UTC offset of the wall clock where it was logged.
        who: the person (reach; optional for letin).
        via: how (reach).
        note: optional words for a reach.
        score: 1-5 (honest).
        text: words of an honest answer, a belonging moment or a let-in act.
        reflex: the first answer was a reflex like "fine" (honest).
    """

    id: str
    kind: Kind
    at: datetime
    who: str | None = None
    via: str | None = None
    note: str | None = None
    score: int | None = None
    text: str | None = None
    reflex: bool = False

    def describe(self) -> str:
        """A short plain phrase for notifications and lists: "texted Sam", "honest: 3"."""
        return describe(self.kind, self.who, self.via, self.score, self.text)

    def to_doc(self) -> dict[str, Any]:
        """The JSON document for this entry: only the fields its kind uses."""
        doc: dict[str, Any] = {"id": self.id, "kind": self.kind, "at": self.at.isoformat()}
        for name in KIND_SPECS[self.kind].field_names:
            doc[name] = getattr(self, name)
        return doc


ENTRY_SLOTS = tuple(  # the slot setters of Entry, in field order, for loading in bulk
    Entry.__dict__[name].__set__ for name in ("id", "kind", "at", *ENTRY_FIELDS)
)


def build_entry(
    entry_id: str,
    kind: Kind,
    at: datetime,
    who: str | None,
    via: str | None,
    note: str | None,
    score: int | None,
    text: str | None,
    reflex: bool,
) -> Entry:
    """An Entry from values already checked, about twice as fast as ``Entry(...)``.

    A frozen dataclass's ``__init__`` goes through ``object.__setattr__`` field by field;
    opening a decade of entries builds 50,000 of them, so loading fills the slots directly.
    The result is an ordinary, equal, immutable Entry.
    """
    entry = object.__new__(Entry)
    set_id, set_kind, set_at, set_who, set_via, set_note, set_score, set_text, set_reflex = (
        ENTRY_SLOTS
    )
    set_id(entry, entry_id)
    set_kind(entry, kind)
    set_at(entry, at)
    set_who(entry, who)
    set_via(entry, via)
    set_note(entry, note)
    set_score(entry, score)
    set_text(entry, text)
    set_reflex(entry, reflex)
    return entry


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A way to let someone in.

    Attributes:
        text: the suggestion; ``{who}`` stands where a person's name may go.
        effort: tiny, small or bigger.
        own: added by the person rather than built in.
    """

    text: str
    effort: str = "small"
    own: bool = False

    @property
    def names_someone(self) -> bool:
        """Whether the text has a place for a person's name."""
        return "{who}" in self.text


def idea_key(text: str) -> str:
    """When two ideas are one: the same words, whatever the case and spacing."""
    return " ".join(text.split()).casefold()


@dataclass(frozen=True, slots=True)
class Settings:
    """The person's settings, kept in the data file's ``settings`` table."""

    day_starts_at: time = time(4, 0)
    theme: str | None = None
    own_suggestions: tuple[Suggestion, ...] = field(default_factory=tuple)
    drift_dismissed_until: str | None = None
    suggestion_day: str | None = None
    suggestion_skip: int = 0
    nudge_quiet_hours: str | None = "21:00-09:00"
    """When ``leanon nudge`` stays silent ("21:00-09:00", across midnight), or None."""
    nudge_once_a_day: bool = True
    """At most one nudge a day (else one each time it runs with something to say)."""
    nudged_on: str | None = None
    """The logical day (ISO) the last nudge was given: leanon's own note, never an undo step."""
    nudge_on: bool = True
    """Whether ``leanon nudge`` says anything at all (off: it stays silent, timer or not)."""
    week_starts_on: int = 0
    """The first day of the week in the review's calendar, as ``date.weekday()`` counts
    (0 Monday, 6 Sunday)."""
    show_streaks: bool = True
    """Whether streaks (runs of days) are shown; off, no screen or status line mentions runs."""
    bar_names: bool = False
    """Whether status bars show names without being given ``--names``."""
    hidden_suggestions: tuple[str, ...] = field(default_factory=tuple)
    """Built-in ideas the person chose not to be offered, by their text."""
    keys: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    """Keys the person chose, as (binding id, keys) pairs: ``("review", "w")``."""


@dataclass(frozen=True, slots=True)
class PersonStatus:
    """A person with how contact with them stands today.

    Attributes:
        person: the record.
        last_contact: the newest reach-out to them or let-in with them, if any.
        days_since: logical days since that contact (0 is today).
        overdue: they have a cadence and it has been longer than that.
        days_over: how many days past the cadence (0 when not overdue).
        resting: a rest from them covers today (:meth:`Person.rests_on`); never overdue.
    """

    person: Person
    last_contact: Entry | None
    days_since: int | None
    overdue: bool
    days_over: int
    resting: bool = False
