"""storage.quick: logging by splicing the saved text gives the very bytes the store would write.

Every test here makes two copies of the same data file (and its lock file), logs the same
entry into one through :func:`storage.quick.log_entry` and into the other through
:class:`storage.store.Store`, and compares the files byte for byte, with their backups.
The other half checks that anything unusual leaves the file alone and returns None, so
the caller takes the ordinary path.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zlib
from collections.abc import Callable
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from conftest import CET, NOW
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage import Entry, FixedClock, InvalidInput, Store, filebytes, filesafe, quick
from storage.fields import clean_name
from storage.jsonfile import SafeJSONStorage

ENTRY_ID = "0123456789ab"
EARLIER = NOW - timedelta(days=3)
ROOT = Path(__file__).resolve().parents[1]

Setup = Callable[[Store], object]


def seed(store: Store) -> None:
    """A small, ordinary history: two people, a few entries of each kind."""
    store.add_person("Sam", cadence_days=7, trusted=True, note="the one who texts back")
    store.add_reach("Sam", via="call", at=EARLIER)
    store.add_reach("Ana", at=EARLIER + timedelta(hours=1))
    store.add_honest(2, "tired but here", at=EARLIER + timedelta(hours=2))
    store.add_belong("the bus driver waved", at=EARLIER + timedelta(hours=3))
    store.add_rest(at=EARLIER + timedelta(days=1))


def make(folder: Path, setup: Setup = seed) -> Path:
    db = folder / "leanon.json"
    folder.mkdir(parents=True)
    with Store(db, FixedClock(EARLIER + timedelta(days=1, hours=1))) as store:
        setup(store)
    return db


def twins(tmp_path: Path, setup: Setup = seed) -> tuple[Path, Path]:
    """The same file (lock file and backups too) in two folders: (quick, store)."""
    first = make(tmp_path / "quick", setup)
    shutil.copytree(first.parent, tmp_path / "store")
    return first, tmp_path / "store" / first.name


def by_store(
    db: Path, kind: str, now: datetime, monkeypatch: pytest.MonkeyPatch, **typed: Any
) -> Entry:
    monkeypatch.setattr(Store, "_new_id", lambda self: ENTRY_ID)
    with Store.open(db, FixedClock(now)) as store:
        if kind == "reach":
            return store.add_reach(typed["who"], typed.get("via", "text"), typed.get("note"))
        if kind == "honest":
            return store.add_honest(typed["score"], typed.get("text"), typed.get("reflex", False))
        if kind == "belong":
            return store.add_belong(typed["text"])
        if kind == "letin":
            return store.add_letin(typed["text"], typed.get("who"))
        return store.add_rest()


def folder_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` but the lock file (its token is random by design)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def assert_lock_describes(db: Path) -> None:
    """The lock file's record matches the file: the next quick log can trust it."""
    lock = db.with_name(db.name + ".lock").read_bytes()
    record = filesafe.parse_saved_record(lock)
    raw = db.read_bytes()
    assert record is not None
    tables = list(orjson.loads(raw))
    seed = zlib.crc32("/".join(tables).encode())  # the record's CRC covers its table list too
    assert record[:3] == (len(raw), zlib.crc32(raw, seed), filesafe.SCHEMA_VERSION)
    assert record[3] == tables


def log_both(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    setup: Setup = seed,
    now: datetime = NOW,
    **typed: Any,
) -> tuple[Path, str]:
    fast, slow = twins(tmp_path, setup)
    logged = quick.log_entry(fast, kind, now, entry_id=ENTRY_ID, **typed)  # type: ignore[arg-type]
    entry = by_store(slow, kind, now, monkeypatch, **typed)
    assert logged is not None, "the quick path declined an ordinary file"
    said = logged.said
    assert said == entry.describe()
    assert fast.read_bytes() == slow.read_bytes()
    assert folder_bytes(fast.parent) == folder_bytes(slow.parent)
    assert_lock_describes(fast)
    return fast, said


# --- the same bytes as the store ----------------------------------------------------------

CASES: list[tuple[str, dict[str, Any]]] = [
    ("reach", {"who": "  sam  "}),
    ("reach", {"who": "Jo Ellis", "via": "call"}),
    ("reach", {"who": "Zoë", "via": "letter", "note": 'said "yes"\\ \n\ttabs\x01 and 🌱'}),
    ("honest", {"score": 3, "text": "fine", "reflex": True}),
    ("honest", {"score": "4"}),
    ("belong", {"text": "  the barista remembered my name  "}),
    ("letin", {"text": "let Ana cook dinner", "who": "ana"}),
    ("letin", {"text": "asked a neighbour for help", "who": "Priya"}),
    ("letin", {"text": "said yes to the walk"}),
    ("rest", {}),
]


@pytest.mark.parametrize(
    ("kind", "typed"), CASES, ids=[f"{k}-{i}" for i, (k, _) in enumerate(CASES)]
)
def test_quick_log_writes_what_the_store_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, typed: dict[str, Any]
) -> None:
    log_both(tmp_path, monkeypatch, kind, **typed)


def test_a_known_name_is_logged_as_first_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, said = log_both(tmp_path, monkeypatch, "reach", who="SAM")
    assert said == "texted Sam"
    with Store.open(db) as store:
        assert [p.name for p in store.people()] == ["Ana", "Sam"]
        assert store.pending_undo() == "texted Sam"  # undo says the name as stored too


def test_the_quick_path_says_whether_it_added_a_person(tmp_path: Path) -> None:
    """It knows the people in the file, so it can say a name is new, and near which."""
    db = make(tmp_path / "data")
    known = quick.log_entry(db, "reach", NOW, who="ana")
    assert known is not None and (known.new_person, known.said) == (None, "texted Ana")
    new = quick.log_entry(db, "reach", NOW, who="Sma")
    assert new is not None and new.new_person == "Sma"
    assert new.known == ["Sam", "Ana"]
    nameless = quick.log_entry(db, "belong", NOW, text="tea")
    assert nameless is not None and nameless.new_person is None


def test_a_new_name_becomes_a_person_and_undo_takes_both_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, _ = log_both(tmp_path, monkeypatch, "reach", who="Priya", via="visit")
    with Store.open(db, FixedClock(NOW)) as store:
        assert store.person("priya").name == "Priya"
        assert store.undo() == "visited Priya"
        assert "priya" not in {p.key for p in store.people()}
        assert ENTRY_ID not in {e.id for e in store.entries()}


def test_undo_keeps_only_the_newest_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("storage.filebytes.UNDO_DEPTH", 3)  # one rule for both paths
    db, _ = log_both(tmp_path, monkeypatch, "belong", text="a neighbour said hello")
    with Store.open(db) as store:
        undo = orjson.loads(db.read_bytes())["undo"]
        assert len(undo) == 3
        assert store.pending_undo() == "a moment of belonging: a neighbour said hello"


def test_empty_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def logged_then_undone(store: Store) -> None:
        store.add_reach("Sam")
        store.undo()

    db, _ = log_both(tmp_path, monkeypatch, "reach", setup=logged_then_undone, who="Sam")
    assert len(orjson.loads(db.read_bytes())["entries"]) == 1


def test_tables_in_another_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def reordered(store: Store) -> None:
        seed(store)
        storage = SafeJSONStorage(store.path)
        data = storage.read() or {}
        storage.write(
            {name: data[name] for name in ("meta", "undo", "entries", "settings", "people")}
        )

    log_both(tmp_path, monkeypatch, "letin", setup=reordered, text="phoned Gran back", who="Gran")


def test_the_daily_backup_follows_the_persons_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def late_days(store: Store) -> None:
        seed(store)
        store.set_day_starts_at(time(6, 0))

    early = datetime(2026, 11, 28, 5, 30, tzinfo=CET)  # still the 27th, for this person
    db, _ = log_both(tmp_path, monkeypatch, "rest", setup=late_days, now=early)
    assert (db.parent / "backups" / "leanon.json.2026-11-27.json").exists()


def test_one_quick_log_after_another(tmp_path: Path) -> None:
    db = make(tmp_path / "data")
    for i in range(5):
        assert quick.log_entry(db, "belong", NOW + timedelta(minutes=i), text=f"moment {i}")
        assert_lock_describes(db)
    with Store.open(db) as store:
        assert [e.text for e in store.entries(kinds=("belong",))][-5:] == [
            f"moment {i}" for i in range(5)
        ]


def test_an_open_store_sees_the_quick_entry(tmp_path: Path) -> None:
    """The dashboard keeps the file open; it notices the change like any other save."""
    db = make(tmp_path / "data")
    with Store.open(db, FixedClock(NOW)) as store:
        before = len(store.entries())
        logged = quick.log_entry(db, "reach", NOW, who="Ana", via="video")
        assert logged is not None and logged.said == "video-called Ana"
        assert store.refresh()
        assert len(store.entries()) == before + 1
        store.add_rest()  # and saving from it afterwards keeps the quick entry
    with Store.open(db) as store:
        assert len(store.entries()) == before + 2


text_strategy = st.text(
    alphabet=st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40
).filter(lambda s: bool(s.strip()))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=text_strategy, note=text_strategy)
def test_any_name_and_note(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    note: str,
) -> None:
    tmp_path = tmp_path_factory.mktemp("any")
    try:
        clean_name(name[:80])
    except InvalidInput:  # only spaces: both refuse it, and neither writes
        fast, slow = twins(tmp_path)
        before = fast.read_bytes()
        with pytest.raises(InvalidInput):
            quick.log_entry(fast, "reach", NOW, who=name[:80], note=note)
        with pytest.raises(InvalidInput):
            by_store(slow, "reach", NOW, monkeypatch, who=name[:80], note=note)
        assert fast.read_bytes() == slow.read_bytes() == before
        return
    log_both(tmp_path, monkeypatch, "reach", who=name[:80], note=note)


@given(
    value=st.recursive(
        st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | text_strategy,
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(text_strategy, inner, max_size=4)
        ),
        max_leaves=12,
    ),
    indent=st.sampled_from([0, 2, 4]),
)
def test_encoding_matches_orjson(value: Any, indent: int) -> None:
    expected = orjson.dumps(value, option=orjson.OPT_INDENT_2).replace(b"\n", b"\n" + b" " * indent)
    assert filebytes.encode(value, indent) == expected


# --- when the quick path stands aside --------------------------------------------------


def untouched(db: Path, change: Callable[[Path], object]) -> None:
    """After ``change``, the quick path declines and leaves file and lock file as they are."""
    change(db)
    lock = db.with_name(db.name + ".lock")
    before = (db.read_bytes(), lock.read_bytes() if lock.exists() else None)
    assert quick.log_entry(db, "reach", NOW, who="Sam") is None
    assert (db.read_bytes(), lock.read_bytes() if lock.exists() else None) == before


def test_no_lock_file(tmp_path: Path) -> None:
    untouched(make(tmp_path / "d"), lambda db: db.with_name(db.name + ".lock").unlink())


def test_a_lock_file_from_an_older_leanon(tmp_path: Path) -> None:
    untouched(
        make(tmp_path / "d"), lambda db: db.with_name(db.name + ".lock").write_bytes(b"t" * 16)
    )


def test_an_edit_that_keeps_the_size(tmp_path: Path) -> None:
    def edit(db: Path) -> None:
        raw = db.read_bytes()
        db.write_bytes(raw.replace(b"tired but here", b"tired but HERE"))

    untouched(make(tmp_path / "d"), edit)


def test_an_edit_that_breaks_the_file(tmp_path: Path) -> None:
    untouched(make(tmp_path / "d"), lambda db: db.write_bytes(db.read_bytes()[:-40]))


def test_a_file_from_a_newer_leanon(tmp_path: Path) -> None:
    def newer(db: Path) -> None:
        lock = db.with_name(db.name + ".lock")
        lock.write_bytes(lock.read_bytes().replace(b"schema=1", b"schema=2"))

    untouched(make(tmp_path / "d"), newer)


def test_a_name_with_an_escape(tmp_path: Path) -> None:
    def odd_name(store: Store) -> None:
        store.add_reach('Jo "JJ" Ellis')

    untouched(make(tmp_path / "d", odd_name), lambda db: None)


def test_text_json_cannot_hold_as_utf8(tmp_path: Path) -> None:
    """A lone surrogate (bytes a shell could not decode) is refused before the file is opened."""
    db = make(tmp_path / "d")
    raw = db.read_bytes()
    with pytest.raises(InvalidInput, match="not text"):
        quick.log_entry(db, "belong", NOW, text="half a pair \ud800")
    assert db.read_bytes() == raw


def test_a_last_entry_that_is_not_the_highest(tmp_path: Path) -> None:
    def shuffled(store: Store) -> None:
        seed(store)
        storage = SafeJSONStorage(store.path)
        data = storage.read() or {}
        data["entries"] = dict(reversed(data["entries"].items()))
        storage.write(data)

    untouched(make(tmp_path / "d", shuffled), lambda db: None)


def test_a_failed_write_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = make(tmp_path / "d")

    def full(path: str) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(filesafe, "open_temp", full)
    untouched(db, lambda db: None)


def test_bad_input_is_refused_before_the_file_is_read(tmp_path: Path) -> None:
    db = make(tmp_path / "d")
    raw = db.read_bytes()
    with pytest.raises(InvalidInput, match="pigeon"):
        quick.log_entry(db, "reach", NOW, who="Sam", via="pigeon")
    with pytest.raises(InvalidInput):
        quick.log_entry(db, "honest", NOW, score=6)
    assert db.read_bytes() == raw


# --- several processes at once --------------------------------------------------------


def test_three_processes_logging_at_once_lose_nothing(tmp_path: Path) -> None:
    db = make(tmp_path / "d")
    with Store.open(db) as store:
        before = len(store.entries())
    program = (
        "import sys\n"
        "from datetime import datetime\n"
        "from storage.quick import log_entry\n"
        "now = datetime.fromisoformat(sys.argv[2])\n"
        "declined = sum(\n"
        "    log_entry(sys.argv[1], 'belong', now, text=f'{sys.argv[3]} {i}') is None\n"
        "    for i in range(40)\n"
        ")\n"
        "print(declined)\n"
    )
    children = [
        subprocess.Popen(
            [sys.executable, "-c", program, str(db), NOW.isoformat(), f"writer {n}"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(3)
    ]
    declined = [int(child.communicate(timeout=120)[0]) for child in children]
    assert declined == [0, 0, 0]
    with Store.open(db) as store:
        texts = [e.text for e in store.entries(kinds=("belong",))]
        assert len(store.entries()) == before + 120
    for n in range(3):
        assert [t for t in texts if t and t.startswith(f"writer {n} ")] == [
            f"writer {n} {i}" for i in range(40)
        ]
    assert_lock_describes(db)


# --- many logs in a row --------------------------------------------------------------------

OPERATIONS: st.SearchStrategy[tuple[str, dict[str, Any]]] = st.one_of(
    st.tuples(
        st.just("reach"),
        st.fixed_dictionaries(
            {"who": st.sampled_from(["Sam", "sam", "Ana", "Priya", "Zoë", "Jo Ellis"])},
            optional={"via": st.sampled_from(["text", "call", "visit"]), "note": text_strategy},
        ),
    ),
    st.tuples(
        st.just("honest"),
        st.fixed_dictionaries({"score": st.integers(1, 5)}, optional={"text": text_strategy}),
    ),
    st.tuples(st.just("belong"), st.fixed_dictionaries({"text": text_strategy})),
    st.tuples(
        st.just("letin"),
        st.fixed_dictionaries(
            {"text": text_strategy}, optional={"who": st.sampled_from(["Ana", "Gran", "Noor"])}
        ),
    ),
    st.tuples(st.just("rest"), st.just({})),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(OPERATIONS, min_size=1, max_size=12))
def test_a_run_of_quick_logs_stays_what_the_store_writes(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    steps: list[tuple[str, dict[str, Any]]],
) -> None:
    """Each log lands on the file the previous quick log wrote: nothing drifts over time
    (undo is kept to 4 here, so it is trimmed along the way)."""
    monkeypatch.setattr("storage.filebytes.UNDO_DEPTH", 4)  # one rule for both paths
    fast, slow = twins(tmp_path_factory.mktemp("run"))
    for i, (kind, typed) in enumerate(steps):
        now = NOW + timedelta(minutes=i)
        entry_id = f"{i:012x}"
        logged = quick.log_entry(fast, kind, now, entry_id=entry_id, **typed)  # type: ignore[arg-type]
        monkeypatch.setattr(Store, "_new_id", lambda self, entry_id=entry_id: entry_id)
        with Store.open(slow, FixedClock(now)) as store:
            entry = getattr(store, f"add_{kind}")(**_store_args(kind, typed))
        assert logged is not None and logged.said == entry.describe()
        assert fast.read_bytes() == slow.read_bytes(), f"after step {i}: {kind} {typed}"
    assert_lock_describes(fast)


def _store_args(kind: str, typed: dict[str, Any]) -> dict[str, Any]:
    if kind == "honest":
        return {"score": typed["score"], "words": typed.get("text")}
    return typed


def test_a_file_that_remembers_edits_and_deletions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ``changes`` table (edits and deletions, for merging sync copies) is left as it is
    by a logged entry, on the quick path as in the store, wherever it sits in the file."""

    def edited_and_deleted(store: Store) -> None:
        seed(store)
        first, second, *_ = store.entries()
        store.edit_entry(first.id, note="it was a long call")
        store.delete_entry(second.id)

    db, _ = log_both(tmp_path / "a", monkeypatch, "reach", setup=edited_and_deleted, who="Sam")
    data = orjson.loads(db.read_bytes())
    assert list(data)[-1] == "changes"
    assert sorted(sorted(doc) for doc in data["changes"].values()) == [
        ["deleted", "id"],
        ["edited", "id"],
    ]

    def changes_first(store: Store) -> None:
        edited_and_deleted(store)
        storage = SafeJSONStorage(store.path)
        data = storage.read() or {}
        storage.write({"changes": data.pop("changes"), **data})

    monkeypatch.undo()  # by_store fixed the store's new ids
    log_both(tmp_path / "b", monkeypatch, "belong", setup=changes_first, text="a wave")
