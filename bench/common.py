"""What every benchmark shares: the cached data files, timing, and the printed table."""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The project folder."""

DATA = Path(__file__).resolve().parent / ".data"
"""Generated data and scratch space; gitignored."""

END = datetime(2026, 11, 28, 18, 30, tzinfo=timezone(timedelta(hours=1)))
"""The fixed "now" of every benchmark: the demo data ends here and the clock stays here."""

# --------------------------------------------------------------------- processes


def child_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for timed subprocesses: bytecode cached, as on a person's machine.

    With ``PYTHONDONTWRITEBYTECODE`` set (some shells and CI set it) every run would compile
    our sources again while installed packages keep their ``.pyc``: a handicap no real
    install has. So bytecode is allowed and kept under ``bench/.data/pycache``, away from
    the source tree; the warm-up runs fill it.
    """
    env = dict(os.environ if base is None else base)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(DATA / "pycache")
    return env


# --------------------------------------------------------------------- timing


@dataclass(frozen=True)
class Timing:
    """Wall-clock samples of one measurement, in seconds."""

    samples: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def low(self) -> float:
        return min(self.samples)

    @property
    def high(self) -> float:
        return max(self.samples)


def measure(
    run: Callable[[], object],
    repeat: int,
    setup: Callable[[], object] | None = None,
    warmup: int = 1,
) -> Timing:
    """Time ``run`` ``repeat`` times (after ``warmup`` untimed runs); ``setup`` is not timed."""
    samples: list[float] = []
    for i in range(warmup + repeat):
        if setup is not None:
            setup()
        start = time.perf_counter()
        run()
        took = time.perf_counter() - start
        if i >= warmup:
            samples.append(took)
    return Timing(tuple(samples))


def compare(
    ours: Callable[[], object],
    peer: Callable[[], object],
    repeat: int,
    ours_setup: Callable[[], object] | None = None,
    peer_setup: Callable[[], object] | None = None,
    warmup: int = 1,
) -> tuple[Timing, Timing]:
    """Time ``ours`` and ``peer`` in turns (ABBA order), so a machine that gets busier or
    quieter during the run shifts both alike; setups are not timed."""
    samples: dict[bool, list[float]] = {True: [], False: []}
    for i in range(warmup + repeat):
        for mine in (True, False) if i % 2 == 0 else (False, True):
            setup = ours_setup if mine else peer_setup
            if setup is not None:
                setup()
            run = ours if mine else peer
            start = time.perf_counter()
            run()
            took = time.perf_counter() - start
            if i >= warmup:
                samples[mine].append(took)
    return Timing(tuple(samples[True])), Timing(tuple(samples[False]))


def ms(seconds: float) -> str:
    """Seconds as a short millisecond figure."""
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def mib(size: float) -> str:
    """Bytes as a short MiB figure."""
    return f"{size / 2**20:.1f} MiB"


def times(ratio: float) -> str:
    """A ratio as printed: three decimals below 1, so 0.753x never reads as 0.75x."""
    return f"{ratio:.3f}x" if ratio < 1 else f"{ratio:.2f}x"


def figure(value: float, unit: str) -> str:
    """A sample as printed: seconds as milliseconds, ``"B"`` (bytes) as MiB."""
    return mib(value) if unit == "B" else ms(value)


# --------------------------------------------------------------------- the table


@dataclass(frozen=True)
class Row:
    """One line of a table: ours against the peer, with an optional goal on the ratio.

    ``budget`` is an absolute goal in seconds for rows with no peer (the only kind there
    is: save-to-panel latency, which is about what a person can notice). ``unit`` is what
    the samples are: ``"s"`` (seconds, the usual) or ``"B"`` (bytes, for peak memory).
    """

    label: str
    ours: Timing | None
    peer: Timing | None = None
    goal: float | None = None
    budget: float | None = None
    note: str = ""
    unit: str = "s"

    @property
    def ratio(self) -> float | None:
        if self.ours is None or self.peer is None or self.peer.median <= 0:
            return None
        return self.ours.median / self.peer.median

    @property
    def verdict(self) -> str:
        if self.goal is not None and self.ratio is not None:
            return "PASS" if self.ratio <= self.goal else "MISS"
        if self.budget is not None and self.ours is not None:
            return "PASS" if self.ours.median <= self.budget else "MISS"
        return ""


def print_table(title: str, ours_name: str, peer_name: str, rows: Sequence[Row]) -> None:
    """Print a readable table of medians, spreads, ratios and verdicts."""
    header = ("", ours_name, peer_name, "ratio", "goal", "")
    lines: list[tuple[str, ...]] = [header]
    for row in rows:
        ours = "-" if row.ours is None else figure(row.ours.median, row.unit)
        peer = "-" if row.peer is None else figure(row.peer.median, row.unit)
        ratio = "" if row.ratio is None else times(row.ratio)
        if row.goal is not None:
            goal = f"<= {row.goal:.2f}x"
        elif row.budget is not None:
            goal = f"<= {ms(row.budget)}"
        else:
            goal = ""
        lines.append((row.label, ours, peer, ratio, goal, row.verdict))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    print()
    print(title)
    print("-" * len(title))
    for n, line in enumerate(lines):
        cells = [line[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(line[1:5], widths[1:5], strict=True)]
        cells.append(line[5])
        print("  ".join(cells).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths[:5]))
    for row in rows:
        if row.note:
            print(f"  {row.label}: {row.note}")
    spread = [
        f"  {row.label}: leanon {span(row.ours, row.unit)}"
        + (f", {peer_name} {span(row.peer, row.unit)}" if row.peer else "")
        for row in rows
        if row.ours is not None and len(row.ours.samples) > 1
    ]
    if spread:
        print("  range (min..max):")
        for text in spread:
            print("  " + text)


def span(timing: Timing, unit: str = "s") -> str:
    """The lowest and highest sample, as ``"61.2 ms..70.4 ms"``."""
    return f"{figure(timing.low, unit)}..{figure(timing.high, unit)}"


# --------------------------------------------------------------------- the grid


SIZES: tuple[str, ...] = ("1k", "10k", "50k", "200k")
"""The file sizes every read is measured at (see :func:`sized_files`), smallest first."""


@dataclass(frozen=True)
class Measure:
    """One line of a grid: the same measurement at each file size, a :class:`Row` per size.

    A size without a row is printed as a dash. Each row's own peer gives its ratio, so
    every ratio is of two figures measured side by side at that size.
    """

    label: str
    cells: Mapping[str, Row]
    note: str = ""


def print_grid(
    title: str, measures: Sequence[Measure], ratio_to: str, sizes: Sequence[str] = SIZES
) -> None:
    """Print measures as a grid with one column per file size, so growth shows at a glance.

    Each measure takes a line of medians; a measure with a peer adds a line of ratios
    (``ratio_to`` names the peer), and one with goals a line of goals, with PASS or MISS
    beside the ratio it judges. The range of each measure follows the grid.
    """
    lines: list[tuple[str, ...]] = [("", *sizes)]
    for measure in measures:
        row_at = [measure.cells.get(size) for size in sizes]
        lines.append(
            (
                measure.label,
                *(
                    "-" if c is None or c.ours is None else figure(c.ours.median, c.unit)
                    for c in row_at
                ),
            )
        )
        if any(c is not None and c.ratio is not None for c in row_at):
            lines.append(
                (
                    f"  / {ratio_to}",
                    *(
                        ""
                        if c is None or c.ratio is None
                        else f"{times(c.ratio)} {c.verdict}".strip()
                        for c in row_at
                    ),
                )
            )
        if any(c is not None and c.goal is not None for c in row_at):
            lines.append(
                (
                    "  goal",
                    *("" if c is None or c.goal is None else f"<= {c.goal:.2f}x" for c in row_at),
                )
            )
    widths = [max(len(line[i]) for line in lines) for i in range(len(sizes) + 1)]
    print()
    print(title)
    print("-" * len(title))
    for n, line in enumerate(lines):
        padded = [line[0].ljust(widths[0])]
        padded += [cell.rjust(width) for cell, width in zip(line[1:], widths[1:], strict=True)]
        print("  ".join(padded).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))
    for measure in measures:
        if measure.note:
            print(f"  {measure.label}: {measure.note}")
    spread: list[str] = []
    for measure in measures:
        ranges = [
            span(c.ours, c.unit) if c is not None and c.ours is not None else "-"
            for c in (measure.cells.get(size) for size in sizes)
        ]
        if any(r != "-" for r in ranges):
            spread.append(f"    {measure.label}: {' | '.join(ranges)}")
    if spread:
        print(f"  range (min..max) at {' | '.join(sizes)}:")
        for text in spread:
            print(text)


# --------------------------------------------------------------------- the run


def run_header() -> str:
    """When, where and at which commit this run is: a README figure names its run by it."""
    when = time.strftime("%Y-%m-%d %H:%M %Z")
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            models = [
                line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")
            ]
        if models:
            cpu = models[0]
    except OSError:
        pass
    commit = _git("rev-parse", "HEAD") or "unknown"
    dirty = _git("status", "--porcelain", "--untracked-files=no")
    state = " (with uncommitted changes)" if dirty else ""
    return (
        f"run of {when} on {platform.node()}: {os.cpu_count()} cores, {cpu}; "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{platform.system()} {platform.release()} {platform.machine()}\n"
        f"commit {commit}{state}"
    )


def _git(*args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


# --------------------------------------------------------------------- data


def _demo_digest(*made_with: object) -> str:
    """Changes whenever the demo generator or what it is asked for changes, so cached files
    are rebuilt (a file of 1,000 entries asked for with more years is a new file)."""
    source = (ROOT / "storage" / "demo.py").read_bytes()
    return hashlib.sha256(source + repr(made_with).encode()).hexdigest()[:10]


@dataclass(frozen=True)
class DataFile:
    """A cached leanon data file and how it was made."""

    path: Path
    entries: int
    people: int
    import_seconds: float


def cached_data_file(
    name: str, years: float, seed: int, people: int, last: int | None = None
) -> DataFile:
    """A leanon data file of demo data, made once through ``Store.import_records``.

    Args:
        name: what to call it under ``bench/.data``.
        years, seed, people: passed to :func:`storage.demo.generate`, ending at :data:`END`.
        last: keep only this many newest entries (a file of exactly 10,000).
    """
    from storage import FixedClock, Store
    from storage.demo import generate

    DATA.mkdir(parents=True, exist_ok=True)
    stem = f"{name}-{_demo_digest(years, seed, people, last, END.isoformat())}"
    path, meta = DATA / f"{stem}.json", DATA / f"{stem}.meta.json"
    if path.exists() and meta.exists():
        info = json.loads(meta.read_text())
        return DataFile(path, info["entries"], info["people"], info["import_seconds"])
    cast, entries = generate(END, years=years, seed=seed, people=people)
    if last is not None:
        entries = entries[-last:]
    print(
        f"  making {path.name}: {len(entries):,} entries, {len(cast)} people "
        "(once; cached in bench/.data) ...",
        flush=True,
    )
    scratch = DATA / f"making-{stem}"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    start = time.perf_counter()
    with Store(scratch / path.name, FixedClock(END)) as store:
        store.import_records(cast, entries)
    took = time.perf_counter() - start
    (scratch / path.name).replace(path)
    shutil.rmtree(scratch, ignore_errors=True)
    info = {"entries": len(entries), "people": len(cast), "import_seconds": took}
    meta.write_text(json.dumps(info))
    print(f"  made in {took:.1f} s", flush=True)
    return DataFile(path, len(entries), len(cast), took)


def onek_file() -> DataFile:
    """A file of exactly 1,000 entries (the newest of about three months, 12 people)."""
    return cached_data_file("onek", years=0.25, seed=7, people=12, last=1_000)


def tenk_file() -> DataFile:
    """A file of exactly 10,000 entries (the newest of about two years, 40 people)."""
    return cached_data_file("tenk", years=2.2, seed=7, people=40, last=10_000)


def decade_file() -> DataFile:
    """The decade file (about 50,000 entries, 150 people)."""
    return cached_data_file("decade", years=10, seed=7, people=150)


def lifetime_file() -> DataFile:
    """A very active lifetime: exactly 200,000 entries (the newest of forty years), 300 people."""
    return cached_data_file("lifetime", years=40, seed=7, people=300, last=200_000)


def sized_files() -> list[tuple[str, DataFile]]:
    """The file at each of :data:`SIZES`: 1k, 10k, 50k (the decade) and 200k entries."""
    makers = (onek_file, tenk_file, decade_file, lifetime_file)
    return [(size, make()) for size, make in zip(SIZES, makers, strict=True)]


def scratch_dir(name: str) -> Path:
    """An empty folder under ``bench/.data`` for one benchmark's copies."""
    folder = DATA / "scratch" / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def forget_totals(db: Path) -> None:
    """Remove the totals leanon keeps beside ``db`` (``storage.totals``), as if the file had
    just been replaced from outside: the next read reads every entry."""
    from storage import totals

    totals.forget(os.path.realpath(db))


def as_leanon_left_it(pristine: Path, db: Path) -> bytes:
    """Copy the cached file to ``db`` and save it once through leanon; the lock file's bytes.

    The cached file was made by a leanon import, but in a folder since deleted, lock file
    and all. One save of the same data (the same bytes) leaves the lock file a save leaves.
    """
    from storage.jsonfile import SafeJSONStorage

    shutil.copyfile(pristine, db)
    storage = SafeJSONStorage(db)
    storage.write(storage.read() or {})
    if db.read_bytes() != pristine.read_bytes():
        raise RuntimeError("saving the cached file again changed it")
    return db.with_name(db.name + ".lock").read_bytes()
