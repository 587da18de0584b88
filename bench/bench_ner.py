"""Person-name recognition on the CAIL NER test splits: ``fazhi.privacy.names.detect_names`` with no
known names (the hard case: the anonymiser normally knows the parties).

    python bench/bench_ner.py [--json] [--data DIR] [--no-tagger]

Test splits (the same as ``fazhi.privacy.train_tagger`` uses, so the tagger never saw them):

* cail2021_xxcq (theft; persons = NHCS 犯罪嫌疑人 + NHVI 受害人): the set ships no test split and
  ``xxcq_small.json`` is almost entirely contained in ``xxcq_mid.json``; both are merged,
  de-duplicated by sentence text, and the sentences with MD5(text) ≡ 0 (mod 5) are the test
  split (about 20%).
* cail2022_xxcq (drugs; persons = Nh): the official ``test.json``.

Figures per set:

* exact: entity-level precision / recall / F1, a span counts only with the same start and end;
* cover≥80% recall: a gold name counts as found when detected PERSON spans cover at least 80%
  of its characters (the anonymisation protocol in EVALUATION.md);
* char precision: the share of detected characters that lie inside gold person names
  (the protocol's precision by characters, over PERSON detections only).

Rows ``…+synthetic``: the same test sentences with each masked name (张某某) replaced by a
synthetic unmasked name (same surname, given-name characters drawn with a fixed seed from
``names.GIVEN``, as in the training augmentation), to show how real names fare; optimistic, as
the given-name characters come from the list the rules and the tagger's features use.

Also, on the gold judgments in ``bench/data/judgments`` (real, unmasked names): occurrences of the
parties', judges' and clerks' names found by ``detect_names`` with no known names (cover ≥80%),
and the same with the parties passed as known.

Note that the CAIL texts are already masked (张某某), so these figures mostly measure masked-name
and context recognition; masked names are reported with ``attrs["already_masked"]`` and count.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from fazhi.privacy import names  # noqa: E402
from fazhi.privacy.train_tagger import _augment, load_sets  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "ner"
GOLD = ROOT / "bench" / "data" / "judgments"


def score(examples: list[tuple[str, list[tuple[int, int]]]], use_tagger: bool) -> dict[str, Any]:
    """Exact P/R/F1, cover≥80% recall and character precision of detect_names on ``examples``."""
    tp = fp = fn = 0
    covered = 0
    gold_total = 0
    det_chars = det_chars_in_gold = 0
    t0 = time.perf_counter()
    chars = 0
    for text, gold in examples:
        chars += len(text)
        dets = [d for d in names.detect_names(text, use_tagger=use_tagger) if d.type == "person"]
        pred = {(d.start, d.end) for d in dets}
        g = set(gold)
        tp += len(pred & g)
        fp += len(pred - g)
        fn += len(g - pred)
        mask = bytearray(len(text))
        for d in dets:
            mask[d.start:d.end] = b"\1" * (d.end - d.start)
        gmask = bytearray(len(text))
        for s, e in gold:
            gmask[s:e] = b"\1" * (e - s)
            gold_total += 1
            if sum(mask[s:e]) >= 0.8 * (e - s):
                covered += 1
        for d in dets:
            det_chars += d.end - d.start
            det_chars_in_gold += sum(gmask[d.start:d.end])
    secs = time.perf_counter() - t0
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "sentences": len(examples), "gold_names": gold_total, "predicted": tp + fp,
        "exact_precision": round(p, 4), "exact_recall": round(r, 4),
        "exact_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "cover80_recall": round(covered / gold_total, 4) if gold_total else 0.0,
        "char_precision": round(det_chars_in_gold / det_chars, 4) if det_chars else 0.0,
        "ms_per_1000_chars": round(1000 * secs / max(chars, 1) * 1000, 3),
    }


def judgments(use_tagger: bool) -> dict[str, Any]:
    """Cover≥80% recall of party / judge / clerk name occurrences in the gold judgments."""
    found = {"unknown": 0, "known": 0}
    total = 0
    judge_kept_role = judge_total = 0
    for path in sorted(GOLD.glob("*.txt")):
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8")
        people: list[tuple[str, str]] = [(p["name"], p["role"]) for p in gold.get("parties", [])
                                         if p.get("kind") == "自然人"]
        bench_people = [(j["name"], j["title"]) for j in gold.get("judges", [])]
        if gold.get("clerk"):
            bench_people.append((gold["clerk"], "书记员"))
        known = people + bench_people
        runs = {"unknown": names.detect_names(text, use_tagger=use_tagger),
                "known": names.detect_names(text, known, use_tagger=use_tagger)}
        masks = {}
        for k, dets in runs.items():
            m = bytearray(len(text))
            for d in dets:
                m[d.start:d.end] = b"\1" * (d.end - d.start)
            masks[k] = m
        for name, _role in known:
            pattern = "[ \t\u3000]{0,3}".join(map(re.escape, name))
            for occ in re.finditer(pattern, text):
                total += 1
                letters = [i for i in range(occ.start(), occ.end()) if not text[i].isspace()]
                for k in found:
                    if sum(masks[k][i] for i in letters) >= 0.8 * len(letters):
                        found[k] += 1
        for name, _title in bench_people:
            for d in runs["unknown"]:
                if d.attrs.get("normalized", d.text) == name:
                    judge_total += 1
                    judge_kept_role += d.attrs.get("role") in names.KEEP_ROLES
    return {"documents": len(list(GOLD.glob("*.txt"))), "occurrences": total,
            "cover80_recall_no_known": round(found["unknown"] / total, 4) if total else 0.0,
            "cover80_recall_with_known": round(found["known"] / total, 4) if total else 0.0,
            "bench_mentions_with_bench_role": f"{judge_kept_role}/{judge_total}"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ap.add_argument("--data", type=Path, default=DATA, help="shared/data/ner")
    ap.add_argument("--no-tagger", action="store_true", help="rules only (for comparison)")
    args = ap.parse_args(argv)
    use_tagger = not args.no_tagger
    sets = load_sets(args.data)
    results: dict[str, Any] = {"tagger": use_tagger and names.default_tagger() is not None, "sets": {}}
    for name in sorted(sets):
        results["sets"][name] = score(sets[name]["test"], use_tagger)
    for name in sorted(sets):
        rng = np.random.default_rng(7)
        synthetic = [a for ex in sets[name]["test"] if (a := _augment(ex, rng)) is not None]
        results["sets"][name + "+synthetic"] = score(synthetic, use_tagger)
    results["judgments"] = judgments(use_tagger)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return 0
    cols = ["sentences", "gold_names", "predicted", "exact_precision", "exact_recall", "exact_f1",
            "cover80_recall", "char_precision", "ms_per_1000_chars"]
    print(f"detect_names on CAIL NER test splits (no known names; tagger: {'on' if results['tagger'] else 'off'})")
    print(f"{'set':<20}" + "".join(f"{c:>18}" for c in cols))
    for name, r in results["sets"].items():
        print(f"{name:<20}" + "".join(f"{r[c]:>18}" for c in cols))
    j = results["judgments"]
    print(f"\ngold judgments ({j['documents']} documents, {j['occurrences']} name occurrences of parties/bench): "
          f"cover≥80% recall {j['cover80_recall_no_known']:.3f} without known names, "
          f"{j['cover80_recall_with_known']:.3f} with them; bench mentions reported with a bench role: "
          f"{j['bench_mentions_with_bench_role']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
