"""Unit tests of storage.views: the words and glyphs the dashboard shows."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from storage.days import Streak
from storage.phrases import ago, days_phrase
from storage.views import (
    LEVEL_GLYPHS,
    NO_ANSWER,
    answered_average,
    cadence_phrase,
    pack,
    problem_sentence,
    spark_axis,
    spark_line,
    spark_rows,
    streak_phrase,
)

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 28, 21, 3, tzinfo=CET)


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (timedelta(0), "just now"),
        (timedelta(seconds=59), "just now"),
        (timedelta(seconds=-30), "just now"),  # a clock a little ahead
        (timedelta(minutes=14), "14 minutes ago"),
        (timedelta(hours=3), "3 hours ago"),
        (timedelta(hours=22), "yesterday"),  # 23:03 the evening before
        (timedelta(days=3), "3 days ago"),
        (timedelta(days=40), "a month ago"),
    ],
)
def test_ago_speaks_like_a_person(delta: timedelta, expected: str) -> None:
    assert ago(NOW - delta, NOW) == expected


def test_ago_counts_logical_days_not_hours() -> None:
    """At 01:30 an entry from 22:30 the same evening is still today (days start at 04:00)."""
    late = datetime(2026, 11, 29, 1, 30, tzinfo=CET)
    assert ago(datetime(2026, 11, 28, 22, 30, tzinfo=CET), late) == "3 hours ago"
    assert ago(datetime(2026, 11, 28, 3, 0, tzinfo=CET), late) == "yesterday"
    assert ago(NOW, NOW + timedelta(hours=8), time(0, 0)) == "yesterday"


def test_days_and_cadence_phrases() -> None:
    assert [days_phrase(d) for d in (None, 0, 1, 12)] == [
        "not yet",
        "today",
        "yesterday",
        "12 days",
    ]
    assert [cadence_phrase(c) for c in (None, 1, 7, 30)] == [
        "",
        "every day",
        "every week",
        "every 30 days",
    ]


def test_streak_phrases_never_scold() -> None:
    assert streak_phrase(Streak()) == ("ready when you are", "any day can start one")
    assert streak_phrase(Streak(current=0, longest=9, last_7=3)) == (
        "ready when you are",
        "longest 9 · 3 of the last 7 days",
    )
    assert streak_phrase(Streak(current=1, longest=1, last_7=1))[0] == "1 day running"
    assert streak_phrase(Streak(current=4, longest=21, last_7=5))[0] == "4 days running"


def test_spark_line_uses_heights_and_a_dot_for_no_answer() -> None:
    assert spark_line([1, None, 3, 5]) == f"{LEVEL_GLYPHS[1]}{NO_ANSWER}{LEVEL_GLYPHS[3]}█"
    assert spark_line([2, None], width=2) == f"{LEVEL_GLYPHS[2] * 2}{NO_ANSWER * 2}"
    glyphs = [LEVEL_GLYPHS[s] for s in range(1, 6)]
    assert len(set(glyphs)) == 5  # every level has its own shape


def test_spark_rows_fill_by_score_top_row_first() -> None:
    assert spark_rows([5, 1, None, 3], height=5) == [
        "█   ",
        "█   ",
        "█  █",
        "█  █",
        "██·█",
    ]
    assert spark_rows([4], height=1) == [LEVEL_GLYPHS[4]]


def test_spark_axis_spans_the_chart() -> None:
    axis = spark_axis(30, date(2026, 11, 28))
    assert axis.startswith("30 Oct") and axis.endswith("today") and len(axis) == 30
    assert spark_axis(8, date(2026, 11, 28)) == "   today"  # too narrow for the date
    assert len(spark_axis(30, date(2026, 11, 28), width=2)) == 60


def test_answered_average_ignores_days_without_an_answer() -> None:
    assert answered_average([None, None]) is None
    assert answered_average([2, None, 4]) == 3


def test_problem_sentence_reads_on_its_own() -> None:
    assert problem_sentence("is empty (0 bytes)") == "The file is empty (0 bytes)."
    assert problem_sentence("was written by a newer leanon") == (
        "The file was written by a newer leanon."
    )
    assert problem_sentence("an entry could not be read (x)") == "An entry could not be read (x)."
    assert problem_sentence("") == "Something is wrong with the file."


def test_pack_keeps_each_item_whole() -> None:
    items = ["1 struggling", "2 low", "3 getting by", "4 okay, really"]
    assert pack(items, 30) == ["1 struggling   2 low", "3 getting by   4 okay, really"]
    assert pack(["a very long item indeed"], 5) == ["a very long item indeed"]
    assert pack([], 10) == []
