"""BM25 over Chinese character bigrams, built and queried with numpy.

Bigrams need no dictionary and keep every legal term findable (罪名, 法条 words and terms are
sequences of bigrams that all have to match for a high score); legal knowledge enters on the
query side (:mod:`fazhi.laws.push`). The index is built vectorised over the whole corpus in one
pass and saved as ``.npz`` (no pickle) beside the knowledge base.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

K1, B = 1.2, 0.75
_SEP = 0x00  # documents are joined by NUL, which no text contains and no bigram may span


def _codepoints(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _is_word(cp: np.ndarray) -> np.ndarray:
    """CJK ideographs and ASCII letters: what bigrams are made of (digits are left out: amounts
    and dates in facts would otherwise match tax tables and schedules)."""
    return ((cp >= 0x4E00) & (cp <= 0x9FFF)) | ((cp >= 0x61) & (cp <= 0x7A)) | (
        (cp >= 0x41) & (cp <= 0x5A)) | ((cp >= 0x3400) & (cp <= 0x4DBF))


def bigram_codes(text: str) -> np.ndarray:
    """The distinct bigram codes of ``text`` (a bigram is two adjacent word characters)."""
    cp = _codepoints(text)
    if cp.size < 2:
        return np.empty(0, dtype=np.uint64)
    ok = _is_word(cp)
    pair = ok[:-1] & ok[1:]
    codes = (cp[:-1].astype(np.uint64) << np.uint64(21)) | cp[1:].astype(np.uint64)
    return np.unique(codes[pair])


@dataclass
class BM25Index:
    """Postings by term: ``codes`` sorted; term t's postings are ``docs[ptr[t]:ptr[t+1]]``."""

    codes: np.ndarray  # uint64, sorted
    ptr: np.ndarray  # int64, len(codes) + 1
    docs: np.ndarray  # int32
    tfs: np.ndarray  # float32
    doc_len: np.ndarray  # float32
    idf: np.ndarray  # float32 per term

    @property
    def n_docs(self) -> int:
        return int(self.doc_len.size)

    @classmethod
    def build(cls, texts: list[str]) -> BM25Index:
        n = len(texts)
        joined = "\x00".join(t.replace("\x00", " ") for t in texts)
        cp = _codepoints(joined)
        doc_of = np.cumsum(cp == _SEP, dtype=np.int64)  # document index of every position
        ok = _is_word(cp)
        pair = ok[:-1] & ok[1:]
        codes = ((cp[:-1].astype(np.uint64) << np.uint64(21)) | cp[1:].astype(np.uint64))[pair]
        docs = doc_of[:-1][pair]
        doc_len = np.bincount(docs, minlength=n).astype(np.float32)
        # (code, doc) pairs -> term frequency per document
        order = np.lexsort((docs, codes))
        codes, docs = codes[order], docs[order]
        change = np.ones(codes.size, dtype=bool)
        change[1:] = (codes[1:] != codes[:-1]) | (docs[1:] != docs[:-1])
        starts = np.flatnonzero(change)
        tfs = np.diff(np.append(starts, codes.size)).astype(np.float32)
        codes, docs = codes[starts], docs[starts].astype(np.int32)
        term_start = np.ones(codes.size, dtype=bool)
        term_start[1:] = codes[1:] != codes[:-1]
        tstarts = np.flatnonzero(term_start)
        uniq = codes[tstarts]
        ptr = np.append(tstarts, codes.size).astype(np.int64)
        df = np.diff(ptr).astype(np.float32)
        idf = np.log(1 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
        return cls(uniq, ptr, docs, tfs, doc_len, idf)

    def scores(self, query: str, mask: np.ndarray | None = None, weights: dict[int, float] | None = None,
               max_terms: int | None = None) -> np.ndarray:
        """BM25 score of every document for ``query`` (0 where nothing matches).

        ``max_terms`` keeps only the query's most specific bigrams (highest idf): long facts
        then cost a bounded number of posting lists.
        """
        out = np.zeros(self.n_docs, dtype=np.float32)
        q = bigram_codes(query)
        if q.size == 0 or self.codes.size == 0:
            return out
        pos = np.searchsorted(self.codes, q)
        inside = pos < self.codes.size
        pos, q = pos[inside], q[inside]
        pos = pos[self.codes[pos] == q]
        if max_terms is not None and pos.size > max_terms:
            pos = pos[np.argsort(-self.idf[pos])[:max_terms]]
        avg = float(self.doc_len.mean()) or 1.0
        for t in pos:
            lo, hi = self.ptr[t], self.ptr[t + 1]
            d = self.docs[lo:hi]
            tf = self.tfs[lo:hi]
            w = self.idf[t] * (weights.get(int(t), 1.0) if weights else 1.0)
            out[d] += w * tf * (K1 + 1) / (tf + K1 * (1 - B + B * self.doc_len[d] / avg))
        if mask is not None:
            out[~mask] = 0
        return out

    def save(self, path: Path) -> None:
        tmp = path.with_suffix(".tmp.npz")
        np.savez(tmp, codes=self.codes, ptr=self.ptr, docs=self.docs, tfs=self.tfs, doc_len=self.doc_len, idf=self.idf)
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> BM25Index:
        with np.load(path, allow_pickle=False) as z:
            return cls(z["codes"], z["ptr"], z["docs"], z["tfs"], z["doc_len"], z["idf"])


def rrf(lexical: np.ndarray, dense: np.ndarray, *, pool: int = 100, k: float = 60.0,
        dense_weight: float = 1.0) -> np.ndarray:
    """Reciprocal-rank fusion of a lexical and a dense score array (0 outside both top pools)."""
    out = np.zeros(lexical.size, dtype=np.float32)
    for scores, weight in ((lexical, 1.0), (dense, dense_weight)):
        order = np.argsort(-scores)[:pool]
        order = order[scores[order] > 0]
        out[order] += weight / (k + np.arange(1, order.size + 1))
    return out
