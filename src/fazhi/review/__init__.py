"""Proof-reading of judgments (法律文书辅助审查, 法发〔2022〕33号 §8; document_review.md).

Every check is a small registered function with the spec's id (DR-…), its legal basis and a
severity; `review(text)` runs them all over one document and returns findings with spans into
the input. Check modules register themselves on import (see :mod:`fazhi.review.registry`).
"""
