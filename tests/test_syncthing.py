"""Two devices, one history, on a real sync engine: two Syncthing instances on this machine.

Each "device" is a Syncthing with its own home, its GUI/REST API and sync port on 127.0.0.1
only, global and local discovery, relays, NAT traversal, usage reporting and upgrades off;
the two are introduced to each other by device ID through the REST API and share one folder,
which holds the data file (and the ``.stignore`` lines ``leanon doctor`` gives). leanon runs
for real: its command line (``leanon --db ...``) and, on both devices the whole time, its
dashboard, the real command in a tmux pane each.

Every wait polls something with a deadline (Syncthing's REST API for completion, the two
folders for the copies and the entries): none is a bare sleep. Skipped, with the reason,
where ``syncthing`` or ``tmux`` is not installed; ``.ci/run`` installs both.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from storage import Store
from storage.filesafe import conflict_copies

pytestmark = [
    pytest.mark.skipif(
        shutil.which("syncthing") is None,
        reason="syncthing is not installed (Debian: apt-get install syncthing; .ci/run does)",
    ),
    pytest.mark.skipif(
        shutil.which("tmux") is None,
        reason="tmux is not installed (the dashboards run in it; .ci/run installs it)",
    ),
]

FOLDER_ID = "leanon"
LEANON = [sys.executable, "-m", "tui.entry"]
ROOT = Path(__file__).resolve().parents[1]
SETTLE_S = 20.0
"""The longest any one wait may take (the whole test takes well under a minute)."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(what: str, check: Callable[[], Any], timeout: float = SETTLE_S) -> Any:
    """Poll ``check`` until it returns something true; fail naming ``what`` at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            found = check()
        except (OSError, ValueError):
            found = None
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {timeout:.0f}s waiting for {what}")
        time.sleep(0.1)  # the poll's interval, not a wait: the deadline bounds the wait


class Device:
    """One Syncthing instance, its shared folder, and leanon's data file in it."""

    def __init__(self, name: str, base: Path) -> None:
        self.name = name
        self.home = base / f"{name}-syncthing"
        self.folder = base / name
        self.folder.mkdir(mode=0o700)
        self.db = self.folder / "leanon.json"
        self.api_key = secrets.token_hex(16)
        self.gui_port, self.sync_port = free_port(), free_port()
        out = subprocess.run(
            ["syncthing", "generate", f"--home={self.home}", "--no-default-folder"],
            capture_output=True,
            text=True,
            check=True,
        )
        self.id = next(
            line.split("Device ID:", 1)[1].strip()
            for line in (out.stdout + out.stderr).splitlines()
            if "Device ID:" in line
        )
        self._configure()
        self.process: subprocess.Popen[bytes] | None = None

    def _configure(self) -> None:
        """Everything on 127.0.0.1, nothing that talks to the internet."""
        path = self.home / "config.xml"
        tree = ET.parse(path)
        gui = tree.getroot().find("gui")
        assert gui is not None
        gui.set("tls", "false")
        _set(gui, "address", f"127.0.0.1:{self.gui_port}")
        _set(gui, "apikey", self.api_key)
        options = tree.getroot().find("options")
        assert options is not None
        for key, value in {
            "listenAddress": f"tcp://127.0.0.1:{self.sync_port}",
            "globalAnnounceEnabled": "false",
            "localAnnounceEnabled": "false",
            "relaysEnabled": "false",
            "natEnabled": "false",
            "urAccepted": "-1",
            "autoUpgradeIntervalH": "0",
            "crashReportingEnabled": "false",
            "startBrowser": "false",
            "reconnectionIntervalS": "1",
            "stunServer": "",
        }.items():
            _set(options, key, value)
        home_free = options.find("minHomeDiskFree")
        if home_free is not None:
            home_free.text = "0"
        tree.write(path)

    def start(self) -> None:
        env = {**os.environ, "STNOUPGRADE": "1", "STNORESTART": "1"}
        self.process = subprocess.Popen(
            [
                "syncthing",
                "serve",
                f"--home={self.home}",
                "--no-browser",
                "--no-restart",
                "--no-upgrade",
                f"--logfile={self.home / 'log.txt'}",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(f"{self.name}'s REST API", lambda: self.get("/rest/system/ping"))

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)

    def request(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}{path}",
            data=data,
            method=method,
            headers={"X-API-Key": self.api_key, "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - localhost
            text = response.read()
        return json.loads(text) if text.strip() else {}

    def get(self, path: str) -> Any:
        return self.request("GET", path)

    def post(self, path: str, body: Any = None) -> Any:
        return self.request("POST", path, body)

    def introduce(self, other: Device) -> None:
        """Know the other device by its ID and address, and share the folder with it."""
        self.post(
            "/rest/config/devices",
            {
                "deviceID": other.id,
                "name": other.name,
                "addresses": [f"tcp://127.0.0.1:{other.sync_port}"],
            },
        )
        self.post(
            "/rest/config/folders",
            {
                "id": FOLDER_ID,
                "label": "leanon",
                "path": str(self.folder),
                "type": "sendreceive",
                "devices": [{"deviceID": self.id}, {"deviceID": other.id}],
                "fsWatcherEnabled": True,
                "fsWatcherDelayS": 1,
                "rescanIntervalS": 3600,
                "minDiskFree": {"value": 0, "unit": "%"},
            },
        )

    def pause(self, paused: bool = True) -> None:
        """Pause (or resume) the shared folder: the device neither sends nor takes changes.

        The folder rather than the other device: a paused device is redialled with a
        back-off, so coming back took Syncthing 20 seconds; the folder resumes at once.
        """
        self.request("PATCH", f"/rest/config/folders/{FOLDER_ID}", {"paused": paused})

    def paused(self) -> bool:
        """The folder is paused and no longer running (its status has no state then)."""
        config = self.get(f"/rest/config/folders/{FOLDER_ID}")
        status = self.get(f"/rest/db/status?folder={FOLDER_ID}")
        return bool(config.get("paused")) and status.get("state") in ("", "paused")

    def scan(self) -> None:
        self.post(f"/rest/db/scan?folder={FOLDER_ID}")

    def in_step_with(self, other: Device) -> bool:
        """Idle, nothing to pull, and the other device has everything we have."""
        status = self.get(f"/rest/db/status?folder={FOLDER_ID}")
        completion = self.get(f"/rest/db/completion?folder={FOLDER_ID}&device={other.id}")
        return (
            status.get("state") == "idle"
            and status.get("needTotalItems", 0) == 0
            and completion.get("completion") == 100
            and completion.get("needItems", 0) == 0
        )

    def connected_to(self, other: Device) -> bool:
        connections = self.get("/rest/system/connections")["connections"]
        return bool(connections.get(other.id, {}).get("connected"))

    def leanon(self, *args: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [*LEANON, "--db", str(self.db), *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
            env={**os.environ, "LEANON_DB": str(self.db)},
        )
        assert result.returncode == 0, (args, result.stdout, result.stderr)
        return result

    def words(self) -> list[str]:
        """What each entry in the data file is about (every entry here has its own words),
        sorted: a duplicate would show twice."""
        with Store.open(self.db) as store:
            return sorted(e.note or e.text or e.who or e.kind for e in store.entries())


def _set(parent: ET.Element, tag: str, value: str) -> None:
    element = parent.find(tag)
    if element is None:
        element = ET.SubElement(parent, tag)
    element.text = value


class Dashboards:
    """leanon's dashboard, the real command, open on each device in a tmux pane."""

    def __init__(self, devices: tuple[Device, ...], base: Path) -> None:
        self.socket = str(base / "tmux.sock")
        self.devices = devices
        for device in devices:
            command = " ".join([*LEANON, "--db", str(device.db)])
            self._tmux(
                "new-session", "-d", "-s", device.name, "-x", "100", "-y", "32",
                f"cd {ROOT} && TERM=xterm-256color {command}",
            )  # fmt: skip
        for device in devices:
            wait_for(
                f"the dashboard on {device.name}",
                lambda device=device: "Last reached out" in self.screen(device),
            )

    def _tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-S", self.socket, *args], capture_output=True, text=True, check=True
        ).stdout

    def screen(self, device: Device) -> str:
        return self._tmux("capture-pane", "-p", "-t", device.name)

    def close(self) -> None:
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], capture_output=True)


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Device, Device, Path]]:
    a, b = Device("A", tmp_path), Device("B", tmp_path)
    try:
        for device in (a, b):
            # What `leanon doctor` tells a person to add (tests/test_cli.py checks its words):
            # the lock file, backups/ and the totals belong to one device.
            (device.folder / ".stignore").write_text(
                "/leanon.json.lock\n/backups\n/leanon.json.totals-*\n"
            )
            device.start()
        a.introduce(b)
        b.introduce(a)
        wait_for("the two devices to connect", lambda: a.connected_to(b) and b.connected_to(a))
        yield a, b, tmp_path
    finally:
        a.stop()
        b.stop()


def resume(a: Device, b: Device) -> None:
    """Resume the shared folder on both devices (:func:`settle` sees them connected)."""
    for device in (a, b):
        device.pause(False)


def settle(a: Device, b: Device, expected: set[str]) -> None:
    """Wait until both devices hold exactly ``expected``, with no conflict copy left and
    Syncthing idle and complete both ways."""

    last_scan = [0.0]
    down_since: list[float | None] = [None]

    def settled() -> bool:
        # Now and then Syncthing 1.19 drops the connection around a folder's pause ("index
        # update for nonexistent or paused folder") and redials only 20 seconds later;
        # then one instance is restarted, and it dials the other as it starts.
        if not a.connected_to(b):
            since = down_since[0] = down_since[0] or time.monotonic()
            if time.monotonic() - since > 2:
                b.stop()
                b.start()
                down_since[0] = None
            return False
        down_since[0] = None
        # A scan now and then, for what the folder watcher has not reported yet; never on
        # every poll: a folder kept scanning never gets to pull.
        if time.monotonic() - last_scan[0] > 2:
            for device in (a, b):
                device.scan()
            last_scan[0] = time.monotonic()
        return (
            not conflict_copies(str(a.db))
            and not conflict_copies(str(b.db))
            and a.in_step_with(b)
            and b.in_step_with(a)
            and a.words() == sorted(expected)
            and b.words() == sorted(expected)
        )

    try:
        wait_for("both devices to hold the same entries", settled)
    except AssertionError:
        raise AssertionError(
            f"A has {a.words()}, B has {b.words()}, expected {sorted(expected)}"
        ) from None


def test_two_devices_one_history(pair: tuple[Device, Device, Path]) -> None:
    a, b, base = pair
    started = time.monotonic()

    # 1. Logging on A, then on B, with sync between: both see everything.
    a.leanon("belong", "A: the bus driver waved")
    settle(a, b, {"A: the bus driver waved"})
    # From here on the dashboard is open on both devices (B has the file now: before, its
    # dashboard would have opened on the first-run welcome).
    dashboards = Dashboards((a, b), base)
    try:
        run_scenarios(a, b, dashboards)
    except AssertionError as failed:
        screens = "\n".join(f"--- {d.name}:\n{dashboards.screen(d)}" for d in (a, b))
        folders = {d.name: sorted(p.name for p in d.folder.rglob("*")) for d in (a, b)}
        logs = "\n".join(
            f"--- {d.name}'s Syncthing:\n"
            + "\n".join((d.home / "log.txt").read_text(errors="replace").splitlines()[-15:])
            for d in (a, b)
        )
        raise AssertionError(f"{failed}\n{folders}\n{screens}\n{logs}") from None
    finally:
        dashboards.close()
    elapsed = time.monotonic() - started
    print(f"two devices on Syncthing: {elapsed:.1f}s")
    assert elapsed < 60


def run_scenarios(a: Device, b: Device, dashboards: Dashboards) -> None:
    b.leanon("belong", "B: coffee with Ana")
    b.leanon("reach", "Sam", "--note", "B: texted Sam before going offline")
    acknowledged = {
        "A: the bus driver waved",
        "B: coffee with Ana",
        "B: texted Sam before going offline",
    }
    settle(a, b, acknowledged)
    assert "doesn't keep out" not in a.leanon("doctor").stdout  # the .stignore is right

    # 2. Offline from each other: each logs, and B deletes (undoes) an entry A still has.
    for device in (a, b):
        device.pause()
    wait_for("the pause", lambda: a.paused() and b.paused())
    a.leanon("belong", "A: offline, a neighbour said hello")
    b.leanon("belong", "B: offline, a long walk")
    b.leanon("reach", "Jo", "--note", "B: logged by mistake")
    assert "Undone: texted Jo" in b.leanon("undo").stdout  # a deletion: undoing the logging
    gone = "B: texted Sam before going offline"
    with Store.open(b.db) as store:  # the `d` of a list, as the dashboard's job runs it
        store.delete_entry(next(e.id for e in store.entries() if e.note == gone))
    acknowledged |= {"A: offline, a neighbour said hello", "B: offline, a long walk"}
    acknowledged -= {gone}
    resume(a, b)
    # Syncthing leaves a conflict copy; a dashboard merges it and says so.
    settle(a, b, acknowledged)
    merged = list((a.folder / "backups").glob("leanon.json.merged-leanon.sync-conflict-*")) + list(
        (b.folder / "backups").glob("leanon.json.merged-leanon.sync-conflict-*")
    )
    assert merged, "no conflict copy was kept in backups/"
    wait_for(
        "a dashboard to say it merged the copy",
        lambda: any("Merged" in dashboards.screen(d) for d in (a, b)),
        timeout=5,
    )
    with Store.open(a.db) as store:
        assert any(how == "deleted" for how, _ in store.marks().values())

    # 3. One entry edited differently on each side while apart: the later edit wins.
    for device in (a, b):
        device.pause()
    wait_for("the pause", lambda: a.paused() and b.paused())
    target = "B: coffee with Ana"
    for device, words in (
        (a, "A: coffee with Ana, edited on A"),
        (b, "B: coffee, edited on B last"),
    ):
        with Store.open(device.db) as store:
            store.edit_entry(next(e.id for e in store.entries() if e.text == target), text=words)
    a.leanon("rest")  # A changed more since: its file is the newer one
    acknowledged = (acknowledged - {target}) | {"B: coffee, edited on B last", "rest"}
    resume(a, b)
    settle(a, b, acknowledged)
    kept = [
        p
        for d in (a, b)
        for p in (d.folder / "backups").glob("leanon.json.*merge*")
        if b"A: coffee with Ana, edited on A" in p.read_bytes()
    ]
    assert kept, "the edit that lost is kept in backups/"

    # 4. Undo after a merge: nothing from before the merge is taken back; a change made
    # after it is, on both devices.
    assert a.leanon("undo").stdout == "Nothing to undo.\n"
    b.leanon("belong", "B: after the merge")
    settle(a, b, acknowledged | {"B: after the merge"})
    assert b.leanon("undo").stdout == "Undone: a moment of belonging: B: after the merge.\n"
    settle(a, b, acknowledged)
