"""People and settings to and from their stored documents, the one way both are read.

The store reads them from the file, and the totals (:mod:`storage.tally`) from the facts
kept beside it, so the dashboard's first frame gets them without importing the store.
"""

from __future__ import annotations

from datetime import time
from pathlib import Path
from typing import Any

from storage.config import WEEKDAYS
from storage.errors import DataFileError
from storage.fields import clean_name, person_doc
from storage.records import Person, Settings, Suggestion

Doc = dict[str, Any]


def person_to_doc(person: Person) -> Doc:
    """The stored document of a person."""
    return person_doc(
        person.name,
        person.cadence_days,
        person.trusted,
        person.note,
        person.birthday,
        person.resting_until,
    )


def person_from_doc(doc: Doc, path: Path) -> Person:
    """A Person from its stored document."""
    try:
        cadence = doc.get("cadence_days")
        return Person(
            name=clean_name(doc["name"]),
            cadence_days=int(cadence) if cadence else None,
            trusted=bool(doc.get("trusted", False)),
            note=doc.get("note"),
            birthday=doc.get("birthday"),
            resting_until=doc.get("resting_until"),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DataFileError(
            path,
            f"a person could not be read ({exc})",
            "Run `leanon doctor` for the newest backup, or fix that person by hand.",
        ) from None


def settings_to_doc(settings: Settings) -> Doc:
    """The stored document of the settings."""
    return {
        "day_starts_at": settings.day_starts_at.strftime("%H:%M"),
        "theme": settings.theme,
        "own_suggestions": [{"text": s.text, "effort": s.effort} for s in settings.own_suggestions],
        "drift_dismissed_until": settings.drift_dismissed_until,
        "suggestion_day": settings.suggestion_day,
        "suggestion_skip": settings.suggestion_skip,
        "nudge_quiet_hours": settings.nudge_quiet_hours,
        "nudge_once_a_day": settings.nudge_once_a_day,
        "nudged_on": settings.nudged_on,
        "nudge_on": settings.nudge_on,
        "week_starts_on": WEEKDAYS[settings.week_starts_on],
        "show_streaks": settings.show_streaks,
        "bar_names": settings.bar_names,
        "hidden_suggestions": list(settings.hidden_suggestions),
        "keys": dict(settings.keys),
    }


def settings_from_doc(doc: Doc, path: Path) -> Settings:
    """Settings from the stored document; missing keys take their defaults."""
    try:
        starts = doc.get("day_starts_at") or "04:00"
        own = tuple(
            Suggestion(str(s["text"]), str(s.get("effort", "small")), own=True)
            for s in doc.get("own_suggestions") or ()
        )
        return Settings(
            day_starts_at=time.fromisoformat(starts),
            theme=doc.get("theme"),
            own_suggestions=own,
            drift_dismissed_until=doc.get("drift_dismissed_until"),
            suggestion_day=doc.get("suggestion_day"),
            suggestion_skip=int(doc.get("suggestion_skip") or 0),
            nudge_quiet_hours=_quiet_hours(doc),
            nudge_once_a_day=doc.get("nudge_once_a_day", True) is not False,
            nudged_on=doc.get("nudged_on"),
            nudge_on=doc.get("nudge_on", True) is not False,
            week_starts_on=WEEKDAYS.index(doc.get("week_starts_on") or WEEKDAYS[0]),
            show_streaks=doc.get("show_streaks", True) is not False,
            bar_names=doc.get("bar_names", False) is True,
            hidden_suggestions=tuple(str(t) for t in doc.get("hidden_suggestions") or ()),
            keys=tuple(sorted((str(k), str(v)) for k, v in (doc.get("keys") or {}).items())),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DataFileError(
            path, f"the settings could not be read ({exc})", "Fix the settings table by hand."
        ) from None


def _quiet_hours(doc: Doc) -> str | None:
    """The nudge's quiet hours as stored; a file from before them has the default."""
    if "nudge_quiet_hours" not in doc:
        return Settings().nudge_quiet_hours
    value = doc["nudge_quiet_hours"]
    if value is None:
        return None
    from storage.nudge import parse_quiet_hours

    parse_quiet_hours(str(value))  # ValueError: reported as unreadable settings
    return str(value)
