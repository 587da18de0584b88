"""Human-readable rendering of results for the terminal (the JSON form is Assist.flat())."""

from __future__ import annotations

from typing import Any


def render_case(flat: dict[str, Any]) -> str:
    """A structured case as a clerk reads it: header fields, parties, bench, citations, outcome."""
    lines: list[str] = []
    add = lines.append
    add(f"文书类型：{flat.get('title') or flat.get('doc_type') or '未识别'}"
        f"（{flat.get('category') or '类别未识别'}，{flat.get('procedure') or '程序未识别'}"
        + (f"，{flat['trial_procedure']}" if flat.get("trial_procedure") else "") + "）")
    add(f"案　　号：{flat.get('case_number') or '—'}")
    for p in flat.get("case_number_problems") or []:
        add(f"　　⚠ {p['code']} {p['message_zh']}")
    add(f"法　　院：{flat.get('court') or '—'}")
    add(f"案由/罪名：{flat.get('cause') or '—'}")
    add(f"裁判日期：{flat.get('judgment_date') or '—'}")
    if flat.get("parties"):
        add("当 事 人：")
        for p in flat["parties"]:
            extra = "，".join(x for x in (p.get("kind"), p.get("gender"), p.get("birth_date"), p.get("ethnicity"),
                                          p.get("law_firm"), f"代表{p['represents']}" if p.get("represents") else None)
                             if x)
            orig = f"（{p['original_role']}）" if p.get("original_role") else ""
            add(f"　　{p['role']}{orig}：{p['name']}" + (f"（{extra}）" if extra else ""))
    if flat.get("claims"):
        add(f"诉讼请求：{len(flat['claims'])}项" + (f"，金额合计{flat['claims_amount']}元" if flat.get("claims_amount") else ""))
    if flat.get("statutes"):
        add("引用法条：" + "；".join(f"《{s['law']}》第{s['article']}条" for s in flat["statutes"]))
    for s in flat.get("sentences") or []:
        parts = [s.get("charge") or ""]
        if s.get("death"):
            parts.append("死刑")
        elif s.get("life"):
            parts.append("无期徒刑")
        elif s.get("term_months") is not None:
            parts.append(f"{s.get('term_kind') or '刑期'}{s['term_months']}个月")
        if s.get("probation_months"):
            parts.append(f"缓刑{s['probation_months']}个月")
        if s.get("fine_yuan"):
            parts.append(f"罚金{s['fine_yuan']}元")
        add(f"刑　　罚：{s.get('name') or ''} " + "，".join(p for p in parts if p))
    if flat.get("judgment_items") and not flat.get("sentences"):
        add(f"裁判主文：{len(flat['judgment_items'])}项")
        for i, item in enumerate(flat["judgment_items"][:8], 1):
            add(f"　　{i}. {item[:80]}{'…' if len(item) > 80 else ''}")
    if flat.get("court_fee") is not None:
        add(f"受 理 费：{flat['court_fee']}元")
    if flat.get("judges"):
        add("审判组织：" + "、".join(f"{j['title']}{j['name']}" for j in flat["judges"]))
    if flat.get("clerk"):
        add(f"书 记 员：{flat['clerk']}")
    for w in flat.get("warnings") or []:
        add(f"提　　示：{w}")
    assist = flat.get("assist") or {}
    if assist:
        add(f"说　　明：{assist.get('explanation', '')}")
        model = assist.get("model", {})
        add(f"方　　法：{model.get('name')} {model.get('version')}（模型卡 {model.get('card_id')}）；审计编号 {assist.get('audit_id')}")
        add(assist.get("notice", ""))
    return "\n".join(lines)
