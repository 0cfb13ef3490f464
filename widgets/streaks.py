"""Panel 4: both streaks: the current run, the longest, and days in the last 7."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from widgets.panel import Panel, Rows

if TYPE_CHECKING:
    from storage.days import Streak
    from storage.summary import Summary


class StreaksPanel(Panel):
    """Reaching out and honest answers, told warmly: a missed day is just a day."""

    BORDER_TITLE = "Streaks"

    def content_for(self, summary: Summary, width: int, height: int) -> Content:
        rows = Rows(width, height)
        runs = summary.show_streaks
        self.border_title = self.BORDER_TITLE if runs else "This week"
        self._streak(rows, "Reaching out", summary.connection, runs)
        if rows.room > 2:
            rows.blank()
        self._streak(rows, "Honest answers", summary.honest, runs)
        return rows.build()

    @staticmethod
    def _streak(rows: Rows, title: str, streak: Streak, runs: bool) -> None:
        from storage.views import streak_phrase  # not needed for the first frame

        current, rest = streak_phrase(streak, runs)
        rows.add(Content.assemble((title, "bold"), " · ", (current, "$text-accent")), wrap=True)
        if runs:
            rows.add(Content.styled(rest, "$text-muted"), wrap=True)
