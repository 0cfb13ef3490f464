"""age files for one x25519 key, read and written at OpenSSL's speed.

The form is age v1 (https://age-encryption.org/v1), exactly as ``age`` and pyrage write
it: a header of stanzas (here one ``X25519`` stanza, wrapping a random 16-byte file key to
the key's public half) closed by an HMAC-SHA-256 of the header, then a 16-byte nonce and
the payload in 64 KiB chunks of ChaCha20-Poly1305, each chunk's nonce its number and
whether it is the last. Only that framing is written here. Every primitive (X25519,
ChaCha20-Poly1305) is OpenSSL's, through the ``cryptography`` package; SHA-256 is the
standard library's, with HMAC and HKDF over it (RFC 2104 and 5869, a few lines each,
checked against ``hmac`` in the tests).

Why not pyrage alone, which reads and writes the same form: its cipher runs at about a
sixth of OpenSSL's speed here (a decade's 9 MB: 12 to 16 ms each way against 2 to 4), and
``leanon reach`` on an encrypted file decrypts the whole file and encrypts it again.

What this module does not read (an armored or scrypt file, a header of another shape, a
file whose key is not among the ones given, one that fails to authenticate) it returns
None for. The caller then hands the bytes to pyrage, the reference: it reads all of age
and says precisely why a file does not open. Nothing of a file that does not
authenticate is ever returned.

Imported only for an encrypted file. ``cryptography``'s OpenSSL binding is taken from its
compiled module directly (about 5 ms); its public modules, which hold the same classes,
import ``typing`` and more first (about 20 ms), and are the fallback should that module
ever move.
"""

from __future__ import annotations

import binascii
import os

try:  # the builtin SHA-256 (under 1 ms): hashlib loads the system's OpenSSL first (4 ms)
    from _sha2 import sha256 as _sha256  # Python 3.12 on
except ImportError:
    try:
        from _sha256 import sha256 as _sha256  # Python 3.11
    except ImportError:  # pragma: no cover - a Python built without them
        from hashlib import sha256 as _sha256
try:
    from _operator import _compare_digest as _same  # hmac.compare_digest, without hashlib
except ImportError:  # pragma: no cover
    from hmac import compare_digest as _same

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence
    from io import FileIO
    from typing import Any

MAGIC = b"age-encryption.org/v1\n"
"""The first line of every binary age file."""

CHUNK = 64 * 1024
"""The plain bytes of every payload chunk but the last (age's STREAM)."""

TAG = 16
"""Poly1305's tag after each chunk's encrypted bytes."""

HEAD_MAX = 16 * 1024
"""How much of a file its header is looked for in: leanon's is under 300 bytes, and one
with more stanzas than fit is left to pyrage."""

BATCH = 16
"""Chunks read, or written, at once (1 MiB): one system call each, into one buffer."""

_X25519_LABEL = b"age-encryption.org/v1/X25519"
_ZERO_NONCE = bytes(12)
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_SECRET_PREFIX = "age-secret-key-"

_ops: list[Any] = []
"""``[ChaCha20Poly1305, x25519]`` once loaded (:func:`_primitives`)."""


def loaded() -> bool:
    """Whether OpenSSL's binding is loaded in this process already."""
    return bool(_ops)


def _primitives() -> tuple[Any, Any]:
    """OpenSSL's ChaCha20-Poly1305 class and an x25519 namespace (``generate_key``,
    ``from_private_bytes``, ``from_public_bytes``), loaded once."""
    if not _ops:
        try:
            from cryptography.hazmat.bindings._rust import openssl

            aead: Any = openssl.aead.ChaCha20Poly1305
            x25519: Any = openssl.x25519
            aead.encrypt_into, aead.decrypt_into, x25519.generate_key, x25519.from_public_bytes  # noqa: B018
        except (ImportError, AttributeError):  # pragma: no cover - the binding moved
            import types

            from cryptography.hazmat.primitives.asymmetric import x25519 as public
            from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

            aead = ChaCha20Poly1305
            x25519 = types.SimpleNamespace(
                generate_key=public.X25519PrivateKey.generate,
                from_private_bytes=public.X25519PrivateKey.from_private_bytes,
                from_public_bytes=public.X25519PublicKey.from_public_bytes,
            )
        _ops[:] = [aead, x25519]
    return _ops[0], _ops[1]


# ------------------------------------------------------------------------------ keys


class Key:
    """An x25519 key: its secret half (to open files) and its public half (to write
    them), each 32 raw bytes; the secret is never shown."""

    __slots__ = ("_private", "public")

    def __init__(self, secret: bytes) -> None:
        _, x25519 = _primitives()
        self._private = x25519.from_private_bytes(secret)
        self.public: bytes = self._private.public_key().public_bytes_raw()

    def __repr__(self) -> str:
        return "Key(<secret>)"

    def shared(self, share: bytes) -> bytes:
        """The X25519 secret shared with the public ``share``.

        Raises:
            ValueError: ``share`` is a low-order point (the shared secret would be zero).
        """
        _, x25519 = _primitives()
        shared: bytes = self._private.exchange(x25519.from_public_bytes(share))
        return shared


def secret_from_text(text: str) -> bytes:
    """The 32 bytes of an age secret key written as ``AGE-SECRET-KEY-1...`` (Bech32).

    Raises:
        ValueError: it is not one (wrong prefix, letter, checksum or length).
    """
    text = text.strip()
    lower = text.lower()
    if text not in (lower, text.upper()):
        raise ValueError("mixed case")
    prefix, one, data = lower.rpartition("1")
    if prefix != _SECRET_PREFIX or not one or len(data) < 6:
        raise ValueError("not an age secret key")
    values = [_BECH32.index(c) for c in data]  # ValueError for a letter Bech32 lacks
    if _polymod([ord(c) >> 5 for c in prefix] + [0] + [ord(c) & 31 for c in prefix] + values) != 1:
        raise ValueError("its checksum is wrong")
    out = bytearray()
    acc = bits = 0
    for value in values[:-6]:
        acc = (acc << 5 | value) & 0xFFF
        bits += 5
        if bits >= 8:
            bits -= 8
            out.append(acc >> bits & 0xFF)
    if bits >= 5 or acc & ((1 << bits) - 1) or len(out) != 32:
        raise ValueError("not 32 bytes")
    return bytes(out)


def _polymod(values: list[int]) -> int:
    """Bech32's checksum over ``values`` (BIP 173)."""
    check = 1
    for value in values:
        top = check >> 25
        check = (check & 0x1FFFFFF) << 5 ^ value
        for i, gen in enumerate((0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)):
            if top >> i & 1:
                check ^= gen
    return check


# -------------------------------------------------------------------------- framing


_INNER = bytes(b ^ 0x36 for b in range(256))
_OUTER = bytes(b ^ 0x5C for b in range(256))


def _hmac(key: bytes, message: bytes) -> bytes:
    """HMAC-SHA-256 (RFC 2104) of ``message`` under ``key``."""
    if len(key) > 64:
        key = _sha256(key).digest()
    key = key.ljust(64, b"\0")
    inner = _sha256(key.translate(_INNER) + message).digest()
    return _sha256(key.translate(_OUTER) + inner).digest()


def _hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    """HKDF-SHA-256 (RFC 5869), 32 bytes: all age ever asks of it."""
    return _hmac(_hmac(salt, ikm), info + b"\x01")


def _b64(raw: bytes) -> bytes:
    """``raw`` in age's base64: the standard alphabet, no padding."""
    return binascii.b2a_base64(raw, newline=False).rstrip(b"=")


def _unb64(text: bytes) -> bytes | None:
    """The bytes of age's base64 ``text``, or None unless it is canonical (age accepts one
    spelling of each value)."""
    try:
        raw = binascii.a2b_base64(text + b"=" * (-len(text) % 4), strict_mode=True)
    except binascii.Error:
        return None
    return raw if _b64(raw) == text else None


def _chunk_nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _header(data: bytes) -> tuple[list[tuple[list[bytes], bytes]], int, bytes, int] | None:
    """The header at the start of ``data``: its stanzas (arguments, body), how long the
    part its MAC covers is (through ``---``), the MAC, and where the payload starts. None
    unless it is a whole, well-formed age v1 header."""
    if not data.startswith(MAGIC):
        return None
    stanzas: list[tuple[list[bytes], bytes]] = []
    pos = len(MAGIC)
    while True:
        end = data.find(b"\n", pos)
        if end < 0:
            return None
        line = data[pos:end]
        if line.startswith(b"--- "):
            mac = _unb64(line[4:])
            if mac is None or len(mac) != 32:
                return None
            return stanzas, pos + 3, mac, end + 1
        if not line.startswith(b"-> "):
            return None
        args = line[3:].split(b" ")
        if not all(arg and all(0x21 <= c <= 0x7E for c in arg) for arg in args):
            return None
        body = b""
        while True:  # lines of 64 characters, ended by a shorter one (perhaps empty)
            pos = end + 1
            end = data.find(b"\n", pos)
            piece = _unb64(data[pos:end]) if end >= 0 and end - pos <= 64 else None
            if piece is None:
                return None
            body += piece
            if end - pos < 64:
                break
        stanzas.append((args, body))
        pos = end + 1


def _opened(keys: Sequence[Key], data: bytes) -> tuple[Any, int] | None:
    """The payload's cipher and where the payload's chunks start, for the header at the
    start of ``data`` if one of ``keys`` opens it and its MAC holds; else None."""
    found = _header(data)
    if found is None:
        return None
    stanzas, covered, mac, start = found
    aead, _ = _primitives()
    for args, body in stanzas:
        if args[0] == b"scrypt":
            return None  # a passphrase file: pyrage's
        if args[0] != b"X25519":
            continue  # another kind of recipient, or grease: age skips those
        share = _unb64(args[1]) if len(args) == 2 else None
        if share is None or len(share) != 32 or len(body) != 32:
            return None
        for key in keys:
            try:
                wrap = _hkdf(key.shared(share), share + key.public, _X25519_LABEL)
                file_key = aead(wrap).decrypt(_ZERO_NONCE, body, None)
            except Exception:  # noqa: BLE001 - InvalidTag (not this key) or a low-order share
                continue
            if len(file_key) != 16:
                return None
            if not _same(_hmac(_hkdf(file_key, b"", b"header"), data[:covered]), mac):
                return None
            nonce = data[start : start + 16]
            if len(nonce) != 16:
                return None
            return aead(_hkdf(file_key, nonce, b"payload")), start + 16
    return None


def _chunk_lengths(size: int) -> tuple[int, int] | None:
    """How many chunks a payload of ``size`` encrypted bytes has, and the plain bytes in
    it; None for a length no age file has (the last chunk empty after a full one)."""
    count = max(1, -(-size // (CHUNK + TAG)))
    last = size - (count - 1) * (CHUNK + TAG)
    if last < TAG or (count > 1 and last == TAG):
        return None
    return count, size - count * TAG


def decrypt(keys: Sequence[Key], data: bytes) -> bytearray | None:
    """The plain bytes of the age file ``data``; None if it is not one these ``keys``
    open and authenticate whole (pyrage then says why)."""
    return _decrypted(keys, bytearray(data))


def decrypt_file(keys: Sequence[Key], handle: FileIO) -> bytearray | None:
    """The plain bytes of the age file open as ``handle``, read whole from its start and
    decrypted in place (:func:`_open_in_place`); None as for :func:`decrypt`, with
    ``handle`` then at an unknown place."""
    size = os.fstat(handle.fileno()).st_size
    data = bytearray(size)
    handle.seek(0)
    if not _read_into(handle, data) or handle.read(1):
        return None  # cut short, or grown, while it was read
    return _decrypted(keys, data)


def _decrypted(keys: Sequence[Key], data: bytearray) -> bytearray | None:
    """``data``, an age file's bytes, decrypted in place; None as for :func:`decrypt`."""
    opened = _opened(keys, bytes(data[:HEAD_MAX]))
    if opened is None:
        return None
    cipher, start = opened
    lengths = _chunk_lengths(len(data) - start)
    if lengths is None or not _open_in_place(cipher, data, start, lengths[0]):
        return None
    del data[lengths[1] :]
    return data


def _read_into(handle: FileIO, data: bytearray) -> bool:
    """Fill ``data`` from ``handle``; False if the file ends first."""
    view = memoryview(data)
    got = 0
    while got < len(view):
        n = handle.readinto(view[got:])
        if not n:
            return False
        got += n
    return True


def _open_in_place(cipher: Any, data: bytearray, start: int, count: int) -> bool:
    """Decrypt the ``count`` chunks of ``data`` from ``start`` on into the front of
    ``data`` itself; False if one does not authenticate.

    Each chunk is decrypted into one small buffer, then copied to where its plain bytes
    belong, which lies before the chunk's end: only bytes already decrypted are written
    over. Memory for a second copy of the file (a decade's 9 MB) would cost more than
    decrypting it, in page faults alone.
    """
    view = memoryview(data)
    spare = memoryview(bytearray(CHUNK))
    for index in range(count):
        at = start + index * (CHUNK + TAG)
        piece = view[at : at + CHUNK + TAG]
        size = len(piece) - TAG
        try:
            cipher.decrypt_into(_chunk_nonce(index, index == count - 1), piece, None, spare[:size])
        except Exception:  # noqa: BLE001 - InvalidTag: changed, moved or cut short
            return False
        view[index * CHUNK : index * CHUNK + size] = spare[:size]
    return True


def _pieces_in_chunks(pieces: Iterable[Any], size: int) -> Iterator[memoryview]:
    """The bytes of ``pieces`` (``size`` in all), one chunk at a time: a view into a piece
    where the chunk lies within one, else copied together."""
    staging = memoryview(bytearray(CHUNK))
    filled = 0
    left = size
    for piece in pieces:
        view = memoryview(piece).cast("B")
        while len(view):
            want = min(CHUNK, left) - filled
            if not filled and len(view) >= want:
                yield view[:want]
                left -= want
                view = view[want:]
                continue
            take = min(want, len(view))
            staging[filled : filled + take] = view[:take]
            filled += take
            view = view[take:]
            if filled == min(CHUNK, left):
                yield staging[:filled]
                left -= filled
                filled = 0
    if size == 0:
        yield staging[:0]  # an empty file is one empty chunk


def encrypt(public: bytes, pieces: Sequence[Any], write: Callable[[memoryview], object]) -> None:
    """``pieces`` (one after another) as an age file to the x25519 key ``public``, handed to
    ``write`` a header and then a batch of chunks at a time.

    A new file key, payload nonce and ephemeral key each time, from ``os.urandom``.
    """
    aead, x25519 = _primitives()
    file_key = os.urandom(16)
    ephemeral = x25519.generate_key()
    share: bytes = ephemeral.public_key().public_bytes_raw()
    shared = ephemeral.exchange(x25519.from_public_bytes(public))
    wrap = aead(_hkdf(shared, share + public, _X25519_LABEL))
    head = b"%s-> X25519 %s\n%s\n---" % (
        MAGIC,
        _b64(share),
        _b64(wrap.encrypt(_ZERO_NONCE, file_key, None)),
    )
    mac = _hmac(_hkdf(file_key, b"", b"header"), head)
    nonce = os.urandom(16)
    write(memoryview(b"%s %s\n%s" % (head, _b64(mac), nonce)))
    cipher = aead(_hkdf(file_key, nonce, b"payload"))
    size = sum(memoryview(piece).nbytes for piece in pieces)
    count = max(1, -(-size // CHUNK))
    buffer = memoryview(bytearray(BATCH * (CHUNK + TAG)))
    used = 0
    for index, chunk in enumerate(_pieces_in_chunks(pieces, size)):
        numbered = _chunk_nonce(index, index == count - 1)
        used += cipher.encrypt_into(numbered, chunk, None, buffer[used : used + len(chunk) + TAG])
        if used > len(buffer) - CHUNK - TAG:
            write(buffer[:used])
            used = 0
    if used:
        write(buffer[:used])
