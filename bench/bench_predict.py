"""Charge / article / term prediction benchmark (EVALUATION.md, "Charge, article and term prediction").

    python bench/bench_predict.py [--json] [--no-zero-shot] [--fairness N] [--data DIR]

On the 20% held-out split of the pooled CAIL2018 subset (``int(sha256(fact)[:8],16) % 5 == 0``,
never used in training or tuning), with the shipped model:

- charges and articles: per-item F1 (×100), micro / macro F1, exact match, the official CAIL2018
  score (micro + macro) / 2 — macro over the labels that occur in the gold sets or predictions of
  this split (the official judger averages over all of its label list);
- charges by the number of training cases of the case's rarest gold charge (0, 1–4, 5–19, 20+);
- term: the lenient log score and the CAIL2018 bucketed score (death and life must match);
- zero-shot: the model is retrained without 10 charges (all their cases removed) and scored on
  every case of those charges — knowledge (definition, elements, article) alone must find them;
- fairness: the share of held-out facts whose charges, articles and term are unchanged when the
  defendant's name, gender, ethnicity and home region are changed (``counterfactual``);
- speed: cases per second of ``predict_batch`` on one core (BLAS threads pinned to 1), and one
  50,000-character fact; model size on disk.

The same :func:`fazhi.predict.train.evaluate` computes the figures of the model card.
"""

from __future__ import annotations

import os

# one core: pin the BLAS thread pools before numpy is imported
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from fazhi.predict.features import counterfactual  # noqa: E402
from fazhi.predict.model import Predictor, data_dir  # noqa: E402
from fazhi.predict.train import Case, default_data_dir, evaluate, load_cases, split, train  # noqa: E402

# Ten charges left out for the zero-shot run: different chapters of the 刑法, frequent and rare.
ZERO_SHOT = ("交通肇事", "强奸", "非法狩猎", "容留他人吸毒", "污染环境", "信用卡诈骗", "妨害作证", "脱逃",
             "假冒注册商标", "绑架")


def _outcome(p) -> tuple:  # type: ignore[no-untyped-def]
    return (tuple(sorted(p.predicted_charges)), tuple(sorted(p.predicted_articles)), p.term_months, p.death, p.life)


def fairness(model: Predictor, cases: list[Case], n: int = 200) -> dict:
    """Share of facts whose predictions survive a change of the defendant's identity."""
    facts = [c.fact for c in cases[:n]]
    changed = [counterfactual(f, seed=i) for i, f in enumerate(facts)]
    a = model.predict_batch(facts, evidence=False)
    b = model.predict_batch(changed, evidence=False)
    same = [_outcome(x) == _outcome(y) for x, y in zip(a, b, strict=True)]
    diffs = [{"fact": facts[i][:60], "before": _outcome(a[i]), "after": _outcome(b[i])}
             for i, s in enumerate(same) if not s][:5]
    return {"facts": len(facts), "rewritten": sum(f != g for f, g in zip(facts, changed, strict=True)),
            "unchanged": round(100 * sum(same) / max(1, len(same)), 2), "differences": diffs}


def speed(model: Predictor, cases: list[Case]) -> dict:
    facts = [c.fact for c in cases]
    model.predict_batch(facts[:50])  # warm
    t = time.perf_counter()
    model.predict_batch(facts)
    batch = len(facts) / (time.perf_counter() - t)
    t = time.perf_counter()
    model.predict_batch(facts, evidence=False)
    batch_plain = len(facts) / (time.perf_counter() - t)
    long_fact = (cases[0].fact + "。") * (50_000 // (len(cases[0].fact) + 1) + 1)
    long_fact = long_fact[:50_000]
    t = time.perf_counter()
    model.predict(long_fact)
    long_ms = 1000 * (time.perf_counter() - t)
    t = time.perf_counter()
    for f in facts[:200]:
        model.predict(f)
    single_ms = 1000 * (time.perf_counter() - t) / min(200, len(facts))
    return {"batch_cases_per_s": round(batch, 1), "batch_cases_per_s_no_evidence": round(batch_plain, 1),
            "single_ms": round(single_ms, 2), "fact_50000_chars_ms": round(long_ms, 1)}


def zero_shot(data: Path, cases: list[Case], verbose: bool) -> dict:
    """Retrain without the ZERO_SHOT charges and score every case that has one of them."""
    with tempfile.TemporaryDirectory(prefix="fazhi-zeroshot-") as tmp:
        held = train(Path(tmp), data, exclude=ZERO_SHOT, write_card=False, verbose=verbose)
        model = Predictor.from_dir(Path(tmp))
    target = [c for c in cases if set(c.charges) & set(ZERO_SHOT)]
    preds = model.predict_batch([c.fact for c in target], evidence=False)
    ev = evaluate(preds, target)
    per_charge = {}
    for name in ZERO_SHOT:
        idx = [i for i, c in enumerate(target) if name in c.charges]
        if not idx:
            continue
        top1 = sum(preds[i].charges[0].name == name for i in idx) / len(idx) if idx else 0.0
        top3 = sum(name in [x.name for x in preds[i].charges[:3]] for i in idx) / len(idx)
        found = sum(name in preds[i].predicted_charges for i in idx) / len(idx)
        per_charge[name] = {"cases": len(idx), "predicted": round(100 * found, 1), "top1": round(100 * top1, 1),
                            "top3": round(100 * top3, 1)}
    _, test = split(cases)
    rest = [c for c in test if not set(c.charges) & set(ZERO_SHOT)]
    rest_eval = evaluate(model.predict_batch([c.fact for c in rest], evidence=False), rest)
    return {"charges_left_out": list(ZERO_SHOT), "cases": len(target),
            "charges_per_item_f1": round(ev["charges"]["per_item_f1"], 2),
            "articles_per_item_f1": round(ev["articles"]["per_item_f1"], 2),
            "top1": round(100 * sum(any(p.charges[0].name == x for x in c.charges)
                                    for p, c in zip(preds, target, strict=True)) / max(1, len(target)), 2),
            "top3": round(100 * sum(bool(set(x.name for x in p.charges[:3]) & set(c.charges))
                                    for p, c in zip(preds, target, strict=True)) / max(1, len(target)), 2),
            "per_charge": per_charge,
            "other_heldout_charges_f1": round(rest_eval["charges"]["per_item_f1"], 2),
            "retrain_heldout": {"charges_per_item_f1": round(held["charges"]["per_item_f1"], 2)}}


def _round(d):  # type: ignore[no-untyped-def]
    if isinstance(d, dict):
        return {k: _round(v) for k, v in d.items()}
    if isinstance(d, float):
        return round(d, 2)
    return d


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", action="store_true", help="print one JSON document")
    ap.add_argument("--no-zero-shot", action="store_true", help="skip the zero-shot retraining (about a minute)")
    ap.add_argument("--fairness", type=int, default=200, help="number of held-out facts for the fairness check")
    ap.add_argument("--data", type=Path, default=None, help="CAIL2018 subset directory")
    args = ap.parse_args()
    data = args.data or default_data_dir()
    if not (data / "data_train.json").is_file():
        print(f"CAIL2018 subset not found: {data}", file=sys.stderr)
        return 2
    cases = load_cases(data)
    train_cases, test = split(cases)
    counts = Counter(x for c in train_cases for x in c.charges)
    model = Predictor.load()
    t = time.perf_counter()
    preds = model.predict_batch([c.fact for c in test])
    heldout = evaluate(preds, test, counts)
    heldout["seconds"] = round(time.perf_counter() - t, 2)
    report = {
        "date": date.today().isoformat(),
        "machine": f"{platform.machine()} {platform.processor() or ''} python {platform.python_version()}".strip(),
        "split": "held-out 20%: int(sha256(fact)[:8],16) % 5 == 0 of data_train.json + data_test.json",
        "heldout": _round(heldout),
        "recognised": round(100 * float(np.mean([p.recognised for p in preds])), 2),
        "fairness": fairness(model, test, args.fairness),
        "speed": speed(model, test),
        "model_size_bytes": sum(p.stat().st_size for p in data_dir().glob("model.*")),
    }
    if not args.no_zero_shot:
        report["zero_shot"] = zero_shot(data, cases, verbose=not args.json)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    h = report["heldout"]
    print(f"fazhi predict benchmark — {report['date']} — {report['machine']}")
    print(f"held-out cases: {h['cases']} ({report['split']})")
    for part in ("charges", "articles"):
        x = h[part]
        print(f"  {part:9s} per-item F1 {x['per_item_f1']:6.2f}  micro {x['micro_f1']:6.2f}  macro {x['macro_f1']:6.2f}"
              f"  exact {x['exact_match']:6.2f}  CAIL (micro+macro)/2 {x['cail_score']:6.2f}")
    print(f"  term      log score {h['term']['log_score']:6.2f}  CAIL bucketed {h['term']['cail_score']:6.2f}")
    print(f"  top charge: accuracy {h['charges']['top1_accuracy']:6.2f}, calibration error (ECE, 10 bins) "
          f"{h['charges']['top1_ece']:5.2f} points")
    print("  charges per-item F1 by training cases of the rarest gold charge:")
    for b, v in h["charges"].get("by_training_cases", {}).items():
        print(f"    {b:>5s}: {v['per_item_f1']:6.2f}  ({v['cases']} cases)")
    f = report["fairness"]
    print(f"fairness: {f['unchanged']:.2f}% of {f['facts']} facts unchanged under a new name, gender, ethnicity "
          f"and region ({f['rewritten']} rewritten)")
    s = report["speed"]
    print(f"speed (one core): batch {s['batch_cases_per_s']} cases/s ({s['batch_cases_per_s_no_evidence']} without "
          f"evidence), single {s['single_ms']} ms, 50,000-char fact {s['fact_50000_chars_ms']} ms")
    print(f"model size: {report['model_size_bytes'] / 1e6:.2f} MB")
    if "zero_shot" in report:
        z = report["zero_shot"]
        print(f"zero-shot ({len(z['charges_left_out'])} charges retrained out, {z['cases']} cases): charges F1 "
              f"{z['charges_per_item_f1']}  articles F1 {z['articles_per_item_f1']}  top-1 {z['top1']}  "
              f"top-3 {z['top3']}; other held-out charges F1 {z['other_heldout_charges_f1']}")
        for name, v in z["per_charge"].items():
            print(f"    {name}: {v['cases']} cases, predicted {v['predicted']}%, top-1 {v['top1']}%, "
                  f"top-3 {v['top3']}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
