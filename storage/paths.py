"""Where the data file lives: one seam that the CLI, the dashboard and the tests all use."""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

ENV_VAR = "LEANON_DB"
"""Set this to a path to use another data file (the CLI's ``--db`` does the same)."""

APP = "leanon"
FILE_NAME = "leanon.json"


def default_db_location(environ: Mapping[str, str] | None = None) -> str:
    """The data file: ``$LEANON_DB`` if set, else ``<user data dir>/leanon/leanon.json``.

    The user data dir is platformdirs' ``user_data_path``. On Linux with an absolute
    ``$XDG_DATA_HOME`` or ``$HOME`` (nearly always) its answer is worked out here instead,
    because importing platformdirs (it imports pathlib, re and tempfile) would double the
    time ``leanon reach Sam`` takes; tests/test_paths.py checks the two agree. Everything
    else asks platformdirs.
    """
    env = os.environ if environ is None else environ
    override = env.get(ENV_VAR, "").strip()
    if override:
        return os.path.expanduser(override)
    if sys.platform.startswith("linux") and environ is None:
        xdg = env.get("XDG_DATA_HOME", "")
        if os.path.isabs(xdg):
            return os.path.join(xdg, APP, FILE_NAME)
        home = env.get("HOME", "")
        if os.path.isabs(home):
            return os.path.join(home.rstrip("/") or "/", ".local", "share", APP, FILE_NAME)
    import platformdirs

    return str(platformdirs.user_data_path(APP, appauthor=False) / FILE_NAME)


def default_db_path(environ: Mapping[str, str] | None = None) -> Path:
    """:func:`default_db_location` as a ``Path``."""
    from pathlib import Path

    return Path(default_db_location(environ))
