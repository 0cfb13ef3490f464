"""The process the dashboard benchmark starts: it runs one app headless and prints timings.

    python -m bench.dashboard_child first-frame bare
    python -m bench.dashboard_child first-frame leanon DB NOW
    python -m bench.dashboard_child save DB ROUNDS

Prints one JSON object on stdout. Times for ``first-frame`` are ``time.monotonic_ns()``
readings, which on one machine are comparable between processes, so the parent can
subtract the moment it started this process. Nothing here reads the system clock for
the app: leanon runs with the benchmark's fixed clock, whose moment (``bench.common.END``)
the parent passes as NOW, so that the timed start of this process does not import the
benchmark's own helpers, which the bare app does not import either.
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
        which, rest = argv[1], argv[2:]
        leanon = (Path(rest[0]), rest[1]) if which == "leanon" else None
        result = asyncio.run(first_frame(which, leanon))
    elif mode == "save":
        result = asyncio.run(save_latency(Path(argv[1]), int(argv[2])))
    else:
        raise SystemExit(f"unknown mode {mode}")
    print(json.dumps(result))
    return 0


def _leanon_app(db: Path, now: str) -> Any:
    from datetime import datetime

    from storage import FixedClock
    from tui.app import make_app

    return make_app(db, FixedClock(datetime.fromisoformat(now)))


async def first_frame(which: str, leanon: tuple[Path, str] | None) -> dict[str, int | None]:
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
        assert leanon is not None
        app = _leanon_app(*leanon)

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
    whose last reach-out is that name. The dashboard may show the entry before its save
    lands, so a second clock runs on to the repaint after the board read back from the
    file after the save (``saved``), and the round waits for every save to finish before
    the next begins. At the end every name must be in the file, or this fails. The first
    round is a warm-up and is not reported.
    """
    from textual.message import Message

    from bench.common import END
    from storage import FixedClock, Store

    app = _leanon_app(db, END.isoformat())
    loaded = asyncio.Event()
    state: dict[str, Any] = {"name": None, "done": None, "saved": None}

    def last_who(summary: Any) -> str | None:
        last = getattr(summary, "last_reach", None)
        return None if last is None else last.who

    def stopper(key: str) -> Any:
        future = state[key]

        def stop() -> None:
            if not future.done():
                future.set_result(time.perf_counter())

        return stop

    def hook(message: Message) -> None:
        if type(message).__name__ != "BoardChanged":
            return
        loaded.set()
        saved = state["saved"]
        board: Any = getattr(message, "board", None)
        if saved is not None and not saved.done() and last_who(board.summary) == state["name"]:
            app.call_after_refresh(stopper("saved"))

    samples: list[float] = []
    saved_samples: list[float] = []
    names: list[str] = []
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await asyncio.wait_for(loaded.wait(), 120)
        await pilot.pause()
        panel = app.screen.query_one("#last-reached")
        loop = asyncio.get_running_loop()

        def seen(summary: Any) -> None:
            done = state["done"]
            if done is None or done.done() or last_who(summary) != state["name"]:
                return
            panel.call_after_refresh(stopper("done"))

        panel.watch(panel, "summary", seen, init=False)
        for n in range(rounds + 1):
            name = f"Friend{n}"
            names.append(name)
            await pilot.press("r")
            await pilot.pause()
            await pilot.press(*name)
            await pilot.pause()
            state["name"] = name
            state["done"], state["saved"] = loop.create_future(), loop.create_future()
            start = time.perf_counter()
            await pilot.press("enter")
            stopped = await asyncio.wait_for(state["done"], 60)
            landed = await asyncio.wait_for(state["saved"], 60)
            if n > 0:
                samples.append(stopped - start)
                saved_samples.append(landed - start)
            await app.workers.wait_for_complete()
            await pilot.pause()
    with Store(db, FixedClock(END)) as store:
        logged = {e.who for e in store.entries("reach")}
    missing = [name for name in names if name not in logged]
    if missing:
        raise SystemExit(f"the dashboard showed reach-outs it never saved: {missing}")
    return {"samples": samples, "saved": saved_samples}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
