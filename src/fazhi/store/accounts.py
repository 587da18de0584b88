"""Workbench tables: user accounts, login sessions, opt-outs, emergency stops, jobs, decisions.

Used by :mod:`fazhi.api`. Passwords are stored only as argon2 hashes and session tokens only as
SHA-256 digests, so a copy of the database lets no one log in. The schema is created by the
Alembic migration ``0002_workbench``; these classes mirror it for the ORM.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fazhi.store.models import Base


class User(Base):
    """A workbench account: role (judge, clerk, manager, admin, public), court and division."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    court: Mapped[str | None] = mapped_column(String(100))
    division: Mapped[str | None] = mapped_column(String(50))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[str] = mapped_column(String(40))


class UserSession(Base):
    """A login session; ``token_hash`` is the SHA-256 of the bearer/cookie token, never the token."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[str] = mapped_column(String(40))
    expires_at: Mapped[str] = mapped_column(String(40), index=True)


class OptOut(Base):
    """One assist kind a user has switched off for themselves (法发〔2022〕33号 §5)."""

    __tablename__ = "user_opt_outs"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)


class CapabilityStop(Base):
    """A capability stopped for everyone by an administrator (emergency stop, §7)."""

    __tablename__ = "capability_stops"

    capability: Mapped[str] = mapped_column(String(20), primary_key=True)
    reason: Mapped[str] = mapped_column(Text)
    stopped_by: Mapped[str] = mapped_column(String(200))
    stopped_at: Mapped[str] = mapped_column(String(40))
    audit_seq: Mapped[int | None] = mapped_column(Integer)


class Job(Base):
    """A background job (ingest, batch anonymisation) with its progress."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    state: Mapped[str] = mapped_column(String(12))  # queued | running | done | failed
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    result: Mapped[Any | None] = mapped_column(JSON)
    created_at: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[str] = mapped_column(String(40))


class Decision(Base):
    """A person's decision on an assist (采纳 adopt / 修改 modify / 不采纳 reject) with the reason."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    audit_id: Mapped[int] = mapped_column(Integer, index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    decision: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(Text)
    modified: Mapped[Any | None] = mapped_column(JSON)
    created_at: Mapped[str] = mapped_column(String(40))
    ledger_seq: Mapped[int] = mapped_column(Integer)
