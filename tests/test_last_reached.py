"""The "Last reached out" panel: each person in one list, every gap in the same words."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import NOW

from storage import FixedClock, Store
from widgets.last_reached import LastReached

DAYS = (1, 3, 6, 7, 8, 13, 16, 29, 45, 400)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """One person per gap in DAYS, Ana past her rhythm, Jo never in touch, Sam today."""
    store = Store(tmp_path / "leanon.json", FixedClock(NOW))
    store.add_person("Ana", cadence_days=7)
    store.add_person("Jo")
    for days in DAYS:
        store.add_reach(f"P{days}", at=NOW - timedelta(days=days))
    store.add_reach("Ana", at=NOW - timedelta(days=9))
    store.add_reach("Sam", at=NOW - timedelta(hours=1))
    return store


@pytest.mark.parametrize("height", [12, 24, 40, 60])
def test_nobody_is_listed_twice(store: Store, height: int) -> None:
    """Before, someone past their rhythm or under "Longest since" was under "Recently in
    touch" too."""
    text = LastReached().content_for(store.summary(), 60, height).plain
    names = re.findall(r"^\s*(?:▸ )?(P\d+|Ana|Jo|Sam)\b", text, flags=re.MULTILINE)
    assert names, text
    assert len(names) == len(set(names)), text
    assert text.startswith("You texted Sam")
    assert "Sam" not in names  # the reach-out at the top is not repeated below it


def test_the_lists_say_what_each_is_for(store: Store) -> None:
    text = LastReached().content_for(store.summary(), 60, 60).plain
    over, longest, recent = (
        text.split("Past the rhythm you chose")[1].split("Longest since")[0],
        text.split("Longest since")[1].split("Recently in touch")[0],
        text.split("Recently in touch")[1],
    )
    assert "Ana" in over
    assert re.findall(r"P\d+", recent) == ["P1", "P3", "P6", "P7"]  # within a week, newest first
    assert re.findall(r"P\d+", longest) == ["P400", "P45", "P29", "P16", "P13", "P8"]
    assert re.search(r"Jo +no contact logged yet", longest)
    assert re.search(r"P16 +16 days", longest)  # days stay days, as everywhere else


@pytest.mark.parametrize("width", [30, 36, 44, 60, 90])
def test_a_rest_is_never_the_part_cut_off(tmp_path: Path, width: int) -> None:
    """At 80 columns a panel is 36 wide, and "3 days ago · call · resting until 20
    December" was cut to "res…": a rest, which changes what the row means, is kept over the
    way of contact, and said as "resting" before anything is cut."""
    store = Store(tmp_path / "leanon.json", FixedClock(NOW))
    store.add_person("Ana", cadence_days=7)
    store.add_reach("Ana", at=NOW - timedelta(days=3), via="call")
    store.add_reach("Bea", at=NOW - timedelta(days=20))
    store.add_reach("Sam", at=NOW - timedelta(hours=1))
    until = (NOW + timedelta(days=19)).date().isoformat()
    store.update_person("Ana", cadence_days=7, resting_until=until)
    store.update_person("Bea", resting_until=until)
    text = LastReached().content_for(store.summary(), width, 40).plain
    for name in ("Ana", "Bea"):
        row = next(line for line in text.splitlines() if line.strip().startswith(name))
        assert "resting" in row and not row.rstrip().endswith("…"), text
        assert len(row) <= width
    if width >= 60:
        assert re.search(r"Ana +3 days ago · call · resting until \d+ \w+", text), text
