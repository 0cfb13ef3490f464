"""Encryption at rest: the data file's bytes in the age format, and the key that opens them.

A layer under the store, at the bytes: :class:`storage.jsonfile.SafeJSONStorage`, the quick
path (:mod:`storage.quick`), the totals and a sync tool's conflict copy all ask
:func:`open_bytes` for the plain bytes of what they read and :func:`seal` for the bytes they
write, so no command, screen or widget knows whether the file is encrypted.

The design (``docs/data-format.md``, "Keeping it private", says it for a person):

* **Encryption is on when the key file is there**: ``<file>.key`` beside the data file
  (:func:`key_path`). It is an age file encrypted with the person's passphrase (scrypt),
  holding an age identity file: one x25519 secret key (``AGE-SECRET-KEY-1...``). The data
  file, its backups and its totals are age files encrypted to that key's public half. So
  Debian's ``age -d -i leanon.json.key leanon.json`` reads the data file, asking for the
  passphrase, with no leanon at all.
* **Unlock once**: scrypt takes seconds on purpose, far too long for every ``leanon reach``.
  ``leanon unlock`` runs it once and keeps the x25519 secret key (a few microseconds to
  use) in a per-login place (:func:`_cache_file`, else the system keyring), until
  ``leanon lock`` or :data:`UNLOCK_SECONDS`.
* ``$LEANON_PASSPHRASE_COMMAND`` (``pass show leanon``) gives the passphrase to scripts.
  It cannot be a setting inside the data file: that file cannot be read without the key.

Two implementations of age do the work, imported only inside the functions that encrypt
or decrypt, so a plain file never pays for either. pyrage (the Python binding of rage, the
Rust age) imports in about 1 ms; :mod:`storage.agefile` (age's framing over OpenSSL's
ciphers) in about 5, and runs about six times as fast. A file of :data:`FAST_FROM` bytes
or more goes through OpenSSL: a quick log on an encrypted decade decrypts and encrypts all
9 MB of it. A smaller one (the totals, a short file) goes through pyrage, unless OpenSSL's
binding is loaded already. Whatever :mod:`storage.agefile` does not open, pyrage reads,
or refuses with its reason. Light otherwise: ``os`` and ``zlib`` at the top, as the quick
path needs.
"""

from __future__ import annotations

import os
import zlib

from storage.errors import DataFileError, LeanonError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from io import FileIO
    from typing import Any

MAGIC = b"age-encryption.org/v1\n"
"""How every age file (binary form) starts."""

ARMORED = b"-----BEGIN AGE ENCRYPTED FILE-----"
"""How an age file in its text (``age -a``) form starts."""

KEY_SUFFIX = ".key"
"""The key file's name is the data file's with this after it."""

UNLOCK_SECONDS = 12 * 60 * 60
"""How long an unlock lasts at most (a working day); logging out ends it sooner where the
per-login folder is used, and ``leanon lock`` at once."""

PASSPHRASE_COMMAND_VAR = "LEANON_PASSPHRASE_COMMAND"
"""The environment variable naming a command that prints the passphrase."""

KEYRING_SERVICE = "leanon"
"""The service name the key is kept under in a system keyring."""

_opened: dict[str, tuple[str, ...]] = {}
"""The secret keys this process already has, by key file: each is looked up once."""

_keys_made: dict[str, Any] = {}
"""By secret key: its :class:`storage.agefile.Key`."""


class CannotOpen(DataFileError):
    """Encrypted bytes this process cannot open (:class:`Locked` or :class:`Damaged`);
    nothing was read or written."""


class Locked(CannotOpen):
    """The data file is encrypted and its key is not unlocked; nothing was read or written."""


class Damaged(CannotOpen):
    """Encrypted bytes that the key opens but that do not decrypt: changed or cut short
    since they were written (age's encryption is authenticated, so not one byte of them is
    used). Nothing was read or written."""


NO_KEY = "No matching keys found"
"""What pyrage says when no identity opens the file's header (age's ``NoMatchingKeys``);
anything else it says is of the bytes after the header (``tests/test_sealed.py`` pins
both)."""


class WrongPassphrase(LeanonError):
    """The passphrase does not open the key file; nothing was changed."""


def is_sealed(raw: bytes | memoryview) -> bool:
    """Whether ``raw`` are the bytes of an age file (binary or armored)."""
    head = bytes(raw[: len(ARMORED)])
    return head.startswith(MAGIC) or head.startswith(ARMORED)


def key_path(real: str) -> str:
    """The key file beside the (resolved) data file ``real``."""
    return real + KEY_SUFFIX


def enabled(real: str) -> bool:
    """Whether encryption is on for ``real``: its key file is there (one ``lstat``)."""
    try:
        os.lstat(key_path(real))
    except OSError:
        return False
    return True


def locked(real: str, *, use_command: bool = True) -> bool:
    """Whether ``real`` is encrypted and this process cannot get its key: without asking at
    all, with ``use_command`` False (a status bar: ``pass`` may ask for a GPG passphrase)."""
    if not enabled(real):
        return False
    try:
        identity(real, use_command=use_command)
    except Locked:
        return True
    return False


def _locked_error(real: str, why: str = "its key is locked") -> Locked:
    return Locked(
        real,
        f"is encrypted and {why}",
        f"Run leanon unlock (it asks for your passphrase once), or set {PASSPHRASE_COMMAND_VAR}.",
    )


def identity(real: str, *, use_command: bool = True) -> Any:
    """The unlocked x25519 identity of ``real``'s key (pyrage's): the one every save
    encrypts to.

    Raises:
        Locked: the key is not unlocked.
    """
    return identities(real, use_command=use_command)[0]


def identities(real: str, *, use_command: bool = True) -> tuple[Any, ...]:
    """Every identity ``real``'s key file holds (pyrage's), the current one first
    (:func:`secrets`).

    Raises:
        Locked: the key is not unlocked.
    """
    from pyrage import x25519

    return tuple(x25519.Identity.from_str(one) for one in secrets(real, use_command=use_command))


def secrets(real: str, *, use_command: bool = True) -> tuple[str, ...]:
    """Every secret key ``real``'s key file holds (``AGE-SECRET-KEY-1...``), the current one
    first: the older ones, left by a change of passphrase, still open files encrypted
    before it (a backup, a copy another device wrote), and nothing is ever encrypted to
    them again.

    From this process's memory, else the unlock cache, else ``$LEANON_PASSPHRASE_COMMAND``
    (which then unlocks for the next command too). Never asks on the terminal.

    Raises:
        Locked: the key is not unlocked.
    """
    keyfile = key_path(real)
    found = _opened.get(keyfile)
    if found is not None:
        return found
    secret = _cached(keyfile)
    if secret is None and use_command and os.environ.get(PASSPHRASE_COMMAND_VAR):
        secret = unlock(real, passphrase_from_command())
    if secret is None:
        raise _locked_error(real)
    try:
        found = _parsed(secret)
    except ValueError:  # a damaged cache entry is only a locked key
        forget(real)
        raise _locked_error(real) from None
    _opened[keyfile] = found
    return found


def _parsed(secret: str) -> tuple[str, ...]:
    """The secret keys of a secret as kept, one ``AGE-SECRET-KEY-`` line each.

    Raises:
        ValueError: it holds none, or a line that is not one.
    """
    from storage import agefile

    found = tuple(line.strip() for line in secret.split() if line)
    for one in found:
        agefile.secret_from_text(one)
    if not found:
        raise ValueError("no key")
    return found


def _keys(real: str) -> tuple[Any, ...]:
    """``real``'s unlocked keys (:func:`secrets`) as :class:`storage.agefile.Key`.

    Raises:
        Locked: the key is not unlocked.
    """
    return tuple(_key(one) for one in secrets(real))


def _key(secret: str) -> Any:
    """The :class:`storage.agefile.Key` of one secret key, made once."""
    made = _keys_made.get(secret)
    if made is None:
        from storage import agefile

        made = _keys_made[secret] = agefile.Key(agefile.secret_from_text(secret))
    return made


FAST_FROM = 1 << 20
"""From how many bytes on a file is encrypted and decrypted through OpenSSL
(:mod:`storage.agefile`), about six times as fast as pyrage; below it (the totals, a short
file) pyrage's import, 1 ms against OpenSSL's binding's 5 ms, costs less than the cipher
saves. Once the binding is loaded it is used for everything."""


def _fast(size: int) -> bool:
    """Whether ``size`` bytes are encrypted or decrypted through :mod:`storage.agefile`."""
    from storage import agefile

    return size >= FAST_FROM or agefile.loaded()


def open_bytes(real: str, raw: bytes) -> bytes:
    """The plain bytes of ``raw`` (read from ``real``, or a copy of it): ``raw`` itself
    when it is not encrypted.

    Raises:
        Locked: it is encrypted and the key is locked, or it is not this key's.
        Damaged: it is this key's but does not decrypt.
    """
    if not is_sealed(raw):
        return raw
    if not enabled(real):
        raise Locked(
            real,
            f"is encrypted, but its key file {key_path(real)} is not beside it",
            "Put the key file back beside it (from where you keep a copy), then try again.",
        )
    if _fast(len(raw)):
        from storage import agefile

        opened = agefile.decrypt(_keys(real), raw)
        if opened is not None:
            return opened
    import pyrage

    try:  # the reference reads every form of age, and says why a file does not open
        return bytes(pyrage.decrypt(raw, list(identities(real))))
    except pyrage.DecryptError as exc:
        raise _cannot_open(real, exc) from None


def _cannot_open(real: str, exc: Exception) -> CannotOpen:
    """What to say of encrypted bytes of ``real`` that pyrage refused with ``exc``."""
    if NO_KEY in str(exc):
        _opened.pop(key_path(real), None)
        return _locked_error(real, "the unlocked key does not open it")
    return Damaged(
        real,
        "is damaged: its key opens it, but its contents do not decrypt (changed or cut "
        "short after they were written)",
        "Copy your newest backup (in backups/ beside it) over it, or move it aside.",
    )


def open_file(real: str, handle: FileIO, size: int) -> bytes:
    """The plain bytes of the open file ``handle`` (``real``, or a copy of it), which a
    save left ``size`` plain bytes long.

    An encrypted file is read whole into one buffer and decrypted in place
    (:func:`storage.agefile.decrypt_file`): the quick path then never holds the 9 MB of a
    decade twice over (a second copy's memory costs more, in page faults alone, than
    decrypting it). Nothing of a file that fails to decrypt is kept.

    Raises:
        Locked: it is encrypted and the key is locked, or it is not this key's.
        ValueError: its plain bytes are not ``size`` long, or it is damaged.
    """
    head = os.pread(handle.fileno(), len(ARMORED), 0)
    if not is_sealed(head) or not enabled(real):
        raw = open_bytes(real, handle.read())
    else:
        raw = _decrypted(real, handle)
    if len(raw) != size:
        raise ValueError("not the length the last save left")
    return raw


def _decrypted(real: str, handle: FileIO) -> bytes:
    """The plain bytes of the encrypted file open as ``handle``.

    Raises:
        Locked: it is not this key's.
        ValueError: it is damaged after its header, or cannot be read.
    """
    if _fast(os.fstat(handle.fileno()).st_size):
        from storage import agefile

        opened = agefile.decrypt_file(_keys(real), handle)
        if opened is not None:
            return opened
    import io

    import pyrage

    handle.seek(0)
    source = io.BufferedReader(handle, BLOCK)  # pyrage reads 8 KiB at a time: one call each
    out = io.BytesIO()
    try:  # the reference reads every form of age, and says why a file does not open
        pyrage.decrypt_io(source, out, list(identities(real)))
    except pyrage.DecryptError as exc:  # the header: not this key's
        raise _cannot_open(real, exc) from None
    except Exception:  # noqa: BLE001 - damaged after the header, or a read error
        raise ValueError("cannot be read to its end") from None
    finally:
        source.detach()  # ``handle`` stays the caller's to close
    return out.getvalue()


BLOCK = 1 << 20
"""How much of a file is read at once while pyrage decrypts it (it asks for 8 KiB at a
time: a system call for each would be over a thousand for a decade)."""


def seal(real: str, plain: bytes) -> bytes:
    """``plain`` encrypted to ``real``'s key, when encryption is on; else ``plain``.

    Raises:
        Locked: encryption is on and the key is locked (nothing is written plain instead).
    """
    if not enabled(real):
        return plain
    return _encrypted(secrets(real)[0], [plain])


def seal_to(who: Any, plain: bytes, *, check: bool = False) -> bytes:
    """``plain`` encrypted to the pyrage identity ``who``'s public key; with ``check``,
    decrypted again by pyrage and compared first (the switch does; a save need not: age's
    authenticated encryption refuses to open anything but these very bytes).

    Raises:
        OSError: with ``check``, the encrypted form did not read back as ``plain``.
    """
    sealed = _encrypted(str(who), [plain])
    if check:  # by pyrage, the reference, whichever of the two wrote it
        import pyrage

        if bytes(pyrage.decrypt(bytes(sealed), [who])) != plain:  # pragma: no cover
            raise OSError("the encrypted form did not read back as the same bytes")
    return sealed


def _encrypted(secret: str, pieces: list[Any]) -> bytes:
    """``pieces``, one after another, encrypted to the public half of ``secret``."""
    out = bytearray()
    _encrypt(secret, pieces, out.extend)
    return out


def _encrypt(secret: str, pieces: list[Any], write: Any) -> None:
    """``pieces``, one after another, encrypted to the public half of ``secret``, handed to
    ``write`` a piece at a time: through OpenSSL from :data:`FAST_FROM` bytes on, else
    pyrage (the same format either way)."""
    if _fast(sum(memoryview(piece).nbytes for piece in pieces)):
        from storage import agefile

        agefile.encrypt(_key(secret).public, pieces, write)
        return
    import pyrage
    from pyrage import x25519

    recipient = x25519.Identity.from_str(secret).to_public()
    write(memoryview(pyrage.encrypt(b"".join(pieces), [recipient])))


def sealer(real: str, pieces: list[Any]) -> Any:
    """What writes ``pieces`` (one after another) to a file descriptor encrypted to
    ``real``'s key, streaming, for :func:`storage.filesafe.atomic_write`; None when
    encryption is off. Streaming spares the quick path two copies of the whole file
    (joined, then encrypted), a third of its time on a decade's 9 MB.

    Raises:
        Locked: encryption is on and the key is locked.
    """
    if not enabled(real):
        return None
    secret = secrets(real)[0]

    def write(fd: int) -> None:
        from storage import filesafe

        _encrypt(secret, pieces, lambda view: filesafe.write_all(fd, view))

    return write


# --------------------------------------------------------------------- the key file


def key_text(who: Any, real: str, older: tuple[Any, ...] = ()) -> bytes:
    """The identity file the key file holds, as ``age -i`` reads it: the key, then any
    older ones a change of passphrase left for the files encrypted before it."""
    lines = [f"# leanon's key for {os.path.basename(real)}", f"# public key: {who.to_public()}"]
    lines.append(str(who))
    if older:
        lines.append("# older keys, for files encrypted before the last change of passphrase")
        lines += [str(o) for o in older]
    return ("\n".join(lines) + "\n").encode()


def wrap(who: Any, real: str, passphrase: str, older: tuple[Any, ...] = ()) -> bytes:
    """The key file's bytes: :func:`key_text` encrypted with ``passphrase`` (scrypt)."""
    from pyrage import passphrase as scrypt

    return bytes(scrypt.encrypt(key_text(who, real, older), passphrase))


def unwrap(real: str, passphrase: str) -> str:
    """The secret key in ``real``'s key file, opened with ``passphrase``.

    Raises:
        WrongPassphrase: it does not open the key file.
        OSError: the key file cannot be read.
    """
    from storage import filesafe

    raw = filesafe.read_regular(key_path(real), limit=1 << 16)
    from pyrage import passphrase as scrypt

    try:
        text = bytes(scrypt.decrypt(raw, passphrase)).decode("utf-8")
    except Exception:  # noqa: BLE001 - pyrage raises DecryptError, or a plain error for a bad file
        raise WrongPassphrase(
            f"that passphrase does not open {key_path(real)}; nothing was changed"
        ) from None
    keys = [line.strip() for line in text.splitlines() if line.startswith("AGE-SECRET-KEY-")]
    if keys:
        return "\n".join(keys)  # the current key first (key_text), then any older ones
    raise WrongPassphrase(f"{key_path(real)} holds no key leanon can use; nothing was changed")


def unlock(real: str, passphrase: str) -> str:
    """Open the key file with ``passphrase`` and keep the key unlocked; the secret key.

    Raises:
        WrongPassphrase: nothing was unlocked.
    """
    secret = unwrap(real, passphrase)
    remember(real, secret)
    return secret


def hold(real: str, secret: str) -> None:
    """Keep ``real``'s opened key in this process (the dashboard after its password field),
    whether or not it could be kept for the next command too."""

    _opened[key_path(real)] = _parsed(secret)


def passphrase_from_command() -> str:
    """The passphrase printed by ``$LEANON_PASSPHRASE_COMMAND`` (its first line).

    Raises:
        LeanonError: the command is missing, fails, or prints nothing.
    """
    import shlex
    import subprocess

    command = os.environ.get(PASSPHRASE_COMMAND_VAR, "")
    try:
        done = subprocess.run(
            shlex.split(command),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            check=False,
            timeout=60,
        )
    except (OSError, ValueError, subprocess.TimeoutExpired) as exc:
        raise LeanonError(f"{PASSPHRASE_COMMAND_VAR} could not be run ({exc})") from None
    lines = done.stdout.decode("utf-8", "replace").splitlines()
    if done.returncode != 0 or not lines or not lines[0]:
        raise LeanonError(
            f"{PASSPHRASE_COMMAND_VAR} gave no passphrase (exit code {done.returncode})"
        )
    return lines[0]


# --------------------------------------------------------------------- the unlock cache


def cache_place() -> str | None:
    """The folder an unlocked key is kept in: ``$XDG_RUNTIME_DIR/leanon``, or None.

    ``$XDG_RUNTIME_DIR`` is the per-login folder systemd-logind makes: in memory (tmpfs),
    readable by its user alone, removed when they log out. Only one that is a folder of
    ours that nobody else can enter counts.
    """
    base = os.environ.get("XDG_RUNTIME_DIR", "")
    if not base or not os.path.isabs(base):
        return None
    try:
        st = os.stat(base)
    except OSError:
        return None
    if st.st_uid != os.geteuid() or st.st_mode & 0o077:
        return None
    return os.path.join(base, "leanon")


def _cache_file(keyfile: str, place: str) -> str:
    """The file holding ``keyfile``'s unlocked key in ``place``, named after its path."""
    name = os.path.realpath(keyfile).encode("utf-8", "surrogateescape")
    return os.path.join(place, f"key-{zlib.crc32(name):08x}{zlib.adler32(name):08x}")


def _now() -> float:
    """The moment, in seconds, for the unlock's end only (not a logical day): read through
    :class:`storage.clock.SystemClock`, the one place that reads the system clock."""
    from storage.clock import SystemClock

    return SystemClock().now().timestamp()


def _cached(keyfile: str) -> str | None:
    """The unlocked secret key of ``keyfile``, if it is kept and not expired."""
    place = cache_place()
    if place is not None:
        return _read_cache(_cache_file(keyfile, place))
    return _keyring_get(keyfile)


def _read_cache(path: str) -> str | None:
    from storage import filesafe

    raw = filesafe.read_private(path, 4096)
    if raw is None:
        return None
    head, _, secret = raw.decode("ascii", "replace").partition("\n")
    until = head.removeprefix("until ")
    if not until.isdigit() or int(until) <= _now() or not secret.startswith("AGE-SECRET-KEY-"):
        _unlink(path)
        return None
    return secret.strip()


def remember(real: str, secret: str) -> str:
    """Keep ``real``'s secret key unlocked; where (a phrase for a person).

    Raises:
        LeanonError: there is nowhere private to keep it (then use the passphrase command).
    """
    from storage import filesafe

    keyfile = key_path(real)
    _opened.pop(keyfile, None)
    place = cache_place()
    if place is None:
        if _keyring_set(keyfile, secret):
            return "in your system keyring"
        raise LeanonError(
            "there is nowhere private to keep the key unlocked here (no $XDG_RUNTIME_DIR, "
            f"no system keyring); set {PASSPHRASE_COMMAND_VAR} instead"
        )
    filesafe.ensure_dir(place)
    if os.stat(place).st_uid != os.geteuid():
        raise LeanonError(f"{place} is not yours; leanon won't keep a key there")
    until = int(_now()) + UNLOCK_SECONDS
    filesafe.replace_private(
        _cache_file(keyfile, place), f"until {until}\n{secret}\n".encode("ascii")
    )
    return f"in {place} until you log out or run leanon lock (12 hours at most)"


def forget(real: str) -> None:
    """Lock ``real``'s key again: remove it from the cache and the keyring."""
    keyfile = key_path(real)
    _opened.pop(keyfile, None)
    place = cache_place()
    if place is not None:
        _unlink(_cache_file(keyfile, place))
    _keyring_delete(keyfile)


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _keyring() -> Any:
    """The system keyring through the keyring library, or None: not installed, or only
    its stand-in that keeps nothing (as on a machine with no desktop)."""
    try:
        import keyring
        from keyring.backends import fail
    except Exception:  # noqa: BLE001 - not installed, or broken: no keyring
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return None
    return backend


def _keyring_get(keyfile: str) -> str | None:
    backend = _keyring()
    if backend is None:
        return None
    try:
        secret = backend.get_password(KEYRING_SERVICE, os.path.realpath(keyfile))
    except Exception:  # noqa: BLE001 - a keyring that will not answer is a locked key
        return None
    return secret if isinstance(secret, str) and secret.startswith("AGE-SECRET-KEY-") else None


def _keyring_set(keyfile: str, secret: str) -> bool:
    backend = _keyring()
    if backend is None:
        return False
    try:
        backend.set_password(KEYRING_SERVICE, os.path.realpath(keyfile), secret)
    except Exception:  # noqa: BLE001
        return False
    return True


def _keyring_delete(keyfile: str) -> None:
    if cache_place() is not None:
        return  # the keyring is used only where there is no per-login folder
    backend = _keyring()
    if backend is None:
        return
    try:
        backend.delete_password(KEYRING_SERVICE, os.path.realpath(keyfile))
    except Exception:  # noqa: BLE001 - nothing was kept there
        pass
