"""The facade over the data file: typed records in, typed records out.

Callers (the command line, the dashboard, the tests) never see a TinyDB ``Query`` or
``Document``. Every change runs inside one locked transaction of
:class:`~storage.jsonfile.SafeJSONStorage`, is written to disk once, and is recorded in the
``undo`` table so the last change can be taken back, even from another process.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, cast

from storage.clock import FUTURE_TOLERANCE, Clock, SystemClock, logical_day
from storage.days import CONNECTION_KINDS
from storage.errors import DataFileError, InvalidInput, NotFound
from storage.fields import (
    ENTRY_FIELDS,
    FIRST_YEAR,
    KIND_SPECS,
    LAST_YEAR,
    check_year,
    clean_birthday,
    clean_name,
    clean_resting_until,
    clean_score,
    clean_text,
    entry_doc_problem,
    entry_fields,
    person_doc_problem,
    undo_doc,
    visible,
    whole_seconds,
    year_in_range,
)
from storage.filebytes import next_doc_number, undo_dropped

if TYPE_CHECKING:
    from storage.insights import DayIndex
    from storage.summary import Summary
    from storage.totals import Key
from storage.docforms import person_from_doc, person_to_doc, settings_from_doc, settings_to_doc
from storage.records import (
    EFFORTS,
    ENTRY_SLOTS,
    Entry,
    Kind,
    Mark,
    Person,
    PersonStatus,
    Settings,
    Suggestion,
    build_entry,
    idea_key,
    name_key,
)
from storage.reflex import is_reflex

ENTRIES, PEOPLE, SETTINGS, UNDO = "entries", "people", "settings", "undo"
TABLES = (PEOPLE, ENTRIES, SETTINGS, UNDO)
CHANGES = "changes"
"""When entries were last edited or deleted, so a merge of two copies of the file (a sync
conflict) knows which change is the later one and keeps a deleted entry deleted. Made by
the first edit or deletion; logging never touches it (so the quick path need not either)."""

KEEP_CHANGES_DAYS = 400
"""How long an edit or deletion is remembered: a copy older than that (from a device not
synced for over a year) could bring a deleted entry back."""
KEEP_CHANGES = 1000
"""At most this many remembered changes, the newest: the table stays a few tens of kB."""

Doc = dict[str, Any]
Parts = list[tuple[str, str, Doc | None]]
UndoMode = Literal["record", "skip", "barrier"]
"""How a change meets undo: recorded; left out (a theme, another suggestion); or a barrier
that clears the undo list because it cannot be walked back past (an import)."""
"""What a change touched: (table, identity, the document before it, or None if new)."""


@dataclass(frozen=True, slots=True)
class ImportResult:
    """How an import went."""

    added: int
    skipped: int
    people_added: int
    people_filled: int = 0
    """People already there who got a birthday, a rhythm or a rest from them they lacked."""
    rests_filled: int = 0
    """Of those, the ones who got a rest from them (so the words can name it)."""
    kept_deleted: int = 0
    """Entries it holds that were deleted here (later than any edit there): left out."""
    removed: int = 0
    """Entries here that it says were deleted (later than any edit here): removed."""
    replaced: int = 0
    """Entries here it holds a later edit of: that edit taken."""
    edited_both: int = 0
    """Entries each side holds a different remembered edit of (they may have been edited
    apart, or one side may have seen the other's earlier edit): the later edit kept
    (counted in ``replaced`` too when the later one was the import's)."""
    lost_here: tuple[str, ...] = ()
    """Ids of entries whose version here lost to the import's later edit."""


class ImportRead(Protocol):
    """What an import file held, as read: a leanon file's :class:`storage.transfer.Bundle`
    or another app's :class:`storage.reading.Reading` (the same fields)."""

    @property
    def people(self) -> Sequence[Person]: ...
    @property
    def entries(self) -> Sequence[Entry]: ...
    @property
    def own_suggestions(self) -> Sequence[Suggestion]: ...
    @property
    def marks(self) -> dict[str, Mark] | None: ...
    @property
    def hidden_suggestions(self) -> Sequence[str]: ...


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What an import would do, worked out before anything is written.

    Attributes:
        people: the people it would add.
        filled: people already there, with the birthday or rhythm they would get.
        entries: the entries it would add, checked, each with its id.
        skipped: entries already there (by id, or by kind, moment, who and text).
        known: the names, as already written, of the people there it names.
        own_suggestions: the person's own suggestions it would add.
    """

    people: tuple[Person, ...]
    filled: tuple[Person, ...]
    entries: tuple[Entry, ...]
    skipped: int
    known: tuple[str, ...]
    own_suggestions: tuple[Suggestion, ...] = ()
    replaced: tuple[Entry, ...] = ()
    """Entries here it would replace with its later edit."""
    removed: tuple[Entry, ...] = ()
    """Entries here it would remove, deleted there later than any edit here."""
    kept_deleted: int = 0
    edited_both: int = 0
    lost_here: tuple[str, ...] = ()
    marks: dict[str, Mark] | None = None
    """The remembered edits and deletions afterwards, or None when they stay as they are."""
    hidden_suggestions: tuple[str, ...] = ()
    """The built-in ideas it would hide (hidden in the file imported, shown here)."""
    rests_filled: int = 0
    """Of ``filled``, the people who would get a rest from them they lacked."""

    @property
    def result(self) -> ImportResult:
        """The result of carrying it out."""
        return ImportResult(
            len(self.entries),
            self.skipped,
            len(self.people),
            len(self.filled),
            kept_deleted=self.kept_deleted,
            removed=len(self.removed),
            replaced=len(self.replaced),
            edited_both=self.edited_both,
            lost_here=self.lost_here,
            rests_filled=self.rests_filled,
        )


class Store:
    """leanon's data: people, entries and settings in one JSON file.

    Args:
        path: the data file (created on the first change if missing).
        clock: where "now" comes from; tests pass a fixed clock.
    """

    def __init__(self, path: Path | str, clock: Clock | None = None) -> None:
        self.path = Path(path)
        self.clock: Clock = clock or SystemClock()
        # Imported here: the totals read records without a store (storage.tally), where
        # TinyDB and orjson are not needed.
        from storage.jsonfile import SafeJSONStorage

        self._storage = SafeJSONStorage(self.path, today=self._backup_day)
        self._seen_generation = -1
        # Entries are typed lazily: logging from the command line never needs all of them.
        self._entry_cache: dict[str, Entry] | None = None
        self._entry_doc_id_cache: dict[str, str] = {}
        self._people: dict[str, Person] = {}
        self._person_doc_ids: dict[str, str] = {}
        self._settings = Settings()
        self._sorted: list[Entry] | None = None
        self._entries_version = 0
        self._index: DayIndex | None = None
        self._index_key: tuple[int, time] | None = None
        self._contacts: dict[str, list[Entry]] | None = None
        self._contacts_version = -1
        self._next_ids: dict[str, int] = {}

    # ----------------------------------------------------------------- lifecycle

    @classmethod
    def open(cls, path: Path | str, clock: Clock | None = None) -> Store:
        """Open ``path`` and check it now, so a bad file is reported before anything else."""
        store = cls(path, clock)
        store.check()
        return store

    def check(self) -> None:
        """Read and validate the file, raising :class:`DataFileError` if it is unusable."""
        self._storage.check()
        self._sync()

    def close(self) -> None:
        """Release the file."""
        self._storage.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def refresh(self) -> bool:
        """Pick up changes made by another process; True when the data changed."""
        changed = self._storage.refresh()
        if changed or self._storage.generation != self._seen_generation:
            self._sync()
            return True
        return False

    def bytes_source(self) -> tuple[Key, bytes] | None:
        """The key and bytes of the file the data in memory is (see
        :meth:`storage.jsonfile.SafeJSONStorage.bytes_source`), for keeping its totals."""
        self._sync()
        return self._storage.bytes_source()

    def bytes_crc(self) -> tuple[int, int] | None:
        """(seed, CRC-32) of :meth:`bytes_source`'s bytes, when already worked out."""
        self._sync()
        return self._storage.bytes_crc()

    def table_names(self) -> list[str]:
        """The file's tables in the order it holds them (what a save's record names)."""
        self._sync()
        return list(self._storage.read() or {})

    def real_path(self) -> str:
        """The data file with any symlink resolved: where its bytes, lock and totals live."""
        return os.path.realpath(self.path)

    @property
    def exists(self) -> bool:
        """Whether the data file is there yet (a first run has none)."""
        return self.path.exists()

    # ----------------------------------------------------------------- time

    @property
    def settings(self) -> Settings:
        """The person's settings."""
        self._sync()
        return self._settings

    def now(self) -> datetime:
        """The clock's current moment."""
        return self.clock.now()

    def day_of(self, at: datetime) -> date:
        """The logical day of a moment, with this file's ``day_starts_at``."""
        return logical_day(at, self.settings.day_starts_at)

    def today(self) -> date:
        """Today's logical day."""
        return self.day_of(self.clock.now())

    def _backup_day(self) -> date:
        # Called by the storage in the middle of a save: use what is in memory, read nothing.
        return logical_day(self.clock.now(), self._settings.day_starts_at)

    # ----------------------------------------------------------------- reading

    def entries(
        self,
        kinds: Kind | Iterable[Kind] | None = None,
        start: date | None = None,
        end: date | None = None,
    ) -> list[Entry]:
        """Entries oldest first, optionally of some kinds and within logical days [start, end]."""
        self._sync()
        wanted: frozenset[str] | None
        if kinds is None:
            wanted = None
        elif isinstance(kinds, str):
            wanted = frozenset({kinds})
        else:
            wanted = frozenset(kinds)
        result = self._all_sorted()
        if wanted is not None:
            result = [e for e in result if e.kind in wanted]
        if start is not None or end is not None:
            starts = self._settings.day_starts_at
            result = [
                e
                for e in result
                if (start is None or logical_day(e.at, starts) >= start)
                and (end is None or logical_day(e.at, starts) <= end)
            ]
        return result

    def entries_top(self) -> int:
        """The highest document number in the entries table (0 when it is empty)."""
        self._sync()
        table = (self._storage.read() or {}).get(ENTRIES, {})
        return max(map(int, table), default=0)

    def entry_documents(self) -> list[Doc]:
        """Every entry's stored document, in the file's order, as checked when it was read
        (for the export, which writes most of them as they are)."""
        self._sync()
        return list((self._storage.read() or {}).get(ENTRIES, {}).values())

    def entry(self, entry_id: str) -> Entry:
        """One entry by id."""
        self._sync()
        try:
            return self._entries[entry_id]
        except KeyError:
            raise NotFound(f"There is no entry with id {entry_id}.") from None

    def search(self, text: str) -> list[Entry]:
        """Entries whose words, name or via contain ``text`` (any case), newest first."""
        needle = text.casefold().strip()
        if not needle:
            return []
        found = [
            e
            for e in self.entries()
            if any(needle in (v or "").casefold() for v in (e.who, e.note, e.text, e.via))
        ]
        return found[::-1]

    def people(self) -> list[Person]:
        """Everyone, by name."""
        self._sync()
        return sorted(self._people.values(), key=lambda p: p.key)

    def person(self, name: str) -> Person:
        """One person by name (any case)."""
        self._sync()
        try:
            return self._people[name_key(name)]
        except KeyError:
            raise NotFound(f"There is nobody called {name.strip()} yet.") from None

    def people_status(self) -> list[PersonStatus]:
        """Each person with last contact and whether they are overdue, most overdue first
        (see :func:`storage.summary.people_status`)."""
        from storage.summary import people_status

        self._sync()
        return people_status(
            self._people.values(), self.day_index().people, self.today(), self._settings
        )

    def people_records(self) -> list[Person]:
        """Everyone, in the file's order (:meth:`people` sorts them by name)."""
        self._sync()
        return list(self._people.values())

    def summary(self) -> Summary:
        """The front page as of the clock's now (see :func:`storage.summary.summarize`)."""
        from storage.summary import summarize  # not needed to log from the command line

        now = self.now()
        return summarize(
            now=now,
            settings=self.settings,
            index=self.day_index(),
            people=self.people_status(),
            last_reach=self.last_reach(),
            counts=self.counts(),
            suggestion_skip=self.suggestion_skip(),
        )

    def last_reach(self) -> Entry | None:
        """The newest reach-out."""
        self._sync()
        return next((e for e in reversed(self._all_sorted()) if e.kind == "reach"), None)

    def day_index(self) -> DayIndex:
        """Entries grouped by logical day, rebuilt only when the entries or day start change."""
        from storage.insights import DayIndex  # not needed to log from the command line

        self._sync()
        key = (self._entries_version, self._settings.day_starts_at)
        if self._index is None or self._index_key != key:
            self._index = DayIndex.build(self._all_sorted(), self._settings.day_starts_at)
            self._index_key = key
        return self._index

    def contacts_with(self, name: str) -> list[Entry]:
        """Every reach-out to ``name`` and let-in with them (any case), newest first.

        From an index of everyone's contacts, made in one pass the first time after the
        entries change: a person page opened again, or another person's, walks nothing.
        """
        self._sync()
        if self._contacts is None or self._contacts_version != self._entries_version:
            by_key: dict[str, list[Entry]] = {}
            keys: dict[str, str] = {}
            for e in self._all_sorted():
                who = e.who
                if who and e.kind in CONNECTION_KINDS:
                    key = keys.get(who)
                    if key is None:
                        key = keys[who] = name_key(who)
                    by_key.setdefault(key, []).append(e)
            for found in by_key.values():
                found.reverse()
            self._contacts, self._contacts_version = by_key, self._entries_version
        return list(self._contacts.get(name_key(name), ()))

    def name_clashes(self) -> list[list[str]]:
        """Names stored as separate people that are one name (see ``fields.name_key``).

        Only a file from before names were matched in one Unicode form, or edited by hand,
        has any; the store shows one of each (the last), and the doctor names them all.
        """
        self._sync()
        by_key: dict[str, list[str]] = {}
        for doc in (self._storage.read() or {}).get(PEOPLE, {}).values():
            name = doc.get("name")
            if isinstance(name, str):
                by_key.setdefault(name_key(name), []).append(name)
        return [names for names in by_key.values() if len(names) > 1]

    def counts(self) -> dict[str, int]:
        """How many entries of each kind."""
        self._sync()
        counts: dict[str, int] = dict.fromkeys(KIND_SPECS, 0)
        for e in self._entries.values():
            counts[e.kind] += 1
        return counts

    def pending_undo(self) -> str | None:
        """What ``undo`` would take back, in plain words, or None."""
        self._sync()
        undo = (self._storage.read() or {}).get(UNDO, {})
        if not undo:
            return None
        newest = undo[max(undo, key=int)]
        return str(newest.get("summary", "the last change"))

    # ----------------------------------------------------------------- logging

    def add_reach(
        self, who: str, via: str = "text", note: str | None = None, at: datetime | None = None
    ) -> Entry:
        """Log a reach-out; a name not seen before becomes a person."""
        return self.add("reach", at, who=who, via=via, note=note)

    def add_honest(
        self,
        score: int,
        words: str | None = None,
        reflex: bool = False,
        at: datetime | None = None,
    ) -> Entry:
        """Log an honest answer to "how are you, really?"."""
        return self.add("honest", at, score=score, text=words, reflex=reflex)

    def add_belong(self, text: str, at: datetime | None = None) -> Entry:
        """Log a small moment of everyday belonging."""
        return self.add("belong", at, text=text)

    def add_letin(self, text: str, who: str | None = None, at: datetime | None = None) -> Entry:
        """Log a time the person let someone in; a new name becomes a person."""
        return self.add("letin", at, text=text, who=who)

    def add_rest(self, at: datetime | None = None) -> Entry:
        """Mark a rest day: it neither counts nor breaks a streak."""
        return self.add("rest", at)

    def add(self, kind: Kind, at: datetime | None = None, **typed: Any) -> Entry:
        """Log a new entry of ``kind`` from its fields as typed (see ``fields.entry_fields``)."""
        fields = entry_fields(kind, **typed)  # checked before the clock or the file is read
        return self._add(Entry(id=self._new_id(), kind=kind, at=self._when(at), **fields))

    def edit_entry(self, entry_id: str, **changes: Any) -> Entry:
        """Change fields of an entry: ``at``, ``who``, ``via``, ``note``, ``score``, ``text``.

        An honest answer's ``reflex`` flag says its first words were a quick one ("fine").
        A new text re-derives it (unless ``reflex`` is given too): a text that is only a
        reflex sets it; a text with more in it keeps the flag as it was, so an answer
        expanded after a quick start still counts as a quick first answer, now expanded.
        """
        old = self.entry(entry_id)
        allowed = {"at", *ENTRY_FIELDS}
        unknown = set(changes) - allowed
        if unknown:
            raise InvalidInput(f"An entry has no field {', '.join(sorted(unknown))}.")
        if "text" in changes and "reflex" not in changes:
            if "reflex" in KIND_SPECS[old.kind].field_names:
                changes["reflex"] = old.reflex or is_reflex(changes["text"])
        if "at" in changes:
            changes["at"] = self._when(changes["at"])
        new = validate_entry(replace(old, **changes))
        with self._change(f"the edit of {old.describe()}") as parts:
            if new.who:
                new = replace(new, who=self._ensure_person(new.who, parts).name)
            self._put_entry(new, parts)
            self._mark({new.id: ("edited", self.clock.now())})
        return new

    def delete_entry(self, entry_id: str) -> Entry:
        """Remove an entry (undo brings it back). The deletion is remembered, so a merge of
        another copy of the file that still holds the entry leaves it out."""
        old = self.entry(entry_id)
        with self._change(f"the removal of {old.describe()}") as parts:
            self._remove_entry(old, parts)
            self._mark({old.id: ("deleted", self.clock.now())})
        return old

    def undo(self) -> str | None:
        """Take back the last change; returns what was undone, or None if nothing was."""
        try:
            with self._storage.transaction():
                self._sync()
                undo = (self._storage.read() or {}).get(UNDO, {})
                if not undo:
                    return None
                number = max(undo, key=int)
                last = undo[number]
                for table, ident, before in reversed(last["parts"]):
                    self._restore(table, ident, before)
                # An entry undo takes away is a deletion like any other, and one it brings
                # back is the newest version of it: a merge must see both.
                now = self.clock.now()
                touched = {ident for table, ident, _ in last["parts"] if table == ENTRIES}
                self._mark(
                    {
                        ident: ("edited" if ident in self._entries else "deleted", now)
                        for ident in touched
                    }
                )
                data = self._storage.read() or {}
                del data[UNDO][number]
                self._storage.write(data)
        except BaseException:
            self._seen_generation = -1  # the caches may be ahead of the disk: rebuild them
            raise
        self._seen_generation = self._storage.generation
        return str(last.get("summary", "the last change"))

    # ----------------------------------------------------------------- people

    def add_person(
        self,
        name: str,
        cadence_days: int | None = None,
        trusted: bool = False,
        note: str | None = None,
        *,
        birthday: str | None = None,
        resting_until: str | None = None,
    ) -> Person:
        """Add someone; a name that is already there is an input error."""
        person = Person(
            name=clean_name(name),
            cadence_days=clean_cadence(cadence_days),
            trusted=bool(trusted),
            note=clean_text(note, "note", required=False),
            birthday=clean_birthday(birthday),
            resting_until=clean_resting_until(resting_until),
        )
        with self._change(f"adding {person.name}") as parts:
            if person.key in self._people:
                raise InvalidInput(f"{self._people[person.key].name} is already in your people.")
            self._put_person(person, parts)
        return person

    _UNSET: Any = object()

    def update_person(
        self,
        name: str,
        *,
        new_name: str | None = None,
        cadence_days: int | None = _UNSET,
        trusted: bool | None = None,
        note: str | None = _UNSET,
        birthday: str | None = _UNSET,
        resting_until: str | None = _UNSET,
    ) -> Person:
        """Rename someone or change their cadence, trust, note, birthday or rest from them
        (the last day of it, or None to end it); entries follow a rename."""
        old = self.person(name)
        person = old
        if new_name is not None:
            person = replace(person, name=clean_name(new_name))
        if cadence_days is not self._UNSET:
            person = replace(person, cadence_days=clean_cadence(cadence_days))
        if trusted is not None:
            person = replace(person, trusted=bool(trusted))
        if note is not self._UNSET:
            person = replace(person, note=clean_text(note, "note", required=False))
        if birthday is not self._UNSET:
            person = replace(person, birthday=clean_birthday(birthday))
        if resting_until is not self._UNSET:
            person = replace(person, resting_until=clean_resting_until(resting_until))
        with self._change(f"the change to {old.name}") as parts:
            if person.key != old.key:
                if person.key in self._people:
                    raise InvalidInput(
                        f"{self._people[person.key].name} is already in your people."
                    )
                self._remove_person(old, parts)
            self._put_person(person, parts)
            if person.name != old.name:
                now = self.clock.now()
                renamed: dict[str, Mark] = {}
                for e in list(self._entries.values()):
                    if e.who and name_key(e.who) == old.key:
                        self._put_entry(replace(e, who=person.name), parts)
                        renamed[e.id] = ("edited", now)
                self._mark(renamed)  # so a merge keeps the new name on them
        return person

    def delete_person(self, name: str) -> Person:
        """Remove someone from people; their past entries keep the name they were logged with."""
        old = self.person(name)
        with self._change(f"removing {old.name}") as parts:
            self._remove_person(old, parts)
        return old

    # ----------------------------------------------------------------- settings

    def set_theme(self, theme: str) -> None:
        """Remember the dashboard theme."""
        self._set_settings(f"the theme change to {theme}", undo="skip", theme=theme)

    def set_day_starts_at(self, starts: time) -> None:
        """Change when a day begins (04:00 by default)."""
        self._set_settings("the change of when a day starts", day_starts_at=starts)

    def dismiss_drift_until(self, day: date) -> None:
        """Hide the gentle drift note until ``day``; undo brings it back."""
        self._set_settings("hiding the drift note", drift_dismissed_until=day.isoformat())

    def set_nudge(self, *, quiet_hours: Any = _UNSET, once_a_day: bool | None = None) -> None:
        """Change when ``leanon nudge`` stays silent (``"21:00-09:00"``, or None for never)
        and whether it nudges at most once a day; undo takes it back."""
        changes: dict[str, Any] = {}
        if quiet_hours is not self._UNSET:
            changes["nudge_quiet_hours"] = quiet_hours
        if once_a_day is not None:
            changes["nudge_once_a_day"] = once_a_day
        self._set_settings("the change of the nudge's settings", **changes)

    def remember_nudge(self, day: date) -> None:
        """Note that ``day``'s nudge was given, so it is the only one that day.

        leanon's own bookkeeping, not the person's change: no undo step (``leanon undo``
        still takes back what they did last), and no daily backup for it alone (the day's
        first real change still makes one). A file that does not exist is not made for it.
        """
        if not self.exists:
            return
        with self._storage.without_daily_backup():
            self._set_settings("remembering the nudge", undo="skip", nudged_on=day.isoformat())

    def suggestion_skip(self) -> int:
        """How many times today the person asked for another suggestion."""
        from storage.summary import suggestion_skip

        return suggestion_skip(self.settings, self.today())

    def skip_suggestion(self) -> int:
        """Ask for another suggestion today; returns the new skip count."""
        skip = self.suggestion_skip() + 1
        self._set_settings(
            "asking for another suggestion",
            undo="skip",
            suggestion_day=self.today().isoformat(),
            suggestion_skip=skip,
        )
        return skip

    def configure(self, key: str, typed: str) -> str:
        """Set the setting named ``key`` (:data:`storage.config.SETTINGS`) from its typed
        value, or to its default with ``default``; returns the value as now set.

        Raises:
            InvalidInput: no such setting, or a value it does not take (one line).
        """
        from storage import config

        setting = config.find(key)
        settings = config.changed(self.settings, setting, typed)
        if settings != self._settings:
            undo: UndoMode = "skip" if setting.key == "theme" else "record"
            with self._change(f"the change of {setting.key}", undo) as parts:
                self._write_settings(settings, parts)
        return setting.value(self._settings)

    def set_key(self, binding: str, keys: str | None) -> None:
        """Bind the dashboard's ``binding`` to ``keys`` (None: back to its default).

        Which bindings exist and which keys clash is checked by the caller
        (:mod:`tui.keymap`), which knows the dashboard's keys.
        """
        from storage import config

        settings = config.with_key(self.settings, binding, keys)
        if settings != self._settings:
            with self._change(f"the change of the key for {binding}") as parts:
                self._write_settings(settings, parts)

    def add_own_suggestion(self, text: str, effort: str = "small") -> Suggestion:
        """Add one of the person's own let-someone-in ideas."""
        suggestion = self._own_idea(text, effort)
        own = self.settings.own_suggestions
        self._same_idea_refused(suggestion.text)
        self._set_settings("adding your idea", own_suggestions=(*own, suggestion))
        return suggestion

    def edit_own_suggestion(self, old: str, text: str, effort: str) -> Suggestion:
        """Change the words or the effort of one of the person's own ideas, in its place."""
        own = list(self.settings.own_suggestions)
        at = _idea_at(own, old)
        suggestion = self._own_idea(text, effort)
        if idea_key(suggestion.text) != idea_key(old):
            self._same_idea_refused(suggestion.text)
        own[at] = suggestion
        self._set_settings("changing your idea", own_suggestions=tuple(own))
        return suggestion

    def remove_own_suggestion(self, text: str) -> None:
        """Remove one of the person's own ideas."""
        own = list(self.settings.own_suggestions)
        del own[_idea_at(own, text)]
        self._set_settings("removing your idea", own_suggestions=tuple(own))

    def hide_suggestion(self, text: str, hidden: bool = True) -> None:
        """Stop offering one of the built-in ideas (``hidden=False`` offers it again)."""
        from storage.suggest import CATALOGUE

        key = idea_key(text)
        if not any(idea_key(s.text) == key for s in CATALOGUE):
            raise NotFound("That is not one of leanon's own ideas; your own you can remove.")
        kept = tuple(t for t in self.settings.hidden_suggestions if idea_key(t) != key)
        if hidden:
            shown = next(s.text for s in CATALOGUE if idea_key(s.text) == key)
            kept = (*kept, shown)
        if kept != self.settings.hidden_suggestions:
            summary = "hiding an idea" if hidden else "offering an idea again"
            self._set_settings(summary, hidden_suggestions=kept)

    @staticmethod
    def _own_idea(text: str, effort: str) -> Suggestion:
        if effort not in EFFORTS:
            raise InvalidInput(f"Effort is one of: {', '.join(EFFORTS)}.")
        return Suggestion(clean_text(text, "idea") or "", effort, own=True)

    def _same_idea_refused(self, text: str) -> None:
        from storage.suggest import CATALOGUE

        key = idea_key(text)
        if any(idea_key(s.text) == key for s in self.settings.own_suggestions):
            raise InvalidInput("That idea is already one of yours.")
        if any(idea_key(s.text) == key for s in CATALOGUE):
            raise InvalidInput("That idea is already one of leanon's own.")

    # ----------------------------------------------------------------- import

    def import_records(
        self,
        people: Sequence[Person] = (),
        entries: Sequence[Entry] = (),
        own_suggestions: Sequence[Suggestion] = (),
        *,
        marks: dict[str, Mark] | None = None,
        restore_deleted: bool = False,
        hidden_suggestions: Sequence[str] = (),
    ) -> ImportResult:
        """Merge records into the file; importing the same records twice adds nothing.

        Entries match by id; an entry with an empty id (a csv row without one) matches on
        kind, moment, who and text and gets a fresh id when it is new. Someone already
        there keeps everything they have; only a birthday or a rhythm they lack is filled
        in (a contact's birthday for a person logged long before).

        An entry deleted here stays deleted (unless ``restore_deleted``), and where the
        import is a copy of a data file with its own remembered changes (``marks``: a
        sync conflict), the later change of an entry wins: a later edit there replaces
        the entry here, a later deletion there removes it.
        """
        # Not undoable: an undo record of a large import would double the file. Importing
        # again is harmless, and the day's backup holds the file as it was.
        with self._change("the import", undo="barrier") as parts:
            plan = self._import_plan(
                people, entries, own_suggestions, marks, restore_deleted, hidden_suggestions
            )
            for person in (*plan.people, *plan.filled):
                self._put_person(person, parts)
            for entry in (*plan.entries, *plan.replaced):
                self._put_entry(entry, parts)
            for entry in plan.removed:
                self._remove_entry(entry, parts)
            if plan.marks is not None:
                self._write_marks(plan.marks)
            if plan.own_suggestions or plan.hidden_suggestions:
                own = (*self._settings.own_suggestions, *plan.own_suggestions)
                hidden = (*self._settings.hidden_suggestions, *plan.hidden_suggestions)
                settings = replace(self._settings, own_suggestions=own, hidden_suggestions=hidden)
                self._write_settings(settings, parts)
        return plan.result

    def import_read(self, read: ImportRead, *, restore_deleted: bool = False) -> ImportResult:
        """:meth:`import_records` of everything a file held, as read (a
        :class:`storage.transfer.Bundle` or a :class:`storage.reading.Reading`)."""
        return self.import_records(
            read.people,
            read.entries,
            read.own_suggestions,
            marks=read.marks,
            restore_deleted=restore_deleted,
            hidden_suggestions=read.hidden_suggestions,
        )

    def plan_read(self, read: ImportRead, *, restore_deleted: bool = False) -> ImportPlan:
        """:meth:`plan_import` of everything a file held, as read (see :meth:`import_read`)."""
        return self.plan_import(
            read.people,
            read.entries,
            read.own_suggestions,
            marks=read.marks,
            restore_deleted=restore_deleted,
            hidden_suggestions=read.hidden_suggestions,
        )

    def plan_import(
        self,
        people: Sequence[Person] = (),
        entries: Sequence[Entry] = (),
        own_suggestions: Sequence[Suggestion] = (),
        *,
        marks: dict[str, Mark] | None = None,
        restore_deleted: bool = False,
        hidden_suggestions: Sequence[str] = (),
    ) -> ImportPlan:
        """What :meth:`import_records` would do with these records now, writing nothing
        (``leanon import --dry-run``)."""
        self.refresh()  # another process may have changed the file since it was read
        return self._import_plan(
            people, entries, own_suggestions, marks, restore_deleted, hidden_suggestions
        )

    def _import_plan(
        self,
        people: Sequence[Person],
        entries: Sequence[Entry],
        own_suggestions: Sequence[Suggestion],
        theirs: dict[str, Mark] | None = None,
        restore_deleted: bool = False,
        hidden_suggestions: Sequence[str] = (),
    ) -> ImportPlan:
        ours = self._raw_marks()
        theirs = theirs or {}
        merged = dict(ours)
        natural = {_natural_key(e) for e in self._entries.values()}
        new: dict[str, Person] = {}
        filled: dict[str, Person] = {}
        rests: set[str] = set()
        known: dict[str, str] = {}
        for person in people:
            who = person.key  # once: for a name not in ASCII it is the dearest step here
            there = filled.get(who) or self._people.get(who)
            if there is None:
                new.setdefault(who, person)
                continue
            known[who] = there.name
            more = replace(
                there,
                birthday=there.birthday or person.birthday,
                cadence_days=there.cadence_days or person.cadence_days,
                resting_until=there.resting_until or person.resting_until,
            )
            if more != there:
                filled[who] = more
                if more.resting_until != there.resting_until:
                    rests.add(who)
        added: list[Entry] = []
        replaced: list[Entry] = []
        lost_here: list[str] = []
        ids: set[str] = set()
        skipped = kept_deleted = edited_both = 0
        for entry in entries:
            entry = validate_entry(entry, now=None)
            key = _natural_key(entry)
            mine = self._entries.get(entry.id) if entry.id else None
            if mine is not None and entry.id not in ids:
                ids.add(entry.id)
                win = _later(theirs.get(entry.id), ours.get(entry.id), entry, mine)
                if win == "theirs":
                    replaced.append(_as_named(entry, self._people, new))
                    merged[entry.id] = theirs[entry.id]
                    if entry.id in ours:
                        edited_both += 1
                        lost_here.append(entry.id)
                else:
                    skipped += 1
                    if win == "ours" and entry.id in theirs and entry.id in ours:
                        edited_both += 1
                continue
            if entry.id in ids or mine is not None or (not entry.id and key in natural):
                skipped += 1
                continue
            gone = ours.get(entry.id) if entry.id else None
            if gone is not None and gone[0] == "deleted":
                if restore_deleted:
                    merged.pop(entry.id, None)
                elif _later(theirs.get(entry.id), gone, entry, None) != "theirs":
                    kept_deleted += 1
                    ids.add(entry.id)
                    continue
                else:
                    merged[entry.id] = theirs[entry.id]
            if not entry.id:
                entry = replace(entry, id=self._new_id())
            ids.add(entry.id)
            if entry.who:
                who = name_key(entry.who)
                there = self._people.get(who) or new.get(who)
                if there is None:
                    new[who] = Person(entry.who)
                else:  # as a logged one would, the entry names them as they are written
                    entry = replace(entry, who=there.name)
                    if who in self._people:
                        known[who] = there.name
            added.append(entry)
            natural.add(key)
        removed: list[Entry] = []
        for ident, mark in theirs.items():
            if mark[0] != "deleted" or ident in ids:
                continue
            mine = self._entries.get(ident)
            if mine is not None:
                if _later(mark, ours.get(ident), None, mine) != "theirs":
                    continue  # edited here after it was deleted there: the edit stays
                removed.append(mine)
            remembered = merged.get(ident)
            if remembered is None or remembered[1] < mark[1]:
                merged[ident] = mark
        own: list[Suggestion] = []
        for s in own_suggestions:
            if all(
                o.text.casefold() != s.text.casefold()
                for o in (*self._settings.own_suggestions, *own)
            ):
                own.append(replace(s, own=True))
        hidden: list[str] = []
        for text in hidden_suggestions:
            if all(
                idea_key(t) != idea_key(text) for t in (*self._settings.hidden_suggestions, *hidden)
            ):
                hidden.append(text)
        return ImportPlan(
            people=tuple(new.values()),
            filled=tuple(filled.values()),
            entries=tuple(added),
            skipped=skipped,
            known=tuple(known.values()),
            own_suggestions=tuple(own),
            replaced=tuple(replaced),
            removed=tuple(removed),
            kept_deleted=kept_deleted,
            edited_both=edited_both,
            lost_here=tuple(lost_here),
            marks=None if merged == ours else merged,
            hidden_suggestions=tuple(hidden),
            rests_filled=len(rests),
        )

    # ----------------------------------------------------------------- remembered changes

    def marks(self) -> dict[str, Mark]:
        """Each entry's last remembered edit or deletion, by id (see :data:`CHANGES`)."""
        self._sync()
        return self._raw_marks()

    def _raw_marks(self) -> dict[str, Mark]:
        return marks_from_table((self._storage.read() or {}).get(CHANGES, {}))

    def _mark(self, changed: dict[str, Mark]) -> None:
        """Remember these edits and deletions (inside a change)."""
        if changed:
            self._write_marks({**self._raw_marks(), **changed})

    def _write_marks(self, marks: dict[str, Mark]) -> None:
        """Write the remembered changes, oldest first, pruned (:data:`KEEP_CHANGES_DAYS`,
        :data:`KEEP_CHANGES`). The same marks always give the same bytes, so two devices
        that merge the same two copies write the same file."""
        data = self._storage.read() or {}
        data[CHANGES] = marks_table(marks, self.clock.now())
        self._storage.write(data)

    # ----------------------------------------------------------------- internals

    def _sync(self) -> None:
        """Rebuild the typed caches when the file's data changed."""
        data = self._storage.read()
        generation = self._storage.generation
        if generation == self._seen_generation:
            return
        data = data or {}
        if not self._storage.as_saved:
            check_documents(data, self.path)  # not leanon's own bytes: every document, now
        self._entry_cache = None
        self._people, self._person_doc_ids = {}, {}
        for doc_id, doc in data.get(PEOPLE, {}).items():
            person = person_from_doc(doc, self.path)
            self._people[person.key] = person
            self._person_doc_ids[person.key] = doc_id
        settings_docs = list(data.get(SETTINGS, {}).values())
        self._settings = settings_from_doc(settings_docs[0] if settings_docs else {}, self.path)
        self._sorted = None
        self._entries_version += 1
        self._next_ids = {}
        self._seen_generation = generation

    @property
    def _entries(self) -> dict[str, Entry]:
        """Every entry by id, typed on first use after the data changed."""
        if self._entry_cache is None:
            table = (self._storage.read() or {}).get(ENTRIES, {})
            self._entry_cache, self._entry_doc_id_cache = entries_from_table(table, self.path)
        return self._entry_cache

    @property
    def _entry_doc_ids(self) -> dict[str, str]:
        self._entries  # noqa: B018 - builds the caches if they are stale
        return self._entry_doc_id_cache

    def _all_sorted(self) -> list[Entry]:
        if self._sorted is None:
            # Stable: entries logged at the same moment keep the order they were added in.
            self._sorted = sorted(self._entries.values(), key=_at)
        return self._sorted

    def _new_id(self) -> str:
        while True:
            new = os.urandom(6).hex()  # what secrets.token_hex does, without importing it
            # Only checked once entries are loaded; 48 random bits make a clash with 50,000
            # entries about a one-in-five-billion event otherwise.
            if self._entry_cache is None or new not in self._entry_cache:
                return new

    def _when(self, at: datetime | None) -> datetime:
        """The moment a new or edited entry gets: ``at`` (default now), in whole seconds."""
        now = self.clock.now()
        if at is None:
            return check_year(now.replace(microsecond=0))
        if at.tzinfo is None:
            at = at.replace(tzinfo=now.tzinfo)
        check_year(at)
        if at - now > FUTURE_TOLERANCE:
            raise InvalidInput("That time is in the future; leanon logs what has happened.")
        return at.replace(microsecond=0)  # "--at 2h" is now less two hours, to the second

    def _add(self, entry: Entry) -> Entry:
        change = self._change(entry.describe())
        with change as parts:
            if entry.who:
                entry = replace(entry, who=self._ensure_person(entry.who, parts).name)
                change.summary = entry.describe()  # undo says "Sam" as stored, not "sam"
            self._put_entry(entry, parts, new=True)
        return entry

    def _change(self, summary: str, undo: UndoMode = "record") -> _ChangeScope:
        return _ChangeScope(self, summary, undo)

    def _ensure_person(self, name: str, parts: Parts) -> Person:
        person = self._people.get(name_key(name))
        if person is None:
            person = Person(name=clean_name(name))
            self._put_person(person, parts)
        return person

    def _put_entry(self, entry: Entry, parts: Parts, new: bool = False) -> None:
        """Write an entry; ``new`` (a fresh id) skips loading every entry to look for it."""
        before = None if new else self._entries.get(entry.id)
        self._write_doc(ENTRIES, entry.id, entry.to_doc(), new=new)
        parts.append((ENTRIES, entry.id, before.to_doc() if before else None))

    def _remove_entry(self, entry: Entry, parts: Parts) -> None:
        self._write_doc(ENTRIES, entry.id, None)
        parts.append((ENTRIES, entry.id, entry.to_doc()))

    def _put_person(self, person: Person, parts: Parts) -> None:
        before = self._people.get(person.key)
        doc = person_to_doc(person)
        self._write_doc(PEOPLE, person.key, doc)
        parts.append((PEOPLE, person.key, person_to_doc(before) if before else None))

    def _remove_person(self, person: Person, parts: Parts) -> None:
        self._write_doc(PEOPLE, person.key, None)
        parts.append((PEOPLE, person.key, person_to_doc(person)))

    def _set_settings(self, summary: str, undo: UndoMode = "record", **changes: Any) -> None:
        with self._change(summary, undo) as parts:
            self._write_settings(replace(self._settings, **changes), parts)

    def _write_settings(self, settings: Settings, parts: Parts) -> None:
        old = settings_to_doc(self._settings)
        doc = settings_to_doc(settings)
        # Only the keys this change touched: undoing it must not take back a later theme.
        before = {key: value for key, value in old.items() if doc.get(key) != value}
        self._write_doc(SETTINGS, "settings", doc)
        parts.append((SETTINGS, "settings", before))

    def _restore(self, table: str, ident: str, doc: Doc | None) -> None:
        if table == SETTINGS:
            doc = {**settings_to_doc(self._settings), **(doc or {})}
        self._write_doc(table, ident, doc)

    def _write_doc(self, table_name: str, ident: str, doc: Doc | None, new: bool = False) -> None:
        """Insert, replace or (doc None) remove one document, keeping the caches in step.

        Every table (people, entries, settings, undo) is written straight into the
        storage's data: one data path, and no TinyDB ``Table`` with its private next id to
        reset. (``Table.insert`` also rebuilds a whole table on every insert, which on a
        decade of entries costs several times the save itself.) ``new`` says ``ident`` is
        not in the table yet, so the typed entries need not be loaded to find it.
        """
        if table_name == SETTINGS:  # one document, replaced whole
            data = self._storage.read() or {}
            data[SETTINGS] = {"1": dict(doc)} if doc is not None else {}
            self._storage.write(data)
            self._settings = settings_from_doc(doc or {}, self.path)
            return
        data = self._storage.read() or {}
        raw = data.setdefault(table_name, {})
        ids: dict[str, str] | None
        cache: dict[str, Any] | None
        if table_name == ENTRIES:
            loaded = self._entry_cache is not None
            ids = self._entry_doc_ids if loaded or not new else None
            cache = self._entries if loaded or not new else None
            value: Any = entry_from_doc(doc, self.path) if doc else None
        else:
            ids, cache = self._person_doc_ids, cast(dict[str, Any], self._people)
            value = person_from_doc(doc, self.path) if doc else None
        doc_id = None if ids is None else ids.get(ident)
        if doc is None:
            if ids is None or cache is None or doc_id is None:
                return
            raw.pop(doc_id, None)
            del ids[ident]
            cache.pop(ident, None)
            if table_name == ENTRIES:
                self._sorted = None
                self._entries_version += 1
        else:
            if doc_id is None:
                doc_id = str(self._next_doc_id(table_name, raw))
                if table_name == ENTRIES and self._sorted is not None:
                    bisect.insort(self._sorted, value, key=_at)
            elif table_name == ENTRIES:
                self._sorted = None
            if table_name == ENTRIES:
                self._entries_version += 1
            raw[doc_id] = dict(doc)
            if ids is not None and cache is not None:
                ids[ident] = doc_id
                cache[ident] = value
        self._storage.write(data)

    def _next_doc_id(self, table_name: str, raw: dict[str, Any]) -> int:
        following = self._next_ids.get(table_name) or next_doc_number(map(int, raw))
        self._next_ids[table_name] = following + 1
        return following


def _at(entry: Entry) -> datetime:
    return entry.at


class _ChangeScope:
    """One locked transaction that records its parts in the undo table on success."""

    def __init__(self, store: Store, summary: str, undo: UndoMode = "record") -> None:
        self.store = store
        self.summary = summary
        self.undo = undo
        self.parts: Parts = []
        self._transaction: Any = None

    def __enter__(self) -> Parts:
        self._transaction = self.store._storage.transaction()
        self._transaction.__enter__()
        try:
            self.store._sync()  # the file may have changed before we took the lock
        except BaseException as exc:
            self._transaction.__exit__(type(exc), exc, exc.__traceback__)
            raise
        return self.parts

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        store = self.store
        try:
            if exc_type is None and self.parts:
                if self.undo == "record":
                    self._record_undo()
                elif self.undo == "barrier":
                    # Undo walks back one change at a time; past a change it cannot take
                    # back, it would silently remove older entries instead. Stop there.
                    data = store._storage.read() or {}
                    data[UNDO] = {}
                    store._storage.write(data)
                data = store._storage.read() or {}
                if not all(name in data for name in TABLES):
                    # Every table is there from the first save, so the file reads as a whole.
                    for name in TABLES:
                        data.setdefault(name, {})
                    store._storage.write(data)
        finally:
            try:
                self._transaction.__exit__(exc_type, exc, tb)
            except BaseException:
                store._seen_generation = -1
                raise
            if exc_type is not None:
                store._seen_generation = -1
            else:
                store._seen_generation = store._storage.generation

    def _record_undo(self) -> None:
        """Add this change to the undo table and keep only the newest ``UNDO_DEPTH``.

        Written straight into the data, as people and entries are, so logging never needs
        TinyDB; documents are numbered as TinyDB numbers them, one past the highest.
        """
        store = self.store
        data = store._storage.read() or {}
        undo = data.setdefault(UNDO, {})
        keys = {int(key): key for key in undo}
        doc_id = next_doc_number(keys)
        undo[str(doc_id)] = undo_doc(self.summary, [list(p) for p in self.parts])
        keys[doc_id] = str(doc_id)
        for old in undo_dropped(keys, doc_id):
            del undo[keys[old]]
        store._storage.write(data)


def marks_from_table(table: Any) -> dict[str, Mark]:
    """The remembered changes of a ``changes`` table, by entry id.

    Read leniently: it is a help for merging, not data; a document that is not right
    (a hand edit) is left out rather than refusing the file. The latest mark of an id wins.
    """
    marks: dict[str, Mark] = {}
    if not isinstance(table, dict):
        return marks
    for doc in table.values():
        if not isinstance(doc, dict) or not isinstance(doc.get("id"), str):
            continue
        for how in ("edited", "deleted"):
            text = doc.get(how)
            if not isinstance(text, str):
                continue
            try:
                when = datetime.fromisoformat(text)
            except ValueError:
                continue
            if when.tzinfo is None:
                continue
            there = marks.get(doc["id"])
            if there is None or there[1] < when:
                marks[doc["id"]] = (cast(Literal["edited", "deleted"], how), when)
    return marks


def marks_table(marks: dict[str, Mark], now: datetime) -> dict[str, Doc]:
    """The ``changes`` table of ``marks``: oldest first, only the newest
    :data:`KEEP_CHANGES` of the last :data:`KEEP_CHANGES_DAYS` days."""
    horizon = now - timedelta(days=KEEP_CHANGES_DAYS)
    kept = sorted(
        ((when, ident, how) for ident, (how, when) in marks.items() if when >= horizon),
        key=lambda item: (item[0], item[1]),
    )[-KEEP_CHANGES:]
    return {
        str(number): {"id": ident, how: when.isoformat(timespec="microseconds")}
        for number, (when, ident, how) in enumerate(kept, start=1)
    }


def _later(
    theirs: Mark | None, ours: Mark | None, their_entry: Entry | None, our_entry: Entry | None
) -> Literal["theirs", "ours", "same"]:
    """Which side's version of one entry wins a merge: the later remembered change.

    A side without a mark has the entry as it was first logged, so any mark is later.
    Equal moments (or none) are settled by the documents themselves, so that two devices
    merging the same two copies choose the same one.
    """
    if their_entry is not None and our_entry is not None and their_entry == our_entry:
        return "same"
    if theirs is None:
        return "ours"
    if ours is None:
        return "theirs"
    if theirs[1] != ours[1]:
        return "theirs" if theirs[1] > ours[1] else "ours"
    mine = repr(our_entry.to_doc() if our_entry else None)
    there = repr(their_entry.to_doc() if their_entry else None)
    return "theirs" if there > mine else "ours"


def _as_named(entry: Entry, people: dict[str, Person], new: dict[str, Person]) -> Entry:
    """``entry`` naming its person as the file writes them (a new one is added by the plan)."""
    if not entry.who:
        return entry
    who = name_key(entry.who)
    there = people.get(who) or new.get(who)
    if there is None:
        new[who] = Person(entry.who)
        return entry
    return replace(entry, who=there.name)


def _natural_key(entry: Entry) -> tuple[str, str, str, str]:
    return (
        entry.kind,
        whole_seconds(entry.at).isoformat(),  # an older file's fractions match their export
        name_key(entry.who or ""),
        (entry.text or entry.note or "").strip(),
    )


# --------------------------------------------------------------------- validation


def clean_cadence(days: Any) -> int | None:
    """Days between contacts (the person's rhythm), 1 to 3650, or None for none."""
    if days is None:
        return None
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 3650:
        raise InvalidInput("A rhythm (in touch every N days) is a whole number from 1 to 3650.")
    return days


def validate_entry(entry: Entry, now: datetime | None = None) -> Entry:
    """Check every field of an entry for its kind; returns it tidied."""
    if entry.kind not in KIND_SPECS:
        raise InvalidInput(
            f"'{entry.kind}' is not a kind of entry; use one of: {', '.join(KIND_SPECS)}."
        )
    if entry.at.tzinfo is None:
        raise InvalidInput("A time needs its UTC offset.")
    check_year(entry.at)
    entry = replace(entry, at=whole_seconds(entry.at))
    if now is not None and entry.at - now > FUTURE_TOLERANCE:
        raise InvalidInput("That time is in the future; leanon logs what has happened.")
    # The fields of each kind and their checks are fields.entry_fields', as for a new entry;
    # the fields a kind does not have are cleared.
    fields = entry_fields(
        entry.kind,
        who=entry.who,
        via=entry.via,
        note=entry.note,
        score=entry.score,
        text=entry.text,
        reflex=entry.reflex,
    )
    return replace(entry, **{**_NO_FIELDS, **fields})


_NO_FIELDS: dict[str, Any] = {name: None for name in ENTRY_FIELDS} | {"reflex": False}
"""Every field an entry may have, empty."""


# --------------------------------------------------------------------- documents

BAD_DOCUMENT_FIX = (
    "Nothing was changed. Fix that field by hand, or remove it; `leanon doctor` names "
    "your newest backup."
)
"""What to do about a document leanon cannot read (the doctor puts the backup's path in)."""


def check_documents(data: dict[str, dict[str, Doc]], path: Path) -> None:
    """Refuse a file holding an entry or a person leanon cannot read, naming it.

    Run on every file whose bytes are not exactly what a leanon save wrote (a hand edit,
    a sync tool, a restored copy), before anything is read from it or written to it, so
    a reach-out logged on such a file can never rewrite it. The rules are
    :func:`storage.fields.entry_doc_problem` and :func:`storage.fields.person_doc_problem`;
    entry ids are unique within the file.

    Raises:
        DataFileError: naming the entry (by id) or person and the field; nothing changed.
    """
    fix = BAD_DOCUMENT_FIX
    seen: dict[str, str] = {}
    for number, doc in data.get(ENTRIES, {}).items():
        problem = entry_doc_problem(doc)
        label = doc.get("id") if isinstance(doc.get("id"), str) else f"number {number}"
        if problem is not None:
            raise DataFileError(path, f"entry {visible(str(label))} can't be read: {problem}", fix)
        if doc["id"] in seen:
            raise DataFileError(
                path,
                f"entries {seen[doc['id']]} and {number} share the id {visible(doc['id'])}; "
                "every entry needs its own",
                "Nothing was changed. Give one of them another id by hand (any twelve "
                "letters from 0-9 and a-f), or remove one.",
            )
        seen[doc["id"]] = number
    for number, doc in data.get(PEOPLE, {}).items():
        problem = person_doc_problem(doc)
        if problem is not None:
            name = doc.get("name")
            label = visible(name) if isinstance(name, str) else f"number {number}"
            raise DataFileError(path, f"person {label} can't be read: {problem}", fix)


_fromisoformat = datetime.fromisoformat


def entry_from_doc(doc: Doc, path: Path) -> Entry:
    """An Entry from its stored document; a malformed one is a data-file problem.

    This runs once per entry when a file is opened (50,000 times for a decade), so it
    checks cheaply and builds the record with :func:`build_entry`.
    """
    try:
        at = _fromisoformat(doc["at"])
        kind = doc["kind"]
        entry_id = doc["id"]
        if at.tzinfo is None or kind not in KIND_SPECS or type(entry_id) is not str:
            raise ValueError("its time, kind or id is not right")
        if not year_in_range(at):
            raise DataFileError(
                path,
                f'entry {entry_id} has the date {doc["at"]} in its "at", outside the years '
                f"{FIRST_YEAR} to {LAST_YEAR} leanon keeps",
                'Nothing was changed. Put the right date in that entry\'s "at" by hand, or '
                "remove the entry.",
            )
        score = doc.get("score")
        if score is not None and type(score) is not int:
            score = clean_score(score)  # "4" or 4.0, as a spreadsheet writes it: 4
        return build_entry(
            entry_id,
            kind,
            at,
            doc.get("who"),
            doc.get("via"),
            doc.get("note"),
            score,
            doc.get("text"),
            doc.get("reflex") is True,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        problem = entry_doc_problem(doc) if isinstance(doc, dict) else None
        if problem is not None:
            raise DataFileError(
                path,
                f"entry {visible(_doc_label(doc))} can't be read: {problem}",
                BAD_DOCUMENT_FIX,
            ) from None
        raise DataFileError(
            path,
            f"an entry could not be read ({_doc_label(doc)}: {exc})",
            "Run `leanon doctor` for the newest backup, or fix that entry by hand.",
        ) from None


def entries_from_table(
    table: dict[str, Doc], path: Path
) -> tuple[dict[str, Entry], dict[str, str]]:
    """Every entry of a stored table by id, and each one's document number.

    The loop behind opening a file, 50,000 times for a decade, so it is flat: the same
    checks as :func:`entry_from_doc`, which it falls back to for the plain error message
    when a document is not right.
    """
    from storage.jsonfile import gc_paused

    with gc_paused():
        return _entries_from_table(table, path)


def _entries_from_table(
    table: dict[str, Doc], path: Path
) -> tuple[dict[str, Entry], dict[str, str]]:
    cache: dict[str, Entry] = {}
    doc_ids: dict[str, str] = {}
    fromisoformat, new, kinds = _fromisoformat, object.__new__, KIND_SPECS
    first_year, last_year = FIRST_YEAR, LAST_YEAR
    set_id, set_kind, set_at, set_who, set_via, set_note, set_score, set_text, set_reflex = (
        ENTRY_SLOTS
    )
    for doc_id, doc in table.items():
        try:
            get = doc.get
            at = fromisoformat(doc["at"])
            kind = doc["kind"]
            entry_id = doc["id"]
            score = get("score")
            if (
                at.tzinfo is None
                or not first_year <= at.year <= last_year
                or kind not in kinds
                or type(entry_id) is not str
                or (score is not None and type(score) is not int)
            ):
                raise ValueError
        except (KeyError, TypeError, ValueError, AttributeError):
            entry = entry_from_doc(doc, path)  # raises the plain error, or tidies the score
        else:
            entry = new(Entry)
            set_id(entry, entry_id)
            set_kind(entry, kind)
            set_at(entry, at)
            set_who(entry, get("who"))
            set_via(entry, get("via"))
            set_note(entry, get("note"))
            set_score(entry, score)
            set_text(entry, get("text"))
            set_reflex(entry, get("reflex") is True)
        cache[entry.id] = entry
        doc_ids[entry.id] = doc_id
    return cache, doc_ids


def _doc_label(doc: Any) -> str:
    return str(doc.get("id", "no id")) if isinstance(doc, dict) else "not an object"


def _idea_at(ideas: Sequence[Suggestion], text: str) -> int:
    """Where the idea with ``text`` is among ``ideas``.

    Raises:
        NotFound: it is not there.
    """
    key = idea_key(text)
    for at, idea in enumerate(ideas):
        if idea_key(idea.text) == key:
            return at
    raise NotFound("That idea is not one of yours.")
