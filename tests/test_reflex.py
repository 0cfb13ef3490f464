"""Tests for spotting the reflex answer to "how are you?"."""

from __future__ import annotations

import pytest

from storage.reflex import REFLEX_PHRASES, is_reflex, normalize


@pytest.mark.parametrize(
    "text",
    [
        "fine",
        "Fine",
        "Fine.",
        "  fine  ",
        "FINE!!!",
        "I'm fine",
        "I’m fine!!",
        "i‘m fine",
        "im fine",
        "i am fine",
        "I am fine.",
        "ok",
        "OK",
        "ok…",
        "Okay.",
        "okay",
        "good",
        "Good!",
        "all good",
        "All good 🙂",
        "not bad",
        "Not bad, thanks",
        "fine thanks",
        "Fine, thanks.",
        "fine, thank you",
        "Fine thanks, and you?",
        "good, you?",
        "i'm ok",
        "I'm okay",
        "doing fine",
        "Doing fine!",
        "pretty good",
        "Pretty good, how about you?",
        "alright",
        "all right",
        "same as always",
        "Same as always...",
        "Oh, I'm fine.",
        "yeah, fine",
        "I'm fine, really",
        "can't complain",
        "i   am    fine",
        "fine\n",
    ],
)
def test_reflex_answers(text: str) -> None:
    assert is_reflex(text)


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "   ",
        "...",
        "🙂",
        "fine, but tired of pretending",
        "not fine",
        "I'm not fine",
        "honestly not great",
        "good day at work, bad night",
        "ok-ish, lonely",
        "tired",
        "fine at work, lonely at home",
        "thanks",
        "you?",
        "I feel fine today because Sam called",
        "fineish",
        "really struggling",
    ],
)
def test_not_reflex_answers(text: str | None) -> None:
    assert not is_reflex(text)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("I’m FINE!!", "im fine"),
        ("  ok…  ", "ok"),
        ("all   good 🙂", "all good"),
        ("fine,thanks", "fine thanks"),
        ("", ""),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_phrases_are_already_normalized() -> None:
    for phrase in REFLEX_PHRASES:
        assert normalize(phrase) == phrase
        assert is_reflex(phrase)


def test_invites_more_only_for_a_reflex_between_the_ends_of_the_scale() -> None:
    """A 5 with "good" hides nothing; a 1 is acknowledged, never asked for more words."""
    from storage.reflex import invites_more

    assert [invites_more(score, "fine") for score in range(1, 6)] == [
        False,
        True,
        True,
        True,
        False,
    ]
    assert not invites_more(3, "fine, but tired of pretending")
    assert not invites_more(3, None)
