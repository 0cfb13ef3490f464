"""One person up close: what the person page and ``leanon people NAME`` say about them.

Pure: the person, their reach-outs and let-ins (:meth:`storage.store.Store.contacts_with`,
an index the store builds once per change, so opening a page never walks every entry) and
the moment come in. Every sentence here is plain and exactly true, and none of them judges:
how contact has gone is told as it was, with what "typical" means said in the sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from fractions import Fraction
from typing import Any

from storage.birthdays import AHEAD_DAYS, month_day, next_birthday
from storage.clock import MONTH_NAMES, day_shift
from storage.fields import ENTRY_FIELDS, KIND_SPECS
from storage.insights import contact_standing
from storage.phrases import ago, birthday_sentence, day_month, plural
from storage.records import Entry, Person

YEAR_DAYS = 365
""""The last year": today and the 364 logical days before it."""


@dataclass(frozen=True, slots=True)
class PersonPage:
    """Everything the page about one person shows.

    Attributes:
        person: the record.
        contacts: every reach-out to them and let-in with them, newest first.
        now: the moment it was made.
        today: the logical day of ``now``.
        day_starts_at: when the person's day starts.
        year_days: the logical days of the last year with a contact, oldest first.
        days_since: logical days since the newest contact, or None.
        resting: a rest from them covers today.
    """

    person: Person
    contacts: tuple[Entry, ...]
    now: datetime
    today: date
    day_starts_at: time
    year_days: tuple[date, ...]
    days_since: int | None
    resting: bool

    @property
    def last_let_in(self) -> Entry | None:
        """The newest let-in with them, if any."""
        return next((e for e in self.contacts if e.kind == "letin"), None)


def person_page(
    person: Person, contacts: Sequence[Entry], now: datetime, today: date, day_starts_at: time
) -> PersonPage:
    """The page about ``person``, from their contacts (newest first) as of ``now``."""
    shift = day_shift(day_starts_at)
    first = today - timedelta(days=YEAR_DAYS - 1)
    days = sorted({d for e in contacts if first <= (d := (e.at - shift).date()) <= today})
    since, _ = contact_standing(person, contacts[0] if contacts else None, today, shift)
    return PersonPage(
        person=person,
        contacts=tuple(contacts),
        now=now,
        today=today,
        day_starts_at=day_starts_at,
        year_days=tuple(days),
        days_since=since,
        resting=person.rests_on(today),
    )


def median_gap(days: Sequence[date]) -> Fraction | None:
    """The median of the gaps, in days, between consecutive ``days`` (sorted, distinct), or
    None with fewer than two: the middle gap, or the mean of the two middle ones."""
    gaps = sorted((b - a).days for a, b in zip(days, days[1:], strict=False))
    if not gaps:
        return None
    middle = len(gaps) // 2
    if len(gaps) % 2:
        return Fraction(gaps[middle])
    return Fraction(gaps[middle - 1] + gaps[middle], 2)


def gap_words(gap: Fraction) -> str:
    """A median gap in words: "day", "9 days", "9½ days" (a median is whole or a half)."""
    if gap == 1:
        return "day"
    whole = int(gap)
    return f"{whole}{'½' if gap != whole else ''} days"


def rhythm_sentence(page: PersonPage) -> str:
    """How the last year has actually gone, told as it was: "Over the last year you were
    in touch on 12 days, about every 9 days (the median gap between them)."."""
    days = page.year_days
    name = page.person.name
    if not days:
        return f"Nothing with {name} logged in the last year."
    if len(days) == 1:
        return (
            f"Over the last year you were in touch on one day, {day_month(days[0], page.today)}; "
            "a gap needs two."
        )
    gap = median_gap(days)
    assert gap is not None  # two days or more
    return (
        f"Over the last year you were in touch on {len(days)} days, about every "
        f"{gap_words(gap)} (the median gap between them)."
    )


def birthday_words(birthday: str) -> str:
    """A birthday as the page shows it: "15 April 1984", "15 April" without the year."""
    month, day = month_day(birthday)
    words = f"{day} {MONTH_NAMES[month - 1]}"
    return words if birthday.startswith("--") else f"{words} {birthday[:4]}"


def fact_lines(page: PersonPage) -> list[str]:
    """The page's facts, a line each: rhythm, how it has gone, last contact, last let-in,
    birthday, a rest from them, the note."""
    person, today = page.person, page.today
    lines = []
    if person.cadence_days:
        lines.append(f"Rhythm: in touch every {plural(person.cadence_days, 'day')}.")
    else:
        lines.append("Rhythm: none set.")
    lines.append(rhythm_sentence(page))
    if page.contacts:
        lines.append(f"Last in touch: {ago(page.contacts[0].at, page.now, page.day_starts_at)}.")
    let_in = page.last_let_in
    if let_in is None:
        lines.append(f"No time you let {person.name} in logged yet.")
    else:
        lines.append(f"Last let {person.name} in: {ago(let_in.at, page.now, page.day_starts_at)}.")
    if person.birthday:
        day = next_birthday(person.birthday, today)
        soon = (day - today).days <= AHEAD_DAYS
        line = f"Birthday: {birthday_words(person.birthday)}."
        lines.append(birthday_sentence(person.name, day, today) if soon else line)
    if page.resting and person.resting_until:
        until = date.fromisoformat(person.resting_until)
        lines.append(
            f"Resting until {day_month(until, today)}: {person.name} is left out of "
            "reminders and ideas until then."
        )
    if person.note:
        lines.append(f"Note: {person.note}")
    return lines


def entry_text(entry: Entry) -> str:
    """An entry's words on the page: "called Sam · about the move"."""
    spec = KIND_SPECS[entry.kind]
    fields = {name: getattr(entry, name) for name in ENTRY_FIELDS}
    return " · ".join(part for part in spec.line(fields) if part)


def page_lines(page: PersonPage) -> list[str]:
    """``leanon people NAME``: the name, the facts, then every contact, newest first."""
    lines = [page.person.name, "", *fact_lines(page), ""]
    if not page.contacts:
        lines.append(f"Nothing with {page.person.name} logged yet.")
        return lines
    lines.append(f"{plural(len(page.contacts), 'reach-out or let-in', 'reach-outs and let-ins')}:")
    for e in page.contacts:
        lines.append(f"  {e.at:%a %d %b %Y %H:%M}  {entry_text(e)}")
    return lines


def page_json(page: PersonPage) -> dict[str, Any]:
    """``leanon people NAME --json``: the person, how contact stands, and every contact."""
    person = page.person
    gap = median_gap(page.year_days)
    let_in = page.last_let_in
    return {
        "name": person.name,
        "cadence_days": person.cadence_days,
        "trusted": person.trusted,
        "note": person.note,
        "birthday": person.birthday,
        "resting_until": person.resting_until if page.resting else None,
        "last_contact": page.contacts[0].at.isoformat() if page.contacts else None,
        "days_since": page.days_since,
        "last_let_in": None if let_in is None else let_in.at.isoformat(),
        "last_year": {
            "days_in_touch": len(page.year_days),
            "median_gap_days": None if gap is None else float(gap),
        },
        "entries": [
            {
                key: value
                for key, value in e.to_doc().items()
                if key not in ("who", "score", "reflex")
            }
            for e in page.contacts
        ],
    }
