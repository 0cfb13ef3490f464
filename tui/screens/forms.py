"""The modal around each form, and how it saves.

A form for a new entry closes at once and hands the dashboard a :class:`Draft`: the entry
shows straight away while the save runs behind it, and if the save fails the form opens
again with everything typed and the error. A form that edits waits for its save instead:
it stays open until the save lands, and shows a failure inside itself. Escape closes
without saving anything.

Every form for an entry ends with a "when" field that takes the words ``--at`` takes
(:func:`storage.when.parse_when`): empty is now for a new entry; an edit shows the entry's
own time and keeps it unless it is changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen

from storage.errors import InvalidInput
from storage.fields import KIND_SPECS, visible
from storage.personpage import birthday_words
from storage.phrases import day_words
from storage.records import Entry, Kind, Person, Suggestion
from storage.store import Store, validate_entry
from storage.suggest import ChosenSuggestion
from storage.when import parse_birthday, parse_day, when_text
from tui.screens.base import StorageScreen, dialog_box
from tui.storework import Board, Draft, Job, JobDone, JobFailed, StoreAccess
from widgets.forms import (
    EntryForm,
    Form,
    HonestForm,
    IdeaForm,
    LetInForm,
    PersonForm,
    ReachForm,
    ValueForm,
)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a form's save did, handed back to the screen that opened it."""

    what: str
    board: Board


JobFor = Callable[[Form.Submitted, datetime | None], Job]
"""Turns a form's ``Submitted`` message and the moment its "when" field gave into the storage
job that saves it. The moment is None for an edit whose time was left as it was."""


@dataclass(frozen=True, slots=True)
class NewEntry:
    """What a form for a new entry needs to show it before it is saved.

    Attributes:
        entry_for: the entry as it will be saved, from what was typed and the moment.
        reopen: the form again, filled with what was typed, showing an error.
    """

    entry_for: Callable[[Form.Submitted, datetime], Entry]
    reopen: Callable[[Form.Submitted, str], FormScreen]


def new_entry(kind: Kind, at: datetime, **fields: Any) -> Entry:
    """The entry a form will save, checked as the store checks it.

    Raises:
        InvalidInput: what was typed cannot be saved (a name that is too long, say).
    """
    return validate_entry(Entry("", kind, at.replace(microsecond=0), **fields))


class FormScreen(StorageScreen[Outcome | Draft | None], ModalScreen[Outcome | Draft | None]):
    """A centred dialog holding one form.

    With ``new`` it closes on Enter with a :class:`Draft` for the opener to show and save;
    without, it saves itself and closes with an :class:`Outcome` once the save landed.
    """

    DEFAULT_CSS = (
        """
    FormScreen {
        align: center middle;
        background: $background 60%;
    """
        + dialog_box("#dialog", 72)
        + """
    }
    """
    )

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="form-cancel")]

    def __init__(
        self,
        access: StoreAccess,
        title: str,
        form: Form,
        job_for: JobFor,
        verb: str = "Logged",
        *,
        new: NewEntry | None = None,
        error: str = "",
        kept_when: str = "",
    ) -> None:
        super().__init__(access)
        self.title_text = title
        self.form = form
        self.job_for = job_for
        self.verb = verb
        self.new = new
        self.error = error
        """Shown when the form opens: why the last try to save it failed."""
        self.kept_when = kept_when
        """An edit's own time as its "when" field first showed it: left so, the time stays."""
        self.saving = False
        """An edit's save is on its way: Escape must not drop it (Enter, then Esc, at speed)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            # Content, not a str: a str title is read as markup, and it can hold a name.
            dialog.border_title = Content(visible(self.title_text))
            yield self.form

    def on_mount(self) -> None:
        if self.error:
            self.form.show_error(self.error)

    @on(Form.Submitted)
    def _submitted(self, event: Form.Submitted) -> None:
        event.stop()
        self.form.show_error("")
        try:
            at = self._moment(event.when)
        except InvalidInput as error:  # the words --at refuses, refused the same way
            self._not_saved(str(error))
            self.form.query_one("#when").focus()
            return
        if self.new is None:
            self.saving = True
            self.save(self.job_for(event, at))
            return
        try:
            entry = self.new.entry_for(event, at or self.access.now())
        except InvalidInput as error:
            self._not_saved(str(error))
            return
        reopen = self.new.reopen
        job = self.job_for(event, entry.at)  # saved at the very moment it is shown
        self.dismiss(Draft(entry, job, self.verb, lambda error: reopen(event, error)))

    def _moment(self, when: str) -> datetime | None:
        """The moment the "when" field stands for; None for now, or an edit's time left as
        it was (an empty field too: clearing it does not move the entry)."""
        if not when or (self.kept_when and when == self.kept_when):
            return None
        return self.access.when(when)

    def on_job_done(self, event: JobDone) -> None:
        """Saved: say so and close."""
        self.notify(f"{self.verb}: {event.what}", timeout=4)
        self.dismiss(Outcome(event.what, event.board))

    def on_job_failed(self, event: JobFailed) -> None:
        """Not saved: show why; everything typed is still in the form."""
        self._not_saved(str(event.error))

    def _not_saved(self, error: str) -> None:
        self.saving = False
        self.form.show_error(error)
        self.notify(error, title="Not saved", severity="error", timeout=8)

    def action_cancel(self) -> None:
        """Close without saving (once Enter has started a save, the form closes when it lands)."""
        if not self.saving:
            self.dismiss(None)


# ------------------------------------------------------------------- the forms, ready to open


def _starting_when(entry: Entry | None, typed: Form.Submitted | None) -> str:
    """What the "when" field starts with: as typed before, an edit's own time, or empty."""
    if typed is not None:
        return typed.when
    return when_text(entry.at) if entry is not None else ""


def _at(at: datetime | None) -> dict[str, datetime]:
    """The edit of the time, if the "when" field changed it."""
    return {} if at is None else {"at": at}


def _screen(
    access: StoreAccess,
    title: str,
    form: Form,
    job_for: JobFor,
    entry: Entry | None,
    new: NewEntry,
    error: str,
) -> FormScreen:
    """The dialog: an edit of ``entry`` that saves before it closes, or a new entry."""
    if entry is not None:
        return FormScreen(access, title, form, job_for, "Saved", kept_when=when_text(entry.at))
    return FormScreen(access, title, form, job_for, "Logged", new=new, error=error)


def reach_screen(
    access: StoreAccess,
    names: Sequence[str],
    entry: Entry | None = None,
    *,
    typed: ReachForm.Submitted | None = None,
    error: str = "",
) -> FormScreen:
    """Log a reach-out, or edit ``entry``; ``typed`` fills a new one in again after ``error``."""
    when = _starting_when(entry, typed)
    if typed is not None:
        form = ReachForm(names, who=typed.who, via=typed.via, note=typed.note, when=when)
    else:
        form = ReachForm(
            names,
            who=entry.who or "" if entry else "",
            via=entry.via or "text" if entry else "text",
            note=entry.note or "" if entry else "",
            when=when,
        )

    def job_for(message: Form.Submitted, at: datetime | None) -> Job:
        assert isinstance(message, ReachForm.Submitted)
        who, via, note = message.who, message.via, message.note

        def job(store: Store) -> str:
            if entry is None:
                return store.add_reach(who, via, note, at=at).describe()
            return store.edit_entry(entry.id, who=who, via=via, note=note, **_at(at)).describe()

        return job

    def entry_for(message: Form.Submitted, at: datetime) -> Entry:
        assert isinstance(message, ReachForm.Submitted)
        return new_entry("reach", at, who=message.who, via=message.via, note=message.note)

    def reopen(message: Form.Submitted, error: str) -> FormScreen:
        assert isinstance(message, ReachForm.Submitted)
        return reach_screen(access, names, typed=message, error=error)

    title = "Edit reach-out" if entry is not None else "Reach out"
    return _screen(access, title, form, job_for, entry, NewEntry(entry_for, reopen), error)


def reach_to_screen(access: StoreAccess, names: Sequence[str], who: str) -> FormScreen:
    """Log a reach-out to ``who`` from their page: their name filled in (Enter saves a
    text at once). It stays open until the save lands, so a failure is shown in it with
    everything typed still there."""

    def job_for(message: Form.Submitted, at: datetime | None) -> Job:
        assert isinstance(message, ReachForm.Submitted)
        name, via, note = message.who, message.via, message.note
        return lambda store: store.add_reach(name, via, note, at=at).describe()

    return FormScreen(access, f"Reach out to {who}", ReachForm(names, who=who), job_for)


def honest_screen(
    access: StoreAccess,
    entry: Entry | None = None,
    *,
    typed: HonestForm.Submitted | None = None,
    error: str = "",
) -> FormScreen:
    """Answer "how are you, really?", or edit ``entry``; ``typed`` fills one in again."""
    when = _starting_when(entry, typed)
    if typed is not None:  # the follow-up was asked already, if it was going to be
        form = HonestForm(
            score=typed.score,
            words=typed.words,
            ask_reflex=False,
            reflex=typed.reflex,
            when=when,
        )
    elif entry is not None:
        form = HonestForm(
            score=entry.score,
            words=entry.text or "",
            ask_reflex=False,
            reflex=entry.reflex,
            when=when,
        )
    else:
        form = HonestForm()

    def job_for(message: Form.Submitted, at: datetime | None) -> Job:
        assert isinstance(message, HonestForm.Submitted)
        score, words, reflex = message.score, message.words, message.reflex

        def job(store: Store) -> str:
            if entry is None:
                return store.add_honest(score, words, reflex=reflex, at=at).describe()
            changes = {"score": score, "text": words or None, **_at(at)}
            return store.edit_entry(entry.id, **changes).describe()

        return job

    def entry_for(message: Form.Submitted, at: datetime) -> Entry:
        assert isinstance(message, HonestForm.Submitted)
        return new_entry(
            "honest", at, score=message.score, text=message.words, reflex=message.reflex
        )

    def reopen(message: Form.Submitted, error: str) -> FormScreen:
        assert isinstance(message, HonestForm.Submitted)
        return honest_screen(access, typed=message, error=error)

    title = "How are you, really?"
    return _screen(access, title, form, job_for, entry, NewEntry(entry_for, reopen), error)


def entry_screen(
    access: StoreAccess,
    kind: Kind,
    names: Sequence[str] = (),
    entry: Entry | None = None,
    *,
    typed: EntryForm.Submitted | None = None,
    error: str = "",
) -> FormScreen:
    """Log an entry of ``kind`` in the form made from its fields, or edit ``entry``;
    ``typed`` fills one in again after ``error``."""
    if typed is not None:
        values = {name: value or "" for name, value in typed.values.items()}
    elif entry is not None:
        values = {name: str(getattr(entry, name) or "") for name in KIND_SPECS[kind].field_names}
    else:
        values = {}
    form = EntryForm(kind, names, values, when=_starting_when(entry, typed))

    def job_for(message: Form.Submitted, at: datetime | None) -> Job:
        assert isinstance(message, EntryForm.Submitted)
        fields: dict[str, Any] = dict(message.values)

        def job(store: Store) -> str:
            if entry is None:
                return store.add(kind, at, **fields).describe()
            return store.edit_entry(entry.id, **fields, **_at(at)).describe()

        return job

    def entry_for(message: Form.Submitted, at: datetime) -> Entry:
        assert isinstance(message, EntryForm.Submitted)
        return new_entry(kind, at, **message.values)

    def reopen(message: Form.Submitted, error: str) -> FormScreen:
        assert isinstance(message, EntryForm.Submitted)
        return entry_screen(access, kind, names, typed=message, error=error)

    title = KIND_SPECS[kind].title
    return _screen(access, title, form, job_for, entry, NewEntry(entry_for, reopen), error)


def edit_screen(access: StoreAccess, names: Sequence[str], entry: Entry) -> FormScreen:
    """The form ``entry`` was logged with, filled in to edit it (a rest day: only its time)."""
    kind = entry.kind
    match kind:
        case "reach":
            return reach_screen(access, names, entry)
        case "honest":
            return honest_screen(access, entry)
        case "letin":
            return letin_screen(access, names, entry=entry)
        case _:  # every other kind has the form made from its fields
            return entry_screen(access, kind, names, entry)


def letin_screen(
    access: StoreAccess,
    names: Sequence[str],
    suggestion: ChosenSuggestion | None = None,
    entry: Entry | None = None,
    *,
    typed: LetInForm.Submitted | None = None,
    error: str = "",
) -> FormScreen:
    """Log letting someone in (prefilled with today's suggestion), or edit ``entry``;
    ``typed`` fills one in again after ``error``."""
    when = _starting_when(entry, typed)
    if typed is not None:
        form = LetInForm(names, text=typed.text, who=typed.who, when=when)
    elif entry is not None:
        form = LetInForm(names, text=entry.text or "", who=entry.who or "", when=when)
    elif suggestion is not None:
        form = LetInForm(names, text=suggestion.text, who=suggestion.who or "")
    else:
        form = LetInForm(names)

    def job_for(message: Form.Submitted, at: datetime | None) -> Job:
        assert isinstance(message, LetInForm.Submitted)
        text, who = message.text, message.who.strip() or None

        def job(store: Store) -> str:
            if entry is None:
                return store.add_letin(text, who, at=at).describe()
            return store.edit_entry(entry.id, text=text, who=who, **_at(at)).describe()

        return job

    def entry_for(message: Form.Submitted, at: datetime) -> Entry:
        assert isinstance(message, LetInForm.Submitted)
        return new_entry("letin", at, text=message.text, who=message.who.strip() or None)

    def reopen(message: Form.Submitted, error: str) -> FormScreen:
        assert isinstance(message, LetInForm.Submitted)
        return letin_screen(access, names, typed=message, error=error)

    title = "I let someone in"
    return _screen(access, title, form, job_for, entry, NewEntry(entry_for, reopen), error)


UPDATED = "updated "
"""How an edit of a person says what it saved ("updated Sam"), before the name."""


def updated_name(what: str) -> str | None:
    """The name an edit of a person saved them under, from what it said; else None."""
    return what.removeprefix(UPDATED) if what.startswith(UPDATED) else None


def person_screen(access: StoreAccess, person: Person | None = None) -> FormScreen:
    """Add someone, or change ``person``'s name, rhythm, trust, birthday and rest from them.

    The birthday is read by :func:`storage.when.parse_birthday` ("15 April") and the rest's
    last day by :func:`storage.when.parse_day` ("1 May", "3w") inside the save, so a
    mistake in either is shown in the form, with everything typed still there.
    """
    today = access.today()
    resting = person.resting_until if person is not None and person.rests_on(today) else None
    # Shown in words ("15 April", "1 May 2027"), which the save reads back to the same day.
    rest_shown = day_words(date.fromisoformat(resting)) if resting else ""
    form = (
        PersonForm()
        if person is None
        else PersonForm(
            name=person.name,
            cadence_days=person.cadence_days,
            trusted=person.trusted,
            birthday=birthday_words(person.birthday) if person.birthday else "",
            resting_until=rest_shown,
        )
    )

    def job_for(message: Form.Submitted, at: datetime | None) -> Job:
        assert isinstance(message, PersonForm.Submitted)
        name, cadence, trusted = message.name, message.cadence_days, message.trusted
        typed_birthday, typed_rest = message.birthday, message.resting_until

        def job(store: Store) -> str:
            birthday = parse_birthday(typed_birthday)
            until = None
            if typed_rest and typed_rest != rest_shown:
                until = parse_day(typed_rest, store.today()).isoformat()
            elif typed_rest:
                until = resting  # left as it was shown (even if that day is past by now)
            if person is None:
                added = store.add_person(
                    name, cadence, trusted, birthday=birthday, resting_until=until
                )
                return f"added {added.name}"
            new_name = name if name != person.name else None
            saved = store.update_person(
                person.name,
                new_name=new_name,
                cadence_days=cadence,
                trusted=trusted,
                birthday=birthday,
                resting_until=until,  # a rest already over goes too: it says nothing now
            )
            return f"{UPDATED}{saved.name}"

        return job

    title = "Add someone" if person is None else f"Edit {person.name}"
    return FormScreen(access, title, form, job_for, "Saved")


def idea_screen(access: StoreAccess, idea: Suggestion | None = None) -> FormScreen:
    """Add one of your own ideas, or change the words or effort of ``idea``."""
    form = IdeaForm() if idea is None else IdeaForm(text=idea.text, effort=idea.effort)

    def job_for(message: Form.Submitted, at: datetime | None) -> Job:
        assert isinstance(message, IdeaForm.Submitted)
        text, effort = message.text, message.effort

        def job(store: Store) -> str:
            if idea is None:
                return f"added to your ideas: {store.add_own_suggestion(text, effort).text}"
            return f"changed: {store.edit_own_suggestion(idea.text, text, effort).text}"

        return job

    title = "Add an idea of your own" if idea is None else "Change your idea"
    return FormScreen(access, title, form, job_for, "Saved")


def value_screen(
    access: StoreAccess, title: str, value: str, about: str, save: Callable[[Store, str], str]
) -> FormScreen:
    """Type a new value for one setting; ``save`` checks and writes it (and says what it
    did), or raises :class:`InvalidInput` with the line the form shows."""
    form = ValueForm(title, value, about)

    def job_for(message: Form.Submitted, at: datetime | None) -> Job:
        assert isinstance(message, ValueForm.Submitted)
        typed = message.value
        return lambda store: save(store, typed)

    return FormScreen(access, f"Change {title}", form, job_for, "Saved")
