"""The vote's key: made at announcement, split among the committee, rebuilt at counting.

Plain Python (PyNaCl and PyCryptodome), no Django. A private key is 32 bytes; PyCryptodome's
Shamir works on 16-byte secrets, so each half is split on its own with the same indices.
A share is written as ``<index>-<64 hex digits>``: short enough to copy by hand.
"""

import base64
import json
import secrets
from functools import lru_cache

from Crypto.Protocol.SecretSharing import Shamir
from nacl.public import PrivateKey, PublicKey, SealedBox

THRESHOLD = 2
PAD_TO = 256  # ballots are padded to a multiple of this, so their size says nothing


class BadShares(ValueError):
    pass


def key_new() -> PrivateKey:
    return PrivateKey.generate()


def public_hex(key: PrivateKey) -> str:
    return key.public_key.encode().hex()


def key_split(key: PrivateKey, holders: int) -> list[str]:
    """Split the key so that any THRESHOLD of the ``holders`` shares rebuild it."""
    raw = key.encode()
    first = Shamir.split(THRESHOLD, holders, raw[:16])
    second = Shamir.split(THRESHOLD, holders, raw[16:])
    return [f"{i}-{a.hex()}{b.hex()}" for (i, a), (_j, b) in zip(first, second, strict=True)]


def _parse(share: str) -> tuple[int, bytes, bytes]:
    index, _sep, digits = "".join(share.split()).lower().partition("-")
    try:
        raw = bytes.fromhex(digits)
        number = int(index)
    except ValueError as error:
        raise BadShares("not a share") from error
    if len(raw) != 32 or number < 1:
        raise BadShares("not a share")
    return number, raw[:16], raw[16:]


def share_index(share: str) -> int:
    return _parse(share)[0]


def key_combine(shares: list[str], public_key_hex: str) -> PrivateKey:
    """Rebuild the private key from THRESHOLD different shares; refuse anything else.

    Shamir's combine returns *some* secret for any input, so the result is checked
    against the vote's public key.
    """
    parsed = {number: (a, b) for number, a, b in map(_parse, shares)}
    if len(parsed) < THRESHOLD:
        raise BadShares("too few different shares")
    first = Shamir.combine([(n, a) for n, (a, _b) in parsed.items()])
    second = Shamir.combine([(n, b) for n, (_a, b) in parsed.items()])
    key = PrivateKey(first + second)
    if key.public_key.encode().hex() != public_key_hex:
        raise BadShares("shares do not rebuild this vote's key")
    return key


def ballot_seal(content: dict, public_key_hex: str) -> bytes:
    data = json.dumps(content, separators=(",", ":"), sort_keys=True).encode()
    data += b" " * (-len(data) % PAD_TO)
    return _sealer(public_key_hex).encrypt(data)


@lru_cache(maxsize=32)
def _sealer(public_key_hex: str) -> SealedBox:
    # Public: holding it lets this process seal, never open.
    return SealedBox(PublicKey(bytes.fromhex(public_key_hex)))


def ballot_open(sealed: bytes, key: PrivateKey) -> dict:
    return json.loads(SealedBox(key).decrypt(sealed))


# Base32, mapped one to one onto an alphabet without the easily misread I, O, 0 and 1.
_TRACKER_ALPHABET = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
)


def tracker_new() -> str:
    """A random ballot tracker, easy to write down: 4 groups of 4 characters (80 bits)."""
    code = base64.b32encode(secrets.token_bytes(10)).decode().translate(_TRACKER_ALPHABET)
    return "-".join(code[i : i + 4] for i in range(0, 16, 4))


def seed_new() -> str:
    return secrets.token_hex(16)
