"""The demo data: seeded and repeatable, believable in shape, and valid for the store."""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from storage import FixedClock, Store
from storage.clock import logical_day
from storage.demo import default_people, generate, write_demo_file
from storage.records import KINDS, VIAS, Entry, Person, name_key
from storage.reflex import is_reflex
from storage.store import validate_entry

CET = timezone(timedelta(hours=1))
END = datetime(2026, 11, 28, 18, 30, tzinfo=CET)


@pytest.fixture(scope="module")
def year() -> tuple[list[Person], list[Entry]]:
    return generate(END, years=1, seed=7)


def test_same_seed_same_records(year: tuple[list[Person], list[Entry]]) -> None:
    assert generate(END, years=1, seed=7) == year


def test_other_seed_other_records(year: tuple[list[Person], list[Entry]]) -> None:
    assert generate(END, years=1, seed=8)[1] != year[1]


def test_a_year_has_about_five_thousand_entries(year: tuple[list[Person], list[Entry]]) -> None:
    people, entries = year
    assert len(people) == 25
    assert 4_000 <= len(entries) <= 6_500


def test_a_decade_has_about_fifty_thousand_entries_and_150_people() -> None:
    people, entries = generate(END, years=10, seed=7, people=150)
    assert len(people) == 150
    assert 45_000 <= len(entries) <= 56_000
    assert entries[0].at >= END - timedelta(days=3653 + 1)


def test_every_entry_is_valid_and_none_is_later_than_end(
    year: tuple[list[Person], list[Entry]],
) -> None:
    people, entries = year
    names = {p.key for p in people}
    for e in entries:
        assert validate_entry(e, now=END) == e
        assert e.at <= END
        if e.who:
            assert name_key(e.who) in names


def test_ids_are_unique_12_hex_chars(year: tuple[list[Person], list[Entry]]) -> None:
    ids = [e.id for e in year[1]]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[0-9a-f]{12}", i) for i in ids)


def test_entries_are_oldest_first(year: tuple[list[Person], list[Entry]]) -> None:
    entries = year[1]
    assert entries == sorted(entries, key=lambda e: (e.at, e.id))


def test_every_kind_and_via_appears(year: tuple[list[Person], list[Entry]]) -> None:
    entries = year[1]
    assert {e.kind for e in entries} == set(KINDS)
    vias = Counter(e.via for e in entries if e.kind == "reach")
    assert set(vias) == set(VIAS)
    assert vias.most_common(1)[0][0] == "text"
    assert vias["letter"] < vias["call"]


def test_people_are_distinct_with_some_trusted_and_some_cadences(
    year: tuple[list[Person], list[Entry]],
) -> None:
    people = year[0]
    assert len({p.key for p in people}) == len(people)
    assert any(p.trusted for p in people)
    assert not all(p.trusted for p in people)
    assert {p.cadence_days for p in people} >= {7, 14, 30, None}


def test_honest_answers_drift_and_reflexes_are_marked(
    year: tuple[list[Person], list[Entry]],
) -> None:
    honest = [e for e in year[1] if e.kind == "honest"]
    assert len({e.score for e in honest}) >= 4
    assert all(e.reflex == is_reflex(e.text) for e in honest)
    assert any(e.reflex for e in honest)
    assert any(e.text and not e.reflex for e in honest)
    # Most days get an honest answer, but not every day.
    days = {logical_day(e.at) for e in year[1]}
    answered = {logical_day(e.at) for e in honest}
    assert 0.7 * len(days) <= len(answered) < 365


def test_times_are_mostly_home_offset_at_waking_hours(
    year: tuple[list[Person], list[Entry]],
) -> None:
    entries = year[1]
    home = sum(e.at.utcoffset() == timedelta(hours=1) for e in entries)
    assert home >= 0.8 * len(entries)
    after_midnight = [e for e in entries if e.at.hour < 4]
    assert after_midnight
    assert len(after_midnight) < 0.1 * len(entries)
    assert not [e for e in entries if 4 <= e.at.hour < 7]


def test_there_are_quiet_gaps_of_a_few_days(year: tuple[list[Person], list[Entry]]) -> None:
    days = sorted({logical_day(e.at) for e in year[1]})
    gaps = [(b - a).days - 1 for a, b in zip(days, days[1:], strict=False) if (b - a).days > 1]
    assert gaps
    assert max(gaps) <= 10


def test_end_must_be_aware() -> None:
    with pytest.raises(ValueError):
        generate(END.replace(tzinfo=None))


def test_people_scale_with_years() -> None:
    assert default_people(1) == 25
    assert default_people(10) == 150


def test_demo_file_opens_with_store_and_holds_the_records(tmp_path: Path) -> None:
    path = tmp_path / "demo.json"
    clock = FixedClock(END)
    write_demo_file(path, clock, years=0.25, seed=3)
    people, entries = generate(END, years=0.25, seed=3, people=default_people(0.25))
    store = Store.open(path, clock)
    assert store.entries() == entries
    assert sorted(p.key for p in store.people()) == sorted(p.key for p in people)


def test_demo_file_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "leanon.json"
    path.write_text("{}")
    with pytest.raises(FileExistsError):
        write_demo_file(path, FixedClock(END), years=0.1)
    assert path.read_text() == "{}"
