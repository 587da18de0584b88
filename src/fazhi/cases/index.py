"""The similar-case index: BM25 over the facts of every stored case, with what filters need.

Built from the store (cases ingested with `fazhi ingest`), cached as ``.npz`` beside the
database when it is SQLite (keyed by the number and newest id of stored documents), and rebuilt
when documents are added.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fazhi.config import data_dir
from fazhi.laws.lexical import BM25Index
from fazhi.store.models import Case, Document

# The part of a judgment that states the facts (查明事实); CAIL records are facts already.
_FACTS_START = re.compile(r"经审理查明|本院认定事实如下|本院经审理认定|经审查查明|公诉机关指控|检察院指控")
_FACTS_END = re.compile(r"上述事实|本院认为|以上事实")
INDEX_FORMAT = 1


def facts_of(text: str) -> str:
    """The facts section of a document (whole text when none is marked), at most 6,000 characters."""
    m = _FACTS_START.search(text)
    if not m:
        return text[:6000]
    end = _FACTS_END.search(text, m.end())
    return text[m.start():end.start() if end else m.start() + 6000][:6000]


@dataclass
class CaseIndex:
    """Documents of stored cases: BM25 over their facts, and per-document filter fields."""

    bm25: BM25Index
    doc_ids: np.ndarray  # store document ids
    years: np.ndarray  # judgment year (0 unknown)
    charges: list[str]  # "、"-joined charges or cause, per document
    courts: list[str]
    provinces: list[str]
    dense: np.ndarray | None = None  # unit vectors of the facts, when built (build_case_vectors)
    vectors_path: Path | None = None

    @property
    def size(self) -> int:
        return int(self.doc_ids.size)


def _cache_path(session: Session) -> Path | None:
    bind = session.get_bind()
    if bind.dialect.name != "sqlite" or not bind.url.database:
        return data_dir() / "cases-index-pg"
    return Path(bind.url.database).with_suffix(".cases")


def load_case_index(session: Session) -> CaseIndex:
    """The index of the cases in the store, from cache when nothing was added since it was built."""
    n, top = session.execute(select(func.count(Document.id), func.coalesce(func.max(Document.id), 0))).one()
    base = _cache_path(session)
    path = base.with_name(f"{base.name}-{INDEX_FORMAT}-{n}-{top}.npz") if base else None
    if path is not None and path.exists():
        with np.load(path, allow_pickle=False) as z:
            idx = CaseIndex(BM25Index(z["codes"], z["ptr"], z["docs"], z["tfs"], z["doc_len"], z["idf"]),
                            z["doc_ids"], z["years"], list(z["charges"]), list(z["courts"]), list(z["provinces"]))
        _attach_vectors(idx, path)
        return idx
    rows = session.execute(select(Document.id, Document.text, Document.record, Document.judgment_date, Case.court,
                                  Case.cn_court).join(Case, Case.id == Document.case_id).order_by(Document.id)).all()
    texts, ids, years, charges, courts, provinces = [], [], [], [], [], []
    for doc_id, text, record, jdate, court, cn_court in rows:
        texts.append(facts_of(text))
        ids.append(doc_id)
        years.append(jdate.year if jdate else 0)
        charges.append(str(record.get("cause") or ""))
        courts.append(str(court or record.get("court") or ""))
        provinces.append((cn_court or "")[:1])
    idx = CaseIndex(BM25Index.build(texts), np.array(ids, dtype=np.int64), np.array(years, dtype=np.int16),
                    charges, courts, provinces)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp.npz")
        b = idx.bm25
        np.savez(tmp, codes=b.codes, ptr=b.ptr, docs=b.docs, tfs=b.tfs, doc_len=b.doc_len, idf=b.idf,
                 doc_ids=idx.doc_ids, years=idx.years, charges=np.array(charges), courts=np.array(courts),
                 provinces=np.array(provinces))
        tmp.replace(path)
        _attach_vectors(idx, path)
    return idx


def _attach_vectors(idx: CaseIndex, path: Path) -> None:
    idx.vectors_path = path.with_name(path.name.removesuffix(".npz") + ".dense.npz")
    if idx.vectors_path.exists():
        with np.load(idx.vectors_path, allow_pickle=False) as z:
            if z["vectors"].shape[0] == idx.size:
                idx.dense = z["vectors"].astype(np.float32)


def build_case_vectors(session: Session, idx: CaseIndex, encoder, batch_size: int = 32) -> int:  # type: ignore[no-untyped-def]
    """Embed the facts of every indexed case (``fazhi similar --build-dense``): optional, slow
    (about 15 facts a second on one core with the e5-small model of ``.[dense]``)."""
    texts = [facts_of(session.get(Document, int(d)).text)[:480] for d in idx.doc_ids]
    vectors = encoder.encode(texts, batch_size=batch_size).astype(np.float16)
    if idx.vectors_path is not None:
        tmp = idx.vectors_path.with_name(idx.vectors_path.name + ".tmp.npz")
        np.savez(tmp, vectors=vectors)
        tmp.replace(idx.vectors_path)
    idx.dense = vectors.astype(np.float32)
    return len(texts)
