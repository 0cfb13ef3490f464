"""What reading a file from another app gives: a :class:`Reading`, and the stable ids of
its entries. Shared by :mod:`storage.fromapps` and each app's module."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.records import Entry, Mark, Person, Suggestion

APP_NAMES: dict[str, str] = {
    "daylio": "a Daylio export",
    "loop": "a Loop Habit Tracker export",
    "vcard": "a vCard file of contacts",
}
"""What each app's file is, in a person's words."""

Local = Callable[[datetime], datetime]
"""Turns a wall-clock time without an offset into a moment (:meth:`storage.clock.Clock.local`)."""


@dataclass(frozen=True)
class Reading:
    """Everything read from an import file, before anything is merged.

    Attributes:
        app: "daylio", "loop", "vcard", or "leanon" for leanon's own JSON and CSV.
        source: what the file is, in words ("a Daylio export").
        people: the people it names, each once.
        entries: its entries, each checked, with its stable id.
        own_suggestions: the person's own ideas (leanon's own exports only).
        problems: the rows it refuses, "line 7: what is wrong"; any one of them refuses
            the whole file.
        left_out: what it leaves out on purpose, as phrases ("3 cards without a name").
        unplaced: names leanon needs the person's word on before it can import, each with
            how often it occurs: moods without a level, or (Loop) habits not linked to
            anyone when none is.
        option: the option that places them: ``--moods`` or ``--habit``.
        marks: a copy of a data file's remembered edits and deletions, by entry id (see
            :data:`storage.store.CHANGES`), or None.
    """

    app: str
    source: str
    people: tuple[Person, ...] = ()
    entries: tuple[Entry, ...] = ()
    own_suggestions: tuple[Suggestion, ...] = ()
    problems: tuple[str, ...] = ()
    left_out: tuple[str, ...] = ()
    unplaced: tuple[tuple[str, int], ...] = ()
    option: str = ""
    marks: dict[str, Mark] | None = None
    hidden_suggestions: tuple[str, ...] = ()
    """The built-in ideas the file hid, by their text (leanon's own files only)."""

    @property
    def ready(self) -> bool:
        """Whether it can be imported as it is: nothing refused, nothing to place."""
        return not self.problems and not self.unplaced


def stable_id(app: str, *parts: str) -> str:
    """An entry id made from what a row holds, so importing the row again finds it there.

    ``daylio-`` and twelve hex digits: the app it came from, and a hash of the parts.
    """
    import hashlib

    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8", "surrogatepass"), digest_size=6)
    return f"{app}-{digest.hexdigest()}"


def numbered_rows(
    reader: Any, problems: list[str], where: str = "line"
) -> Iterator[tuple[int, list[str]]]:
    """Each row of a ``csv.reader`` that is not blank, with the line it starts on.

    A row the csv module cannot read ends the reading, noted in ``problems`` as ``"line 7:
    what is wrong"`` (``where`` is what comes before the number: a file's name too).
    """
    import csv

    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append(f"{where} {line}: {exc}")
            return
        if any(cell.strip() for cell in row):
            yield line, row
