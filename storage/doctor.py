"""``leanon doctor``: look the data file over and say plainly what, if anything, needs doing.

Every check only reads: the doctor never changes the data file, its folder, the lock or the
backups. Each finding carries the fix as a command or a sentence a person can follow.
"""

from __future__ import annotations

import os
import shlex
import stat
import sys
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from storage import filesafe
from storage.clock import Clock
from storage.errors import DataFileError
from storage.fields import visible
from storage.filesafe import place_problem
from storage.jsonfile import SCHEMA_VERSION, backups_dir, newest_backup
from storage.paths import default_db_path
from storage.phrases import and_list, plural, upper_first

if TYPE_CHECKING:
    from storage.store import Store


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the doctor looked at.

    Attributes:
        ok: True when nothing needs doing (a finding may still carry advice in ``fix``).
        text: what was found, in one plain sentence.
        fix: what to do about it; empty when there is nothing to do.
    """

    ok: bool
    text: str
    fix: str = ""


def examine(
    path: Path, clock: Clock | None = None, *, import_command: str = "leanon import"
) -> list[Finding]:
    """Every finding about the data file at ``path``, in the order worth reading them.

    Args:
        path: the data file (it may not exist yet).
        clock: the clock the store is opened with.
        import_command: how the fix for a sync-conflict copy starts (the CLI adds its
            ``--db`` when one was given).
    """
    path = Path(path)
    findings: list[Finding] = []
    if not path.exists() and not path.is_symlink():
        findings.append(
            Finding(
                True, f"There is no data file yet at {path}; it is made when you log something."
            )
        )
        findings += _folder(path)
        findings += _lock(path)
        findings += _conflicts(path, import_command)
        return findings
    locked = _encryption(path, findings)
    readable = not locked and _readability(path, clock, findings)
    if readable or locked:
        findings += _permissions(path)
    findings += _folder(path)
    findings += _syncthing(path)
    findings += _lock(path)
    findings += _temps(path)
    findings += _backups(path)
    findings += _conflicts(path, import_command)
    return findings


def healthy(findings: list[Finding]) -> bool:
    """Whether every finding is fine."""
    return all(f.ok for f in findings)


def _readability(path: Path, clock: Clock | None, findings: list[Finding]) -> bool:
    """Open the file the way leanon does, reading every record; True when it is usable."""
    from storage.store import Store  # TinyDB is only needed for this check

    try:
        with Store.open(path, clock) as store:  # read once, for every check of the records
            counts = store.counts()
            people = len(store.people())
            names = _names(store)
    except DataFileError as exc:
        fix = exc.fix
        if "leanon doctor" in fix:  # that advice leads here: say what the doctor knows
            backup = newest_backup(path)
            fix = (
                f"Copy your newest backup over it: cp {shlex.quote(str(backup))} "
                f"{shlex.quote(str(path))}, or fix it by hand."
                if backup is not None
                else "There is no backup yet: fix it by hand, or move it aside to start fresh."
            )
        findings.append(Finding(False, f"{exc.path}: {exc.problem}.", fix))
        return False
    entries = sum(counts.values())
    findings.append(
        Finding(
            True,
            f"The data file reads cleanly: {path} "
            f"({plural(entries, 'entry', 'entries')}, {plural(people, 'person', 'people')}).",
        )
    )
    findings.append(
        Finding(True, f"Its data format is version {SCHEMA_VERSION}, the one this leanon writes.")
    )
    findings += names
    return True


def _encryption(path: Path, findings: list[Finding]) -> bool:
    """Whether the file is encrypted (:mod:`storage.sealed`) and its key unlocked, and what
    is left plain; True when it is locked, so its entries cannot be read now."""
    from storage import sealed, sealing

    real = filesafe.real_path(path)
    try:
        if not os.path.isfile(real):
            return False  # the reading check says why
        with open(real, "rb") as handle:
            head = handle.read(64)
    except OSError:
        return False
    if not sealed.enabled(real):
        if sealed.is_sealed(head):
            return False  # the reading check names the missing key file and the fix
        findings.append(
            Finding(
                True,
                "The data file is plain JSON, not encrypted.",
                "leanon encrypt encrypts it, its backups and its totals, if anyone could read "
                "this disk, a backup of it or a synced copy.",
            )
        )
        return False
    if not sealed.is_sealed(head):
        findings.append(
            Finding(
                False,
                f"A key file is beside the data file ({sealed.key_path(real)}), but the file "
                "itself is plain: turning encryption on or off was cut short.",
                "Run leanon encrypt to finish encrypting, or leanon decrypt to turn it off.",
            )
        )
        return False
    locked = sealed.locked(real, use_command=False)
    state = "locked: its entries cannot be read until then" if locked else "unlocked"
    findings.append(
        Finding(
            True,
            f"The data file is encrypted (age format), with its key in {sealed.key_path(real)}; "
            f"the key is {state}.",
            "leanon unlock opens it." if locked else "",
        )
    )
    plain = [
        b for b in sealing.backup_files(real) if not sealed.is_sealed(filesafe.read_regular(b))
    ]
    if plain:
        findings.append(
            Finding(
                False,
                f"{plural(len(plain), 'file')} in backups/ {'is' if len(plain) == 1 else 'are'} "
                "still plain, not encrypted.",
                "Run leanon encrypt to encrypt them too.",
            )
        )
    return locked


def _permissions(path: Path) -> list[Finding]:
    if os.name != "posix":
        return []
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return []
    if mode & 0o077:
        return [
            Finding(
                False,
                f"Other people on this computer can read the data file (mode {mode:03o}).",
                f"chmod 600 {shlex.quote(str(path))}",
            )
        ]
    return [Finding(True, "Only you can read the data file (mode 600).")]


def _names(store: Store) -> list[Finding]:
    """Names and notes holding control characters, and people whose names are one name."""
    clashes = store.name_clashes()
    texts = {p.name for p in store.people()}
    for e in store.entries():
        texts.update((e.who or "", e.text or "", e.note or ""))
    findings = []
    for names in clashes:
        shown = and_list(["\u201c" + visible(n) + "\u201d" for n in names])
        findings.append(
            Finding(
                False,
                f"{shown} are kept as separate people, but they are the same name written "
                "in different ways (accents typed apart, or an invisible character); leanon "
                "now treats them as one person and shows only one of them.",
                "Rename or remove one of them in the dashboard (p), or merge them by hand "
                "in the data file.",
            )
        )
    odd = sum(1 for text in texts if text and visible(text) != text)
    if odd:
        findings.append(
            Finding(
                True,
                f"{plural(odd, 'name or note holds', 'names or notes hold')} control or "
                "invisible characters; leanon shows them as escapes (like \\x1b) so they "
                "cannot act on your terminal.",
            )
        )
    return findings


def _folder(path: Path) -> list[Finding]:
    """Where leanon would refuse to save, say so; the folder's privacy is advice."""
    if os.name != "posix":
        return []
    folder = path.parent
    try:
        st = folder.stat()
    except OSError:
        return []
    unsafe = place_problem(os.path.realpath(path))
    if unsafe is not None:
        return [Finding(False, _sentence(unsafe.problem), unsafe.fix)]
    if not os.access(folder, os.W_OK) or _read_only_mount(folder):
        where = "on a read-only disk" if _read_only_mount(folder) else "not writable by you"
        return [
            Finding(
                False,
                f"leanon cannot save in the folder {folder}: it is {where}. Reading works.",
                "Make it writable, or move the data file somewhere you can write "
                "(leanon --db PATH, or LEANON_DB).",
            )
        ]
    mode = stat.S_IMODE(st.st_mode)
    if not mode & 0o077:
        return [Finding(True, "Only you can open its folder (mode 700).")]
    quoted = shlex.quote(str(folder))
    if _leanon_made(folder):
        return [
            Finding(
                False,
                f"Other people on this computer can open the folder {folder} (mode {mode:03o}).",
                f"chmod 700 {quoted}",
            )
        ]
    if st.st_uid == os.getuid() and not mode & stat.S_ISVTX:
        return [
            Finding(
                True,
                f"The folder {folder} is open to others (mode {mode:03o}); the file itself "
                "is what matters.",
                f"If the folder holds only private things: chmod 700 {quoted}",
            )
        ]
    return []


STFOLDER, STIGNORE = ".stfolder", ".stignore"
"""What marks the top of a folder Syncthing shares, and its list of what not to share."""


def sync_root(path: Path) -> Path | None:
    """The top of the Syncthing folder the data file is in (where ``.stfolder`` is), or None."""
    folder = Path(os.path.realpath(path)).parent
    for candidate in (folder, *folder.parents):
        if (candidate / STFOLDER).exists():
            return candidate
    return None


def stignore_lines(path: Path, root: Path) -> dict[str, str]:
    """The ``.stignore`` lines that keep what belongs to one device out of the sync: the
    lock file, ``backups/`` and the totals, each by what it is."""
    real = Path(os.path.realpath(path))
    where = real.parent.relative_to(root).as_posix()
    prefix = "/" if where == "." else f"/{where}/"
    return {
        "the lock file": f"{prefix}{real.name}.lock",
        "backups/": f"{prefix}{filesafe.BACKUPS}",
        "the totals": f"{prefix}{real.name}.totals-*",
    }


def _syncthing(path: Path) -> list[Finding]:
    """A Syncthing folder: does its ``.stignore`` keep each device's own files at home?"""
    root = sync_root(path)
    if root is None:
        return []
    try:
        text = (root / STIGNORE).read_text(encoding="utf-8", errors="replace")
    except OSError:
        text = ""
    have = {line.strip() for line in text.splitlines()}
    wanted = stignore_lines(path, root)
    missing = {
        what: line
        for what, line in wanted.items()
        if line not in have and line.lstrip("/") not in have
    }
    add = " ".join(shlex.quote(line) for line in missing.values())
    fix = f"printf '%s\\n' {add} >> {shlex.quote(str(root / STIGNORE))}"
    shared = f"Syncthing shares this folder ({root})"
    if not missing:
        return [
            Finding(
                True,
                f"{shared}; its .stignore keeps the lock file, backups/ and the totals to "
                "each device.",
            )
        ]
    if set(missing) == {"the totals"}:
        return [
            Finding(
                True,
                f"{shared}; its .stignore keeps the lock file and backups/ to each device.",
                f"each device makes its own totals, so they need not travel: {fix}",
            )
        ]
    return [
        Finding(
            False,
            f"{shared}, and its .stignore doesn't keep out {and_list(list(missing))}: "
            "each device needs its own lock file and backups (Syncthing would swap the lock "
            "under a leanon that holds it).",
            fix,
        )
    ]


def _leanon_made(folder: Path) -> bool:
    """Whether ``folder`` is leanon's own: the default data folder, or one named leanon."""
    default = default_db_path({}).parent
    with suppress(OSError):
        if folder.resolve() == default.resolve():
            return True
    return folder.name.lower() == "leanon"


def _lock(path: Path) -> list[Finding]:
    """The lock file is normal; say whether a running leanon holds it right now."""
    real = Path(os.path.realpath(path))
    lock = real.with_name(real.name + ".lock")
    if not lock.exists() and not lock.is_symlink():
        return [Finding(True, "No lock file yet; one appears beside the file on the first save.")]
    if sys.platform == "win32":  # pragma: no cover - Windows locks differently
        return [Finding(True, f"The lock file {lock.name} is there, as it should be.")]
    import fcntl

    try:
        fd = filesafe.open_lock(str(lock), create=False, writable=False)
    except filesafe.UnsafeFile as exc:
        return [Finding(False, _sentence(exc.problem), exc.fix)]
    except OSError as exc:
        return [
            Finding(
                False,
                f"The lock file {lock} cannot be opened ({exc.strerror}).",
                f"Make it yours and private: chmod 600 {shlex.quote(str(lock))}",
            )
        ]
    size = os.fstat(fd).st_size
    head = os.pread(fd, 4096, 0) if size > filesafe.TOKEN_SIZE else b""
    if head and filesafe.parse_saved_record(head) is None:
        os.close(fd)
        return [
            Finding(
                False,
                f"The lock file {lock} holds {size:,} bytes that are not a lock's: something "
                "was written over it (an export?), and it may hold names and notes.",
                f"Look at it, then move it away or remove it (rm {shlex.quote(str(lock))}); "
                "leanon makes a new one.",
            )
        ]
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return [
            Finding(
                True,
                f"The lock file {lock.name} is held by a leanon saving right now; that is normal.",
            )
        ]
    except OSError:
        return [Finding(True, f"The lock file {lock.name} is there, as it should be.")]
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
    return [
        Finding(
            True,
            f"The lock file {lock.name} is free (nothing is saving right now); it belongs there.",
        )
    ]


def _temps(path: Path) -> list[Finding]:
    """Hidden copies of the data file a save that was cut short left beside it."""
    left = [p for p, _ in filesafe.stale_temps(os.path.realpath(path))]
    if not left:
        return []
    names = " ".join(shlex.quote(p) for p in sorted(left))
    return [
        Finding(
            False,
            f"{plural(len(left), 'hidden copy', 'hidden copies')} of the data file, left by a "
            "save that was cut short, sit beside it.",
            f"leanon removes them at its next save; or now: rm {names}",
        )
    ]


def _backups(path: Path) -> list[Finding]:
    folder = backups_dir(path)
    newest = newest_backup(path)
    real = os.path.realpath(path)
    findings = _backups_owner(folder)
    legacy = _ambiguous_backups(real)
    if legacy:
        findings.append(
            Finding(
                True,
                f"{folder} also holds {plural(len(legacy), 'backup', 'backups')} named the old "
                f"way ({legacy[0].name}), which could be of another data file with the same "
                "name before its dot; leanon leaves them alone. Check one before restoring it.",
            )
        )
    if newest is None:
        findings.insert(
            0,
            Finding(
                True,
                "No backups yet; leanon keeps one a day, made before the day's first change.",
            ),
        )
        return findings
    count = len(filesafe.daily_backups(real)) + len(filesafe.upgrade_backups(real))
    findings.insert(
        0,
        Finding(
            True,
            f"{plural(count, 'backup', 'backups')} in {folder}; the newest is {newest.name}.",
        ),
    )
    return findings


def _backups_owner(folder: Path) -> list[Finding]:
    """A backups folder (or backup) of another user: daily backups silently stop."""
    if os.name != "posix":
        return []
    try:
        paths = [folder, *folder.iterdir()]
    except OSError:
        return []
    me = os.geteuid()
    theirs = [p for p in paths if _owner(p) not in (None, me)]
    if not theirs:
        return []
    owner = filesafe.user_name(_owner(theirs[0]) or 0)
    return [
        Finding(
            False,
            f"{plural(len(theirs), 'file', 'files')} in {folder} belong to {owner} (left by "
            "running leanon with sudo?), so today's backup may not be made.",
            f"Make them yours again: sudo chown -R {filesafe.user_name(me)} "
            f"{shlex.quote(str(folder))}",
        )
    ]


def _owner(path: Path) -> int | None:
    try:
        return os.lstat(path).st_uid
    except OSError:
        return None


def _ambiguous_backups(real: str) -> list[Path]:
    """Old-style backups (``<stem>-<day>.json``) that cannot be told apart from another's."""
    stem = Path(real).stem
    ours = set(filesafe.daily_backups(real)) | set(filesafe.upgrade_backups(real))
    folder = Path(filesafe.backups_folder(real))
    try:
        names = sorted(folder.iterdir())
    except OSError:
        return []
    found = []
    for p in names:
        middle = p.name[len(stem) + 1 : -len(".json")]
        if not (p.name.startswith(stem + "-") and p.name.endswith(".json")) or str(p) in ours:
            continue
        if filesafe.is_day(middle) or (middle[:1] == "v" and middle[1:2].isdigit()):
            found.append(p)
    return found


def _read_only_mount(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def _sentence(text: str) -> str:
    """A problem as the doctor writes findings: capitalised, with a full stop."""
    return upper_first(text) + ("" if text.endswith(".") else ".")


def conflict_copies(path: Path) -> list[Path]:
    """Copies of the data file that a sync tool left beside it, by name
    (:func:`storage.filesafe.conflict_copies`)."""
    return [Path(p) for p in filesafe.conflict_copies(os.path.realpath(path))]


def _conflicts(path: Path, import_command: str) -> list[Finding]:
    findings = []
    for copy in conflict_copies(path):
        findings.append(
            Finding(
                False,
                f"A sync tool left a second copy beside the data file: {copy.name}. The "
                "next leanon command merges it and moves it to backups/ (the doctor only "
                "looks); to merge it now:",
                f"{import_command} {shlex.quote(str(copy))}",
            )
        )
    if not findings:
        findings.append(Finding(True, "No sync-conflict copies beside it."))
    return findings
