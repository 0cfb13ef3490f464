"""Write docs/review.svg: the review screen on a generated year, as of a fixed moment.

Run from the repository root: ``.venv/bin/python docs/review_screenshot.py``. The same clock
and seed always give the same picture, so the file only changes when the review does.
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
from tui.screens.review import ReviewScreen  # noqa: E402

NOW = datetime(2026, 11, 28, 21, 3, tzinfo=timezone(timedelta(hours=1)))
"""A Saturday evening: the moment the picture shows."""

SIZE = (160, 44)
"""Wide enough for the calendar at two columns a day with the day's entries beside it."""

KEYS = ("up", "up", "left")
"""Put the cursor on a weekday a week back, so the picture shows it moving."""

OUT = ROOT / "docs" / "review.svg"


async def shoot(out: Path) -> None:
    """Open the dashboard headless on a throwaway demo year, press v, and save the screen."""
    clock = FixedClock(NOW)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "leanon.json"
        write_demo_file(path, clock, years=1, seed=7)
        app = make_app(path, clock)
        async with app.run_test(size=SIZE) as pilot:
            app.animation_level = "none"  # the tabs' underline would be caught mid-slide

            async def settle() -> None:
                for _ in range(3):
                    await app.workers.wait_for_complete()
                    await pilot.pause()

            await settle()
            await pilot.press("v")
            for _ in range(20):  # until the review's first numbers are in
                await settle()
                if isinstance(app.screen, ReviewScreen) and app.screen.trends is not None:
                    break
            await pilot.press(*KEYS)
            await settle()
            app.save_screenshot(filename=out.name, path=str(out.parent))


if __name__ == "__main__":
    asyncio.run(shoot(OUT))
    print(f"wrote {OUT.relative_to(ROOT)}")
