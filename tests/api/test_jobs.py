"""Background jobs: ingest and batch anonymisation run in a thread, with their progress in the database."""

from __future__ import annotations

import json

from tests.api.conftest import CIVIL, CRIMINAL, CRIMINAL_CASE_NUMBER, OTHER_CRIMINAL, Api, wait_for_job


def _jsonl(*texts: str) -> bytes:
    return "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts)).encode()


def test_ingest_job_runs_to_done_with_progress(api: Api) -> None:
    body = _jsonl(CRIMINAL, CIVIL, OTHER_CRIMINAL)
    r = api.post("judge", "/ingest", files={"file": ("batch.jsonl", body, "application/json")})
    assert r.status_code == 202, r.text
    job_id = r.json()["job_id"]
    assert r.json()["status_url"] == f"/api/v1/jobs/{job_id}"
    view = wait_for_job(api, "judge", job_id)
    assert view["state"] == "done", view
    assert view["total"] == 3 and view["done"] == 3
    assert all(v["total"] == 3 and 0 <= v["done"] <= 3 for v in view["seen"])
    result = view["result"]
    assert (result["stored"], result["skipped"], result["failed"]) == (3, 0, 0)
    # of the three cases, only the one of the judge's court and division is theirs to open
    assert len(result["case_ids"]) == 1 and result["case_id"] == result["case_ids"][0]
    case = api.get("judge", f"/cases/{result['case_id']}").json()
    assert case["case_number"] == CRIMINAL_CASE_NUMBER
    assert api.get("clerk", f"/jobs/{job_id}").status_code == 404  # jobs are their owner's
    again = wait_for_job(api, "judge", api.post("judge", "/ingest", files={"file": ("b.jsonl", body)}).json()["job_id"])
    assert (again["result"]["stored"], again["result"]["skipped"]) == (0, 3)  # idempotent by content


def test_single_document_upload_leads_to_its_case(api: Api) -> None:
    r = api.post("clerk", "/ingest", files={"file": ("判决书.txt", CRIMINAL.encode("gb18030"), "text/plain")})
    assert r.status_code == 202, r.text
    view = wait_for_job(api, "clerk", r.json()["job_id"])
    assert view["state"] == "done" and view["total"] == 1 and view["done"] == 1
    detail = api.get("clerk", f"/cases/{view['result']['case_id']}").json()
    assert detail["documents"][0]["source"] == "判决书.txt"  # the file name, never the server path


def test_batch_anonymisation_job_and_its_result(api: Api) -> None:
    items = [{"id": "a", "text": CRIMINAL, "case": 1}, {"id": "b", "text": CIVIL}]
    before = api.audit_count()
    r = api.post("judge", "/anonymize/batch", json={"items": items, "profile": "2024"})
    assert r.status_code == 202, r.text
    job_id = r.json()["job_id"]
    view = wait_for_job(api, "judge", job_id)
    assert view["state"] == "done" and view["done"] == view["total"] == 2
    out = api.get("judge", f"/jobs/{job_id}/result")
    assert out.status_code == 200
    lines = [json.loads(x) for x in out.text.splitlines()]
    assert [x["id"] for x in lines] == ["a", "b"]
    assert all(x["assist"]["kind"] == "anonymization" and x["assist"]["audit_id"] for x in lines)
    assert "11010519780621031X" in CIVIL and "11010519780621031X" not in lines[1]["text"]
    assert api.audit_count() == before + 2
    assert api.get("clerk", f"/jobs/{job_id}/result").status_code == 404


def test_a_stopped_capability_starts_no_job(api: Api) -> None:
    api.post("admin", "/admin/stops", json={"capability": "ingest", "reason": "维护"})
    r = api.post("judge", "/ingest", files={"file": ("x.txt", CRIMINAL.encode(), "text/plain")})
    assert r.status_code == 503 and r.json()["capability"] == "ingest"


def test_an_administrator_rebuilds_the_indexes_in_the_background(api: Api) -> None:
    api.post("judge", "/analyze", json={"text": CRIMINAL})
    assert api.post("judge", "/admin/index").status_code == 403
    r = api.post("admin", "/admin/index")
    assert r.status_code == 202
    view = wait_for_job(api, "admin", r.json()["job_id"])
    assert view["state"] == "done" and view["done"] == view["total"] == 2
    assert view["result"]["law_articles"] > 1000 and view["result"]["case_documents"] == 1
