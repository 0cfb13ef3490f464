"""The review screen: a placeholder until issue 5 fills it with weeks and months."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Footer, Static


class ReviewScreen(Screen[None]):
    """Kept as its own module so the real review can replace it without touching the rest."""

    DEFAULT_CSS = """
    ReviewScreen {
        & Static { width: auto; padding: 1 2; border: round $primary-muted; }
    }
    """

    BINDINGS = [Binding("escape", "back", "Back", id="review-back")]

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(
                "Review is coming: a look back over your weeks and months.\nEsc goes back."
            )
        yield Footer(compact=True)

    def action_back(self) -> None:
        """Back to the dashboard."""
        self.dismiss(None)
