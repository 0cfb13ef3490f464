"""Small keyboard pickers used by the forms: how you reached out, and an honest 1-5."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from storage.records import SCORE_WORDS, VIAS


class ChoicePicker(Widget, can_focus=True):
    """Pick one of a few words with left/right or a first letter.

    The chosen one is bracketed as well as highlighted, so it reads without colour.
    """

    DEFAULT_CSS = """
    ChoicePicker {
        height: auto;
        padding: 0 1;
        border: tall $border-blurred;
        &:focus { border: tall $border; }
    }
    """

    BINDINGS = [
        Binding("left", "cycle(-1)", "Previous", id="choice-previous", show=False),
        Binding("right", "cycle(1)", "Next", id="choice-next", show=False),
    ]

    value: reactive[str] = reactive("")
    """The chosen word."""

    class Changed(Message):
        """The choice changed."""

        def __init__(self, picker: ChoicePicker, value: str) -> None:
            super().__init__()
            self.picker = picker
            self.value = value

        @property
        def control(self) -> ChoicePicker:
            """The picker that changed."""
            return self.picker

    def __init__(
        self,
        options: Sequence[str],
        value: str | None = None,
        *,
        labels: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.options = tuple(options)
        self.labels = dict(labels or {})
        """How an option is shown, when not as itself ("let in" for "letin")."""
        self.set_reactive(ChoicePicker.value, value if value in self.options else self.options[0])

    def render(self) -> Content:
        """Every option on one line (wrapping if narrow), the chosen one in brackets."""
        parts: list[Content | str | tuple[str, str]] = []
        for option in self.options:
            label = self.labels.get(option, option)
            if option == self.value:
                parts.append((f"[{label}]", "bold reverse $text-accent"))
            else:
                parts.append((f" {label} ", "$text-muted"))
        return Content.assemble(*parts)

    def watch_value(self, value: str) -> None:
        """Tell the form."""
        self.post_message(self.Changed(self, value))

    def action_cycle(self, step: int) -> None:
        """Move to the previous or next option, wrapping round."""
        index = self.options.index(self.value) if self.value in self.options else 0
        self.value = self.options[(index + step) % len(self.options)]

    def on_key(self, event: events.Key) -> None:
        """A letter jumps to the next option starting with it ("v": voice, video, visit).

        Every other letter or digit is swallowed, so a stray "q" in a form never quits.
        """
        char = (event.character or "").lower()
        if len(char) != 1 or not char.isalnum():
            return
        event.stop()
        start = self.options.index(self.value) if self.value in self.options else -1
        for step in range(1, len(self.options) + 1):
            candidate = self.options[(start + step) % len(self.options)]
            if self.labels.get(candidate, candidate).lower().startswith(char):
                self.value = candidate
                return


class ViaPicker(ChoicePicker):
    """How a person reached out: one of :data:`~storage.records.VIAS`."""

    def __init__(self, via: str = "text") -> None:
        super().__init__(VIAS, via)

    @property
    def via(self) -> str:
        """The chosen way."""
        return self.value


class ScoreScale(Widget, can_focus=True):
    """The honest 1-5 scale with a word for each step; digits pick, up/down move.

    The chosen step carries a pointer and bold as well as colour.
    """

    DEFAULT_CSS = """
    ScoreScale {
        height: auto;
        padding: 0 1;
        border: tall $border-blurred;
        &:focus { border: tall $border; }
    }
    """

    BINDINGS = [
        Binding("up", "move(-1)", "Lower", id="score-lower", show=False),
        Binding("down", "move(1)", "Higher", id="score-higher", show=False),
    ]

    score: reactive[int | None] = reactive(None)
    """The chosen step, or None before one is picked."""

    class Picked(Message):
        """A score was picked with a digit (the form moves on to the words)."""

        def __init__(self, scale: ScoreScale, score: int) -> None:
            super().__init__()
            self.scale = scale
            self.score = score

        @property
        def control(self) -> ScoreScale:
            """The scale that was used."""
            return self.scale

    def __init__(self, score: int | None = None) -> None:
        super().__init__()
        self.set_reactive(ScoreScale.score, score)

    def render(self) -> Content:
        """One line per step: pointer, number, honest word."""
        lines = []
        for step, word in SCORE_WORDS.items():
            if step == self.score:
                lines.append(
                    Content.assemble(
                        ("▸ ", "bold $text-accent"), (f"{step}  {word}", "bold reverse")
                    )
                )
            else:
                lines.append(Content.assemble("  ", (str(step), "bold"), f"  {word}"))
        return Content("\n").join(lines)

    def action_move(self, step: int) -> None:
        """Move the choice down or up the scale."""
        if self.score is None:
            self.score = 1 if step > 0 else 5
        else:
            self.score = max(1, min(5, self.score + step))

    def on_key(self, event: events.Key) -> None:
        """1-5 pick a step and hand over to the words; other letters and digits are swallowed,
        so a stray "q" in a form never quits."""
        char = event.character or ""
        if len(char) != 1 or not char.isalnum():
            return
        event.stop()
        if char in "12345":
            self.score = int(char)
            self.post_message(self.Picked(self, self.score))
