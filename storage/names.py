"""Whether a name is new to a person's people, and which known name it may have meant.

``leanon reach Sma`` with Sam known adds a new person, Sma: leanon cannot know it was a
slip, but it can say that the name is new and which known name is one key away, while
``undo`` can still take it back. The command line says it after the confirmation; the
dashboard can say the same words.

Light on purpose: the quick path (:mod:`storage.quick`) knows the names in the file and
asks this before Python has imported much; it imports only :mod:`storage.fields`,
:mod:`storage.phrases` and :mod:`storage.typos`.
"""

from __future__ import annotations

from storage.fields import name_key
from storage.phrases import or_list
from storage.typos import edits_apart

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from collections.abc import Iterable

SHORTEST_NEAR_NAME = 3
"""Names shorter than this are never called near each other: "Jo" and "Bo" are one edit
apart, and two different people."""


def near_names(typed: str, known: Iterable[str]) -> list[str]:
    """The known names ``typed`` is close to without being one of them, A to Z.

    Close means one edit apart (case aside: "sma" and "Sam"), or the same letters spaced
    another way ("Mary Jane" and "MaryJane"). A name that :func:`storage.fields.name_key`
    already matches is the same person, not a near one.
    """
    key = name_key(typed)
    bare = key.replace(" ", "")
    near = []
    for name in known:
        other = name_key(name)
        if other == key:
            continue
        if other.replace(" ", "") == bare:
            near.append(name)
        elif (
            abs(len(key) - len(other)) <= 1
            and max(len(key), len(other)) >= SHORTEST_NEAR_NAME
            and edits_apart(key, other) <= 1
        ):
            near.append(name)
    return sorted(near, key=name_key)


def new_name(who: str | None, known: Iterable[str]) -> str | None:
    """``who``, when an entry naming them makes them a new person (no known name is the
    same person, case and spacing aside); else None."""
    if not who:
        return None
    key = name_key(who)
    return None if any(name_key(name) == key for name in known) else who


def new_name_sentences(name: str, known: Iterable[str], undo: str) -> list[str]:
    """What to say after an entry made ``name`` a new person: that it is new, and, when a
    known name is close, which one (see :func:`meant_sentence`)."""
    meant = meant_sentence(name, known, undo)
    return [new_person_sentence(name), *([meant] if meant is not None else [])]


def new_person_sentence(name: str) -> str:
    """What to add when an entry made ``name`` a new person: "Sma is new to your people."."""
    return f"{name} is new to your people."


def meant_sentence(name: str, known: Iterable[str], undo: str) -> str | None:
    """Which known names the new ``name`` is close to, and how to take the entry back.

    "Did you mean Sam? `leanon undo` takes this back." (``undo`` names the way back: the
    command, or the dashboard's key). None when no known name is close.
    """
    near = near_names(name, known)
    if not near:
        return None
    return f"Did you mean {or_list(near)}? {undo} takes this back."


def nearest_name(typed: str, known: Iterable[str]) -> str | None:
    """The known name closest to ``typed`` (fewest edits, case aside; the first of equally
    close ones A to Z), or None when there is no one."""
    key = name_key(typed)
    best: tuple[int, str] | None = None
    for name in sorted(known, key=name_key):
        edits = edits_apart(key, name_key(name))
        if best is None or edits < best[0]:
            best = (edits, name)
    return None if best is None else best[1]


def nobody_sentence(typed: str, known: Iterable[str]) -> str:
    """What to say when ``typed`` is none of the person's people: "There is nobody called
    Smaa in your people; did you mean Sam?" (the nearest name, whatever its distance)."""
    names = list(known)
    said = f"There is nobody called {typed.strip()} in your people"
    near = near_names(typed, names)
    if near:
        return f"{said}; did you mean {or_list(near)}?"
    nearest = nearest_name(typed, names)
    if nearest is None:
        return f"{said} yet."
    return f"{said}; the nearest name is {nearest} (leanon people lists everyone)."
