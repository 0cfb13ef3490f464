"""The ``leanon`` console script: log an entry before importing the rest.

The quick path (:func:`tui.clibase.quick`) takes the everyday logging commands with only
``os`` and ``sys`` imported; anything it declines goes to the whole command line,
:mod:`tui.cli`, imported only then.
"""

from __future__ import annotations

import sys

from tui.clibase import quick

__all__ = ["main", "quick"]


def main() -> int:
    """The ``leanon`` console script: the quick path when it applies, else the whole CLI."""
    args = sys.argv[1:]
    code = quick(args)
    if code is not None:
        return code
    from tui.cli import full_main

    return full_main(args)


if __name__ == "__main__":
    sys.exit(main())
