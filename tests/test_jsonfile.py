"""SafeJSONStorage: the data file survives crashes, races, bad files and full disks."""

from __future__ import annotations

import copy
import errno
import json
import math
import os
import random
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from tinydb import TinyDB
from tinydb.storages import JSONStorage

from storage import filesafe, jsonfile
from storage.errors import DataFileError, SaveFailed
from storage.jsonfile import SCHEMA_VERSION, SafeJSONStorage, backups_dir, newest_backup

CHILD = Path(__file__).with_name("jsonfile_child.py")
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL and flock")


class Day:
    """A ``today`` callable the test moves by hand."""

    def __init__(self, start: date = date(2026, 11, 28)) -> None:
        self.value = start

    def __call__(self) -> date:
        return self.value

    def next(self) -> None:
        self.value += timedelta(days=1)


def disk(path: Path) -> Any:
    """What is on disk, parsed independently of the storage."""
    return json.loads(path.read_bytes())


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def temp_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.tmp"))


def make_file(path: Path, docs: int = 3) -> None:
    """A valid data file with ``docs`` documents in table "docs"."""
    storage = SafeJSONStorage(path)
    with storage.transaction():
        storage.write({"docs": {str(i): {"n": i} for i in range(1, docs + 1)}})


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts calls of the storage's JSON parser."""
    calls: list[int] = []
    real = jsonfile._parse

    def counting(raw: bytes) -> Any:
        calls.append(len(raw))
        return real(raw)

    monkeypatch.setattr(jsonfile, "_parse", counting)
    return calls


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    """Set the process umask for one test and put it back afterwards."""
    old = os.umask(0o022)
    os.umask(old)

    def set_mask(mask: int) -> None:
        os.umask(mask)

    try:
        yield set_mask
    finally:
        os.umask(old)


# --------------------------------------------------------------------------- round trip


def test_round_trip_through_tinydb(tmp_path: Path) -> None:
    path = tmp_path / "leanon.json"
    db = TinyDB(path, storage=SafeJSONStorage, today=Day())
    db.table("entries").insert({"who": "Zoë", "via": "text"})
    db.table("people").insert({"name": "Sam"})
    db.close()

    db = TinyDB(path, storage=SafeJSONStorage, today=Day())
    assert db.table("entries").all() == [{"who": "Zoë", "via": "text"}]
    assert db.table("people").all() == [{"name": "Sam"}]
    db.close()

    text = path.read_text(encoding="utf-8")
    assert text.startswith('{\n  "')  # indented for a person to read
    assert text.endswith("}\n")
    assert "Zoë" in text  # non-ASCII kept as is, not \u-escaped
    data = disk(path)
    assert data["meta"] == {"1": {"schema_version": SCHEMA_VERSION}}


def test_missing_file_reads_none_and_first_write_adds_meta(tmp_path: Path) -> None:
    path = tmp_path / "leanon.json"
    storage = SafeJSONStorage(path)
    assert storage.read() is None
    storage.check()  # a missing file is fine
    assert not path.exists()
    storage.write({"people": {"1": {"name": "Sam"}}})
    assert disk(path) == {"people": {"1": {"name": "Sam"}}, "meta": {"1": {"schema_version": 1}}}


def test_file_without_meta_is_treated_as_current_and_gets_meta(tmp_path: Path) -> None:
    path = tmp_path / "leanon.json"
    stock = TinyDB(path, storage=JSONStorage)  # a plain TinyDB file: no meta table
    stock.table("people").insert({"name": "Ana"})
    stock.close()

    db = TinyDB(path, storage=SafeJSONStorage)
    assert db.table("people").all() == [{"name": "Ana"}]
    db.table("people").insert({"name": "Sam"})
    data = disk(path)
    assert data["meta"] == {"1": {"schema_version": 1}}
    assert [d["name"] for d in data["people"].values()] == ["Ana", "Sam"]
    assert not backups_dir(path).exists()  # nothing changed but the stamp: no backup needed


def test_empty_object_file_gets_meta_on_write(tmp_path: Path) -> None:
    path = tmp_path / "leanon.json"
    path.write_text("{}")
    storage = SafeJSONStorage(path)
    storage.write({"people": {}} | (storage.read() or {}))
    assert disk(path)["meta"] == {"1": {"schema_version": 1}}


def test_stdlib_json_with_nan_loads(tmp_path: Path) -> None:
    path = tmp_path / "leanon.json"
    path.write_text(json.dumps({"entries": {"1": {"score": float("nan")}}}))
    assert "NaN" in path.read_text()
    data = SafeJSONStorage(path).read()
    assert data is not None
    assert math.isnan(data["entries"]["1"]["score"])


# --------------------------------------------------------------------------- modes and links


@pytest.mark.parametrize("mask", [0, 0o077, 0o022])
def test_modes_whatever_the_umask(tmp_path: Path, umask: Callable[[int], None], mask: int) -> None:
    umask(mask)
    before = mode(tmp_path)
    path = tmp_path / "new" / "deeper" / "leanon.json"
    db = TinyDB(path, storage=SafeJSONStorage, today=Day())
    db.insert({"a": 1})
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    assert mode(path.parent.parent) == 0o700
    assert mode(tmp_path) == before  # a folder that existed is left alone
    assert mode(path.with_name("leanon.json.lock")) == 0o600

    for _ in range(3):
        os.chmod(path, 0o644)
        db.insert({"a": 2})
        assert mode(path) == 0o600

    db.storage._today.next()  # type: ignore[attr-defined]
    db.insert({"a": 3})  # makes the day's backup
    assert mode(backups_dir(path)) == 0o700
    backup = newest_backup(path)
    assert backup is not None
    assert mode(backup) == 0o600


def test_symlink_keeps_its_link(tmp_path: Path) -> None:
    real = tmp_path / "sync" / "data.json"
    real.parent.mkdir()
    link = tmp_path / "leanon.json"
    link.symlink_to(real)  # dangling until the first save
    db = TinyDB(link, storage=SafeJSONStorage, today=Day())
    db.insert({"a": 1})
    db.insert({"a": 2})
    assert link.is_symlink()
    assert os.readlink(link) == str(real)
    assert disk(real)["_default"] == {"1": {"a": 1}, "2": {"a": 2}}
    assert db.storage.path == link  # type: ignore[attr-defined]
    assert (real.parent / "data.json.lock").exists()
    assert backups_dir(link) == real.parent / "backups"
    assert temp_files(tmp_path) == [] and temp_files(real.parent) == []


# --------------------------------------------------------------------------- fingerprint


def test_unchanged_file_is_not_reparsed(tmp_path: Path, parses: list[int]) -> None:
    path = tmp_path / "leanon.json"
    make_file(path)
    storage = SafeJSONStorage(path)
    assert storage.read() is not None
    assert len(parses) == 1
    generation = storage.generation
    for _ in range(20):
        storage.read()
        assert storage.refresh() is False
    assert len(parses) == 1
    assert storage.generation == generation


def test_own_write_is_not_reparsed(tmp_path: Path, parses: list[int]) -> None:
    path = tmp_path / "leanon.json"
    db = TinyDB(path, storage=SafeJSONStorage)
    for i in range(5):
        db.insert({"i": i})
    assert parses == []
    assert db.storage.refresh() is False  # type: ignore[attr-defined]
    assert parses == []


def test_external_change_is_picked_up(tmp_path: Path) -> None:
    path = tmp_path / "leanon.json"
    make_file(path)
    ours, theirs = SafeJSONStorage(path), SafeJSONStorage(path)
    assert ours.read() == theirs.read()
    generation = ours.generation

    with theirs.transaction():
        data = theirs.read()
        assert data is not None
        data["docs"]["4"] = {"n": 4}
        theirs.write(data)

    assert ours.refresh() is True
    assert ours.generation == generation + 1
    assert (ours.read() or {})["docs"]["4"] == {"n": 4}
    assert ours.refresh() is False


def test_touch_without_change_does_not_reparse(tmp_path: Path, parses: list[int]) -> None:
    path = tmp_path / "leanon.json"
    make_file(path)
    storage = SafeJSONStorage(path)
    storage.read()
    generation = storage.generation
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    assert storage.refresh() is False
    assert len(parses) == 1
    assert storage.generation == generation


def test_same_size_change_with_stale_stat_is_still_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rename-based saves can reuse inode numbers within one coarse mtime tick, so two
    same-size saves may leave (size, mtime, inode) equal; the lock-file token catches it."""
    monkeypatch.setattr(jsonfile, "_stat_key", lambda st: (st.st_size, 0, 0))
    path = tmp_path / "leanon.json"
    make_file(path)
    ours, theirs = SafeJSONStorage(path), SafeJSONStorage(path)
    ours.read()
    with theirs.transaction():
        data = theirs.read()
        assert data is not None
        data["docs"]["1"] = {"n": 7}  # same length as {"n": 1}
        theirs.write(data)
    assert ours.refresh() is True
    assert (ours.read() or {})["docs"]["1"] == {"n": 7}


# --------------------------------------------------------------------------- bad files

BAD_FILES: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "empty"),
    "truncated": (b'{"docs": {"1": {"n": 1}, "2": {"n"', "cut off"),
    "truncated string": (b'{"docs": {"1": {"note": "hel', "cut off"),
    "not json": (b"this is my diary, not JSON\n", "not valid JSON"),
    "not utf-8": (b'{"a": "\xff\xfe"}', "UTF-8"),
    "a list": (b"[1, 2, 3]\n", "a list"),
    "a string": (b'"hello"\n', "a string"),
    "table not object": (b'{"docs": [1, 2]}', 'table "docs"'),
    "doc not object": (b'{"docs": {"1": "hi"}}', "document 1"),
    "doc id not number": (b'{"docs": {"one": {"n": 1}}}', '"one"'),
    "newer schema": (b'{"meta": {"1": {"schema_version": 99}}}', "newer leanon"),
    "bad schema": (b'{"meta": {"1": {"schema_version": "one"}}}', "schema_version"),
}


def attempt_everything(path: Path, storage: SafeJSONStorage) -> list[DataFileError]:
    """Read, check, refresh and every way of writing; collect the errors raised."""
    errors: list[DataFileError] = []
    attempts: list[Callable[[], object]] = [
        storage.read,
        storage.check,
        storage.refresh,
        lambda: storage.write({"docs": {"1": {"n": 1}}}),
        lambda: TinyDB(path, storage=SafeJSONStorage).insert({"x": 1}),
    ]
    for attempt in attempts:
        with pytest.raises(DataFileError) as caught:
            attempt()
        errors.append(caught.value)
    with pytest.raises(DataFileError) as caught:
        with storage.transaction():
            storage.write({"docs": {}})
    errors.append(caught.value)
    return errors


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_file_is_reported_and_never_overwritten(tmp_path: Path, kind: str) -> None:
    raw, words = BAD_FILES[kind]
    path = tmp_path / "leanon.json"
    path.write_bytes(raw)
    storage = SafeJSONStorage(path, today=Day())
    errors = attempt_everything(path, storage)
    for error in errors:
        assert not isinstance(error, SaveFailed)
        assert str(path) in str(error)
        assert words in str(error)
    assert path.read_bytes() == raw
    assert temp_files(tmp_path) == []
    if kind == "newer schema":
        assert "Upgrade leanon" in str(errors[0])
    else:
        assert "no backup yet" in str(errors[0])


def test_bad_file_names_the_newest_backup(tmp_path: Path) -> None:
    path = tmp_path / "leanon.json"
    day = Day()
    db = TinyDB(path, storage=SafeJSONStorage, today=day)
    for _ in range(3):
        db.insert({"a": 1})
        day.next()
    db.insert({"a": 2})
    db.close()
    backup = newest_backup(path)
    assert backup == backups_dir(path) / "leanon.json.2026-12-01.json"
    path.write_bytes(b'{"_default": {"1": {"a": 1}')  # cut off

    storage = SafeJSONStorage(path, today=day)
    for error in attempt_everything(path, storage):
        assert f"Your newest backup is {backup}: copy it over this file" in str(error)
    assert path.read_bytes() == b'{"_default": {"1": {"a": 1}'


def test_error_clears_once_the_file_is_fixed(tmp_path: Path) -> None:
    path = tmp_path / "leanon.json"
    path.write_bytes(b"")
    storage = SafeJSONStorage(path)
    with pytest.raises(DataFileError):
        storage.read()
    path.write_text('{"docs": {"1": {"n": 1}}}')  # the person copied a backup over it
    assert (storage.read() or {})["docs"]["1"] == {"n": 1}
    storage.write(storage.read() or {})
    assert disk(path)["meta"] == {"1": {"schema_version": 1}}


def test_folder_in_place_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "leanon.json"
    path.mkdir()
    (path / "keep.txt").write_text("mine")
    storage = SafeJSONStorage(path)
    for error in attempt_everything(path, storage):
        assert str(path) in str(error) and "folder" in str(error)
    assert path.is_dir() and os.listdir(path) == ["keep.txt"]


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root, where chmod 000 does not stop reads: make open() refuse instead.
    path = tmp_path / "leanon.json"
    make_file(path)
    raw = path.read_bytes()

    def refusing_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(file) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return open(file, *args, **kwargs)

    monkeypatch.setattr(jsonfile, "open", refusing_open, raising=False)
    storage = SafeJSONStorage(path)
    for error in attempt_everything(path, storage):
        assert str(path) in str(error)
        assert "cannot be read (Permission denied)" in str(error)
        assert "chmod 600" in str(error)
    monkeypatch.undo()
    assert path.read_bytes() == raw


def test_write_after_error_refuses_even_with_valid_data(tmp_path: Path) -> None:
    path = tmp_path / "leanon.json"
    path.write_bytes(b"[]")
    db = TinyDB(path, storage=SafeJSONStorage)
    with pytest.raises(DataFileError):
        db.all()
    with pytest.raises(DataFileError):
        db.storage.write({"_default": {"1": {"a": 1}}})
    assert path.read_bytes() == b"[]"


# --------------------------------------------------------------------------- failed saves


def fail_with(code: int) -> Callable[..., Any]:
    def failing(*args: Any, **kwargs: Any) -> Any:
        raise OSError(code, os.strerror(code))

    return failing


@pytest.mark.parametrize("target", ["write", "fsync"])
def test_disk_full_fails_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    path = tmp_path / "leanon.json"
    db = TinyDB(path, storage=SafeJSONStorage)
    db.insert({"a": 1})
    storage = db.storage
    assert isinstance(storage, SafeJSONStorage)
    raw = path.read_bytes()
    generation = storage.generation

    monkeypatch.setattr(os, target, fail_with(errno.ENOSPC))
    with pytest.raises(SaveFailed) as caught:
        with storage.transaction():
            db.insert({"a": 2})
            db.insert({"a": 3})
    message = str(caught.value)
    assert str(path) in message
    assert "the disk is full" in message and "Nothing was lost" in message
    with pytest.raises(SaveFailed):
        db.insert({"a": 4})  # outside a transaction, too
    monkeypatch.undo()

    assert path.read_bytes() == raw
    assert temp_files(tmp_path) == []
    assert storage.read() == disk(path)
    assert storage.generation > generation
    db.table("_default")._next_id = None
    db.insert({"a": 5})  # space is back: saving works again
    assert [d["a"] for d in disk(path)["_default"].values()] == [1, 5]


@pytest.mark.parametrize(
    ("error", "words"),
    [(errno.EROFS, "is read-only"), (errno.EACCES, "no permission to write")],
)
def test_read_only_folder_fails_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: int, words: str
) -> None:
    path = tmp_path / "leanon.json"
    make_file(path)
    raw = path.read_bytes()
    storage = SafeJSONStorage(path)
    before = copy.deepcopy(storage.read())
    monkeypatch.setattr(filesafe, "open_temp", fail_with(error))
    with pytest.raises(SaveFailed) as caught:
        with storage.transaction():
            data = storage.read()
            assert data is not None
            data["docs"]["9"] = {"n": 9}
            storage.write(data)
    assert words in str(caught.value) and str(tmp_path) in str(caught.value)
    assert path.read_bytes() == raw
    assert storage.read() == before == disk(path)
    assert temp_files(tmp_path) == []


def test_exception_in_transaction_restores_memory(tmp_path: Path) -> None:
    path = tmp_path / "leanon.json"
    make_file(path)
    raw = path.read_bytes()
    storage = SafeJSONStorage(path)
    with pytest.raises(RuntimeError):
        with storage.transaction():
            data = storage.read()
            assert data is not None
            data["docs"]["1"]["n"] = "changed in place"
            storage.write(data)
            raise RuntimeError("boom")
    assert path.read_bytes() == raw
    assert storage.read() == disk(path)
    with storage.transaction():  # the lock was let go
        storage.write(storage.read() or {})


def test_nested_transaction_saves_once_at_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "leanon.json"
    make_file(path)
    saves: list[Path] = []
    real_write = jsonfile._atomic_write

    def counting(target: Path, payload: bytes) -> None:
        saves.append(target)
        real_write(target, payload)

    monkeypatch.setattr(jsonfile, "_atomic_write", counting)
    db = TinyDB(path, storage=SafeJSONStorage)
    storage = db.storage
    assert isinstance(storage, SafeJSONStorage)
    with storage.transaction():
        db.insert({"a": 1})
        with storage.transaction():
            db.insert({"a": 2})
        assert saves == []
        db.insert({"a": 3})
    assert len(saves) == 1
    assert len(disk(path)["_default"]) == 3

    with storage.transaction():
        pass  # nothing written: nothing saved
    assert len(saves) == 1


def test_stale_write_outside_transaction_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "leanon.json"
    make_file(path)
    ours, theirs = SafeJSONStorage(path), SafeJSONStorage(path)
    stale = ours.read()
    assert stale is not None
    theirs.write({**(theirs.read() or {}), "people": {"1": {"name": "Sam"}}})
    stale["docs"]["4"] = {"n": 4}
    with pytest.raises(SaveFailed, match="another leanon changed the file"):
        ours.write(stale)
    assert disk(path)["people"] == {"1": {"name": "Sam"}}
    assert ours.read() == disk(path)


def test_threads_take_turns(tmp_path: Path) -> None:
    path = tmp_path / "leanon.json"
    db = TinyDB(path, storage=SafeJSONStorage)
    storage = db.storage
    assert isinstance(storage, SafeJSONStorage)
    table = db.table("docs")

    def work() -> None:
        for _ in range(25):
            with storage.transaction():
                table.insert({"a": 1})

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(disk(path)["docs"]) == 100


# --------------------------------------------------------------------------- backups and schema


def test_daily_backups(tmp_path: Path) -> None:
    path = tmp_path / "leanon.json"
    day = Day(date(2026, 11, 1))
    db = TinyDB(path, storage=SafeJSONStorage, today=day)
    db.insert({"n": 0})  # creates the file: nothing to back up yet
    assert newest_backup(path) is None

    db.insert({"n": 1})  # first save on an existing file today
    first = backups_dir(path) / "leanon.json.2026-11-01.json"
    assert newest_backup(path) == first
    assert disk(first)["_default"] == {"1": {"n": 0}}  # the file as it was before the save

    db.insert({"n": 2})
    assert sorted(os.listdir(backups_dir(path))) == ["leanon.json.2026-11-01.json"]
    assert disk(first)["_default"] == {"1": {"n": 0}}

    for n in range(3, 23):
        day.next()
        db.insert({"n": n})
    names = sorted(os.listdir(backups_dir(path)))
    assert len(names) == 14
    assert names[0] == "leanon.json.2026-11-08.json" and names[-1] == "leanon.json.2026-11-21.json"
    newest = newest_backup(path)
    assert newest is not None and newest.name == "leanon.json.2026-11-21.json"
    assert len(disk(newest)["_default"]) == 22  # n = 0..21, before the save of n = 22
    for name in names:
        assert mode(backups_dir(path) / name) == 0o600
    assert mode(backups_dir(path)) == 0o700
    assert temp_files(backups_dir(path)) == []


def test_no_backups_without_today(tmp_path: Path) -> None:
    path = tmp_path / "leanon.json"
    db = TinyDB(path, storage=SafeJSONStorage)
    for n in range(3):
        db.insert({"n": n})
    assert not backups_dir(path).exists()


def test_keep_backups_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "leanon.json"
    day = Day()
    db = TinyDB(path, storage=SafeJSONStorage, today=day, keep_backups=3)
    for n in range(6):
        db.insert({"n": n})
        day.next()
    assert len(os.listdir(backups_dir(path))) == 3


def test_failed_backup_does_not_fail_the_save(tmp_path: Path) -> None:
    path = tmp_path / "leanon.json"
    make_file(path)
    (tmp_path / "backups").write_text("not a folder")
    storage = SafeJSONStorage(path, today=Day())
    storage.write({**(storage.read() or {}), "people": {"1": {"name": "Sam"}}})
    assert disk(path)["people"] == {"1": {"name": "Sam"}}
    assert storage.last_backup_error is not None
    assert "could not make today's backup" in str(storage.last_backup_error)
    assert temp_files(tmp_path) == []


def test_migration_backs_up_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "leanon.json"
    make_file(path)
    raw = path.read_bytes()

    def to_v2(data: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        for doc in data.get("docs", {}).values():
            doc["v2"] = True
        return data

    monkeypatch.setattr(jsonfile, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(jsonfile, "MIGRATIONS", {1: to_v2})
    storage = SafeJSONStorage(path)
    data = storage.read()
    assert data is not None and data["docs"]["1"] == {"n": 1, "v2": True}
    backups = os.listdir(backups_dir(path))
    assert len(backups) == 1 and backups[0].startswith("leanon.json.v1-")
    assert (backups_dir(path) / backups[0]).read_bytes() == raw
    assert newest_backup(path) == backups_dir(path) / backups[0]
    assert path.read_bytes() == raw  # only a write changes the file
    storage.write(data)
    assert disk(path)["meta"] == {"1": {"schema_version": 2}}


# --------------------------------------------------------------------------- processes


def spawn(path: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(path), *args],
        stdout=subprocess.PIPE,
        text=True,
    )


@posix_only
def test_kill_9_never_corrupts(tmp_path: Path) -> None:
    path = tmp_path / "leanon.json"
    storage = SafeJSONStorage(path)
    with storage.transaction():
        storage.write({"docs": {str(n): {"n": n, "pad": "x" * 200} for n in range(1, 1001)}})
    rng = random.Random(20261128)
    started = time.monotonic()
    count = 1000
    for _ in range(25):
        child = spawn(path, "crash")
        watchdog = threading.Timer(10, child.kill)
        watchdog.start()
        try:
            assert child.stdout is not None
            first = child.stdout.readline()  # it is running and writing
            time.sleep(rng.uniform(0, 0.04))
            child.kill()
            out = first + child.stdout.read()
        finally:
            watchdog.cancel()
            child.kill()
            child.wait()
        about = [int(line.split()[1]) for line in out.splitlines() if line.startswith("about")]
        done = [int(line.split()[1]) for line in out.splitlines() if line.startswith("done")]
        assert about, out

        docs = disk(path)["docs"]  # always parses
        previous, count = count, len(docs)
        assert sorted(int(k) for k in docs) == list(range(1, count + 1))
        assert all(docs[str(n)]["n"] == n for n in range(1, count + 1))
        assert max(done, default=previous) <= count <= max(about)

    storage.write({**(storage.read() or {}), "after": {}})  # cleans any crash leftovers
    assert temp_files(tmp_path) == []
    assert len(disk(path)["docs"]) == count
    assert time.monotonic() - started < 15


@posix_only
def test_three_processes_add_300(tmp_path: Path) -> None:
    path = tmp_path / "leanon.json"
    started = time.monotonic()
    children = [spawn(path, "add", str(tag), "100") for tag in range(3)]
    for child in children:
        out, _ = child.communicate(timeout=30)
        assert child.returncode == 0 and out.strip() == "finished"
    docs = disk(path)["docs"]
    assert len(docs) == 300
    assert sorted(int(k) for k in docs) == list(range(1, 301))
    for tag in range(3):
        assert sorted(d["i"] for d in docs.values() if d["tag"] == str(tag)) == list(range(100))
    assert time.monotonic() - started < 10


@posix_only
def test_lock_of_a_dead_process_does_not_block(tmp_path: Path) -> None:
    import fcntl

    path = tmp_path / "leanon.json"
    make_file(path)
    child = spawn(path, "hold")
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "locked"
        fd = os.open(tmp_path / "leanon.json.lock", os.O_RDWR)
        try:
            with pytest.raises(BlockingIOError):  # it really holds the lock
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(fd)
    finally:
        child.kill()
        child.wait()

    storage = SafeJSONStorage(path)
    started = time.monotonic()
    with storage.transaction():
        data = storage.read()
        assert data is not None
        data["docs"]["4"] = {"n": 4}
        storage.write(data)
    assert time.monotonic() - started < 2
    assert len(disk(path)["docs"]) == 4


def test_a_first_write_on_a_fresh_storage_is_no_clash(tmp_path: Path) -> None:
    """TinyDB's drop_tables() writes before reading; it raised "another leanon changed the
    file at the same moment" though nothing else had touched it."""
    path = tmp_path / "leanon.json"
    db = TinyDB(path, storage=SafeJSONStorage)
    db.insert({"a": 1})
    db.close()
    fresh = TinyDB(path, storage=SafeJSONStorage)
    fresh.drop_tables()
    assert fresh.tables() == {"meta"}  # every save stamps the data format, on purpose
    fresh.close()
    path.write_text("{ not json")
    broken = SafeJSONStorage(path)
    with pytest.raises(DataFileError):
        broken.write({})
    assert path.read_text() == "{ not json"
