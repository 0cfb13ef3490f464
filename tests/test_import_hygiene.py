"""The data layer and the quick commands never import Textual.

Each check runs in a fresh interpreter and looks at ``sys.modules``, because a module
imported once anywhere in the test session would hide the problem (harlequin does the same).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOW = "2026-11-28T21:03:00+01:00"


def modules_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    """The names in ``sys.modules`` after running ``code`` in a fresh interpreter."""
    program = f"{code}\nimport json as _j, sys as _s\nprint(_j.dumps(sorted(_s.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        check=True,
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def textual_in(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m == "textual" or m.startswith("textual."))


def test_importing_storage_does_not_import_textual() -> None:
    assert textual_in(modules_after("import storage")) == []


@pytest.mark.parametrize(
    "module",
    [
        "storage.when",
        "storage.transfer",
        "storage.doctor",
        "storage.summary",
        "storage.store",
        "tui",
        "tui.cli",
    ],
)
def test_modules_of_the_quick_path_do_not_import_textual(module: str) -> None:
    assert textual_in(modules_after(f"import {module}")) == []


def test_the_tui_package_init_stays_empty_of_textual() -> None:
    source = (ROOT / "tui" / "__init__.py").read_text()
    assert "textual" not in source.lower()


QUICK_COMMANDS = [
    ["reach", "Sam", "--via", "call"],
    ["reach", "Ana", "--at", "2d"],
    ["honest", "3", "fine"],
    ["belong", "tea with Jo"],
    ["letin", "let Sam cook", "--who", "Sam"],
    ["rest", "--at", "yesterday"],
    ["status"],
    ["status", "--json"],
    ["status", "--format", "line"],
    ["status", "--format", "waybar", "--names"],
    ["people"],
    ["people", "--json"],
    ["export"],
    ["export", "--format", "csv"],
    ["export", "--format", "md"],
    ["export", "--format", "ics"],
    ["undo"],
    ["doctor"],
    ["completion", "bash"],
    ["--version"],
    ["--help"],
    ["reach", "Sam", "--via", "pigeon"],  # an input error too
]


@pytest.mark.parametrize("args", QUICK_COMMANDS, ids=" ".join)
def test_quick_commands_do_not_import_textual(tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "leanon.json"
    code = (
        "import tui.cli\n"
        f"tui.cli.main(['--db', {str(db)!r}, 'reach', 'Sam'])\n"
        f"tui.cli.main(['--db', {str(db)!r}, *{args!r}])"
    )
    assert textual_in(modules_after(code, env={"LEANON_NOW": NOW})) == []


def test_a_plain_reach_does_not_even_import_humanize(tmp_path: Path) -> None:
    """humanize costs ~10 ms and is only needed to say how long ago something was."""
    db = tmp_path / "leanon.json"
    code = f"import tui.cli\ntui.cli.main(['--db', {str(db)!r}, 'reach', 'Sam'])"
    modules = modules_after(code, env={"LEANON_NOW": NOW})
    assert "humanize" not in modules
    assert "storage.transfer" not in modules and "storage.doctor" not in modules


@pytest.mark.parametrize("with_entries", [False, True], ids=["new file", "existing file"])
def test_logging_imports_only_what_logging_needs(tmp_path: Path, with_entries: bool) -> None:
    """The quick path parses by hand and writes without TinyDB's tables, hashing or secrets:
    argparse and its parser (~10 ms), hashlib and secrets are for other commands. (tinydb
    itself is imported: our storage subclasses its Storage.)"""
    db = tmp_path / "leanon.json"
    first = f"tui.cli.main(['--db', {str(db)!r}, 'honest', '3'])\n" if with_entries else ""
    code = (
        "import tui.cli\n"
        f"{first}"
        f"tui.cli.main(['--db', {str(db)!r}, 'reach', 'Sam', '--via', 'call', '--note', 'hi'])"
    )
    modules = modules_after(code, env={"LEANON_NOW": NOW})
    heavy = {"argparse", "hashlib", "secrets", "shutil", "platformdirs", "humanize"}
    assert not heavy & modules


def test_the_installed_command_reaches_without_textual(tmp_path: Path) -> None:
    """Through the real entry point, with -X importtime: no textual module is ever loaded."""
    db = tmp_path / "leanon.json"
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tui.cli", "--db", str(db), "reach", "Sam"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "LEANON_NOW": NOW},
        check=True,
    )
    assert done.stdout == "Logged: texted Sam, just now. Sam is new to your people.\n"
    imported = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()]
    assert imported and not [m for m in imported if m.split(".")[0] == "textual"]


def test_a_quick_log_imports_next_to_nothing(tmp_path: Path) -> None:
    """``leanon reach Sam`` on a file leanon saved: no TinyDB, orjson, json, typing, re,
    pathlib, dataclasses, argparse or platformdirs (each costs milliseconds to import, and
    together they were most of the command's time). Compared with a bare interpreter, so
    whatever the venv's site-packages import at start-up does not count."""
    db = tmp_path / "leanon.json"
    subprocess.run(
        [sys.executable, "-m", "tui.entry", "--db", str(db), "reach", "Sam"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )

    def loaded(code: str) -> set[str]:  # listed without importing json to list them
        done = subprocess.run(
            [sys.executable, "-c", f"{code}\nimport sys\nprint(chr(10).join(sys.modules))"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "LEANON_DB": str(db)},
            check=True,
        )
        return set(done.stdout.split())

    code = (
        "import tui.entry\n"
        "assert tui.entry.quick(['reach', 'Ana', '--via', 'call', '--note', 'hi']) == 0\n"
    )
    added = loaded(code) - loaded("pass")
    assert "storage.quick" in added
    heavy = {
        "argparse",
        "dataclasses",
        "json",
        "orjson",
        "pathlib",
        "platformdirs",
        "re",
        "tinydb",
        "typing",
        "tui.cli",
        "storage.store",
        "storage.jsonfile",
    }
    assert sorted(heavy & added) == []
    assert not textual_in(added)


# --- no import cycles, no private names across modules ------------------------------------

PACKAGES = ("storage", "widgets", "tui")


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) of every import in ``path``, those inside functions too, but not
    the ones under ``if TYPE_CHECKING:`` (they never run)."""
    import ast

    tree = ast.parse(path.read_text())
    found: list[tuple[str, list[str]]] = []

    def walk(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and getattr(child.test, "id", "") == "TYPE_CHECKING":
                for other in child.orelse:
                    walk(other)
                continue
            if isinstance(child, ast.Import):
                found.extend((alias.name, []) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                found.append((child.module, [alias.name for alias in child.names]))
            walk(child)

    walk(tree)
    return found


def _modules() -> dict[str, Path]:
    root = Path(__file__).parents[1]
    return {
        ".".join(p.relative_to(root).with_suffix("").parts).removesuffix(".__init__"): p
        for package in PACKAGES
        for p in (root / package).rglob("*.py")
    }


def test_no_import_cycles_anywhere() -> None:
    """tui.cli <-> tui.entry <-> tui.cliparse and tui.screens.base <-> forms were cycles."""
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for module, names in _imports(path):
            targets = [module, *(f"{module}.{n}" for n in names)]
            graph[name] |= {t for t in targets if t in modules and t != name}
            graph[name] -= {t for t in graph[name] if name.startswith(t + ".")}
    cycles: list[str] = []
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*stack[stack.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    assert cycles == []


def test_no_private_name_is_imported_from_another_module() -> None:
    modules = _modules()
    crossings = [
        f"{name} imports {module}.{imported}"
        for name, path in modules.items()
        for module, names in _imports(path)
        if module in modules
        for imported in names
        if imported.startswith("_") and not imported.startswith("__")
    ]
    assert crossings == []


def test_the_export_formats_the_parser_offers_are_the_ones_export_writes() -> None:
    from storage.transfer import FORMATS
    from tui.grammar import EXPORT_FORMATS

    assert EXPORT_FORMATS == FORMATS


def test_the_apps_the_parser_offers_are_the_ones_import_reads() -> None:
    from storage.fromapps import APPS
    from tui.grammar import IMPORT_APPS

    assert IMPORT_APPS == APPS


FIXTURES = ROOT / "tests" / "fixtures" / "imports"


@pytest.mark.parametrize(
    "args, loaded",
    [
        (["status"], False),
        (["import", str(FIXTURES / "daylio_newest.csv")], False),
        (["import", str(FIXTURES / "contacts.vcf"), "--dry-run"], True),
    ],
    ids=["status", "daylio", "vcard"],
)
def test_vobject_is_imported_only_to_read_a_vcard(
    tmp_path: Path, args: list[str], loaded: bool
) -> None:
    """vobject (and dateutil, pytz and six with it) costs about 50 ms to import: only a
    vCard import pays it."""
    db = tmp_path / "leanon.json"
    code = f"import tui.cli\ntui.cli.main(['--db', {str(db)!r}, *{args!r}])"
    modules = modules_after(code, env={"LEANON_NOW": NOW})
    assert ("vobject" in modules) is loaded
    assert not textual_in(modules)


@pytest.mark.parametrize(
    "args, loaded",
    [
        (["status", "--format", "waybar"], False),
        (["export", "--format", "json"], False),
        (["export", "--format", "ics"], True),
    ],
    ids=["status waybar", "export json", "export ics"],
)
def test_icalendar_is_imported_only_for_the_calendar(
    tmp_path: Path, args: list[str], loaded: bool
) -> None:
    """icalendar is only for ``export --format ics``: a status bar never pays for it."""
    db = tmp_path / "leanon.json"
    code = (
        "import tui.cli\n"
        f"tui.cli.main(['--db', {str(db)!r}, 'reach', 'Sam'])\n"
        f"tui.cli.main(['--db', {str(db)!r}, *{args!r}])"
    )
    modules = modules_after(code, env={"LEANON_NOW": NOW})
    assert ("icalendar" in modules) is loaded
    assert not textual_in(modules)
