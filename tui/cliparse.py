"""argparse for ``leanon``: help, every command, and the wording of every usage mistake.

:mod:`tui.cli` parses the everyday logging commands itself (see ``tui.clibase.quick_args``) and
comes here for everything else: ``--help``, the less frequent commands and every mistake,
so their text and exit codes are argparse's, in leanon's words. Importing argparse and
building a parser costs several milliseconds that ``leanon reach Sam`` need not spend.
"""

from __future__ import annotations

import argparse
from typing import Any, NoReturn, TextIO

from storage.typos import did_you_mean, use_one_of
from tui.clibase import HelpShown, UsageError
from tui.grammar import COMMAND_TABLE, DB


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
    """Turn argparse's wording into one plain sentence with where to look for help, and the
    nearest valid word when what was typed is one or two letters from it."""
    command = prog.removeprefix("leanon").strip()
    see = f"see leanon {command} --help" if command else "see leanon --help"
    if message.lower().startswith("argument command: invalid choice:"):
        bad = message.split("'")[1] if "'" in message else message
        hint = did_you_mean(bad, [c.name for c in COMMAND_TABLE])
        return f"'{bad}' is not a leanon command; {hint or see}"
    if message.startswith("the following arguments are required:"):
        missing = message.split(":", 1)[1].strip()
        return f"{command or 'leanon'} needs {missing}; {see}"
    if message.startswith("argument ") and ": invalid choice: " in message:
        option, rest = message.removeprefix("argument ").split(": invalid choice: ", 1)
        bad = rest.split("'")[1] if "'" in rest else rest
        choices = rest.split("(choose from", 1)[-1].strip(" )").replace("'", "")
        listed = use_one_of(bad, choices.split(", "))
        if option == "--format":
            what = "a status format" if command == "status" else "an export format"
            return f"'{bad}' is not {what}; {listed}"
        if option == "SHELL":
            return f"'{bad}' is not a shell leanon completes; {listed}"
        return f"'{bad}' is not a choice for {option.split('/')[-1]}; {listed}"
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

    Building all fourteen subparsers takes a few milliseconds that ``leanon reach Sam``
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
        p.add_argument(
            DB.name, metavar=DB.metavar, default=argparse.SUPPRESS, help=argparse.SUPPRESS
        )
        parsers.append(p)
        return p

    parser = Parser(
        prog="leanon",
        description="Stay in touch with the people in your life, one small step at a time.\n"
        "With no command, leanon opens the dashboard.",
        epilog=_MAIN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(DB.name, metavar=DB.metavar, help=DB.help)
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

    for command in COMMAND_TABLE:
        p = sub(command.name, command.help, command.description, command.epilog)
        for arg in command.args:
            if arg.flag:
                p.add_argument(arg.name, action="store_true", help=arg.help)
            elif arg.option:
                p.add_argument(
                    arg.name,
                    metavar=arg.metavar,
                    default=[] if arg.many else arg.default,
                    choices=arg.choices,
                    help=arg.help,
                    action="append" if arg.many else "store",
                )
            else:
                extra: dict[str, Any] = {"nargs": arg.nargs} if arg.nargs else {}
                p.add_argument(
                    arg.dest, metavar=arg.metavar, choices=arg.choices, help=arg.help, **extra
                )

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
