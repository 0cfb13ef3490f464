"""Colour settings: the tests never see the caller's, and the dashboard honours NO_COLOR.

``NO_COLOR=1 make test`` failed every snapshot test: Textual reads NO_COLOR when an app
starts, so the snapshots were drawn in greys. ``tests/conftest.py`` now removes the caller's
colour settings for every test; a test of NO_COLOR sets it itself.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import COLOUR_SETTINGS
from snapshot_apps.common import dashboard_app, fixed_clock, settle
from textual.app import App

from storage.store import Store

ROOT = Path(__file__).resolve().parent.parent

SVG_FRAME = {"28c840", "febc2e", "ff5f57", "c5c8c6"}
"""Colours of the window Rich draws around an SVG screenshot (its three buttons, its text)."""


def test_no_colour_setting_of_the_caller_reaches_a_test() -> None:
    assert not [key for key in COLOUR_SETTINGS if key in os.environ]
    textual = [k for k in os.environ if k.startswith("TEXTUAL_")]
    assert all(k.startswith("TEXTUAL_SNAPSHOT") for k in textual)
    assert App().no_color is False


def test_the_suite_under_no_color_sees_no_colour_setting() -> None:
    """The test above, run by a pytest started as ``NO_COLOR=1 FORCE_COLOR=1 make test``
    would start it."""
    env = {**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "1", "TEXTUAL_THEME": "nord"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-n",
            "0",
            "-p",
            "no:cacheprovider",
            f"{Path(__file__).name}::test_no_colour_setting_of_the_caller_reaches_a_test",
        ],
        cwd=ROOT / "tests",
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:]


async def test_the_dashboard_honours_no_color(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "leanon.json"
    with Store(path, fixed_clock()) as store:
        store.add_reach("Ana")
    monkeypatch.setenv("NO_COLOR", "1")
    app = dashboard_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.no_color
        colours = {c.lower() for c in re.findall(r"#([0-9a-fA-F]{6})", app.export_screenshot())}
    grey = {c for c in colours if c[0:2] == c[2:4] == c[4:6]}
    assert colours - grey <= SVG_FRAME  # the dashboard itself is drawn in greys only
