"""leanon's model: the data file, records, days and streaks, suggestions and insights.

Imports no Textual, and nothing here reads the system clock except :class:`SystemClock`.

``from storage import Store`` works as always, but each name is imported on first use, so
``import storage.errors`` (the command line's first import) does not pay for the store,
TinyDB and the rest when all it needs is an exception class.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from typing import Any

    from storage.clock import Clock, FixedClock, SystemClock, logical_day, today
    from storage.errors import DataFileError, InvalidInput, LeanonError, NotFound, SaveFailed
    from storage.paths import default_db_path
    from storage.records import (
        KINDS,
        SCORE_WORDS,
        VIAS,
        Entry,
        Person,
        PersonStatus,
        Settings,
        Suggestion,
    )
    from storage.store import ImportResult, Store

_EXPORTS: dict[str, str] = {
    "Clock": "storage.clock",
    "FixedClock": "storage.clock",
    "SystemClock": "storage.clock",
    "logical_day": "storage.clock",
    "today": "storage.clock",
    "DataFileError": "storage.errors",
    "InvalidInput": "storage.errors",
    "LeanonError": "storage.errors",
    "NotFound": "storage.errors",
    "SaveFailed": "storage.errors",
    "default_db_path": "storage.paths",
    "KINDS": "storage.records",
    "SCORE_WORDS": "storage.records",
    "VIAS": "storage.records",
    "Entry": "storage.records",
    "Person": "storage.records",
    "Settings": "storage.records",
    "Suggestion": "storage.records",
    "ImportResult": "storage.store",
    "PersonStatus": "storage.records",
    "Store": "storage.store",
}
"""Each public name and the module it lives in."""

__all__ = [
    "KINDS",
    "SCORE_WORDS",
    "VIAS",
    "Clock",
    "DataFileError",
    "Entry",
    "FixedClock",
    "ImportResult",
    "InvalidInput",
    "LeanonError",
    "NotFound",
    "Person",
    "PersonStatus",
    "SaveFailed",
    "Settings",
    "Store",
    "Suggestion",
    "SystemClock",
    "default_db_path",
    "logical_day",
    "today",
]


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use and keep the name here from then on."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'storage' has no attribute {name!r}")
    value = getattr(__import__(module, fromlist=[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
