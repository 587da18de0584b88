"""End-to-end: the workbench in Debian's Chromium against the real server (docs/web_contract.md).

Login, upload with job progress, the assists on a case page (explanation, model card, notice),
recording a decision and finding it in the audit view, opting out of an assist, the emergency
stop (page banner and API 503, then lifted), and what a public user may see.
"""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import LiveServer, login

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "fazhi" / "samples" / "criminal_judgment.txt"
CASE_NUMBER = "（2024）京0105刑初1587号"
# The assists a criminal first-instance judgment gets on its case page.
CRIMINAL_ASSISTS = ("extraction", "citation_check", "prediction", "similar_cases")
FACT = ("2024年2月17日至3月1日间，被告人王建国先后四次在居民小区内采用撬锁手段盗窃电动自行车四辆，"
        "共计价值人民币12600元。到案后如实供述，自愿认罪认罚，被盗车辆已全部发还。")

# Records, across the navigations of one tab, the states the job-progress box showed.
WATCH_PROGRESS = """
document.addEventListener("DOMContentLoaded", () => {
  const box = document.querySelector("[data-testid=job-progress]");
  if (!box) return;
  const note = () => {
    const seen = JSON.parse(sessionStorage.getItem("fazhiJobStates") || "[]");
    seen.push(box.getAttribute("data-state") || "");
    sessionStorage.setItem("fazhiJobStates", JSON.stringify(seen));
  };
  note();
  new MutationObserver(note).observe(box, {attributes: true, attributeFilter: ["data-state"]});
});
"""


def _expect() -> Any:
    from playwright.sync_api import expect

    return expect


@pytest.fixture(scope="package")
def uploaded_case(browser: Any, live_server: LiveServer) -> dict[str, Any]:
    """Upload the sample criminal judgment once through /upload as the judge; what was seen."""
    ctx = browser.new_context(base_url=live_server.base_url, locale="zh-CN")
    ctx.set_default_timeout(20_000)
    try:
        page = ctx.new_page()
        page.add_init_script(WATCH_PROGRESS)
        login(page, live_server, "judge")
        page.goto("/upload")
        form = page.get_by_test_id("upload-form")
        form.locator("input[name=file]").set_input_files(str(SAMPLE))
        form.locator("[type=submit]").click()
        page.wait_for_url(re.compile(r"/cases/[^/?#]+$"), timeout=90_000)
        states = json.loads(page.evaluate("sessionStorage.getItem('fazhiJobStates') || '[]'"))
        return {"url": page.url.removeprefix(live_server.base_url), "progress_states": states}
    finally:
        ctx.close()


def _section(page: Any, kind: str) -> Any:
    return page.get_by_test_id(f"assist-{kind}")


# --- login ---------------------------------------------------------------------------------------

def test_login_wrong_password_shows_error_right_one_lands_on_cases(pages: Any, live_server: LiveServer) -> None:
    expect = _expect()
    page = pages()
    page.goto("/cases")
    expect(page).to_have_url(re.compile(r"/login"))  # no session → the login page
    login(page, live_server, "judge", password="wrong-password")
    expect(page.get_by_test_id("login-form")).to_be_visible()
    expect(page.get_by_test_id("login-error")).to_be_visible()
    expect(page.get_by_test_id("login-error")).to_contain_text(re.compile("错误|不正确|失败"))
    login(page, live_server, "judge")
    expect(page).to_have_url(re.compile(r"/cases(\?.*)?$"))
    expect(page.get_by_test_id("case-list")).to_be_visible()
    expect(page.get_by_test_id("current-user")).to_contain_text("法官")


# --- upload --------------------------------------------------------------------------------------

def test_upload_shows_progress_then_the_case_page(pages: Any, uploaded_case: dict[str, Any]) -> None:
    expect = _expect()
    states = uploaded_case["progress_states"]
    assert states, "no job-progress box after submitting /upload"
    assert states[-1] == "done", f"the job-progress box went through {states}, not to done"
    page = pages("judge")
    page.goto(uploaded_case["url"])
    expect(page.get_by_text(CASE_NUMBER).first).to_be_visible()
    page.goto("/cases")
    links = page.get_by_test_id("case-link")
    expect(links.filter(has_text=CASE_NUMBER)).to_have_count(1)
    links.filter(has_text=CASE_NUMBER).click()
    expect(page).to_have_url(re.compile(re.escape(uploaded_case["url"]) + "$"))


# --- viewing assists -----------------------------------------------------------------------------

def test_case_page_assists_have_explanation_card_link_and_notice(pages: Any, uploaded_case: dict[str, Any]) -> None:
    expect = _expect()
    page = pages("judge")
    page.goto(uploaded_case["url"])
    for kind in CRIMINAL_ASSISTS:
        sec = _section(page, kind)
        expect(sec).to_be_visible()
        expect(sec).to_have_attribute("data-state", "ok")
        expect(sec.get_by_test_id("assist-explanation").first).not_to_be_empty()
        expect(sec.get_by_test_id("notice")).to_contain_text("仅供参考")
        card = sec.get_by_test_id("card-link")
        expect(card).to_have_attribute("href", re.compile(r"^/cards"))
        expect(sec.get_by_test_id("decision-form")).to_be_visible()
    # the basis: the prediction rests on articles shown with their text, similar cases say why
    pred = _section(page, "prediction")
    pred.get_by_test_id("assist-basis").first.locator("summary").click()
    expect(pred.locator("pre.article-text").first).to_contain_text("盗窃")
    # a model-card link leads to a card page
    href = _section(page, "prediction").get_by_test_id("card-link").get_attribute("href")
    page.goto(href)
    expect(page.get_by_test_id("card").first).to_be_visible()


# --- recording a decision, then the audit view -------------------------------------------------

def test_record_a_decision_and_see_it_in_the_audit_view(pages: Any, uploaded_case: dict[str, Any]) -> None:
    expect = _expect()
    reason = f"与本案量刑情节不符-{uuid.uuid4().hex[:8]}"
    page = pages("judge")
    page.goto(uploaded_case["url"])
    form = _section(page, "prediction").get_by_test_id("decision-form")
    form.locator("select[name=decision]").select_option(label="不采纳")
    form.locator("textarea[name=reason]").fill(reason)
    form.locator("[type=submit]").click()
    recorded = _section(page, "prediction").get_by_test_id("decision-recorded")
    expect(recorded).to_be_visible()
    expect(recorded).to_contain_text("不采纳")
    expect(recorded).to_contain_text(reason)
    page.goto("/audit")
    audit = page.get_by_test_id("audit-list")
    expect(audit).to_be_visible()
    row = audit.locator("tr, li").filter(has_text=reason)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("不采纳")


# --- opt-out -------------------------------------------------------------------------------------

def test_opting_out_of_prediction_switches_it_off_on_the_case_page(pages: Any, live_server: LiveServer,
                                                                    uploaded_case: dict[str, Any]) -> None:
    expect = _expect()
    page = pages("judge")
    try:
        page.goto("/settings")
        form = page.get_by_test_id("settings-form")
        form.locator("input[name=opt_out][value=prediction]").check()
        form.locator("[type=submit]").click()
        page.wait_for_load_state()
        page.goto("/settings")
        expect(page.get_by_test_id("settings-form").locator("input[name=opt_out][value=prediction]")).to_be_checked()
        page.goto(uploaded_case["url"])
        pred = _section(page, "prediction")
        expect(pred).to_have_attribute("data-state", "opted_out")
        expect(pred.get_by_test_id("opted-out")).to_be_visible()
        expect(pred.get_by_test_id("assist-result")).to_have_count(0)
        expect(pred.get_by_test_id("decision-form")).to_have_count(0)
        expect(_section(page, "similar_cases")).to_have_attribute("data-state", "ok")  # others unaffected
        with live_server.api("judge") as api:
            r = api.post("/predict", json={"fact": FACT})
            assert r.status_code == 200, r.text
            assert r.json().get("opted_out") is True, r.text
    finally:
        with live_server.api("judge") as api:
            assert api.put("/me/preferences", json={"opted_out": []}).status_code == 200
    page.goto(uploaded_case["url"])
    expect(_section(page, "prediction")).to_have_attribute("data-state", "ok")


# --- emergency stop ------------------------------------------------------------------------------

def test_emergency_stop_of_predict_and_lifting_it(pages: Any, live_server: LiveServer,
                                                   uploaded_case: dict[str, Any]) -> None:
    expect = _expect()
    reason = f"模型复核中-{uuid.uuid4().hex[:6]}"
    admin = pages("admin")
    judge = pages("judge")
    try:
        admin.goto("/admin")
        form = admin.get_by_test_id("stop-form")
        form.locator("select[name=capability]").select_option("predict")
        form.locator("input[name=reason]").fill(reason)
        form.locator("[type=submit]").click()
        stops = admin.get_by_test_id("stop-list")
        expect(stops).to_contain_text(reason)

        judge.goto(uploaded_case["url"])
        pred = _section(judge, "prediction")
        expect(pred).to_have_attribute("data-state", "stopped")
        expect(pred.get_by_test_id("stopped")).to_be_visible()
        expect(pred.get_by_test_id("assist-result")).to_have_count(0)
        expect(_section(judge, "similar_cases")).to_have_attribute("data-state", "ok")  # others still run
        with live_server.api("judge") as api:
            r = api.post("/predict", json={"fact": FACT})
            assert r.status_code == 503, r.text
            body = r.json()
            assert body.get("capability") == "predict" and body.get("reason") == reason, body
            assert re.search("停用|stopped", body.get("error", "")), body

        admin.goto("/admin")
        row = admin.get_by_test_id("stop-list").locator("li, tr").filter(has_text=reason)
        row.get_by_role("button", name="恢复").click()
        expect(admin.get_by_test_id("stop-list")).not_to_contain_text(reason)

        judge.goto(uploaded_case["url"])
        expect(_section(judge, "prediction")).to_have_attribute("data-state", "ok")
        expect(judge.get_by_test_id("stopped")).to_have_count(0)
        with live_server.api("judge") as api:
            r = api.post("/predict", json={"fact": FACT})
            assert r.status_code == 200, r.text
    finally:
        with live_server.api("admin") as api:
            api.delete("/admin/stops/predict")


@pytest.mark.parametrize("role", ["judge", "clerk"])
def test_only_an_admin_reaches_the_admin_page(pages: Any, role: str) -> None:
    page = pages(role)
    resp = page.goto("/admin")
    assert resp is not None
    assert resp.status == 403 or "/admin" not in page.url, (resp.status, page.url)
    assert page.get_by_test_id("stop-form").count() == 0


def test_clerk_sees_the_case_without_the_judges_prediction(pages: Any, uploaded_case: dict[str, Any]) -> None:
    expect = _expect()
    page = pages("clerk")
    page.goto("/cases")
    expect(page.get_by_test_id("case-link").filter(has_text=CASE_NUMBER)).to_have_count(1)
    page.goto(uploaded_case["url"])
    expect(_section(page, "similar_cases")).to_have_attribute("data-state", "ok")
    expect(_section(page, "prediction").get_by_test_id("assist-result")).to_have_count(0)


# --- the public ----------------------------------------------------------------------------------

def test_public_user_cannot_see_cases_but_can_use_laws(pages: Any, uploaded_case: dict[str, Any]) -> None:
    expect = _expect()
    page = pages("public")
    for path in ("/cases", uploaded_case["url"]):
        resp = page.goto(path)
        assert resp is not None
        assert resp.status == 403 or not page.url.endswith(path), (path, resp.status, page.url)
        expect(page.get_by_test_id("case-list")).to_have_count(0)
        expect(page.get_by_text(CASE_NUMBER)).to_have_count(0)
    page.goto("/laws")
    search = page.get_by_test_id("law-search")
    expect(search).to_be_visible()
    box = search if search.evaluate("e => e.tagName") == "INPUT" else search.locator("input").first
    box.fill("趁被害人不备偷走其手机")
    with page.expect_navigation():
        box.press("Enter")
    results = page.get_by_test_id("law-result")
    expect(results.first).to_be_visible()
    expect(page.get_by_test_id("law-results")).to_contain_text("盗窃")
    expect(page.get_by_test_id("law-results").get_by_test_id("notice")).to_contain_text("仅供参考")
