"""Loop Habit Tracker's CSV export, read as reach-outs and rest days.

Loop writes a zip (or, unzipped, a folder) holding ``Habits.csv`` (one row per habit, by
``Position`` and ``Name``), ``Checkmarks.csv`` (a ``Date`` column, then one column per
habit, newest day first) and a folder per habit, ``001 Call Mum``, with its own
``Checkmarks.csv`` (``Date,Value[,Notes]``). The per-habit files are read where they are
there; the top-level file is read for a habit without one. Loop 2.1 wrote the top-level
cells as ``Entry(timestamp=…, value=2)``, unquoted, so each splits at its comma into two
fields; those are put back together.

Only the habits the person links to someone (``--habit 'Call Mum=Mum'``) are read into
entries; a habit is a routine, and only the person knows which are about whom. On a
linked habit:

* a day marked done (``YES_MANUAL``, ``2`` in the older numeric format) is a reach-out to
  that person that day, at midday, "reached out to Mum", with the habit's name as its note;
* ``YES_AUTO`` (``1``) is left out: Loop fills those days in itself when a habit's target
  for the week is met, so nobody reached out on them;
* ``SKIP`` (``3``) is a rest day: the person chose not to, which never breaks a streak;
* ``NO``, ``UNKNOWN`` and empty cells are nothing.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections import Counter
from collections.abc import Iterator, Mapping
from datetime import date, datetime

from storage.errors import InvalidInput
from storage.fields import name_key, visible
from storage.phrases import plural
from storage.reading import APP_NAMES, Local, Reading, numbered_rows, stable_id
from storage.records import Entry
from storage.store import validate_entry

HABITS, CHECKMARKS = "Habits.csv", "Checkmarks.csv"
"""The files of a Loop export that leanon reads."""

MAX_MEMBERS = 10_000
"""The most files a Loop zip may list: a habit is three files, and nobody has thousands."""

_MARKS: dict[str, str] = {
    "YES_MANUAL": "done",
    "2": "done",
    "YES_AUTO": "auto",
    "1": "auto",
    "SKIP": "skip",
    "3": "skip",
    "NO": "",
    "0": "",
    "UNKNOWN": "",
    "-1": "",
    "": "",
}
"""What each value of a checkmark means here (see the module's docstring)."""

Files = dict[str, str]
"""A Loop export's CSV files by their path inside it ("001 Call Mum/Checkmarks.csv")."""


def read_loop_zip(raw: bytes, habits: Mapping[str, str], local: Local) -> Reading:
    """A Loop export as Loop writes it: the zip.

    Only its CSV files named :data:`HABITS` and :data:`CHECKMARKS` are read, each no larger
    than an import may be, so a zip that claims little and unpacks to much is refused.
    """
    from storage.filesafe import MAX_IMPORT_BYTES

    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, OSError):
        raise InvalidInput("it is not a zip file leanon can read") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise InvalidInput(f"it holds {len(members):,} files, more than a Loop export has")
        wanted = [m for m in members if not m.is_dir() and _wanted(m.filename)]
        roots = [m.filename[: -len(HABITS)] for m in wanted if _base(m.filename) == HABITS]
        if not roots:
            raise InvalidInput(f"it is a zip without {HABITS}: not a Loop Habit Tracker export")
        root = min(roots, key=len)
        files: Files = {}
        left = MAX_IMPORT_BYTES
        for member in wanted:
            if not member.filename.startswith(root):
                continue
            try:
                with archive.open(member) as handle:
                    data = handle.read(left + 1)
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
                raise InvalidInput(f"{member.filename} in it can't be read ({exc})") from None
            left -= len(data)
            if left < 0:
                raise InvalidInput("it unpacks to more than any export leanon would read")
            files[member.filename[len(root) :]] = _text(data, member.filename)
    return read_loop_files(files, habits, local)


def read_loop_folder(path: str, habits: Mapping[str, str], local: Local) -> Reading:
    """A Loop export unzipped: the folder holding ``Habits.csv``.

    Raises:
        InvalidInput: it holds no ``Habits.csv``.
    """
    from storage.filesafe import UnsafeFile, read_regular

    if not os.path.isfile(os.path.join(path, HABITS)):
        raise InvalidInput(
            f"it is a folder, and not a Loop Habit Tracker export (it has no {HABITS}); "
            "import takes a file, or the folder of a Loop export"
        )
    names = [HABITS, CHECKMARKS]
    with os.scandir(path) as found:
        for entry in sorted(found, key=lambda e: e.name):
            if entry.is_dir(follow_symlinks=False):
                names.append(f"{entry.name}/{CHECKMARKS}")
    files: Files = {}
    for name in names:
        try:
            data = read_regular(os.path.join(path, name))
        except (FileNotFoundError, NotADirectoryError):
            continue
        except UnsafeFile as exc:
            raise InvalidInput(f"{exc.problem}; nothing was imported. {exc.fix}") from None
        except OSError as exc:
            raise InvalidInput(f"{name} in it can't be read ({exc.strerror or exc})") from None
        files[name] = _text(data, name)
    return read_loop_files(files, habits, local)


def read_loop_files(files: Files, habits: Mapping[str, str], local: Local) -> Reading:
    """A Loop export's CSV files as reach-outs and rest days for the linked habits.

    Args:
        files: the CSV files by their path in the export; ``Habits.csv`` among them.
        habits: who each linked habit is about, by its name (in any case and spacing:
            names match as people's do, :func:`storage.fields.name_key`). With none,
            nothing is read into entries, and every habit with its days done is in
            :attr:`Reading.unplaced`, for the person to choose.
        local: gives each day's midday its offset.

    Raises:
        InvalidInput: ``--habit`` names a habit the export does not have.
    """
    from storage.when import MIDDAY

    names = _habits(files.get(HABITS, ""))
    by_key = {name_key(name): name for name in names.values()}
    unknown = [h for h in habits if name_key(h) not in by_key]
    habits = {name_key(h): who for h, who in habits.items()}
    if unknown:
        raise InvalidInput(
            f"the export has no habit '{visible(unknown[0])}'; its habits are: "
            + ", ".join(visible(n) for n in names.values())
        )
    problems: list[str] = []
    marks = _marks(files, names, problems)
    done = Counter(key for key, _, mark, _ in marks if mark == "done")
    if not habits:
        return Reading(
            "loop",
            APP_NAMES["loop"],
            problems=tuple(problems),
            unplaced=tuple((name, done[name_key(name)]) for name in names.values()),
            option="--habit",
        )
    entries: dict[str, Entry] = {}
    auto = 0
    for key, day, mark, where in marks:
        who = habits.get(key)
        if who is None or not mark:
            continue
        if mark == "auto":
            auto += 1
            continue
        at = local(datetime.combine(day, MIDDAY))
        if mark == "skip":
            entry = Entry(stable_id("loop", "rest", day.isoformat()), "rest", at)
        else:
            ident = stable_id("loop", "reach", key, day.isoformat())
            entry = Entry(ident, "reach", at, who=who, via="other", note=by_key[key])
        try:
            entries.setdefault(entry.id, validate_entry(entry))
        except InvalidInput as exc:
            problems.append(f"{where}: {exc}")
    left_out = []
    if auto:
        left_out.append(
            f"{plural(auto, 'day')} Loop marked done by itself (YES_AUTO: the week's target "
            "was met; nobody reached out that day)"
        )
    others = [name for key, name in by_key.items() if key not in habits]
    if others:
        left_out.append(f"the habits not linked to anyone: {', '.join(others)}")
    return Reading(
        "loop",
        APP_NAMES["loop"],
        entries=tuple(sorted(entries.values(), key=lambda e: e.at)),
        problems=tuple(problems),
        left_out=tuple(left_out),
    )


# --------------------------------------------------------------------- the files


def _wanted(filename: str) -> bool:
    return _base(filename) in (HABITS, CHECKMARKS)


def _base(filename: str) -> str:
    return filename.rsplit("/", 1)[-1]


def _text(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(f"{name} in it is not text leanon can read (not UTF-8)") from None


def _rows(text: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """Each row of a CSV file with the line it starts on.

    Raises:
        InvalidInput: a row the csv module cannot read, named.
    """
    problems: list[str] = []
    yield from numbered_rows(csv.reader(io.StringIO(text, newline="")), problems, f"{name} line")
    if problems:
        raise InvalidInput(problems[0])


def _habits(text: str) -> dict[int, str]:
    """Every habit of ``Habits.csv`` by its position (1 for the first)."""
    rows = _rows(text, HABITS)
    header = [h.strip().lower() for h in next(rows, (0, []))[1]]
    if "name" not in header:
        raise InvalidInput(f"{HABITS} has no Name column: this is not a Loop Habit Tracker export.")
    habits: dict[int, str] = {}
    for index, (_, row) in enumerate(rows, start=1):
        cells = dict(zip(header, row, strict=False))
        name = " ".join(cells.get("name", "").split())
        position = cells.get("position", "").strip()
        if name:
            habits[int(position) if position.isdigit() else index] = name
    return habits


def _marks(
    files: Files, habits: Mapping[int, str], problems: list[str]
) -> list[tuple[str, date, str, str]]:
    """Every checkmark as (habit key, day, what it means, where it is), each habit's from
    its own file where it has one, else from the top-level ``Checkmarks.csv``."""
    marks: list[tuple[str, date, str, str]] = []
    own: set[str] = set()
    for name, text in files.items():
        folder, _, base = name.rpartition("/")
        number = folder.split(" ", 1)[0]
        if base != CHECKMARKS or not folder or not number.isdigit() or int(number) not in habits:
            continue
        key = name_key(habits[int(number)])
        own.add(key)
        for line, row in _rows(text, name):
            day = _date(row[0])
            if day is None:
                if line == 1:
                    continue  # the header: Date,Value,Notes
                problems.append(f"{name} line {line}: '{visible(row[0])}' is not a date")
                continue
            mark = _mark(row[1] if len(row) > 1 else "")
            if mark is None:
                problems.append(f"{name} line {line}: '{visible(row[1])}' is not a checkmark")
                continue
            marks.append((key, day, mark, f"{name} line {line}"))
    top = files.get(CHECKMARKS)
    if top is not None:
        marks += _top_marks(top, own, problems)
    return marks


def _top_marks(text: str, own: set[str], problems: list[str]) -> list[tuple[str, date, str, str]]:
    """The checkmarks of the top-level file, for the habits without a file of their own."""
    rows = _rows(text, CHECKMARKS)
    header = [name_key(h) for h in next(rows, (0, []))[1]]
    marks: list[tuple[str, date, str, str]] = []
    for line, raw in rows:
        row = _rejoined(raw)
        where = f"{CHECKMARKS} line {line}"
        day = _date(row[0])
        if day is None:
            problems.append(f"{where}: '{visible(row[0])}' is not a date")
            continue
        for key, cell in zip(header[1:], row[1:], strict=False):
            if not key or key in own:
                continue
            mark = _mark(cell)
            if mark is None:
                problems.append(f"{where}: '{visible(cell)}' is not a checkmark")
                continue
            marks.append((key, day, mark, where))
    return marks


def _rejoined(row: list[str]) -> list[str]:
    """Loop 2.1's unquoted ``Entry(timestamp=…, value=2)`` cells put back together."""
    if not any(cell.lstrip().startswith("Entry(") for cell in row):
        return row
    out: list[str] = []
    open_cell: str | None = None
    for cell in row:
        if open_cell is not None:
            open_cell += "," + cell
            if cell.rstrip().endswith(")"):
                out.append(open_cell)
                open_cell = None
        elif cell.lstrip().startswith("Entry(") and not cell.rstrip().endswith(")"):
            open_cell = cell
        else:
            out.append(cell)
    if open_cell is not None:
        out.append(open_cell)
    return out


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def _mark(cell: str) -> str | None:
    """What a checkmark cell means (see :data:`_MARKS`), or None when it is none of them."""
    value = cell.strip()
    if value.startswith("Entry(") and value.endswith(")"):
        fields = dict(
            part.strip().partition("=")[::2] for part in value[len("Entry(") : -1].split(",")
        )
        value = fields.get("value", "").strip()
    return _MARKS.get(value.upper())
