"""Export and import: leanon's records as JSON, CSV or a Markdown journal, and back.

Pure functions over records and text: reading and writing files is the caller's job, and
so is merging (``Store.import_records`` does that, idempotently). Every import is
validated in full before anything is merged, and every problem names its row.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from itertools import groupby
from pathlib import Path
from typing import Any

import orjson

from storage.clock import DEFAULT_DAY_STARTS_AT, day_name, logical_day
from storage.docforms import person_to_doc
from storage.errors import InvalidInput
from storage.fields import (
    KIND_SPECS,
    clean_birthday,
    clean_resting_until,
    clean_score,
    json_visible,
    whole_seconds,
)
from storage.jsonfile import META_TABLE, SCHEMA_VERSION
from storage.reading import numbered_rows
from storage.records import EFFORTS, VIAS, Entry, Mark, Person, Suggestion
from storage.store import (
    CHANGES,
    Store,
    clean_cadence,
    clean_name,
    clean_text,
    entry_from_doc,
    marks_from_table,
    validate_entry,
)

EXPORT_VERSION = 1
"""The version written in ``leanon_export``; a file with a higher one needs a newer leanon."""

FORMATS: tuple[str, ...] = ("json", "csv", "md", "ics")
"""The export formats, the first being the default. ``ics``, a calendar of people's
rhythms rather than of entries, is :mod:`storage.ics`'s."""

CSV_COLUMNS: tuple[str, ...] = ("id", "kind", "at", "who", "via", "score", "text", "reflex")
"""The CSV header, exactly; for a reach-out the note goes in ``text``."""

DATA_TABLES = ("entries", "people", "settings")
"""Tables of a data file that an import of a copy of it (a sync conflict) merges."""

MAX_PROBLEMS_SHOWN = 3
"""How many bad rows an import error names before it just counts the rest."""

_TRUE = frozenset({"true", "yes", "y", "1"})
_FALSE = frozenset({"false", "no", "n", "0", ""})


@dataclass(frozen=True, slots=True)
class Bundle:
    """Records read from an import file, all valid, ready for ``Store.import_records``.

    Attributes:
        people: people to add (names already there are left as they are).
        entries: entries to merge; an empty id means "match on kind, time, who and text".
        own_suggestions: the person's own let-someone-in ideas.
        source: what the file was, in plain words ("a leanon export", "a CSV export",
            "a copy of a data file").
    """

    people: tuple[Person, ...] = ()
    entries: tuple[Entry, ...] = ()
    own_suggestions: tuple[Suggestion, ...] = ()
    source: str = "a leanon export"
    marks: dict[str, Mark] | None = None
    """A copy of a data file's remembered edits and deletions (its ``changes`` table)."""
    hidden_suggestions: tuple[str, ...] = ()
    """The built-in ideas the person chose not to be offered, by their text."""


class ImportProblems(InvalidInput):
    """An import file has rows that cannot be used; nothing of it should be merged.

    Attributes:
        problems: one "where: what" line per bad row, in file order.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        shown = "; ".join(self.problems[:MAX_PROBLEMS_SHOWN])
        more = len(self.problems) - MAX_PROBLEMS_SHOWN
        if more > 0:
            shown += f"; and {more} more"
        super().__init__(shown)


# --------------------------------------------------------------------- export


def export_json(
    people: Iterable[Person],
    entries: Iterable[Entry],
    own_suggestions: Iterable[Suggestion] = (),
    hidden_suggestions: Iterable[str] = (),
) -> str:
    """Everything, complete and re-importable: people, entries, one's own ideas and the
    built-in ideas one hid."""
    docs = [_entry_doc(e) for e in _chronological(entries)]
    return _export_json(people, docs, own_suggestions, hidden_suggestions).decode("utf-8")


def export_json_documents(
    people: Iterable[Person],
    documents: Sequence[dict[str, Any]],
    own_suggestions: Iterable[Suggestion] = (),
    hidden_suggestions: Iterable[str] = (),
    *,
    ready: bool = False,
) -> bytes:
    """:func:`export_json` from the entries' stored documents, as a store checked them.

    The same text, in UTF-8 bytes (to be written as they are: a decade's export is
    millions of characters, which a round trip through ``str`` would copy twice over),
    without making a record of every entry first: a document that already
    is its exported form (leanon wrote it, in whole seconds) is written as it is, and any
    other becomes a record and goes the long way (``tests/test_transfer.py`` checks the
    two agree, for odd documents too).

    Args:
        people: everyone.
        documents: the entries' documents, in the file's order.
        own_suggestions: the person's own ideas.
        hidden_suggestions: the built-in ideas the person hid.
        ready: the totals know the documents are all in export form and in export order
            already (:func:`export_ready`, kept with them): they are written as they are.
    """
    if ready:
        return _export_json(people, list(documents), own_suggestions, hidden_suggestions)
    keyed: list[tuple[datetime, str, int, dict[str, Any]]] = []
    fromisoformat, in_form = datetime.fromisoformat, in_export_form
    for n, doc in enumerate(documents):
        at = fromisoformat(doc["at"])
        if not in_form(doc):
            doc = _entry_doc(entry_from_doc(doc, _DATA_FILE))
        keyed.append((at, doc["id"], n, doc))
    keyed.sort()  # by moment, then id, as _chronological (n keeps documents uncompared)
    return _export_json(people, [item[3] for item in keyed], own_suggestions, hidden_suggestions)


def documents_ready(store: Store) -> bool:
    """Whether the totals of the very bytes ``store`` read say its entries' documents are
    in export form and order (:func:`export_ready`, kept with the totals): checked by key
    and by the CRC-32 of those bytes (the store's own, when it has worked it out)."""
    import zlib

    from storage import totals

    source = store.bytes_source()
    if source is None:
        return False
    key, raw = source
    found = totals.read(store.real_path())
    if found is None or found.key != key:
        return False
    known = store.bytes_crc()
    if known != (found.seed, found.crc) and zlib.crc32(raw, found.seed) != found.crc:
        return False
    if not found.export_ready:
        return False
    if not found.pending:  # the head says it: the facts (the bulk of the totals) stay unread
        return True
    try:  # what the pending entries do to it is worked out as the facts take them in
        return found.facts().get("export_ready") is True
    except (ValueError, TypeError, EOFError, KeyError):
        return False


def in_export_form(doc: dict[str, Any]) -> bool:
    """Whether a stored entry document (one the store accepted) is already exactly what the
    export writes for it: the kind's fields in order, a moment in whole seconds as
    ``isoformat()`` writes it, a whole-number score, and ``reflex`` where the kind has it."""
    get = doc.get
    return (
        tuple(doc) == _EXPORT_SHAPES.get(doc["kind"])
        and _canonical_moment(doc["at"])
        and type(get("score")) in _SCORE_TYPES
        and get("reflex", False) is not None
    )


def export_ready(documents: Sequence[dict[str, Any]]) -> bool:
    """Whether the documents, in the file's order, are each in export form and already in
    the export's order (by moment, then id), so an export can write them as they are."""
    fromisoformat = datetime.fromisoformat
    last: tuple[datetime, str] | None = None
    for doc in documents:
        if not in_export_form(doc):
            return False
        key = (fromisoformat(doc["at"]), doc["id"])
        if last is not None and key < last:
            return False
        last = key
    return True


def _canonical_moment(text: str) -> bool:
    """Whether ``text``, a moment ``datetime.fromisoformat`` read, is already written as
    ``isoformat()`` writes one in whole seconds: ``2026-11-28T17:54:18+01:00``.

    Text checks only (the parse already vouched for the digits): cheaper than writing the
    moment out again to compare, 50,000 times over. ``-00:00`` is read as UTC, which
    ``isoformat()`` writes as ``+00:00``.
    """
    return (
        len(text) == 25
        and text[10] == "T"
        and text[4] == "-"
        and text[7] == "-"
        and text[13] == ":"
        and text[16] == ":"
        and text[19] in "+-"
        and text[22] == ":"
        and text[19:] != "-00:00"
    )


def _export_shapes() -> dict[str, tuple[str, ...]]:
    """Each kind's exported document keys, in order.

    A document of that shape that the store accepted holds text or None in its text fields
    and true or false in ``reflex`` (:func:`storage.fields.entry_doc_problem`, or leanon
    wrote it); only its score may still need tidying (``"4"``).
    """
    return {kind: ("id", "kind", "at", *spec.field_names) for kind, spec in KIND_SPECS.items()}


_EXPORT_SHAPES = _export_shapes()
_DATA_FILE = Path("the data file")  # named in an error only, and the store checked it already
_SCORE_TYPES = (int, type(None))


def _export_json(
    people: Iterable[Person],
    entry_docs: list[dict[str, Any]],
    own_suggestions: Iterable[Suggestion],
    hidden_suggestions: Iterable[str] = (),
) -> bytes:
    data = {
        "leanon_export": EXPORT_VERSION,
        "people": [_person_doc(p) for p in sorted(people, key=lambda p: p.key)],
        "entries": entry_docs,
        "own_suggestions": [{"text": s.text, "effort": s.effort} for s in own_suggestions],
        "hidden_suggestions": list(hidden_suggestions),
    }
    # orjson writes the very bytes json.dumps(indent=2, ensure_ascii=False) would, in a
    # fifteenth of the time on a decade (tests/test_transfer.py checks they agree); a text
    # holding a lone surrogate (from a hand-edited file) is not UTF-8, and orjson refuses
    # it, so then the stdlib writes it and json_visible shows it as its escape.
    try:
        raw = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    else:
        if raw.isascii():  # the usual case: nothing a terminal could act on
            return raw
        text = raw.decode("utf-8")
    # Control and format characters as \u escapes: the same JSON, safe on any terminal.
    return json_visible(text).encode("utf-8")


CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may read as a formula at the start of a cell (OWASP's list for CSV
injection): such a cell is exported with a ``'`` before it, and import takes it off."""


def csv_cell_out(value: str) -> str:
    """A CSV cell a spreadsheet will show rather than run: ``=1+2`` becomes ``'=1+2``.

    A value that already looks that way (``'=1+2`` as typed) gets one more quote, so
    :func:`csv_cell_in` gives back exactly what was there.
    """
    return "'" + value if _looks_neutralised(value) else value


def csv_cell_in(value: str) -> str:
    """The value :func:`csv_cell_out` was given for the cell ``value``."""
    return value[1:] if value.startswith("'") and _looks_neutralised(value[1:]) else value


def _looks_neutralised(value: str) -> bool:
    """Whether ``value`` starts with a formula character after any number of ``'``."""
    return value.lstrip("'").startswith(CSV_FORMULA_STARTS)


def export_csv(entries: Iterable[Entry]) -> str:
    """One row per entry under :data:`CSV_COLUMNS`, oldest first; re-importable exactly.

    A text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
    ``'`` first (:func:`csv_cell_out`), so a spreadsheet shows it instead of running it.
    """
    buffer = io.StringIO()
    # RFC 4180 line ends: with "\r\n" as the terminator the writer also quotes a field holding
    # a lone "\r", which a "\n" terminator would let through to split the row on reading.
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for e in _chronological(entries):
        spec = KIND_SPECS[e.kind]
        text = getattr(e, spec.csv_text)
        row = [
            e.id,
            e.kind,
            whole_seconds(e.at).isoformat(),
            e.who or "",
            e.via or "",
            "" if e.score is None else str(e.score),
            text or "",
            ("true" if e.reflex else "false") if "reflex" in spec.field_names else "",
        ]
        writer.writerow([csv_cell_out(cell) for cell in row])
    return buffer.getvalue()


def export_markdown(entries: Iterable[Entry], day_starts_at: time = DEFAULT_DAY_STARTS_AT) -> str:
    """A journal to read: newest day first, each entry a bullet with its local time.

    Entries are grouped by the logical day they count for, so a text sent at 01:30 sits
    under the evening before; within a day they read in the order they happened. What a
    person wrote stays text (:func:`markdown_text`): a note cannot start a heading, a
    fake day or a list of its own, and HTML in it is shown, not run.
    """
    lines = ["# leanon journal", ""]
    ordered = _chronological(entries)
    if not ordered:
        lines.append("Nothing logged yet.")
    days = groupby(ordered, key=lambda e: logical_day(e.at, day_starts_at))
    for day, group in sorted(((d, list(g)) for d, g in days), key=lambda dg: dg[0], reverse=True):
        lines += [f"## {day_name(day)}", ""]
        lines += [f"- {e.at.strftime('%H:%M')} {_journal_line(e)}" for e in group]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def export_text(
    fmt: str,
    people: Iterable[Person],
    entries: Iterable[Entry],
    own_suggestions: Iterable[Suggestion] = (),
    day_starts_at: time = DEFAULT_DAY_STARTS_AT,
    hidden_suggestions: Iterable[str] = (),
) -> str:
    """The export in format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "json":
        return export_json(people, entries, own_suggestions, hidden_suggestions)
    if fmt == "csv":
        return export_csv(entries)
    if fmt == "md":
        return export_markdown(entries, day_starts_at)
    if fmt == "ics":  # of people's rhythms, not of entries
        raise ValueError("the calendar is made by storage.ics.calendar_ics")
    from storage.typos import use_one_of

    raise InvalidInput(f"'{fmt}' is not an export format; {use_one_of(fmt, FORMATS)}")


def _journal_line(entry: Entry) -> str:
    line = entry.describe()
    if entry.note:
        line += f": {entry.note}"
    return markdown_text(line)


_MARKDOWN_BLOCK_STARTS = frozenset("#>-+*=_~`|")
"""Characters that can start a Markdown block at the start of a line (a heading, a quote,
a list, a rule or a setext underline, a code fence, a table)."""


def markdown_text(text: str) -> str:
    """What a person wrote, as the text of one journal bullet, its structure unchanged.

    Backslashes and ``<`` are escaped everywhere (no raw HTML, no autolink, no escape of
    ours undone). Each further line stays inside the bullet (indented two spaces), blank
    lines are left out (so nothing after them can start a block of its own), and a line
    that would start a block (``## Friday``, ``- 23:00 …``, ``1. ``, ``---``, a fence)
    has that character escaped.
    """
    text = text.replace("\\", "\\\\").replace("<", "\\<")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        body = line.lstrip(" \t")
        if not body:
            continue
        lead = line[: len(line) - len(body)]
        if body[0] in _MARKDOWN_BLOCK_STARTS:
            body = "\\" + body
        else:
            digits = len(body) - len(body.lstrip("0123456789"))
            if 0 < digits <= 9 and body[digits : digits + 1] in (".", ")"):
                body = f"{body[:digits]}\\{body[digits:]}"  # "1. " would start a list
        out.append(f"  {lead}{body}")
    return "\n".join(out)


def _chronological(entries: Iterable[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.at, e.id))


def _entry_doc(entry: Entry) -> dict[str, Any]:
    """An entry's exported document: its stored one, its moment in whole seconds."""
    doc = entry.to_doc()
    if entry.at.microsecond:  # written before moments were whole seconds
        doc["at"] = whole_seconds(entry.at).isoformat()
    return doc


def _person_doc(person: Person) -> dict[str, Any]:
    """A person's exported document: the stored one (a birthday only when known)."""
    return person_to_doc(person)


# --------------------------------------------------------------------- import


def read_import(text: str, *, tz: tzinfo | None = None) -> Bundle:
    """Read an import file's text: a JSON export, a CSV export or a copy of a data file.

    The format is told by the content, not the name. Nothing partial comes back: either
    every row is valid or :class:`ImportProblems` names the bad ones.

    Args:
        text: the file's content.
        tz: the offset for CSV times typed without one (a hand-edited file); when None
            such a time is a problem.

    Raises:
        InvalidInput: the text is not a format leanon reads (ImportProblems for bad rows).
    """
    text = text.removeprefix("\ufeff")
    start = text.lstrip()[:1]
    if start in ("{", "["):
        return _read_json(text)
    if not start:
        raise InvalidInput("The file is empty")
    return _read_csv(text, tz)


def _read_json(text: str) -> Bundle:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"The file is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise InvalidInput("The file is not valid JSON (nested too deeply)") from None
    if isinstance(data, dict) and "leanon_export" in data:
        return _read_export(data)
    if isinstance(data, dict) and any(
        isinstance(data.get(t), dict) for t in (*DATA_TABLES, META_TABLE)
    ):
        return _read_data_copy(data)
    raise InvalidInput(
        "This JSON is not from leanon: expected `leanon export` output or a copy of the data file"
    )


def _read_export(data: Mapping[str, Any]) -> Bundle:
    version = data.get("leanon_export")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InvalidInput("The export has no version leanon knows (leanon_export should be 1)")
    if version > EXPORT_VERSION:
        raise InvalidInput(
            f"The export was made by a newer leanon (version {version}); update leanon to import it"
        )
    problems: list[str] = []
    people = _read_people(_items(data, "people", problems), problems)
    entries = []
    for index, doc in _items(data, "entries", problems):
        entry = _entry_or_problem(doc, f"entries[{index}]", problems, tz=None)
        if entry is not None:
            entries.append(entry)
    own = _read_suggestions(_items(data, "own_suggestions", problems), problems)
    hidden = _read_hidden(_items(data, "hidden_suggestions", problems), problems)
    if problems:
        raise ImportProblems(problems)
    return Bundle(
        tuple(people), tuple(entries), tuple(own), "a leanon export", hidden_suggestions=hidden
    )


def _read_data_copy(data: Mapping[str, Any]) -> Bundle:
    """A copy of the data file itself (a sync conflict, a file from another machine)."""
    meta = data.get(META_TABLE)
    versions = (
        [d.get("schema_version") for d in meta.values() if isinstance(d, dict)]
        if isinstance(meta, dict)
        else []
    )
    newer = [v for v in versions if isinstance(v, int) and v > SCHEMA_VERSION]
    if newer:
        raise InvalidInput(
            f"The file was written by a newer leanon (data format version {newer[0]}); "
            "update leanon to import it"
        )
    problems: list[str] = []
    tables: dict[str, list[tuple[str, Any]]] = {}
    for table in DATA_TABLES:
        docs = data.get(table, {})
        if not isinstance(docs, dict):
            problems.append(f"{table}: should be a table of documents")
            docs = {}
        tables[table] = [(str(k), v) for k, v in docs.items()]
    people = _read_people(tables["people"], problems, label="people")
    entries = []
    for doc_id, doc in tables["entries"]:
        entry = _entry_or_problem(doc, f"entries {doc_id}", problems, tz=None)
        if entry is not None:
            entries.append(entry)
    own: list[Suggestion] = []
    hidden: tuple[str, ...] = ()
    for _, settings in tables["settings"]:
        if isinstance(settings, dict):
            raw = settings.get("own_suggestions") or []
            if isinstance(raw, list):
                own += _read_suggestions(list(enumerate(raw)), problems)
            raw = settings.get("hidden_suggestions") or []
            if isinstance(raw, list):
                hidden += _read_hidden(list(enumerate(raw)), problems)
    if problems:
        raise ImportProblems(problems)
    marks = marks_from_table(data.get(CHANGES))
    return Bundle(tuple(people), tuple(entries), tuple(own), "a copy of a data file", marks, hidden)


def _items(data: Mapping[str, Any], key: str, problems: list[str]) -> list[tuple[int, Any]]:
    value = data.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list):
        problems.append(f"{key}: should be a list")
        return []
    return list(enumerate(value))


def _read_people(
    items: Sequence[tuple[Any, Any]], problems: list[str], label: str = "people"
) -> list[Person]:
    people: dict[str, Person] = {}
    for index, doc in items:
        where = f"{label}[{index}]" if isinstance(index, int) else f"{label} {index}"
        try:
            if not isinstance(doc, dict):
                raise InvalidInput("should be an object with a name")
            trusted = doc.get("trusted", False)
            if not isinstance(trusted, bool):
                raise InvalidInput("trusted should be true or false")
            person = Person(
                name=clean_name(_str_or_none(doc.get("name"), "name")),
                cadence_days=clean_cadence(doc.get("cadence_days")),
                trusted=trusted,
                note=clean_text(_str_or_none(doc.get("note"), "note"), "note", required=False),
                birthday=clean_birthday(_str_or_none(doc.get("birthday"), "birthday")),
                resting_until=clean_resting_until(
                    _str_or_none(doc.get("resting_until"), "resting_until")
                ),
            )
        except InvalidInput as exc:
            problems.append(f"{where}: {plain(exc)}")
            continue
        people.setdefault(person.key, person)
    return list(people.values())


def _read_suggestions(items: Sequence[tuple[int, Any]], problems: list[str]) -> list[Suggestion]:
    own = []
    for index, doc in items:
        where = f"own_suggestions[{index}]"
        try:
            if not isinstance(doc, dict):
                raise InvalidInput("should be an object with a text")
            effort = doc.get("effort", "small")
            if effort not in EFFORTS:
                raise InvalidInput(f"effort is one of: {', '.join(EFFORTS)}")
            text = clean_text(_str_or_none(doc.get("text"), "text"), "suggestion")
            own.append(Suggestion(text or "", effort, own=True))
        except InvalidInput as exc:
            problems.append(f"{where}: {plain(exc)}")
    return own


def _read_hidden(items: Sequence[tuple[int, Any]], problems: list[str]) -> tuple[str, ...]:
    """The texts of the built-in ideas a file hid (one no longer built in is harmless)."""
    hidden = []
    for index, text in items:
        if isinstance(text, str) and text.strip():
            hidden.append(text.strip())
        else:
            problems.append(f"hidden_suggestions[{index}]: should be the text of an idea")
    return tuple(hidden)


def _read_csv(text: str, tz: tzinfo | None) -> Bundle:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise InvalidInput("The file is empty") from None
    except csv.Error as exc:
        raise InvalidInput(f"line 1: {exc}") from None
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if "kind" not in header or "at" not in header or unknown:
        raise InvalidInput(
            "This is not a leanon CSV: line 1 should be the header " + ",".join(CSV_COLUMNS)
        )
    if len(set(header)) != len(header):
        raise InvalidInput("line 1: a column is named twice in the header")
    problems: list[str] = []
    entries: list[Entry] = []
    for line, row in numbered_rows(reader, problems):
        if len(row) > len(header):
            problems.append(f"line {line}: more values than there are columns")
            continue
        doc: dict[str, Any] = dict(zip(header, map(csv_cell_in, row), strict=False))
        entry = _entry_from_csv(doc, f"line {line}", problems, tz)
        if entry is not None:
            entries.append(entry)
    if problems:
        raise ImportProblems(problems)
    return Bundle((), tuple(entries), (), "a CSV export")


def _entry_from_csv(
    row: Mapping[str, str], where: str, problems: list[str], tz: tzinfo | None
) -> Entry | None:
    kind = row.get("kind", "").strip().lower()
    reflex = row.get("reflex", "").strip().lower()
    if reflex not in _TRUE | _FALSE:
        problems.append(f"{where}: reflex should be true or false")
        return None
    text = row.get("text") or None
    doc: dict[str, Any] = {
        "id": row.get("id", "").strip(),
        "kind": kind,
        "at": row.get("at", "").strip(),
        "who": row.get("who") or None,
        "via": (row.get("via") or "").strip().lower() or None,
        "score": (row.get("score") or "").strip() or None,
        "note": text if _csv_text(kind) == "note" else None,
        "text": text if _csv_text(kind) == "text" else None,
        "reflex": reflex in _TRUE,
    }
    return _entry_or_problem(doc, where, problems, tz=tz)


def _csv_text(kind: str) -> str:
    """Which field a CSV row's ``text`` column fills for ``kind`` (the note of a reach-out)."""
    spec = KIND_SPECS.get(kind)
    return spec.csv_text if spec is not None else "text"


def _entry_or_problem(doc: Any, where: str, problems: list[str], tz: tzinfo | None) -> Entry | None:
    try:
        return _entry_from_doc(doc, tz)
    except InvalidInput as exc:
        problems.append(f"{where}: {plain(exc)}")
        return None


def _entry_from_doc(doc: Any, tz: tzinfo | None) -> Entry:
    """A valid Entry from an exported document, or InvalidInput saying what is wrong."""
    if not isinstance(doc, dict):
        raise InvalidInput("should be an object with a kind and a time")
    kind = doc.get("kind")
    if kind not in KIND_SPECS:
        shown = "" if kind is None else str(kind)
        kinds = ", ".join(KIND_SPECS)
        if not shown:
            raise InvalidInput(f"the kind is missing; use one of: {kinds}")
        raise InvalidInput(f"'{shown}' is not a kind of entry; use one of: {kinds}")
    ident = doc.get("id") or ""
    if not isinstance(ident, str | int) or isinstance(ident, bool):
        raise InvalidInput("the id should be text")
    via = doc.get("via")
    if kind == "reach" and not via:
        raise InvalidInput(f"a reach-out needs a via: one of {', '.join(VIAS)}")
    reflex = doc.get("reflex", False)
    if not isinstance(reflex, bool):
        raise InvalidInput("reflex should be true or false")
    entry = Entry(
        id=str(ident).strip(),
        kind=kind,
        at=_moment(doc.get("at"), tz),
        who=_str_or_none(doc.get("who"), "name"),
        via=_str_or_none(via, "via"),
        note=_str_or_none(doc.get("note"), "note"),
        score=_score(doc.get("score")) if "score" in KIND_SPECS[kind].field_names else None,
        text=_str_or_none(doc.get("text"), "text"),
        reflex=reflex,
    )
    return validate_entry(entry)


def _moment(value: Any, tz: tzinfo | None) -> datetime:
    example = "like 2026-11-24T18:30:00+01:00"
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(f"the time is missing; it should be a date and time {example}")
    value = value.strip()
    try:
        date.fromisoformat(value)
    except ValueError:
        pass
    else:
        raise InvalidInput(f"'{value}' is a date without a time; write it {example}")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"'{value}' is not a date and time {example}") from None
    if moment.tzinfo is None:
        if tz is None:
            raise InvalidInput(f"'{value}' has no UTC offset; write it {example}")
        moment = moment.replace(tzinfo=tz)
    return moment


def _score(value: Any) -> int:
    if value is None or value == "":
        raise InvalidInput("the score is a number from 1 to 5")
    return clean_score(value)


def _str_or_none(value: Any, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"the {what} should be text")
    return value


_LOWERED = frozenset({"A", "An", "The", "That", "This", "There", "Each", "Nothing", "Effort"})


def plain(error: BaseException | str) -> str:
    """An error's text as the tail of a sentence: "The score is..." -> "the score is..."."""
    text = str(error).strip().rstrip(".")
    first, _, rest = text.partition(" ")
    if first in _LOWERED:
        return f"{first.lower()} {rest}".rstrip()
    return text
