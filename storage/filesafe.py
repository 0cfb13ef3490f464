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

import errno
import os
import stat
import sys
import zlib

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

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

    def try_lock(fd: int) -> bool:
        """Take the lock if nobody holds it; whether we hold it now."""
        try:
            os.lseek(fd, 1 << 20, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def lock(fd: int) -> None:
        """Block until we hold the lock; the kernel drops it if its holder dies."""
        fcntl.flock(fd, fcntl.LOCK_EX)

    def unlock(fd: int) -> None:
        """Let the next process in."""
        fcntl.flock(fd, fcntl.LOCK_UN)

    def try_lock(fd: int) -> bool:
        """Take the lock if nobody holds it; whether we hold it now."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


def lock_path(real: str) -> str:
    """The lock file beside the (resolved) data file."""
    return real + ".lock"


NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
"""Open the last part of a path only if it is not a symlink (every file leanon manages)."""

_OPEN_FLAGS = NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_OPEN_FLAGS |= getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0)


class UnsafeFile(OSError):
    """A file or folder leanon manages is not what it should be; nothing was written.

    Its text says what is wrong and ``fix`` says what to do, for the person to read.
    """

    def __init__(self, problem: str, fix: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.fix = fix

    @property
    def warning(self) -> str:
        """The problem as a warning while only reading: saves will be refused until fixed."""
        return f"{self.problem}; leanon won't save changes there. {self.fix}"


def open_lock(path: str, *, create: bool, writable: bool = True) -> int:
    """Open the lock file ``path`` for locking, refusing anything but our own regular file.

    Never through a symlink (``O_NOFOLLOW``), never a FIFO or device (``O_NONBLOCK``, then
    ``fstat``), never a file with another name for it (a hard link) or someone else's:
    the lock is written to, so a planted one would turn a save into overwriting the file
    it points at.

    Raises:
        UnsafeFile: the lock file is there but is not one leanon should write.
        OSError: it could not be opened (missing, no permission, read-only folder).
    """
    flags = (os.O_RDWR if writable else os.O_RDONLY) | _OPEN_FLAGS
    if create:
        flags |= os.O_CREAT
    try:
        fd = os.open(path, flags, 0o600)
    except OSError as exc:
        if exc.errno == errno.ELOOP or _is_link(path):
            raise _unsafe_lock(path, "is a symbolic link") from None
        raise
    try:
        problem = lock_problem(os.fstat(fd))
    except OSError:
        os.close(fd)
        raise
    if problem:
        os.close(fd)
        raise _unsafe_lock(path, problem)
    return fd


def _is_link(path: str) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def lock_problem(st: os.stat_result) -> str:
    """Why a file leanon keeps beside the data file (the lock, the totals) is not one to
    trust: not a regular file, another user's, or one with other names; "" when it is."""
    if not stat.S_ISREG(st.st_mode):
        return "is not a regular file"
    if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        return f"belongs to another user ({user_name(st.st_uid)})"
    if st.st_nlink > 1:
        return "has other names (hard links) elsewhere"
    return ""


def read_private(path: str, most: int | None = None) -> bytes | None:
    """The bytes of one of leanon's own files beside the data file (the totals, the unlock
    cache), or None when it is missing, unreadable, or not one to trust: not our own
    regular file with one name, or readable by others. Links are never followed, and a
    FIFO planted there never blocks. At most ``most`` bytes when given."""
    try:
        fd = os.open(path, os.O_RDONLY | NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if lock_problem(st) or st.st_mode & 0o077:
            return None
        size = st.st_size if most is None else min(most, st.st_size)
        raw = b""
        while len(raw) < size:
            chunk = os.read(fd, size - len(raw))
            if not chunk:
                break
            raw += chunk
        return raw
    except OSError:
        return None
    finally:
        os.close(fd)


def _unsafe_lock(path: str, problem: str) -> UnsafeFile:
    return UnsafeFile(
        f"the lock file {path} {problem}, so leanon won't write through it",
        f"Remove it (rm {_quoted(path)}); leanon makes a new one.",
    )


# --------------------------------------------------------------------------- whose folder


def check_place(real: str) -> None:
    """Refuse to write ``real`` (a data file) where that could be turned against the person.

    Three things make a write unsafe, and each is a clear refusal rather than a tip:

    * the folder belongs to another user (``sudo leanon ...`` in a person's folder would
      leave them root-owned files they cannot change);
    * other users can write in the folder (world-writable, or group-writable with others in
      the group), so they could swap the lock, a temp file or a backup for a link;
    * the data file itself belongs to another user.

    A folder that does not exist yet is fine: leanon makes it, private.

    Raises:
        UnsafeFile: with the problem and the fix; nothing was written.
    """
    problem = place_problem(real)
    if problem is not None:
        raise problem


def place_problem(real: str) -> UnsafeFile | None:
    """What :func:`check_place` would refuse, or None (one ``stat`` in the usual case)."""
    if os.name != "posix":  # pragma: no cover - Windows has ACLs, not modes
        return None
    folder = os.path.dirname(real) or "."
    try:
        st = os.stat(folder)
    except OSError:
        return None  # missing (it is made, 0700) or unreadable (the write then says so)
    me = os.geteuid()
    if st.st_uid != me:
        return UnsafeFile(
            f"the folder {folder} belongs to {user_name(st.st_uid)}, and leanon is running "
            f"as {user_name(me)}",
            f"Run leanon as {user_name(st.st_uid)} (not with sudo), so its files stay theirs.",
        )
    mode = stat.S_IMODE(st.st_mode)
    if mode & 0o002 or (mode & 0o020 and _group_has_others(st.st_gid, me)):
        return UnsafeFile(
            f"other users can write in the folder {folder} (mode {mode:03o}), so they could "
            "swap leanon's files there for links to yours",
            f"Make it writable by you alone: chmod go-w {_quoted(folder)}",
        )
    try:
        owner = os.stat(real).st_uid
    except OSError:
        return None
    if owner != me:
        return UnsafeFile(
            f"the data file belongs to {user_name(owner)}, and leanon is running as "
            f"{user_name(me)}",
            f"Run leanon as {user_name(owner)} (not with sudo), so the file stays theirs.",
        )
    return None


def _group_has_others(gid: int, me: int) -> bool:
    """Whether anyone but ``me`` is in group ``gid`` (an unknown group counts as shared)."""
    import grp
    import pwd

    try:
        group = grp.getgrgid(gid)
    except KeyError:
        return True
    mine = user_name(me)
    if any(member != mine for member in group.gr_mem):
        return True
    return any(user.pw_gid == gid and user.pw_uid != me for user in pwd.getpwall())


def user_name(uid: int) -> str:
    """A user's login name, or ``user <uid>`` when the system has none for it."""
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"user {uid}"


def _quoted(path: str) -> str:
    """``path`` as a shell word (shlex, with its ``re`` import, is too heavy here)."""
    safe = "-_./~+:,@%="
    if path and all(c.isascii() and (c.isalnum() or c in safe) for c in path):
        return path
    return "'" + path.replace("'", "'\\''") + "'"


# --------------------------------------------------------------------------- what a save wrote


def saved_record(payload_size: int, crc: int, tables: Sequence[str]) -> bytes:
    """The line a save leaves after the token in the lock file, describing what it wrote.

    ``leanon-saved size=N crc32=C schema=S tables=people/entries/...``: the file's size, the
    CRC-32 of its tables' list and its bytes (:func:`record_seed`), the data format and its
    tables in order. A process that finds the file with that
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


def record_seed(tables: Sequence[str]) -> int:
    """Where a saved record's CRC-32 starts: the CRC of its table list.

    The record's checksum covers the table list as well as the file's bytes, so a record
    whose list does not belong to those bytes (edited, or left by another version) matches
    no file, and the quick path never splices along a list the bytes do not have.
    """
    return zlib.crc32("/".join(tables).encode("utf-8"))


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
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | getattr(os, "O_BINARY", 0)
    return os.open(path, flags, 0o600)


def temp_path(target: str) -> str:
    """A fresh temp file's name beside ``target``: ``.<name>.<pid>.<random>.tmp``.

    The process id in it lets a later run tell a temp file of a process that died
    (:func:`remove_dead_temps`) from one still being written.
    """
    folder, name = os.path.split(target)
    return os.path.join(folder, f".{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")


def _keep_owner(fd: int, target: str) -> None:
    """Give the new file the owner and group of the one it replaces, where we may.

    Best effort: only root can give a file away, and a group we are not in cannot be
    kept. (The data file itself is never written when it is someone else's:
    :func:`check_place` refuses first.)
    """
    if not hasattr(os, "fchown"):  # pragma: no cover - Windows
        return
    try:
        old = os.lstat(target)
    except OSError:
        return
    if not stat.S_ISREG(old.st_mode):
        return
    new = os.fstat(fd)
    if (old.st_uid, old.st_gid) == (new.st_uid, new.st_gid):
        return
    try:
        os.fchown(fd, old.st_uid, old.st_gid)
    except OSError:
        try:
            os.fchown(fd, -1, old.st_gid)
        except OSError:
            pass


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


def atomic_write(
    target: str, pieces: Sequence[Buffer], writer: Callable[[int], None] | None = None
) -> None:
    """Replace ``target`` with the pieces, one after another, so a crash leaves old or new.

    ``writer``, when given, writes the new file to the temp file's descriptor instead of
    the pieces (:func:`storage.sealed.sealer`: the pieces, encrypted as they stream out).

    Raises:
        OSError: nothing was replaced and the temp file is gone.
    """
    folder = os.path.dirname(target)
    tmp = temp_path(target)
    fd = open_temp(tmp)
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)  # O_CREAT's mode is filtered by the umask; this is not
            _keep_owner(fd, target)
            if writer is not None:
                writer(fd)
            else:
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


def replace_private(target: str, payload: Buffer) -> None:
    """Replace ``target``, a file leanon can always make again (the totals), with ``payload``.

    A private temp file renamed over it, like :func:`atomic_write` but without the fsyncs:
    after a crash the old file, the new one or none may be there, and any of those is only
    a miss for a reader that checks what it reads. Only while holding the data file's lock.

    Raises:
        OSError: nothing was replaced and the temp file is gone.
    """
    tmp = temp_path(target)
    fd = open_temp(tmp)
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)
            write_all(fd, payload)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        _unlink(tmp)
        raise


def stale_temps(target: str) -> list[tuple[str, int | None]]:
    """Temp files (``.<name>.<pid>.<random>.tmp``) of ``target`` beside it, with their pid.

    A plain listing rather than a glob, which would read a name with ``[`` as a pattern.
    The pid is None for a name that does not carry one.
    """
    folder, name = os.path.split(target)
    prefix, suffix = f".{name}.", ".tmp"
    try:
        names = os.listdir(folder or ".")
    except OSError:
        return []
    found: list[tuple[str, int | None]] = []
    for entry in names:
        if entry.startswith(prefix) and entry.endswith(suffix):
            middle = entry[len(prefix) : len(entry) - len(suffix)]
            if len(entry) < len(prefix) + len(suffix):
                continue
            pid_text = middle.partition(".")[0]
            pid = int(pid_text) if pid_text.isdigit() and pid_text.isascii() else None
            found.append((os.path.join(folder, entry), pid))
    return found


def remove_stale_temps(target: str) -> None:
    """Remove every temp file a crashed save of ``target`` left beside it.

    Only while holding the lock: then no save is under way.
    """
    for path, _ in stale_temps(target):
        _unlink(path)


def remove_dead_temps(target: str) -> None:
    """Remove the temp files of ``target`` whose writer is no longer running.

    For files written without leanon's lock (an export): a killed ``export --output``
    would otherwise leave a full hidden copy of the journal beside its target for good.
    A temp file of a process that is still running is left to it.
    """
    for path, pid in stale_temps(target):
        if pid is None or not process_running(pid):
            _unlink(path)


def process_running(pid: int) -> bool:
    """Whether process ``pid`` is alive (anyone's); on Windows, assume it is."""
    if os.name != "posix" or pid == os.getpid():  # Windows' os.kill would end the process
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # there, but someone else's
    return True


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
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


# --------------------------------------------------------------------------- other files

MAX_IMPORT_BYTES = 1 << 30
"""The largest file ``leanon import`` reads: far beyond any real export (a lifetime of
entries is a few hundred MB), and short of what would exhaust a laptop's memory."""


def read_regular(path: str, limit: int = MAX_IMPORT_BYTES) -> bytes:
    """The bytes of the regular file ``path``, read only once it is known to be one.

    Opened without blocking (a FIFO would wait forever for a writer) and checked with
    ``fstat`` before any byte is read, so ``/dev/zero``, a FIFO, a socket or a file larger
    than ``limit`` is refused at once instead of read until memory runs out.

    Raises:
        UnsafeFile: not a regular file, or larger than ``limit``.
        OSError: it could not be opened or read (missing, a folder, no permission).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "Is a directory", path)
        if not stat.S_ISREG(st.st_mode):
            raise UnsafeFile(
                f"{path} is not a regular file (a device, a pipe or a socket)",
                "Save the export to a file first, then import that file.",
            )
        if st.st_size > limit:
            raise UnsafeFile(
                f"{path} is {st.st_size:,} bytes, larger than any export leanon would read "
                f"({limit:,} bytes at most)",
                "Check it is the file you meant.",
            )
        chunks = []
        left = limit + 1  # a file that grows while it is read is still capped
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        if left <= 0:
            raise UnsafeFile(f"{path} grew past {limit:,} bytes while it was read", "")
        return b"".join(chunks)
    finally:
        os.close(fd)


def managed_file(target: str, real: str) -> str | None:
    """What ``target`` is to the data file ``real`` if leanon manages it, else None.

    Leanon's own files are the data file, its lock file, its temp files, its totals, its key
    (when it is encrypted) and everything in ``backups/``: an export written over one of
    them would replace the lock (so two processes could save at once), a backup with names
    and notes in another shape, or the key without which the file cannot be read.
    """
    where = os.path.realpath(target)
    if where == real or _same_file(where, real):
        return "your data file"
    lock = lock_path(real)
    if where == lock or _same_file(where, lock):
        return "the data file's lock file"
    folder, name = os.path.split(where)
    backups = backups_folder(real)
    if folder == backups or _same_file(folder, backups):
        return "a file in the data file's backups folder"
    if where == backups:
        return "the data file's backups folder"
    if folder == os.path.dirname(real):
        base = os.path.basename(real)
        if name.startswith(f".{base}.") and name.endswith(".tmp"):
            return "one of the data file's temp files"
        if name.startswith(f"{base}.totals-"):  # storage.totals.totals_path
            return "the data file's totals"
        if name == f"{base}.key":  # storage.sealed.key_path
            return "the data file's key"
    return None


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


# --------------------------------------------------------------------------- daily backups
#
# A backup's name says which data file and which day it holds: ``<file name>.<day>.json``
# (``leanon.json.2026-11-28.json``), so two data files in one folder (``journal`` and
# ``journal.json``) never share, prune or point at each other's copies. Backups named the
# way leanon 0.1 named them (``<stem>-<day>.json``) still count, but only where no other
# file in the folder has the same stem, so that they cannot be another file's.


def is_day(text: str) -> bool:
    """``YYYY-MM-DD`` in ASCII digits."""
    return (
        len(text) == 10
        and text[4] == text[7] == "-"
        and (text[:4] + text[5:7] + text[8:]).isdigit()
        and text.isascii()
    )


def backups_folder(real: str) -> str:
    """The ``backups`` folder beside the (resolved) data file ``real``."""
    return os.path.join(os.path.dirname(real), BACKUPS)


def daily_backup_path(real: str, day: str) -> str:
    """Where the backup of ``real`` for ``day`` (an ISO date) goes."""
    return os.path.join(backups_folder(real), f"{os.path.basename(real)}.{day}.json")


def upgrade_backup_path(real: str, version: int, digest: str) -> str:
    """Where the copy of ``real`` in data format ``version`` goes before it is upgraded."""
    return os.path.join(backups_folder(real), f"{os.path.basename(real)}.v{version}-{digest}.json")


def daily_backups(real: str) -> list[str]:
    """The daily backups of the data file ``real``, oldest first."""
    return [path for _, path in _dated_backups(real)]


def _dated_backups(real: str) -> list[tuple[str, str]]:
    """(day, path) of each daily backup of ``real``, oldest first."""
    folder = backups_folder(real)
    name = os.path.basename(real)
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    found: list[tuple[str, str]] = []
    legacy_prefix = os.path.splitext(name)[0] + "-"
    legacy: list[tuple[str, str]] = []
    for entry in names:
        if not entry.endswith(".json"):
            continue
        if entry.startswith(name + ".") and is_day(entry[len(name) + 1 : -5]):
            found.append((entry[len(name) + 1 : -5], os.path.join(folder, entry)))
        elif entry.startswith(legacy_prefix) and is_day(entry[len(legacy_prefix) : -5]):
            legacy.append((entry[len(legacy_prefix) : -5], os.path.join(folder, entry)))
    if legacy and _stem_is_unique(real):
        found += legacy
    return sorted(found)


def upgrade_backups(real: str) -> list[str]:
    """The copies of ``real`` kept before a data-format upgrade, in no particular order."""
    folder = backups_folder(real)
    name = os.path.basename(real)
    stem = os.path.splitext(name)[0]
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    found, legacy = [], []
    for entry in names:
        if not entry.endswith(".json"):
            continue
        if entry.startswith(name + ".v") and entry[len(name) + 2 : len(name) + 3].isdigit():
            found.append(os.path.join(folder, entry))
        elif entry.startswith(stem + "-v") and entry[len(stem) + 2 : len(stem) + 3].isdigit():
            legacy.append(os.path.join(folder, entry))
    if legacy and _stem_is_unique(real):
        found += legacy
    return found


def _stem_is_unique(real: str) -> bool:
    """Whether ``real`` is the only file in its folder with its stem (``journal``)."""
    folder, name = os.path.split(real)
    stem = os.path.splitext(name)[0]
    try:
        names = os.listdir(folder or ".")
    except OSError:
        return False
    for entry in names:
        if entry != name and not entry.startswith(".") and os.path.splitext(entry)[0] == stem:
            if os.path.isfile(os.path.join(folder, entry)):
                return False
    return True


def make_daily_backup(real: str, day: str, raw: Buffer, keep: int = KEEP_BACKUPS) -> None:
    """Before the first save of ``day``, keep ``raw`` (the file as it is) in ``backups/``.

    Does nothing when that day's backup is already there. Prunes to the newest ``keep``.

    Raises:
        OSError: the backup could not be written (the save itself may still go ahead).
    """
    target = daily_backup_path(real, day)
    if os.path.lexists(target):
        return
    folder = os.path.dirname(target)
    ensure_dir(folder)
    # Temp files of a backup that crashed half-way; the caller holds the data file's lock,
    # so no other backup of this file is being written.
    remove_stale_temps(os.path.join(folder, os.path.basename(real)))
    atomic_write(target, [raw])
    for old in daily_backups(real)[:-keep]:
        _unlink(old)


# --------------------------------------------------------------------------- sync conflicts

CONFLICT_MARKER = "conflict"
"""The word sync tools put in the name of a second copy they could not merge (Syncthing
``leanon.sync-conflict-20261201-143000-ABCDEFG.json``, Dropbox and Nextcloud
``leanon (conflicted copy 2026-12-01).json``)."""


def conflict_copies(real: str) -> list[str]:
    """The copies of the data file ``real`` a sync tool left beside it, by name, sorted.

    A name that starts like the data file's, has the word "conflict" after that, and ends
    as it does (``.json``); never the lock, the totals or a temp file, and only a regular
    file. One listing of the folder: cheap enough for every command and every poll.
    """
    folder, name = os.path.split(real)
    stem, ext = os.path.splitext(name.lower())
    try:
        names = os.listdir(folder or ".")
    except OSError:
        return []
    found = []
    for entry in names:
        low = entry.lower()
        if (
            entry == name
            or not low.startswith(stem)
            or CONFLICT_MARKER not in low[len(stem) :]
            or not low.endswith(ext)
            or low.endswith((".lock", ".tmp"))
            or ".totals-" in low
        ):
            continue
        path = os.path.join(folder, entry)
        try:
            st = os.lstat(path)
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode):
            found.append(path)
    return sorted(found)


def merged_copy_path(real: str, copy: str, what: str = "merged") -> str:
    """A free name in ``backups/`` for a sync tool's ``copy`` of ``real`` once merged
    (``leanon.json.merged-leanon.sync-conflict-….json``), or, with ``what`` "before-merge",
    for the file as it was before. Neither is ever taken for a daily backup: never
    pruned, and never offered as the newest backup."""
    base = f"{os.path.basename(real)}.{what}-{os.path.basename(copy)}"
    target = os.path.join(backups_folder(real), base)
    number = 2
    while os.path.lexists(target):
        target = os.path.join(backups_folder(real), f"{base}.{number}")
        number += 1
    return target
