"""The store: SQLAlchemy models, sessions and Alembic migrations (SQLite or PostgreSQL)."""

from fazhi.store.accounts import CapabilityStop, Decision, Job, OptOut, User, UserSession
from fazhi.store.db import Store, migrate, open_store
from fazhi.store.models import AuditRecord, Base, Case, Document, LedgerHead, Party, Sentence, StatuteCitation

__all__ = [
    "AuditRecord", "Base", "CapabilityStop", "Case", "Decision", "Document", "Job", "LedgerHead", "OptOut",
    "Party", "Sentence", "StatuteCitation", "Store", "User", "UserSession", "migrate", "open_store",
]
