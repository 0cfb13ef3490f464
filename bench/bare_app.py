"""The peer of the terminal benchmark: the smallest Textual app, one Static, nothing else.

``bench/pty_bench.py`` runs this as its own script (``python bench/bare_app.py``) in the
same kind of pseudo-terminal as ``leanon``, and times it to its first frame. It imports
only Textual, as any Textual app must; ctrl+q (Textual's own binding) quits it.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

TEXT = "Hello from a bare Textual app."
"""What its one Static says; the benchmark waits for it to be drawn."""


class Bare(App[None]):
    """One Static."""

    def compose(self) -> ComposeResult:
        yield Static(TEXT)


if __name__ == "__main__":
    Bare().run()
