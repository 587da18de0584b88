"""Similar-case search: latency over 100,000 indexed cases and retrieval quality on CAIL.

    python bench/bench_similar.py [--json] [--size 100000]
    python bench/bench_similar.py --dense 2000 [--queries 150]   # needs pip install ".[dense]"

Timing corpus: the 5,072 CAIL2018 facts scaled up to ``--size`` documents (copies with their
amounts, dates and names varied), indexed with the same BM25 the store index uses; queries are
held-out CAIL facts. Quality: for CAIL facts of the 20 % hash split, the share of the top 10
similar cases (searched among the other 80 %) that share a charge with the query (P@10), and
whether the first one does (P@1) — relevance from shared charges, as data/README.md suggests
since LeCaRD's candidates are not available.

``--dense N`` measures the optional dense retrieval instead: N cases of the 80 % split are
embedded with the configured encoder (bundled e5-small by default), the first ``--queries``
held-out facts are searched lexically, densely and fused by reciprocal rank (the fusion
`fazhi similar` uses), and P@1/P@10 and the embedding rate are reported for each.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import random
import re
import resource
import statistics
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np

from fazhi.cases.index import facts_of
from fazhi.cases.search import MAX_QUERY_TERMS
from fazhi.laws.lexical import BM25Index, rrf

CAIL = Path(__file__).resolve().parents[2] / "shared" / "data" / "cases" / "cail2018_subset"


def _load() -> list[dict]:
    out = []
    for name in ("data_train.json", "data_test.json"):
        for line in (CAIL / name).read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            out.append({"fact": rec["fact"], "charges": set(rec["meta"]["accusation"])})
    return out


def _held_out(fact: str) -> bool:
    return int(hashlib.sha256(fact.encode("utf-8")).hexdigest()[:8], 16) % 5 == 0


def _vary(fact: str, rng: random.Random) -> str:
    fact = re.sub(r"\d+", lambda m: str(max(1, int(m.group(0)) + rng.randint(-9, 9))), fact)
    return fact.replace("某", rng.choice("甲乙丙丁戊某"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--dense", type=int, default=0, metavar="N", help="measure dense/fused retrieval over N cases")
    ap.add_argument("--queries", type=int, default=150)
    args = ap.parse_args()
    cases = _load()
    train = [c for c in cases if not _held_out(c["fact"])]
    test = [c for c in cases if _held_out(c["fact"])][:300]
    if args.dense:
        _print(_dense_quality(train[: args.dense], test[: args.queries]), args.json)
        return
    # quality on the real corpus
    index = BM25Index.build([facts_of(c["fact"]) for c in train])
    p1 = p10 = 0.0
    for q in test:
        s = index.scores(facts_of(q["fact"]), max_terms=MAX_QUERY_TERMS)
        top = np.argsort(-s)[:10]
        same = [bool(train[int(d)]["charges"] & q["charges"]) for d in top]
        p1 += same[0]
        p10 += sum(same) / 10
    # latency at scale
    rng = random.Random(7)
    corpus = [facts_of(c["fact"]) for c in cases]
    while len(corpus) < args.size:
        corpus.append(_vary(cases[rng.randrange(len(cases))]["fact"], rng))
    t0 = time.perf_counter()
    big = BM25Index.build(corpus[: args.size])
    build_s = time.perf_counter() - t0
    times = []
    for q in test:
        t = time.perf_counter()
        s = big.scores(facts_of(q["fact"]), max_terms=MAX_QUERY_TERMS)
        np.argpartition(-s, 10)[:10]
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    res = {"date": date.today().isoformat(), "machine": f"{platform.machine()} python {platform.python_version()}",
           "quality": {"queries": len(test), "corpus": len(train), "P@1_same_charge": round(p1 / len(test), 4),
                       "P@10_same_charge": round(p10 / len(test), 4)},
           "latency": {"indexed_cases": big.n_docs, "build_s": round(build_s, 1),
                       "p50_ms": round(statistics.median(times), 1), "p99_ms": round(times[int(0.99 * (len(times) - 1))], 1),
                       "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}}
    _print(res, args.json)


def _print(res: dict, as_json: bool) -> None:
    if as_json:
        json.dump(res, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print(json.dumps(res, ensure_ascii=False, indent=1))


def _precision(rankings: list[np.ndarray], corpus: list[dict], queries: list[dict]) -> dict:
    p1 = p10 = 0.0
    for top, q in zip(rankings, queries, strict=True):
        same = [bool(corpus[int(d)]["charges"] & q["charges"]) for d in top[:10]]
        p1 += same[0]
        p10 += sum(same) / 10
    return {"P@1_same_charge": round(p1 / len(queries), 4), "P@10_same_charge": round(p10 / len(queries), 4)}


def _dense_quality(corpus: list[dict], queries: list[dict]) -> dict:
    """Lexical vs dense vs fused same-charge precision on a corpus small enough to embed."""
    from fazhi.laws.dense import load_encoder

    encoder = load_encoder()
    if encoder is None:
        sys.exit("no dense encoder installed: pip install '.[dense]' / 未安装向量模型")
    index = BM25Index.build([facts_of(c["fact"]) for c in corpus])
    t0 = time.perf_counter()
    vectors = encoder.encode([facts_of(c["fact"]) for c in corpus])
    embed_s = time.perf_counter() - t0
    qvec = encoder.encode([facts_of(q["fact"]) for q in queries], is_query=True)
    lex, den, fused = [], [], []
    for i, q in enumerate(queries):
        s = index.scores(facts_of(q["fact"]), max_terms=MAX_QUERY_TERMS)
        d = vectors @ qvec[i]
        lex.append(np.argsort(-s)[:10])
        den.append(np.argsort(-d)[:10])
        fused.append(np.argsort(-rrf(s, d, pool=100))[:10])
    return {"date": date.today().isoformat(), "machine": f"{platform.machine()} python {platform.python_version()}",
            "corpus": len(corpus), "queries": len(queries), "encoder": type(encoder).__name__,
            "embed_facts_per_s": round(len(corpus) / embed_s, 1),
            "lexical": _precision(lex, corpus, queries), "dense": _precision(den, corpus, queries),
            "fused": _precision(fused, corpus, queries)}


if __name__ == "__main__":
    main()
