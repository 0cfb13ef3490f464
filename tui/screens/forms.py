"""The modal around each form: it saves through a worker and stays open until the save lands.

A failed save shows the error inside the form and keeps everything typed; Escape closes
without saving anything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from storage.records import Entry, Person
from storage.store import Store
from storage.suggest import ChosenSuggestion
from tui.screens.base import StorageScreen
from tui.storework import Board, Job, JobDone, JobFailed, StoreAccess
from widgets.forms import BelongForm, Form, HonestForm, LetInForm, PersonForm, ReachForm


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a form's save did, handed back to the screen that opened it."""

    what: str
    board: Board


JobFor = Callable[[Form.Submitted], Job]
"""Turns a form's ``Submitted`` message into the storage job that saves it."""


class FormScreen(StorageScreen[Outcome | None], ModalScreen[Outcome | None]):
    """A centred dialog holding one form."""

    DEFAULT_CSS = """
    FormScreen {
        align: center middle;
        background: $background 60%;
        & > #dialog {
            width: 72;
            max-width: 100%;
            height: auto;
            max-height: 100%;
            border: thick $primary;
            border-title-style: bold;
            background: $surface;
            padding: 0 1;
        }
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="form-cancel")]

    def __init__(
        self, access: StoreAccess, title: str, form: Form, job_for: JobFor, verb: str = "Logged"
    ) -> None:
        super().__init__(access)
        self.title_text = title
        self.form = form
        self.job_for = job_for
        self.verb = verb

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = self.title_text
            yield self.form

    @on(Form.Submitted)
    def _submitted(self, event: Form.Submitted) -> None:
        event.stop()
        self.form.show_error("")
        self.save(self.job_for(event))

    def on_job_done(self, event: JobDone) -> None:
        """Saved: say so and close."""
        self.app.notify(f"{self.verb}: {event.what}", timeout=4)
        self.dismiss(Outcome(event.what, event.board))

    def on_job_failed(self, event: JobFailed) -> None:
        """Not saved: show why; everything typed is still in the form."""
        self.form.show_error(str(event.error))
        self.app.notify(str(event.error), title="Not saved", severity="error", timeout=8)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; only y or Enter says yes."""

    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
        & > #dialog {
            width: 60;
            max-width: 100%;
            height: auto;
            border: thick $warning;
            background: $surface;
            padding: 1 2;
        }
        & .hint { color: $text-muted; margin-top: 1; }
    }
    """

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm-yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm-no"),
    ]

    def __init__(self, question: str, yes: str = "remove") -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question)
            yield Static(f"y {self.yes} · n keep it", classes="hint")

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)


# ------------------------------------------------------------------- the forms, ready to open


def reach_screen(
    access: StoreAccess, names: Sequence[str], entry: Entry | None = None
) -> FormScreen:
    """Log a reach-out, or edit ``entry``."""
    form = ReachForm(
        names,
        who=entry.who or "" if entry else "",
        via=entry.via or "text" if entry else "text",
        note=entry.note or "" if entry else "",
    )

    def job_for(message: Form.Submitted) -> Job:
        assert isinstance(message, ReachForm.Submitted)
        who, via, note = message.who, message.via, message.note

        def job(store: Store) -> str:
            if entry is None:
                return store.add_reach(who, via, note).describe()
            return store.edit_entry(entry.id, who=who, via=via, note=note).describe()

        return job

    title = "Reach out" if entry is None else "Edit reach-out"
    return FormScreen(access, title, form, job_for, "Logged" if entry is None else "Saved")


def honest_screen(access: StoreAccess, entry: Entry | None = None) -> FormScreen:
    """Answer "how are you, really?", or edit ``entry``."""
    form = (
        HonestForm()
        if entry is None
        else HonestForm(
            score=entry.score, words=entry.text or "", ask_reflex=False, reflex=entry.reflex
        )
    )

    def job_for(message: Form.Submitted) -> Job:
        assert isinstance(message, HonestForm.Submitted)
        score, words, reflex = message.score, message.words, message.reflex

        def job(store: Store) -> str:
            if entry is None:
                return store.add_honest(score, words, reflex=reflex).describe()
            return store.edit_entry(entry.id, score=score, text=words or None).describe()

        return job

    title = "How are you, really?"
    return FormScreen(access, title, form, job_for, "Logged" if entry is None else "Saved")


def belong_screen(access: StoreAccess, entry: Entry | None = None) -> FormScreen:
    """Note a moment of belonging, or edit ``entry``."""
    form = BelongForm(text=entry.text or "" if entry else "")

    def job_for(message: Form.Submitted) -> Job:
        assert isinstance(message, BelongForm.Submitted)
        text = message.text

        def job(store: Store) -> str:
            if entry is None:
                return store.add_belong(text).describe()
            return store.edit_entry(entry.id, text=text).describe()

        return job

    title = "A moment of belonging"
    return FormScreen(access, title, form, job_for, "Logged" if entry is None else "Saved")


def letin_screen(
    access: StoreAccess,
    names: Sequence[str],
    suggestion: ChosenSuggestion | None = None,
    entry: Entry | None = None,
) -> FormScreen:
    """Log letting someone in (prefilled with today's suggestion), or edit ``entry``."""
    if entry is not None:
        form = LetInForm(names, text=entry.text or "", who=entry.who or "")
    elif suggestion is not None:
        form = LetInForm(names, text=suggestion.text, who=suggestion.who or "")
    else:
        form = LetInForm(names)

    def job_for(message: Form.Submitted) -> Job:
        assert isinstance(message, LetInForm.Submitted)
        text, who = message.text, message.who.strip() or None

        def job(store: Store) -> str:
            if entry is None:
                return store.add_letin(text, who).describe()
            return store.edit_entry(entry.id, text=text, who=who).describe()

        return job

    title = "I let someone in"
    return FormScreen(access, title, form, job_for, "Logged" if entry is None else "Saved")


def person_screen(access: StoreAccess, person: Person | None = None) -> FormScreen:
    """Add someone, or change ``person``'s name, rhythm and trust."""
    form = (
        PersonForm()
        if person is None
        else PersonForm(name=person.name, cadence_days=person.cadence_days, trusted=person.trusted)
    )

    def job_for(message: Form.Submitted) -> Job:
        assert isinstance(message, PersonForm.Submitted)
        name, cadence, trusted = message.name, message.cadence_days, message.trusted

        def job(store: Store) -> str:
            if person is None:
                return f"added {store.add_person(name, cadence, trusted).name}"
            new_name = name if name != person.name else None
            saved = store.update_person(
                person.name, new_name=new_name, cadence_days=cadence, trusted=trusted
            )
            return f"updated {saved.name}"

        return job

    title = "Add someone" if person is None else f"Edit {person.name}"
    return FormScreen(access, title, form, job_for, "Saved")
