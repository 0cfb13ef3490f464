"""Today's gentle idea for letting someone in.

Every idea here is about receiving: taking the help, the company, the meal or the kind
word that is offered, or making a little room for it. The choice is a pure function of
its inputs, so the dashboard shows the same idea all day and a test can pin it down.

The idea of the day stays until the person asks for another (``n``) or the day turns,
with one exception, made on purpose: after a low answer (1 or 2) an idea that is not tiny
gives way to a tiny one. The first idea of a day is never a bigger step; bigger ones come
only when asked for. Logging, editing a person or their rhythm does not change it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from storage.records import EFFORTS, Suggestion, idea_key, name_key

WHO = "{who}"
"""Where a person's name goes in a suggestion's text."""

LOW_SCORES: frozenset[int] = frozenset({1, 2})
"""Honest scores on which only the tiniest ideas are offered."""


def _s(text: str, effort: str) -> Suggestion:
    return Suggestion(text=text, effort=effort)


CATALOGUE: tuple[Suggestion, ...] = (
    # tiny: a sentence, a yes, a moment
    _s("Say yes the next time someone offers to help.", "tiny"),
    _s("Tell {who} one true thing about your week.", "tiny"),
    _s('When asked how you are, give a little more than "fine".', "tiny"),
    _s('Take a compliment with a plain "thank you", nothing added.', "tiny"),
    _s("Reply to {who} with how you really are today.", "tiny"),
    _s("Let {who} know you'd like to hear from them.", "tiny"),
    _s("Accept the cup of tea when it's offered.", "tiny"),
    _s("If someone asks what you need, name one small thing.", "tiny"),
    _s('Tell {who} "today is a bit heavy". No need to explain.', "small"),
    _s('Answer the next small invitation with "I\'d like that".', "small"),
    _s("Ask {who} to send you a photo from their day.", "tiny"),
    _s("Ask {who} to tell you one good thing that happened.", "tiny"),
    _s("Let {who} know their last message helped.", "tiny"),
    _s("Let a kind message sink in before you reply to it.", "tiny"),
    _s("Let someone else carry the bag, hold the door, pass the salt.", "tiny"),
    _s("Tell {who} you could do with some company this week.", "small"),
    _s("Answer the message you've been putting off, with the real news.", "bigger"),
    _s("Let someone else pick the film, the food or the plan.", "tiny"),
    # small: an ask, an afternoon, an open door
    _s("Ask {who} to call you tonight, even for ten minutes.", "small"),
    _s("Ask {who} to sit with you for a while. No fixing needed.", "small"),
    _s("Let {who} cook for you, or bring something round.", "small"),
    _s("Say yes to an invitation you'd usually turn down.", "small"),
    _s("Ask {who} to go for a walk with you, any length.", "small"),
    _s("Let a friend drive you instead of going alone.", "small"),
    _s("Let someone help with a chore you've been doing alone.", "small"),
    _s("Ask {who} to check in on you later this week.", "small"),
    _s("Tell {who} you've been quiet lately, and why.", "small"),
    _s("Ask someone to keep you company through a dull task.", "small"),
    _s("Ask {who} to come along to an errand or appointment.", "small"),
    _s("Let someone buy you a coffee without evening the score.", "small"),
    _s("Ask {who} what helps them on hard days, and listen.", "small"),
    _s("Share one worry with someone, just to be heard.", "small"),
    _s("Ask for a hug from someone you trust.", "small"),
    _s("Let {who} know a visit would be welcome.", "small"),
    _s("Accept help with the shopping, the boxes, the heavy bits.", "small"),
    _s("Join a call and mostly listen; talking is optional.", "small"),
    _s("Ask for a lift to something you'd otherwise skip.", "small"),
    _s("Let someone sit beside you while you eat.", "small"),
    # bigger: an evening, a real conversation, a door opened wide
    _s("Have {who} over and let them bring the food.", "bigger"),
    _s("Tell {who} how things have really been lately.", "bigger"),
    _s("Ask someone to stay with you through a hard evening.", "bigger"),
    _s("Let a friend help you plan something that feels too big.", "bigger"),
    _s("Ask {who} for help with something you've been avoiding.", "bigger"),
    _s("Spend an afternoon with someone, no agenda at all.", "bigger"),
    _s("Say yes to the weekend plan someone keeps offering.", "bigger"),
    _s("Let someone come over, even if the place is a mess.", "bigger"),
    _s("Tell someone close what would actually help right now.", "bigger"),
    _s("Let family take one thing off your plate this week.", "bigger"),
    _s("Go to the gathering you were invited to, and stay a while.", "bigger"),
    _s("Ask {who} to be the one you text on a rough day.", "bigger"),
    _s("Let someone in on a worry you've kept to yourself.", "bigger"),
    _s("Accept an offer of help with forms, calls or admin.", "bigger"),
    _s("Ask a friend to sit with you while you make a hard call.", "bigger"),
)
"""The built-in ideas for letting someone in, from tiny to bigger.

``{who}`` marks the ones that name a person; they are offered only when there is a name
to put there.
"""


@dataclass(frozen=True, slots=True)
class ChosenSuggestion:
    """The idea picked for today, ready to show.

    Attributes:
        suggestion: the suggestion it came from (text still holds any ``{who}``).
        text: the text with the name filled in.
        who: the name used, or None when the idea names no one.
    """

    suggestion: Suggestion
    text: str
    who: str | None


def efforts_for(honest_score: int | None) -> tuple[str, ...]:
    """The efforts worth offering after an honest score: only tiny ones on a 1 or a 2."""
    if honest_score in LOW_SCORES:
        return ("tiny",)
    return EFFORTS


def effort_rank(effort: str) -> int:
    """Where an effort sits in :data:`EFFORTS` (tiny 0, small 1, bigger 2); unknown reads small."""
    try:
        return EFFORTS.index(effort)
    except ValueError:
        return EFFORTS.index("small")


def fill(suggestion: Suggestion, who: str | None) -> str:
    """The suggestion's text with ``{who}`` replaced by a name (left as is when ``who`` is None)."""
    if who is None:
        return suggestion.text
    return suggestion.text.replace(WHO, who)


def _digest(*parts: object) -> bytes:
    """A stable hash of the parts; the same everywhere, unlike the built-in ``hash()``."""
    joined = "\x1f".join(str(part) for part in parts)
    return hashlib.sha256(joined.encode("utf-8")).digest()


def _clean_names(names: Sequence[str]) -> list[str]:
    """Names with blanks dropped and case-insensitive repeats removed, in their given order."""
    seen: set[str] = set()
    cleaned: list[str] = []
    for name in names:
        shown = " ".join(name.split())
        key = name_key(shown)
        if key and key not in seen:
            seen.add(key)
            cleaned.append(shown)
    return cleaned


def _pool(own: Sequence[Suggestion], hidden: Sequence[str] = ()) -> list[Suggestion]:
    """The catalogue, less the ideas the person hid, followed by their own ideas, without
    repeated texts."""
    seen: set[str] = {idea_key(text) for text in hidden}
    pool: list[Suggestion] = []
    for suggestion in (*CATALOGUE, *own):
        key = idea_key(suggestion.text)
        if key and key not in seen:
            seen.add(key)
            pool.append(suggestion)
    return pool


def _order(eligible: list[Suggestion], day: date, seed: int, cycle: int) -> list[Suggestion]:
    """A stable shuffle of the eligible ideas for one pass through them.

    Each idea's place depends only on its own text, the day, the seed and the pass, so
    adding an idea of one's own does not reshuffle the rest.
    """
    return sorted(
        eligible,
        key=lambda s: _digest("order", day.isoformat(), seed, cycle, s.text),
    )


def choose_suggestion(
    *,
    day: date,
    seed: int,
    own: Sequence[Suggestion] = (),
    hidden: Sequence[str] = (),
    honest_score: int | None = None,
    trusted: Sequence[str] = (),
    others: Sequence[str] = (),
    skip: int = 0,
) -> ChosenSuggestion:
    """Pick today's idea for letting someone in.

    Args:
        day: the logical day; the same day and inputs always give the same idea.
        seed: a per-person number so two people do not see the same sequence.
        own: the person's own ideas, offered alongside the built-in ones.
        hidden: the texts of built-in ideas the person chose not to be offered.
        honest_score: the lowest honest score today (or, with none yet today, the latest
            of the last days); on a 1 or 2 only tiny ideas are offered.
        trusted: names of people the person chose to lean on; preferred for ``{who}``.
        others: everyone else's names; used when no one is trusted. (Not "who is past
            their rhythm": editing a rhythm would then change the idea of the day.)
        skip: how many times today the person asked for another idea.

    The eligible ideas are put in a stable order for the day and ``skip`` walks along
    it, so each "another" gives something new until every idea has been shown; the next
    pass is ordered afresh and never opens with the idea that closed the last one. The
    order does not depend on which efforts are allowed, so the tiny ideas come in the same
    order whether or not the answer was low: a tiny idea showing stays after a low answer.
    """
    skip = max(0, skip)
    allowed = set(efforts_for(honest_score))
    names = _clean_names(trusted) or _clean_names(others)

    pool = _pool(own, hidden)
    eligible = [s for s in pool if s.effort in allowed and (names or not s.names_someone)]
    if not eligible:  # every fitting idea hidden: the gentlest ones left, else the built-in
        nameless = [s for s in pool if not s.names_someone] or [
            s for s in CATALOGUE if not s.names_someone
        ]
        least = min(effort_rank(s.effort) for s in nameless)
        eligible = [s for s in nameless if effort_rank(s.effort) == least]

    cycle, position = divmod(skip, len(eligible))
    if len(eligible) == 2:
        cycle = 0  # with two ideas the only way never to repeat is to alternate
    order = _order(eligible, day, seed, cycle)
    if cycle > 0 and len(order) > 2:
        # a fresh pass must not open with the idea that closed the last one; swapping the
        # first two leaves this pass's last idea where it was, so the rule holds every pass
        if order[0] == _order(eligible, day, seed, cycle - 1)[-1]:
            order[0], order[1] = order[1], order[0]
    if cycle == 0:  # the day's first idea is never a bigger step: the first one that is not
        # changes places with it, so the pass still shows each idea once
        first = next((i for i, s in enumerate(order) if s.effort != "bigger"), 0)
        order[0], order[first] = order[first], order[0]
    chosen = order[position]

    who: str | None = None
    if chosen.names_someone and names:
        who = min(
            names,
            key=lambda n: _digest("who", day.isoformat(), seed, skip, name_key(n)),
        )
    return ChosenSuggestion(suggestion=chosen, text=fill(chosen, who), who=who)
