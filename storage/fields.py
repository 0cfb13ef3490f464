"""The words and limits of an entry's fields, and how typed values are tidied and checked.

Kept apart from :mod:`storage.records` (dataclasses) and :mod:`storage.store` (TinyDB) and
free of heavy imports (no ``typing``, ``re`` or ``dataclasses`` at run time), because the
command line's quick path (:mod:`storage.quick`) checks what was typed with these same
rules before it has imported anything else.
"""

from __future__ import annotations

import math

from storage.errors import InvalidInput

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime
    from typing import Any, Literal

    Kind = Literal["reach", "honest", "belong", "letin", "rest"]
else:
    Kind = str  # the run-time stand-in; the exact type is for mypy

KINDS: tuple[Kind, ...] = ("reach", "honest", "belong", "letin", "rest")
"""Every kind of entry, in the order they are shown."""

VIAS: tuple[str, ...] = (
    "text",
    "call",
    "voice",
    "video",
    "visit",
    "message",
    "meme",
    "letter",
    "other",
)
"""The ways a person can reach out."""

VIA_VERBS: dict[str, str] = {
    "text": "texted",
    "call": "called",
    "voice": "sent a voice note to",
    "video": "video-called",
    "visit": "visited",
    "message": "messaged",
    "meme": "sent a meme to",
    "letter": "wrote a letter to",
    "other": "reached out to",
}
"""How each via reads in a sentence: "texted Sam", "visited Ana"."""

SCORE_WORDS: dict[int, str] = {
    1: "struggling",
    2: "low",
    3: "getting by",
    4: "okay, really",
    5: "genuinely good",
}
"""Honest words for each step of the 1-5 scale."""

MAX_TEXT = 2000
"""Longest text accepted for one entry: a few paragraphs is plenty."""

MAX_NAME = 80
"""Longest name accepted."""

ENTRY_FIELDS: tuple[str, ...] = ("who", "via", "note", "score", "text", "reflex")
"""Every field an entry may have besides its id, kind and time; each kind uses some
(:data:`KIND_SPECS`)."""

UNDO_DEPTH = 100
"""How many changes ``undo`` can walk back."""

FIRST_YEAR, LAST_YEAR = 1900, 2999
"""Every entry's moment lies in these years (inclusive). Far outside them, turning a moment
into UTC or a day overflows Python's dates, so one such entry would break every read."""

_INVISIBLE = ("Cf",)
"""Unicode categories left out of a name's key: zero-width spaces and joiners, soft
hyphens, direction marks. They change how a name is stored, never who it is."""


def name_key(name: str) -> str:
    """The key that says two names are the same person.

    Without case and extra spaces ("Sam" and "sam "), in one Unicode normal form (NFC:
    "é" typed as one character or as "e" and an accent), and without invisible characters
    (a zero-width space pasted from a chat).
    """
    if not name.isascii():
        import unicodedata  # a few ms; names in ASCII never need it

        name = "".join(c for c in name if unicodedata.category(c) not in _INVISIBLE)
        name = unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())
        return " ".join(name.split())
    return " ".join(name.split()).casefold()


def _check_encodable(text: str, what: str) -> None:
    """Refuse text holding stray bytes that are not text.

    A shell passes bytes that are not valid UTF-8 (``$'\\xffName'``) to Python as lone
    surrogates; saved, they would make every later export fail. Better to say so now.
    """
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidInput(
                f"The {what} holds bytes that are not text (not UTF-8); type it again"
            ) from None


def clean_name(name: str | None) -> str:
    """A name with its spaces tidied; empty or too long is an input error."""
    tidy = " ".join((name or "").split())
    if not tidy:
        raise InvalidInput("A name can't be empty.")
    if len(tidy) > MAX_NAME:
        raise InvalidInput(f"That name is longer than {MAX_NAME} characters.")
    _check_encodable(tidy, "name")
    return tidy


def clean_text(text: str | None, what: str, required: bool = True) -> str | None:
    """Trimmed text; empty is None when optional and an input error when required."""
    tidy = (text or "").strip()
    if not tidy:
        if required:
            raise InvalidInput(f"The {what} can't be empty.")
        return None
    if len(tidy) > MAX_TEXT:
        raise InvalidInput(f"The {what} is longer than {MAX_TEXT} characters.")
    _check_encodable(tidy, what)
    return tidy


def year_in_range(moment: datetime) -> bool:
    """Whether ``moment`` falls in the years an entry may have (:data:`FIRST_YEAR` to
    :data:`LAST_YEAR`)."""
    return FIRST_YEAR <= moment.year <= LAST_YEAR


def whole_seconds(moment: datetime) -> datetime:
    """``moment`` without its fraction of a second: every moment leanon writes is whole
    seconds (a file from an older leanon may hold fractions; they read, and export whole)."""
    return moment.replace(microsecond=0) if moment.microsecond else moment


def check_year(moment: datetime) -> datetime:
    """``moment`` itself, if an entry may have it.

    Raises:
        InvalidInput: it lies outside the years leanon keeps.
    """
    if not year_in_range(moment):
        raise InvalidInput(
            f"leanon keeps entries from the years {FIRST_YEAR} to {LAST_YEAR}; "
            f"{moment.date().isoformat()} is outside them"
        )
    return moment


def clean_score(score: Any) -> int:
    """An honest score, 1 to 5."""
    if isinstance(score, bool) or not isinstance(score, int | float | str):
        raise InvalidInput("The score is a number from 1 to 5.")
    try:
        value = float(score)
    except ValueError:
        raise InvalidInput("The score is a number from 1 to 5.") from None
    if not math.isfinite(value) or value != int(value) or not 1 <= value <= 5:
        raise InvalidInput("The score is a number from 1 to 5.")
    return int(value)


def clean_via(via: str) -> str:
    """One of :data:`VIAS`, as typed in any case; anything else is an input error."""
    via = via.strip().lower()
    if via not in VIAS:
        from storage.typos import use_one_of  # only for a mistake

        raise InvalidInput(f"'{visible(via)}' is not a way to reach out; {use_one_of(via, VIAS)}")
    return via


def entry_fields(
    kind: Kind,
    *,
    who: str | None = None,
    via: str | None = None,
    note: str | None = None,
    score: Any = None,
    text: str | None = None,
    reflex: bool = False,
) -> dict[str, Any]:
    """The checked fields of a new entry of ``kind``, in the order its document keeps them.

    Which fields a kind has, their checks and defaults are its :data:`KIND_SPECS` entry.

    Raises:
        InvalidInput: a field is missing, empty where it is needed, or out of range.
    """
    spec = KIND_SPECS.get(kind)
    if spec is None:
        raise InvalidInput(f"'{kind}' is not a kind of entry; use one of: {', '.join(KIND_SPECS)}.")
    typed = {"who": who, "via": via, "note": note, "score": score, "text": text, "reflex": reflex}
    out = {}
    for field in spec.fields:
        value = typed[field.name]
        out[field.name] = field.clean(field.default if value is None else value)
    return out


def person_doc(
    name: str,
    cadence_days: int | None = None,
    trusted: bool = False,
    note: str | None = None,
    birthday: str | None = None,
    resting_until: str | None = None,
) -> dict[str, Any]:
    """The stored document of a person, fields in the order the file keeps them.

    ``birthday`` is there only when it is known, and ``resting_until`` only while the
    person has chosen a rest from them, so the documents of everyone else (and every file
    written before these fields) stay as they were.
    """
    doc: dict[str, Any] = {
        "name": name,
        "cadence_days": cadence_days,
        "trusted": trusted,
        "note": note,
    }
    if birthday is not None:
        doc["birthday"] = birthday
    if resting_until is not None:
        doc["resting_until"] = resting_until
    return doc


_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
"""The most days each month can have (29 February counts: someone is born on it)."""


def birthday_problem(value: Any) -> str | None:
    """What is wrong with a stored birthday ("not a day there is"), or None when it is one.

    A birthday is a date, ``1984-04-15``, or only a month and day, ``--04-15``, when the
    year is not known (vCard writes that ``--0415``; this is its ISO 8601 spelling).
    """
    if type(value) is not str:
        return "not a date"
    if value.startswith("--"):
        month_day = value[2:]
        year = None
    else:
        year, _, month_day = value.partition("-")
    month, dash, day = month_day.partition("-")
    if (
        dash != "-"
        or not (len(month) == 2 and month.isdigit() and month.isascii())
        or not (len(day) == 2 and day.isdigit() and day.isascii())
        or (year is not None and not (len(year) == 4 and year.isdigit() and year.isascii()))
    ):
        return "not a date like 1984-04-15, or --04-15 without the year"
    if not 1 <= int(month) <= 12 or not 1 <= int(day) <= _MONTH_DAYS[int(month) - 1]:
        return "not a day there is"
    if year is not None:
        if not FIRST_YEAR <= int(year) <= LAST_YEAR:
            return f"outside the years {FIRST_YEAR} to {LAST_YEAR}"
        if int(month) == 2 and int(day) == 29 and not _leap(int(year)):
            return f"not a day there is ({year} had no 29 February)"
    return None


def clean_birthday(value: Any) -> str | None:
    """A birthday as stored (see :func:`birthday_problem`), or None for none.

    Raises:
        InvalidInput: it is not a date, or not a day there is.
    """
    return _clean_day(value, birthday_problem, "The birthday {} is {}.")


def _clean_day(value: Any, problem_of: Any, sentence: str) -> str | None:
    """``value`` trimmed and checked by ``problem_of``; None when empty.

    Raises:
        InvalidInput: ``sentence`` with the value (shown safely) and its problem.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    tidy = value.strip() if isinstance(value, str) else value
    problem = problem_of(tidy)
    if problem is not None:
        raise InvalidInput(sentence.format(visible(str(tidy)), problem))
    return str(tidy)


def resting_until_problem(value: Any) -> str | None:
    """What is wrong with a stored ``resting_until`` (the last day of a rest from someone),
    or None when it is a date like ``2027-05-01``."""
    if type(value) is not str or value.startswith("--"):
        return "not a date like 2027-05-01"
    problem = birthday_problem(value)
    return None if problem is None else problem.replace(", or --04-15 without the year", "")


def clean_resting_until(value: Any) -> str | None:
    """A ``resting_until`` as stored (see :func:`resting_until_problem`), or None for none.

    Raises:
        InvalidInput: it is not a date, or not a day there is.
    """
    return _clean_day(value, resting_until_problem, "The last day of the rest, {}, is {}.")


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def undo_doc(summary: str, parts: list[list[Any]]) -> dict[str, Any]:
    """The stored document of one change ``undo`` can take back: what it touched, before."""
    return {"summary": summary, "parts": parts}


def describe(
    kind: str,
    who: str | None = None,
    via: str | None = None,
    score: int | None = None,
    text: str | None = None,
) -> str:
    """A short plain phrase for an entry: "texted Sam", "honest answer 3 (getting by)"."""
    spec = KIND_SPECS.get(kind)
    return spec.words(who, via, score, text) if spec is not None else "an entry"


# --------------------------------------------------------------------- the kinds of entry


class Ask:
    """How a dashboard form asks for one field of a kind that has no form of its own.

    Attributes:
        title: the words in the field's border ("A moment of belonging").
        placeholder: an example, shown while the field is empty.
        missing: what to say when a required field is left empty.
        names: offer the names of the person's people as they type.
        widget_id: the field's id in the form (default: ``field-`` and the field's name).
    """

    __slots__ = ("missing", "names", "placeholder", "title", "widget_id")

    def __init__(
        self,
        title: str,
        *,
        placeholder: str = "",
        missing: str = "A few words are enough.",
        names: bool = False,
        widget_id: str = "",
    ) -> None:
        self.title = title
        self.placeholder = placeholder
        self.missing = missing
        self.names = names
        self.widget_id = widget_id


class Field:
    """One field of a kind of entry: its name in the document, its check and its default."""

    __slots__ = ("ask", "choices", "clean", "default", "name", "required")

    def __init__(
        self,
        name: str,
        clean: Callable[[Any], Any],
        *,
        required: bool = False,
        default: Any = None,
        choices: tuple[str, ...] = (),
        ask: Ask | None = None,
    ) -> None:
        self.name = name
        self.ask = ask
        """How a form made from the table asks for it; None: such a form leaves it out."""
        self.clean = clean
        """The check of what a person types or imports (lengths, bytes that are not text)."""
        self.required = required
        """A stored entry of this kind without it cannot be read."""
        self.default = default
        """What a new entry gets when nothing was typed (``--via`` is text)."""
        self.choices = choices
        """The only values it may hold, if it is one of a few words."""


class KindSpec:
    """Everything the storage layer knows about one kind of entry, in one place.

    Attributes:
        name: the kind as stored (``"reach"``).
        line: the parts of its row in a list, from its fields (default: its words).
        fields: its fields, in the order its document keeps them; an entry of this kind
            has only these (the others are cleared).
        words: the plain phrase for one entry ("texted Sam"): ``words(who, via, score,
            text)``.
        connection: it counts as an act of connection (streaks, last contact).
        honest: it counts as an honest answer.
        csv_text: which field goes in the CSV export's ``text`` column.
        title: the title of its form in the dashboard ("A moment of belonging").
        label: its name in lists, plain and short ("reached out").
        noun: how a count of them reads, one and many ("1 reach-out", "3 reach-outs").
        short: its name as a filter to choose ("reach", "let in").
        after: a second sentence for its confirmation ("It won't break a streak."), if any.
        typed: what the command line adds to the fields a person typed, before they are
            checked (an honest answer notes whether its words were only a reflex).
    """

    __slots__ = (
        "after",
        "connection",
        "csv_text",
        "field_names",
        "fields",
        "honest",
        "label",
        "line",
        "noun",
        "name",
        "short",
        "title",
        "typed",
        "words",
    )

    def __init__(
        self,
        name: str,
        fields: tuple[Field, ...],
        words: Callable[[str | None, str | None, int | None, str | None], str],
        *,
        connection: bool = False,
        honest: bool = False,
        csv_text: str = "text",
        line: Callable[[dict[str, Any]], list[str | None]] | None = None,
        after: str = "",
        typed: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
        title: str = "",
        label: str = "",
        short: str = "",
        noun: tuple[str, str] | None = None,
    ) -> None:
        self.name = name
        self.noun = noun or (f"{name} entry", f"{name} entries")
        self.field_names = tuple(field.name for field in fields)
        """The names of its fields, in document order (made once: every save asks)."""
        self.short = short or name
        self.title = title or name
        self.label = label or name
        self.after = after
        self.typed = typed or dict
        self.fields = fields
        self.words = words
        self.connection = connection
        self.honest = honest
        self.csv_text = csv_text
        self.line = line or (
            lambda f: [words(f.get("who"), f.get("via"), f.get("score"), f.get("text"))]
        )
        """The parts of one entry's row in a list (history, a day), joined with " · " and
        each shown safely by the widget; empty parts are left out."""


def _optional_name(name: Any) -> str | None:
    return clean_name(name) if name and str(name).strip() else None


def _text(what: str, required: bool) -> Callable[[Any], str | None]:
    return lambda text: clean_text(text, what, required=required)


def _reach_words(who: str | None, via: str | None, score: int | None, text: str | None) -> str:
    return f"{VIA_VERBS.get(via or 'other', 'reached out to')} {who}"


def _honest_words(who: str | None, via: str | None, score: int | None, text: str | None) -> str:
    """'honest answer 4 (okay, really): "ok"': the scale's words beside the number, the
    person's own words in quotes."""
    words = f': "{text}"' if text else ""
    return f"honest answer {score} ({SCORE_WORDS.get(score or 3, '')}){words}"


def _letin_words(who: str | None, via: str | None, score: int | None, text: str | None) -> str:
    """'let Sam in: "let Sam cook"': what happened, and what was written, quoted, so a
    logged idea ("Accept the cup of tea") reads as what was done, not as an order."""
    return f'let {who or "someone"} in: "{text}"'


def _reach_line(f: dict[str, Any]) -> list[str | None]:
    return [
        f"{VIA_VERBS.get(f.get('via') or 'other', 'reached out to')} {f.get('who')}",
        f.get("note"),
    ]


def _honest_line(f: dict[str, Any]) -> list[str | None]:
    score = f.get("score") or 0
    return [f"{score} {SCORE_WORDS.get(score, '')}".strip(), f.get("text")]


def _honest_typed(typed: dict[str, Any]) -> dict[str, Any]:
    from storage.reflex import is_reflex  # only for an answer typed on the command line

    return typed | {"reflex": is_reflex(typed.get("text"))}


def _letin_line(f: dict[str, Any]) -> list[str | None]:
    return [f.get("text") or "", f"with {f['who']}" if f.get("who") else None]


KIND_SPECS: dict[str, KindSpec] = {
    spec.name: spec
    for spec in (
        KindSpec(
            "reach",
            (
                Field("who", clean_name, required=True),
                Field("via", clean_via, required=True, default="text", choices=VIAS),
                Field("note", _text("note", False)),
            ),
            _reach_words,
            connection=True,
            csv_text="note",
            line=_reach_line,
            label="reached out",
            noun=("reach-out", "reach-outs"),
        ),
        KindSpec(
            "honest",
            (
                Field("score", clean_score, required=True),
                Field("text", _text("answer", False)),
                Field("reflex", bool),
            ),
            _honest_words,
            honest=True,
            line=_honest_line,
            typed=_honest_typed,
            label="honest",
            noun=("honest answer", "honest answers"),
        ),
        KindSpec(
            "belong",
            (
                Field(
                    "text",
                    _text("moment", True),
                    required=True,
                    ask=Ask(
                        "A moment of belonging",
                        placeholder="the barista remembered my order",
                        missing="A few words are enough: what was the moment?",
                        widget_id="moment",
                    ),
                ),
            ),
            lambda who, via, score, text: f"a moment of belonging: {text}",
            line=lambda f: [f.get("text") or ""],
            title="A moment of belonging",
            label="belonging",
            noun=("moment of belonging", "moments of belonging"),
        ),
        KindSpec(
            "letin",
            (
                Field("text", _text("what happened", True), required=True),
                Field("who", _optional_name),
            ),
            _letin_words,
            connection=True,
            line=_letin_line,
            label="let in",
            short="let in",
            noun=("time you let someone in", "times you let someone in"),
        ),
        KindSpec(
            "rest",
            (),
            lambda who, via, score, text: "a rest day",
            line=lambda f: ["a day to rest"],
            after="It won't break a streak.",
            title="A rest day",
            label="rest day",
            noun=("rest day", "rest days"),
        ),
    )
}
"""Every kind of entry, in the order they are shown: the one table of what each kind is.

The store, the quick path, edits, the file's check, export and import and the streaks all
ask it; a kind added here is kept whole by all of them (``tests/test_kinds.py``)."""


# --------------------------------------------------------------------- showing text safely

_SHOWN_AS_IS = frozenset("\u200c\u200d")
"""Invisible characters that are part of writing (joiners inside emoji and some scripts)."""

_UNSAFE = ("Cc", "Cf", "Cs", "Co", "Zl", "Zp")
"""Categories never sent to a terminal raw: control characters (ESC and BEL can rewrite the
screen, C1's CSI too), format characters (U+202E turns text around), stray surrogates,
private-use characters and line or paragraph separators."""


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` safe to print to a terminal: control and format characters as escapes.

    ``ESC`` becomes ``\\x1b`` and U+202E ``\\u202e``, so what a person pasted into a note
    is shown for what it is instead of acting on their terminal. Plain text comes back
    unchanged (one ``isprintable`` check). With ``keep_newlines`` line breaks and tabs stay.
    """
    if text.isprintable():
        return text
    import unicodedata

    out = []
    for c in text:
        if c.isprintable() or c in _SHOWN_AS_IS or (keep_newlines and c in "\n\t"):
            out.append(c)
        elif c == " " or unicodedata.category(c) not in _UNSAFE:
            out.append(c)
        else:
            out.append(_escape(c))
    return "".join(out)


def json_visible(text: str) -> str:
    """JSON text with the characters :func:`visible` escapes written as ``\\uXXXX``.

    Inside a JSON string that escape means the same character, so the JSON says exactly
    what it said, but no terminal or later reader gets the raw character. Outside strings
    JSON holds only ASCII punctuation, so the whole text can be passed through. A stray
    surrogate (bytes that were never text) becomes U+FFFD, as everywhere text leaves
    leanon (:func:`as_text`), so what is written can always be read back in.
    """
    if text.isascii() or text.replace("\n", " ").isprintable():
        return text
    # Line by line: an export of a decade is millions of characters, nearly every line
    # of them printable; only the rare line that is not is looked at character by character.
    return "\n".join(
        line if line.isprintable() else _json_line_visible(line) for line in text.split("\n")
    )


def _json_line_visible(line: str) -> str:
    import unicodedata

    return "".join(
        c
        if c.isprintable() or c in "\t " or unicodedata.category(c) not in _UNSAFE
        else _json_escape(ord(as_text(c)))
        for c in line
    )


def as_text(text: str) -> str:
    """``text`` with any stray surrogate replaced by U+FFFD, so it encodes as UTF-8.

    Such surrogates can only be in a file written by hand or by an older leanon (new
    input refuses them); an export shows the person "\ufffd" where they were.
    """
    if text.isascii():
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _json_escape(code: int) -> str:
    if code > 0xFFFF:  # JSON spells these as a surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def _escape(c: str) -> str:
    code = ord(c)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


# --------------------------------------------------------------------- a valid document

_TEXT_FIELDS = tuple(f for f in ENTRY_FIELDS if f not in ("score", "reflex"))


def entry_doc_problem(doc: dict[str, Any]) -> str | None:
    """What is wrong with a stored entry document, naming the field, or None if it is fine.

    The one definition of a readable entry: used when a file that leanon did not write
    itself is opened (before anything is read from it or written to it), and so before
    every write, and by import through the same field rules. A ``"score"`` that a
    spreadsheet or ``jq`` would write (``"4"``, ``4.0``) means the number, as on import.
    """
    from datetime import datetime

    kind = doc.get("kind")
    if kind not in KIND_SPECS:
        return f'its "kind" is {_json_value(kind)}, not one of {", ".join(KIND_SPECS)}'
    entry_id = doc.get("id")
    if type(entry_id) is not str or not entry_id.strip():
        return f'its "id" is {_json_value(entry_id)}, not a piece of text'
    at = doc.get("at")
    try:
        moment = datetime.fromisoformat(at) if type(at) is str else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        return f'its "at" is {_json_value(at)}, not a date and time with its UTC offset'
    if not year_in_range(moment):
        return f'its "at" is {at}, outside the years {FIRST_YEAR} to {LAST_YEAR} leanon keeps'
    for field in _TEXT_FIELDS:
        value = doc.get(field)
        if value is not None and type(value) is not str:
            return f'its "{field}" is {_json_value(value)}, not text'
    reflex = doc.get("reflex")
    if reflex is not None and type(reflex) is not bool:
        return f'its "reflex" is {_json_value(reflex)}, not true or false'
    score = doc.get("score")
    if score is not None:
        try:
            clean_score(score)
        except InvalidInput:
            return f'its "score" is {_json_value(score)}, not a number from 1 to 5'
    for kind_field in KIND_SPECS[kind].fields:
        value = doc.get(kind_field.name)
        if value is None:
            if kind_field.required:
                return f'it has no "{kind_field.name}"'
            continue
        if kind_field.required and isinstance(value, str) and not value.strip():
            return f'it has no "{kind_field.name}"'
        if kind_field.choices and value not in kind_field.choices:
            shown = ", ".join(kind_field.choices)
            return f'its "{kind_field.name}" is {_json_value(value)}, not one of {shown}'
    return None


def person_doc_problem(doc: dict[str, Any]) -> str | None:
    """What is wrong with a stored person document, naming the field, or None."""
    name = doc.get("name")
    if type(name) is not str or not name.strip():
        return f'its "name" is {_json_value(name)}, not a name'
    cadence = doc.get("cadence_days")
    if cadence is not None and (type(cadence) is not int or not 1 <= cadence <= 3650):
        return f'its "cadence_days" is {_json_value(cadence)}, not a whole number from 1 to 3650'
    trusted = doc.get("trusted")
    if trusted is not None and type(trusted) is not bool:
        return f'its "trusted" is {_json_value(trusted)}, not true or false'
    note = doc.get("note")
    if note is not None and type(note) is not str:
        return f'its "note" is {_json_value(note)}, not text'
    birthday = doc.get("birthday")
    if birthday is not None and birthday_problem(birthday) is not None:
        return f'its "birthday" is {_json_value(birthday)}, not a date like 1984-04-15 or --04-15'
    resting = doc.get("resting_until")
    if resting is not None and resting_until_problem(resting) is not None:
        return f'its "resting_until" is {_json_value(resting)}, not a date like 2027-05-01'
    return None


def _json_value(value: Any) -> str:
    """A stored value as JSON would write it, cut short: ``5``, ``"zzz"``, ``null``."""
    if value is None:
        return "missing"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:39] + "…"
        return '"' + visible(shown) + '"'
    if isinstance(value, int | float):
        return repr(value)
    return "a list" if isinstance(value, list) else "an object"
