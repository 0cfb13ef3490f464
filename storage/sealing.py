"""Turning encryption on and off, and changing the passphrase, without ever losing the file.

Each switch runs under the data file's lock (no other leanon saves meanwhile) and replaces
one file at a time the way every save does (:func:`storage.filesafe.atomic_write`: a temp
file beside it, fsynced, renamed over the old one, the folder fsynced), only after the new
form was made and read back as the same plain bytes. The order makes every moment
readable, so a kill at any point leaves one readable form of each file:

* **on**: the key file first (read back from the disk), then the data file, then each
  backup; a file still plain is read as it is, and the next save or ``leanon encrypt``
  encrypts it.
* **off**: each backup first, then the data file, and the key file last, so every file
  still encrypted can be opened until the end.
* **a new passphrase**: a new key. The key file first, wrapped with the new passphrase and
  holding the new key and the old ones (so every file opens at every moment), then the
  data file and each backup encrypted to the new key. The old keys stay in the key file,
  behind the new passphrase, for copies encrypted before the change (another device's
  conflict copy, a backup elsewhere); nothing is encrypted to them again, so whoever has
  an old key file and its old passphrase can open nothing written after the change.

Plain totals are removed when encryption goes on (the next read makes them encrypted),
and encrypted ones when it goes off.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from storage import filesafe, sealed, totals
from storage.errors import LeanonError


@dataclass(frozen=True, slots=True)
class Switched:
    """What a switch did.

    Attributes:
        data: whether the data file itself changed form.
        backups: how many files in ``backups/`` changed form.
        secret: the key, for :func:`storage.sealed.remember` (never shown).
    """

    data: bool
    backups: int
    secret: str = ""

    def __repr__(self) -> str:
        return f"Switched(data={self.data}, backups={self.backups})"


@contextmanager
def _locked(real: str) -> Iterator[int]:
    filesafe.check_place(real)
    filesafe.ensure_dir(os.path.dirname(real))
    fd = filesafe.open_lock(filesafe.lock_path(real), create=True)
    try:
        filesafe.lock(fd)
        yield fd
    finally:
        try:
            filesafe.unlock(fd)
        finally:
            os.close(fd)


def backup_files(real: str) -> list[str]:
    """Every file of ``real`` in ``backups/``: daily, before an upgrade, merged copies."""
    folder = filesafe.backups_folder(real)
    name = os.path.basename(real)
    stem = os.path.splitext(name)[0]
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    found = []
    for entry in names:
        if entry.startswith(".") or not entry.startswith((name + ".", stem + "-")):
            continue
        path = os.path.join(folder, entry)
        if os.path.isfile(path) and not os.path.islink(path):
            found.append(path)
    return found


def _replace(target: str, new: bytes) -> None:
    """Replace ``target`` with ``new`` and check the disk holds exactly ``new`` after."""
    filesafe.atomic_write(target, [new])
    if filesafe.read_regular(target) != new:
        raise OSError(f"{target} did not read back as written")


def _convert(path: str, real: str, who: object, *, to_sealed: bool) -> bool:
    """Put ``path`` (the data file or a backup) in the wanted form; whether it changed."""
    raw = filesafe.read_regular(path)
    if sealed.is_sealed(raw) == to_sealed:
        return False
    if to_sealed:
        _replace(path, sealed.seal_to(who, raw, check=True))
    else:
        _replace(path, sealed.open_bytes(real, raw))
    return True


def turn_on(real: str, passphrase: str) -> Switched:
    """Encrypt ``real`` (a data file leanon read) and its backups to a new key, kept in
    ``<file>.key`` wrapped with ``passphrase``. The caller keeps the key unlocked.

    When a key is already there (encryption is on, or a switch was cut short), it is kept
    and whatever is still plain is encrypted to it: then ``passphrase`` must open it.

    Raises:
        WrongPassphrase: a key is there and ``passphrase`` does not open it.
        OSError, UnsafeFile: a file could not be replaced; each is in one readable form.
    """
    from pyrage import x25519

    with _locked(real):
        if sealed.enabled(real):
            who = x25519.Identity.from_str(sealed.unwrap(real, passphrase))
        else:
            who = x25519.Identity.generate()
            _replace(sealed.key_path(real), sealed.wrap(who, real, passphrase))
        changed = os.path.exists(real) and _convert(real, real, who, to_sealed=True)
        if changed:
            totals.forget(real)  # plain: the next read keeps them encrypted
        count = sum(_convert(path, real, who, to_sealed=True) for path in backup_files(real))
    return Switched(changed, count, str(who))


def turn_off(real: str) -> Switched:
    """Decrypt ``real``'s backups, then the file, then remove the key file.

    Raises:
        Locked: the key is locked (``leanon unlock`` first); nothing was changed.
        Damaged: a file does not decrypt; the ones before it are done, it and the rest not.
        OSError, UnsafeFile: a file could not be replaced; each is in one readable form.
    """
    if not sealed.enabled(real):
        raise LeanonError("the data file is not encrypted; nothing was changed")
    with _locked(real):
        who = sealed.identity(real)
        count = sum(_convert(path, real, who, to_sealed=False) for path in backup_files(real))
        changed = os.path.exists(real) and _convert(real, real, who, to_sealed=False)
        totals.forget(real)  # encrypted: the next read keeps them plain
        sealed.forget(real)
        os.unlink(sealed.key_path(real))
        filesafe.fsync_dir(os.path.dirname(real))
    return Switched(changed, count)


def change_passphrase(real: str, new: str) -> Switched:
    """A new key for ``real``, behind the passphrase ``new``: the data file and its backups
    are encrypted to it again (see the module's note for the order). The caller keeps the
    new key unlocked (:attr:`Switched.secret`).

    Raises:
        Locked: the key is locked (``leanon unlock`` first); nothing was changed.
        Damaged: a file does not decrypt; the ones before it are done, it and the rest not.
        OSError, UnsafeFile: a file could not be replaced; each is in one readable form.
    """
    from pyrage import x25519

    if not sealed.enabled(real):
        raise LeanonError("the data file is not encrypted; leanon encrypt turns it on")
    with _locked(real):
        older = sealed.identities(real)
        who = x25519.Identity.generate()
        _replace(sealed.key_path(real), sealed.wrap(who, real, new, older))
        secret = "\n".join(str(k) for k in (who, *older))
        sealed.hold(real, secret)  # this process opens old and new alike from here on
        changed = os.path.exists(real) and _rekey(real, real, who)
        totals.forget(real)  # encrypted to the old key: the next read keeps them anew
        count = sum(_rekey(path, real, who) for path in backup_files(real))
    return Switched(changed, count, secret)


def _rekey(path: str, real: str, who: object) -> bool:
    """Encrypt ``path`` (the data file or a backup) to ``who`` (plain ones too)."""
    raw = filesafe.read_regular(path)
    plain = sealed.open_bytes(real, raw) if sealed.is_sealed(raw) else raw
    _replace(path, sealed.seal_to(who, plain, check=True))
    return True
