"""The Settings screen (``s``, or the palette): every setting and every key, as ``leanon
config`` lists them (:mod:`storage.config`, :mod:`tui.keymap`). Enter changes the one under
the cursor: an on/off setting flips, any other opens a field for its new value, checked
the same way the command line checks it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Footer, Static

from storage import config
from storage.phrases import upper_first
from tui import keymap
from tui.screens.base import UNDO_BINDING
from tui.screens.forms import value_screen
from tui.screens.lists import ListScreen
from tui.storework import Board, StoreAccess

if TYPE_CHECKING:
    from storage.store import Store
    from tui.keymap import Scopes

COLUMNS = ("Setting", "Now")

ON_OFF = ("on", "off")


class SettingsScreen(ListScreen):
    """Settings first, then the keys; all of it kept in the data file's settings."""

    ENTER_ACTION = "change"

    DEFAULT_CSS = """
    SettingsScreen {
        & > #settings-title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
        & > #settings-about { height: auto; padding: 0 1; color: $text-muted; }
        & > #settings-what { height: auto; min-height: 2; padding: 0 1; }
        & > DataTable { height: 1fr; }
    }
    """

    BINDINGS = [
        Binding("c", "change", "Change", id="setting-change", tooltip="Change this setting"),
        Binding("r", "reset", "Default", id="setting-default", tooltip="Give it back its default"),
        UNDO_BINDING,
        Binding("escape", "back", "Back", id="settings-back"),
    ]

    def __init__(self, access: StoreAccess, board: Board, scopes: Scopes) -> None:
        super().__init__(access)
        self.board = board
        self.scopes = scopes
        """Where keys are read together (:func:`tui.keyscopes.scopes`, from the App)."""
        self._rows: list[tuple[str, str]] = []
        """The setting of each row, in order (``keys.review`` for a key), with what it does."""

    def compose(self) -> ComposeResult:
        yield Static("Settings", id="settings-title")
        yield Static(
            "Enter changes the one under the cursor; leanon config does the same from a shell.",
            id="settings-about",
        )
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Static("", id="settings-what")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table: DataTable[str] = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        self.show_board(self.board)
        table.focus()

    def show_board(self, board: Board) -> None:
        """Refill the table, keeping the cursor on its row."""
        self.board = board
        settings = board.settings
        table: DataTable[str] = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        self._rows = []
        for s in config.SETTINGS:
            table.add_row(s.key, escape(s.value(settings)))
            self._rows.append((s.key, s.about))
        for name, keys, about in keymap.keys_lines(self.scopes, dict(settings.keys)):
            table.add_row(name, escape(keys))
            self._rows.append((name, about))
        table.move_cursor(row=max(0, min(row, len(self._rows) - 1)))
        self._say_what()

    def _current(self) -> str | None:
        table: DataTable[str] = self.query_one(DataTable)
        row = table.cursor_row
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    @on(DataTable.RowHighlighted)
    def _say_what(self) -> None:
        """Under the list: what the highlighted setting does."""
        table: DataTable[str] = self.query_one(DataTable)
        row = table.cursor_row
        what = self._rows[row][1] if 0 <= row < len(self._rows) else ""
        self.query_one("#settings-what", Static).update(Content(upper_first(what)))

    def action_change(self) -> None:
        """Flip an on/off setting; open a field for any other."""
        name = self._current()
        if name is None:
            return
        settings = self.board.settings
        if name.startswith(config.KEYS_PREFIX):
            binding = name.removeprefix(config.KEYS_PREFIX)
            found = keymap.bindable(self.scopes, binding)
            now = keymap.typed_keys(keymap.bound_keys(self.scopes, binding, dict(settings.keys)))
            about = (
                f"{found.tooltip}. A letter, f5 or ctrl+r; two with a comma; "
                "'default' gives back its own."
            )
            saver = _key_saver(self.scopes, binding)
            self.app.push_screen(value_screen(self.access, name, now, about, saver))
            return
        setting = config.BY_KEY[name]
        value = setting.value(settings)
        if setting.choices == ON_OFF:
            flipped = "off" if value == "on" else "on"
            self.save(lambda store: _said(name, store.configure(name, flipped)))
            return
        back = setting.default()
        about = f"{upper_first(setting.about)}: {setting.typed}; 'default' gives back {back}."
        if setting.choices:
            about += f" One of: {', '.join(setting.choices)}."
        self.app.push_screen(value_screen(self.access, name, value, about, _setting_saver(name)))

    def action_reset(self) -> None:
        """Give the setting (or key) under the cursor its default back."""
        name = self._current()
        if name is None:
            return
        if name.startswith(config.KEYS_PREFIX):
            self.save(_key_saver(self.scopes, name.removeprefix(config.KEYS_PREFIX)))
        else:
            self.save(lambda store: _said(name, store.configure(name, config.DEFAULT)))


def _said(name: str, value: str) -> str:
    return f"{name} is {value}"


def _setting_saver(name: str) -> _Saver:
    return lambda store, typed: _said(name, store.configure(name, typed))


def _key_saver(scopes: Scopes, binding: str) -> _Saver:
    """Check and save a key for ``binding`` (called with no value: its default back)."""

    def save(store: Store, typed: str = config.DEFAULT) -> str:
        keys = keymap.remap(scopes, store, binding, typed)
        described = keymap.bindable(scopes, binding).description
        return f"{described} is on {keymap.typed_keys(keys)}"

    return save


if TYPE_CHECKING:
    from collections.abc import Callable

    _Saver = Callable[..., str]
