"""``leanon import`` of another app's history: Daylio, Loop Habit Tracker, vCard contacts.

Every fixture in tests/fixtures/imports was written for these tests, each reproducing the
quirks real exports have (see each test). Each format is round-tripped: imported, shown
with ``--dry-run``, imported twice (adding nothing), and refused whole for one bad row;
the counts are checked against a plain reading of the fixture's text here, independent of
the code under test.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from collections import Counter
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from conftest import NOW, CliResult, RunCli, refused

from storage import FixedClock, Store
from storage.records import Entry

FIXTURES = Path(__file__).parent / "fixtures" / "imports"


def ok(result: CliResult) -> str:
    assert result.code == 0, result.err
    assert result.err == ""
    return result.out


def entries(db: Path, kind: str | None = None) -> list[Entry]:
    return Store(db, FixedClock(NOW)).entries(kind)  # type: ignore[arg-type]


# --- Daylio -------------------------------------------------------------------------------

STOCK = {"rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1}


def daylio_rows(path: Path) -> list[list[str]]:
    """The fixture's rows, read plainly: every line that starts with a date starts a row,
    and the first five fields hold no commas (date, date in words, weekday, time, mood)."""
    text = path.read_text(encoding="utf-8-sig")
    return [
        line.split(",")[:5] for line in text.splitlines() if re.match(r"\d{4}(-\d\d-\d\d)?,", line)
    ]


def test_a_daylio_export_becomes_honest_answers(run_cli: RunCli, db_path: Path) -> None:
    """The newest header (with scales), a BOM, CRLF, 12- and 24-hour times in one file, a
    mood with a trailing space and one in capitals, a row one value short and one with a
    comma too many, the same row twice, a note over two lines, no newline at the end."""
    source = FIXTURES / "daylio_newest.csv"
    raw = source.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and not raw.endswith(b"\n")
    rows = daylio_rows(source)
    expected = Counter(STOCK[row[4].strip().lower()] for row in rows)

    out = ok(run_cli("import", source))
    assert out == f"Imported {len(rows)} entries.\n"
    answers = entries(db_path, "honest")
    assert Counter(e.score for e in answers) == expected
    assert len(answers) == len(rows) == 11
    assert all(e.at.utcoffset() == timedelta(hours=1) for e in answers)
    times = sorted((e.at.date().isoformat(), e.at.time().isoformat("minutes")) for e in answers)
    assert ("2026-11-27", "21:41") in times  # 9:41 PM
    assert ("2026-11-27", "08:15") in times
    assert ("2026-11-23", "00:30") in times  # 12:30 AM
    assert ("2026-11-24", "12:00") in times  # 12:00 PM
    assert times.count(("2026-11-22", "22:10")) == 2, "the same row twice is two answers"
    dinner = next(e for e in answers if e.at.hour == 21 and e.at.day == 27)
    assert dinner.text == (
        "Dinner at Ana's\nWe made pierogi, and laughed a lot\nActivities: friends, cooking"
    )
    walk = next(e for e in answers if e.at.day == 25)
    assert walk.text == (
        "Call with Mum\nSunny, cold; she sounded well.\nWe planned Christmas.\n"
        "Activities: family, walk"
    )
    assert next(e for e in answers if e.at.day == 21).text == "Tea with Jo\nActivities: friends"
    assert all(e.id.startswith("daylio-") for e in answers)

    before = db_path.read_bytes()
    again = ok(run_cli("import", source))
    assert again == f"Imported 0 entries ({len(rows)} already there).\n"
    assert sorted(e.id for e in entries(db_path)) == sorted(e.id for e in answers)
    assert json.loads(db_path.read_bytes())["entries"] == json.loads(before)["entries"]


def test_a_dry_run_shows_what_a_daylio_import_would_add_and_writes_nothing(
    run_cli: RunCli, db_path: Path
) -> None:
    source = FIXTURES / "daylio_newest.csv"
    ok(run_cli("reach", "Sam"))
    before = db_path.read_bytes()
    out = ok(run_cli("import", source, "--dry-run"))
    assert out.splitlines() == [
        "daylio_newest.csv: a Daylio export.",
        "Importing it would add:",
        "  11 honest answers",
        "  from Friday 20 November 2026 to Friday 27 November 2026",
        "Nothing was imported: this was a dry run. Without --dry-run, it imports.",
    ]
    assert db_path.read_bytes() == before
    ok(run_cli("import", source))
    out = ok(run_cli("import", source, "--dry-run"))
    assert "Importing it would add nothing new." in out
    assert "Already there, and left as they are: 11 entries." in out


def test_moods_of_ones_own_are_listed_with_the_command_and_nothing_is_written(
    run_cli: RunCli, db_path: Path
) -> None:
    """The oldest header (year and a Polish date, "15 marca"), the person's own Polish
    names for their moods, an unquoted comma in the note (the last column)."""
    source = FIXTURES / "daylio_oldest_polish.csv"
    counts = Counter(row[4].strip() for row in daylio_rows(source))
    result = run_cli("import", source)
    line = refused(result, 2)
    assert line == f"leanon: {source}: the moods need your word first; nothing was imported."
    assert not db_path.exists()
    lines = result.out.splitlines()
    assert (
        lines[0]
        == "daylio_oldest_polish.csv has 5 moods leanon can't place on its scale of 1 to 5:"
    )
    listed = dict(re.fullmatch(r"  (.+), (\d+) times?", row).groups() for row in lines[1:6])  # type: ignore[union-attr]
    assert {name: int(n) for name, n in listed.items()} == dict(counts)
    command = lines[-1].strip()
    assert command == (
        f"leanon import {source} --moods 'super=?,dobrze=?,tak sobie=?,źle=?,okropnie=?'"
    )

    levels = "super=5,dobrze=4,Tak Sobie =3,źle=2,okropnie=1"
    assert ok(run_cli("import", source, "--moods", levels)) == "Imported 7 entries.\n"
    answers = sorted(entries(db_path, "honest"), key=lambda e: e.at)
    assert [e.at.date().isoformat() for e in answers] == [
        "2018-11-01",
        "2018-12-24",
        "2019-01-31",
        "2019-02-02",
        "2019-02-02",
        "2019-03-14",
        "2019-03-15",
    ]
    assert [e.score for e in answers] == [1, 5, 2, 3, 3, 4, 5]
    assert answers[4].text == "Zimno, ale spokojnie"
    assert answers[-1].text == "Świetny film\nActivities: przyjaciele, kino"
    again = run_cli("import", source, "--moods", levels)
    assert ok(again) == "Imported 0 entries (7 already there).\n"


def test_fifteen_moods_of_ones_own_each_need_a_level(run_cli: RunCli, db_path: Path) -> None:
    """Fifteen custom moods (German, Spanish, Hebrew), two names sharing a level, localised
    weekdays and months beside full_date, 12- and 24-hour times."""
    source = FIXTURES / "daylio_custom_moods.csv"
    rows = daylio_rows(source)
    names = Counter(row[4] for row in rows)
    assert len(names) == 15
    result = run_cli("import", source, "--moods", "Gut=4")
    refused(result, 2)
    listed = [line.split(",")[0].strip() for line in result.out.splitlines()[1:15]]
    assert sorted(listed) == sorted(set(names) - {"Gut"})
    assert (
        result.out.splitlines()[-1]
        .strip()
        .startswith(f"leanon import {source} --moods 'Gut=4,Überglücklich=?,Super=?,")
    )
    levels = {
        "Überglücklich": 5, "Super": 5, "Gut": 4, "Zufrieden": 4, "Okay": 3, "Müde": 3,
        "Gestresst": 2, "Traurig": 2, "Elend": 1, "Genial": 5, "Bien": 4, "Regular": 3,
        "Mal": 2, "שמח": 5, "עצוב": 2,
    }  # fmt: skip
    given = ",".join(f"{name}={level}" for name, level in levels.items())
    assert ok(run_cli("import", source, "--moods", given)) == f"Imported {len(rows)} entries.\n"
    expected = Counter(levels[row[4]] for row in rows)
    assert Counter(e.score for e in entries(db_path, "honest")) == expected


def test_a_stock_mood_can_be_given_another_level(run_cli: RunCli, db_path: Path) -> None:
    source = FIXTURES / "daylio_newest.csv"
    ok(run_cli("import", source, "--moods", "MEH=2"))
    assert {e.score for e in entries(db_path, "honest") if e.at.hour == 22} == {2}


@pytest.mark.parametrize(
    "change, named",
    [
        (("9:41 PM", "25:41"), "line 2: '25:41' is not a time of day"),
        (("2026-11-26,November 26,Thursday,7:05 am", "2026-11-31,x,y,7:05 am"), "line 5:"),
        (
            ('Thursday,7:05 am,meh,"","","",""', "Thursday,7:05 am,meh"),
            "line 5: 5 values where the header has 9 columns",
        ),
        (('meh,"work"', 'meh,"wo"rk"'), "line 3:"),
    ],
    ids=["time", "date", "too few", "quote"],
)
def test_one_bad_daylio_row_refuses_the_whole_file_and_names_its_line(
    run_cli: RunCli, db_path: Path, tmp_path: Path, change: tuple[str, str], named: str
) -> None:
    text = (FIXTURES / "daylio_newest.csv").read_text(encoding="utf-8")
    assert change[0] in text
    source = tmp_path / "daylio.csv"
    source.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    line = refused(run_cli("import", source), 2)
    assert named in line and line.endswith("Nothing was imported.")
    assert not db_path.exists()
    dry = run_cli("import", source, "--dry-run")
    assert named in refused(dry, 2)
    assert "It would refuse the whole file, for 1 row:" in dry.out
    assert not db_path.exists()


def test_a_daylio_answer_keeps_the_offset_its_date_had(
    run_cli: RunCli, db_path: Path, tmp_path: Path
) -> None:
    """Daylio writes wall-clock times; each gets the offset the machine's zone had that
    day: summer time in July, not the offset of the day of the import."""
    zoneinfo = pytest.importorskip("zoneinfo")
    try:
        zone = zoneinfo.ZoneInfo("Europe/Warsaw")
    except zoneinfo.ZoneInfoNotFoundError:
        pytest.skip("no time zone data on this machine")
    source = tmp_path / "daylio.csv"
    source.write_text(
        "full_date,date,weekday,time,mood,activities,note\n"
        "2026-07-01,July 1,Wednesday,9:00 PM,good,,\n"
        "2026-01-01,January 1,Thursday,9:00 PM,good,,\n"
    )
    ok(run_cli("import", source, clock=FixedClock(NOW, zone=zone)))
    moments = sorted(e.at.isoformat() for e in entries(db_path))
    assert moments == ["2026-01-01T21:00:00+01:00", "2026-07-01T21:00:00+02:00"]


def test_a_daylio_export_is_told_by_its_content_not_its_name(
    run_cli: RunCli, db_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "moods.txt"
    shutil.copy(FIXTURES / "daylio_newest.csv", source)
    assert ok(run_cli("import", source)).startswith("Imported 11 entries")


# --- Loop Habit Tracker -------------------------------------------------------------------

LOOP = FIXTURES / "loop_export"
DONE, AUTO, SKIP = {"YES_MANUAL", "2"}, {"YES_AUTO", "1"}, {"SKIP", "3"}


def habit_marks(habit: str) -> dict[str, str]:
    """A habit's own Checkmarks.csv, read plainly: date to value."""
    (folder,) = LOOP.glob(f"* {habit}")
    lines = (folder / "Checkmarks.csv").read_text().splitlines()[1:]
    return {line.split(",")[0]: line.split(",")[1] for line in lines}


def zipped(folder: Path, target: Path) -> Path:
    """The folder as Loop zips it: the files at the top of the zip."""
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.rglob("*.csv")):
            archive.write(path, path.relative_to(folder).as_posix())
    return target


def test_a_loop_export_without_links_lists_its_habits(run_cli: RunCli, db_path: Path) -> None:
    result = run_cli("import", LOOP)
    line = refused(result, 2)
    assert line == f"leanon: {LOOP}: the habits need your word first; nothing was imported."
    assert not db_path.exists()
    lines = result.out.splitlines()
    counts = {
        h: sum(v in DONE for v in habit_marks(h).values())
        for h in ("Call Mum", "Drink water", "Text Sam")
    }
    assert lines[1:4] == [f"  {habit}, {n} days" for habit, n in counts.items()]
    assert lines[-1] == f"  leanon import {LOOP} --habit 'Call Mum=NAME'"


@pytest.mark.parametrize("form", ["folder", "zip"])
def test_a_linked_habit_becomes_reach_outs_and_rest_days(
    run_cli: RunCli, db_path: Path, tmp_path: Path, form: str
) -> None:
    """Per-habit files in YES_MANUAL words (Call Mum) and in the older numbers (Text Sam);
    YES_AUTO and 1 are left out; SKIP and 3 are rest days; an unlinked habit is left out."""
    source = LOOP if form == "folder" else zipped(LOOP, tmp_path / "Loop Habits CSV.zip")
    mum, sam = habit_marks("Call Mum"), habit_marks("Text Sam")
    links = ("--habit", "call mum=Mum", "--habit", "Text Sam=Sam")
    out = ok(run_cli("import", source, *links))
    reaches = entries(db_path, "reach")
    assert sorted((e.who, e.at.date().isoformat()) for e in reaches) == sorted(
        [("Mum", d) for d, v in mum.items() if v in DONE]
        + [("Sam", d) for d, v in sam.items() if v in DONE]
    )
    assert {(e.via, e.note, e.at.time()) for e in reaches if e.who == "Mum"} == {
        ("other", "Call Mum", time(12, 0))
    }
    rests = {e.at.date().isoformat() for e in entries(db_path, "rest")}
    assert rests == {d for d, v in [*mum.items(), *sam.items()] if v in SKIP}
    auto = sum(v in AUTO for v in [*mum.values(), *sam.values()])
    total = len(reaches) + len(rests)
    assert out.splitlines() == [
        f"Imported {total} entries, and 2 new people.",
        f"Left out: {auto} days Loop marked done by itself (YES_AUTO: the week's target was "
        "met; nobody reached out that day); the habits not linked to anyone: Drink water.",
    ]
    assert all(e.at.utcoffset() == timedelta(hours=1) for e in entries(db_path))
    again = ok(run_cli("import", source, *links))
    assert again.startswith(f"Imported 0 entries ({total} already there).")


def test_the_zip_and_the_folder_and_loop_2_1s_top_level_file_agree(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """Loop 2.1 wrote the top-level Checkmarks.csv as unquoted ``Entry(timestamp=…,
    value=2)`` cells, twice the fields of its header; read alone, it gives what the clean
    per-habit files give."""
    top = (FIXTURES / "loop_top_only" / "Checkmarks.csv").read_text().splitlines()
    habits = top[0].rstrip(",").split(",")[1:]
    assert len(top[1].rstrip(",").split(",")) == 1 + 2 * len(habits)
    links = ("--habit", "Call Mum=Mum", "--habit", "Text Sam=Sam")
    found = {}
    for name, source in (
        ("folder", LOOP),
        ("zip", zipped(LOOP, tmp_path / "loop.zip")),
        ("top", FIXTURES / "loop_top_only"),
    ):
        db = tmp_path / f"{name}.json"
        ok(run_cli("--db", db, "import", source, *links))
        found[name] = sorted((e.id, e.kind, e.at, e.who) for e in entries(db))
    assert found["folder"] == found["zip"] == found["top"]
    assert len(found["top"]) == 13


def test_todays_loop_day_read_before_noon_is_now_not_midday(run_cli: RunCli, db_path: Path) -> None:
    """A day is a reach-out at midday; today's, imported at 09:00, would be three hours
    ahead: it is now instead, as ``--at`` reads today's date."""
    morning = datetime(2026, 11, 27, 9, 0, tzinfo=NOW.tzinfo)
    ok(run_cli("import", LOOP, "--habit", "Call Mum=Mum", clock=FixedClock(morning)))
    newest = max(e.at for e in entries(db_path))
    assert newest == morning


def test_a_dry_run_of_a_loop_export_names_the_people_new_and_known(
    run_cli: RunCli, db_path: Path
) -> None:
    ok(run_cli("reach", "mum"))
    before = db_path.read_bytes()
    out = ok(
        run_cli("import", LOOP, "--habit", "Call Mum=Mum", "--habit", "Text Sam=Sam", "--dry-run")
    )
    assert "  10 reach-outs" in out and "  3 rest days" in out
    assert "  1 person new to your people: Sam" in out
    assert "Already in your people: mum." in out
    assert db_path.read_bytes() == before


def test_a_habit_not_in_the_export_is_refused(run_cli: RunCli, db_path: Path) -> None:
    line = refused(run_cli("import", LOOP, "--habit", "Call Dad=Dad"), 2)
    assert "has no habit 'Call Dad'" in line
    assert "its habits are: Call Mum, Drink water, Text Sam" in line
    assert not db_path.exists()


def test_a_bad_checkmark_refuses_the_whole_export(
    run_cli: RunCli, db_path: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "loop"
    shutil.copytree(LOOP, copy)
    marks = copy / "001 Call Mum" / "Checkmarks.csv"
    marks.write_text(marks.read_text().replace("2026-11-25,NO,", "2026-11-25,MAYBE,"))
    line = refused(run_cli("import", copy, "--habit", "Call Mum=Mum"), 2)
    assert "001 Call Mum/Checkmarks.csv line 4: 'MAYBE' is not a checkmark" in line
    assert not db_path.exists()


def test_a_folder_that_is_not_a_loop_export_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    line = refused(run_cli("import", tmp_path), 2)
    assert "is a folder" in line and "no Habits.csv" in line


# --- vCard --------------------------------------------------------------------------------

CONTACTS = FIXTURES / "contacts.vcf"


def cards() -> list[bytes]:
    """The fixture's cards, read plainly."""
    raw = CONTACTS.read_bytes()
    return [b"BEGIN:VCARD" + part for part in raw.split(b"BEGIN:VCARD")[1:]]


def named(card: bytes) -> bool:
    """Whether a card has a name: an FN or N line with more than separators after it."""
    for line in re.split(rb"\r*\n", card):
        head, _, value = line.partition(b":")
        prop = head.split(b";")[0].rsplit(b".", 1)[-1]
        if prop in (b"FN", b"N") and value.strip(b"; "):
            return True
    return False


def test_contacts_become_people_with_their_birthdays_and_rhythms(
    run_cli: RunCli, db_path: Path
) -> None:
    """2.1 (Android quoted-printable UTF-8 with a soft line break; Outlook; Shift_JIS with
    CHARSET), 3.0 (iPhone CR CR LF and a folded line; Google with LF) and 4.0 (--0229),
    CRLF and LF in one file, two cards without a name."""
    raw = CONTACTS.read_bytes()
    assert b"\r\r\n" in raw and b"\r\n" in raw and re.search(rb"[^\r]\n", raw)
    assert b"QUOTED-PRINTABLE" in raw and b"CHARSET=SHIFT_JIS" in raw
    with_name = [c for c in cards() if named(c)]
    nameless = len(cards()) - len(with_name)
    out = ok(run_cli("import", CONTACTS))
    assert out.splitlines() == [
        f"Imported {len(with_name)} people.",
        f"Left out: {nameless} cards without a name.",
    ]
    people = {p.name: p for p in Store(db_path, FixedClock(NOW)).people()}
    assert len(people) == len(with_name) == 7
    assert people["Łucja Ziółkowska"].birthday == "1984-04-15"
    assert people["José García"].birthday is None  # N only, no FN
    assert people["山田 ソウタ"].birthday == "1990-02-03"
    chimamanda = people["Chimamanda Adaeze Okonkwo-Achebe"]  # folded over two lines
    assert (chimamanda.birthday, chimamanda.cadence_days) == ("--09-15", 14)
    assert (people["Sam Smith, Jr."].birthday, people["Sam Smith, Jr."].cadence_days) == (
        "1979-12-01",
        30,
    )
    assert (people["Mum"].birthday, people["Mum"].cadence_days) == ("--02-29", 7)
    assert "Ellis, Jo" in people
    bdays = re.findall(rb"\nBDAY[;:]", raw)
    assert sum(p.birthday is not None for p in people.values()) == len(bdays)

    before = db_path.read_bytes()
    assert ok(run_cli("import", CONTACTS)).startswith("Imported 0 people.")
    assert db_path.read_bytes() == before


def test_a_contact_already_there_gets_the_birthday_it_lacked(
    run_cli: RunCli, db_path: Path
) -> None:
    ok(run_cli("reach", "mum", "--via", "call"))
    before = db_path.read_bytes()
    out = ok(run_cli("import", CONTACTS, "--dry-run"))
    assert "  6 people new to your people: Łucja Ziółkowska, José García, " in out
    assert "  a birthday or rhythm for 1 person you know: mum" in out
    assert "Left out: 2 cards without a name." in out
    assert db_path.read_bytes() == before
    out = ok(run_cli("import", CONTACTS))
    assert out.startswith("Imported 6 people, and a birthday or rhythm for 1 person already there.")
    mum = Store(db_path, FixedClock(NOW)).person("Mum")
    assert (mum.name, mum.birthday, mum.cadence_days) == ("mum", "--02-29", 7)


@pytest.mark.parametrize(
    "old, new, named",
    [
        (b"BDAY:19840415", b"BDAY:1984-13-45", "line 7: the birthday '1984-13-45' is not a date"),
        (b"X-FRM-FREQUENCY:1m", b"X-FRM-FREQUENCY:often", "the rhythm 'often' is not like"),
        (b"FN:Mum\n", b"FN:" + b"M" * 90 + b"\n", "longer than 80 characters"),
        (
            b"END:VCARD\nBEGIN:VCARD\nVERSION:4.0\nitem1",
            b"BEGIN:VCARD\nVERSION:4.0\nitem1",
            "a card without its END:VCARD",
        ),
    ],
    ids=["birthday", "rhythm", "name", "unended"],
)
def test_one_bad_card_refuses_the_whole_file(
    run_cli: RunCli, db_path: Path, tmp_path: Path, old: bytes, new: bytes, named: str
) -> None:
    raw = CONTACTS.read_bytes()
    assert old in raw
    source = tmp_path / "contacts.vcf"
    source.write_bytes(raw.replace(old, new, 1))
    line = refused(run_cli("import", source), 2)
    assert named in line and line.endswith("Nothing was imported.")
    assert not db_path.exists()


def test_a_vcard_line_in_no_charset_it_names_is_refused(
    run_cli: RunCli, db_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "contacts.vcf"
    source.write_bytes(
        b"BEGIN:VCARD\nVERSION:2.1\nFN:" + "Zoë".encode("latin-1") + b"\nEND:VCARD\n"
    )
    line = refused(run_cli("import", source), 2)
    assert "line 3: not UTF-8, and no CHARSET says what it is" in line


# --- the options --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, message",
    [
        (("--moods", "Super"), "--moods takes a mood and its level"),
        (("--moods", "Super=9"), "Give Super a level from 1 to 5"),
        (("--moods", "Super=?"), "Give Super a level from 1 to 5"),
        (("--habit", "Call Mum"), "--habit takes a habit and who it is about"),
        (("--from", "diary"), "invalid choice"),
    ],
)
def test_a_mistyped_option_is_one_line(
    run_cli: RunCli, db_path: Path, args: tuple[str, ...], message: str
) -> None:
    line = refused(run_cli("import", FIXTURES / "daylio_newest.csv", *args), 2)
    assert message in line or "diary" in line
    assert not db_path.exists()


def test_an_option_for_another_app_is_refused(run_cli: RunCli, db_path: Path) -> None:
    line = refused(run_cli("import", CONTACTS, "--moods", "Super=5"), 2)
    assert "--moods is for a Daylio export" in line and "a vCard file of contacts" in line
    line = refused(run_cli("import", FIXTURES / "daylio_newest.csv", "--habit", "A=B"), 2)
    assert "--habit is for a Loop Habit Tracker export" in line


def test_from_says_what_a_file_is_when_its_content_does_not(
    run_cli: RunCli, db_path: Path, tmp_path: Path
) -> None:
    card = tmp_path / "card.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ana\nEND:VCARD\n")
    line = refused(run_cli("import", card, "--from", "daylio"), 2)
    assert "not a Daylio export: line 1 should be its header" in line
    line = refused(run_cli("import", FIXTURES / "daylio_newest.csv", "--from", "vcard"), 2)
    assert "not a vCard file" in line
    assert not db_path.exists()


def test_a_dry_run_of_leanons_own_export_writes_nothing(
    run_cli: RunCli, db_path: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.json"
    ok(run_cli("--db", other, "reach", "Ana", "--at", "2026-11-20T10:00"))
    exported = tmp_path / "export.json"
    ok(run_cli("--db", other, "export", "--output", exported))
    out = ok(run_cli("import", exported, "--dry-run"))
    assert out.splitlines()[:4] == [
        "export.json: a leanon export.",
        "Importing it would add:",
        "  1 reach-out",
        "  dated Friday 20 November 2026",
    ]
    assert not db_path.exists()
