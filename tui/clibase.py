"""The light pieces of the ``leanon`` command line, shared by its quick and whole paths.

Logging from a shell (``leanon reach Sam``) should not wait for Python to import argparse,
pathlib, typing, TinyDB or orjson, so this module imports only ``os`` and ``sys`` at the
top. :func:`quick` hands the everyday logging commands, typed in their plain forms, to
:mod:`storage.quick`, which adds the entry without reading the whole file when it can.
Everything else (and every case :mod:`storage.quick` declines, and every mistake) goes to
:mod:`tui.cli`, the whole command line, which gives the same results and messages. The
console script itself is :mod:`tui.entry`. Nothing here imports :mod:`tui.cli`.
"""

from __future__ import annotations

import os
import sys

from tui.grammar import COMMAND_TABLE, LOGGING

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any, TextIO

    from storage.clock import Clock
    from tui.grammar import Command

NOW_VAR = "LEANON_NOW"
"""Testing aid, deliberately left out of ``--help``: an ISO date-time with offset to use as now."""

EXIT_DATA, EXIT_INTERRUPTED = 1, 130


class UsageError(Exception):
    """A usage mistake; its text is the one line shown after ``leanon:``."""


class HelpShown(Exception):
    """``--help`` was printed: stop with this exit code."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class Args:
    """The parsed command line: filled by :func:`quick_args`, or by argparse as its namespace."""

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> Any:  # an attribute not set is missing, as in argparse
        raise AttributeError(name)

    def __repr__(self) -> str:
        return f"Args({', '.join(f'{k}={v!r}' for k, v in sorted(vars(self).items()))})"


if TYPE_CHECKING:
    _Positionals = tuple[tuple[str, str], ...]
    _Option = tuple[str, str | None, tuple[str, ...] | None]  # dest, default, choices
    _QuickSpec = tuple[_Positionals, dict[str, _Option], dict[str, str]]


def _quick_spec(command: Command) -> _QuickSpec:
    words = tuple((a.dest, a.nargs or "1") for a in command.args if not a.option)
    options = {
        a.name: (a.dest, a.default, a.choices) for a in command.args if a.option and not a.flag
    }
    flags = {a.name: a.dest for a in command.args if a.flag}
    return words, options, flags


_QUICK: dict[str, _QuickSpec] = {c.name: _quick_spec(c) for c in COMMAND_TABLE if c.quick}
"""The everyday commands :func:`quick_args` parses by hand, from :data:`COMMAND_TABLE`:
their words (dest and nargs: one, any number, at least one), options with a value (dest,
default, the only values it takes) and flags. argparse is built from the same table;
tests/test_cli.py checks that the two give the same namespace."""


def quick_args(args: Sequence[str]) -> Args | None:
    """Parse the plain, common forms of the everyday commands without argparse.

    ``leanon [--db PATH] reach Sam [--via call] [--note ...] [--at 2d]`` and the like give
    exactly the namespace argparse would. Anything else (help, a mistake, an option it
    does not know, ``--opt=value``, an abbreviation, a value starting with ``-``, words
    split by an option) returns None, and argparse parses it, with its messages.
    """
    values: dict[str, Any] = {"command": None, "db": None, "demo": False, "version": False}
    count, i = len(args), 0
    while i < count and args[i] == "--db":  # the only top-level option taken here
        if i + 1 >= count or args[i + 1].startswith("-"):
            return None
        values["db"] = args[i + 1]
        i += 2
    if i >= count:  # no command: the dashboard (or the status, piped), with nothing to parse
        return Args(**values)
    if args[i] not in _QUICK:
        return None
    command = values["command"] = args[i]
    positionals, options, flags = _QUICK[command]
    for dest, default, _ in options.values():
        values[dest] = default
    for dest in flags.values():
        values[dest] = False
    words: list[str] = []
    words_ended = False  # argparse has its own rules for words split by an option
    i += 1
    while i < count:
        arg = args[i]
        if not arg.startswith("-"):
            if words_ended:
                return None
            words.append(arg)
            i += 1
            continue
        if words:
            words_ended = True
        if arg in flags:
            values[flags[arg]] = True
            i += 1
            continue
        target = "db" if arg == "--db" else options[arg][0] if arg in options else None
        if target is None or i + 1 >= count or args[i + 1].startswith("-"):
            return None
        choices = options[arg][2] if arg in options else None
        if choices is not None and args[i + 1] not in choices:
            return None  # argparse names the choices
        values[target] = args[i + 1]  # given twice, the last one counts, as in argparse
        i += 2
    if not positionals:
        if words:
            return None
    elif positionals[0][1] == "?":  # people [NAME]: a name goes to argparse and the file
        if words:
            return None
        values[positionals[0][0]] = None
    elif positionals[0][1] == "1" and len(positionals) == 1:
        if len(words) != 1:
            return None
        values[positionals[0][0]] = words[0]
    elif positionals[0][1] == "1":  # then any number: SCORE [WORDS...]
        if not words:
            return None
        values[positionals[0][0]] = words[0]
        values[positionals[1][0]] = words[1:]
    else:  # at least one: TEXT...
        if not words:
            return None
        values[positionals[0][0]] = words
    return Args(**values)


# --------------------------------------------------------------------- what a log says


UNDO_HINT = "`leanon undo`"
"""How the command line names the way back, in what it says after an entry."""


def confirmation(said: str, when: str, kind: str) -> str:
    """The line a logging command prints first: "Logged: texted Sam, just now."."""
    from storage.fields import KIND_SPECS  # already loaded by the entry's checks

    after = KIND_SPECS[kind].after
    return f"Logged: {said}, {when}. {after}" if after else f"Logged: {said}, {when}."


def logged_lines(
    kind: str,
    said: str,
    when: str,
    typed: dict[str, Any],
    new_person: str | None = None,
    known: Sequence[str] = (),
) -> list[str]:
    """Everything a logging command prints, the same on the quick path and the whole way.

    Args:
        kind: the entry's kind.
        said: the entry in plain words ("texted Sam").
        when: when it happened, in words ("just now").
        typed: the fields as typed (an honest answer's score and words among them).
        new_person: the name of the person the entry added, if it added one.
        known: the people there were before it.
    """
    from storage.fields import KIND_SPECS, clean_score  # already loaded by the entry's checks

    line = confirmation(said, when, kind)
    if new_person is None:
        lines = [line]
    else:
        from storage.names import new_name_sentences

        new, *meant = new_name_sentences(new_person, known, UNDO_HINT)
        lines = [f"{line} {new}", *meant]
    if KIND_SPECS[kind].honest:
        lines += honest_lines(clean_score(typed["score"]), typed.get("text"))
    return lines


def honest_lines(score: int, words: str | None) -> list[str]:
    """What follows the confirmation of an honest answer: a warm line after a 1, or after
    words that were only a reflex ("fine") on a 2 to 4, that there is room for more."""
    from storage.phrases import honest_acknowledgement
    from storage.reflex import invites_more

    thanks = honest_acknowledgement(score)
    if thanks is not None:
        return [thanks]
    return [reflex_note(words)] if invites_more(score, words) else []


def reflex_note(words: str | None) -> str:
    """The gentle line after an answer that was only a reflex, in the dashboard's tone."""
    return (
        f"\"{words}\" is what we tell everyone. If there's a little more to it, there's room "
        f"for it: {UNDO_HINT} and log it again."
    )


# --------------------------------------------------------------------- the quick path


def _conflict_beside(db: str | None) -> bool:
    """Whether a sync tool left a conflict copy beside the data file (one folder listing)."""
    try:
        from storage.filesafe import conflict_copies

        return bool(conflict_copies(os.path.realpath(db_location(db))))
    except Exception:  # noqa: BLE001 - the whole command line will say what is wrong
        return False


def quick(args: Sequence[str], clock: Clock | None = None, out: TextIO | None = None) -> int | None:
    """Log a plain everyday entry the quick way; its exit code, or None to go the whole way.

    None means nothing was written: not a logging command in its plain form, a ``--at``
    (the whole command line reads those), something to complain about (the whole command
    line says it, with the same words), or a file :mod:`storage.quick` leaves to the store.
    """
    ns = quick_args(args)
    if ns is not None and _conflict_beside(ns.db):
        return None  # the whole command line merges the sync tool's copy first
    if ns is not None and ns.command in READS:
        return quick_read(ns, clock, out)
    if ns is None or ns.command not in LOGGING or ns.at is not None:
        return None
    from storage.quick import log_entry

    typed = typed_fields(ns)
    try:
        clock = clock or clock_from_env()
        path = db_location(ns.db)
        logged = log_entry(path, ns.command, clock.now(), **typed)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception:  # a mistake, or anything unexpected: nothing was written, and the
        return None  # whole command line runs it again and says what is wrong in one line
    if logged is None:
        return None
    lines = logged_lines(
        ns.command, logged.said, "just now", typed, logged.new_person, logged.known
    )
    say_logged(out if out is not None else sys.stdout, lines)
    return 0


READS = ("status", "people")
"""The reads :func:`quick_read` answers from the totals when they are of today."""


def quick_read(ns: Args, clock: Clock | None = None, out: TextIO | None = None) -> int | None:
    """``status`` and ``people`` from the totals beside the data file, if they belong to
    the file as it is now and are of today (:mod:`storage.totals`); else None, and the
    whole command line answers (and keeps new totals for the next time).
    """
    try:
        from storage import glance, totals

        clock = clock or clock_from_env()
        path = db_location(ns.db)
        real = os.path.realpath(path)
        if ns.command == "status" and locked_status(ns, real, out):
            return 0
        found = totals.fresh(real, now_ns=totals.fs_now_ns())
        now = clock.now()
        views = None if found is None else found.views
        if views is None or not glance.views_are_of(views, now):
            return None
        from storage.fields import as_text, json_visible, visible
        from storage.filesafe import place_problem

        problem = place_problem(real)
        if ns.command == "status":
            from storage.bars import status_output

            fmt = status_format(ns)
            if fmt is None:
                return None
            lines = [status_output(fmt, views["status"], now, os.path.abspath(path), ns.names)]
            lines[0] = lines[0].removesuffix("\n")
        elif ns.names:
            isatty = getattr(out or sys.stdout, "isatty", None)
            show = visible if callable(isatty) and isatty() else as_text
            lines = [show(name) for name in views["names"]]
        elif ns.json:
            lines = [json_visible(glance.dumps(views["people"]))]
        else:
            lines = [
                visible(line)
                for line in glance.people_lines(views["people"], visible, views["day"])
            ]
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception:  # anything unexpected: the whole command line reads the file itself
        return None
    if problem is not None:
        complain(sys.stderr, f"warning: {problem.warning}")
    stream = out if out is not None else sys.stdout
    try:
        stream.write("".join(line + "\n" for line in lines))
        stream.flush()
    except BrokenPipeError:
        silence_stdout(stream)
        return EXIT_DATA  # as the whole command line says it
    return 0


def locked_status(ns: Args, real: str, out: TextIO | None = None) -> bool:
    """When the data file is encrypted and its key locked, print what ``status`` says then
    (``locked``, in the format asked for; :func:`storage.bars.locked_output`) and return
    True. Never asks for the passphrase, nor runs ``$LEANON_PASSPHRASE_COMMAND``."""
    from storage import sealed

    if not sealed.locked(real, use_command=False):
        return False
    from storage.bars import locked_output

    fmt = status_format(ns) or "text"
    stream = out if out is not None else sys.stdout
    stream.write(locked_output(fmt, os.path.abspath(db_location(ns.db))))
    stream.flush()
    return True


def status_format(ns: Args) -> str | None:
    """The format ``status`` prints in: ``--format``, or ``json`` for ``--json``; None for
    a format leanon doesn't write, or ``--json`` beside another format (the whole command
    line says what is wrong)."""
    from tui.grammar import STATUS_FORMATS

    fmt = str(ns.format)
    if fmt not in STATUS_FORMATS or (ns.json and fmt not in ("text", "json")):
        return None
    return "json" if ns.json else fmt


def complain(err: TextIO, text: str) -> None:
    """Say one line on stderr after ``leanon:`` (a problem, or a warning)."""
    from storage.fields import visible

    line = visible(" ".join(text.split()))  # exactly one line, whatever was inside
    err.write(f"leanon: {line}\n")
    err.flush()


def say_logged(out: TextIO, lines: list[str]) -> None:
    """Print the confirmation of an entry already saved.

    A reader that went away (``leanon reach Sam | true``) does not undo the entry, so a
    closed pipe is no failure here: stdout goes quiet and the command still succeeds.
    """
    try:
        from storage.fields import visible  # already loaded by the entry's checks

        out.write("".join(visible(line) + "\n" for line in lines))
        out.flush()
    except BrokenPipeError:
        silence_stdout(out)


def silence_stdout(out: TextIO) -> None:
    """After a closed pipe (``leanon export | head``), stop Python's exit flush complaining."""
    if out is sys.stdout:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass


def clock_from_env() -> Clock:
    """``$LEANON_NOW`` as a fixed clock when set, else the system clock.

    Raises:
        ValueError: ``$LEANON_NOW`` is not an ISO date-time with its UTC offset.
    """
    from storage.clock import FixedClock, SystemClock

    fixed = os.environ.get(NOW_VAR, "").strip()
    if not fixed:
        return SystemClock()
    from datetime import datetime

    moment = datetime.fromisoformat(fixed)
    if moment.tzinfo is None:
        raise ValueError(f"{NOW_VAR} should be an ISO date-time with its UTC offset")
    return FixedClock(moment)


def typed_fields(ns: Args) -> dict[str, Any]:
    """What a logging command's words say, as the fields of a new entry (not yet checked).

    Each word or option of the command (:data:`tui.grammar.LOGGING`) fills the field its
    ``field`` names; several words are joined with spaces, and none give no value.
    """
    from storage.fields import KIND_SPECS

    command = LOGGING[ns.command]
    typed: dict[str, Any] = {}
    for arg in command.args:
        if arg.field is None:
            continue
        value = getattr(ns, arg.dest)
        if isinstance(value, list):
            value = " ".join(value).strip() or None
        typed[arg.field] = value
    return KIND_SPECS[str(command.kind)].typed(typed)


def db_location(given: str | None) -> str:
    """The data file: ``--db`` as given (``~`` expanded), else the default one.

    Raises:
        ValueError: ``--db`` was given empty.
    """
    from storage.paths import default_db_location

    if given is None:
        return default_db_location()
    if not given.strip():
        raise ValueError("--db needs the path of a data file")
    return os.path.expanduser(given)
