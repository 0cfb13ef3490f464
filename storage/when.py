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


# --------------------------------------------------------------------- days ahead, birthdays

DAY_EXAMPLES = "1 May, May 1, 2027-05-01, tomorrow, or 10d, 3w (from today)"
"""The forms a day ahead (the end of a rest from someone) is typed in."""

BIRTHDAY_EXAMPLES = "15 April, April 15, 15 April 1984, 1984-04-15 or --04-15"
"""The forms a birthday is typed in."""

_AHEAD = re.compile(r"(\d{1,4})\s*([dw])", re.IGNORECASE)
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


def _month(word: str) -> int | None:
    """A month's number from its name or its first three letters ("sept" too), or None."""
    word = word.lower().rstrip(".")
    for number, name in enumerate(_MONTHS, 1):
        if len(word) >= 3 and name.startswith(word):
            return number
    return None


def _spoken(text: str) -> tuple[int, int, int | None] | None:
    """Day, month and year (or None) of "1 May", "May 1", "1st May 2027", "May 1, 2027"."""
    words = text.replace(",", " ").split()
    if len(words) not in (2, 3):
        return None
    year = None
    if len(words) == 3:
        if not (words[2].isascii() and words[2].isdigit() and len(words[2]) == 4):
            return None
        year = int(words[2])
    first, second = words[0], words[1]
    for day_word, month_word in ((first, second), (second, first)):
        digits = day_word.lower().removesuffix("st").removesuffix("nd").removesuffix("rd")
        digits = digits.removesuffix("th")
        month = _month(month_word)
        if month is not None and digits.isascii() and digits.isdigit() and len(digits) <= 2:
            return int(digits), month, year
    return None


def parse_day(text: str, today: date) -> date:
    """The day ahead ``text`` stands for, seen from the logical day ``today`` (today counts).

    Accepted: ``today``, ``tomorrow``, ``10d`` or ``3w`` from today, an ISO date, or a
    spoken one ("1 May", "May 1", "1 May 2027"); without a year, the next such day.

    Raises:
        InvalidInput: not one of those forms, not a day there is, or already past.
    """
    raw = " ".join(text.split())
    word = raw.lower()
    if not word:
        raise InvalidInput(f"The day is empty; use {DAY_EXAMPLES}.")
    if word == "today":
        return today
    if word == "tomorrow":
        return today + timedelta(days=1)
    ahead = _AHEAD.fullmatch(word)
    if ahead:
        count = int(ahead.group(1)) * (7 if ahead.group(2).lower() == "w" else 1)
        return today + timedelta(days=count)
    spoken = _spoken(raw)
    if spoken is None and not raw[:1].isdigit():
        raise InvalidInput(f"'{raw}' is not a day leanon understands; use {DAY_EXAMPLES}.")
    try:
        if spoken is not None:
            day_of_month, month, year = spoken
            day = date(year or today.year, month, day_of_month)
            if year is None and day < today:
                day = date(today.year + 1, month, day_of_month)
        else:
            day = date.fromisoformat(raw)
    except ValueError:
        raise InvalidInput(f"'{raw}' is not a day there is; use {DAY_EXAMPLES}.") from None
    if day < today:
        raise InvalidInput(f"'{raw}' is already past; give a day from today on.")
    return day


def parse_birthday(text: str) -> str | None:
    """A birthday typed in a friendly form, as stored: "15 April" is ``--04-15``, "15 April
    1984" and ``1984-04-15`` are ``1984-04-15``; empty is None. Anything else is returned
    as typed, for :func:`storage.fields.clean_birthday` to check and refuse with its reason.
    """
    raw = " ".join(text.split())
    if not raw:
        return None
    spoken = _spoken(raw)
    if spoken is None:
        return raw
    day, month, year = spoken
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
