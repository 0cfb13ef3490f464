"""``leanon export --format ics`` (issue 14): each person's rhythm as a day in the calendar.

Read back with icalendar, and imported into khal (a calendar program that reads VEVENTs)
twice, as a person re-importing a newer export would: the events move, none are doubled.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from storage.clock import FixedClock
from storage.store import Store
from tests.conftest import NOW


def _data(db: Path) -> Path:
    """Sam: weekly, last texted 20 days ago (past due); Ana: every 14 days, texted 3 days
    ago (due in 11); Jo: monthly, never in touch; Bea: no rhythm."""
    with Store.open(db, FixedClock(NOW)) as store:
        store.add_person("Sam", cadence_days=7)
        store.add_person("Ana", cadence_days=14)
        store.add_person("Jo", cadence_days=30)
        store.add_person("Bea")
        store.add_reach("Sam", at=NOW - timedelta(days=20))
        store.add_reach("Ana", at=NOW - timedelta(days=3))
        store.add_reach("Bea", at=NOW - timedelta(days=1))
    return db


def _events(text: str) -> dict[str, dict]:
    calendar = Calendar.from_ical(text)
    return {
        str(event["summary"]): {
            "start": event.decoded("dtstart"),
            "end": event.decoded("dtend"),
            "uid": str(event["uid"]),
            "alarms": [
                (str(a["action"]), a.decoded("trigger"), a["trigger"].params.get("RELATED"))
                for a in event.walk("VALARM")
            ],
        }
        for event in calendar.walk("VEVENT")
    }


def test_one_all_day_event_for_each_person_with_a_rhythm(tmp_path: Path, run_cli) -> None:
    db = _data(tmp_path / "leanon.json")
    events = _events(run_cli("--db", db, "export", "--format", "ics").out)
    today = date(2026, 11, 28)
    assert sorted(events) == ["A hello to Ana?", "A hello to Jo?", "A hello to Sam?"]
    assert events["A hello to Sam?"]["start"] == today  # past due: today
    assert events["A hello to Ana?"]["start"] == today + timedelta(days=11)
    assert events["A hello to Jo?"]["start"] == today  # never in touch yet
    for event in events.values():
        assert type(event["start"]) is date  # all-day, not a moment
        assert event["end"] == event["start"] + timedelta(days=1)
        assert event["alarms"] == [("DISPLAY", timedelta(hours=10), "START")]


def test_the_uids_stay_as_the_days_move(tmp_path: Path, run_cli) -> None:
    db = _data(tmp_path / "leanon.json")
    first = _events(run_cli("--db", db, "export", "--format", "ics").out)
    later = FixedClock(NOW + timedelta(days=5))
    second = _events(run_cli("--db", db, "export", "--format", "ics", clock=later).out)
    assert {k: v["uid"] for k, v in first.items()} == {k: v["uid"] for k, v in second.items()}
    assert second["A hello to Sam?"]["start"] == date(2026, 12, 3)
    assert "Sam" not in first["A hello to Sam?"]["uid"]


def test_the_file_is_private_and_the_words_say_what_it_holds(tmp_path: Path, run_cli) -> None:
    db = _data(tmp_path / "leanon.json")
    target = tmp_path / "leanon.ics"
    done = run_cli("--db", db, "export", "--format", "ics", "--output", target)
    assert done.out == f"Exported the next hello for 3 people to {target}.\n"
    assert target.stat().st_mode & 0o777 == 0o600
    text = target.read_text()
    assert "You like to be in touch with Sam every 7 days" in text.replace("\r\n ", "")


@pytest.mark.skipif(shutil.which("khal") is None, reason="khal is not installed")
def test_khal_imports_it_and_a_newer_export_moves_the_events(tmp_path: Path, run_cli) -> None:
    db = _data(tmp_path / "leanon.json")
    (tmp_path / "cal").mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(
        "[calendars]\n[[leanon]]\n"
        f"path = {tmp_path / 'cal'}\ntype = calendar\n"
        f"[sqlite]\npath = {tmp_path / 'khal.db'}\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        "[default]\ndefault_calendar = leanon\n"
    )
    khal = ["khal", "-c", str(config)]
    target = tmp_path / "leanon.ics"

    def export_and_list(clock: FixedClock) -> list[str]:
        run_cli("--db", db, "export", "--format", "ics", "--output", target, clock=clock)
        subprocess.run(
            [*khal, "import", "--batch", "-a", "leanon", str(target)],
            check=True,
            capture_output=True,
            timeout=60,
        )
        listed = subprocess.run(
            [*khal, "list", "--format", "{start-date} {title}", "2026-11-01", "60d"],
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout
        return [line for line in listed.splitlines() if "hello" in line]

    assert export_and_list(FixedClock(NOW)) == [
        "2026-11-28 A hello to Jo?",
        "2026-11-28 A hello to Sam?",
        "2026-12-09 A hello to Ana?",
    ]
    assert export_and_list(FixedClock(NOW + timedelta(days=2))) == [
        "2026-11-30 A hello to Jo?",
        "2026-11-30 A hello to Sam?",
        "2026-12-09 A hello to Ana?",
    ]
    assert len(list((tmp_path / "cal").iterdir())) == 3


def test_on_a_terminal_the_lines_end_plainly(tmp_path: Path, clock: FixedClock) -> None:
    """A calendar's lines end in CRLF; on a terminal they were shown as a literal \\r."""
    import io

    import tui.cli

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    db = _data(tmp_path / "leanon.json")
    out = Tty()
    assert (
        tui.cli.main(["--db", str(db), "export", "--format", "ics"], clock=clock, stdout=out) == 0
    )
    assert "BEGIN:VCALENDAR\nVERSION:2.0\n" in out.getvalue() and "\\r" not in out.getvalue()
