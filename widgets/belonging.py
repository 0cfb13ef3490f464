"""Panel 5: today's small moments of everyday belonging."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from widgets.panel import Panel, Rows, key_hint, shown

if TYPE_CHECKING:
    from storage.summary import Summary


class BelongingPanel(Panel):
    """The moments noted today; an empty day gets an invitation, not a reproach."""

    BORDER_TITLE = "Belonging today"

    def content_for(self, summary: Summary, width: int, height: int) -> Content:
        rows = Rows(width, height)
        moments = summary.today_belong
        if not moments:
            rows.add("A nod, a held door, a familiar face: small moments count.", wrap=True)
            rows.add(Content.assemble(key_hint(self.key("belong"), "to note one")))
            return rows.build()
        latest = moments[-max(1, height - 1) :] if len(moments) > height - 1 else moments
        for moment in latest:
            line = Content.assemble(("• ", "$text-accent"), shown(moment.text))
            rows.add(line, wrap=True, hang=2)
        if rows.room > 0:
            rows.add(Content.assemble(key_hint(self.key("belong"), "to note another")))
        return rows.build()
