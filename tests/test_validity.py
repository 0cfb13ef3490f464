"""One definition of a valid document, on every path (storage.fields.entry_doc_problem).

Before: with a file holding an entry of kind "zzz", or "at" "not a date", status, export
and the dashboard refused the file, yet ``leanon reach Zed`` exited 0 and rewrote it;
``"who": 5`` gave "something went wrong (AttributeError)"; ``"score": "4"`` was read as no
score and exported as null, which import then refused; a score of 99 gave KeyError.
"""

from __future__ import annotations

import json
import zlib
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import NOW, RunCli, refused

from storage import FixedClock, Store, filesafe, quick
from storage.jsonfile import SafeJSONStorage


def hand_edit(db: Path, change: Any) -> bytes:
    """Change the file as a person with an editor would (the lock's record no longer fits)."""
    data = json.loads(db.read_text())
    change(data)
    db.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return db.read_bytes()


def first_entry(data: dict[str, Any]) -> dict[str, Any]:
    return next(iter(data["entries"].values()))


def _set(field: str, value: Any) -> Any:
    return lambda data: first_entry(data).__setitem__(field, value)


def _twin(data: dict[str, Any]) -> None:
    data["entries"]["99"] = dict(first_entry(data))


BAD = [
    (_set("kind", "zzz"), '"kind" is "zzz"'),
    (_set("at", "not a date"), '"at" is "not a date"'),
    (_set("who", 5), '"who" is 5, not text'),
    (_set("score", 99), '"score" is 99'),
    (_set("note", ["a"]), '"note" is a list'),
    (_set("via", "pigeon"), '"via" is "pigeon"'),
    (_twin, "share the id"),
    (
        lambda data: next(iter(data["people"].values())).__setitem__("name", 5),
        'person number 1 can\'t be read: its "name" is 5',
    ),
    (
        lambda data: next(iter(data["people"].values())).__setitem__("birthday", "1984-02-30"),
        'person Ana can\'t be read: its "birthday" is "1984-02-30"',
    ),
]

COMMANDS = [
    ("status",),
    ("people",),
    ("export",),
    ("reach", "Zed"),
    ("reach", "Zed", "--at", "1h"),
    ("honest", "3"),
    ("rest",),
    ("undo",),
    ("doctor",),
]


@pytest.mark.parametrize("change, named", BAD)
def test_a_bad_document_is_refused_the_same_way_on_every_path(
    run_cli: RunCli, db_path: Path, change: Any, named: str
) -> None:
    assert run_cli("reach", "Ana", "--note", "first").code == 0
    assert run_cli("reach", "Ana").code == 0
    raw = hand_edit(db_path, change)
    entry_id = first_entry(json.loads(raw))["id"]
    for args in COMMANDS:
        result = run_cli(*args)
        if args == ("doctor",):
            assert result.code == 1 and named in result.out
            continue
        line = refused(result, 1)
        assert str(db_path) in line and named in line, (args, line)
        if "person" not in named and "share" not in named:
            assert f"entry {entry_id}" in line
        assert db_path.read_bytes() == raw, args


@pytest.mark.parametrize("score", ["4", 4.0, " 4 "])
def test_a_score_as_a_spreadsheet_writes_it_means_the_number(
    run_cli: RunCli, db_path: Path, tmp_path: Path, score: Any
) -> None:
    assert run_cli("honest", "2").code == 0
    hand_edit(db_path, _set("score", score))
    assert "Today, honestly: 4" in run_cli("status").out
    exported = json.loads(run_cli("export").out)
    assert [e["score"] for e in exported["entries"]] == [4]
    out = tmp_path / "out.json"
    out.write_text(run_cli("export").out)
    other = tmp_path / "other.json"
    assert run_cli("--db", other, "import", out).code == 0  # export never writes what
    assert run_cli("--db", other, "import", out).out.startswith("Imported 0")  # import refuses


def test_a_file_leanon_saved_is_trusted_and_any_other_is_checked(
    run_cli: RunCli, db_path: Path
) -> None:
    assert run_cli("reach", "Ana").code == 0
    storage = SafeJSONStorage(db_path)
    storage.read()
    assert storage.as_saved
    db_path.write_bytes(db_path.read_bytes().replace(b'"Ana"', b'"Bob"'))
    fresh = SafeJSONStorage(db_path)
    fresh.read()
    assert not fresh.as_saved


def test_a_lock_record_with_another_table_list_is_never_spliced_along(
    run_cli: RunCli, db_path: Path
) -> None:
    """A record with the file's right size and CRC-32 but a different table list made
    ``leanon reach Fay`` print Logged and leave a file that does not parse."""
    assert run_cli("reach", "Ana").code == 0
    storage = SafeJSONStorage(db_path)
    data = storage.read() or {}
    storage.write({**data, "extra": {"1": {"kept": True}}})  # a table of someone else's
    lock = Path(str(db_path) + ".lock")
    raw = db_path.read_bytes()
    record = filesafe.parse_saved_record(lock.read_bytes())
    assert record is not None and "extra" in record[3]
    wrong = [name for name in record[3] if name != "extra"]
    forged = filesafe.saved_record(len(raw), zlib.crc32(raw), wrong)
    lock.write_bytes(lock.read_bytes()[: filesafe.TOKEN_SIZE] + forged)
    assert quick.log_entry(db_path, "reach", NOW, who="Fay") is None
    assert db_path.read_bytes() == raw
    assert run_cli("reach", "Fay").code == 0  # the ordinary path, which reads it all
    assert {e.who for e in Store(db_path, FixedClock(NOW)).entries()} == {"Ana", "Fay"}
    assert json.loads(db_path.read_text())["extra"] == {"1": {"kept": True}}


def test_checking_a_hand_edited_file_names_only_real_problems(
    run_cli: RunCli, db_path: Path, clock: FixedClock
) -> None:
    """Every kind, as leanon writes it, passes the check when the file was edited by hand."""
    clock.advance(timedelta(minutes=1))
    for args in (
        ("reach", "Ana", "--via", "call", "--note", "hi"),
        ("honest", "4", "fine", "really"),
        ("belong", "a wave"),
        ("letin", "let Ana help", "--who", "Ana"),
        ("rest",),
    ):
        assert run_cli(*args).code == 0
    hand_edit(db_path, lambda data: None)  # re-indented: no longer byte for byte leanon's
    assert run_cli("status").code == 0 and run_cli("reach", "Ana").code == 0
