"""法律文书辅助生成: skeleton drafts of first-instance judgments and rulings (法发〔2022〕33号 §8).

Three verbs: :func:`validate` (which required fields of a structured case are missing or invalid),
:func:`draft` (the skeleton text, its placeholders, resolved citations, fee and appeal notice) and
:func:`write_docx` (the draft as a Word file with the placeholders highlighted). :func:`from_record`
builds the structured case from an extracted document. The program drafts; the judge decides:
reasoning, operative part and fee allocation are left as 【名称：填写说明】 placeholders.
"""

from fazhi.draft.docx import write_docx
from fazhi.draft.render import PLACEHOLDER, Citation, Draft, Paragraph, draft, placeholder
from fazhi.draft.schema import (
    DOC_KINDS,
    RULING_KINDS,
    CaseInput,
    MissingField,
    from_record,
    parse_case,
    validate,
)

__all__ = [
    "DOC_KINDS",
    "PLACEHOLDER",
    "RULING_KINDS",
    "CaseInput",
    "Citation",
    "Draft",
    "MissingField",
    "Paragraph",
    "draft",
    "from_record",
    "parse_case",
    "placeholder",
    "validate",
    "write_docx",
]
