"""Request bodies shared by several routers, and the input checks every text route makes."""

from __future__ import annotations

import os

from pydantic import BaseModel, ConfigDict, Field

from fazhi.errors import BadInput

UPLOAD_LIMIT_ENV = "FAZHI_MAX_UPLOAD_BYTES"
DEFAULT_UPLOAD_LIMIT = 20 * 1024 * 1024


def upload_limit() -> int:
    """The size limit of one upload: ``FAZHI_MAX_UPLOAD_BYTES`` (default 20 MiB), read per request."""
    raw = os.environ.get(UPLOAD_LIMIT_ENV, "").strip().replace("_", "")
    try:
        value = int(raw) if raw else DEFAULT_UPLOAD_LIMIT
    except ValueError:
        value = DEFAULT_UPLOAD_LIMIT
    return value if value > 0 else DEFAULT_UPLOAD_LIMIT


class HTTPStatusError(BadInput):
    """A bad input with its own HTTP status (413 too large, 415 unsupported type)."""

    def __init__(self, status: int, zh: str, en: str) -> None:
        super().__init__(zh, en)
        self.status = status


class Body(BaseModel):
    """Base of every request body: unknown fields are refused (a typo is an error, not ignored)."""

    model_config = ConfigDict(extra="forbid")


class TextIn(Body):
    """A document or a passage of text, as one line of a CLI batch file (``id`` is echoed back)."""

    text: str = Field(min_length=1, description="文书或案情全文")
    id: str | int | None = Field(default=None, description="调用方自己的编号，原样返回")


def echo_id(body: BaseModel, out: dict) -> dict:  # type: ignore[type-arg]
    """``out`` with the caller's ``id`` first, when the request carried one (as batch output lines do)."""
    value = getattr(body, "id", None)
    return out if value is None else {"id": value, **out}


def checked_text(text: str) -> str:
    """The text, unless it is blank or holds a NUL (binary pasted as text): BadInput, 400."""
    if not text.strip():
        raise BadInput("文本为空", "the text is empty")
    if "\x00" in text:
        raise BadInput("文本中含有二进制内容（NUL字符）", "the text contains binary content (NUL characters)")
    return text
