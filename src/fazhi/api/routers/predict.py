"""``POST /predict``: charges, articles and term from criminal facts, reference only (``fazhi predict``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import Field, model_validator

from fazhi.api import services
from fazhi.api.auth import Principal
from fazhi.api.deps import capable, get_store
from fazhi.api.schemas import Body, checked_text, echo_id

router = APIRouter(tags=["predict"])


class PredictIn(Body):
    fact: str | None = Field(default=None, min_length=1, description="查明的犯罪事实")
    text: str | None = Field(default=None, min_length=1, description="同 fact（与批处理行的字段名一致）")
    id: str | int | None = None

    @model_validator(mode="after")
    def one_of(self) -> PredictIn:
        if self.fact is None and self.text is None:
            raise ValueError("fact (or text) is required")
        return self


@router.post("/predict", summary="裁判辅助参考 / charge, article and term reference")
def predict(body: PredictIn, request: Request, user: Annotated[Principal, Depends(capable("predict"))]) -> dict[str, Any]:
    """``Assist.flat()`` of the prediction (kind ``judgment_prediction``), audited."""
    from fazhi.predict.assist import predict_assist
    from fazhi.predict.model import Predictor

    fact = checked_text(body.fact if body.fact is not None else body.text or "")
    predictor = Predictor.load()
    out = services.run_assist(get_store(request), user, capability="predict", kind="prediction",
                              compute=lambda s: predict_assist(fact, predictor=predictor, kb=services.kb(), session=s),
                              input_sha256=services.text_sha(fact), summary={"action": "predict"})
    return echo_id(body, services.flat(out, "prediction"))
