"""A TinyDB storage that never loses the data file: atomic saves, a cross-process lock, backups.

Stock ``JSONStorage`` rewrites the file in place, so a crash or a second process can leave it
cut in half. This storage instead:

* writes a temp file beside the real one, fsyncs it and renames it over the old file, so the
  file on disk is always either the old version or the new one;
* serialises whole transactions across processes with a lock on ``<file>.lock``;
* keeps the parsed data cached and re-reads only when the file's fingerprint changed;
* refuses to overwrite a file it cannot understand, and says which backup to restore from;
* copies the file to ``backups/`` once a day before the first change of that day.
"""

from __future__ import annotations

import errno
import gc
import json
import os
import stat
from _thread import RLock
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

import orjson
from tinydb.storages import Storage

from storage import filebytes, filesafe, sealed, totals
from storage.errors import DataFileError, SaveFailed
from storage.filesafe import KEEP_BACKUPS, SCHEMA_VERSION

__all__ = [
    "KEEP_BACKUPS",
    "SCHEMA_VERSION",
    "SafeJSONStorage",
    "backups_dir",
    "gc_paused",
    "newest_backup",
]

META_TABLE = "meta"
"""The table holding the one ``{"schema_version": N}`` document."""

Data = dict[str, dict[str, Any]]
"""TinyDB's whole-database shape: table name -> document id -> document."""

Migration = Callable[[Data], Data]

MIGRATIONS: dict[int, Migration] = {}
"""``MIGRATIONS[n]`` turns data in format ``n`` into format ``n + 1``; none exist yet."""


# --------------------------------------------------------------------------- small helpers


def _parse(raw: bytes) -> Any:
    """Parse JSON fast with orjson, falling back to stdlib json for what it accepts and orjson
    does not (``NaN``, ``Infinity``, huge integers from files written by other tools)."""
    with gc_paused():
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError:
            return json.loads(raw)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold the cycle collector while building many long-lived objects at once.

    Parsing a decade makes about a million of them; without this the collector sweeps them
    again and again as they are made (about a fifth of the time to open the file).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _dump(data: Data) -> bytes:
    """Indented UTF-8 JSON with a trailing newline (:func:`storage.filebytes.dump`)."""
    return filebytes.dump(data)


def _digest(raw: bytes) -> bytes:
    """A content hash, for naming a pre-upgrade backup after what it holds.

    Rarely needed, so hashlib (a few milliseconds to import) is imported only here.
    """
    import hashlib

    return hashlib.sha256(raw).digest()


def _stat_key(st: os.stat_result) -> tuple[int, int, int]:
    """The cheap part of the fingerprint: what changes when anyone rewrites the file."""
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def _describe(value: object) -> str:
    """A plain name for a JSON value's type, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _real(path: Path) -> Path:
    """Where the bytes live: a symlinked data file keeps its link and we write its target."""
    return Path(filesafe.real_path(path))


def _lock_path(real: Path) -> Path:
    return Path(filesafe.lock_path(str(real)))


def _atomic_write(target: Path, payload: bytes) -> None:
    """Replace ``target`` with ``payload`` so that a crash leaves the old or the new file.

    Raises:
        OSError: nothing was replaced and the temp file is gone.
    """
    filesafe.atomic_write(str(target), [payload])


def _nonblocking(path: str, flags: int) -> int:
    """Open for ``open(opener=...)`` without blocking: a FIFO put where the data file was
    (after its ``stat``) must not hang leanon; ``fstat`` then refuses it."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def _save_failed(path: Path, exc: OSError, where: Path) -> SaveFailed:
    """Turn an OSError from a save into the plain message a person sees."""
    if isinstance(exc, filesafe.UnsafeFile):
        return SaveFailed(path, f"could not save: {exc.problem}", f"Nothing was changed. {exc.fix}")
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        problem = f"could not save: the disk is full ({reason})"
        fix = "Nothing was lost; free some space and try again."
    elif exc.errno == errno.EROFS:
        problem = f"could not save: the folder {where} is read-only ({reason})"
        fix = "Nothing was lost; make it writable or move the data file, then try again."
    elif exc.errno in (errno.EACCES, errno.EPERM):
        problem = f"could not save: no permission to write in {where} ({reason})"
        fix = "Nothing was lost; check the folder's permissions and try again."
    else:
        problem = f"could not save ({reason})"
        fix = "Nothing was lost; try again."
    return SaveFailed(path, problem, fix)


# --------------------------------------------------------------------------- backups and schema


def backups_dir(path: str | os.PathLike[str]) -> Path:
    """The ``backups`` folder beside the (resolved) data file."""
    return _real(Path(path)).parent / filesafe.BACKUPS


def _daily_backups(path: str | os.PathLike[str]) -> list[Path]:
    """The daily backups of ``path``, oldest first (their names sort by date)."""
    return [Path(p) for p in filesafe.daily_backups(filesafe.real_path(path))]


def newest_backup(path: str | os.PathLike[str]) -> Path | None:
    """The newest backup of ``path``: the latest daily one, else the latest pre-upgrade copy.

    Only copies of this very file (see :mod:`storage.filesafe`, "daily backups"), so the
    advice never points at another data file's backup.
    """
    daily = _daily_backups(path)
    if daily:
        return daily[-1]
    others: list[tuple[int, Path]] = []
    for candidate in map(Path, filesafe.upgrade_backups(filesafe.real_path(path))):
        with suppress(OSError):
            others.append((candidate.stat().st_mtime_ns, candidate))
    return max(others)[1] if others else None


def _find_schema_version(data: Data) -> tuple[str, Any] | None:
    """The meta document id and value of ``schema_version``, or None when there is none."""
    for doc_id, doc in data.get(META_TABLE, {}).items():
        if "schema_version" in doc:
            return doc_id, doc["schema_version"]
    return None


def _stamp_schema(data: Data, version: int, *, overwrite: bool) -> None:
    """Put ``schema_version`` in the meta table (in place), adding the table if it is missing."""
    found = _find_schema_version(data)
    meta = data.setdefault(META_TABLE, {})
    if found is None:
        next_id = max((int(k) for k in meta), default=0) + 1
        meta[str(next_id)] = {"schema_version": version}
    elif overwrite:
        meta[found[0]]["schema_version"] = version


def _migrate(data: Data, from_version: int) -> Data:
    """Bring ``data`` from format ``from_version`` to :data:`SCHEMA_VERSION`.

    A file without a ``meta`` table (version 0: plain TinyDB, or ``{}``) is version 1 without
    the stamp, so only the stamp is added. Callers back the file up first when a real step
    (``from_version >= 1``) will run.
    """
    version = max(from_version, 1)
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    _stamp_schema(data, SCHEMA_VERSION, overwrite=True)
    return data


# --------------------------------------------------------------------------- the storage


class SafeJSONStorage(Storage):
    """TinyDB storage for one human-readable JSON file that must never be lost.

    ``TinyDB(path, storage=SafeJSONStorage)`` works as with any storage. It replaces
    TinyDB's ``JSONStorage``, which overwrites the file in place and is neither crash- nor
    multi-process-safe. (Subclassing ``Storage`` costs the command line about 4 ms of
    importing TinyDB; worth it to stay an honest TinyDB storage.)

    Args:
        path: the data file; it may not exist yet, and may be a symlink (the link is kept).
        today: the logical day, for daily backups; None means no daily backups. Passed in
            because nothing in storage reads the system clock on its own.
        keep_backups: how many daily backups to keep (0 turns them off).

    Attributes:
        path: the path as given.
        generation: bumped whenever the data in memory changes (a changed file was read, a
            save happened, or a failed transaction was rolled back), so callers can tell
            cheaply whether to rebuild their caches.
        last_backup_error: why the last daily backup failed, or None. A failed backup does not
            stop the save (that would lose the entry being saved); the next save retries it.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        today: Callable[[], date] | None = None,
        keep_backups: int = KEEP_BACKUPS,
    ) -> None:
        self.path = Path(path)
        self._abspath = Path(os.path.abspath(path))  # immune to a later chdir
        self.generation = 0
        self.last_backup_error: SaveFailed | None = None
        self._today = today
        self._keep_backups = keep_backups
        self._no_backup = 0  # inside without_daily_backup()
        self._data: Data | None = None
        self._loaded = False  # whether _data reflects the file (a missing file is loaded: None)
        self._stat: tuple[int, int, int] | None = None
        self._totals_key: totals.Key | None = None  # the key of _raw (storage.totals)
        self._raw_crc: tuple[int, int] | None = None  # (seed, CRC-32) of _raw, when known
        self._raw: bytes | None = None  # the bytes _data came from: as read, or as last saved
        self._disk: bytes | None = None  # _raw as on disk: the same, or encrypted (storage.sealed)
        self._token: bytes = b""  # the lock file's save token when we last looked
        self._error: DataFileError | None = None
        self._mutex = RLock()  # threads of this process take turns too
        self._depth = 0
        self._dirty = False
        self._lock_fd: int | None = None
        self._lock_writable = False
        self._lock_problem: OSError | None = None
        self.as_saved = False
        """Whether the data in memory came from bytes exactly as a leanon save wrote them
        (saved here, or matching the size and CRC-32 the last save left in the lock file).
        Only such data may be trusted without checking every document again."""

    # ------------------------------------------------------------------ TinyDB's interface

    def read(self) -> Data | None:
        """The cached data (None while the file does not exist), re-read if the file changed.

        Raises:
            DataFileError: the file is bad; it was not touched.
        """
        with self._mutex:
            if self._depth == 0:
                self._refresh()
            return self._data

    def write(self, data: Data) -> None:
        """Keep ``data``; save it now unless a transaction will save it at its end.

        Outside a transaction this is a whole locked transaction of its own. If another
        process changed the file since we last read it, ``data`` was built on stale data, so
        nothing is written (that would silently drop the other change): memory is reloaded
        from disk and :class:`SaveFailed` says to try again.

        Raises:
            DataFileError: the file is bad, so it is never overwritten.
            SaveFailed: the save did not reach the disk; memory equals the disk again.
        """
        with self._mutex:
            if self._depth > 0:
                self._data = data
                self._dirty = True
                return
            if self._error is not None:
                raise self._error
            self._acquire_lock()
            try:
                # Data built on an earlier read must not silently drop another process's
                # change. A storage that never read the file (TinyDB's drop_tables writes
                # {} straight away) replaces it on purpose, as with any TinyDB storage; a
                # file it cannot read still raises here and is never overwritten.
                read_before = self._loaded
                if self._refresh() and read_before:
                    raise SaveFailed(
                        self.path,
                        "could not save: another leanon changed the file at the same moment",
                        "Nothing was lost; try again.",
                    )
                self._data = data
                try:
                    self._save()
                except BaseException:
                    self._restore()
                    raise
            finally:
                self._release_lock()

    def close(self) -> None:
        """Drop the lock if some caller left a transaction open; the data stays on disk."""
        with self._mutex:
            self._release_lock()

    # ------------------------------------------------------------------ leanon's interface

    def transaction(self) -> AbstractContextManager[None]:
        """A locked read-modify-write: ``with storage.transaction(): ...``.

        Takes the cross-process lock, picks up any change another process made, lets the
        caller read and write through TinyDB as much as it likes, and saves once on a clean
        exit if anything was written. On an exception (or a failed save) memory is reloaded
        from disk so the two agree again, and the exception goes on. A transaction inside a
        transaction (same thread) just joins the outer one.
        """
        return _Transaction(self)

    def refresh(self) -> bool:
        """Cheaply check for a change by another process; True if the data changed.

        A ``stat`` plus a 16-byte read of the lock file when nothing changed. Inside a
        transaction this does nothing: we hold the lock, and buffered writes must not be
        thrown away.

        Raises:
            DataFileError: the file is bad.
        """
        with self._mutex:
            if self._depth > 0:
                return False
            return self._refresh()

    def bytes_crc(self) -> tuple[int, int] | None:
        """(seed, CRC-32) of the bytes :meth:`bytes_source` gives, when a check of them
        against the lock's record already worked it out (so no one need do it again)."""
        with self._mutex:
            return None if self._raw is None else self._raw_crc

    def bytes_source(self) -> tuple[totals.Key, bytes] | None:
        """The key (:mod:`storage.totals`) and the bytes of what memory holds, when memory is
        exactly a file's bytes as read or saved; None inside a transaction, after an error,
        or when the save could not leave a new token in the lock file."""
        with self._mutex:
            if self._depth or self._error is not None or self._raw is None:
                return None
            if self._totals_key is None:
                return None
            return self._totals_key, self._raw

    def check(self) -> None:
        """Read and validate the file now, whatever the fingerprint says.

        Raises:
            DataFileError: the file is bad (a missing file is fine: it will be created).
        """
        with self._mutex:
            if self._depth > 0:
                real = _real(self._abspath)
                if self._stat_file(real) is not None:
                    raw, _ = self._read_bytes(real)
                    self._decode(self._unseal(raw, real))
                return
            self._refresh(force=True)

    # ------------------------------------------------------------------ reading

    def _bad(self, problem: str, fix: str | None = None) -> DataFileError:
        """Remember and return the error for a file we must not touch."""
        if fix is None:
            backup = newest_backup(self._abspath)
            if backup is not None:
                fix = (
                    f"Your newest backup is {backup}: copy it over this file, "
                    "or move this file aside to start fresh."
                )
            else:
                fix = "There is no backup yet: fix it by hand, or move it aside to start fresh."
        self._error = DataFileError(self.path, problem, fix)
        return self._error

    def _stat_file(self, real: Path) -> os.stat_result | None:
        """``stat`` the data file; None when it does not exist."""
        try:
            st = os.stat(real)
        except FileNotFoundError:
            return None
        except NotADirectoryError:
            raise self._bad(
                f"{real.parent} is in the way: it should be a folder", "Move it aside."
            ) from None
        except OSError as exc:
            raise self._unreadable(exc) from None
        if stat.S_ISDIR(st.st_mode):
            raise self._bad(
                "is a folder, not a data file",
                "Move the folder aside (or choose another data file) so leanon can create it.",
            )
        if not stat.S_ISREG(st.st_mode):
            raise self._bad("is not a regular file", "Move it aside.")
        return st

    def _unreadable(self, exc: OSError) -> DataFileError:
        reason = exc.strerror or str(exc)
        if isinstance(exc, PermissionError):
            return self._bad(
                f"cannot be read ({reason})",
                f"Make it readable and writable by you (chmod 600 {self.path}), then try again.",
            )
        return self._bad(f"cannot be read ({reason})", "Check the disk, then try again.")

    def _read_bytes(self, real: Path) -> tuple[bytes, os.stat_result]:
        """The file's bytes and the ``fstat`` of exactly those bytes (not ``stat``)."""
        try:
            with open(real, "rb", opener=_nonblocking) as handle:
                st = os.fstat(handle.fileno())
                if stat.S_ISDIR(st.st_mode):
                    raise IsADirectoryError(errno.EISDIR, "Is a directory")
                if not stat.S_ISREG(st.st_mode):
                    raise self._bad("is not a regular file", "Move it aside.")
                return handle.read(), st
        except IsADirectoryError:
            raise self._bad(
                "is a folder, not a data file",
                "Move the folder aside (or choose another data file) so leanon can create it.",
            ) from None
        except OSError as exc:
            raise self._unreadable(exc) from None

    def _read_token(self, real: Path) -> bytes:
        """The random token the last leanon save left in the lock file (b"" if none).

        ``stat`` alone can miss a change: rename-based saves on ext4 alternate between two
        inode numbers and mtime ticks are coarse, so two same-size saves within a few
        milliseconds can look identical. Every leanon save also writes a new token here.
        """
        return totals.lock_token(str(real))  # no lock file, or one leanon won't trust: b""

    def _matches_saved_record(self, raw: bytes, real: Path) -> bool:
        """Whether ``raw`` has the size and CRC-32 the last leanon save left in the lock."""
        try:
            fd = filesafe.open_lock(str(_lock_path(real)), create=False, writable=False)
        except OSError:
            return False
        try:
            record = filesafe.parse_saved_record(os.read(fd, 4096))
        except OSError:
            return False
        finally:
            os.close(fd)
        if record is None or record[0] != len(raw) or record[2] != SCHEMA_VERSION:
            return False
        seed = filesafe.record_seed(record[3])
        if filesafe.crc32([raw], seed) != record[1]:
            return False
        self._raw_crc = (seed, record[1])
        return True

    def _set_missing(self) -> bool:
        """The file does not exist (yet, or any more): memory follows. True if that's news."""
        changed = self._error is not None or (self._loaded and self._data is not None)
        self._error = None
        self._data = None
        self._stat = None
        self._totals_key = None
        self._raw = self._disk = None
        self._loaded = True
        if changed:
            self.generation += 1
        return changed

    def _same(self, raw: bytes) -> bool:
        """Whether ``raw`` are exactly the bytes the data in memory came from.

        The bytes themselves are kept rather than a hash of them: comparing is a memcmp,
        cheaper than hashing even once, and opening the file then never hashes at all.
        """
        return self._disk is not None and raw == self._disk

    def _refresh(self, *, force: bool = False) -> bool:
        """Bring memory in line with the file if it changed; True if the data changed.

        Cheap path: stat and lock-file token equal to what we last saw -> nothing to do. Else
        read; the same bytes -> just note the new stat; new bytes -> parse and validate.
        After an error every call re-reads, so a fixed file is picked up.
        """
        real = _real(self._abspath)
        token = self._read_token(real)
        st = self._stat_file(real)
        if st is None:
            return self._set_missing()
        trusted = self._loaded and self._error is None
        if trusted and not force and _stat_key(st) == self._stat and token == self._token:
            return False
        raw, st = self._read_bytes(real)
        key = _stat_key(st)
        if trusted and self._same(raw):
            self._stat, self._token = key, token
            self._totals_key = totals.key_of(st, token)
            return False
        plain = self._unseal(raw, real)
        data = self._decode(plain, real)
        self._data, self._stat, self._token = data, key, token
        self._totals_key = totals.key_of(st, token)
        self._raw_crc = None
        self._raw, self._disk = plain, raw
        self.as_saved = self._matches_saved_record(plain, real)
        self._loaded = True
        self._error = None
        self.generation += 1
        return True

    def _unseal(self, raw: bytes, real: Path) -> bytes:
        """The plain bytes of the file's bytes ``raw`` (:mod:`storage.sealed`).

        Raises:
            DataFileError: the file is encrypted and its key is locked, or it does not
                decrypt; it was not touched.
        """
        try:
            return sealed.open_bytes(str(real), raw)
        except sealed.Locked as exc:
            self._error = exc
            raise
        except sealed.Damaged as exc:  # encrypted bytes can't be mended by hand
            fix = None  # the newest backup to copy back, when there is one
            if newest_backup(self._abspath) is None:
                fix = "There is no backup yet: move it aside to start fresh."
            raise self._bad(exc.problem, fix) from None

    def _decode(self, raw: bytes, real: Path | None = None) -> Data:
        """Parse, validate and migrate the file's bytes.

        Raises:
            DataFileError: the bytes are not a leanon data file this version can use.
        """
        if not raw:
            raise self._bad("is empty (0 bytes)")
        try:
            value = _parse(raw)
        except json.JSONDecodeError as exc:
            end = len(exc.doc.rstrip())
            if exc.pos >= end or exc.msg.startswith("Unterminated string"):
                raise self._bad("ends too early: the JSON is cut off (truncated)") from None
            raise self._bad(
                f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
            ) from None
        except UnicodeDecodeError:
            raise self._bad("is not JSON text (it is not valid UTF-8)") from None
        except ValueError as exc:
            raise self._bad(f"is not valid JSON ({exc})") from None
        except RecursionError:
            raise self._bad("is not a leanon data file (it is nested far too deeply)") from None
        if not isinstance(value, dict):
            raise self._bad(
                f"is not a leanon data file (it holds {_describe(value)}, not an object)"
            )
        self._check_tables(value)
        data: Data = value
        found = _find_schema_version(data)
        if found is None:
            return _migrate(data, 0)
        version = found[1]
        if type(version) is not int or version < 1:
            raise self._bad(f"has a schema_version of {json.dumps(version)}, not a version number")
        if version > SCHEMA_VERSION:
            raise self._bad(
                f"was written by a newer leanon (data format version {version}; "
                f"this leanon reads up to version {SCHEMA_VERSION})",
                "Upgrade leanon to open it. The file was not changed.",
            )
        if version < SCHEMA_VERSION:
            self._backup_before_upgrade(raw, version, real or _real(self._abspath))
        return _migrate(data, version)

    def _check_tables(self, value: dict[str, Any]) -> None:
        """Every table must be an object of objects keyed by document numbers, as TinyDB needs."""
        for name, table in value.items():
            if not isinstance(table, dict):
                raise self._bad(
                    f'is not a leanon data file (its table "{name}" is {_describe(table)}, '
                    "not a set of documents)"
                )
            # The common case in C loops (a decade is 50,000 documents); the details below.
            if [*map(type, table.values())].count(dict) == len(table) and all(
                map(str.isdecimal, table)
            ):
                continue
            for key, doc in table.items():
                if not key.isdecimal():
                    raise self._bad(
                        f'is not a leanon data file (table "{name}" has a document called '
                        f'"{key}", not a number)'
                    )
                if not isinstance(doc, dict):
                    raise self._bad(
                        f'is not a leanon data file (document {key} in table "{name}" is '
                        f"{_describe(doc)}, not an object)"
                    )

    def _backup_before_upgrade(self, raw: bytes, version: int, real: Path) -> None:
        """Keep the old-format bytes before a migration changes them."""
        folder = real.parent / filesafe.BACKUPS
        target = Path(filesafe.upgrade_backup_path(str(real), version, _digest(raw).hex()[:8]))
        if target.exists():
            return
        try:
            filesafe.ensure_dir(str(folder))
            _atomic_write(target, sealed.seal(str(real), raw))
        except OSError as exc:
            raise self._bad(
                f"needs upgrading to data format {SCHEMA_VERSION}, but a backup could not be "
                f"made first in {folder} ({exc.strerror or exc})",
                "Nothing was changed; free some space or fix the folder, then try again.",
            ) from None

    def _restore(self) -> None:
        """After a failure make memory equal the disk again, whatever TinyDB did to the cache."""
        self._loaded = False
        self._stat = None
        self._totals_key = None
        self._raw_crc = None
        self._raw = self._disk = None
        self._data = None
        self.generation += 1
        with suppress(DataFileError):
            self._refresh()

    # ------------------------------------------------------------------ writing

    def _acquire_lock(self) -> None:
        """Take the cross-process lock on ``<file>.lock`` beside the real file.

        If the lock file cannot be created (read-only or missing folder) we go on without it:
        reading still works, and :meth:`_save` then refuses with that reason.
        """
        self._lock_problem = None
        real = _real(self._abspath)
        lock = str(_lock_path(real))
        try:
            filesafe.check_place(str(real))  # someone else's folder or file: write nothing
        except filesafe.UnsafeFile as exc:
            self._lock_problem = exc
            return
        try:
            filesafe.ensure_dir(str(real.parent))
            fd = filesafe.open_lock(lock, create=True)
            writable = True
        except filesafe.UnsafeFile as exc:
            self._lock_problem = exc
            return
        except OSError as exc:
            try:  # flock works on read-only fds
                fd = filesafe.open_lock(lock, create=False, writable=False)
                writable = False
            except OSError:
                self._lock_problem = exc
                return
            self._lock_problem = exc
        try:
            filesafe.lock(fd)
        except OSError as exc:
            os.close(fd)
            self._lock_problem = exc
            return
        self._lock_fd, self._lock_writable = fd, writable

    def _release_lock(self) -> None:
        fd, self._lock_fd = self._lock_fd, None
        if fd is not None:
            with suppress(OSError):
                filesafe.unlock(fd)
            os.close(fd)

    def _save(self) -> None:
        """Write the data once, atomically, under the lock we hold.

        Raises:
            SaveFailed: nothing was replaced; the caller restores memory from disk.
        """
        if self._error is not None:
            raise self._error  # the file went bad under us: never overwrite it
        real = _real(self._abspath)
        if self._lock_fd is None:
            problem = self._lock_problem or OSError(errno.EACCES, "cannot lock the file")
            raise _save_failed(self.path, problem, real.parent) from problem
        data = self._data if self._data is not None else {}
        _stamp_schema(data, SCHEMA_VERSION, overwrite=False)
        payload = _dump(data)
        disk = sealed.seal(str(real), payload)  # the same bytes, unless encryption is on
        self._daily_backup(real)
        filesafe.remove_stale_temps(str(real))  # left by a crashed save: we hold the lock
        try:
            _atomic_write(real, disk)
        except OSError as exc:
            raise _save_failed(self.path, exc, real.parent) from exc
        try:
            saved = os.stat(real)
        except OSError:
            saved = None  # the next refresh re-reads, finds the same bytes, moves on
        self._stat = None if saved is None else _stat_key(saved)
        self._totals_key = None
        self._raw_crc = None
        self._data, self._loaded, self._error = data, True, None
        self._raw, self._disk = payload, disk
        self.as_saved = True
        self.generation += 1
        if self._lock_writable:
            tables = list(data)
            seed = filesafe.record_seed(tables)
            crc = filesafe.crc32([payload], seed)
            record = filesafe.saved_record(len(payload), crc, tables)
            self._raw_crc = (seed, crc)
            token = filesafe.write_lock_state(self._lock_fd, record)
            if token:
                self._token = token
                if saved is not None:
                    self._totals_key = totals.key_of(saved, token)

    @contextmanager
    def without_daily_backup(self) -> Iterator[None]:
        """Saves made inside make no daily backup: for leanon's own small notes (the day's
        nudge), which are not worth a copy of the whole file. The day's next save makes
        it, as usual."""
        with self._mutex:
            self._no_backup += 1
            try:
                yield
            finally:
                self._no_backup -= 1

    def _daily_backup(self, real: Path) -> None:
        """Before the first save of each day, copy the file as it is on disk to ``backups/``.

        Only a file we read and validated is copied (its bytes must match), so a backup is
        never of a bad file. Failing here does not fail the save; see ``last_backup_error``.
        """
        if self._today is None or self._keep_backups <= 0 or self._no_backup:
            return
        day = self._today().isoformat()
        target = filesafe.daily_backup_path(str(real), day)
        if os.path.exists(target):
            return
        try:
            with open(real, "rb") as handle:
                raw = handle.read()
            if not self._same(raw):
                return
            if not sealed.is_sealed(raw):  # encryption just turned on: the copy is too
                raw = sealed.seal(str(real), raw)
            filesafe.make_daily_backup(str(real), day, raw, self._keep_backups)
        except FileNotFoundError:
            return
        except OSError as exc:
            folder = real.parent / filesafe.BACKUPS
            self.last_backup_error = SaveFailed(
                Path(target),
                f"could not make today's backup in {folder} ({exc.strerror or exc})",
                "The data itself was saved; leanon tries again on the next change.",
            )
            return
        self.last_backup_error = None


class _Transaction(AbstractContextManager[None]):
    """The context manager :meth:`SafeJSONStorage.transaction` returns."""

    def __init__(self, storage: SafeJSONStorage) -> None:
        self._storage = storage
        self._outer = False

    def __enter__(self) -> None:
        s = self._storage
        s._mutex.acquire()
        try:
            if s._depth > 0:
                s._depth += 1
                return
            s._acquire_lock()
            try:
                s._refresh()
            except BaseException:
                s._release_lock()
                raise
            s._depth, s._dirty, self._outer = 1, False, True
        except BaseException:
            s._mutex.release()
            raise

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        s = self._storage
        try:
            if not self._outer:
                s._depth -= 1
                return
            try:
                if exc_type is not None:
                    s._restore()
                elif s._dirty:
                    try:
                        s._save()
                    except BaseException:
                        s._restore()
                        raise
            finally:
                s._depth, s._dirty, self._outer = 0, False, False
                s._release_lock()
        finally:
            s._mutex.release()
