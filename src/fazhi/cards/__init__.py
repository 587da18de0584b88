"""Model cards (法发〔2022〕33号 §6): what each method is for, how well it does, its data and limits.

Cards are JSON files beside this module, one per method, named by card id. Their metrics
are written by the benchmark that measured them (``--card``), never typed in by hand.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any


def _card_path(card_id: str) -> Path:
    return Path(str(resources.files("fazhi.cards").joinpath(f"{card_id}.json")))


@cache
def load_card(card_id: str) -> dict[str, Any]:
    """The card with id ``card_id`` (KeyError when there is none)."""
    path = _card_path(card_id)
    if not path.is_file():
        raise KeyError(card_id)
    return dict(json.loads(path.read_text(encoding="utf-8")))


def all_cards() -> list[dict[str, Any]]:
    """Every card shipped with fazhi."""
    root = Path(str(resources.files("fazhi.cards")))
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(root.glob("*.json"))]


def update_card_metrics(card_id: str, metrics: dict[str, Any]) -> None:
    """Write measured figures into a card (used by the benchmarks, in a source checkout)."""
    path = _card_path(card_id)
    card = json.loads(path.read_text(encoding="utf-8"))
    card["metrics"] = metrics
    path.write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    load_card.cache_clear()
