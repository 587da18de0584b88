"""Extraction accuracy on the gold judgments in bench/data/judgments (EVALUATION.md, Extraction).

Per document: the mean over fields of exact match (case_number, court, cause, judgment_date)
and set F1 (parties as name+role, judges as name+title, statutes as law+article), averaged
over documents — the protocol of the held-out evaluation. Also field-level precision and
recall for every field, including those the protocol does not score.

    python bench/bench_extract.py [--json] [--card]

``--card`` writes the figures into the extractor's model card (src/fazhi/cards/extract-rules-0.1.json).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

from fazhi.documents.extract import extract

GOLD = Path(__file__).parent / "data" / "judgments"
HOLDOUT = Path(__file__).parent / "data" / "judgments_holdout"  # measured only, never tuned on
EXACT = ("case_number", "court", "cause", "judgment_date")
SETS = ("parties", "judges", "statutes")
EXTRA_EXACT = ("doc_type", "category", "procedure", "clerk", "claims_amount", "court_fee")


def _key_set(field: str, items: list[dict]) -> set[tuple]:
    if field == "parties":
        return {(p["name"], p["role"]) for p in items}
    if field == "judges":
        return {(j["name"], j["title"]) for j in items}
    if field == "statutes":
        return {(s["law"], int(s["article"])) for s in items}
    if field == "sentences":
        return {(s.get("name"), s.get("charge"), s.get("term_months"), s.get("probation_months"),
                 float(s["fine_yuan"]) if s.get("fine_yuan") is not None else None) for s in items}
    if field == "party_details":
        return {(p["name"], p.get("gender"), p.get("birth_date"), p.get("ethnicity"), p.get("kind")) for p in items}
    raise KeyError(field)


def _norm(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _f1(pred: set, gold: set) -> float:
    if not pred and not gold:
        return 1.0
    tp = len(pred & gold)
    if tp == 0:
        return 0.0
    p, r = tp / len(pred), tp / len(gold)
    return 2 * p * r / (p + r)


def evaluate(gold_dir: Path = GOLD) -> dict:
    docs = sorted(gold_dir.glob("*.json"))
    per_doc: list[float] = []
    counts: dict[str, dict[str, float]] = defaultdict(lambda: {"tp": 0, "pred": 0, "gold": 0})
    misses: list[dict] = []
    for gpath in docs:
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        text = gpath.with_suffix(".txt").read_text(encoding="utf-8")
        pred = extract(text).as_dict()
        scores = []
        for f in EXACT + EXTRA_EXACT:
            g, p = _norm(gold.get(f)), _norm(pred.get(f))
            ok = g == p
            c = counts[f]
            c["pred"] += p is not None
            c["gold"] += g is not None
            c["tp"] += ok and g is not None
            if f in EXACT:
                scores.append(1.0 if ok else 0.0)
            if not ok:
                misses.append({"doc": gpath.stem, "field": f, "gold": g, "pred": p})
        for f in SETS + ("sentences", "party_details"):
            src = "parties" if f == "party_details" else f
            g, p = _key_set(f, gold.get(src) or []), _key_set(f, pred.get(src) or [])
            c = counts[f]
            c["tp"] += len(g & p)
            c["pred"] += len(p)
            c["gold"] += len(g)
            if f in SETS:
                scores.append(_f1(p, g))
            if g != p:
                misses.append({"doc": gpath.stem, "field": f, "missing": sorted(map(str, g - p)),
                               "extra": sorted(map(str, p - g))})
        per_doc.append(sum(scores) / len(scores))
    fields = {}
    for f, c in counts.items():
        prec = c["tp"] / c["pred"] if c["pred"] else None
        rec = c["tp"] / c["gold"] if c["gold"] else None
        fields[f] = {"precision": round(prec, 4) if prec is not None else None,
                     "recall": round(rec, 4) if rec is not None else None, "gold": int(c["gold"])}
    return {"documents": len(docs), "score": round(100 * sum(per_doc) / max(1, len(per_doc)), 2),
            "fields": fields, "misses": misses, "date": date.today().isoformat(),
            "machine": f"{platform.machine()} {platform.processor() or ''} python {platform.python_version()}".strip()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--misses", action="store_true", help="list every field that differs from the gold")
    ap.add_argument("--card", action="store_true", help="write the figures into the model card")
    ap.add_argument("--gold", type=Path, default=GOLD, help="folder of NN_*.txt + NN_*.json gold pairs")
    args = ap.parse_args()
    res = evaluate(args.gold)
    if args.card:
        from fazhi.cards import update_card_metrics

        held = evaluate(HOLDOUT)
        update_card_metrics("extract-rules-0.1", {
            "protocol": "EVALUATION.md, Extraction: mean of exact match (case_number, court, cause, judgment_date) "
                        "and set F1 (parties, judges, statutes) per document, ×100",
            "dev": {"score": res["score"], "documents": res["documents"], "fields": res["fields"],
                    "note": "the rules were tuned on this set"},
            "holdout": {"score": held["score"], "documents": held["documents"], "fields": held["fields"],
                        "note": "written independently, never tuned on"},
            "measured": res["date"], "machine": res["machine"], "command": "python bench/bench_extract.py --card"})
    if args.json:
        json.dump({k: v for k, v in res.items() if args.misses or k != "misses"}, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return
    print(f"extraction score (EVALUATION.md protocol): {res['score']:.2f} over {res['documents']} documents "
          f"in {args.gold}")
    print(f"{'field':<16}{'precision':>10}{'recall':>10}{'gold':>7}")
    for f, v in sorted(res["fields"].items()):
        p = "—" if v["precision"] is None else f"{v['precision']:.3f}"
        r = "—" if v["recall"] is None else f"{v['recall']:.3f}"
        print(f"{f:<16}{p:>10}{r:>10}{v['gold']:>7}")
    if args.misses:
        for m in res["misses"]:
            print(json.dumps(m, ensure_ascii=False))


if __name__ == "__main__":
    main()
