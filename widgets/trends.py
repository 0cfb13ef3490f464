"""The review's trends: both streaks with their windows, honest answers over time, and how
answers sat alongside connection. Numbers come in ready-made from storage.insights."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from math import ceil, floor

from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from storage.lookback import REFLEX_EXAMPLES, ConnectionMood, WindowCounts
from storage.phrases import plural
from storage.views import NO_ANSWER, spark_rows

CHART_HEIGHT = 5
"""Rows in the honest chart: one per step of the scale."""

AXIS_WIDTH = 2
"""Room left of the chart for the 5 and the 1."""

MAX_COLUMN = 3
"""The widest a day's column gets when there is room to spare."""

STREAK_NAMES: tuple[tuple[str, str], ...] = (
    ("connection", "Reaching out"),
    ("honest", "Honest answers"),
)
"""The two streaks, as :func:`storage.lookback.streak_windows` names them, and in words."""

NOT_CAUSES = "These say what went together, not what caused what."
"""Said under the comparison, every time."""


@dataclass(frozen=True, eq=False)
class TrendsView:
    """Everything the trends show, for one window of days. Compared by identity.

    Attributes:
        today: the logical day it was computed on.
        window: the days the chart and the comparison cover (30, 90 or 365).
        streaks: from :func:`storage.lookback.streak_windows`.
        series: from :func:`storage.lookback.honest_series`, oldest first.
        reflex: from :func:`storage.lookback.reflex_sentence`, or None.
        mood: from :func:`storage.lookback.connection_mood`.
        runs: show the runs of days (the person may hide streaks; then only counted days).
    """

    today: date
    window: int
    streaks: Mapping[str, WindowCounts]
    series: Sequence[tuple[date, int | None]]
    reflex: str | None
    mood: ConnectionMood
    runs: bool = True


class TrendPanel(Widget):
    """A titled box as tall as its lines; subclasses turn the trends into lines."""

    DEFAULT_CSS = """
    TrendPanel {
        height: auto;
        border: round $primary-muted;
        border-title-color: $text-primary;
        border-title-style: bold;
        padding: 0 1;
    }
    """

    trends: reactive[TrendsView | None] = reactive(None, layout=True)
    """What to show; bound to the review screen's trends."""

    def lines(self, trends: TrendsView, width: int) -> list[Content]:
        """The lines for ``width`` columns (subclasses)."""
        raise NotImplementedError

    def title_for(self, trends: TrendsView) -> str | None:
        """A border title that names the window, or None to keep the class's own."""
        return None

    def watch_trends(self, trends: TrendsView | None) -> None:
        """Name the window in the title when the panel depends on it."""
        if trends is not None and (title := self.title_for(trends)) is not None:
            self.border_title = title

    def _lines(self, width: int) -> list[Content]:
        if self.trends is None:
            return [Content.styled("Looking back over your notes…", "$text-muted italic")]
        wrapped: list[Content] = []
        for line in self.lines(self.trends, max(1, width)):
            wrapped.extend(line.wrap(max(1, width)) if line.cell_length > width else [line])
        return wrapped

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.content_size.width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self._lines(width)))


class StreakTable(TrendPanel):
    """Current and longest runs, and counted days in the last 7, 30 and 365."""

    BORDER_TITLE = "Streaks"

    def lines(self, trends: TrendsView, width: int) -> list[Content]:
        label = max(len(words) for _, words in STREAK_NAMES) + 1
        runs = ("running", "longest") if trends.runs else ()
        headers = (*runs, "last 7", "last 30", "last 365")
        cells = [
            [
                *((_days(counts.current), _days(counts.longest)) if runs else ()),
                f"{counts.last_7} of 7",
                f"{counts.last_30} of 30",
                f"{counts.last_365} of 365",
            ]
            for name, _ in STREAK_NAMES
            if (counts := trends.streaks.get(name)) is not None
        ]
        widths = [max(len(h), *(len(row[i]) for row in cells)) + 2 for i, h in enumerate(headers)]
        head = "".ljust(label) + "".join(h.rjust(w) for h, w in zip(headers, widths, strict=True))
        result = [Content.styled(head, "$text-muted")]
        for (_, words), row in zip(STREAK_NAMES, cells, strict=False):
            values = "".join(v.rjust(w) for v, w in zip(row, widths, strict=True))
            result.append(Content.assemble((words.ljust(label), "bold"), values))
        if runs and any(trends.streaks[name].current == 0 for name, _ in STREAK_NAMES):
            result.append(
                Content.styled(
                    "A run can start any day; rest days never break one.", "$text-muted italic"
                )
            )
        return result


def _days(count: int) -> str:
    return plural(count, "day")


class HonestChart(TrendPanel):
    """The day's honest score as block heights, a dot where there was no answer.

    When the window has more days than columns, each column is a few days: their mean
    score, or a dot when none of them had an answer. Then the quick "fine" answers by month.
    """

    BORDER_TITLE = "Honest answers"

    def title_for(self, trends: TrendsView) -> str | None:
        return f"Honest answers · last {trends.window} days"

    def lines(self, trends: TrendsView, width: int) -> list[Content]:
        series = trends.series
        room = max(1, width - AXIS_WIDTH)
        per = max(1, ceil(len(series) / room))
        columns = [_bucket([s for _, s in series[i : i + per]]) for i in range(0, len(series), per)]
        column = max(1, min(MAX_COLUMN, room // max(1, len(columns))))
        chart = spark_rows(columns, CHART_HEIGHT, column)
        result: list[Content] = []
        for n, row in enumerate(chart):
            axis = "5 " if n == 0 else "1 " if n == len(chart) - 1 else "  "
            result.append(Content.assemble((axis, "$text-muted"), (row, "$text-primary")))
        if per > 1:
            # A column's block is the mean of its answered days; the dot row under it shows
            # which columns also hold a day without an answer, so no gap is hidden.
            gaps = "".join(
                (NO_ANSWER if any(s is None for _, s in series[i : i + per]) else " ") * column
                for i in range(0, len(series), per)
            )
            result.append(Content.styled(" " * AXIS_WIDTH + gaps.rstrip(), "$text-primary"))
        result.append(Content.styled(_axis(series, len(columns) * column), "$text-muted"))
        answered = sum(1 for _, s in series if s is not None)
        if per > 1:
            how = f"each column is {per} days, a {NO_ANSWER} under it if one had no answer"
        else:
            how = f"a {NO_ANSWER} is a day with no answer"
        result.append(
            Content.styled(
                f"{plural(answered, 'answer')} in {len(series)} days; {how}", "$text-muted"
            )
        )
        result.append(Content(""))
        if trends.reflex:
            result.append(Content(trends.reflex))
        else:
            result.append(
                Content.styled(f"No quick first answers {REFLEX_EXAMPLES} noted.", "$text-muted")
            )
        return result


def _bucket(scores: Sequence[int | None]) -> int | None:
    """The mean of the answered days in a column, halves rounded up; None if none."""
    answered = [s for s in scores if s is not None]
    if not answered:
        return None
    return floor(Fraction(sum(answered), len(answered)) + Fraction(1, 2))


def _axis(series: Sequence[tuple[date, int | None]], width: int) -> str:
    """The first day under the left edge, "today" under the right."""
    if not series:
        return ""
    first = series[0][0]
    start, end = f"{first.day} {first:%b %Y}", "today"
    body = start + end.rjust(width - len(start)) if width > len(start) + len(end) else end
    return " " * AXIS_WIDTH + body


class MoodNote(TrendPanel):
    """Average honest scores on days with a connection against other days, in plain words."""

    BORDER_TITLE = "Connection and how you felt"

    def title_for(self, trends: TrendsView) -> str | None:
        return f"Connection and how you felt · last {trends.window} days"

    def lines(self, trends: TrendsView, width: int) -> list[Content]:
        result = [Content(sentence) for sentence in trends.mood.sentences()]
        result.append(Content.styled(NOT_CAUSES, "$text-muted italic"))
        return result
