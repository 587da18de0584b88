"""Charge, article and term prediction from the facts of a criminal case (全案由裁判辅助, 法发〔2022〕33号 §8).

Why this shape: the training cases cover about 130 charges, the courts' cases about 200, so the
charge score blends two sources — a one-vs-rest logistic regression over character n-grams for
the charges seen in training, and the similarity of the facts to each charge's knowledge text
(its definition, its elements and its 刑法 article) for every charge, seen or not — through a
small calibrated combiner (:meth:`Predictor.charge_probabilities`). Articles follow from the
predicted charges through the charge ↔ article map; the term is a ridge regression on log months
clamped into the statutory frame of :mod:`fazhi.predict.sentencing`, with every step reported.

Inference is numpy only; the parameters ship in ``fazhi/predict/data`` (``model.npz`` read with
``allow_pickle=False`` and ``model.json``), written by :func:`fazhi.predict.train.train`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from fazhi.predict.features import (
    CUE_FEATURES,
    MAX_CHARS,
    Cues,
    Neutral,
    SparseRows,
    Vectoriser,
    circumstance_effect,
    cue_vector,
    extract_cues,
    neutralise_map,
    ngrams,
)
from fazhi.predict.sentencing import TermRange, Tier, clamp_term, fine_applies, probation, select_frame

__all__ = ["CRIMINAL_LAW", "Prediction", "Predictor", "data_dir"]

CRIMINAL_LAW = "中华人民共和国刑法"
MODEL_NAME = "fazhi-predict-cail"
MODEL_VERSION = "0.1.0"
CARD_ID = "predict-cail-0.1"

# Words of criminal conduct, its harm or its proceeds (a role word such as 被告人 alone is not enough:
# "被告人在家中睡觉" describes no crime).
_CONDUCT = re.compile(r"犯罪|作案|案发|赃|涉嫌|违法|非法|窃|盗|骗|抢|杀|伤害|打伤|殴打|毒品|吸毒|贩卖|醉酒|醉驾|肇事|"
                      r"赌|淫|嫖|贿|贪污|挪用|侵占|伪造|变造|走私|强奸|猥亵|拐卖|拐骗|绑架|劫|放火|纵火|爆炸|持刀|砍|捅|"
                      r"死亡|轻伤|重伤|偷|扒|敲诈|勒索|逃逸|逃跑|虚开|滥用职权|玩忽职守|阻碍|妨害|冒充|吸食|卖淫|罪|"
                      r"他人财物|别人的")
# … or a person of a criminal case together with a step of criminal procedure.
_ROLE = re.compile(r"被告人|犯罪嫌疑人|被害人")
_PROCEDURE = re.compile(r"公诉|指控|检察院|查明|归案|抓获|羁押|拘留|逮捕|立案|侦查|报警|报案|取保候审")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE_END = "，。；！？,;!?\n"


def data_dir() -> Path:
    """Where the shipped parameters live (``src/fazhi/predict/data``)."""
    return Path(str(resources.files("fazhi.predict").joinpath("data")))


# --- results --------------------------------------------------------------------------------


@dataclass(slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class ChargeResult:
    name: str  # CAIL name without the trailing 罪 (盗窃, 走私、贩卖、运输、制造毒品)
    score: float  # calibrated probability
    predicted: bool
    evidence: list[Span] = field(default_factory=list)
    source: str = "model"  # "model" (trained on cases) or "knowledge" (definition and article only)
    cail_label: str = ""  # the form CAIL's records use, with brackets: [走私、贩卖、运输、制造]毒品
    articles: list[int] = field(default_factory=list)  # the 刑法 articles that define the charge


@dataclass(slots=True)
class ArticleResult:
    law: str
    article: int
    score: float
    predicted: bool


@dataclass(slots=True)
class CircumstanceResult:
    name: str
    start: int
    end: int
    text: str
    effect: str


@dataclass(slots=True)
class Prediction:
    """What :meth:`Predictor.predict` returns for one fact: suggestions with scores and evidence."""

    recognised: bool
    charges: list[ChargeResult]
    articles: list[ArticleResult]
    term_months: int | None
    death: bool
    life: bool
    probation_months: int | None
    fine_yuan: int | None
    term_range: dict[str, Any] | None
    circumstances: list[CircumstanceResult]
    explanation: list[str] = field(default_factory=list)
    death_score: float = 0.0
    life_score: float = 0.0
    truncated: bool = False
    message: str = ""

    @property
    def predicted_charges(self) -> list[str]:
        return [c.name for c in self.charges if c.predicted]

    @property
    def predicted_articles(self) -> list[int]:
        return [a.article for a in self.articles if a.predicted]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# --- the predictor --------------------------------------------------------------------------


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


class Predictor:
    """The trained charge / article / term models. Build with :meth:`load` (cached) or from the
    arrays and settings that :mod:`fazhi.predict.train` produces."""

    def __init__(self, arrays: dict[str, np.ndarray], meta: dict[str, Any]) -> None:
        self.meta = meta
        self.labels: list[str] = meta["labels"]
        self.articles: list[int] = meta["articles"]
        vocab = [str(g) for g in arrays["vocab"]]
        self.vectoriser = Vectoriser({g: i for i, g in enumerate(vocab)}, arrays["idf"].astype(np.float32))
        self.vocab = vocab
        n_feat = len(vocab)
        self.trained = arrays["trained"].astype(np.int64)  # label index of each trained column
        self.W = _dense(arrays, "W", (n_feat, len(self.trained)))
        self.b = arrays["b"].astype(np.float32)
        self.KT = _dense(arrays, "K", (n_feat, len(self.labels)))  # knowledge prototypes
        self.CT = _dense(arrays, "centroid", (n_feat, len(self.labels)))  # centroids of the training cases
        self.counts = np.array([meta["training_cases"].get(n, 0) for n in self.labels], dtype=np.float32)
        self.art_map = arrays["art_map"].astype(np.float32)  # (labels, articles): P(article | charge)
        self.term_text = arrays["term_text"].astype(np.float32) if "term_text" in arrays else np.zeros(n_feat,
                                                                                                      np.float32)
        self.term_dense = arrays["term_dense"].astype(np.float32) if "term_dense" in arrays else None
        self.dense_mu = arrays["dense_mu"].astype(np.float32) if "dense_mu" in arrays else None
        self.dense_sd = arrays["dense_sd"].astype(np.float32) if "dense_sd" in arrays else None
        self.death_w = arrays["death_w"].astype(np.float32) if "death_w" in arrays else None
        self.life_w = arrays["life_w"].astype(np.float32) if "life_w" in arrays else None
        self.fine_w = arrays["fine_w"].astype(np.float32) if "fine_w" in arrays else None
        self.col_of = np.full(len(self.labels), -1, dtype=np.int64)
        self.col_of[self.trained] = np.arange(len(self.trained))
        self.tiers: list[list[Tier]] = [[Tier(**t) for t in ts] for ts in meta["tiers"]]
        self.label_index = {n: i for i, n in enumerate(self.labels)}
        arts = meta.get("charge_articles", {})
        self.suggestible = np.array([self.col_of[i] >= 0 or bool(arts.get(n)) for i, n in enumerate(self.labels)])

    # loading ---------------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path | None = None) -> Predictor:
        """The shipped model (or the one in ``path``), read once per process."""
        return _load(str(path or data_dir()))

    @classmethod
    def from_dir(cls, path: Path) -> Predictor:
        meta = json.loads((path / "model.json").read_text(encoding="utf-8"))
        with np.load(path / "model.npz", allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        return cls(arrays, meta)

    # stages (also used by training) ---------------------------------------------------------

    def neutral_and_vectors(self, facts: Sequence[str]) -> tuple[list[Neutral], SparseRows]:
        neutral = [neutralise_map(f or "") for f in facts]
        return neutral, self.vectoriser.transform(ngrams(n.text) for n in neutral)

    def raw_scores(self, X: SparseRows) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Classifier logits (trained charges), knowledge and centroid similarities (all charges)."""
        return X.dot(self.W) + self.b, X.dot(self.KT), X.dot(self.CT)

    def charge_probabilities(self, Z: np.ndarray, S: np.ndarray, Sc: np.ndarray) -> np.ndarray:
        """P(charge | facts) for every label: a softmax over the combiner's scores (see
        :func:`combine_features`), fit so that the true charges rank first on simulated unseen
        charges as well as seen ones."""
        seen, unseen = combine_features(Z, S, Sc, self.col_of, self.counts)
        cs = np.asarray(self.meta["combiner"]["seen"], dtype=np.float32)
        cu = np.asarray(self.meta["combiner"]["unseen"], dtype=np.float32)
        return combined_softmax(seen, unseen, self.col_of >= 0, cs, cu, self.suggestible)

    def decide_charges(self, P: np.ndarray, recognised: np.ndarray) -> np.ndarray:
        """Boolean (cases, labels): every charge at or above the threshold, at least the top one."""
        thr = float(self.meta["thresholds"]["charge"])
        rel = float(self.meta["thresholds"].get("charge_relative", 0.0))
        top = P.max(1, keepdims=True)
        pick = (P >= thr) & (P >= rel * top)
        pick[np.arange(len(P)), P.argmax(1)] = True
        pick &= recognised[:, None]
        return pick

    def article_scores(self, P: np.ndarray, picked: np.ndarray) -> np.ndarray:
        """Score of each article: the strongest charge that implies it, P(charge) × P(article | charge)."""
        weight = np.where(picked, np.maximum(P, 0.5), P)  # a predicted charge brings its articles
        return (weight[:, :, None] * self.art_map[None, :, :]).max(1)

    def decide_articles(self, A: np.ndarray, recognised: np.ndarray) -> np.ndarray:
        thr = float(self.meta["thresholds"]["article"])
        pick = A >= thr
        pick[np.arange(len(A)), A.argmax(1)] = True
        pick &= recognised[:, None]
        return pick

    def dense_features(self, P: np.ndarray, cue_vecs: np.ndarray, frames: list[TermRange],
                       n_charges: np.ndarray) -> np.ndarray:
        """Features of the term, death / life and fine models: charge probabilities, the cues, the
        statutory frame (so that a charge never seen in training still has a sentence level)."""
        fr = np.array([[math.log1p(f.min_months), math.log1p(f.max_months), float(f.life), float(f.death)]
                       for f in frames], dtype=np.float32).reshape(len(frames), 4)
        return np.hstack([P, cue_vecs, fr, np.log(np.maximum(n_charges, 1))[:, None].astype(np.float32)])

    def frames_for(self, P: np.ndarray, picked: np.ndarray, cues: list[Cues], texts: list[str]) -> list[TermRange]:
        """The frame of the gravest predicted charge (the one with the highest statutory maximum)."""
        out = []
        for i in range(len(P)):
            idx = np.flatnonzero(picked[i]) if picked[i].any() else np.array([int(P[i].argmax())])
            best: TermRange | None = None
            for c in idx:
                fr = select_frame(self.labels[c], self.tiers[c], cues[i], texts[i])
                if best is None or (fr.max_months, fr.life, fr.death) > (best.max_months, best.life, best.death):
                    best = fr
            assert best is not None
            out.append(best)
        return out

    def standardise(self, D: np.ndarray) -> np.ndarray:
        if self.dense_mu is None or self.dense_sd is None:
            return D
        return (D - self.dense_mu) / self.dense_sd

    # prediction ---------------------------------------------------------------------------

    def predict(self, fact: str) -> Prediction:
        """Charges, articles and a term for one fact (see :meth:`predict_batch`)."""
        return self.predict_batch([fact])[0]

    def predict_batch(self, facts: Sequence[str], *, evidence: bool = True, batch_size: int = 256) -> list[Prediction]:
        """Predictions for many facts; the work is vectorised per batch of ``batch_size``."""
        out: list[Prediction] = []
        for s in range(0, len(facts), batch_size):
            out.extend(self._predict_chunk([f if isinstance(f, str) else "" for f in facts[s:s + batch_size]],
                                           evidence))
        return out

    def _predict_chunk(self, facts: list[str], evidence: bool) -> list[Prediction]:
        neutral, X = self.neutral_and_vectors(facts)
        Z, S, Sc = self.raw_scores(X)
        P = self.charge_probabilities(Z, S, Sc)
        # a criminal fact: enough text, words of criminal conduct (or of a criminal procedure),
        # and some charge above the floor
        best = P.max(1) if P.shape[1] else np.zeros(len(facts), np.float32)
        wordy = np.array([_recognisable(n.text) for n in neutral], dtype=bool)
        enough = np.array([len(_CJK.findall(n.text[:2000])) >= 8 for n in neutral], dtype=bool)
        recognised = enough & wordy & (best >= float(self.meta["thresholds"].get("recognise", 0.0)))
        P = np.where(recognised[:, None], P, np.minimum(P, 0.05))
        picked = self.decide_charges(P, recognised)
        A = self.article_scores(P, picked)
        apicked = self.decide_articles(A, recognised)
        cues = [extract_cues(f, n) for f, n in zip(facts, neutral, strict=True)]
        cue_vecs = np.vstack([cue_vector(c, len(n.text)) for c, n in zip(cues, neutral, strict=True)]) \
            if facts else np.zeros((0, len(CUE_FEATURES)), np.float32)
        texts = [n.aged for n in neutral]
        frames = self.frames_for(P, picked, cues, texts)
        n_charges = picked.sum(1)
        D = self.standardise(self.dense_features(P, cue_vecs, frames, n_charges))
        sent = self.sentence(X, D)
        results = []
        for i, fact in enumerate(facts):
            results.append(self._assemble(fact, neutral[i], X, i, P[i], picked[i], A[i], apicked[i], cues[i],
                                          frames[i], sent, bool(recognised[i]), evidence))
        return results

    def sentence(self, X: SparseRows, D: np.ndarray) -> dict[str, np.ndarray]:
        """Raw outputs of the sentencing models: log(1 + months), P(death), P(life), log(1 + fine)."""
        n = D.shape[0]
        term = X.dot(self.term_text) if n else np.zeros(0, np.float32)
        if self.term_dense is not None:
            term = term + D @ self.term_dense[:-1] + self.term_dense[-1]
        death = _sigmoid(D @ self.death_w[:-1] + self.death_w[-1]) if self.death_w is not None else np.zeros(n)
        life = _sigmoid(D @ self.life_w[:-1] + self.life_w[-1]) if self.life_w is not None else np.zeros(n)
        fine = D @ self.fine_w[:-1] + self.fine_w[-1] if self.fine_w is not None else np.zeros(n)
        return {"term": term, "death": death, "life": life, "fine": fine}

    def _assemble(self, fact: str, nt: Neutral, X: SparseRows, i: int, p: np.ndarray, picked: np.ndarray,
                  a: np.ndarray, apicked: np.ndarray, cues: Cues, frame: TermRange, sent: dict[str, np.ndarray],
                  recognised: bool, evidence: bool) -> Prediction:
        order = np.argsort(-p)[:10]
        chosen = sorted((int(c) for c in np.flatnonzero(picked)), key=lambda c: -p[c])
        listed = chosen + [int(c) for c in order if int(c) not in chosen][: max(0, 5 - len(chosen))]
        charges = []
        idx, vals = X.row(i)
        for c in listed:
            ev = self._evidence(fact, nt, idx, vals, c) if evidence and picked[c] else []
            name = self.labels[c]
            charges.append(ChargeResult(name, round(float(p[c]), 4), bool(picked[c]), ev,
                                        "model" if self.col_of[c] >= 0 else "knowledge",
                                        self.meta.get("cail_forms", {}).get(name, name),
                                        list(self.meta.get("charge_articles", {}).get(name, []))))
        aorder = sorted((int(j) for j in np.flatnonzero(apicked)), key=lambda j: -a[j])
        aorder += [int(j) for j in np.argsort(-a)[:5] if int(j) not in aorder][: max(0, 5 - len(aorder))]
        articles = [ArticleResult(CRIMINAL_LAW, self.articles[j], round(float(a[j]), 4), bool(apicked[j]))
                    for j in aorder]
        circ = [CircumstanceResult(c.name, c.start, c.end, c.text, circumstance_effect(c.name))
                for c in cues.circumstances]
        explanation: list[str] = []
        if nt.truncated:
            read = int(nt.offsets[-1])
            explanation.append(f"事实较长（{len(fact)}字），仅阅读了前{read}字（去除姓名、地名后约{MAX_CHARS}字），"
                               "其余部分未被读取。")
        if not recognised:
            return Prediction(False, charges, articles, None, False, False, None, None, None, circ,
                              explanation + ["未识别出刑事罪名：文本缺少犯罪事实的要素。"], truncated=nt.truncated,
                              message="no criminal charge recognised / 未识别出刑事罪名")
        death_p = float(sent["death"][i])
        life_p = float(sent["life"][i])
        thr = self.meta["thresholds"]
        death = death_p >= float(thr.get("death", 0.5)) and frame.death
        life = (not death) and life_p >= float(thr.get("life", 0.5)) and frame.life
        term: int | None = None
        prob: int | None = None
        if death:
            explanation.append(f"死刑可能性{death_p:.2f}（{frame.basis}）")
        elif life:
            explanation.append(f"无期徒刑可能性{life_p:.2f}（{frame.basis}）")
        else:
            raw = float(np.expm1(max(0.0, float(sent["term"][i]))))
            term, notes = clamp_term(raw, frame, cues, int(picked.sum()))
            explanation.append(f"模型估计刑期约{raw:.1f}个月；法定刑幅度{frame.min_months}至{frame.max_months}个月"
                               f"（{frame.basis}）")
            explanation.extend(notes)
            top = self.labels[int(np.argmax(p))]
            prob, why = probation(term, cues, top)
            explanation.append(why)
        fine = self._fine(sent, i, chosen)
        if fine is not None:
            explanation.append(f"条文规定并处或者单处罚金，建议罚金约{fine}元（参考同类案件）")
        if cues.amounts:
            explanation.append(f"涉案金额：最高{cues.max_amount:,.0f}元，合计{cues.total_amount:,.0f}元")
        if cues.drugs:
            explanation.append(f"毒品数量：共{cues.drug_grams():,.2f}克（折合海洛因{cues.drug_grams(True):,.2f}克）")
        return Prediction(True, charges, articles, term, death, life, prob, fine, frame.to_dict(), circ, explanation,
                          round(death_p, 4), round(life_p, 4), nt.truncated)

    def _fine(self, sent: dict[str, np.ndarray], i: int, chosen: list[int]) -> int | None:
        if self.fine_w is None or not any(fine_applies(self.tiers[c]) for c in chosen):
            return None
        yuan = float(np.expm1(max(0.0, float(sent["fine"][i]))))
        if yuan < 500:
            return None
        step = 1000 if yuan < 100_000 else 10_000
        return int(max(step, round(yuan / step) * step))

    def _evidence(self, fact: str, nt: Neutral, idx: np.ndarray, vals: np.ndarray, c: int,
                  k: int = 3) -> list[Span]:
        """The clauses of the fact holding the n-grams that raised this charge's score most."""
        if idx.size == 0:
            return []
        col = int(self.col_of[c])
        r = math.log1p(float(self.counts[c])) / 5
        if col >= 0:
            cs = self.meta["combiner"]["seen"]  # [z, S, gap, rank, z·r, S·r, r, Sc, Sc − best, 1]
            contrib = vals * (self.W[idx, col] * (cs[0] + cs[4] * r) + self.KT[idx, c] * (cs[1] + cs[2] + cs[5] * r)
                              + self.CT[idx, c] * (cs[7] + cs[8]))
        else:
            cu = self.meta["combiner"]["unseen"]  # [S, gap, …]
            contrib = vals * self.KT[idx, c] * (cu[0] + cu[1])
        grams = [self.vocab[j] for j in idx[np.argsort(-contrib)[:12]] if len(self.vocab[j]) > 1]
        text = nt.text.lower()
        spans: list[tuple[int, int]] = []
        for g in grams:
            pos = text.find(g)
            if pos < 0:
                continue
            s = pos
            e = pos + len(g)
            while s > 0 and text[s - 1] not in _CLAUSE_END and pos - s < 40:
                s -= 1
            while e < len(text) and text[e] not in _CLAUSE_END and e - pos < 40:
                e += 1
            if any(s < b and a < e for a, b in spans):
                continue
            spans.append((s, e))
            if len(spans) >= k:
                break
        out = []
        for s, e in spans:
            a, b = int(nt.offsets[s]), int(nt.offsets[e]) if e < len(nt.offsets) else len(fact)
            b = max(b, a + 1)
            out.append(Span(a, b, fact[a:b]))
        return out


def _dense(arrays: dict[str, np.ndarray], name: str, shape: tuple[int, int]) -> np.ndarray:
    """A matrix stored dense (``name``) or sparse (``name_rows``, ``name_cols``, ``name_vals``)."""
    if name in arrays:
        return arrays[name].astype(np.float32)
    m = np.zeros(shape, dtype=np.float32)
    m[arrays[f"{name}_rows"].astype(np.int64), arrays[f"{name}_cols"].astype(np.int64)] = \
        arrays[f"{name}_vals"].astype(np.float32)
    return m


def sparse_arrays(name: str, m: np.ndarray) -> dict[str, np.ndarray]:
    """The non-zero entries of a matrix in the compact form :func:`_dense` reads back."""
    rows, cols = np.nonzero(m)
    return {f"{name}_rows": rows.astype(np.uint16 if m.shape[0] < 65536 else np.int32),
            f"{name}_cols": cols.astype(np.uint8 if m.shape[1] < 256 else np.uint16),
            f"{name}_vals": m[rows, cols].astype(np.float16)}


def combine_features(Z: np.ndarray, S: np.ndarray, Sc: np.ndarray, col_of: np.ndarray,
                     counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per (case, charge) features of the combiner, shape (cases, labels, k).

    ``Z`` classifier logits (trained charges), ``S`` similarity to each charge's knowledge text,
    ``Sc`` similarity to the centroid of its training cases, ``counts`` its training cases.
    Seen charges: [logit, S, S − best S, log rank of S, and logit, S and the case count scaled by
    log(1 + count) (a charge with few cases leans on its knowledge and centroid), Sc, Sc − best Sc, 1].
    Unseen charges: [S, S − best S, best classifier probability, log rank of S, best Sc, 1] — the
    last ones say how sure the models are about some other charge.
    """
    n, c = S.shape
    best_s = S.max(1, keepdims=True) if c else np.zeros((n, 1), np.float32)
    gap = S - best_s
    has = col_of >= 0
    z = np.zeros((n, c), np.float32)
    if Z.shape[1]:
        z[:, has] = Z[:, col_of[has]]
    best_p = _sigmoid(Z.max(1, keepdims=True)) if Z.shape[1] else np.zeros((n, 1), np.float32)
    sc = np.where(has[None, :], Sc, 0.0).astype(np.float32)
    best_sc = sc.max(1, keepdims=True) if c else np.zeros((n, 1), np.float32)
    r = np.broadcast_to((np.log1p(counts) / 5).astype(np.float32)[None, :], (n, c))
    ones = np.ones((n, c), np.float32)
    # rank of each charge's knowledge similarity within the case (0 = most similar)
    order = np.argsort(-S, axis=1)
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(c)[None, :].repeat(n, 0), axis=1)
    log_rank = np.log1p(rank).astype(np.float32)
    seen = np.stack([z, S, gap, log_rank, z * r, S * r, r, sc, sc - best_sc, ones], axis=2)
    unseen = np.stack([S, gap, np.broadcast_to(best_p, (n, c)), log_rank, np.broadcast_to(best_sc, (n, c)), ones],
                      axis=2)
    return seen, unseen


def combined_softmax(seen: np.ndarray, unseen: np.ndarray, has: np.ndarray, cs: np.ndarray, cu: np.ndarray,
                     allowed: np.ndarray | None = None) -> np.ndarray:
    """Softmax over labels of the seen-branch score (trained charges) or the unseen-branch score.
    A charge with neither training cases nor a defining article (CAIL's 经济犯) has no legal basis
    to show, so it gets no probability."""
    score = np.where(has[None, :], seen @ cs, unseen @ cu)
    if allowed is not None:
        score = np.where(allowed[None, :], score, -np.inf)
    if score.shape[1] == 0:
        return score.astype(np.float32)
    score = score - score.max(1, keepdims=True)
    e = np.exp(score)
    return (e / e.sum(1, keepdims=True)).astype(np.float32)


def _recognisable(text: str) -> bool:
    """Words of criminal conduct in the (neutral) text, or a party and a step of criminal procedure."""
    return bool(_CONDUCT.search(text)) or bool(_ROLE.search(text) and _PROCEDURE.search(text))


@cache
def _load(path: str) -> Predictor:
    return Predictor.from_dir(Path(path))
