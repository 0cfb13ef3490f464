"""Encryption at rest (storage/sealed.py, storage/sealing.py, tui/clicrypt.py): the age
format, unlock once, every command on an encrypted file, and never a plain copy on disk.

Opening a passphrase's key costs scrypt seconds on purpose, so most tests share one key
made once (``session_key``) and put it in place the way ``leanon encrypt`` would; the
tests of the passphrase itself (wrong, right, changed, the real ``age``) pay for it.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import NOW, RunCli, refused

from storage import agefile, filesafe, sealed, sealing, totals
from storage.store import Store

PASSPHRASE = "correct horse battery staple"
ROOT = Path(__file__).resolve().parents[1]
MARKER = "zebra-7741-private-note"
"""A note that must never reach a file on disk in plain text."""


@pytest.fixture(scope="session")
def session_key() -> tuple[Any, bytes]:
    """One identity and its key file wrapped with :data:`PASSPHRASE` (one scrypt run)."""
    from pyrage import x25519

    who = x25519.Identity.generate()
    return who, sealed.wrap(who, "leanon.json", PASSPHRASE)


CIPHERS = ("openssl", "pyrage")
ONCE = {
    "test_the_dashboard_asks_for_the_passphrase_in_a_password_field",
    "test_the_unlock_screen",
    "test_a_file_of_a_megabyte_or_more_goes_through_openssl_alone",
    "test_a_smaller_file_goes_through_pyrage_alone",
}
"""Tests that no choice of cipher in this process changes (what the dashboard shows, what
a command in a process of its own does): run once, with OpenSSL."""


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if metafunc.function.__name__ not in ONCE:
        metafunc.parametrize("cipher", CIPHERS, indirect=True)


@pytest.fixture(autouse=True)
def cipher(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test twice (:func:`pytest_generate_tests`): every file encrypted and decrypted
    through OpenSSL (:mod:`storage.agefile`), as a file of a megabyte or more is, and
    through pyrage, as a smaller one is while OpenSSL's binding is not loaded
    (``sealed.FAST_FROM``). In a subprocess the file's own size chooses."""
    chosen = str(getattr(request, "param", CIPHERS[0]))
    fast = chosen == "openssl"
    monkeypatch.setattr(sealed, "FAST_FROM", 0 if fast else 1 << 62)
    monkeypatch.setattr(agefile, "loaded", lambda: fast)
    return chosen


@pytest.fixture(autouse=True)
def runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private per-login folder of this test's own, and no key held from another test."""
    place = tmp_path / "run"
    place.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(place))
    monkeypatch.delenv(sealed.PASSPHRASE_COMMAND_VAR, raising=False)
    sealed._opened.clear()
    yield place
    sealed._opened.clear()


def typed(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    """What standard input gives the next command (a passphrase, as a script pipes it)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def seed(run_cli: RunCli) -> None:
    assert run_cli("reach", "Sam", "--via", "call", "--note", MARKER).code == 0
    assert run_cli("honest", "4", "a quiet", "good", "day", "--at", "1d").code == 0
    assert run_cli("belong", "the baker waved", "--at", "2d").code == 0


def encrypt_with_session_key(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, session_key: tuple[Any, bytes]
) -> Any:
    """``leanon encrypt`` as a person runs it, with the shared key instead of a new one."""
    from pyrage import x25519

    who, wrapped = session_key
    with monkeypatch.context() as patch:
        patch.setattr(x25519.Identity, "generate", staticmethod(lambda: who))
        patch.setattr(sealed, "wrap", lambda *_: wrapped)
        typed(patch, PASSPHRASE + "\n")
        result = run_cli("encrypt")
    assert result.code == 0, result.err
    return result


@pytest.fixture
def encrypted(
    run_cli: RunCli,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    session_key: tuple[Any, bytes],
) -> bytes:
    """A data file with three entries and a backup, encrypted and unlocked; its plain bytes."""
    seed(run_cli)
    plain = db_path.read_bytes()
    encrypt_with_session_key(run_cli, monkeypatch, session_key)
    return plain


def opened(path: Path, who: Any) -> bytes:
    import pyrage

    return bytes(pyrage.decrypt(path.read_bytes(), [who]))


def every_file(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "run" not in p.parts)


# --------------------------------------------------------------------- the switch


def test_encrypt_leaves_the_file_its_backups_and_totals_encrypted(
    encrypted: bytes, db_path: Path, session_key: tuple[Any, bytes], run_cli: RunCli
) -> None:
    who, wrapped = session_key
    raw = db_path.read_bytes()
    assert raw.startswith(sealed.MAGIC) and MARKER.encode() not in raw
    assert opened(db_path, who) == encrypted  # the very bytes leanon saved, inside
    assert Path(sealed.key_path(str(db_path))).read_bytes() == wrapped
    backups = sealing.backup_files(str(db_path))
    assert backups and all(Path(b).read_bytes().startswith(sealed.MAGIC) for b in backups)
    assert run_cli("status").code == 0
    kept = Path(totals.totals_path(str(db_path)))
    assert kept.read_bytes().startswith(sealed.MAGIC)
    for path in every_file(db_path.parent):
        assert MARKER.encode() not in path.read_bytes(), path
        assert path.stat().st_mode & 0o077 == 0, path


def test_every_command_works_on_the_unlocked_encrypted_file(
    encrypted: bytes, db_path: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    from storage import quick

    before = run_cli("export").out
    logged = quick.log_entry(db_path, "reach", NOW, who="Ana")  # the quick path itself
    assert logged is not None and logged.new_person == "Ana"
    assert db_path.read_bytes().startswith(sealed.MAGIC)
    assert run_cli("reach", "Bea", "--at", "3h").code == 0
    assert run_cli("undo").code == 0
    status = run_cli("status", "--json").json()
    assert status["counts"]["reach"] == 2
    assert run_cli("people", "--names").out.split() == ["Ana", "Sam"]
    after = json.loads(run_cli("export").out)
    assert len(after["entries"]) == len(json.loads(before)["entries"]) + 1
    out = tmp_path / "out.json"
    exported = run_cli("export", "--output", out)
    assert exported.code == 0 and "plain text" in exported.err
    assert MARKER in out.read_text()
    assert run_cli("import", out).code == 0
    assert db_path.read_bytes().startswith(sealed.MAGIC)
    doctor = run_cli("doctor")
    assert "is encrypted (age format)" in doctor.out and "the key is unlocked" in doctor.out
    assert doctor.code == 0, doctor.out


def test_the_quick_path_keeps_todays_backup_encrypted(
    encrypted: bytes, db_path: Path, session_key: tuple[Any, bytes]
) -> None:
    """The quick path decrypts as it reads, so it has no encrypted bytes in hand: the day's
    first entry reads them again for the backup, which is the file as it was, encrypted."""
    from storage import quick

    shutil.rmtree(db_path.parent / "backups")
    before = db_path.read_bytes()
    assert quick.log_entry(db_path, "reach", NOW, who="Ana") is not None
    backups = sealing.backup_files(str(db_path))
    assert len(backups) == 1
    assert Path(backups[0]).read_bytes() == before
    assert opened(db_path, session_key[0]) != opened(Path(backups[0]), session_key[0])


@pytest.mark.parametrize("change", ["longer", "shorter", "tampered"])
def test_the_quick_path_declines_a_file_that_is_not_as_saved(
    encrypted: bytes,
    db_path: Path,
    session_key: tuple[Any, bytes],
    change: str,
    run_cli: RunCli,
) -> None:
    """Plain bytes of another length than the lock's record, or bytes that fail to decrypt:
    the quick path writes nothing and leaves it to the ordinary path, which reads every
    entry (and refuses the tampered file with one line)."""
    import pyrage

    from storage import quick

    who = session_key[0]
    plain = opened(db_path, who)
    if change == "tampered":
        raw = bytearray(db_path.read_bytes())
        raw[-20] ^= 1  # inside the last chunk: its tag no longer matches
        db_path.write_bytes(bytes(raw))
    else:
        other = plain.replace(b"[", b"[ ", 1) if change == "longer" else plain[:-2] + b"}"
        db_path.write_bytes(bytes(pyrage.encrypt(other, [who.to_public()])))
    on_disk = db_path.read_bytes()
    assert quick.log_entry(db_path, "reach", NOW, who="Ana") is None
    assert db_path.read_bytes() == on_disk
    if change == "tampered":  # damaged, not locked: unlocking again would not help
        result = run_cli("status")
        assert result.code != 0 and len(result.err.strip().splitlines()) == 1, result.err
        assert "is damaged" in result.err and "newest backup" in result.err
        assert "unlock" not in result.err


def test_a_wrong_key_is_locked_and_changed_bytes_are_damaged(
    encrypted: bytes, db_path: Path
) -> None:
    """pyrage's two refusals, told apart by :data:`storage.sealed.NO_KEY`: this pins them."""
    from pyrage import x25519

    real = str(db_path.resolve())
    raw = db_path.read_bytes()
    with pytest.raises(sealed.Damaged):
        sealed.open_bytes(real, raw[:-20] + bytes([raw[-20] ^ 1]) + raw[-19:])
    with pytest.raises(sealed.Damaged):
        sealed.open_bytes(real, raw[: len(raw) // 2])  # cut short
    import pyrage

    other = bytes(pyrage.encrypt(b"{}", [x25519.Identity.generate().to_public()]))
    with pytest.raises(sealed.Locked, match="does not open it"):
        sealed.open_bytes(real, other)


def test_open_file_reads_exactly_the_saved_length(
    encrypted: bytes, db_path: Path, session_key: tuple[Any, bytes]
) -> None:
    real = str(db_path.resolve())
    plain = opened(db_path, session_key[0])
    with db_path.open("rb") as handle:
        assert bytes(sealed.open_file(real, handle, len(plain))) == plain
    for size in (len(plain) - 1, len(plain) + 1):
        with db_path.open("rb") as handle, pytest.raises(ValueError):
            sealed.open_file(real, handle, size)


def test_decrypt_brings_back_the_plain_file_and_backups(
    encrypted: bytes, db_path: Path, run_cli: RunCli
) -> None:
    result = run_cli("decrypt")
    assert result.code == 0, result.err
    assert db_path.read_bytes() == encrypted
    assert not os.path.lexists(sealed.key_path(str(db_path)))
    for backup in sealing.backup_files(str(db_path)):
        assert Path(backup).read_bytes().startswith(b"{")
    assert run_cli("reach", "Sam").code == 0
    assert db_path.read_bytes().startswith(b"{")
    assert "not encrypted" in run_cli("doctor").out


def test_lock_makes_status_say_locked_and_never_ask(
    encrypted: bytes, db_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_cli("lock").code == 0
    monkeypatch.setattr(sys, "stdin", None)  # anything that asked would fail loudly
    assert run_cli("status").out == "leanon is locked: leanon unlock opens it\n"
    assert run_cli("status", "--format", "line").out == "locked\n"
    assert json.loads(run_cli("status", "--json").out) == {
        "locked": True,
        "file": str(db_path),
    }
    waybar = json.loads(run_cli("status", "--format", "waybar").out)
    assert waybar["text"] == "locked" and waybar["class"] == "locked"
    nudge = run_cli("nudge")
    assert (nudge.code, nudge.out, nudge.err) == (0, "", "")
    before = db_path.read_bytes()
    line = refused(run_cli("reach", "Ana"), 1)
    assert "is encrypted and its key is locked" in line and "leanon unlock" in line
    assert db_path.read_bytes() == before
    doctor = run_cli("doctor")
    assert "the key is locked" in doctor.out


@pytest.mark.parametrize("copy_sealed", [True, False], ids=["encrypted", "plain"])
def test_a_conflict_copy_merges_into_an_encrypted_file_and_is_kept_encrypted(
    encrypted: bytes,
    db_path: Path,
    run_cli: RunCli,
    session_key: tuple[Any, bytes],
    copy_sealed: bool,
) -> None:
    """Another device's copy, encrypted with the same key (or still plain, from a device
    that has not encrypted yet), merged, and kept encrypted in backups/."""
    who, _ = session_key
    other = db_path.parent / "other" / "leanon.json"
    other.parent.mkdir()
    other.write_bytes(encrypted)
    with Store.open(other, None) as store:
        store.add_reach("Dee", via="visit")
    copy = db_path.parent / "leanon.sync-conflict-20261128-210300-ABCDEFG.json"
    copy.write_bytes(sealed.seal_to(who, other.read_bytes()) if copy_sealed else other.read_bytes())
    result = run_cli("people", "--names")
    assert "Dee" in result.out and "Merged" in result.err, result.err
    assert not copy.exists()
    kept = [p for p in every_file(db_path.parent / "backups") if ".merged-" in p.name]
    assert kept and all(p.read_bytes().startswith(sealed.MAGIC) for p in kept)
    assert db_path.read_bytes().startswith(sealed.MAGIC)


def test_a_half_done_switch_is_finished_by_encrypt_again(
    run_cli: RunCli,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    session_key: tuple[Any, bytes],
) -> None:
    """A kill after the key file but before the data file: the file reads as it is, the
    next save encrypts it, and ``doctor`` names the state and the fix."""
    who, wrapped = session_key
    seed(run_cli)
    Path(sealed.key_path(str(db_path))).write_bytes(wrapped)
    sealed.remember(str(db_path), str(who))
    doctor = run_cli("doctor")
    assert "cut short" in doctor.out and doctor.code == 1
    assert run_cli("reach", "Sam").code == 0
    assert db_path.read_bytes().startswith(sealed.MAGIC)
    assert MARKER.encode() not in db_path.read_bytes()


# --------------------------------------------------------------------- the passphrase


def test_a_wrong_passphrase_says_so_and_changes_nothing(
    encrypted: bytes, db_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_cli("lock").code == 0
    before = {p: p.read_bytes() for p in every_file(db_path.parent)}
    typed(monkeypatch, "not it\n")
    line = refused(run_cli("unlock"), 1)
    assert line == f"leanon: that passphrase does not open {db_path}.key; nothing was changed"
    assert {p: p.read_bytes() for p in every_file(db_path.parent)} == before
    assert sealed.locked(str(db_path))
    typed(monkeypatch, PASSPHRASE + "\n")
    assert run_cli("unlock").code == 0
    assert run_cli("status", "--format", "line").out != "locked\n"


def test_the_passphrase_command_unlocks_for_scripts(
    encrypted: bytes, db_path: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    assert run_cli("lock").code == 0
    script = tmp_path / "pass.sh"
    script.write_text(f"#!/bin/sh\necho '{PASSPHRASE}'\n")
    script.chmod(0o700)
    result = run_cli("people", "--names", env={sealed.PASSPHRASE_COMMAND_VAR: str(script)})
    assert result.code == 0 and "Sam" in result.out, result.err
    assert run_cli("status", "--format", "line").out != "locked\n"  # unlocked for the next


def test_change_passphrase_makes_a_new_key_for_the_file_and_its_backups(
    encrypted: bytes,
    db_path: Path,
    run_cli: RunCli,
    monkeypatch: pytest.MonkeyPatch,
    session_key: tuple[Any, bytes],
    tmp_path: Path,
) -> None:
    """A new passphrase comes with a new key: whoever holds an old copy of the key file
    and the old passphrase opens nothing written after the change."""
    import pyrage

    old, _ = session_key
    real = str(db_path)
    before = {path: Path(path).read_bytes() for path in sealing.backup_files(real)}
    assert before  # the fixture's file has a backup to re-encrypt
    earlier_copy = db_path.read_bytes()  # e.g. another device's copy, from before
    typed(monkeypatch, "a new one\n")
    result = run_cli("encrypt", "--change-passphrase")
    assert result.code == 0, result.err
    assert "encrypted to a new key" in result.out
    with pytest.raises(sealed.WrongPassphrase):
        sealed.unwrap(real, PASSPHRASE)
    keys = sealed.unwrap(real, "a new one").split()
    assert len(keys) == 2 and keys[1] == str(old)  # new first; the old one kept, for old copies
    for path in [real, *before]:
        raw = Path(path).read_bytes()
        assert sealed.is_sealed(raw) and raw != before.get(path, earlier_copy)
        with pytest.raises(pyrage.DecryptError):
            pyrage.decrypt(raw, [old])  # the old key alone opens none of them
    assert opened(db_path, pyrage.x25519.Identity.from_str(keys[0])) == encrypted
    sealed._opened.clear()
    assert sealed.open_bytes(real, earlier_copy) == encrypted  # an old copy still opens
    assert run_cli("status", "--format", "line").out != "locked\n"  # unlocked, the new key
    run_cli("reach", "Ana")
    with pytest.raises(pyrage.DecryptError):
        pyrage.decrypt(db_path.read_bytes(), [old])  # saves go to the new key
    if shutil.which("age") is not None:  # the real tool, with the new passphrase
        out = tmp_path / "run" / "plain.json"
        key = sealed.key_path(real)
        code = _age_under_a_terminal(["age", "-d", "-i", key, "-o", str(out), real], "a new one")
        assert code == 0 and b'"Ana"' in out.read_bytes()


def test_change_passphrase_killed_at_random_moments_leaves_every_file_readable(
    encrypted: bytes, db_path: Path, runtime: Path, session_key: tuple[Any, bytes]
) -> None:
    """Killed after the key file changed, while the files are re-encrypted: each file
    opens with the key file beside it, under one passphrase or the other."""
    import random

    who, _ = session_key
    rng = random.Random(5)
    env = dict(os.environ, LEANON_DB=str(db_path), LEANON_NOW=NOW.isoformat())
    key = Path(sealed.key_path(str(db_path)))
    for attempt in range(2):
        first = key.read_bytes()
        child = _leanon(["encrypt", "--change-passphrase"], env)
        assert child.stdin is not None
        child.stdin.write(f"new passphrase {attempt}\n".encode())
        child.stdin.close()
        deadline = time.monotonic() + 60
        while key.read_bytes() == first and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.001)
        time.sleep(rng.uniform(0, 0.02))
        child.send_signal(signal.SIGKILL)
        child.wait()
        sealed._opened.clear()
        for phrase in (
            f"new passphrase {attempt}",
            PASSPHRASE,
            *(f"new passphrase {n}" for n in range(attempt)),
        ):
            try:
                secret = sealed.unwrap(str(db_path), phrase)
            except sealed.WrongPassphrase:
                continue
            break
        else:
            raise AssertionError("no passphrase opens the key file")
        sealed.hold(str(db_path), secret)
        assert sealed.open_bytes(str(db_path), db_path.read_bytes()) == encrypted
        for backup in sealing.backup_files(str(db_path)):
            raw = Path(backup).read_bytes()
            assert sealed.open_bytes(str(db_path), raw).startswith(b"{")
        filesafe.remove_stale_temps(str(db_path))
        sealed.remember(str(db_path), secret)
    assert str(who) in sealed.unwrap(str(db_path), phrase).split()  # the first key is kept


def test_the_passphrase_is_never_an_argument(run_cli: RunCli) -> None:
    assert run_cli("unlock", "hunter2").code == 2


def test_an_unlocked_key_expires(
    encrypted: bytes, db_path: Path, runtime: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached = next((runtime / "leanon").iterdir())
    assert cached.stat().st_mode & 0o777 == 0o600
    assert (runtime / "leanon").stat().st_mode & 0o777 == 0o700
    sealed._opened.clear()
    monkeypatch.setattr(sealed, "_now", lambda: time.time() + sealed.UNLOCK_SECONDS + 1)
    assert sealed.locked(str(db_path))
    assert not cached.exists()


def test_no_per_login_folder_and_no_keyring_says_what_to_do(
    encrypted: bytes,
    db_path: Path,
    run_cli: RunCli,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    monkeypatch.setattr(sealed, "_keyring", lambda: None)
    sealed._opened.clear()
    assert sealed.locked(str(db_path))
    with pytest.raises(Exception, match="nowhere private"):
        sealed.remember(str(db_path), "AGE-SECRET-KEY-1X")


def test_a_keyring_keeps_the_key_where_there_is_no_per_login_folder(
    encrypted: bytes, db_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Keyring:
        priority = 1
        kept: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, user: str) -> str | None:
            return self.kept.get((service, user))

        def set_password(self, service: str, user: str, secret: str) -> None:
            self.kept[(service, user)] = secret

        def delete_password(self, service: str, user: str) -> None:
            self.kept.pop((service, user))

    ring = Keyring()
    secret = str(sealed.identity(str(db_path)))
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    monkeypatch.setattr(sealed, "_keyring", lambda: ring)
    assert "keyring" in sealed.remember(str(db_path), secret)
    sealed._opened.clear()
    assert run_cli("people", "--names").code == 0
    assert run_cli("lock").code == 0
    assert ring.kept == {}


# --------------------------------------------------------------------- the real age tool


def _age_under_a_terminal(args: list[str], passphrase: str) -> int:
    """Run Debian's ``age`` with a terminal of its own, typing ``passphrase`` at its prompt."""
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.execvp(args[0], args)
    said = b""
    deadline = time.monotonic() + 60
    typed_it = False
    while time.monotonic() < deadline:
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        said += chunk
        if not typed_it and b"passphrase" in said.lower():
            os.write(fd, passphrase.encode() + b"\n")
            typed_it = True
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status)


@pytest.mark.skipif(shutil.which("age") is None, reason="Debian's age is not installed")
def test_the_real_age_reads_the_file_with_the_documented_command(
    encrypted: bytes, db_path: Path, tmp_path: Path, session_key: tuple[Any, bytes]
) -> None:
    """``age -d -i leanon.json.key leanon.json`` (docs/data-format.md), typing the
    passphrase at age's prompt, gives the plain file leanon saved."""
    out = tmp_path / "run" / "plain.json"  # a test's own output, not leanon's
    key = sealed.key_path(str(db_path))
    code = _age_under_a_terminal(["age", "-d", "-i", key, "-o", str(out), str(db_path)], PASSPHRASE)
    assert code == 0
    assert out.read_bytes() == encrypted
    who, _ = session_key
    identity = tmp_path / "run" / "identity.txt"
    identity.write_bytes(sealed.key_text(who, str(db_path)))
    for backup in sealing.backup_files(str(db_path)):
        done = subprocess.run(
            ["age", "-d", "-i", str(identity), backup], capture_output=True, check=True
        )
        assert done.stdout.startswith(b"{")


# --------------------------------------------------------------------- kill -9


def _leanon(args: list[str], env: dict[str, str], **kw: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tui.entry", *args],
        env=env,
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        **kw,
    )


def _readable(db: Path, expected: bytes, who: Any) -> str:
    """The one form ``db`` is in, checked: "plain" or "sealed" (with its key beside it)."""
    raw = db.read_bytes()
    if sealed.is_sealed(raw):
        assert os.path.exists(sealed.key_path(str(db)))
        assert opened(db, who) == expected
        return "sealed"
    assert raw == expected
    return "plain"


def test_kill_9_at_random_moments_leaves_one_readable_form(
    encrypted: bytes, db_path: Path, runtime: Path, session_key: tuple[Any, bytes]
) -> None:
    """``leanon decrypt`` and ``leanon encrypt`` killed with SIGKILL at random moments:
    every file is whole, in one form, and readable with the key that is beside it."""
    import random

    who, _ = session_key
    rng = random.Random(17)
    env = dict(os.environ, LEANON_DB=str(db_path), LEANON_NOW=NOW.isoformat())
    sealed_folder = db_path.parent / "sealed-copy"
    shutil.copytree(db_path.parent, sealed_folder, ignore=shutil.ignore_patterns("run"))
    forms = set()
    for _ in range(12):  # decrypt needs no scrypt (the key is unlocked): many kills
        child = _leanon(["decrypt"], env)
        time.sleep(rng.uniform(0.05, 0.6))
        child.send_signal(signal.SIGKILL)
        child.wait()
        forms.add(_readable(db_path, encrypted, who))
        for backup in sealing.backup_files(str(db_path)):
            raw = Path(backup).read_bytes()
            assert raw.startswith((b"{", sealed.MAGIC))
        filesafe.remove_stale_temps(str(db_path))
        for name in os.listdir(sealed_folder):  # back to encrypted for the next kill
            target = db_path.parent / name
            if (sealed_folder / name).is_dir():
                shutil.rmtree(target, ignore_errors=True)
                shutil.copytree(sealed_folder / name, target)
            else:
                shutil.copy2(sealed_folder / name, target)
        sealed.remember(str(db_path), str(who))  # a decrypt that finished locked it
    # encrypt: scrypt (seconds) runs before anything is written, so most kills come after
    # the key file appears, when the data file and the backups are being replaced.
    assert run_decrypt(env) == 0
    for attempt in range(3):
        child = _leanon(["encrypt"], env)
        assert child.stdin is not None
        child.stdin.write(PASSPHRASE.encode() + b"\n")
        child.stdin.close()
        key = Path(sealed.key_path(str(db_path)))
        deadline = time.monotonic() + 60
        while not key.exists() and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.001)
        time.sleep(rng.uniform(0, 0.03) if attempt else 0)
        child.send_signal(signal.SIGKILL)
        child.wait()
        if key.exists():
            sealed._opened.clear()
            secret = sealed.unwrap(str(db_path), PASSPHRASE)  # the key file is whole
            from pyrage import x25519

            new_who = x25519.Identity.from_str(secret)
            forms.add(_readable(db_path, encrypted, new_who))
            sealed.remember(str(db_path), secret)
            assert run_decrypt(env) == 0
        assert db_path.read_bytes() == encrypted
    assert forms == {"plain", "sealed"}, forms


def run_decrypt(env: dict[str, str]) -> int:
    child = _leanon(["decrypt"], env)
    return child.wait()


# --------------------------------------------------------------------- nothing plain on disk


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_no_plain_copy_is_ever_written_to_disk(
    encrypted: bytes, db_path: Path, runtime: Path, tmp_path: Path
) -> None:
    """Every write of every command, traced by strace: none to a file in the data folder
    or in /tmp carries a word of the journal (``export --output`` writes plain text
    only because it is asked to, so it is left out)."""
    env = dict(os.environ, LEANON_DB=str(db_path), LEANON_NOW=NOW.isoformat())
    exported = str(runtime / "export.json")  # asked for in plain text, outside the folder
    commands: list[tuple[list[str], str, bool]] = [  # (arguments, standard input, checked)
        (["reach", "Sam", "--note", MARKER], "", True),
        (["reach", "Ana", "--note", MARKER, "--at", "2h"], "", True),
        (["status"], "", True),
        (["status", "--json"], "", True),
        (["status", "--format", "waybar"], "", True),
        (["people", "--json"], "", True),
        (["honest", "3", MARKER], "", True),
        (["undo"], "", True),
        (["export"], "", True),
        (["export", "--output", exported], "", True),
        (["import", exported], "", True),
        (["nudge"], "", True),
        (["doctor"], "", True),
        (["lock"], "", True),
        (["status"], "", True),
        (["unlock"], PASSPHRASE + "\n", True),
        (["encrypt", "--change-passphrase"], "another one\n", True),
        (["decrypt"], "", False),  # writes the plain file: that is what it is for
        (["encrypt"], "a third one\n", True),
        (["belong", MARKER], "", True),
    ]
    trace = tmp_path / "run" / "trace.txt"  # the per-login folder: not the data folder
    seen = 0
    for args, given, checked in commands:
        done = subprocess.run(
            [
                "strace",
                "-f",
                "-qq",
                "-y",
                "-s",
                "65536",
                "-e",
                "trace=write,pwrite64,writev,pwritev,pwritev2,sendfile,copy_file_range",
                "-o",
                str(trace),
                sys.executable,
                "-m",
                "tui.entry",
                *args,
            ],
            env=env,
            cwd=ROOT,
            input=given.encode(),
            capture_output=True,
        )
        assert done.returncode == 0, (args, done.stderr)
        for line in trace.read_text(errors="replace").splitlines() if checked else ():
            where = line.partition("<")[2].partition(">")[0]
            if where.startswith((str(db_path.parent) + "/", "/tmp/")):
                if where.startswith(str(runtime)):
                    continue
                seen += 1
                assert MARKER not in line, (args, where)
                assert '"{\\n  \\"' not in line, (args, where)  # the JSON's first bytes
    assert seen >= 10  # the trace does see leanon's writes (the file, its totals, the key)
    assert db_path.read_bytes().startswith(sealed.MAGIC)


def _without(module: str, folder: Path) -> dict[str, str]:
    """An environment in which ``import module`` fails, as it would were it not installed."""
    folder.mkdir()
    (folder / f"{module}.py").write_text(f"raise ImportError('no {module} in this test')\n")
    return {**os.environ, "PYTHONPATH": str(folder), "LEANON_NOW": NOW.isoformat()}


def _leanon_run(db: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui.entry", "--db", str(db), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_a_file_of_a_megabyte_or_more_goes_through_openssl_alone(
    db_path: Path,
    tmp_path: Path,
    run_cli: RunCli,
    clock: Any,
    monkeypatch: pytest.MonkeyPatch,
    session_key: tuple[Any, bytes],
) -> None:
    """A year and a half of entries, encrypted: ``reach`` works with pyrage not there at
    all (OpenSSL decrypts the file and encrypts it again), and what it wrote is what
    pyrage, the reference, reads."""
    from storage.demo import write_demo_file

    write_demo_file(db_path, clock, years=1.5)
    assert db_path.stat().st_size > sealed.FAST_FROM
    encrypt_with_session_key(run_cli, monkeypatch, session_key)
    who, _ = session_key
    before = json.loads(opened(db_path, who))
    done = _leanon_run(db_path, _without("pyrage", tmp_path / "blocked"), "reach", "Sam")
    assert done.returncode == 0, done.stderr
    assert "Logged" in done.stdout
    after = json.loads(opened(db_path, who))
    assert len(after["entries"]) == len(before["entries"]) + 1


def test_a_smaller_file_goes_through_pyrage_alone(
    encrypted: bytes, db_path: Path, tmp_path: Path, session_key: tuple[Any, bytes]
) -> None:
    """A few entries, encrypted: ``reach`` and ``status`` work with ``cryptography`` not
    there at all (pyrage imports in 1 ms, OpenSSL's binding in 5)."""
    env = _without("cryptography", tmp_path / "blocked")
    done = _leanon_run(db_path, env, "reach", "Sam")
    assert done.returncode == 0, done.stderr
    done = _leanon_run(db_path, env, "status", "--json")
    assert done.returncode == 0, done.stderr
    who, _ = session_key
    assert json.loads(opened(db_path, who))["entries"]


def test_a_plain_file_never_imports_the_age_library(tmp_path: Path) -> None:
    db = tmp_path / "plain.json"
    code = (
        "import sys, tui.entry\n"
        f"sys.argv = ['leanon', '--db', {str(db)!r}, 'reach', 'Sam']\n"
        "tui.entry.main()\n"
        f"sys.argv = ['leanon', '--db', {str(db)!r}, 'status', '--json']\n"
        "tui.entry.main()\n"
        "from tui.cli import main\n"
        f"main(['--db', {str(db)!r}, 'people'])\n"
        "print(*(m in sys.modules for m in ('pyrage', 'cryptography', 'keyring')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines()[-1] == "False False False"


# --------------------------------------------------------------------- the dashboard


@pytest.fixture
def locked_file(encrypted: bytes, db_path: Path, run_cli: RunCli) -> Path:
    assert run_cli("lock").code == 0
    return db_path


async def test_the_dashboard_asks_for_the_passphrase_in_a_password_field(
    locked_file: Path,
) -> None:
    from snapshot_apps.common import dashboard_app, settle, write
    from textual.widgets import Input

    from tui.screens.unlock import WRONG, UnlockScreen

    app = dashboard_app(locked_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        field = app.screen.query_one("#passphrase", Input)
        assert field.password and app.focused is field
        assert app.dashboard.board is None  # nothing read before the key is open
        await write(pilot, "not it")
        await pilot.press("enter")
        await settle(pilot)
        assert WRONG in str(app.screen.query_one("#unlock-said").render())
        assert locked_file.read_bytes().startswith(sealed.MAGIC)
        await write(pilot, PASSPHRASE)
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        assert not isinstance(app.screen, UnlockScreen)
        assert app.dashboard.board is not None
        assert app.dashboard.board.summary.counts["reach"] == 1
    assert not sealed.locked(str(locked_file))  # the command line is unlocked too


def test_the_unlock_screen(snap_compare: Any, locked_file: Path) -> None:
    from snapshot_apps.common import dashboard_app, no_blink, settle

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        no_blink(pilot.app)
        await pilot.pause()

    app = dashboard_app(locked_file)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


# --------------------------------------------------------------------- planted files


def test_an_export_over_the_key_file_is_refused(
    encrypted: bytes, db_path: Path, run_cli: RunCli
) -> None:
    key = Path(sealed.key_path(str(db_path)))
    before = key.read_bytes()
    line = refused(run_cli("export", "--output", key), 2)
    assert "the data file's key" in line
    assert key.read_bytes() == before


def test_an_unlock_cache_others_could_read_or_a_link_is_not_used(
    encrypted: bytes, db_path: Path, runtime: Path, tmp_path: Path
) -> None:
    """Someone who could plant the cached key (or read it) must not be trusted: a cache
    file readable by others, or a link, counts as locked."""
    cached = next((runtime / "leanon").iterdir())
    cached.chmod(0o644)
    sealed._opened.clear()
    assert sealed.locked(str(db_path))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(b"until 99999999999\nAGE-SECRET-KEY-1X\n")
    elsewhere.chmod(0o600)
    cached.unlink()
    cached.symlink_to(elsewhere)
    assert sealed.locked(str(db_path))


def test_an_encrypted_backup_imports_with_the_files_key(
    encrypted: bytes, db_path: Path, run_cli: RunCli
) -> None:
    backup = sealing.backup_files(str(db_path))[0]
    assert Path(backup).read_bytes().startswith(sealed.MAGIC)
    result = run_cli("import", backup)
    assert result.code == 0, result.err
    assert run_cli("lock").code == 0
    line = refused(run_cli("import", backup), 2)
    assert "locked" in line


def test_encrypt_again_changes_nothing_and_asks_nothing(
    encrypted: bytes, db_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = {p: p.read_bytes() for p in every_file(db_path.parent)}
    monkeypatch.setattr(sys, "stdin", None)
    result = run_cli("encrypt")
    assert result.code == 0 and "already encrypted" in result.out
    assert {p: p.read_bytes() for p in every_file(db_path.parent)} == before
