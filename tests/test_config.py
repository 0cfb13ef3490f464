"""Settings (``leanon config`` and the Settings screen), your own ideas (``leanon idea`` and
the Ideas screen) and keys you choose (``keys.ID``): the command line's contract, what each
setting changes, and that every hint follows a moved key."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import NOW, RunCli, refused
from snapshot_apps.common import dashboard_app, settle, write
from textual.widgets import DataTable, Footer, Static

from storage import config
from storage.clock import FixedClock
from storage.ideas import ideas
from storage.records import EFFORTS, Settings
from storage.store import Store
from storage.suggest import CATALOGUE, choose_suggestion
from tui.grammar import EFFORT_WORDS, SETTING_KEYS


@pytest.fixture
def data(run_cli: RunCli, db_path: Path) -> Path:
    run_cli("reach", "Sam", "--via", "call")
    run_cli("honest", "3", "ok")
    return db_path


# --- the mirrors ---------------------------------------------------------------------------


def test_the_mirrored_words_agree_with_their_owners() -> None:
    from textual.theme import BUILTIN_THEMES

    assert config.THEMES == tuple(BUILTIN_THEMES)
    assert EFFORT_WORDS == EFFORTS
    assert SETTING_KEYS == (*config.BY_KEY, "keys")


# --- leanon config -------------------------------------------------------------------------


def test_config_lists_every_setting_with_its_value_and_a_word(run_cli: RunCli, data: Path) -> None:
    lines = run_cli("config").out.splitlines()
    for setting in config.SETTINGS:
        row = next(line for line in lines if line.startswith(setting.key + " "))
        assert setting.default() in row and setting.about in row
    assert any(line.startswith("keys.*") for line in lines)


def test_config_sets_one_and_prints_it(run_cli: RunCli, data: Path) -> None:
    assert run_cli("config", "day_starts_at", "5:00").out == "Saved: day_starts_at is 05:00.\n"
    assert run_cli("config", "day_starts_at").out == "05:00\n"
    with Store(data, FixedClock(NOW)) as store:
        assert store.settings.day_starts_at.hour == 5
    run_cli("config", "day_starts_at", "default")
    assert run_cli("config", "day_starts_at").out == "04:00\n"


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("day_starts_at", "25:00", "from 00:00 to 23:59"),
        ("day_starts_at", "five", "a time of day like 05:00"),
        ("week_starts_on", "someday", "a day of the week"),
        ("streaks", "maybe", "on or off"),
        ("nudge", "2", "on or off"),
        ("quiet_hours", "late", "21:00-09:00"),
        ("nudge_once_a_day", "often", "on or off"),
        ("names_in_bars", "sometimes", "on or off"),
        ("theme", "nrd", "did you mean nord?"),
    ],
)
def test_a_bad_value_exits_2_with_one_line_and_changes_nothing(
    run_cli: RunCli, data: Path, key: str, value: str, says: str
) -> None:
    before = data.read_bytes()
    line = refused(run_cli("config", key, value), 2)
    assert f"'{value}' is not a value for {key}" in line and says in line
    assert data.read_bytes() == before


def test_an_unknown_setting_exits_2_with_the_nearest(run_cli: RunCli, data: Path) -> None:
    assert "did you mean day_starts_at?" in refused(run_cli("config", "day_start_at", "5"), 2)
    assert "did you mean keys.review?" in refused(run_cli("config", "keys.reviw", "w"), 2)


def test_config_names_the_passphrase_command_which_lives_outside_the_file(
    run_cli: RunCli, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 17 asked for a passphrase_command setting; it is an environment variable (the
    file can't be read before it is unlocked), and ``leanon config`` says so where a person
    looks for settings."""
    from storage.sealed import PASSPHRASE_COMMAND_VAR

    monkeypatch.delenv(PASSPHRASE_COMMAND_VAR, raising=False)
    row = run_cli("config").out.splitlines()[-1]
    assert row.startswith(PASSPHRASE_COMMAND_VAR) and "not set" in row
    monkeypatch.setenv(PASSPHRASE_COMMAND_VAR, "pass show leanon")
    row = run_cli("config").out.splitlines()[-1]
    assert " set " in row and "pass show" not in row
    before = data.read_bytes()
    for name in ("passphrase_command", "passphrase-command", PASSPHRASE_COMMAND_VAR):
        line = refused(run_cli("config", name, "pass show leanon"), 2)
        assert f"set {PASSPHRASE_COMMAND_VAR} in your environment" in line
    assert data.read_bytes() == before


def test_the_day_start_moves_what_today_is(run_cli: RunCli, data: Path) -> None:
    late = FixedClock(NOW.replace(hour=23, minute=30) + timedelta(hours=2))  # 01:30 Sunday
    run_cli("reach", "Ana", clock=late)
    before = run_cli("status", "--json", clock=late).json()["counts"]
    run_cli("config", "day_starts_at", "00:00", clock=late)
    with Store(data, late) as store:
        assert store.today() == date(2026, 11, 29)
    run_cli("config", "day_starts_at", "04:00", clock=late)
    with Store(data, late) as store:
        assert store.today() == date(2026, 11, 28)
    assert run_cli("status", "--json", clock=late).json()["counts"] == before


# --- streaks hidden ------------------------------------------------------------------------


def test_with_streaks_hidden_status_says_nothing_of_runs_and_json_keeps_its_keys(
    run_cli: RunCli, data: Path
) -> None:
    shown = run_cli("status", "--json").json()
    text = run_cli("status").out
    assert "running" in text
    run_cli("config", "streaks", "off")
    hidden = run_cli("status", "--json").json()
    assert list(hidden) == list(shown) and hidden["streaks"] == shown["streaks"]
    text = run_cli("status").out
    assert "running" not in text and "longest" not in text
    assert "Connection: 1 of the last 7 days." in text
    for fmt in ("line", "waybar", "i3blocks", "i3status-rust", "polybar"):
        out = run_cli("status", "--format", fmt).out
        assert "1d" not in out and "1/7" in out, fmt
    assert json.loads(run_cli("status", "--format", "waybar").out)["class"] == "open"


def test_the_quick_read_agrees_after_a_setting_changes(
    run_cli: RunCli, data: Path, tmp_path: Path
) -> None:
    """The totals keep today's view; a changed setting is a changed file, read afresh."""
    run_cli("status")  # totals kept
    run_cli("config", "streaks", "off")
    quick = run_cli("status").out
    fresh = tmp_path / "fresh.json"
    fresh.write_bytes(data.read_bytes())
    assert run_cli("--db", fresh, "status").out == quick.replace(str(data), str(fresh))


# --- names in bars, the nudge --------------------------------------------------------------


def test_names_in_bars_shows_names_without_the_flag(
    run_cli: RunCli, db_path: Path, clock: FixedClock
) -> None:
    with Store(db_path, clock) as store:
        store.add_person("Bea", cadence_days=3)
        store.add_reach("Bea", at=NOW - timedelta(days=9))
    assert "Bea" not in run_cli("status", "--format", "line").out
    run_cli("config", "names_in_bars", "on")
    assert "due: Bea" in run_cli("status", "--format", "line").out


def test_the_nudge_turned_off_says_nothing(
    run_cli: RunCli, db_path: Path, clock: FixedClock
) -> None:
    evening = FixedClock(NOW.replace(hour=19))
    with Store(db_path, clock) as store:
        store.add_person("Bea", cadence_days=3)
        store.add_reach("Bea", at=NOW - timedelta(days=9))
    run_cli("config", "nudge", "off", clock=evening)
    assert run_cli("nudge", clock=evening).out == ""
    run_cli("config", "nudge", "on", clock=evening)
    assert "a while" in run_cli("nudge", clock=evening).out


# --- the week's first day ------------------------------------------------------------------


@pytest.mark.parametrize(("word", "weekday"), [("monday", 0), ("sunday", 6), ("sat", 5)])
def test_the_calendar_weeks_start_on_the_chosen_day(word: str, weekday: int) -> None:
    from storage.insights import DayIndex
    from storage.lookback import calendar

    settings = config.changed(Settings(), config.BY_KEY["week_starts_on"], word)
    index = DayIndex([], settings.day_starts_at)
    year = calendar(index, NOW.date(), settings.day_starts_at, None, settings.week_starts_on)
    assert all(week[0].day.weekday() == weekday for week in year.weeks)
    assert any(day.day == NOW.date() for day in year.weeks[-1])


# --- your own ideas ------------------------------------------------------------------------


def test_idea_add_edit_hide_show_remove(run_cli: RunCli, data: Path) -> None:
    out = run_cli("idea", "add", "Ask {who} to the market", "--effort", "tiny").out
    assert out == "Added to your ideas (tiny): Ask {who} to the market\n"
    number = len(CATALOGUE) + 1
    listing = run_cli("idea").out
    assert f"{number}  tiny    Ask {{who}} to the market" in listing
    run_cli("idea", "edit", str(number), "--to", "Ask {who} to the fair", "--effort", "small")
    run_cli("idea", "hide", "1")
    assert "(hidden)" in run_cli("idea").out.splitlines()[1]
    with Store(data, FixedClock(NOW)) as store:
        settings = store.settings
    assert settings.hidden_suggestions == (CATALOGUE[0].text,)
    assert [(s.text, s.effort) for s in settings.own_suggestions] == [
        ("Ask {who} to the fair", "small")
    ]
    run_cli("idea", "show", CATALOGUE[0].text.upper())  # by its words, in any case
    run_cli("idea", "remove", "Ask {who} to the fair")
    with Store(data, FixedClock(NOW)) as store:
        assert store.settings.hidden_suggestions == () and store.settings.own_suggestions == ()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("idea", "remove", "1"), "hide it instead"),
        (("idea", "hide", "999"), "There is no idea 999"),
        (("idea", "edit", "1", "--to", "x"), "hide it, and add yours"),
        (("idea", "add", "Say yes the next time someone offers to help."), "leanon's own"),
        (("idea", "add"), "needs the idea"),
        (("idea", "hide", "1", "--effort", "tiny"), "--effort goes with add or edit"),
        (("idea", "add", "x", "--effort", "huge"), "is not a choice for --effort"),
        (("idea", "remove", "no such words"), "No idea has those words"),
    ],
)
def test_a_bad_idea_command_exits_2_with_one_line(
    run_cli: RunCli, data: Path, args: tuple[str, ...], says: str
) -> None:
    assert says.lower() in refused(run_cli(*args), 2).lower()


def test_a_hidden_idea_is_never_chosen_and_an_own_one_can_be() -> None:
    from storage.records import Suggestion

    tiny = [s for s in CATALOGUE if s.effort == "tiny" and not s.names_someone]

    mine = Suggestion("Sit in the park where people are", "tiny", own=True)
    hidden = tuple(s.text for s in tiny[1:])
    seen = {
        choose_suggestion(
            day=NOW.date() + timedelta(days=d), seed=0, own=(mine,), hidden=hidden, honest_score=1
        ).suggestion.text
        for d in range(60)
    }
    assert seen == {tiny[0].text, mine.text}


def test_hiding_every_fitting_idea_still_offers_a_gentle_one() -> None:
    hidden = tuple(s.text for s in CATALOGUE)
    chosen = choose_suggestion(day=NOW.date(), seed=0, hidden=hidden, honest_score=1)
    assert chosen.suggestion.effort == "tiny" and not chosen.suggestion.names_someone


def test_ideas_and_hidden_ones_go_out_and_come_back_with_the_export(
    run_cli: RunCli, data: Path, tmp_path: Path
) -> None:
    run_cli("idea", "add", "Ask Mum for her soup recipe")
    run_cli("idea", "hide", "2")
    export = run_cli("export").json()
    assert export["hidden_suggestions"] == [CATALOGUE[1].text]
    (tmp_path / "out.json").write_text(json.dumps(export))
    other = tmp_path / "other.json"
    run_cli("--db", other, "import", tmp_path / "out.json")
    with Store(other, FixedClock(NOW)) as store:
        assert store.settings.hidden_suggestions == (CATALOGUE[1].text,)
        assert [s.text for s in store.settings.own_suggestions] == ["Ask Mum for her soup recipe"]
    run_cli("--db", other, "import", tmp_path / "out.json")  # twice adds nothing
    with Store(other, FixedClock(NOW)) as store:
        assert len(store.settings.hidden_suggestions) == 1
        assert len(store.settings.own_suggestions) == 1


def test_ideas_are_numbered_leanons_then_yours() -> None:
    from storage.records import Suggestion

    settings = Settings(own_suggestions=(Suggestion("Mine", "tiny", own=True),))
    listed = ideas(settings)
    assert [i.number for i in listed] == list(range(1, len(CATALOGUE) + 2))
    assert listed[-1].own and not listed[0].own


# --- keys ----------------------------------------------------------------------------------


def test_a_key_moves_and_comes_back(run_cli: RunCli, data: Path) -> None:
    assert run_cli("config", "keys.review", "w").out == "Saved: Review (review) is on w now.\n"
    assert run_cli("config", "keys.review").out == "w\n"
    assert "keys.review" in run_cli("config", "keys").out
    run_cli("config", "keys.review", "default")
    assert run_cli("config", "keys.review").out == "v\n"
    with Store(data, FixedClock(NOW)) as store:
        assert store.settings.keys == ()


@pytest.mark.parametrize(
    ("binding", "key", "says"),
    [
        ("review", "r", "'r' is already Reach on the dashboard"),
        ("review", "q", "'q' is already Quit on the dashboard"),
        ("review", "tab", "moves to the next part of a screen"),
        ("review", "ctrl+p", "opens the command palette"),
        ("review", "ctrl+nothing", "not a key leanon knows"),
        ("review-back", "b", "escape goes back everywhere, so it stays"),
        ("undo", "d", "'d' is already Delete on the review"),
        ("review-kind", "up", "'↑' is already Day before on the review"),
    ],
)
def test_a_remap_that_clashes_is_refused_with_the_reason(
    run_cli: RunCli, data: Path, binding: str, key: str, says: str
) -> None:
    before = data.read_bytes()
    assert says in refused(run_cli("config", f"keys.{binding}", key), 2)
    assert data.read_bytes() == before


def test_two_moved_keys_may_swap_in_two_steps(run_cli: RunCli, data: Path) -> None:
    assert run_cli("config", "keys.review", "r").code == 2
    run_cli("config", "keys.reach", "t")
    assert run_cli("config", "keys.review", "r").code == 0


# --- the dashboard -------------------------------------------------------------------------


def _remapped(path: Path) -> Path:
    with Store(path, FixedClock(NOW)) as store:
        store.add_person("Ana")
        store.add_reach("Ana")
        for binding, key in (("reach", "t"), ("honest", "j"), ("belong", "g"), ("letin", "k")):
            store.set_key(binding, key)
        store.set_key("another-suggestion", "m")
        store.set_key("ideas", "f5")
        store.set_key("help", "f1")
        store.set_key("undo", "y")
        store.set_key("today-entries", "c")
        store.set_key("people", "w")
        store.set_key("review-search", "f3")
        for n in range(12):
            store.add_person(f"Friend {n}")
    return path


def _text(app: object, selector: str) -> str:
    widget = app.screen.query_one(selector)  # type: ignore[attr-defined]
    return str(widget.render().plain)


async def test_every_visible_key_hint_follows_a_remap(tmp_path: Path) -> None:
    app = dashboard_app(_remapped(tmp_path / "leanon.json"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = " ".join(str(c.render()) for c in app.screen.query_one(Footer).children)
        assert "t Reach" in footer and "y Undo" in footer and "r Reach" not in footer
        assert "f1 keys" in _text(app, "DayBar")
        assert "j to answer" in _text(app, "#honest")
        letin = _text(app, "#letin")
        assert "k I did this" in letin and "m another idea" in letin and "f5 your ideas" in letin
        assert "g to note one" in _text(app, "#belonging")
        assert "more (w for everyone)" in _text(app, "#last-reached")
        await pilot.press("f1")  # the help lists the key actually bound
        await pilot.pause()
        rows = [str(s.render()) for s in app.screen.query(".key")]
        assert "t" in rows and "r" not in rows
        await pilot.press("escape")
        await pilot.press("c")  # today's entries: the undo in its hint moved too
        await settle(pilot)
        assert "y undo" in str(app.screen.query_one(".hint", Static).render())
        await pilot.press("d")  # and so does the question's
        await pilot.pause()
        assert str(app.screen.query_one(".hint", Static).render()).startswith("y remove")
        await pilot.press("n", "escape")
        await settle(pilot)
        await pilot.press("w")  # people, moved: its title and the page's name their keys
        await settle(pilot)
        assert "Enter for someone's page" in str(app.screen.query_one("#people-title").render())
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "PersonScreen"
        await pilot.press("escape", "escape")
        await settle(pilot)
        await pilot.press("v")  # the review: its own keys and the dashboard's, as bound
        for _ in range(10):
            await settle(pilot)
        assert app.screen.query_one("#history-search").border_title == "Search (f3)"
        moments = app.screen.query_one("#moments-list")
        assert moments.empty.startswith("No moments yet. g on the dashboard")  # type: ignore[attr-defined]


async def test_the_palette_shows_the_key_actually_bound(tmp_path: Path) -> None:
    from tui.providers import LeanonCommands

    app = dashboard_app(_remapped(tmp_path / "leanon.json"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        provider = LeanonCommands(app.screen)
        helps = {c.name: c.help for c in provider.commands()}
        assert helps["Reach"].endswith("(key t)")
        assert helps["Your ideas"].endswith("(key f5)")


async def test_a_moved_key_works_and_the_old_one_does_not(tmp_path: Path) -> None:
    app = dashboard_app(_remapped(tmp_path / "leanon.json"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert type(app.screen).__name__ == "DashboardScreen"
        await pilot.press("t")
        await pilot.pause()
        assert type(app.screen).__name__ == "FormScreen"


async def test_the_settings_screen_flips_a_setting_and_types_another(tmp_path: Path) -> None:
    path = tmp_path / "leanon.json"
    with Store(path, FixedClock(NOW)) as store:
        store.add_reach("Ana")
    app = dashboard_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert type(app.screen).__name__ == "SettingsScreen"
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=[s.key for s in config.SETTINGS].index("streaks"))
        await pilot.press("enter")
        await settle(pilot)
        with Store(path, FixedClock(NOW)) as store:
            assert store.settings.show_streaks is False
        await pilot.press("escape")
        await settle(pilot)
        assert _text(app, "#streaks").startswith("Reaching out · 1 of the last 7 days")
        assert "running" not in _text(app, "#streaks")
        await pilot.press("s")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=0)  # day_starts_at
        await pilot.press("enter")
        await settle(pilot)
        field = app.screen.query_one("#value")
        field.value = ""  # type: ignore[attr-defined]
        await write(pilot, "25:00")
        await pilot.press("enter")
        await settle(pilot)
        error = str(app.screen.query_one(".form-error", Static).render())
        assert "from 00:00 to 23:59" in error  # shown in the form; what was typed stays
        assert app.screen.query_one("#value").value == "25:00"  # type: ignore[attr-defined]
        field = app.screen.query_one("#value")
        field.value = ""  # type: ignore[attr-defined]
        await write(pilot, "05:30")
        await pilot.press("enter")
        await settle(pilot)
        with Store(path, FixedClock(NOW)) as store:
            assert store.settings.day_starts_at.strftime("%H:%M") == "05:30"


async def test_a_key_moved_on_the_settings_screen_is_bound_at_once(tmp_path: Path) -> None:
    path = tmp_path / "leanon.json"
    with Store(path, FixedClock(NOW)) as store:
        store.add_reach("Ana")
    app = dashboard_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        names = [row[0] for row in screen._rows]  # type: ignore[attr-defined]
        screen.query_one(DataTable).move_cursor(row=names.index("keys.reach"))
        await pilot.press("enter")
        await settle(pilot)
        field = app.screen.query_one("#value")
        field.value = ""  # type: ignore[attr-defined]
        await write(pilot, "v")  # Review's: refused, and said why
        await pilot.press("enter")
        await settle(pilot)
        assert "already Review" in str(app.screen.query_one(".form-error", Static).render())
        field.value = ""  # type: ignore[attr-defined]
        await write(pilot, "t")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert "t to log" not in _text(app, "#last-reached")  # there is a reach-out already
        footer = " ".join(str(c.render()) for c in app.screen.query_one(Footer).children)
        assert "t Reach" in footer


async def test_the_ideas_screen_adds_hides_and_removes(tmp_path: Path) -> None:
    path = tmp_path / "leanon.json"
    with Store(path, FixedClock(NOW)) as store:
        store.add_reach("Ana")
    app = dashboard_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert type(app.screen).__name__ == "IdeasScreen"
        await pilot.press("h")  # the first, one of leanon's
        await settle(pilot)
        with Store(path, FixedClock(NOW)) as store:
            assert store.settings.hidden_suggestions == (CATALOGUE[0].text,)
        await pilot.press("a")
        await settle(pilot)
        await write(pilot, "Sit where people are")
        await pilot.press("enter")
        await settle(pilot)
        with Store(path, FixedClock(NOW)) as store:
            assert [s.text for s in store.settings.own_suggestions] == ["Sit where people are"]
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.row_count - 1)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        with Store(path, FixedClock(NOW)) as store:
            assert store.settings.own_suggestions == ()
        await pilot.press("u")  # undo brings it back
        await settle(pilot)
        with Store(path, FixedClock(NOW)) as store:
            assert [s.text for s in store.settings.own_suggestions] == ["Sit where people are"]


def test_a_store_just_opened_changes_the_settings_in_its_file(run_cli: RunCli, data: Path) -> None:
    """The dashboard opens its store only for a save: the first thing it does may be this."""
    run_cli("config", "streaks", "off")
    run_cli("config", "keys.review", "w")
    assert Store(data, FixedClock(NOW)).configure("streaks", "on") == "on"
    Store(data, FixedClock(NOW)).set_key("review", None)
    with Store(data, FixedClock(NOW)) as store:
        assert store.settings.show_streaks is True and store.settings.keys == ()


NEW_VALUES = {
    "day_starts_at": "06:15",
    "week_starts_on": "sunday",
    "quiet_hours": "22:00-08:30",
    "theme": "nord",
}
"""A value to type for each setting that is not on/off (those flip on Enter)."""


@pytest.mark.parametrize("setting", config.SETTINGS, ids=lambda s: s.key)
async def test_each_setting_changes_from_the_settings_screen(
    tmp_path: Path, setting: config.Setting
) -> None:
    path = tmp_path / "leanon.json"
    with Store(path, FixedClock(NOW)) as store:
        store.add_reach("Ana")
    before = setting.default()
    app = dashboard_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        app.screen.query_one(DataTable).move_cursor(row=config.SETTINGS.index(setting))
        await pilot.press("enter")
        await settle(pilot)
        typed = NEW_VALUES.get(setting.key)
        if typed is not None:
            field = app.screen.query_one("#value")
            assert field.value == before  # type: ignore[attr-defined]
            field.value = ""  # type: ignore[attr-defined]
            await write(pilot, typed)
            await pilot.press("enter")
            await settle(pilot)
        expected = typed or ("off" if before == "on" else "on")
        with Store(path, FixedClock(NOW)) as store:
            assert setting.value(store.settings) == expected
        row = app.screen.query_one(DataTable).get_row_at(config.SETTINGS.index(setting))
        assert row[1] == expected  # the screen shows it at once
        if setting.key == "theme":
            assert app.theme == "nord"
