"""The totals: what a read needs, kept beside the data file and checked against it first.

A status bar runs ``leanon status`` every few seconds. Parsing a decade of entries for it
(50,000 of them, 9 MB) costs a third of a second each time, for a handful of numbers. So
after a full read leanon keeps, beside the data file, the small things that full read
worked out:

* the **facts**: the day index without its entries (connections, honest scores and rest
  days per logical day, each person's last contact and reach-out days), the counts, the
  people and settings documents, the newest reach-out and the last week's entries in full
  (:mod:`storage.tally` makes them from a store and turns them back into records);
* the **views**: what ``status`` and ``people`` print for one logical day
  (:mod:`storage.glance`), so a read on that day only formats them.

The data file stays the one source of truth, and nothing here is trusted on its word. The
totals carry the **key** of the bytes they came from: the file's device, inode, size,
modification and change times (nanoseconds), and the token the last leanon save left in
the lock file (every save writes a new one, so two saves within one clock tick still
differ). Anything that changes the file changes the key: a leanon save, an editor, a sync
tool replacing it, a backup copied over it. A key that differs means the totals are of
another file; they are not used, and the next full read writes new ones.

One case the key alone cannot rule out: a second change landing within the same tick of
the file system's clock as the change the totals saw (the change time would not move).
Like git's "racy" index entries, totals taken within :data:`RACY_NS` of the file's last
change are marked unsettled and also carry the CRC-32 of the file's bytes; a reader of
unsettled totals reads the file and checks the CRC too (about 3 ms for a decade), and once
the file has been quiet longer than that, marks them settled.

The file is private (0600), our own regular file with one name, beside the data file and
named after it and a hash of this machine's name (``leanon.json.totals-1a2b3c4d``): in a
folder a sync tool shares, each device keeps its own totals, so two devices never fight
over one (a copy that arrives from another device never matches this file's key anyway).
It holds nothing the data file does not: names and notes of the last week, the people's
documents, numbers. It is written only under the data file's lock, with a temp file and a
rename, never fsynced (a torn or old one is only a miss: the checksum at its head and the
key catch it). When the data file is encrypted, so are they, with its key
(:mod:`storage.sealed`); plain totals beside an encrypted file are never used. It is
Python's ``marshal`` format, which is quick to load; the checksum is
checked before anything in it is loaded, and the header names the Python that wrote it.

This module is light on purpose (``os``, ``sys``, ``marshal``, ``zlib``): the command
line's quick reads import it.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib

from storage import filesafe, sealed

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import time
    from typing import Any, Final

VERSION = 6
"""The totals' own format; a file of another version is a miss. (3: the head holds the
pending entries, the newest moment and the top document number; the status view holds
``rest_today`` and ``quiet``, which the bars and the nudge read. 4: the status view holds
``birthdays`` and each person's row ``resting_until``. 5: the facts hold the longest runs
of connection and honest days, so a read never walks every day for them, each person's
reach-out days packed as machine ints, and the head whether the documents are ready to
export as they are. 6: the head holds the settings too, so the dashboard's first frame has
the person's theme and keys without loading the facts.)"""

RACY_NS = 3_000_000_000
"""Totals taken this soon after the file last changed also check its bytes (3 seconds:
far longer than any file system's clock tick, FAT's two seconds included)."""

_MAGIC = b"leanon-totals %d %s\n" % (VERSION, sys.implementation.cache_tag.encode("ascii"))

Key = tuple[int, int, int, int, int, bytes]
"""(device, inode, size, mtime_ns, ctime_ns, lock token)."""


def totals_path(real: str) -> str:
    """Where the totals of the (resolved) data file ``real`` live on this machine."""
    host = os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")
    return f"{real}.totals-{zlib.crc32(host.encode('utf-8', 'replace')):08x}"


def lock_token(real: str) -> bytes:
    """The token the last leanon save left in the lock file (b"" when there is none)."""
    try:
        fd = filesafe.open_lock(filesafe.lock_path(real), create=False, writable=False)
    except OSError:
        return b""
    try:
        return os.read(fd, filesafe.TOKEN_SIZE)
    except OSError:
        return b""
    finally:
        os.close(fd)


def key_of(st: os.stat_result, token: bytes) -> Key:
    """The key of the bytes behind ``st`` (from ``fstat`` of the very handle they came from)."""
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, token)


def fs_now_ns() -> int:
    """The file system's clock, in nanoseconds, to tell totals made just after a change from
    settled ones. (Not the person's clock, which :mod:`storage.clock` injects: this is only
    ever compared with the times the file system stamps on files.)"""
    import time

    return time.time_ns()


def file_key(real: str) -> Key | None:
    """The key of the data file as it is now, or None when it is missing or not a file.

    The token is read before the ``stat``: a save that lands in between changes the stat,
    so the pair can be older than the file but never newer.
    """
    token = lock_token(real)
    try:
        st = os.stat(real)
    except OSError:
        return None
    if (st.st_mode & 0o170000) != 0o100000:  # not a regular file
        return None
    return key_of(st, token)


class Totals:
    """Totals read from their file: the key they belong to and what they hold.

    Attributes:
        key: the key of the data file's bytes they were made from.
        seed: where the CRC-32 of those bytes starts (:func:`storage.filesafe.record_seed`
            of the file's tables, as in the lock file's record).
        crc: the CRC-32 of those bytes, from ``seed``.
        settled: whether the key alone identifies those bytes (see the module's text).
        views: what ``status`` and ``people`` print, for ``views["day"]``; or None.
        pending: entries the quick path logged since the facts were made, oldest first,
            each as ``(document, new person's document or None, name key or None)``; the
            facts are these added to the stored ones (:meth:`facts`).
        newest: the moment of the newest entry of all (ISO text), or None with none.
        top: the highest document number in the entries table (0 with none), so the quick
            path need not look through the table to know the next one is free; or None.
        path: the totals file.
        export_ready: the facts' ``export_ready`` (before any pending entry), kept in the
            head too, so an export need not load the facts to learn it (at 200k entries
            they take some 40 ms to load beside a parsed file).
        settings: the facts' ``settings`` document (no entry changes it), kept in the head
            too, so the dashboard's first frame has the theme and keys without loading the
            facts (3 ms at 50k entries, 8 at 200k).
    """

    __slots__ = (
        "_facts",
        "crc",
        "export_ready",
        "key",
        "newest",
        "path",
        "pending",
        "seed",
        "settings",
        "settled",
        "top",
        "views",
    )

    def __init__(
        self,
        key: Key,
        seed: int,
        crc: int,
        settled: bool,
        views: dict[str, Any] | None,
        facts: bytes,
        path: str,
        pending: list[Any] | None = None,
        newest: str | None = None,
        top: int | None = None,
        export_ready: bool = False,
        settings: dict[str, Any] | None = None,
    ) -> None:
        self.key = key
        self.seed = seed
        self.crc = crc
        self.settled = settled
        self.views = views
        self._facts = facts
        self.path = path
        self.pending = pending or []
        self.newest = newest
        self.top = top
        self.export_ready = export_ready
        self.settings = settings

    def facts(self) -> dict[str, Any]:
        """The facts, with the pending entries added (loaded on first ask: a view alone
        does not need them).

        Raises:
            ValueError: they cannot be read, or a pending entry does not fit them.
        """
        value = marshal.loads(self._facts)
        if not isinstance(value, dict):
            raise ValueError("totals facts are not a table")
        if self.pending:
            from datetime import time

            from storage.clock import DEFAULT_DAY_STARTS_AT

            stored = value["settings"].get("day_starts_at")
            starts = time.fromisoformat(stored) if stored else DEFAULT_DAY_STARTS_AT
            for doc, person, person_key in self.pending:
                if not with_new_entry(value, doc, starts, person, person_key):
                    raise ValueError("a pending entry is older than the facts")
        return value

    def facts_blob(self) -> bytes:
        """The facts as stored (without the pending entries), to write them again."""
        return self._facts


def read(real: str) -> Totals | None:
    """The totals on file for ``real``, whatever they belong to; None when there are none
    that can be read (missing, not our own private file, torn, another version)."""
    path = totals_path(real)
    raw = filesafe.read_private(path)
    if raw is None:
        return None
    if sealed.is_sealed(raw):
        try:
            raw = sealed.open_bytes(real, raw)
        except sealed.CannotOpen:
            return None
    elif sealed.enabled(real):
        return None  # plain totals of a file that is encrypted now: never used
    return _decode(raw, path)


def _decode(raw: bytes, path: str) -> Totals | None:
    if not raw.startswith(_MAGIC) or len(raw) < len(_MAGIC) + 8:
        return None
    body = memoryview(raw)[len(_MAGIC) + 4 :]
    if zlib.crc32(body) != int.from_bytes(raw[len(_MAGIC) : len(_MAGIC) + 4], "big"):
        return None
    head_size = int.from_bytes(body[:4], "big")
    try:
        head = marshal.loads(body[4 : 4 + head_size])
        key, seed, crc, settled, views, pending, newest, top, export_ready, settings = head
        key = tuple(key)
        if len(key) != 6 or not isinstance(crc, int) or not isinstance(settled, bool):
            return None
        if not isinstance(seed, int):
            return None
        if views is not None and not isinstance(views, dict):
            return None
        if not isinstance(pending, list) or not (newest is None or isinstance(newest, str)):
            return None
        if not (top is None or type(top) is int) or type(export_ready) is not bool:
            return None
        if settings is not None and not isinstance(settings, dict):
            return None
    except (ValueError, TypeError, EOFError):
        return None
    facts = bytes(body[4 + head_size :])
    return Totals(
        key, seed, crc, settled, views, facts, path, pending, newest, top, export_ready, settings
    )


def fresh(real: str, *, now_ns: int) -> Totals | None:
    """The totals of ``real`` if they belong to the file as it is now, else None.

    Settled totals need the key alone; unsettled ones also the file's CRC-32, and are
    marked settled once the file has been quiet for :data:`RACY_NS` (best effort, only when
    the lock is free).
    """
    key = file_key(real)
    if key is None:
        return None
    totals = read(real)
    if totals is None or totals.key != key:
        return None
    if totals.settled:
        return totals
    crc = _crc_if_unchanged(real, key, totals.seed)
    if crc is None or crc != totals.crc:
        return None
    if now_ns - max(key[3], key[4]) >= RACY_NS:
        totals.settled = True
        write(real, totals, key, crc, totals.views, now_ns=now_ns, settle=True)
    return totals


def _crc_if_unchanged(real: str, key: Key, seed: int) -> int | None:
    """The CRC-32 (from ``seed``) of the data file's bytes, if it has ``key`` while read."""
    try:
        with open(real, "rb") as handle:
            if key_of(os.fstat(handle.fileno()), key[5])[:5] != key[:5]:
                return None
            raw = handle.read()
            if key_of(os.fstat(handle.fileno()), key[5])[:5] != key[:5]:
                return None
        raw = sealed.open_bytes(real, raw)
    except (OSError, sealed.CannotOpen):
        return None
    return zlib.crc32(raw, seed)


def settled_at(key: Key, now_ns: int) -> bool:
    """Whether totals of ``key`` taken at ``now_ns`` can trust the key alone."""
    return now_ns - max(key[3], key[4]) >= RACY_NS


def write(
    real: str,
    facts: Totals | dict[str, Any],
    key: Key,
    crc: int,
    views: dict[str, Any] | None,
    *,
    seed: int | None = None,
    top: int | None = None,
    now_ns: int,
    settle: bool = False,
) -> bool:
    """Keep totals for the bytes of ``key``; True if they were written.

    Only under the data file's lock (taken here without waiting: if a save holds it, the
    totals would be stale the moment they landed, so nothing is written), only if the file
    still has ``key`` then, and only where :func:`storage.filesafe.check_place` allows.
    Never raises: totals are a help, and a read that could not keep them still answered.

    Args:
        real: the resolved data file.
        facts: new facts (:mod:`storage.tally` made them), or totals read before whose
            facts and pending entries are kept as they are.
        key: the key of the bytes the totals are of.
        crc: the CRC-32 of those bytes, from ``seed``.
        views: what ``status`` and ``people`` print for one day, or None.
        seed: where the CRC-32 starts (with new facts; totals read before carry theirs).
        top: the entries table's highest document number (with new facts, likewise).
        now_ns: the file system's clock (:func:`fs_now_ns`), to tell settled totals.
        settle: they were checked against the bytes just now, quiet for long enough.
    """
    if isinstance(facts, Totals):
        blob, pending, newest, seed = facts.facts_blob(), facts.pending, facts.newest, facts.seed
        top, ready, settings = facts.top, facts.export_ready, facts.settings
    else:
        blob, pending, newest = facts_bytes(facts), [], facts.get("newest")
        ready, settings = facts.get("export_ready") is True, facts.get("settings")
    assert seed is not None
    try:
        filesafe.check_place(real)
        lock_fd = filesafe.open_lock(filesafe.lock_path(real), create=True)
    except OSError:
        return False
    try:
        if not filesafe.try_lock(lock_fd):
            return False
        try:
            if file_key(real) != key:
                return False
            settled = settle or settled_at(key, now_ns)
            write_locked(
                real, key, seed, crc, views, blob, settled, pending, newest, top, ready, settings
            )
            return True
        finally:
            filesafe.unlock(lock_fd)
    except OSError:
        return False
    finally:
        os.close(lock_fd)


def write_locked(
    real: str,
    key: Key,
    seed: int,
    crc: int,
    views: dict[str, Any] | None,
    facts: bytes,
    settled: bool,
    pending: list[Any],
    newest: str | None,
    top: int | None,
    export_ready: bool,
    settings: dict[str, Any] | None,
) -> None:
    """:func:`write`, for a caller that holds the lock and knows ``key`` is the file's;
    ``export_ready`` and ``settings`` are those of ``facts`` (:class:`Totals`).

    Raises:
        OSError: nothing was replaced.
    """
    fields = (list(key), seed, crc, settled, views, pending, newest, top, export_ready, settings)
    head = marshal.dumps(fields, 4)
    body = len(head).to_bytes(4, "big") + head + facts
    payload = _MAGIC + zlib.crc32(body).to_bytes(4, "big") + body
    try:
        payload = sealed.seal(real, payload)  # encrypted as the data file is
    except sealed.Locked as exc:
        raise OSError(exc.message) from None
    filesafe.replace_private(totals_path(real), payload)


def facts_bytes(facts: dict[str, Any]) -> bytes:
    """The facts in the totals' format."""
    return marshal.dumps(facts, 4)


def forget(real: str) -> None:
    """Remove the totals of ``real`` (best effort; a stale file is never used anyway)."""
    try:
        os.unlink(totals_path(real))
    except OSError:
        pass


# --------------------------------------------------------------------- one new entry


DAY_CODE: Final = "i"
"""How the facts pack a person's reach-out days (ordinals, oldest first): machine ints,
an :mod:`array` type code (the totals are this machine's own). :mod:`storage.tally`
makes and reads them; :func:`with_new_entry` adds to them."""


def day_bytes(ordinals: Sequence[int]) -> bytes:
    """Day ordinals packed as the facts keep them (:data:`DAY_CODE`): they load as one
    copy rather than an object a day."""
    from array import array

    return array(DAY_CODE, ordinals).tobytes()


def doc_row(doc: dict[str, Any]) -> tuple[Any, ...]:
    """The facts' row of a stored entry document written by leanon: id, kind, at (ISO
    text), who, via, note, score, text, reflex (:func:`storage.tally.load_facts` reads
    rows back in this order)."""
    get = doc.get
    return (
        doc["id"],
        doc["kind"],
        doc["at"],
        get("who"),
        get("via"),
        get("note"),
        get("score"),
        get("text"),
        get("reflex") is True,
    )


def with_new_entry(
    facts: dict[str, Any],
    doc: dict[str, Any],
    starts: time,
    new_person: dict[str, Any] | None,
    person_key: str | None,
) -> bool:
    """Add one entry logged just now to ``facts`` (in place), exactly as reading the whole
    file again would make them; False when that cannot be done here (the entry is not the
    newest in the file: a later one is there already), and the facts must be made afresh.

    :mod:`storage.tally` makes the facts from a store; ``tests/test_totals.py`` checks
    that a quick log followed by this gives the very facts it makes.

    Args:
        facts: the facts of the file before the entry.
        doc: the entry's document, as saved.
        starts: when the person's day starts.
        new_person: the person's document if the entry added them, else None.
        person_key: the :func:`storage.fields.name_key` of the entry's name, if any.
    """
    from datetime import datetime

    from storage.clock import logical_day
    from storage.days import run_through
    from storage.fields import KIND_SPECS

    at = datetime.fromisoformat(doc["at"])
    newest = facts["newest"]
    if newest is not None and at < datetime.fromisoformat(newest):
        return False
    day = logical_day(at, starts).toordinal()
    kind = doc["kind"]
    spec = KIND_SPECS[kind]
    row = doc_row(doc)
    facts["newest"] = doc["at"]
    if facts["first"] is None:
        facts["first"] = doc["at"]
    last_doc = facts["last_doc"]  # the entry is added at the end of the table
    if facts["export_ready"] and last_doc is not None:
        facts["export_ready"] = (at, doc["id"]) >= (
            datetime.fromisoformat(last_doc[0]),
            last_doc[1],
        )
    facts["last_doc"] = [doc["at"], doc["id"]]
    facts["total"] += 1
    facts["counts"][kind] = facts["counts"].get(kind, 0) + 1
    if new_person is not None:
        facts["people"].append(new_person)
    longest = facts["longest"]
    if spec.connection:
        connections = facts["connections"]
        new_day = day not in connections
        connections[day] = connections.get(day, 0) + 1
        if new_day:  # a new day of connection: its run may be the longest now
            longest[0] = max(longest[0], run_through(connections, set(facts["rest"]), day))
        if person_key is not None:
            last, days, let_ins = facts["persons"].get(person_key, (None, b"", 0))
            if kind == "reach":
                from bisect import insort

                ordinals = memoryview(days).cast(DAY_CODE).tolist()
                insort(ordinals, day)
                days = day_bytes(ordinals)
            elif kind == "letin":
                let_ins += 1
            facts["persons"][person_key] = (row, days, let_ins)
    elif spec.honest:
        score = doc.get("score")
        if score is not None:
            newest = facts["honest_newest"]
            new_day = day not in newest
            newest[day] = score
            if new_day:  # a new day with an answer: likewise
                longest[1] = max(longest[1], run_through(newest, set(facts["rest"]), day))
            facts["honest_total"][day] = facts["honest_total"].get(day, 0) + score
            facts["honest_count"][day] = facts["honest_count"].get(day, 0) + 1
            if row[8]:
                from datetime import date

                moment = date.fromordinal(day)
                month = f"{moment.year:04d}-{moment.month:02d}"
                facts["reflex_months"][month] = facts["reflex_months"].get(month, 0) + 1
                from storage.reflex import is_reflex

                if row[7] and not is_reflex(row[7]):
                    facts["expanded_months"][month] = facts["expanded_months"].get(month, 0) + 1
    elif kind == "rest" and day not in facts["rest"]:
        facts["rest"] = sorted([*facts["rest"], day])
        rest = set(facts["rest"])  # a rest day can join two runs into one
        longest[0] = max(longest[0], run_through(facts["connections"], rest, day))
        longest[1] = max(longest[1], run_through(facts["honest_newest"], rest, day))
    if kind == "reach":
        facts["last_reach"] = row
    tail_from = facts["tail_from"]
    if tail_from is None:  # the first entry of all
        tail_from = facts["tail_from"] = day - TAIL_DAYS
    if day >= tail_from:
        facts["tail"].append(row)
    if day - tail_from > 3 * TAIL_DAYS:  # keep the tail about a week long
        tail_from = facts["tail_from"] = day - TAIL_DAYS
        facts["tail"] = [
            r
            for r in facts["tail"]
            if logical_day(datetime.fromisoformat(r[2]), starts).toordinal() >= tail_from
        ]
    return True


TAIL_DAYS = 7
"""Entries of this many logical days before the newest entry's are kept in full in the
facts: today's entries, and the two days before them that a day's walk back looks at, for
a week after the last entry (a clock set back further than that reads the whole file)."""
