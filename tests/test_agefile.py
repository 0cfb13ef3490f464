"""storage/agefile.py: age files through OpenSSL, checked against pyrage (rage, the
reference) and Debian's ``age``, and against every way a file can be changed after it was
written."""

from __future__ import annotations

import hmac
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyrage
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyrage import x25519

from storage import agefile
from storage.agefile import CHUNK, TAG

SIZES = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, agefile.BATCH * CHUNK + 5]
"""Lengths at and around the chunks' edges, and past one batch of them."""


@pytest.fixture(scope="module")
def who() -> Any:
    return x25519.Identity.generate()


def key_of(identity: Any) -> agefile.Key:
    return agefile.Key(agefile.secret_from_text(str(identity)))


def plain_of(size: int) -> bytes:
    return (b'{"a": "%d"}\n' * (size // 10 + 1))[:size]


def encrypted(key: agefile.Key, pieces: list[bytes]) -> bytes:
    out = bytearray()
    agefile.encrypt(key.public, pieces, out.extend)
    return bytes(out)


def from_file(keys: list[agefile.Key], path: Path) -> bytearray | None:
    with open(path, "rb", buffering=0) as handle:
        return agefile.decrypt_file(keys, handle)


@pytest.mark.parametrize("size", SIZES)
def test_what_it_writes_pyrage_reads_and_it_reads_back(who: Any, size: int) -> None:
    plain = plain_of(size)
    sealed = encrypted(key_of(who), [plain])
    assert bytes(pyrage.decrypt(sealed, [who])) == plain
    assert agefile.decrypt([key_of(who)], sealed) == plain
    chunks = max(1, -(-size // CHUNK))
    assert len(sealed) == sealed.index(b"\n--- ") + 5 + 43 + 1 + 16 + size + chunks * TAG


@pytest.mark.parametrize("size", SIZES)
def test_what_pyrage_writes_it_reads_from_bytes_and_from_a_file(
    who: Any, size: int, tmp_path: Path
) -> None:
    plain = plain_of(size)
    sealed = bytes(pyrage.encrypt(plain, [who.to_public()]))
    assert b"grease" in sealed  # rage adds a stanza of its own, which age says to skip
    assert agefile.decrypt([key_of(who)], sealed) == plain
    path = tmp_path / "f.age"
    path.write_bytes(sealed)
    assert from_file([key_of(who)], path) == plain


@settings(max_examples=60, deadline=None)
@given(
    size=st.integers(0, 3 * CHUNK + 7),
    cuts=st.lists(st.integers(0, 3 * CHUNK + 7), max_size=6),
)
def test_pieces_cut_anywhere_make_the_same_file_as_one_piece(
    who: Any, size: int, cuts: list[int]
) -> None:
    plain = plain_of(size)
    edges = sorted({0, size, *(c for c in cuts if c <= size)})
    pieces = [plain[a:b] for a, b in zip(edges, edges[1:], strict=False)]
    sealed = encrypted(key_of(who), [memoryview(piece) for piece in pieces])
    assert bytes(pyrage.decrypt(sealed, [who])) == plain


def test_every_file_has_its_own_key_and_nonce(who: Any) -> None:
    first, second = (encrypted(key_of(who), [b"same"]) for _ in range(2))
    assert first != second
    head = first.index(b"\n--- ") + 5 + 43 + 1
    assert first[head : head + 16] != second[head : head + 16]


def test_the_real_age_reads_a_file_it_wrote(who: Any, tmp_path: Path) -> None:
    if shutil.which("age") is None:
        pytest.skip("Debian's age is not installed (.ci/run installs it)")
    plain = plain_of(3 * CHUNK + 11)
    path = tmp_path / "f.age"
    path.write_bytes(encrypted(key_of(who), [plain]))
    identity = tmp_path / "identity.txt"
    identity.write_text(f"{who}\n")
    done = subprocess.run(
        ["age", "-d", "-i", str(identity), str(path)], capture_output=True, check=True
    )
    assert done.stdout == plain


def test_a_file_the_real_age_wrote_it_reads(who: Any, tmp_path: Path) -> None:
    if shutil.which("age") is None:
        pytest.skip("Debian's age is not installed (.ci/run installs it)")
    plain = plain_of(2 * CHUNK + 3)
    source = tmp_path / "plain.json"
    source.write_bytes(plain)
    subprocess.run(
        ["age", "-r", str(who.to_public()), "-o", str(tmp_path / "f.age"), str(source)],
        check=True,
    )
    assert from_file([key_of(who)], tmp_path / "f.age") == plain


def test_only_its_keys_open_it_and_an_older_one_still_does(who: Any) -> None:
    other = x25519.Identity.generate()
    sealed = encrypted(key_of(who), [b"{}"])
    assert agefile.decrypt([key_of(other)], sealed) is None
    assert agefile.decrypt([key_of(other), key_of(who)], sealed) == b"{}"


def changed_ways(sealed: bytes) -> dict[str, bytes]:
    """The file ``sealed`` (three chunks) changed as a disk, a sync tool or a person
    might: a bit flipped in each part, cut short, made longer, its chunks moved."""
    payload = sealed.index(b"\n--- ") + 5 + 43 + 1 + 16
    chunk = CHUNK + TAG
    ways = {
        "cut at the last chunk": sealed[: payload + 2 * chunk],
        "cut inside a chunk": sealed[:-1],
        "one byte more": sealed + b"\0",
        "a chunk more": sealed + sealed[payload : payload + chunk],
        "two chunks swapped": sealed[:payload]
        + sealed[payload + chunk : payload + 2 * chunk]
        + sealed[payload : payload + chunk]
        + sealed[payload + 2 * chunk :],
        "no payload": sealed[:payload],
    }
    for at in [*range(0, payload), payload + 1, payload + chunk + 5, len(sealed) - 1]:
        flipped = bytearray(sealed)
        flipped[at] ^= 0x01
        ways[f"bit flipped at {at}"] = bytes(flipped)
    return ways


def test_no_change_to_a_file_is_ever_read_as_its_bytes(who: Any, tmp_path: Path) -> None:
    sealed = encrypted(key_of(who), [plain_of(2 * CHUNK + 100)])
    path = tmp_path / "f.age"
    for way, changed in changed_ways(sealed).items():
        assert agefile.decrypt([key_of(who)], changed) is None, way
        path.write_bytes(changed)
        assert from_file([key_of(who)], path) is None, way
        try:  # and the reference refuses it too (but for a change to base64's spelling
            pyrage.decrypt(changed, [who])  # it reads alike, which no file of ours has)
        except pyrage.DecryptError:
            continue
        assert way.startswith("bit flipped"), way


def test_what_it_leaves_to_pyrage(who: Any) -> None:
    """An armored file, a passphrase (scrypt) file and a stanza of X25519's name but
    another shape are the reference's to read, or to refuse with its reason."""
    plain = b'{"x": 1}\n'
    armored = bytes(pyrage.encrypt(plain, [who.to_public()], armored=True))
    assert agefile.decrypt([key_of(who)], armored) is None
    scrypt = bytes(pyrage.passphrase.encrypt(plain, "p"))
    assert agefile.decrypt([key_of(who)], scrypt) is None
    odd = encrypted(key_of(who), [plain]).replace(b"-> X25519 ", b"-> X25519 extra ", 1)
    assert agefile.decrypt([key_of(who)], odd) is None


def test_a_secret_key_reads_as_its_32_bytes_and_nothing_else_does(who: Any) -> None:
    text = str(who)
    secret = agefile.secret_from_text(text)
    assert len(secret) == 32
    assert agefile.secret_from_text(text.lower()) == secret
    last = text[-1]
    at = next(i for i in range(16, len(text)) if text[i].isalpha())
    for bad in [
        text[:-1] + ("Q" if last != "Q" else "P"),  # the checksum no longer holds
        text[:at] + text[at].lower() + text[at + 1 :],  # mixed case
        text.replace("AGE-SECRET-KEY-", "AGE-PUBLIC-KEY-"),
        str(who.to_public()),
        text[:-7] + text[-6:],  # a letter short
        "AGE-SECRET-KEY-1" + "B" * 58,  # "b" is not one of Bech32's letters
    ]:
        with pytest.raises(ValueError):
            agefile.secret_from_text(bad)
    # the public half it derives is the one pyrage gives: pyrage opens what is sent to it
    assert bytes(pyrage.decrypt(encrypted(key_of(who), [b"k"]), [who])) == b"k"


@settings(max_examples=200)
@given(key=st.binary(max_size=150), message=st.binary(max_size=300))
def test_its_hmac_is_the_standard_librarys(key: bytes, message: bytes) -> None:
    assert agefile._hmac(key, message) == hmac.digest(key, message, "sha256")


def test_openssls_binding_is_the_public_modules_class() -> None:
    """The binding is taken from ``cryptography``'s compiled module (5 ms, against 20 for
    its public modules); it is the very class the public module gives, so the day it moves
    this fails, while leanon goes on through the public modules."""
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    aead, x25519_ops = agefile._primitives()
    assert aead is ChaCha20Poly1305
    assert len(x25519_ops.generate_key().public_key().public_bytes_raw()) == 32


def test_it_reads_without_hashlib_or_the_public_modules(tmp_path: Path) -> None:
    """What the quick path on an encrypted file imports: no ``hashlib`` (4 ms), none of
    ``cryptography``'s public modules (20 ms)."""
    code = (
        "import sys\n"
        "from pyrage import x25519\n"
        "who = x25519.Identity.generate()\n"
        "before = set(sys.modules)\n"
        "from storage import agefile\n"
        "key = agefile.Key(agefile.secret_from_text(str(who)))\n"
        "out = bytearray()\n"
        "agefile.encrypt(key.public, [b'x' * 70000], out.extend)\n"
        "assert agefile.decrypt([key], bytes(out)) == b'x' * 70000\n"
        "new = set(sys.modules) - before\n"
        "print(sorted(m for m in new if 'hashlib' in m or 'primitives' in m))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "[]"
