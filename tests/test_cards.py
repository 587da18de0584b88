"""Every model card an Assist names is shipped, and every card says what it is for and its limits."""

from __future__ import annotations

import re
from pathlib import Path

from fazhi.cards import load_card

SRC = Path(__file__).resolve().parents[1] / "src" / "fazhi"


def test_every_named_card_exists_with_function_limits_and_data() -> None:
    named = {m for p in SRC.rglob("*.py") for m in re.findall(r'card_id="([\w.-]+)"', p.read_text(encoding="utf-8"))}
    assert named, "no card ids found"
    for card_id in sorted(named):
        card = load_card(card_id)
        for key in ("function", "method", "data", "limits"):
            assert card.get(key), (card_id, key)
