"""The ``leanon`` command line, run in-process against real files in tmp_path.

People script against these names, options, exit codes and the JSON shapes, so the tests
pin them down: 0 done, 1 a data-file problem, 2 a usage or input mistake with exactly one
line on stderr, 130 interrupted; never a traceback.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
import subprocess
import sys
import types
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import NOW, CliResult, RunCli

import tui.cli
from storage import FixedClock, Store
from storage.fields import VIAS


def ok(result: CliResult) -> str:
    """The output of a run that must have worked."""
    assert result.code == 0, result.err
    assert result.err == ""
    return result.out


def one_error_line(result: CliResult, code: int = 2) -> str:
    """The single stderr line of a run that must have failed with ``code``."""
    assert result.code == code, (result.out, result.err)
    assert "Traceback" not in result.err
    assert len(result.err_lines) == 1, result.err
    line = result.err_lines[0]
    assert line.startswith("leanon: ")
    return line


def stored(db_path: Path) -> Store:
    return Store(db_path, FixedClock(NOW))


# --- logging ----------------------------------------------------------------------------


def test_reach_logs_and_confirms_in_plain_words(run_cli: RunCli, db_path: Path) -> None:
    out = ok(run_cli("reach", "Sam"))
    assert out == "Logged: texted Sam, just now. Sam is new to your people.\n"
    (entry,) = stored(db_path).entries()
    assert (entry.kind, entry.who, entry.via, entry.at) == ("reach", "Sam", "text", NOW)


def test_reach_with_via_note_and_a_backdated_time(run_cli: RunCli, db_path: Path) -> None:
    out = ok(run_cli("reach", "Ana", "--via", "Call", "--note", "about the move", "--at", "2d"))
    assert (
        out == "Logged: called Ana, 2 days ago (Thursday 26 November). Ana is new to your people.\n"
    )
    (entry,) = stored(db_path).entries()
    assert entry.note == "about the move" and entry.at == NOW - timedelta(days=2)


def test_backdated_confirmation_names_the_logical_day(run_cli: RunCli) -> None:
    """02:00 on the 26th counts for the 25th; the confirmation says so, and counts the days
    the way the dashboard does: Wednesday is 3 days before Saturday (it said "2 days ago",
    counting hours, beside the name of a day 3 days back)."""
    out = ok(run_cli("reach", "B", "--at", "2026-11-26T02:00"))
    assert out.startswith("Logged: texted B, 3 days ago (Wednesday 25 November).")


def test_yesterday_reads_as_yesterday(run_cli: RunCli) -> None:
    out = ok(run_cli("belong", "tea", "with", "Jo", "--at", "yesterday"))
    assert out == "Logged: a moment of belonging: tea with Jo, yesterday (Friday 27 November).\n"


def test_earlier_today_reads_as_hours_ago(run_cli: RunCli) -> None:
    assert ok(run_cli("rest", "--at", "3h")).startswith("Logged: a rest day, 3 hours ago.")


def test_honest_with_words(run_cli: RunCli, db_path: Path) -> None:
    out = ok(run_cli("honest", "3", "tired", "but", "ok"))
    assert out == 'Logged: honest answer 3 (getting by): "tired but ok", just now.\n'
    (entry,) = stored(db_path).entries()
    assert entry.score == 3 and entry.text == "tired but ok" and not entry.reflex


def test_honest_reflex_gets_one_gentle_note(run_cli: RunCli, db_path: Path) -> None:
    lines = ok(run_cli("honest", "4", "I'm", "fine")).splitlines()
    assert lines[0] == 'Logged: honest answer 4 (okay, really): "I\'m fine", just now.'
    assert lines[1:] == [
        "\"I'm fine\" is what we tell everyone. If there's a little more to it, there's room "
        "for it: `leanon undo` and log it again."
    ]
    (entry,) = stored(db_path).entries()
    assert entry.reflex is True


@pytest.mark.parametrize("at", [(), ("--at", "1m")], ids=["quick path", "whole way"])
def test_the_reflex_note_only_where_it_helps(run_cli: RunCli, at: tuple[str, ...]) -> None:
    """It fired on `honest 5 good` (a good day hides nothing) and `honest 1 fine`, and read
    as permission and correction ('"fine" is allowed. Next time, ...')."""
    ok(run_cli("reach", "Sam"))  # a file leanon saved: the quick path takes the next ones
    assert ok(run_cli("honest", "5", "good", *at)).count("\n") == 1
    assert ok(run_cli("honest", "3", "fine", "but", "tired", *at)).count("\n") == 1
    assert ok(run_cli("honest", "2", "ok", *at)).splitlines()[1:] == [
        "\"ok\" is what we tell everyone. If there's a little more to it, there's room for it: "
        "`leanon undo` and log it again."
    ]


@pytest.mark.parametrize("at", [(), ("--at", "1m")], ids=["quick path", "whole way"])
def test_a_struggling_answer_is_acknowledged_warmly(run_cli: RunCli, at: tuple[str, ...]) -> None:
    """`honest 1` got only "Logged: ..."; and a "fine" with it is not nudged for more."""
    ok(run_cli("reach", "Sam"))
    thanks = "Thank you for saying how it really is; that isn't easy when things are hard."
    assert ok(run_cli("honest", "1", *at)).splitlines()[1:] == [thanks]
    assert ok(run_cli("honest", "1", "fine", *at)).splitlines()[1:] == [thanks]


def test_a_logged_idea_reads_as_what_was_done(run_cli: RunCli) -> None:
    """`let someone in: Accept the cup of tea` read as an order, and the person let in
    came after it in brackets."""
    out = ok(run_cli("letin", "Accept the cup of tea", "--who", "Jo"))
    assert out.startswith('Logged: let Jo in: "Accept the cup of tea", just now.')
    assert ok(run_cli("undo")) == 'Undone: let Jo in: "Accept the cup of tea".\n'


def test_honest_without_words_has_no_note(run_cli: RunCli) -> None:
    assert ok(run_cli("honest", "5")) == "Logged: honest answer 5 (genuinely good), just now.\n"


def test_letin_with_who_adds_the_person(run_cli: RunCli, db_path: Path) -> None:
    out = ok(run_cli("letin", "let", "Sam", "cook", "--who", "Sam"))
    assert out == 'Logged: let Sam in: "let Sam cook", just now. Sam is new to your people.\n'
    assert [p.name for p in stored(db_path).people()] == ["Sam"]


def test_a_new_name_is_announced_and_a_near_one_named(run_cli: RunCli, db_path: Path) -> None:
    """`leanon reach Sma` with Sam known added "Sma" without a word; on the quick path
    (a file leanon saved) and the whole way (--at) alike, it now says so."""
    ok(run_cli("reach", "Sam"))
    assert ok(run_cli("reach", "Sma")) == (
        "Logged: texted Sma, just now. Sma is new to your people.\n"
        "Did you mean Sam? `leanon undo` takes this back.\n"
    )
    assert ok(run_cli("undo")) == "Undone: texted Sma.\n"
    assert ok(run_cli("reach", "Sma", "--at", "1h")) == (
        "Logged: texted Sma, an hour ago. Sma is new to your people.\n"
        "Did you mean Sam? `leanon undo` takes this back.\n"
    )
    assert ok(run_cli("letin", "a walk", "--who", "Priya")) == (
        'Logged: let Priya in: "a walk", just now. Priya is new to your people.\n'
    )
    assert ok(run_cli("reach", "sma")) == "Logged: texted Sma, just now.\n"  # known now
    assert ok(run_cli("reach", "Sam", "--at", "2h")).count("\n") == 1


def test_rest_reassures(run_cli: RunCli) -> None:
    assert ok(run_cli("rest")) == "Logged: a rest day, just now. It won't break a streak.\n"


def test_db_works_before_and_after_the_command(run_cli: RunCli, tmp_path: Path) -> None:
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    ok(run_cli("--db", first, "reach", "Sam"))
    ok(run_cli("reach", "Ana", "--db", second))
    assert [e.who for e in stored(first).entries()] == ["Sam"]
    assert [e.who for e in stored(second).entries()] == ["Ana"]


def test_leanon_db_sets_the_file(run_cli: RunCli, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.json"
    ok(run_cli("reach", "Sam", env={"LEANON_DB": str(elsewhere)}))
    assert elsewhere.exists()


def test_leanon_now_sets_the_clock(run_cli: RunCli, db_path: Path) -> None:
    ok(run_cli("reach", "Sam", env={"LEANON_NOW": "2026-01-02T03:04:05+05:30"}))
    (entry,) = stored(db_path).entries()
    assert entry.at.isoformat() == "2026-01-02T03:04:05+05:30"


# --- undo -------------------------------------------------------------------------------


def test_undo_takes_back_the_last_change(run_cli: RunCli, db_path: Path) -> None:
    ok(run_cli("reach", "Sam"))
    ok(run_cli("honest", "2"))
    assert ok(run_cli("undo")) == "Undone: honest answer 2 (low).\n"
    assert ok(run_cli("undo")) == "Undone: texted Sam.\n"
    assert ok(run_cli("undo")) == "Nothing to undo.\n"
    assert stored(db_path).entries() == []


def test_undo_says_the_name_as_stored_not_as_typed(run_cli: RunCli, db_path: Path) -> None:
    """`reach sam` logged to Sam, but undo said "Undone: texted sam." on both paths."""
    ok(run_cli("reach", "Sam"))
    ok(run_cli("reach", "sam"))  # the quick path
    ok(run_cli("reach", " SAM ", "--at", "1h"))  # the store
    assert [e.who for e in stored(db_path).entries()] == ["Sam", "Sam", "Sam"]
    assert ok(run_cli("undo")) == "Undone: texted Sam.\n"
    assert ok(run_cli("undo")) == "Undone: texted Sam.\n"


def test_undo_on_a_fresh_install_creates_nothing(run_cli: RunCli, db_path: Path) -> None:
    assert ok(run_cli("undo")) == "Nothing to undo.\n"
    assert not db_path.exists()


# --- status -----------------------------------------------------------------------------


def test_status_of_nothing_is_one_friendly_line(run_cli: RunCli, db_path: Path) -> None:
    out = ok(run_cli("status"))
    assert len(out.splitlines()) == 1 and "leanon reach" in out
    assert not db_path.exists()


def test_status_says_what_a_person_wants_to_know(run_cli: RunCli, db_path: Path) -> None:
    ok(run_cli("reach", "Sam", "--via", "call", "--at", "3d"))
    ok(run_cli("honest", "3", "tired"))
    with stored(db_path) as store:
        store.update_person("Sam", cadence_days=1)
    lines = ok(run_cli("status")).splitlines()
    assert lines[0] == "Last reached out: called Sam, 3 days ago."
    assert lines[1].startswith("Connection: ")
    assert lines[2] == "Honest answers: 1 day running; 1 of the last 7 days."
    assert 'Today, honestly: 3 (getting by), in your words "tired".' in lines
    assert "It's been a while with Sam (3 days)." in lines
    assert lines[-1].startswith("An idea for today: ")


def test_status_json_has_exactly_the_documented_shape(run_cli: RunCli, db_path: Path) -> None:
    ok(run_cli("reach", "Sam", "--via", "call", "--at", "2026-11-25T18:00"))
    data = run_cli("status", "--json").json()
    assert data == {
        "last_reached_out": {
            "who": "Sam",
            "via": "call",
            "at": "2026-11-25T18:00:00+01:00",
            "ago": "3 days ago",
        },
        "streaks": {
            "connection": {"current": 0, "longest": 1, "last_7": 1},
            "honest": {"current": 0, "longest": 0, "last_7": 0},
        },
        "counts": {"reach": 1, "honest": 0, "belong": 0, "letin": 0, "rest": 0},
        "overdue": [],
        "file": str(db_path),
        "today_honest": None,
        "today_idea": data["today_idea"],  # which idea is storage.suggest's to choose
        "birthdays": [],
    }
    assert set(data["today_idea"]) == {"text", "effort"}


def test_status_json_of_nothing(run_cli: RunCli) -> None:
    data = run_cli("status", "--json").json()
    assert data["last_reached_out"] is None and data["overdue"] == []
    assert set(data["counts"].values()) == {0}
    assert data["today_honest"] is None


def test_status_json_has_todays_honest_answer_and_idea(run_cli: RunCli) -> None:
    """Plain status printed both; --json had neither."""
    ok(run_cli("honest", "2", "tired", "--at", "1h"))
    ok(run_cli("honest", "3", "a", "bit", "better"))
    data = run_cli("status", "--json").json()
    assert data["today_honest"] == {
        "score": 3,
        "words": "a bit better",
        "at": "2026-11-28T21:03:00+01:00",
    }
    idea = data["today_idea"]
    assert idea["effort"] in ("tiny", "small", "bigger")
    assert f"An idea for today: {idea['text']}" in ok(run_cli("status")).splitlines()
    ok(run_cli("honest", "4"))
    assert run_cli("status", "--json").json()["today_honest"]["words"] is None


def test_the_worked_streak_example(run_cli: RunCli) -> None:
    """Days start at 04:00: the 02:00 text counts for the 25th, the rest day bridges the
    26th, so the 25th, 27th and the 24th make a run of 3 alive on the 28th."""
    ok(run_cli("reach", "A", "--at", "2026-11-24T10:00"))
    ok(run_cli("reach", "B", "--at", "2026-11-26T02:00"))
    ok(run_cli("rest", "--at", "2026-11-26T12:00"))
    ok(run_cli("letin", "let Sam cook", "--at", "2026-11-27T20:00"))
    connection = run_cli("status", "--json").json()["streaks"]["connection"]
    assert connection["current"] == 3 and connection["longest"] == 3


def test_the_worked_example_with_leanon_now(run_cli: RunCli) -> None:
    env = {"LEANON_NOW": "2026-11-28T21:03+01:00"}
    for args in (
        ("reach", "A", "--at", "2026-11-24T10:00"),
        ("reach", "B", "--at", "2026-11-26T02:00"),
        ("rest", "--at", "2026-11-26T12:00"),
        ("letin", "let Sam cook", "--at", "2026-11-27T20:00"),
    ):
        ok(run_cli(*args, env=env))
    streaks = run_cli("status", "--json", env=env).json()["streaks"]
    assert streaks["connection"] == {"current": 3, "longest": 3, "last_7": 3}


# --- people -----------------------------------------------------------------------------


def test_people_lists_cadence_last_contact_and_how_far_past(run_cli: RunCli, db_path: Path) -> None:
    ok(run_cli("reach", "Ana", "--at", "12d"))
    ok(run_cli("reach", "Sam", "--at", "yesterday"))
    with stored(db_path) as store:
        store.update_person("Ana", cadence_days=7)
        store.add_person("Jo", cadence_days=14, trusted=True)
    lines = ok(run_cli("people")).splitlines()
    assert lines[0].split() == ["Name", "Every", "Last", "contact"]
    assert lines[1].split() == ["Ana", "7", "days", "12", "days", "ago", "5", "days", "past"]
    assert lines[2].split() == ["Sam", "-", "yesterday"]
    assert lines[3].split() == ["Jo", "14", "days", "not", "yet"]


def test_people_json(run_cli: RunCli, db_path: Path) -> None:
    ok(run_cli("reach", "Ana", "--at", "2026-11-16T10:00"))
    with stored(db_path) as store:
        store.update_person("Ana", cadence_days=7, trusted=True)
        store.add_person("Jo")
    assert run_cli("people", "--json").json() == [
        {
            "name": "Ana",
            "cadence_days": 7,
            "trusted": True,
            "last_contact": "2026-11-16T10:00:00+01:00",
            "days_since": 12,
            "overdue": True,
            "days_over": 5,
            "resting_until": None,
        },
        {
            "name": "Jo",
            "cadence_days": None,
            "trusted": False,
            "last_contact": None,
            "days_since": None,
            "overdue": False,
            "days_over": 0,
            "resting_until": None,
        },
    ]


def test_people_of_nobody(run_cli: RunCli) -> None:
    assert "leanon reach NAME" in ok(run_cli("people"))
    assert run_cli("people", "--json").json() == []


# --- export and import ------------------------------------------------------------------


def log_a_week(run_cli: RunCli) -> None:
    ok(run_cli("reach", "Sam", "--via", "call", "--note", 'said "hi", then more', "--at", "6d"))
    ok(run_cli("reach", "Ana María", "--at", "2026-11-26T02:00"))
    ok(run_cli("honest", "2", "tired, honestly", "--at", "2d"))
    ok(run_cli("honest", "4", "fine"))
    ok(run_cli("belong", "the barista remembered my order", "--at", "yesterday"))
    ok(run_cli("letin", "let Sam cook", "--who", "Sam", "--at", "3h"))
    ok(run_cli("rest", "--at", "4d"))


def status_without_file(run_cli: RunCli, *args: object) -> dict[str, Any]:
    data = run_cli(*args, "status", "--json").json()
    data.pop("file")
    return data


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_then_import_into_a_fresh_file_gives_the_same_status(
    run_cli: RunCli, db_path: Path, tmp_path: Path, fmt: str
) -> None:
    log_a_week(run_cli)
    exported = tmp_path / f"export.{fmt}"
    assert ok(run_cli("export", "--format", fmt, "--output", exported)) == (
        f"Exported 7 entries to {exported}.\n"
    )
    fresh = tmp_path / "fresh.json"
    out = ok(run_cli("--db", fresh, "import", exported))
    assert out.startswith("Imported 7 entries")
    assert status_without_file(run_cli, "--db", fresh) == status_without_file(run_cli)
    assert stored(fresh).entries() == stored(db_path).entries()


def test_importing_twice_adds_nothing(run_cli: RunCli, tmp_path: Path) -> None:
    log_a_week(run_cli)
    exported = tmp_path / "export.csv"
    ok(run_cli("export", "--format", "csv", "--output", exported))
    fresh = tmp_path / "fresh.json"
    ok(run_cli("--db", fresh, "import", exported))
    before = fresh.read_bytes()
    assert (
        ok(run_cli("--db", fresh, "import", exported)) == "Imported 0 entries (7 already there).\n"
    )
    assert json.loads(fresh.read_bytes())["entries"] == json.loads(before)["entries"]


def test_importing_its_own_export_adds_nothing(run_cli: RunCli, tmp_path: Path) -> None:
    log_a_week(run_cli)
    exported = tmp_path / "export.json"
    ok(run_cli("export", "--output", exported))
    assert ok(run_cli("import", exported)) == "Imported 0 entries (7 already there).\n"


def test_csv_rows_without_ids_match_on_kind_time_who_and_text(
    run_cli: RunCli, tmp_path: Path
) -> None:
    sheet = tmp_path / "by-hand.csv"
    sheet.write_text("kind,at,who,via,text\nreach,2026-11-24 10:00,Sam,call,hi\n")
    assert ok(run_cli("import", sheet)) == "Imported 1 entry, and 1 new person.\n"
    assert ok(run_cli("import", sheet)) == "Imported 0 entries (1 already there).\n"


def test_importing_a_sync_conflict_copy_merges_it(
    run_cli: RunCli, db_path: Path, tmp_path: Path
) -> None:
    ok(run_cli("reach", "Sam"))
    (tmp_path / "other").mkdir()
    conflict = tmp_path / "other" / "leanon.sync-conflict-20261128-120000-ABCDEFG.json"
    shutil.copy(db_path, conflict)
    ok(run_cli("--db", conflict, "reach", "Ana", "--at", "1h"))  # made on the other laptop
    ok(run_cli("honest", "3"))  # and this one moved on too
    lines = ok(run_cli("import", conflict)).splitlines()
    assert lines[0] == "Imported 1 entry (1 already there), and 1 new person."
    assert "the copy can go" in lines[1]
    assert sorted(e.describe() for e in stored(db_path).entries()) == [
        "honest answer 3 (getting by)",
        "texted Ana",
        "texted Sam",
    ]


@pytest.mark.parametrize("command", [("honest", "3"), ("status",), ("export",)])
def test_the_next_command_merges_a_sync_conflict_copy_without_being_asked(
    run_cli: RunCli, db_path: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    """Before: the copy stayed beside the file until the person ran ``leanon import`` (and a
    quick ``leanon honest 3`` or ``status`` never looked). Now any command but the doctor
    merges it first, says so in one line on stderr, and keeps it in backups/."""
    ok(run_cli("reach", "Sam"))
    (tmp_path / "other").mkdir()
    laptop = tmp_path / "other" / "leanon.json"
    shutil.copy(db_path, laptop)
    ok(run_cli("--db", laptop, "reach", "Ana", "--at", "1h"))  # made on the other laptop
    name = "leanon.sync-conflict-20261128-120000-ABCDEFG.json"
    conflict = db_path.with_name(name)
    shutil.copy(laptop, conflict)
    result = run_cli(*command)
    assert result.code == 0
    assert result.err == (
        f"Merged {name}, a second copy a sync tool made: 1 new entry and 1 new person. "
        f"It is kept as backups/leanon.json.merged-{name}.\n"
    )
    assert not conflict.exists()
    assert (tmp_path / "backups" / f"leanon.json.merged-{name}").read_bytes() == laptop.read_bytes()
    assert "texted Ana" in {e.describe() for e in stored(db_path).entries()}
    assert ok(run_cli(*command)) is not None  # once only


def test_the_doctor_leaves_a_sync_conflict_copy_where_it_is(run_cli: RunCli, db_path: Path) -> None:
    ok(run_cli("reach", "Sam"))
    conflict = db_path.with_name("leanon.sync-conflict-20261128-120000-ABCDEFG.json")
    shutil.copy(db_path, conflict)
    assert "next leanon command merges it" in run_cli("doctor").out
    assert conflict.exists()


def test_an_invalid_csv_names_its_lines_and_writes_nothing(
    run_cli: RunCli, db_path: Path, tmp_path: Path
) -> None:
    ok(run_cli("reach", "Sam"))
    before = db_path.read_bytes()
    sheet = tmp_path / "bad.csv"
    sheet.write_text(
        "id,kind,at,who,via,score,text,reflex\n"
        ",honest,2026-11-24T10:00+01:00,,,3,,\n"
        ",honest,2026-11-24T11:00+01:00,,,6,,\n"
        ",reach,2026-11-24T12:00+01:00,Jo,pigeon,,,\n"
    )
    line = one_error_line(run_cli("import", sheet))
    assert line == (
        f"leanon: {sheet}: line 3: the score is a number from 1 to 5; line 4: 'pigeon' is "
        "not a way to reach out; use one of: text, call, voice, video, visit, message, meme, "
        "letter, other. Nothing was imported."
    )
    assert db_path.read_bytes() == before


def test_an_invalid_json_export_names_the_index(run_cli: RunCli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"leanon_export": 1, "entries": [{"kind": "rest"}]}))
    line = one_error_line(run_cli("import", bad))
    assert "entries[0]: the time is missing" in line and "Nothing was imported" in line


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\xff\xfe\x00garbage", "not a text file leanon can read"),
        (b"hello there\n", "not a leanon CSV"),
        (b'{"leanon_export": 5}', "newer leanon"),
    ],
)
def test_unreadable_imports_are_input_errors(
    run_cli: RunCli, tmp_path: Path, content: bytes, message: str
) -> None:
    target = tmp_path / "thing"
    target.write_bytes(content)
    assert message in one_error_line(run_cli("import", target))


def test_import_of_a_missing_file(run_cli: RunCli, tmp_path: Path) -> None:
    line = one_error_line(run_cli("import", tmp_path / "nope.json"))
    assert line == f"leanon: there is no file {tmp_path / 'nope.json'} to import."


def test_import_of_a_folder(run_cli: RunCli, tmp_path: Path) -> None:
    assert "is a folder" in one_error_line(run_cli("import", tmp_path))


def test_import_of_the_data_file_itself_is_refused(run_cli: RunCli, db_path: Path) -> None:
    ok(run_cli("reach", "Sam"))
    assert "is your data file" in one_error_line(run_cli("import", db_path))


def test_every_moment_is_whole_seconds(run_cli: RunCli, db_path: Path) -> None:
    """`--at 2h` kept the clock's microseconds in "at" while everything else was whole
    seconds (pandas then refuses the column); an edit's time did too."""
    clock = FixedClock(NOW.replace(microsecond=654321))
    ok(run_cli("reach", "Sam", "--at", "2h", clock=clock))
    ok(run_cli("rest", "--at", "today", clock=clock))
    ok(run_cli("honest", "3", clock=clock))
    with Store(db_path, clock) as store:
        entries = store.entries()
        edited = store.edit_entry(entries[-1].id, at=NOW - timedelta(minutes=5, microseconds=7))
    assert [e.at.microsecond for e in entries] == [0, 0, 0]
    assert edited.at == NOW - timedelta(minutes=5, seconds=1)
    assert all("." not in doc["at"] for doc in json.loads(db_path.read_text())["entries"].values())


def test_fractions_in_an_older_file_read_and_export_as_whole_seconds(
    run_cli: RunCli, db_path: Path, tmp_path: Path
) -> None:
    ok(run_cli("reach", "Sam", "--at", "1h"))
    ok(run_cli("belong", "tea", "--at", "2h"))
    data = json.loads(db_path.read_text())
    for doc in data["entries"].values():
        doc["at"] = doc["at"].replace("+01:00", ".250000+01:00")
    db_path.write_text(json.dumps(data))  # by hand: leanon checks it, and reads it
    assert "texted Sam, an hour ago" in ok(run_cli("status"))
    exported = ok(run_cli("export"))
    assert [e["at"] for e in json.loads(exported)["entries"]] == [
        "2026-11-28T19:03:00+01:00",
        "2026-11-28T20:03:00+01:00",
    ]
    csv_rows = ok(run_cli("export", "--format", "csv")).splitlines()
    assert csv_rows[1].split(",")[2] == "2026-11-28T19:03:00+01:00"
    for name, text in (("e.json", exported), ("e.csv", "\n".join(csv_rows))):
        (tmp_path / name).write_text(text)
        assert ok(run_cli("import", tmp_path / name)).startswith("Imported 0 entries (2 already")
    no_ids = tmp_path / "no-ids.csv"
    no_ids.write_text("".join(row.partition(",")[2] + "\n" for row in csv_rows))
    assert ok(run_cli("import", no_ids)).startswith("Imported 0 entries (2 already")


def test_export_to_stdout_in_each_format(run_cli: RunCli) -> None:
    log_a_week(run_cli)
    data = run_cli("export").json()
    assert data["leanon_export"] == 1 and len(data["entries"]) == 7
    csv_text = ok(run_cli("export", "--format", "csv"))
    assert csv_text.splitlines()[0] == "id,kind,at,who,via,score,text,reflex"
    md = ok(run_cli("export", "--format", "md"))
    assert md.startswith("# leanon journal\n") and "## Saturday 28 November 2026" in md


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_export_output_is_private_even_over_an_open_file(run_cli: RunCli, tmp_path: Path) -> None:
    ok(run_cli("reach", "Sam"))
    target = tmp_path / "journal.md"
    target.write_text("old")
    target.chmod(0o644)
    ok(run_cli("export", "--format", "md", "--output", target))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "texted Sam" in target.read_text()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_export_refuses_to_overwrite_the_data_file(run_cli: RunCli, db_path: Path) -> None:
    ok(run_cli("reach", "Sam"))
    before = db_path.read_bytes()
    assert "is your data file" in one_error_line(run_cli("export", "--output", db_path))
    assert db_path.read_bytes() == before


def test_export_to_a_missing_folder_is_one_line(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such.json"
    line = one_error_line(run_cli("export", "--output", target), code=1)
    assert line == f"leanon: could not write {target} (No such file or directory)"


def test_export_to_a_folder_is_an_input_error(run_cli: RunCli, tmp_path: Path) -> None:
    assert "is a folder" in one_error_line(run_cli("export", "--output", tmp_path))


# --- doctor -----------------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_doctor_on_a_healthy_file(run_cli: RunCli, db_path: Path) -> None:
    ok(run_cli("reach", "Sam"))
    db_path.parent.chmod(0o700)
    out = ok(run_cli("doctor"))
    assert "reads cleanly" in out and "(1 entry, 1 person)" in out
    assert "data format is version 1" in out
    assert "mode 600" in out
    assert "lock file" in out and "is free" in out
    assert out.rstrip().endswith("All is well.")


def test_doctor_before_anything_is_logged(run_cli: RunCli, db_path: Path) -> None:
    db_path.parent.chmod(0o700)
    out = ok(run_cli("doctor"))
    assert "no data file yet" in out.lower()
    assert not db_path.exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_doctor_reports_loose_permissions(run_cli: RunCli, db_path: Path) -> None:
    ok(run_cli("reach", "Sam"))
    db_path.chmod(0o644)
    result = run_cli("doctor")
    assert result.code == 1
    assert "can read the data file (mode 644)" in result.out
    assert f"Fix: chmod 600 {db_path}" in result.out


def test_doctor_reports_a_held_lock_as_normal(run_cli: RunCli, db_path: Path) -> None:
    import fcntl

    ok(run_cli("reach", "Sam"))
    lock = db_path.with_name(db_path.name + ".lock")
    with open(lock, "rb") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        # flock locks belong to the open file, so our own check must open it afresh
        out = run_cli("doctor").out
    assert "held by a leanon saving right now" in out


def test_doctor_reports_conflict_copies_with_the_import_fix(run_cli: RunCli, db_path: Path) -> None:
    ok(run_cli("reach", "Sam"))
    db_path.parent.chmod(0o700)
    syncthing = db_path.with_name("leanon.sync-conflict-20261128-120000-ABCDEFG.json")
    dropbox = db_path.with_name("leanon (conflicted copy).json")
    for copy in (syncthing, dropbox):
        shutil.copy(db_path, copy)
    result = run_cli("doctor")
    assert result.code == 1
    assert f"leanon import '{dropbox}'" in result.out
    assert f"leanon import {syncthing}" in result.out
    assert "2 things to look at" in result.out


def test_doctor_names_db_in_the_fix_when_one_was_given(run_cli: RunCli, tmp_path: Path) -> None:
    data = tmp_path / "mine.json"
    ok(run_cli("--db", data, "reach", "Sam"))
    shutil.copy(data, tmp_path / "mine.sync-conflict-1.json")
    assert f"leanon --db {data} import " in run_cli("--db", data, "doctor").out


def test_doctor_on_a_bad_file(run_cli: RunCli, db_path: Path) -> None:
    db_path.write_text("{ this is not json")
    result = run_cli("doctor")
    assert result.code == 1 and "is not valid JSON" in result.out
    assert db_path.read_text() == "{ this is not json"


# --- completion, help, version ----------------------------------------------------------


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_print(run_cli: RunCli, shell: str) -> None:
    script = ok(run_cli("completion", shell))
    for word in (
        "reach",
        "honest",
        "doctor",
        "completion",
        "via",
        "voice",
        "format",
        "db",
        "names",
    ):
        assert word in script
    assert "@" not in script.replace("$@", "")  # every placeholder was filled


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_accepts_the_bash_script(run_cli: RunCli, tmp_path: Path) -> None:
    script = tmp_path / "leanon.bash"
    script.write_text(ok(run_cli("completion", "bash")))
    subprocess.run(["bash", "-n", str(script)], check=True)
    # and it registers itself when sourced
    shown = subprocess.run(
        ["bash", "-c", f"source {script} && complete -p leanon"],
        check=True,
        capture_output=True,
        text=True,
    )
    assert "_leanon" in shown.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completion_offers_commands_vias_and_names(
    run_cli: RunCli, db_path: Path, tmp_path: Path
) -> None:
    ok(run_cli("reach", "Ana María"))
    script = tmp_path / "leanon.bash"
    script.write_text(ok(run_cli("completion", "bash")))
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "leanon").write_text(
        f'#!/bin/sh\nexec {sys.executable} -m tui.cli --db {db_path} "$@"\n'
    )
    (fake / "leanon").chmod(0o755)

    def complete(*words: str) -> list[str]:
        line = " ".join(f"'{w}'" for w in words)
        program = (
            f"source {script}; COMP_WORDS=({line}); COMP_CWORD={len(words) - 1}; "
            "_leanon; printf '%s\\n' \"${COMPREPLY[@]}\""
        )
        env = dict(os.environ, PATH=f"{fake}:{os.environ['PATH']}")
        env["PYTHONPATH"] = str(Path(tui.cli.__file__).parents[1])
        done = subprocess.run(
            ["bash", "-c", program], capture_output=True, text=True, check=True, env=env
        )
        return done.stdout.split("\n")[:-1]

    assert "reach" in complete("leanon", "re") and "review" in complete("leanon", "re")
    assert complete("leanon", "reach", "Sam", "--via", "vi") == ["video", "visit"]
    assert complete("leanon", "reach", "Sam", "--via", "=", "vi") == ["video", "visit"]
    assert complete("leanon", "reach", "Sam", "--via", "=") == list(VIAS)
    # with = left out of COMP_WORDBREAKS, the word is whole: the answer keeps its start
    assert complete("leanon", "reach", "Sam", "--via=vi") == ["--via=video", "--via=visit"]
    assert complete("leanon", "reach", "An") == ["Ana\\ María"]
    assert complete("leanon", "export", "--format", "") == ["json", "csv", "md", "ics"]
    assert complete("leanon", "status", "--format", "i3") == ["i3blocks", "i3status-rust"]


HARD_NAMES = ("back\\slash", 'Ana "Nan" Lopez', "Mary Jane", "Mo $HOME `x`")
"""Names a shell must be told exactly: a backslash, quotes, a space, $ and backticks."""


@pytest.fixture
def completing(run_cli: RunCli, db_path: Path, tmp_path: Path) -> dict[str, Any]:
    """A data file with :data:`HARD_NAMES`, another with "Zoë Other", a ``leanon`` on PATH
    that runs this checkout, and each shell's script."""
    for name in HARD_NAMES:
        ok(run_cli("reach", name))
    other = tmp_path / "other" / "leanon.json"
    other.parent.mkdir()
    ok(run_cli("--db", other, "reach", "Zoë Other"))
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "leanon").write_text(f'#!/bin/sh\nexec {sys.executable} -m tui.cli "$@"\n')
    (fake / "leanon").chmod(0o755)
    scripts = {}
    for shell in ("bash", "zsh", "fish"):
        scripts[shell] = tmp_path / f"leanon.{shell}"
        scripts[shell].write_text(ok(run_cli("completion", shell)))
    env = dict(os.environ, PATH=f"{fake}:{os.environ['PATH']}", LEANON_DB=str(db_path))
    env["PYTHONPATH"] = str(Path(tui.cli.__file__).parents[1])
    return {"scripts": scripts, "env": env, "other": other}


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("leanon reach ba", ["reach", "back\\slash"]),
        ("leanon reach An", ["reach", 'Ana "Nan" Lopez']),
        ("leanon reach Mo", ["reach", "Mo $HOME `x`"]),
        ("leanon reach Mary\\ J", ["reach", "Mary Jane"]),
        ("leanon reach 'Mary J", ["reach", "Mary Jane"]),
        ('leanon reach "An', ["reach", 'Ana "Nan" Lopez']),
        ("leanon letin tea --who Ma", ["letin", "tea", "--who", "Mary Jane"]),
        ("leanon --db OTHER reach Zo", ["--db", "OTHER", "reach", "Zoë Other"]),
        ("leanon reach --db=OTHER Zo", ["reach", "--db=OTHER", "Zoë Other"]),
        ("leanon reach Sam --via=vid", ["reach", "Sam", "--via=video"]),
    ],
)
def test_completion_in_a_real_shell_gives_the_real_name(
    completing: dict[str, Any], shell: str, typed: str, words: list[str]
) -> None:
    r"""Names completed as their JSON escapes (back\\slash, Ana \"Nan\" Lopez), and
    accepting one logged a new, wrong person; bash stopped completing at `Mary\ J`, every
    shell ignored --db on the line, and bash left `--via=vid` alone."""
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed")
    from shell_line import complete_line

    other = str(completing["other"])
    got = complete_line(
        shell, completing["scripts"][shell], typed.replace("OTHER", other), completing["env"]
    )
    assert got == ["leanon", *(w.replace("OTHER", other) for w in words)]


def test_people_names_prints_each_name_as_written(run_cli: RunCli) -> None:
    """What the completion scripts read: no JSON escapes, A to Z, nothing on a new file."""
    assert ok(run_cli("people", "--names")) == ""
    for name in HARD_NAMES:
        ok(run_cli("reach", name))
    assert ok(run_cli("people", "--names")).splitlines() == [
        'Ana "Nan" Lopez',
        "back\\slash",
        "Mary Jane",
        "Mo $HOME `x`",
    ]


@pytest.mark.parametrize(("shell", "check"), [("zsh", ["zsh", "-n"]), ("fish", ["fish", "-n"])])
def test_other_shells_accept_their_scripts(
    run_cli: RunCli, tmp_path: Path, shell: str, check: list[str]
) -> None:
    if shutil.which(check[0]) is None:
        pytest.skip(f"{shell} is not installed")
    script = tmp_path / f"leanon.{shell}"
    script.write_text(ok(run_cli("completion", shell)))
    subprocess.run([*check, str(script)], check=True)


def test_version(run_cli: RunCli) -> None:
    assert ok(run_cli("--version")) == "leanon 0.1.0\n"


def test_help_lists_every_command(run_cli: RunCli) -> None:
    out = ok(run_cli("--help"))
    for name in tui.cli.COMMANDS:
        assert name in out
    assert "LEANON_NOW" not in out


@pytest.mark.parametrize("name", list(tui.cli.COMMANDS))
def test_each_command_has_help(run_cli: RunCli, name: str) -> None:
    assert f"usage: leanon {name}" in ok(run_cli(name, "--help"))


# --- the quick parser: the everyday commands without argparse, to the same result ---------

QUICK_FORMS = [
    ["reach", "Sam"],
    ["--db", "x.json", "reach", "Sam"],
    ["reach", "Sam", "--db", "x.json"],
    ["--db", "a.json", "--db", "b.json", "rest"],
    ["--db", "a.json", "status", "--db", "b.json"],
    ["--db", "", "status"],
    ["reach", "Ana María", "--via", "Call", "--note", "about the move", "--at", "2d"],
    ["reach", "--via", "call", "Sam"],
    ["reach", "--at", "2d", "Sam", "--note", "hi"],
    ["reach", "Sam", "--via", "call", "--via", "text"],
    ["reach", ""],
    ["reach", "Sam", "--note", ""],
    ["honest", "3"],
    ["honest", "6"],
    ["honest", "3", "tired", "but", "ok"],
    ["honest", "--at", "2d", "3", "tired"],
    ["honest", "3", "tired", "--at", "2d"],
    ["belong", "tea", "with", "Jo", "--at", "yesterday"],
    ["belong", "--at", "3h", "tea"],
    ["letin", "let Sam cook", "--who", "Sam"],
    ["letin", "--who", "Sam", "let", "Sam", "cook"],
    ["rest"],
    ["rest", "--at", "3h"],
    ["undo"],
    ["status"],
    ["status", "--json"],
    ["people", "--json", "--json"],
    [],
    ["--db", "x.json"],
    ["export"],
    ["export", "--format", "md", "--output", "journal.md"],
    ["--db", "x.json", "export", "--format", "csv"],
]

LEFT_TO_ARGPARSE = [
    ["--help"],
    ["-h"],
    ["reach", "--help"],
    ["reach", "Sam", "-h"],
    ["reach"],
    ["reach", "Jo", "Ellis"],
    ["reach", "Sam", "--at"],
    ["reach", "Sam", "--vi", "call"],
    ["reach", "Sam", "--via=call"],
    ["reach", "Sam", "--note", "-x"],
    ["reach", "--", "Sam"],
    ["reach", "Sam", "--json"],
    ["honest"],
    ["honest", "-1"],
    ["honest", "3", "--at", "2d", "tired"],
    ["belong"],
    ["rest", "today"],
    ["status", "--bogus"],
    ["undo", "please"],
    ["--demo"],
    ["--version"],
    ["--db"],
    ["--db", "-x", "reach", "Sam"],
    ["--via", "call", "reach", "Sam"],
    ["export", "--format", "xml"],
    ["export", "--format", "JSON"],
    ["frobnicate"],
]


@pytest.mark.parametrize("args", QUICK_FORMS, ids=" ".join)
def test_the_quick_parser_gives_what_argparse_gives(args: list[str]) -> None:
    quick = tui.cli._quick_args(args)
    assert quick is not None
    assert vars(quick) == vars(tui.cli._parse_args(args, io.StringIO()))


@pytest.mark.parametrize("args", LEFT_TO_ARGPARSE, ids=lambda args: " ".join(args) or "nothing")
def test_the_quick_parser_leaves_the_rest_to_argparse(args: list[str]) -> None:
    assert tui.cli._quick_args(args) is None


# --- usage and input mistakes: exit 2, one line, no traceback ---------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("honest", "6"), "the score is a number from 1 to 5."),
        (("honest", "0"), "the score is a number from 1 to 5."),
        (("honest", "abc"), "the score is a number from 1 to 5."),
        (("honest", "-1"), "the score is a number from 1 to 5."),
        (("honest", "2.5"), "the score is a number from 1 to 5."),
        (("honest", "inf"), "the score is a number from 1 to 5."),
        (("honest", "nan"), "the score is a number from 1 to 5."),
        (("reach", "Sam", "--via", "pigeon"), "'pigeon' is not a way to reach out"),
        (("reach", ""), "a name can't be empty."),
        (("reach", "   "), "a name can't be empty."),
        (("reach", "Sam", "--at", "2026-11-29"), "is in the future"),
        (("reach", "Sam", "--at", "2026-11-28T21:10"), "is in the future"),
        (("reach", "Sam", "--at", "next tuesday"), "is not a time leanon understands"),
        (("rest", "--at", "soonish"), "is not a time leanon understands"),
        (("frobnicate",), "'frobnicate' is not a leanon command"),
        (("reach",), "reach needs NAME"),
        (("honest",), "honest needs SCORE"),
        (("belong",), "belong needs TEXT"),
        (("import",), "import needs FILE"),
        (("completion",), "completion needs SHELL"),
        (("completion", "tcsh"), "'tcsh' is not a shell leanon completes"),
        (("export", "--format", "xml"), "'xml' is not an export format; use one of: json"),
        (("reach", "Sam", "--at"), "--at needs a value"),
        (("reach", "Sam", "call"), "use --via call"),
        (("reach", "Jo", "Ellis"), "use quotes"),
        (("status", "--bogus"), "leanon status has no option --bogus"),
        (("undo", "please"), "leanon undo doesn't take 'please'"),
        (("--bogus",), "leanon has no option --bogus"),
        (("--db", "", "status"), "--db needs the path"),
        (("--demo", "status"), "--demo opens the dashboard"),
        (("belong", "x" * 2001), "longer than 2000 characters"),
    ],
)
def test_mistakes_are_one_line_and_exit_2(
    run_cli: RunCli, db_path: Path, args: tuple[str, ...], expected: str
) -> None:
    result = run_cli(*args)
    assert expected in one_error_line(result)
    assert result.out == ""
    assert not db_path.exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("reech", "Sam"), "'reech' is not a leanon command; did you mean reach?"),
        (("peple",), "'peple' is not a leanon command; did you mean people?"),
        (("reach", "Sam", "--via", "cal"), "'cal' is not a way to reach out; did you mean call?"),
        (("status", "--jsn"), "leanon status has no option --jsn; did you mean --json?"),
        (
            ("reach", "Sam", "--vai", "call"),
            "leanon reach has no option --vai; did you mean --via?",
        ),
        (("--dmo",), "leanon has no option --dmo; did you mean --demo?"),
        (("export", "--format", "jsn"), "'jsn' is not an export format; did you mean json?"),
        (("completion", "bsh"), "'bsh' is not a shell leanon completes; did you mean bash?"),
    ],
)
def test_a_mistyped_word_gets_the_nearest_valid_one(
    run_cli: RunCli, db_path: Path, args: tuple[str, ...], expected: str
) -> None:
    """`--via cal`, `leanon reech` and `status --jsn` only said what was wrong."""
    line = one_error_line(run_cli(*args))
    assert line.startswith(f"leanon: {expected}")
    assert not db_path.exists()


def test_a_bad_leanon_now_is_a_usage_error(run_cli: RunCli) -> None:
    result = run_cli("status", env={"LEANON_NOW": "2026-11-28T21:03"})
    assert "LEANON_NOW" in one_error_line(result)


# --- a data file that cannot be used: exit 1, named, untouched --------------------------


BAD_FILES = {
    "not json": b"{ this is not json",
    "newer schema": json.dumps(
        {"entries": {}, "meta": {"1": {"schema_version": 99}}}, indent=2
    ).encode(),
    "empty": b"",
    "a list": b"[1, 2, 3]",
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
@pytest.mark.parametrize(
    "args",
    [("status",), ("status", "--json"), ("reach", "Sam"), ("undo",), ("export",), ("people",)],
)
def test_a_bad_data_file_is_named_and_left_alone(
    run_cli: RunCli, db_path: Path, kind: str, args: tuple[str, ...]
) -> None:
    db_path.write_bytes(BAD_FILES[kind])
    line = one_error_line(run_cli(*args), code=1)
    assert str(db_path) in line
    assert db_path.read_bytes() == BAD_FILES[kind]


def test_a_newer_schema_says_to_upgrade(run_cli: RunCli, db_path: Path) -> None:
    db_path.write_bytes(BAD_FILES["newer schema"])
    assert "newer leanon" in one_error_line(run_cli("reach", "Sam"), code=1)


def test_a_data_file_that_is_a_folder(run_cli: RunCli, db_path: Path) -> None:
    db_path.mkdir()
    assert "is a folder" in one_error_line(run_cli("status"), code=1)


# --- never a traceback ------------------------------------------------------------------


def test_an_unexpected_error_is_one_line_without_details(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(**facts: object) -> None:
        raise RuntimeError("secret diary text")

    monkeypatch.setattr("storage.summary.summarize", boom)
    line = one_error_line(run_cli("status"), code=1)
    assert line == "leanon: something went wrong (RuntimeError); nothing was changed"


def test_ctrl_c_exits_130_quietly(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Store, "add", interrupted)
    result = run_cli("reach", "Sam")
    assert result.code == 130 and result.err == ""


def test_main_as_a_module_runs(tmp_path: Path) -> None:
    env = dict(os.environ, LEANON_DB=str(tmp_path / "m.json"), LEANON_NOW=NOW.isoformat())
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "reach", "Sam"],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(tui.cli.__file__).parents[1],
    )
    said = "Logged: texted Sam, just now. Sam is new to your people.\n"
    assert (done.returncode, done.stdout, done.stderr) == (0, said, "")


@pytest.mark.parametrize("module", ["tui.cli", "tui.entry"])  # tui.entry: the console script
def test_a_closed_pipe_is_quiet(tmp_path: Path, module: str) -> None:
    env = dict(os.environ, LEANON_DB=str(tmp_path / "p.json"), LEANON_NOW=NOW.isoformat())
    root = Path(tui.cli.__file__).parents[1]
    for i in range(30):
        subprocess.run(
            [sys.executable, "-m", "tui.cli", "belong", f"moment {i} " + "words " * 300],
            env=env,
            cwd=root,
            check=True,
            capture_output=True,
        )
    done = subprocess.run(
        f"{sys.executable} -m {module} export --format md | head -c 10 >/dev/null",
        shell=True,
        env=env,
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert "Traceback" not in done.stderr and "Exception" not in done.stderr


# --- the dashboard ----------------------------------------------------------------------


class FakeApp:
    """Stands in for ``tui.app`` so these tests never start Textual."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def module(self) -> types.ModuleType:
        module = types.ModuleType("tui.app")

        def run_dashboard(
            db_path: Path, clock: object, demo: bool = False, start_screen: str | None = None
        ) -> int:
            self.calls.append(
                {"db_path": db_path, "clock": clock, "demo": demo, "start_screen": start_screen}
            )
            return 0

        module.run_dashboard = run_dashboard  # type: ignore[attr-defined]
        return module


class TtyOut:
    """A stdout that says it is a terminal."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return True


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> FakeApp:
    fake = FakeApp()
    monkeypatch.setitem(sys.modules, "tui.app", fake.module())
    return fake


def test_bare_leanon_in_a_terminal_opens_the_dashboard(
    fake_app: FakeApp, db_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEANON_DB", str(db_path))
    assert tui.cli.main([], clock=clock, stdout=TtyOut()) == 0  # type: ignore[arg-type]
    assert fake_app.calls == [
        {"db_path": db_path, "clock": clock, "demo": False, "start_screen": None}
    ]


def test_review_opens_the_review_screen(fake_app: FakeApp, run_cli: RunCli, db_path: Path) -> None:
    ok(run_cli("review"))
    assert fake_app.calls[0]["start_screen"] == "review"
    assert fake_app.calls[0]["db_path"] == db_path


def test_demo_opens_the_dashboard_in_demo_mode(fake_app: FakeApp, run_cli: RunCli) -> None:
    ok(run_cli("--demo"))
    assert fake_app.calls[0]["demo"] is True


def test_bare_leanon_when_piped_prints_the_status(fake_app: FakeApp, run_cli: RunCli) -> None:
    ok(run_cli("reach", "Sam"))
    assert ok(run_cli()).startswith("Last reached out: texted Sam")
    assert fake_app.calls == []


def test_the_dashboard_opens_on_a_bad_file_to_show_what_is_wrong(
    fake_app: FakeApp, run_cli: RunCli, db_path: Path
) -> None:
    """It used to exit with the message on the terminal; the README promises the dashboard's
    screen saying which file, what is wrong and what to do (tests/test_app_lifecycle.py)."""
    db_path.write_text("nope")
    assert run_cli("review").code == 0
    assert fake_app.calls[0]["db_path"] == db_path
    assert db_path.read_text() == "nope"


def test_without_the_dashboard_bare_leanon_prints_status_and_a_hint(
    monkeypatch: pytest.MonkeyPatch, db_path: Path, clock: FixedClock
) -> None:
    monkeypatch.setitem(sys.modules, "tui.app", None)  # makes the import fail
    monkeypatch.setenv("LEANON_DB", str(db_path))
    out = TtyOut()
    assert tui.cli.main([], clock=clock, stdout=out) == 0  # type: ignore[arg-type]
    assert "Nothing logged yet" in out.text and "dashboard isn't part of this install" in out.text


def test_without_the_dashboard_review_says_so(
    monkeypatch: pytest.MonkeyPatch, run_cli: RunCli
) -> None:
    monkeypatch.setitem(sys.modules, "tui.app", None)
    assert "dashboard isn't part of this install" in one_error_line(run_cli("review"), code=1)


def test_now_is_fixed_for_the_whole_suite(clock: FixedClock) -> None:
    assert clock.now() == datetime(2026, 11, 28, 21, 3, tzinfo=NOW.tzinfo)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_doctor_flags_an_open_folder_only_when_it_is_leanons(
    run_cli: RunCli, tmp_path: Path
) -> None:
    own = tmp_path / "leanon" / "leanon.json"
    ok(run_cli("--db", own, "reach", "Sam"))
    own.parent.chmod(0o755)
    result = run_cli("--db", own, "doctor")
    assert result.code == 1 and f"Fix: chmod 700 {own.parent}" in result.out

    shared = tmp_path / "Documents" / "leanon.json"
    ok(run_cli("--db", shared, "reach", "Sam"))
    shared.parent.chmod(0o755)
    result = run_cli("--db", shared, "doctor")
    assert result.code == 0 and "Tip: If the folder holds only private things" in result.out


def test_doctor_on_a_damaged_entry_points_at_the_newest_backup(
    run_cli: RunCli, db_path: Path, clock: FixedClock
) -> None:
    ok(run_cli("reach", "Sam"))
    clock.advance(timedelta(days=1))
    ok(run_cli("reach", "Ana"))  # the first change of a new day makes a backup
    data = json.loads(db_path.read_text())
    del data["entries"]["1"]["at"]
    db_path.write_text(json.dumps(data))
    result = run_cli("doctor")
    assert result.code == 1
    assert 'can\'t be read: its "at" is missing' in result.out
    assert "Fix: Copy your newest backup over it: cp " in result.out
    assert "leanon doctor" not in result.out


def test_undo_after_an_import_takes_back_nothing_older(
    run_cli: RunCli, db_path: Path, tmp_path: Path
) -> None:
    """An import cannot be undone; undo used to skip past it and silently remove the
    reach-out logged before it. It now stops there."""
    other = tmp_path / "other.json"
    ok(run_cli("--db", other, "reach", "Ana"))
    ok(run_cli("reach", "Sam"))
    ok(run_cli("import", other))
    assert ok(run_cli("undo")) == "Nothing to undo.\n"
    assert sorted(e.who or "" for e in stored(db_path).entries()) == ["Ana", "Sam"]
    ok(run_cli("honest", "3"))
    assert ok(run_cli("undo")) == "Undone: honest answer 3 (getting by).\n"


def test_an_import_that_adds_nothing_keeps_undo(run_cli: RunCli, tmp_path: Path) -> None:
    exported = tmp_path / "export.json"
    ok(run_cli("reach", "Sam"))
    ok(run_cli("export", "--output", exported))
    ok(run_cli("import", exported))
    assert ok(run_cli("undo")) == "Undone: texted Sam.\n"


def test_weeks_ago_are_counted_in_days(run_cli: RunCli) -> None:
    """humanize called 18 days "a month ago"; a person counting days wants the days."""
    out = ok(run_cli("reach", "Ana", "--at", "2026-11-10T12:00"))
    assert out.startswith("Logged: texted Ana, 18 days ago (Tuesday 10 November).")
    assert run_cli("status", "--json").json()["last_reached_out"]["ago"] == "18 days ago"


# --- the quick path (tui.entry + storage.quick) ---------------------------------------------


def test_logging_into_a_file_leanon_saved_takes_the_quick_path(
    run_cli: RunCli, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(run_cli("reach", "Sam"))  # a new file: the whole way, which leaves the lock record

    def not_here(*args: object, **kwargs: object) -> int:
        raise AssertionError("the quick path should have logged this")

    monkeypatch.setattr(tui.cli, "full_main", not_here)
    assert ok(run_cli("reach", "sam", "--via", "call")) == "Logged: called Sam, just now.\n"
    assert ok(run_cli("honest", "3", "fine")) == (
        'Logged: honest answer 3 (getting by): "fine", just now.\n'
        "\"fine\" is what we tell everyone. If there's a little more to it, there's room for "
        "it: `leanon undo` and log it again.\n"
    )
    assert ok(run_cli("rest")) == "Logged: a rest day, just now. It won't break a streak.\n"
    assert ok(run_cli("letin", "let", "Ana", "cook", "--who", "Ana")) == (
        'Logged: let Ana in: "let Ana cook", just now. Ana is new to your people.\n'
    )
    entries = stored(db_path).entries()
    assert [(e.kind, e.who, e.at) for e in entries] == [
        ("reach", "Sam", NOW),
        ("reach", "Sam", NOW),
        ("honest", None, NOW),
        ("rest", None, NOW),
        ("letin", "Ana", NOW),
    ]
    assert stored(db_path).pending_undo() == 'let Ana in: "let Ana cook"'


def test_a_file_changed_by_hand_is_logged_once_the_whole_way(
    run_cli: RunCli, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(run_cli("reach", "Sam"))
    db_path.write_text(json.dumps(json.loads(db_path.read_text()), indent=4))  # an editor
    calls: list[list[str]] = []
    real = tui.cli.full_main

    def counting(args: Any, **kwargs: Any) -> int:
        calls.append(list(args))
        return real(args, **kwargs)

    monkeypatch.setattr(tui.cli, "full_main", counting)
    ok(run_cli("reach", "Ana"))
    ok(run_cli("reach", "Jo"))  # the whole-way save left a fresh record: quick again
    assert len(calls) == 1
    assert [e.who for e in stored(db_path).entries()] == ["Sam", "Ana", "Jo"]


def test_input_mistakes_read_the_same_either_way(run_cli: RunCli) -> None:
    ok(run_cli("reach", "Sam"))
    line = one_error_line(run_cli("reach", "Sam", "--via", "pigeon"))
    assert "'pigeon' is not a way to reach out" in line
    assert "from 1 to 5" in one_error_line(run_cli("honest", "6"))
    assert "can't be empty" in one_error_line(run_cli("belong", " "))


def test_an_entry_is_logged_once_even_if_stdout_is_gone(db_path: Path, clock: FixedClock) -> None:
    """``leanon reach Sam | true``: the entry is saved, so the command succeeded, either way."""

    class Closed(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    for name in ("Sam", "Ana"):  # the whole way (a new file), then the quick way
        code = tui.cli.main(["--db", str(db_path), "reach", name], clock=clock, stdout=Closed())
        assert code == 0
    assert [e.who for e in stored(db_path).entries()] == ["Sam", "Ana"]


def test_ctrl_c_on_the_quick_path_exits_130(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(run_cli("reach", "Sam"))

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("storage.quick.log_entry", interrupted)
    result = run_cli("reach", "Ana")
    assert (result.code, result.out, result.err) == (130, "", "")


# --- one grammar: the parsers and the completion scripts come from one table -------------


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_every_option_of_the_table_is_in_every_completion_script(
    run_cli: RunCli, shell: str
) -> None:
    from tui.grammar import COMMAND_TABLE

    script = ok(run_cli("completion", shell))
    for command in COMMAND_TABLE:
        assert command.name in script
        for arg in command.args:
            if arg.option:
                wanted = arg.name if shell != "fish" else f"-l {arg.dest}"
                assert wanted in script, (shell, command.name, arg.name)


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_completes_vias_and_formats(run_cli: RunCli, tmp_path: Path) -> None:
    script = tmp_path / "leanon.fish"
    script.write_text(ok(run_cli("completion", "fish")))

    def complete(line: str) -> list[str]:
        done = subprocess.run(
            ["fish", "--no-config", "-c", f"source {script}; complete -C '{line}'"],
            capture_output=True,
            text=True,
            check=True,
        )
        return [row.split("\t")[0] for row in done.stdout.splitlines()]

    assert complete("leanon reach Sam --via vi") == ["video", "visit"]
    assert complete("leanon export --format ") == ["csv", "ics", "json", "md"]
    assert complete("leanon status --format i3") == ["i3blocks", "i3status-rust"]
    assert "honest" in complete("leanon ho")


def test_doctor_checks_what_a_syncthing_folder_keeps_to_each_device(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """A Syncthing folder (``.stfolder``) gets the exact ``.stignore`` lines for the lock
    file and backups/ (a problem while missing) and the totals (a tip)."""
    import shlex

    root = tmp_path / "Sync"
    data = root / "journal" / "leanon.json"
    data.parent.mkdir(parents=True)
    (root / ".stfolder").mkdir()
    ok(run_cli("--db", data, "reach", "Sam"))
    ignore = root / ".stignore"
    out = run_cli("--db", data, "doctor").out
    assert (
        "Syncthing shares this folder" in out
        and "doesn't keep out the lock file, backups/ and the totals" in out
    )
    fix = next(line for line in out.splitlines() if "printf" in line).split("Fix: ", 1)[1]
    assert fix == (
        "printf '%s\\n' /journal/leanon.json.lock /journal/backups '/journal/leanon.json.totals-*'"
        f" >> {shlex.quote(str(ignore))}"
    )
    subprocess.run(fix, shell=True, check=True)
    assert ignore.read_text().splitlines() == [
        "/journal/leanon.json.lock",
        "/journal/backups",
        "/journal/leanon.json.totals-*",
    ]
    out = run_cli("--db", data, "doctor").out
    assert "its .stignore keeps the lock file, backups/ and the totals to each device." in out
    ignore.write_text("/journal/leanon.json.lock\n/journal/backups\n")
    result = run_cli("--db", data, "doctor")
    assert "keeps the lock file and backups/ to each device." in result.out
    assert "Tip: each device makes its own totals" in result.out


def test_importing_the_conflict_copy_itself_is_left_to_the_import(
    run_cli: RunCli, db_path: Path
) -> None:
    ok(run_cli("reach", "Sam"))
    conflict = db_path.with_name("leanon.sync-conflict-20261128-120000-ABCDEFG.json")
    shutil.copy(db_path, conflict)
    ok(run_cli("--db", conflict, "belong", "from the laptop"))
    assert ok(run_cli("import", conflict)).startswith("Imported 1 entry (1 already there).")


def test_an_import_leaves_out_what_was_deleted_here_and_says_so(
    run_cli: RunCli, db_path: Path, tmp_path: Path
) -> None:
    """Before: importing an export made before a deletion brought the entry back."""
    ok(run_cli("reach", "Sam"))
    ok(run_cli("belong", "a wave"))
    export = tmp_path / "before.json"
    ok(run_cli("export", "--output", export))
    ok(run_cli("undo"))  # the wave: deleted
    assert "Deleted here, and left out: 1 entry" in ok(run_cli("import", export, "--dry-run"))
    assert ok(run_cli("import", export)) == (
        "Imported 0 entries (1 already there); 1 entry you deleted left out "
        "(--restore-deleted brings them back).\n"
    )
    assert ok(run_cli("import", export, "--restore-deleted")).startswith("Imported 1 entry")
    assert "a wave" in {e.text for e in stored(db_path).entries()}


# --- the console script's way out (tui.entry.run) --------------------------------------

ROOT = Path(tui.cli.__file__).parents[1]


def _script(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def test_the_console_script_writes_everything_and_keeps_each_exit_code(tmp_path: Path) -> None:
    """The script ends the process without tearing the parsed file down: what it printed
    must all be there, and the exit code must be the command's."""
    env = dict(os.environ, LEANON_DB=str(tmp_path / "leanon.json"), LEANON_NOW=NOW.isoformat())
    for i in range(200):
        tui.cli.main(["--db", str(tmp_path / "leanon.json"), "belong", f"moment {i}"])
    script = [sys.executable, "-m", "tui.entry"]
    done = subprocess.run([*script, "export"], env=env, cwd=ROOT, capture_output=True)
    assert done.returncode == 0 and done.stderr == b""
    exported = json.loads(done.stdout)
    assert sorted(e["text"] for e in exported["entries"]) == sorted(
        f"moment {i}" for i in range(200)
    )
    missing = subprocess.run([*script, "people", "Nobody"], env=env, cwd=ROOT, capture_output=True)
    assert missing.returncode == tui.cli.EXIT_USAGE and b"Nobody" in missing.stderr


def test_the_way_out_is_the_ordinary_exit_while_anything_may_still_need_it(
    tmp_path: Path,
) -> None:
    """A thread still running (a save in flight) or an atexit callback gets the ordinary
    exit, which waits for it; with neither, the process ends at once, its output flushed."""
    marker = tmp_path / "landed"
    thread = _script(
        "import threading\n"
        "from pathlib import Path\n"
        "from tui.entry import leave\n"
        "def save():\n"
        "    threading.Event().wait(0.3)\n"
        f"    Path({str(marker)!r}).write_text('saved')\n"
        "threading.Thread(target=save).start()\n"
        "print('logged', end='')\n"
        "leave(3)\n",
        tmp_path,
    )
    assert (thread.returncode, thread.stdout, marker.read_text()) == (3, "logged", "saved")
    hook = _script(
        "import atexit\n"
        "from tui.entry import leave\n"
        "atexit.register(print, 'said goodbye')\n"
        "leave(4)\n",
        tmp_path,
    )
    assert (hook.returncode, hook.stdout) == (4, "said goodbye\n")
    at_once = _script(
        "import os, sys\n"
        "from tui.entry import leave\n"
        "class Torn:\n"
        "    def __del__(self):\n"
        "        os.write(1, b' taken apart')\n"
        "kept = Torn()\n"
        "print('written', end='')\n"
        "leave(5)\n",
        tmp_path,
    )
    assert (at_once.returncode, at_once.stdout) == (5, "written")
    db, profiled = tmp_path / "leanon.json", tmp_path / "leave.prof"
    assert tui.cli.main(["--db", str(db), "belong", "a kind word"]) == 0
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(profiled), "-m", "tui.entry"]
        + ["--db", str(db), "export"],
        cwd=ROOT,
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0 and b"a kind word" in done.stdout
    assert profiled.stat().st_size > 0  # the profiler wrote its numbers after the script
