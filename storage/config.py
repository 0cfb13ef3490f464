"""The person's settings, by name: what each one is, how it is typed, shown and checked.

``leanon config`` and the dashboard's Settings screen both read this table, so a setting
is listed, explained, checked and written one way. Every value lives in the data file's
``settings`` table (:class:`storage.records.Settings`); typing ``default`` as a value
gives a setting its default back.

Keys (``keys.review``) are settings too, but which binding ids exist and which keys clash
is the dashboard's to know (:mod:`tui.keymap`); here they are only kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import time
from typing import Any

from storage.clock import WEEKDAY_NAMES
from storage.errors import InvalidInput
from storage.records import Settings

WEEKDAYS: tuple[str, ...] = tuple(name.lower() for name in WEEKDAY_NAMES)
"""The week's days as a setting is typed and stored, Monday first (``date.weekday()``)."""

THEMES: tuple[str, ...] = (
    "textual-dark",
    "textual-light",
    "nord",
    "gruvbox",
    "catppuccin-mocha",
    "dracula",
    "tokyo-night",
    "monokai",
    "flexoki",
    "catppuccin-latte",
    "catppuccin-frappe",
    "catppuccin-macchiato",
    "solarized-light",
    "solarized-dark",
    "rose-pine",
    "rose-pine-moon",
    "rose-pine-dawn",
    "atom-one-dark",
    "atom-one-light",
    "ansi-dark",
    "ansi-light",
)
"""Textual's built-in themes, mirrored so that checking one does not import Textual
(tests/test_config.py checks the two agree)."""

DEFAULT_THEME = "textual-dark"
"""The theme of a file that never chose one."""

KEYS_PREFIX = "keys."
"""Settings named ``keys.<binding id>`` remap one key of the dashboard."""

DEFAULT = "default"
"""The value that gives any setting its default back."""

_ON = ("on", "yes", "true", "1")
_OFF = ("off", "no", "false", "0")


def _on_off(text: str) -> bool:
    word = text.strip().lower()
    if word in _ON:
        return True
    if word in _OFF:
        return False
    raise InvalidInput("it is on or off")


def _clock_time(text: str) -> time:
    """``05:00``, ``5:00`` or ``5``: a time of day on the 24-hour clock."""
    word = text.strip()
    hours, _, minutes = word.partition(":")
    if not hours.isdigit() or (minutes and not (minutes.isdigit() and len(minutes) == 2)):
        raise InvalidInput("it is a time of day like 05:00")
    try:
        return time(int(hours), int(minutes or 0))
    except ValueError:
        raise InvalidInput("it is a time of day from 00:00 to 23:59") from None


def _weekday(text: str) -> int:
    word = text.strip().lower()
    found = [i for i, day in enumerate(WEEKDAYS) if len(word) >= 2 and day.startswith(word)]
    if len(found) != 1:
        raise InvalidInput(f"it is a day of the week: {', '.join(WEEKDAYS)}")
    return found[0]


def _quiet_hours(text: str) -> str | None:
    word = text.strip().lower()
    if word in _OFF or word == "never":
        return None
    from storage.nudge import parse_quiet_hours

    try:
        start, end = parse_quiet_hours(word)
    except ValueError:
        raise InvalidInput("it is a span of the clock like 21:00-09:00, or off") from None
    return f"{start:%H:%M}-{end:%H:%M}"


def _theme(text: str) -> str:
    word = text.strip().lower()
    if word not in THEMES:
        from storage.typos import did_you_mean

        hint = did_you_mean(word, THEMES)
        raise InvalidInput(hint or f"it is one of: {', '.join(THEMES)}")
    return word


def _show_on_off(value: Any) -> str:
    return "on" if value else "off"


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting a person may change.

    Attributes:
        key: its name on the command line (``day_starts_at``).
        field: the :class:`~storage.records.Settings` attribute that holds it.
        about: a few words on what it does, for ``leanon config`` and the Settings screen.
        typed: how a value is typed, for help and error lines (``HH:MM``).
        parse: the typed value to the stored one; raises :class:`InvalidInput` saying
            what it should be.
        show: the stored value as it is typed.
        choices: the values to offer when there are few (cycled on the Settings screen).
    """

    key: str
    field: str
    about: str
    typed: str
    parse: Callable[[str], Any]
    show: Callable[[Any], str]
    choices: tuple[str, ...] = ()

    def value(self, settings: Settings) -> str:
        """The setting's value in ``settings``, as it is typed."""
        return self.show(getattr(settings, self.field))

    def default(self) -> str:
        """Its value in a file that never changed it."""
        return self.value(Settings())


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "day_starts_at",
        "day_starts_at",
        "when a new day begins; a late night still counts as the day before",
        "HH:MM",
        _clock_time,
        lambda t: t.strftime("%H:%M"),
    ),
    Setting(
        "week_starts_on",
        "week_starts_on",
        "the first day of each week in the review's calendar",
        "DAY",
        _weekday,
        lambda i: WEEKDAYS[i],
        ("monday", "sunday", "saturday"),
    ),
    Setting(
        "streaks",
        "show_streaks",
        "show runs of days in a row; off, no screen or status line mentions them",
        "on|off",
        _on_off,
        _show_on_off,
        ("on", "off"),
    ),
    Setting(
        "nudge",
        "nudge_on",
        "whether `leanon nudge` (and its timer) may say anything at all",
        "on|off",
        _on_off,
        _show_on_off,
        ("on", "off"),
    ),
    Setting(
        "quiet_hours",
        "nudge_quiet_hours",
        "when the nudge stays silent, across midnight if need be",
        "HH:MM-HH:MM|off",
        _quiet_hours,
        lambda v: v or "off",
    ),
    Setting(
        "nudge_once_a_day",
        "nudge_once_a_day",
        "at most one nudge a day; off, one each time it runs with something to say",
        "on|off",
        _on_off,
        _show_on_off,
        ("on", "off"),
    ),
    Setting(
        "names_in_bars",
        "bar_names",
        "status bars and notifications name people without being given --names",
        "on|off",
        _on_off,
        _show_on_off,
        ("on", "off"),
    ),
    Setting(
        "theme",
        "theme",
        "the dashboard's colours",
        "THEME",
        _theme,
        lambda v: v or DEFAULT_THEME,
        THEMES,
    ),
)
"""Every setting, in the order ``leanon config`` lists them."""

BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}
"""The settings by their command-line name."""


def find(key: str) -> Setting:
    """The setting named ``key``.

    Raises:
        InvalidInput: there is no such setting (with the nearest name, if one is close).
    """
    found = BY_KEY.get(key.strip().lower())
    if found is None:
        from storage.typos import did_you_mean

        hint = did_you_mean(key, list(BY_KEY))
        raise InvalidInput(f"'{key}' is not a setting; {hint or 'leanon config lists them all'}")
    return found


def changed(settings: Settings, setting: Setting, typed: str) -> Settings:
    """``settings`` with ``setting`` set to the ``typed`` value (``default`` resets it).

    Raises:
        InvalidInput: the value is not one the setting takes (one line, saying why).
    """
    if typed.strip().lower() == DEFAULT:
        return replace(settings, **{setting.field: getattr(Settings(), setting.field)})
    try:
        value = setting.parse(typed)
    except InvalidInput as exc:
        raise InvalidInput(f"'{typed}' is not a value for {setting.key}: {exc}") from None
    return replace(settings, **{setting.field: value})


def with_key(settings: Settings, binding: str, keys: str | None) -> Settings:
    """``settings`` with the dashboard's ``binding`` bound to ``keys`` (None: its default)."""
    chosen = {b: k for b, k in settings.keys if b != binding}
    if keys is not None:
        chosen[binding] = keys
    return replace(settings, keys=tuple(sorted(chosen.items())))
