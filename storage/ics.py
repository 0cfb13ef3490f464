"""``leanon export --format ics``: each person's rhythm as a day in the calendar.

Phones and desktop calendars show events (few show tasks), so each person with a rhythm
("every 14 days") becomes one all-day event on the day they come due: their last contact
plus their rhythm, or today for anyone past it or never in touch yet. Each event has a
gentle reminder that morning, and a UID made from the person's name key alone, so
importing a newer export into the same calendar moves the event instead of adding a
second one; its SEQUENCE grows with the day it was made, as calendars expect of an update.

The file is written by the ``icalendar`` library (RFC 5545: line folding, escaping, the
date forms), imported here only, so no other command pays for it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from storage.clock import day_name, logical_day
from storage.phrases import plural
from storage.records import PersonStatus

PRODID = "-//leanon//leanon export//EN"
"""Who made the calendar, as RFC 5545 asks."""

REMIND_AT = timedelta(hours=10)
"""The reminder: 10:00 on the day (after the start of an all-day event)."""

SEQUENCE_FROM = date(2026, 1, 1)
"""SEQUENCE counts days from here, so each day's export is a newer version of the event."""


def due_day(status: PersonStatus, today: date, day_starts_at: time) -> date | None:
    """The day ``status``'s person comes due, or None for someone without a rhythm.

    Their last contact's logical day plus their rhythm; today when that has passed, or when
    there has been no contact yet; never before the day after a rest from them ends.
    """
    every = status.person.cadence_days
    if not every:
        return None
    first = today
    if status.resting and status.person.resting_until:
        first = date.fromisoformat(status.person.resting_until) + timedelta(days=1)
    if status.last_contact is None:
        return first
    due = logical_day(status.last_contact.at, day_starts_at) + timedelta(days=every)
    return max(due, first)


def event_uid(status: PersonStatus) -> str:
    """The same UID for the same person in every export (from their name key, which is
    how leanon tells one person from another), without the name in it."""
    digest = hashlib.sha256(status.person.key.encode("utf-8")).hexdigest()[:24]
    return f"{digest}@leanon"


def calendar_ics(statuses: Sequence[PersonStatus], now: datetime, day_starts_at: time) -> str:
    """The calendar: one all-day event for each person with a rhythm."""
    from icalendar import Alarm, Calendar, Event

    today = logical_day(now, day_starts_at)
    stamp = now.astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "leanon")
    for status in statuses:
        due = due_day(status, today, day_starts_at)
        if due is None:
            continue
        person = status.person
        event = Event()
        event.add("uid", event_uid(status))
        event.add("dtstamp", stamp)
        event.add("sequence", max(0, (today - SEQUENCE_FROM).days))
        event.add("dtstart", due)
        event.add("dtend", due + timedelta(days=1))
        event.add("summary", f"A hello to {person.name}?")
        event.add("description", _description(status, day_starts_at))
        event.add("transp", "TRANSPARENT")  # it takes no time: the day stays free
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add(
            "description",
            f"If you feel like it, today is a good day to say hello to {person.name}.",
        )
        alarm.add("trigger", REMIND_AT, parameters={"RELATED": "START"})
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def _description(status: PersonStatus, day_starts_at: time) -> str:
    every = f"You like to be in touch with {status.person.name} every " + plural(
        status.person.cadence_days or 0, "day"
    )
    if status.last_contact is None:
        return every + "."
    last = day_name(logical_day(status.last_contact.at, day_starts_at))
    return f"{every}; the last time was {last}."
