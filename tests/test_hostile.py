"""Attacks on the person's files and journal, each as a test (issue: trust under attack).

Every test here reproduces something that worked against leanon before: a planted link,
a file of another's, a device where a file should be, input that poisoned every later read,
a note that rewrote the terminal. Each checks that leanon refuses plainly (one line, the
right exit code), that nothing it should not touch was touched, and that it never says
"something went wrong".
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import NOW, RunCli, refused

from storage import FixedClock, Store, filesafe
from storage.errors import SaveFailed
from storage.fields import name_key, visible
from storage.jsonfile import newest_backup

ROOT = os.name == "posix" and os.geteuid() == 0
NOBODY = 65534
"""A uid and gid that are not ours (Debian's nobody and nogroup)."""

needs_root = pytest.mark.skipif(
    not ROOT, reason="needs root: only root can make a file that belongs to someone else"
)
posix = pytest.mark.skipif(os.name != "posix", reason="POSIX modes, links and FIFOs")


def seeded(run_cli: RunCli, db: Path) -> bytes:
    """A data file with a few entries, as leanon saved it; its bytes."""
    for name in ("Ana", "Sam"):
        assert run_cli("reach", name).code == 0
    return db.read_bytes()


def leanon(
    *args: str, env: dict[str, str] | None = None, **kw: object
) -> subprocess.CompletedProcess:
    """The real command in a process of its own (arguments as bytes reach it unchanged)."""
    full = {**os.environ, "LEANON_NOW": NOW.isoformat(), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "tui.entry", *args],
        capture_output=True,
        env=full,
        timeout=30,
        **kw,  # type: ignore[arg-type]
    )


# --- 1. the lock file, and folders others can write in --------------------------------


@posix
@pytest.mark.parametrize("mode", [0o700, 0o777])
def test_a_lock_file_linked_elsewhere_is_never_written_through(
    run_cli: RunCli, db_path: Path, mode: int
) -> None:
    """The lock was opened O_RDWR|O_CREAT and truncated: a planted link overwrote its target."""
    raw = seeded(run_cli, db_path)
    victim = db_path.parent / "thesis.txt"
    victim.write_bytes(b"eight thousand bytes of someone's work\n" * 200)
    before = victim.read_bytes()
    lock = Path(str(db_path) + ".lock")
    lock.unlink()
    lock.symlink_to(victim)
    db_path.parent.chmod(mode)
    try:
        for args in (("reach", "Ana"), ("reach", "Ana", "--at", "1h"), ("undo",)):
            line = refused(run_cli(*args), 1)
            assert "could not save" in line
        assert victim.read_bytes() == before and db_path.read_bytes() == raw
        with Store(db_path, FixedClock(NOW)) as store, pytest.raises(SaveFailed):
            store.add_reach("Bea")
        assert victim.read_bytes() == before and db_path.read_bytes() == raw
    finally:
        db_path.parent.chmod(0o700)


@posix
def test_a_lock_that_is_a_link_a_fifo_or_a_hard_link_is_refused_and_named(
    run_cli: RunCli, db_path: Path
) -> None:
    raw = seeded(run_cli, db_path)
    lock = Path(str(db_path) + ".lock")
    other = db_path.parent / "other.txt"
    for plant, word in (
        (lambda: lock.symlink_to(other), "symbolic link"),
        (lambda: os.mkfifo(lock), "not a regular file"),
        (lambda: os.link(other, lock), "hard links"),
    ):
        other.write_text("keep me")
        lock.unlink()
        plant()
        line = refused(run_cli("reach", "Bea"), 1)  # a FIFO must not hang it either
        assert word in line and f"rm {lock}" in line
        assert db_path.read_bytes() == raw and other.read_text() == "keep me"
        doctor = run_cli("doctor")
        assert doctor.code == 1 and word in doctor.out
        assert run_cli("status").code == 0  # reading still works
    lock.unlink()
    assert run_cli("reach", "Bea").code == 0  # and removing it is the whole fix


@posix
def test_a_folder_others_can_write_in_refuses_writes_and_warns_on_reads(
    run_cli: RunCli, db_path: Path
) -> None:
    raw = seeded(run_cli, db_path)
    db_path.parent.chmod(0o777)
    try:
        for args in (("reach", "Bea"), ("honest", "3"), ("rest", "--at", "1d"), ("undo",)):
            line = refused(run_cli(*args), 1)
            assert "other users can write in the folder" in line
            assert f"chmod go-w {db_path.parent}" in line
        assert db_path.read_bytes() == raw
        status = run_cli("status")
        assert status.code == 0 and "Last reached out" in status.out
        assert status.err.startswith("leanon: warning: other users can write")
        doctor = run_cli("doctor")
        assert doctor.code == 1 and "All is well" not in doctor.out
        assert "Other users can write in the folder" in doctor.out
    finally:
        db_path.parent.chmod(0o700)
    assert run_cli("reach", "Bea").code == 0


@needs_root
def test_group_writable_is_a_problem_only_when_the_group_has_others(
    run_cli: RunCli, db_path: Path
) -> None:
    """A user's private group (Debian's umask 002) is fine; a group others are in is not."""
    import grp
    import pwd

    own_group = os.getegid()
    alone = not grp.getgrgid(own_group).gr_mem and all(
        p.pw_uid == 0 for p in pwd.getpwall() if p.pw_gid == own_group
    )
    if not alone:
        pytest.skip("this machine's root group has other members")
    seeded(run_cli, db_path)
    folder = db_path.parent
    folder.chmod(0o770)
    assert run_cli("reach", "Bea").code == 0
    os.chown(folder, 0, NOBODY)  # nogroup: the user nobody is in it
    try:
        line = refused(run_cli("reach", "Bea"), 1)
        assert "other users can write in the folder" in line
    finally:
        os.chown(folder, 0, own_group)
        folder.chmod(0o700)


@posix
def test_doctor_says_when_the_folder_cannot_be_written(
    run_cli: RunCli, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It said "All is well" on a read-only folder."""
    seeded(run_cli, db_path)
    real_access = os.access

    def read_only(path: object, mode: int, **kw: object) -> bool:
        if mode & os.W_OK and Path(str(path)) == db_path.parent:
            return False  # root may write anywhere: make the folder read-only for the check
        return real_access(path, mode, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", read_only)
    doctor = run_cli("doctor")
    assert doctor.code == 1 and "All is well" not in doctor.out
    assert f"leanon cannot save in the folder {db_path.parent}" in doctor.out


# --- 2. backups of two data files in one folder -----------------------------------------


def test_backups_of_two_files_with_one_stem_never_mix(
    run_cli: RunCli, tmp_path: Path, clock: FixedClock
) -> None:
    """``journal`` and ``journal.json`` shared ``backups/journal-DAY.json``."""
    plain, dotted = tmp_path / "journal", tmp_path / "journal.json"
    for _ in range(3):
        clock.advance(timedelta(days=1))
        assert run_cli("--db", plain, "reach", "Plain").code == 0
        assert run_cli("--db", dotted, "reach", "Dotted").code == 0
    names = sorted(os.listdir(tmp_path / "backups"))
    assert names == sorted(
        [f"journal.{d}.json" for d in ("2026-11-30", "2026-12-01")]
        + [f"journal.json.{d}.json" for d in ("2026-11-30", "2026-12-01")]
    )
    for path, who in ((plain, "Plain"), (dotted, "Dotted")):
        backup = newest_backup(path)
        assert backup is not None and who in backup.read_text()
        assert ("Dotted" if who == "Plain" else "Plain") not in backup.read_text()
    plain.write_text("{ broken")
    line = refused(run_cli("--db", plain, "status"), 1)
    assert f"{tmp_path / 'backups' / 'journal.2026-12-01.json'}" in line
    assert "journal.json." not in line
    # Pruning one file's backups never removes the other's.
    filesafe.make_daily_backup(str(dotted), "2026-12-02", b"{}", keep=1)
    assert sorted(os.listdir(tmp_path / "backups")) == sorted(
        [f"journal.{d}.json" for d in ("2026-11-30", "2026-12-01")]
        + ["journal.json.2026-12-02.json"]
    )


def test_old_style_backups_count_only_when_they_cannot_be_anothers(tmp_path: Path) -> None:
    data = tmp_path / "leanon.json"
    data.write_text("{}")
    (tmp_path / "backups").mkdir()
    old = tmp_path / "backups" / "leanon-2026-11-20.json"
    old.write_text("{}")
    assert newest_backup(data) == old
    (tmp_path / "leanon").write_text("{}")  # now it could be this one's
    assert newest_backup(data) is None
    assert newest_backup(tmp_path / "leanon") is None


# --- 3. nothing left behind by a killed export -----------------------------------------


def test_temp_copies_of_a_killed_export_are_cleared_by_the_next(
    run_cli: RunCli, db_path: Path, tmp_path: Path
) -> None:
    seeded(run_cli, db_path)
    out = tmp_path / "usb"
    out.mkdir()
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    dead = out / f".exp.json.{gone.pid}.0badc0de.tmp"
    live = out / f".exp.json.{os.getppid()}.00c0ffee.tmp"  # a writer that is still running
    dead.write_text("the whole journal")
    live.write_text("being written")
    assert run_cli("export", "--output", out / "exp.json").code == 0
    assert sorted(p.name for p in out.iterdir()) == [live.name, "exp.json"]


@posix
def test_export_killed_at_random_moments_leaves_nothing_after_a_clean_run(
    run_cli: RunCli, db_path: Path, tmp_path: Path
) -> None:
    for n in range(30):
        assert run_cli("belong", f"moment {n} " + "words " * 40).code == 0
    out = tmp_path / "usb"
    out.mkdir()
    env = {"LEANON_DB": str(db_path)}
    rng = random.Random(9)
    for _ in range(6):
        proc = subprocess.Popen(
            [sys.executable, "-m", "tui.entry", "export", "--output", str(out / "exp.json")],
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            proc.wait(timeout=rng.uniform(0.05, 0.4))
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
    assert leanon("export", "--output", str(out / "exp.json"), env=env).returncode == 0
    assert [p.name for p in out.iterdir()] == ["exp.json"]


# --- 4. export never over a file leanon manages ------------------------------------------


def test_export_refuses_every_file_leanon_manages(run_cli: RunCli, db_path: Path) -> None:
    seeded(run_cli, db_path)
    lock = Path(str(db_path) + ".lock")
    backups = db_path.parent / "backups"
    run_cli("reach", "Bea")
    backup = next(backups.iterdir())
    link = db_path.parent / "innocent.json"
    link.symlink_to(lock)
    before = {p: (p.read_bytes(), p.stat().st_ino) for p in (db_path, lock, backup)}
    for target, what in (
        (db_path, "your data file"),
        (lock, "lock file"),
        (link, "lock file"),
        (backup, "backups folder"),
        (backups / "new.json", "backups folder"),
        (backups, "backups folder"),
    ):
        line = refused(run_cli("export", "--output", target), 2)
        assert what in line
    assert {p: (p.read_bytes(), p.stat().st_ino) for p in before} == before
    assert not (backups / "new.json").exists()


# --- 5. import reads only regular files of a plausible size ------------------------------


@posix
def test_import_refuses_devices_fifos_and_huge_files_without_reading(
    run_cli: RunCli, db_path: Path, tmp_path: Path
) -> None:
    """``import /dev/zero`` read until memory ran out; a FIFO blocked forever."""
    raw = seeded(run_cli, db_path)
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as handle:
        handle.truncate(filesafe.MAX_IMPORT_BYTES + 1)  # sparse: costs no disk
    for source, words in (
        ("/dev/zero", "not a regular file"),
        (fifo, "not a regular file"),
        (huge, "larger than any export"),
        (tmp_path, "is a folder"),
    ):
        # In a process of its own, so a regression hangs that process, not the suite.
        done = leanon("import", str(source), env={"LEANON_DB": str(db_path)})
        err = done.stderr.decode()
        assert done.returncode == 2, err
        assert words in err and err.count("\n") == 1 and "Traceback" not in err
    assert db_path.read_bytes() == raw


@posix
def test_a_loop_folder_is_read_file_by_file_as_safely(
    run_cli: RunCli, db_path: Path, tmp_path: Path
) -> None:
    """A Loop export folder is many files: a FIFO or /dev/zero among them is refused like
    one given alone, and a folder linked into it is not walked into."""
    raw = seeded(run_cli, db_path)
    folder = tmp_path / "loop"
    (folder / "001 Call Mum").mkdir(parents=True)
    (folder / "Habits.csv").write_text("Position,Name\n001,Call Mum\n")
    os.mkfifo(folder / "001 Call Mum" / "Checkmarks.csv")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "Checkmarks.csv").write_text("Date,Value\n2026-11-20,YES_MANUAL\n")
    (folder / "002 Linked").symlink_to(elsewhere)
    done = leanon("import", str(folder), "--habit", "Call Mum=Mum", env={"LEANON_DB": str(db_path)})
    err = done.stderr.decode()
    assert done.returncode == 2 and "not a regular file" in err and err.count("\n") == 1
    (folder / "001 Call Mum" / "Checkmarks.csv").unlink()
    (folder / "Checkmarks.csv").symlink_to("/dev/zero")
    done = leanon("import", str(folder), "--habit", "Call Mum=Mum", env={"LEANON_DB": str(db_path)})
    assert done.returncode == 2 and "not a regular file" in done.stderr.decode()
    (folder / "Checkmarks.csv").unlink()
    out = leanon(
        "import",
        str(folder),
        "--habit",
        "Call Mum=Mum",
        "--dry-run",
        env={"LEANON_DB": str(db_path)},
    )
    assert out.returncode == 0 and b"would add nothing new" in out.stdout, out.stderr
    assert db_path.read_bytes() == raw


def test_a_loop_zip_that_unpacks_to_too_much_is_refused(
    run_cli: RunCli, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A zip's few bytes can unpack to gigabytes: what is read of it is capped as a file
    is, and its sizes are not taken at its word."""
    import zipfile

    raw = seeded(run_cli, db_path)
    monkeypatch.setattr(filesafe, "MAX_IMPORT_BYTES", 1 << 20)
    bomb = tmp_path / "loop.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Habits.csv", "Position,Name\n001,Call Mum\n")
        archive.writestr("Checkmarks.csv", "Date,Call Mum\n" + "0" * (2 << 20))
    assert bomb.stat().st_size < 1 << 16
    line = refused(run_cli("import", bomb, "--habit", "Call Mum=Mum"), 2)
    assert "unpacks to more than any export leanon would read" in line
    assert db_path.read_bytes() == raw


# --- 6. never a root-owned file in the person's folder -------------------------------------


@needs_root
def test_sudo_never_takes_the_persons_file_away(run_cli: RunCli, tmp_path: Path) -> None:
    """Run as root, a save replaced the person's file with a root-owned one."""
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    db = home / "leanon.json"
    assert run_cli("--db", db, "reach", "Ana").code == 0
    for path in (home, db, Path(str(db) + ".lock")):
        os.chown(path, NOBODY, NOBODY)
    raw = db.read_bytes()
    for args in (("reach", "Bea"), ("reach", "Bea", "--at", "2h"), ("undo",)):
        line = refused(run_cli("--db", db, *args), 1)
        assert "belongs to nobody" in line and "not with sudo" in line
    assert db.read_bytes() == raw
    assert {(p.stat().st_uid, p.stat().st_gid) for p in home.iterdir()} == {(NOBODY, NOBODY)}
    doctor = run_cli("--db", db, "doctor")
    assert doctor.code == 1 and "belongs to nobody" in doctor.out


@needs_root
def test_a_data_file_of_another_user_is_not_replaced(run_cli: RunCli, db_path: Path) -> None:
    raw = seeded(run_cli, db_path)
    os.chown(db_path, NOBODY, NOBODY)
    line = refused(run_cli("reach", "Bea"), 1)
    assert "the data file belongs to nobody" in line
    assert db_path.read_bytes() == raw and db_path.stat().st_uid == NOBODY


@needs_root
def test_an_export_over_someone_elses_file_keeps_its_owner(
    run_cli: RunCli, db_path: Path, tmp_path: Path
) -> None:
    seeded(run_cli, db_path)
    target = tmp_path / "shared.json"
    target.write_text("old")
    os.chown(target, NOBODY, NOBODY)
    assert run_cli("export", "--output", target).code == 0
    assert (target.stat().st_uid, target.stat().st_gid) == (NOBODY, NOBODY)
    assert "Ana" in target.read_text()


# --- 7. dates that would break every read ------------------------------------------------


def test_a_date_in_year_one_is_refused_on_every_way_in(
    run_cli: RunCli, db_path: Path, tmp_path: Path
) -> None:
    """``--at 0001-01-01T00:00+14:00`` was saved, then status, export and the dashboard broke."""
    raw = seeded(run_cli, db_path)
    for at in ("0001-01-01T00:00+14:00", "1899-12-31", "3000-01-01T00:00-12:00"):
        line = refused(run_cli("reach", "Old", "--at", at), 2)
        assert "1900 to 2999" in line or "in the future" in line
    line = refused(run_cli("reach", "Old", env={"LEANON_NOW": "0001-01-01T00:00:00+14:00"}), 2)
    assert "1900 to 2999" in line
    export = tmp_path / "old.json"
    export.write_text(
        json.dumps(
            {
                "leanon_export": 1,
                "entries": [
                    {
                        "id": "a1",
                        "kind": "reach",
                        "at": "0001-01-01T00:00:00+14:00",
                        "who": "Old",
                        "via": "text",
                    }
                ],
            }
        )
    )
    line = refused(run_cli("import", export), 2)
    assert "1900 to 2999" in line and "Nothing was imported" in line
    assert db_path.read_bytes() == raw
    assert run_cli("status").code == 0


def test_a_file_already_holding_such_a_date_names_the_entry(run_cli: RunCli, db_path: Path) -> None:
    seeded(run_cli, db_path)
    data = json.loads(db_path.read_text())
    doc = next(iter(data["entries"].values()))
    doc["at"] = "0001-01-01T00:00:00+14:00"
    db_path.write_text(json.dumps(data, indent=2))
    raw = db_path.read_bytes()
    for args in (("status",), ("people",), ("export",)):
        line = refused(run_cli(*args), 1)
        assert f"entry {doc['id']}" in line and '"at"' in line and "1900 to 2999" in line
    doctor = run_cli("doctor")
    assert doctor.code == 1 and f"entry {doc['id']}" in doctor.out
    assert db_path.read_bytes() == raw


# --- 8. bytes that are not text -------------------------------------------------------


@posix
@pytest.mark.parametrize("locale", ["C.UTF-8", "C"])
def test_undecodable_argument_bytes_are_refused_not_half_saved(tmp_path: Path, locale: str) -> None:
    """``leanon reach $'\\xffName'`` saved a lone surrogate and then said nothing was changed."""
    db = tmp_path / "leanon.json"
    env = {"LEANON_DB": str(db), "LC_ALL": locale, "PYTHONIOENCODING": "utf-8:strict"}
    assert leanon("reach", "Ana", env=env).returncode == 0
    raw = db.read_bytes()
    for args in (
        [b"reach", b"\xffName"],
        [b"belong", b"caf\xe9"],
        [b"reach", b"Ana", b"--note", b"\xfe"],
    ):
        done = subprocess.run(
            [sys.executable.encode(), b"-m", b"tui.entry", *args],
            capture_output=True,
            env={**os.environ, **env},
            timeout=30,
        )
        assert done.returncode == 2, done.stderr
        assert b"not text" in done.stderr and done.stderr.count(b"\n") == 1
        assert db.read_bytes() == raw
    export = tmp_path / "out.json"
    assert leanon("export", "--output", str(export), env=env).returncode == 0


def test_a_file_holding_a_lone_surrogate_still_exports_and_reads(
    run_cli: RunCli, db_path: Path, tmp_path: Path
) -> None:
    seeded(run_cli, db_path)
    data = json.loads(db_path.read_text())
    next(iter(data["people"].values()))["note"] = "half \udcff pair"
    next(iter(data["entries"].values()))["note"] = "half \udcff pair"
    db_path.write_text(json.dumps(data, indent=2))  # ensure_ascii: a hand-written escape
    for fmt in ("json", "csv", "md"):
        out = tmp_path / f"out.{fmt}"
        assert run_cli("export", "--format", fmt, "--output", out).code == 0
    assert run_cli("import", tmp_path / "out.json").code == 0
    assert run_cli("status").code == 0 and run_cli("people", "--json").code == 0


# --- 9. never "something went wrong" for what a file can hold --------------------------


@pytest.mark.parametrize(
    "row",
    [
        {"score": 1e400},
        {"score": -1e400},
        {"score": "1e400"},
        {"score": True},
        {"score": [3]},
        {"at": 5},
        {"at": "2026-13-45T00:00:00+00:00"},
        {"at": "1899-01-01T00:00:00+00:00"},
        {"who": 5},
        {"text": {"a": 1}},
        {"kind": None},
        {"id": ["x"]},
        {"reflex": "maybe"},
    ],
)
def test_a_bad_import_row_is_named_not_a_crash(
    run_cli: RunCli, db_path: Path, tmp_path: Path, row: dict[str, object]
) -> None:
    raw = seeded(run_cli, db_path)
    entry = {"id": "x1", "kind": "honest", "at": "2026-11-20T10:00:00+01:00", "score": 3}
    source = tmp_path / "in.json"
    text = json.dumps({"leanon_export": 1, "entries": [{**entry, **row}]})
    source.write_text(text.replace("Infinity", "1e400"))
    line = refused(run_cli("import", source), 2)
    assert "Nothing was imported" in line
    assert db_path.read_bytes() == raw


def test_a_csv_row_with_an_overflowing_score_is_named(
    run_cli: RunCli, db_path: Path, tmp_path: Path
) -> None:
    seeded(run_cli, db_path)
    source = tmp_path / "in.csv"
    source.write_text(
        "id,kind,at,who,via,score,text,reflex\r\n"
        "h1,honest,2026-11-20T10:00:00+01:00,,,1e400,,false\r\n"
    )
    line = refused(run_cli("import", source), 2)
    assert "line 2" in line or "row 2" in line or "h1" in line


# --- 10. names and notes that would act on the terminal, and look-alike names ----------

HOSTILE = [
    "Evil\x1b]0;pwned\x07",
    "Red\x1b[41mX\x1b[0m",
    "\u202eevil",
    "csi\x9b31m",
]


def _raw_controls(text: str) -> list[str]:
    return [c for c in text if c != "\n" and visible(c) != c]


def test_names_and_notes_never_reach_the_terminal_raw(run_cli: RunCli, db_path: Path) -> None:
    outputs = []
    for name in HOSTILE:
        result = run_cli("reach", name, "--note", f"note {name}")
        assert result.code == 0
        outputs.append(result.out)
        assert visible(name) in result.out
    outputs.append(run_cli("status").out)
    outputs.append(run_cli("people").out)
    outputs.append(run_cli("people", "--json").out)
    outputs.append(run_cli("status", "--json").out)
    for fmt in ("line", "waybar", "i3blocks", "i3status-rust", "polybar"):
        outputs.append(run_cli("status", "--format", fmt, "--names").out)
    outputs.append(run_cli("export").out)
    outputs.append(run_cli("undo").out)
    outputs.append(run_cli("reach", "x", "--via", "\x1b[2J").err)
    for out in outputs:
        assert _raw_controls(out) == [], out
    # The JSON still says exactly what is stored.
    names = {p["name"] for p in run_cli("people", "--json").json()}
    assert set(HOSTILE[:-1]) <= names
    exported = json.loads(run_cli("export").out)
    assert {e["note"] for e in exported["entries"]} >= {f"note {n}" for n in HOSTILE[:-1]}


def test_the_quick_path_shows_escapes_too(tmp_path: Path) -> None:
    db = tmp_path / "leanon.json"
    env = {"LEANON_DB": str(db)}
    assert leanon("reach", "Ana", env=env).returncode == 0  # now the quick path applies
    done = leanon("reach", "Evil\x1b]0;pwned\x07", env=env)
    assert done.returncode == 0
    assert b"\x1b" not in done.stdout and b"\\x1b]0;pwned\\x07" in done.stdout


@pytest.mark.parametrize(
    "first, second",
    [
        ("Jos\u00e9", "Jose\u0301"),  # one character, or e and a combining accent
        ("Sam", "Sa\u200bm"),  # a zero-width space pasted from a chat
        ("Ana", "\ufeffAna"),  # a byte-order mark
        ("Zoë", "ZOE\u0308"),
    ],
)
def test_names_that_look_the_same_are_one_person(
    run_cli: RunCli, db_path: Path, tmp_path: Path, first: str, second: str
) -> None:
    assert name_key(first) == name_key(second)
    assert run_cli("reach", first).code == 0
    assert run_cli("reach", second).code == 0  # the quick path
    assert run_cli("reach", second, "--at", "1h").code == 0  # the store
    people = run_cli("people", "--json").json()
    assert [p["name"] for p in people] == [first]
    entries = [e for e in json.loads(run_cli("export").out)["entries"]]
    assert {e["who"] for e in entries} == {first}


def test_doctor_names_people_stored_twice_under_one_name(run_cli: RunCli, db_path: Path) -> None:
    seeded(run_cli, db_path)
    data = json.loads(db_path.read_text())
    data["people"]["90"] = {
        "name": "Jose\u0301",
        "cadence_days": None,
        "trusted": False,
        "note": None,
    }
    data["people"]["91"] = {
        "name": "Jos\u00e9",
        "cadence_days": None,
        "trusted": False,
        "note": None,
    }
    db_path.write_text(json.dumps(data, indent=2, ensure_ascii=False))
    doctor = run_cli("doctor")
    assert doctor.code == 1 and "same name written in different ways" in doctor.out


def test_the_data_file_read_never_blocks_on_a_fifo(tmp_path: Path) -> None:
    """A FIFO where the data file should be: refused at once, on every command."""
    if os.name != "posix":
        pytest.skip("FIFOs are POSIX")
    db = tmp_path / "leanon.json"
    os.mkfifo(db)
    for args in (("status",), ("reach", "Ana"), ("doctor",)):
        done = leanon(*args, env={"LEANON_DB": str(db)})
        assert done.returncode == 1 and b"not a regular file" in done.stdout + done.stderr
    assert stat.S_ISFIFO(os.lstat(db).st_mode)
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_a_saved_entry_is_never_reported_as_a_failure(
    run_cli: RunCli, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The year-1 entry printed "something went wrong; nothing was changed" after saving."""
    seeded(run_cli, db_path)

    def broken(*args: object) -> str:
        raise OverflowError("date value out of range")

    monkeypatch.setattr("tui.cli._logged_when", broken)
    result = run_cli("reach", "Bea", "--at", "1h")
    assert result.code == 0 and result.out == "Logged: texted Bea.\n" and result.err == ""
    assert "Bea" in db_path.read_text()


def test_demo_folders_left_by_a_killed_demo_are_removed_by_the_next(tmp_path: Path) -> None:
    """``leanon --demo`` killed with -9 left its folder (a generated journal) in /tmp."""
    from storage.demo import DEMO_PREFIX, remove_stale_demo_folders

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    stale = tmp_path / f"{DEMO_PREFIX}{gone.pid}-abc"
    live = tmp_path / f"{DEMO_PREFIX}{os.getppid()}-def"
    other = tmp_path / "leanon-demo-notes"  # no pid: not one of ours
    target = tmp_path / "keep"
    for folder in (stale, live, other, target):
        folder.mkdir()
        (folder / "leanon.json").write_text("{}")
    link = tmp_path / f"{DEMO_PREFIX}{gone.pid}-link"
    link.symlink_to(target)
    remove_stale_demo_folders(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [live.name, other.name, target.name, link.name]
    )
    assert (target / "leanon.json").exists()


def test_doctor_names_a_lock_something_was_written_over(run_cli: RunCli, db_path: Path) -> None:
    """An export written over the lock (before it was refused) left names in the lock file."""
    seeded(run_cli, db_path)
    lock = Path(str(db_path) + ".lock")
    lock.write_text(run_cli("export").out)
    doctor = run_cli("doctor")
    assert doctor.code == 1 and "bytes that are not a lock's" in doctor.out


@needs_root
def test_doctor_names_backups_left_by_sudo(
    run_cli: RunCli, db_path: Path, clock: FixedClock
) -> None:
    seeded(run_cli, db_path)
    clock.advance(timedelta(days=1))
    assert run_cli("reach", "Bea").code == 0
    backups = db_path.parent / "backups"
    for path in (backups, *backups.iterdir()):
        os.chown(path, NOBODY, NOBODY)
    doctor = run_cli("doctor")
    assert doctor.code == 1 and "belong to nobody" in doctor.out and "chown" in doctor.out


def test_doctor_says_which_old_backups_it_cannot_place(run_cli: RunCli, db_path: Path) -> None:
    seeded(run_cli, db_path)
    (db_path.parent / "leanon").write_text("{}")  # another file with the stem "leanon"
    backups = db_path.parent / "backups"
    backups.mkdir(exist_ok=True)
    (backups / "leanon-2026-11-01.json").write_text("{}")
    out = run_cli("doctor").out
    assert "named the old way (leanon-2026-11-01.json)" in out


def test_json_visible_escapes_on_any_line_of_a_long_text() -> None:
    """The line-by-line pass: one unsafe character deep in a long export is still escaped,
    and printable non-ASCII lines around it are kept as they are."""
    from storage.fields import json_visible

    text = '{\n  "a": "Zoë"\n' * 1000 + '  "b": "x\u202ey"\n' + '  "c": "é"\n}' * 1000
    shown = json_visible(text)
    assert "\u202e" not in shown and "x\\u202ey" in shown
    assert shown.count("Zoë") == 1000 and shown.count("é") == 1000


def test_a_conflict_copy_that_is_a_link_or_a_fifo_is_never_merged(
    run_cli: RunCli, db_path: Path, tmp_path: Path
) -> None:
    """A name that looks like a sync tool's conflict copy is merged only when it is a
    regular file: a link to someone's file, or a pipe, is left alone (never read, never
    moved into backups/)."""
    assert run_cli("reach", "Sam").code == 0
    secret = tmp_path / "elsewhere.json"
    shutil.copy(db_path, secret)
    with Store(secret, FixedClock(NOW)) as other:
        other.add_belong("not yours to merge")
    link = db_path.with_name("leanon.sync-conflict-20261128-210300-LINKLNK.json")
    link.symlink_to(secret)
    fifo = db_path.with_name("leanon.sync-conflict-20261128-210300-FIFOFIF.json")
    os.mkfifo(fifo)
    result = run_cli("status")
    assert result.code == 0 and result.err == ""
    assert link.is_symlink() and stat.S_ISFIFO(fifo.lstat().st_mode)
    assert "not yours to merge" not in {e.text for e in Store.open(db_path).entries()}
    assert not list((db_path.parent / "backups").glob("*merged*"))


@pytest.mark.parametrize("encoding", ["utf-8", "latin-1"])
def test_an_export_to_a_pipe_is_utf8_with_a_lone_surrogate_as_ufffd(
    run_cli: RunCli, db_path: Path, encoding: str
) -> None:
    """The export to stdout is written as bytes in one go when stdout is UTF-8 (and as text
    otherwise): either way the accents arrive whole and a stray surrogate as U+FFFD."""
    seeded(run_cli, db_path)
    data = json.loads(db_path.read_text())
    next(iter(data["entries"].values()))["note"] = "Zoë, half \udcff pair"
    db_path.write_text(json.dumps(data, indent=2))
    env = {**os.environ, "PYTHONIOENCODING": encoding, "LEANON_DB": str(db_path)}
    done = subprocess.run(
        [sys.executable, "-m", "tui.entry", "export"],
        capture_output=True,
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    if encoding == "utf-8":
        text = done.stdout.decode("utf-8")
        assert "Zoë, half \\ufffd pair" in text  # JSON's escape of U+FFFD
        assert json.loads(text)["entries"]
    else:
        assert b"Zo\xeb" in done.stdout  # the terminal's own encoding, as Python writes text


def test_the_timer_units_replace_a_link_never_write_through_it(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """``nudge --install-timer`` over a unit that is a link to another file replaces the
    link with its own file; the file it pointed to is left as it was."""
    folder = tmp_path / "config" / "systemd" / "user"
    folder.mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_text("someone else's\n")
    (folder / "leanon-nudge.service").symlink_to(elsewhere)
    done = run_cli("nudge", "--install-timer", env={"XDG_CONFIG_HOME": str(tmp_path / "config")})
    assert done.code == 0
    assert elsewhere.read_text() == "someone else's\n"
    unit = folder / "leanon-nudge.service"
    assert not unit.is_symlink() and "ExecStart=" in unit.read_text()
