"""The keys, listed from the same bindings the footer and the command palette use."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.screens.base import dialog_box

INTRO = "Everything works from the keyboard. {palette} finds any action by name."
"""The help's first line; ``{palette}`` is the palette's key as it is now."""


@dataclass(frozen=True, slots=True)
class KeyHelp:
    """One line of the help: the key as shown, what it does, and a longer word on it."""

    key: str
    description: str
    tooltip: str
    enabled: bool
    action: str = ""


def keys_of(screen: Screen[object]) -> list[KeyHelp]:
    """The keys active on ``screen`` (its own and the App's), one per action."""
    seen: set[str] = set()
    found: list[KeyHelp] = []
    for active in screen.active_bindings.values():
        binding = active.binding
        # Ours all carry an id; Textual's own (tab, ctrl+c, ctrl+q) are left to Textual.
        if not binding.id or not binding.description or binding.action in seen:
            continue
        seen.add(binding.action)
        display = screen.app.get_key_display(binding)
        found.append(
            KeyHelp(display, binding.description, binding.tooltip, active.enabled, binding.action)
        )
    return found


class HelpScreen(ModalScreen[None]):
    """A list of keys; Escape, q or ? closes it, the arrows scroll it.

    Each key is a row of two cells, so a description that wraps stays clear of the keys;
    the box is the scrolling part, so at 80x24 every line can be reached inside its edge.
    """

    DEFAULT_CSS = (
        """
    HelpScreen {
        align: center middle;
    """
        + dialog_box("#help", 72)
        + """
        & .intro { color: $text-muted; margin-bottom: 1; }
        & .key-row { height: auto; }
        & .key { color: $text-accent; text-style: bold; }
        & .words { width: 1fr; }
    }
    """
    )

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", id="help-close")]

    def __init__(self, keys: Iterable[KeyHelp]) -> None:
        super().__init__()
        self.keys = list(keys)

    def compose(self) -> ComposeResult:
        width = max((len(k.key) for k in self.keys), default=1) + 2
        with VerticalScroll(id="help") as box:
            box.border_title = "Keys"
            palette = next((k.key for k in self.keys if k.action == "command_palette"), "")
            yield Static(INTRO.format(palette=palette), classes="intro")
            for item in self.keys:
                with Horizontal(classes="key-row"):
                    key = Static(Content(item.key), classes="key")
                    key.styles.width = width
                    yield key
                    yield Static(self._words(item), classes="words")

    @staticmethod
    def _words(item: KeyHelp) -> Content:
        style = "" if item.enabled else "$text-muted"
        detail = f" · {item.tooltip}" if item.tooltip else ""
        return Content.assemble(
            (item.description, f"bold {style}".strip()), (detail, "$text-muted")
        )

    def action_close(self) -> None:
        """Back to where you were."""
        self.dismiss(None)
