"""The working-day calendar: weekends, State Council public holidays and make-up working days (调休).

Deadlines counted in working days (anonymization.md AN-PUB-02: publication within 7 working days
of the document taking effect, 法释〔2016〕19号 art. 7) need the official holiday schedule, which
the State Council publishes each year. ``data/holidays_cn.csv`` holds the schedules we have, each
row with the notice it comes from; for a year outside the table only weekends are known and the
answer says so.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Calendar:
    """Holidays and make-up working days by date, and the years the table covers."""

    holidays: dict[date, str]
    workdays: dict[date, str]
    years: frozenset[int]

    def is_workday(self, d: date) -> bool:
        """A make-up working day works even on a weekend; a public holiday does not even on a weekday."""
        if d in self.workdays:
            return True
        if d in self.holidays:
            return False
        return d.weekday() < 5

    def covers(self, d: date) -> bool:
        return d.year in self.years


@lru_cache(maxsize=1)
def calendar() -> Calendar:
    """The shipped calendar (data/holidays_cn.csv)."""
    holidays: dict[date, str] = {}
    workdays: dict[date, str] = {}
    text = resources.files("fazhi").joinpath("data/holidays_cn.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(text.splitlines()):
        d = date.fromisoformat(row["date"])
        (holidays if row["kind"] == "holiday" else workdays)[d] = row["name"]
    years = frozenset(d.year for d in holidays)
    return Calendar(holidays, workdays, years)


@dataclass(frozen=True, slots=True)
class WorkdayResult:
    """The date ``n`` working days after a start, and whether the table covered every day counted."""

    date: date
    complete: bool  # False: some day fell in a year without a holiday schedule (weekends only)


def add_workdays(start: date, n: int) -> WorkdayResult:
    """The ``n``-th working day after ``start`` (the start day itself is not counted)."""
    cal = calendar()
    d, left, complete = start, n, True
    while left > 0:
        d += timedelta(days=1)
        complete = complete and cal.covers(d)
        if cal.is_workday(d):
            left -= 1
    return WorkdayResult(d, complete)
