"""Plain words and glyphs for what the dashboard shows: pure functions, no Textual.

Everything here reads the same in colour or without: levels are drawn with block heights
and dots, never with colour alone, and times are said the way a person would say them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from storage.days import Streak

LEVEL_GLYPHS: dict[int, str] = {1: "▁", 2: "▂", 3: "▄", 4: "▆", 5: "█"}
"""One-row glyph for each honest score: the block grows with the score."""

NO_ANSWER = "·"
"""The glyph for a day without an honest answer: a quiet dot, not a gap or a zero."""

FULL = "█"
"""The glyph that fills one row of a taller chart."""


def cadence_phrase(cadence_days: int | None) -> str:
    """A chosen rhythm in words: "every day", "every 7 days", or "" when there is none."""
    if not cadence_days:
        return ""
    if cadence_days == 1:
        return "every day"
    if cadence_days == 7:
        return "every week"
    return f"every {cadence_days} days"


def streak_phrase(streak: Streak, runs: bool = True) -> tuple[str, str]:
    """Two short lines about a streak, warm whichever way it stands.

    The first says the current run (or that today is a fine day to start one: a missed day
    is just a day); the second the longest run and the last seven days. Without ``runs``
    (the person hid streaks) nothing is said of days in a row: only the days of the last
    week, and no second line.
    """
    if not runs:
        return f"{streak.last_7} of the last 7 days", ""
    if streak.current == 0:
        first = "ready when you are"
    elif streak.current == 1:
        first = "1 day running"
    else:
        first = f"{streak.current} days running"
    if streak.longest == 0:
        return first, "any day can start one"
    second = f"longest {streak.longest} · {streak.last_7} of the last 7 days"
    return first, second


def spark_line(scores: Sequence[int | None], width: int = 1) -> str:
    """One row of glyphs, one per day (``width`` characters each), oldest first."""
    cells = (LEVEL_GLYPHS.get(s, NO_ANSWER) if s is not None else NO_ANSWER for s in scores)
    return "".join(cell * max(1, width) for cell in cells)


def spark_rows(scores: Sequence[int | None], height: int, width: int = 1) -> list[str]:
    """A chart ``height`` rows tall (top row first), one column per day, oldest first.

    With ``height`` 1 this is :func:`spark_line`. Taller, a score of 5 fills the column and
    lower scores fill proportionally (at least one row), so the shape reads without colour;
    a day with no answer shows only a dot on the bottom row.
    """
    if height <= 1:
        return [spark_line(scores, width)]
    step = max(1, width)
    rows: list[str] = []
    for row in range(height, 0, -1):  # row numbers from the top (height) to the bottom (1)
        line: list[str] = []
        for score in scores:
            if score is None:
                cell = NO_ANSWER if row == 1 else " "
            else:
                filled = max(1, round(score * height / 5))
                cell = FULL if row <= filled else " "
            line.append(cell * step)
        rows.append("".join(line))
    return rows


def spark_axis(days: int, today: date, width: int = 1) -> str:
    """A label row under a chart of ``days`` columns ending ``today``: first date, then "today"."""
    total = days * max(1, width)
    start = (today - timedelta(days=days - 1)).strftime("%d %b").lstrip("0")
    end = "today"
    if total < len(start) + len(end) + 1:
        return end.rjust(total)
    return start + end.rjust(total - len(start))


def answered_average(scores: Sequence[int | None]) -> float | None:
    """The mean of the days that have an answer, or None when none has."""
    answered = [s for s in scores if s is not None]
    if not answered:
        return None
    return sum(answered) / len(answered)


_PREDICATES = ("is ", "was ", "cannot ", "can't ", "ends ", "has ", "needs ", "could ")


def problem_sentence(problem: str) -> str:
    """A :class:`~storage.errors.DataFileError` problem as a sentence of its own.

    Problems are written to follow the path ("leanon.json: is empty"); alone they read
    better as "The file is empty." A problem that names its own subject is capitalised.
    """
    text = " ".join(problem.split())
    if not text:
        return "Something is wrong with the file."
    if text.startswith(_PREDICATES):
        text = f"The file {text}"
    else:
        text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def pack(items: Sequence[str], width: int, sep: str = "   ") -> list[str]:
    """Lay ``items`` out in lines no wider than ``width``, never splitting an item."""
    lines: list[str] = []
    line = ""
    for item in items:
        candidate = f"{line}{sep}{item}" if line else item
        if line and len(candidate) > width:
            lines.append(line)
            line = item
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines
