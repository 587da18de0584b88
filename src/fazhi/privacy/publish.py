"""Whether a document may be published online at all, and by when (法释〔2016〕19号 arts. 3, 4, 6, 7).

Rules (anonymization.md §2): ``AN-PUB-01`` keeps divorce and custody/guardianship cases,
juvenile crime, and cases closed by mediation or 司法确认 off the internet — only a stub with
case number, court, date and the reason is published (art. 6). ``AN-PUB-02``: publication within
7 working days after the document takes effect (art. 7).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from fazhi.documents.record import CaseRecord
from fazhi.workdays import add_workdays

# 民事案由 Part 2 "婚姻家庭、继承纠纷" (法〔2020〕347号): the causes whose parties art. 8(1) protects.
FAMILY_CAUSE = re.compile(r"婚|夫妻|同居关系|亲子|抚养|扶养|赡养|收养|监护|探望|分家析产|继承|遗嘱|遗赠|遗产")
_DIVORCE = re.compile(r"离婚")
_CUSTODY = re.compile(r"抚养关系|抚养权|监护|探望|子女抚养")
_MEDIATION_CLOSED = re.compile(r"调解结案|达成调解协议|经本院主持调解|确认调解协议|司法确认")
# Art. 3: administrative mediation and civil public-interest mediation documents *are* published.
_PUBLISHED_MEDIATION = re.compile(r"行政|公益诉讼")
_STATE_SECRET = re.compile(r"涉及国家秘密|国家秘密")
MINOR_AT_OFFENCE = re.compile(r"犯罪时(?:已满[^。，]{1,12})?(?:不满|未满)十八周岁|未成年人犯罪|系未成年人")
_DATE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日")


def publication(rec: CaseRecord, text: str, *, effective_date: date | None = None) -> dict[str, Any]:
    """``{"publishable", "reason", "rule", "stub", "deadline", ...}`` for one document."""
    reasons: list[str] = []
    cause = rec.cause or ""
    doc_type = rec.doc_type or ""
    if _DIVORCE.search(cause):
        reasons.append("离婚诉讼（第四条第四项）")
    elif _CUSTODY.search(cause):
        reasons.append("涉及未成年子女抚养、监护（第四条第四项）")
    if rec.category == "刑事" and _juvenile_defendant(rec, text):
        reasons.append("未成年人犯罪（第四条第二项）")
    if ("调解书" in doc_type or _MEDIATION_CLOSED.search(text[-1500:] if "调解书" not in doc_type else text)) \
            and not _PUBLISHED_MEDIATION.search(cause + doc_type):
        reasons.append("以调解方式结案或者确认人民调解协议效力（第四条第三项）")
    if _STATE_SECRET.search(text):
        reasons.append("可能涉及国家秘密，需人工确认（第四条第一项）")
    out: dict[str, Any] = {"publishable": not reasons, "reason": "；".join(reasons) or None,
                           "rule": "AN-PUB-01", "basis": "最高人民法院关于人民法院在互联网公布裁判文书的规定（法释〔2016〕19号）第三条、第四条"}
    if reasons:
        # art. 6: the stub that is published in place of the text
        out["stub"] = {"case_number": rec.case_number, "court": rec.court,
                       "judgment_date": rec.judgment_date.isoformat() if rec.judgment_date else None,
                       "reason": out["reason"]}
    if effective_date is not None:
        due = add_workdays(effective_date, 7)
        out["deadline"] = due.date.isoformat()
        out["deadline_rule"] = "AN-PUB-02：生效之日起七个工作日内（第七条）"
        if not due.complete:
            out["deadline_note"] = "该年度节假日安排未收录，仅按周末计算 / holiday schedule not on file: weekends only"
    else:
        out["deadline_rule"] = "AN-PUB-02：生效之日起七个工作日内（第七条）；未提供生效日期 / no effective date given"
    return out


def _juvenile_defendant(rec: CaseRecord, text: str) -> bool:
    """A defendant under 18 at the time of the offence: birth date against the earliest date of the facts."""
    if MINOR_AT_OFFENCE.search(text):
        return True
    offence = event_date(rec, text) or rec.judgment_date
    if offence is None:
        return False
    for p in rec.parties:
        if p.role in ("被告人", "原审被告人", "上诉人") and p.kind == "自然人" and p.birth_date is not None:
            if age_on(p.birth_date, offence) < 18:
                return True
    return False


def event_date(rec: CaseRecord, text: str) -> date | None:
    """The earliest date of the events: the first date after the party block that is not a birth date."""
    block_end = max((s.end for s in rec.sections if s.name in ("当事人", "首部")), default=0)
    dates = []
    for m in _DATE.finditer(text, block_end):
        if text.startswith(("出生", "生"), m.end()):
            continue
        try:
            dates.append(date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
        except ValueError:
            continue
    return min(dates) if dates else None


def age_on(birth: date, day: date) -> int:
    """Full years of age on ``day``."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
