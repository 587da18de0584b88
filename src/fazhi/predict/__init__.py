"""Charge, article and term prediction from criminal facts (全案由裁判辅助, 法发〔2022〕33号 §8).

Four verbs: :func:`predict` and :func:`predict_batch` (suggestions with calibrated scores, the fact
spans behind them, sentencing circumstances and the statutory range applied), :func:`neutralise`
(what the models are allowed to read: no names, gender, ethnicity or regions, §4) and
:func:`counterfactual` (the same facts for another defendant, to check that promise). The models
are trained by :mod:`fazhi.predict.train` and shipped in ``fazhi/predict/data``.
"""

from __future__ import annotations

from collections.abc import Sequence

from fazhi.predict.features import counterfactual, neutralise
from fazhi.predict.model import Prediction, Predictor

__all__ = ["Prediction", "Predictor", "counterfactual", "neutralise", "predict", "predict_batch"]


def predict(fact: str) -> Prediction:
    """Suggested charges, articles and sentence for one fact (the shipped model)."""
    return Predictor.load().predict(fact)


def predict_batch(facts: Sequence[str]) -> list[Prediction]:
    """:func:`predict` for many facts at once (several hundred a second on one core)."""
    return Predictor.load().predict_batch(facts)
