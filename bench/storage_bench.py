"""Issue 2: opening the decade file and adding one entry, leanon's storage vs stock TinyDB.

Both sides read the very same file (a copy each). "Open" is the first read to a usable
state: for leanon ``Store.open`` plus ``store.entries()`` (typed, sorted records), for
TinyDB ``TinyDB(path)`` plus ``db.table("entries").all()``. "Add" is one entry written to
disk: ``store.add_reach`` (atomic, fsynced, with its undo record) against
``table.insert`` with the stock ``JSONStorage``.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB

from bench.common import (
    END,
    Row,
    as_leanon_left_it,
    compare,
    decade_file,
    measure,
    ms,
    print_table,
    scratch_dir,
)
from storage import FixedClock, Store

REPEAT = 7
OPEN_GOAL = 1.0
ADD_GOAL = 0.15

REACH_DOC = {
    "id": "0000bench000",
    "kind": "reach",
    "at": END.isoformat(),
    "who": "Sam",
    "via": "text",
    "note": None,
}
"""What stock TinyDB inserts: the same document leanon stores for a reach-out."""


def run(repeat: int = REPEAT) -> list[Row]:
    """Run the storage benchmark, print its table, and return its rows."""
    data = decade_file()
    pristine = data.path
    work = scratch_dir("storage")
    ours_path, stock_path = work / "leanon" / "leanon.json", work / "stock" / "db.json"
    for path in (ours_path, stock_path):
        path.parent.mkdir()
        shutil.copyfile(pristine, path)
    # A person's file is as leanon's last save left it, lock file and all; then it is
    # trusted without checking every document again. The row after times the file as an
    # editor or a sync tool leaves it (no record in the lock file): every document checked.
    ours_lock = ours_path.with_name(ours_path.name + ".lock")
    lock_bytes = as_leanon_left_it(pristine, ours_path)
    clock = FixedClock(END)

    # ------------------------------------------------------------- open
    def open_ours() -> None:
        store = Store.open(ours_path, clock)
        store.entries()
        store.close()

    def open_stock() -> None:
        db = TinyDB(stock_path)
        db.table("entries").all()
        db.close()

    open_row = Row(
        "open + read all entries", *compare(open_ours, open_stock, repeat), goal=OPEN_GOAL
    )
    ours_lock.write_bytes(b"")
    outside_row = Row(
        "open, file changed outside leanon",
        measure(open_ours, repeat),
        note="every entry and person checked first (storage.store.check_documents); no goal",
    )
    ours_lock.write_bytes(lock_bytes)

    # ------------------------------------------------------------- add
    held: dict[str, Any] = {}

    def fresh_ours() -> None:
        if "store" in held:
            held.pop("store").close()
        shutil.copyfile(pristine, ours_path)
        store = Store.open(ours_path, clock)
        store.entries()
        held["store"] = store

    def add_ours() -> None:
        held["store"].add_reach("Sam", via="text")

    def fresh_stock() -> None:
        if "db" in held:
            held.pop("db").close()
        shutil.copyfile(pristine, stock_path)
        db = TinyDB(stock_path)
        db.table("entries").all()
        held["db"] = db

    def add_stock() -> None:
        held["db"].table("entries").insert(dict(REACH_DOC))

    # The first save of a day also copies the file to backups/; the warm-up run makes that
    # copy, so these are the adds of the rest of the day. The first one is timed below.
    add_row = Row(
        "add one entry",
        *compare(add_ours, add_stock, repeat, ours_setup=fresh_ours, peer_setup=fresh_stock),
        goal=ADD_GOAL,
    )

    def first_of_day() -> None:
        fresh_ours()
        shutil.rmtree(ours_path.parent / "backups", ignore_errors=True)

    first_row = Row(
        "add, first of the day",
        measure(add_ours, max(3, repeat // 2), setup=first_of_day, warmup=0),
        note="includes the daily backup copy of the file; no goal",
    )
    for handle in held.values():
        handle.close()

    size = pristine.stat().st_size
    title = (
        f"Storage: decade file, {data.entries:,} entries, {data.people} people, "
        f"{size / 1e6:.1f} MB (median of {repeat})"
    )
    rows = [open_row, outside_row, add_row, first_row]
    print_table(title, "leanon", "TinyDB", rows)
    print(f"  making the file through Store.import_records took {data.import_seconds:.1f} s")
    _print_tables(pristine)
    _print_breakdown(pristine, work, repeat)
    return rows


def _print_tables(path: Path) -> None:
    """How the file's bytes are split between its tables (compact JSON sizes)."""
    tables = orjson.loads(path.read_bytes())
    parts = ", ".join(
        f"{name} {len(docs):,} docs {len(orjson.dumps(docs)) / 1e6:.1f} MB"
        for name, docs in tables.items()
    )
    print(f"  tables: {parts}")


def _print_breakdown(path: Path, work: Path, repeat: int) -> None:
    """Where the time of an open and of an add goes, piece by piece, on the same data.

    Each piece is timed on its own, so the sums are close to, not equal to, the wholes
    above. They name the costs; they are not goals.
    """
    try:
        from storage.jsonfile import _atomic_write, _dump
        from storage.store import entry_from_doc
    except ImportError:  # the storage changed shape; the breakdown is only a diagnostic
        print("  (no breakdown: storage.jsonfile/storage.store changed their helpers)")
        return
    from tinydb.table import Document

    raw = path.read_bytes()
    data = orjson.loads(raw)
    entries = data["entries"]
    payload = _dump(data)
    target = work / "breakdown.json"

    def typed() -> None:
        built = [entry_from_doc(doc, path) for doc in entries.values()]
        built.sort(key=lambda e: (e.at, e.id))

    def documents() -> None:
        [Document(doc, doc_id=int(k)) for k, doc in entries.items()]

    def table_copy() -> None:
        # Stock Table._update_table turns the raw table into {int: doc} and back into
        # {str: doc} on every insert, update or remove, O(entries). leanon writes people
        # and entries straight into the storage's data and skips it.
        converted = {int(k): v for k, v in entries.items()}
        {str(k): v for k, v in converted.items()}

    groups = {
        "open, leanon": [
            ("read the bytes", lambda: path.read_bytes()),
            ("orjson.loads", lambda: orjson.loads(raw)),
            ("typed entries, sorted", typed),
        ],
        "open, stock": [
            ("json.load", lambda: _stdlib_load(path)),
            ("Document per entry", documents),
        ],
        "add, leanon": [
            ("orjson dump, indented", lambda: _dump(data)),
            ("temp write + fsync + rename", lambda: _atomic_write(target, payload)),
        ],
        "add, stock": [
            ("json.load (no cache)", lambda: _stdlib_load(path)),
            ("table copy, twice", table_copy),
            ("json.dumps + write + fsync", lambda: _stdlib_write(target, data)),
        ],
    }
    print("  where the time goes (each piece timed alone, median):")
    width = max(len(name) for pieces in groups.values() for name, _ in pieces)
    for group, pieces in groups.items():
        print(f"    {group}")
        for name, piece in pieces:
            print(f"      {name.ljust(width)}  {ms(measure(piece, repeat).median):>9}")
    compact = len(orjson.dumps(data))
    print(
        f"    leanon writes {len(payload) / 1e6:.1f} MB (indented); "
        f"the same data compact is {compact / 1e6:.1f} MB"
    )


def _stdlib_load(path: Path) -> Any:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def _stdlib_write(path: Path, data: Any) -> None:
    # What JSONStorage.write does: serialize, write over the file in place, flush, fsync.
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(data))
        handle.flush()
        os.fsync(handle.fileno())


if __name__ == "__main__":
    start = time.perf_counter()
    run()
    print(f"\n({time.perf_counter() - start:.0f} s)")
