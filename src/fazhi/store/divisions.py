"""Which division (审判庭) of a court handles a case, derived from the case category.

Case scoping in the workbench (judges and clerks see their court and division) rests on this
mapping; it follows the usual organisation of a basic or intermediate people's court.
"""

from __future__ import annotations

#: Case category (as extracted: 刑事, 民事, 行政, 执行, 国家赔偿) → the division that tries it.
DIVISION_OF_CATEGORY: dict[str, str] = {
    "刑事": "刑事审判庭",
    "民事": "民事审判庭",
    "行政": "行政审判庭",
    "执行": "执行局",
    "国家赔偿": "赔偿委员会办公室",
}

DIVISIONS: tuple[str, ...] = tuple(DIVISION_OF_CATEGORY.values())


def division_for(category: str | None) -> str | None:
    """The division for a case category, or None when the category is unknown."""
    return DIVISION_OF_CATEGORY.get(category or "")
