"""Panel 2: "How are you, really?": today's honest answer and the last 30 days at a glance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from widgets.panel import Panel, Rows, key_hint, shown

if TYPE_CHECKING:
    from storage.summary import Summary

MAX_CHART_ROWS = 5
"""A taller chart than one row per score step would add nothing."""


class HonestPanel(Panel):
    """Today's answer (or that there is none yet) over a chart of the last 30 days.

    The chart uses block heights and a dot for unanswered days, so it reads without colour.
    """

    BORDER_TITLE = "How are you, really?"

    def content_for(self, summary: Summary, width: int, height: int) -> Content:
        # Imported here: the first frame is drawn before the file is read and needs neither.
        from storage.records import SCORE_WORDS
        from storage.views import NO_ANSWER, answered_average, pack, spark_axis, spark_rows

        rows = Rows(width, height)
        answer = summary.today_honest
        if answer is None or answer.score is None:
            rows.add(
                Content.assemble(
                    "No answer yet today. ", key_hint(self.key("honest"), "to answer")
                ),
                wrap=True,
            )
        else:
            rows.add(
                Content.assemble(
                    "Today ",
                    (str(answer.score), "bold $text-accent"),
                    " · ",
                    (SCORE_WORDS.get(answer.score, ""), "bold"),
                )
            )
            if answer.text:
                rows.add(Content.styled(f"“{shown(answer.text)}”", "italic"), wrap=height > 6)
        scores = summary.honest_by_day
        days = len(scores)
        if days == 0 or rows.room < 2:
            return rows.build()
        rows.blank()
        column = max(1, min(3, width // days))
        chart_height = max(1, min(MAX_CHART_ROWS, rows.room - 3))
        for line in spark_rows(scores, chart_height, column):
            rows.add(Content.styled(line, "$text-primary"))
        rows.add(Content.styled(spark_axis(days, summary.today, column), "$text-muted"))
        average = answered_average(scores)
        if average is not None and rows.room > 0:
            from storage.phrases import plural

            answered = sum(1 for s in scores if s is not None)
            word = SCORE_WORDS[round(average)]
            # Said whole or not at all: a mean read as "mostly okay," cut mid-phrase misleads.
            for line in (
                f"{plural(answered, 'answer')} in {days} days · on average {word}",
                f"{answered} of {days} days · on average {word}",
                f"{plural(answered, 'answer')} in {days} days",
            ):
                if len(Content(line).wrap(width)) <= rows.room:
                    rows.add(Content.styled(line, "$text-muted"), wrap=True)
                    break
        if rows.room >= 3:
            rows.blank()
            items = [f"{step} {word}" for step, word in SCORE_WORDS.items()]
            for line in pack([*items, f"{NO_ANSWER} no answer"], width):
                rows.add(Content.styled(line, "$text-muted"))
        return rows.build()
