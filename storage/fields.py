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

UNDO_DEPTH = 100
"""How many changes ``undo`` can walk back."""


def name_key(name: str) -> str:
    """The case-insensitive key of a name ("Sam" and "sam " are the same person)."""
    return " ".join(name.split()).casefold()


def clean_name(name: str | None) -> str:
    """A name with its spaces tidied; empty or too long is an input error."""
    tidy = " ".join((name or "").split())
    if not tidy:
        raise InvalidInput("A name can't be empty.")
    if len(tidy) > MAX_NAME:
        raise InvalidInput(f"That name is longer than {MAX_NAME} characters.")
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
    return tidy


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
    """One of :data:`VIAS`; anything else is an input error."""
    if via not in VIAS:
        raise InvalidInput(f"'{via}' is not a way to reach out; use one of: {', '.join(VIAS)}.")
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

    Raises:
        InvalidInput: a field is missing, empty where it is needed, or out of range.
    """
    if kind == "reach":
        return {
            "who": clean_name(who),
            "via": clean_via("text" if via is None else via),
            "note": clean_text(note, "note", required=False),
        }
    if kind == "honest":
        return {
            "score": clean_score(score),
            "text": clean_text(text, "answer", required=False),
            "reflex": bool(reflex),
        }
    if kind == "belong":
        return {"text": clean_text(text, "moment")}
    if kind == "letin":
        return {
            "text": clean_text(text, "what happened"),
            "who": clean_name(who) if who and who.strip() else None,
        }
    if kind == "rest":
        return {}
    raise InvalidInput(f"'{kind}' is not a kind of entry; use one of: {', '.join(KINDS)}.")


def person_doc(
    name: str, cadence_days: int | None = None, trusted: bool = False, note: str | None = None
) -> dict[str, Any]:
    """The stored document of a person, fields in the order the file keeps them."""
    return {"name": name, "cadence_days": cadence_days, "trusted": trusted, "note": note}


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
    """A short plain phrase for an entry: "texted Sam", "honest answer 3, getting by"."""
    if kind == "reach":
        return f"{VIA_VERBS.get(via or 'other', 'reached out to')} {who}"
    if kind == "honest":
        words = f" ({text})" if text else ""
        return f"honest answer {score}, {SCORE_WORDS.get(score or 3, '')}{words}"
    if kind == "belong":
        return f"a moment of belonging: {text}"
    if kind == "letin":
        with_whom = f" ({who})" if who else ""
        return f"let someone in: {text}{with_whom}"
    return "a rest day"
