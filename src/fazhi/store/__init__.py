"""The store: SQLAlchemy models, sessions and Alembic migrations (SQLite or PostgreSQL)."""

from fazhi.store.db import Store, migrate, open_store
from fazhi.store.models import AuditRecord, Base, Case, Document, LedgerHead, Party, Sentence, StatuteCitation

__all__ = [
    "AuditRecord", "Base", "Case", "Document", "LedgerHead", "Party", "Sentence", "StatuteCitation",
    "Store", "migrate", "open_store",
]
