"""The permission matrix of the workbench: who may do what, route by route (issue 7).

One table is the source of truth: :data:`MATRIX` (permission × role), and :data:`ROUTES` names
the permission each API route needs. ``docs/permissions.md`` is generated from both by
:func:`render_markdown` (``python -m fazhi.api.permissions`` rewrites it); a test checks that the
file matches and that every route of the app is listed and behaves as listed.
"""

from __future__ import annotations

import sys
from pathlib import Path

#: Roles, in the order the docs list them, with their Chinese labels.
ROLE_LABELS: dict[str, str] = {
    "judge": "法官",
    "clerk": "书记员",
    "manager": "院庭长",
    "admin": "管理员",
    "public": "公众",
}
ROLES: tuple[str, ...] = tuple(ROLE_LABELS)

#: Capabilities: the units an administrator can stop for everyone (emergency stop, §7).
CAPABILITY_LABELS: dict[str, str] = {
    "analyze": "文书分析入库",
    "extract": "信息抽取",
    "laws": "法律法规检索与法条核对",
    "similar": "类案推送",
    "predict": "裁判辅助（罪名、法条、刑期参考）",
    "deviation": "裁判偏离度预警",
    "anonymize": "裁判文书匿名化",
    "review": "文书辅助审查",
    "draft": "文书辅助生成",
    "ingest": "批量入库",
}
CAPABILITIES: tuple[str, ...] = tuple(CAPABILITY_LABELS)

#: Assist kinds a user can switch off for themselves (§5), as named in the workbench contract.
KIND_LABELS: dict[str, str] = {
    "extraction": "案件信息抽取",
    "citation_check": "法条引用核对",
    "law_push": "法律法规推送",
    "prediction": "裁判辅助参考",
    "similar_cases": "类案推送",
    "deviation_warning": "偏离度预警",
    "anonymization": "匿名化",
    "document_review": "文书审查",
    "draft": "文书生成",
}
KINDS: tuple[str, ...] = tuple(KIND_LABELS)

#: The envelope kind the core gives an Assist → the contract's kind (the rest are the same).
CORE_KIND: dict[str, str] = {"case_extraction": "extraction", "judgment_prediction": "prediction"}

#: The assist kinds each capability owns: stopping it (or lacking its permission) switches them
#: off wherever they appear, also inside ``analyze``, which composes kinds owned by others.
CAPABILITY_KINDS: dict[str, tuple[str, ...]] = {
    "analyze": (),
    "extract": ("extraction",),
    "laws": ("citation_check", "law_push"),
    "similar": ("similar_cases",),
    "predict": ("prediction",),
    "deviation": ("deviation_warning",),
    "anonymize": ("anonymization",),
    "review": ("document_review",),
    "draft": ("draft",),
    "ingest": (),
}
#: Kinds a composite capability produces by calling others.
COMPOSES: dict[str, tuple[str, ...]] = {"analyze": ("extraction", "citation_check", "prediction", "deviation_warning")}
#: Assist kind → the capability that owns it.
KIND_OWNER: dict[str, str] = {k: c for c, kinds in CAPABILITY_KINDS.items() for k in kinds}


def contract_kind(kind: str) -> str:
    """The contract name of an assist kind (``case_extraction`` → ``extraction``); unknown kinds as given."""
    return CORE_KIND.get(kind, kind)


#: Permission → what it allows (Chinese), for the docs.
PERMISSION_LABELS: dict[str, str] = {
    **{c: CAPABILITY_LABELS[c] for c in CAPABILITIES},
    "cases": "查看案件与文书（法官、书记员：本院本庭；院庭长：本院）",
    "audit": "查看审计记录（法官、书记员：本人；院庭长：本院人员；管理员：全部）",
    "decide": "记录采纳、修改、不采纳及理由",
    "jobs": "查看本人后台任务的进度和结果",
    "me": "查看本人信息、设置关闭哪些辅助、退出登录",
    "cards": "查看模型说明（模型卡）",
    "admin": "管理用户；紧急停用和恢复功能；重建检索索引",
}
PERMISSIONS: tuple[str, ...] = tuple(PERMISSION_LABELS)

_ALL = frozenset(ROLES)
_COURT = frozenset({"judge", "clerk", "manager"})
_CASEWORK = frozenset({"judge", "clerk"})

#: Permission × role. Administrators manage accounts and stops but see no case content
#: (法发〔2022〕33号 §20: the least access that does the job); the public gets laws and cards.
MATRIX: dict[str, frozenset[str]] = {
    "analyze": _CASEWORK,
    "extract": _CASEWORK,
    "laws": _ALL,
    "similar": _COURT,
    "predict": frozenset({"judge", "manager"}),
    "deviation": frozenset({"judge", "manager"}),
    "anonymize": _CASEWORK,
    "review": _COURT,
    "draft": _CASEWORK,
    "ingest": _CASEWORK,
    "cases": _COURT,
    "audit": frozenset({"judge", "clerk", "manager", "admin"}),
    "decide": _COURT,
    "jobs": frozenset({"judge", "clerk", "admin"}),
    "me": _ALL,
    "cards": _ALL,
    "admin": frozenset({"admin"}),
}

#: ``None``: no session needed. Every other API route needs a session and the named permission.
PUBLIC = None
API = "/api/v1"

#: (method, path) of every API route → the permission it needs.
ROUTES: dict[tuple[str, str], str | None] = {
    ("POST", f"{API}/auth/login"): PUBLIC,
    ("POST", f"{API}/auth/logout"): "me",
    ("GET", f"{API}/health"): PUBLIC,
    ("GET", f"{API}/me"): "me",
    ("GET", f"{API}/me/preferences"): "me",
    ("PUT", f"{API}/me/preferences"): "me",
    ("POST", f"{API}/analyze"): "analyze",
    ("POST", f"{API}/extract"): "extract",
    ("POST", f"{API}/laws/cite"): "laws",
    ("POST", f"{API}/laws/push"): "laws",
    ("GET", f"{API}/laws/{{law}}/{{article}}"): "laws",
    ("POST", f"{API}/similar"): "similar",
    ("POST", f"{API}/predict"): "predict",
    ("POST", f"{API}/deviation"): "deviation",
    ("POST", f"{API}/anonymize"): "anonymize",
    ("POST", f"{API}/anonymize/batch"): "anonymize",
    ("POST", f"{API}/review"): "review",
    ("POST", f"{API}/draft"): "draft",
    ("POST", f"{API}/ingest"): "ingest",
    ("GET", f"{API}/jobs/{{job_id}}"): "jobs",
    ("GET", f"{API}/jobs/{{job_id}}/result"): "jobs",
    ("GET", f"{API}/cases"): "cases",
    ("GET", f"{API}/cases/{{case_id}}"): "cases",
    ("GET", f"{API}/cases/{{case_id}}/documents/{{doc_id}}"): "cases",
    ("GET", f"{API}/audit"): "audit",
    ("POST", f"{API}/decisions"): "decide",
    ("GET", f"{API}/decisions"): "decide",
    ("GET", f"{API}/cards"): "cards",
    ("GET", f"{API}/cards/{{card_id}}"): "cards",
    ("GET", f"{API}/admin/stops"): "admin",
    ("POST", f"{API}/admin/stops"): "admin",
    ("DELETE", f"{API}/admin/stops/{{capability}}"): "admin",
    ("POST", f"{API}/admin/index"): "admin",
    ("GET", f"{API}/admin/users"): "admin",
    ("POST", f"{API}/admin/users"): "admin",
    ("POST", f"{API}/admin/users/{{username}}/disable"): "admin",
}


def allowed(role: str, permission: str) -> bool:
    """Whether ``role`` holds ``permission``."""
    return role in MATRIX.get(permission, frozenset())


def permissions_of(role: str) -> list[str]:
    """Every permission ``role`` holds, in table order."""
    return [p for p in PERMISSIONS if allowed(role, p)]


def render_markdown() -> str:
    """``docs/permissions.md``: the matrix and the route table, generated from this module."""
    head = "| permission | 说明 | " + " | ".join(f"{r} {ROLE_LABELS[r]}" for r in ROLES) + " |"
    rule = "|---|---|" + "---|" * len(ROLES)
    rows = [f"| `{p}` | {PERMISSION_LABELS[p]} | " + " | ".join("✓" if allowed(r, p) else "—" for r in ROLES) + " |"
            for p in PERMISSIONS]
    routes = [f"| `{m}` | `{path}` | {('`' + p + '`') if p else '（无需登录）'} |" for (m, path), p in ROUTES.items()]
    kinds = [f"| `{c}` | {CAPABILITY_LABELS[c]} | " + (", ".join(f"`{k}`" for k in CAPABILITY_KINDS[c]) or "—")
             + " | " + (", ".join(f"`{k}`" for k in COMPOSES.get(c, ())) or "—") + " |" for c in CAPABILITIES]
    return "\n".join([
        "# Permissions (权限矩阵)",
        "",
        "Generated from `src/fazhi/api/permissions.py` by `python -m fazhi.api.permissions`; do not edit by hand",
        "(a test checks that this file matches the code, and that every API route behaves as listed).",
        "",
        "Every API route except the two marked 无需登录 needs a session (cookie `fazhi_session` or",
        "`Authorization: Bearer`): none → **401**. A session whose role lacks the permission → **403**.",
        "Within a permission, case data is scoped: judges and clerks see the cases of their court and division,",
        "court managers those of their whole court; an object outside the scope answers **404**, as if absent.",
        "Administrators manage accounts and emergency stops and read the audit log (which holds no personal",
        "data), but see no case content. The public may use the statute knowledge base and the model cards.",
        "",
        "The similar-case push (`similar`) and the deviation check's cohort search the cases of the",
        "user's own court only (all its divisions: a 类案 may come from another tribunal of the same",
        "court) and show a case's number, cause, outcome and a facts excerpt, never the stored document.",
        "",
        "## Matrix",
        "",
        head,
        rule,
        *rows,
        "",
        "## Routes",
        "",
        "| method | path | permission |",
        "|---|---|---|",
        *routes,
        "",
        "## Capabilities (emergency-stop units) and the assist kinds they produce",
        "",
        "A stopped capability answers **503** on its routes, and the assist kinds it owns are not computed where",
        "they appear inside a composite capability (e.g. `predict` stopped → no prediction inside `analyze`).",
        "Likewise a kind whose owning capability the role lacks is left out of `analyze` (a clerk's analysis has",
        "no prediction). A kind a user has switched off for themselves is not computed for them anywhere.",
        "",
        "| capability | 功能 | owns assist kinds | composes |",
        "|---|---|---|---|",
        *kinds,
        "",
    ])


def doc_path() -> Path:
    """Where the generated document lives in a source checkout."""
    return Path(__file__).resolve().parents[3] / "docs" / "permissions.md"


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else doc_path()
    target.write_text(render_markdown(), encoding="utf-8")
    print(f"wrote {target}")
