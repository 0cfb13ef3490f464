"""``leanon status --format FORMAT``: where things stand, in the shape a status bar reads.

Each format is a pure renderer of the status view (:func:`storage.glance.status_view`), so
the quick read from the totals (:func:`tui.clibase.quick_read`) and the whole command line
(:mod:`tui.cli`) print the very same bytes. Like :mod:`storage.glance` it imports nothing
heavier than ``datetime``: a bar runs it every few seconds.

Status bars are seen by others (a shared screen, a screenshot), so by default the output
holds counts and streaks only; ``names`` adds the names of the people it has been a while
with, and whom the last reach-out was to. Notes and honest words are never in it. Text from
the file is shown through :func:`storage.fields.visible`, then escaped for the bar's own
markup where it has one (waybar's and i3status-rust's Pango, polybar's ``%{`` tags).

The consumers and the rules each format keeps:

* ``line``: one line, for tmux ``#(leanon status --format line)``, prompts and scripts.
* ``waybar``: one line of JSON with ``text``, ``tooltip`` (lines joined by ``\\n``),
  ``class`` and ``alt`` (waybar-custom(5), ``return-type: json``).
* ``i3blocks``: the full text, the short text and, when someone is past their rhythm, a
  colour, one a line (i3blocks(1)); the exit code is always 0, never 33 ("urgent").
* ``i3status-rust``: one line of JSON with ``icon``, ``state``, ``text`` and
  ``short_text`` (its ``custom`` block with ``json = true``); ``state`` is one of
  ``Idle``, ``Info`` and ``Good``, never ``Warning`` or ``Critical``: nothing here is
  an emergency.
* ``polybar``: one newline-terminated line (its ``custom/script`` module).
"""

from __future__ import annotations

from storage.fields import visible
from storage.glance import dumps
from storage.phrases import and_list, plural

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from datetime import datetime
    from typing import Any

BAR_FORMATS = ("line", "waybar", "i3blocks", "i3status-rust", "polybar")
"""The formats this module writes (``text`` and ``json`` are :mod:`storage.glance`'s)."""

DUE_COLOUR = "#D7AF5F"
"""i3blocks' colour when someone is past their rhythm: a soft amber, not an alarm red."""

NAMES_SHOWN = 3
"""At most this many names in a bar; the rest are counted ("Sam, Ana, Bea +2")."""

NOTHING_YET = "nothing logged yet"
"""The bar's text before anything is logged."""


def mood(view: dict[str, Any]) -> str:
    """One word for the bar's styling: ``empty`` (nothing logged), ``due`` (someone is past
    their rhythm), ``running`` (a connection streak is alive), else ``open``.

    It is waybar's ``class`` and ``alt``, so a stylesheet can colour ``due`` softly.
    """
    if not any(view["counts"].values()):
        return "empty"
    if view["overdue"]:
        return "due"
    if not view["show_streaks"]:
        return "open"
    return "running" if view["streaks"]["connection"]["current"] else "open"


def _count(streak: dict[str, int], runs: bool = True) -> str:
    """A streak in three or four characters: "3d" for a run of 3 days, else (or with
    streaks hidden, ``runs`` false) "2/7" for the days among the last 7."""
    if streak["current"] and runs:
        return f"{streak['current']}d"
    return f"{streak['last_7']}/7"


def _due(view: dict[str, Any], names: bool) -> str:
    overdue = view["overdue"]
    if not names:
        return f"{len(overdue)} due"
    shown = [visible(o["who"]) for o in overdue[:NAMES_SHOWN]]
    more = len(overdue) - NAMES_SHOWN
    return "due: " + ", ".join(shown) + (f" +{more}" if more > 0 else "")


def bar_text(view: dict[str, Any], names: bool = False) -> str:
    """The full text: "3d connection · 5/7 honest · 1 due"."""
    if mood(view) == "empty":
        return NOTHING_YET
    streaks, runs = view["streaks"], view["show_streaks"]
    parts = [
        f"{_count(streaks['connection'], runs)} connection",
        f"{_count(streaks['honest'], runs)} honest",
    ]
    if view["overdue"]:
        parts.append(_due(view, names))
    return " · ".join(parts)


def bar_short(view: dict[str, Any]) -> str:
    """The short text, for a crowded bar: "3d · 5/7 · 1 due" (never names)."""
    if mood(view) == "empty":
        return NOTHING_YET
    streaks, runs = view["streaks"], view["show_streaks"]
    parts = [_count(streaks["connection"], runs), _count(streaks["honest"], runs)]
    if view["overdue"]:
        parts.append(f"{len(view['overdue'])} due")
    return " · ".join(parts)


def tooltip_lines(view: dict[str, Any], now: datetime, names: bool = False) -> list[str]:
    """The longer story, for a tooltip: the last reach-out, both streaks, how many
    people it has been a while with and how many birthdays the coming week holds (whom
    and whose, with ``names``)."""
    if mood(view) == "empty":
        return ["Nothing logged yet. A short text to someone counts: leanon reach NAME"]
    from storage import glance

    lines = glance.head_lines(view, now, names)
    overdue = view["overdue"]
    if overdue and names:
        shown = [f"{o['who']} ({plural(o['days_since'], 'day')})" for o in overdue]
        lines.append(f"It's been a while with {and_list(shown)}.")
    elif overdue:
        lines.append(f"It's been a while with {plural(len(overdue), 'person', 'people')}.")
    birthdays = view["birthdays"]
    if birthdays and names:
        lines.extend(glance.birthday_lines(view))
    elif birthdays:  # whose, only with names: a bar is seen by others
        lines.append(f"{plural(len(birthdays), 'birthday')} in the coming week.")
    return [visible(line) for line in lines]


def pango(text: str) -> str:
    """``text`` with Pango markup's three special characters escaped, so a name is shown
    as written, never read as markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def one_line_json(value: dict[str, Any]) -> str:
    """A JSON object on one line, as bars read it (``json.dumps(value, ensure_ascii=False,
    separators=(",", ":"))``): keys and values of strings, numbers, lists or None."""
    return "{" + ",".join(f"{dumps(key)}:{dumps(item)}" for key, item in value.items()) + "}"


def status_output(
    fmt: str, view: dict[str, Any], now: datetime, file: str, names: bool = False
) -> str:
    """Everything ``status --format FMT`` prints, newlines included: the plain lines
    (``text``), the JSON contract (``json``) or a bar's format (:func:`render`)."""
    from storage import glance

    if fmt == "text":
        return "".join(visible(line) + "\n" for line in glance.status_lines(view, now))
    if fmt == "json":
        from storage.fields import json_visible

        return json_visible(dumps(glance.status_json(view, now, file))) + "\n"
    return render(fmt, view, now, names)


LOCKED = "locked"
"""What a bar shows while the data file is encrypted and its key is locked."""


def locked_output(fmt: str, file: str) -> str:
    """What ``status --format FMT`` prints while the data file is encrypted and locked: a
    bar never asks for the passphrase, it only says so (``leanon unlock`` opens it)."""
    said = "leanon is locked: leanon unlock opens it"
    if fmt == "text":
        return said + "\n"
    if fmt == "json":
        from storage.fields import json_visible

        return json_visible(one_line_json({"locked": True, "file": file})) + "\n"
    if fmt in ("line", "polybar"):
        return LOCKED + "\n"
    if fmt == "i3blocks":
        return f"{LOCKED}\n{LOCKED}\n"
    if fmt == "waybar":
        fields = {"text": LOCKED, "tooltip": said, "class": LOCKED, "alt": LOCKED}
        return one_line_json(fields) + "\n"
    if fmt == "i3status-rust":
        fields = {"icon": "", "state": "Idle", "text": LOCKED, "short_text": LOCKED}
        return one_line_json(fields) + "\n"
    raise ValueError(f"'{fmt}' is not a status format")


def render(fmt: str, view: dict[str, Any], now: datetime, names: bool = False) -> str:
    """What ``status --format FMT`` prints, with its final newline.

    Names are shown with ``names``, or when the person said so in their settings
    (``names_in_bars``).

    Raises:
        ValueError: ``fmt`` is not one of :data:`BAR_FORMATS`.
    """
    names = names or view["bar_names"]
    if fmt == "line":
        return bar_text(view, names) + "\n"
    if fmt == "polybar":
        # %{...} is a polybar tag (%{A:cmd:} even runs a command on click): a name holding
        # one is shown with a full-width percent sign instead.
        return bar_text(view, names).replace("%", "\uff05") + "\n"
    if fmt == "i3blocks":
        lines = [bar_text(view, names), bar_short(view)]
        if mood(view) == "due":
            lines.append(DUE_COLOUR)
        return "".join(line + "\n" for line in lines)
    if fmt == "waybar":
        kind = mood(view)
        return (
            one_line_json(
                {
                    "text": pango(bar_text(view, names)),
                    "tooltip": pango("\n".join(tooltip_lines(view, now, names))),
                    "class": kind,
                    "alt": kind,
                }
            )
            + "\n"
        )
    if fmt == "i3status-rust":
        state = {"due": "Info", "running": "Good"}.get(mood(view), "Idle")
        return (
            one_line_json(
                {
                    "icon": "",
                    "state": state,
                    "text": pango(bar_text(view, names)),
                    "short_text": pango(bar_short(view)),
                }
            )
            + "\n"
        )
    raise ValueError(f"'{fmt}' is not a bar format")
