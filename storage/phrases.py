"""How long ago something was, in words: one definition for every screen and command.

The same moment reads the same everywhere, and a gap never reads longer than it was: days
stay days up to 30 ("16 days ago"); after that whole months and years, counted down, never
rounded up (45 days is "a month ago", never "2 months"; 364 days is "11 months ago", not
"a year"). Within today, humanize's words ("3 hours ago"), worked out without importing it.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from storage.clock import DEFAULT_DAY_STARTS_AT, MONTH_NAMES, WEEKDAY_NAMES, logical_day

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (mypy knows the name)
if TYPE_CHECKING:  # the quick path of the command line imports this module: keep it light
    from collections.abc import Sequence

DAYS_AS_DAYS = 30
"""Up to this many days a gap is said in days; a person counts the first month in days."""

MONTH_DAYS = 365.25 / 12
"""An average month, for counting whole months in a gap (always rounded down)."""


def span(days: int) -> str:
    """A gap of ``days`` whole days (2 or more) in words: "16 days", "a month", "1 year, 2
    months". Never longer than it was."""
    if days <= DAYS_AS_DAYS:
        return f"{days} days"
    years, rest = divmod(days, 365)
    months = int(rest // MONTH_DAYS)
    if not years:
        return "a month" if months == 1 else f"{months} months"
    if not months:
        return "a year" if years == 1 else f"{years} years"
    year_words = "1 year" if years == 1 else f"{years} years"
    return f"{year_words}, {'1 month' if months == 1 else f'{months} months'}"


def days_phrase(days: int | None, ago: bool = False) -> str:
    """How long since a contact, in whole logical days: "today", "yesterday", "12 days".

    With ``ago``, "12 days ago". ``None`` (never in touch) reads "not yet".
    """
    if days is None:
        return "not yet"
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{span(days)} ago" if ago else span(days)


def ago(at: datetime, now: datetime, day_starts_at: time = DEFAULT_DAY_STARTS_AT) -> str:
    """When ``at`` was, seen from ``now``, in human words.

    "just now" inside a minute, then humanize's "3 hours ago" for the rest of the logical
    day, "yesterday" for the logical day before, and :func:`days_phrase` after that ("16
    days ago", "a month ago"). A moment slightly ahead of ``now`` (clock drift) reads "just
    now".
    """
    days = (logical_day(now, day_starts_at) - logical_day(at, day_starts_at)).days
    if days > 0:
        return days_phrase(days, ago=True)
    if now - at < timedelta(minutes=1):
        return "just now"
    return natural_ago(now - at)


def natural_ago(delta: timedelta) -> str:
    """humanize's ``naturaltime`` of a gap in the past ("3 hours ago", "a minute ago").

    The same words, worked out here for gaps under two days (all that a moment earlier
    today can be), because importing humanize takes longer than all the rest of ``leanon
    status``; ``tests/test_phrases.py`` checks every minute of two days against humanize.
    Longer gaps ask humanize itself.
    """
    days, seconds = delta.days, delta.seconds
    if days >= 2 or days < 0:
        import humanize

        return str(humanize.naturaltime(delta))
    if days == 1:
        words = "a day"
    elif seconds == 0:
        return "now"
    elif seconds == 1:
        words = "a second"
    elif seconds < 60:
        words = f"{seconds} seconds"
    elif seconds < 3600:
        minutes = round(seconds / 60)
        words = "a minute" if minutes == 1 else "an hour" if minutes == 60 else f"{minutes} minutes"
    else:
        hours = round(seconds / 3600)
        words = "an hour" if hours == 1 else "a day" if hours == 24 else f"{hours} hours"
    return f"{words} ago"


def upper_first(text: str) -> str:
    """``text`` as the start of a sentence: its first letter up, the rest as it is (unlike
    ``str.capitalize``, which would lower a name or an acronym further on)."""
    return text[:1].upper() + text[1:]


def plural(count: int, one: str, many: str | None = None) -> str:
    """``count`` with the right word: "1 day", "3 days", "2 people"."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def and_list(items: Sequence[str]) -> str:
    """Items as a person lists them: "Ana", "Ana and Sam", "Ana, Bea and Sam"."""
    return spoken_list(items, "and")


def or_list(items: Sequence[str]) -> str:
    """Choices as a person offers them: "Sam", "Sam or Sal", "Sam, Sal or Pam"."""
    return spoken_list(items, "or")


def spoken_list(items: Sequence[str], last: str) -> str:
    """Items with commas between and ``last`` ("and", "or") before the final one."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


STRUGGLING_LINE = "Thank you for saying how it really is; that isn't easy when things are hard."
"""Said once after an honest answer of 1 ("struggling"): an acknowledgement, no advice."""


def honest_acknowledgement(score: int | None) -> str | None:
    """The one warm line to add after an honest answer of ``score``, or None.

    A 1 ("struggling") is acknowledged, without advice or alarm; the other scores need
    nothing added.
    """
    return STRUGGLING_LINE if score == 1 else None


def day_month(day: date, today: date) -> str:
    """A day as a person says it: "1 May", with the year when it is not this year's
    ("1 May 2028")."""
    return day_words(day) if day.year != today.year else f"{day.day} {MONTH_NAMES[day.month - 1]}"


def day_words(day: date) -> str:
    """A day in words with its year: "1 May 2027" (:func:`storage.when.parse_day` reads it)."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def birthday_sentence(who: str, day: date, today: date) -> str:
    """A quiet line about a birthday from today on: "Sam's birthday is today", "... is
    tomorrow", "... is on Thursday, 3 December"."""
    days = (day - today).days
    if days <= 0:
        when = "today"
    elif days == 1:
        when = "tomorrow"
    else:
        when = f"on {WEEKDAY_NAMES[day.weekday()]}, {day_month(day, today)}"
    return f"{who}'s birthday is {when}."


def resting_phrase(until: str, today: date) -> str:
    """How a rest from someone is shown where they are listed: "resting until 1 May", for
    its stored last day (``2027-05-01``), the year said when it is not ``today``'s."""
    return f"resting until {day_month(date.fromisoformat(until), today)}"
