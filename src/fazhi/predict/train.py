"""Train the charge / article / term models and measure them: reproduces ``fazhi/predict/data``.

    python -m fazhi.predict.train [--data DIR] [--out DIR] [--exclude 罪名,罪名 …] [--no-card]

Why here and how: the parameters shipped with fazhi must be rebuildable by anyone from the public
CAIL2018 subset (``../shared/data/cases/cail2018_subset``) and the statute data fazhi ships, with
the same numbers every time (fixed seeds, deterministic order, numpy only). The two CAIL files
cover different charges, so they are pooled and split by a hash of the fact: ``sha256 % 5 == 0``
is the held-out test split (20%), never seen here except by :func:`evaluate` at the end; inside
the rest a second hash keeps 20% for validation (calibration and thresholds), then the final
models are refit on all of the training split.

Knowledge for charges without cases: each of the 202 CAIL charges gets a pseudo-document from its
definition, its elements (客观方面) and its 刑法 article; the combiner that weighs it against the
trained classifier is fit on simulated unseen charges (groups of training charges left out in turn).

:func:`evaluate` is the evaluation code of ``bench/bench_predict.py`` and of the model card.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from fazhi.predict.features import (
    CUE_FEATURES,
    SparseRows,
    Vectoriser,
    cue_vector,
    extract_cues,
    neutralise_map,
    ngrams,
)
from fazhi.predict.model import (
    CARD_ID,
    MODEL_NAME,
    MODEL_VERSION,
    Prediction,
    Predictor,
    combine_features,
    data_dir,
    sparse_arrays,
)
from fazhi.predict.sentencing import parse_tiers

__all__ = ["Case", "default_data_dir", "evaluate", "is_test", "load_cases", "train"]

SEED = 20240601
LN216 = math.log(216)

# CAIL charge names that the 罪名 table (charges.csv, current 罪名 after the amendments) lists under
# another name, with the 刑法 articles that define them (article 之一 folded into the article,
# as CAIL does).
CAIL_ARTICLES: dict[str, list[int]] = {
    "盗窃、侮辱尸体": [302], "组织、强迫、引诱、容留、介绍卖淫": [358, 359], "以危险方法危害公共安全": [114, 115],
    "过失投放危险物质": [115], "制造、贩卖、传播淫秽物品": [363, 364], "生产、销售假药": [141],
    "非法收购、运输、加工、出售国家重点保护植物、国家重点保护植物制品": [344], "非法买卖制毒物品": [350],
    "非法收购、运输、出售珍贵、濒危野生动物、珍贵、濒危野生动物制品": [341], "失火": [115],
    "徇私舞弊不征、少征税款": [404], "非法狩猎": [341], "窝藏、转移、收购、销售赃物": [312],
    "走私珍贵动物、珍贵动物制品": [151], "非法获取公民个人信息": [253], "徇私舞弊不移交刑事案件": [402],
    "过失损坏广播电视设施、公用电信设施": [124], "非法采伐、毁坏国家重点保护植物": [344],
    "伪造、变造居民身份证": [280], "非法猎捕、杀害珍贵、濒危野生动物": [341], "扰乱无线电通讯管理秩序": [288],
    "非法生产、销售间谍专用器材": [283], "打击报复证人": [308], "过失以危险方法危害公共安全": [115],
    "走私": [153], "强制猥亵、侮辱妇女": [237], "隐匿、故意销毁会计凭证、会计帐簿、财务会计报告": [162],
    "盗窃、抢夺枪支、弹药、爆炸物": [127], "职务侵占": [271],
}


def default_data_dir() -> Path:
    """``../shared/data/cases/cail2018_subset`` beside the repository (or $FAZHI_CAIL_DIR)."""
    env = os.environ.get("FAZHI_CAIL_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3].parent / "shared" / "data" / "cases" / "cail2018_subset"


def _shared_dir(data: Path) -> Path:
    return data.parents[1]


def card_path() -> Path:
    return Path(__file__).resolve().parents[1] / "cards" / f"{CARD_ID}.json"


# --- data -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Case:
    """One CAIL2018 case: the fact and its labels (charge names without brackets or 罪)."""

    fact: str
    charges: tuple[str, ...]
    articles: tuple[int, ...]
    months: int
    death: bool
    life: bool
    fine: int


def canonical(name: str) -> str:
    """CAIL writes alternatives in brackets ([走私、贩卖、运输、制造]毒品); the charge list does not."""
    return name.replace("[", "").replace("]", "").removesuffix("罪")


def _hash(fact: str) -> str:
    return hashlib.sha256(fact.encode("utf-8")).hexdigest()


def is_test(fact: str) -> bool:
    """The held-out 20%: ``int(sha256(fact)[:8], 16) % 5 == 0`` (shared with the charge profiles)."""
    return int(_hash(fact)[:8], 16) % 5 == 0


def is_val(fact: str) -> bool:
    """The validation 20% of the training split (calibration, thresholds)."""
    return int(_hash(fact)[8:16], 16) % 5 == 0


def load_cases(data: Path) -> list[Case]:
    """Both CAIL files, in file order."""
    out = []
    for name in ("data_train.json", "data_test.json"):
        for line in (data / name).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            meta = rec["meta"]
            term = meta["term_of_imprisonment"]
            out.append(Case(rec["fact"], tuple(sorted({canonical(a) for a in meta["accusation"]})),
                            tuple(sorted(set(int(a) for a in meta["relevant_articles"]))), int(term["imprisonment"]),
                            bool(term["death_penalty"]), bool(term["life_imprisonment"]),
                            int(meta.get("punish_of_money") or 0)))
    return out


def cail_forms(data: Path) -> dict[str, str]:
    """The bracketed form CAIL's records use for a charge ([走私、贩卖、运输、制造]毒品), by its plain name."""
    forms: dict[str, str] = {}
    for name in ("data_train.json", "data_test.json"):
        for line in (data / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                for a in json.loads(line)["meta"]["accusation"]:
                    if "[" in a:
                        forms.setdefault(canonical(a), a)
    return dict(sorted(forms.items()))


def split(cases: Sequence[Case]) -> tuple[list[Case], list[Case]]:
    """(train, test) by the hash of the fact."""
    train = [c for c in cases if not is_test(c.fact)]
    test = [c for c in cases if is_test(c.fact)]
    return train, test


# --- knowledge ------------------------------------------------------------------------------


def build_knowledge(data: Path, train_cases: Sequence[Case]) -> dict[str, Any]:
    """Labels (the 202 CAIL charges), their articles, knowledge texts and statutory tiers."""
    from importlib import resources

    from fazhi.laws.kb import open_kb

    labels = [ln.strip() for ln in (data / "accu.txt").read_text(encoding="utf-8").splitlines() if ln.strip()]
    for c in sorted({c for case in train_cases for c in case.charges}):
        if c not in labels:
            labels.append(c)
    law_list = [int(ln) for ln in (data / "law.txt").read_text(encoding="utf-8").split() if ln.strip()]
    kb = open_kb()
    law = kb.find_law("刑法")
    if law is None:
        raise RuntimeError("刑法 not in the knowledge base")
    table = kb.charge_articles()
    defs = json.loads(resources.files("fazhi.laws").joinpath("data/charge_definitions.json").read_text("utf-8"))
    details_path = _shared_dir(data) / "laws" / "charge_definitions" / "charge_details.json"
    details = json.loads(details_path.read_text("utf-8")) if details_path.is_file() else {}
    # the articles the single-charge cases of each charge cite
    cited: dict[str, Counter[int]] = defaultdict(Counter)
    for case in train_cases:
        if len(case.charges) == 1:
            cited[case.charges[0]].update(case.articles)
    charges: list[dict[str, Any]] = []
    for name in labels:
        arts = [(a, s) for a, s in table.get(name + "罪", [])]
        if name in CAIL_ARTICLES:
            arts = [(a, 0) for a in CAIL_ARTICLES[name]] + [x for x in arts if x[0] not in CAIL_ARTICLES[name]]
        n_cited = sum(1 for case in train_cases if case.charges == (name,))
        if n_cited >= 5:
            # the cases say otherwise: the defining article is hardly cited, another one mostly
            top, k = cited[name].most_common(1)[0]
            share = cited[name][arts[0][0]] / n_cited if arts else 0.0
            if share < 0.2 and k / n_cited >= 0.5:
                arts = [(top, 0)] + [x for x in arts if x[0] != top]
        texts = []
        for a, s in arts[:2]:
            art = kb.article(law.id, a, sub=s) or kb.article_any_version(law.id, a, sub=s)
            if art is not None:
                texts.append(art.text)
        if not arts:
            # a charge name that no article defines (CAIL's 经济犯): no article, the whole range
            texts = []
        detail = details.get(name, {})
        definition = defs.get(name + "罪") or "".join(detail.get("定义", "").split())
        objective = "".join(detail.get("客观方面", "").split())
        text = f"{name}罪。" * 2 + definition + objective + "".join(texts)
        tiers = parse_tiers(texts[0]) if texts else []
        charges.append({"name": name, "articles": [a for a, _ in arts], "text": text,
                        "tiers": [t.to_dict() for t in tiers], "definition": definition})
    articles = sorted(set(law_list) | {a for ch in charges for a in ch["articles"][:1]})
    return {"labels": labels, "charges": charges, "articles": articles}


# --- numpy learners -------------------------------------------------------------------------


def fit_linear(X: SparseRows, Y: np.ndarray, *, loss: str, l2: float, epochs: int, lr: float,
               batch: int = 512, seed: int = SEED, dense: np.ndarray | None = None,
               weights: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Linear model on sparse rows (+ optional dense features) by mini-batch Adam with lazy
    updates: ``loss`` is "sigmoid" (one-vs-rest logistic), or "squared" (ridge). Returns W, b, V."""
    rng = np.random.default_rng(seed)
    n, k = Y.shape
    W = np.zeros((X.n_cols, k), np.float32)
    b = np.zeros(k, np.float32)
    if loss == "sigmoid":
        prior = Y.mean(0).clip(1e-4, 1 - 1e-4)
        b[:] = np.log(prior / (1 - prior))
    else:
        b[:] = Y.mean(0)
    V = np.zeros((dense.shape[1], k), np.float32) if dense is not None else None
    mW, vW = np.zeros_like(W), np.zeros_like(W)
    mb, vb = np.zeros_like(b), np.zeros_like(b)
    mV = np.zeros_like(V) if V is not None else None
    vV = np.zeros_like(V) if V is not None else None
    b1, b2, eps = 0.9, 0.999, 1e-8
    t = 0
    for _ in range(epochs):
        perm = rng.permutation(n)
        for s in range(0, n, batch):
            idx = perm[s:s + batch]
            Xb = X.take(idx)
            uniq, inv = np.unique(Xb.indices, return_inverse=True)
            rows = np.repeat(np.arange(len(idx)), np.diff(Xb.indptr))
            Xd = np.zeros((len(idx), len(uniq)), np.float32)
            Xd[rows, inv] = Xb.data
            Wl = W[uniq]
            Z = Xd @ Wl + b
            if V is not None:
                Z += dense[idx] @ V  # type: ignore[index]
            G = (1.0 / (1.0 + np.exp(-np.clip(Z, -30, 30))) - Y[idx]) if loss == "sigmoid" else (Z - Y[idx])
            if weights is not None:
                G *= weights[idx, None]
            G /= len(idx)
            gW = Xd.T @ G + l2 * Wl
            gb = G.sum(0)
            t += 1
            a = lr * math.sqrt(1 - b2 ** t) / (1 - b1 ** t)
            m = mW[uniq] * b1 + (1 - b1) * gW
            v = vW[uniq] * b2 + (1 - b2) * gW * gW
            mW[uniq] = m
            vW[uniq] = v
            W[uniq] = Wl - a * m / (np.sqrt(v) + eps)
            mb = b1 * mb + (1 - b1) * gb
            vb = b2 * vb + (1 - b2) * gb * gb
            b -= a * mb / (np.sqrt(vb) + eps)
            if V is not None:
                gV = dense[idx].T @ G + l2 * V  # type: ignore[index]
                mV = b1 * mV + (1 - b1) * gV  # type: ignore[operator]
                vV = b2 * vV + (1 - b2) * gV * gV  # type: ignore[operator]
                V -= a * mV / (np.sqrt(vV) + eps)
    return W, b, V


def fit_logistic(F: np.ndarray, y: np.ndarray, l2: float = 1e-2, iters: int = 50,
                 weights: np.ndarray | None = None) -> np.ndarray:
    """Binary logistic regression by Newton's method on a small dense design (last column: bias)."""
    w = np.zeros(F.shape[1])
    F = F.astype(np.float64)
    sw = np.ones(len(y)) if weights is None else weights
    reg = np.full(F.shape[1], l2)
    reg[-1] = 1e-6
    for _ in range(iters):
        p = 1 / (1 + np.exp(-np.clip(F @ w, -30, 30)))
        g = F.T @ (sw * (p - y)) / sw.sum() + reg * w
        h = (F * (sw * p * (1 - p))[:, None]).T @ F / sw.sum() + np.diag(reg)
        step = np.linalg.solve(h, g)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    return w.astype(np.float32)


def fit_conditional_logit(groups: Sequence[tuple[np.ndarray, np.ndarray, np.ndarray]], Y: np.ndarray,
                          iters: int = 400, lr: float = 0.05, l2: float = 1e-4) -> tuple[np.ndarray, np.ndarray]:
    """The combiner: a softmax over labels of θs·f (trained labels) or θu·f (the others), fit by
    full-batch Adam on cross-entropy against the gold labels (shared equally by a case's charges).
    ``groups``: (seen features, unseen features, trained mask) of each simulation."""
    ks, ku = groups[0][0].shape[2], groups[0][1].shape[2]
    theta = np.zeros(ks + ku)
    m = np.zeros_like(theta)
    v = np.zeros_like(theta)
    target = Y / np.maximum(Y.sum(1, keepdims=True), 1)
    rows = target.sum(1) > 0
    for t in range(1, iters + 1):
        g = np.zeros_like(theta)
        for seen, unseen, has in groups:
            score = np.where(has[None, :], seen @ theta[:ks], unseen @ theta[ks:])[rows]
            score -= score.max(1, keepdims=True)
            P = np.exp(score)
            P /= P.sum(1, keepdims=True)
            G = (P - target[rows]) / rows.sum()
            g[:ks] += np.einsum("nc,nck->k", G * has[None, :], seen[rows])
            g[ks:] += np.einsum("nc,nck->k", G * ~has[None, :], unseen[rows])
        g = g / len(groups) + l2 * theta
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        theta -= lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    return theta[:ks].astype(np.float32), theta[ks:].astype(np.float32)


def fit_ridge(F: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    """Ridge regression (last column: unpenalised bias)."""
    reg = np.full(F.shape[1], l2 * len(y))
    reg[-1] = 0.0
    w = np.linalg.solve(F.T @ F + np.diag(reg), F.T @ y)
    return w.astype(np.float32)


def _with_bias(F: np.ndarray) -> np.ndarray:
    return np.hstack([F, np.ones((len(F), 1), F.dtype)])


# --- evaluation -----------------------------------------------------------------------------


def _set_f1(pred: Iterable[Any], gold: Iterable[Any]) -> float:
    p, g = set(pred), set(gold)
    tp = len(p & g)
    if not tp:
        return 0.0
    prec, rec = tp / len(p), tp / len(g)
    return 2 * prec * rec / (prec + rec)


def _micro_macro(preds: Sequence[Iterable[Any]], golds: Sequence[Iterable[Any]]) -> tuple[float, float]:
    """Micro and macro F1 over the labels that occur in the gold sets or the predictions."""
    tp: Counter[Any] = Counter()
    fp: Counter[Any] = Counter()
    fn: Counter[Any] = Counter()
    for p, g in zip(preds, golds, strict=True):
        p, g = set(p), set(g)
        for x in p & g:
            tp[x] += 1
        for x in p - g:
            fp[x] += 1
        for x in g - p:
            fn[x] += 1
    labels = set(tp) | set(fp) | set(fn)
    f1s = []
    for x in labels:
        f1s.append(2 * tp[x] / (2 * tp[x] + fp[x] + fn[x]) if tp[x] else 0.0)
    T, Fp, Fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    micro = 2 * T / (2 * T + Fp + Fn) if T else 0.0
    return micro, (sum(f1s) / len(f1s) if f1s else 0.0)


def term_distance(months: int | None, death: bool, life: bool, case: Case) -> float:
    """|ln(p+1) − ln(g+1)|, capped at ln 216; death and life count as 0 when both agree, ln 216 if not."""
    if case.death or case.life or death or life:
        return 0.0 if (case.death and death) or (case.life and life and not death) else LN216
    if months is None:
        return LN216
    return min(LN216, abs(math.log(months + 1) - math.log(case.months + 1)))


def cail_term_score(months: int | None, death: bool, life: bool, case: Case) -> float:
    """The CAIL2018 per-case term score: 1.0 within 0.2 of log distance, then 0.8 … 0.2, 0 beyond 1.0;
    death and life must match exactly."""
    if case.death:
        return 1.0 if death else 0.0
    if case.life:
        return 1.0 if life and not death else 0.0
    if death or life or months is None:
        return 0.0
    v = abs(math.log(months + 1) - math.log(case.months + 1))
    for limit, score in ((0.2, 1.0), (0.4, 0.8), (0.6, 0.6), (0.8, 0.4), (1.0, 0.2)):
        if v <= limit:
            return score
    return 0.0


def _bucket(n: int) -> str:
    return "0" if n == 0 else "1-4" if n < 5 else "5-19" if n < 20 else "20+"


def evaluate(preds: Sequence[Prediction], cases: Sequence[Case], train_counts: Counter[str] | None = None) -> dict:
    """The figures of EVALUATION.md for predictions against cases (all ×100 except counts)."""
    pc = [p.predicted_charges for p in preds]
    pa = [p.predicted_articles for p in preds]
    gc = [c.charges for c in cases]
    ga = [c.articles for c in cases]
    charge_f1 = [_set_f1(p, g) for p, g in zip(pc, gc, strict=True)]
    art_f1 = [_set_f1(p, g) for p, g in zip(pa, ga, strict=True)]
    cmi, cma = _micro_macro(pc, gc)
    ami, ama = _micro_macro(pa, ga)
    dist = [term_distance(p.term_months, p.death, p.life, c) for p, c in zip(preds, cases, strict=True)]
    cail = [cail_term_score(p.term_months, p.death, p.life, c) for p, c in zip(preds, cases, strict=True)]
    n = max(1, len(cases))
    # calibration of the top charge's score: expected calibration error over 10 bins
    conf = np.array([p.charges[0].score if p.charges else 0.0 for p in preds])
    hit = np.array([bool(p.charges) and p.charges[0].name in c.charges for p, c in zip(preds, cases, strict=True)])
    bins = np.minimum((conf * 10).astype(int), 9)
    ece = sum(abs(conf[bins == k].mean() - hit[bins == k].mean()) * (bins == k).sum() for k in range(10)
              if (bins == k).any()) / n
    out: dict[str, Any] = {
        "cases": len(cases),
        "charges": {"per_item_f1": 100 * sum(charge_f1) / n, "micro_f1": 100 * cmi, "macro_f1": 100 * cma,
                    "exact_match": 100 * sum(set(p) == set(g) for p, g in zip(pc, gc, strict=True)) / n,
                    "cail_score": 100 * (cmi + cma) / 2, "top1_accuracy": 100 * float(hit.mean()) if len(hit) else 0.0,
                    "top1_ece": 100 * float(ece)},
        "articles": {"per_item_f1": 100 * sum(art_f1) / n, "micro_f1": 100 * ami, "macro_f1": 100 * ama,
                     "exact_match": 100 * sum(set(p) == set(g) for p, g in zip(pa, ga, strict=True)) / n,
                     "cail_score": 100 * (ami + ama) / 2},
        "term": {"log_score": 100 * (LN216 - sum(dist) / n) / LN216, "cail_score": 100 * sum(cail) / n},
    }
    if train_counts is not None:
        buckets: dict[str, list[float]] = defaultdict(list)
        for f, c in zip(charge_f1, cases, strict=True):
            rarest = min((train_counts.get(x, 0) for x in c.charges), default=0)
            buckets[_bucket(rarest)].append(f)
        out["charges"]["by_training_cases"] = {
            b: {"cases": len(buckets[b]), "per_item_f1": 100 * sum(buckets[b]) / len(buckets[b])}
            for b in ("0", "1-4", "5-19", "20+") if buckets[b]}
    return out


# --- training -------------------------------------------------------------------------------


@dataclass
class _Feats:
    X: SparseRows
    cues: list[Any]
    cue_vecs: np.ndarray
    texts: list[str]


def _featurise(cases: Sequence[Case], vec: Vectoriser, grams: list[list[str]], neutral: list[Any]) -> _Feats:
    X = vec.transform(grams)
    cues = [extract_cues(c.fact, n) for c, n in zip(cases, neutral, strict=True)]
    cv = np.vstack([cue_vector(cu, len(n.text)) for cu, n in zip(cues, neutral, strict=True)]) if cases else \
        np.zeros((0, len(CUE_FEATURES)), np.float32)
    return _Feats(X, cues, cv, [n.aged for n in neutral])


def _label_matrix(cases: Sequence[Case], index: dict[str, int], k: int) -> np.ndarray:
    Y = np.zeros((len(cases), k), np.float32)
    for i, c in enumerate(cases):
        for x in c.charges:
            if x in index:
                Y[i, index[x]] = 1
    return Y


def _log(verbose: bool, msg: str) -> None:
    if verbose:
        print(msg, file=sys.stderr, flush=True)


def train(out_dir: Path | None = None, data: Path | None = None, *, exclude: Sequence[str] = (),
          write_card: bool | None = None, epochs: int = 20, groups: int = 3, verbose: bool = True) -> dict:
    """Train every model, write ``model.npz`` + ``model.json`` to ``out_dir`` (the package data by
    default) and, for the shipped model, the model card; return the metrics. ``exclude`` drops the
    cases of some charges from training (the zero-shot experiment of the benchmark)."""
    t0 = time.time()
    out_dir = Path(out_dir) if out_dir is not None else data_dir()
    data = Path(data) if data is not None else default_data_dir()
    shipped = out_dir.resolve() == data_dir().resolve()
    write_card = shipped and not exclude if write_card is None else write_card
    excluded = set(exclude)
    cases = load_cases(data)
    train_all, test = split(cases)
    train_cases = [c for c in train_all if not excluded & set(c.charges)]
    fit = [c for c in train_cases if not is_val(c.fact)]
    val = [c for c in train_cases if is_val(c.fact)]
    _log(verbose, f"cases: train {len(train_cases)} (fit {len(fit)}, val {len(val)}), test {len(test)}; "
                  f"excluded charges: {sorted(excluded)}")

    know = build_knowledge(data, train_cases)
    labels: list[str] = know["labels"]
    label_index = {n: i for i, n in enumerate(labels)}
    articles: list[int] = know["articles"]
    art_index = {a: j for j, a in enumerate(articles)}

    neutral = {id(c): neutralise_map(c.fact) for c in train_cases}
    grams = {id(c): ngrams(neutral[id(c)].text) for c in train_cases}
    kgrams = [ngrams(ch["text"]) for ch in know["charges"]]
    vec = Vectoriser.fit((grams[id(c)] for c in train_cases), extra=kgrams, min_df=2)
    Kmat = vec.transform(kgrams)
    KT = np.zeros((vec.idf.size, len(labels)), np.float32)
    for i in range(len(labels)):
        idx, vals = Kmat.row(i)
        KT[idx, i] = vals
    _log(verbose, f"vocabulary {len(vec.vocab)} n-grams; {len(labels)} charges, {len(articles)} articles")

    def feats(cs: Sequence[Case]) -> _Feats:
        return _featurise(cs, vec, [grams[id(c)] for c in cs], [neutral[id(c)] for c in cs])

    F_fit, F_val = feats(fit), feats(val)
    counts_all = Counter(x for c in train_cases for x in c.charges)

    def train_charges(cs: Sequence[Case], X: SparseRows, drop: Iterable[str] = ()) -> _Charges:
        """The classifier and the case centroids of the charges of ``cs`` (but those in ``drop``)."""
        dropped = set(drop)
        keep = [i for i, c in enumerate(cs) if not dropped & set(c.charges)]
        kept = [cs[i] for i in keep]
        count = Counter(x for c in kept for x in c.charges)
        seen = sorted(count, key=label_index.__getitem__)
        Y = _label_matrix(kept, {x: j for j, x in enumerate(seen)}, len(seen))
        # rare charges weigh more (power 0.3 of the case count): better recall on them
        w = np.array([np.mean([count[x] ** -0.3 for x in c.charges]) for c in kept], np.float32)
        Xk = X.take(keep)
        W, b, _ = fit_linear(Xk, Y, loss="sigmoid", l2=1e-5, epochs=epochs, lr=0.05, weights=w / w.mean())
        W = _prune(W, PRUNE_KEEP)
        trained = np.array([label_index[x] for x in seen], dtype=np.int64)
        return _Charges(W, b, trained, _centroids(Xk, _label_matrix(kept, label_index, len(labels))),
                        np.array([count.get(n, 0) for n in labels], np.float32))

    def col_of(trained: np.ndarray) -> np.ndarray:
        c = np.full(len(labels), -1, np.int64)
        c[trained] = np.arange(len(trained))
        return c

    # 1. classifier on the fit part; knowledge similarities
    m1 = train_charges(fit, F_fit.X)
    _log(verbose, f"[{time.time() - t0:.0f}s] classifier on fit: {len(m1.trained)} charges")
    S_val = F_val.X.dot(KT)
    Y_val = _label_matrix(val, label_index, len(labels))

    # 2. simulated unseen charges: leave groups of training charges out in turn
    rng = np.random.default_rng(SEED)
    seen_fit = [labels[i] for i in m1.trained]
    perm = [seen_fit[i] for i in rng.permutation(len(seen_fit))]
    sims: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for g in range(groups):
        drop = set(perm[g::groups])
        mg = train_charges(fit, F_fit.X, drop)
        cg = col_of(mg.trained)
        seen_f, unseen_f = combine_features(F_val.X.dot(mg.W) + mg.b, S_val, F_val.X.dot(mg.centroids), cg,
                                            mg.counts)
        sims.append((seen_f, unseen_f, cg >= 0))
        _log(verbose, f"[{time.time() - t0:.0f}s] simulation {g + 1}/{groups}: {len(drop)} charges left out")
    cs, cu = fit_conditional_logit(sims, Y_val)
    combiner = {"seen": [round(float(x), 6) for x in cs], "unseen": [round(float(x), 6) for x in cu]}
    _log(verbose, f"combiner seen {combiner['seen']} unseen {combiner['unseen']}")

    # 3. thresholds on the validation part with the fit classifier
    tiers_meta = [ch["tiers"] for ch in know["charges"]]
    art_map = _article_map(train_cases, know, label_index, art_index)
    meta: dict[str, Any] = {
        "name": MODEL_NAME, "version": MODEL_VERSION, "card_id": CARD_ID, "labels": labels, "articles": articles,
        "tiers": tiers_meta, "combiner": combiner, "training_cases": _counts_dict(labels, m1.counts),
        "thresholds": {"charge": 0.5, "charge_relative": 0.0, "article": 0.5, "recognise": 0.0,
                       "death": 0.5, "life": 0.5},
        "charge_articles": {ch["name"]: ch["articles"] for ch in know["charges"]},
        "cail_forms": cail_forms(data),
        "excluded": sorted(excluded),
    }
    base_arrays = {"vocab": np.array(list(vec.vocab), dtype="<U2"), "idf": vec.idf, "art_map": art_map, "K": KT}
    p1 = Predictor({**base_arrays, **m1.arrays()}, meta)
    Z1, _, Sc1 = p1.raw_scores(F_val.X)
    P_val = p1.charge_probabilities(Z1, S_val, Sc1)
    meta["thresholds"].update(_tune_charges(p1, P_val, val))
    # a fact is "recognised" when it reads like a criminal fact (model._recognisable) and some
    # charge reaches the score of all but the 0.5% least sure validation cases (at most 0.05: an
    # uncertain criminal fact is still a criminal fact)
    meta["thresholds"]["recognise"] = round(float(min(0.05, np.quantile(P_val.max(1), 0.005))), 4)
    picked_val = p1.decide_charges(P_val, np.ones(len(val), bool))
    meta["thresholds"]["article"] = _tune_articles(p1, P_val, picked_val, val)
    _log(verbose, f"[{time.time() - t0:.0f}s] thresholds {meta['thresholds']}")

    # 4. sentencing models: fit on gold charges, choose settings on validation predictions
    sent_fit = _sentencing_design(p1, fit, F_fit, gold=True)
    sent_val = _sentencing_design(p1, val, F_val, P=P_val, picked=picked_val)
    settings = _tune_sentencing(p1, fit, F_fit, sent_fit, val, F_val, sent_val, epochs, verbose)
    meta["thresholds"].update(settings["thresholds"])
    meta["sentencing"] = settings["report"]
    _log(verbose, f"[{time.time() - t0:.0f}s] sentencing {settings['report']}")

    # 5. refit on the whole training split
    F_all = feats(train_cases)
    m_all = train_charges(train_cases, F_all.X)
    meta["training_cases"] = _counts_dict(labels, m_all.counts)
    final = Predictor({**base_arrays, **m_all.arrays()}, meta)
    sent_all = _sentencing_design(final, train_cases, F_all, gold=True)
    sent_arrays = _fit_sentencing(train_cases, F_all, sent_all, settings, epochs)
    arrays = {"vocab": base_arrays["vocab"], "idf": vec.idf, "art_map": art_map.astype(np.float16),
              **sparse_arrays("K", KT), **m_all.arrays(compact=True), **sent_arrays}
    out_dir.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out_dir / "model.npz", **arrays)
    meta["training"] = {"cases": len(train_cases), "fit": len(fit), "val": len(val), "seed": SEED,
                        "epochs": epochs, "split": "int(sha256(fact)[:8],16) % 5 == 0 → test"}
    (out_dir / "model.json").write_text(json.dumps(meta, ensure_ascii=False, indent=0), encoding="utf-8")
    _log(verbose, f"[{time.time() - t0:.0f}s] wrote {out_dir}")

    # 6. held-out figures
    model = Predictor.from_dir(out_dir)
    preds = model.predict_batch([c.fact for c in test], evidence=False)
    metrics = evaluate(preds, test, counts_all)
    metrics["train_seconds"] = round(time.time() - t0, 1)
    metrics["size_bytes"] = sum(p.stat().st_size for p in out_dir.glob("model.*"))
    if write_card:
        write_model_card(metrics, meta)
    return metrics


# Share of classifier weights kept (largest magnitudes): 10% loses nothing measurable on the
# validation split and keeps the shipped parameters at a few MB.
PRUNE_KEEP = 0.10
CENTROID_KEEP = 500  # n-grams kept per charge centroid


@dataclass
class _Charges:
    W: np.ndarray
    b: np.ndarray
    trained: np.ndarray
    centroids: np.ndarray  # (features, labels), zero for labels without cases
    counts: np.ndarray  # training cases per label

    def arrays(self, compact: bool = False) -> dict[str, np.ndarray]:
        if not compact:
            return {"W": self.W, "b": self.b, "trained": self.trained, "centroid": self.centroids}
        return {**sparse_arrays("W", self.W), "b": self.b, "trained": self.trained,
                **sparse_arrays("centroid", self.centroids)}


def _prune(W: np.ndarray, keep: float) -> np.ndarray:
    if W.size == 0:
        return W
    thr = np.quantile(np.abs(W), 1 - keep)
    W = np.where(np.abs(W) >= thr, W, 0.0).astype(np.float32)
    return W.astype(np.float16).astype(np.float32)  # as shipped


def _centroids(X: SparseRows, Y: np.ndarray, keep: int = CENTROID_KEEP) -> np.ndarray:
    """The L2-normalised mean TF-IDF vector of each label's cases, its ``keep`` largest entries."""
    C = X.tdot(Y).astype(np.float32)
    for j in range(C.shape[1]):
        col = C[:, j]
        if np.count_nonzero(col) > keep:
            col[col < np.partition(col, -keep)[-keep]] = 0.0
    norm = np.linalg.norm(C, axis=0)
    norm[norm == 0] = 1.0
    return (C / norm).astype(np.float16).astype(np.float32)


def _counts_dict(labels: Sequence[str], counts: np.ndarray) -> dict[str, int]:
    return {n: int(k) for n, k in zip(labels, counts, strict=True) if k > 0}


def _article_map(train_cases: Sequence[Case], know: dict[str, Any], label_index: dict[str, int],
                 art_index: dict[int, int]) -> np.ndarray:
    """P(article | charge): from single-charge training cases, smoothed towards the defining
    article (κ = 2 pseudo-cases) which gets at least 0.95; a charge without cases cites its
    defining article."""
    M = np.zeros((len(label_index), len(art_index)), np.float32)
    counts: dict[str, Counter[int]] = defaultdict(Counter)
    n: Counter[str] = Counter()
    for c in train_cases:
        if len(c.charges) == 1:
            counts[c.charges[0]].update(a for a in c.articles if a in art_index)
            n[c.charges[0]] += 1
    for ch in know["charges"]:
        i = label_index[ch["name"]]
        defining = [a for a in ch["articles"][:1] if a in art_index]
        kappa = 2.0
        total = n[ch["name"]] + kappa
        for a, k in counts[ch["name"]].items():
            M[i, art_index[a]] += k / total
        for a in defining:
            # the defining article always follows its charge (CAIL's labels for some charges are noisy:
            # 盗窃 cases of this subset cite 264 in only half of them)
            M[i, art_index[a]] = max(M[i, art_index[a]] + kappa / total, 0.95)
    return np.minimum(M, 1.0)


def _tune_charges(model: Predictor, P: np.ndarray, cases: Sequence[Case]) -> dict[str, float]:
    best = (-1.0, 0.5, 0.0)
    for thr in np.arange(0.1, 0.95, 0.05):
        for rel in (0.0, 0.3, 0.5):
            model.meta["thresholds"].update({"charge": float(thr), "charge_relative": rel})
            picked = model.decide_charges(P, np.ones(len(cases), bool))
            f = sum(_set_f1([model.labels[j] for j in np.flatnonzero(picked[i])], c.charges)
                    for i, c in enumerate(cases))
            if f > best[0] + 1e-9:
                best = (f, float(thr), rel)
    return {"charge": round(best[1], 3), "charge_relative": best[2]}


def _tune_articles(model: Predictor, P: np.ndarray, picked: np.ndarray, cases: Sequence[Case]) -> float:
    A = model.article_scores(P, picked)
    best = (-1.0, 0.5)
    for thr in np.arange(0.1, 0.95, 0.05):
        model.meta["thresholds"]["article"] = float(thr)
        ap = model.decide_articles(A, np.ones(len(cases), bool))
        f = sum(_set_f1([model.articles[j] for j in np.flatnonzero(ap[i])], c.articles) for i, c in enumerate(cases))
        if f > best[0] + 1e-9:
            best = (f, float(thr))
    return round(best[1], 3)


@dataclass
class _SentDesign:
    D: np.ndarray  # dense features (not standardised)
    frames: list[Any]


def _sentencing_design(model: Predictor, cases: Sequence[Case], F: _Feats, *, gold: bool = False,
                       P: np.ndarray | None = None, picked: np.ndarray | None = None) -> _SentDesign:
    """Dense sentencing features: with the gold charges (training) or the predicted ones."""
    if gold:
        P = _label_matrix(cases, model.label_index, len(model.labels))
        picked = P > 0.5
    assert P is not None and picked is not None
    frames = model.frames_for(P, picked, F.cues, F.texts)
    D = model.dense_features(P, F.cue_vecs, frames, picked.sum(1))
    return _SentDesign(D, frames)


def _targets(cases: Sequence[Case]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    y = np.array([math.log1p(c.months) for c in cases], np.float32)
    death = np.array([c.death for c in cases], np.float32)
    life = np.array([c.life and not c.death for c in cases], np.float32)
    fine = np.array([math.log1p(c.fine) for c in cases], np.float32)
    return y, death, life, fine


def _tune_sentencing(model: Predictor, fit: Sequence[Case], F_fit: _Feats, s_fit: _SentDesign,
                     val: Sequence[Case], F_val: _Feats, s_val: _SentDesign, epochs: int, verbose: bool) -> dict:
    """Choose the term model's regularisation and the death / life thresholds on validation."""
    mu = s_fit.D.mean(0)
    sd = s_fit.D.std(0) + 1e-3
    Df, Dv = (s_fit.D - mu) / sd, (s_val.D - mu) / sd
    y, death, life, fine = _targets(fit)
    term_mask = (death + life) == 0
    yv, dv, lv, _ = _targets(val)
    best: tuple[float, float] | None = None
    report: dict[str, Any] = {}
    for l2 in (1e-4, 1e-3):
        W, b, V = fit_linear(F_fit.X.take(np.flatnonzero(term_mask)), y[term_mask, None], loss="squared", l2=l2,
                             epochs=epochs, lr=0.01, dense=Df[term_mask])
        assert V is not None
        pred = F_val.X.dot(W[:, 0]) + Dv @ V[:, 0] + b[0]
        score = _term_score(pred, s_val.frames, F_val, val, model)
        report[f"val_cail_l2_{l2:g}"] = round(score, 2)
        if best is None or score > best[0]:
            best = (score, l2)
    assert best is not None
    wd = fit_logistic(_with_bias(Df), death, l2=1e-2)
    wl = fit_logistic(_with_bias(Df), life, l2=1e-2)
    pd_ = 1 / (1 + np.exp(-(_with_bias(Dv) @ wd)))
    pl = 1 / (1 + np.exp(-(_with_bias(Dv) @ wl)))
    thr = {"death": 0.5, "life": 0.5}
    for name, p, gold in (("death", pd_, dv), ("life", pl, lv)):
        best_t, best_gain = 0.99, 0.0
        for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
            hit = ((p >= t) & (gold > 0)).sum()
            wrong = ((p >= t) & (gold == 0)).sum()
            gain = hit - wrong  # CAIL: a right flag gains 1, a wrong one loses a term score (≤ 1)
            if gain > best_gain:
                best_t, best_gain = t, gain
        thr[name] = best_t
    report.update({"term_l2": best[1], "death_threshold": thr["death"], "life_threshold": thr["life"]})
    return {"l2": best[1], "thresholds": thr, "report": report}


def _term_score(pred: np.ndarray, frames: list[Any], F: _Feats, cases: Sequence[Case], model: Predictor) -> float:
    from fazhi.predict.sentencing import clamp_term

    total = 0.0
    for i, c in enumerate(cases):
        months, _ = clamp_term(float(np.expm1(max(0.0, pred[i]))), frames[i], F.cues[i])
        total += cail_term_score(months, False, False, c)
    return 100 * total / max(1, len(cases))


def _fit_sentencing(cases: Sequence[Case], F: _Feats, s: _SentDesign, settings: dict, epochs: int) -> dict:
    mu = s.D.mean(0)
    sd = s.D.std(0) + 1e-3
    D = (s.D - mu) / sd
    y, death, life, fine = _targets(cases)
    term_mask = (death + life) == 0
    W, b, V = fit_linear(F.X.take(np.flatnonzero(term_mask)), y[term_mask, None], loss="squared",
                         l2=settings["l2"], epochs=epochs, lr=0.01, dense=D[term_mask])
    assert V is not None
    fmask = fine > 0
    wf = fit_ridge(_with_bias(D[fmask]), fine[fmask], l2=1e-2) if fmask.sum() > 10 else np.zeros(D.shape[1] + 1,
                                                                                                  np.float32)
    return {"term_text": W[:, 0].astype(np.float16), "term_dense": np.r_[V[:, 0], b[0]].astype(np.float32),
            "dense_mu": mu.astype(np.float32), "dense_sd": sd.astype(np.float32),
            "death_w": fit_logistic(_with_bias(D), death, l2=1e-2),
            "life_w": fit_logistic(_with_bias(D), life, l2=1e-2),
            "fine_w": wf.astype(np.float32)}


# --- model card -----------------------------------------------------------------------------


def write_model_card(metrics: dict, meta: dict) -> Path:
    """The model card of the shipped model, with the held-out figures of :func:`evaluate`."""
    ch, ar, te = metrics["charges"], metrics["articles"], metrics["term"]
    card = {
        "card_id": CARD_ID,
        "name": MODEL_NAME,
        "version": MODEL_VERSION,
        "function": "根据刑事案件查明事实或指控事实，提示可能涉及的罪名、刑法条文和刑期（含死刑、无期徒刑、缓刑、罚金建议），"
                    "给出校准后的置信度、依据的事实片段、量刑情节和法定刑幅度（法发〔2022〕33号 §8 全案由裁判辅助）。",
        "purpose_en": "Suggest charges, Criminal Law articles and a sentence from the facts of a criminal case, "
                      "with calibrated scores, the fact spans that drove them, sentencing circumstances and the "
                      "statutory range the term was clamped to. Assistive only.",
        "method": "Facts are neutralised first (names, gender, ethnicity, regions removed: 法发〔2022〕33号 §4). "
                  "Character uni+bigram sublinear TF-IDF; one-vs-rest logistic regression (numpy, Adam, rare "
                  "charges up-weighted, 10% largest weights kept) and case centroids for the charges with "
                  "training cases, combined with knowledge prototypes (charge definition, elements and 刑法 "
                  "article text) for all 202 CAIL charges through a softmax (conditional-logit) combiner fit on "
                  "simulated unseen charges (training charges left out in turn); thresholds tuned for per-item "
                  "F1 on a validation split. Articles from a charge→article map (data-smoothed, the defining "
                  "article always kept). Term: ridge regression on log(1+months) over n-grams, "
                  "charge probabilities, sentencing cues and the statutory frame, clamped into the frame chosen "
                  "by national thresholds (sentencing.md §5–§6); death / life by logistic regression; probation "
                  "by the rule of 刑法 第七十二至七十四条; fine by ridge regression where the article provides 罚金.",
        "data": "CAIL2018 subset (data_train.json + data_test.json, 5,072 cases) pooled and split by "
                "int(sha256(fact)[:8],16) % 5: 0 → held-out test (20%); the rest trains (20% of it validates). "
                "Knowledge: fazhi's 罪名↔条文 table and charge definitions, NeurJudge charge elements, 刑法 text.",
        "limits": [
            "训练案例约4,000件，覆盖约130个罪名；其余罪名仅依据罪名定义和法条文本提示，准确率明显较低。",
            "刑期为模型估计并经法定刑幅度约束的参考值，未使用各省量刑实施细则，不能代替法官的量刑判断。",
            "训练数据不含缓刑标签，缓刑建议依刑法第七十二至七十四条的规则给出。",
            "事实超过5,000字时只读取前5,000字。",
            "数罪并罚、共同犯罪中各被告人的刑期区分能力有限；CAIL数据中的条文标注存在噪声。",
            "已去除姓名、性别、民族、籍贯和地名对预测的影响；年龄仅以“不满十四周岁”提示被害人身份。",
        ],
        "metrics": {
            "heldout_cases": metrics["cases"],
            "charges_per_item_f1": round(ch["per_item_f1"], 2),
            "charges_micro_f1": round(ch["micro_f1"], 2),
            "charges_macro_f1": round(ch["macro_f1"], 2),
            "charges_cail_score": round(ch["cail_score"], 2),
            "charges_top1_accuracy": round(ch["top1_accuracy"], 2),
            "charges_top1_calibration_error": round(ch["top1_ece"], 2),
            "articles_per_item_f1": round(ar["per_item_f1"], 2),
            "articles_cail_score": round(ar["cail_score"], 2),
            "term_log_score": round(te["log_score"], 2),
            "term_cail_score": round(te["cail_score"], 2),
            "charges_by_training_cases": {k: round(v["per_item_f1"], 2)
                                          for k, v in ch.get("by_training_cases", {}).items()},
            "model_size_bytes": metrics.get("size_bytes"),
        },
    }
    path = card_path()
    path.write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Train fazhi's charge / article / term models.")
    ap.add_argument("--data", type=Path, default=None, help="CAIL2018 subset directory")
    ap.add_argument("--out", type=Path, default=None, help="output directory (default: the package data)")
    ap.add_argument("--exclude", default="", help="charges to leave out, comma-separated (zero-shot runs)")
    ap.add_argument("--no-card", action="store_true")
    args = ap.parse_args(argv)
    exclude = [x for x in args.exclude.split(",") if x]
    metrics = train(args.out, args.data, exclude=exclude, write_card=False if args.no_card else None)
    print(json.dumps(metrics, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
