"""The local secret key: keyed hashes of personal numbers so they can be matched, never read back.

`FAZHI_SECRET_KEY` (hex or any string) wins; otherwise a random key is created once in the
data directory with owner-only permissions.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from functools import lru_cache

from fazhi.config import data_dir


@lru_cache(maxsize=1)
def secret_key() -> bytes:
    """The key for HMACs of personal numbers (created on first use)."""
    env = os.environ.get("FAZHI_SECRET_KEY")
    if env:
        return env.encode("utf-8")
    path = data_dir() / "secret.key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip().encode("utf-8")


def keyed_hash(value: str) -> str:
    """HMAC-SHA256 of ``value`` under the local key: equal numbers match, the number is not recoverable."""
    return hmac.new(secret_key(), value.encode("utf-8"), hashlib.sha256).hexdigest()


def mask_number(value: str, keep_head: int = 6, keep_tail: int = 4) -> str:
    """``110105198503121234`` -> ``110105********1234`` (display form of an ID, phone or card number)."""
    if len(value) <= keep_head + keep_tail:
        return "*" * len(value)
    return value[:keep_head] + "*" * (len(value) - keep_head - keep_tail) + value[-keep_tail:]
