"""One person up close, a rest from them and their birthday: the words of the person page
(storage.personpage), a rest that ends by itself (storage.insights.contact_standing, the
nudge, the ideas), birthdays in the coming week (storage.birthdays) and the days typed for
them (storage.when)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from storage.birthdays import birthdays_soon, next_birthday
from storage.clock import FixedClock, day_shift
from storage.errors import InvalidInput
from storage.fields import person_doc_problem
from storage.glance import status_lines, status_view
from storage.insights import contact_standing
from storage.names import nobody_sentence
from storage.nudge import nudge_line
from storage.personpage import PersonPage, gap_words, median_gap, person_page, rhythm_sentence
from storage.phrases import birthday_sentence
from storage.records import Entry, Person, Settings
from storage.store import Store
from storage.summary import Summary
from storage.transfer import export_text, read_import
from storage.when import parse_birthday, parse_day
from tests.conftest import NOW

TODAY = NOW.date()  # Saturday 28 November 2026
SHIFT = day_shift(datetime.min.time().replace(hour=4))


def reach(days_ago: int, who: str = "Sam") -> Entry:
    return Entry(f"r{days_ago}", "reach", NOW - timedelta(days=days_ago), who=who, via="text")


def page_of(*days_ago: int, person: Person | None = None) -> PersonPage:
    contacts = sorted((reach(d) for d in days_ago), key=lambda e: e.at, reverse=True)
    return person_page(person or Person("Sam"), contacts, NOW, TODAY, SHIFT_START)


SHIFT_START = datetime.min.time().replace(hour=4)


# --- how the last year went -------------------------------------------------------------


def test_no_contact_in_the_last_year_is_said_plainly() -> None:
    assert rhythm_sentence(page_of()) == "Nothing with Sam logged in the last year."
    assert rhythm_sentence(page_of(400)) == "Nothing with Sam logged in the last year."


def test_one_day_in_touch_has_no_gap_to_tell() -> None:
    said = rhythm_sentence(page_of(12))
    assert said == "Over the last year you were in touch on one day, 16 November; a gap needs two."


def test_the_typical_gap_is_the_median_and_says_so() -> None:
    said = rhythm_sentence(page_of(0, 9, 20, 40))  # gaps 20, 11, 9
    assert said == (
        "Over the last year you were in touch on 4 days, about every 11 days "
        "(the median gap between them)."
    )


def test_two_contacts_on_one_day_count_as_one_day_and_old_ones_are_left_out() -> None:
    page = page_of(3, 3, 10, 500)
    assert page.year_days == (TODAY - timedelta(days=10), TODAY - timedelta(days=3))
    assert "on 2 days, about every 7 days" in rhythm_sentence(page)


def test_an_even_number_of_gaps_takes_the_mean_of_the_middle_two() -> None:
    days = [TODAY - timedelta(days=d) for d in (10, 9, 6, 0)]  # gaps 1, 3, 6
    assert median_gap(days) == 3
    days = [TODAY - timedelta(days=d) for d in (10, 9, 6, 2, 0)]  # gaps 1, 3, 4, 2
    assert median_gap(days) == 2.5
    assert gap_words(median_gap(days)) == "2½ days"
    assert gap_words(median_gap(days[:2])) == "day"
    assert median_gap(days[:1]) is None


# --- a rest from someone ----------------------------------------------------------------


def test_a_rest_keeps_them_within_their_rhythm_and_ends_by_itself() -> None:
    sam = Person("Sam", cadence_days=7, resting_until="2026-12-05")
    last = reach(20)
    for day, over in ((TODAY, 0), (date(2026, 12, 5), 0), (date(2026, 12, 6), 21)):
        assert contact_standing(sam, last, day, SHIFT)[1] == over, day
    assert sam.rests_on(date(2026, 12, 5)) and not sam.rests_on(date(2026, 12, 6))


def summary_on(store: Store, now: datetime) -> Summary:
    store.clock = FixedClock(now)
    return store.summary()


def test_while_resting_no_nudge_and_no_idea_names_them(tmp_path: Path) -> None:
    store = Store(tmp_path / "leanon.json", FixedClock(NOW))
    store.add_reach("Sam", at=NOW - timedelta(days=30))
    store.update_person("Sam", cadence_days=7, trusted=True, resting_until="2026-11-30")
    for days in range(3):  # today, tomorrow and the 30th: resting
        summary = summary_on(store, NOW + timedelta(days=days))
        assert summary.overdue == ()
        assert "Sam" not in summary.suggestion.text
        view = status_view(summary)
        line = nudge_line(view, Settings(nudge_quiet_hours=None), NOW + timedelta(days=days), True)
        assert "Sam" not in (line or "") and "rhythm" not in (line or "")
    back = summary_on(store, NOW + timedelta(days=3))  # 1 December: back, nothing written
    assert [s.person.name for s in back.overdue] == ["Sam"]
    line = nudge_line(
        status_view(back), Settings(nudge_quiet_hours=None), NOW + timedelta(days=3), True
    )
    assert line is not None and "Sam" in line
    assert store.person("Sam").resting_until == "2026-11-30"


def test_resting_until_is_checked_like_the_other_fields() -> None:
    assert person_doc_problem({"name": "Sam", "resting_until": "2027-05-01"}) is None
    for bad in ("1 May", "2027-02-30", "--05-01", 5):
        problem = person_doc_problem({"name": "Sam", "resting_until": bad})
        assert problem is not None and '"resting_until"' in problem


def test_a_rest_goes_out_in_the_export_comes_back_and_is_kept_by_a_merge(tmp_path: Path) -> None:
    people = [Person("Sam", resting_until="2027-05-01"), Person("Ana")]
    data = json.loads(export_text("json", people, [], ()))
    by_name = {p["name"]: p for p in data["people"]}
    assert by_name["Sam"]["resting_until"] == "2027-05-01"
    assert "resting_until" not in by_name["Ana"]
    bundle = read_import(json.dumps(data))
    assert {p.name: p.resting_until for p in bundle.people} == {"Sam": "2027-05-01", "Ana": None}
    store = Store(tmp_path / "leanon.json", FixedClock(NOW))
    store.add_person("Sam")
    store.import_records(bundle.people, [])  # Sam is there: the rest from them is kept
    assert store.person("Sam").resting_until == "2027-05-01"


# --- birthdays --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "birthday, said",
    [
        ("1984-12-01", "Sam's birthday is on Tuesday, 1 December."),  # three days before
        ("--12-04", "Sam's birthday is on Friday, 4 December."),  # six days: the last one
        ("--11-29", "Sam's birthday is tomorrow."),
        ("--11-28", "Sam's birthday is today."),
    ],
)
def test_a_birthday_in_the_coming_week_has_a_quiet_line(birthday: str, said: str) -> None:
    (soon,) = birthdays_soon([Person("Sam", birthday=birthday)], TODAY)
    assert birthday_sentence(soon.who, soon.day, TODAY) == said


@pytest.mark.parametrize("birthday", ["--11-27", "1990-11-27", "--12-05", "--06-01"])
def test_never_the_day_after_nor_more_than_a_week_ahead(birthday: str) -> None:
    assert birthdays_soon([Person("Sam", birthday=birthday)], TODAY) == ()


def test_29_february_is_on_the_28th_in_a_year_without_one() -> None:
    assert next_birthday("--02-29", date(2027, 2, 20)) == date(2027, 2, 28)
    assert next_birthday("2000-02-29", date(2028, 2, 20)) == date(2028, 2, 29)
    (soon,) = birthdays_soon([Person("Mum", birthday="--02-29")], date(2027, 2, 28))
    assert soon.in_days == 0
    assert birthdays_soon([Person("Mum", birthday="--02-29")], date(2027, 3, 1)) == ()


def test_a_birthday_without_a_year_comes_round_at_new_year() -> None:
    (soon,) = birthdays_soon([Person("Sam", birthday="--01-02")], date(2026, 12, 30))
    assert (soon.day, soon.in_days) == (date(2027, 1, 2), 3)


def test_status_says_the_birthday_and_status_json_has_it(tmp_path: Path) -> None:
    store = Store(tmp_path / "leanon.json", FixedClock(NOW))
    store.add_reach("Sam", at=NOW - timedelta(days=1))
    store.update_person("Sam", birthday="--11-30")
    view = status_view(store.summary())
    assert view["birthdays"] == [{"who": "Sam", "on": "2026-11-30", "in_days": 2}]
    assert "Sam's birthday is on Monday, 30 November." in status_lines(view, NOW)


def test_a_bar_counts_birthdays_and_names_them_only_with_names(tmp_path: Path) -> None:
    from storage.bars import tooltip_lines

    store = Store(tmp_path / "leanon.json", FixedClock(NOW))
    store.add_reach("Sam", at=NOW - timedelta(days=1))
    store.update_person("Sam", birthday="--11-28")
    view = status_view(store.summary())
    assert "1 birthday in the coming week." in tooltip_lines(view, NOW)
    assert not any("Sam" in line for line in tooltip_lines(view, NOW))
    assert "Sam's birthday is today." in tooltip_lines(view, NOW, names=True)


# --- the days typed ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, day",
    [
        ("1 May", date(2027, 5, 1)),
        ("may 1", date(2027, 5, 1)),
        ("1st May 2028", date(2028, 5, 1)),
        ("30 November", date(2026, 11, 30)),
        ("28 Nov", TODAY),
        ("today", TODAY),
        ("tomorrow", date(2026, 11, 29)),
        ("10d", date(2026, 12, 8)),
        ("3w", date(2026, 12, 19)),
        ("2027-01-10", date(2027, 1, 10)),
    ],
)
def test_the_last_day_of_a_rest_in_the_words_people_use(typed: str, day: date) -> None:
    assert parse_day(typed, TODAY) == day


@pytest.mark.parametrize("typed", ["31 February", "2020-01-01", "someday", "", "1 Mayday"])
def test_a_day_that_is_none_or_past_is_refused(typed: str) -> None:
    with pytest.raises(InvalidInput):
        parse_day(typed, TODAY)


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("15 April", "--04-15"),
        ("April 15", "--04-15"),
        ("15 April 1984", "1984-04-15"),
        ("1984-04-15", "1984-04-15"),
        ("--04-15", "--04-15"),
        ("  ", None),
    ],
)
def test_a_birthday_in_friendly_words(typed: str, stored: str | None) -> None:
    assert parse_birthday(typed) == stored


# --- a name that is none of your people --------------------------------------------------


def test_the_nearest_name_is_always_offered() -> None:
    assert nobody_sentence("Smm", ["Sam", "Ana"]).endswith("; did you mean Sam?")
    assert nobody_sentence("Zed", ["Sam", "Ana"]).endswith(
        "the nearest name is Ana (leanon people lists everyone)."
    )
    assert nobody_sentence("Zed", []) == "There is nobody called Zed in your people yet."


def test_the_calendar_puts_someone_you_rest_from_on_the_day_after_the_rest() -> None:
    from storage.ics import due_day
    from storage.records import PersonStatus

    sam = Person("Sam", cadence_days=7, resting_until="2026-12-05")
    status = PersonStatus(sam, reach(20), 20, False, 0, resting=True)
    assert due_day(status, TODAY, SHIFT_START) == date(2026, 12, 6)
    ended = PersonStatus(sam, reach(20), 20, True, 13, resting=False)
    assert due_day(ended, TODAY, SHIFT_START) == TODAY


def test_an_import_that_brings_a_rest_says_so(tmp_path: Path) -> None:
    from storage.fromapps import result_line
    from storage.reading import Reading

    store = Store(tmp_path / "leanon.json", FixedClock(NOW))
    store.add_person("Sam")
    result = store.import_records([Person("Sam", resting_until="2027-05-01")], [])
    assert (result.people_filled, result.rests_filled) == (1, 1)
    line = result_line(result, Reading(app="leanon", source="a leanon export"))
    assert "a birthday, rhythm or rest for 1 person" in line
