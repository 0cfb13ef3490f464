"""The ``leanon`` console script: log an entry before importing the rest.

The quick path (:func:`tui.clibase.quick`) takes the everyday logging commands with only
``os`` and ``sys`` imported; anything it declines goes to the whole command line,
:mod:`tui.cli`, imported only then.
"""

from __future__ import annotations

import os
import sys

from tui.clibase import quick

__all__ = ["main", "quick", "run"]


def main() -> int:
    """The ``leanon`` console script: the quick path when it applies, else the whole CLI."""
    args = sys.argv[1:]
    code = quick(args)
    if code is not None:
        return code
    from tui.cli import full_main

    return full_main(args)


def run() -> None:
    """The console script itself: :func:`main` with the cycle collector off, then
    :func:`leave` with its exit code.

    A command lasts well under a second and makes next to no cyclic garbage (a parsed file
    is freed by reference counting), yet the collector would sweep its new objects dozens
    of times while it imports and parses: 22 to 64 ms of an export at 200,000 entries,
    and about 20 ms before the dashboard's first frame. The dashboard, which may run for
    hours, turns it back on as soon as that frame is drawn (``LeanonApp.on_ready``).
    """
    import gc

    gc.disable()
    leave(main())


def leave(code: int) -> None:
    """End the process with ``code``, without Python taking apart what it read first.

    After a whole-file read (an export, a file with no totals yet, the dashboard), the
    interpreter's own exit frees every object of the parsed file one at a time: at 200,000
    entries about 100 ms, more than the export spends writing. By now every command has
    written and closed its files; this flushes the standard streams and ends the process
    at once (``os._exit``). It takes the ordinary exit instead whenever anything may still
    need it: another thread alive (a save that has not landed), an ``atexit`` callback a
    library registered, a profiler or tracer watching (``python -m cProfile`` writes its
    numbers after the script returns), or a stream that cannot be flushed (that exit then
    reports it as it always has).
    """
    if _ordinary_exit_needed():
        sys.exit(code)
    os._exit(code)


def _ordinary_exit_needed() -> bool:
    """Whether anything may still need Python's own exit (see :func:`leave`); the standard
    streams are flushed on the way."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # a closed pipe, a closed or missing stream
        return True
    if sys.getprofile() is not None or sys.gettrace() is not None:
        return True
    threading = sys.modules.get("threading")  # never imported: no thread was started
    if threading is not None and threading.active_count() > 1:
        return True
    import atexit

    callbacks = getattr(atexit, "_ncallbacks", None)  # CPython's; without it, assume some
    return callbacks is None or callbacks() > 0


if __name__ == "__main__":
    run()
