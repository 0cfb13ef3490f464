"""The command line's ``people NAME`` (a person's page) and ``rest-from`` (a rest from one
person): what they print, their JSON, and one line with exit 2 for every mistake."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import NOW, CliResult, RunCli

from storage import FixedClock, Store
from tui.cli import completion_script


def ok(result: CliResult) -> str:
    assert result.code == 0, result.err
    assert result.err == ""
    return result.out


def one_error_line(result: CliResult, code: int = 2) -> str:
    assert result.code == code, (result.out, result.err)
    assert "Traceback" not in result.err
    assert len(result.err_lines) == 1, result.err
    return result.err_lines[0]


def stored(db_path: Path) -> Store:
    return Store(db_path, FixedClock(NOW))


@pytest.fixture
def sam(run_cli: RunCli, db_path: Path) -> Path:
    ok(run_cli("reach", "Sam", "--via", "call", "--note", "about the move", "--at", "20d"))
    ok(run_cli("reach", "Sam", "--at", "9d"))
    ok(run_cli("letin", "let", "Sam", "cook", "--who", "Sam", "--at", "2d"))
    ok(run_cli("reach", "Ana", "--at", "3d"))
    with stored(db_path) as store:
        store.update_person("Sam", cadence_days=14, birthday="--12-01")
    return db_path


# --- people NAME ------------------------------------------------------------------------


def test_people_name_prints_their_page_newest_first(run_cli: RunCli, sam: Path) -> None:
    lines = ok(run_cli("people", "sam")).splitlines()  # any case
    assert lines[0] == "Sam"
    assert "Rhythm: in touch every 14 days." in lines
    assert (
        "Over the last year you were in touch on 3 days, about every 9 days "
        "(the median gap between them)." in lines
    )
    assert "Last let Sam in: 2 days ago." in lines
    assert "Sam's birthday is on Tuesday, 1 December." in lines
    contacts = lines[lines.index("3 reach-outs and let-ins:") + 1 :]
    assert [line.split("  ", 2)[-1] for line in contacts] == [
        "let Sam cook · with Sam",
        "texted Sam",
        "called Sam · about the move",
    ]


def test_people_name_json(run_cli: RunCli, sam: Path) -> None:
    data = run_cli("people", "Sam", "--json").json()
    assert {k: v for k, v in data.items() if k != "entries"} == {
        "name": "Sam",
        "cadence_days": 14,
        "trusted": False,
        "note": None,
        "birthday": "--12-01",
        "resting_until": None,
        "last_contact": "2026-11-26T21:03:00+01:00",
        "days_since": 2,
        "last_let_in": "2026-11-26T21:03:00+01:00",
        "last_year": {"days_in_touch": 3, "median_gap_days": 9.0},
    }
    assert [(e["kind"], e.get("note")) for e in data["entries"]] == [
        ("letin", None),
        ("reach", None),
        ("reach", "about the move"),
    ]


def test_people_without_a_name_is_the_list_as_before(run_cli: RunCli, sam: Path) -> None:
    lines = ok(run_cli("people")).splitlines()
    assert lines[0].split() == ["Name", "Every", "Last", "contact"]
    assert sorted(line.split()[0] for line in lines[1:]) == ["Ana", "Sam"]
    assert not any("resting" in line for line in lines)


@pytest.mark.parametrize(
    "typed, said",
    [
        ("Smm", "did you mean Sam?"),
        ("Zed", "the nearest name is Ana"),
    ],
)
def test_people_with_a_name_that_is_not_one_of_yours_exits_2_with_the_nearest(
    run_cli: RunCli, sam: Path, typed: str, said: str
) -> None:
    line = one_error_line(run_cli("people", typed))
    assert f"nobody called {typed} in your people" in line and said in line


def test_people_name_in_an_empty_file_says_so(run_cli: RunCli) -> None:
    line = one_error_line(run_cli("people", "Sam"))
    assert line == "leanon: there is nobody called Sam in your people yet."


def test_people_name_with_names_asks_for_one_thing(run_cli: RunCli, sam: Path) -> None:
    one_error_line(run_cli("people", "Sam", "--names"))


# --- rest-from --------------------------------------------------------------------------


def test_a_rest_from_someone_until_a_day_and_its_end(run_cli: RunCli, sam: Path) -> None:
    with stored(sam) as store:
        store.update_person("Ana", cadence_days=1)
    assert "It's been a while with Ana" in ok(run_cli("status"))
    out = ok(run_cli("rest-from", "ana", "--until", "1 May"))
    assert out.startswith("Resting from Ana until 1 May 2027:")
    assert stored(sam).person("Ana").resting_until == "2027-05-01"
    assert "It's been a while" not in ok(run_cli("status"))
    people = ok(run_cli("people")).splitlines()
    assert "resting until 1 May 2027" in next(line for line in people if line.startswith("Ana"))
    rows = {row["name"]: row for row in run_cli("people", "--json").json()}
    assert (rows["Ana"]["resting_until"], rows["Sam"]["resting_until"]) == ("2027-05-01", None)
    assert ok(run_cli("rest-from", "Ana", "--end")).startswith("The rest from Ana has ended")
    assert stored(sam).person("Ana").resting_until is None
    assert "It's been a while with Ana" in ok(run_cli("status"))
    assert ok(run_cli("rest-from", "Ana", "--end")) == "There was no rest from Ana to end.\n"


@pytest.mark.parametrize(
    "args, said",
    [
        (["--until", "31 February"], "not a day there is"),
        (["--until", "2020-01-01"], "already past"),
        (["--until", "someday"], "not a day leanon understands"),
        ([], "give --until DAY"),
        (["--until", "1 May", "--end"], "give --until DAY"),
    ],
)
def test_a_bad_rest_exits_2_with_one_line(
    run_cli: RunCli, sam: Path, args: list[str], said: str
) -> None:
    assert said in one_error_line(run_cli("rest-from", "Sam", *args))
    assert stored(sam).person("Sam").resting_until is None


def test_a_rest_from_someone_not_in_your_people_exits_2(run_cli: RunCli, sam: Path) -> None:
    assert "did you mean Sam?" in one_error_line(run_cli("rest-from", "Smm", "--until", "3w"))


def test_rest_from_is_in_help_and_completion(run_cli: RunCli) -> None:
    assert "rest-from" in run_cli("--help").out
    assert "not a rest day" in run_cli("--help").out
    for shell in ("bash", "zsh", "fish"):
        assert "rest-from" in completion_script(shell)
