"""Reading the WHEN a person types after ``--at``: a date, a time, or "how long ago".

Pure: the current moment always comes in as ``now``, so the same text and moment give the
same answer in the command line, the dashboard and the tests.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from storage.clock import DEFAULT_DAY_STARTS_AT, FUTURE_TOLERANCE, logical_day
from storage.errors import InvalidInput

MIDDAY = time(12, 0)
"""The time given to a bare date: inside that logical day for any day start up to noon."""

EXAMPLES = "2026-11-24, 2026-11-24T18:30, today, yesterday, or 3h, 2d, 30m (ago)"
"""The forms that are accepted, for error messages and help text."""

_RELATIVE = re.compile(r"(\d{1,7})\s*([dhm])(?:\s+ago)?", re.IGNORECASE)
_UNITS = {"d": "days", "h": "hours", "m": "minutes"}


def parse_when(
    text: str, now: datetime, *, day_starts_at: time = DEFAULT_DAY_STARTS_AT
) -> datetime:
    """The moment ``text`` stands for, as seen at ``now``.

    Accepted:

    * ``today`` or ``now``: ``now`` itself.
    * ``yesterday``: 12:00 on the logical day before today (at 01:30 that is still the
      day before yesterday's evening, because a day runs until ``day_starts_at``).
    * ``2d``, ``3h``, ``30m`` (optionally followed by ``ago``): that long before ``now``.
    * An ISO 8601 date-time, with or without a UTC offset; without one it takes the offset
      of ``now`` (the wall clock the person is living in).
    * An ISO 8601 date: 12:00 that day, or ``now`` if that is still ahead today.

    Args:
        text: what the person typed.
        now: the current moment, timezone-aware.
        day_starts_at: when a logical day begins (for ``yesterday``).

    Raises:
        InvalidInput: the text is not one of those forms, or is more than a minute ahead.
    """
    if now.tzinfo is None:
        raise ValueError("parse_when needs an aware 'now'")
    raw = text.strip()
    word = " ".join(raw.lower().split())
    if not word:
        raise InvalidInput(f"The time is empty; use {EXAMPLES}.")

    if word in ("today", "now", "just now"):
        return now
    if word == "yesterday":
        day = logical_day(now, day_starts_at) - timedelta(days=1)
        return datetime.combine(day, MIDDAY, tzinfo=now.tzinfo)

    relative = _RELATIVE.fullmatch(word)
    if relative:
        amount, unit = int(relative.group(1)), relative.group(2).lower()
        try:
            return now - timedelta(**{_UNITS[unit]: amount})
        except OverflowError:
            raise InvalidInput(f"'{raw}' is further back than leanon can count.") from None

    moment = _parse_iso(raw, now)
    if moment - now > FUTURE_TOLERANCE:
        raise InvalidInput(f"'{raw}' is in the future; leanon logs what has already happened.")
    return moment


def when_text(at: datetime) -> str:
    """A moment as a "when" field shows it ("2026-11-24 18:30"), which :func:`parse_when`
    reads back to the same minute in the same offset as ``now``'s."""
    return f"{at:%Y-%m-%d %H:%M}"


def _parse_iso(raw: str, now: datetime) -> datetime:
    """An ISO 8601 date or date-time, completed with ``now``'s offset and midday."""
    if raw[:1].isdigit():
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            pass
        else:
            moment = datetime.combine(day, MIDDAY, tzinfo=now.tzinfo)
            # "2026-11-28" typed at 09:00 on the 28th means earlier today, not noon.
            if day == now.date() and moment > now:
                return now
            return moment
        try:
            moment = datetime.fromisoformat(raw)
        except ValueError:
            pass
        else:
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=now.tzinfo)
            return moment
    raise InvalidInput(f"'{raw}' is not a time leanon understands; use {EXAMPLES}.")
