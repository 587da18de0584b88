"""Law push (法律法规推送): rank the articles that apply to case facts or a plain question.

Hybrid and explainable (法发〔2022〕33号 §16): BM25 over character bigrams after expanding
everyday words into statute words (data/query_lexicon.tsv); the 罪名 ↔ 刑法 map for charges
named or implied; a boost for a law the question names; and, when an offline embedding model
is installed and its article vectors have been built, dense similarity fused by reciprocal
rank. Only articles in force on the given date are pushed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from fazhi.assist import ArticleRef, Assist, Basis, ModelInfo
from fazhi.laws.kb import Article, KnowledgeBase
from fazhi.laws.lexical import BM25Index, rrf

MODEL = ModelInfo(name="fazhi-law-push", version="0.1.0", card_id="law-push-0.1")
# Instruments that only amend others are not pushed: their text is "将第X条修改为…".
_SKIP_TITLE = re.compile(r"修正案|修改.*决定|废止.*决定")
# A mild prior: for a question from the public, a law usually answers before a departmental rule.
_TYPE_PRIOR = {"宪法": 0.8, "法律": 1.0, "司法解释": 0.8, "立法解释": 0.8, "行政法规": 0.75, "部门规章": 0.6}
_FAR = date(9999, 12, 31).toordinal()
RRF_K = 60
INDEX_FORMAT = 3  # bump when the cached index's arrays change


@dataclass
class PushIndex:
    """The lexical index of every article version, with what the date filter needs."""

    bm25: BM25Index
    rowids: np.ndarray
    law_ids: np.ndarray
    valid_from: np.ndarray  # date ordinals
    valid_to: np.ndarray
    prior: np.ndarray
    dkeys: np.ndarray  # uint64 key of each article's vector (see dense_key)
    numbers: np.ndarray  # article number and 之X of each document, for the charge map
    subs: np.ndarray
    dense: np.ndarray | None = None  # float32 unit vectors of the articles that have one
    dense_docs: np.ndarray | None = None  # which documents those rows are

    def mask(self, when: date) -> np.ndarray:
        day = when.toordinal()
        return (self.valid_from <= day) & (day < self.valid_to)


def _index_paths(kb: KnowledgeBase) -> tuple[Path, Path]:
    """The cached lexical index (per knowledge-base state) and the user's own article vectors."""
    return (kb.path.with_name(f"{kb.path.stem}.push{INDEX_FORMAT}-{kb.fingerprint()}.npz"),
            kb.path.with_name(f"{kb.path.stem}.dense-local.npz"))


def _article_rows(kb: KnowledgeBase) -> list[tuple]:
    """(rowid, law_id, title, type, chapter, section, text, valid_from, valid_to, number, sub) of every
    pushable article."""
    rows = []
    for law in kb.laws():
        if _SKIP_TITLE.search(law.title) or law.type in {"修正案", "修改决定"}:
            continue  # amending instruments only say what to change
        for v in kb.versions(law.id):
            if v.status == "已失效" and v.valid_to is None:
                continue  # marked expired by its source, end date unknown: never pushed
            start = (v.valid_from or date(1949, 10, 1)).toordinal()
            end = v.valid_to.toordinal() if v.valid_to else _FAR
            for rowid, chapter, section, text, number, sub in kb.con.execute(
                    "SELECT id, chapter, section, text, number, sub FROM articles WHERE version_id = ?", (v.id,)):
                rows.append((rowid, law.id, law.title, law.type, chapter, section, text, start, end, number, sub))
    return rows


def load_index(kb: KnowledgeBase) -> PushIndex:
    """The push index for this knowledge base: loaded from its cache file, or built and cached."""
    lex_path, dense_path = _index_paths(kb)
    if lex_path.exists():
        with np.load(lex_path, allow_pickle=False) as z:
            idx = PushIndex(BM25Index(z["codes"], z["ptr"], z["docs"], z["tfs"], z["doc_len"], z["idf"]),
                            z["rowids"], z["law_ids"], z["valid_from"], z["valid_to"], z["prior"], z["dkeys"],
                            z["numbers"], z["subs"])
    else:
        rows = _article_rows(kb)
        texts = [f"{(r[2] or '').removeprefix('中华人民共和国')} {r[4] or ''} {r[5] or ''} {r[6]}" for r in rows]
        bm25 = BM25Index.build(texts)
        idx = PushIndex(bm25, np.array([r[0] for r in rows], dtype=np.int64), np.array([r[1] for r in rows], dtype=np.int32),
                        np.array([r[7] for r in rows], dtype=np.int32), np.array([r[8] for r in rows], dtype=np.int32),
                        np.array([_TYPE_PRIOR.get(r[3] or "", 0.85) for r in rows], dtype=np.float32),
                        np.array([dense_key(r[2], r[6]) for r in rows], dtype=np.uint64),
                        np.array([r[9] for r in rows], dtype=np.int32), np.array([r[10] for r in rows], dtype=np.int16))
        tmp = lex_path.with_name(lex_path.name + ".tmp.npz")
        np.savez(tmp, codes=bm25.codes, ptr=bm25.ptr, docs=bm25.docs, tfs=bm25.tfs, doc_len=bm25.doc_len, idf=bm25.idf,
                 rowids=idx.rowids, law_ids=idx.law_ids, valid_from=idx.valid_from, valid_to=idx.valid_to, prior=idx.prior,
                 dkeys=idx.dkeys, numbers=idx.numbers, subs=idx.subs)
        tmp.replace(lex_path)
    _attach_vectors(idx, [p for p in (_bundled_vectors(), dense_path) if p is not None and p.exists()])
    return idx


def _bundled_vectors() -> Path | None:
    path = resources.files("fazhi.laws").joinpath("data/dense_e5small.npz")
    return Path(str(path)) if path.is_file() else None


def _attach_vectors(idx: PushIndex, paths: list[Path]) -> None:
    """Give every article whose text has a stored vector (shipped, or built locally) that vector."""
    keys_parts, vec_parts = [], []
    for path in paths:
        with np.load(path, allow_pickle=False) as z:
            keys_parts.append(z["keys"].astype(np.uint64))
            vec_parts.append(z["vectors"])
    if not keys_parts:
        return
    keys = np.concatenate(keys_parts)
    vectors = np.concatenate(vec_parts)
    order = np.argsort(keys, kind="stable")
    keys, vectors = keys[order], vectors[order]
    pos = np.searchsorted(keys, idx.dkeys)
    pos[pos >= keys.size] = 0
    found = keys[pos] == idx.dkeys
    if not found.any():
        return
    rows = vectors[pos[found]].astype(np.float32)
    rows /= np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-6)
    idx.dense, idx.dense_docs = rows, np.flatnonzero(found)


def build_dense(kb: KnowledgeBase, encoder, batch_size: int = 32, when: date | None = None) -> int:  # type: ignore[no-untyped-def]
    """Embed the articles in force that have no vector yet (``fazhi laws index --dense``): the
    regulations and rules the shipped vectors leave out, and whatever ``fazhi laws import`` added."""
    idx = load_index(kb)
    have = set() if idx.dense_docs is None else set(idx.dense_docs.tolist())
    todo: dict[int, str] = {}
    for d in np.flatnonzero(idx.mask(when or date.today())):
        if int(d) not in have:
            art = kb.article_by_rowid(int(idx.rowids[d]))
            todo.setdefault(int(idx.dkeys[d]), dense_text(art.law.title, art.text))
    if not todo:
        return 0
    keys = np.array(list(todo), dtype=np.uint64)
    vectors = encoder.encode(list(todo.values()), batch_size=batch_size)
    vectors = np.clip(np.round(vectors * 127), -127, 127).astype(np.int8)
    _lex, dense_path = _index_paths(kb)
    if dense_path.exists():
        with np.load(dense_path, allow_pickle=False) as z:
            keys, vectors = np.concatenate([z["keys"], keys]), np.concatenate([z["vectors"], vectors])
    tmp = dense_path.with_name(dense_path.name + ".tmp.npz")
    np.savez_compressed(tmp, keys=keys, vectors=vectors)
    tmp.replace(dense_path)
    return len(todo)


def dense_text(title: str, text: str) -> str:
    """What an article is embedded as: its law's short title, then its text (truncated)."""
    return f"{title.removeprefix('中华人民共和国')}：{text}"[:480]


def dense_key(title: str, text: str) -> int:
    """The key of an article's vector: the first 8 bytes of SHA-1 of title and text."""
    import hashlib

    return int.from_bytes(hashlib.sha1(f"{title}\n{text}".encode()).digest()[:8], "big")


@cache
def _lexicon() -> tuple[tuple[str, str], ...]:
    text = resources.files("fazhi.laws").joinpath("data/query_lexicon.tsv").read_text(encoding="utf-8")
    merged: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#") and "\t" in line:
            word, terms = line.split("\t", 1)
            bucket = merged.setdefault(word.strip(), [])
            bucket += [t for t in terms.split() if t not in bucket]
    return tuple(sorted(((w, " ".join(t)) for w, t in merged.items()), key=lambda p: -len(p[0])))


def expand_query(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The question with statute words appended for the everyday words it uses, and which fired."""
    fired = [(w, t) for w, t in _lexicon() if w in text]
    return (text + " " + " ".join(t for _w, t in fired)) if fired else text, fired


@dataclass
class PushHit:
    """One pushed article and why."""

    article: Article
    score: float
    sources: list[str] = field(default_factory=list)
    matched: list[str] = field(default_factory=list)
    charges: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {**self.article.to_dict(), "score": round(self.score, 4), "sources": self.sources,
                "matched_terms": self.matched, "charges": self.charges, "explanation": self.explanation()}

    def explanation(self) -> str:
        parts = []
        if self.matched:
            parts.append("事实/问题中的“" + "”“".join(self.matched[:6]) + "”与条文用语相合")
        if self.charges:
            parts.append("依罪名与条文对照表，" + "、".join(self.charges) + "规定于本条")
        if "dense" in self.sources:
            parts.append("语义相似度检索命中")
        return "；".join(parts) or "检索得分较高"


def _matched_terms(query: str, text: str, limit: int = 8) -> list[str]:
    """Maximal stretches (≥2 characters) of the query that occur in the article text."""
    out: list[str] = []
    i, n = 0, len(query)
    while i < n - 1:
        j = i + 2
        if query[i:j] not in text:
            i += 1
            continue
        while j < n and query[i:j + 1] in text:
            j += 1
        term = re.sub(r"^[^\u4e00-\u9fff\w]+|[^\u4e00-\u9fff\w]+$", "", query[i:j])
        if re.search(r"[\u4e00-\u9fff]{2}", term) and term not in out:
            out.append(term)
        i = j
    return sorted(out, key=len, reverse=True)[:limit]


_CRIMINAL = re.compile(r"被告人|犯罪嫌疑人|公诉|犯罪|判刑|坐牢|刑事")


def _named_charges(kb: KnowledgeBase, text: str) -> dict[str, tuple[float, list[tuple[int, int]]]]:
    """Charges the text names (盗窃, 诈骗 …: confidence 1) and, for criminal facts, the charges
    whose definitions and trained profiles the facts match best (醉酒驾驶机动车 → 危险驾驶罪),
    with a confidence relative to the best match."""
    table = kb.charge_articles()
    found: dict[str, tuple[float, list[tuple[int, int]]]] = {}
    for name, arts in table.items():
        core = name.removesuffix("罪")
        if len(core) >= 2 and core in text:
            found[name] = (1.0, arts)
    if _CRIMINAL.search(text):
        names, index = _charge_index(kb)
        scores = index.scores(_PARTICIPANTS.sub("", text))
        if scores.size and scores.max() > 0:
            top = np.argsort(-scores)[:3]
            for d in top:
                conf = float(scores[d] / scores[top[0]])
                if conf >= 0.5 and names[d] in table and names[d] not in found:
                    found[names[d]] = (conf, table[names[d]])
    return found


# Words every criminal fact and many definitions share: they say nothing about which charge.
_PARTICIPANTS = re.compile(r"被告人|被害人|犯罪嫌疑人|公诉机关|人民检察院|指控|经鉴定|经审理查明|罪犯|犯罪")
_CHARGE_INDEX: dict[str, tuple[list[str], BM25Index]] = {}


def _charge_index(kb: KnowledgeBase) -> tuple[list[str], BM25Index]:
    """BM25 over each charge's name and definition (data/charge_definitions.json)."""
    key = kb.fingerprint()
    if key not in _CHARGE_INDEX:
        profiles = _charge_profiles()
        names = sorted(kb.charge_articles())
        texts = []
        for n in names:
            # the profile's bigrams, repeated by weight, stand for the facts of that charge's cases
            grams = " ".join(" ".join([g] * max(1, round(w))) for g, w in profiles.get(n, []))
            texts.append(f"{n} {n} {kb.charge_definition(n) or ''} {grams}")
        _CHARGE_INDEX[key] = (names, BM25Index.build(texts))
    return _CHARGE_INDEX[key]


@cache
def _charge_profiles() -> dict[str, list[list]]:
    """Characteristic bigrams per charge, trained from CAIL cases (scripts/build_charge_profiles.py)."""
    path = resources.files("fazhi.laws").joinpath("data/charge_profiles.json")
    return dict(json.loads(path.read_text(encoding="utf-8"))["profiles"]) if path.is_file() else {}


def push(kb: KnowledgeBase, text: str, *, k: int = 10, when: date | None = None, index: PushIndex | None = None,
         encoder=None) -> list[PushHit]:  # type: ignore[no-untyped-def]
    """The ``k`` articles that best apply to ``text``, in force on ``when`` (today if None)."""
    when = when or date.today()
    idx = index or load_index(kb)
    expanded, _fired = expand_query(text)
    mask = idx.mask(when)
    lex = idx.bm25.scores(expanded, mask) * idx.prior
    # The law the question names (劳动合同法, 民法典 …) is the first place to look; criminal
    # facts are first of all a matter of the 刑法.
    named = _laws_named(kb, text)
    xing = kb.find_law("中华人民共和国刑法")
    if xing is not None and _CRIMINAL.search(text) and xing.id not in named:
        named.append(xing.id)
    for law in named:
        lex[idx.law_ids == law] *= 2.0 if law == getattr(xing, "id", None) else 1.5
    fused = lex.copy()
    sources: dict[int, list[str]] = {}
    top_lex = np.argsort(-lex)[: max(k * 10, 100)]
    top_lex = top_lex[lex[top_lex] > 0]
    for d in top_lex:
        sources.setdefault(int(d), []).append("lexical")
    charge_hits: dict[int, list[str]] = {}
    charges = _named_charges(kb, expanded)
    if xing is not None and charges:
        boost = float(lex.max()) if lex.max() > 0 else 1.0
        in_xing = (idx.law_ids == xing.id) & mask
        for name, (conf, arts) in charges.items():
            for rank, (art, sub) in enumerate(arts):
                found = np.flatnonzero(in_xing & (idx.numbers == art) & (idx.subs == sub))
                if found.size == 0:
                    continue
                d = int(found[-1])
                # the article that defines the charge first gets the full boost; later ones
                # (依照前款/第X条的规定定罪处罚) less
                fused[d] += boost * conf * (1.0 if rank == 0 else 0.25)
                charge_hits.setdefault(d, []).append(name)
                if "charge_map" not in sources.setdefault(d, []):
                    sources[d].append("charge_map")
    if encoder is not None and idx.dense is not None and idx.dense_docs is not None:
        qv = encoder.encode([text[:480]], is_query=True)[0].astype(np.float32)
        sim = np.full(fused.size, -1.0, dtype=np.float32)
        sim[idx.dense_docs] = idx.dense @ qv
        sim[~mask] = -1
        fused = _fuse(fused, sim, sources, k)
    order = np.argsort(-fused)
    hits: list[PushHit] = []
    seen: set[tuple[int, int, int]] = set()
    for d in order:
        if fused[d] <= 0 or len(hits) >= k:
            break
        a = kb.article_by_rowid(int(idx.rowids[d]))
        key = (a.law.id, a.number, a.sub)
        if key in seen:
            continue
        seen.add(key)
        hits.append(PushHit(a, float(fused[d]), sources.get(int(d), ["lexical"]), _matched_terms(expanded, a.text),
                            charge_hits.get(int(d), [])))
    return hits


# How the dense similarity joins the lexical score (see bench/bench_laws.py for the comparison).
FUSION = {"mode": "rrf", "dense_weight": 0.5, "pool": 100}


def _fuse(lex: np.ndarray, sim: np.ndarray, sources: dict[int, list[str]], k: int) -> np.ndarray:
    """Combine lexical (with charge-map boosts) and dense scores into one ranking score."""
    pool = max(k * 10, FUSION["pool"])
    top_dense = np.argsort(-sim)[:pool]
    top_dense = top_dense[sim[top_dense] > 0]
    for d in top_dense[: k * 3]:
        sources.setdefault(int(d), []).append("dense")
    if FUSION["mode"] == "rerank":
        # rescore the lexical candidates and the best dense ones: normalised lexical + weighted cosine
        cand = np.union1d(np.argsort(-lex)[:pool], top_dense[: k * 2])
        out = np.zeros_like(lex)
        top = float(lex.max()) or 1.0
        out[cand] = lex[cand] / top + FUSION["dense_weight"] * np.maximum(sim[cand], 0)
        return out
    return rrf(lex, sim, pool=pool, k=RRF_K, dense_weight=FUSION["dense_weight"])


def _laws_named(kb: KnowledgeBase, text: str) -> list[int]:
    names = re.findall(r"《([^《》]{2,60})》", text) + re.findall(r"([\u4e00-\u9fa5]{2,20}法)", text)
    out = []
    for name in names:
        law = kb.find_law(name)
        if law is not None and law.id not in out:
            out.append(law.id)
    return out


def push_assist(kb: KnowledgeBase, text: str, *, k: int = 10, when: date | None = None,
                index: PushIndex | None = None, encoder=None) -> Assist:  # type: ignore[no-untyped-def]
    """:func:`push` in the Assist envelope: the articles with their text as basis."""
    hits = push(kb, text, k=k, when=when, index=index, encoder=encoder)
    _expanded, fired = expand_query(text)
    mode = "词法检索（二元字词 BM25）" + ("＋语义检索" if encoder is not None and (index or load_index(kb)).dense is not None else "")
    explanation = (f"按{mode}及罪名—条文对照表，推送{(when or date.today()).isoformat()}有效的条文{len(hits)}条。"
                   + (f"口语词已对应为法律用语：{'；'.join(f'{w}→{t}' for w, t in fired[:6])}。" if fired else ""))
    basis = Basis(articles=tuple(ArticleRef(h.article.law.title, h.article.number,
                                            h.article.version.version_date.isoformat() if h.article.version.version_date else None,
                                            h.article.text) for h in hits))
    return Assist(kind="law_push", result={"articles": [h.to_dict() for h in hits]}, model=MODEL,
                  explanation=explanation, basis=basis, confidence=None)
