"""Document text sealed at rest: AES-256-GCM under a key derived from the local secret key.

Judgments carry ID numbers, phones, bank accounts and addresses (法发〔2022〕33号 §20; issue 5
item 5). The store keeps the text only in sealed form — a copy of the database file, a backup or
a PostgreSQL dump reveals nothing without the key in the data directory (or $FAZHI_SECRET_KEY).
Values written before sealing (no prefix) are read as they are, so old stores keep working.
"""

from __future__ import annotations

import base64
import os
from functools import lru_cache
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy.types import Text, TypeDecorator

from fazhi.errors import ConfigError
from fazhi.secrets import secret_key

PREFIX = "fz1:"


@lru_cache(maxsize=4)
def _cipher(key: bytes) -> AESGCM:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"fazhi-sealed-text", info=b"v1").derive(key)
    return AESGCM(derived)


def seal(plain: str) -> str:
    """``fz1:`` + base64(nonce ‖ ciphertext ‖ tag)."""
    nonce = os.urandom(12)
    ct = _cipher(secret_key()).encrypt(nonce, plain.encode("utf-8"), b"fazhi-document-text")
    return PREFIX + base64.b64encode(nonce + ct).decode("ascii")


def unseal(stored: str) -> str:
    """The plain text of a sealed value (an unsealed legacy value is returned as it is)."""
    if not stored.startswith(PREFIX):
        return stored
    raw = base64.b64decode(stored[len(PREFIX):])
    try:
        return _cipher(secret_key()).decrypt(raw[:12], raw[12:], b"fazhi-document-text").decode("utf-8")
    except Exception as exc:  # InvalidTag: wrong key or altered ciphertext
        raise ConfigError("无法解密文书内容：密钥与数据库不匹配（检查 FAZHI_SECRET_KEY 或数据目录中的 secret.key）",
                          "cannot decrypt stored text: the secret key does not match this database "
                          "(check FAZHI_SECRET_KEY or secret.key in the data directory)") from exc


class SealedText(TypeDecorator[str]):
    """A Text column whose values are sealed on the way in and unsealed on the way out."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        return None if value is None else seal(str(value))

    def process_result_value(self, value: Any, dialect: Any) -> str | None:
        return None if value is None else unseal(str(value))
