"""A pytest plugin for running TinyDB's own test suite with leanon's storage in it.

``tests/test_tinydb_suite.py`` runs the suite from the tinydb sdist (downloaded by
``make test``, never copied here) with ``-p tinydb_swap``: every ``JSONStorage`` the suite
makes is then a :class:`storage.jsonfile.SafeJSONStorage`. JSONStorage's own options
(``create_dirs``, ``encoding``, ``access_mode``, json's ``indent``...) are accepted and
ignored: leanon's storage always makes missing folders, writes indented UTF-8 and reads
and writes.
"""

from __future__ import annotations

from typing import Any

import tinydb
import tinydb.storages

from storage.jsonfile import SafeJSONStorage


class SwappedJSONStorage(SafeJSONStorage):
    """leanon's storage, taking JSONStorage's arguments."""

    def __init__(
        self,
        path: str,
        create_dirs: bool = False,
        encoding: str | None = None,
        access_mode: str = "r+",
        **kwargs: Any,
    ) -> None:
        super().__init__(path)


tinydb.JSONStorage = SwappedJSONStorage  # type: ignore[misc]
tinydb.storages.JSONStorage = SwappedJSONStorage  # type: ignore[misc]
