"""Issue 15: bringing one's history from another app costs about what leanon's own CSV does.

Ten years of Daylio (4,000 rows) and 2,000 contacts in a vCard file, each imported by a
whole ``leanon import`` process into a fresh data file, against the same number of rows of
leanon's own CSV export imported the same way, taking turns. The Daylio rows and the CSV
rows are the very same answers (the CSV is leanon's export of the imported Daylio file).
The goal is issue 15's: at most twice the time of leanon's own CSV.

The files are made here, deterministically, and kept in ``bench/.data``: a Daylio export
with the newest header, 12- and 24-hour times, notes and activities; contacts as Google
and Android write them (vCard 3.0 with phones, e-mail, an address and a birthday for one
in three; every tenth card a 2.1 one in quoted-printable UTF-8).
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from bench.cli_bench import _BIN, _EXE, _isolated_env, _run
from bench.common import DATA, ROOT, Row, compare, print_table, scratch_dir

REPEAT = 7
GOAL = 2.0
"""Issue 15's goal: at most twice the time of importing leanon's own CSV."""

DAYLIO_ROWS = 4_000
CONTACTS = 2_000

MOODS = ("rad", "good", "good", "meh", "meh", "meh", "bad", "awful")
ACTIVITIES = ("work", "friends", "family", "walk", "reading", "cooking", "sport", "tired")
FIRST = ("Ana", "Sam", "Jo", "Łucja", "José", "Chidi", "Mei", "Olu", "Priya", "Tomás", "Zoë")
LAST = ("Ellis", "García", "Nowak", "Okafor", "Tanaka", "Müller", "Silva", "Haddad", "Khan")


def daylio_file(rows: int = DAYLIO_ROWS) -> Path:
    """A Daylio export of ``rows`` answers over about ten years (made once)."""
    path = DATA / f"daylio-{rows}.csv"
    if path.exists():
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    rng = random.Random(15)
    lines = ["full_date,date,weekday,time,mood,activities,note_title,note"]
    day = date(2026, 11, 27)
    for n in range(rows):
        if n and rng.random() < 0.92:  # about 1.1 answers a day: ten years of them
            day -= timedelta(days=1)
        hour, minute = rng.randrange(6, 24), rng.randrange(60)
        when = (
            f"{hour:02d}:{minute:02d}"
            if n % 3
            else f"{hour % 12 or 12}:{minute:02d} {'PM' if hour >= 12 else 'AM'}"
        )
        acts = " | ".join(rng.sample(ACTIVITIES, rng.randrange(0, 4)))
        title = "A good talk" if rng.random() < 0.1 else ""
        note = f"Day {n}, slept {rng.randrange(4, 10)} hours" if rng.random() < 0.4 else ""
        weekday = day.strftime("%A")
        lines.append(
            f"{day.isoformat()},{day.strftime('%B')} {day.day},{weekday},{when},"
            f'{rng.choice(MOODS)},"{acts}","{title}","{note}"'
        )
    path.write_text("\ufeff" + "\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def contacts_file(count: int = CONTACTS) -> Path:
    """A vCard file of ``count`` contacts (made once)."""
    path = DATA / f"contacts-{count}.vcf"
    if path.exists():
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    rng = random.Random(15)
    cards = []
    for n in range(count):
        first, last = rng.choice(FIRST), f"{rng.choice(LAST)} {n}"
        if n % 10 == 9:  # Android's 2.1, quoted-printable
            qp = "".join(f"={b:02X}" if b > 127 else chr(b) for b in f"{first} {last}".encode())
            cards.append(
                "BEGIN:VCARD\r\nVERSION:2.1\r\n"
                f"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{last};{first};;;\r\n"
                f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp}\r\n"
                f"TEL;CELL:+44 7700 9{n:05d}\r\nEND:VCARD\r\n"
            )
            continue
        born = date(rng.randrange(1950, 2005), rng.randrange(1, 13), rng.randrange(1, 29))
        birthday = f"BDAY:{born.isoformat()}\r\n"
        cards.append(
            "BEGIN:VCARD\r\nVERSION:3.0\r\n"
            f"FN:{first} {last}\r\nN:{last};{first};;;\r\n"
            f"EMAIL;TYPE=INTERNET;TYPE=HOME:{first.lower()}.{n}@example.org\r\n"
            f"TEL;TYPE=CELL:+44 7700 9{n:05d}\r\nTEL;TYPE=HOME:+44 20 7946 {n % 10000:04d}\r\n"
            f"ADR;TYPE=HOME:;;{n} High Street;Leeds;;LS{n % 30} 1AB;United Kingdom\r\n"
            f"ORG:Somewhere Ltd.\r\nCATEGORIES:myContacts\r\n"
            + (birthday if n % 3 == 0 else "")
            + "END:VCARD\r\n"
        )
    path.write_text("".join(cards), encoding="utf-8")
    return path


def run(repeat: int = REPEAT) -> list[Row]:
    """Run the import benchmark, print its table, and return its rows."""
    leanon = ROOT / ".venv" / _BIN / f"leanon{_EXE}"
    work = scratch_dir("import")
    env = _isolated_env(work / "home")
    daylio, contacts = daylio_file(), contacts_file()

    # leanon's own CSV of the same answers: the export of the imported Daylio file.
    made = work / "made.json"
    _run([str(leanon), "--db", str(made), "import", str(daylio)], env)
    own = work / "own.csv"
    _run([str(leanon), "--db", str(made), "export", "--format", "csv", "--output", str(own)], env)
    with own.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    if len(rows) != DAYLIO_ROWS:
        raise RuntimeError(f"the Daylio file imported as {len(rows)} entries, not {DAYLIO_ROWS}")
    own_2000 = work / "own-2000.csv"
    with own_2000.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows([header, *rows[:CONTACTS]])

    def importing(source: Path, db: Path) -> tuple[Callable[[], None], Callable[[], None]]:
        def fresh() -> None:
            for path in db.parent.glob(db.name + "*"):
                path.unlink()

        return (lambda: _run([str(leanon), "--db", str(db), "import", str(source)], env)), fresh

    rows_out: list[Row] = []
    for label, theirs, ours_csv in (
        (f"Daylio, {DAYLIO_ROWS:,} rows", daylio, own),
        (f"vCard, {CONTACTS:,} contacts", contacts, own_2000),
    ):
        app_run, app_fresh = importing(theirs, work / "app" / "leanon.json")
        csv_run, csv_fresh = importing(ours_csv, work / "csv" / "leanon.json")
        for folder in ("app", "csv"):
            (work / folder).mkdir(exist_ok=True)
        app, peer = compare(app_run, csv_run, repeat, ours_setup=app_fresh, peer_setup=csv_fresh)
        rows_out.append(Row(label, app, peer, goal=GOAL))
    title = f"Import from another app vs leanon's own CSV, whole processes (median of {repeat})"
    print_table(title, "app", "own csv", rows_out)
    return rows_out
