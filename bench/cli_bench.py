"""Issue 3: logging one thing from the shell, ``leanon reach`` vs ``jrnl`` (a journaling CLI).

Both run as real subprocesses, interpreter start-up included, each from its own venv: jrnl
is installed into ``bench/.venv-jrnl`` on first run so it never mixes with our packages.
Both get a throwaway HOME and XDG folders, and jrnl a config file of its own
(``--config-file``: plain-text journal, no encryption), so neither touches real files.

Each run starts from the same state: the journal or data file is put back before every
timed run (not timed), so "empty" is always empty and "10k" always 10,000 entries. leanon's
file is put back with its lock file as leanon's last save left them, and read once with
``leanon status`` so the totals beside it belong to it, as a person's file is;
one row puts the 10k file back with an empty lock file instead (as after an editor or a
sync tool wrote the file), which makes leanon read and check the whole file first.

Issue 12 adds the same add at 1k, 10k, 50k (the decade) and 200k entries, with jrnl's
journal holding the same entries, so the growth of each shows at a glance.
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
    DataFile,
    Measure,
    Row,
    Timing,
    as_leanon_left_it,
    child_env,
    compare,
    measure,
    print_grid,
    print_table,
    scratch_dir,
    sized_files,
)

REPEAT = 10
EMPTY_GOAL = 0.5
SIZED_GOALS: dict[str, float] = {"10k": 0.09, "50k": 0.05, "200k": 0.04}
"""Issue 12's goals for ``reach Sam`` against jrnl on the same entries (at 10k it tightens
issue 3's 0.1x); 1k is printed for the growth, with no goal."""

SIZED_REPEAT: dict[str, int] = {"200k": 5}
"""Fewer runs where jrnl takes seconds a run (3 to 6 s at 200k on the project's machine)."""

JRNL_VENV = Path(__file__).resolve().parent / ".venv-jrnl"
"""jrnl's own venv, made on first run."""

_BIN = "Scripts" if os.name == "nt" else "bin"
_EXE = ".exe" if os.name == "nt" else ""


def run(repeat: int = REPEAT) -> list[Row]:
    """Run the CLI benchmark, print its table and grid, and return their rows."""
    leanon = ROOT / ".venv" / _BIN / f"leanon{_EXE}"
    work = scratch_dir("cli")
    home = work / "home"
    env = _isolated_env(home)

    problem = _leanon_problem(leanon, work / "probe", env)
    if problem:
        print(f"\nCLI: skipped, {problem}")
        return []
    jrnl = ensure_jrnl()
    journals = work / "jrnl"
    journals.mkdir()

    def leanon_reach(db: Path) -> Callable[[], None]:
        return lambda: _run([str(leanon), "--db", str(db), "reach", "Sam"], env)

    def jrnl_add(
        folder: Path, pristine: str | None
    ) -> tuple[Callable[[], None], Callable[[], None]]:
        """jrnl adding an entry to a journal in ``folder`` (holding ``pristine``, or empty),
        and the setup that puts the journal back before each run."""
        assert jrnl is not None
        config, journal = _jrnl_config(jrnl, folder)
        kept = folder / "pristine.txt"
        if pristine is not None:
            kept.write_text(pristine, encoding="utf-8")

        def setup() -> None:
            if pristine is None:
                journal.unlink(missing_ok=True)
            else:
                shutil.copyfile(kept, journal)

        def add() -> None:
            _run([str(jrnl), "--config-file", str(config), "texted Sam."], env)

        return add, setup

    def side_by_side(
        ours: Callable[[], None],
        ours_setup: Callable[[], None],
        peer: tuple[Callable[[], None], Callable[[], None]] | None,
        times: int,
    ) -> tuple[Timing, Timing | None]:
        """leanon and jrnl in turns, or leanon alone when jrnl could not be installed."""
        if peer is None:
            return measure(ours, times, setup=ours_setup), None
        return compare(ours, peer[0], times, ours_setup=ours_setup, peer_setup=peer[1])

    python = measure(lambda: _run([sys.executable, "-c", "pass"], env), repeat)
    rows: list[Row] = [Row("python -c pass", python, note="start-up floor both pay; no goal")]

    empty_db = work / "empty" / "leanon.json"
    empty_db.parent.mkdir(parents=True)

    def clear_leanon() -> None:
        for leftover in (empty_db, empty_db.with_name(empty_db.name + ".lock")):
            leftover.unlink(missing_ok=True)
        shutil.rmtree(empty_db.parent / "backups", ignore_errors=True)

    empty_jrnl = jrnl_add(journals / "empty", None) if jrnl else None
    empty = side_by_side(leanon_reach(empty_db), clear_leanon, empty_jrnl, repeat)
    rows.append(Row("add one entry, empty", *empty, goal=EMPTY_GOAL if jrnl else None))

    ours_cells: dict[str, Row] = {}
    jrnl_cells: dict[str, Row] = {}
    for size, data in sized_files():
        times = SIZED_REPEAT.get(size, repeat)
        db = work / size / "leanon.json"
        db.parent.mkdir(parents=True)
        # Put back before each run as leanon's last save left the file and its lock file,
        # and a read left its totals (storage/totals.py), which is how a person's file is
        # when they log (backups from the warm-up run stay, so these are ordinary, not
        # first-of-day, adds); or with an empty lock file, as if a sync tool or an editor
        # had written it last: the full read and check.
        put_back = _restorer(data, db, as_leanon_left_it(data.path, db))
        status = [str(leanon), "--db", str(db), "status"]

        def restore(put_back: Callable[[], None] = put_back, status: list[str] = status) -> None:
            put_back()
            _run(status, env)  # a read keeps the totals beside the file, as leanon leaves it

        changed_outside = _restorer(data, db, b"")
        text = _jrnl_journal_text(data.path) if jrnl else ""
        peer = jrnl_add(journals / size, text) if jrnl else None
        ours, theirs = side_by_side(leanon_reach(db), restore, peer, times)
        if jrnl:
            _check_jrnl_added(journals / size / "journal.txt", text)
        label = f"add one entry, {size}"
        ours_cells[size] = Row(label, ours, theirs, goal=SIZED_GOALS.get(size) if jrnl else None)
        if theirs is not None:
            jrnl_cells[size] = Row(f"jrnl, {size}", theirs)
        _check_leanon_added(db, data.entries)
        if size == "10k":
            rows.append(
                Row(
                    "add one entry, 10k, file changed outside leanon",
                    *side_by_side(leanon_reach(db), changed_outside, peer, repeat),
                    note="the full read and check (no goal; see storage/quick.py)",
                )
            )

    title = f'CLI: `leanon --db X reach Sam` vs `jrnl "text"`, subprocesses (median of {repeat})'
    print_table(title, "leanon", "jrnl", rows)
    few = ", ".join(f"{n} at {size}" for size, n in SIZED_REPEAT.items())
    print_grid(
        f"CLI: `reach Sam` vs jrnl on the same entries, by entries in the file (median of "
        f"{repeat}; {few}, where jrnl takes seconds a run)",
        [
            Measure("leanon reach Sam", ours_cells, note="the quick path"),
            Measure("jrnl", jrnl_cells),
        ],
        "jrnl",
    )
    if jrnl is None:
        print("  jrnl could not be installed, so there is nothing to compare against.")
    return rows + list(ours_cells.values())


# --------------------------------------------------------------------- running


def _restorer(data: DataFile, db: Path, lock_bytes: bytes) -> Callable[[], None]:
    """What puts ``data`` back at ``db``, with ``lock_bytes`` in its lock file."""
    lock = db.with_name(db.name + ".lock")

    def restore() -> None:
        shutil.copyfile(data.path, db)
        lock.write_bytes(lock_bytes)

    return restore


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
        raise RuntimeError(
            f"jrnl did not add an entry to the {before.count(chr(10) + '['):,}-entry journal"
        )


if __name__ == "__main__":
    start = time.perf_counter()
    run()
    print(f"\n({time.perf_counter() - start:.0f} s)")
