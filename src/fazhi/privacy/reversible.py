"""Reversible anonymisation for internal use: the published text plus a sealed map back to the original.

The map (where each replacement stands in the output and what it replaced) is encrypted with
AES-256-GCM under a key file the user keeps apart from the output (issue 5 item 4: pseudonyms
with a key kept separately, never in the output). Without the key the map reveals nothing; with
it `restore` gives back the original text exactly.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from fazhi.errors import BadInput
from fazhi.privacy.anonymize import Anonymized

MAGIC = "fazhi-anonymization-map-v1"


def load_or_create_key(path: Path) -> bytes:
    """A 256-bit key from ``path`` (hex); created with owner-only permissions when absent."""
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    try:
        key = bytes.fromhex(path.read_text().strip())
    except ValueError as exc:
        raise BadInput(f"密钥文件格式不对（应为64位十六进制）：{path}", f"key file is not 64 hex digits: {path}") from exc
    if len(key) != 32:
        raise BadInput(f"密钥文件格式不对（应为64位十六进制）：{path}", f"key file is not 64 hex digits: {path}")
    return key


def build_map(res: Anonymized) -> dict:
    """Output offsets of every replacement with the original text it stands for."""
    items, shift = [], 0
    for c in res.changes:
        out_start = c.start + shift
        items.append({"start": out_start, "end": out_start + len(c.replacement), "original": c.text})
        shift += len(c.replacement) - (c.end - c.start)
    return {"magic": MAGIC, "output_sha256": hashlib.sha256(res.text.encode("utf-8")).hexdigest(), "items": items}


def seal_map(mapping: dict, key: bytes) -> bytes:
    nonce = os.urandom(12)
    ct = AESGCM(key).encrypt(nonce, json.dumps(mapping, ensure_ascii=False).encode("utf-8"), MAGIC.encode())
    return base64.b64encode(nonce + ct) + b"\n"


def restore(anonymized_text: str, sealed: bytes, key: bytes) -> str:
    """The original text from the published text and its sealed map."""
    try:
        raw = base64.b64decode(sealed.strip(), validate=True)
        mapping = json.loads(AESGCM(key).decrypt(raw[:12], raw[12:], MAGIC.encode()))
    except (InvalidTag, ValueError) as exc:
        raise BadInput("无法打开还原映射：密钥不对或映射文件已损坏",
                       "cannot open the map: wrong key or damaged map file") from exc
    if hashlib.sha256(anonymized_text.encode("utf-8")).hexdigest() != mapping.get("output_sha256"):
        raise BadInput("该文本不是此映射对应的匿名化文本（或已被修改）",
                       "this text is not the anonymised text the map belongs to (or it was changed)")
    parts, pos = [], 0
    for item in mapping["items"]:
        parts.append(anonymized_text[pos:item["start"]])
        parts.append(item["original"])
        pos = item["end"]
    parts.append(anonymized_text[pos:])
    return "".join(parts)
