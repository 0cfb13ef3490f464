"""Fixtures shared by every test: a fixed clock, a data file in tmp_path, and the CLI in-process.

``clock`` is Saturday 28 November 2026, 21:03 at UTC+01:00 (a test file may define its own
``clock`` fixture; pytest uses the nearest one). ``run_cli`` runs ``tui.cli.main`` with
that clock and ``db_path`` unless told otherwise, and returns what it printed.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from storage.clock import Clock, FixedClock

CET = timezone(timedelta(hours=1))
"""The test wall clock's offset."""

NOW = datetime(2026, 11, 28, 21, 3, tzinfo=CET)
"""Saturday 28 November 2026, 21:03 +01:00: "now" in every test that does not move it."""


@pytest.fixture(autouse=True)
def _never_the_real_data_file(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """A test that forgets ``--db`` must not write into the developer's own leanon file."""
    monkeypatch.setenv("LEANON_DB", str(tmp_path_factory.getbasetemp() / "stray-leanon.json"))
    monkeypatch.delenv("LEANON_NOW", raising=False)


COLOUR_SETTINGS = ("NO_COLOR", "FORCE_COLOR")
"""The caller's colour settings, which Rich and Textual read when an app starts."""


@pytest.fixture(autouse=True)
def _not_the_callers_colours(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test sees the same colours whatever the shell set: ``NO_COLOR=1 make test``
    failed every snapshot. A test of ``NO_COLOR`` itself sets it again.

    Textual's own ``TEXTUAL_*`` settings go too, except the snapshot plugin's own
    (``TEXTUAL_SNAPSHOT_TEMPDIR``), which it needs to find its report.
    """
    import os

    for key in COLOUR_SETTINGS:
        monkeypatch.delenv(key, raising=False)
    for key in os.environ:
        if key.startswith("TEXTUAL_") and not key.startswith("TEXTUAL_SNAPSHOT"):
            monkeypatch.delenv(key)


@pytest.fixture
def clock() -> FixedClock:
    """A clock standing at :data:`NOW` until a test moves it."""
    return FixedClock(NOW)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's data file goes (it does not exist until something is logged)."""
    return tmp_path / "leanon.json"


@dataclass(frozen=True)
class CliResult:
    """What one run of the command line did."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        """stdout parsed as JSON."""
        return json.loads(self.out)

    @property
    def err_lines(self) -> list[str]:
        """stderr split into lines."""
        return self.err.splitlines()


def refused(result: CliResult, code: int) -> str:
    """The one stderr line of a run that must fail with ``code``: never a traceback, never
    "something went wrong"."""
    assert result.code == code, (result.out, result.err)
    assert len(result.err_lines) == 1, result.err
    assert "Traceback" not in result.err and "something went wrong" not in result.err
    return result.err_lines[0]


_DEFAULT: Any = object()

RunCli = Callable[..., CliResult]


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch, clock: FixedClock, db_path: Path) -> RunCli:
    """Run ``leanon`` in-process: ``run_cli("reach", "Sam", "--via", "call")``.

    Unless told otherwise it uses the ``clock`` fixture and ``db_path`` (through
    ``LEANON_DB``, so passing ``--db`` still wins). Keyword arguments:

    * ``env``: environment variables for this run only; a value of None removes one.
      Setting ``LEANON_NOW`` there makes the run use it instead of the ``clock`` fixture.
    * ``clock``: another clock for this run (None means "as the command line would").
    """
    from tui.cli import main

    def run(
        *args: object, env: Mapping[str, str | None] | None = None, clock: Any = _DEFAULT
    ) -> CliResult:
        env = dict(env or {})
        chosen: Clock | None = fixture_clock
        if clock is not _DEFAULT:
            chosen = clock
        elif "LEANON_NOW" in env:
            chosen = None
        out, err = io.StringIO(), io.StringIO()
        with monkeypatch.context() as patch:
            patch.setenv("LEANON_DB", str(db_path))
            for key, value in env.items():
                if value is None:
                    patch.delenv(key, raising=False)
                else:
                    patch.setenv(key, value)
            code = main([str(a) for a in args], clock=chosen, stdout=out, stderr=err)
        return CliResult(code, out.getvalue(), err.getvalue())

    fixture_clock = clock
    return run
