"""Document understanding: from the text of one court document to a :class:`CaseRecord`.

The pipeline is: normalise → classify → split into sections → read the 案号 and header →
parse the party block → read claims, citations, operative part, fee and signature block.
Every step is rule-based and explainable; :func:`extract_assist` wraps the record in the
Assist envelope (DESIGN.md §3).
"""

from __future__ import annotations

from fazhi.assist import Assist, Basis, ModelInfo, Span
from fazhi.documents import fields
from fazhi.documents.case_number import find_case_numbers, validate_case_number
from fazhi.documents.citations import find_statutes, unique_articles
from fazhi.documents.doctype import classify, infer_category, infer_procedure, trial_procedure
from fazhi.documents.formats import record_sha256
from fazhi.documents.parties import parse_party_block
from fazhi.documents.record import CaseRecord
from fazhi.documents.sections import section_text, split_sections
from fazhi.text import normalize
from fazhi.text.align import offset_map, to_original

MODEL = ModelInfo(name="fazhi-extract-rules", version="0.1.0", card_id="extract-rules-0.1")

# The 案号 of the document itself stands in the header; numbers later in the text are cited cases.
_HEAD_CHARS = 500


def extract(text: str) -> CaseRecord:
    """Extract the structured case from ``text`` (decoded; normalised here).

    Every offset in the record (sections, parties, citations) points into ``text`` as given.
    """
    original = text
    text = normalize(text)
    rec = CaseRecord()
    kind = classify(text)
    rec.doc_type, rec.category, rec.title = kind.doc_type, kind.category, kind.title
    sections = split_sections(text)
    rec.sections = sections

    numbers = find_case_numbers(text)
    own = next((cn for s, _e, cn in numbers if s < max(_HEAD_CHARS, kind.title_end + 200)), None)
    # Party filings carry no number of their own; a 上诉状 cites the first-instance one.
    if own is not None and rec.doc_type not in {"起诉状", "起诉书", "执行申请书", "上诉状", "答辩状"}:
        rec.case_number = own.normalized
        rec.category = rec.category or own.category
        rec.procedure = own.procedure
        rec.court_code = own.court_code
    rec.cited_cases = list(dict.fromkeys(cn.normalized for _s, _e, cn in numbers
                                         if cn.normalized != rec.case_number))
    rec.category = rec.category or infer_category(text)
    rec.procedure = rec.procedure or infer_procedure(text, rec.doc_type, rec.category)
    rec.trial_procedure = trial_procedure(text[:4000])
    rec.court = fields.court_name(text)

    party_at, party_block = section_text(text, sections, "当事人")
    if party_block:
        rec.parties = parse_party_block(party_block, party_at)
    history_at, history = section_text(text, sections, "案件由来")
    decision_at, decision = section_text(text, sections, "判决主文")
    body = history or text[:4000]
    rec.cause = fields.cause(rec.category, body, decision, [p.name for p in rec.parties])
    rec.key_dates = fields.key_dates(body)
    rec.filing_date = rec.key_dates.get("filing")

    claims = fields.claims_text(text[:decision_at] if decision_at else text)
    if claims:
        rec.claims = fields.numbered_items(claims)
        rec.claims_amount = fields.claims_amount(rec.claims)
    if decision:
        rec.judgment_items = fields.numbered_items(_operative(decision))
        if rec.category == "刑事":
            rec.sentences = fields.sentences(decision)
    _fee_at, fee = section_text(text, sections, "诉讼费")
    rec.court_fee = fields.court_fee(fee or decision, rec.procedure)

    tail_at, tail = section_text(text, sections, "尾部")
    rec.judges, rec.clerk, rec.judge_assistant = fields.bench(tail or text[-600:])
    rec.judgment_date = fields.signature_date(text, tail_at)
    rec.statutes = unique_articles(find_statutes(text))

    if rec.case_number:
        rec.case_number_problems = [
            {"code": p.code, "severity": p.severity, "message_zh": p.message_zh, "message_en": p.message_en}
            for p in validate_case_number(rec.case_number, strict=True, judgment_date=rec.judgment_date)
        ]
    _warn_missing(rec)
    _to_input_offsets(rec, offset_map(original, text))
    return rec


def _to_input_offsets(rec: CaseRecord, mapping: list[int] | None) -> None:
    """Move every span from normalised-text offsets to offsets into the caller's text."""
    if mapping is None:
        return
    for item in (*rec.sections, *rec.parties, *rec.statutes):
        item.start, item.end = to_original(mapping, item.start, item.end)


def _operative(decision: str) -> str:
    """The operative items proper, without the fee and appeal paragraphs that follow them."""
    for stop in ("如果未按本判决指定的期间", "如未按本判决指定的期间", "案件受理费", "如不服本"):
        i = decision.find(stop)
        if i > 0:
            decision = decision[:i]
    return decision


def _warn_missing(rec: CaseRecord) -> None:
    """Say what could not be found, so a reader knows the gaps (never a silent None)."""
    wanted = {"doc_type": "文书类型", "court": "法院", "judgment_date": "裁判日期"}
    if rec.doc_type in {"判决书", "裁定书", "调解书", "决定书"}:
        wanted["case_number"] = "案号"
    for key, label in wanted.items():
        if getattr(rec, key) in (None, ""):
            rec.warnings.append(f"未识别到{label}")
    if not rec.parties:
        rec.warnings.append("未识别到当事人")


def extract_assist(text: str) -> Assist:
    """:func:`extract` wrapped in the Assist envelope (audit id filled in by the ledger)."""
    rec = extract(text)
    spans = tuple(Span(s.start, s.end, s.name) for s in rec.sections)
    explanation = (
        f"按文书结构规则识别：{rec.title or rec.doc_type or '类型未识别'}；"
        f"分出{len(rec.sections)}个部分，识别当事人{len(rec.parties)}名、引用法条{len(rec.statutes)}条。"
        + (f"提示：{'；'.join(rec.warnings)}。" if rec.warnings else "")
    )
    return Assist(kind="case_extraction", result=rec, model=MODEL, explanation=explanation,
                  basis=Basis(spans=spans), confidence=None)  # rules give no calibrated score


def text_sha256(text: str) -> str:
    """The content hash used for idempotent storage and for the audit log (see formats.record_sha256)."""
    return record_sha256(text)
