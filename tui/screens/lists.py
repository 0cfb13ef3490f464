"""The full screens of things to change (people, ideas, settings), with their one list.

Apart from :mod:`tui.screens.base` so that the dashboard's first frame does not import
Textual's DataTable, which only these screens (and the review) use.
"""

from __future__ import annotations

from textual import on
from textual.widgets import DataTable

from storage.phrases import upper_first
from tui.screens.base import StorageScreen
from tui.storework import JobDone, JobFailed


class ListScreen(StorageScreen[None]):
    """A full screen of things to change (people, ideas, settings): Enter on a row runs
    :attr:`ENTER_ACTION`, a save says what it did, a failure why (nothing was changed), and
    Escape goes back."""

    ENTER_ACTION = ""
    """The action Enter (or a click) on a row of the screen's list runs, by name."""

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        getattr(self, f"action_{self.ENTER_ACTION}")()

    @on(JobDone)
    def _done(self, event: JobDone) -> None:
        if not self.say_undone(event):
            self.notify(upper_first(event.what), timeout=4)

    @on(JobFailed)
    def _failed(self, event: JobFailed) -> None:
        self.notify(str(event.error), title="Not saved", severity="error", timeout=8)

    def action_back(self) -> None:
        """Back to the dashboard."""
        self.dismiss(None)
