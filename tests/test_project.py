"""The repository itself: its license, and what `make` does with a broken venv."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_the_license_the_package_declares_is_in_the_repository() -> None:
    """pyproject said MIT, but there was no LICENSE file to say what that grants."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["license"]
    text = (ROOT / "LICENSE").read_text()
    assert declared == "MIT"
    assert text.startswith("MIT License\n")
    assert "Copyright (c) 2026 the leanon authors" in text
    assert 'THE SOFTWARE IS PROVIDED "AS IS"' in text


# --- make: a broken .venv is made again ---------------------------------------------------

needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def checkout(tmp_path: Path) -> Path:
    """A folder with the Makefile and a pyproject.toml, where make can be run safely."""
    folder = tmp_path / "leanon"
    folder.mkdir()
    shutil.copy(ROOT / "Makefile", folder / "Makefile")
    shutil.copy(ROOT / "pyproject.toml", folder / "pyproject.toml")
    return folder


def script(path: Path, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)
    return path


def make(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(folder), *args],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("MAKE")},
    )


@needs_make
@pytest.mark.parametrize(
    ("python", "verdict"),
    [
        (None, "make it again"),  # no venv yet
        ("exit 1", "make it again"),  # a python that fails: 3.10, or since removed
        (f'exec {sys.executable} "$@"', "usable"),  # this test's own Python, with pip
    ],
    ids=["none", "broken", "usable"],
)
def test_make_knows_a_usable_venv(tmp_path: Path, python: str | None, verdict: str) -> None:
    """A venv from a failed first try, or made with Python 3.10, failed every later make
    until `make clean`."""
    folder = checkout(tmp_path)
    if python is not None:
        script(folder / ".venv" / "bin" / "python", python)
    assert make(folder, "-s", "venv-check").stdout == f"{verdict}\n"


@needs_make
def test_a_venv_without_pip_is_made_again(tmp_path: Path) -> None:
    folder = checkout(tmp_path)
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(folder / ".venv")], check=True
    )
    assert make(folder, "-s", "venv-check").stdout == "make it again\n"


@needs_make
def test_a_broken_venv_is_rebuilt_and_everything_in_it_reinstalled(tmp_path: Path) -> None:
    """Its stamps said installed, so make used to skip straight to the broken python."""
    folder = checkout(tmp_path)
    script(folder / ".venv" / "bin" / "python", "exit 1")
    for stamp in (".installed-run", ".installed-test"):
        (folder / ".venv" / stamp).touch()
    planned = make(folder, "-n", "run").stdout
    assert "rm -rf .venv" in planned
    assert "python3 -m venv .venv" in planned
    assert "pip install --quiet -e ." in planned
    assert planned.index("-m venv") < planned.index("pip install --quiet -e .")


@needs_make
def test_a_python_too_old_or_without_venv_says_what_to_do(tmp_path: Path) -> None:
    """One plain line and a stop, instead of a venv that fails on every later make."""
    folder = checkout(tmp_path)
    old = script(tmp_path / "python3.10", "exit 1")  # the version check fails: too old
    done = make(folder, f"PYTHON={old}", "venv")
    assert done.returncode != 0
    assert "leanon needs Python 3.11 or newer" in done.stdout
    assert "PYTHON=python3.12 make run" in done.stdout
    no_venv = script(  # new enough, but `-m venv` fails, as without Debian's python3-venv
        tmp_path / "python3.12", 'case "$1" in -c) exit 0 ;; *) exit 1 ;; esac'
    )
    done = make(folder, f"PYTHON={no_venv}", "venv")
    assert done.returncode != 0
    assert "python3-venv" in done.stdout
    assert not (folder / ".venv").exists()


@needs_make
def test_make_run_says_how_to_get_the_command(tmp_path: Path) -> None:
    folder = checkout(tmp_path)
    script(folder / ".venv" / "bin" / "python", f'exec {sys.executable} "$@"')
    for stamp in (".installed-run", ".installed-test"):
        (folder / ".venv" / stamp).touch()
    planned = make(folder, "-n", "run").stdout.splitlines()
    assert planned == [
        'echo "For the leanon command in any shell: pipx install . (or uv tool install .); '
        'see the README."',
        ".venv/bin/leanon",
    ]
