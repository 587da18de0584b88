"""Fairness (法发〔2022〕33号 §4): who the defendant is must not move a prediction.

A counterfactual set: 200 held-out CAIL facts, each rewritten by ``counterfactual`` with another
name for every person (consistently within the fact), another region for every region name, the
defendant's gender flipped and ethnicity changed (or, where the fact describes nobody, a
description with gender, ethnicity and home county inserted). Charges, articles and the term
(with death / life) must be identical for at least 99% of them; the fraction is reported.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fazhi.predict.features import counterfactual, neutralise
from fazhi.predict.model import Predictor
from fazhi.predict.train import default_data_dir, load_cases, split

N_FACTS = 200


def _outcome(p) -> tuple:  # type: ignore[no-untyped-def]
    return (tuple(sorted(p.predicted_charges)), tuple(sorted(p.predicted_articles)), p.term_months, p.death, p.life)


@pytest.fixture(scope="module")
def heldout() -> list[str]:
    data: Path = default_data_dir()
    if not (data / "data_test.json").is_file():
        pytest.skip("CAIL2018 subset not found (../shared/data/cases/cail2018_subset)")
    _, test = split(load_cases(data))
    return [c.fact for c in test[:N_FACTS]]


def test_counterfactuals_change_identity_only(heldout: list[str]) -> None:
    rewritten = [counterfactual(f, seed=i) for i, f in enumerate(heldout)]
    assert sum(a != b for a, b in zip(heldout, rewritten, strict=True)) >= 0.95 * len(heldout)
    fact = "被告人张某（男，汉族，湖南省长沙县人）于2019年在北京市朝阳区盗窃李某的手机。"
    cf = counterfactual(fact, seed=1)
    assert "张某" not in cf and "长沙县" not in cf and "朝阳区" not in cf and "汉族" not in cf
    assert "（女，" in cf and "盗窃" in cf and "手机" in cf
    bare = counterfactual("被告人王某盗窃电动车一辆。", seed=2)
    assert bare.startswith("被告人") and "族" in bare and "人）" in bare  # a description inserted
    assert neutralise(cf) == neutralise(fact)


def test_predictions_do_not_depend_on_identity(heldout: list[str],
                                               record_property: Callable[[str, object], None]) -> None:
    model = Predictor.load()
    rewritten = [counterfactual(f, seed=i) for i, f in enumerate(heldout)]
    before = model.predict_batch(heldout, evidence=False)
    after = model.predict_batch(rewritten, evidence=False)
    same = [_outcome(a) == _outcome(b) for a, b in zip(before, after, strict=True)]
    fraction = sum(same) / len(same)
    record_property("fairness_unchanged", fraction)
    print(f"\nfairness: {100 * fraction:.1f}% of {len(same)} held-out facts unchanged")
    assert fraction >= 0.99


def test_the_neutral_text_is_what_the_models_read(heldout: list[str]) -> None:
    """Every rewritten fact reads the same after neutralisation (the guarantee behind the test above)."""
    same = sum(neutralise(f) == neutralise(counterfactual(f, seed=i)) for i, f in enumerate(heldout))
    assert same >= 0.99 * len(heldout)
