"""Recognising what a document is: its type (判决书, 起诉状 …), category and procedure.

Title-line matching in the first lines is the most reliable cue (document_types.md §2,
classification hints); the decision formula (判决如下 / 裁定如下 …) and the 案号's type
code fill in when OCR damaged the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Title cues of document_types.md §2 (D04, D04a, D12, D27, D29–D32, D34, D37, D24, D17).
_TITLE = re.compile(
    r"(?P<cat>刑事附带民事|民事|刑事|行政赔偿|行政|执行|国家赔偿|司法赔偿)?\s*"
    r"(?P<type>判\s*决\s*书|裁\s*定\s*书|调\s*解\s*书|决\s*定\s*书|支\s*付\s*令|"
    r"起\s*诉\s*状|起\s*诉\s*书|自\s*诉\s*状|答\s*辩\s*状|上\s*诉\s*状|反\s*诉\s*状|"
    r"(?:强制)?执\s*行\s*申\s*请\s*书|申\s*请\s*执\s*行\s*书|"
    r"(?:庭审|开庭|法庭审理|调查|询问|谈话|宣判|调解|证据交换|庭前会议)笔\s*录|"
    r"[\u4e00-\u9fa5]{2,8}通\s*知\s*书|传\s*票)\s*$",
    re.M,
)
_TYPE_NAMES = {
    "判决书": "判决书", "裁定书": "裁定书", "调解书": "调解书", "决定书": "决定书", "支付令": "支付令",
    "起诉状": "起诉状", "起诉书": "起诉书", "自诉状": "起诉状", "答辩状": "答辩状", "上诉状": "上诉状",
    "反诉状": "起诉状", "执行申请书": "执行申请书", "申请执行书": "执行申请书", "传票": "通知书",
}
_FORMULA = re.compile(r"(判决|裁定|决定)如下|协议如下")
_CATEGORY_OF_TITLE = {"刑事附带民事": "刑事", "民事": "民事", "刑事": "刑事", "行政": "行政",
                      "行政赔偿": "行政", "执行": "执行", "国家赔偿": "国家赔偿", "司法赔偿": "国家赔偿"}


@dataclass(frozen=True, slots=True)
class DocKind:
    """The kind of a document: type, category and the title line as written."""

    doc_type: str | None
    category: str | None
    title: str | None
    title_end: int = 0


def classify(text: str, head_chars: int = 400) -> DocKind:
    """Type and category from the title line in the first ``head_chars`` characters."""
    head = text[:head_chars]
    m = _TITLE.search(head)
    if m:
        raw = re.sub(r"\s+", "", m.group("type"))
        if raw.endswith("笔录"):
            doc_type = "笔录"
        elif raw.endswith("通知书"):
            doc_type = "通知书"
        else:
            doc_type = _TYPE_NAMES.get(raw.removeprefix("强制"), raw)
        cat = m.group("cat")
        category = _CATEGORY_OF_TITLE.get(cat) if cat else None
        return DocKind(doc_type, category, re.sub(r"\s+", "", m.group(0)), m.end())
    f = _FORMULA.search(text)
    if f:
        word = f.group(1)
        doc_type = {"判决": "判决书", "裁定": "裁定书", "决定": "决定书"}.get(word or "", "调解书")
        return DocKind(doc_type, None, None, 0)
    return DocKind(None, None, None, 0)


def infer_category(text: str) -> str | None:
    """Category from content cues when neither title nor 案号 tells it."""
    if re.search(r"公诉机关|被告人|犯[\u4e00-\u9fa5]{1,20}罪|辩护人", text[:3000]):
        return "刑事"
    if re.search(r"申请执行人|被执行人", text[:3000]):
        return "执行"
    if re.search(r"行政(处罚|许可|复议|行为|机关)|人民政府", text[:3000]):
        return "行政"
    if re.search(r"原告|被告|纠纷", text[:3000]):
        return "民事"
    return None


_TRIAL = re.compile(r"(普通程序|简易程序|速裁程序|小额诉讼程序)")


def trial_procedure(text: str) -> str | None:
    """普通/简易/速裁/小额诉讼 as the procedural history states it (not in the 案号)."""
    m = _TRIAL.search(text)
    return m.group(1) if m else None


def infer_procedure(text: str, doc_type: str | None, category: str | None) -> str | None:
    """Instance from content cues when the 案号 does not tell it."""
    head = text[:3000]
    if category == "执行":
        return "执行异议" if "异议" in head[:600] else "执行"
    if re.search(r"再审申请人|申请再审", head):
        return "再审审查" if doc_type == "裁定书" else "再审"
    if re.search(r"被上诉人|上诉人（原审", head) or (doc_type in {"判决书", "裁定书"} and "提起上诉" in head):
        return "二审"
    if doc_type in {"判决书", "裁定书", "调解书", "起诉状", "起诉书", "答辩状", "决定书"}:
        return "一审"
    if doc_type == "上诉状":
        return "二审"
    if doc_type == "执行申请书":
        return "执行"
    return None
