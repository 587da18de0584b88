"""Errors that reach users: every one carries a Chinese and an English message.

The CLI turns a :class:`BadInput` into a one-line message on stderr and exit status 2
(DESIGN.md §4); the API turns it into an HTTP 4xx. Nothing else should be shown to users
as a traceback.
"""

from __future__ import annotations


class FazhiError(Exception):
    """Base class for errors with a bilingual message."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en

    def message(self) -> str:
        """One line, Chinese first, then English."""
        return f"{self.zh} / {self.en}".replace("\n", " ")


class BadInput(FazhiError):
    """The input cannot be used (empty, binary, unreadable, malformed, too large)."""


class ConfigError(FazhiError):
    """The configuration (database URL, data directory, model path) is unusable."""
