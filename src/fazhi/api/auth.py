"""Accounts and sessions: argon2 password hashes, expiring sessions, tokens stored only as hashes.

A token is 32 random bytes handed to the client once (bearer header or ``fazhi_session`` cookie);
the database keeps its SHA-256, so a copy of the database cannot be used to log in. Passwords are
hashed with argon2id (argon2-cffi defaults) and never logged or echoed.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from fazhi.api.permissions import ROLE_LABELS, ROLES
from fazhi.errors import BadInput
from fazhi.store.accounts import OptOut, User, UserSession
from fazhi.store.divisions import DIVISIONS

SESSION_HOURS_ENV = "FAZHI_SESSION_HOURS"
DEFAULT_SESSION_HOURS = 8.0
MIN_PASSWORD_CHARS = 8
_hasher = PasswordHasher()
# Verified against when the user does not exist, so an unknown name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


def now_iso() -> str:
    """The current UTC time in the one ISO spelling the store compares (lexicographic order = time order)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def session_hours() -> float:
    """How long a session lasts: ``FAZHI_SESSION_HOURS`` (default 8), read at each login."""
    raw = os.environ.get(SESSION_HOURS_ENV, "").strip()
    try:
        hours = float(raw) if raw else DEFAULT_SESSION_HOURS
    except ValueError:
        hours = DEFAULT_SESSION_HOURS
    return hours if hours > 0 else DEFAULT_SESSION_HOURS


def hash_password(password: str) -> str:
    """The argon2id hash of ``password`` (with its own random salt)."""
    return _hasher.hash(password)


def token_digest(token: str) -> str:
    """SHA-256 of a session token: what the database keeps."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Principal:
    """The user behind a request, detached from any database session."""

    id: int
    username: str
    role: str
    court: str | None
    division: str | None
    opted_out: frozenset[str] = field(default_factory=frozenset)
    via: str = "bearer"  # how the request authenticated: "bearer" or "cookie"
    token_hash: str = ""

    @property
    def name(self) -> str:
        """The display name (the username)."""
        return self.username

    @property
    def role_label(self) -> str:
        """The role in Chinese (法官, 书记员 …)."""
        return ROLE_LABELS.get(self.role, self.role)

    @property
    def actor(self) -> str:
        """How the audit log names this user."""
        return f"user:{self.username}"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "username": self.username, "role": self.role, "role_label": self.role_label,
                "court": self.court, "division": self.division}


def user_dict(user: User) -> dict[str, Any]:
    """An account as the API shows it (never the hash)."""
    return {"id": user.id, "username": user.username, "role": user.role,
            "role_label": ROLE_LABELS.get(user.role, user.role), "court": user.court,
            "division": user.division, "active": user.active, "created_at": user.created_at}


def validate_account(username: str, role: str, court: str | None, division: str | None) -> None:
    """BadInput unless the account fields make sense (court users need a court; judges a division)."""
    if not username or len(username) > 64 or not all(c.isalnum() or c in "._-@" for c in username):
        raise BadInput("用户名应为1至64个字母、数字或 . _ - @", "username: 1-64 letters, digits or . _ - @")
    if role not in ROLES:
        raise BadInput(f"未知的角色：{role}（可选 {'、'.join(ROLES)}）", f"unknown role: {role} (one of {', '.join(ROLES)})")
    if role in ("judge", "clerk", "manager") and not court:
        raise BadInput("法官、书记员、院庭长须指定所属法院", "judges, clerks and court managers need a court")
    if role in ("judge", "clerk") and not division:
        raise BadInput(f"法官、书记员须指定所属审判庭（如 {'、'.join(DIVISIONS)}）",
                       f"judges and clerks need a division (e.g. {', '.join(DIVISIONS)})")
    if (court is not None and len(court) > 100) or (division is not None and len(division) > 50):
        raise BadInput("法院或审判庭名称过长", "court or division name too long")


def create_user(session: Session, *, username: str, password: str | None, role: str, court: str | None,
                division: str | None = None, password_hash: str | None = None) -> User:
    """A new active account. ``password_hash`` lets tests reuse one precomputed hash."""
    validate_account(username, role, court, division)
    if password_hash is None:
        if password is None or len(password) < MIN_PASSWORD_CHARS:
            raise BadInput(f"密码至少需要{MIN_PASSWORD_CHARS}个字符", f"the password needs at least {MIN_PASSWORD_CHARS} characters")
        password_hash = hash_password(password)
    if session.execute(select(User.id).where(User.username == username)).first() is not None:
        raise BadInput(f"用户名已存在：{username}", f"username already exists: {username}")
    user = User(username=username, password_hash=password_hash, role=role, court=court or None,
                division=division or None, active=True, created_at=now_iso())
    session.add(user)
    session.flush()
    return user


def disable_user(session: Session, username: str) -> User | None:
    """Mark an account inactive and end its sessions; None when there is no such user."""
    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    if user is None:
        return None
    user.active = False
    session.execute(delete(UserSession).where(UserSession.user_id == user.id))
    return user


def list_users(session: Session) -> list[dict[str, Any]]:
    """Every account, as :func:`user_dict`."""
    return [user_dict(u) for u in session.execute(select(User).order_by(User.id)).scalars()]


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user with this name and password, else None (same cost either way)."""
    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    try:
        _hasher.verify(user.password_hash if user is not None else _DUMMY_HASH, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def issue_session(session: Session, user: User, *, hours: float | None = None) -> tuple[str, str]:
    """(token, expires_at) of a new session for ``user``; expired sessions are swept on the way."""
    session.execute(delete(UserSession).where(UserSession.expires_at < now_iso()))
    token = secrets.token_urlsafe(32)
    expires = (datetime.now(UTC) + timedelta(hours=session_hours() if hours is None else hours)).isoformat(
        timespec="seconds")
    session.add(UserSession(token_hash=token_digest(token), user_id=user.id, created_at=now_iso(), expires_at=expires))
    session.flush()
    return token, expires


def end_session(session: Session, token_hash: str) -> None:
    """Log out: the session row goes, so the token stops working at once."""
    session.execute(delete(UserSession).where(UserSession.token_hash == token_hash))


def principal_for_token(session: Session, token: str, *, via: str) -> Principal | None:
    """The user of a live session with this token, with their opt-outs; None if unknown or expired."""
    digest = token_digest(token)
    row = session.execute(
        select(User, UserSession.expires_at).join(UserSession, UserSession.user_id == User.id)
        .where(UserSession.token_hash == digest)).first()
    if row is None:
        return None
    user, expires_at = row
    if expires_at < now_iso() or not user.active:
        return None
    kinds = frozenset(session.execute(select(OptOut.kind).where(OptOut.user_id == user.id)).scalars())
    return Principal(user.id, user.username, user.role, user.court, user.division, kinds, via, digest)


class LoginThrottle:
    """At most ``limit`` failed logins per username in ``window`` seconds (in this process)."""

    def __init__(self, limit: int = 10, window: float = 900.0) -> None:
        self.limit = limit
        self.window = window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, username: str) -> deque[float]:
        q = self._failures.setdefault(username, deque())
        cutoff = time.monotonic() - self.window
        while q and q[0] < cutoff:
            q.popleft()
        return q

    def blocked(self, username: str) -> bool:
        with self._lock:
            return len(self._recent(username)) >= self.limit

    def failed(self, username: str) -> None:
        with self._lock:
            self._recent(username).append(time.monotonic())

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._failures.pop(username, None)
