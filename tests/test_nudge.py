"""``leanon nudge`` (issue 14): at most one kind line a day, when today could use one."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from storage.clock import FixedClock
from storage.glance import status_view
from storage.nudge import in_quiet_hours, nudge_line, parse_quiet_hours
from storage.records import Settings
from storage.store import Store
from tests.conftest import CET, NOW, refused

EVENING = NOW  # Saturday 21:03
AFTERNOON = NOW.replace(hour=15)
NO_QUIET = Settings(nudge_quiet_hours=None)


def _store(db: Path, at: datetime = AFTERNOON) -> Store:
    return Store.open(db, FixedClock(at))


def _view(db: Path, at: datetime) -> dict:
    with _store(db, at) as store:
        return status_view(store.summary())


def _sam_past_due(db: Path) -> Path:
    with _store(db) as store:
        store.add_person("Sam", cadence_days=7)
        store.add_reach("Sam", at=AFTERNOON - timedelta(days=10))
        store.add_reach("Ana", at=AFTERNOON - timedelta(hours=1))
    return db


def test_someone_past_their_rhythm_is_an_invitation(tmp_path: Path) -> None:
    view = _view(_sam_past_due(tmp_path / "l.json"), AFTERNOON)
    line = nudge_line(view, NO_QUIET, AFTERNOON)
    assert line is not None and line.startswith("It's been a while with someone")
    assert "Sam" not in line
    named = nudge_line(view, NO_QUIET, AFTERNOON, names=True)
    assert named == "It's been a while with Sam. A short hello could be a nice thing today."


def test_a_quiet_spell_longer_than_usual(tmp_path: Path) -> None:
    """Every other day for months, then six quiet days: more than twice the usual gap."""
    db = tmp_path / "l.json"
    with _store(db) as store:
        for back in range(6, 90, 2):
            store.add_reach("Ana", at=AFTERNOON - timedelta(days=back))
    line = nudge_line(_view(db, AFTERNOON), NO_QUIET, AFTERNOON)
    assert line == (
        "The last 6 days have been quiet. If you feel like it, a short text to someone counts."
    )
    # Three quiet days is not more than twice the usual two: nothing in the afternoon.
    with _store(db) as store:
        store.add_reach("Ana", at=AFTERNOON - timedelta(days=3))
    assert nudge_line(_view(db, AFTERNOON), NO_QUIET, AFTERNOON) is None


def test_an_evening_without_an_honest_answer(tmp_path: Path) -> None:
    db = tmp_path / "l.json"
    with _store(db) as store:
        store.add_reach("Ana", at=AFTERNOON - timedelta(hours=1))
    assert nudge_line(_view(db, AFTERNOON), NO_QUIET, AFTERNOON) is None
    line = nudge_line(_view(db, EVENING), NO_QUIET, EVENING)
    assert line is not None and "how are you, really?" in line
    with _store(db, EVENING) as store:
        store.add_honest(3, "tired")
    assert nudge_line(_view(db, EVENING), NO_QUIET, EVENING) is None


def test_never_on_a_rest_day_in_quiet_hours_or_twice_a_day(tmp_path: Path) -> None:
    db = _sam_past_due(tmp_path / "l.json")
    view = _view(db, AFTERNOON)
    assert nudge_line(view, NO_QUIET, AFTERNOON) is not None
    quiet = replace(NO_QUIET, nudge_quiet_hours="14:00-16:00")
    assert nudge_line(view, quiet, AFTERNOON) is None
    done = replace(NO_QUIET, nudged_on="2026-11-28")
    assert nudge_line(view, done, AFTERNOON) is None
    assert nudge_line(view, replace(done, nudge_once_a_day=False), AFTERNOON) is not None
    with _store(db) as store:
        store.add_rest()
    assert nudge_line(_view(db, AFTERNOON), NO_QUIET, AFTERNOON) is None


def test_the_default_quiet_hours_cross_midnight() -> None:
    hours = Settings().nudge_quiet_hours
    assert parse_quiet_hours("9:00-17:30") == parse_quiet_hours("09:00-17:30")
    late, early, day = (NOW.replace(hour=h) for h in (23, 8, 12))
    assert in_quiet_hours(late, hours) and in_quiet_hours(early, hours)
    assert not in_quiet_hours(day, hours)
    for bad in ("21:00", "21-9", "09:00-09:00", "25:00-08:00"):
        with pytest.raises(ValueError):
            parse_quiet_hours(bad)


def test_the_words_are_invitations(tmp_path: Path) -> None:
    import inspect

    import storage.nudge

    source = inspect.getsource(storage.nudge).lower()
    for word in ("haven't", "have not", "didn't", "forgot", "missed", "should"):
        assert word not in source.split('"""', 2)[-1]


# --------------------------------------------------------------------- the command


def test_nudge_prints_once_a_day_with_no_undo_step_and_no_backup(tmp_path: Path, run_cli) -> None:
    """Remembering the nudge writes the file, but `undo` still takes back the person's
    last change, and the day's backup is left to the day's first real change."""
    db = _sam_past_due(tmp_path / "l.json")
    tomorrow = FixedClock(AFTERNOON + timedelta(days=1))
    backups = tmp_path / "backups"
    before = {p.name for p in backups.iterdir()}
    first = run_cli("--db", db, "nudge", clock=tomorrow)
    assert first.code == 0 and first.out.startswith("It's been a while with someone")
    assert {p.name for p in backups.iterdir()} == before
    second = run_cli("--db", db, "nudge", clock=tomorrow)
    assert (second.code, second.out, second.err) == (0, "", "")
    assert run_cli("--db", db, "undo", clock=tomorrow).out == "Undone: texted Ana.\n"
    assert {p.name for p in backups.iterdir()} == before | {"l.json.2026-11-29.json"}
    assert run_cli("--db", db, "nudge", clock=tomorrow).out == ""


def test_nothing_to_say_is_silent_and_writes_nothing(tmp_path: Path, run_cli) -> None:
    db = tmp_path / "l.json"
    assert run_cli("--db", db, "nudge").out == ""
    assert not db.exists()
    with _store(db) as store:
        store.add_reach("Ana", at=AFTERNOON)
        store.add_honest(4)
    raw = db.read_bytes()
    done = run_cli("--db", db, "nudge", clock=FixedClock(EVENING))
    assert (done.code, done.out) == (0, "")
    assert db.read_bytes() == raw


def _fake_notify_send(folder: Path, code: int = 0) -> Path:
    folder.mkdir()
    script = folder / "notify-send"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{folder}/said"\nexit {code}\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return folder


def test_notify_sends_it_through_notify_send(tmp_path: Path, run_cli) -> None:
    db = _sam_past_due(tmp_path / "l.json")
    bin_dir = _fake_notify_send(tmp_path / "bin")
    done = run_cli(
        "--db", db, "nudge", "--notify", env={"PATH": str(bin_dir)}, clock=FixedClock(AFTERNOON)
    )
    assert (done.code, done.out, done.err) == (0, "", "")
    said = (bin_dir / "said").read_text().splitlines()
    assert said[:2] == ["--app-name=leanon", "leanon"]
    assert said[2].startswith("It's been a while with someone")


@pytest.mark.parametrize("how", ["absent", "failing"])
def test_without_notify_send_it_says_so_and_prints_the_line(
    tmp_path: Path, run_cli, how: str
) -> None:
    db = _sam_past_due(tmp_path / "l.json")
    path = (
        str(tmp_path / "empty")
        if how == "absent"
        else str(_fake_notify_send(tmp_path / "bin", code=1))
    )
    done = run_cli("--db", db, "nudge", "--notify", env={"PATH": path}, clock=FixedClock(AFTERNOON))
    assert done.code == 0 and done.out.startswith("It's been a while with someone")
    assert len(done.err_lines) == 1 and "notify-send" in done.err
    assert "Traceback" not in done.err


def test_the_settings_are_saved_and_undone(tmp_path: Path, run_cli) -> None:
    db = _sam_past_due(tmp_path / "l.json")
    done = run_cli("--db", db, "nudge", "--quiet-hours", "22:30-7:00", "--once-a-day", "off")
    assert done.out == (
        "Saved: the nudge stays quiet from 22:30 to 07:00, and comes each time it runs.\n"
    )
    with _store(db) as store:
        assert store.settings.nudge_quiet_hours == "22:30-07:00"
        assert store.settings.nudge_once_a_day is False
    assert "nudge" in run_cli("--db", db, "undo").out
    line = refused(run_cli("--db", db, "nudge", "--quiet-hours", "evenings"), 2)
    assert "21:00-09:00" in line


def test_install_timer_shows_then_writes_the_units(tmp_path: Path, run_cli) -> None:
    config = tmp_path / "config"
    db = tmp_path / "l.json"
    done = run_cli("--db", db, "nudge", "--install-timer", env={"XDG_CONFIG_HOME": str(config)})
    assert done.code == 0
    folder = config / "systemd" / "user"
    service = (folder / "leanon-nudge.service").read_text()
    timer = (folder / "leanon-nudge.timer").read_text()
    assert service in done.out.replace(f"# {folder / 'leanon-nudge.service'}\n", "")
    assert "OnCalendar=hourly" in timer and "WantedBy=timers.target" in timer
    exec_start = next(line for line in service.splitlines() if line.startswith("ExecStart="))
    assert exec_start.endswith(f"--db {db} nudge --notify")
    assert done.out.rstrip().endswith("systemctl --user enable --now leanon-nudge.timer")
    if shutil.which("systemd-analyze"):  # systemd's own check of both units
        for name in ("leanon-nudge.service", "leanon-nudge.timer"):
            checked = subprocess.run(
                ["systemd-analyze", "verify", str(folder / name)],
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert checked.returncode == 0 and checked.stderr == "", checked.stderr


def _user_bus() -> bool:
    if shutil.which("systemctl") is None:
        return False
    done = subprocess.run(
        ["systemctl", "--user", "show-environment"], capture_output=True, timeout=20
    )
    return done.returncode == 0


@pytest.mark.skipif(not _user_bus(), reason="no systemd user session (bus) on this machine")
def test_the_timer_can_be_enabled(tmp_path: Path, run_cli) -> None:
    """Only where a user systemd runs: enable it, see it listed, and take it away again."""
    done = run_cli("--db", tmp_path / "l.json", "nudge", "--install-timer")
    assert done.code == 0
    folder = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "systemd/user"
    try:
        subprocess.run(["systemctl", "--user", "daemon-reload"], check=True, timeout=60)
        subprocess.run(
            ["systemctl", "--user", "enable", "leanon-nudge.timer"], check=True, timeout=60
        )
        listed = subprocess.run(
            ["systemctl", "--user", "list-unit-files", "leanon-nudge.timer"],
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout
        assert "enabled" in listed
    finally:
        subprocess.run(["systemctl", "--user", "disable", "leanon-nudge.timer"], timeout=60)
        for name in ("leanon-nudge.service", "leanon-nudge.timer"):
            (folder / name).unlink(missing_ok=True)
        subprocess.run(["systemctl", "--user", "daemon-reload"], timeout=60)


def test_now_comes_from_the_clock(tmp_path: Path, run_cli) -> None:
    db = tmp_path / "l.json"
    with _store(db) as store:
        store.add_reach("Ana", at=AFTERNOON)
    at_three = FixedClock(datetime(2026, 11, 28, 15, 0, tzinfo=CET))
    assert run_cli("--db", db, "nudge", clock=at_three).out == ""
    with _store(db) as store:
        store.set_nudge(once_a_day=False)
    at_half_seven = FixedClock(datetime(2026, 11, 28, 19, 30, tzinfo=CET))
    assert "how are you" in run_cli("--db", db, "nudge", clock=at_half_seven).out
    # 21:03 falls in the default quiet hours (21:00-09:00)
    assert run_cli("--db", db, "nudge", clock=FixedClock(EVENING)).out == ""


def test_after_the_nudge_a_status_bar_reads_the_totals_again(tmp_path: Path, run_cli) -> None:
    from storage import totals

    db = _sam_past_due(tmp_path / "l.json")
    run_cli("--db", db, "nudge", clock=FixedClock(AFTERNOON))
    assert totals.fresh(str(db.resolve()), now_ns=totals.fs_now_ns()) is not None


def test_nothing_to_say_is_read_from_the_totals_alone(
    tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Most of a timer's runs have nothing to say: they must not read a decade of notes."""
    db = tmp_path / "l.json"
    with _store(db) as store:
        store.add_reach("Ana", at=AFTERNOON)
    run_cli("--db", db, "status", clock=FixedClock(AFTERNOON))  # keeps the totals

    def no_store(*args: object, **kwargs: object) -> None:
        raise AssertionError("the data file was read")

    monkeypatch.setattr(Store, "open", no_store)
    done = run_cli("--db", db, "nudge", clock=FixedClock(AFTERNOON))
    assert (done.code, done.out, done.err) == (0, "", "")


def test_the_timer_uses_the_file_leanon_db_names(tmp_path: Path, run_cli) -> None:
    """A systemd service has none of the shell's variables: $LEANON_DB goes in as --db."""
    config = tmp_path / "config"
    db = tmp_path / "elsewhere.json"
    env = {"XDG_CONFIG_HOME": str(config), "LEANON_DB": str(db)}
    assert run_cli("nudge", "--install-timer", env=env).code == 0
    service = (config / "systemd" / "user" / "leanon-nudge.service").read_text()
    assert f"--db {db} nudge --notify" in service
