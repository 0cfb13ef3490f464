"""How close two words are, and which valid word a mistyped one was probably meant to be.

``--via cal`` is one letter from "call" and ``leanon reech`` one from "reach": a refusal
that says "did you mean call?" saves a trip to ``--help``. :mod:`storage.names` asks the
same closeness of a new name and the known ones.

Light on purpose: :mod:`storage.fields` and the command line's quick path use it, so it
imports nothing (difflib would cost about 10 ms, for ``re``).
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


def edits_apart(first: str, second: str) -> int:
    """How many one-letter edits turn ``first`` into ``second``.

    An edit adds, removes or changes one letter, or swaps two neighbours ("Sma" and "Sam"
    are one edit apart: the optimal string alignment distance).
    """
    if first == second:
        return 0
    before: list[int] = []
    above = list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        row = [i]
        for j, b in enumerate(second, 1):
            cost = min(above[j] + 1, row[j - 1] + 1, above[j - 1] + (a != b))
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                cost = min(cost, before[j - 2] + 1)
            row.append(cost)
        before, above = above, row
    return above[-1]


def nearest_word(typed: str, choices: Iterable[str]) -> str | None:
    """The valid word ``typed`` most likely meant ("cal": "call", "--jsn": "--json"), or None.

    Case aside, at most one edit for a word of up to four letters and two for a longer
    one (dashes before an option do not count); the first of equally close choices wins.
    """
    word = typed.casefold()
    allowed = 1 if len(word.lstrip("-")) <= 4 else 2
    best, best_edits = None, allowed + 1
    for choice in choices:
        edits = edits_apart(word, choice.casefold())
        if 0 < edits < best_edits:
            best, best_edits = choice, edits
    return best


def did_you_mean(typed: str, choices: Iterable[str]) -> str | None:
    """ "did you mean call?", to go in a refusal, or None when no choice is close."""
    nearest = nearest_word(typed, choices)
    return f"did you mean {nearest}?" if nearest is not None else None


def use_one_of(typed: str, choices: Sequence[str]) -> str:
    """The end of a refusal of one of a few words: "use one of: json, csv, md.", led by
    "did you mean json?" when ``typed`` is close to one."""
    hint = did_you_mean(typed, choices)
    listed = ", ".join(choices)
    return f"{hint} Use one of: {listed}." if hint else f"use one of: {listed}."
