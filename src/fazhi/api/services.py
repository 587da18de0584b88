"""The workbench's thin service layer: run core functions as audited Assists for a user.

What lives here is what the API and the web pages share and the CLI does not need: the user as
the audit actor, opt-outs (§5) and emergency stops (§7), decisions on assists, the court and
division scoping of case queries, and background jobs with their progress in the database.
The assists themselves are the same core functions the CLI calls.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fazhi.api.auth import Principal, now_iso
from fazhi.api.deps import CapabilityStopped
from fazhi.api.permissions import CAPABILITY_LABELS, CORE_KIND, KIND_OWNER, allowed, contract_kind
from fazhi.assist import NOTICE, Assist
from fazhi.config import data_dir
from fazhi.errors import BadInput, FazhiError
from fazhi.ledger import append, record_assist
from fazhi.store import AuditRecord, CapabilityStop, Case, Decision, Document, Job, OptOut, Store, User

log = logging.getLogger("fazhi.api")

#: Contract kind → the core envelope kind (the inverse of permissions.CORE_KIND).
_CORE_NAME = {v: k for k, v in CORE_KIND.items()}


# --------------------------------------------------------------------------- shared resources

_local = threading.local()
_index_lock = threading.Lock()
_law_indexes: dict[str, tuple[Any, Any]] = {}


def kb() -> Any:
    """The statute knowledge base for this thread (SQLite connections stay in their thread)."""
    from fazhi.laws.kb import kb_path, open_kb

    path = str(kb_path())
    cached = getattr(_local, "kb", None)
    if cached is None or str(cached.path) != path:
        if cached is not None:
            cached.close()
        _local.kb = open_kb(Path(path))
    return _local.kb


def close_thread_kb() -> None:
    """Close this thread's knowledge-base connection (job threads, when they end)."""
    cached = getattr(_local, "kb", None)
    if cached is not None:
        cached.close()
        _local.kb = None


def law_index() -> tuple[Any, Any]:
    """(push index, dense encoder or None) for the knowledge base, loaded once per process."""
    from fazhi.laws.dense import load_encoder
    from fazhi.laws.push import load_index

    base = kb()
    key = str(base.path)
    with _index_lock:
        if key not in _law_indexes:
            index = load_index(base)
            _law_indexes[key] = (index, load_encoder() if index.dense is not None else None)
        return _law_indexes[key]


def text_sha(text: str) -> str:
    """The input hash the audit log records (same as the CLI's)."""
    from fazhi.documents.extract import text_sha256

    return text_sha256(text)


def scrub(text: str) -> str:
    """Free text bound for the audit log with names and personal numbers masked (2024 rules)."""
    from fazhi.privacy.anonymize import anonymize

    text = text.strip()[:2000]
    return anonymize(text, "2024").text if text else text


# --------------------------------------------------------------------------- login


class TooManyAttempts(Exception):
    """Too many failed logins for one username: answered 429 until the window passes."""


def login(store: Store, throttle: Any, username: str, password: str) -> dict[str, Any] | None:
    """Check the password and open a session: ``{"token", "expires_at", "user", "max_age"}``, or None.

    The audit log records each successful login (who, not how); failures are counted per
    username (:class:`~fazhi.api.auth.LoginThrottle`) and never log the name or the password.
    """
    from fazhi.api.auth import authenticate, issue_session, session_hours, user_dict

    if throttle.blocked(username):
        raise TooManyAttempts()
    with store.session() as session:
        user = authenticate(session, username, password)
        if user is None:
            throttle.failed(username)
            log.warning("login failed")
            return None
        throttle.succeeded(username)
        hours = session_hours()
        token, expires = issue_session(session, user, hours=hours)
        append(session, actor=f"user:{user.username}", action="login", subject=f"user:{user.username}",
               payload={"role": user.role})
        return {"token": token, "expires_at": expires, "user": user_dict(user), "max_age": int(hours * 3600)}


# --------------------------------------------------------------------------- stops and opt-outs


def stop_reason(session: Session, capability: str) -> str | None:
    """Why ``capability`` is stopped, or None while it runs."""
    row = session.get(CapabilityStop, capability)
    return None if row is None else row.reason


def ensure_running(session: Session, capability: str) -> None:
    """:class:`CapabilityStopped` (503) if an administrator has stopped ``capability``."""
    reason = stop_reason(session, capability)
    if reason is not None:
        raise CapabilityStopped(capability, reason)


def list_stops(session: Session) -> list[dict[str, Any]]:
    """Every stopped capability with who stopped it, when and why."""
    return [{"capability": s.capability, "label": CAPABILITY_LABELS.get(s.capability, s.capability),
             "reason": s.reason, "stopped_by": s.stopped_by, "stopped_at": s.stopped_at, "audit_id": s.audit_seq}
            for s in session.execute(select(CapabilityStop).order_by(CapabilityStop.capability)).scalars()]


def stop_capability(session: Session, user: Principal, capability: str, reason: str) -> dict[str, Any]:
    """Stop ``capability`` for everyone now, recorded in the audit log with the reason."""
    if capability not in CAPABILITY_LABELS:
        raise BadInput(f"未知的功能：{capability}", f"unknown capability: {capability}")
    reason = reason.strip()
    if not reason:
        raise BadInput("紧急停用须说明理由", "an emergency stop needs a reason")
    rec = append(session, actor=user.actor, action="capability_stop", subject=capability,
                 payload={"capability": capability, "reason": scrub(reason)})
    row = session.get(CapabilityStop, capability)
    if row is None:
        row = CapabilityStop(capability=capability)
        session.add(row)
    row.reason, row.stopped_by, row.stopped_at, row.audit_seq = reason[:2000], user.actor, now_iso(), rec.seq
    session.flush()
    log.warning("capability stopped: %s by user %s (audit %s)", capability, user.id, rec.seq)
    return {"capability": capability, "reason": row.reason, "stopped_by": row.stopped_by,
            "stopped_at": row.stopped_at, "audit_id": rec.seq}


def resume_capability(session: Session, user: Principal, capability: str) -> bool:
    """Lift a stop (audited); False when ``capability`` was not stopped."""
    row = session.get(CapabilityStop, capability)
    if row is None:
        return False
    session.delete(row)
    append(session, actor=user.actor, action="capability_resume", subject=capability,
           payload={"capability": capability, "stopped_at": row.stopped_at})
    log.warning("capability resumed: %s by user %s", capability, user.id)
    return True


def normalise_kinds(kinds: Iterable[str]) -> list[str]:
    """Contract kind names, deduplicated and sorted; BadInput for an unknown kind."""
    from fazhi.api.permissions import KINDS

    out: set[str] = set()
    for k in kinds:
        name = contract_kind(str(k))
        if name not in KINDS:
            raise BadInput(f"未知的辅助类型：{k}", f"unknown assist kind: {k} (one of {', '.join(KINDS)})")
        out.add(name)
    return sorted(out)


def get_opt_outs(session: Session, user_id: int) -> list[str]:
    """The assist kinds the user has switched off."""
    return sorted(session.execute(select(OptOut.kind).where(OptOut.user_id == user_id)).scalars())


def set_opt_outs(session: Session, user: Principal, kinds: Iterable[str]) -> list[str]:
    """Replace the user's opt-outs (takes effect on their next request), recorded in the audit log."""
    wanted = normalise_kinds(kinds)
    current = set(get_opt_outs(session, user.id))
    for k in current - set(wanted):
        session.delete(session.get(OptOut, (user.id, k)))
    for k in set(wanted) - current:
        session.add(OptOut(user_id=user.id, kind=k))
    if current != set(wanted):
        append(session, actor=user.actor, action="preferences", subject=user.actor, payload={"opted_out": wanted})
    session.flush()
    return wanted


def skipped_kinds(session: Session, user: Principal) -> set[str]:
    """Contract kinds not to compute for ``user``: switched off, stopped, or outside their role."""
    stopped = set(session.execute(select(CapabilityStop.capability)).scalars())
    out = set(user.opted_out)
    for kind, owner in KIND_OWNER.items():
        if owner in stopped or not allowed(user.role, owner):
            out.add(kind)
    return out


def opted_out_body(kind: str) -> dict[str, Any]:
    """What the API answers for an assist the user switched off: it was not computed."""
    return {"opted_out": True, "kind": contract_kind(kind), "assist": None,
            "message": "您已关闭此项辅助，本项未计算 / you switched this assist off; it was not computed"}


# --------------------------------------------------------------------------- running assists


def run_assist(store: Store, user: Principal, *, capability: str, kind: str,
               compute: Callable[[Session], Assist | list[Assist]], input_sha256: str,
               summary: dict[str, Any] | None = None) -> Assist | list[Assist] | None:
    """Compute an assist (or a list of them) for ``user`` and record each in the audit log.

    None when the user has switched ``kind`` off (nothing is computed); :class:`CapabilityStopped`
    when the capability is stopped. The audit actor is the user, the summary holds no personal data;
    it is read after ``compute`` runs, so ``compute`` may add counts to it.
    """
    if contract_kind(kind) in user.opted_out:
        return None
    with store.session() as session:
        ensure_running(session, capability)
        out = compute(session)
        summary = {"via": "api", **(summary or {})}  # read after compute, which may have filled it in
        if isinstance(out, list):
            return [record_assist(session, a, actor=user.actor, input_sha256=input_sha256,
                                  summary={**summary, **_status(a)}) for a in out]
        return record_assist(session, out, actor=user.actor, input_sha256=input_sha256, summary=summary)


def _status(a: Assist) -> dict[str, Any]:
    status = a.result.get("status") if isinstance(a.result, dict) else None
    return {"status": status} if status else {}


def flat(outcome: Assist | list[Assist] | None, kind: str, *, key: str | None = None) -> dict[str, Any]:
    """The JSON body of an assist route: ``Assist.flat()`` (or a list under ``key``), or the opt-out body."""
    if outcome is None:
        return opted_out_body(kind)
    if isinstance(outcome, list):
        return {key or "assists": [a.flat() for a in outcome]}
    return outcome.flat()


def analyze_text(store: Store, user: Principal, text: str, *, source: str = "api",
                 fmt: str = "txt") -> dict[str, Any]:
    """``fazhi analyze`` for a user: store the document, with the assists they have not switched off."""
    from fazhi.analyze import analyze

    if "extraction" in user.opted_out:
        return opted_out_body("extraction")
    sha = text_sha(text)
    with store.session() as session:
        ensure_running(session, "analyze")
        skip = skipped_kinds(session, user)
        if "extraction" in skip:  # the extractor itself is stopped: nothing can be analysed
            ensure_running(session, "extract")
        result = analyze(session, kb(), text=text, sha256=sha, source=source, fmt=fmt, actor=user.actor,
                         skip={_CORE_NAME.get(k, k) for k in skip})
        body = result.to_dict()
    body["opted_out"] = sorted(k for k in ("citation_check", "prediction", "deviation_warning") if k in skip)
    return body


@dataclass
class AssistOutcome:
    """One assist box on a page: ``state`` ok | opted_out | stopped | forbidden | unavailable."""

    kind: str
    capability: str
    state: str
    assists: list[Assist] = field(default_factory=list)
    message: str = ""
    notice: str = NOTICE

    @property
    def audit_ids(self) -> list[int]:
        return [a.audit_id for a in self.assists if a.audit_id is not None]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "capability": self.capability, "state": self.state, "message": self.message,
                "assists": [a.flat() for a in self.assists]}


def document_assists(store: Store, user: Principal, case_id: int, doc_id: int,
                     kinds: Iterable[str] | None = None) -> dict[str, AssistOutcome] | None:
    """Every assist for one stored document the user may see, each computed and audited anew.

    Kinds the user switched off are ``opted_out`` and not computed; kinds of a stopped capability
    are ``stopped``; kinds outside the role are ``forbidden``. None when the document is not
    visible to the user. Criminal documents also get the prediction and the deviation check.
    """
    from fazhi.cases.index import facts_of
    from fazhi.cases.search import Filters, similar_assist
    from fazhi.documents.extract import extract_assist
    from fazhi.laws.citations import citation_assists
    from fazhi.laws.push import push_assist
    from fazhi.predict.assist import predict_assist
    from fazhi.predict.deviation import deviation_assist
    from fazhi.privacy.assist import anonymize_assist
    from fazhi.review.assist import review_assist

    with store.session() as session:
        doc = visible_document(session, user, case_id, doc_id)
        if doc is None:
            return None
        text, when, criminal = doc.text, doc.judgment_date, doc.category == "刑事"
        stopped = {c: r for c, r in session.execute(select(CapabilityStop.capability, CapabilityStop.reason)).all()}
    sha = text_sha(text)
    facts = facts_of(text)

    def deviation(s: Session) -> Assist:
        return deviation_assist(s, text, court=user.court)

    plan: list[tuple[str, Callable[[Session], Assist | list[Assist]]]] = [
        ("extraction", lambda s: extract_assist(text)),
        ("citation_check", lambda s: citation_assists(kb(), text, when=when)),
        ("prediction", lambda s: predict_assist(facts, kb=kb(), session=s)),
        ("deviation_warning", deviation),
        ("similar_cases", lambda s: similar_assist(s, text, k=5, exclude_document=doc_id,
                                                   filters=Filters(court=user.court))),
        ("law_push", lambda s: push_assist(kb(), facts, k=5, when=when, index=law_index()[0],
                                           encoder=law_index()[1])),
        ("document_review", lambda s: review_assist(text, kb=kb())[0]),
        ("anonymization", lambda s: anonymize_assist(text)[0]),
    ]
    if not criminal:  # the charge/term reference and the deviation check are for criminal cases
        plan = [(k, c) for k, c in plan if k not in ("prediction", "deviation_warning")]
    wanted = set(kinds) if kinds is not None else None
    out: dict[str, AssistOutcome] = {}
    for kind, compute in plan:
        if wanted is not None and kind not in wanted:
            continue
        owner = KIND_OWNER[kind]
        if not allowed(user.role, owner):
            out[kind] = AssistOutcome(kind, owner, "forbidden", message="您的角色不使用此项辅助")
        elif kind in user.opted_out:
            out[kind] = AssistOutcome(kind, owner, "opted_out", message="您已关闭此项辅助，本项未计算")
        elif owner in stopped:
            out[kind] = AssistOutcome(kind, owner, "stopped", message=stopped[owner])
        else:
            try:
                got = run_assist(store, user, capability=owner, kind=kind, compute=compute, input_sha256=sha,
                                 summary={"action": kind, "document_id": doc_id})
            except CapabilityStopped as exc:  # stopped while the page was being computed
                out[kind] = AssistOutcome(kind, owner, "stopped", message=exc.reason)
                continue
            except FazhiError as exc:
                out[kind] = AssistOutcome(kind, owner, "unavailable", message=exc.zh)
                continue
            assists = got if isinstance(got, list) else [got] if got is not None else []
            out[kind] = AssistOutcome(kind, owner, "ok", assists)
    return out


# --------------------------------------------------------------------------- decisions

DECISIONS = {"adopt": "采纳", "modify": "修改", "reject": "不采纳"}


def record_decision(store: Store, user: Principal, *, audit_id: int, decision: str, reason: str | None,
                    modified: Any = None) -> dict[str, Any] | None:
    """Record 采纳/修改/不采纳 on an assist the user may see; None if there is no such assist for them.

    The full reason and modified content go to the ``decisions`` table (access-controlled); the
    audit log gets the decision, the assist's kind, the reason with personal data masked and the
    hash of the modified content.
    """
    import hashlib

    from fazhi.ledger import canonical_json

    if decision not in DECISIONS:
        raise BadInput(f"决定应为 adopt、modify 或 reject：{decision}", f"decision must be adopt, modify or reject: {decision}")
    reason = (reason or "").strip()
    if decision in ("modify", "reject") and not reason:
        raise BadInput("修改或不采纳须说明理由", "modify and reject need a reason")
    if len(reason) > 2000:
        raise BadInput("理由不超过2000字", "the reason may be at most 2000 characters")
    with store.session() as session:
        rec = session.get(AuditRecord, audit_id)
        if rec is None or rec.action != "assist" or not _may_decide(session, user, rec):
            return None
        kind = contract_kind(json.loads(rec.payload).get("kind", ""))
        mod_sha = (hashlib.sha256(canonical_json(modified).encode("utf-8")).hexdigest()
                   if modified not in (None, "") else None)
        entry = append(session, actor=user.actor, action="decision", subject=str(audit_id),
                       payload={"audit_id": audit_id, "kind": kind, "decision": decision,
                                "reason": scrub(reason), "modified_sha256": mod_sha})
        row = Decision(audit_id=audit_id, user_id=user.id, decision=decision, reason=reason,
                       modified=modified if modified not in (None, "") else None, created_at=now_iso(),
                       ledger_seq=entry.seq)
        session.add(row)
        session.flush()
        return _decision_dict(row, user.username, kind)


def _decision_dict(d: Decision, username: str, kind: str | None = None) -> dict[str, Any]:
    return {"id": d.id, "audit_id": d.audit_id, "decision": d.decision, "label": DECISIONS[d.decision],
            "reason": d.reason, "modified": d.modified, "user": username, "created_at": d.created_at,
            "decision_audit_id": d.ledger_seq, **({"kind": kind} if kind else {})}


def _may_decide(session: Session, user: Principal, rec: AuditRecord) -> bool:
    """An assist is the user's to decide on if they or a colleague of their court produced it, or if
    it is the stored extraction of a document in a case they can see."""
    if rec.actor == user.actor:
        return True
    if rec.actor.startswith("user:") and user.court:
        author = session.execute(select(User.court).where(User.username == rec.actor[5:])).scalar_one_or_none()
        if author is not None and author == user.court:
            return True
    doc = session.execute(select(Document.case_id).where(Document.audit_id == rec.seq)).first()
    return doc is not None and visible_case(session, user, doc[0]) is not None


def decisions_for(session: Session, user: Principal, audit_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """The user's latest decision on each of ``audit_ids`` (for showing 已记录 on a page)."""
    ids = [int(a) for a in audit_ids]
    if not ids:
        return {}
    rows = session.execute(select(Decision).where(Decision.audit_id.in_(ids), Decision.user_id == user.id)
                           .order_by(Decision.id)).scalars()
    return {d.audit_id: _decision_dict(d, user.username) for d in rows}


# --------------------------------------------------------------------------- scoping


def case_scope(user: Principal) -> tuple[str | None, str | None] | None:
    """(court, division) the user's case queries are limited to; None = no case access at all.

    Judges and clerks: their court and division; court managers: their court; everyone else none.
    """
    if user.role in ("judge", "clerk") and user.court and user.division:
        return user.court, user.division
    if user.role == "manager" and user.court:
        return user.court, None
    return None


def visible_case(session: Session, user: Principal, case_id: int) -> Case | None:
    """The case if it exists and lies in the user's scope (else None: answered as 404)."""
    scope = case_scope(user)
    case = session.get(Case, case_id)
    if scope is None or case is None or case.court != scope[0]:
        return None
    if scope[1] is not None and case.division != scope[1]:
        return None
    return case


def visible_document(session: Session, user: Principal, case_id: int, doc_id: int) -> Document | None:
    """The document if it belongs to ``case_id`` and the case is visible to the user."""
    if visible_case(session, user, case_id) is None:
        return None
    doc = session.get(Document, doc_id)
    return doc if doc is not None and doc.case_id == case_id else None


def list_cases(session: Session, user: Principal, *, query: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """:func:`fazhi.store.queries.search_cases` within the user's scope."""
    from fazhi.store.queries import search_cases

    scope = case_scope(user)
    if scope is None:
        return []
    return search_cases(session, query=query, limit=limit, court=scope[0], division=scope[1])


def _source_label(source: str) -> str:
    """A document's source as shown to users: the file name, never a server path."""
    return Path(source.split("#", 1)[0]).name + (("#" + source.split("#", 1)[1]) if "#" in source else "")


def case_detail(session: Session, user: Principal, case_id: int) -> dict[str, Any] | None:
    """:func:`fazhi.store.queries.case_detail` if the case is visible to the user."""
    from fazhi.store.queries import case_detail as detail

    if visible_case(session, user, case_id) is None:
        return None
    out = detail(session, case_id)
    if out is not None:
        for d in out["documents"]:
            d["source"] = _source_label(d["source"])
    return out


def document_detail(session: Session, user: Principal, case_id: int, doc_id: int) -> dict[str, Any] | None:
    """:func:`fazhi.store.queries.document_detail` if it belongs to a case visible to the user."""
    from fazhi.store.queries import document_detail as detail

    if visible_document(session, user, case_id, doc_id) is None:
        return None
    out = detail(session, doc_id)
    if out is not None:
        out["source"] = _source_label(out["source"])
    return out


def audit_records(session: Session, user: Principal, *, last: int = 50, action: str | None = None) -> list[dict[str, Any]]:
    """The latest audit records the user may read: their own (judge, clerk), their court's users'
    (manager), all (admin). Records hold hashes and summaries, no personal data."""
    stmt = select(AuditRecord).order_by(AuditRecord.seq.desc()).limit(last)
    if action:
        stmt = stmt.where(AuditRecord.action == action)
    if user.role == "manager":
        names = session.execute(select(User.username).where(User.court == user.court)).scalars().all()
        stmt = stmt.where(AuditRecord.actor.in_([f"user:{n}" for n in names]))
    elif user.role != "admin":
        stmt = stmt.where(AuditRecord.actor == user.actor)
    rows = session.execute(stmt).scalars().all()
    return [{"seq": r.seq, "ts": r.ts, "actor": r.actor, "action": r.action, "subject": r.subject,
             "payload": json.loads(r.payload), "hash": r.hash} for r in reversed(rows)]


# --------------------------------------------------------------------------- background jobs

JOB_STATES = {"queued": "排队中", "running": "进行中", "done": "已完成", "failed": "失败", "stopped": "已停用"}
PROGRESS_EVERY_S = 0.2


def uploads_dir() -> Path:
    """Where uploads wait for their job (removed when the job ends)."""
    path = data_dir() / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def jobs_dir() -> Path:
    """Where job results (batch anonymisation output) are kept for their owner."""
    path = data_dir() / "jobs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _new_job(store: Store, user: Principal, kind: str, total: int | None) -> int:
    with store.session() as session:
        job = Job(user_id=user.id, kind=kind, state="queued", done=0, total=total, created_at=now_iso(),
                  updated_at=now_iso())
        session.add(job)
        session.flush()
        return job.id


def _update_job(store: Store, job_id: int, **values: Any) -> None:
    with store.session() as session:
        job = session.get(Job, job_id)
        if job is not None:
            for k, v in values.items():
                setattr(job, k, v)
            job.updated_at = now_iso()


class _Progress:
    """Writes a job's progress at most every :data:`PROGRESS_EVERY_S` and checks for a stop."""

    def __init__(self, store: Store, job_id: int, capability: str | None) -> None:
        self.store, self.job_id, self.capability = store, job_id, capability
        self.last = 0.0

    def __call__(self, done: int, _source: str = "") -> None:
        now = time.monotonic()
        if now - self.last < PROGRESS_EVERY_S:
            return
        self.last = now
        with self.store.session() as session:
            if self.capability is not None:
                ensure_running(session, self.capability)  # an emergency stop ends the job between documents
            job = session.get(Job, self.job_id)
            if job is not None:
                job.done, job.updated_at = done, now_iso()


def _run_job(store: Store, job_id: int, work: Callable[[], dict[str, Any]], cleanup: Path | None) -> None:
    """Run ``work`` in this thread, recording running → done | failed | stopped.

    Nothing escapes: a job thread that cannot even record its end (the database went away) logs
    the failure's type and stops.
    """
    try:
        _update_job(store, job_id, state="running")
        try:
            result = work()
        except CapabilityStopped as exc:
            _update_job(store, job_id, state="stopped",
                        error=f"该功能已被管理员停用：{exc.reason} / stopped by an administrator")
        except FazhiError as exc:
            _update_job(store, job_id, state="failed", error=exc.message())
        except Exception as exc:  # a job must end in a state, never vanish; no message (it may hold data)
            from fazhi.api.app import where

            log.error("job %s failed: %s at %s", job_id, type(exc).__name__, where(exc))
            _update_job(store, job_id, state="failed", error=f"内部错误 / internal error: {type(exc).__name__}")
        else:
            _update_job(store, job_id, state="done", result=result,
                        **({"done": result["done"]} if "done" in result else {}))
    except Exception as exc:  # the store itself failed: nothing more can be recorded
        log.error("job %s could not record its state: %s", job_id, type(exc).__name__)
    finally:
        if cleanup is not None:
            shutil.rmtree(cleanup, ignore_errors=True)
        close_thread_kb()


def _spawn(name: str, target: Callable[[], None]) -> None:
    threading.Thread(target=target, name=name, daemon=True).start()


def count_records(path: Path, fmt: str) -> int | None:
    """How many records an ingest of ``path`` will see (None when only reading it all would tell)."""
    if fmt in ("txt", "docx", "pdf"):
        return 1
    if fmt in ("cail2018", "jsonl"):
        with path.open("rb") as fh:
            return sum(1 for line in fh if line.strip())
    return None


def start_ingest(store: Store, user: Principal, path: Path, *, workdir: Path, fmt: str) -> int:
    """Ingest ``path`` (an upload in ``workdir``) in the background; the job id."""
    from fazhi.ingest import ingest

    total = count_records(path, fmt)
    job_id = _new_job(store, user, "ingest", total)
    progress = _Progress(store, job_id, "ingest")

    def work() -> dict[str, Any]:
        report = ingest(store, [path], actor=user.actor, on_progress=progress)
        done = report.stored + report.skipped + len(report.errors)
        prefix = str(workdir) + os.sep
        errors = [{"source": _source_label(e["source"]), "error": e["error"].replace(prefix, "")}
                  for e in report.errors]
        case_ids = _ingested_cases(store, user, path)
        return {"done": done, "stored": report.stored, "skipped": report.skipped, "failed": len(report.errors),
                "errors": errors, "case_ids": case_ids, "case_id": case_ids[0] if case_ids else None}

    _spawn(f"fazhi-job-{job_id}", lambda: _run_job(store, job_id, work, workdir))
    return job_id


def _ingested_cases(store: Store, user: Principal, path: Path, limit: int = 200) -> list[int]:
    """The cases (visible to the user) that the documents of ``path`` belong to, first ``limit``."""
    from fazhi.documents.formats import SourceRecord
    from fazhi.ingest import iter_sources

    shas = []
    for item in iter_sources([path]):
        if isinstance(item, SourceRecord):
            shas.append(item.sha256)
        if len(shas) >= limit:
            break
    if not shas:
        return []
    with store.session() as session:
        rows = session.execute(select(Document.sha256, Document.case_id).where(Document.sha256.in_(shas))).all()
        by_sha = dict(rows)
        out: list[int] = []
        for sha in shas:
            cid = by_sha.get(sha)
            if cid is not None and cid not in out and visible_case(session, user, cid) is not None:
                out.append(cid)
        return out


def start_anonymize_batch(store: Store, user: Principal, items: list[dict[str, Any]], *, profile: str,
                          style: str, review_threshold: float, effective_date: date | None) -> int:
    """Anonymise many documents in the background (one audited Assist each); the job id.

    Results go to a JSON Lines file readable by the owner at ``GET /jobs/{id}/result``; a
    document of the same ``case`` keeps the same pseudonyms across items, as in the CLI batch.
    """
    from fazhi.privacy.assist import anonymize_assist, audit_summary
    from fazhi.privacy.pseudonyms import PseudonymTable

    job_id = _new_job(store, user, "anonymize_batch", len(items))
    progress = _Progress(store, job_id, "anonymize")
    out_path = jobs_dir() / f"job-{job_id}.jsonl"

    def work() -> dict[str, Any]:
        tables: dict[str, PseudonymTable] = {}
        failed = 0
        tmp = out_path.with_name(out_path.name + ".part")
        with tmp.open("w", encoding="utf-8") as fh:
            os.chmod(tmp, 0o600)
            for n, item in enumerate(items, start=1):
                case = item.get("case")
                table = tables.setdefault(str(case), PseudonymTable(style=style)) if case is not None else None
                try:
                    assist, res = anonymize_assist(item["text"], profile, mask_style=style, table=table,
                                                   effective_date=effective_date, review_threshold=review_threshold)
                except FazhiError as exc:
                    failed += 1
                    fh.write(json.dumps({"id": item.get("id"), "error": exc.message()}, ensure_ascii=False) + "\n")
                else:
                    with store.session() as session:
                        assist = record_assist(session, assist, actor=user.actor, input_sha256=text_sha(item["text"]),
                                               summary={**audit_summary(res), "via": "api", "batch": True})
                    fh.write(json.dumps({"id": item.get("id"), **assist.flat()}, ensure_ascii=False, default=str) + "\n")
                progress(n)
        tmp.replace(out_path)
        return {"done": len(items), "failed": failed, "result": f"/api/v1/jobs/{job_id}/result"}

    _spawn(f"fazhi-job-{job_id}", lambda: _run_job(store, job_id, work, None))
    return job_id


def start_indexing(store: Store, user: Principal) -> int:
    """Build the search indexes in the background (law push index, case index); the job id.

    Both are otherwise built lazily by the first request that needs them, which then waits
    (seconds for the statute index, longer for a large case store); an administrator can run
    this after a large import instead.
    """
    from fazhi.cases.index import load_case_index
    from fazhi.laws.push import load_index

    job_id = _new_job(store, user, "index", 2)

    def work() -> dict[str, Any]:
        laws = load_index(kb())
        _update_job(store, job_id, done=1)
        with store.session() as session:
            cases = load_case_index(session)
        return {"done": 2, "law_articles": int(laws.rowids.size), "case_documents": int(cases.size)}

    _spawn(f"fazhi-job-{job_id}", lambda: _run_job(store, job_id, work, None))
    return job_id


def job_view(session: Session, user: Principal, job_id: int) -> dict[str, Any] | None:
    """A job of the user's: state, done, total, error and result; None for other users' jobs."""
    job = session.get(Job, job_id)
    if job is None or job.user_id != user.id:
        return None
    return {"id": job.id, "kind": job.kind, "state": job.state, "state_label": JOB_STATES.get(job.state, job.state),
            "done": job.done, "total": job.total, "error": job.error, "result": job.result,
            "created_at": job.created_at, "updated_at": job.updated_at}


def job_result_path(session: Session, user: Principal, job_id: int) -> Path | None:
    """The result file of a finished batch job of the user's, or None."""
    view = job_view(session, user, job_id)
    if view is None or view["state"] != "done" or view["kind"] != "anonymize_batch":
        return None
    path = jobs_dir() / f"job-{job_id}.jsonl"
    return path if path.is_file() else None


_SAFE_NAME = re.compile(r"[^\w.\-\u4e00-\u9fff]+")


def safe_filename(name: str | None, default: str = "upload.txt") -> str:
    """The last path component of an uploaded file name, with anything odd replaced (no traversal)."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    base = _SAFE_NAME.sub("_", base).lstrip(".")[:120]
    return base or default
