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

from storage import filesafe
from storage.clock import logical_day
from storage.fields import (
    UNDO_DEPTH,
    check_year,
    clean_name,
    describe,
    entry_fields,
    name_key,
    person_doc,
    undo_doc,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from datetime import datetime
    from typing import Any

    from storage.fields import Kind

NEEDED_TABLES = ("people", "entries", "undo", "settings", "meta")
"""A file the quick path adds to has all of these (every leanon save makes them)."""

_DOC = b'\n    "'  # the start of a document's line in a table: exactly four spaces
_TAIL = b"\n}\n"  # how a saved file ends


class _Skip(Exception):
    """The quick path does not apply to this file; nothing was changed."""


# --------------------------------------------------------------------- the entry point


def log_entry(
    path: str | os.PathLike[str],
    kind: Kind,
    now: datetime,
    *,
    entry_id: str | None = None,
    **typed: Any,
) -> str | None:
    """Log one new entry now, if the file allows the quick path; what was logged, or None.

    Args:
        path: the data file.
        kind: reach, honest, belong, letin or rest.
        now: the moment, from the caller's clock; the entry is stamped with it.
        entry_id: the new entry's id (tests fix it; normally random, as the store makes them).
        typed: the fields as typed (who, via, note, score, text, reflex).

    Returns:
        The entry described in plain words ("texted Sam"), or None when the quick path does
        not apply and nothing was written: the caller then goes the ordinary way.

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
    except (_Skip, OSError, ValueError, LookupError):
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
) -> str:
    record = filesafe.parse_saved_record(os.read(lock_fd, 4096))
    if record is None:
        raise _Skip
    size, crc, schema, tables = record
    if schema != filesafe.SCHEMA_VERSION or not set(NEEDED_TABLES) <= set(tables):
        raise _Skip
    with open(real, "rb") as handle:
        if os.fstat(handle.fileno()).st_size != size:
            raise _Skip
        raw = handle.read()
    layout = _Layout(raw, tables)

    at = check_year(now.replace(microsecond=0))
    doc: dict[str, Any] = {"id": entry_id or os.urandom(6).hex(), "kind": kind}
    doc["at"] = at.isoformat()
    doc.update(fields)
    parts: list[list[Any]] = []
    summary = describe(kind, doc.get("who"), doc.get("via"), doc.get("score"), doc.get("text"))

    new_people: bytes | None = None
    if doc.get("who"):
        people = layout.table("people")
        known = _find_person(raw, people, doc["who"])
        if known is None:
            person = person_doc(doc["who"])
            new_people = people.with_docs(set(), {str(people.next_id()): person})
            parts.append(["people", name_key(doc["who"]), None])
        else:
            doc["who"] = known
    parts.append(["entries", doc["id"], None])

    undo = layout.table("undo")
    newest = undo.next_id()
    keys = sorted([*undo.keys(), newest])
    dropped = set(keys[: max(0, len(keys) - UNDO_DEPTH)])
    new_undo = undo.with_docs(dropped, {str(newest): undo_doc(summary, parts)})

    entries = layout.table("entries")
    new_id = entries.after_last()
    if raw.find(b'%s%d": ' % (_DOC, new_id), entries.start, entries.end) != -1:
        raise _Skip  # the last document is not the highest: leave it to the ordinary path
    pieces = layout.pieces(
        {"people": new_people, "undo": new_undo}, entries, _doc_text(new_id, doc)
    )

    first_change = min(entries.close if entries.docs else entries.start, undo.start)
    if new_people is not None:
        first_change = min(first_change, layout.table("people").start)
    prefix_crc = filesafe.crc32([memoryview(raw)[:first_change]], filesafe.record_seed(tables))
    if filesafe.crc32([memoryview(raw)[first_change:]], prefix_crc) != crc:
        raise _Skip  # not the bytes the last save wrote: someone else changed the file
    new_crc = filesafe.crc32(_after(pieces, first_change), prefix_crc)
    new_size = sum(len(piece) for piece in pieces)

    day = logical_day(at, _day_starts_at(raw, layout.table("settings"))).isoformat()
    try:
        filesafe.make_daily_backup(real, day, raw)
    except OSError:
        pass  # as with a full save: a missing backup never stops the entry being saved
    filesafe.remove_stale_temps(real)
    filesafe.atomic_write(real, pieces)
    filesafe.write_lock_state(lock_fd, filesafe.saved_record(new_size, new_crc, tables))
    return describe(kind, doc.get("who"), doc.get("via"), doc.get("score"), doc.get("text"))


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


# --------------------------------------------------------------------- reading the layout


class _Table:
    """One top-level table of a saved file: where it sits, and its documents' keys.

    ``start`` is the newline before ``"name": ``; ``end`` is where the next table's
    newline starts (or the file's closing ``\\n}``). ``close`` is the newline before the
    table's own closing brace (the end of its last document).
    """

    def __init__(self, raw: bytes, name: str, start: int, end: int, last: bool) -> None:
        self.raw, self.name, self.start, self.end, self.last = raw, name, start, end, last
        head = b'\n  "%s": ' % name.encode("ascii")
        if raw[start : start + len(head)] != head:
            raise _Skip
        self.value = start + len(head)
        tail = b"\n  }" if last else b"\n  },"
        if raw[self.value : end] in (b"{}", b"{},"):
            if raw[self.value : end] != (b"{}" if last else b"{},"):
                raise _Skip
            self.docs = False
            self.close = self.value + 1
        elif raw[self.value : self.value + 2] == b"{\n" and raw[end - len(tail) : end] == tail:
            self.docs = True
            self.close = end - len(tail)
        else:
            raise _Skip

    def next_id(self) -> int:
        """One past the highest document number, as TinyDB numbers new documents.

        Reads every key: for the small tables only.
        """
        return max(self.keys(), default=0) + 1

    def after_last(self) -> int:
        """One past the last document's number, without reading the others.

        The store always adds a document at the end with the next number, so this is the
        highest as well; the caller checks it is free before using it.
        """
        if not self.docs:
            return 1
        line = self.raw.rfind(_DOC, self.value, self.close)
        return _key_at(self.raw, line) + 1

    def keys(self) -> list[int]:
        """Every document number, in file order (for the small tables only)."""
        return [key for key, _, _ in self._docs()]

    def _docs(self) -> list[tuple[int, int, int]]:
        """(number, start, end) of each document's text ``"N": {...}`` in the table."""
        if not self.docs:
            return []
        found: list[tuple[int, int]] = []
        line = self.raw.find(_DOC, self.value, self.close + 1)
        while line != -1:
            found.append((_key_at(self.raw, line), line + len(_DOC) - 1))
            line = self.raw.find(_DOC, line + 1, self.close + 1)
        if not found or found[0][1] != self.value + 6:
            raise _Skip
        ends = [start - len(b",\n    ") for _, start in found[1:]] + [self.close]
        return [(key, start, end) for (key, start), end in zip(found, ends, strict=True)]

    def with_docs(self, dropped: set[int], added: dict[str, Any]) -> bytes:
        """The table's whole text (from its newline) without ``dropped``, plus ``added``."""
        kept = [self.raw[start:end] for key, start, end in self._docs() if key not in dropped]
        kept += [_doc_text(int(key), doc) for key, doc in added.items()]
        head = self.raw[self.start : self.value]
        body = b"{\n    " + b",\n    ".join(kept) + b"\n  }" if kept else b"{}"
        return head + body + (b"" if self.last else b",")


def _key_at(raw: bytes, line: int) -> int:
    """The document number on the line starting at ``line`` (``\\n    "N": {``)."""
    start = line + len(_DOC)
    stop = raw.find(b'": {', start, start + 24)
    digits = raw[start:stop]
    if stop == -1 or not digits.isdigit() or not digits.isascii():
        raise _Skip
    return int(digits)


class _Layout:
    """Where each table of a saved file is, found without reading the entries.

    Tables before ``entries`` are found searching forward from the start, the ones after
    it searching back from the end, so the long entries table itself is never scanned.
    """

    def __init__(self, raw: bytes, tables: list[str]) -> None:
        if not raw.startswith(b"{\n") or not raw.endswith(_TAIL):
            raise _Skip
        self.raw = raw
        keys = [b'\n  "%s": ' % name.encode("ascii") for name in tables]
        middle = tables.index("entries")
        starts = [0] * len(tables)
        position = 1
        for i in range(middle + 1):
            position = raw.find(keys[i], position)
            if position == -1:
                raise _Skip
            starts[i] = position
            position += 1
        limit = self.body_end = len(raw) - len(_TAIL)
        for i in range(len(tables) - 1, middle, -1):
            limit = raw.rfind(keys[i], starts[middle], limit)
            if limit == -1:
                raise _Skip
            starts[i] = limit
        if starts[0] != 1:
            raise _Skip
        ends = [*starts[1:], self.body_end]
        self.order = tables
        self.tables = {
            name: _Table(raw, name, starts[i], ends[i], i == len(tables) - 1)
            for i, name in enumerate(tables)
        }

    def table(self, name: str) -> _Table:
        return self.tables[name]

    def pieces(
        self, replaced: dict[str, bytes | None], entries: _Table, inserted: bytes
    ) -> list[memoryview | bytes]:
        """The new file: every table as it was, except the replaced ones and the new entry."""
        view = memoryview(self.raw)
        out: list[memoryview | bytes] = [view[: self.tables[self.order[0]].start]]
        for name in self.order:
            table = self.tables[name]
            new = replaced.get(name)
            if new is not None:
                out.append(new)
            elif table is entries:
                if table.docs:
                    out += [view[table.start : table.close], b",\n    " + inserted]
                    out.append(view[table.close : table.end])
                else:
                    out.append(view[table.start : table.value])
                    out.append(b"{\n    " + inserted + b"\n  }" + (b"" if table.last else b","))
            else:
                out.append(view[table.start : table.end])
        out.append(view[self.body_end :])
        return out


def _find_person(raw: bytes, people: _Table, typed: str) -> str | None:
    """The stored name of the person ``typed`` names (case-insensitively), or None.

    Like the store, the last matching document wins. A name with an escape in it
    (a quote, a backslash, a control character) sends the whole thing the ordinary way.
    """
    wanted = name_key(typed)
    found = None
    marker = b'\n      "name": "'
    line = raw.find(marker, people.value, people.close)
    while line != -1:
        start = line + len(marker)
        stop = raw.find(b'"', start, people.close)
        if stop == -1 or raw.find(b"\\", start, stop) != -1:
            raise _Skip
        name = clean_name(raw[start:stop].decode("utf-8"))
        if name_key(name) == wanted:
            found = name
        line = raw.find(marker, stop, people.close)
    return found


def _day_starts_at(raw: bytes, settings: _Table) -> Any:
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


_ESCAPES = {i: f"\\u{i:04x}" for i in range(0x20)}
_ESCAPES.update({0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r"})
_ESCAPES.update({ord('"'): '\\"', ord("\\"): "\\\\"})


def _doc_text(key: int, doc: dict[str, Any]) -> bytes:
    """A document as a table holds it: ``"N": {`` and its fields, indented for its place."""
    return b'"%d": %s' % (key, _encode(doc, 4))


def _encode(value: Any, indent: int) -> bytes:
    """``value`` as the data file writes it: JSON indented by two spaces a level, UTF-8.

    The same bytes ``orjson.dumps(value, option=OPT_INDENT_2)`` gives, with the value's own
    lines shifted right by ``indent`` spaces, for the types a document holds (str, int,
    bool, None, lists and dicts with string keys).
    """
    if value is None:
        return b"null"
    if value is True:
        return b"true"
    if value is False:
        return b"false"
    if isinstance(value, int):
        return str(value).encode("ascii")
    if isinstance(value, str):
        return b'"' + value.translate(_ESCAPES).encode("utf-8") + b'"'
    inner = b"\n" + b" " * (indent + 2)
    if isinstance(value, dict):
        if not value:
            return b"{}"
        items = [_encode(k, 0) + b": " + _encode(v, indent + 2) for k, v in value.items()]
        return b"{" + inner + (b"," + inner).join(items) + b"\n" + b" " * indent + b"}"
    if isinstance(value, list):
        if not value:
            return b"[]"
        items = [_encode(v, indent + 2) for v in value]
        return b"[" + inner + (b"," + inner).join(items) + b"\n" + b" " * indent + b"]"
    raise _Skip
