"""Deviation warning calibration: how often real sentences are flagged, and how often shifted ones are.

    python bench/bench_deviation.py [--json] [--k 30] [--limit 600]

On the 20% held-out split of the CAIL2018 subset (the split the predictor never saw), each case
with a fixed term is checked the way `fazhi deviation` checks a judgment: its cohort is the ``k``
most similar training cases of the same (first) charge by the same BM25 over facts, and its band
the central share of the cohort's terms; the model's term is the second yardstick (flag when
|ln(given+1) − ln(predicted+1)| > PREDICTION_TOLERANCE). Reported per band (0.6, 0.8, 0.9):

- false-alarm rate: the share of *real* sentences flagged (these are courts' actual decisions,
  so every flag is a prompt a judge would have to dismiss);
- detection rate: the share flagged after the sentence is doubled or halved (a deviation a
  review should notice).

Both the cohort test alone and cohort-or-model (what the assist reports) are given.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import platform  # noqa: E402
from datetime import date  # noqa: E402

import numpy as np  # noqa: E402

from fazhi.cases.index import facts_of  # noqa: E402
from fazhi.cases.search import MAX_QUERY_TERMS  # noqa: E402
from fazhi.laws.lexical import BM25Index  # noqa: E402
from fazhi.predict.deviation import PREDICTION_TOLERANCE  # noqa: E402
from fazhi.predict.model import Predictor  # noqa: E402
from fazhi.predict.train import default_data_dir, load_cases, split  # noqa: E402

BANDS = (0.6, 0.8, 0.9)


def _outside(given: float, terms: np.ndarray, band: float) -> bool:
    lo, hi = np.quantile(terms, (1 - band) / 2), np.quantile(terms, 1 - (1 - band) / 2)
    return bool(given < lo or given > hi)


def _far(given: float, predicted: int | None) -> bool:
    return predicted is not None and abs(math.log(given + 1) - math.log(predicted + 1)) > PREDICTION_TOLERANCE


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--k", type=int, default=30)
    ap.add_argument("--limit", type=int, default=600, help="held-out cases checked")
    args = ap.parse_args()
    train, test = split(load_cases(default_data_dir()))
    train = [c for c in train if not c.death and not c.life]
    test = [c for c in test if not c.death and not c.life and c.months > 0][: args.limit]
    index = BM25Index.build([facts_of(c.fact) for c in train])
    charge_of = np.array([c.charges[0] if c.charges else "" for c in train])
    months = np.array([c.months for c in train], dtype=np.float64)
    preds = Predictor.load().predict_batch([c.fact for c in test], evidence=False)
    rows = []
    for case, pred in zip(test, preds, strict=True):
        scores = index.scores(facts_of(case.fact), max_terms=MAX_QUERY_TERMS)
        scores[charge_of != case.charges[0]] = 0  # cohort: same charge only, as the assist filters
        top = np.argsort(-scores)[: args.k]
        top = top[scores[top] > 0]
        if top.size < 5:  # the assist needs five cohort sentences before it judges a band
            continue
        rows.append((case.months, months[top], pred.term_months if pred.recognised else None))
    out: dict = {"date": date.today().isoformat(), "machine": f"{platform.machine()} python {platform.python_version()}",
                 "checked": len(rows), "k": args.k, "prediction_tolerance": PREDICTION_TOLERANCE, "bands": {}}
    for band in BANDS:
        res = {}
        for label, factor in (("real", 1.0), ("doubled", 2.0), ("halved", 0.5)):
            cohort = [_outside(g * factor, t, band) for g, t, _p in rows]
            either = [c or _far(g * factor, p) for c, (g, _t, p) in zip(cohort, rows, strict=True)]
            res[label] = {"cohort": round(float(np.mean(cohort)), 3), "cohort_or_model": round(float(np.mean(either)), 3)}
        out["bands"][str(band)] = res
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return
    print(f"{out['checked']} held-out cases with a fixed term, cohort k={args.k} same-charge BM25")
    print(f"{'band':>5} | {'real: cohort':>12} {'+model':>7} | {'×2: cohort':>10} {'+model':>7} | {'×½: cohort':>10} {'+model':>7}")
    for band, res in out["bands"].items():
        print(f"{band:>5} | {res['real']['cohort']:>12.3f} {res['real']['cohort_or_model']:>7.3f} | "
              f"{res['doubled']['cohort']:>10.3f} {res['doubled']['cohort_or_model']:>7.3f} | "
              f"{res['halved']['cohort']:>10.3f} {res['halved']['cohort_or_model']:>7.3f}")


if __name__ == "__main__":
    main()
