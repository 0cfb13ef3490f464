"""The repository itself: its license, and what `make` does with a broken venv."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_license_the_package_declares_is_in_the_repository() -> None:
    """pyproject said MIT, but there was no LICENSE file to say what that grants."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["license"]
    text = (ROOT / "LICENSE").read_text()
    assert declared == "MIT"
    assert text.startswith("MIT License\n")
    assert "Copyright (c) 2026 the leanon authors" in text
    assert 'THE SOFTWARE IS PROVIDED "AS IS"' in text
