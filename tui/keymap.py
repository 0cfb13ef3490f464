"""The dashboard's keys as the person chose them (``leanon config keys.ID KEY``).

Every binding with an id can be bound to other keys. The bindings themselves stay where
they are, in each screen's and widget's ``BINDINGS``; this module reads them from there,
so the list of keys, the check for a clash and what a hint shows cannot disagree with
what a key does. The chosen keys are kept in the settings (:attr:`Settings.keys`) and
handed to Textual's keymap (:meth:`textual.app.App.set_keymap`), which the footer, the
help (``?``) and the command palette already follow.

A remap clashes when, anywhere the binding is active (the screen, the widgets on it that
take keys, and the App's own keys), another key there already answers to it: then it is
refused, with what that key does. A few keys belong to the terminal or to Textual and are
never given away (:data:`RESERVED`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storage.errors import InvalidInput

if TYPE_CHECKING:
    from textual.binding import Binding

    from storage.store import Store

RESERVED: dict[str, str] = {
    "tab": "moves to the next part of a screen",
    "shift+tab": "moves to the part before",
    "ctrl+c": "copies, or stops leanon",
    "ctrl+q": "closes leanon",
    "ctrl+p": "opens the command palette",
    "ctrl+z": "suspends leanon in the terminal",
    "space": "ticks a choice",
    "enter": "opens or saves",
    "escape": "goes back",
}
"""Keys never given to another action, and why."""


@dataclass(frozen=True, slots=True)
class Bindable:
    """A binding a person may move to another key.

    Attributes:
        id: its id (``review``): the setting is ``keys.<id>``.
        keys: the keys it has by default, as Textual writes them (``d,delete``).
        description: its name in the footer and the help.
        tooltip: a longer word on it.
        where: the places (screens) it works on.
    """

    id: str
    keys: str
    description: str
    tooltip: str
    where: tuple[str, ...]


def class_bindings(cls: type) -> list[Binding]:
    """Every binding ``cls`` answers to, its bases' too (as Textual merges them)."""
    from textual.binding import Binding

    found: list[Binding] = []
    for klass in reversed(cls.__mro__):
        for item in klass.__dict__.get("BINDINGS", ()):
            found.append(item if isinstance(item, Binding) else Binding(*item))
    return found


Scopes = dict[str, tuple[type, ...]]
"""Each place keys are read together, by name ("the review"): the App, a screen, and the
widgets on it that take keys of their own (:func:`tui.keyscopes.scopes` lists them)."""


def _bindings(scopes: Scopes) -> dict[str, tuple[Binding, ...]]:
    return {
        where: tuple(b for cls in classes for b in class_bindings(cls))
        for where, classes in scopes.items()
    }


def bindables(scopes: Scopes) -> dict[str, Bindable]:
    """Every binding a person may move, by id, in the order the screens list them."""
    found: dict[str, Bindable] = {}
    for where, bindings in _bindings(scopes).items():
        for b in bindings:
            if not b.id:
                continue
            had = found.get(b.id)
            if had is None:
                found[b.id] = Bindable(
                    b.id, normal(b.key), b.description, b.tooltip or b.description, (where,)
                )
            elif where not in had.where:
                found[b.id] = Bindable(
                    had.id, had.keys, had.description, had.tooltip, (*had.where, where)
                )
    return found


def bindable(scopes: Scopes, binding: str) -> Bindable:
    """The binding with id ``binding``.

    Raises:
        InvalidInput: there is none (with the nearest id, when one is close).
    """
    table = bindables(scopes)
    found = table.get(binding)
    if found is None:
        from storage.typos import nearest_word

        nearest = nearest_word(binding, list(table))
        hint = f"did you mean keys.{nearest}?" if nearest else None
        raise InvalidInput(
            f"'keys.{binding}' is not one of the keys; {hint or 'leanon config keys lists them'}"
        )
    return found


def normal(keys: str) -> str:
    """Keys as Textual's keymap keeps them: ``?`` is ``question_mark``, ``W`` stays ``W``."""
    from textual.keys import _character_to_key

    return ",".join(
        _character_to_key(k) if len(k) == 1 else k for k in (p.strip() for p in keys.split(","))
    )


def _valid_key(key: str) -> bool:
    from textual.keys import Keys, _get_unicode_name_from_key

    *mods, base = key.split("+") if len(key) > 1 else [key]
    if any(m not in ("ctrl", "shift", "alt", "super", "meta") for m in mods):
        return False
    if len(base) == 1:
        return base.isprintable() and not base.isspace()
    names = {k.value for k in Keys}
    return base in names or len(_get_unicode_name_from_key(base)) == 1


def bound_keys(scopes: Scopes, binding: str, chosen: Mapping[str, str]) -> str:
    """The keys ``binding`` answers to now: the person's choice, else its default."""
    return chosen.get(binding) or bindable(scopes, binding).keys


def check_remap(scopes: Scopes, binding: str, keys: str, chosen: Iterable[tuple[str, str]]) -> str:
    """``keys`` for ``binding``, checked and written as the keymap keeps them.

    Args:
        scopes: where keys are read together (:func:`tui.keyscopes.scopes`).
        binding: the binding's id.
        keys: the new keys, one or more with commas (``w`` or ``w,f5``).
        chosen: the keys the person chose already, as (id, keys) pairs.

    Raises:
        InvalidInput: no such binding, a key Textual does not know, a reserved key, or a
            key another action already answers to where this one works (one line).
    """
    table = bindables(scopes)
    bindable(scopes, binding)
    wanted = normal(keys)
    for key in table[binding].keys.split(","):
        if key in RESERVED and key not in wanted.split(","):
            raise InvalidInput(
                f"{typed_key(key)} {RESERVED[key]} everywhere, so it stays; "
                f"to add a key beside it, give both: {typed_key(key)},f5"
            )
    for key in wanted.split(","):
        if not key or not _valid_key(key):
            raise InvalidInput(f"'{key}' is not a key leanon knows (try a letter, f5 or ctrl+r)")
        if key in RESERVED and key not in table[binding].keys.split(","):
            raise InvalidInput(f"'{key}' {RESERVED[key]}; choose another key")
    mine = dict(chosen)
    for where in table[binding].where:
        for other in _bindings(scopes)[where]:
            if other.id == binding:
                continue
            now = mine.get(other.id or "") or normal(other.key)
            clash = set(now.split(",")) & set(wanted.split(","))
            if clash:
                what = other.description or other.action
                raise InvalidInput(
                    f"'{display(sorted(clash)[0])}' is already {what} on {where}; "
                    "choose another key, or move that one first"
                )
    return wanted


def typed_key(key: str) -> str:
    """A key as a person types it for ``leanon config``: ``?``, ``w``, ``f5``, ``escape``."""
    from textual.keys import key_to_character

    char = key_to_character(key)
    return char if char is not None and char.isprintable() and not char.isspace() else key


def display(key: str) -> str:
    """How a key is shown in hints: its character (``?``, ``w``), or its name (``f5``)."""
    from textual.keys import format_key

    return format_key(key.split(",")[0])


def typed_keys(keys: str) -> str:
    """Keys (``escape,backspace``) as a person types them, with commas."""
    return ",".join(typed_key(k) for k in keys.split(","))


def keys_lines(scopes: Scopes, chosen: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """Every key a person may move: (setting, its keys now, what it does), for the list."""
    return [
        (f"keys.{b.id}", typed_keys(chosen.get(b.id) or b.keys), _about(b, len(scopes)))
        for b in bindables(scopes).values()
    ]


def _about(b: Bindable, places: int) -> str:
    where = "everywhere" if len(b.where) == places else ", ".join(b.where)
    return f"{b.tooltip} ({where})"


def remap(scopes: Scopes, store: Store, binding: str, typed: str) -> str:
    """Bind ``binding`` to the ``typed`` keys (``default``: its own again), checked, and
    save it in the settings; returns the keys it is on now.

    Raises:
        InvalidInput: as :func:`check_remap`.
    """
    found = bindable(scopes, binding)
    if typed.strip().lower() == "default":
        keys = found.keys
    else:
        keys = check_remap(scopes, binding, typed, store.settings.keys)
    store.set_key(binding, None if keys == found.keys else keys)
    return keys


def bound_key(screen: Any, action: str) -> str:
    """The key that runs ``action`` on ``screen`` now, as the footer shows it ("" when
    none does): what a hint on that screen names."""
    for active in screen.active_bindings.values():
        if active.binding.action == action:
            return str(screen.app.get_key_display(active.binding))
    return ""
