"""``leanon nudge --install-timer``: the systemd user units that run the nudge hourly.

The timer runs ``leanon nudge --notify`` every hour; the nudge itself decides whether
to say anything (quiet hours, once a day, rest days: :mod:`storage.nudge`), so the units
never need changing when the settings do.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

UNIT = "leanon-nudge"
"""The units' name: ``leanon-nudge.service`` and ``leanon-nudge.timer``."""

ENABLE = f"systemctl --user enable --now {UNIT}.timer"
"""The command that starts the timer, now and after each login."""


def units_folder() -> Path:
    """Where systemd looks for a user's own units: ``$XDG_CONFIG_HOME/systemd/user``."""
    config = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(config) / "systemd" / "user"


def leanon_command(db: Path | None) -> list[str]:
    """The words that run this very leanon (its console script, else its Python)."""
    script = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
    if script is not None and script.name == "leanon" and os.access(script, os.X_OK):
        words = [str(script)]
    else:
        words = [sys.executable, "-m", "tui.cli"]
    if db is not None:
        words += ["--db", str(db.resolve())]
    return words


def units(db: Path | None) -> dict[str, str]:
    """The two unit files, by name."""
    command = " ".join(shlex.quote(w) for w in [*leanon_command(db), "nudge", "--notify"])
    return {
        f"{UNIT}.service": (
            "[Unit]\n"
            "Description=A gentle nudge from leanon, when today could use one\n"
            "\n"
            "[Service]\n"
            "Type=oneshot\n"
            f"ExecStart={command}\n"
        ),
        f"{UNIT}.timer": (
            "[Unit]\n"
            "Description=Ask leanon each hour whether today could use a gentle nudge\n"
            "\n"
            "[Timer]\n"
            "OnCalendar=hourly\n"
            "RandomizedDelaySec=5min\n"
            "\n"
            "[Install]\n"
            "WantedBy=timers.target\n"
        ),
    }


def write_units(folder: Path, files: dict[str, str]) -> list[Path]:
    """Write ``files`` into ``folder`` (made if missing), each replaced in one step."""
    from storage.filesafe import atomic_write

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in files.items():
        target = folder / name
        atomic_write(str(target), [text.encode("utf-8")])
        written.append(target)
    return written
