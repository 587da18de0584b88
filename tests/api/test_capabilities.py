"""Each capability through the API: the Assist envelope, its audit record, opt-outs, stops, decisions,
and case scoping by court and division."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

from tests.api.conftest import CIVIL, CRIMINAL, CRIMINAL_CASE_NUMBER, FACT, OTHER_CRIMINAL, Api

DRAFT_CASE = json.loads(resources.files("fazhi.samples").joinpath("draft_civil.json").read_text(encoding="utf-8"))

# path, body, the envelope's kind
CAPABILITIES: list[tuple[str, dict[str, Any], str]] = [
    ("/extract", {"text": CRIMINAL}, "case_extraction"),
    ("/laws/push", {"text": "趁被害人不备偷走其手机", "k": 3}, "law_push"),
    ("/similar", {"text": CRIMINAL, "k": 3}, "similar_cases"),
    ("/predict", {"fact": FACT}, "judgment_prediction"),
    ("/deviation", {"text": CRIMINAL}, "deviation_warning"),
    ("/anonymize", {"text": CRIMINAL}, "anonymization"),
    ("/review", {"text": CIVIL}, "document_review"),
    ("/draft", {"case": DRAFT_CASE}, "draft"),
]


def assert_envelope(flat: dict[str, Any], kind: str) -> dict[str, Any]:
    env = flat["assist"]
    assert env["kind"] == kind
    assert set(env) >= {"confidence", "basis", "explanation", "model", "notice", "audit_id"}
    assert "仅供参考" in env["notice"] and env["explanation"]
    assert env["model"]["card_id"] and isinstance(env["audit_id"], int)
    return env


def assert_audited(api: Api, audit_id: int, kind: str, who: str = "judge") -> dict[str, Any]:
    rec = api.audit(audit_id)
    assert rec["action"] == "assist" and rec["actor"] == f"user:{who}" and rec["payload"]["kind"] == kind
    assert rec["payload"]["summary"]["via"] == "api"
    return rec


@pytest.mark.parametrize(("path", "body", "kind"), CAPABILITIES, ids=[c[0] for c in CAPABILITIES])
def test_each_capability_returns_the_envelope_and_is_audited(api: Api, path: str, body: dict[str, Any],
                                                              kind: str) -> None:
    r = api.post("judge", path, json={**body, "id": "line-7"})
    assert r.status_code == 200, r.text
    assert r.json()["id"] == "line-7"  # echoed, as in the CLI's batch output
    env = assert_envelope(r.json(), kind)
    assert_audited(api, env["audit_id"], kind)
    mine = api.get("judge", "/audit", params={"last": 5}).json()["records"]
    assert env["audit_id"] in [x["seq"] for x in mine]


def test_citations_are_checked_one_assist_each(api: Api) -> None:
    r = api.post("judge", "/laws/cite", json={"text": CRIMINAL})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["date"] and body["citations"]
    for flat in body["citations"]:
        assert_audited(api, assert_envelope(flat, "citation_check")["audit_id"], "citation_check")
    article = api.get("public", "/laws/刑法/264").json()
    assert "盗窃" in article["text"]
    assert api.get("public", "/laws/没有这部法/1").status_code == 404
    assert api.get("public", "/laws/刑法/99999").status_code == 404
    assert api.get("public", "/laws/刑法/abc").status_code == 400


def test_analyze_stores_the_case_and_computes_what_the_role_may_see(api: Api) -> None:
    r = api.post("judge", "/analyze", json={"text": CRIMINAL, "source": "判决书.txt"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert_envelope(body, "case_extraction")
    assert body["stored"]["new"] and body["opted_out"] == []
    assert_envelope(body["prediction"], "judgment_prediction")
    assert body["citations"] and all(c["assist"]["kind"] == "citation_check" for c in body["citations"])
    case_id = body["stored"]["case_id"]
    listed = api.get("judge", "/cases").json()["cases"]
    assert [c["case_number"] for c in listed] == [CRIMINAL_CASE_NUMBER]
    detail = api.get("judge", f"/cases/{case_id}").json()
    assert detail["division"] == "刑事审判庭" and detail["documents"][0]["source"] == "api:判决书.txt"
    # a clerk's analysis leaves out what only judges and managers get (prediction, deviation)
    clerk = api.post("clerk", "/analyze", json={"text": CRIMINAL}).json()
    assert clerk["prediction"] is None and clerk["deviation"] is None
    assert set(clerk["opted_out"]) >= {"prediction", "deviation_warning"}


def test_bad_input_is_a_bilingual_4xx(api: Api) -> None:
    for path, body in [("/extract", {"text": "   "}), ("/deviation", {"text": CIVIL})]:
        r = api.post("judge", path, json=body)
        assert r.status_code == 400, (path, r.text)
        assert " / " in r.json()["error"]
    r = api.post("judge", "/extract", json={"txt": CRIMINAL})
    assert r.status_code == 422 and "body.text" in r.json()["error"]
    r = api.post("judge", "/draft", json={"case": {"doc_kind": "civil_judgment"}})
    assert r.status_code == 422 and r.json()["problems"]
    r = api.post("judge", "/anonymize", json={"text": CRIMINAL, "profile": "1999"})
    assert r.status_code == 422


def test_opting_out_means_not_computed(api: Api) -> None:
    r = api.put("judge", "/me/preferences", json={"opted_out": ["prediction", "law_push", "judgment_prediction"]})
    assert r.status_code == 200 and r.json()["opted_out"] == ["law_push", "prediction"]
    assert api.get("judge", "/me").json()["opted_out"] == ["law_push", "prediction"]
    before = api.audit_count()
    r = api.post("judge", "/predict", json={"fact": FACT})
    assert r.status_code == 200 and r.json()["opted_out"] is True and r.json()["assist"] is None
    assert api.post("judge", "/laws/push", json={"text": FACT}).json()["opted_out"] is True
    assert api.audit_count() == before  # nothing computed, nothing recorded
    analysed = api.post("judge", "/analyze", json={"text": CRIMINAL}).json()
    assert analysed["prediction"] is None and "prediction" in analysed["opted_out"]
    assert api.post("manager", "/predict", json={"fact": FACT}).json().get("opted_out") is None  # only for the judge
    assert api.put("judge", "/me/preferences", json={"opted_out": ["no_such_kind"]}).status_code == 400
    assert api.put("judge", "/me/preferences", json={"opted_out": []}).json()["opted_out"] == []
    r = api.post("judge", "/predict", json={"fact": FACT})
    assert_envelope(r.json(), "judgment_prediction")
    prefs = [x for x in api.get("judge", "/audit", params={"action": "preferences"}).json()["records"]]
    assert [x["payload"]["opted_out"] for x in prefs] == [["law_push", "prediction"], []]


def test_emergency_stop_is_immediate_audited_and_lifted(api: Api) -> None:
    reason = "模型复核中，暂停使用"
    assert api.post("judge", "/admin/stops", json={"capability": "predict", "reason": reason}).status_code == 403
    r = api.post("admin", "/admin/stops", json={"capability": "predict", "reason": reason})
    assert r.status_code == 201, r.text
    stop_audit = api.audit(r.json()["audit_id"])
    assert stop_audit["action"] == "capability_stop" and stop_audit["payload"] == {"capability": "predict",
                                                                                  "reason": reason}
    r = api.post("judge", "/predict", json={"fact": FACT})
    assert r.status_code == 503
    body = r.json()
    assert body["capability"] == "predict" and body["reason"] == reason and "停用" in body["error"]
    assert api.post("judge", "/predict", json={}).status_code == 503  # stopped before anything is read
    assert api.post("public", "/predict", json={"fact": FACT}).status_code == 403  # the role check comes first
    assert api.post("judge", "/review", json={"text": CIVIL}).status_code == 200  # others still run
    analysed = api.post("judge", "/analyze", json={"text": CRIMINAL}).json()
    assert analysed["prediction"] is None and "prediction" in analysed["opted_out"]
    stops = api.get("admin", "/admin/stops").json()["stops"]
    assert [(s["capability"], s["reason"]) for s in stops] == [("predict", reason)]
    assert api.delete("admin", "/admin/stops/predict").status_code == 200
    assert api.delete("admin", "/admin/stops/predict").status_code == 404
    assert_envelope(api.post("judge", "/predict", json={"fact": FACT}).json(), "judgment_prediction")
    actions = [x["action"] for x in api.get("admin", "/audit", params={"last": 1000}).json()["records"]]
    assert actions.index("capability_stop") < actions.index("capability_resume")
    assert api.post("admin", "/admin/stops", json={"capability": "everything", "reason": "x"}).status_code == 422


def test_decisions_are_recorded_with_their_reason(api: Api) -> None:
    audit_id = api.post("judge", "/predict", json={"fact": FACT}).json()["assist"]["audit_id"]
    reason = "与本案量刑情节不符，被告人身份证号110105198503121234"
    r = api.post("judge", "/decisions", json={"audit_id": audit_id, "decision": "reject", "reason": reason})
    assert r.status_code == 201, r.text
    got = r.json()
    assert got["decision"] == "reject" and got["label"] == "不采纳" and got["reason"] == reason
    rec = api.audit(got["decision_audit_id"])
    assert rec["action"] == "decision" and rec["subject"] == str(audit_id)
    assert rec["payload"]["decision"] == "reject" and rec["payload"]["kind"] == "prediction"
    assert rec["payload"]["reason"].startswith("与本案量刑情节不符")
    assert "110105198503121234" not in json.dumps(rec, ensure_ascii=False)  # no personal numbers in the log
    shown = api.get("judge", "/decisions", params={"audit_id": audit_id}).json()["decisions"]
    assert shown[str(audit_id)]["label"] == "不采纳"
    modified = api.post("judge", "/decisions", json={"audit_id": audit_id, "decision": "modify",
                                                     "reason": "刑期应为十个月", "modified": {"term_months": 10}})
    assert modified.status_code == 201 and api.audit(modified.json()["decision_audit_id"])["payload"]["modified_sha256"]
    assert api.post("judge", "/decisions", json={"audit_id": audit_id, "decision": "adopt"}).status_code == 201
    assert api.post("judge", "/decisions", json={"audit_id": audit_id, "decision": "reject"}).status_code == 400
    assert api.post("judge", "/decisions", json={"audit_id": audit_id, "decision": "maybe"}).status_code == 422
    assert api.post("judge", "/decisions", json={"audit_id": 999999, "decision": "adopt"}).status_code == 404
    assert api.post("other_judge", "/decisions", json={"audit_id": audit_id, "decision": "adopt"}).status_code == 404
    stop = api.post("admin", "/admin/stops", json={"capability": "draft", "reason": "x"}).json()["audit_id"]
    assert api.post("judge", "/decisions", json={"audit_id": stop, "decision": "adopt"}).status_code == 404


def test_users_see_only_the_cases_of_their_court_and_division(api: Api) -> None:
    criminal = api.post("judge", "/analyze", json={"text": CRIMINAL}).json()["stored"]
    civil = api.post("civil_judge", "/analyze", json={"text": CIVIL}).json()["stored"]
    other = api.post("other_judge", "/analyze", json={"text": OTHER_CRIMINAL}).json()["stored"]

    def visible(who: str) -> set[int]:
        return {c["case_id"] for c in api.get(who, "/cases").json()["cases"]}

    assert visible("judge") == visible("clerk") == {criminal["case_id"]}
    assert visible("civil_judge") == {civil["case_id"]}
    assert visible("manager") == {criminal["case_id"], civil["case_id"]}
    assert visible("other_judge") == {other["case_id"]}
    for who, case, ok in [("judge", criminal, True), ("civil_judge", criminal, False), ("other_judge", criminal, False),
                          ("manager", civil, True), ("manager", other, False), ("clerk", civil, False)]:
        want = 200 if ok else 404
        assert api.get(who, f"/cases/{case['case_id']}").status_code == want, (who, case)
        r = api.get(who, f"/cases/{case['case_id']}/documents/{case['document_id']}")
        assert r.status_code == want, (who, case)
    doc = api.get("judge", f"/cases/{criminal['case_id']}/documents/{criminal['document_id']}").json()
    assert doc["text"] == CRIMINAL and doc["record"]["case_number"] == CRIMINAL_CASE_NUMBER
    assert api.get("judge", f"/cases/{criminal['case_id']}/documents/{civil['document_id']}").status_code == 404
    for who in ("admin", "public"):
        assert api.get(who, "/cases").status_code == 403
        assert api.get(who, f"/cases/{criminal['case_id']}").status_code == 403
    assert api.get("judge", "/cases", params={"q": "京0105刑初"}).json()["cases"][0]["case_id"] == criminal["case_id"]


def test_similar_cases_come_from_the_users_own_court(api: Api) -> None:
    mine = api.post("judge", "/analyze", json={"text": CRIMINAL}).json()["stored"]
    other = api.post("other_judge", "/analyze", json={"text": OTHER_CRIMINAL}).json()["stored"]

    def hits(who: str) -> set[int]:
        out = api.post(who, "/similar", json={"text": OTHER_CRIMINAL, "k": 10}).json()
        return {h["document_id"] for h in out["cases"]}

    assert hits("judge") <= {mine["document_id"]} and other["document_id"] not in hits("judge")
    assert other["document_id"] in hits("other_judge") and mine["document_id"] not in hits("other_judge")


def test_audit_view_is_scoped(api: Api) -> None:
    api.post("judge", "/extract", json={"text": CRIMINAL})
    api.post("civil_judge", "/extract", json={"text": CIVIL})
    api.post("other_judge", "/extract", json={"text": OTHER_CRIMINAL})

    def actors(who: str) -> set[str]:
        return {r["actor"] for r in api.get(who, "/audit", params={"last": 1000}).json()["records"]}

    assert actors("judge") == {"user:judge"}
    assert actors("manager") == {"user:judge", "user:civil_judge"}
    assert {"user:judge", "user:civil_judge", "user:other_judge"} <= actors("admin")
    assert api.get("public", "/audit").status_code == 403


def test_document_assists_for_the_case_page(api: Api) -> None:
    """The service the case page uses: every assist of a stored document, honouring opt-outs and stops."""
    from fazhi.api import services
    from fazhi.api.auth import principal_for_token

    stored = api.post("judge", "/analyze", json={"text": CRIMINAL}).json()["stored"]
    api.put("judge", "/me/preferences", json={"opted_out": ["similar_cases"]})
    api.post("admin", "/admin/stops", json={"capability": "review", "reason": "规则更新中"})
    with api.store.session() as session:
        judge = principal_for_token(session, api.tokens["judge"], via="bearer")
        clerk = principal_for_token(session, api.tokens["clerk"], via="bearer")
        stranger = principal_for_token(session, api.tokens["other_judge"], via="bearer")
    assert judge is not None and clerk is not None and stranger is not None
    got = services.document_assists(api.store, judge, stored["case_id"], stored["document_id"])
    assert got is not None
    states = {k: v.state for k, v in got.items()}
    assert states["extraction"] == states["citation_check"] == states["prediction"] == "ok"
    assert states["similar_cases"] == "opted_out" and not got["similar_cases"].assists
    assert states["document_review"] == "stopped" and got["document_review"].message == "规则更新中"
    assert got["prediction"].assists[0].kind == "judgment_prediction" and got["prediction"].audit_ids
    clerk_view = services.document_assists(api.store, clerk, stored["case_id"], stored["document_id"])
    assert clerk_view is not None and clerk_view["prediction"].state == "forbidden"
    assert services.document_assists(api.store, stranger, stored["case_id"], stored["document_id"]) is None


def test_cards_for_everyone(api: Api) -> None:
    cards = api.get("public", "/cards").json()["cards"]
    assert len(cards) >= 5
    card_id = api.post("judge", "/predict", json={"fact": FACT}).json()["assist"]["model"]["card_id"]
    assert api.get("public", f"/cards/{card_id}").status_code == 200
    assert api.get("public", "/cards/no-such-card").status_code == 404
