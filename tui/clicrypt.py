"""``leanon encrypt``, ``decrypt``, ``unlock`` and ``lock``: encryption at rest, from a shell.

The passphrase is never taken from the command line (it would stay in the shell's history
and in every process listing): it is read with :func:`getpass.getpass` (no echo) on a
terminal, else as one line from standard input (``pass show leanon | leanon unlock``), or
from ``$LEANON_PASSPHRASE_COMMAND``. It is never printed or logged. What the switch does
and why is :mod:`storage.sealing`; the key and the unlock, :mod:`storage.sealed`.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, TextIO

from storage import sealed
from storage.errors import LeanonError
from storage.filesafe import real_path
from storage.phrases import plural

if TYPE_CHECKING:
    from collections.abc import Callable


def read_passphrase(err: TextIO, prompt: str, *, new: bool = False) -> str:
    """The passphrase: from ``$LEANON_PASSPHRASE_COMMAND`` (not for a new one), from the
    terminal without echo (a new one twice), or as one line of standard input.

    Raises:
        LeanonError: none was given, or the two typed differ.
    """
    if not new and os.environ.get(sealed.PASSPHRASE_COMMAND_VAR):
        return sealed.passphrase_from_command()
    stdin = sys.stdin
    if stdin is not None and stdin.isatty():
        import getpass

        first = getpass.getpass(prompt, stream=err)
        if new and first and getpass.getpass("Again, to be sure: ", stream=err) != first:
            raise LeanonError("the two passphrases differ; nothing was changed")
    else:
        line = stdin.readline() if stdin is not None else ""
        first = line.removesuffix("\n").removesuffix("\r")
    if not first:
        raise LeanonError("no passphrase was given; nothing was changed")
    return first


def _files(switched: Any, what: str) -> str:
    parts = ["the data file"] if switched.data else []
    if switched.backups:
        parts.append(plural(switched.backups, "backup"))
    return " and ".join(parts) if parts else f"nothing was left to {what}"


def cmd_encrypt(ctx: Any, ns: Any) -> int:
    """``leanon encrypt [--change-passphrase]``."""
    from storage import sealing

    real = real_path(ctx.db)
    if ns.change_passphrase:
        sealed.identity(real)  # locked: say so before asking for anything
        new = read_passphrase(ctx.err, "New passphrase: ", new=True)
        switched = sealing.change_passphrase(real, new)
        where = sealed.remember(real, switched.secret)
        key = sealed.key_path(real)
        ctx.say(f"Your new passphrase opens {key} now; the old one no longer does.")
        files = _files(switched, "encrypt")
        verb = "is" if files == "the data file" else "are"
        ctx.say(
            f"{files.capitalize()} {verb} encrypted to a new key; an old copy of the key "
            "file and the old passphrase open nothing written from now on."
        )
        ctx.say(f"It stays unlocked {where}.")
        return 0
    if os.path.exists(real):
        with ctx.store():  # it reads, and a sync tool's copy is merged first
            pass
    again = sealed.enabled(real)
    if again and not _plain_left(real):
        ctx.say("The data file and its backups are already encrypted; nothing was changed.")
        return 0
    prompt = "Passphrase of the key beside the file: " if again else "New passphrase: "
    switched = sealing.turn_on(real, read_passphrase(ctx.err, prompt, new=not again))
    ctx.say(f"Encrypted {_files(switched, 'encrypt')} (age format).")
    where = _remember(ctx, real, switched.secret)
    key = sealed.key_path(real)
    ctx.say(f"The key is {key}, opened by your passphrase: keep it with the file.")
    if where:
        ctx.say(f"It stays unlocked {where}.")
    ctx.say(f"Without leanon: age -d -i {_shell(key)} {_shell(real)}")
    return 0


def _plain_left(real: str) -> bool:
    """Whether the data file or a backup of it is still plain (a switch cut short)."""
    from storage import sealing
    from storage.filesafe import read_regular

    files = [real] if os.path.exists(real) else []
    return any(not sealed.is_sealed(read_regular(f)) for f in files + sealing.backup_files(real))


def _remember(ctx: Any, real: str, secret: str) -> str:
    try:
        return sealed.remember(real, secret)
    except LeanonError as exc:
        ctx.err.write(f"leanon: {exc}\n")
        return ""


def _shell(path: str) -> str:
    import shlex

    return shlex.quote(path)


def cmd_decrypt(ctx: Any, ns: Any) -> int:
    """``leanon decrypt``."""
    from storage import sealing

    real = real_path(ctx.db)
    if os.path.exists(real):
        with ctx.store():
            pass
    switched = sealing.turn_off(real)
    ctx.say(f"Decrypted {_files(switched, 'decrypt')} to plain JSON, and removed the key file.")
    return 0


def cmd_unlock(ctx: Any, ns: Any) -> int:
    """``leanon unlock``."""
    real = real_path(ctx.db)
    if not sealed.enabled(real):
        ctx.say("The data file is not encrypted; there is nothing to unlock.")
        return 0
    secret = sealed.unwrap(real, read_passphrase(ctx.err, "Passphrase: "))
    where = sealed.remember(real, secret)
    ctx.say(f"Unlocked, {where}.")
    return 0


def cmd_lock(ctx: Any, ns: Any) -> int:
    """``leanon lock``."""
    real = real_path(ctx.db)
    sealed.forget(real)
    if sealed.enabled(real):
        ctx.say("Locked: no command reads the file until leanon unlock.")
    else:
        ctx.say("The data file is not encrypted; there is nothing to lock.")
    return 0


RUN: dict[str, Callable[[Any, Any], int]] = {
    "encrypt": cmd_encrypt,
    "decrypt": cmd_decrypt,
    "unlock": cmd_unlock,
    "lock": cmd_lock,
}
"""What runs each of these commands of :data:`tui.grammar.COMMAND_TABLE`."""
