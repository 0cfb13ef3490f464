"""The totals beside the data file (storage.totals, storage.tally) and the reads they serve.

What a person sees must never come from a stale total: every read here is compared with
the same command on a fresh copy of the file that has no totals at all (so it reads every
entry), after the file was changed in each way a person or a tool changes it.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import humanize
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage import glance, tally, totals
from storage.clock import FixedClock
from storage.demo import write_demo_file
from storage.phrases import natural_ago
from storage.store import Store
from tests.conftest import NOW

ROOT = Path(__file__).resolve().parent.parent

READS = (
    ["export", "--format", "json"],
    ["status", "--json"],
    ["status"],
    ["people", "--json"],
    ["people"],
    ["people", "--names"],
)


def run(db: Path, args: list[str], now: datetime) -> tuple[int, str, str]:
    from tui.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = main(["--db", str(db), *args], clock=FixedClock(now), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def from_scratch(db: Path, args: list[str], now: datetime, scratch: Path) -> str:
    """The same read on a copy of the file with no totals: every entry is read."""
    scratch.mkdir(exist_ok=True)
    copy = scratch / "leanon.json"
    shutil.copyfile(db, copy)
    for extra in scratch.iterdir():
        if extra != copy and extra.is_file():
            extra.unlink()
    code, out, _ = run(copy, args, now)
    assert code == 0
    if args[0] != "export":  # a read that reads every entry keeps totals for the next
        assert totals.read(str(copy.resolve())) is not None or not out
    return out.replace(str(copy), str(db))


def agree(db: Path, now: datetime, scratch: Path) -> None:
    for args in READS:
        code, out, err = run(db, args, now)
        assert code == 0, err
        assert out == from_scratch(db, args, now, scratch), args
    from storage.transfer import export_text

    with Store.open(db, FixedClock(now)) as store:  # the export's own definition, by records
        records = export_text(
            "json", store.people(), store.entries(), store.settings.own_suggestions
        )
    assert run(db, ["export", "--format", "json"], now)[1] == records


@pytest.fixture
def decade_ish(tmp_path: Path) -> Path:
    """Two years of demo history (about 10,000 entries), saved by leanon."""
    db = tmp_path / "data" / "leanon.json"
    db.parent.mkdir()
    write_demo_file(db, FixedClock(NOW), years=2)
    return db


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """The file system's clock a minute ahead: totals count as settled at once, so only
    their key tells whether they belong to the file (as on a file quiet for a while)."""
    real = totals.fs_now_ns
    monkeypatch.setattr(totals, "fs_now_ns", lambda: real() + 60 * 10**9)


def kept(db: Path) -> totals.Totals:
    found = totals.read(str(db.resolve()))
    assert found is not None
    return found


def test_a_read_keeps_totals_and_the_next_reads_agree_with_reading_everything(
    decade_ish: Path, tmp_path: Path
) -> None:
    assert totals.read(str(decade_ish.resolve())) is None
    run(decade_ish, ["status"], NOW)
    found = kept(decade_ish)
    assert found.views is not None and found.views["day"] == "2026-11-28"
    assert os.stat(found.path).st_mode & 0o777 == 0o600
    agree(decade_ish, NOW, tmp_path / "scratch")


@pytest.mark.parametrize("days", [0, 1, 2, 5, 30, 400])
def test_on_later_days_the_facts_make_the_same_answers(
    decade_ish: Path, tmp_path: Path, days: int
) -> None:
    """Views are of one day; another day's come from the facts, and match a full read."""
    run(decade_ish, ["status"], NOW)
    later = NOW + timedelta(days=days, hours=3)
    agree(decade_ish, later, tmp_path / "scratch")
    assert kept(decade_ish).views is not None


def test_a_summary_from_the_facts_is_the_stores_for_every_day_they_cover(
    decade_ish: Path,
) -> None:
    store = Store.open(decade_ish, FixedClock(NOW))
    facts = tally.load_facts(tally.make_facts(store), decade_ish)
    for hours in range(-20, 24 * 12, 7):
        now = NOW + timedelta(hours=hours)
        store.clock = FixedClock(now)
        made = tally.summary_from(facts, now)
        assert made is not None, now
        assert made == store.summary(), now


@pytest.fixture
def with_pauses_and_birthdays(decade_ish: Path) -> Path:
    """The demo file with rests from people (ending on several days ahead) and birthdays
    around today: the quick reads and the full reads must say the same of them."""
    with Store.open(decade_ish, FixedClock(NOW)) as store:
        people = [p for p in store.people() if p.cadence_days][:4] + store.people()[:6]
        for n, person in enumerate(people[:4]):  # people with a rhythm, some past it
            until = (NOW.date() + timedelta(days=n * 3)).isoformat()
            store.update_person(person.name, resting_until=until)
        for n, person in enumerate(people[4:]):
            day = NOW.date() + timedelta(days=n * 2 - 2)
            store.update_person(person.name, birthday=f"--{day.month:02d}-{day.day:02d}")
    return decade_ish


@pytest.mark.parametrize("days", [0, 1, 4, 7, 10])
def test_rests_and_birthdays_read_the_same_from_the_totals_and_from_everything(
    with_pauses_and_birthdays: Path, tmp_path: Path, days: int
) -> None:
    run(with_pauses_and_birthdays, ["status"], NOW)  # keeps totals of today
    later = NOW + timedelta(days=days, hours=1)
    agree(with_pauses_and_birthdays, later, tmp_path / "scratch")
    view = json.loads(run(with_pauses_and_birthdays, ["status", "--json"], later)[1])
    assert all(0 <= b["in_days"] <= 6 for b in view["birthdays"])


def test_a_summary_from_the_facts_holds_the_stores_rests_and_birthdays(
    with_pauses_and_birthdays: Path,
) -> None:
    store = Store.open(with_pauses_and_birthdays, FixedClock(NOW))
    facts = tally.load_facts(tally.make_facts(store), with_pauses_and_birthdays)
    for days in range(0, 12):
        now = NOW + timedelta(days=days)
        store.clock = FixedClock(now)
        made = tally.summary_from(facts, now)
        assert made == store.summary(), now
        assert made is not None and any(s.resting for s in made.people) == (days <= 9)
        assert made.birthdays == store.summary().birthdays


def test_a_clock_set_far_back_reads_the_whole_file(decade_ish: Path, tmp_path: Path) -> None:
    run(decade_ish, ["status"], NOW)
    store = Store.open(decade_ish, FixedClock(NOW))
    facts = tally.load_facts(tally.make_facts(store), decade_ish)
    assert tally.summary_from(facts, NOW - timedelta(days=30)) is None
    agree(decade_ish, NOW - timedelta(days=30), tmp_path / "scratch")


def test_a_quick_log_then_reads_agree(decade_ish: Path, tmp_path: Path, settled: None) -> None:
    run(decade_ish, ["status"], NOW)
    code, _, _ = run(decade_ish, ["reach", "Zed", "--via", "call"], NOW)
    assert code == 0
    agree(decade_ish, NOW, tmp_path / "scratch")
    code, out, _ = run(decade_ish, ["status", "--json"], NOW)
    assert json.loads(out)["last_reached_out"]["who"] == "Zed"


def _same_size_edit(db: Path) -> None:
    """Change the newest reach-out's name in place, keeping the size and the times."""
    raw = db.read_bytes()
    store = Store.open(db, FixedClock(NOW))
    last = store.last_reach()
    store.close()
    assert last is not None and last.who
    old = f'"who": "{last.who}"'.encode()
    new = f'"who": "{"Q" * len(last.who)}"'.encode()
    at = raw.rindex(old)
    st = db.stat()
    db.write_bytes(raw[:at] + new + raw[at + len(old) :])
    os.utime(db, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_a_hand_edit_that_keeps_size_and_times_is_read(
    decade_ish: Path, tmp_path: Path, settled: None
) -> None:
    run(decade_ish, ["status"], NOW)
    assert kept(decade_ish).settled
    _same_size_edit(decade_ish)
    agree(decade_ish, NOW, tmp_path / "scratch")
    code, out, _ = run(decade_ish, ["status", "--json"], NOW)
    assert json.loads(out)["last_reached_out"]["who"].startswith("QQ")


def test_an_entry_logged_out_of_order_is_exported_in_order(
    decade_ish: Path, tmp_path: Path, settled: None
) -> None:
    run(decade_ish, ["status"], NOW)
    facts = kept(decade_ish).facts()
    assert facts["export_ready"] is True  # the demo's documents are in export order
    assert run(decade_ish, ["reach", "Zed", "--at", "3h"], NOW)[0] == 0
    run(decade_ish, ["status"], NOW)
    assert kept(decade_ish).facts()["export_ready"] is False
    agree(decade_ish, NOW, tmp_path / "scratch")
    run(decade_ish, ["reach", "Yan"], NOW)  # the quick path keeps it False
    assert kept(decade_ish).facts()["export_ready"] is False
    agree(decade_ish, NOW, tmp_path / "scratch")


def test_a_pending_entry_that_sorts_before_the_last_one_is_exported_in_order(
    decade_ish: Path, tmp_path: Path, settled: None
) -> None:
    """The totals' head says the documents are ready to export as they are; an entry the
    quick path left pending at the same second with a smaller id is not in that order, so
    the export must sort, not trust the head."""
    from storage.quick import log_entry

    run(decade_ish, ["status"], NOW)
    assert kept(decade_ish).export_ready is True
    for entry_id in ("zzzzzzzzzzzz", "aaaaaaaaaaaa"):  # one second, ids out of order
        assert log_entry(decade_ish, "belong", NOW, entry_id=entry_id, text="hi") is not None
    found = kept(decade_ish)
    assert found.export_ready is True and len(found.pending) == 2  # of the facts before them
    assert found.facts()["export_ready"] is False
    code, out, _ = run(decade_ish, ["export"], NOW)
    ids = [e["id"] for e in json.loads(out)["entries"]]
    assert code == 0 and ids[-2:] == ["aaaaaaaaaaaa", "zzzzzzzzzzzz"]
    agree(decade_ish, NOW, tmp_path / "scratch")


def test_a_restored_backup_is_read(decade_ish: Path, tmp_path: Path, settled: None) -> None:
    before = tmp_path / "before.json"
    shutil.copy2(decade_ish, before)
    run(decade_ish, ["reach", "Zed"], NOW)
    run(decade_ish, ["status"], NOW)
    assert "Zed" in run(decade_ish, ["status"], NOW)[1]
    shutil.copy2(before, decade_ish)  # cp -p: the old bytes and the old times
    agree(decade_ish, NOW, tmp_path / "scratch")
    assert "Zed" not in run(decade_ish, ["status"], NOW)[1]


def test_a_file_replaced_as_a_sync_tool_does_is_read(
    decade_ish: Path, tmp_path: Path, settled: None
) -> None:
    """A sync tool writes a temp file, gives it the remote's time and renames it over."""
    run(decade_ish, ["status"], NOW)
    st = decade_ish.stat()
    other = tmp_path / "other.json"
    shutil.copyfile(decade_ish, other)
    _same_size_edit(other)
    temp = decade_ish.parent / ".syncthing.leanon.json.tmp"
    shutil.copyfile(other, temp)
    os.utime(temp, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(temp, decade_ish)
    agree(decade_ish, NOW, tmp_path / "scratch")


def test_unsettled_totals_are_checked_against_the_bytes(
    decade_ish: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Totals made right after a change also carry the file's CRC: a second change in the
    same clock tick (here: the key forged to match) is caught by it."""
    run(decade_ish, ["status"], NOW)
    real = str(decade_ish.resolve())
    found = kept(decade_ish)
    assert not found.settled  # the file was written a moment ago
    _same_size_edit(decade_ish)
    key = totals.file_key(real)
    assert key is not None
    now_ns = max(key[3], key[4])  # "just now": not settled
    assert totals.write(real, found, key, found.crc, found.views, now_ns=now_ns)
    assert totals.fresh(real, now_ns=now_ns) is None
    agree(decade_ish, NOW, tmp_path / "scratch")


def test_totals_settle_once_the_file_is_quiet(decade_ish: Path) -> None:
    run(decade_ish, ["status"], NOW)
    real = str(decade_ish.resolve())
    key = totals.file_key(real)
    assert key is not None
    quiet = max(key[3], key[4]) + totals.RACY_NS
    assert not kept(decade_ish).settled
    assert totals.fresh(real, now_ns=quiet - 1) is not None
    assert not kept(decade_ish).settled
    assert totals.fresh(real, now_ns=quiet) is not None
    assert kept(decade_ish).settled


@pytest.mark.parametrize("spoil", ["garbage", "torn", "link", "mode", "hardlink", "old"])
def test_totals_that_are_not_right_are_not_used(
    decade_ish: Path, tmp_path: Path, spoil: str
) -> None:
    run(decade_ish, ["status"], NOW)
    real = str(decade_ish.resolve())
    path = Path(totals.totals_path(real))
    raw = path.read_bytes()
    if spoil == "garbage":
        path.write_bytes(b"\x00" * 64)
    elif spoil == "torn":
        path.write_bytes(raw[: len(raw) // 2])
    elif spoil == "link":
        elsewhere = tmp_path / "elsewhere"
        elsewhere.write_bytes(raw)
        path.unlink()
        path.symlink_to(elsewhere)
    elif spoil == "mode":
        path.chmod(0o644)
    elif spoil == "hardlink":
        os.link(path, tmp_path / "second-name")
    else:  # another version's: the same bytes under another format number
        mine = b"leanon-totals %d " % totals.VERSION
        assert raw.startswith(mine)
        path.write_bytes(raw.replace(mine, b"leanon-totals 99 ", 1))
    assert totals.fresh(real, now_ns=totals.fs_now_ns()) is None
    _same_size_edit(decade_ish)
    if spoil not in ("link", "hardlink", "mode"):
        agree(decade_ish, NOW, tmp_path / "scratch")


def test_the_totals_of_another_machine_are_never_read(decade_ish: Path) -> None:
    real = str(decade_ish.resolve())
    run(decade_ish, ["status"], NOW)
    mine = Path(totals.totals_path(real))
    assert mine.name.startswith("leanon.json.totals-")
    theirs = mine.with_name("leanon.json.totals-00000000")
    mine.rename(theirs)
    assert totals.read(real) is None


def test_the_lock_file_stays_free_of_names(decade_ish: Path) -> None:
    run(decade_ish, ["status"], NOW)
    run(decade_ish, ["reach", "Zed"], NOW)
    run(decade_ish, ["status"], NOW)
    lock = decade_ish.with_name("leanon.json.lock").read_bytes()
    assert b"Zed" not in lock
    assert b"Alice" not in lock


def test_a_missing_file_keeps_no_totals(tmp_path: Path) -> None:
    db = tmp_path / "leanon.json"
    code, out, _ = run(db, ["status"], NOW)
    assert code == 0 and "Nothing logged yet" in out
    assert not list(tmp_path.iterdir())


def test_a_status_read_from_the_totals_imports_no_json_or_humanize(decade_ish: Path) -> None:
    """The quick read: no json, orjson, humanize, TinyDB, dataclasses or typing, which
    together cost more than the rest of the command."""
    run(decade_ish, ["status"], NOW)
    code = (
        "import sys, tui.entry\n"
        f"sys.argv = ['leanon', '--db', {str(decade_ish)!r}, 'status', '--json']\n"
        "from tui.clibase import quick\n"
        "import io\n"
        "out = io.StringIO()\n"
        "assert quick(sys.argv[1:], out=out) == 0, 'declined'\n"
        "print(chr(10).join(sys.modules))\n"
    )
    env = {**os.environ, "LEANON_NOW": NOW.isoformat()}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env
    )
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split())
    heavy = {"json", "orjson", "humanize", "tinydb", "dataclasses", "typing", "storage.store"}
    assert sorted(heavy & loaded) == []


# --------------------------------------------------------------------- words and JSON

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(st.characters(codec="utf-8") | st.sampled_from('"\\\n\r\t\b\f\x00\x1f\u2028')),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(json_values)
@settings(max_examples=300, deadline=None)
def test_dumps_writes_what_the_standard_library_writes(value: object) -> None:
    assert glance.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_every_minute_of_two_days_reads_as_humanize_says_it() -> None:
    for seconds in [*range(0, 2 * 86400, 60), *range(0, 7200, 1), 86399, 86400, 86401]:
        delta = timedelta(seconds=seconds)
        assert natural_ago(delta) == humanize.naturaltime(delta), seconds


# --------------------------------------------------------------------- the dashboard


async def test_the_dashboard_starts_on_the_totals_without_reading_the_entries(
    decade_ish: Path, settled: None
) -> None:
    """With totals that belong to the file, the panels show without opening the store, and
    they show what the store would; the store opens only when something needs it."""
    from snapshot_apps.common import dashboard_app, settle

    from storage.summary import Summary

    store = Store.open(decade_ish, FixedClock(NOW))
    expected: Summary = store.summary()
    store.close()
    run(decade_ish, ["status"], NOW)  # keeps the totals
    app = dashboard_app(decade_ish, FixedClock(NOW))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.access._store is None
        assert app.dashboard.board is not None
        assert app.dashboard.board.summary == expected
        app.poll()
        await settle(pilot)
        assert app.access._store is None  # nothing changed: the poll read no entry either
        await pilot.press("v")
        await settle(pilot)
        assert app.access._store is not None  # the review reads everything


async def test_the_first_frame_has_the_files_theme_and_keys_and_then_its_board(
    decade_ish: Path, settled: None
) -> None:
    """The theme and keys come from the totals' head before the app starts (the facts are
    not loaded for them); the board comes once the first frame is up, from the same
    totals, on the event loop. A quick log keeps the head's settings."""
    from snapshot_apps.common import dashboard_app, settle

    with Store.open(decade_ish, FixedClock(NOW)) as store:
        store.set_theme("nord")
        store.set_key("reach", "t")
    run(decade_ish, ["status"], NOW)  # keeps the totals
    assert run(decade_ish, ["reach", "Sam"], NOW)[0] == 0  # the quick path, a pending entry
    found = kept(decade_ish)
    assert found.pending and found.settings == found.facts()["settings"]
    assert found.settings["theme"] == "nord"
    app = dashboard_app(decade_ish, FixedClock(NOW))
    assert (app.theme, app.chosen_keys) == ("nord", {"reach": "t"})  # before any board
    assert app.dashboard.board is None
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.access._store is None
        assert app.dashboard.board is not None
        assert app.dashboard.board.summary.last_reach.who == "Sam"  # type: ignore[union-attr]
        assert app.theme == "nord"


def test_settings_from_totals_of_another_version_of_the_file_are_none(
    decade_ish: Path, settled: None
) -> None:
    """Totals that no longer belong to the file give no settings (the first frame then has
    the default theme, and the board brings the file's); a board made while a job holds
    the store is none, rather than a wait on the event loop."""
    from tui.storework import StoreAccess

    run(decade_ish, ["status"], NOW)
    access = StoreAccess(lambda: Store(decade_ish, FixedClock(NOW)), FixedClock(NOW), decade_ish)
    assert access.settings_from_totals() is not None
    with access._lock:
        assert access.board_from_totals(wait=False) is None
    assert access.board_from_totals(wait=False) is not None
    with Store.open(decade_ish, FixedClock(NOW)) as store:
        store.set_theme("nord")  # saved by the full path: the totals are of the old bytes
    assert access.settings_from_totals() is None


async def test_an_outside_change_reaches_a_dashboard_on_the_totals(
    decade_ish: Path, settled: None
) -> None:
    from snapshot_apps.common import dashboard_app, settle

    run(decade_ish, ["status"], NOW)
    app = dashboard_app(decade_ish, FixedClock(NOW))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.access._store is None
        assert run(decade_ish, ["reach", "Zed", "--via", "call"], NOW)[0] == 0
        app.poll()
        await settle(pilot)
        assert app.dashboard.board is not None
        assert app.dashboard.board.summary.last_reach is not None
        assert app.dashboard.board.summary.last_reach.who == "Zed"


async def test_logging_from_a_dashboard_on_the_totals_saves_and_keeps_new_totals(
    decade_ish: Path, settled: None, tmp_path: Path
) -> None:
    from snapshot_apps.common import dashboard_app, settle

    run(decade_ish, ["status"], NOW)
    app = dashboard_app(decade_ish, FixedClock(NOW))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("r", *"Zed", "enter")
        await settle(pilot)
        assert app.dashboard.board is not None
        assert app.dashboard.board.summary.last_reach.who == "Zed"  # type: ignore[union-attr]
    assert Store.open(decade_ish, FixedClock(NOW)).last_reach().who == "Zed"  # type: ignore[union-attr]
    found = kept(decade_ish)
    assert found.key == totals.file_key(str(decade_ish.resolve()))  # the save kept them
    agree(decade_ish, NOW, tmp_path / "scratch")


# --------------------------------------------------------------------- the quick path

QUICK_LOGS = [
    ("reach", {"who": "Zed", "via": "call"}),  # a new person
    ("reach", {"who": "zed", "via": "text", "note": "again"}),  # known, typed in lower case
    ("honest", {"score": 3, "text": "fine", "reflex": True}),
    ("honest", {"score": 2, "text": "fine, tired really", "reflex": True}),
    ("letin", {"text": "let Ana cook", "who": "Ana"}),
    ("letin", {"text": "asked for help"}),
    ("belong", {"text": "the barista smiled"}),
    ("rest", {}),
]


def _facts_invariant(facts: dict, store: Store) -> None:
    """The tail holds exactly the entries of its days and later, in order."""
    from storage.clock import logical_day

    starts = store.settings.day_starts_at
    tail_from = facts["tail_from"]
    expected = [
        tally._entry_row(e)
        for e in store.day_index().entries
        if logical_day(e.at, starts).toordinal() >= tail_from
    ]
    assert facts["tail"] == expected


@pytest.mark.parametrize("days_later", [0, 3, 40])
def test_a_quick_log_keeps_the_facts_a_full_read_would_make(
    decade_ish: Path, days_later: int
) -> None:
    from storage.quick import log_entry

    run(decade_ish, ["status"], NOW)
    for n, (kind, typed) in enumerate(QUICK_LOGS):
        now = NOW + timedelta(days=days_later, minutes=n)
        assert log_entry(decade_ish, kind, now, **typed) is not None  # the quick path ran
        found = kept(decade_ish)
        assert found.key == totals.file_key(str(decade_ish.resolve()))
        assert found.views is None  # of another file: made again on the next read
        facts = found.facts()
        store = Store.open(decade_ish, FixedClock(now))
        fresh = tally.make_facts(store)
        assert found.top == store.entries_top()
        _facts_invariant(facts, store)
        for name in ("tail", "tail_from"):
            facts.pop(name), fresh.pop(name)
        assert facts == fresh, kind
        store.close()


def test_quick_logs_that_make_the_newest_run_the_longest_keep_the_longest_right(
    tmp_path: Path,
) -> None:
    """The facts keep the longest runs, so a read never walks every day for them: a quick
    log that lengthens the newest run past the old longest must lengthen them too."""
    from storage.quick import log_entry

    db = tmp_path / "leanon.json"
    store = Store.open(db, FixedClock(NOW))
    for back in (9, 8, 7, 5, 3, 2, 1):  # runs of three (9 to 7) and two, with a rest day
        store.add_reach("Ana", at=NOW - timedelta(days=back))
        store.add_honest(3, at=NOW - timedelta(days=back))
    store.add_rest(at=NOW - timedelta(days=4))  # joins 5 with 3 to 1: four counted days
    store.close()
    run(db, ["status"], NOW - timedelta(hours=12))
    assert kept(db).facts()["longest"] == [4, 4]
    for n, (kind, typed) in enumerate([("reach", {"who": "Ana"}), ("honest", {"score": 4})]):
        assert log_entry(db, kind, NOW + timedelta(minutes=n), **typed) is not None
    facts = kept(db).facts()
    assert facts["longest"] == [5, 5]
    store = Store.open(db, FixedClock(NOW))
    assert facts["longest"] == tally.make_facts(store)["longest"]
    summary = tally.summary_from(tally.load_facts(facts, db), NOW + timedelta(minutes=5))
    assert summary is not None
    assert (summary.connection, summary.honest) == (store.summary().connection,) * 2
    assert summary.connection.longest == summary.connection.current == 5
    store.close()


def test_a_quick_log_before_the_newest_entry_forgets_the_totals(decade_ish: Path) -> None:
    from storage.quick import log_entry

    run(decade_ish, ["reach", "Ana"], NOW + timedelta(hours=1))  # a clock that ran ahead
    run(decade_ish, ["status"], NOW)
    assert log_entry(decade_ish, "reach", NOW, who="Sam") is not None
    assert totals.read(str(decade_ish.resolve())) is None


def test_a_quick_log_on_totals_of_other_bytes_leaves_them_unused(decade_ish: Path) -> None:
    from storage.quick import log_entry

    run(decade_ish, ["status"], NOW)
    store = Store.open(decade_ish, FixedClock(NOW))
    store.add_reach("Ana")  # a full save: the totals no longer belong to the file
    store.close()
    assert log_entry(decade_ish, "reach", NOW, who="Sam") is not None
    found = totals.read(str(decade_ish.resolve()))
    assert found is None or totals.fresh(str(decade_ish.resolve()), now_ns=0) is None


async def test_the_review_draws_from_the_totals_first_and_then_from_every_entry(
    decade_ish: Path, settled: None
) -> None:
    """``v`` on a dashboard started on the totals: the calendar, trends and people come
    from them first, and are what the whole file says; the days before the kept week say
    their entries are still being read rather than "nothing logged"."""
    from snapshot_apps.common import dashboard_app, settle

    from tui.screens.review import FROM_TOTALS, PARTS, Request, read_review, review_from_totals

    run(decade_ish, ["status"], NOW)
    app = dashboard_app(decade_ish, FixedClock(NOW))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        early = review_from_totals(app.access, Request(), FROM_TOTALS)
        assert early is not None
        full = app.access.call(lambda store: read_review(store, Request(), PARTS))
        assert early.calendar is not None and full.calendar is not None
        assert early.calendar.data == full.calendar.data
        assert early.calendar.started == full.calendar.started
        assert early.trends is not None and full.trends is not None
        for field in dataclasses.fields(full.trends):  # compared by identity otherwise
            assert getattr(early.trends, field.name) == getattr(full.trends, field.name)
        assert early.people is not None and full.people is not None
        assert early.people.people == full.people.people
        assert early.moments is None and early.history is None
        cut = early.calendar.entries_from
        assert cut is not None
        for day in full.calendar.day_entries:
            if day >= cut:
                assert early.calendar.entries_of(day) == full.calendar.entries_of(day)
            else:
                assert early.calendar.entries_of(day) is None
        assert review_from_totals(app.access, Request(), FROM_TOTALS) is None  # store open


async def test_a_day_whose_entries_are_not_read_yet_says_so(
    decade_ish: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While only the totals are at hand, a day before their week reads "Reading this day's
    entries…", never "Nothing logged this day." (here the whole read is held back)."""
    from snapshot_apps.common import dashboard_app, settle
    from test_review import detail_text

    import tui.screens.review as review_screen
    from storage.errors import LeanonError

    def held(*_: object) -> None:
        raise LeanonError("held back by the test")

    monkeypatch.setattr(review_screen, "read_review", held)
    run(decade_ish, ["status"], NOW)
    app = dashboard_app(decade_ish, FixedClock(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        app.animation_level = "none"
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, review_screen.ReviewScreen)
        assert screen.calendar_view is not None and screen.history_list == ()
        assert "Nothing logged" not in detail_text(screen)
        await pilot.press(*["left"] * 4)  # four weeks back: before the kept week
        await settle(pilot)
        assert "Reading this day's entries…" in detail_text(screen)


def test_an_export_is_never_written_over_the_totals(decade_ish: Path) -> None:
    run(decade_ish, ["status"], NOW)
    path = totals.totals_path(str(decade_ish.resolve()))
    before = Path(path).read_bytes()
    code, _, err = run(decade_ish, ["export", "--output", path], NOW)
    assert code == 2 and "the data file's totals" in err
    assert Path(path).read_bytes() == before


def test_quick_logs_wait_in_the_totals_until_a_read_folds_them_in(
    decade_ish: Path, tmp_path: Path
) -> None:
    """The quick path only adds its entry to the totals' pending ones (their facts are
    written back unread); the next status read adds them to the facts for good."""
    from storage.quick import log_entry

    run(decade_ish, ["status"], NOW)
    blob = kept(decade_ish).facts_blob()
    for n in range(3):
        assert log_entry(decade_ish, "reach", NOW + timedelta(minutes=n), who="Zed") is not None
    found = kept(decade_ish)
    assert found.facts_blob() == blob and len(found.pending) == 3
    agree(decade_ish, NOW + timedelta(minutes=5), tmp_path / "scratch")
    folded = kept(decade_ish)
    assert (
        folded.pending == []
        and folded.facts()["counts"]["reach"] == found.facts()["counts"]["reach"]
    )


def test_past_the_pending_limit_the_totals_are_made_afresh(
    decade_ish: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storage.quick
    from storage.quick import log_entry

    monkeypatch.setattr(storage.quick, "MAX_PENDING", 2)
    run(decade_ish, ["status"], NOW)
    for n in range(2):
        assert log_entry(decade_ish, "reach", NOW + timedelta(minutes=n), who="Zed") is not None
    assert len(kept(decade_ish).pending) == 2
    assert log_entry(decade_ish, "reach", NOW + timedelta(minutes=3), who="Zed") is not None
    assert totals.read(str(decade_ish.resolve())) is None


def test_the_totals_top_number_follows_deletes_undos_and_quick_logs(tmp_path: Path) -> None:
    """The quick path takes the totals' word that the next document number is free: that
    number must be the table's highest after a delete, an undo and quick logs alike."""
    from storage.quick import log_entry

    db = tmp_path / "leanon.json"
    with Store(db, FixedClock(NOW)) as store:
        first = store.add_reach("Ana")
        store.add_reach("Ben")
        store.add_reach("Cy")
        store.delete_entry(first.id)
        store.undo()
    run(db, ["status"], NOW)
    for n, name in enumerate(("Dee", "Eve")):
        with Store(db, FixedClock(NOW)) as store:
            assert kept(db).top == store.entries_top()
        assert log_entry(db, "reach", NOW + timedelta(minutes=n), who=name) is not None
    with Store(db, FixedClock(NOW)) as store:
        assert kept(db).top == store.entries_top()
        assert sorted(e.who or "" for e in store.entries()) == ["Ana", "Ben", "Cy", "Dee", "Eve"]


async def test_a_hand_edit_reaches_a_dashboard_on_the_totals(
    decade_ish: Path, settled: None
) -> None:
    """The file edited by hand (same size, same times) while the dashboard shows the
    totals: the next poll shows what the whole file says, not the totals."""
    from snapshot_apps.common import dashboard_app, settle

    run(decade_ish, ["status"], NOW)
    app = dashboard_app(decade_ish, FixedClock(NOW))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.access.on_totals
        _same_size_edit(decade_ish)
        app.poll()
        await settle(pilot)
        with Store.open(decade_ish, FixedClock(NOW)) as store:
            expected = store.summary()
        assert app.dashboard.board is not None
        assert app.dashboard.board.summary == expected
        assert expected.last_reach is not None and expected.last_reach.who.startswith("QQ")


def test_the_facts_day_tables_and_days_read_as_the_dates_they_came_from() -> None:
    """The totals' index keeps its days as ordinals and makes dates only when asked: the
    tables and a person's packed reach-out days must read exactly as dates would."""
    from bisect import bisect_left
    from datetime import date

    days = {date(2026, 11, 28): 3, date(2019, 2, 28): 1, date(2024, 2, 29): 2}
    table = tally.OrdinalDayTable({d.toordinal(): n for d, n in days.items()})
    assert table == days and dict(table) == days and list(table) == list(days)
    assert len(table) == 3 and table[date(2024, 2, 29)] == 2
    assert table.get(date(2026, 11, 27)) is None and table.get(date(2026, 11, 27), 0) == 0
    assert date(2019, 2, 28) in table and date(2019, 3, 1) not in table
    assert "2019-02-28" not in table and 737_118 not in table  # only dates are days
    assert table.keys() & {date(2026, 11, 28), date(2000, 1, 1)} == {date(2026, 11, 28)}
    ordered = sorted(days)
    packed = tally.OrdinalDays(totals.day_bytes([d.toordinal() for d in ordered]))
    assert packed == ordered and len(packed) == 3 and packed[-1] == date(2026, 11, 28)
    assert packed[1:] == ordered[1:]
    assert bisect_left(packed, date(2024, 1, 1)) == 1
    assert tally.OrdinalDays(b"") == []
