"""Type a line into a real interactive bash, zsh or fish, press Tab, and see what it runs.

The completion tests need what a person gets: the shell's own word splitting (``Mary\\ J``,
``--via=v``, an open quote) and its own quoting of what the script offers. So the shell
runs in a pseudo-terminal; after Tab, Ctrl-A and Ctrl-E turn the completed line into
``printf '%s\\0' <the line> > FILE``, and the file holds each word exactly as the command
would receive it. Nothing waits on a timer: the shell is told to exit and read to the end.
"""

from __future__ import annotations

import os
import pty
import select
import shlex
import time
from collections.abc import Mapping
from pathlib import Path

SETUP = {
    "bash": (["bash", "--norc", "--noprofile", "-i"], "source {script}"),
    "zsh": (
        ["zsh", "-f", "-i"],
        "bindkey -e; autoload -Uz compinit; compinit -u -D; source {script}",
    ),
    "fish": (["fish", "--no-config", "-i"], "source {script}"),
}


def complete_line(
    shell: str, script: Path, typed: str, env: Mapping[str, str], limit: float = 30.0
) -> list[str]:
    """The words the command receives after ``typed``, one Tab, and Enter, in ``shell``."""
    argv, setup = SETUP[shell]
    out = script.with_name(f"{shell}-words.out")
    out.unlink(missing_ok=True)
    keys = (
        setup.format(script=shlex.quote(str(script)))
        + "\r"
        + typed
        + "\t"  # complete
        + "\x01printf '%s\\0' "  # Ctrl-A: print the words instead of running them
        + f"\x05 > {shlex.quote(str(out))}\r"  # Ctrl-E: into the file
        + "exit\r"
    )
    home = script.parent / f"{shell}-home"  # its history and config, never the real ones
    home.mkdir(exist_ok=True)
    shell_env = dict(env, TERM="xterm", HOME=str(home), HISTFILE=str(home / "history"))
    shell_env |= {"XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config")}
    pid, fd = pty.fork()
    if pid == 0:  # the child: the shell
        os.execvpe(argv[0], argv, shell_env)
    seen = b""
    try:
        os.write(fd, keys.encode())
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the shell exited
                break
            if not chunk:
                break
            seen += chunk
    finally:
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        os.close(fd)
    if not out.exists():
        raise AssertionError(f"{shell} did not run the line; it showed: {seen[-500:]!r}")
    return out.read_bytes().decode().split("\0")[:-1]
