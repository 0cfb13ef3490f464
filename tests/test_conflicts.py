"""Two devices, one history: merging a sync tool's conflict copy (storage.conflicts), with
deletions that stay deleted and the later of two edits winning.

Each test makes one history, copies it to a second "device" (another folder), changes
both apart, then puts one device's file beside the other's under the name a sync tool
gives a conflict copy, and merges it as leanon does without being asked.
"""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import orjson
import pytest
from conftest import NOW

from storage import FixedClock, Store, filesafe
from storage.conflicts import Merged, NotMerged, merge_copies
from storage.jsonfile import newest_backup
from storage.store import KEEP_CHANGES, KEEP_CHANGES_DAYS, marks_from_table, marks_table

COPY = "leanon.sync-conflict-20261128-210300-ABCDEFG.json"


def device(folder: Path, at=NOW) -> Store:
    folder.mkdir(parents=True, exist_ok=True)
    return Store(folder / "leanon.json", FixedClock(at))


def start(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    """A shared history of three entries on devices A and B; their files and the ids."""
    a = tmp_path / "a" / "leanon.json"
    with device(a.parent, NOW - timedelta(days=2)) as store:
        ids = [
            store.add_reach("Sam", at=NOW - timedelta(days=2, hours=3)).id,
            store.add_belong("the bus driver waved", at=NOW - timedelta(days=2, hours=2)).id,
            store.add_honest(3, "getting by", at=NOW - timedelta(days=2, hours=1)).id,
        ]
    (tmp_path / "b").mkdir()
    b = tmp_path / "b" / "leanon.json"
    shutil.copyfile(a, b)
    return a, b, ids


def conflict(winner: Path, loser: Path) -> Path:
    """Put ``loser``'s file beside ``winner``'s as a sync tool's conflict copy."""
    copy = winner.parent / COPY
    shutil.copyfile(loser, copy)
    return copy


def ids_in(db: Path) -> set[str]:
    with Store.open(db) as store:
        return {e.id for e in store.entries()}


def merge(db: Path, at=NOW) -> list[Merged | NotMerged]:
    with Store.open(db, FixedClock(at)) as store:
        return merge_copies(store)


@pytest.mark.parametrize(
    "deleter_wins", [True, False], ids=["deleter-is-the-file", "deleter-is-the-copy"]
)
def test_a_deleted_entry_stays_deleted(tmp_path: Path, deleter_wins: bool) -> None:
    """Before: the merge was a union, so the other device's copy brought a deleted entry back."""
    a, b, ids = start(tmp_path)
    with device(a.parent) as store:
        logged_a = store.add_rest().id
    with device(b.parent) as store:
        store.delete_entry(ids[1])
        logged_b = store.add_belong("a neighbour said hello").id
    winner, loser = (b, a) if deleter_wins else (a, b)
    copy = conflict(winner, loser)
    (outcome,) = merge(winner)
    assert isinstance(outcome, Merged)
    assert ids_in(winner) == {ids[0], ids[2], logged_a, logged_b}
    assert not copy.exists()
    assert outcome.result.added == 1
    assert (outcome.result.kept_deleted, outcome.result.removed) == (
        (1, 0) if deleter_wins else (0, 1)
    )
    assert "left deleted" in outcome.line() or "deleted there, deleted here" in outcome.line()


def test_undoing_a_logged_entry_is_a_deletion_too(tmp_path: Path) -> None:
    a, b, ids = start(tmp_path)
    with device(b.parent) as store:
        oops = store.add_reach("Ana").id
    shutil.copyfile(b, a)  # synced
    with device(b.parent) as store:
        assert store.undo() == "texted Ana"
    with device(a.parent) as store:
        store.add_rest()
    conflict(a, b)
    merge(a)
    assert oops not in ids_in(a)


def test_the_copy_is_kept_in_backups_and_never_taken_for_a_daily_backup(tmp_path: Path) -> None:
    a, b, _ = start(tmp_path)
    with device(b.parent) as store:
        store.add_rest()
    copy = conflict(a, b)
    raw = copy.read_bytes()
    (outcome,) = merge(a)
    assert isinstance(outcome, Merged)
    kept = Path(outcome.kept)
    assert kept.parent == a.parent / "backups"
    assert kept.name == f"leanon.json.merged-{COPY}"
    assert kept.read_bytes() == raw
    assert oct(kept.stat().st_mode & 0o777) == "0o600"
    assert newest_backup(a) != kept
    filesafe.make_daily_backup(str(a), "2030-01-01", b"{}", keep=1)  # prunes to one
    assert kept.exists()
    assert str(kept) not in filesafe.daily_backups(str(a))
    assert outcome.line() == (
        f"Merged {COPY}, a second copy a sync tool made: 1 new entry. "
        f"It is kept as backups/leanon.json.merged-{COPY}."
    )


def test_merging_again_adds_nothing(tmp_path: Path) -> None:
    a, b, _ = start(tmp_path)
    with device(b.parent) as store:
        store.add_rest()
    conflict(a, b)
    merge(a)
    before = ids_in(a)
    conflict(a, b)
    (outcome,) = merge(a)
    assert isinstance(outcome, Merged)
    assert ids_in(a) == before
    assert "nothing new in it" in outcome.line()
    assert Path(outcome.kept).name == f"leanon.json.merged-{COPY}.2"


@pytest.mark.parametrize("later", ["here", "there"])
def test_an_entry_edited_on_both_keeps_the_later_edit(tmp_path: Path, later: str) -> None:
    a, b, ids = start(tmp_path)
    early, late = NOW - timedelta(minutes=10), NOW - timedelta(minutes=5)
    with device(a.parent, late if later == "here" else early) as store:
        store.edit_entry(ids[0], note="edited on A")
    with device(b.parent, early if later == "here" else late) as store:
        store.edit_entry(ids[0], note="edited on B")
    conflict(a, b)
    (outcome,) = merge(a)
    assert isinstance(outcome, Merged)
    with Store.open(a) as store:
        assert store.entry(ids[0]).note == ("edited on A" if later == "here" else "edited on B")
    assert outcome.result.edited_both == 1
    if later == "here":  # the copy's edit lost: it is in the kept copy
        assert outcome.before is None
        other = Path(outcome.kept)
    else:  # this file's edit lost: the file as it was is kept beside the copy
        assert outcome.before is not None
        other = Path(outcome.before)
        assert other.name == f"leanon.json.before-merge-{COPY}"
    assert (b"edited on B" if later == "here" else b"edited on A") in other.read_bytes()
    assert f"the later edit is kept, the other in backups/{other.name}." in outcome.line()


def test_an_edit_on_one_side_only_is_taken_quietly(tmp_path: Path) -> None:
    a, b, ids = start(tmp_path)
    with device(b.parent) as store:
        store.edit_entry(ids[2], text="better than I said")
    conflict(a, b)
    (outcome,) = merge(a)
    assert isinstance(outcome, Merged)
    with Store.open(a) as store:
        assert store.entry(ids[2]).text == "better than I said"
    assert outcome.result.replaced == 1 and outcome.result.edited_both == 0
    assert "1 later edit" in outcome.line() and "both devices" not in outcome.line()


def test_an_entry_brought_back_by_undo_is_not_deleted_again(tmp_path: Path) -> None:
    """Deleted on A and synced; A then undid the deletion while B, offline, logged on."""
    a, b, ids = start(tmp_path)
    with device(a.parent, NOW - timedelta(hours=2)) as store:
        store.delete_entry(ids[0])
    shutil.copyfile(a, b)
    with device(a.parent, NOW - timedelta(hours=1)) as store:
        assert store.undo() is not None
    with device(b.parent) as store:
        store.add_rest()
    conflict(b, a)
    merge(b)
    assert ids[0] in ids_in(b)


def test_both_devices_merging_the_same_copies_agree(tmp_path: Path) -> None:
    a, b, ids = start(tmp_path)
    with device(a.parent) as store:
        store.delete_entry(ids[0])
        store.edit_entry(ids[1], text="edited on A")
    with device(b.parent, NOW + timedelta(minutes=1)) as store:
        store.edit_entry(ids[1], text="edited on B")
        store.add_rest()
    a_copy, b_copy = a.read_bytes(), b.read_bytes()
    conflict(a, b)
    merge(a)
    b.write_bytes(a_copy)  # on B, the other way round
    (b.parent / COPY).write_bytes(b_copy)
    merge(b)
    assert orjson.loads(a.read_bytes())["entries"] == orjson.loads(b.read_bytes())["entries"]
    assert orjson.loads(a.read_bytes())["changes"] == orjson.loads(b.read_bytes())["changes"]


def test_every_import_leaves_a_deleted_entry_out_unless_asked(tmp_path: Path) -> None:
    """An export or backup made before a deletion does not bring the entry back."""
    from storage.transfer import export_json, read_import

    a, _, ids = start(tmp_path)
    with Store.open(a, FixedClock(NOW)) as store:
        export = export_json(store.people(), store.entries())
        store.delete_entry(ids[1])
        bundle = read_import(export)
        result = store.import_records(bundle.people, bundle.entries)
        assert (result.added, result.kept_deleted) == (0, 1)
        assert ids[1] not in {e.id for e in store.entries()}
        result = store.import_records(bundle.people, bundle.entries, restore_deleted=True)
        assert result.added == 1
        assert ids[1] in {e.id for e in store.entries()}
        assert ids[1] not in store.marks()


def test_a_copy_that_is_not_a_data_file_is_left_where_it_is(tmp_path: Path) -> None:
    a, _, _ = start(tmp_path)
    copy = a.parent / COPY
    copy.write_text("not json at all")
    (outcome,) = merge(a)
    assert isinstance(outcome, NotMerged)
    assert copy.exists()
    assert outcome.line().startswith(f"{COPY} beside your data file looks like")


def test_conflict_copies_are_told_by_name(tmp_path: Path) -> None:
    folder = tmp_path
    real = folder / "leanon.json"
    real.write_text("{}")
    names = [
        COPY,
        "leanon (Ana's conflicted copy 2026-11-28).json",
        "leanon.json.sync-conflict-20261128-210300-ABCDEFG.lock",
        "leanon.json.sync-conflict-20261128-210300-ABCDEFG.totals-1a2b3c4d",
        "journal.sync-conflict-20261128-210300-ABCDEFG.json",
        "leanon.json.lock",
    ]
    for name in names:
        (folder / name).write_text("{}")
    found = [Path(p).name for p in filesafe.conflict_copies(str(real))]
    assert found == sorted(names[:2])


def test_remembered_changes_are_pruned() -> None:
    old = NOW - timedelta(days=KEEP_CHANGES_DAYS + 1)
    marks = {f"{n:012x}": ("deleted", NOW - timedelta(seconds=n)) for n in range(KEEP_CHANGES + 5)}
    marks["aaaaaaaaaaaa"] = ("edited", old)
    table = marks_table(marks, NOW)  # type: ignore[arg-type]
    kept = marks_from_table(table)
    assert len(kept) == KEEP_CHANGES
    assert "aaaaaaaaaaaa" not in kept
    assert f"{KEEP_CHANGES + 4:012x}" not in kept  # the oldest go first
    assert list(table) == [str(n) for n in range(1, KEEP_CHANGES + 1)]


def test_a_rename_on_one_device_survives_the_merge(tmp_path: Path) -> None:
    a, b, ids = start(tmp_path)
    with device(b.parent) as store:
        store.update_person("Sam", new_name="Samira")
    with device(a.parent) as store:
        store.add_rest()
    conflict(a, b)
    merge(a)
    with Store.open(a) as store:
        assert store.entry(ids[0]).who == "Samira"
