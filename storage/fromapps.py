"""Bringing one's history from another app: Daylio, Loop Habit Tracker, a phone's contacts.

Which app a file came from is told by its content (:func:`detect`), unless the person
names it (``--from``). Each app's own reading lives in its module (:mod:`storage.daylio`,
:mod:`storage.loop`, :mod:`storage.vcard`), leanon's own files in :mod:`storage.transfer`.
Every one of them gives a :class:`Reading`: the records, ready for
:meth:`storage.store.Store.import_records`, and what was refused, what was left out on
purpose, and what the person still has to say (a level for a mood leanon does not know,
who a habit is about). The words of the preview and of the result live here too, so the
command line and the dashboard say the same.

Pure but for reading the path a person gave, always through
:func:`storage.filesafe.read_regular`; nothing here writes.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from storage.clock import Clock, day_name
from storage.errors import InvalidInput
from storage.fields import KIND_SPECS, SCORE_WORDS, clean_name, name_key, visible
from storage.phrases import and_list, plural
from storage.reading import APP_NAMES, Local, Reading

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from typing import Any

    from storage.store import ImportPlan, ImportResult

APPS: tuple[str, ...] = tuple(APP_NAMES)
"""The apps ``leanon import --from`` names (``tui.grammar.IMPORT_APPS`` mirrors it)."""

NAMES_SHOWN = 4
"""How many names a preview lists before it says "and 12 more"."""


# --------------------------------------------------------------------- which app


def detect(raw: bytes) -> str | None:
    """The app that wrote ``raw``, told by its content, or None (leanon's own, or unknown).

    A zip is a Loop export; a file starting ``BEGIN:VCARD`` a vCard file; a CSV whose
    header has Daylio's ``mood`` and ``time`` and a date column a Daylio export.
    """
    if raw.startswith(b"PK\x03\x04"):
        return "loop"
    head = raw[:4096].removeprefix(b"\xef\xbb\xbf").lstrip()
    if head[:11].upper() == b"BEGIN:VCARD":
        return "vcard"
    from storage.daylio import looks_like_daylio

    first = head.split(b"\n", 1)[0].decode("utf-8", "replace")
    if looks_like_daylio(first):
        return "daylio"
    return None


def _opened(raw: bytes, path: str, key_of: str | None) -> bytes:
    """The plain bytes of an encrypted (age) file given for an import, opened with the
    data file's key; ``raw`` itself when it is not encrypted."""
    from storage import sealed

    if not sealed.is_sealed(raw):
        return raw
    if key_of is None or not sealed.enabled(key_of):
        raise InvalidInput(
            f"{path} is encrypted (age); leanon opens it only with the key of an encrypted "
            "data file. Decrypt it with age first, or import it into that file."
        )
    try:
        return sealed.open_bytes(key_of, raw)
    except sealed.Damaged:
        raise InvalidInput(
            f"{path} is damaged: this file's key opens it, but its contents do not decrypt "
            "(changed or cut short after they were written)."
        ) from None
    except sealed.Locked:
        raise InvalidInput(
            f"{path} is encrypted with a key leanon can't use now (locked, or another "
            "file's). Run leanon unlock first, or decrypt it with age."
        ) from None


def read_path(
    path: str,
    *,
    clock: Clock,
    app: str | None = None,
    moods: Mapping[str, int] | None = None,
    habits: Mapping[str, str] | None = None,
    key_of: str | None = None,
) -> Reading:
    """Read the file (or, for Loop, the folder) at ``path`` for an import.

    Args:
        path: what the person gave.
        clock: its zone gives wall-clock times without an offset theirs; its now is the
            offset of a leanon CSV time written without one.
        app: the app it came from, when the person said (``--from``); else told by content.
        moods: levels for Daylio's moods, by :func:`storage.fields.name_key` of the name.
        habits: for Loop, who each habit is about, by the key of the habit's name.
        key_of: the (resolved) data file whose key opens an encrypted file given (one of
            its backups, or a copy from another device): :mod:`storage.sealed`.

    Raises:
        InvalidInput: it cannot be read, or is not what it was said to be.
    """
    from storage.filesafe import UnsafeFile, read_regular

    if app is not None and app not in APPS:
        from storage.typos import use_one_of

        raise InvalidInput(
            f"'{visible(app)}' is not an app leanon imports from; {use_one_of(app, APPS)}"
        )
    if os.path.isdir(path):
        if app not in (None, "loop"):
            raise InvalidInput(f"{path} is a folder; --from {app} takes a file.")
        from storage.loop import read_loop_folder

        return _checked(
            _named(path, read_loop_folder, path, habits or {}, _day_local(clock)),
            moods,
            habits,
            path,
        )
    try:
        raw = read_regular(path)
    except FileNotFoundError:
        raise InvalidInput(f"There is no file {path} to import.") from None
    except UnsafeFile as exc:
        raise InvalidInput(f"{exc.problem}; nothing was imported. {exc.fix}") from None
    except OSError as exc:
        raise InvalidInput(f"{path} can't be read ({exc.strerror or exc}).") from None
    raw = _opened(raw, path, key_of)
    found = app or detect(raw)
    if found == "loop":
        from storage.loop import read_loop_zip

        reading = _named(path, read_loop_zip, raw, habits or {}, _day_local(clock))
    elif found == "vcard":
        from storage.vcard import read_vcards

        reading = _named(path, read_vcards, raw)
    else:
        text = _text(raw, path)
        if found == "daylio":
            from storage.daylio import read_daylio

            reading = _named(path, read_daylio, text, moods or {}, clock.local)
        else:
            reading = _named(path, _read_leanon, text, clock)
    return _checked(reading, moods, habits, path)


def _named(path: str, read: Callable[..., Reading], *args: Any) -> Reading:
    """``read(*args)``, its refusal of the whole file said with the file's name."""
    try:
        return read(*args)
    except InvalidInput as exc:
        from storage.transfer import plain

        raise InvalidInput(f"{path}: {plain(exc)}. Nothing was imported") from None


def _day_local(clock: Clock) -> Local:
    """``clock.local`` for a Loop day's midday, but never ahead of now: today's, read
    before noon, is now, as ``--at`` reads today's date."""

    def local(wall: datetime) -> datetime:
        return min(clock.local(wall), clock.now().replace(microsecond=0))

    return local


def _text(raw: bytes, path: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(f"{path} is not a text file leanon can read (not UTF-8).") from None


def _read_leanon(text: str, clock: Clock) -> Reading:
    from storage.transfer import ImportProblems, read_import

    try:
        bundle = read_import(text, tz=clock.now().tzinfo)
    except ImportProblems as exc:
        return Reading("leanon", "a leanon file", problems=exc.problems)
    return Reading(
        "leanon",
        bundle.source,
        people=bundle.people,
        entries=bundle.entries,
        own_suggestions=bundle.own_suggestions,
        marks=bundle.marks,
        hidden_suggestions=bundle.hidden_suggestions,
    )


def _checked(
    reading: Reading,
    moods: Mapping[str, int] | None,
    habits: Mapping[str, str] | None,
    path: str,
) -> Reading:
    """``reading``, once the options given fit the file it came from."""
    if moods and reading.app != "daylio":
        raise InvalidInput(f"--moods is for a Daylio export; {path} is {reading.source}.")
    if habits and reading.app != "loop":
        raise InvalidInput(
            f"--habit is for a Loop Habit Tracker export; {path} is {reading.source}."
        )
    return reading


# --------------------------------------------------------------------- the options


def parse_moods(given: Sequence[str]) -> dict[str, int]:
    """``--moods 'Super=5,Gut=4'`` (given once or more) as levels by the mood's key.

    Raises:
        InvalidInput: a pair without ``=``, or a level that is not 1 to 5.
    """
    levels: dict[str, int] = {}
    for text in given:
        for pair in text.split(","):
            if not pair.strip():
                continue
            name, equals, level = pair.rpartition("=")
            if not equals or not name.strip():
                raise InvalidInput(
                    f"--moods takes a mood and its level, like 'Super=5,Gut=4'; "
                    f"'{visible(pair.strip())}' has no level"
                )
            if level.strip() not in {str(n) for n in SCORE_WORDS}:
                raise InvalidInput(
                    f"Give {visible(name.strip())} a level from 1 to 5 ({_scale()}), "
                    f"not '{visible(level.strip())}'"
                )
            levels[name_key(name)] = int(level)
    return levels


def parse_habits(given: Sequence[str]) -> dict[str, str]:
    """``--habit 'Call Mum=Mum'`` (once for each habit) as names by the habit, as typed.

    Raises:
        InvalidInput: no ``=``, or not a name after it.
    """
    links: dict[str, str] = {}
    for text in given:
        habit, equals, name = text.rpartition("=")
        if not equals or not habit.strip():
            raise InvalidInput(
                f"--habit takes a habit and who it is about, like 'Call Mum=Mum'; "
                f"'{visible(text)}' has no ="
            )
        links[" ".join(habit.split())] = clean_name(name)
    return links


def _scale() -> str:
    return ", ".join(f"{n} {w}" for n, w in sorted(SCORE_WORDS.items(), reverse=True))


# --------------------------------------------------------------------- the words


def unplaced_lines(reading: Reading, where: str) -> list[str]:
    """What leanon needs to know before it can import ``reading``, name by name, and what
    to give (the command line adds the command after it)."""
    if reading.option == "--moods":
        head = (
            f"{where} has {plural(len(reading.unplaced), 'mood')} leanon can't place on its "
            "scale of 1 to 5:"
        )
        rows = [f"  {name}, {plural(count, 'time')}" for name, count in reading.unplaced]
    else:
        head = f"Which of the habits in {where} are about someone? Each, with its days done:"
        rows = [f"  {name}, {plural(count, 'day')}" for name, count in reading.unplaced]
    return [head, *rows, placing_sentence(reading)]


def placing_sentence(reading: Reading) -> str:
    """What the person is asked to give for the names :func:`unplaced_lines` lists."""
    if reading.option == "--moods":
        return (
            "Give each a level from 1 (struggling) to 5 (genuinely good); rad, good, meh, "
            "bad and awful are 5 to 1 already."
        )
    return "Link each habit that is about a person to them; the others are left out."


def placing_option(reading: Reading, given: Sequence[str]) -> str:
    """The option to add to the command, with every name still to place: ``--moods
    'Super=?,Gut=?'`` (after the levels already given), or ``--habit 'Call Mum=NAME'``."""
    import shlex

    if reading.option == "--moods":
        pairs = [
            *(g.strip(" ,") for g in given if g.strip(" ,")),
            *(f"{n}=?" for n, _ in reading.unplaced),
        ]
        return f"--moods {shlex.quote(','.join(pairs))}"
    first = reading.unplaced[0][0] if reading.unplaced else "HABIT"
    return f"--habit {shlex.quote(first + '=NAME')}"


def preview_lines(reading: Reading, plan: ImportPlan, where: str) -> list[str]:
    """What importing ``reading`` would do, as ``--dry-run`` and the dashboard show it."""
    lines = [f"{where}: {reading.source}."]
    adds: list[str] = []
    counts: Counter[str] = Counter(e.kind for e in plan.entries)
    for kind, spec in KIND_SPECS.items():
        if counts[kind]:
            adds.append(f"  {plural(counts[kind], *spec.noun)}")
    if plan.entries:
        first = min(e.at for e in plan.entries).date()
        last = max(e.at for e in plan.entries).date()
        if first == last:
            adds.append(f"  dated {day_name(first)}")
        else:
            adds.append(f"  from {day_name(first)} to {day_name(last)}")
    if plan.people:
        names = [p.name for p in plan.people]
        who = plural(len(names), "person", "people")
        adds.append(f"  {who} new to your people: {_names(names)}")
    if plan.filled:
        names = [p.name for p in plan.filled]
        who = plural(len(names), "person", "people")
        adds.append(f"  {filled_words(plan.rests_filled)} for {who} you know: {_names(names)}")
    lines.append("Importing it would add:" if adds else "Importing it would add nothing new.")
    lines += adds
    known = [n for n in plan.known if name_key(n) not in {p.key for p in plan.filled}]
    if known:
        lines.append(f"Already in your people: {_names(known)}.")
    if plan.skipped:
        lines.append(
            f"Already there, and left as they are: {plural(plan.skipped, 'entry', 'entries')}."
        )
    if plan.kept_deleted:
        lines.append(
            f"Deleted here, and left out: {plural(plan.kept_deleted, 'entry', 'entries')} "
            "(--restore-deleted brings them back)."
        )
    if plan.replaced or plan.removed:
        lines.append(
            f"Later changes it holds: {plural(len(plan.replaced), 'edit')} and "
            f"{plural(len(plan.removed), 'deletion')} of entries here."
        )
    lines += left_out_lines(reading)
    if reading.problems:
        lines.append(f"It would refuse the whole file, for {plural(len(reading.problems), 'row')}:")
        lines += [f"  {problem}" for problem in reading.problems]
    return lines


def filled_words(rests: int) -> str:
    """What people already there got from an import: "a birthday or rhythm", and "or rest"
    only when a rest from someone was among it (a contacts file never holds one)."""
    return "a birthday, rhythm or rest" if rests else "a birthday or rhythm"


def left_out_lines(reading: Reading) -> list[str]:
    """What the file holds that an import leaves out on purpose, if anything."""
    return [f"Left out: {'; '.join(reading.left_out)}."] if reading.left_out else []


def result_line(result: ImportResult, reading: Reading) -> str:
    """What an import did, in one line: "Imported 412 entries (3 already there)."."""
    if reading.app == "vcard":
        line = f"Imported {plural(result.people_added, 'person', 'people')}"
        if result.people_filled:
            line += (
                f", and a birthday or rhythm for "
                f"{plural(result.people_filled, 'person', 'people')} already there"
            )
        return line + "."
    line = f"Imported {plural(result.added, 'entry', 'entries')}"
    if result.skipped:
        line += f" ({result.skipped} already there)"
    if result.people_added:
        line += f", and {plural(result.people_added, 'new person', 'new people')}"
    if result.people_filled:
        filled = plural(result.people_filled, "person", "people")
        line += f"; {filled_words(result.rests_filled)} for {filled}"
    if result.replaced:
        line += f"; {plural(result.replaced, 'later edit', 'later edits')} taken"
    if result.removed:
        line += f"; {plural(result.removed, 'entry', 'entries')} it says were deleted, deleted"
    if result.kept_deleted:
        line += (
            f"; {plural(result.kept_deleted, 'entry', 'entries')} you deleted left out "
            "(--restore-deleted brings them back)"
        )
    return line + "."


def _names(names: Sequence[str]) -> str:
    if len(names) <= NAMES_SHOWN + 1:
        return and_list(list(names))
    return and_list([*names[:NAMES_SHOWN], f"{len(names) - NAMES_SHOWN} more"])
