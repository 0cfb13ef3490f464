"""The ``leanon`` command: log in one line, see where things stand, export, import, check.

A bare ``leanon`` opens the dashboard. Everything else works without Textual, which is
imported only inside :func:`_dashboard`, so logging a reach-out from a shell stays quick.
For the same reason the everyday commands are parsed by hand (:func:`_quick_args`) and
argparse (:mod:`tui.cliparse`) is imported only for help, the other commands and mistakes.

Exit codes: 0 done; 1 a problem with the data file (or something unexpected); 2 a usage
or input mistake, always with one line on stderr saying what was wrong; 130 interrupted.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from storage.errors import DataFileError, InvalidInput, LeanonError, NotFound
from storage.fields import as_text, json_visible, visible
from storage.phrases import plural
from storage.records import VIAS
from storage.sealed import PASSPHRASE_COMMAND_VAR
from tui import clicrypt
from tui.clibase import (
    NOW_VAR,
    UNDO_HINT,
    HelpShown,
    UsageError,
    clock_from_env,
    complain,
    db_location,
    locked_status,
    logged_lines,
    quick,
    say_logged,
    silence_stdout,
    status_format,
    typed_fields,
)
from tui.clibase import Args as _Args
from tui.clibase import quick_args as _quick_args
from tui.grammar import (
    COMMAND_TABLE,
    COMPLETIONS,
    DB,
    LOGGING,
    SHELLS,
    Arg,
    Command,
    options_of,
)

if TYPE_CHECKING:
    from storage.clock import Clock
    from storage.store import Store

FALLBACK_VERSION = "0.1.0"
"""Shown by ``--version`` when the package metadata is not installed (running from a checkout)."""

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


# --------------------------------------------------------------------- argument parsing


class _Command:
    """One subcommand: its help line and the function that runs it."""

    __slots__ = ("help", "name", "run")

    def __init__(self, name: str, help_text: str, run: Callable[[_Context, _Args], int]) -> None:
        self.name = name
        self.help = help_text
        self.run = run


def _parse_args(args: list[str], out: TextIO) -> _Args:
    """Everything :func:`_quick_args` leaves alone, through argparse."""
    from tui.cliparse import build_parser

    parser = build_parser(out, only=_command_in(args))
    ns, extras = parser.parse_known_args(args, namespace=_Args())
    if extras:
        raise UsageError(_extras_message(ns.command, extras))
    return ns


def build_parser(out: TextIO | None = None, only: str | None = None) -> Any:
    """The argparse parser of the whole command line (see :mod:`tui.cliparse`)."""
    from tui.cliparse import build_parser as build

    return build(out, only)


# --------------------------------------------------------------------- running


class _Context:
    """What every command needs: where to write, the clock, and the data file."""

    def __init__(self, out: TextIO, err: TextIO, clock: Clock, db: Path, db_given: bool) -> None:
        self.out = out
        self.err = err
        self.clock = clock
        self.db = db
        self.db_given = db_given

    def say(self, line: str = "") -> None:
        """Print one line; control characters in names and notes are shown, not obeyed."""
        self.out.write(visible(line) + "\n")

    @contextmanager
    def store(self, *, reading: bool = False) -> Iterator[Store]:
        """The data file, opened and checked. ``reading``: a command that only reads it,
        so a folder where leanon would refuse to save is a warning on stderr, not an error."""
        from storage.store import Store

        with Store.open(self.db, self.clock) as store:
            if reading:
                self.warn_place()
            yield store

    def warn_place(self) -> None:
        """Say, once, on stderr, why the next save would be refused (see filesafe.check_place)."""
        from storage.filesafe import place_problem, real_path

        problem = place_problem(real_path(self.db))
        if problem is not None:
            _complain(self.err, f"warning: {problem.warning}")

    def when(self, text: str | None, store: Store) -> datetime | None:
        if text is None:
            return None
        from storage.when import parse_when

        return parse_when(text, self.clock.now(), day_starts_at=store.settings.day_starts_at)


def main(
    argv: Sequence[str] | None = None,
    *,
    clock: Clock | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the ``leanon`` command line and return its exit code.

    Args:
        argv: the arguments after ``leanon`` (default: ``sys.argv[1:]``).
        clock: where now comes from (default: ``$LEANON_NOW`` if set, else the system clock).
        stdout: where output goes (default: ``sys.stdout``).
        stderr: where the one-line error goes (default: ``sys.stderr``).
    """
    args = list(sys.argv[1:] if argv is None else argv)
    code = quick(args, clock, stdout)
    if code is not None:
        return code
    return full_main(args, clock=clock, stdout=stdout, stderr=stderr)


def full_main(
    args: Sequence[str],
    *,
    clock: Clock | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """:func:`main` without the quick path (:func:`tui.clibase.quick`), which already declined."""
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    for stream in (out, err):  # a path in bytes the locale cannot show is no crash
        if stream in (sys.stdout, sys.stderr) and hasattr(stream, "reconfigure"):
            with suppress(ValueError, OSError):
                stream.reconfigure(errors="backslashreplace")
    args = list(args)
    try:
        return _run(args, clock, out, err)
    except HelpShown as done:
        return done.code
    except UsageError as exc:
        _complain(err, str(exc))
        return EXIT_USAGE
    except (InvalidInput, NotFound) as exc:
        _complain(err, _sentence_tail(exc))
        return EXIT_USAGE
    except DataFileError as exc:
        _complain(err, exc.message)
        return EXIT_DATA
    except LeanonError as exc:
        _complain(err, str(exc))
        return EXIT_DATA
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        silence_stdout(out)
        return EXIT_DATA
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        _complain(err, f"could not use{where}: {exc.strerror or type(exc).__name__}")
        return EXIT_DATA
    except Exception as exc:  # the promise is: never a traceback
        _complain(err, f"something went wrong ({type(exc).__name__}); nothing was changed")
        return EXIT_DATA


def _run(args: list[str], clock: Clock | None, out: TextIO, err: TextIO) -> int:
    ns = _quick_args(args) or _parse_args(args, out)
    if ns.version:
        out.write(f"leanon {_version()}\n")
        return EXIT_OK
    ctx = _Context(out=out, err=err, clock=clock or _clock_from_env(), db=Path(), db_given=False)
    ctx.db, ctx.db_given = _db_path(ns.db)
    if ns.demo:
        if ns.command:
            raise UsageError("--demo opens the dashboard; use it without a command")
        return _dashboard(ctx, demo=True)
    if ns.command is None:
        return _bare(ctx)
    if ns.command not in NO_MERGE:
        _merge_copies(ctx, getattr(ns, "file", None) if ns.command == "import" else None)
    return COMMANDS[ns.command].run(ctx, ns)


NO_MERGE = ("doctor", "completion", "review", "unlock", "lock")
"""Commands that leave a sync tool's conflict copy where it is: the doctor only looks, and
the dashboard merges it itself (and says so on its screen)."""


def _merge_copies(ctx: _Context, importing: str | None = None) -> None:
    """Merge any sync-conflict copy beside the data file before the command runs, and say
    so on stderr (stdout may be a status bar's or a pipe's) in one line each. A copy that
    is the file being imported is left to the import."""
    from storage import sealed
    from storage.filesafe import conflict_copies, real_path

    copies = conflict_copies(real_path(ctx.db))
    if copies and sealed.locked(real_path(ctx.db), use_command=False):
        return  # merged once the file is unlocked; a locked status bar only says "locked"
    if importing is not None:
        given = os.path.realpath(Path(importing).expanduser())
        copies = [c for c in copies if os.path.realpath(c) != given]
    if not copies:
        return
    from storage.conflicts import merge_copies

    try:
        with ctx.store() as store:
            outcomes = merge_copies(store, copies)
    except DataFileError:
        raise
    except LeanonError as exc:  # an unsafe folder, a full disk: the command still runs
        _complain(ctx.err, f"a sync tool's copy beside the data file wasn't merged: {exc}")
        return
    for outcome in outcomes:
        ctx.err.write(visible(outcome.line()) + "\n")


def _command_in(args: Sequence[str]) -> str | None:
    """The subcommand named in ``args`` when it is a known one and no top-level help comes first."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--db":
            skip = True
        elif arg in ("-h", "--help", "--"):
            return None
        elif not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def _extras_message(command: str | None, extras: list[str]) -> str:
    from storage.typos import did_you_mean

    first = extras[0]
    where = f"leanon {command}" if command else "leanon"
    if first.startswith("-"):
        hint = did_you_mean(first.split("=", 1)[0], options_of(command))
        return f"{where} has no option {first}; {hint or f'see {where} --help'}"
    if command == "reach" and first.lower() in VIAS:
        return f"to say how, use --via {first.lower()}; for a name with spaces, use quotes"
    if command == "reach":
        return "reach takes one name; for a name with spaces, use quotes: leanon reach 'Jo Ellis'"
    return f"{where} doesn't take '{first}'; see {where} --help"


def _db_path(given: str | None) -> tuple[Path, bool]:
    try:
        return Path(db_location(given)), given is not None
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _clock_from_env() -> Clock:
    try:
        return clock_from_env()
    except ValueError:
        raise UsageError(f"{NOW_VAR} should be an ISO date-time with its UTC offset") from None


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("leanon")
    except Exception:  # not installed, or broken metadata: use the constant
        return FALLBACK_VERSION


_complain = complain


def _sentence_tail(exc: BaseException) -> str:
    from storage.transfer import plain

    said = plain(exc)
    return said if said.endswith(("?", "!", ".")) else said + "."


# --------------------------------------------------------------------- words


def _day_name(day: date, today: date) -> str:
    from storage.clock import day_name

    text = day_name(day)
    return text.removesuffix(f" {today.year}")


def _logged_when(store: Store, at: datetime) -> str:
    """When a just-logged entry happened: "just now", or "2 days ago (Thursday 26 November)"."""
    from storage.clock import logical_day
    from storage.phrases import ago

    now = store.now()
    starts = store.settings.day_starts_at  # one look at the file, not one per day_of()
    phrase = ago(at, now, starts)
    day, today = logical_day(at, starts), logical_day(now, starts)
    if day == today:
        return phrase
    return f"{phrase} ({_day_name(day, today)})"


# --------------------------------------------------------------------- logging commands


def _cmd_log(ctx: _Context, ns: _Args) -> int:
    """Every command of :data:`tui.grammar.LOGGING`: one new entry, confirmed in one line."""
    typed = typed_fields(ns)
    with ctx.store() as store:
        at = ctx.when(ns.at, store)
        known = [p.name for p in store.people()] if typed.get("who") else []
        entry = store.add(ns.command, at=at, **typed)
        try:
            from storage.names import new_name

            when = _logged_when(store, entry.at)
            new = new_name(entry.who, known)
            lines = logged_lines(entry.kind, entry.describe(), when, typed, new, known)
        except Exception:  # the entry is saved: never report a failure for it
            lines = [f"Logged: {entry.describe()}."]
    say_logged(ctx.out, lines)
    return EXIT_OK


def _cmd_undo(ctx: _Context, ns: _Args) -> int:
    with ctx.store() as store:
        undone = store.undo() if store.exists else None
    ctx.say(f"Undone: {undone}." if undone else "Nothing to undo.")
    return EXIT_OK


# --------------------------------------------------------------------- status and people


def _views(ctx: _Context, now: datetime) -> dict[str, Any]:
    """What ``status`` and ``people`` print on ``now``'s day (storage.glance): from the
    totals when they belong to the file as it is, else from the whole file."""
    from storage.tally import read_views, store_views

    views = read_views(ctx.db, now)
    if views is not None:
        ctx.warn_place()
        return views
    with ctx.store(reading=True) as store:
        return store_views(store)


_STATUS = _Args(json=False, format="text", names=False)
"""``status`` as a bare ``leanon`` runs it when its output is not a terminal."""


def _cmd_status(ctx: _Context, ns: _Args) -> int:
    from storage.bars import status_output

    fmt = status_format(ns)
    if fmt is None:
        raise UsageError(f"--json and --format {ns.format} ask for two things; give one of them")
    if locked_status(ns, os.path.realpath(ctx.db), ctx.out):
        return EXIT_OK
    now = ctx.clock.now()
    view = _views(ctx, now)["status"]
    ctx.out.write(status_output(fmt, view, now, os.path.abspath(ctx.db), ns.names))
    return EXIT_OK


def _cmd_people(ctx: _Context, ns: _Args) -> int:
    from storage import glance

    if ns.name is not None:
        return _person_page(ctx, ns)
    views = _views(ctx, ctx.clock.now())
    if ns.names:
        _print_names(ctx, views["names"])
    elif ns.json:
        _print_json(ctx, views["people"])
    else:
        for line in glance.people_lines(views["people"], visible, views["day"]):
            ctx.say(line)
    return EXIT_OK


# --------------------------------------------------------------------- ideas and settings


def _cmd_idea(ctx: _Context, ns: _Args) -> int:
    """``leanon idea``: the ideas, numbered; add, change or remove your own, hide leanon's."""
    from storage.ideas import find_idea, idea_rows

    action = ns.action or "list"
    typed = " ".join(ns.words).strip()
    if action == "list":
        if typed or ns.effort or ns.to:
            raise UsageError("leanon idea lists them all; to change one, say what: add, edit, ...")
        with ctx.store(reading=True) as store:
            for line in idea_rows(store.settings):
                ctx.say(line)
        return EXIT_OK
    if not typed:
        raise UsageError(f"leanon idea {action} needs the idea: its words, or its number")
    if ns.to is not None and action != "edit":
        raise UsageError("--to gives an idea new words; it goes with edit")
    if ns.effort is not None and action not in ("add", "edit"):
        raise UsageError("--effort goes with add or edit")
    with ctx.store() as store:
        if action == "add":
            idea = store.add_own_suggestion(typed, ns.effort or "small")
            ctx.say(f"Added to your ideas ({idea.effort}): {idea.text}")
            return EXIT_OK
        found = find_idea(store.settings, typed)
        if action == "edit":
            if ns.to is None and ns.effort is None:
                raise UsageError("say what changes: --to 'new words', --effort, or both")
            if not found.own:
                raise InvalidInput("That is one of leanon's own ideas; hide it, and add yours")
            idea = store.edit_own_suggestion(
                found.text, ns.to if ns.to is not None else found.text, ns.effort or found.effort
            )
            ctx.say(f"Changed ({idea.effort}): {idea.text}")
        elif action == "remove":
            if not found.own:
                raise InvalidInput("That is one of leanon's own ideas; hide it instead")
            store.remove_own_suggestion(found.text)
            ctx.say(f"Removed from your ideas: {found.text}")
        else:  # hide, show
            if found.own:
                raise InvalidInput("That is one of your own ideas; remove it instead")
            store.hide_suggestion(found.text, hidden=action == "hide")
            said = "Hidden; leanon won't offer it" if action == "hide" else "Offered again"
            ctx.say(f"{said}: {found.text}")
    return EXIT_OK


_PASSPHRASE_COMMAND_ABOUT = "a command that prints the passphrase, for scripts"


def _cmd_config(ctx: _Context, ns: _Args) -> int:
    """``leanon config [SETTING [VALUE]]``: list, show or change a setting."""
    from storage import config

    key = (ns.key or "").strip()
    if not key:
        with ctx.store(reading=True) as store:
            settings = store.settings
        width = max(len(s.key) for s in config.SETTINGS)
        for s in config.SETTINGS:
            ctx.say(f"{s.key:<{width}}  {s.value(settings):<12}  {s.about}")
        moved = len(settings.keys)
        keys = f"{moved} of them changed" if moved else "none changed"
        ctx.say(f"{'keys.*':<{width}}  {keys:<12}  the dashboard's keys: leanon config keys")
        command = "set" if os.environ.get(PASSPHRASE_COMMAND_VAR) else "not set"
        ctx.say("")
        ctx.say("Outside the file (read before an encrypted file can be opened):")
        ctx.say(f"{PASSPHRASE_COMMAND_VAR}  {command:<7}  {_PASSPHRASE_COMMAND_ABOUT}")
        return EXIT_OK
    if key == "keys" or key.startswith(config.KEYS_PREFIX):
        return _config_keys(ctx, key.removeprefix("keys").removeprefix("."), ns.value)
    if key.lower().replace("-", "_") in ("passphrase_command", PASSPHRASE_COMMAND_VAR.lower()):
        raise InvalidInput(
            f"the passphrase command is not a setting in the file (an encrypted file can't "
            f"be read before it is unlocked): set {PASSPHRASE_COMMAND_VAR} in your "
            "environment, for example to 'pass show leanon'"
        )
    setting = config.find(key)
    if ns.value is None:
        with ctx.store(reading=True) as store:
            ctx.say(setting.value(store.settings))
        return EXIT_OK
    with ctx.store() as store:
        now = store.configure(setting.key, ns.value)
    ctx.say(f"Saved: {setting.key} is {now}.")
    return EXIT_OK


def _config_keys(ctx: _Context, binding: str, value: str | None) -> int:
    """``config keys`` lists the keys; ``config keys.ID [KEY]`` shows or moves one."""
    from tui import keymap
    from tui.app import LeanonApp
    from tui.keyscopes import scopes

    places = scopes(LeanonApp)
    if not binding:
        if value is not None:
            raise UsageError("name the key to change: leanon config keys.review w")
        with ctx.store(reading=True) as store:
            chosen = dict(store.settings.keys)
        rows = keymap.keys_lines(places, chosen)
        width = max(len(r[0]) for r in rows)
        for name, keys, about in rows:
            ctx.say(f"{name:<{width}}  {keys:<9}  {about}")
        return EXIT_OK
    found = keymap.bindable(places, binding)
    if value is None:
        with ctx.store(reading=True) as store:
            ctx.say(
                keymap.typed_keys(keymap.bound_keys(places, binding, dict(store.settings.keys)))
            )
        return EXIT_OK
    with ctx.store() as store:
        keys = keymap.remap(places, store, binding, value)
    ctx.say(f"Saved: {found.description} ({binding}) is on {keymap.typed_keys(keys)} now.")
    return EXIT_OK


def _person_page(ctx: _Context, ns: _Args) -> int:
    """``people NAME``: one person's page (:mod:`storage.personpage`), from the store's
    index of contacts by person, so a decade of entries is walked once, not per page."""
    from storage.names import nobody_sentence
    from storage.personpage import page_json, page_lines, person_page

    if ns.names:
        raise UsageError("--names lists everyone; give it without a NAME")
    with ctx.store(reading=True) as store:
        try:
            person = store.person(ns.name)
        except NotFound:
            raise NotFound(nobody_sentence(ns.name, (p.name for p in store.people()))) from None
        page = person_page(
            person,
            store.contacts_with(person.name),
            store.now(),
            store.today(),
            store.settings.day_starts_at,
        )
    if ns.json:
        _print_json(ctx, page_json(page))
    else:
        for line in page_lines(page):
            ctx.say(line)
    return EXIT_OK


def _cmd_rest_from(ctx: _Context, ns: _Args) -> int:
    """``rest-from NAME --until DAY`` / ``--end``: a rest from one person, or its end."""
    from storage.names import nobody_sentence
    from storage.phrases import day_month
    from storage.when import parse_day

    if ns.end == (ns.until is not None):
        raise UsageError("give --until DAY for the last day of the rest, or --end to end it")
    with ctx.store() as store:
        try:
            person = store.person(ns.name)
        except NotFound:
            raise NotFound(nobody_sentence(ns.name, (p.name for p in store.people()))) from None
        today = store.today()
        if ns.end:
            if not person.rests_on(today):
                ctx.say(f"There was no rest from {person.name} to end.")
                return EXIT_OK
            store.update_person(person.name, resting_until=None)
            ctx.say(f"The rest from {person.name} has ended; all is as before.")
            return EXIT_OK
        until = parse_day(ns.until, today)
        store.update_person(person.name, resting_until=until.isoformat())
    after = day_month(until + timedelta(days=1), today)
    ctx.say(
        f"Resting from {person.name} until {day_month(until, today)}: left out of reminders "
        f"and ideas until then, and back as before on {after}. {UNDO_HINT} takes this back."
    )
    return EXIT_OK


# --------------------------------------------------------------------- the nudge


def _cmd_nudge(ctx: _Context, ns: _Args) -> int:
    """One kind line when today could use one (:mod:`storage.nudge`); always exit 0."""
    if ns.install_timer:
        return _install_timer(ctx)
    if ns.quiet_hours is not None or ns.once_a_day is not None:
        return _nudge_settings(ctx, ns)
    from storage import sealed
    from storage.nudge import nudge_line
    from storage.tally import keep, read_views, store_views

    if sealed.locked(os.path.realpath(ctx.db), use_command=False):
        return EXIT_OK  # says nothing while the file is locked, and never asks
    now = ctx.clock.now()
    if _nothing_to_nudge(ctx, now, ns.names):
        return EXIT_OK
    with ctx.store() as store:
        views = read_views(ctx.db, now) or store_views(store)
        line = nudge_line(views["status"], store.settings, now, ns.names)
        if line is None:
            return EXIT_OK
        if not ns.notify or not _notify(ctx, line):
            ctx.say(line)
        if store.settings.nudge_once_a_day:
            store.remember_nudge(store.today())
            keep(store, views)  # so the next status bar read is a quick one again
    return EXIT_OK


def _nothing_to_nudge(ctx: _Context, now: datetime, names: bool) -> bool:
    """Whether the totals alone say there is nothing to nudge about, as on most of a
    timer's hourly runs: then the data file is not read at all."""
    from storage import glance, totals
    from storage.docforms import settings_from_doc
    from storage.nudge import nudge_line

    found = totals.fresh(os.path.realpath(ctx.db), now_ns=totals.fs_now_ns())
    if found is None or found.views is None or not glance.views_are_of(found.views, now):
        return False
    try:
        settings = settings_from_doc(found.facts()["settings"], ctx.db)
    except (LeanonError, ValueError, KeyError, TypeError, EOFError):
        return False  # the file itself says
    if nudge_line(found.views["status"], settings, now, names) is not None:
        return False
    ctx.warn_place()
    return True


NOTIFY_SEND = "notify-send"
"""The desktop notification program (Debian: the libnotify-bin package)."""


def _notify(ctx: _Context, line: str) -> bool:
    """Send ``line`` as a desktop notification; False (having said why) when it can't go."""
    import shutil
    import subprocess

    program = shutil.which(NOTIFY_SEND)
    if program is None:
        _complain(
            ctx.err,
            f"{NOTIFY_SEND} isn't installed (on Debian and Ubuntu: apt install libnotify-bin), "
            "so here is the nudge as a line instead",
        )
        return False
    try:
        done = subprocess.run(
            [program, "--app-name=leanon", "leanon", visible(line)],
            capture_output=True,
            timeout=20,
        )
    except (OSError, subprocess.TimeoutExpired):
        done = None
    if done is None or done.returncode != 0:
        _complain(
            ctx.err,
            f"{NOTIFY_SEND} could not show a notification (no desktop session here?), "
            "so here is the nudge as a line instead",
        )
        return False
    return True


def _nudge_settings(ctx: _Context, ns: _Args) -> int:
    from storage.nudge import parse_quiet_hours

    quiet: Any = None
    if ns.quiet_hours is not None:
        quiet = None if ns.quiet_hours.strip().lower() == "off" else ns.quiet_hours.strip()
        if quiet is not None:
            try:
                start, end = parse_quiet_hours(quiet)
            except ValueError as exc:
                raise UsageError(f"--quiet-hours: {exc}, or off") from None
            quiet = f"{start:%H:%M}-{end:%H:%M}"
    with ctx.store() as store:
        if ns.quiet_hours is not None:
            store.set_nudge(quiet_hours=quiet)
        if ns.once_a_day is not None:
            store.set_nudge(once_a_day=ns.once_a_day == "on")
        settings = store.settings
    hours = settings.nudge_quiet_hours
    quiet = "from {} to {}".format(*hours.split("-")) if hours else "at no hour"
    often = "at most once a day" if settings.nudge_once_a_day else "each time it runs"
    ctx.say(f"Saved: the nudge stays quiet {quiet}, and comes {often}.")
    return EXIT_OK


def _install_timer(ctx: _Context) -> int:
    from tui.timer import ENABLE, units, units_folder, write_units

    folder = units_folder()
    files = units(ctx.db)  # named always: a timer has no $LEANON_DB of the shell's
    for name, text in files.items():
        ctx.say(f"# {folder / name}")
        for line in text.splitlines():
            ctx.say(line)
        ctx.say()
    try:
        write_units(folder, files)
    except OSError as exc:
        raise LeanonError(f"could not write {folder} ({exc.strerror or exc})") from None
    ctx.say(f"Written. To start it, now and at each login: {ENABLE}")
    return EXIT_OK


def _print_names(ctx: _Context, names: Sequence[str]) -> None:
    """``people --names``: each name as written, A to Z, one a line, for completion.

    A shell reads them through a pipe and must get the very name (``back\\slash``, ``Ana
    "Nan" Lopez``), not JSON's escapes; a terminal gets them shown safely, as everywhere.
    """
    isatty = getattr(ctx.out, "isatty", None)
    show = visible if callable(isatty) and isatty() else as_text
    ctx.out.write("".join(show(name) + "\n" for name in names))


def _print_json(ctx: _Context, value: Any) -> None:
    from storage.glance import dumps

    ctx.out.write(json_visible(dumps(value)) + "\n")


# --------------------------------------------------------------------- export and import


def _cmd_export(ctx: _Context, ns: _Args) -> int:
    from storage.transfer import export_json_documents, export_text

    entries: Sequence[Any] = ()
    text: str | bytes  # the JSON export comes as its UTF-8 bytes, ready to write
    with ctx.store(reading=True) as store:
        settings = store.settings
        if ns.format == "ics":  # people's rhythms, not entries
            from storage.ics import calendar_ics

            statuses = store.people_status()
            text = calendar_ics(statuses, ctx.clock.now(), settings.day_starts_at)
        elif ns.format == "json":  # the most common export, straight from the documents
            from storage.transfer import documents_ready

            entries = store.entry_documents()
            text = export_json_documents(
                store.people(),
                entries,
                settings.own_suggestions,
                settings.hidden_suggestions,
                ready=documents_ready(store),
            )
        else:
            entries = store.entries()
            text = export_text(
                ns.format,
                store.people(),
                entries,
                settings.own_suggestions,
                settings.day_starts_at,
                settings.hidden_suggestions,
            )
    if ns.output is None:
        isatty = getattr(ctx.out, "isatty", None)
        if isinstance(text, str) and callable(isatty) and isatty():  # not the JSON
            if ns.format == "ics":  # a calendar's lines end in CRLF; a terminal shows LF
                text = text.replace("\r\n", "\n")
            text = visible(text, keep_newlines=True)  # a note must not act on the terminal
        _write_out(ctx, text)
        _say_plain(ctx, None)
        return EXIT_OK
    target = Path(ns.output).expanduser()
    from storage.filesafe import managed_file, real_path

    what = managed_file(str(target), real_path(ctx.db))
    if what is not None:
        raise InvalidInput(
            f"{target} is {what}; leanon won't write an export over it. Choose another file"
        )
    _write_private(target, text)
    _say_plain(ctx, target)
    if ns.format == "ics":
        events = sum(1 for s in statuses if s.person.cadence_days)
        ctx.say(f"Exported the next hello for {plural(events, 'person', 'people')} to {target}.")
    else:
        ctx.say(f"Exported {plural(len(entries), 'entry', 'entries')} to {target}.")
    return EXIT_OK


def _say_plain(ctx: _Context, target: Path | None) -> None:
    """An export of an encrypted file is plain text, as asked: say so, on stderr (stdout may
    be the export itself)."""
    from storage import sealed
    from storage.filesafe import real_path

    if sealed.enabled(real_path(ctx.db)):
        where = "to the screen" if target is None else f"in {target}"
        ctx.err.write(f"leanon: the export is plain text {where}, not encrypted, as asked.\n")


def _write_out(ctx: _Context, text: str | bytes) -> None:
    """Write an export (text, or its UTF-8 bytes) to stdout: as UTF-8 bytes straight to its
    buffer when it has one (a decade's export is millions of characters, and this encodes
    them at most once), else as text. A stray surrogate (a hand-edited file) goes out as
    U+FFFD, as everywhere."""
    buffer = getattr(ctx.out, "buffer", None)
    if buffer is None or getattr(ctx.out, "encoding", "").lower().replace("-", "") != "utf8":
        ctx.out.write(text.decode("utf-8") if isinstance(text, bytes) else as_text(text))
        ctx.out.flush()
        return
    ctx.out.flush()
    buffer.write(_utf8(text))
    buffer.flush()


def _utf8(text: str | bytes) -> bytes:
    """An export's UTF-8 bytes (a stray surrogate in text becomes U+FFFD)."""
    if isinstance(text, bytes):
        return text
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return as_text(text).encode("utf-8")


def _refuse_data_file(target: Path, db: Path, doing: str) -> None:
    try:
        same = target.exists() and db.exists() and os.path.samefile(target, db)
    except OSError:
        same = False
    if same:
        raise InvalidInput(f"{target} is your data file; leanon won't {doing}.")


def _write_private(target: Path, text: str | bytes) -> None:
    """Write ``text`` (or its UTF-8 bytes) to ``target`` as a private (0600) file,
    replacing it in one step."""
    from storage.filesafe import atomic_write, remove_dead_temps

    if target.is_dir():
        raise InvalidInput(f"{target} is a folder; --output takes a file name.")
    # An export killed half-way left a hidden full copy beside its target: clear it now.
    remove_dead_temps(str(target))
    try:
        atomic_write(str(target), [_utf8(text)])
    except OSError as exc:  # name the file the person asked for, not our temp file
        raise LeanonError(f"could not write {target} ({exc.strerror or exc})") from None


def _cmd_import(ctx: _Context, ns: _Args) -> int:
    """Import leanon's own files, or another app's history (:mod:`storage.fromapps`)."""
    from storage.fromapps import (
        left_out_lines,
        parse_habits,
        parse_moods,
        read_path,
        result_line,
        unplaced_lines,
    )
    from storage.transfer import ImportProblems, plain

    source = Path(ns.file).expanduser()
    _refuse_data_file(source, ctx.db, "import it into itself")
    app = getattr(ns, "from", None)
    reading = read_path(
        str(source),
        clock=ctx.clock,
        app=app,
        moods=parse_moods(ns.moods),
        habits=parse_habits(ns.habit),
        key_of=os.path.realpath(ctx.db),
    )
    if reading.option:
        for line in unplaced_lines(reading, source.name):
            ctx.say(line)
        ctx.say(
            "For example (with a ? or NAME filled in):"
            if reading.option == "--moods"
            else "For example:"
        )
        ctx.say(f"  {_import_command(ctx, ns, reading)}")
        what = "moods" if reading.option == "--moods" else "habits"
        raise InvalidInput(f"{source}: the {what} need your word first; nothing was imported")
    if ns.dry_run:
        return _import_preview(ctx, source, reading, ns.restore_deleted)
    if reading.problems:
        raise InvalidInput(
            f"{source}: {plain(ImportProblems(reading.problems))}. Nothing was imported"
        )
    with ctx.store() as store:
        result = store.import_read(reading, restore_deleted=ns.restore_deleted)
    ctx.say(result_line(result, reading))
    for line in left_out_lines(reading):
        ctx.say(line)
    if reading.source == "a copy of a data file":
        ctx.say(f"Everything in {source.name} is in your data file now; the copy can go.")
    return EXIT_OK


def _import_preview(ctx: _Context, source: Path, reading: Any, restore_deleted: bool) -> int:
    """``import --dry-run``: what it would add, and nothing written."""
    from storage.fromapps import preview_lines
    from storage.transfer import ImportProblems, plain

    with ctx.store(reading=True) as store:
        plan = store.plan_read(reading, restore_deleted=restore_deleted)
    for line in preview_lines(reading, plan, source.name):
        ctx.say(line)
    if reading.problems:
        problems = plain(ImportProblems(reading.problems))
        raise InvalidInput(f"{source}: {problems}. Importing it would import nothing")
    ctx.say("Nothing was imported: this was a dry run. Without --dry-run, it imports.")
    return EXIT_OK


def _import_command(ctx: _Context, ns: _Args, reading: Any) -> str:
    """The command to give next: the same import, with what leanon still needs to know."""
    import shlex

    from storage.fromapps import placing_option

    words = ["leanon"]
    if ctx.db_given:
        words += ["--db", shlex.quote(str(ctx.db))]
    words += ["import", shlex.quote(ns.file)]
    if getattr(ns, "from", None):
        words += ["--from", getattr(ns, "from")]
    if ns.dry_run:
        words.append("--dry-run")
    for habit in ns.habit:
        words += ["--habit", shlex.quote(habit)]
    given = ns.moods if reading.option == "--moods" else []
    return " ".join([*words, placing_option(reading, given)])


# --------------------------------------------------------------------- doctor, completion


def _cmd_doctor(ctx: _Context, ns: _Args) -> int:
    import shlex

    from storage.doctor import examine, healthy

    command = "leanon import"
    if ctx.db_given:
        command = f"leanon --db {shlex.quote(str(ctx.db))} import"
    findings = examine(ctx.db, ctx.clock, import_command=command)
    for finding in findings:
        ctx.say(f"{'ok' if finding.ok else '!!'}  {finding.text}")
        if finding.fix:
            ctx.say(f"    {'Fix' if not finding.ok else 'Tip'}: {finding.fix}")
    if healthy(findings):
        ctx.say("All is well.")
        return EXIT_OK
    problems = sum(1 for f in findings if not f.ok)
    ctx.say(f"{plural(problems, 'thing')} to look at; the fix is under each.")
    return EXIT_DATA


def _cmd_completion(ctx: _Context, ns: _Args) -> int:
    ctx.out.write(completion_script(ns.shell))
    return EXIT_OK


# --------------------------------------------------------------------- the dashboard


def _cmd_review(ctx: _Context, ns: _Args) -> int:
    return _dashboard(ctx, start_screen="review")


def _bare(ctx: _Context) -> int:
    isatty = getattr(ctx.out, "isatty", None)
    if not (callable(isatty) and isatty()):
        return _cmd_status(ctx, _STATUS)  # piped: just the status
    return _dashboard(ctx)


def _dashboard(ctx: _Context, *, demo: bool = False, start_screen: str | None = None) -> int:
    """Open the dashboard; Textual is imported here and nowhere else in the command line.

    A data file that cannot be used opens the dashboard too: it shows which file, what is
    wrong and what to do, and changes nothing (:mod:`tui.screens.error`).
    """
    try:
        from tui.app import run_dashboard
    except ImportError as exc:
        if not _dashboard_missing(exc):
            raise
        if demo or start_screen:
            raise LeanonError(
                "the dashboard isn't part of this install yet; leanon status shows the essentials"
            ) from None
        _cmd_status(ctx, _STATUS)
        ctx.say("(The dashboard isn't part of this install yet; leanon --help lists the rest.)")
        return EXIT_OK
    return int(run_dashboard(ctx.db, ctx.clock, demo=demo, start_screen=start_screen) or 0)


def _dashboard_missing(exc: ImportError) -> bool:
    name = exc.name or ""
    return name in ("tui.app", "textual") or name.startswith("textual.")


_LOG: Callable[[_Context, _Args], int] = _cmd_log
_RUN: dict[str, Callable[[_Context, _Args], int]] = (
    dict.fromkeys(LOGGING, _LOG)
    | {
        "undo": _cmd_undo,
        "status": _cmd_status,
        "people": _cmd_people,
        "rest-from": _cmd_rest_from,
        "nudge": _cmd_nudge,
        "review": _cmd_review,
        "export": _cmd_export,
        "import": _cmd_import,
        "doctor": _cmd_doctor,
        "completion": _cmd_completion,
        "idea": _cmd_idea,
        "config": _cmd_config,
    }
    | clicrypt.RUN
)
"""What runs each command of :data:`tui.grammar.COMMAND_TABLE`."""

COMMANDS: dict[str, _Command] = {
    c.name: _Command(c.name, c.short, _RUN[c.name]) for c in COMMAND_TABLE
}
"""Every subcommand by name; the completion scripts list them in this order."""


# --------------------------------------------------------------------- completion scripts

_BASH = r"""# bash completion for leanon.
# Load it now:     source <(leanon completion bash)
# Or for good:     leanon completion bash > ~/.local/share/bash-completion/completions/leanon

# The names of your people, as written, one a line; $1 is the --db given on the line.
_leanon_names() {
    if [[ -n "$1" ]]; then
        command leanon --db "$1" people --names 2>/dev/null
    else
        command leanon people --names 2>/dev/null
    fi
}

# What the shell word $1 stands for (Mary\ J, 'Mary J, ~/x.json), put in the variable $2.
_leanon_dequote() {
    local word="$1" out="" quote="" c i
    for ((i = 0; i < ${#word}; i++)); do
        c="${word:i:1}"
        if [[ "$quote" == "'" ]]; then
            if [[ "$c" == "'" ]]; then quote=""; else out+="$c"; fi
        elif [[ "$c" == "\\" ]]; then
            ((i++))
            if [[ "$quote" == '"' && "${word:i:1}" != [\"\\\$\`] ]]; then out+="\\"; fi
            out+="${word:i:1}"
        elif [[ "$c" == '"' ]]; then
            if [[ -n "$quote" ]]; then quote=""; else quote='"'; fi
        elif [[ "$c" == "'" && -z "$quote" ]]; then
            quote="'"
        else
            out+="$c"
        fi
    done
    if [[ "$word" == "~" || "$word" == "~/"* ]]; then out="$HOME${out:1}"; fi
    printf -v "$2" '%s' "$out"
}

_leanon() {
    local cur prev cmd="" db="" pfx="" word i
    cur="${COMP_WORDS[COMP_CWORD]}"
    prev="${COMP_WORDS[COMP_CWORD-1]}"
    # --via=v: bash splits at the = (it is in COMP_WORDBREAKS) unless told otherwise.
    if [[ "$cur" == "=" ]]; then
        cur=""
    elif [[ "$prev" == "=" ]] && ((COMP_CWORD > 1)); then
        prev="${COMP_WORDS[COMP_CWORD-2]}"
    elif [[ "$cur" == --*=* ]]; then
        prev="${cur%%=*}"
        pfx="$prev="
        cur="${cur#*=}"
    fi
    for ((i = 1; i < COMP_CWORD; i++)); do
        word="${COMP_WORDS[i]}"
        case "$word" in
            @BASH_VALUE_OPTIONS@)
                if [[ "${COMP_WORDS[i+1]}" == "=" ]]; then ((i++)); fi
                ((i++))
                if [[ "$word" == --db ]] && ((i < COMP_CWORD)); then
                    _leanon_dequote "${COMP_WORDS[i]}" db
                fi
                ;;
            --db=*) _leanon_dequote "${word#--db=}" db ;;
            -*) ;;
            *) if [[ -z "$cmd" ]]; then cmd="$word"; fi ;;
        esac
    done
    COMPREPLY=()
    _leanon_reply
    for ((i = 0; i < ${#COMPREPLY[*]}; i++)); do
        COMPREPLY[i]="$pfx${COMPREPLY[i]}"
    done
}

_leanon_reply() {
    case "$prev" in
@BASH_PREV@
    esac
    if [[ -z "$cmd" ]]; then
        mapfile -t COMPREPLY < <(compgen -W "@COMMANDS@ --db --demo --version --help" -- "$cur")
        return
    fi
    if [[ "$cur" == -* ]]; then
        local opts="--db --help"
        case "$cmd" in
@BASH_OPTIONS@
        esac
        mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
        return
    fi
    case "$cmd" in
@BASH_WORDS@
    esac
}

# Names that start with what is typed so far, quoted for the line: Mary\ Jane, or after
# an opening quote ('Mary J, "Mary J) as that quote needs them; bash closes it.
_leanon_complete_names() {
    local name typed quoted
    _leanon_dequote "$cur" typed
    while IFS= read -r name; do
        if [[ "$name" == "$typed"* ]]; then
            if [[ "$cur" == "'"* ]]; then
                quoted="$name"
            elif [[ "$cur" == '"'* ]]; then
                quoted="${name//\\/\\\\}"
                quoted="${quoted//\"/\\\"}"
                quoted="${quoted//\$/\\\$}"
                quoted="${quoted//\`/\\\`}"
            else
                printf -v quoted '%q' "$name"
            fi
            COMPREPLY+=("$quoted")
        fi
    done < <(_leanon_names "$db")
}

complete -F _leanon leanon
"""

_ZSH = r"""#compdef leanon
# zsh completion for leanon.
# Load it now:     source <(leanon completion zsh)
# Or for good:     leanon completion zsh > ~/.zfunc/_leanon
#                  with fpath=(~/.zfunc $fpath) before compinit in ~/.zshrc

# The names of your people, from the data file a --db on the line names (or the default).
_leanon_names() {
    local db=${opt_args[--db]:-$_leanon_db}
    local -a names
    db=${(Q)db}
    [[ $db == '~' || $db == '~/'* ]] && db=$HOME${db#\~}
    if [[ -n $db ]]; then
        names=(${(f)"$(command leanon --db $db people --names 2>/dev/null)"})
    else
        names=(${(f)"$(command leanon people --names 2>/dev/null)"})
    fi
    compadd -a names
}

_leanon() {
    local curcontext="$curcontext" state line _leanon_db
    local -a commands
    commands=(
@ZSH_COMMANDS@
    )
    _arguments -C -A '-*' \
        '--db=[the data file]:file:_files' \
        '--demo[open the dashboard on a generated year]' \
        '--version[print the version]' \
        '(-h --help)'{-h,--help}'[show help]' \
        '1: :->command' \
        '*:: :->args'
    case $state in
        command) _describe -t commands 'leanon command' commands ;;
        args)
            _leanon_db=${opt_args[--db]}
            local -a common
            common=('--db=[the data file]:file:_files' '(-h --help)'{-h,--help}'[show help]')
            case $words[1] in
@ZSH_ARGS@
                *) _arguments $common ;;
            esac
            ;;
    esac
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    _leanon "$@"
else
    compdef _leanon leanon
fi
"""

_FISH = r"""# fish completion for leanon.
# Load it now:     leanon completion fish | source
# Or for good:     leanon completion fish > ~/.config/fish/completions/leanon.fish

# The names of your people, from the data file a --db on the line names (or the default).
function __leanon_names
    set -l tokens (commandline -opc)
    set -l db
    set -l i 2
    while test $i -le (count $tokens)
        switch $tokens[$i]
            case --db
                set i (math $i + 1)
                set db $tokens[$i]
            case '--db=*'
                set db (string replace -- --db= '' $tokens[$i])
        end
        set i (math $i + 1)
    end
    if test -n "$db"
        set db (string replace -r -- '^~(?=/|$)' $HOME $db)
        command leanon --db $db people --names 2>/dev/null
    else
        command leanon people --names 2>/dev/null
    end
end

set -l commands @COMMANDS@
set -l top "not __fish_seen_subcommand_from $commands"
complete -c leanon -f
complete -c leanon -l db -r -F -d 'the data file'
complete -c leanon -s h -l help -d 'show help'
complete -c leanon -n $top -l demo -d 'open the dashboard on a generated year'
complete -c leanon -n $top -l version -d 'print the version'
@FISH_COMMANDS@
@FISH_ARGS@
"""


def completion_script(shell: str) -> str:
    """The completion script for ``shell`` (bash, zsh or fish), from the command table."""
    fills = {
        "@COMMANDS@": " ".join(COMMANDS),
    }
    if shell == "bash":
        template = _BASH
        fills.update(_bash_parts())
    elif shell == "zsh":
        template = _ZSH
        fills["@ZSH_COMMANDS@"] = "\n".join(
            f"        '{c.name}:{c.help}'" for c in COMMANDS.values()
        )
        fills["@ZSH_ARGS@"] = "\n".join(_zsh_line(c) for c in COMMAND_TABLE if c.args)
    elif shell == "fish":
        template = _FISH
        fills["@FISH_COMMANDS@"] = "\n".join(
            f"complete -c leanon -n $top -a {c.name} -d '{c.help}'" for c in COMMANDS.values()
        )
        fills["@FISH_ARGS@"] = "\n".join(line for c in COMMAND_TABLE for line in _fish_lines(c))
    else:
        raise InvalidInput(
            f"'{shell}' is not a shell leanon knows; use one of: {', '.join(SHELLS)}."
        )
    for key, value in fills.items():
        template = template.replace(key, value)
    return template


def _words(arg: Arg) -> str:
    return " ".join(COMPLETIONS[arg.complete])


def _bash_action(arg: Arg) -> str:
    """What bash completes ``arg`` with."""
    if arg.complete == "names":
        return "_leanon_complete_names"
    if arg.complete == "files":
        return 'compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "$cur")'
    if COMPLETIONS[arg.complete]:
        return f'mapfile -t COMPREPLY < <(compgen -W "{_words(arg)}" -- "$cur")'
    return ":"


def _bash_parts() -> dict[str, str]:
    # What follows an option, by command: ``--format`` is a status format after status
    # and an export format after export.
    valued: dict[str, dict[str, str]] = {DB.name: {"*": _bash_action(DB)}}
    for command in COMMAND_TABLE:
        for a in command.args:
            if a.option and not a.flag:
                valued.setdefault(a.name, {})[command.name] = _bash_action(a)
    by_action: dict[str, list[str]] = {}
    for name, actions in valued.items():
        if len(set(actions.values())) == 1:
            action = next(iter(actions.values()))
        else:
            cases = " ".join(f"{cmd}) {act} ;;" for cmd, act in actions.items())
            action = f'case "$cmd" in {cases} esac'
        by_action.setdefault(action, []).append(name)
    prev = [
        f"        {'|'.join(names)}) {action}; return ;;" for action, names in by_action.items()
    ]
    options = [
        f'            {c.name}) opts="$opts {" ".join(a.name for a in c.args if a.option)}" ;;'
        for c in COMMAND_TABLE
        if any(a.option for a in c.args)
    ]
    words = [
        f"        {c.name}) {_bash_action(first)} ;;"
        for c in COMMAND_TABLE
        for first in [next((a for a in c.args if not a.option), None)]
        if first is not None and first.complete
    ]
    return {
        "@BASH_VALUE_OPTIONS@": "|".join(valued),
        "@BASH_PREV@": "\n".join(prev),
        "@BASH_OPTIONS@": "\n".join(options),
        "@BASH_WORDS@": "\n".join(words),
    }


def _zsh_action(arg: Arg) -> str:
    if arg.complete == "names":
        return "_leanon_names"
    if arg.complete == "files":
        return "_files"
    return f"({_words(arg)})" if COMPLETIONS[arg.complete] else " "


def _zsh_line(command: Command) -> str:
    specs = []
    for position, arg in enumerate(a for a in command.args if not a.option):
        where = "*" if arg.nargs in ("*", "+") else str(position + 1)
        specs.append(f"'{where}:{arg.label}:{_zsh_action(arg)}'")
    for arg in (a for a in command.args if a.option):
        if arg.flag:
            specs.append(f"'{arg.name}[{arg.label}]'")
        else:
            specs.append(f"'{arg.name}=[{arg.label}]:{arg.dest}:{_zsh_action(arg)}'")
    return f"                {command.name}) _arguments $common {' '.join(specs)} ;;"


def _fish_values(arg: Arg) -> str:
    """What fish completes ``arg``'s value with ("" when anything goes)."""
    if arg.complete == "names":
        return "-a '(__leanon_names)'"
    if arg.complete == "files":
        return "-F"
    return f"-a '{_words(arg)}'" if COMPLETIONS[arg.complete] else ""


def _fish_lines(command: Command) -> list[str]:
    seen = f'complete -c leanon -n "__fish_seen_subcommand_from {command.name}"'
    lines = []
    for arg in command.args:
        values = _fish_values(arg)
        label = f"-d '{arg.label}'"
        if not arg.option:
            if values:
                lines.append(f"{seen} {values}" + ("" if values == "-F" else f" {label}"))
        elif arg.flag:
            lines.append(f"{seen} -l {arg.dest} {label}")
        else:
            needs = "-r" if values == "-F" else "-x"
            lines.append(" ".join(p for p in (seen, "-l", arg.dest, needs, values, label) if p))
    return lines


if __name__ == "__main__":
    sys.exit(main())
