"""Where the data file lives: one seam that the CLI, the dashboard and the tests all use."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

ENV_VAR = "LEANON_DB"
"""Set this to a path to use another data file (the CLI's ``--db`` does the same)."""


def default_db_path(environ: Mapping[str, str] | None = None) -> Path:
    """The data file: ``$LEANON_DB`` if set, else ``<user data dir>/leanon/leanon.json``."""
    env = os.environ if environ is None else environ
    override = env.get(ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs  # imported here: only needed when no path is given

    return platformdirs.user_data_path("leanon", appauthor=False) / "leanon.json"
