"""Issue 3: logging one thing from the shell, ``leanon reach`` vs ``jrnl`` (a journaling CLI).

Both run as real subprocesses, interpreter start-up included, each from its own venv: jrnl
is installed into ``bench/.venv-jrnl`` on first run so it never mixes with our packages.
Both get a throwaway HOME and XDG folders, and jrnl a config file of its own
(``--config-file``: plain-text journal, no encryption), so neither touches real files.

Each run starts from the same state: the journal or data file is put back before every
timed run (not timed), so "empty" is always empty and "10,000" always 10,000. leanon's file
is put back with its lock file as leanon's last save left them, as a person's file is; a
third row puts it back with an empty lock file instead (as after an editor or a sync tool
wrote the file), which makes leanon read and check the whole file first.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.common import (
    END,
    ROOT,
    Row,
    as_leanon_left_it,
    cached_data_file,
    child_env,
    compare,
    measure,
    print_table,
    scratch_dir,
)

REPEAT = 10
EMPTY_GOAL = 0.5
TENK_GOAL = 0.1
TENK = 10_000

JRNL_VENV = Path(__file__).resolve().parent / ".venv-jrnl"
"""jrnl's own venv, made on first run."""

_BIN = "Scripts" if os.name == "nt" else "bin"
_EXE = ".exe" if os.name == "nt" else ""


def run(repeat: int = REPEAT) -> list[Row]:
    """Run the CLI benchmark, print its table, and return its rows."""
    leanon = ROOT / ".venv" / _BIN / f"leanon{_EXE}"
    work = scratch_dir("cli")
    home = work / "home"
    env = _isolated_env(home)

    problem = _leanon_problem(leanon, work / "probe", env)
    if problem:
        print(f"\nCLI: skipped, {problem}")
        return []
    jrnl = ensure_jrnl()

    python = measure(lambda: _run([sys.executable, "-c", "pass"], env), repeat)
    rows: list[Row] = [Row("python -c pass", python, note="start-up floor both pay; no goal")]

    empty_db = work / "empty" / "leanon.json"
    empty_db.parent.mkdir(parents=True)

    def clear_leanon() -> None:
        for leftover in (empty_db, empty_db.with_name(empty_db.name + ".lock")):
            leftover.unlink(missing_ok=True)
        shutil.rmtree(empty_db.parent / "backups", ignore_errors=True)

    data = cached_data_file("tenk", years=2.2, seed=7, people=40, last=TENK)
    tenk_db = work / "tenk" / "leanon.json"
    tenk_db.parent.mkdir(parents=True)
    tenk_lock = tenk_db.with_name(tenk_db.name + ".lock")
    lock_bytes = as_leanon_left_it(data.path, tenk_db)

    def restore_leanon() -> None:
        # The file and its lock file as leanon's last save left them, which is how a person's
        # file is when they log. Backups from the warm-up run stay, so these are ordinary
        # (not first-of-day) adds.
        shutil.copyfile(data.path, tenk_db)
        tenk_lock.write_bytes(lock_bytes)

    def restore_leanon_changed_outside() -> None:
        # As if a sync tool or an editor had written the file last: the full read and check.
        shutil.copyfile(data.path, tenk_db)
        tenk_lock.write_bytes(b"")

    def leanon_reach(db: Path) -> Callable[[], None]:
        return lambda: _run([str(leanon), "--db", str(db), "reach", "Sam"], env)

    if jrnl is None:
        rows += [
            Row(
                "add one entry, empty",
                measure(leanon_reach(empty_db), repeat, setup=clear_leanon),
                note="jrnl missing: no comparison",
            ),
            Row(
                f"add one entry, {TENK:,} entries",
                measure(leanon_reach(tenk_db), repeat, setup=restore_leanon),
                note="jrnl missing: no comparison",
            ),
            Row(
                "  ... file changed outside leanon",
                measure(leanon_reach(tenk_db), repeat, setup=restore_leanon_changed_outside),
                note="jrnl missing: no comparison",
            ),
        ]
    else:
        journals = work / "jrnl"
        journals.mkdir()
        empty_cfg, empty_journal = _jrnl_config(jrnl, journals / "empty")
        tenk_cfg, tenk_journal = _jrnl_config(jrnl, journals / "tenk")
        tenk_text = _jrnl_journal_text(data.path)
        pristine = journals / "tenk-pristine.txt"
        pristine.write_text(tenk_text, encoding="utf-8")

        def clear_jrnl() -> None:
            empty_journal.unlink(missing_ok=True)

        def restore_jrnl() -> None:
            shutil.copyfile(pristine, tenk_journal)

        def jrnl_add(config: Path) -> Callable[[], None]:
            return lambda: _run([str(jrnl), "--config-file", str(config), "texted Sam."], env)

        empty = compare(
            leanon_reach(empty_db),
            jrnl_add(empty_cfg),
            repeat,
            ours_setup=clear_leanon,
            peer_setup=clear_jrnl,
        )
        tenk = compare(
            leanon_reach(tenk_db),
            jrnl_add(tenk_cfg),
            repeat,
            ours_setup=restore_leanon,
            peer_setup=restore_jrnl,
        )
        _check_jrnl_added(tenk_journal, tenk_text)
        outside = compare(
            leanon_reach(tenk_db),
            jrnl_add(tenk_cfg),
            repeat,
            ours_setup=restore_leanon_changed_outside,
            peer_setup=restore_jrnl,
        )
        rows += [
            Row("add one entry, empty", *empty, goal=EMPTY_GOAL),
            Row(f"add one entry, {TENK:,} entries", *tenk, goal=TENK_GOAL),
            Row(
                "  ... file changed outside leanon",
                *outside,
                note="the full read and check (no goal; see storage/quick.py)",
            ),
        ]
    _check_leanon_added(tenk_db, data.entries)

    title = f'CLI: `leanon --db X reach Sam` vs `jrnl "text"`, subprocesses (median of {repeat})'
    print_table(title, "leanon", "jrnl", rows)
    if jrnl is None:
        print("  jrnl could not be installed, so there is nothing to compare against.")
    return rows


# --------------------------------------------------------------------- running


def _isolated_env(home: Path) -> dict[str, str]:
    """The environment for both tools: a throwaway HOME and XDG folders, no colour."""
    env = {k: v for k, v in child_env().items() if not k.startswith(("XDG_", "LEANON_"))}
    for name, sub in (
        ("HOME", ""),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        folder = home / sub
        folder.mkdir(parents=True, exist_ok=True)
        env[name] = str(folder)
    env["NO_COLOR"] = "1"
    return env


def _run(cmd: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(cmd, env=env, capture_output=True, stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        output = (done.stderr or done.stdout).decode(errors="replace").strip()
        raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}): {output[-500:]}")


def _check_leanon_added(db: Path, before: int) -> None:
    """Make sure the last timed run really logged the reach-out."""
    from storage import Store

    with Store.open(db) as store:
        if len(store.entries()) != before + 1:
            raise RuntimeError(f"leanon did not add an entry to the {before:,}-entry file")


def _leanon_problem(leanon: Path, folder: Path, env: dict[str, str]) -> str | None:
    """Why the leanon CLI cannot be benchmarked yet, or None when it logs a reach-out."""
    from storage import Store

    if not leanon.exists():
        return f"{leanon} is not installed (run `make bench` or `pip install -e .`)"
    folder.mkdir(parents=True)
    db = folder / "leanon.json"
    try:
        _run([str(leanon), "--db", str(db), "reach", "Sam"], env)
    except RuntimeError as exc:
        return f"the leanon CLI cannot log a reach-out yet: {exc}"
    if not db.exists():
        return "the leanon CLI is not built yet (`leanon --db X reach Sam` wrote no file)"
    with Store.open(db) as store:
        entries = store.entries()
    if [(e.kind, e.who) for e in entries] != [("reach", "Sam")]:
        return f"`leanon --db X reach Sam` did not log one reach-out to Sam ({entries!r})"
    return None


# --------------------------------------------------------------------- jrnl


def ensure_jrnl() -> Path | None:
    """jrnl in its own venv, installed from PyPI on first run; None if that fails."""
    exe = JRNL_VENV / _BIN / f"jrnl{_EXE}"
    if exe.exists():
        return exe
    print("  installing jrnl into bench/.venv-jrnl (first run only) ...", flush=True)
    python = JRNL_VENV / _BIN / f"python{_EXE}"
    try:
        subprocess.run(
            [sys.executable, "-m", "venv", str(JRNL_VENV)],
            check=True,
            capture_output=True,
            timeout=300,
        )
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "jrnl"],
            check=True,
            capture_output=True,
            timeout=900,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        last = detail.decode(errors="replace").strip().splitlines()[-1:] if detail else []
        print(
            f"  jrnl could not be installed ({type(exc).__name__}"
            f"{': ' + last[0] if last else ''}); skipping the jrnl comparison."
        )
        shutil.rmtree(JRNL_VENV, ignore_errors=True)
        return None
    return exe if exe.exists() else None


def _jrnl_version(jrnl: Path) -> str:
    python = jrnl.with_name(f"python{_EXE}")
    done = subprocess.run(
        [str(python), "-c", "import importlib.metadata as m; print(m.version('jrnl'))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def _jrnl_config(jrnl: Path, folder: Path) -> tuple[Path, Path]:
    """A config file for one plain-text, unencrypted journal in ``folder``."""
    folder.mkdir(parents=True)
    journal = folder / "journal.txt"
    config = folder / "jrnl.yaml"
    config.write_text(
        "colors:\n  body: none\n  date: none\n  tags: none\n  title: none\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: true\n"
        "indent_character: '|'\n"
        f"journals:\n  default:\n    journal: '{journal}'\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\n"
        "timeformat: '%Y-%m-%d %H:%M'\n"
        f"version: '{_jrnl_version(jrnl)}'\n",
        encoding="utf-8",
    )
    return config, journal


def _jrnl_journal_text(data_path: Path) -> str:
    """The same entries as the leanon file, in jrnl's plain-text format."""
    from storage import FixedClock, Store

    with Store.open(data_path, FixedClock(END)) as store:
        entries = store.entries()
    lines: list[str] = []
    for e in entries:
        lines.append(f"[{e.at:%Y-%m-%d %H:%M}] {e.describe()}.")
        if e.note:
            lines.append(e.note)
        lines.append("")
    return "\n".join(lines) + "\n"


def _check_jrnl_added(journal: Path, before: str) -> None:
    """Make sure jrnl really appended the entry (a silent no-op would flatter it)."""
    after = journal.read_text(encoding="utf-8")
    if after.count("\n[") <= before.count("\n["):
        raise RuntimeError("jrnl did not add an entry to the 10,000-entry journal")


if __name__ == "__main__":
    start = time.perf_counter()
    run()
    print(f"\n({time.perf_counter() - start:.0f} s)")
