"""Audit ledger: the hash-chained, append-only record of every assist and every action."""

from fazhi.ledger.chain import GENESIS, Problem, VerifyReport, append, canonical_json, head, verify
from fazhi.ledger.record import record_assist

__all__ = ["GENESIS", "Problem", "VerifyReport", "append", "canonical_json", "head", "record_assist", "verify"]
