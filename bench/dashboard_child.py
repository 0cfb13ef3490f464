"""The process the dashboard benchmark starts: it runs one app headless and prints timings.

    python -m bench.dashboard_child first-frame bare
    python -m bench.dashboard_child first-frame leanon DB
    python -m bench.dashboard_child save DB ROUNDS

Prints one JSON object on stdout. Times for ``first-frame`` are ``time.monotonic_ns()``
readings, which on one machine are comparable between processes, so the parent can
subtract the moment it started this process. Nothing here reads the system clock for
the app: leanon runs with the benchmark's fixed clock.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

SIZE = (120, 40)
"""The terminal both apps get: wide enough for the three-column dashboard."""


def main(argv: list[str]) -> int:
    mode = argv[0]
    if mode == "first-frame":
        result = asyncio.run(first_frame(argv[1], Path(argv[2]) if len(argv) > 2 else None))
    elif mode == "save":
        result = asyncio.run(save_latency(Path(argv[1]), int(argv[2])))
    else:
        raise SystemExit(f"unknown mode {mode}")
    print(json.dumps(result))
    return 0


def _leanon_app(db: Path) -> Any:
    from bench.common import END
    from storage import FixedClock
    from tui.app import make_app

    return make_app(db, FixedClock(END))


async def first_frame(which: str, db: Path | None) -> dict[str, int | None]:
    """Run an app until its first frame (the App's Ready event), then a little longer.

    For leanon also wait for the first frame that shows the file's data (the dashboard
    reads the file in a worker after the first frame), so both moments are reported.
    """
    from textual import events
    from textual.app import App, ComposeResult
    from textual.message import Message
    from textual.widgets import Static

    if which == "bare":

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Static("Hello from a bare Textual app.")

        app: App[Any] = Bare()
    else:
        assert db is not None
        app = _leanon_app(db)

    marks: dict[str, int | None] = {"ready": None, "data": None}
    ready = asyncio.Event()
    data = asyncio.Event()

    def painted_with_data() -> None:
        if marks["data"] is None:
            marks["data"] = time.monotonic_ns()
        data.set()

    def hook(message: Message) -> None:
        if isinstance(message, events.Ready) and marks["ready"] is None:
            marks["ready"] = time.monotonic_ns()
            ready.set()
        elif type(message).__name__ == "BoardChanged" and marks["data"] is None:
            # Runs after the next repaint, which is the one showing the board.
            app.call_after_refresh(painted_with_data)

    async with app.run_test(size=SIZE, message_hook=hook):
        await asyncio.wait_for(ready.wait(), 120)
        if which != "bare":
            await asyncio.wait_for(data.wait(), 120)
    return marks


async def save_latency(db: Path, rounds: int) -> dict[str, Any]:
    """From the Enter that saves a reach-out to the Last reached panel repainted with it.

    Each round opens the reach-out form with ``r``, types a new name, and presses Enter;
    the clock stops in the first ``call_after_refresh`` after the panel got a summary
    whose last reach-out is that name. The first round is a warm-up and is not reported.
    """
    from textual.message import Message

    app = _leanon_app(db)
    loaded = asyncio.Event()

    def hook(message: Message) -> None:
        if type(message).__name__ == "BoardChanged":
            loaded.set()

    samples: list[float] = []
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await asyncio.wait_for(loaded.wait(), 120)
        await pilot.pause()
        panel = app.screen.query_one("#last-reached")
        loop = asyncio.get_running_loop()
        state: dict[str, Any] = {"name": None, "done": None}

        def seen(summary: Any) -> None:
            done = state["done"]
            last = getattr(summary, "last_reach", None)
            if done is None or done.done() or last is None or last.who != state["name"]:
                return

            def stop() -> None:
                if not done.done():
                    done.set_result(time.perf_counter())

            panel.call_after_refresh(stop)

        panel.watch(panel, "summary", seen, init=False)
        for n in range(rounds + 1):
            name = f"Friend{n}"
            await pilot.press("r")
            await pilot.pause()
            await pilot.press(*name)
            await pilot.pause()
            state["name"], state["done"] = name, loop.create_future()
            start = time.perf_counter()
            await pilot.press("enter")
            stopped = await asyncio.wait_for(state["done"], 60)
            if n > 0:
                samples.append(stopped - start)
            await pilot.pause()
    return {"samples": samples}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
