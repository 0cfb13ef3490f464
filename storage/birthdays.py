"""Birthdays coming up: whose, on which day, how many days from today.

Pure: the logical day comes in as ``today``. A birthday is stored as ``1984-04-15`` or,
without the year, ``--04-15`` (:func:`storage.fields.birthday_problem`); only its month and
day matter here. Someone born on 29 February has it on 28 February in the years without
one, so it is never skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from storage.records import Person

AHEAD_DAYS = 6
"""How many days ahead a birthday is mentioned: today and the six days after it, a week
in which every weekday names one day ("on Thursday"); never on the day after."""


@dataclass(frozen=True, slots=True)
class Birthday:
    """One birthday coming up.

    Attributes:
        who: the person's name, as written.
        day: the day it falls on this time.
        in_days: days from today (0 is today).
    """

    who: str
    day: date
    in_days: int


def month_day(birthday: str) -> tuple[int, int]:
    """The month and day of a stored birthday (``1984-04-15`` or ``--04-15``)."""
    month, day = birthday[-5:].split("-")
    return int(month), int(day)


def on_year(birthday: str, year: int) -> date:
    """The day ``birthday`` falls on in ``year`` (29 February: the 28th when there is none)."""
    month, day = month_day(birthday)
    try:
        return date(year, month, day)
    except ValueError:  # 29 February in a year without one
        return date(year, 2, 28)


def next_birthday(birthday: str, today: date) -> date:
    """The first day from ``today`` on (``today`` included) that ``birthday`` falls on."""
    this_year = on_year(birthday, today.year)
    if this_year >= today:
        return this_year
    return on_year(birthday, today.year + 1)


def birthdays_soon(people: Iterable[Person], today: date) -> tuple[Birthday, ...]:
    """Everyone whose birthday is from ``today`` to :data:`AHEAD_DAYS` days ahead, soonest
    first (then by name)."""
    found = []
    for person in people:
        if person.birthday is None:
            continue
        day = next_birthday(person.birthday, today)
        in_days = (day - today).days
        if in_days <= AHEAD_DAYS:
            found.append(Birthday(person.name, day, in_days))
    found.sort(key=lambda b: (b.in_days, b.who.casefold()))
    return tuple(found)
