"""The command palette's leanon commands, built from the very bindings the footer shows.

Nothing is listed twice: each command is a binding (description, tooltip, key) of the screen
the palette was opened from or of the App, offered only when ``check_action`` allows it now,
and run through the same action the key runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider


@dataclass(frozen=True, slots=True)
class Command:
    """One palette entry."""

    name: str
    help: str
    run: Callable[[], Any]


class LeanonCommands(Provider):
    """Every enabled key of the current screen and the App, by name."""

    def commands(self) -> Iterator[Command]:
        """The commands available right now, in the order of the keys."""
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.id or not binding.description or not active.enabled:
                continue
            if binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            words = binding.tooltip or binding.description
            yield Command(
                binding.description,
                f"{words} (key {key})",
                partial(self.app.run_action, binding.action, active.node),
            )

    async def discover(self) -> Hits:
        """Shown before anything is typed."""
        for command in self.commands():
            yield DiscoveryHit(command.name, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        """Commands whose name matches what was typed."""
        matcher = self.matcher(query)
        for command in self.commands():
            score = max(matcher.match(command.name), matcher.match(command.help) * 0.5)
            if score > 0:
                yield Hit(score, matcher.highlight(command.name), command.run, help=command.help)
