"""Training the character tagger for person names (``fazhi/privacy/data/name_tagger.*``).

Why a small linear tagger: the anonymiser must handle ≥100 judgments of 3,000 characters a
second on one CPU core, offline; a hashed-feature linear model scores a whole judgment in about
a millisecond with numpy and ships as a ~1 MB ``.npz`` file (no pickle).

Data (``data_dir`` = ``shared/data/ner``):

* ``cail2021_xxcq``: ``xxcq_small.json`` and ``xxcq_mid.json`` (one JSON object a line;
  ``context``; ``entities`` with ``label`` and ``span`` ``"start;end"``, end exclusive). Person
  labels: NHCS 犯罪嫌疑人, NHVI 受害人. Neither file is a test split (the small set is almost
  entirely contained in the mid set), so the two are merged, de-duplicated by sentence text,
  and a deterministic 20% is held out: sentences whose MD5 of the text, read as an integer,
  is ≡ 0 (mod 5).
* ``cail2022_xxcq/xxcq``: ``train.json`` (official training split, 1,415 paragraphs) and
  ``test.json`` (353); ``entityMentions`` with ``start``/``end``/``label``; person label Nh.
  Paragraphs of the training split whose text also occurs in the test split are dropped from
  training.

Method: per-character BIO tags, an averaged perceptron with a margin (cost-augmented
prediction) over hashed character n-gram and character-class features (``names.char_features``),
one batch update per sentence. Because the CAIL texts are already masked (张某某), every training
sentence with masked names also appears once more with those names replaced by synthetic
real-looking names (the same surname, given-name characters drawn from ``names.GIVEN``), so the
tagger learns contexts, not only the 某 placeholder. Fixed seed and sorted inputs: the same
data gives the same weights.

    python -m fazhi.privacy.train_tagger [DATA_DIR] [OUT_DIR]
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from fazhi.privacy import names

Example = tuple[str, list[tuple[int, int]]]

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[4] / "shared" / "data" / "ner"
DEFAULT_OUT_DIR = Path(__file__).resolve().parent / "data"
N_BUCKETS = 1 << 18
EPOCHS = 6
MARGIN = 2.0
SEED = 20240521


def _clean_spans(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Valid, non-overlapping spans, sorted (the longer one kept where two overlap)."""
    out: list[tuple[int, int]] = []
    for s, e in sorted({(s, e) for s, e in spans if 0 <= s < e <= len(text)}, key=lambda x: (x[0], -(x[1] - x[0]))):
        if out and s < out[-1][1]:
            continue
        out.append((s, e))
    return out


def _held_out(text: str) -> bool:
    return int(hashlib.md5(text.encode("utf-8")).hexdigest(), 16) % 5 == 0


def load_cail2021(data_dir: Path) -> dict[str, list[Example]]:
    """CAIL2021 theft-case sentences, persons = NHCS + NHVI, split train/test (20% by MD5)."""
    seen: dict[str, list[tuple[int, int]]] = {}
    base = data_dir / "cail2021_xxcq"
    for fname in ("xxcq_mid.json", "xxcq_small.json"):
        path = base / fname
        if not path.is_file():
            continue
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                rec = json.loads(line)
                text = rec["context"]
                spans = []
                for ent in rec.get("entities", []):
                    if ent.get("label") in ("NHCS", "NHVI"):
                        for sp in ent.get("span", []):
                            a, b = sp.split(";")
                            spans.append((int(a), int(b)))
                if text not in seen:
                    seen[text] = _clean_spans(text, spans)
    out: dict[str, list[Example]] = {"train": [], "test": []}
    for text in sorted(seen):
        out["test" if _held_out(text) else "train"].append((text, seen[text]))
    return out


def load_cail2022(data_dir: Path) -> dict[str, list[Example]]:
    """CAIL2022 drug-case paragraphs, persons = Nh; official train/test files."""
    base = data_dir / "cail2022_xxcq" / "xxcq"

    def read(path: Path) -> dict[str, list[tuple[int, int]]]:
        got: dict[str, list[tuple[int, int]]] = {}
        if not path.is_file():
            return got
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                rec = json.loads(line)
                text = rec["sentText"]
                spans = [(int(m["start"]), int(m["end"])) for m in rec.get("entityMentions", []) if m.get("label") == "Nh"]
                got.setdefault(text, _clean_spans(text, spans))
        return got

    train = read(base / "train.json")
    test = read(base / "test.json")
    return {"train": [(t, train[t]) for t in sorted(train) if t not in test],
            "test": [(t, test[t]) for t in sorted(test)]}


def load_sets(data_dir: Path) -> dict[str, dict[str, list[Example]]]:
    """Both CAIL NER sets, each split into train and test."""
    return {"cail2021": load_cail2021(data_dir), "cail2022": load_cail2022(data_dir)}


def _labels(text: str, spans: list[tuple[int, int]]) -> np.ndarray:
    y = np.zeros(len(text), dtype=np.int64)
    for s, e in spans:
        y[s] = 1
        y[s + 1:e] = 2
    return y


_GIVEN_POOL = sorted(names.GIVEN)


def _augment(example: Example, rng: np.random.Generator) -> Example | None:
    """The sentence with its masked names replaced by synthetic names (same name → same substitute)."""
    text, spans = example
    subst: dict[str, str] = {}
    pieces: list[str] = []
    new_spans: list[tuple[int, int]] = []
    pos = 0
    changed = False
    for s, e in spans:
        name = text[s:e]
        rep = name
        if "某" in name or "×" in name or "X" in name or "x" in name:
            if name not in subst:
                sur = name[:2] if name[:2] in names.COMPOUND_SURNAMES else name[:1]
                if sur and names._is_cjk(sur[0]) and sur[0] != "某":
                    n_given = 1 if rng.random() < 0.3 else 2
                    given = "".join(_GIVEN_POOL[int(i)] for i in rng.integers(0, len(_GIVEN_POOL), n_given))
                    subst[name] = sur + given
                else:
                    subst[name] = name
            rep = subst[name]
            changed = changed or rep != name
        pieces.append(text[pos:s])
        start = sum(len(p) for p in pieces)
        pieces.append(rep)
        new_spans.append((start, start + len(rep)))
        pos = e
    pieces.append(text[pos:])
    if not changed:
        return None
    return "".join(pieces), new_spans


def _spans_from_tags(tags: np.ndarray) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = -1
    for i, t in enumerate(tags.tolist()):
        if t == 1 or (t == 2 and start < 0):
            if start >= 0:
                out.append((start, i))
            start = i
        elif t == 0 and start >= 0:
            out.append((start, i))
            start = -1
    if start >= 0:
        out.append((start, len(tags)))
    return out


def train_examples(examples: list[Example], *, epochs: int = EPOCHS, n_buckets: int = N_BUCKETS,
                   seed: int = SEED, augment: bool = True) -> tuple[np.ndarray, float, dict[str, Any]]:
    """Averaged-perceptron weights (n_buckets, 3), the confidence scale, and training facts."""
    rng = np.random.default_rng(seed)
    data = list(examples)
    if augment:
        extra = [a for ex in examples if (a := _augment(ex, rng)) is not None]
        data += extra
    feats = [names.char_features(t, n_buckets).astype(np.int64) for t, _ in data]
    golds = [_labels(t, sp) for t, sp in data]
    n_feat = feats[0].shape[1] if feats else 0
    w = np.zeros(n_buckets * 3, dtype=np.float64)
    u = np.zeros(n_buckets * 3, dtype=np.float64)
    c = 1.0
    mistakes_per_epoch = []
    for _epoch in range(epochs):
        order = rng.permutation(len(data))
        mistakes = 0
        for j in order.tolist():
            idx, y = feats[j], golds[j]
            if idx.shape[0] == 0:
                continue
            flat = idx * 3
            sc = w[flat[:, :, None] + np.arange(3)].sum(axis=1)  # (L, 3)
            cost = np.full_like(sc, MARGIN)
            cost[np.arange(len(y)), y] = 0.0
            pred = (sc + cost).argmax(axis=1)
            wrong = np.flatnonzero(pred != y)
            if wrong.size:
                mistakes += int(wrong.size)
                rows = flat[wrong]
                plus = (rows + y[wrong][:, None]).ravel()
                minus = (rows + pred[wrong][:, None]).ravel()
                np.add.at(w, plus, 1.0)
                np.add.at(w, minus, -1.0)
                np.add.at(u, plus, c)
                np.add.at(u, minus, -c)
            c += 1.0
        mistakes_per_epoch.append(mistakes)
    avg = (w - u / c).reshape(n_buckets, 3).astype(np.float32)
    # Confidence scale: the median margin of correctly tagged name characters maps to 0.9.
    margins = []
    for idx, y in zip(feats[: min(len(feats), 3000)], golds[: min(len(golds), 3000)], strict=True):
        sc = avg[idx].sum(axis=1)
        pred = sc.argmax(axis=1)
        ok = (pred == y) & (y != 0)
        if ok.any():
            part = np.sort(sc[ok], axis=1)
            margins.append(part[:, -1] - part[:, -2])
    med = float(np.median(np.concatenate(margins))) if margins else 1.0
    scale = max(med / float(np.log(9.0)), 1e-6)
    facts = {"sentences": len(examples), "augmented": len(data) - len(examples), "features": n_feat,
             "mistakes_per_epoch": mistakes_per_epoch}
    return avg, scale, facts


def evaluate_tagger(tagger: names.Tagger, examples: list[Example]) -> dict[str, float]:
    """Entity-level exact-span precision/recall/F1 of the raw tagger (no filters)."""
    tp = fp = fn = 0
    for text, gold in examples:
        pred = {(s, e) for s, e, _ in tagger.spans(text, full=True)}
        g = set(gold)
        tp += len(pred & g)
        fp += len(pred - g)
        fn += len(g - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def train(data_dir: Path, out_dir: Path | None = DEFAULT_OUT_DIR, *, epochs: int = EPOCHS,
          n_buckets: int = N_BUCKETS, limit: int | None = None) -> dict[str, Any]:
    """Train on the train splits of both CAIL NER sets, evaluate on their test splits, and (when
    ``out_dir`` is given) write ``name_tagger.npz`` and ``name_tagger.json`` there.

    ``limit`` keeps only the first ``limit`` training sentences of each set (for quick tests).
    Returns the metadata written to the JSON file (plus the test figures).
    """
    t0 = time.perf_counter()
    sets = load_sets(Path(data_dir))
    train_ex: list[Example] = []
    counts = {}
    for name in sorted(sets):
        tr = sets[name]["train"][:limit] if limit else sets[name]["train"]
        counts[name] = {"train": len(tr), "test": len(sets[name]["test"])}
        train_ex += tr
    weights, scale, facts = train_examples(train_ex, epochs=epochs, n_buckets=n_buckets)
    seconds = round(time.perf_counter() - t0, 1)
    meta: dict[str, Any] = {
        "model": "averaged perceptron, BIO tags over hashed character features",
        "feature_version": names.FEATURE_VERSION, "n_buckets": n_buckets, "tags": list(names.TAGS),
        "scale": round(scale, 6), "epochs": epochs, "margin": MARGIN, "seed": SEED, "data": counts,
        "training": facts, "train_seconds": seconds,
        "split": "cail2021: small+mid merged, de-duplicated, MD5(text) % 5 == 0 held out; "
                 "cail2022: official train.json / test.json (train minus texts also in test)",
    }
    tagger = names.Tagger(weights=weights.astype(np.float16).astype(np.float32), scale=scale, meta=meta)
    if not limit:
        meta["test_raw_tagger"] = {name: evaluate_tagger(tagger, sets[name]["test"]) for name in sorted(sets)}
    if out_dir is not None:
        npz, _ = names.save_tagger(weights, meta, Path(out_dir))
        meta["npz_bytes"] = npz.stat().st_size
        meta["npz_sha256"] = hashlib.sha256(npz.read_bytes()).hexdigest()
        (Path(out_dir) / "name_tagger.json").write_text(
            json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        names.default_tagger.cache_clear()
    return meta


def main(argv: list[str] | None = None) -> int:
    """``python -m fazhi.privacy.train_tagger [DATA_DIR] [OUT_DIR]``"""
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else DEFAULT_DATA_DIR
    out_dir = Path(args[1]) if len(args) > 1 else DEFAULT_OUT_DIR
    meta = train(data_dir, out_dir)
    print(json.dumps(meta, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
