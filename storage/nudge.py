"""``leanon nudge``: at most one kind line a day, when today could use one.

Opt-in: nothing runs it but a timer or a cron line the person sets up (the README shows
both; ``leanon nudge --install-timer`` writes the systemd one). It says something only
when one of these holds, in this order, and never on a rest day or in quiet hours:

1. someone is past the rhythm the person chose for them;
2. the days since the last reach-out or let-in are more than twice the person's own usual
   gap between such days over the last 90 (and at least :data:`QUIET_AFTER_DAYS`), rest
   days left out of both (:func:`storage.insights.quiet_spell`);
3. it is evening and today has no honest answer yet.

The words are an invitation, never a tally of what was not done. Pure: the status view
(:func:`storage.glance.status_view`), the settings and the moment come in; the command
line gives the line and remembers that it did.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from storage.clock import logical_day
from storage.phrases import and_list, plural
from storage.records import Settings

QUIET_AFTER_DAYS = 3
"""The fewest quiet days that are worth a nudge, whatever the usual rhythm."""

QUIET_FROM_DAYS = 3
"""The fewest days with connection in the 90 before today for a usual rate to be read."""

EVENING = time(18, 0)
"""From when the day's honest answer is worth an invitation (until the day ends)."""


def parse_quiet_hours(text: str) -> tuple[time, time]:
    """``"21:00-09:00"`` as its two times (the span may cross midnight).

    Raises:
        ValueError: not two HH:MM times joined by a dash, or both the same.
    """
    start, sep, end = text.strip().partition("-")
    if not sep:
        raise ValueError("quiet hours look like 21:00-09:00")
    try:
        span = _hour(start), _hour(end)
    except ValueError:
        raise ValueError("quiet hours look like 21:00-09:00") from None
    if span[0] == span[1]:
        raise ValueError("quiet hours start and end at different times, like 21:00-09:00")
    return span


def _hour(text: str) -> time:
    """ "21:00", or "9:00" for 09:00."""
    text = text.strip()
    return time.fromisoformat(f"0{text}" if text[1:2] == ":" else text)


def in_quiet_hours(now: datetime, quiet_hours: str | None) -> bool:
    """Whether ``now``'s wall-clock time falls in the quiet hours (start included)."""
    if not quiet_hours:
        return False
    start, end = parse_quiet_hours(quiet_hours)
    clock = now.time().replace(tzinfo=None)
    if start < end:
        return start <= clock < end
    return clock >= start or clock < end


def nudge_line(
    view: dict[str, Any], settings: Settings, now: datetime, names: bool = False
) -> str | None:
    """The one line ``leanon nudge`` says now, or None for nothing.

    Args:
        view: today's status view.
        settings: the person's settings (the day start, quiet hours, once a day).
        now: the moment, from the injected clock.
        names: name the people it has been a while with (a notification is seen by
            whoever is near the screen, so by default it does not, unless the person
            said so in their settings: ``names_in_bars``).

    With the nudge turned off (``leanon config nudge off``) it never says anything.
    """
    if not settings.nudge_on:
        return None
    names = names or settings.bar_names
    today = logical_day(now, settings.day_starts_at)
    if view["day"] != today.isoformat() or view["rest_today"]:
        return None
    if not any(view["counts"].values()):
        return None
    if in_quiet_hours(now, settings.nudge_quiet_hours):
        return None
    if settings.nudge_once_a_day and settings.nudged_on == today.isoformat():
        return None
    overdue = view["overdue"]
    if overdue:
        if names:
            who = and_list([o["who"] for o in overdue[:3]])
            return f"It's been a while with {who}. A short hello could be a nice thing today."
        who = "someone" if len(overdue) == 1 else plural(len(overdue), "person", "people")
        return (
            f"It's been a while with {who} you like to keep up with. A short hello could be "
            "a nice thing today (leanon people shows who)."
        )
    quiet = view["quiet"]
    days, connected, open_days = quiet["days"], quiet["connection_days"], quiet["open_days"]
    if (
        days is not None
        and days >= QUIET_AFTER_DAYS
        and connected >= QUIET_FROM_DAYS
        and days * connected > 2 * open_days  # more than twice the usual gap
    ):
        return (
            f"The last {days} days have been quiet. If you feel like it, a short text to "
            "someone counts."
        )
    late = now.time().replace(tzinfo=None)
    evening = late >= EVENING or late < settings.day_starts_at
    if evening and view["today_honest"] is None:
        return "If you have a minute this evening: how are you, really? (leanon honest, 1 to 5)"
    return None
