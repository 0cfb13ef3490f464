"""Where the dashboard's keys are read together: the one list of every screen and of the
widgets on each that take keys of their own, for :mod:`tui.keymap`.

It imports every screen, so no screen imports it: the App (when it opens the Settings
screen) and the command line (``leanon config keys``) hand what it lists to what needs it,
each with the App's class (so this module need not import the App).
"""

from __future__ import annotations

from functools import cache

from tui.keymap import Scopes


@cache
def scopes(app_class: type) -> Scopes:
    """Each place by name, with the classes whose bindings are active there together:
    ``app_class`` (the App, whose keys work everywhere) and a screen with its widgets."""
    from textual.widgets import Input

    from tui.screens.confirm import ConfirmScreen
    from tui.screens.dashboard import DashboardScreen
    from tui.screens.entries import EntriesScreen, EntryChoices
    from tui.screens.forms import FormScreen
    from tui.screens.help import HelpScreen
    from tui.screens.ideas import IdeasScreen
    from tui.screens.importing import ImportScreen
    from tui.screens.people import PeopleScreen
    from tui.screens.people import PeopleTable as PeopleList
    from tui.screens.person import PersonScreen
    from tui.screens.review import ReviewScreen
    from tui.screens.settings import SettingsScreen
    from tui.screens.unlock import UnlockScreen
    from tui.screens.welcome import WelcomeScreen
    from widgets.calendar import YearCalendar
    from widgets.forms import Form
    from widgets.history import EntryList
    from widgets.people_review import PeopleTable as ReviewPeople
    from widgets.pickers import ChoicePicker, ScoreScale

    app = (app_class,)
    return {
        "the dashboard": (*app, DashboardScreen),
        "the review": (*app, ReviewScreen, YearCalendar, EntryList, ReviewPeople),
        "the people screen": (*app, PeopleScreen, PeopleList),
        "today's entries": (*app, EntriesScreen, EntryChoices),
        "the forms": (*app, FormScreen, Form, ChoicePicker, ScoreScale, Input),
        "the help": (*app, HelpScreen),
        "a question": (*app, ConfirmScreen),
        "the import": (*app, ImportScreen),
        "the welcome": (*app, WelcomeScreen),
        "the settings": (*app, SettingsScreen),
        "the ideas": (*app, IdeasScreen),
        "a person's page": (*app, PersonScreen, EntryList),
        "the unlock screen": (*app, UnlockScreen, Input),
    }
