"""vCard files (2.1, 3.0 and 4.0: Google, Apple, Android, Outlook, khard) read as people.

Each card is a person: their name is ``FN``, else the parts of ``N``; ``BDAY`` is their
birthday (``--0415`` and Apple's ``X-APPLE-OMIT-YEAR`` keep it without the year); frm's
``X-FRM-FREQUENCY`` (``2w``, ``1m``, ``10d``; a month is 30 days) is their rhythm. A card
with no name at all is skipped and counted. Nothing else on a card is kept: leanon has
no use for a phone number, and a person's contacts stay where they are.

The lines are vobject's to read (khard's library): it unfolds folded lines, undoes
quoted-printable, splits parameters and takes escapes off values. vobject builds a whole
object for every property of every card (a third of a millisecond each), so only the four
properties above are handed to it; the rest are passed over unread. Before that, each line
is turned into text by what it says it is: UTF-8, or the ``CHARSET`` it names
(``SHIFT_JIS`` on Japanese phones). vobject itself is imported here and nowhere else, only
when a vCard file is imported (about 50 ms).
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from storage.errors import InvalidInput
from storage.fields import clean_birthday, clean_name, visible
from storage.phrases import plural
from storage.reading import APP_NAMES, Reading
from storage.records import Person
from storage.store import clean_cadence

WANTED = frozenset({"FN", "N", "BDAY", "X-FRM-FREQUENCY"})
"""The properties read from a card."""

FREQUENCY_DAYS = {"d": 1, "w": 7, "m": 30}
"""frm's rhythm units, in days (frm counts a month as 30 days)."""

_CHARSET = re.compile(rb";\s*CHARSET\s*=\s*\"?([A-Za-z0-9_.:\-]+)", re.IGNORECASE)


def read_vcards(raw: bytes) -> Reading:
    """Every card of a vCard file as a person.

    Raises:
        InvalidInput: it is not a vCard file, or its lines cannot be read as one.
    """
    from vobject.base import VObjectError, getLogicalLines, parseLine

    text, problems = _decoded(raw)
    if text.lstrip()[:11].upper() != "BEGIN:VCARD":
        raise InvalidInput("This is not a vCard file: it does not start with BEGIN:VCARD")
    people: dict[str, Person] = {}
    nameless = twice = 0
    try:
        lines = ((line, max(n, 1)) for line, n in getLogicalLines(io.StringIO(text), True))
        for card in _cards(lines):  # vobject numbers the first line 0, the others from 1
            found: dict[str, tuple[str, int]] = {}
            for prop, line, n in card:
                if prop in WANTED:
                    found.setdefault(prop, (line, n))
                elif ":" not in line:
                    parseLine(line, n)  # no property at all: vobject says what is wrong

            try:
                person = _person(partial(_content, found))
            except InvalidInput as exc:
                problems.append(str(exc))
                continue
            if person is None:
                nameless += 1
                continue
            key = person.key  # once: name_key is the dearest step for a name not in ASCII
            if key in people:
                twice += 1
            else:
                people[key] = person
    except VObjectError as exc:
        where = f"line {exc.lineNumber}: " if exc.lineNumber is not None else ""
        problems.append(f"{where}{_vobject_words(exc)}")
    left_out = []
    if nameless:
        left_out.append(f"{plural(nameless, 'card')} without a name")
    if twice:
        left_out.append(f"{plural(twice, 'card')} for a name already on an earlier card")
    return Reading(
        "vcard",
        APP_NAMES["vcard"],
        people=tuple(people.values()),
        problems=tuple(problems),
        left_out=tuple(left_out),
    )


def _cards(lines: Iterator[tuple[str, int]]) -> Iterator[list[tuple[str, str, int]]]:
    """Each card's own lines (not those of a card nested in it) with their property's
    name and their number: a look at the name, before vobject reads the line."""
    from vobject.base import ParseError

    depth, start = 0, 0
    card: list[tuple[str, str, int]] = []
    for line, n in lines:
        prop = line.split(":", 1)[0].split(";", 1)[0].rpartition(".")[2].strip().upper()
        if prop == "BEGIN":
            depth += 1
            if depth == 1:
                start, card = n, []
        elif prop == "END":
            if depth == 0:
                raise ParseError("END:VCARD without a BEGIN:VCARD", n)
            depth -= 1
            if depth == 0:
                yield card
        elif depth == 1:
            card.append((prop, line, n))
        elif depth == 0 and line.strip():
            raise ParseError("a line outside any card", n)
    if depth:
        raise ParseError("a card without its END:VCARD", start)


class _Prop:
    """One property as the card gives it: its value, parameters (by upper-case name) and line."""

    __slots__ = ("lineNumber", "params", "value")

    def __init__(self, value: str, params: dict[str, list[str]], line: int) -> None:
        self.value = value
        self.params = params
        self.lineNumber = line  # vobject's own name for it


def _content(found: dict[str, tuple[str, int]], prop: str) -> Any:
    """A card's first ``prop`` as vobject reads it, or None if it has none.

    vobject's ``ContentLine`` undoes quoted-printable, in the charset the line names; it
    costs three times what the line's parse does, so a line without quoted-printable is
    only parsed.

    Raises:
        InvalidInput: its value is not text in that charset.
    """
    from vobject.base import ContentLine, parseLine

    if prop not in found:
        return None
    line, n = found[prop]
    name, params, value, group = parseLine(line, n)
    if "QUOTED-PRINTABLE" not in line.split(":", 1)[0].upper():
        return _Prop(value, {p[0].upper(): p[1:] for p in params}, n)
    try:
        return ContentLine(name, params, value, group, True, False, n)
    except (UnicodeDecodeError, LookupError) as exc:
        raise InvalidInput(f"line {n}: the {prop} can't be read as text ({exc})") from None


def _person(content: Callable[[str], Any]) -> Person | None:
    """The person on one card (``content`` gives its properties), or None when it has no
    name.

    Raises:
        InvalidInput: "line 7: what is wrong" with its name, birthday or rhythm.
    """
    named = content("FN")
    name = _text(named) if named is not None else ""
    if not name:
        named = content("N")
        if named is None:
            return None
        from vobject.vcard import splitFields

        parts = [_joined(p) for p in splitFields(_value(named))]
        family, given, additional, prefix, suffix = [*parts, "", "", "", "", ""][:5]
        name = " ".join(" ".join((prefix, given, additional, family, suffix)).split())
    if not name:
        return None
    try:
        clean = clean_name(name)
    except InvalidInput as exc:
        raise InvalidInput(f"line {named.lineNumber}: {_plain(exc)}") from None
    return Person(
        clean,
        cadence_days=_rhythm(content("X-FRM-FREQUENCY")),
        birthday=_birthday(content("BDAY")),
    )


def _value(prop: object) -> str:
    return str(getattr(prop, "value", ""))


def _text(prop: object) -> str:
    """A text value with its backslash escapes taken off (commas stay, as 2.1 writes them)."""
    from vobject.icalendar import stringToTextValues

    value = _value(prop).rstrip("\\")
    if "\\" in value:  # vobject's unescaping goes a character at a time: only if needed
        value = stringToTextValues(value, listSeparator=None)[0]
    return " ".join(value.split())


def _joined(part: object) -> str:
    return " ".join(part) if isinstance(part, list) else str(part)


def _birthday(prop: Any) -> str | None:
    """``BDAY`` as leanon keeps a birthday: ``1984-04-15``, or ``--04-15`` without a year.

    vCard writes ``1984-04-15``, ``19840415``, ``--0415`` or ``--04-15``, sometimes with a
    time after a ``T``; Apple writes a made-up year and ``X-APPLE-OMIT-YEAR`` naming it.
    """
    if prop is None:
        return None
    value = _value(prop).strip().split("T", 1)[0]
    if not value:
        return None
    if value.startswith("--"):
        digits = value[2:].replace("-", "")
        shown = f"--{digits[:2]}-{digits[2:]}" if len(digits) == 4 else value
    else:
        digits = value.replace("-", "")
        shown = f"{digits[:4]}-{digits[4:6]}-{digits[6:]}" if len(digits) == 8 else value
        omit = getattr(prop, "params", {}).get("X-APPLE-OMIT-YEAR", [])
        if omit and omit[0] == digits[:4]:
            shown = "--" + shown[5:]
    try:
        return clean_birthday(shown)
    except InvalidInput:
        raise InvalidInput(
            f"line {prop.lineNumber}: the birthday '{visible(value)}' is not a date"
        ) from None


def _rhythm(prop: Any) -> int | None:
    """frm's ``X-FRM-FREQUENCY`` (``2w``) in days."""
    if prop is None:
        return None
    value = _value(prop).strip().lower()
    number, unit = value[:-1], value[-1:]
    if not number.isdigit() or unit not in FREQUENCY_DAYS:
        raise InvalidInput(
            f"line {prop.lineNumber}: the rhythm '{visible(value)}' is not like 3d, 2w or 1m"
        )
    try:
        return clean_cadence(int(number) * FREQUENCY_DAYS[unit])
    except InvalidInput as exc:
        raise InvalidInput(f"line {prop.lineNumber}: {_plain(exc)}") from None


def _decoded(raw: bytes) -> tuple[str, list[str]]:
    """The file as text, each line read in the charset it names, or as UTF-8.

    A file that is all UTF-8 is read in one go. Otherwise each line that is not is read in
    the ``CHARSET`` of its property (a folded line in that of the line it continues); a
    line with neither is a problem, named.
    """
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    problems: list[str] = []
    out: list[str] = []
    charset: str | None = None
    for number, line in enumerate(raw.splitlines(keepends=True), start=1):
        if line[:1] not in (b" ", b"\t"):
            found = _CHARSET.search(line.split(b":", 1)[0])
            charset = found.group(1).decode("ascii") if found else None
        try:
            out.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        if charset is None:
            problems.append(f"line {number}: not UTF-8, and no CHARSET says what it is")
            out.append(line.decode("utf-8", "replace"))
            continue
        try:
            codecs.lookup(charset)
            out.append(line.decode(charset))
        except (LookupError, UnicodeDecodeError):
            problems.append(f"line {number}: not text in {visible(charset)}, the CHARSET it names")
            out.append(line.decode("utf-8", "replace"))
    return "".join(out), problems


def _vobject_words(exc: Exception) -> str:
    """What vobject found wrong, without its "At line N:" (the line is named already)."""
    text = str(getattr(exc, "msg", "") or exc)
    return re.sub(r"^At line \d+:\s*", "", text)


def _plain(exc: BaseException) -> str:
    from storage.transfer import plain

    return plain(exc)
