"""Proof-reading benchmark: recall and precision per error family, false findings on clean documents, speed.

Protocol (shared/EVALUATION.md, "Proof-reading"), run on a gold file made by make_review_gold.py:

* The system's findings are ``fazhi.review.run.review(text)``; only severity ``error`` or ``warning``
  counts (``info`` findings are ignored everywhere).
* A finding **matches** a gold error when their spans overlap (``f.start < e.end and e.start < f.end``;
  a zero-length finding at position p overlaps when ``e.start <= p < e.end``) **and** the finding is
  at most 400 characters longer than the error (``f.end - f.start <= e.end - e.start + 400``).
* **Recall** (per family and overall): gold errors matched by at least one finding.
* **Precision** (overall): findings that match some error, over all findings on all documents,
  clean ones included. Also reported on the injected documents alone, and the number of false
  findings on clean documents (which must raise none).
* **Precision per family**: findings attributed to the family that match an error of that family,
  over findings attributed to the family. A finding that matches errors is attributed to the
  matched family (the one its own family maps to when it matches several); an unmatched finding
  is attributed by :func:`gold_family` — the finding's ``.family`` when it is already a gold family
  string, else its check id through :data:`FAMILY_BY_CHECK`, else its registry family through
  :data:`FAMILY_BY_REGISTRY`, else ``other`` (counted in overall precision only).
* **Speed**: milliseconds per ``review()`` call on documents of at least 5,000 characters (when the
  gold file has none, long documents are built by inserting the reasoning and evidence paragraphs
  of other clean civil judgments into a clean judgment before its 依照 clause), after one untimed
  warm-up call, p50 and p99, in this one process. For figures that go into BENCHMARKS.md pin it to
  one core: ``taskset -c 0 python bench/bench_review.py --gold bench/data/review/holdout.jsonl``.

    python bench/bench_review.py [--gold PATH] [--json] [--show-errors N] [--speed-docs N] [--speed-reps N]

The dev set (default) is for tuning; report the holdout set as the honest figure.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT / "bench" / "data" / "review" / "dev.jsonl"
COUNTED = frozenset({"error", "warning"})
SLACK = 400
LONG_DOC = 5000

GOLD_FAMILIES: tuple[str, ...] = (
    "case_number", "court_name", "party_name", "citation_repealed", "citation_nonexistent",
    "citation_numeral", "amount_capitals", "amount_sum", "court_fee", "prison_term_dates",
    "sentence_range", "appeal_period", "appeal_court", "final_appeal", "signature_date",
    "missing_clerk", "claims_unanswered", "late_performance_article",
)

# Check id (document_review.md) → the gold family its findings belong to. Ids not listed fall back
# to the registry family, then to "other".
FAMILY_BY_CHECK: dict[str, str] = {
    "DR-HDR-01": "court_name",
    "DR-CN-01": "case_number", "DR-CN-02": "case_number", "DR-CN-03": "case_number",
    "DR-CN-04": "case_number", "DR-CN-05": "case_number",
    "DR-PTY-02": "party_name", "DR-PTY-03": "party_name",
    "DR-CIT-02": "citation_numeral", "DR-CIT-04": "citation_repealed", "DR-CIT-06": "citation_nonexistent",
    "DR-CIT-05": "late_performance_article", "DR-REQ-08": "late_performance_article",
    "DR-AMT-02": "amount_capitals", "DR-AMT-03": "amount_capitals", "DR-AMT-05": "amount_sum",
    "DR-FEE-01": "court_fee", "DR-FEE-02": "court_fee", "DR-FEE-03": "court_fee", "DR-FEE-04": "court_fee",
    "DR-FEE-05": "court_fee", "DR-FEE-06": "court_fee",
    "DR-CRIM-04": "prison_term_dates", "DR-PTY-07": "prison_term_dates",
    "DR-CRIM-02": "sentence_range",
    "DR-APL-01": "appeal_period", "DR-APL-02": "appeal_period", "DR-APL-03": "appeal_court",
    "DR-APL-04": "final_appeal",
    "DR-DATE-01": "signature_date",
    "DR-SIG-04": "missing_clerk",
    "DR-REQ-01": "claims_unanswered", "DR-REQ-03": "claims_unanswered",
}
# Registry families (fazhi.review.registry docstring) → gold family, for checks not in the table.
FAMILY_BY_REGISTRY: dict[str, str] = {
    "case_number": "case_number", "court": "court_name", "party": "party_name", "fee": "court_fee",
    "term": "prison_term_dates", "sentence": "sentence_range", "claim": "claims_unanswered",
}


def load_gold(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def gold_family(finding: dict[str, Any]) -> str:
    """The gold family an (unmatched) finding is attributed to."""
    fam = finding.get("family")
    if fam in GOLD_FAMILIES:
        return str(fam)
    check = str(finding.get("check", ""))
    if check in FAMILY_BY_CHECK:
        return FAMILY_BY_CHECK[check]
    return FAMILY_BY_REGISTRY.get(str(fam), "other")


def matches(f: dict[str, Any], e: dict[str, Any]) -> bool:
    """The EVALUATION.md rule: spans overlap and the finding is ≤ 400 characters longer than the error."""
    fs, fe, es, ee = int(f["start"]), int(f["end"]), int(e["start"]), int(e["end"])
    if fe - fs > ee - es + SLACK:
        return False
    if fs == fe:
        return es <= fs < ee
    return fs < ee and es < fe


def finding_dict(f: Any) -> dict[str, Any]:
    """A Finding (or a dict) as the plain dict the scorer reads."""
    if isinstance(f, dict):
        return f
    return {"check": f.check, "severity": f.severity, "start": f.start, "end": f.end,
            "family": getattr(f, "family", None), "message": getattr(f, "message", "")}


def score(gold: list[dict[str, Any]], findings: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Score findings (doc id → finding dicts) against gold records; pure, no I/O."""
    err_total: Counter[str] = Counter()
    err_found: Counter[str] = Counter()
    attributed: Counter[str] = Counter()
    attributed_ok: Counter[str] = Counter()
    n_find = n_ok = n_find_injected = n_ok_injected = 0
    clean_false: list[dict[str, Any]] = []
    clean_docs_flagged = 0
    missed: list[dict[str, Any]] = []
    false_injected: list[dict[str, Any]] = []
    for rec in gold:
        errs = rec["errors"]
        fs = [f for f in findings.get(rec["id"], []) if f.get("severity") in COUNTED]
        clean = rec.get("family") is None and not errs
        for e in errs:
            err_total[e["family"]] += 1
            if any(matches(f, e) for f in fs):
                err_found[e["family"]] += 1
            else:
                missed.append({"id": rec["id"], **e})
        flagged = False
        for f in fs:
            hit = [e for e in errs if matches(f, e)]
            own = gold_family(f)
            if hit:
                fams = {e["family"] for e in hit}
                fam = own if own in fams else hit[0]["family"]
                attributed[fam] += 1
                attributed_ok[fam] += 1
            else:
                attributed[own] += 1
            n_find += 1
            n_ok += bool(hit)
            if not clean:
                n_find_injected += 1
                n_ok_injected += bool(hit)
            if not hit:
                ex = {"id": rec["id"], "check": f.get("check"), "severity": f.get("severity"),
                      "start": f["start"], "end": f["end"], "text": rec["text"][f["start"]:f["end"]][:80],
                      "message": str(f.get("message", ""))[:160], "attributed": own}
                if clean:
                    clean_false.append(ex)
                    flagged = True
                else:
                    false_injected.append(ex)
        clean_docs_flagged += flagged
    n_err = sum(err_total.values())
    per_family = {}
    for fam in list(GOLD_FAMILIES) + sorted(set(attributed) - set(GOLD_FAMILIES)):
        if not err_total[fam] and not attributed[fam]:
            continue
        per_family[fam] = {
            "errors": err_total[fam], "found": err_found[fam],
            "recall": err_found[fam] / err_total[fam] if err_total[fam] else None,
            "findings": attributed[fam], "correct": attributed_ok[fam],
            "precision": attributed_ok[fam] / attributed[fam] if attributed[fam] else None,
        }
    by_check = Counter(str(x["check"]) for x in clean_false)
    n_clean = sum(1 for r in gold if r.get("family") is None and not r["errors"])
    return {
        "documents": len(gold), "clean_documents": n_clean, "errors": n_err,
        "recall": sum(err_found.values()) / n_err if n_err else None,
        "findings": n_find, "correct_findings": n_ok,
        "precision": n_ok / n_find if n_find else None,
        "precision_injected_only": n_ok_injected / n_find_injected if n_find_injected else None,
        "false_findings_on_clean": len(clean_false), "clean_documents_flagged": clean_docs_flagged,
        "per_family": per_family,
        "clean_false_by_check": dict(by_check.most_common()),
        "examples": {"clean_false": clean_false, "missed": missed, "false_on_injected": false_injected},
    }


# ---------------------------------------------------------------------------------- running

def _reviewer() -> tuple[Callable[[str], list[Any]], dict[str, Any]]:
    """``review`` bound to one opened statute knowledge base (opened once, as a server would)."""
    from fazhi.review.registry import REGISTRY
    from fazhi.review.run import load_checks, review

    load_checks()
    info: dict[str, Any] = {"checks": sorted(REGISTRY)}
    kb = None
    try:
        from fazhi.laws.kb import open_kb

        kb = open_kb()
    except Exception as exc:  # the checks open it themselves if they need it
        info["kb_error"] = f"{type(exc).__name__}: {exc}"[:200]
    return (lambda text: review(text, kb=kb)), info


def run_system(gold: list[dict[str, Any]], review_fn: Callable[[str], list[Any]]) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    out: dict[str, list[dict[str, Any]]] = {}
    crashed: list[str] = []
    for rec in gold:
        try:
            out[rec["id"]] = [finding_dict(f) for f in review_fn(rec["text"])]
        except Exception as exc:
            crashed.append(f"{rec['id']}: {type(exc).__name__}: {exc}"[:200])
            out[rec["id"]] = []
    return out, crashed


def long_documents(gold: list[dict[str, Any]], n: int) -> list[str]:
    """Documents of at least 5,000 characters: the gold's own, else clean civil judgments lengthened
    with the evidence and reasoning paragraphs of other clean civil judgments."""
    texts = [r["text"] for r in gold if len(r["text"]) >= LONG_DOC]
    if len(texts) >= n:
        return texts[:n]
    civil = [r["text"] for r in gold if r.get("family") is None and "民事判决书" in r["text"][:40]
             and "依照" in r["text"]]
    if not civil:
        civil = [r["text"] for r in gold if r.get("family") is None] or [r["text"] for r in gold]

    def paras(t: str) -> list[str]:
        return [p for p in t.split("\n\n") if p.startswith(("本院认为", "本案当事人", "当事人围绕"))]

    i = 0
    while len(texts) < n and civil:
        base = civil[i % len(civil)]
        cut = base.find("依照") if "综上所述，依照" not in base else base.find("综上所述，依照")
        cut = base.rfind("\n\n", 0, cut) + 2 if cut > 0 else len(base) // 2
        extra: list[str] = []
        j = i + 1
        while len(base) + sum(len(x) + 2 for x in extra) < LONG_DOC and j < i + 1 + 4 * len(civil):
            extra += paras(civil[j % len(civil)])
            j += 1
        texts.append(base[:cut] + "".join(x + "\n\n" for x in extra) + base[cut:])
        i += 1
    return texts


def speed(review_fn: Callable[[str], list[Any]], texts: list[str], reps: int) -> dict[str, Any]:
    if not texts:
        return {}
    review_fn(texts[0])  # warm-up: imports, regex compilation, KB pages
    times: list[float] = []
    for _ in range(reps):
        for t in texts:
            t0 = time.perf_counter()
            review_fn(t)
            times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {"documents": len(texts), "calls": len(times), "mean_chars": round(statistics.mean(len(t) for t in texts)),
            "p50_ms": round(times[len(times) // 2], 2), "p99_ms": round(times[min(len(times) - 1, int(len(times) * 0.99))], 2),
            "mean_ms": round(statistics.mean(times), 2)}


# ---------------------------------------------------------------------------------- report

def _pct(x: float | None) -> str:
    return "   —  " if x is None else f"{100 * x:6.1f}"


def report(res: dict[str, Any], show: int, out: Any = sys.stdout) -> None:
    p = lambda *a: print(*a, file=out)  # noqa: E731
    p(f"gold: {res['gold']}  documents {res['documents']} ({res['clean_documents']} clean), errors {res['errors']}")
    p(f"checks registered: {len(res['system']['checks'])}" + (f"  crashed documents: {len(res['crashed'])}" if res["crashed"] else ""))
    p("")
    p(f"{'family':26s} {'errors':>6s} {'found':>6s} {'recall':>7s} {'finds':>6s} {'ok':>5s} {'prec.':>7s}")
    for fam, r in res["per_family"].items():
        p(f"{fam:26s} {r['errors']:6d} {r['found']:6d} {_pct(r['recall']):>7s} {r['findings']:6d} {r['correct']:5d} {_pct(r['precision']):>7s}")
    p("")
    p(f"overall recall    {_pct(res['recall'])}   ({sum(r['found'] for r in res['per_family'].values())}/{res['errors']})")
    p(f"overall precision {_pct(res['precision'])}   ({res['correct_findings']}/{res['findings']} findings, all documents)")
    p(f"precision on injected documents only {_pct(res['precision_injected_only'])}")
    p(f"false findings on clean documents: {res['false_findings_on_clean']} on {res['clean_documents_flagged']}/{res['clean_documents']} documents")
    if res["clean_false_by_check"]:
        p("  by check: " + ", ".join(f"{k} {v}" for k, v in res["clean_false_by_check"].items()))
    sp = res.get("speed") or {}
    if sp:
        p(f"speed: {sp['documents']} documents of ≥{LONG_DOC} chars (mean {sp['mean_chars']}), {sp['calls']} calls: "
          f"p50 {sp['p50_ms']} ms, p99 {sp['p99_ms']} ms, mean {sp['mean_ms']} ms  [{res['machine']}]")
    if show:
        ex = res["examples"]
        for title, key in (("false findings on clean documents", "clean_false"), ("missed errors", "missed"),
                           ("unmatched findings on injected documents", "false_on_injected")):
            p(f"\n-- {title} (first {show} of {len(ex[key])}) --")
            for x in ex[key][:show]:
                if key == "missed":
                    p(f"  {x['id']} {x['family']} [{x['start']}:{x['end']}] {x['text'][:60]!r}  {x['description'][:90]}")
                else:
                    p(f"  {x['id']} {x['check']} ({x['severity']}, →{x['attributed']}) [{x['start']}:{x['end']}] {x['text']!r}  {x['message']}")


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    ap.add_argument("--show-errors", type=int, default=0, metavar="N", help="print N examples of each kind of mistake")
    ap.add_argument("--speed-docs", type=int, default=8, help="long documents timed")
    ap.add_argument("--speed-reps", type=int, default=5, help="timing repetitions over the long documents")
    ap.add_argument("--card", action="store_true", help="write the figures into the review model card")
    args = ap.parse_args(list(argv) if argv is not None else None)
    gold = load_gold(args.gold)
    review_fn, info = _reviewer()
    t0 = time.perf_counter()
    findings, crashed = run_system(gold, review_fn)
    elapsed = time.perf_counter() - t0
    res = score(gold, findings)
    res.update(gold=str(args.gold), system=info, crashed=crashed, total_seconds=round(elapsed, 2),
               machine=f"{platform.machine()} {platform.python_implementation()} {platform.python_version()}")
    res["speed"] = speed(review_fn, long_documents(gold, args.speed_docs), args.speed_reps) if args.speed_reps else {}
    if args.card:
        from datetime import date

        from fazhi.cards import update_card_metrics

        update_card_metrics("review-rules-0.1", {
            "measured": date.today().isoformat(), "machine": res["machine"],
            "command": f"python bench/bench_review.py --gold {args.gold} --card", "gold": str(args.gold),
            "recall": res["recall"], "precision": res["precision"],
            "false_findings_on_clean": res["false_findings_on_clean"], "clean_documents": res["clean_documents"],
            "per_family_recall": {k: v["recall"] for k, v in res["per_family"].items()},
            "speed": res.get("speed", {})})
    if args.json:
        if not args.show_errors:
            res.pop("examples")
        else:
            res["examples"] = {k: v[: args.show_errors] for k, v in res["examples"].items()}
        json.dump(res, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        report(res, args.show_errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
