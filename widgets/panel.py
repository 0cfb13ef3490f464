"""The base of every dashboard panel: a bordered box that renders the summary pushed into it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from storage.fields import visible

if TYPE_CHECKING:
    from storage.summary import Summary

LOADING = Content.styled("Opening your notes…", "$text-muted italic")
"""Shown for the moment between opening the dashboard and the first read of the file."""


class Panel(Widget):
    """A titled panel; subclasses turn a :class:`~storage.summary.Summary` into content.

    The panel decides how much to show from its own size, so the same widget reads well
    in a small terminal and uses the room in a large one.
    """

    DEFAULT_CSS = """
    Panel {
        border: round $primary-muted;
        border-title-color: $text-primary;
        border-title-style: bold;
        padding: 0 1;
        height: 1fr;
        width: 1fr;
    }
    """

    summary: reactive[Summary | None] = reactive(None, repaint=False)
    """What to show; bound to the dashboard's summary, so every panel updates at once.

    Not repainted on every change: :meth:`watch_summary` repaints only a panel whose
    content changed."""

    keys: reactive[Mapping[str, str]] = reactive(dict, repaint=False)
    """The key each of the screen's bindings is on now, as shown, by binding id: a hint
    says the key the person chose (``leanon config keys.reach``), pushed in by the screen."""

    _drawn: tuple[Summary | None, Size, Content, Mapping[str, str]] | None = None
    """The summary, size and keys the content was last built for, and that content."""

    def key(self, binding: str) -> str:
        """The key of the screen's ``binding`` as a hint shows it."""
        return self.keys.get(binding, "")

    def watch_keys(self) -> None:
        """A key was moved: the hints say the new one."""
        self.watch_summary(self.summary)

    def watch_summary(self, summary: Summary | None) -> None:
        """Repaint only if the new summary changes what this panel shows.

        A new summary reaches every panel at once, but most changes (a reach-out, say)
        touch one or two of them; repainting the rest would slow the very frame that
        shows the change. Before the panel's first layout its size is not known yet, so
        the content is left to the first render rather than built for no room at all.
        """
        before = self._drawn
        size = self.content_size
        if not size.area:
            self.refresh()
            return
        content = self._content(summary, size)
        if before is None or not same_content(before[2], content):
            self.refresh()

    def render(self) -> Content:
        """The panel's content for the current summary and size."""
        drawn = self._drawn
        size = self.content_size
        if (
            drawn is not None
            and drawn[0] is self.summary
            and drawn[1] == size
            and drawn[3] is self.keys
        ):
            return drawn[2]
        return self._content(self.summary, size)

    def _content(self, summary: Summary | None, size: Size) -> Content:
        """Build the content for ``summary`` at ``size`` and remember it."""
        content = LOADING if summary is None else self.content_for(summary, *size)
        self._drawn = (summary, size, content, self.keys)
        return content

    def content_for(self, summary: Summary, width: int, height: int) -> Content:
        """Build the content; ``width`` and ``height`` are the room inside the border."""
        raise NotImplementedError


class Rows:
    """Lines of a panel, wrapped or cut to its width and never more than its height."""

    def __init__(self, width: int, height: int) -> None:
        self.width = max(1, width)
        self.height = max(0, height)
        self._lines: list[Content] = []

    @property
    def room(self) -> int:
        """Rows still free."""
        return self.height - len(self._lines)

    def add(self, line: Content | str, *, wrap: bool = False, hang: int = 0) -> bool:
        """Add a line, wrapped onto rows or cut with an ellipsis; False when full.

        ``hang`` indents the wrapped rows after the first (for bullets).
        """
        content = Content(line) if isinstance(line, str) else line
        if not wrap:
            parts = [content.truncate(self.width, ellipsis=True)]
        elif hang and content.cell_length > self.width:
            first = content.wrap(self.width)[0]
            plain, cut = content.plain, len(first.plain)
            while cut < len(plain) and plain[cut] == " ":
                cut += 1
            rest = content[cut:].wrap(max(1, self.width - hang)) if cut < len(plain) else []
            parts = [first, *(part.pad_left(hang) for part in rest)]
        else:
            parts = content.wrap(self.width)
        for part in parts:
            if self.room <= 0:
                return False
            self._lines.append(part)
        return True

    def blank(self) -> None:
        """An empty row, unless it would be the first or there is no room."""
        if self._lines and self.room > 0:
            self._lines.append(Content(""))

    def replace_last(self, line: Content) -> None:
        """Swap the last row for ``line`` (used for "...and 3 more")."""
        if self._lines:
            self._lines[-1] = line.truncate(self.width, ellipsis=True)

    def build(self) -> Content:
        """The rows as one piece of content."""
        return Content("\n").join(self._lines)


def same_content(one: Content, other: Content) -> bool:
    """Whether two contents look the same: the same text, styled the same."""
    return one.plain == other.plain and list(one.spans) == list(other.spans)


def key_hint(key: str, words: str) -> Content:
    """A "r to ..." hint: the key stands out by weight, not only by colour."""
    return Content.assemble((key, "bold $text-accent"), (f" {words}", "$text-muted"))


def shown(text: str | None) -> str:
    """A person's words as one line that is safe to draw.

    Line breaks and tabs become spaces (a note's lines would break a row), and other control
    and format characters show as escapes (:func:`storage.fields.visible`): a name or note
    from the command line, an import or a hand edit could otherwise set the terminal's
    title, paint it, or turn the rest of the row around. Plain text comes back unchanged.
    """
    if not text:
        return ""
    if "\n" in text or "\r" in text or "\t" in text:
        text = " ".join(text.split())
    return visible(text)


SEPARATOR = " · "
"""Between the parts of a row: "texted Sam · about the move"."""


def fit_parts(parts: list[str], room: int, keep: str = "") -> str:
    """``parts`` joined with " · " in at most ``room`` cells, every cut marked with "…".

    When they do not fit, the longest part is shortened first (a note, what happened), but
    never one holding ``keep`` (the person's name) while another can give way, so "with
    Mum" and "texted Sam" stay whole as long as there is any room for them.
    """
    parts = [p for p in parts if p]
    joined = SEPARATOR.join(parts)
    if cell_len(joined) <= room:
        return joined
    if room <= 0:
        return ""
    spare = [i for i in range(len(parts)) if not keep or keep not in parts[i]]
    longest = max(spare or range(len(parts)), key=lambda i: cell_len(parts[i]))
    fixed = sum(cell_len(p) for i, p in enumerate(parts) if i != longest)
    fixed += cell_len(SEPARATOR) * (len(parts) - 1)
    if room - fixed >= MIN_PART:
        parts[longest] = cut(parts[longest], room - fixed)
        return SEPARATOR.join(parts)
    return cut(joined, room)


MIN_PART = 8
"""The fewest cells a shortened part keeps; with less room the whole row is cut instead."""


def cut(text: str, room: int) -> str:
    """``text`` in at most ``room`` cells, ending in "…" when it was cut."""
    if cell_len(text) <= room:
        return text
    return set_cell_size(text, max(0, room - 1)).rstrip() + "…"
