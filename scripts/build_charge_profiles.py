"""Train the charge profiles that guide law push from criminal facts to charges (and so to 刑法 articles).

For every charge, the character bigrams most characteristic of its cases in CAIL2018 (log-odds
against all other cases, smoothed), from the cases whose hash puts them in the training split
(80%; the other 20% are the push benchmark's CAIL dev split). Output: src/fazhi/laws/data/
charge_profiles.json — {charge: [[bigram, weight], ...]}, plain JSON, deterministic.

    python scripts/build_charge_profiles.py
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CAIL = ROOT.parent / "shared" / "data" / "cases" / "cail2018_subset"
OUT = ROOT / "src" / "fazhi" / "laws" / "data" / "charge_profiles.json"
TOP = 60


def in_train(fact: str) -> bool:
    """The deterministic 80/20 split shared with bench/bench_laws.py."""
    return int(hashlib.sha256(fact.encode("utf-8")).hexdigest()[:8], 16) % 5 != 0


def bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)
            if all("\u4e00" <= ch <= "\u9fff" for ch in text[i:i + 2])}


def main() -> None:
    by_charge: dict[str, Counter[str]] = {}
    n_charge: Counter[str] = Counter()
    overall: Counter[str] = Counter()
    n = 0
    for name in ("data_train.json", "data_test.json"):
        for line in (CAIL / name).read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if not in_train(rec["fact"]):
                continue
            grams = bigrams(rec["fact"])
            overall.update(grams)
            n += 1
            for charge in rec["meta"]["accusation"]:
                charge = charge if charge.endswith("罪") else charge + "罪"
                by_charge.setdefault(charge, Counter()).update(grams)
                n_charge[charge] += 1
    profiles = {}
    for charge, counts in sorted(by_charge.items()):
        k = n_charge[charge]
        scored = []
        for gram, c in counts.items():
            if c < 2:
                continue
            p_in = (c + 0.5) / (k + 1)
            p_out = (overall[gram] - c + 0.5) / (n - k + 1)
            scored.append((math.log(p_in / p_out) * math.sqrt(p_in), gram))
        scored.sort(reverse=True)
        profiles[charge] = [[g, round(w, 3)] for w, g in scored[:TOP] if w > 0]
    OUT.write_text(json.dumps({"source": "CAIL2018 subset (../shared/data/cases/cail2018_subset), 80% split",
                               "cases": n, "profiles": profiles}, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    print(f"{len(profiles)} charge profiles from {n} cases -> {OUT} ({OUT.stat().st_size / 1e3:.0f} kB)")


if __name__ == "__main__":
    main()
