"""The dashboard on a generated year of data (seeded), as of :data:`common.NOW`.

Run by hand with ``python -m tests.snapshot_apps.year`` to look at it in a terminal.
"""

from __future__ import annotations

from pathlib import Path

from storage.demo import write_demo_file
from tui.app import LeanonApp

from .common import dashboard_app, fixed_clock


def year_app(folder: Path) -> LeanonApp:
    """A fresh data file in ``folder`` holding a seeded year, and the app on it."""
    path = folder / "leanon.json"
    write_demo_file(path, fixed_clock(), years=1, seed=7)
    return dashboard_app(path)


if __name__ == "__main__":  # pragma: no cover - a convenience for looking by hand
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        year_app(Path(folder)).run()
