"""Daylio's CSV export, read as honest answers.

Daylio writes one row per mood logged. Its headers have grown over the years::

    year,date,weekday,time,mood,activities,note                   (the oldest)
    full_date,date,weekday,time,mood,activities,note
    full_date,date,weekday,time,mood,activities,note_title,note
    full_date,date,weekday,time,mood,activities,note_title,note,scales

Columns are found by name. ``full_date`` (``2024-03-15``) gives the day; the oldest header
has only ``year`` and a ``date`` in the phone's language ("15 March", "15. März", "15
marca", "15 de marzo", "15 במרץ"), read with :data:`MONTH_WORDS`. Weekday names are not
needed. ``time`` may be 12-hour (``5:01 PM``) or 24-hour (``17:01``), even in one file.
``scales`` (Daylio's other trackers) is not read.

Daylio keeps a mood's name, not its level, and a person may rename and add moods; only the
five stock names (:data:`STOCK_MOODS`) have a known level. Any other name needs the
person's word (``--moods``); until then it is listed in :attr:`Reading.unplaced` with how
often it occurs.

Each row becomes one answer: its words are the note's title and the note, then the
day's activities on a last line ("Activities: work, family"), so they show, search and
export with the answer, where a person looks for what that day held. The time is the
wall-clock time Daylio wrote, at the offset the machine's zone had on that date.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Mapping
from datetime import date, datetime, time

from storage.errors import InvalidInput
from storage.fields import name_key
from storage.reading import APP_NAMES, Local, Reading, numbered_rows, stable_id
from storage.records import Entry
from storage.store import validate_entry

STOCK_MOODS: dict[str, int] = {"rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1}
"""Daylio's five moods as it ships them, and their levels on leanon's 1 to 5."""

ACTIVITIES = "Activities: "
"""How the last line of an imported answer's words starts when the day had activities."""

_MONTHS: dict[int, str] = {
    1: "january jan januar jänner janvier enero gennaio janeiro januari stycznia styczeń "
    "января январь ינואר",
    2: "february feb februar février febrero febbraio fevereiro februari lutego luty "
    "февраля февраль פברואר",
    3: "march mar märz mars marzo março maart marca marzec марта март מרץ",
    4: "april apr avril abril aprile kwietnia kwiecień апреля апрель אפריל",
    5: "may mai mayo maggio maio mei maja maj мая май מאי",
    6: "june jun juni juin junio giugno junho czerwca czerwiec июня июнь יוני",
    7: "july jul juli juillet julio luglio julho lipca lipiec июля июль יולי",
    8: "august aug août agosto augustus sierpnia sierpień августа август אוגוסט",
    9: "september sep sept septembre septiembre setiembre settembre setembro września "
    "wrzesień сентября сентябрь ספטמבר",
    10: "october oct oktober octobre octubre ottobre outubro października październik "
    "октября октябрь אוקטובר",
    11: "november nov novembre noviembre novembro listopada listopad ноября ноябрь נובמבר",
    12: "december dec dezember décembre diciembre dicembre dezembro grudnia grudzień "
    "декабря декабрь דצמבר",
}

MONTH_WORDS: dict[str, int] = {word: n for n, words in _MONTHS.items() for word in words.split()}
"""Month names as Daylio's oldest export writes them in English, German, French, Spanish,
Italian, Portuguese, Dutch, Polish, Russian and Hebrew (the forms "15 marca" and "marzec"
both); only the oldest header, which has no ``full_date``, needs them."""

_FILLER = frozenset({"de", "del", "of", "le", "la"})
"""Words between the day and the month ("15 de marzo")."""

_HEADER_HINT = "full_date,date,weekday,time,mood,activities,note"


def looks_like_daylio(first_line: str) -> bool:
    """Whether a file's first line is a Daylio header."""
    columns = {c.strip().strip('"').lower() for c in first_line.strip().split(",")}
    return {"mood", "time"} <= columns and bool({"full_date", "year"} & columns)


def read_daylio(text: str, moods: Mapping[str, int], local: Local) -> Reading:
    """Every row of a Daylio export as an honest answer.

    Args:
        text: the file's text.
        moods: the person's levels, by :func:`storage.fields.name_key` of the mood; they
            win over the stock five.
        local: gives the wall-clock times their offset.

    Raises:
        InvalidInput: it is not a Daylio export at all.
    """
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except (StopIteration, csv.Error):
        header = []
    if not looks_like_daylio(",".join(header)) or not ("full_date" in header or "date" in header):
        raise InvalidInput(
            f"This is not a Daylio export: line 1 should be its header ({_HEADER_HINT})"
        )
    width = len(header)
    levels = {**STOCK_MOODS, **moods}
    problems: list[str] = []
    entries: list[Entry] = []
    unplaced: dict[str, str] = {}
    unplaced_count: Counter[str] = Counter()
    seen: dict[tuple[str, ...], int] = {}
    for line, row in numbered_rows(reader, problems):
        cells = _fitted(row, header)
        if cells is None:
            problems.append(f"line {line}: {len(row)} values where the header has {width} columns")
            continue
        try:
            day = _day(cells)
            at = _clock_time(cells.get("time", ""))
        except InvalidInput as exc:
            problems.append(f"line {line}: {exc}")
            continue
        mood = cells.get("mood", "").strip()
        key = name_key(mood)
        if not key:
            problems.append(f"line {line}: the mood is empty")
            continue
        level = levels.get(key)
        if level is None:
            unplaced.setdefault(key, mood)
            unplaced_count[key] += 1
            continue
        activities = [a.strip() for a in cells.get("activities", "").split("|") if a.strip()]
        title, note = cells.get("note_title", "").strip(), cells.get("note", "").strip()
        source = (day.isoformat(), at.isoformat("minutes"), key, "|".join(activities), title, note)
        seen[source] = seen.get(source, 0) + 1  # the same row twice is two answers
        words = [w for w in (title, note) if w]
        if activities:
            words.append(ACTIVITIES + ", ".join(activities))
        try:
            entry = validate_entry(
                Entry(
                    stable_id("daylio", *source, str(seen[source])),
                    "honest",
                    local(datetime.combine(day, at)),
                    score=level,
                    text="\n".join(words) or None,
                )
            )
        except InvalidInput as exc:
            problems.append(f"line {line}: {_tail(exc)}")
            continue
        entries.append(entry)
    return Reading(
        "daylio",
        APP_NAMES["daylio"],
        entries=tuple(entries),
        problems=tuple(problems),
        unplaced=tuple((mood, unplaced_count[key]) for key, mood in unplaced.items()),
        option="--moods" if unplaced else "",
    )


def _fitted(row: list[str], header: list[str]) -> dict[str, str] | None:
    """A row's cells by column, when its meaning is clear despite one value too many or too
    few; None otherwise.

    One too few: the last column is missing (the note, or the scales), and is empty. One
    too many: a comma after the last value (an empty extra), or an unquoted comma in the
    note when the note is the last column (the two parts are the note).
    """
    width = len(header)
    if len(row) == width - 1:
        row = [*row, ""]
    elif len(row) == width + 1:
        if not row[-1].strip():
            row = row[:-1]
        elif header[-1] == "note":
            row = [*row[:-2], f"{row[-2]},{row[-1]}"]
        else:
            return None
    elif len(row) != width:
        return None
    return dict(zip(header, row, strict=True))


def _day(cells: Mapping[str, str]) -> date:
    """The row's day: its ``full_date``, or the oldest header's ``year`` and ``date``."""
    full = cells.get("full_date", "").strip()
    if full:
        try:
            return date.fromisoformat(full)
        except ValueError:
            raise InvalidInput(f"'{full}' is not a date like 2024-03-15") from None
    year, written = cells.get("year", "").strip(), cells.get("date", "").strip()
    words = written.replace(".", " ").replace(",", " ").split()
    days = [w for w in words if w.isdigit()]
    names = [w.casefold() for w in words if not w.isdigit() and w.casefold() not in _FILLER]
    month = _month(names[0]) if len(names) == 1 else None
    if not year.isdigit() or len(days) != 1 or month is None:
        raise InvalidInput(
            f"'{written}' is not a day leanon can read in this language; Daylio's newer "
            "exports have a full_date column: export again from Daylio to import them"
        )
    try:
        return date(int(year), month, int(days[0]))
    except ValueError:
        raise InvalidInput(f"'{written} {year}' is not a day there is") from None


def _month(word: str) -> int | None:
    """The month a written month name stands for, whole or cut short ("sept", "mar")."""
    if word in MONTH_WORDS:
        return MONTH_WORDS[word]
    if word.startswith("ב") and word[1:] in MONTH_WORDS:  # Hebrew "in March"
        return MONTH_WORDS[word[1:]]
    if len(word) >= 3:
        months = {n for w, n in MONTH_WORDS.items() if w.startswith(word)}
        if len(months) == 1:
            return months.pop()
    return None


def _clock_time(text: str) -> time:
    """``5:01 PM``, ``5:01 p.m.``, ``17:01`` or ``17:01:30`` as a time of day."""
    tidy = " ".join(text.strip().lower().replace(".", "").split())
    half = ""
    for suffix in ("am", "pm"):
        if tidy.endswith(suffix):
            half, tidy = suffix, tidy[: -len(suffix)].strip()
    parts = tidy.split(":")
    if not 2 <= len(parts) <= 3 or not all(p.isdigit() and p.isascii() for p in parts):
        raise InvalidInput(f"'{text.strip()}' is not a time like 17:01 or 5:01 PM")
    hour, minute = int(parts[0]), int(parts[1])
    second = int(parts[2]) if len(parts) == 3 else 0
    if half:
        if not 1 <= hour <= 12:
            raise InvalidInput(f"'{text.strip()}' is not a time like 17:01 or 5:01 PM")
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise InvalidInput(f"'{text.strip()}' is not a time of day")
    return time(hour, minute, second)


def _tail(exc: BaseException) -> str:
    from storage.transfer import plain

    return plain(exc)
