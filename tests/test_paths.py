"""Where the data file lives by default: the quick answer agrees with platformdirs."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from storage.paths import default_db_location, default_db_path

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the quick answer is only worked out on Linux"
)


def platformdirs_answer() -> str:
    return str(platformdirs.user_data_path("leanon", appauthor=False) / "leanon.json")


@linux_only
@pytest.mark.parametrize(
    ("xdg", "home"),
    [
        (None, "/home/sam"),
        (None, "/home/sam/"),
        (None, "/"),
        ("/data/xdg", "/home/sam"),
        ("/data/xdg/", "/home/sam"),
        ("", "/home/sam"),
        ("relative/xdg", "/home/sam"),
    ],
)
def test_the_quick_answer_is_platformdirs_answer(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None, home: str
) -> None:
    monkeypatch.delenv("LEANON_DB", raising=False)
    monkeypatch.setenv("HOME", home)
    if xdg is None:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
    assert default_db_location() == platformdirs_answer()
    assert default_db_path() == Path(platformdirs_answer())


def test_an_unusual_home_is_left_to_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LEANON_DB", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", "not/absolute")
    assert default_db_location() == platformdirs_answer()


def test_leanon_db_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LEANON_DB", f"  {tmp_path}/mine.json ")
    assert default_db_location() == f"{tmp_path}/mine.json"
    assert default_db_location({"LEANON_DB": "~/x.json"}) == str(Path("~/x.json").expanduser())
