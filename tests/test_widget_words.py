"""Words the panels draw: nothing cut mid-word without a mark, counts with the right noun,
and the keys always on screen."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from snapshot_apps.common import NOW, dashboard_app, settle

from storage import FixedClock, Store
from storage.clock import MONTH_NAMES
from storage.lookback import calendar
from widgets.calendar import YearCalendar
from widgets.daybar import DayBar
from widgets.honest import HonestPanel
from widgets.panel import cut, fit_parts


def test_fit_parts_shortens_the_longest_part_and_marks_it() -> None:
    parts = ["stayed on the call when I wanted to hang up", "with Mum"]
    assert fit_parts(parts, 80) == "stayed on the call when I wanted to hang up · with Mum"
    fitted = fit_parts(list(parts), 30)
    assert fitted == "stayed on the call… · with Mum"
    assert fit_parts(["texted Sam", "a very long note about the move"], 24) == (
        "texted Sam · a very lon…"
    )
    assert len(fit_parts(list(parts), 12)) == 12 and fit_parts(list(parts), 12).endswith("…")
    assert cut("short", 10) == "short"


def test_a_month_that_starts_in_the_last_column_is_not_half_labelled() -> None:
    """Before: the month row of the calendar ended in a lone "D" (December, cut)."""
    data = calendar([], date(2026, 12, 1), time(4, 0))
    row = YearCalendar._months(data, 1).plain
    assert row.split()[-1] in {name[:3] for name in MONTH_NAMES}
    assert not row.rstrip().endswith(" D")


@pytest.mark.parametrize("width", [40, 50, 60, 80])
async def test_the_top_line_always_shows_where_the_keys_are(tmp_path, width: int) -> None:
    """Below 60 columns the top line used to lose "? keys"."""
    db = tmp_path / "leanon.json"
    with Store(db, FixedClock(NOW)) as store:
        store.add_reach("Sam")
    app = dashboard_app(db, demo=True)
    async with app.run_test(size=(width, 20)) as pilot:
        await settle(pilot)
        line = str(app.screen.query_one(DayBar).render().plain)
        assert line.rstrip().endswith("? keys") or line.rstrip().endswith("^p commands")
        assert "? keys" in line
        assert len(line) <= width


async def test_one_answer_is_one_answer(tmp_path) -> None:
    db = tmp_path / "leanon.json"
    with Store(db, FixedClock(NOW)) as store:
        store.add_honest(4, at=NOW - timedelta(days=2))
    app = dashboard_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = str(app.screen.query_one(HonestPanel).render().plain)
        assert "1 answer in 30 days" in text, text
        assert "1 answers" not in text
