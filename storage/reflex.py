"""Spotting the automatic answer to "how are you?".

Most of us have a ready-made reply that goes out before we have checked how we are.
Noticing it is not a judgement: it is only a cue that leanon may gently ask once more.
"""

from __future__ import annotations

REFLEX_PHRASES: frozenset[str] = frozenset(
    {
        # fine
        "fine",
        "im fine",
        "i am fine",
        "all fine",
        "doing fine",
        "its fine",
        "its all fine",
        "everythings fine",
        "everything is fine",
        "fine fine",
        # ok
        "ok",
        "k",
        "o k",
        "okay",
        "okey",
        "okie",
        "im ok",
        "im okay",
        "i am ok",
        "i am okay",
        "doing ok",
        "doing okay",
        "all ok",
        "its ok",
        "its okay",
        # good
        "good",
        "im good",
        "i am good",
        "all good",
        "its all good",
        "all good here",
        "pretty good",
        "doing good",
        "doing pretty good",
        "good good",
        "well",
        "im well",
        "i am well",
        "doing well",
        "not bad",
        "not too bad",
        # alright
        "alright",
        "all right",
        "im alright",
        "im all right",
        "i am alright",
        "i am all right",
        "doing alright",
        "doing all right",
        # same as ever
        "same as always",
        "same as ever",
        "same as usual",
        "same old",
        "same old same old",
        "the usual",
        "nothing new",
        "cant complain",
        "no complaints",
        "could be worse",
        "busy",
        "keeping busy",
    }
)
"""Whole answers that are usually said on autopilot, already normalized.

Normalized means casefolded, apostrophes dropped ("I'm" becomes "im"), every other
punctuation mark or symbol turned into a space, and runs of spaces collapsed. A courtesy
tail ("thanks", "and you?") or an opening "oh"/"yeah" is ignored around them; anything
more than that is treated as a real answer.
"""

_OPENERS: tuple[tuple[str, ...], ...] = (
    ("oh",),
    ("oh", "well"),
    ("yeah",),
    ("yep",),
    ("yes",),
    ("um",),
    ("uh",),
    ("eh",),
    ("ah",),
)
"""Filler that may come before a reflex without changing it."""

_TAILS: tuple[tuple[str, ...], ...] = (
    ("thanks",),
    ("thank", "you"),
    ("thanks", "for", "asking"),
    ("thx",),
    ("ty",),
    ("cheers",),
    ("and", "you"),
    ("you",),
    ("how", "about", "you"),
    ("how", "are", "you"),
    ("hbu",),
    ("wbu",),
    ("really",),
    ("i", "guess"),
    ("i", "suppose"),
)
"""Courtesy or shrugging words that may follow a reflex without changing it."""

_APOSTROPHES = "'\u2018\u2019\u02bc\u0060\u00b4"


def normalize(text: str) -> str:
    """Reduce an answer to plain lower-case words separated by single spaces.

    Curly and straight apostrophes are dropped so "I’m" and "I'm" both read "im"; every
    other character that is not a letter, digit or space (punctuation, ellipses, emoji)
    becomes a space.
    """
    chars: list[str] = []
    for ch in text.casefold():
        if ch in _APOSTROPHES:
            continue
        chars.append(ch if ch.isalnum() or ch.isspace() else " ")
    return " ".join("".join(chars).split())


def _strip_edges(words: list[str]) -> list[str]:
    """Drop filler from the front and courtesy words from the back, repeatedly."""
    changed = True
    while changed and words:
        changed = False
        for opener in sorted(_OPENERS, key=len, reverse=True):
            n = len(opener)
            if len(words) > n and tuple(words[:n]) == opener:
                words = words[n:]
                changed = True
                break
        for tail in sorted(_TAILS, key=len, reverse=True):
            n = len(tail)
            if len(words) > n and tuple(words[-n:]) == tail:
                words = words[:-n]
                changed = True
                break
    return words


def is_reflex(text: str | None) -> bool:
    """Whether an answer is only a reflex such as "fine", "I'm ok" or "not bad".

    ``None``, empty text and text with no words at all are not reflexes: with nothing
    said, the score speaks for itself. An answer that says anything beyond the reflex
    ("fine, but tired of pretending") is a real answer and returns ``False``.
    """
    if not text:
        return False
    words = normalize(text).split()
    if not words:
        return False
    if " ".join(words) in REFLEX_PHRASES:
        return True
    return " ".join(_strip_edges(words)) in REFLEX_PHRASES


def invites_more(score: int | None, text: str | None) -> bool:
    """Whether to say, once and gently, that there is room for more than ``text``.

    Only when the words were just a reflex, and never on a 5 or a 1: "good" on a genuinely
    good day hides nothing, and on a 1 the score has already said the hard part; someone
    struggling who wrote "fine" is acknowledged, not asked for more words
    (:func:`storage.phrases.honest_acknowledgement`).
    """
    return score not in (1, 5) and is_reflex(text)
