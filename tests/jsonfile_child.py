"""A second process for tests/test_jsonfile.py: writes to a data file until told or killed.

Usage::

    python tests/jsonfile_child.py PATH crash        # append docs forever, one per transaction
    python tests/jsonfile_child.py PATH add K N      # add N docs tagged K through TinyDB
    python tests/jsonfile_child.py PATH hold         # take the lock and sleep until killed

It prints progress lines (flushed at once) so the parent knows what was in flight when it
sent SIGKILL.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tinydb import TinyDB  # noqa: E402

from storage.jsonfile import SafeJSONStorage  # noqa: E402


def say(line: str) -> None:
    """Tell the parent, now: it may kill us right after."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def crash(path: str) -> None:
    """Append doc n+1 to table "docs" in its own transaction, forever."""
    storage = SafeJSONStorage(path)
    pad = "x" * 200  # a file of some size, so kills land mid-write too
    while True:
        with storage.transaction():
            data = storage.read() or {}
            docs = data.setdefault("docs", {})
            n = len(docs) + 1
            docs[str(n)] = {"n": n, "pad": pad}
            storage.write(data)
            say(f"about {n}")
        say(f"done {n}")


def add(path: str, tag: str, count: int) -> None:
    """Insert ``count`` docs through TinyDB, one transaction each, racing other processes."""
    db = TinyDB(path, storage=SafeJSONStorage)
    storage = db.storage
    assert isinstance(storage, SafeJSONStorage)
    table = db.table("docs")
    for i in range(count):
        with storage.transaction():
            table._next_id = None  # another process may have inserted since TinyDB looked
            table.clear_cache()
            table.insert({"tag": tag, "i": i})
    db.close()
    say("finished")


def hold(path: str) -> None:
    """Take the lock and never let go (the parent kills us)."""
    storage = SafeJSONStorage(path)
    with storage.transaction():
        say("locked")
        time.sleep(120)


def main(argv: list[str]) -> None:
    """Dispatch on the mode argument."""
    path, mode = argv[1], argv[2]
    if mode == "crash":
        crash(path)
    elif mode == "add":
        add(path, argv[3], int(argv[4]))
    elif mode == "hold":
        hold(path)
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv)
