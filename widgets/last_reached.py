"""Panel 1: who you last reached out to, who is past their rhythm, who it has been a while with."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from widgets.panel import Panel, Rows, key_hint, shown

if TYPE_CHECKING:
    from datetime import date  # noqa: F401 - in a signature; imported again where used

    from storage.records import PersonStatus
    from storage.summary import Summary

NAME_WIDTH = 14
"""The most room a name gets in the lists before the details start."""

RECENT_DAYS = 7
"""Someone in touch within this many days is listed under "Recently in touch"; anyone
longer ago (or never) under "Longest since", so nobody is listed twice."""

SECTION_CAP = 10
"""A list grows past this many people only when the panel is tall enough for the others too."""


class LastReached(Panel):
    """The newest reach-out in human words, then the overdue and the longest-since people."""

    BORDER_TITLE = "Last reached out"

    def content_for(self, summary: Summary, width: int, height: int) -> Content:
        # Imported here, like the other panels' words: the first frame is drawn before the
        # file is read and needs none of them.
        from storage.phrases import ago
        from storage.records import VIA_VERBS

        rows = Rows(width, height)
        last = summary.last_reach
        if last is None:
            rows.add("No reach-outs logged yet.", wrap=True)
            rows.add(
                Content.assemble(
                    ("Press ", "$text-muted"),
                    key_hint(self.key("reach"), "to log the first one; even a short text counts."),
                ),
                wrap=True,
            )
        else:
            verb = VIA_VERBS.get(last.via or "other", "reached out to")
            rows.add(Content.assemble("You ", verb, " ", (shown(last.who), "bold")), wrap=True)
            when = ago(last.at, summary.now, summary.day_starts_at)
            note = f' · "{shown(last.note)}"' if last.note else ""
            rows.add(Content.assemble((when, "$text-accent"), (note, "italic")))
        if summary.birthdays:
            from storage.phrases import birthday_sentence

            for birthday in summary.birthdays:
                said = birthday_sentence(shown(birthday.who), birthday.day, summary.today)
                rows.add(Content.styled(said, "$text-muted"), wrap=True)
        # Each person is in one list at most: past their rhythm, else in touch within
        # RECENT_DAYS (newest first; the reach-out above is not repeated), else the others,
        # longest since first.
        overdue = list(summary.overdue)
        longest = [s for s in summary.people if not s.overdue and not is_recent(s)]
        recent = sorted(
            (
                s
                for s in summary.people
                if not s.overdue and is_recent(s) and s.last_contact != last
            ),
            key=lambda s: s.last_contact.at if s.last_contact else summary.now,
            reverse=True,
        )
        listed = (*overdue, *longest, *recent)
        if not listed:
            return rows.build()
        names = min(NAME_WIDTH, max(name_width(s) for s in listed))
        room = rows.room
        # Overdue first, then the longest-since; each section costs a blank and a title row.
        # A tall panel lets each list grow to half the room, leaving space for the recent.
        cap = max(SECTION_CAP, (room - 6) // 2)
        if overdue and longest:
            over_n = min(len(overdue), max(1, (room - 4) * 2 // 3), cap)
            long_n = max(0, min(len(longest), room - 4 - over_n, cap))
        else:
            over_n = min(len(overdue), max(0, room - 2), cap)
            long_n = min(len(longest), max(0, room - 2), cap)
        self._section(
            rows, "Past the rhythm you chose", overdue, over_n, names, overdue=True, summary=summary
        )
        self._section(rows, "Longest since", longest, long_n, names, summary=summary)
        # A tall panel has room to say who was in touch most recently, too.
        if rows.room >= 4:
            recent_n = min(len(recent), rows.room - 2)
            self._section(
                rows, "Recently in touch", recent, recent_n, names, recent=True, summary=summary
            )
        return rows.build()

    def _section(
        self,
        rows: Rows,
        title: str,
        people: list[PersonStatus],
        count: int,
        names: int,
        *,
        overdue: bool = False,
        recent: bool = False,
        summary: Summary | None = None,
    ) -> None:
        """A titled list of ``count`` people; the last row says how many more when cut short."""
        if count <= 0 or not people:
            return
        rows.blank()
        rows.add(Content.styled(title, "bold"))
        for status in people[:count]:
            if recent and summary is not None:
                rows.add(recent_row(status, rows.width, names, summary))
            else:
                today = summary.today if summary is not None else None
                rows.add(person_row(status, rows.width, names, overdue=overdue, today=today))
        if count < len(people) and (count > 1 or overdue):
            rows.replace_last(more_row(len(people) - count + 1, self.key("people")))


def is_recent(status: PersonStatus) -> bool:
    """In touch within :data:`RECENT_DAYS` logical days."""
    return status.days_since is not None and status.days_since <= RECENT_DAYS


def name_width(status: PersonStatus) -> int:
    """The columns a person's name takes as drawn (control characters shown as escapes)."""
    return Content(shown(status.person.name)).cell_length


def name_cell(status: PersonStatus, names: int) -> Content:
    """A person's name as drawn, cut with an ellipsis or padded to ``names`` columns.

    Measured in terminal cells of the drawn form, so an escaped control character or a wide
    letter never pushes the details out of their column.
    """
    return Content(shown(status.person.name)).truncate(names, ellipsis=True, pad=True)


def person_row(
    status: PersonStatus, width: int, names: int, *, overdue: bool, today: date | None = None
) -> Content:
    """One person: name (in a column ``names`` wide), how long since, their rhythm if any,
    and "resting until 1 May" while a rest from them covers ``today``."""
    from datetime import date

    from storage.phrases import days_phrase
    from storage.views import cadence_phrase

    since = days_phrase(status.days_since) if status.last_contact else "no contact logged yet"
    rhythm = cadence_phrase(status.person.cadence_days)
    rest = None
    if status.resting and status.person.resting_until:
        from storage.phrases import resting_phrase

        until = status.person.resting_until
        rest = resting_phrase(until, today or date.fromisoformat(until))
    marker = "▸ " if overdue else "  "
    head = Content.assemble(
        (marker, "$text-warning" if overdue else ""),
        name_cell(status, names).stylize("bold" if overdue else ""),
        " ",
    )
    detail = _fitting(width - head.cell_length, since, rhythm, rest)
    return Content.assemble(head, (detail, "$text-muted")).truncate(width, ellipsis=True)


def recent_row(status: PersonStatus, width: int, names: int, summary: Summary) -> Content:
    """Someone recently in touch: name, when, and how."""
    from storage.phrases import ago

    contact = status.last_contact
    if contact is None:
        return Content("")
    how = contact.via if contact.kind == "reach" and contact.via else "let in"
    when = ago(contact.at, summary.now, summary.day_starts_at)
    rest = None
    if status.resting and status.person.resting_until:
        from storage.phrases import resting_phrase

        rest = resting_phrase(status.person.resting_until, summary.today)
    head = Content.assemble("  ", name_cell(status, names), " ")
    detail = _fitting(width - head.cell_length, when, how, rest)
    return Content.assemble(head, (detail, "$text-muted")).truncate(width, ellipsis=True)


def _fitting(room: int, first: str, second: str | None, rest: str | None) -> str:
    """``first · second · rest`` in ``room`` columns: when it does not fit, a rest (the one
    thing that changes what the row means) is kept over ``second``, and shortened to
    "resting" before anything is cut (its day is on the person's page)."""
    tried = [first, second, rest]
    choices = [tried]
    if rest is not None:
        choices += [[first, rest], [first, second, "resting"], [first, "resting"]]
    joined = [" · ".join(part for part in parts if part) for parts in choices]
    return next((text for text in joined if Content(text).cell_length <= room), joined[-1])


def more_row(count: int, people_key: str) -> Content:
    """The last visible row, standing for the ones that did not fit (``people_key`` opens
    the list of everyone)."""
    return Content.styled(f"  …and {count} more ({people_key} for everyone)", "$text-muted italic")
