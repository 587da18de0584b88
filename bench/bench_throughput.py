"""Throughput and peak memory of extraction and ingest, one process (issue: ≥200 judgments/s of
~3,000 characters for extraction on one core; ingest limited by the database).

    python bench/bench_throughput.py [--json] [--repeat N]

Extraction: the gold judgments (bench/data/judgments), each run N times through
``fazhi.documents.extract`` in this process. Ingest: the same judgments plus 2,000 CAIL
records into a fresh SQLite database (one transaction per document, audit record included).
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from fazhi.documents.extract import extract

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "data" / "judgments"
CAIL = ROOT.parent / "shared" / "data" / "cases" / "cail2018_subset" / "data_train.json"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_extract(repeat: int) -> dict:
    texts = [p.read_text(encoding="utf-8") for p in sorted(GOLD.glob("*.txt"))]
    for t in texts:  # warm caches (compiled regexes, data tables)
        extract(t)
    start = time.perf_counter()
    for _ in range(repeat):
        for t in texts:
            extract(t)
    elapsed = time.perf_counter() - start
    n = repeat * len(texts)
    chars = sum(len(t) for t in texts) / len(texts)
    big = "\n".join(texts) * max(1, 3_000_000 // sum(len(t) for t in texts))
    t0 = time.perf_counter()
    extract(big)
    big_s = time.perf_counter() - t0
    return {"docs": n, "mean_chars": round(chars), "docs_per_s": round(n / elapsed, 1),
            "ms_per_doc": round(1000 * elapsed / n, 2), "chars_per_s": round(n * chars / elapsed),
            "one_3MB_text_s": round(big_s, 2)}


def bench_ingest() -> dict:
    from fazhi.ingest import ingest
    from fazhi.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        for p in sorted(GOLD.glob("*.txt")):
            (src / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
        with CAIL.open(encoding="utf-8") as fh:
            (src / "cail.json").write_text("".join(next(fh) for _ in range(2000)), encoding="utf-8")
        store = open_store(f"sqlite:///{tmp}/bench.db")
        start = time.perf_counter()
        report = ingest(store, [src], actor="bench")
        elapsed = time.perf_counter() - start
        store.close()
        from fazhi.ingest import iter_sources

        records = [r for r in iter_sources([src]) if hasattr(r, "text")]
        t0 = time.perf_counter()
        for r in records:
            extract(r.text)
        extract_s = time.perf_counter() - t0
    n = report.stored + report.skipped
    return {"docs": n, "docs_per_s": round(n / elapsed, 1), "seconds": round(elapsed, 2), "errors": len(report.errors),
            "share_in_extraction": round(extract_s / elapsed, 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--repeat", type=int, default=40)
    args = ap.parse_args()
    res = {"extract": bench_extract(args.repeat), "ingest_sqlite": bench_ingest(),
           "peak_rss_mb": round(peak_rss_mb(), 1), "date": date.today().isoformat(),
           "machine": f"{platform.machine()} python {platform.python_version()}"}
    if args.json:
        json.dump(res, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return
    e, i = res["extract"], res["ingest_sqlite"]
    print(f"extract: {e['docs_per_s']} docs/s ({e['ms_per_doc']} ms/doc, mean {e['mean_chars']} chars, "
          f"{e['chars_per_s']} chars/s); one 3 MB text: {e['one_3MB_text_s']} s")
    print(f"ingest (SQLite, one transaction per document): {i['docs_per_s']} docs/s over {i['docs']} docs; "
          f"{100 * i['share_in_extraction']:.0f}% of the time in extraction, the rest in storage and audit")
    print(f"peak RSS: {res['peak_rss_mb']} MB")


if __name__ == "__main__":
    main()
