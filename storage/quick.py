"""Adding one entry to the data file without reading all of it: the command line's quick path.

``leanon reach Sam`` from a shell should feel instant even after years of entries. Parsing
the whole file to add one entry grows with the file (10,000 entries take about 15 ms just
to parse, before Python has imported anything). So when the file is exactly what a leanon
save last wrote, the new entry is spliced into its text instead:

* Every save leaves a record in the lock file: the file's size, its CRC-32, the data
  format and the tables in order (:func:`storage.filesafe.saved_record`). Under the lock,
  the quick path reads the file and checks both. Only then does it trust the layout: the
  bytes are a leanon save of data that was parsed and checked, indented as
  :mod:`storage.jsonfile` writes it.
* It parses only the small tables it needs (people, undo, settings) and writes the new
  entry, its undo record and, for a new name, the person, exactly as a full save would:
  the same bytes, which ``tests/test_quick.py`` checks against :class:`storage.store.Store`.
* It saves the same way too (temp file, fsync, rename, daily backup, new lock record).

Anything unexpected (no record, another size or checksum, a hand-edited file, a layout it
does not know, a name with escapes, an error while writing) returns ``None`` with the file
untouched, and the caller takes the ordinary path, which parses and checks everything.
Nothing here imports more than ``os``, ``zlib`` and ``datetime``.
"""

from __future__ import annotations

import os

from storage import filesafe, sealed, totals
from storage.clock import logical_day
from storage.fields import (
    check_year,
    clean_name,
    describe,
    entry_fields,
    name_key,
    person_doc,
    undo_doc,
)
from storage.filebytes import DOC_LINE, Layout, NotAsSaved, Table, doc_text, undo_dropped

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from datetime import datetime
    from typing import Any

    from storage.fields import Kind

NEEDED_TABLES = ("people", "entries", "undo", "settings", "meta")
"""A file the quick path adds to has all of these (every leanon save makes them)."""


class Logged:
    """What the quick path logged.

    Attributes:
        said: the entry in plain words ("texted Sam"), as the store's ``describe`` says it.
        new_person: the name of the person the entry added, or None (no name, or known).
        known: the names of the people there were before, in the file's order.
    """

    __slots__ = ("known", "new_person", "said")

    def __init__(self, said: str, new_person: str | None, known: list[str]) -> None:
        self.said = said
        self.new_person = new_person
        self.known = known


def log_entry(
    path: str | os.PathLike[str],
    kind: Kind,
    now: datetime,
    *,
    entry_id: str | None = None,
    **typed: Any,
) -> Logged | None:
    """Log one new entry now, if the file allows the quick path; what was logged, or None.

    Args:
        path: the data file.
        kind: reach, honest, belong, letin or rest.
        now: the moment, from the caller's clock; the entry is stamped with it.
        entry_id: the new entry's id (tests fix it; normally random, as the store makes them).
        typed: the fields as typed (who, via, note, score, text, reflex).

    Returns:
        The entry in plain words ("texted Sam") and whether it added a person, or None when
        the quick path does not apply and nothing was written: the caller then goes the
        ordinary way.

    Raises:
        InvalidInput: what was typed cannot be logged (checked before the file is opened).
    """
    fields = entry_fields(kind, **typed)
    real = filesafe.real_path(path)
    try:
        filesafe.check_place(real)
        lock_fd = filesafe.open_lock(filesafe.lock_path(real), create=False)
    except OSError:
        return None  # no lock file yet, or something the ordinary path explains plainly
    try:
        filesafe.lock(lock_fd)
        return _log_locked(real, lock_fd, kind, now, entry_id, fields)
    except (NotAsSaved, OSError, ValueError, LookupError, sealed.CannotOpen):
        return None  # raised before the file was replaced: nothing changed
    finally:
        try:  # never raises past a saved entry, or the caller would log it again
            filesafe.unlock(lock_fd)
        except OSError:
            pass  # closing the file releases the lock all the same
        try:
            os.close(lock_fd)
        except OSError:
            pass


def _log_locked(
    real: str,
    lock_fd: int,
    kind: Kind,
    now: datetime,
    entry_id: str | None,
    fields: dict[str, Any],
) -> Logged:
    lock_bytes = os.read(lock_fd, 4096)
    record = filesafe.parse_saved_record(lock_bytes)
    if record is None:
        raise NotAsSaved
    size, crc, schema, tables = record
    if schema != filesafe.SCHEMA_VERSION or not set(NEEDED_TABLES) <= set(tables):
        raise NotAsSaved
    encrypted = sealed.enabled(real)
    with open(real, "rb", buffering=0) as handle:
        before = os.fstat(handle.fileno())
        if encrypted:  # the record is of the plain bytes (storage.sealed)
            raw = sealed.open_file(real, handle, size)
            disk = None  # read again only if a backup needs the bytes as they are on disk
        else:
            if before.st_size != size:
                raise NotAsSaved
            disk = raw = handle.read()
    layout = Layout(raw, tables)

    at = check_year(now.replace(microsecond=0))
    doc: dict[str, Any] = {"id": entry_id or os.urandom(6).hex(), "kind": kind}
    doc["at"] = at.isoformat()
    doc.update(fields)
    parts: list[list[Any]] = []

    new_people: bytes | None = None
    new_person: str | None = None
    added: dict[str, Any] | None = None  # the new person's document
    names: list[str] = []
    if doc.get("who"):
        people = layout.table("people")
        known, names = _find_person(raw, people, doc["who"])
        if known is None:
            added = person_doc(doc["who"])
            new_people = people.with_docs(set(), {str(people.next_id()): added})
            parts.append(["people", name_key(doc["who"]), None])
            new_person = doc["who"]
        else:
            doc["who"] = known
    parts.append(["entries", doc["id"], None])
    summary = describe(kind, doc.get("who"), doc.get("via"), doc.get("score"), doc.get("text"))

    undo = layout.table("undo")
    newest = undo.next_id()
    dropped = undo_dropped(undo.keys(), newest)
    new_undo = undo.with_docs(dropped, {str(newest): undo_doc(summary, parts)})

    entries = layout.table("entries")
    new_id = entries.after_last()
    found = totals.read(real)  # before the file changes: afterwards it no longer matches
    old_key = totals.key_of(before, lock_bytes[: filesafe.TOKEN_SIZE])
    seed = filesafe.record_seed(tables)
    if found is not None and (found.key, found.seed, found.crc) != (old_key, seed, crc):
        found = None  # of other bytes (the CRC check below makes sure these are the record's)
    known_top = None if found is None else found.top
    if known_top is None or new_id <= known_top:  # else the totals vouch the number is free
        if raw.find(b'%s%d": ' % (DOC_LINE, new_id), entries.start, entries.end) != -1:
            raise NotAsSaved  # the last document is not the highest: the ordinary path
    pieces = layout.pieces({"people": new_people, "undo": new_undo}, entries, doc_text(new_id, doc))

    first_change = min(entries.close if entries.docs else entries.start, undo.start)
    if new_people is not None:
        first_change = min(first_change, layout.table("people").start)
    prefix_crc = filesafe.crc32([memoryview(raw)[:first_change]], filesafe.record_seed(tables))
    if filesafe.crc32([memoryview(raw)[first_change:]], prefix_crc) != crc:
        raise NotAsSaved  # not the bytes the last save wrote: someone else changed the file
    new_crc = filesafe.crc32(_after(pieces, first_change), prefix_crc)
    new_size = sum(len(piece) for piece in pieces)

    starts = _day_starts_at(raw, layout.table("settings"))
    day = logical_day(at, starts).isoformat()
    writer = sealed.sealer(real, pieces)  # encrypted as a full save encrypts, or None
    try:
        if disk is None and not os.path.lexists(filesafe.daily_backup_path(real, day)):
            disk = _as_on_disk(real, before, raw)
        if disk is not None:
            filesafe.make_daily_backup(real, day, disk)
    except OSError:
        pass  # as with a full save: a missing backup never stops the entry being saved
    filesafe.remove_stale_temps(real)
    filesafe.atomic_write(real, pieces, writer)
    token = filesafe.write_lock_state(lock_fd, filesafe.saved_record(new_size, new_crc, tables))
    if found is not None:
        _keep_totals(real, found, seed, new_crc, token, doc, starts, added, new_id)
    else:
        totals.forget(real)
    return Logged(summary, new_person, names)


def _as_on_disk(real: str, before: os.stat_result, raw: bytes | bytearray) -> bytes:
    """The encrypted file's bytes for today's backup, read again, still under the lock: the
    file ``before`` was (else ``OSError``), or ``raw`` encrypted if it was a plain file
    (encryption just turned on), so a backup is never plain while encryption is on."""
    with open(real, "rb") as handle:
        if totals.key_of(os.fstat(handle.fileno()), b"") != totals.key_of(before, b""):
            raise OSError("the file changed while it was read")
        disk = handle.read()
    return disk if sealed.is_sealed(disk) else sealed.seal(real, bytes(raw))


MAX_PENDING = 1000
"""Entries the quick path leaves pending in the totals before it leaves them to be made
afresh (a read of ``status`` folds them in; this is for a file logged to and never read)."""


def _keep_totals(
    real: str,
    found: totals.Totals,
    seed: int,
    new_crc: int,
    token: bytes,
    doc: dict[str, Any],
    starts: Any,
    person: dict[str, Any] | None,
    number: int,
) -> None:
    """Bring ``found``, the totals of exactly the bytes before the entry (their key and
    checksum, as the lock's record has them), up to the file with it: the entry (document
    ``number``) is added to their pending ones, and their facts are written back as they
    are, unread. Never raises: the entry is saved, and totals that cannot be kept are
    removed, so the next read makes them afresh."""
    from datetime import datetime

    try:
        if not token:  # the lock's record could not be renewed: these bytes have no key
            totals.forget(real)
            return
        newest = found.newest
        if len(found.pending) >= MAX_PENDING or (
            newest is not None
            and datetime.fromisoformat(doc["at"]) < datetime.fromisoformat(newest)
        ):
            totals.forget(real)  # a later entry is there already: the next read starts afresh
            return
        who = doc.get("who")
        pending = [*found.pending, (doc, person, None if who is None else name_key(who))]
        new_key = totals.key_of(os.stat(real), token)
        blob = found.facts_blob()  # as it is: readers add the pending entries to it
        top = max(found.top or 0, number)
        totals.write_locked(
            real,
            new_key,
            seed,
            new_crc,
            None,
            blob,
            False,
            pending,
            doc["at"],
            top,
            found.export_ready,  # of the facts as they are; the pending entry comes after
            found.settings,
        )
    except Exception:  # noqa: BLE001 - a help only: never undo a saved entry over it
        totals.forget(real)


def _after(pieces: list[memoryview | bytes], offset: int) -> list[memoryview | bytes]:
    """The pieces from byte ``offset`` of their concatenation on."""
    out: list[memoryview | bytes] = []
    seen = 0
    for piece in pieces:
        end = seen + len(piece)
        if end > offset:
            out.append(memoryview(piece)[max(0, offset - seen) :])
        seen = end
    return out


def _find_person(raw: bytes, people: Table, typed: str) -> tuple[str | None, list[str]]:
    """The stored name of the person ``typed`` names (case-insensitively), or None; and
    every person's name, in the file's order.

    Like the store, the last matching document wins. A name with an escape in it
    (a quote, a backslash, a control character) sends the whole thing the ordinary way.
    """
    wanted = name_key(typed)
    found = None
    names = []
    marker = b'\n      "name": "'
    line = raw.find(marker, people.value, people.close)
    while line != -1:
        start = line + len(marker)
        stop = raw.find(b'"', start, people.close)
        if stop == -1 or raw.find(b"\\", start, stop) != -1:
            raise NotAsSaved
        name = clean_name(raw[start:stop].decode("utf-8"))
        names.append(name)
        if name_key(name) == wanted:
            found = name
        line = raw.find(marker, stop, people.close)
    return found, names


def _day_starts_at(raw: bytes, settings: Table) -> Any:
    """When the person's day starts, from the settings table (04:00 if not set)."""
    from datetime import time

    from storage.clock import DEFAULT_DAY_STARTS_AT

    marker = b'"day_starts_at": "'
    found = raw.find(marker, settings.value, settings.end)
    if found == -1:
        return DEFAULT_DAY_STARTS_AT
    start = found + len(marker)
    return time.fromisoformat(raw[start : raw.find(b'"', start, settings.end)].decode("ascii"))


# --------------------------------------------------------------------- writing JSON
