"""What ``leanon status`` and ``leanon people`` print: one definition, cheap to keep.

Both commands print the same thing whether they computed it just now from the store or
found it in the totals (:mod:`storage.totals`). So what they print is made in two steps:

1. a **view**, a plain table of numbers and words for one logical day, made from the
   :class:`storage.summary.Summary` (:func:`status_view`, :func:`people_view`); the totals
   keep it;
2. the **output**, made from the view and the moment (:func:`status_json`,
   :func:`status_lines`, :func:`people_lines`): only "3 hours ago" depends on more than the
   day, and it is worked out from the moment each time.

:func:`dumps` writes JSON exactly as ``json.dumps(value, indent=2, ensure_ascii=False)``
does (``tests/test_glance.py`` checks it against the standard library), so the quick read
(:func:`storage.quickread`) does not import :mod:`json`. This module imports nothing
heavier than ``datetime``.
"""

from __future__ import annotations

from storage.fields import SCORE_WORDS
from storage.phrases import ago, and_list, birthday_sentence, days_phrase, plural, resting_phrase

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime, time
    from typing import Any

    from storage.records import PersonStatus
    from storage.summary import Summary


# --------------------------------------------------------------------- views


def status_view(summary: Summary) -> dict[str, Any]:
    """What ``status`` shows on the summary's day, as plain values."""
    last, honest, idea = summary.last_reach, summary.today_honest, summary.suggestion
    return {
        "day": summary.today.isoformat(),
        "starts": summary.day_starts_at.isoformat(),
        "last": None
        if last is None
        else {"who": last.who, "via": last.via, "at": last.at.isoformat(), "said": last.describe()},
        "streaks": {
            name: {
                "current": s.current,
                "longest": s.longest,
                "last_7": s.last_7,
            }
            for name, s in (("connection", summary.connection), ("honest", summary.honest))
        },
        "counts": dict(summary.counts),
        "overdue": [
            {"who": s.person.name, "days_over": s.days_over, "days_since": s.days_since or 0}
            for s in summary.overdue
        ],
        "today_honest": None
        if honest is None
        else {"score": honest.score, "words": honest.text, "at": honest.at.isoformat()},
        "today_idea": {"text": idea.text, "effort": idea.suggestion.effort},
        "rest_today": summary.rest_today,
        "quiet": {
            "days": summary.quiet.days,
            "connection_days": summary.quiet.connection_days,
            "open_days": summary.quiet.open_days,
        },
        "show_streaks": summary.show_streaks,
        "bar_names": summary.bar_names,
        "birthdays": [
            {"who": b.who, "on": b.day.isoformat(), "in_days": b.in_days} for b in summary.birthdays
        ],
    }


def people_view(statuses: Sequence[PersonStatus]) -> list[dict[str, Any]]:
    """What ``people --json`` prints: each person as their contact stands on the day."""
    return [
        {
            "name": s.person.name,
            "cadence_days": s.person.cadence_days,
            "trusted": s.person.trusted,
            "last_contact": s.last_contact.at.isoformat() if s.last_contact else None,
            "days_since": s.days_since,
            "overdue": s.overdue,
            "days_over": s.days_over,
            "resting_until": s.person.resting_until if s.resting else None,
        }
        for s in statuses
    ]


def views(summary: Summary, names: Sequence[str]) -> dict[str, Any]:
    """Everything the totals keep for the summary's day: status, people and the names."""
    return {
        "day": summary.today.isoformat(),
        "status": status_view(summary),
        "people": people_view(summary.people),
        "names": list(names),
    }


def views_are_of(views: dict[str, Any], now: datetime) -> bool:
    """Whether ``views`` are of the logical day ``now`` falls on."""
    from storage.clock import logical_day

    return logical_day(now, starts_of(views["status"])).isoformat() == views["day"]


# --------------------------------------------------------------------- output


def moment(text: str) -> datetime:
    """A moment the view holds, as written (ISO, with its offset)."""
    from datetime import datetime

    return datetime.fromisoformat(text)


def starts_of(view: dict[str, Any]) -> time:
    """When the view's day starts (the person's setting)."""
    from datetime import time

    return time.fromisoformat(view["starts"])


def status_json(view: dict[str, Any], now: datetime, file: str) -> dict[str, Any]:
    """``status --json``: its keys are a contract for scripts; new ones may come, none go."""
    last = view["last"]
    return {
        "last_reached_out": None
        if last is None
        else {
            "who": last["who"],
            "via": last["via"],
            "at": last["at"],
            "ago": ago(moment(last["at"]), now, starts_of(view)),
        },
        "streaks": view["streaks"],
        "counts": view["counts"],
        "overdue": [{"who": o["who"], "days_over": o["days_over"]} for o in view["overdue"]],
        "file": file,
        "today_honest": view["today_honest"],
        "today_idea": view["today_idea"],
        "birthdays": view["birthdays"],
    }


def status_lines(view: dict[str, Any], now: datetime) -> list[str]:
    """``status`` in a few plain lines."""
    if not any(view["counts"].values()):
        return [
            "Nothing logged yet. The next time you reach out to someone, "
            "note it with: leanon reach NAME"
        ]
    lines = head_lines(view, now)
    honest = view["today_honest"]
    if honest is not None and honest["score"] is not None:
        words = f', in your words "{honest["words"]}"' if honest["words"] else ""
        lines.append(f"Today, honestly: {honest['score']} ({SCORE_WORDS[honest['score']]}){words}.")
    if view["overdue"]:
        names = [f"{o['who']} ({plural(o['days_since'], 'day')})" for o in view["overdue"]]
        lines.append(f"It's been a while with {and_list(names)}.")
    lines.extend(birthday_lines(view))
    lines.append(f"An idea for today: {view['today_idea']['text']}")
    return lines


def birthday_lines(view: dict[str, Any]) -> list[str]:
    """A quiet line for each birthday of the view's coming week: "Sam's birthday is today"."""
    from datetime import date

    today = date.fromisoformat(view["day"])
    return [
        birthday_sentence(b["who"], date.fromisoformat(b["on"]), today) for b in view["birthdays"]
    ]


def head_lines(view: dict[str, Any], now: datetime, names: bool = True) -> list[str]:
    """The first three lines of ``status``: the last reach-out (to whom, with ``names``;
    else only when), and both streaks."""
    last = view["last"]
    if last is None:
        lines = ["No reach-outs logged yet; a short text counts."]
    else:
        when = ago(moment(last["at"]), now, starts_of(view))
        said = f": {last['said']}," if names else ""
        lines = [f"Last reached out{said} {when}."]
    shown = view["show_streaks"]
    lines.append(streak_line("Connection", view["streaks"]["connection"], shown))
    lines.append(streak_line("Honest answers", view["streaks"]["honest"], shown))
    return lines


def streak_line(label: str, streak: dict[str, int], runs: bool = True) -> str:
    """A streak in a sentence; without ``runs`` (streaks hidden) only the days of the last
    week, never how many in a row."""
    if not runs:
        if streak["last_7"] == 0:
            return f"{label}: none in the last 7 days."
        return f"{label}: {streak['last_7']} of the last 7 days."
    week = f"{streak['last_7']} of the last 7 days"
    current, longest = streak["current"], streak["longest"]
    if current > 0:
        longer = f", longest {longest}" if longest > current else ""
        return f"{label}: {plural(current, 'day')} running{longer}; {week}."
    if longest == 0:
        return f"{label}: none logged yet."
    if streak["last_7"] == 0:
        return f"{label}: none in the last 7 days; any day is a good day to pick it up again."
    return f"{label}: {week}."


def people_lines(rows: Sequence[dict[str, Any]], show: Any, day: str | None = None) -> list[str]:
    """``people`` as a table: name, rhythm, last contact, and how far past the rhythm (or
    "resting until 1 May" while a rest from them covers the day).

    Args:
        rows: :func:`people_view`'s rows.
        show: how a name reaches the terminal (:func:`storage.fields.visible`).
        day: the view's logical day (ISO), so a rest ending next year says its year.
    """
    if not rows:
        return ["No one here yet. People appear when you log a reach-out: leanon reach NAME"]
    table = [("Name", "Every", "Last contact", "")]
    for row in rows:
        every = plural(row["cadence_days"], "day") if row["cadence_days"] else "-"
        over = f"{plural(row['days_over'], 'day')} past" if row["overdue"] else ""
        if row.get("resting_until"):
            from datetime import date

            until = row["resting_until"]
            over = resting_phrase(until, date.fromisoformat(day or until))
        table.append((show(row["name"]), every, days_phrase(row["days_since"], ago=True), over))
    widths = [max(len(line[i]) for line in table) for i in range(3)]
    return [
        "  ".join([*(line[i].ljust(widths[i]) for i in range(3)), line[3]]).rstrip()
        for line in table
    ]


# --------------------------------------------------------------------- JSON


def _escape_table() -> dict[int, str]:
    table = {code: f"\\u{code:04x}" for code in range(0x20)}
    table.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})
    table.update({ord("\b"): "\\b", ord("\f"): "\\f", ord('"'): '\\"', ord("\\"): "\\\\"})
    return table


_ESCAPES = _escape_table()


def dumps(value: Any, indent: str = "") -> str:
    """``value`` as ``json.dumps(value, indent=2, ensure_ascii=False)`` writes it.

    For what leanon prints: dicts with string keys, lists and tuples, strings, whole
    numbers, floats, True, False and None.

    Raises:
        TypeError: a value JSON has no form for.
    """
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    kind = type(value)
    if kind is str:
        return '"' + value.translate(_ESCAPES) + '"'
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        if value != value:
            return "NaN"
        if value in (float("inf"), float("-inf")):
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    inner = indent + "  "
    if kind is dict:
        if not value:
            return "{}"
        items = []
        for key, item in value.items():
            if type(key) is not str:
                raise TypeError(f"keys must be str, not {type(key).__name__}")
            items.append(f"{inner}{dumps(key)}: {dumps(item, inner)}")
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        return (
            "[\n" + ",\n".join(inner + dumps(item, inner) for item in value) + "\n" + indent + "]"
        )
    raise TypeError(f"Object of type {kind.__name__} is not JSON serializable")
