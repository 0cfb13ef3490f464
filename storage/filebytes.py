"""The data file's bytes, owned in one place: layout, encoder, document numbers, undo.

A leanon save writes the whole file (:func:`dump`: orjson, indented by two spaces, a
newline at the end), and the command line's quick path (:mod:`storage.quick`) adds one
entry into those same bytes without parsing them (:class:`Layout`, :func:`doc_text`). Both
follow the rules here, which ``tests/test_quick.py`` checks byte for byte:

* the layout: ``{``, then each table as ``\\n  "name": {`` with one document a line
  group, indented four spaces (``\\n    "N": {``), and ``\\n}\\n`` at the end;
* documents are numbered as TinyDB numbers them: one past the highest
  (:func:`next_doc_number`);
* the undo table keeps the newest :data:`~storage.fields.UNDO_DEPTH` changes
  (:func:`undo_dropped`).

Light on purpose (the quick path reads it): orjson is imported only by :func:`dump`.
"""

from __future__ import annotations

from storage.fields import UNDO_DEPTH

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

DOC_LINE = b'\n    "'  # the start of a document's line in a table: exactly four spaces
FILE_TAIL = b"\n}\n"  # how a saved file ends


class NotAsSaved(Exception):
    """The bytes are not laid out as a leanon save lays them out; nothing was changed."""


# --------------------------------------------------------------------- the entry point


def next_doc_number(numbers: Iterable[int]) -> int:
    """The number of a table's next document: one past the highest, as TinyDB numbers them."""
    return max(numbers, default=0) + 1


def undo_dropped(numbers: Iterable[int], new: int) -> set[int]:
    """The undo records to drop when record ``new`` joins those numbered ``numbers``: all
    but the newest :data:`UNDO_DEPTH`."""
    ordered = sorted({*numbers, new})
    return set(ordered[: max(0, len(ordered) - UNDO_DEPTH)])


def dump(data: dict[str, Any]) -> bytes:
    """The whole file as a save writes it: indented UTF-8 JSON with a trailing newline."""
    import json

    import orjson

    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:
        # Values orjson refuses but stdlib json handles (huge ints, lone surrogates): better a
        # file with some \\u escapes than a file that can never be saved again.
        return (json.dumps(data, indent=2, ensure_ascii=True) + "\n").encode("ascii")


class Table:
    """One top-level table of a saved file: where it sits, and its documents' keys.

    ``start`` is the newline before ``"name": ``; ``end`` is where the next table's
    newline starts (or the file's closing ``\\n}``). ``close`` is the newline before the
    table's own closing brace (the end of its last document).
    """

    def __init__(self, raw: bytes, name: str, start: int, end: int, last: bool) -> None:
        self.raw, self.name, self.start, self.end, self.last = raw, name, start, end, last
        head = b'\n  "%s": ' % name.encode("ascii")
        if raw[start : start + len(head)] != head:
            raise NotAsSaved
        self.value = start + len(head)
        tail = b"\n  }" if last else b"\n  },"
        # Measured before it is sliced: the entries table can be tens of megabytes, and a
        # copy of it only to see whether it is "{}" cost the quick path a third of its time.
        if end - self.value <= 3 and raw[self.value : end] in (b"{}", b"{},"):
            if raw[self.value : end] != (b"{}" if last else b"{},"):
                raise NotAsSaved
            self.docs = False
            self.close = self.value + 1
        elif raw[self.value : self.value + 2] == b"{\n" and raw[end - len(tail) : end] == tail:
            self.docs = True
            self.close = end - len(tail)
        else:
            raise NotAsSaved

    def next_id(self) -> int:
        """One past the highest document number, as TinyDB numbers new documents.

        Reads every key: for the small tables only.
        """
        return next_doc_number(self.keys())

    def after_last(self) -> int:
        """One past the last document's number, without reading the others.

        The store always adds a document at the end with the next number, so this is the
        highest as well; the caller checks it is free before using it.
        """
        if not self.docs:
            return 1
        line = self.raw.rfind(DOC_LINE, self.value, self.close)
        return key_at(self.raw, line) + 1

    def keys(self) -> list[int]:
        """Every document number, in file order (for the small tables only)."""
        return [key for key, _, _ in self._docs()]

    def _docs(self) -> list[tuple[int, int, int]]:
        """(number, start, end) of each document's text ``"N": {...}`` in the table."""
        if not self.docs:
            return []
        found: list[tuple[int, int]] = []
        line = self.raw.find(DOC_LINE, self.value, self.close + 1)
        while line != -1:
            found.append((key_at(self.raw, line), line + len(DOC_LINE) - 1))
            line = self.raw.find(DOC_LINE, line + 1, self.close + 1)
        if not found or found[0][1] != self.value + 6:
            raise NotAsSaved
        ends = [start - len(b",\n    ") for _, start in found[1:]] + [self.close]
        return [(key, start, end) for (key, start), end in zip(found, ends, strict=True)]

    def with_docs(self, dropped: set[int], added: dict[str, Any]) -> bytes:
        """The table's whole text (from its newline) without ``dropped``, plus ``added``."""
        kept = [self.raw[start:end] for key, start, end in self._docs() if key not in dropped]
        kept += [doc_text(int(key), doc) for key, doc in added.items()]
        head = self.raw[self.start : self.value]
        body = b"{\n    " + b",\n    ".join(kept) + b"\n  }" if kept else b"{}"
        return head + body + (b"" if self.last else b",")


def key_at(raw: bytes, line: int) -> int:
    """The document number on the line starting at ``line`` (``\\n    "N": {``)."""
    start = line + len(DOC_LINE)
    stop = raw.find(b'": {', start, start + 24)
    digits = raw[start:stop]
    if stop == -1 or not digits.isdigit() or not digits.isascii():
        raise NotAsSaved
    return int(digits)


class Layout:
    """Where each table of a saved file is, found without reading the entries.

    Tables before ``entries`` are found searching forward from the start, the ones after
    it searching back from the end, so the long entries table itself is never scanned.
    """

    def __init__(self, raw: bytes, tables: list[str]) -> None:
        if not raw.startswith(b"{\n") or not raw.endswith(FILE_TAIL):
            raise NotAsSaved
        self.raw = raw
        keys = [b'\n  "%s": ' % name.encode("ascii") for name in tables]
        middle = tables.index("entries")
        starts = [0] * len(tables)
        position = 1
        for i in range(middle + 1):
            position = raw.find(keys[i], position)
            if position == -1:
                raise NotAsSaved
            starts[i] = position
            position += 1
        limit = self.body_end = len(raw) - len(FILE_TAIL)
        for i in range(len(tables) - 1, middle, -1):
            limit = raw.rfind(keys[i], starts[middle], limit)
            if limit == -1:
                raise NotAsSaved
            starts[i] = limit
        if starts[0] != 1:
            raise NotAsSaved
        ends = [*starts[1:], self.body_end]
        self.order = tables
        self.tables = {
            name: Table(raw, name, starts[i], ends[i], i == len(tables) - 1)
            for i, name in enumerate(tables)
        }

    def table(self, name: str) -> Table:
        return self.tables[name]

    def pieces(
        self, replaced: dict[str, bytes | None], entries: Table, inserted: bytes
    ) -> list[memoryview | bytes]:
        """The new file: every table as it was, except the replaced ones and the new entry."""
        view = memoryview(self.raw)
        out: list[memoryview | bytes] = [view[: self.tables[self.order[0]].start]]
        for name in self.order:
            table = self.tables[name]
            new = replaced.get(name)
            if new is not None:
                out.append(new)
            elif table is entries:
                if table.docs:
                    out += [view[table.start : table.close], b",\n    " + inserted]
                    out.append(view[table.close : table.end])
                else:
                    out.append(view[table.start : table.value])
                    out.append(b"{\n    " + inserted + b"\n  }" + (b"" if table.last else b","))
            else:
                out.append(view[table.start : table.end])
        out.append(view[self.body_end :])
        return out


ESCAPES = {i: f"\\u{i:04x}" for i in range(0x20)}
ESCAPES.update({0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r"})
ESCAPES.update({ord('"'): '\\"', ord("\\"): "\\\\"})


def doc_text(key: int, doc: dict[str, Any]) -> bytes:
    """A document as a table holds it: ``"N": {`` and its fields, indented for its place."""
    return b'"%d": %s' % (key, encode(doc, 4))


def encode(value: Any, indent: int) -> bytes:
    """``value`` as the data file writes it: JSON indented by two spaces a level, UTF-8.

    The same bytes ``orjson.dumps(value, option=OPT_INDENT_2)`` gives, with the value's own
    lines shifted right by ``indent`` spaces, for the types a document holds (str, int,
    bool, None, lists and dicts with string keys).
    """
    if value is None:
        return b"null"
    if value is True:
        return b"true"
    if value is False:
        return b"false"
    if isinstance(value, int):
        return str(value).encode("ascii")
    if isinstance(value, str):
        return b'"' + value.translate(ESCAPES).encode("utf-8") + b'"'
    inner = b"\n" + b" " * (indent + 2)
    if isinstance(value, dict):
        if not value:
            return b"{}"
        items = [encode(k, 0) + b": " + encode(v, indent + 2) for k, v in value.items()]
        return b"{" + inner + (b"," + inner).join(items) + b"\n" + b" " * indent + b"}"
    if isinstance(value, list):
        if not value:
            return b"[]"
        items = [encode(v, indent + 2) for v in value]
        return b"[" + inner + (b"," + inner).join(items) + b"\n" + b" " * indent + b"]"
    raise NotAsSaved
