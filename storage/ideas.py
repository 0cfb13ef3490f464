"""The ideas for letting someone in, as a person looks after them: numbered, leanon's own
first, then their own; which are hidden; finding one by its number or its words.

The numbers are the order ``leanon idea`` lists them in: leanon's own ideas in the order
:data:`storage.suggest.CATALOGUE` holds them, then the person's own in the order they
added them. The dashboard's Ideas screen lists them the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.errors import NotFound
from storage.records import Settings, idea_key
from storage.suggest import CATALOGUE


@dataclass(frozen=True, slots=True)
class Idea:
    """One idea as listed.

    Attributes:
        number: its place in the list, from 1.
        text: its words (``{who}`` where a name goes).
        effort: tiny, small or bigger.
        own: the person's own, rather than leanon's.
        hidden: one of leanon's own that the person chose not to be offered.
    """

    number: int
    text: str
    effort: str
    own: bool
    hidden: bool


def ideas(settings: Settings) -> list[Idea]:
    """Every idea, numbered: leanon's own, then the person's."""
    hidden_keys = {idea_key(h) for h in settings.hidden_suggestions}
    listed = [
        Idea(n, s.text, s.effort, False, idea_key(s.text) in hidden_keys)
        for n, s in enumerate(CATALOGUE, 1)
    ]
    first = len(listed) + 1
    listed += [
        Idea(n, s.text, s.effort, True, False)
        for n, s in enumerate(settings.own_suggestions, first)
    ]
    return listed


def find_idea(settings: Settings, typed: str) -> Idea:
    """The idea with the number or the words typed.

    Raises:
        NotFound: no idea has that number or those words.
    """
    listed = ideas(settings)
    word = typed.strip()
    if word.isdigit():
        n = int(word)
        if 1 <= n <= len(listed):
            return listed[n - 1]
        raise NotFound(f"There is no idea {n}; leanon idea lists them, from 1 to {len(listed)}")
    for idea in listed:
        if idea_key(idea.text) == idea_key(word):
            return idea
    raise NotFound("No idea has those words; leanon idea lists them with their numbers")


def idea_rows(settings: Settings) -> list[str]:
    """``leanon idea``: the list, one idea a line, with its number and effort."""
    listed = ideas(settings)
    width = len(str(len(listed)))
    rows = ["leanon's own ideas (hide any that don't fit your life: leanon idea hide N):"]
    for idea in listed:
        if idea.own and not rows[-1].startswith("Yours"):
            rows += ["", "Yours:"]
        mark = "  (hidden)" if idea.hidden else ""
        rows.append(f"  {idea.number:>{width}}  {idea.effort:<6}  {idea.text}{mark}")
    if not settings.own_suggestions:
        rows += ["", "None of your own yet: leanon idea add 'your idea' --effort tiny"]
    return rows
