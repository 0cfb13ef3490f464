"""The dashboard App: wiring only. Screens do the work; storage decides what to show."""

from __future__ import annotations

import gc
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import rich
from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from storage.clock import Clock
from storage.config import DEFAULT_THEME
from tui.hangup import SavesInFlight, Watchdog
from tui.keyorder import KeyOrder
from tui.screens.base import StorageScreen
from tui.screens.dashboard import START_SCREENS, DashboardScreen
from tui.storework import BoardChanged, StoreAccess

if TYPE_CHECKING:
    from textual.command import Provider

    from storage.records import Settings
    from storage.store import Store


def _leanon_commands() -> type[Provider]:
    """leanon's own commands for the palette, imported when it first opens (Textual takes
    a callable for that), not before the first frame."""
    from tui.providers import LeanonCommands

    return LeanonCommands


class LeanonApp(App[int]):
    """The leanon dashboard."""

    CSS_PATH = "app.tcss"
    TITLE = "leanon"
    COMMANDS = App.COMMANDS | {_leanon_commands}
    BINDINGS = [
        # Shown in the top bar rather than the footer: eleven keys do not fit in 80 columns.
        Binding("question_mark", "help", "Help", id="help", tooltip="List every key", show=False),
        Binding("q", "quit", "Quit", id="quit", tooltip="Close the dashboard"),
        # Textual's own would be called "palette", in Textual's words.
        Binding(
            "ctrl+p",
            "command_palette",
            "Commands",
            id="commands",
            show=False,
            priority=True,
            tooltip="Every action by name, and themes",
        ),
    ]

    def __init__(
        self,
        access: StoreAccess,
        *,
        demo: bool = False,
        start_action: str = "",
        first_settings: Settings | None = None,
        locked: Path | None = None,
    ) -> None:
        super().__init__()
        self.access = access
        self.locked = locked
        """The data file when it is encrypted and its key locked: the unlock screen comes
        first (:mod:`tui.screens.unlock`)."""
        self.dashboard = DashboardScreen(access, demo=demo, start_action=start_action or None)
        self._saved_theme = DEFAULT_THEME
        self._file_theme: str | None = None
        self._board_seq = 0
        self._keys = KeyOrder(self, super().on_event)
        self.chosen_keys: dict[str, str] = {}
        """The keys the person chose (``leanon config keys.ID``), as the keymap has them."""
        if first_settings is not None:  # the first frame in the person's theme and keys
            self._use_keys(first_settings.keys)
            self._follow_file_theme(first_settings.theme)

    def _use_keys(self, chosen: Iterable[tuple[str, str]]) -> bool:
        """Bind the person's keys (Textual's keymap: the footer, ``?`` and the palette
        follow it); True when they changed, so the hints can say the new ones."""
        keys = dict(chosen)
        if keys == self.chosen_keys:
            return False
        self.chosen_keys = keys
        self.set_keymap(keys)
        return True

    async def on_event(self, event: events.Event) -> None:
        """Keys from the terminal go one at a time (see :mod:`tui.keyorder`)."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            await self._keys.key(event, self.focused or self.screen)
        else:
            await super().on_event(event)

    def get_default_screen(self) -> Screen[None]:
        return self.dashboard

    def on_ready(self) -> None:
        """The first frame is on screen: the file is read, once it is unlocked, and the
        cycle collector runs again (the console script keeps it off while a command starts,
        :func:`tui.entry.run`). The board from the totals is made before it does: with
        Textual's objects all alive, each collection while it is made costs milliseconds,
        and made after, the board took three times as long."""
        if self.locked is None:
            self.dashboard.load()
        gc.enable()
        if self.locked is not None:
            from tui.screens.unlock import UnlockScreen

            self.push_screen(UnlockScreen(self.locked), self._unlocked)

    def _unlocked(self, _: None = None) -> None:
        """The passphrase opened the key: the dashboard reads the file."""
        self.locked = None
        self.dashboard.load()

    def poll(self) -> None:
        """Look for outside changes and a new day now (a timer also does this every second)."""
        self.dashboard.poll()

    def on_board_changed(self, event: BoardChanged) -> None:
        """New data: every screen in the stack shows it; a theme saved elsewhere is applied."""
        if event.board.seq < self._board_seq:
            return  # read before the board already shown (the poll and a save crossed)
        self._board_seq = event.board.seq
        moved = self._use_keys(event.board.settings.keys)
        for screen in self.screen_stack:
            if isinstance(screen, StorageScreen):
                if moved:
                    screen.keys_moved()
                screen.show_board(event.board)
        self._follow_file_theme(event.board.theme)

    def _follow_file_theme(self, saved: str | None) -> None:
        """Apply the theme saved in the file only when it changed there (the first read,
        undo, another process), so a board read just before a palette choice cannot flip
        it back."""
        theme = saved or DEFAULT_THEME
        if theme != self._file_theme:
            self._file_theme = self._saved_theme = theme
            if theme in self.available_themes:
                self.theme = theme

    def watch_theme(self, theme: str) -> None:
        """Remember a theme chosen from the palette in the file's settings."""
        dashboard = getattr(self, "dashboard", None)  # None while App.__init__ runs
        if dashboard is None or dashboard.board is None or theme == self._saved_theme:
            return
        self._saved_theme = theme

        def job(store: Store) -> str:
            store.set_theme(theme)
            return f"the {theme} theme"

        dashboard.save(job, "theme")

    def on_dashboard_screen_settings_asked(self, event: DashboardScreen.SettingsAsked) -> None:
        """Open the Settings screen with every screen's keys to list."""
        from tui.keyscopes import scopes
        from tui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen(self.access, event.board, scopes(type(self))))

    async def action_quit(self) -> None:
        """Quit, once every entry already shown on the dashboard is saved.

        A new entry shows the moment Enter is pressed and saves just after, so ``q`` typed
        straight after Enter waits that moment rather than drop it.
        """
        self.dashboard.closing = True
        await self.dashboard.drafts_saved()
        self.exit()

    def action_help(self) -> None:
        """List the keys of the screen in front."""
        from tui.screens.help import HelpScreen, keys_of

        self.push_screen(HelpScreen(keys_of(self.screen)))

    def action_help_quit(self) -> None:
        """ctrl+c outside a text field: say how to close leanon, in leanon's words."""
        quit_key = next(
            (
                self.get_key_display(active.binding)
                for active in self.active_bindings.values()
                if active.binding.id == "quit"
            ),
            "q",
        )
        self.notify(f"To close leanon, press {quit_key} (or ctrl+q while typing).", timeout=4)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's commands, less three.

        The screenshot would write a person's entries to a file they did not choose, Quit is
        already one of leanon's own commands, and Keys would open Textual's key panel beside
        leanon's own list of keys (``?``, which the palette offers as Help).
        """
        for command in super().get_system_commands(screen):
            if command.title not in ("Screenshot", "Quit", "Keys"):
                yield command

    def _fatal_error(self) -> None:
        """Show a crash without local variables: they would print a person's entries.

        Textual 8.2.8 renders ``Traceback(show_locals=True)`` here and offers no public
        setting for it, so this one override (of a private method, on a pinned Textual;
        ``tests/test_app_lifecycle.py`` checks it) keeps its behaviour but drops the locals.
        """
        from rich.traceback import Traceback

        self.bell()
        self.panic(Traceback(show_locals=False, width=None, suppress=[rich]))


def make_app(
    db_path: Path, clock: Clock, *, demo: bool = False, start_screen: str | None = None
) -> LeanonApp:
    """The dashboard on ``db_path``; shared by :func:`run_dashboard`, tests and snapshots.

    Raises:
        ValueError: ``start_screen`` is not one of :data:`START_SCREENS`.
    """
    if start_screen is not None and start_screen not in START_SCREENS:
        raise ValueError(
            f"There is no screen called {start_screen!r}; try one of: {', '.join(START_SCREENS)}."
        )

    def open_store() -> Store:
        from storage.store import Store

        return Store(db_path, clock)

    access = StoreAccess(open_store, clock, db_path)
    try:  # the theme and keys of the first frame, when the totals beside the file have them
        first_settings = access.settings_from_totals()
    except Exception:  # noqa: BLE001 - a help only: then they come with the first board
        first_settings = None
    from storage import sealed

    real = str(db_path.resolve())
    return LeanonApp(
        access,
        demo=demo,
        start_action=START_SCREENS.get(start_screen or "", ""),
        first_settings=first_settings,
        locked=None if demo or not sealed.locked(real, use_command=False) else db_path,
    )


def run_dashboard(
    db_path: Path, clock: Clock, demo: bool = False, start_screen: str | None = None
) -> int:
    """Run the dashboard until the person quits; the exit code.

    With ``demo`` the real file is not touched: a generated year is written to a private
    temporary folder, shown, and deleted on the way out.
    """
    if not demo:
        return _run(make_app(db_path, clock, start_screen=start_screen))
    from storage.demo import make_demo_folder, write_demo_file

    folder = make_demo_folder()

    def remove_folder() -> None:
        shutil.rmtree(folder, ignore_errors=True)

    try:
        path = folder / "leanon.json"
        write_demo_file(path, clock)
        return _run(make_app(path, clock, demo=True, start_screen=start_screen), remove_folder)
    finally:
        remove_folder()


def _run(app: LeanonApp, cleanup: Callable[[], object] | None = None) -> int:
    """Run ``app`` until it exits; the exit code.

    Closing the terminal (SIGHUP) ends the process within 2 seconds, once any save in
    flight is done, even when Textual's driver hangs (see :mod:`tui.hangup`). SIGTERM asks
    the app to exit, with the same backstop. ``cleanup`` runs either way: after a hangup
    the process ends with ``os._exit``, so a ``finally`` around this call would not.
    """
    with Watchdog(SavesInFlight(app, app.access), stop=app.exit, cleanup=cleanup):
        app.run()
    return app.return_code or 0
