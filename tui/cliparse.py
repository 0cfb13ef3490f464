"""argparse for ``leanon``: help, every command, and the wording of every usage mistake.

:mod:`tui.cli` parses the everyday logging commands itself (see ``tui.clibase.quick_args``) and
comes here for everything else: ``--help``, the less frequent commands and every mistake,
so their text and exit codes are argparse's, in leanon's words. Importing argparse and
building a parser costs several milliseconds that ``leanon reach Sam`` need not spend.
"""

from __future__ import annotations

import argparse
from typing import Any, NoReturn, TextIO

from storage.records import SCORE_WORDS, VIAS
from tui.clibase import EXPORT_FORMATS, SHELLS, HelpShown, UsageError


class Parser(argparse.ArgumentParser):
    """argparse, but every mistake is one plain line and help goes where main() says."""

    out: TextIO | None = None

    def error(self, message: str) -> NoReturn:
        raise UsageError(usage_message(self.prog, message))

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            raise UsageError(message.strip())
        raise HelpShown(status)

    def print_help(self, file: Any = None) -> None:
        super().print_help(self.out or file)


def usage_message(prog: str, message: str) -> str:
    """Turn argparse's wording into one plain sentence with where to look for help."""
    command = prog.removeprefix("leanon").strip()
    see = f"see leanon {command} --help" if command else "see leanon --help"
    if message.lower().startswith("argument command: invalid choice:"):
        bad = message.split("'")[1] if "'" in message else message
        return f"'{bad}' is not a leanon command; {see}"
    if message.startswith("the following arguments are required:"):
        missing = message.split(":", 1)[1].strip()
        return f"{command or 'leanon'} needs {missing}; {see}"
    if message.startswith("argument ") and ": invalid choice: " in message:
        option, rest = message.removeprefix("argument ").split(": invalid choice: ", 1)
        bad = rest.split("'")[1] if "'" in rest else rest
        choices = rest.split("(choose from", 1)[-1].strip(" )").replace("'", "")
        if option == "--format":
            return f"'{bad}' is not an export format; use one of: {choices}."
        if option == "SHELL":
            return f"'{bad}' is not a shell leanon completes; use one of: {choices}."
        return f"'{bad}' is not a choice for {option.split('/')[-1]}; use one of: {choices}."
    if message.startswith("argument ") and message.endswith("expected one argument"):
        option = message.removeprefix("argument ").split(":", 1)[0].split("/")[-1]
        return f"{option} needs a value after it; {see}"
    return f"{message}; {see}"


class _Skipped:
    """Stands in for the parser of a subcommand this run does not need."""

    def add_argument(self, *args: object, **kwargs: object) -> None:
        return None


def build_parser(out: TextIO | None = None, only: str | None = None) -> Parser:
    """The whole command line, or (``only``) the top level and one subcommand.

    Building all thirteen subparsers takes a few milliseconds that ``leanon reach Sam``
    does not need to spend; ``--help`` and mistakes in the command name get the full set.
    """
    parsers: list[Parser] = []

    def sub(name: str, help_text: str, description: str, epilog: str | None = None) -> Any:
        if only is not None and name != only:
            return _Skipped()
        p = commands.add_parser(
            name,
            help=help_text,
            description=description,
            epilog=epilog,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        assert isinstance(p, Parser)
        p.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        parsers.append(p)
        return p

    def at_option(p: Any) -> None:
        p.add_argument(
            "--at",
            metavar="WHEN",
            help="when it happened: 2026-11-24, 2026-11-24T18:30, yesterday, 3h, 2d (default: now)",
        )

    parser = Parser(
        prog="leanon",
        description="Stay in touch with the people in your life, one small step at a time.\n"
        "With no command, leanon opens the dashboard.",
        epilog=_MAIN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the data file to use (default: $LEANON_DB, else leanon.json in your data folder)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the dashboard on a throwaway copy of a generated year",
    )
    parser.add_argument("--version", action="store_true", help="print the version and stop")
    parsers.append(parser)
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", title="commands", parser_class=Parser
    )

    p = sub(
        "reach",
        "log that you reached out to someone",
        "Log that you reached out to someone. A name not seen before is added to your people.",
        "examples:\n  leanon reach Sam\n  leanon reach Ana --via call --note 'about the move'\n"
        "  leanon reach 'Jo Ellis' --via visit --at yesterday",
    )
    p.add_argument("name", metavar="NAME", help="who (quote a name with spaces)")
    p.add_argument(
        "--via", metavar="VIA", default="text", help=f"how: {', '.join(VIAS)} (default: text)"
    )
    p.add_argument("--note", metavar="TEXT", help="a few words to remember it by")
    at_option(p)

    scale = "; ".join(f"{n} {w}" for n, w in SCORE_WORDS.items())
    p = sub(
        "honest",
        "log an honest answer to 'how are you, really?'",
        f"Log an honest answer to 'how are you, really?' on a scale of 1 to 5:\n  {scale}.",
        "examples:\n  leanon honest 3 tired but ok\n  leanon honest 2 --at yesterday",
    )
    p.add_argument("score", metavar="SCORE", help="1 to 5")
    p.add_argument("words", metavar="WORDS", nargs="*", help="a few words, if you like")
    at_option(p)

    p = sub(
        "belong",
        "log a small moment of belonging",
        "Log a small moment of everyday belonging.",
        "example:\n  leanon belong the barista remembered my order",
    )
    p.add_argument("text", metavar="TEXT", nargs="+", help="what happened")
    at_option(p)

    p = sub(
        "letin",
        "log a time you let someone in",
        "Log a time you let someone in: took the help, the company, the kind word.",
        "example:\n  leanon letin let Sam cook dinner --who Sam",
    )
    p.add_argument("text", metavar="TEXT", nargs="+", help="what happened")
    p.add_argument("--who", metavar="NAME", help="who it was, if you like")
    at_option(p)

    p = sub(
        "rest",
        "mark a rest day (it never breaks a streak)",
        "Mark a rest day: it neither counts nor breaks a streak.",
    )
    at_option(p)

    sub("undo", "take back the last change", "Take back the last change.")

    p = sub("status", "where things stand today", "Where things stand today, in a few lines.")
    p.add_argument("--json", action="store_true", help="print one JSON object instead")

    p = sub(
        "people",
        "everyone, with their last contact",
        "Everyone you've logged, with their last contact; those it's been a while with first.",
    )
    p.add_argument("--json", action="store_true", help="print a JSON list instead")

    sub("review", "open the dashboard on the review screen", "Open the dashboard's review.")

    p = sub(
        "export",
        "write everything out as json, csv or a markdown journal",
        "Write everything out. json is complete and can be imported again; csv has one row "
        "per entry;\nmd is a journal to read. The output file is made private (mode 600).",
        "examples:\n  leanon export > leanon-backup.json\n"
        "  leanon export --format md --output journal.md",
    )
    p.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default="json",
        help="json (default), csv or md",
    )
    p.add_argument("--output", metavar="FILE", help="write here instead of to the screen")

    p = sub(
        "import",
        "merge a json or csv export, or a copy of the data file",
        "Merge a json or csv export, or a copy of the data file (a sync conflict, another "
        "computer's file).\nEntries already there are skipped, so importing twice adds "
        "nothing. If any row is wrong,\nnothing is imported. An import can't be undone;\n"
        "backups/ beside the data file holds a copy from earlier today.",
    )
    p.add_argument("file", metavar="FILE", help="the file to merge")

    sub(
        "doctor",
        "check the data file, its permissions and backups",
        "Check the data file: that it reads, who can read it, the lock, backups, and "
        "copies left by sync tools.",
    )

    p = sub(
        "completion",
        "print a shell completion script (bash, zsh, fish)",
        "Print a completion script for your shell. See the README for where it goes.",
        "examples:\n  source <(leanon completion bash)\n"
        "  leanon completion fish > ~/.config/fish/completions/leanon.fish",
    )
    p.add_argument("shell", metavar="SHELL", choices=SHELLS, help="bash, zsh or fish")

    for each in parsers:
        each.out = out
    return parser


_MAIN_EPILOG = """\
examples:
  leanon reach Sam --via call        log a call with Sam
  leanon honest 3 tired but ok       how you are, really, on a 1-5 scale
  leanon status                      where things stand today
  leanon undo                        take back the last change

Every command has its own help: leanon reach --help."""
