"""Write docs/dashboard.svg: the dashboard on a generated year, as of a fixed moment.

Run from the repository root: ``.venv/bin/python docs/screenshot.py``. The same clock and seed
always give the same picture, so the file only changes when the dashboard does.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storage.clock import FixedClock  # noqa: E402
from storage.demo import write_demo_file  # noqa: E402
from tui.app import make_app  # noqa: E402

NOW = datetime(2026, 11, 28, 21, 3, tzinfo=timezone(timedelta(hours=1)))
"""A Saturday evening: the moment the picture shows."""

SIZE = (120, 34)
"""Wide enough for the three-column layout, small enough to read in a README."""

OUT = ROOT / "docs" / "dashboard.svg"


async def shoot(out: Path) -> None:
    """Open the dashboard headless on a throwaway demo year and save its screen to ``out``."""
    clock = FixedClock(NOW)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "leanon.json"
        write_demo_file(path, clock, years=1, seed=7)
        app = make_app(path, clock)
        async with app.run_test(size=SIZE) as pilot:
            for _ in range(3):  # let the first read land and every panel draw
                await app.workers.wait_for_complete()
                await pilot.pause()
            app.save_screenshot(filename=out.name, path=str(out.parent))


if __name__ == "__main__":
    asyncio.run(shoot(OUT))
    print(f"wrote {OUT.relative_to(ROOT)}")
