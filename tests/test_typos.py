"""storage.typos and storage.names: which valid word or known name a slip was meant to be."""

from __future__ import annotations

import pytest

from storage.names import meant_sentence, near_names, new_person_sentence
from storage.phrases import or_list
from storage.typos import did_you_mean, edits_apart, nearest_word, use_one_of


@pytest.mark.parametrize(
    ("first", "second", "edits"),
    [
        ("sam", "sam", 0),
        ("sma", "sam", 1),  # two neighbours swapped
        ("sa", "sam", 1),
        ("sxm", "sam", 1),
        ("", "abc", 3),
        ("reech", "reach", 1),
        ("kitten", "sitting", 3),
    ],
)
def test_edits_apart(first: str, second: str, edits: int) -> None:
    assert edits_apart(first, second) == edits == edits_apart(second, first)


@pytest.mark.parametrize(
    ("typed", "choices", "nearest"),
    [
        ("cal", ("text", "call", "voice"), "call"),
        ("reech", ("reach", "rest", "review"), "reach"),
        ("--jsn", ("--db", "--help", "--json"), "--json"),
        ("VIDO", ("video", "visit"), "video"),
        ("pigeon", ("text", "call", "visit"), None),
        ("--x", ("--db",), None),
        ("call", ("call",), None),  # already right: nothing to suggest
    ],
)
def test_nearest_word(typed: str, choices: tuple[str, ...], nearest: str | None) -> None:
    assert nearest_word(typed, choices) == nearest


def test_did_you_mean_is_one_phrase() -> None:
    assert did_you_mean("cal", ["call"]) == "did you mean call?"
    assert did_you_mean("zzz", ["call"]) is None


def test_near_names_are_one_edit_or_a_spacing_away() -> None:
    known = ["Sam", "Sal", "Mary Jane", "Jo", "Ana"]
    assert near_names("Sma", known) == ["Sam"]
    assert near_names("sa", known) == ["Sal", "Sam"]
    assert near_names("MaryJane", known) == ["Mary Jane"]
    assert near_names("Bo", known) == []  # "Jo" and "Bo": too short to call them close
    assert near_names("SAM", ["Sam", "Ana"]) == []  # that is Sam: no one new
    assert near_names("Priya", known) == []


def test_the_new_name_sentences() -> None:
    assert new_person_sentence("Sma") == "Sma is new to your people."
    undo = "`leanon undo`"
    assert meant_sentence("Sma", ["Sam", "Ana"], undo) == (
        "Did you mean Sam? `leanon undo` takes this back."
    )
    assert (
        meant_sentence("Sa", ["Sam", "Sal"], "u") == "Did you mean Sal or Sam? u takes this back."
    )
    assert meant_sentence("Priya", ["Sam"], undo) is None
    assert or_list(["a", "b", "c"]) == "a, b or c"


def test_use_one_of_leads_with_the_nearest() -> None:
    assert use_one_of("jsn", ["json", "csv"]) == "did you mean json? Use one of: json, csv."
    assert use_one_of("xml", ["json", "csv"]) == "use one of: json, csv."
