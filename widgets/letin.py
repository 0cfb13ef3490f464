"""Panel 3: "Let someone in": today's suggestion, the same all day until you ask for another."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from widgets.panel import Panel, Rows, key_hint, shown

if TYPE_CHECKING:
    from storage.summary import Summary

EFFORT_WORDS: dict[str, str] = {
    "tiny": "a tiny step",
    "small": "a small step",
    "bigger": "a bigger step",
}
"""How each effort reads under the suggestion."""


class LetInPanel(Panel):
    """Today's idea for receiving a little help, company or kindness."""

    BORDER_TITLE = "Let someone in"

    def content_for(self, summary: Summary, width: int, height: int) -> Content:
        rows = Rows(width, height)
        chosen = summary.suggestion
        rows.add(Content.styled(shown(chosen.text), "bold"), wrap=True)
        effort = chosen.suggestion.effort
        own = " · one of yours" if chosen.suggestion.own else ""
        rows.add(Content.styled(EFFORT_WORDS.get(effort, effort) + own, "$text-muted italic"))
        did = key_hint(self.key("letin"), "I did this")
        another = key_hint(self.key("another-suggestion"), "another idea")
        yours = key_hint(self.key("ideas"), "your ideas")
        one_row = Content.assemble(did, "  ", another, "  ", yours)
        # The keys on one row when it fits; else "your ideas" on a row of its own, if the
        # blank row above can give way for it; it is in ? and the palette either way.
        if one_row.cell_length <= rows.width:
            hints = [one_row]
        else:
            hints = [Content.assemble(did, "  ", another), yours]
        if rows.room >= len(hints) + 1:
            rows.blank()
        for hint in hints:
            rows.add(hint)
        done = summary.counts.get("letin", 0)
        if done and rows.room >= 2:
            rows.blank()
            times = "once" if done == 1 else f"{done:,} times"
            rows.add(
                Content.styled(f"You've let someone in {times} so far.", "$text-muted"), wrap=True
            )
        return rows.build()
