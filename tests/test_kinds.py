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
from storage.fields import KIND_SPECS, KINDS, Ask, Field, KindSpec, clean_text, entry_doc_problem
from storage.transfer import export_csv, export_json, read_import
from tui import clibase, grammar
from tui.clibase import Args, confirmation, typed_fields
from tui.grammar import Arg, Command
from tui.screens.forms import FormScreen, edit_screen
from widgets.forms import EntryForm
from widgets.history import entry_words


def test_the_kind_type_names_every_kind_in_the_table() -> None:
    assert KINDS == tuple(KIND_SPECS)


@pytest.fixture
def gratitude(monkeypatch: pytest.MonkeyPatch) -> KindSpec:
    """A throwaway kind, defined through the table alone."""
    spec = KindSpec(
        "gratitude",
        (
            Field(
                "text",
                lambda text: clean_text(text, "thanks"),
                required=True,
                ask=Ask("Thanks for what", missing="What was it? A few words are enough."),
            ),
            Field("who", lambda who: who or None, ask=Ask("To whom (optional)", names=True)),
        ),
        lambda who, via, score, text: f"a thank-you: {text}",
        title="A thank-you",
        after="Kept.",
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

    logged = quick.log_entry(db, "gratitude", NOW, text="the walk")  # type: ignore[arg-type]
    assert logged is not None and logged.said == "a thank-you: the walk"
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


def test_a_command_from_the_table_alone_fills_the_kinds_fields(
    gratitude: KindSpec, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command line: a command naming the kind and its fields is all it takes."""
    command = Command(
        "thanks",
        "log a thank-you",
        "log a thank-you",
        "Log a thank-you.",
        (
            Arg("text", "for what", label="for what", nargs="+", field="text"),
            Arg("--to", "to whom", label="to whom", field="who", complete="names"),
        ),
        quick=True,
        kind="gratitude",
    )
    monkeypatch.setitem(grammar.LOGGING, "thanks", command)
    monkeypatch.setitem(clibase._QUICK, "thanks", clibase._quick_spec(command))
    ns = clibase.quick_args(["thanks", "the", "good", "tea", "--to", "Ana"])
    assert ns is not None
    assert typed_fields(ns) == {"text": "the good tea", "who": "Ana"}
    assert typed_fields(Args(command="thanks", text=[" "], to=None)) == {"text": None, "who": None}
    assert confirmation("a thank-you: tea", "just now", "gratitude") == (
        "Logged: a thank-you: tea, just now. Kept."
    )


async def test_a_kind_from_the_table_alone_is_logged_and_edited_in_the_dashboard(
    gratitude: KindSpec, tmp_path: Path
) -> None:
    """The dashboard's form made from the kind's fields logs it and edits it."""
    from snapshot_apps.common import dashboard_app, settle, write

    db = tmp_path / "leanon.json"
    with Store(db, FixedClock(NOW)) as store:
        store.add_person("Ana")
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.screen.run_action("log('gratitude')")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert str(app.screen.query_one("#dialog").border_title) == "A thank-you"
        await pilot.press("enter")  # nothing typed: the field's own words, nothing saved
        await settle(pilot)
        assert "What was it?" in str(app.screen.query_one(".form-error").render())
        await write(pilot, "the walk")
        await pilot.press("tab")
        await write(pilot, "Ana")
        await pilot.press("enter")
        await settle(pilot)
        with Store(db, FixedClock(NOW)) as store:
            [entry] = store.entries("gratitude")  # type: ignore[arg-type]
        assert (entry.text, entry.who) == ("the walk", "Ana")

        screen = edit_screen(app.screen.access, ["Ana"], entry)  # type: ignore[attr-defined]
        assert screen is not None and isinstance(screen.form, EntryForm)
        app.push_screen(screen)
        await settle(pilot)
        box = app.screen.query_one("#field-text")
        assert box.value == "the walk"  # type: ignore[attr-defined]
        box.value = "the long walk"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
    with Store(db, FixedClock(NOW)) as store:
        [entry] = store.entries("gratitude")  # type: ignore[arg-type]
    assert (entry.text, entry.who) == ("the long walk", "Ana")
