"""The file-level pieces of never losing the data file, with nothing heavier than ``os``.

Shared by :class:`storage.jsonfile.SafeJSONStorage` (every save) and :mod:`storage.quick`
(the command line logging one entry), so both write in exactly the same way:

* a temp file beside the real one, fsynced and renamed over it, then the folder fsynced;
* one cross-process lock on ``<file>.lock``, which also holds what the last save wrote
  (:func:`saved_record`), so another process can tell the file is still exactly that;
* daily copies in ``backups/`` beside the file, the newest :data:`KEEP_BACKUPS` kept.

Paths are plain strings here (``pathlib`` costs the command line about 10 ms to import).
"""

from __future__ import annotations

import os
import sys
import zlib

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from collections.abc import Sequence

    Buffer = bytes | bytearray | memoryview

SCHEMA_VERSION = 1
"""The data format this leanon writes; the ``meta`` table records the one a file is in."""

KEEP_BACKUPS = 14
"""How many daily backups are kept by default: two weeks to notice something went wrong."""

TOKEN_SIZE = 16
"""Bytes of the random token at the start of the lock file; every save writes a new one."""

BACKUPS = "backups"
"""The folder of backups, beside the data file."""

_RECORD_TAG = b"leanon-saved"


# --------------------------------------------------------------------------- locking

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def lock(fd: int) -> None:
        """Block until we hold the lock (``LK_LOCK`` gives up after ~10 s, so retry)."""
        while True:
            try:
                os.lseek(fd, 1 << 20, os.SEEK_SET)  # lock a byte away from the token
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                return
            except OSError:
                continue

    def unlock(fd: int) -> None:
        """Let the next process in."""
        os.lseek(fd, 1 << 20, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def lock(fd: int) -> None:
        """Block until we hold the lock; the kernel drops it if its holder dies."""
        fcntl.flock(fd, fcntl.LOCK_EX)

    def unlock(fd: int) -> None:
        """Let the next process in."""
        fcntl.flock(fd, fcntl.LOCK_UN)


def lock_path(real: str) -> str:
    """The lock file beside the (resolved) data file."""
    return real + ".lock"


# --------------------------------------------------------------------------- what a save wrote


def saved_record(payload_size: int, crc: int, tables: Sequence[str]) -> bytes:
    """The line a save leaves after the token in the lock file, describing what it wrote.

    ``leanon-saved size=N crc32=C schema=S tables=people/entries/...``: the file's size, its
    CRC-32, the data format and its tables in order. A process that finds the file with that
    size and checksum knows it holds exactly those bytes (a leanon save of data that was
    parsed and checked), so it can add to it without parsing it all again. Empty when a
    table name would not fit the line; then nobody takes that shortcut.
    """
    if not tables or not all(name.isidentifier() and name.isascii() for name in tables):
        return b""
    names = "/".join(tables).encode("ascii")
    return b"%s size=%d crc32=%d schema=%d tables=%s\n" % (
        _RECORD_TAG,
        payload_size,
        crc,
        SCHEMA_VERSION,
        names,
    )


def parse_saved_record(lock_bytes: bytes) -> tuple[int, int, int, list[str]] | None:
    """(size, crc32, schema, tables) from a lock file's bytes, or None if it holds no record."""
    line = lock_bytes[TOKEN_SIZE:]
    if not line.startswith(_RECORD_TAG + b" ") or not line.endswith(b"\n"):
        return None
    fields: dict[bytes, bytes] = {}
    for part in line[len(_RECORD_TAG) + 1 : -1].split(b" "):
        key, eq, value = part.partition(b"=")
        if not eq:
            return None
        fields[key] = value
    try:
        size, crc, schema = int(fields[b"size"]), int(fields[b"crc32"]), int(fields[b"schema"])
        tables = fields[b"tables"].decode("ascii").split("/")
    except (KeyError, ValueError):
        return None
    return size, crc, schema, tables


def write_lock_state(fd: int, record: bytes) -> bytes:
    """Leave a new random token, and ``record``, in the lock file we hold; returns the token.

    Best effort: a lock file we cannot write only costs the next process a full read.
    """
    token = os.urandom(TOKEN_SIZE)
    if not hasattr(os, "pwrite"):  # pragma: no cover - Windows
        return b""
    try:
        os.pwrite(fd, token + record, 0)
        os.ftruncate(fd, TOKEN_SIZE + len(record))
    except OSError:
        return b""
    return token


def crc32(pieces: Sequence[Buffer], start: int = 0) -> int:
    """The CRC-32 of the pieces one after another, continuing from ``start``."""
    crc = start
    for piece in pieces:
        crc = zlib.crc32(piece, crc)
    return crc


# --------------------------------------------------------------------------- writing


def real_path(path: str | os.PathLike[str]) -> str:
    """Where the bytes live: a symlinked data file keeps its link and we write its target."""
    return os.path.realpath(path)


def open_temp(path: str) -> int:
    """Create a new private temp file (a separate function so tests can make it fail)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    return os.open(path, flags, 0o600)


def write_all(fd: int, payload: Buffer) -> None:
    """``os.write`` may write less than asked; loop until everything is out."""
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def fsync_dir(directory: str) -> None:
    """Make the rename itself durable; some filesystems cannot, which is not worth failing."""
    if os.name != "posix":
        return
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(target: str, pieces: Sequence[Buffer]) -> None:
    """Replace ``target`` with the pieces, one after another, so a crash leaves old or new.

    Raises:
        OSError: nothing was replaced and the temp file is gone.
    """
    folder, name = os.path.split(target)
    tmp = os.path.join(folder, f".{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    fd = open_temp(tmp)
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)  # O_CREAT's mode is filtered by the umask; this is not
            for piece in pieces:
                write_all(fd, piece)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    fsync_dir(folder)


def remove_stale_temps(target: str) -> None:
    """Remove temp files (``.<name>.*.tmp``) a crashed save of ``target`` left beside it.

    Only while holding the lock: then no save is under way. A plain listing rather than a
    glob, which would read a data file name with ``[`` in it as a pattern.
    """
    folder, name = os.path.split(target)
    prefix, suffix = f".{name}.", ".tmp"
    try:
        names = os.listdir(folder or ".")
    except OSError:
        return
    for entry in names:
        if entry.startswith(prefix) and entry.endswith(suffix):
            if len(entry) >= len(prefix) + len(suffix):
                try:
                    os.unlink(os.path.join(folder, entry))
                except OSError:
                    pass


def ensure_dir(directory: str) -> None:
    """Create ``directory`` and missing parents as 0700; leave existing ones exactly as they are."""
    missing: list[str] = []
    here = directory
    while not os.path.isdir(here):
        missing.append(here)
        parent = os.path.dirname(here)
        if parent == here:
            break
        here = parent
    for new in reversed(missing):
        try:
            os.mkdir(new, 0o700)
        except FileExistsError:
            continue  # another process made it first: not ours to chmod
        os.chmod(new, 0o700)  # mkdir's mode is filtered by the umask


# --------------------------------------------------------------------------- daily backups


def _stem(real: str) -> str:
    return os.path.splitext(os.path.basename(real))[0]


def _is_day(text: str) -> bool:
    """``YYYY-MM-DD`` in ASCII digits."""
    return (
        len(text) == 10
        and text[4] == text[7] == "-"
        and (text[:4] + text[5:7] + text[8:]).isdigit()
        and text.isascii()
    )


def daily_backup_path(real: str, day: str) -> str:
    """Where the backup of ``real`` for ``day`` (an ISO date) goes."""
    return os.path.join(os.path.dirname(real), BACKUPS, f"{_stem(real)}-{day}.json")


def daily_backups(real: str) -> list[str]:
    """The daily backups of the data file ``real``, oldest first (their names sort by date)."""
    folder = os.path.join(os.path.dirname(real), BACKUPS)
    prefix = _stem(real) + "-"
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return [
        os.path.join(folder, name)
        for name in sorted(names)
        if name.startswith(prefix)
        and name.endswith(".json")
        and _is_day(name[len(prefix) : -len(".json")])
    ]


def make_daily_backup(real: str, day: str, raw: Buffer, keep: int = KEEP_BACKUPS) -> None:
    """Before the first save of ``day``, keep ``raw`` (the file as it is) in ``backups/``.

    Does nothing when that day's backup is already there. Prunes to the newest ``keep``.

    Raises:
        OSError: the backup could not be written (the save itself may still go ahead).
    """
    target = daily_backup_path(real, day)
    if os.path.exists(target):
        return
    folder = os.path.dirname(target)
    ensure_dir(folder)
    prefix = f".{_stem(real)}-"
    try:
        leftovers = os.listdir(folder)
    except OSError:
        leftovers = []
    for name in leftovers:  # temp files of a backup that crashed half-way
        rest = name[len(prefix) :]
        if name.startswith(prefix) and _is_day(rest[:10]) and rest[10:16] == ".json.":
            if not name.endswith(".tmp"):
                continue
            try:
                os.unlink(os.path.join(folder, name))
            except OSError:
                pass
    atomic_write(target, [raw])
    for old in daily_backups(real)[:-keep]:
        try:
            os.unlink(old)
        except OSError:
            pass
