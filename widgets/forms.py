"""The small forms behind the keys: reach out, honest answer, belonging, let in, a person.

Each form is a widget that collects what was typed and posts a ``Submitted`` message; the
screen around it does the saving. A form never clears itself: if a save fails, the screen
calls :meth:`Form.show_error` and everything typed is still there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.highlighter import Highlighter
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.suggester import Suggester, SuggestFromList
from textual.widgets import Input, Static

from storage.fields import KIND_SPECS, Field, visible
from storage.records import EFFORTS, SCORE_WORDS
from storage.reflex import invites_more, is_reflex
from storage.when import BIRTHDAY_EXAMPLES
from widgets.pickers import ChoicePicker, ScoreScale, ViaPicker

FOLLOW_UP = (
    "That sounds like the answer we give everyone. If there's a little more to it, "
    "add it here; or press Enter to keep it as it is."
)
"""Asked once, gently, when the words were only a reflex ("fine", "ok", "not bad")."""

TRUST_CHOICES = ("not marked", "yes, trusted")
"""The two answers to "someone you trust?" on the person form."""

WHEN_EXAMPLES = "yesterday, 2d, 3h, 2026-11-24 18:30"
"""What the "when" field shows before anything is typed: the words ``--at`` takes."""

UNSHOWN_MARK = "\ufffd"
"""How a field draws a control or format character that has no picture of its own."""


class ShowControls(Highlighter):
    """Draws each control or format character in a field as one visible mark.

    A field holds the value exactly as stored (an edit saves what is there), so a name with
    an ESC in it, from the command line or an import, would reach the terminal raw. Escapes
    like ``\\x1b`` would take several cells for one character and put the cursor in the
    wrong place, so each such character is drawn as one cell instead: its control picture
    (``␛`` for ESC) or U+FFFD (``�``), reversed. Which characters count is
    :func:`storage.fields.visible`'s call.
    """

    def highlight(self, text: Text) -> None:
        plain = text.plain
        if plain.isprintable():
            return
        marks = [i for i, c in enumerate(plain) if visible(c) != c]
        if not marks:
            return
        chars = list(plain)
        for i in marks:
            chars[i] = _mark(chars[i])
        text.plain = "".join(chars)  # as long as before, so the styles stay where they were
        for i in marks:
            text.stylize("reverse", i, i + 1)


def _mark(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␀ to ␟
    return "\u2421" if code == 0x7F else UNSHOWN_MARK


def suggest_names(names: Sequence[str]) -> Suggester:
    """Autocomplete from ``names``, leaving out any that could not be drawn as they are.

    A suggestion is drawn raw after what was typed, and taking it types the name itself;
    a name with control characters is neither drawn nor offered (rename it on the people
    screen, where its field shows each such character as a mark).
    """
    return SuggestFromList([n for n in names if visible(n) == n], case_sensitive=False)


class FormField(Input):
    """One line of a form: Tab takes a suggested name before it moves on, and Enter saves
    the form with what is in its fields at that very key.

    Textual's Input takes a suggestion with → or End; the forms use Tab to go from field to
    field, so here Tab takes a suggestion that is shown, and moves to the next field when
    there is none. The suggested part is dim, italic and underlined, so it reads as not yet
    typed without colour too (``NO_COLOR``, a monochrome terminal).
    """

    DEFAULT_CSS = """
    FormField > .input--suggestion { text-style: dim italic underline; }
    """

    BINDINGS = [
        Binding(
            "tab",
            "accept_or_next",
            "Next",
            id="field-next",
            show=False,
            tooltip="Take the name suggested, or go to the next field",
        ),
    ]

    def action_accept_or_next(self) -> None:
        """Take the shown suggestion; with none, go to the next field."""
        before = self.value
        if self.cursor_at_end:
            self.action_cursor_right()  # Textual's own way to take a suggestion
        if len(self.value) > len(before):
            return
        if self.value != before:
            self.value = before  # a suggestion only in letter case is not taken unasked
        self.screen.focus_next()

    async def action_submit(self) -> None:
        """Enter: the form reads every field now, before any key typed after Enter lands.

        Outside a form (the welcome's names) it is Textual's own submit.
        """
        form = next((node for node in self.ancestors if isinstance(node, Form)), None)
        if form is None:
            await super().action_submit()
        else:
            form.submit()


def titled_input(
    title: str,
    *,
    value: str = "",
    placeholder: str = "",
    field_id: str | None = None,
    suggester: Suggester | None = None,
    restrict: str | None = None,
) -> Input:
    """An Input with its label in its border, to keep forms short on small terminals."""
    field = FormField(
        value=value,
        placeholder=placeholder,
        id=field_id,
        suggester=suggester,
        restrict=restrict,
        highlighter=ShowControls(),
    )
    field.border_title = title
    return field


class Form(Vertical):
    """The shared parts of every form: an error line, a hint, Enter to save."""

    DEFAULT_CSS = """
    Form {
        height: auto;
        & Input, & ChoicePicker, & ScoreScale {
            border: round $border-blurred;
            border-title-color: $text-muted;
            &:focus {
                border: round $border;
                border-title-color: $text;
            }
        }
        & .form-error {
            color: $text-error;
            text-style: bold;
            display: none;
            &.-shown { display: block; }
        }
        & .form-hint { color: $text-muted; }
        & #follow-up { color: $text-accent; text-style: italic; }
    }
    """

    BINDINGS = [Binding("enter", "submit", "Save", id="form-save", show=False)]

    HINT = "Enter save · Esc cancel"
    """The line under the fields."""

    class Submitted(Message):
        """Base of every form's ``Submitted``: a screen can listen for any form at once.

        ``when`` is what the "when" field held ("" when the form has none, or it was empty).
        """

        def __init__(self, form: Form) -> None:
            super().__init__()
            self.form = form
            self.when = form.when

        @property
        def control(self) -> Form:
            """The form that was submitted."""
            return self.form

    def __init__(self, *, when: str | None = None) -> None:
        super().__init__()
        self._when = when
        """The "when" field's first text ("" for now), or None for a form without one."""

    def compose_fields(self) -> ComposeResult:
        """The fields of this form."""
        yield from ()

    def compose(self) -> ComposeResult:
        yield from self.compose_fields()
        if self._when is not None:  # last, so the other fields keep their order
            yield titled_input(
                "When",
                value=self._when,
                placeholder=f"now, or {WHEN_EXAMPLES}",
                field_id="when",
            )
        yield Static("", classes="form-error")
        yield Static(self.HINT, classes="form-hint")

    @property
    def when(self) -> str:
        """What the "when" field holds, trimmed ("" without one)."""
        fields = self.query("#when")
        return fields.first(Input).value.strip() if fields else ""

    def show_error(self, text: str) -> None:
        """Show why the form could not be saved; what was typed stays."""
        error = self.query_one(".form-error", Static)
        error.update(Content(visible(text, keep_newlines=True)))  # errors can quote a name
        error.set_class(bool(text), "-shown")

    def action_submit(self) -> None:
        """Enter anywhere in the form (in a field, :meth:`FormField.action_submit` calls
        :meth:`submit` too)."""
        self.submit()

    def submit(self) -> None:
        """Check what was typed and post ``Submitted`` (subclasses)."""
        raise NotImplementedError


class ReachForm(Form):
    """Who, how, and an optional note. A new name is fine: it becomes a person."""

    class Submitted(Form.Submitted):
        """The reach-out to log."""

        def __init__(self, form: ReachForm, who: str, via: str, note: str) -> None:
            super().__init__(form)
            self.who = who
            self.via = via
            self.note = note

    def __init__(
        self,
        names: Sequence[str] = (),
        *,
        who: str = "",
        via: str = "text",
        note: str = "",
        when: str = "",
    ) -> None:
        super().__init__(when=when)
        self._names = list(names)
        self._who, self._via, self._note = who, via, note

    def compose_fields(self) -> ComposeResult:
        yield titled_input(
            "Who",
            value=self._who,
            placeholder="a name (Tab or → takes a suggestion)",
            field_id="who",
            suggester=suggest_names(self._names),
        )
        picker = ViaPicker(self._via)
        picker.border_title = "How  (←/→ or a letter)"
        yield picker
        yield titled_input("A note (optional)", value=self._note, field_id="note")

    def submit(self) -> None:
        who = self.query_one("#who", Input).value.strip()
        if not who:
            self.show_error("Who did you reach out to? A first name is plenty.")
            self.query_one("#who", Input).focus()
            return
        via = self.query_one(ViaPicker).via
        note = self.query_one("#note", Input).value
        self.post_message(self.Submitted(self, who, via, note))


class HonestForm(Form):
    """1-5 with honest words, then a sentence if you like.

    If the sentence is only a reflex ("fine"), the form asks once for a little more; the
    next Enter saves whatever is there, and the entry remembers the first answer was a reflex.
    """

    HINT = "1-5 pick · Enter save · Esc cancel"

    class Submitted(Form.Submitted):
        """The honest answer to log."""

        def __init__(self, form: HonestForm, score: int, words: str, reflex: bool) -> None:
            super().__init__(form)
            self.score = score
            self.words = words
            self.reflex = reflex

    def __init__(
        self,
        *,
        score: int | None = None,
        words: str = "",
        ask_reflex: bool = True,
        reflex: bool = False,
        when: str = "",
    ) -> None:
        super().__init__(when=when)
        self._score, self._words = score, words
        self.asked = not ask_reflex
        """Whether the gentle follow-up was already asked (it is asked at most once)."""
        self.reflex = reflex
        """Whether the first answer was a reflex."""

    def compose_fields(self) -> ComposeResult:
        scale = ScoreScale(self._score)
        scale.border_title = "Pick 1-5"
        yield scale
        yield titled_input(
            "In a sentence (optional)",
            value=self._words,
            placeholder="a few true words",
            field_id="words",
        )
        yield Static("", id="follow-up")

    @on(ScoreScale.Picked)
    def _picked(self, event: ScoreScale.Picked) -> None:
        self.show_error("")
        self.query_one("#words", Input).focus()

    def submit(self) -> None:
        score = self.query_one(ScoreScale).score
        words_input = self.query_one("#words", Input)
        if score is None:
            self.show_error(
                "Pick a number first: " + ", ".join(f"{k} {v}" for k, v in SCORE_WORDS.items())
            )
            self.query_one(ScoreScale).focus()
            return
        words = words_input.value
        if not self.asked and is_reflex(words):
            self.reflex = True  # a quick first answer, as the command line notes it too
        if not self.asked and invites_more(score, words):  # never on a 5 or a 1
            self.asked = True
            self.query_one("#follow-up", Static).update(FOLLOW_UP)
            words_input.focus()
            words_input.cursor_position = len(words_input.value)
            return
        self.post_message(self.Submitted(self, score, words, self.reflex))


class EntryForm(Form):
    """A form made from the table of kinds: one line for each field it asks for.

    Kinds without a form of their own (a moment of belonging, a kind added later) are logged
    and edited with it; each field's :class:`storage.fields.Ask` says how it is asked.
    """

    class Submitted(Form.Submitted):
        """The fields to log, as typed and trimmed; an empty optional field is None."""

        def __init__(self, form: EntryForm, values: dict[str, str | None]) -> None:
            super().__init__(form)
            self.values = values

    def __init__(
        self,
        kind: str,
        names: Sequence[str] = (),
        values: Mapping[str, str] | None = None,
        *,
        when: str = "",
    ) -> None:
        super().__init__(when=when)
        self.kind = kind
        self._names = list(names)
        self._values = dict(values or {})
        self._asked = [f for f in KIND_SPECS[kind].fields if f.ask is not None]

    def _box_id(self, field: Field) -> str:
        assert field.ask is not None
        return field.ask.widget_id or f"field-{field.name}"

    def compose_fields(self) -> ComposeResult:
        for field in self._asked:
            ask = field.ask
            assert ask is not None
            yield titled_input(
                ask.title,
                value=self._values.get(field.name, ""),
                placeholder=ask.placeholder,
                field_id=self._box_id(field),
                suggester=suggest_names(self._names) if ask.names else None,
            )

    def submit(self) -> None:
        values: dict[str, str | None] = {}
        for field in self._asked:
            box = self.query_one(f"#{self._box_id(field)}", Input)
            value = box.value.strip()
            if field.required and not value:
                assert field.ask is not None
                self.show_error(field.ask.missing)
                box.focus()
                return
            values[field.name] = value or None
        self.post_message(self.Submitted(self, values))


class LetInForm(Form):
    """What happened when you let someone in, and with whom if you like."""

    class Submitted(Form.Submitted):
        """The let-in to log."""

        def __init__(self, form: LetInForm, text: str, who: str) -> None:
            super().__init__(form)
            self.text = text
            self.who = who

    def __init__(
        self,
        names: Sequence[str] = (),
        *,
        text: str = "",
        who: str = "",
        when: str = "",
    ) -> None:
        super().__init__(when=when)
        self._names = list(names)
        self._text, self._who = text, who

    def compose_fields(self) -> ComposeResult:
        yield titled_input("What happened", value=self._text, field_id="what")
        yield titled_input(
            "With whom (optional)",
            value=self._who,
            field_id="with",
            suggester=suggest_names(self._names),
        )

    def submit(self) -> None:
        text = self.query_one("#what", Input).value.strip()
        if not text:
            self.show_error("What happened? A few words are enough.")
            self.query_one("#what", Input).focus()
            return
        self.post_message(self.Submitted(self, text, self.query_one("#with", Input).value))


class PersonForm(Form):
    """A person: name, how often you'd like to be in touch, whether you lean on them, their
    birthday, and a rest from them until a day."""

    class Submitted(Form.Submitted):
        """The person as typed (the birthday and the rest's last day as typed, unread: the
        screen reads them with :mod:`storage.when` and the store checks them)."""

        def __init__(
            self,
            form: PersonForm,
            name: str,
            cadence_days: int | None,
            trusted: bool,
            birthday: str = "",
            resting_until: str = "",
        ) -> None:
            super().__init__(form)
            self.name = name
            self.cadence_days = cadence_days
            self.trusted = trusted
            self.birthday = birthday
            self.resting_until = resting_until

    def __init__(
        self,
        *,
        name: str = "",
        cadence_days: int | None = None,
        trusted: bool = False,
        birthday: str = "",
        resting_until: str = "",
    ) -> None:
        super().__init__()
        self._initial = (name, cadence_days, trusted)
        self._more = (birthday, resting_until)

    def compose_fields(self) -> ComposeResult:
        yield titled_input("Name", value=self._initial[0], field_id="name")
        yield titled_input(
            "In touch every N days (optional)",
            value=str(self._initial[1] or ""),
            placeholder="e.g. 7; empty for no rhythm",
            field_id="cadence",
            restrict=r"\d{0,4}",
        )
        trust = ChoicePicker(TRUST_CHOICES, TRUST_CHOICES[1] if self._initial[2] else None)
        trust.border_title = "Someone you trust?  (←/→)"
        yield trust
        yield titled_input(
            "Birthday (optional)",
            value=self._more[0],
            placeholder=f"e.g. {BIRTHDAY_EXAMPLES}",
            field_id="birthday",
        )
        yield titled_input(
            "Resting from them until (optional)",
            value=self._more[1],
            placeholder="e.g. 1 May, 3w; no reminders until then; empty for none",
            field_id="resting",
        )

    def submit(self) -> None:
        name = self.query_one("#name", Input).value.strip()
        if not name:
            self.show_error("A name, please.")
            self.query_one("#name", Input).focus()
            return
        raw = self.query_one("#cadence", Input).value.strip()
        cadence = int(raw) if raw else None
        trusted = self.query_one(ChoicePicker).value == TRUST_CHOICES[1]
        birthday = self.query_one("#birthday", Input).value.strip()
        resting = self.query_one("#resting", Input).value.strip()
        self.post_message(self.Submitted(self, name, cadence, trusted, birthday, resting))


class IdeaForm(Form):
    """One of your own ideas for letting someone in: its words and how big a step it is."""

    class Submitted(Form.Submitted):
        """The idea as typed."""

        def __init__(self, form: IdeaForm, text: str, effort: str) -> None:
            super().__init__(form)
            self.text = text
            self.effort = effort

    def __init__(self, *, text: str = "", effort: str = "small") -> None:
        super().__init__()
        self._initial = (text, effort)

    def compose_fields(self) -> ComposeResult:
        yield titled_input(
            "Your idea",
            value=self._initial[0],
            placeholder="e.g. Ask {who} to come along to the market",
            field_id="idea",
        )
        effort = ChoicePicker(EFFORTS, self._initial[1])
        effort.border_title = "How big a step?  (←/→)"
        yield effort
        yield Static(
            "{who} in the words is where a trusted person's name goes.", classes="form-hint"
        )

    def submit(self) -> None:
        text = self.query_one("#idea", Input).value.strip()
        if not text:
            self.show_error("A few words for the idea, please.")
            self.query_one("#idea", Input).focus()
            return
        self.post_message(self.Submitted(self, text, self.query_one(ChoicePicker).value))


class ValueForm(Form):
    """One setting's new value, typed, with a word on what it takes."""

    class Submitted(Form.Submitted):
        """The value as typed."""

        def __init__(self, form: ValueForm, value: str) -> None:
            super().__init__(form)
            self.value = value

    def __init__(self, title: str, value: str, about: str) -> None:
        super().__init__()
        self._title, self._value, self._about = title, value, about

    def compose_fields(self) -> ComposeResult:
        yield Static(self._about, classes="form-hint")
        yield titled_input(self._title, value=self._value, field_id="value")

    def submit(self) -> None:
        self.post_message(self.Submitted(self, self.query_one("#value", Input).value.strip()))
