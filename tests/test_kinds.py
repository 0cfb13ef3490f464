"""The one table of kinds (storage.fields.KIND_SPECS): a kind defined there alone is kept
whole by the store, the quick path, edits, undo, the file's check, export and import.

Before, adding a kind "gratitude" to KINDS and entry_fields alone: the store saved it with
no text, the quick path saved the text, an edit wiped the text, and the history list
called it "a day to rest".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import NOW

from storage import FixedClock, Store, quick
from storage.fields import KIND_SPECS, KINDS, Field, KindSpec, clean_text, entry_doc_problem
from storage.transfer import export_csv, export_json, read_import
from widgets.history import entry_words


def test_the_kind_type_names_every_kind_in_the_table() -> None:
    assert KINDS == tuple(KIND_SPECS)


@pytest.fixture
def gratitude(monkeypatch: pytest.MonkeyPatch) -> KindSpec:
    """A throwaway kind, defined through the table alone."""
    spec = KindSpec(
        "gratitude",
        (
            Field("text", lambda text: clean_text(text, "thanks"), required=True),
            Field("who", lambda who: who or None),
        ),
        lambda who, via, score, text: f"a thank-you: {text}",
    )
    monkeypatch.setitem(KIND_SPECS, "gratitude", spec)
    return spec


def test_a_kind_from_the_table_alone_round_trips_everywhere(
    gratitude: KindSpec, tmp_path: Path
) -> None:
    db = tmp_path / "leanon.json"
    clock = FixedClock(NOW)
    with Store(db, clock) as store:
        store.add_reach("Ana")  # a file the quick path can add to
        entry = store.add("gratitude", text="the tea", who="Ana")  # type: ignore[arg-type]
    assert entry.describe() == "a thank-you: the tea"
    docs = json.loads(db.read_text())["entries"].values()
    assert {
        "id": entry.id,
        "kind": "gratitude",
        "at": NOW.isoformat(),
        "text": "the tea",
        "who": "Ana",
    } in docs

    said = quick.log_entry(db, "gratitude", NOW, text="the walk")  # type: ignore[arg-type]
    assert said == "a thank-you: the walk"
    with Store(db, clock) as store:
        texts = {e.text for e in store.entries("gratitude")}  # type: ignore[arg-type]
        assert texts == {"the tea", "the walk"}
        edited = store.edit_entry(entry.id, text="the good tea")
        assert (edited.text, edited.who) == ("the good tea", "Ana")
        assert store.undo() is not None
        assert store.entry(entry.id).text == "the tea"
        entries, people = store.entries(), store.people()
    assert entry_words(store.entry(entry.id)) == "a thank-you: the tea"

    # The file's check of a file leanon did not save: the kind reads, its rules hold.
    assert (
        entry_doc_problem({"id": "g1", "kind": "gratitude", "at": NOW.isoformat(), "text": "ok"})
        is None
    )
    assert (
        entry_doc_problem({"id": "g1", "kind": "gratitude", "at": NOW.isoformat()})
        == 'it has no "text"'
    )

    for text in (export_json(people, entries), export_csv(entries)):
        bundle = read_import(text, tz=NOW.tzinfo)
        back = {e.id: (e.kind, e.text, e.who) for e in bundle.entries if e.kind == "gratitude"}
        assert back == {e.id: (e.kind, e.text, e.who) for e in entries if e.kind == "gratitude"}
