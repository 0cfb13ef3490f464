"""Unit tests of the Store facade, each on a real file in tmp_path."""

from __future__ import annotations

import json
import multiprocessing
import os
import stat
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from storage import FixedClock, InvalidInput, NotFound, Person, Store
from storage.records import Entry

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 28, 21, 3, tzinfo=CET)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def store(tmp_path: Path, clock: FixedClock) -> Store:
    return Store(tmp_path / "leanon.json", clock)


def reopen(store: Store) -> Store:
    return Store(store.path, store.clock)


def test_reach_creates_person_and_persists(store: Store) -> None:
    entry = store.add_reach("Sam", via="call", note="about the move")
    assert entry.kind == "reach" and entry.who == "Sam" and entry.via == "call"
    assert entry.at == NOW
    again = reopen(store)
    assert again.entries() == [entry]
    assert [p.name for p in again.people()] == ["Sam"]


def test_names_match_case_insensitively_and_keep_first_spelling(store: Store) -> None:
    store.add_reach("Sam")
    entry = store.add_reach("  sAM ")
    assert entry.who == "Sam"
    assert len(store.people()) == 1
    assert store.person("SAM").name == "Sam"


def test_a_name_typed_another_way_is_saved_and_undone_as_stored(store: Store) -> None:
    """`reach sam` with Sam known saved "Sam", but its undo said "texted sam"; an edit to
    "sam" saved the name as typed."""
    store.add_reach("Sam")
    store.add_reach("sam")
    assert store.pending_undo() == "texted Sam"
    other = store.add_reach("Ana")
    assert store.edit_entry(other.id, who=" SAM ").who == "Sam"


def test_each_kind_round_trips(store: Store) -> None:
    back = NOW - timedelta(days=2)
    made = [
        store.add_honest(2, "tired, honestly", reflex=False, at=back),
        store.add_honest(4, "fine", reflex=True),
        store.add_belong("the barista remembered my order"),
        store.add_letin("let Ana cook dinner", who="Ana"),
        store.add_rest(at=back),
    ]
    again = reopen(store)
    by_id = {e.id: e for e in again.entries()}
    for e in made:
        assert by_id[e.id] == e
    assert again.entries("honest")[0].at == back
    assert again.person("ana").name == "Ana"
    assert again.counts() == {"reach": 0, "honest": 2, "belong": 1, "letin": 1, "rest": 1}


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: s.add_honest(6), "1 to 5"),
        (lambda s: s.add_honest(0), "1 to 5"),
        (lambda s: s.add_honest(True), "1 to 5"),
        (lambda s: s.add_honest(2.5), "1 to 5"),
        (lambda s: s.add_reach(""), "empty"),
        (lambda s: s.add_reach("   "), "empty"),
        (lambda s: s.add_reach("Sam", via="pigeon"), "not a way"),
        (lambda s: s.add_belong(""), "empty"),
        (lambda s: s.add_letin("  "), "empty"),
        (lambda s: s.add_reach("Sam", at=NOW + timedelta(minutes=2)), "future"),
        (lambda s: s.add_person("Sam", cadence_days=0), "rhythm"),
        (lambda s: s.add_reach("x" * 81), "longer"),
    ],
)
def test_invalid_values_raise_one_clear_error(store: Store, call, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        call(store)
    assert not store.path.exists(), "nothing is written for invalid input"


def test_a_minute_ahead_is_allowed(store: Store) -> None:
    entry = store.add_belong("a wave from the neighbour", at=NOW + timedelta(seconds=50))
    assert entry.at > NOW


def test_naive_time_takes_the_clock_offset(store: Store) -> None:
    entry = store.add_rest(at=datetime(2026, 11, 27, 12, 0))
    assert entry.at.utcoffset() == timedelta(hours=1)


def test_edit_and_delete(store: Store) -> None:
    entry = store.add_reach("Sam", via="text")
    edited = store.edit_entry(entry.id, via="call", note="long chat")
    assert store.entry(entry.id) == edited and edited.via == "call"
    with pytest.raises(InvalidInput):
        store.edit_entry(entry.id, score=3, colour="red")
    with pytest.raises(InvalidInput):
        store.edit_entry(entry.id, via="pigeon")
    store.delete_entry(entry.id)
    assert reopen(store).entries() == []
    with pytest.raises(NotFound):
        store.entry(entry.id)


def test_editing_an_honest_answer_re_derives_its_reflex_flag(store: Store) -> None:
    """The flag says the first answer was a quick one. Editing the text kept whatever flag
    there was: "tired" edited to "fine" stayed unflagged."""
    quick = store.add_honest(3, "fine", reflex=True)
    expanded = store.edit_entry(quick.id, text="fine, but the week was long")
    assert expanded.reflex is True  # still a quick first answer, now with more to it
    assert store.edit_entry(quick.id, text="ok").reflex is True
    real = store.add_honest(2, "tired")
    assert real.reflex is False
    assert store.edit_entry(real.id, text="I'm fine").reflex is True  # now only a reflex
    assert store.edit_entry(real.id, score=3).reflex is True  # no new text: kept
    other = store.add_honest(4, "a long walk")
    assert store.edit_entry(other.id, text="a long walk with Jo").reflex is False
    assert store.edit_entry(other.id, text="fine", reflex=False).reflex is False  # as told
    assert reopen(store).entry(real.id).reflex is True


def test_undo_walks_back_each_change(store: Store) -> None:
    assert store.undo() is None
    first = store.add_reach("Sam")
    store.edit_entry(first.id, note="edited")
    store.add_belong("a kind stranger held the door")
    assert store.pending_undo() == "a moment of belonging: a kind stranger held the door"
    assert store.undo() == "a moment of belonging: a kind stranger held the door"
    assert [e.kind for e in store.entries()] == ["reach"]
    assert "edit" in (store.undo() or "")
    assert store.entry(first.id).note is None
    # Undoing the reach also removes the person it created.
    assert store.undo() == "texted Sam"
    assert store.entries() == [] and store.people() == []
    assert store.undo() is None


def test_undo_keeps_the_newest_changes_only(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("storage.filebytes.UNDO_DEPTH", 3)
    for name in ("Ana", "Bo", "Cy", "Di", "Ed"):
        store.add_reach(name)
    raw = json.loads(store.path.read_text())
    assert [doc["summary"] for doc in raw["undo"].values()] == [
        "texted Cy",
        "texted Di",
        "texted Ed",
    ]
    assert list(raw["undo"]) == ["3", "4", "5"]  # numbered as TinyDB numbers documents
    assert [reopen(store).undo() for _ in range(4)] == ["texted Ed", "texted Di", "texted Cy", None]
    assert [e.who for e in store.entries()] == ["Ana", "Bo"]


def test_undo_numbering_stays_right_across_undo_and_new_changes(store: Store) -> None:
    """Undo goes through TinyDB, recording a change does not: they must agree on numbers."""
    store.add_reach("Ana")
    store.add_reach("Bo")
    assert store.undo() == "texted Bo"
    store.add_reach("Cy")
    store.set_day_starts_at(time(5, 0))
    assert store.pending_undo() == "the change of when a day starts"
    assert store.undo() == "the change of when a day starts"
    assert store.undo() == "texted Cy"
    assert store.undo() == "texted Ana"
    assert store.undo() is None


def test_undo_works_from_another_process_view(store: Store) -> None:
    store.add_reach("Sam")
    other = reopen(store)
    assert other.undo() == "texted Sam"
    store.refresh()
    assert store.entries() == []


def test_undo_restores_a_deleted_entry(store: Store) -> None:
    entry = store.add_letin("let Jo drive me to the appointment", who="Jo")
    store.delete_entry(entry.id)
    assert store.undo() is not None
    assert store.entry(entry.id) == entry


def test_entries_by_kind_and_logical_day_range(store: Store) -> None:
    store.add_reach("A", at=datetime(2026, 11, 24, 10, 0, tzinfo=CET))
    late = store.add_reach("B", at=datetime(2026, 11, 26, 2, 0, tzinfo=CET))  # counts for the 25th
    store.add_belong("sun", at=datetime(2026, 11, 26, 12, 0, tzinfo=CET))
    day25 = store.entries(start=date(2026, 11, 25), end=date(2026, 11, 25))
    assert day25 == [late]
    assert [e.kind for e in store.entries("belong")] == ["belong"]
    assert len(store.entries(["reach", "belong"], start=date(2026, 11, 25))) == 2
    assert [e.who for e in store.entries("reach")] == ["A", "B"], "oldest first"


def test_search_over_text_names_and_notes(store: Store) -> None:
    store.add_reach("Samira", note="the ROBOT meme")
    store.add_belong("robot vacuum made me laugh")
    store.add_honest(3, "tired")
    found = store.search("robot")
    assert [e.kind for e in found] == ["belong", "reach"], "newest first"
    assert [e.who for e in store.search("samira")] == ["Samira"]
    assert store.search("  ") == []


def test_people_status_overdue_and_longest_silence(store: Store, clock: FixedClock) -> None:
    store.add_person("Ana", cadence_days=7, trusted=True)
    store.add_person("Bo", cadence_days=30)
    store.add_person("Cy")
    store.add_reach("Ana", at=NOW - timedelta(days=10))
    store.add_reach("Bo", at=NOW - timedelta(days=20))
    store.add_letin("Cy brought soup", who="Cy", at=NOW - timedelta(days=40))
    statuses = store.people_status()
    assert [s.person.name for s in statuses] == ["Ana", "Cy", "Bo"]
    ana = statuses[0]
    assert ana.overdue and ana.days_over == 3 and ana.days_since == 10
    assert statuses[1].days_since == 40 and not statuses[1].overdue
    assert not statuses[2].overdue


def test_people_add_rename_delete(store: Store) -> None:
    store.add_reach("Sam")
    with pytest.raises(InvalidInput, match="already"):
        store.add_person("sam")
    store.update_person("sam", new_name="Samuel", cadence_days=14, trusted=True)
    assert store.people() == [Person("Samuel", 14, True, None)]
    assert store.entries()[0].who == "Samuel", "entries follow a rename"
    store.update_person("Samuel", cadence_days=None)
    assert store.person("samuel").cadence_days is None
    store.delete_person("Samuel")
    assert store.people() == []
    assert store.entries()[0].who == "Samuel", "past entries keep their name"
    assert store.undo() == "removing Samuel"
    assert store.person("Samuel").trusted


def test_settings_live_in_the_same_file(store: Store) -> None:
    store.set_theme("nord")
    store.set_day_starts_at(time(5, 30))
    store.add_own_suggestion("Ask {who} to sit with me while I sort the mail", "tiny")
    with pytest.raises(InvalidInput):
        store.add_own_suggestion("ask {who} to sit with me while I sort the mail")
    again = reopen(store)
    assert again.settings.theme == "nord"
    assert again.settings.day_starts_at == time(5, 30)
    assert again.settings.own_suggestions[0].effort == "tiny"
    raw = json.loads(store.path.read_text())
    assert set(raw) >= {"meta", "settings", "people", "entries", "undo"}
    assert list(raw["meta"].values()) == [{"schema_version": 1}]
    again.remove_own_suggestion("Ask {who} to sit with me while I sort the mail")
    assert reopen(store).settings.own_suggestions == ()


def test_day_starts_at_moves_the_logical_day(store: Store, clock: FixedClock) -> None:
    clock.set(datetime(2026, 11, 29, 3, 0, tzinfo=CET))
    assert store.today() == date(2026, 11, 28)
    store.set_day_starts_at(time(0, 0))
    assert store.today() == date(2026, 11, 29)


def test_suggestion_skip_is_per_day(store: Store, clock: FixedClock) -> None:
    first = store.summary().suggestion
    assert store.skip_suggestion() == 1
    second = store.summary().suggestion
    assert first.text != second.text
    assert reopen(store).summary().suggestion == second, "stays the same all day"
    clock.advance(timedelta(days=1))
    assert store.suggestion_skip() == 0


def test_import_is_idempotent(store: Store, tmp_path: Path) -> None:
    entries = [
        Entry("aaaaaaaaaaaa", "reach", NOW - timedelta(days=1), who="Sam", via="call"),
        Entry("", "belong", NOW - timedelta(days=2), text="market chat"),
    ]
    people = [Person("Ana", 7, True)]
    first = store.import_records(people, entries)
    assert (first.added, first.skipped, first.people_added) == (2, 0, 2)
    second = store.import_records(people, entries)
    assert (second.added, second.skipped, second.people_added) == (0, 2, 0)
    assert len(store.entries()) == 2


def test_external_change_is_picked_up(store: Store) -> None:
    store.add_reach("Sam")
    other = reopen(store)
    other.add_belong("a neighbour waved")
    assert store.refresh() is True
    assert len(store.entries()) == 2
    assert store.refresh() is False


def test_file_and_directory_modes(tmp_path: Path, clock: FixedClock) -> None:
    old = os.umask(0)
    try:
        store = Store(tmp_path / "fresh" / "leanon.json", clock)
        store.add_reach("Sam")
    finally:
        os.umask(old)
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700


def _add_many(path: str, who: str, count: int) -> None:
    store = Store(path, FixedClock(NOW))
    for i in range(count):
        store.add_reach(who, note=str(i))


def test_three_processes_lose_nothing(tmp_path: Path) -> None:
    path = str(tmp_path / "leanon.json")
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_add_many, args=(path, name, 100)) for name in ("A", "B", "C")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    store = Store(path, FixedClock(NOW))
    assert len(store.entries()) == 300
    assert {e.who for e in store.entries()} == {"A", "B", "C"}


def test_theme_and_another_suggestion_are_not_undo_steps(store: Store) -> None:
    """Regression: `u` after `n` used to take back the suggestion skip, not the last log."""
    store.add_belong("the bus driver waited for me")
    store.set_theme("nord")
    store.skip_suggestion()
    assert store.undo() == "a moment of belonging: the bus driver waited for me"
    assert store.settings.theme == "nord"
    assert store.suggestion_skip() == 1


def test_undoing_a_settings_change_keeps_later_settings(store: Store) -> None:
    store.set_day_starts_at(time(6, 0))
    store.set_theme("nord")
    assert store.undo() == "the change of when a day starts"
    assert store.settings.day_starts_at == time(4, 0)
    assert store.settings.theme == "nord"


def test_import_is_a_barrier_for_undo(store: Store) -> None:
    store.add_reach("Sam")
    store.import_records(entries=[Entry("", "belong", NOW, text="market chat")])
    assert store.undo() is None
    assert [e.kind for e in store.entries()] == ["reach", "belong"]


def test_a_malformed_entry_is_a_data_file_error(tmp_path: Path, clock: FixedClock) -> None:
    from storage import DataFileError

    path = tmp_path / "leanon.json"
    good = {"id": "a1", "kind": "honest", "at": "2026-11-27T10:00:00+01:00", "score": 3.0}
    path.write_text(json.dumps({"entries": {"1": good}}))
    assert Store(path, clock).entries()[0].score == 3, "a float score from stdlib json loads"
    bad = {"id": "b2", "kind": "reach", "at": "yesterday-ish", "who": "Sam", "via": "text"}
    path.write_text(json.dumps({"entries": {"1": good, "2": bad}}))
    before = path.read_bytes()
    with pytest.raises(DataFileError, match='entry b2 can\'t be read: its "at" is "yesterday-ish"'):
        Store(path, clock).entries()
    assert path.read_bytes() == before


# --- birthdays and what an import would do ------------------------------------------------


@pytest.mark.parametrize("birthday", ["1984-04-15", "--04-15", "--02-29", "2000-02-29"])
def test_a_birthday_is_kept_in_the_file(store: Store, birthday: str) -> None:
    store.import_records([Person("Ana", birthday=birthday)])
    assert reopen(store).person("Ana").birthday == birthday
    doc = next(iter(json.loads(store.path.read_text())["people"].values()))
    assert doc["birthday"] == birthday


def test_a_person_without_a_birthday_has_the_document_they_always_had(store: Store) -> None:
    store.add_reach("Sam")
    doc = next(iter(json.loads(store.path.read_text())["people"].values()))
    assert list(doc) == ["name", "cadence_days", "trusted", "note"]


@pytest.mark.parametrize(
    "birthday, problem",
    [
        ("1984-02-30", "not a day there is"),
        ("1983-02-29", "1983 had no 29 February"),
        ("--13-01", "not a day there is"),
        ("15/04/1984", "not a date like 1984-04-15"),
        ("1850-01-01", "outside the years 1900 to 2999"),
    ],
)
def test_a_birthday_that_is_no_day_is_refused(birthday: str, problem: str) -> None:
    from storage.fields import clean_birthday

    with pytest.raises(InvalidInput, match=problem):
        clean_birthday(birthday)


def test_an_import_fills_in_a_birthday_and_a_rhythm_but_changes_nothing_else(
    store: Store,
) -> None:
    store.add_person("Ana", cadence_days=14, note="from the choir")
    store.add_person("Sam")
    result = store.import_records(
        [Person("ana", cadence_days=30, note="other", birthday="--04-15"), Person("Sam", 7)]
    )
    assert (result.people_added, result.people_filled) == (0, 2)
    ana, sam = reopen(store).person("Ana"), reopen(store).person("Sam")
    assert (ana.name, ana.cadence_days, ana.note, ana.birthday) == (
        "Ana",
        14,
        "from the choir",
        "--04-15",
    )
    assert sam.cadence_days == 7
    again = store.import_records([Person("ana", birthday="1990-01-01"), Person("Sam", 7)])
    assert again.people_filled == 0
    assert reopen(store).person("Ana").birthday == "--04-15"


def test_planning_an_import_writes_nothing_and_says_what_importing_would(store: Store) -> None:
    store.add_reach("Sam")
    before = store.path.read_bytes()
    entries = [
        Entry("x1", "reach", NOW - timedelta(days=1), who="sam", via="call"),
        Entry("x2", "reach", NOW - timedelta(days=2), who="Jo", via="text"),
        Entry("x2", "reach", NOW - timedelta(days=2), who="Jo", via="text"),
    ]
    plan = store.plan_import([Person("Ana")], entries)
    assert store.path.read_bytes() == before
    assert [p.name for p in plan.people] == ["Ana", "Jo"]
    assert plan.known == ("Sam",)
    assert [e.id for e in plan.entries] == ["x1", "x2"] and plan.skipped == 1
    assert store.import_records([Person("Ana")], entries) == plan.result


def test_an_imported_entry_names_someone_as_they_are_written(store: Store) -> None:
    """A Loop habit linked to "mum" put "mum" on every reach-out beside "Mum" in people."""
    store.add_person("Mum")
    store.import_records(
        [],
        [
            Entry("x1", "reach", NOW, who="mum", via="call"),
            Entry("x2", "letin", NOW, text="tea", who="JO"),
        ],
    )
    assert [e.who for e in reopen(store).entries()] == ["Mum", "JO"]
    assert [p.name for p in reopen(store).people()] == ["JO", "Mum"]
