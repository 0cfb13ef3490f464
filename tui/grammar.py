"""The command line's grammar, written once: every command, its words and its options.

The hand parser of the everyday commands (:func:`tui.clibase.quick_args`), the argparse
parser that gives help and mistakes (:mod:`tui.cliparse`) and the bash, zsh and fish
completion scripts (:func:`tui.cli.completion_script`) are all made from
:data:`COMMAND_TABLE`, so they cannot disagree. Light on purpose: it is read on the quick
path, so it imports only :mod:`storage.fields` (which that path loads anyway).
"""

from __future__ import annotations

from storage.fields import SCORE_WORDS, VIAS

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from typing import Any

SHELLS = ("bash", "zsh", "fish")
"""Shells ``leanon completion`` writes a script for."""

EXPORT_FORMATS = ("json", "csv", "md", "ics")
"""Mirrors ``storage.transfer.FORMATS`` so building the parser does not import it
(tests/test_import_hygiene.py checks the two agree)."""

STATUS_FORMATS = ("text", "json", "line", "waybar", "i3blocks", "i3status-rust", "polybar")
"""What ``status --format`` writes: ``text`` and ``json`` (:mod:`storage.glance`), then
the bars' own, mirroring ``storage.bars.BAR_FORMATS`` (tests/test_bars.py checks)."""

IMPORT_APPS = ("daylio", "loop", "vcard")
"""Mirrors ``storage.fromapps.APPS`` (tests/test_import_hygiene.py checks the two agree)."""

IDEA_ACTIONS = ("list", "add", "edit", "remove", "hide", "show")
"""What ``leanon idea`` does with an idea."""

EFFORT_WORDS = ("tiny", "small", "bigger")
"""Mirrors ``storage.records.EFFORTS`` (tests/test_config.py checks the two agree)."""

SETTING_KEYS = (
    "day_starts_at",
    "week_starts_on",
    "streaks",
    "nudge",
    "quiet_hours",
    "nudge_once_a_day",
    "names_in_bars",
    "theme",
    "keys",
)
"""What ``leanon config`` completes: the settings of ``storage.config.SETTINGS`` (which
tests/test_config.py checks this mirrors), and ``keys`` for the list of keys."""

WHEN_HINTS = ("today", "yesterday", "30m", "1h", "3h", "1d", "2d", "3d")
"""What completion offers after ``--at``."""

COMPLETIONS = {
    "names": (),
    "files": (),
    "vias": VIAS,
    "formats": EXPORT_FORMATS,
    "status_formats": STATUS_FORMATS,
    "apps": IMPORT_APPS,
    "shells": SHELLS,
    "when": WHEN_HINTS,
    "idea_actions": IDEA_ACTIONS,
    "efforts": EFFORT_WORDS,
    "settings": SETTING_KEYS,
    "scores": tuple(str(n) for n in SCORE_WORDS),
    "": (),
}
"""What a word can complete to: a person's name, a file, or one of a few words."""


class Arg:
    """One word or option of a command.

    Attributes:
        name: ``"--via"`` for an option, the destination (``"name"``) for a word.
        help: its line in ``--help``.
        metavar: how help names its value (``NAME``, ``WHEN``).
        nargs: for words: None (exactly one), ``"*"`` (any) or ``"+"`` (at least one).
        default: an option's value when it is not given.
        choices: the only values it takes.
        flag: an option without a value (``--json``).
        complete: what completion offers for it (a key of :data:`COMPLETIONS`).
        label: a few words for the completion menus.
        field: for a logging command, the entry's field its value fills (several words
            are joined with spaces; none give no value).
        many: an option that may be given more than once; its value is the list of them.
    """

    __slots__ = (
        "choices",
        "complete",
        "default",
        "field",
        "flag",
        "help",
        "label",
        "many",
        "metavar",
        "name",
        "nargs",
    )

    def __init__(
        self,
        name: str,
        help: str,  # noqa: A002 - argparse's own word for it
        *,
        label: str,
        metavar: str | None = None,
        nargs: str | None = None,
        default: Any = None,
        choices: tuple[str, ...] | None = None,
        flag: bool = False,
        complete: str = "",
        field: str | None = None,
        many: bool = False,
    ) -> None:
        self.name = name
        self.many = many
        self.help = help
        self.field = field
        self.label = label
        self.metavar = metavar
        self.nargs = nargs
        self.default = default
        self.choices = choices
        self.flag = flag
        self.complete = complete

    @property
    def option(self) -> bool:
        """Whether it is an option (``--via``) rather than a word."""
        return self.name.startswith("--")

    @property
    def dest(self) -> str:
        """Where argparse and the hand parser put its value."""
        return self.name.removeprefix("--")


class Command:
    """One subcommand: what ``--help`` and the completion menus say, and its arguments.

    ``quick`` commands are parsed by hand (:func:`tui.clibase.quick_args`) in their plain
    forms, before argparse is even imported. A command with a ``kind`` logs one new entry
    of that kind (:data:`storage.fields.KIND_SPECS`), its words filling the fields their
    :attr:`Arg.field` names.
    """

    __slots__ = ("args", "description", "epilog", "help", "kind", "name", "quick", "short")

    def __init__(
        self,
        name: str,
        short: str,
        help: str,  # noqa: A002 - argparse's own word for it
        description: str,
        args: tuple[Arg, ...] = (),
        *,
        epilog: str | None = None,
        quick: bool = False,
        kind: str | None = None,
    ) -> None:
        self.name = name
        self.kind = kind
        self.short = short
        self.help = help
        self.description = description
        self.args = args
        self.epilog = epilog
        self.quick = quick


_AT = Arg(
    "--at",
    "when it happened: 2026-11-24, 2026-11-24T18:30, yesterday, 3h, 2d (default: now)",
    label="when",
    metavar="WHEN",
    complete="when",
)
_SCALE = "; ".join(f"{n} {w}" for n, w in SCORE_WORDS.items())
_WHAT = Arg("text", "what happened", label="what happened", metavar="TEXT", nargs="+", field="text")

COMMAND_TABLE: tuple[Command, ...] = (
    Command(
        "reach",
        "log reaching out",
        "log that you reached out to someone",
        "Log that you reached out to someone. A name not seen before is added to your people.",
        (
            Arg(
                "name",
                "who (quote a name with spaces)",
                label="name",
                metavar="NAME",
                complete="names",
                field="who",
            ),
            Arg(
                "--via",
                f"how: {', '.join(VIAS)} (default: text)",
                label="how",
                metavar="VIA",
                default="text",
                complete="vias",
                field="via",
            ),
            Arg(
                "--note",
                "a few words to remember it by",
                label="a few words",
                metavar="TEXT",
                field="note",
            ),
            _AT,
        ),
        epilog="examples:\n  leanon reach Sam\n  leanon reach Ana --via call --note 'about the "
        "move'\n  leanon reach 'Jo Ellis' --via visit --at yesterday",
        quick=True,
        kind="reach",
    ),
    Command(
        "honest",
        "log an honest answer",
        "log an honest answer to 'how are you, really?'",
        f"Log an honest answer to 'how are you, really?' on a scale of 1 to 5:\n  {_SCALE}.",
        (
            Arg(
                "score", "1 to 5", label="score", metavar="SCORE", complete="scores", field="score"
            ),
            Arg(
                "words",
                "a few words, if you like",
                label="words",
                metavar="WORDS",
                nargs="*",
                field="text",
            ),
            _AT,
        ),
        epilog="examples:\n  leanon honest 3 tired but ok\n  leanon honest 2 --at yesterday",
        quick=True,
        kind="honest",
    ),
    Command(
        "belong",
        "log a moment of belonging",
        "log a small moment of belonging",
        "Log a small moment of everyday belonging.",
        (_WHAT, _AT),
        epilog="example:\n  leanon belong the barista remembered my order",
        quick=True,
        kind="belong",
    ),
    Command(
        "letin",
        "log letting someone in",
        "log a time you let someone in",
        "Log a time you let someone in: took the help, the company, the kind word.",
        (
            _WHAT,
            Arg(
                "--who",
                "who it was, if you like",
                label="who",
                metavar="NAME",
                complete="names",
                field="who",
            ),
            _AT,
        ),
        epilog="example:\n  leanon letin let Sam cook dinner --who Sam",
        quick=True,
        kind="letin",
    ),
    Command(
        "rest",
        "mark a rest day",
        "mark a rest day (it never breaks a streak)",
        "Mark a rest day: it neither counts nor breaks a streak.",
        (_AT,),
        quick=True,
        kind="rest",
    ),
    Command(
        "rest-from",
        "rest from someone for a while",
        "rest from someone until a day you choose (not a rest day: that is 'rest')",
        "Rest from someone until a day you choose. Until then they are never past their\n"
        "rhythm, never in a nudge and never named in an idea; from the day after, all is as\n"
        "before, with nothing to undo. (A rest day for yourself is 'leanon rest'.)",
        (
            Arg(
                "name",
                "who (quote a name with spaces)",
                label="name",
                metavar="NAME",
                complete="names",
            ),
            Arg(
                "--until",
                "the last day of the rest: 1 May, 2027-05-01, tomorrow, 10d, 3w",
                label="last day",
                metavar="DAY",
            ),
            Arg("--end", "end the rest now", label="end it", flag=True),
        ),
        epilog="examples:\n  leanon rest-from Sam --until '1 May'\n  leanon rest-from Sam --end",
    ),
    Command(
        "undo",
        "take back the last change",
        "take back the last change",
        "Take back the last change.",
        quick=True,
    ),
    Command(
        "status",
        "where things stand today",
        "where things stand today",
        "Where things stand today, in a few lines; or in the shape a status bar reads\n"
        "(tmux, waybar, i3blocks, i3status-rust, polybar: see the README for each config).\n"
        "A bar shows counts and streaks, not names, unless --names says so.",
        (
            Arg("--json", "print one JSON object instead", label="print JSON", flag=True),
            Arg(
                "--format",
                f"{', '.join(STATUS_FORMATS)} (default: text)",
                label="format",
                default="text",
                choices=STATUS_FORMATS,
                complete="status_formats",
            ),
            Arg(
                "--names",
                "in a bar's format, show the names of the people it's been a while with",
                label="show names",
                flag=True,
            ),
        ),
        epilog="examples:\n  leanon status --format line\n  leanon status --format waybar --names",
        quick=True,
    ),
    Command(
        "people",
        "everyone, with their last contact",
        "everyone, with their last contact",
        "Everyone you've logged, with their last contact; those it's been a while with first.\n"
        "With a NAME, that person's page: their rhythm and how the last year has gone, when\n"
        "you last let them in, their birthday, and every reach-out and let-in, newest first.",
        (
            Arg(
                "name",
                "one person, for their page (quote a name with spaces)",
                label="name",
                metavar="NAME",
                nargs="?",
                complete="names",
            ),
            Arg(
                "--json",
                "print a JSON list (with NAME: one object) instead",
                label="print JSON",
                flag=True,
            ),
            Arg(
                "--names",
                "print only the names, one a line, as written (for scripts and completion)",
                label="names only",
                flag=True,
            ),
        ),
        epilog="examples:\n  leanon people\n  leanon people Sam\n  leanon people 'Jo Ellis' --json",
        quick=True,
    ),
    Command(
        "nudge",
        "a gentle nudge, for a timer",
        "print one kind line when today could use a nudge (for a timer or cron)",
        "Print one kind line when today could use a nudge: someone past their rhythm, a quiet\n"
        "spell longer than your usual, or an evening with no honest answer yet; else nothing.\n"
        "Never on a rest day or in quiet hours, and at most once a day. It exits 0 whether or\n"
        "not it says anything.\n"
        "Set up a timer with --install-timer, or a cron line (see the README).",
        (
            Arg(
                "--notify",
                "send it as a desktop notification (notify-send) instead of printing it",
                label="notify",
                flag=True,
            ),
            Arg(
                "--names",
                "name the people it's been a while with (others may see a notification)",
                label="show names",
                flag=True,
            ),
            Arg(
                "--install-timer",
                "show and write a systemd user timer that runs 'leanon nudge --notify' hourly",
                label="install timer",
                flag=True,
            ),
            Arg(
                "--quiet-hours",
                "when to stay silent, like 21:00-09:00 (the default), or 'off'; saved",
                label="quiet hours",
                metavar="FROM-TO",
            ),
            Arg(
                "--once-a-day",
                "on (the default): at most one nudge a day; off: each time it runs; saved",
                label="once a day",
                metavar="ON|OFF",
                choices=("on", "off"),
            ),
        ),
        epilog="examples:\n  leanon nudge\n  leanon nudge --notify\n"
        "  leanon nudge --install-timer\n  leanon nudge --quiet-hours 22:00-08:30",
    ),
    Command(
        "idea",
        "your own ideas for letting someone in",
        "list, add, change, remove or hide ideas for letting someone in",
        "The ideas the Let someone in panel picks from, numbered: leanon's own, then yours.\n"
        "  add     puts in an idea of yours (write {who} where a name may go)\n"
        "  edit    changes one of yours: its number or words, then --to and/or --effort\n"
        "  remove  takes one of yours out\n"
        "  hide    stops offering one of leanon's own; show offers it again\n"
        "An idea is named by its number in the list or by its words.",
        (
            Arg(
                "action",
                "list (the default), add, edit, remove, hide or show",
                label="what to do",
                metavar="ACTION",
                nargs="?",
                default="list",
                choices=IDEA_ACTIONS,
                complete="idea_actions",
            ),
            Arg(
                "words", "the idea's words, or its number", label="idea", metavar="IDEA", nargs="*"
            ),
            Arg(
                "--effort",
                "tiny, small or bigger (add: small; edit: as it was)",
                label="effort",
                metavar="EFFORT",
                choices=EFFORT_WORDS,
                complete="efforts",
            ),
            Arg("--to", "edit: the idea's new words", label="new words", metavar="TEXT"),
        ),
        epilog="examples:\n  leanon idea\n  leanon idea add 'Ask {who} to come to the market' "
        "--effort small\n  leanon idea edit 51 --effort tiny\n  leanon idea hide 7",
    ),
    Command(
        "config",
        "see or change your settings",
        "list your settings, or show or change one",
        "With no setting, list every setting with its value and a word on it; with a setting,\n"
        "print its value; with a setting and a value, change it ('default' gives back the\n"
        "default). keys.ID changes a key of the dashboard: 'leanon config keys' lists them.",
        (
            Arg(
                "key",
                "the setting (day_starts_at, keys.review, ...)",
                label="setting",
                metavar="SETTING",
                nargs="?",
                complete="settings",
            ),
            Arg("value", "its new value", label="value", metavar="VALUE", nargs="?"),
        ),
        epilog="examples:\n  leanon config\n  leanon config day_starts_at 05:00\n"
        "  leanon config streaks off\n  leanon config keys.review w\n"
        "  leanon config keys.review default",
    ),
    Command(
        "review",
        "open the review",
        "open the dashboard on the review screen",
        "Open the dashboard's review.",
    ),
    Command(
        "export",
        "write everything out",
        "write everything out as json, csv, a markdown journal or a calendar",
        "Write everything out. json is complete and can be imported again; csv has one row "
        "per entry;\nmd is a journal to read; ics is a calendar with one all-day event for "
        "each person with a rhythm,\non the day they come due (today, for anyone past it), to "
        "import into your phone's calendar.\nThe output file is made private (mode 600).",
        (
            Arg(
                "--format",
                "json (default), csv, md or ics",
                label="format",
                default="json",
                choices=EXPORT_FORMATS,
                complete="formats",
            ),
            Arg(
                "--output",
                "write here instead of to the screen",
                label="file",
                metavar="FILE",
                complete="files",
            ),
        ),
        epilog="examples:\n  leanon export > leanon-backup.json\n"
        "  leanon export --format md --output journal.md\n"
        "  leanon export --format ics --output leanon.ics",
        quick=True,  # argparse alone costs an export of a small file a tenth of its time
    ),
    Command(
        "import",
        "merge an export, or history from another app",
        "merge an export or a copy, or bring your history from Daylio, Loop or your contacts",
        "Merge a json or csv export, or a copy of the data file (a sync conflict, another "
        "computer's file);\nor bring your history from another app: a Daylio CSV export "
        "(moods, as honest answers),\na Loop Habit Tracker export, zipped or not (a habit "
        "about someone, as reach-outs), or\nyour contacts as a vCard file (people, with "
        "their birthdays). leanon tells which by what is in it.\nEntries already there are "
        "skipped, so importing twice adds nothing, and entries you deleted stay\ndeleted "
        "(--restore-deleted brings them back). If any row is wrong, nothing is imported.\n"
        "An import can't be undone; --dry-run shows first what it would add, and backups/\n"
        "beside the data file holds a copy from earlier today. A sync tool's conflict copy\n"
        "beside the data file is merged without being asked, by the next command.",
        (
            Arg(
                "file",
                "the file to merge (for Loop, its zip or the folder it unzips to)",
                label="file",
                metavar="FILE",
                complete="files",
            ),
            Arg(
                "--from",
                "the app it came from, if leanon can't tell: daylio, loop or vcard",
                label="app",
                metavar="APP",
                choices=IMPORT_APPS,
                complete="apps",
            ),
            Arg(
                "--dry-run",
                "show what it would add, and write nothing",
                label="only show",
                flag=True,
            ),
            Arg(
                "--restore-deleted",
                "bring back entries you deleted here (otherwise they stay deleted)",
                label="bring back deleted",
                flag=True,
            ),
            Arg(
                "--moods",
                "Daylio: a level from 1 to 5 for each mood of your own ('Super=5,Gut=4')",
                label="mood levels",
                metavar="MOOD=LEVEL,...",
                many=True,
            ),
            Arg(
                "--habit",
                "Loop: who a habit is about ('Call Mum=Mum'); once for each habit",
                label="habit and person",
                metavar="HABIT=NAME",
                many=True,
            ),
        ),
        epilog="examples:\n  leanon import leanon-backup.json\n"
        "  leanon import daylio_export.csv --dry-run\n"
        "  leanon import daylio_export.csv --moods 'Super=5,Gut=4,Müde=2'\n"
        "  leanon import 'Loop Habits CSV 2026-11-28.zip' --habit 'Call Mum=Mum'\n"
        "  leanon import contacts.vcf",
    ),
    Command(
        "doctor",
        "check the data file",
        "check the data file, its permissions and backups",
        "Check the data file: that it reads, who can read it, the lock, backups, what a "
        "Syncthing\nfolder's .stignore keeps out, and copies left by sync tools. It only "
        "looks: the next other\ncommand merges such a copy.",
    ),
    Command(
        "encrypt",
        "encrypt the data file",
        "encrypt the data file and its backups (age format), or change the passphrase",
        "Encrypt the data file, its backups and its totals in the age format, with a key kept "
        "beside it\n(<file>.key) that your passphrase opens. It asks for a new passphrase "
        "twice (never on the\ncommand line), and leaves the key unlocked. Debian's age "
        "reads the file without leanon:\nage -d -i leanon.json.key leanon.json",
        (
            Arg(
                "--change-passphrase",
                "a new passphrase and a new key: the file and its backups are encrypted to it",
                label="new passphrase",
                flag=True,
            ),
        ),
        epilog="examples:\n  leanon encrypt\n  leanon encrypt --change-passphrase",
    ),
    Command(
        "decrypt",
        "turn encryption off",
        "decrypt the data file and its backups back to plain JSON",
        "Decrypt the data file and its backups back to plain JSON, and remove the key file. "
        "The key\nmust be unlocked (leanon unlock).",
    ),
    Command(
        "unlock",
        "unlock the encrypted file",
        "ask for the passphrase once, so commands can read the encrypted file",
        "Ask for the passphrase once and keep the key unlocked for this login (12 hours at "
        "most), so\nevery command can read the encrypted file. $LEANON_PASSPHRASE_COMMAND "
        "(pass show leanon)\ngives the passphrase instead of asking.",
    ),
    Command(
        "lock",
        "lock the encrypted file again",
        "forget the unlocked key until the next leanon unlock",
        "Forget the unlocked key: until the next leanon unlock, no command reads the file.",
    ),
    Command(
        "completion",
        "print a completion script",
        "print a shell completion script (bash, zsh, fish)",
        "Print a completion script for your shell. See the README for where it goes.",
        (
            Arg(
                "shell",
                "bash, zsh or fish",
                label="shell",
                metavar="SHELL",
                choices=SHELLS,
                complete="shells",
            ),
        ),
        epilog="examples:\n  source <(leanon completion bash)\n"
        "  leanon completion fish > ~/.config/fish/completions/leanon.fish",
    ),
)
"""Every subcommand, in the order help and the completion scripts list them."""

DB = Arg(
    "--db",
    "the data file to use (default: $LEANON_DB, else leanon.json in your data folder)",
    label="the data file",
    metavar="PATH",
    complete="files",
)
"""The one top-level option every command also takes."""

LOGGING: dict[str, Command] = {c.name: c for c in COMMAND_TABLE if c.kind is not None}
"""The commands that log one new entry, by name."""


TOP_OPTIONS = (DB.name, "--demo", "--version", "--help")
"""The options of ``leanon`` itself, before any command."""


def options_of(command: str | None) -> tuple[str, ...]:
    """Every option ``command`` takes (``--help`` and ``--db`` too); None: leanon's own."""
    for each in COMMAND_TABLE:
        if each.name == command:
            return (*(a.name for a in each.args if a.option), DB.name, "--help")
    return TOP_OPTIONS
