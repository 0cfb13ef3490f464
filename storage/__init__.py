"""leanon's model: the data file, records, days and streaks, suggestions and insights.

Imports no Textual, and nothing here reads the system clock except :class:`SystemClock`.
"""

from storage.clock import Clock, FixedClock, SystemClock, logical_day, today
from storage.errors import DataFileError, InvalidInput, LeanonError, NotFound, SaveFailed
from storage.paths import default_db_path
from storage.records import KINDS, SCORE_WORDS, VIAS, Entry, Person, Settings, Suggestion
from storage.store import ImportResult, PersonStatus, Store

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
