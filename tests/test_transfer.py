"""Export and import formats: pure functions from records to text and back."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, time, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storage.clock import day_name
from storage.errors import InvalidInput
from storage.fields import json_visible
from storage.records import Entry, Person, Suggestion
from storage.transfer import (
    CSV_COLUMNS,
    ImportProblems,
    export_csv,
    export_json,
    export_markdown,
    export_text,
    read_import,
)

CET = timezone(timedelta(hours=1))


def at(d: int, h: int = 12, mi: int = 0, tz: timezone = CET) -> datetime:
    return datetime(2026, 11, d, h, mi, tzinfo=tz)


PEOPLE = (
    Person("Sam", cadence_days=7, trusted=True, note="neighbour"),
    Person("Ana María"),
)
ENTRIES = (
    Entry("a1", "reach", at(24, 10), who="Sam", via="call", note='about "the move", mostly'),
    Entry("a2", "reach", at(26, 2), who="Ana María", via="text"),
    Entry("a3", "honest", at(26, 21), score=2, text="tired, honestly"),
    Entry("a4", "honest", at(27, 9), score=4, text="fine", reflex=True),
    Entry("a5", "belong", at(27, 13), text="the barista remembered my order"),
    Entry("a6", "letin", at(27, 20), text="let Sam cook\nand stay for tea", who="Sam"),
    Entry("a7", "rest", at(28, 12)),
    Entry("a8", "honest", at(28, 8, tz=timezone(timedelta(hours=-5))), score=3),
)
OWN = (Suggestion("Call Gran on Sundays", "small", own=True),)


# --- json -------------------------------------------------------------------------------


def test_json_export_has_the_documented_shape() -> None:
    data = json.loads(export_json(PEOPLE, ENTRIES, OWN, ["Ask for a hug from someone you trust."]))
    assert list(data) == [
        "leanon_export",
        "people",
        "entries",
        "own_suggestions",
        "hidden_suggestions",
    ]
    assert data["hidden_suggestions"] == ["Ask for a hug from someone you trust."]
    assert data["leanon_export"] == 1
    assert data["people"][1] == {
        "name": "Sam",
        "cadence_days": 7,
        "trusted": True,
        "note": "neighbour",
    }
    assert data["entries"][0] == {
        "id": "a1",
        "kind": "reach",
        "at": "2026-11-24T10:00:00+01:00",
        "who": "Sam",
        "via": "call",
        "note": 'about "the move", mostly',
    }
    assert data["own_suggestions"] == [{"text": "Call Gran on Sundays", "effort": "small"}]


def test_json_export_round_trips_exactly() -> None:
    bundle = read_import(export_json(PEOPLE, reversed(ENTRIES), OWN))
    assert bundle.source == "a leanon export"
    assert sorted(bundle.people, key=lambda p: p.key) == sorted(PEOPLE, key=lambda p: p.key)
    assert bundle.entries == tuple(sorted(ENTRIES, key=lambda e: e.at))
    assert bundle.own_suggestions == OWN


def test_json_keeps_non_ascii_readable() -> None:
    assert "Ana María" in export_json(PEOPLE, ENTRIES)


def test_json_problems_name_the_index_and_nothing_comes_back() -> None:
    data = json.loads(export_json(PEOPLE, ENTRIES))
    data["entries"][2]["score"] = 7
    data["entries"][4]["kind"] = "party"
    data["people"][0]["cadence_days"] = 0
    with pytest.raises(ImportProblems) as caught:
        read_import(json.dumps(data))
    assert caught.value.problems == (
        "people[0]: a rhythm (in touch every N days) is a whole number from 1 to 3650",
        "entries[2]: the score is a number from 1 to 5",
        "entries[4]: 'party' is not a kind of entry; use one of: "
        "reach, honest, belong, letin, rest",
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"at": "2026-11-24T10:00"}, "no UTC offset"),
        ({"at": "2026-11-24"}, "a date without a time"),
        ({"at": "soon"}, "not a date and time"),
        ({"at": None}, "the time is missing"),
        ({"via": "pigeon"}, "'pigeon' is not a way to reach out"),
        ({"via": None}, "needs a via"),
        ({"who": ""}, "a name can't be empty"),
        ({"who": 5}, "the name should be text"),
        ({"reflex": "yes"}, "reflex should be true or false"),
        ({"kind": None}, "the kind is missing"),
    ],
)
def test_each_bad_field_is_named(change: dict[str, object], message: str) -> None:
    doc = ENTRIES[0].to_doc() | change
    with pytest.raises(ImportProblems, match=message):
        read_import(json.dumps({"leanon_export": 1, "entries": [doc]}))


@pytest.mark.parametrize("score", ["inf", "-inf", "nan", "", None, True, 2.5, "six"])
def test_a_score_that_is_not_one_to_five_is_named(score: object) -> None:
    doc = {"kind": "honest", "at": "2026-11-24T10:00:00+01:00", "score": score}
    with pytest.raises(ImportProblems, match=r"entries\[0\]: the score is a number from 1 to 5"):
        read_import(json.dumps({"leanon_export": 1, "entries": [doc]}))


def test_an_export_from_a_newer_leanon_is_refused() -> None:
    with pytest.raises(InvalidInput, match="newer leanon"):
        read_import('{"leanon_export": 2, "entries": []}')


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n", "empty"),
        ("{not json", "not valid JSON"),
        ('{"hello": 1}', "not from leanon"),
        ("[1, 2]", "not from leanon"),
        ('{"leanon_export": "one"}', "no version"),
        ('{"leanon_export": 1, "entries": {}}', "entries: should be a list"),
        ("hello,world\n1,2\n", "not a leanon CSV"),
    ],
)
def test_files_that_are_not_leanon_exports(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        read_import(text)


def test_a_byte_order_mark_is_ignored() -> None:
    assert read_import("\ufeff" + export_json(PEOPLE, ENTRIES)).entries


# --- a copy of the data file (a sync conflict) ------------------------------------------


def data_copy(schema: int = 1) -> dict[str, object]:
    return {
        "entries": {str(i): e.to_doc() for i, e in enumerate(ENTRIES, start=1)},
        "people": {"1": {"name": "Sam", "cadence_days": 7, "trusted": True, "note": None}},
        "settings": {"1": {"day_starts_at": "04:00", "own_suggestions": [{"text": "Walk"}]}},
        "undo": {"1": {"summary": "texted Sam", "parts": []}},
        "meta": {"1": {"schema_version": schema}},
    }


def test_a_copy_of_the_data_file_is_read_like_an_export() -> None:
    bundle = read_import(json.dumps(data_copy()))
    assert bundle.source == "a copy of a data file"
    assert bundle.entries == ENTRIES
    assert [p.name for p in bundle.people] == ["Sam"]
    assert bundle.own_suggestions == (Suggestion("Walk", "small", own=True),)


def test_a_copy_from_a_newer_leanon_is_refused() -> None:
    with pytest.raises(InvalidInput, match="newer leanon"):
        read_import(json.dumps(data_copy(schema=99)))


def test_a_copy_with_a_bad_entry_names_its_document() -> None:
    data = data_copy()
    data["entries"]["3"]["score"] = "lots"  # type: ignore[index]
    with pytest.raises(ImportProblems, match=r"entries 3: the score is a number from 1 to 5"):
        read_import(json.dumps(data))


# --- csv --------------------------------------------------------------------------------


def test_csv_header_is_exactly_the_documented_one() -> None:
    text = export_csv(ENTRIES)
    assert text.splitlines()[0] == "id,kind,at,who,via,score,text,reflex"
    assert CSV_COLUMNS == ("id", "kind", "at", "who", "via", "score", "text", "reflex")


def test_csv_has_one_row_per_entry_with_the_reach_note_in_text() -> None:
    rows = list(csv.DictReader(io.StringIO(export_csv(ENTRIES), newline="")))
    assert len(rows) == len(ENTRIES)
    assert rows[0] == {
        "id": "a1",
        "kind": "reach",
        "at": "2026-11-24T10:00:00+01:00",
        "who": "Sam",
        "via": "call",
        "score": "",
        "text": 'about "the move", mostly',
        "reflex": "",
    }
    assert rows[3]["reflex"] == "true" and rows[2]["reflex"] == "false"


def test_csv_round_trips_exactly() -> None:
    bundle = read_import(export_csv(ENTRIES))
    assert bundle.source == "a CSV export"
    assert bundle.entries == tuple(sorted(ENTRIES, key=lambda e: e.at))


def test_csv_without_ids_or_offsets_is_read_with_the_given_offset() -> None:
    text = "kind,at,who,via,text\nreach,2026-11-24 10:00,Sam,call,hi\n"
    (entry,) = read_import(text, tz=CET).entries
    assert entry.id == "" and entry.at == at(24, 10) and entry.note == "hi"


def test_csv_header_is_case_and_space_tolerant_and_order_free() -> None:
    text = " At , KIND ,score\n2026-11-24T10:00+01:00,honest,3\n"
    (entry,) = read_import(text).entries
    assert entry.kind == "honest" and entry.score == 3


def test_csv_problems_name_their_lines_even_after_a_multi_line_text() -> None:
    text = (
        "id,kind,at,who,via,score,text,reflex\n"  # line 1
        'x1,belong,2026-11-24T10:00+01:00,,,,"two\nlines",\n'  # lines 2-3
        "x2,honest,2026-11-24T11:00+01:00,,,6,,\n"  # line 4
        "\n"  # line 5: blank, skipped
        "x3,reach,2026-11-24T12:00+01:00,Sam,pigeon,,,\n"  # line 6
        "x4,honest,2026-11-24T13:00+01:00,,,3,,maybe\n"  # line 7
        "x5,rest,2026-11-24T13:00+01:00,,,,,,extra\n"  # line 8
    )
    with pytest.raises(ImportProblems) as caught:
        read_import(text)
    assert caught.value.problems == (
        "line 4: the score is a number from 1 to 5",
        "line 6: 'pigeon' is not a way to reach out; use one of: "
        "text, call, voice, video, visit, message, meme, letter, other",
        "line 7: reflex should be true or false",
        "line 8: more values than there are columns",
    )
    assert str(caught.value).endswith("; and 1 more")


def test_csv_with_an_unknown_column_is_refused() -> None:
    with pytest.raises(InvalidInput, match="not a leanon CSV"):
        read_import("id,kind,at,mood\n")


def test_csv_with_a_repeated_column_is_refused() -> None:
    with pytest.raises(InvalidInput, match="named twice"):
        read_import("kind,at,at\n")


clean_text = st.text(min_size=1, max_size=60).map(str.strip).filter(bool)


def test_csv_keeps_a_carriage_return_inside_its_field() -> None:
    """A lone "\r" in a text once went out unquoted and split the row in two on import."""
    entry = Entry("c1", "belong", at(20), text="first\rsecond")
    assert read_import(export_csv([entry])).entries == (entry,)


@given(clean_text, clean_text)
def test_csv_round_trips_any_words(words: str, name: str) -> None:
    entries = (
        Entry("b1", "letin", at(20), text=words, who=" ".join(name.split())),
        Entry("b2", "reach", at(21), who=" ".join(name.split()), via="meme", note=words),
    )
    assert read_import(export_csv(entries)).entries == entries


@pytest.mark.parametrize(
    "text", ["=1+2", "+44 20 7946 0000", "-5 outside, still went", "@here", "'=already quoted"]
)
def test_csv_neutralises_formulas_and_import_gives_them_back(text: str) -> None:
    """A text starting with =, +, - or @ went to the CSV as is, and a spreadsheet would run
    it (OWASP: CSV injection); it gets a ' first, which import takes off again."""
    entries = (
        Entry("f1", "belong", at(20), text=text),
        Entry("f2", "reach", at(21), who="@Sam", via="text", note=text),
    )
    exported = export_csv(entries)
    rows = list(csv.reader(io.StringIO(exported)))
    assert rows[1][6] == rows[2][6] == "'" + text
    assert rows[2][3] == "'@Sam"
    assert read_import(exported).entries == entries


def test_csv_cells_round_trip_through_the_quote_rule() -> None:
    from storage.transfer import csv_cell_in, csv_cell_out

    for value in ("=x", "'=x", "''=x", "'plain", "plain", "\tx", "\rx", "", "'"):
        assert csv_cell_in(csv_cell_out(value)) == value
    assert csv_cell_out("'plain") == "'plain"  # only what a spreadsheet would run


# --- markdown ---------------------------------------------------------------------------


def test_markdown_is_grouped_by_logical_day_newest_first() -> None:
    text = export_markdown(ENTRIES)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Saturday 28 November 2026",
        "## Friday 27 November 2026",
        "## Thursday 26 November 2026",
        "## Wednesday 25 November 2026",
        "## Tuesday 24 November 2026",
    ]
    wednesday = text.split("## Wednesday 25 November 2026")[1].split("##")[0]
    assert "- 02:00 texted Ana María" in wednesday  # 02:00 counts for the evening before


def test_markdown_bullets_carry_local_time_and_keep_multi_line_text_inside() -> None:
    text = export_markdown(ENTRIES)
    assert '- 10:00 called Sam: about "the move", mostly' in text
    assert '- 20:00 let Sam in: "let Sam cook\n  and stay for tea"' in text
    assert "- 08:00 honest answer 3 (getting by)" in text  # its own wall clock, UTC-5


def test_markdown_within_a_day_reads_in_order() -> None:
    friday = export_markdown(ENTRIES).split("## Friday 27 November 2026")[1].split("##")[0]
    times = [line[2:7] for line in friday.splitlines() if line.startswith("- ")]
    assert times == ["09:00", "13:00", "20:00"]


def test_markdown_follows_the_day_start() -> None:
    text = export_markdown([ENTRIES[1]], day_starts_at=time(0, 0))
    assert "## Thursday 26 November 2026" in text


def test_a_note_cannot_change_the_journals_structure() -> None:
    """A multi-line note could inject a heading or a fake day, and raw HTML passed
    through. Checked with a real CommonMark parser (tables on, as GitHub renders)."""
    from markdown_it import MarkdownIt

    note = (
        "fine\n## Friday 1 January 2027\n- 23:59 texted Nobody\n1. first\n> quoted\n"
        "---\n===\n```\n<script>alert(1)</script>\n\n        code?\n| a | b |\n|---|---|\n"
        "a \\ backslash and <b>bold</b>"
    )
    entries = [
        Entry("m1", "reach", at(27, 9), who="Sam <img src=x>", via="text", note=note),
        Entry("m2", "belong", at(27, 10), text="<!-- hidden -->\n# also not a heading"),
    ]
    text = export_markdown(entries)
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    kinds = [t.type for t in tokens]
    assert "html_block" not in kinds and "table_open" not in kinds
    assert "code_block" not in kinds and "fence" not in kinds and "hr" not in kinds
    assert "blockquote_open" not in kinds and "ordered_list_open" not in kinds
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == ["leanon journal", "Friday 27 November 2026"]
    assert kinds.count("list_item_open") == 2  # the two entries, and no fake ones
    inline = [t for t in tokens if t.type == "inline"]
    assert not any(c.type == "html_inline" for t in inline for c in t.children or [])
    rendered = MarkdownIt("commonmark").render(text)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "a \\ backslash and &lt;b&gt;bold&lt;/b&gt;" in rendered
    assert "## Friday 1 January 2027" in rendered  # the words are all still there


def test_markdown_of_nothing() -> None:
    assert export_markdown([]) == "# leanon journal\n\nNothing logged yet.\n"


def test_day_names_are_english_and_unpadded() -> None:
    assert day_name(datetime(2026, 3, 1).date()) == "Sunday 1 March 2026"


# --- dispatch ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "csv", "md"])
def test_export_text_dispatches(fmt: str) -> None:
    assert export_text(fmt, PEOPLE, ENTRIES, OWN).endswith("\n")


def test_export_text_refuses_unknown_formats() -> None:
    with pytest.raises(InvalidInput, match="'xml' is not an export format"):
        export_text("xml", PEOPLE, ENTRIES)


def test_the_json_export_is_what_the_stdlib_encoder_would_write() -> None:
    """orjson writes the export (about 15 times quicker on a decade); its bytes must be the
    ones ``json.dumps(indent=2, ensure_ascii=False)`` gives, quirks and all."""
    import storage.transfer as transfer

    text = '\u2028 line\nbreak \x00\x1f\x7f é 😀 "q" \\ / \u202e'
    people = [Person('Ana "Nan" Lopez', cadence_days=7, trusted=True), Person("Zoë")]
    entries = [
        Entry(
            "a1", "reach", datetime(2026, 11, 1, 9, 0, tzinfo=UTC), who="Zoë", via="call", note=text
        ),
        Entry(
            "a2",
            "honest",
            datetime(2026, 11, 2, 9, 0, tzinfo=UTC),
            score=1,
            text="fine",
            reflex=True,
        ),
        Entry("a3", "rest", datetime(2026, 11, 3, 9, 0, tzinfo=UTC)),
    ]
    own = [Suggestion("Ask {who} round", "small", own=True)]
    data = {
        "leanon_export": transfer.EXPORT_VERSION,
        "people": [transfer._person_doc(p) for p in sorted(people, key=lambda p: p.key)],
        "entries": [transfer._entry_doc(e) for e in entries],
        "own_suggestions": [{"text": s.text, "effort": s.effort} for s in own],
        "hidden_suggestions": [],
    }
    expected = json_visible(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
    assert export_json(people, entries, own) == expected
    assert (
        export_json([], [])
        == json_visible(
            json.dumps(
                {
                    "leanon_export": transfer.EXPORT_VERSION,
                    "people": [],
                    "entries": [],
                    "own_suggestions": [],
                    "hidden_suggestions": [],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        + "\n"
    )


# --- the JSON export straight from the documents -------------------------------------------

_ODD_DOCS = [
    {
        "id": "a1",
        "kind": "reach",
        "at": "2026-03-01T10:00:00+01:00",
        "who": "Sam",
        "via": "text",
        "note": None,
    },
    {
        "id": "a2",
        "kind": "reach",
        "at": "2026-03-01T09:00:00.250000+01:00",
        "who": "Sam",
        "via": "call",
        "note": "with a fraction of a second",
    },
    {
        "id": "a3",
        "kind": "honest",
        "at": "2026-03-01T08:00:00-00:00",
        "score": "4",
        "text": "ok",
        "reflex": False,
    },
    {"id": "a4", "kind": "honest", "at": "2026-03-01T08:00:00Z", "score": 2, "text": None},
    {"kind": "belong", "id": "a5", "at": "2026-02-28T23:00:00+00:00", "text": "barista"},
    {"id": "a0", "kind": "letin", "at": "2026-03-01T10:00:00+01:00", "text": "dinner", "who": None},
    {"id": "a6", "kind": "rest", "at": "2026-03-01 12:00:00+05:30"},
    {
        "id": "a7",
        "kind": "honest",
        "at": "2026-03-01T07:00:00+14:00",
        "score": 1,
        "text": "hard",
        "reflex": None,
    },
]


def test_the_export_from_documents_is_the_export_from_records() -> None:
    """Documents in export form are written as they are; any other (a fraction of a second,
    -00:00 or Z, a score in quotes, keys in another order, reflex missing or null, a space
    for the T) the long way: the text is the same as from the records, in the same order."""
    from pathlib import Path

    from storage.store import entry_from_doc
    from storage.transfer import export_json_documents

    people = [Person("Sam", 7, True)]
    entries = [entry_from_doc(doc, Path("x")) for doc in _ODD_DOCS]
    own = [Suggestion("Call {who}", "small", own=True)]
    assert (
        export_json_documents(people, _ODD_DOCS, own) == export_json(people, entries, own).encode()
    )


@given(st.permutations(_ODD_DOCS))
def test_the_export_from_documents_does_not_depend_on_their_order(docs: list) -> None:
    from storage.transfer import export_json_documents

    assert export_json_documents([], docs) == export_json_documents([], _ODD_DOCS)


def test_a_birthday_goes_out_and_comes_back_only_where_it_is_known() -> None:
    people = (Person("Ana", birthday="--04-15"), Person("Sam"))
    data = json.loads(export_json(people, ()))
    assert [p.get("birthday") for p in data["people"]] == ["--04-15", None]
    assert "birthday" not in data["people"][1]
    assert sorted(read_import(export_json(people, ())).people, key=lambda p: p.key) == list(people)


def test_an_export_with_a_birthday_that_is_no_day_is_refused() -> None:
    text = json.dumps({"leanon_export": 1, "people": [{"name": "Ana", "birthday": "1984-13-01"}]})
    with pytest.raises(ImportProblems, match="people\\[0\\]: the birthday 1984-13-01 is not a day"):
        read_import(text)
