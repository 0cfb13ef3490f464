"""TinyDB's own test suite, unchanged, with leanon's storage in place of JSONStorage.

``SafeJSONStorage`` keeps TinyDB's Storage contract, so it can sit under TinyDB's
middlewares (encryption at rest will need that seam). Every test of the suite passes but
the deliberate differences below, each explained in docs/data-format.md ("leanon's
storage and TinyDB's JSONStorage").
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import tinydb

ROOT = Path(__file__).parents[1]
SUITE = Path(sys.prefix) / "tinydb-tests" / f"tinydb-{tinydb.__version__}" / "tests"
"""Where ``make test`` unpacks the tests of the tinydb sdist installed (see the Makefile)."""

DELIBERATE = {
    "tests/test_storages.py::test_json_read": "a missing file reads as empty, never an error",
    "tests/test_storages.py::test_create_dirs": "missing folders are always made (0700)",
    "tests/test_storages.py::test_json_invalid_directory": "the folder is made on first save",
    "tests/test_storages.py::test_encoding": "the file is always UTF-8",
    "tests/test_storages.py::test_json_invalid_mode_warning": "no access modes: it reads, writes",
    "tests/test_middlewares.py::test_caching_json_write": "no file handle is held open",
    "tests/test_tables.py::test_tables_list[json]": "every save stamps the data format (meta)",
    "tests/test_tables.py::test_table_repr[json]": "the storage's class is leanon's",
}


@pytest.mark.skipif(
    not SUITE.is_dir(), reason=f"TinyDB's tests are not unpacked at {SUITE}: run make test"
)
def test_tinydb_suite_passes_on_leanons_storage(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rf",
            "-p",
            "tinydb_swap",
            "-p",
            "no:cacheprovider",
            "-o",
            "addopts=",
            "tests",
        ],
        cwd=SUITE.parent,
        env={**os.environ, "PYTHONPATH": f"{ROOT / 'tests'}{os.pathsep}{ROOT}"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    failed = set(re.findall(r"^FAILED (\S+)", done.stdout, re.MULTILINE))
    summary = done.stdout.strip().splitlines()[-1]
    assert failed == set(DELIBERATE), done.stdout[-3000:]
    passed = int(re.search(r"(\d+) passed", summary).group(1))  # type: ignore[union-attr]
    assert passed >= 200, summary
    assert "error" not in summary, summary
