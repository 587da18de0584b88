/* 法智 workbench: background-job progress (GET /api/v1/jobs/{id} every second). No framework. */
(function () {
  "use strict";
  function poll(box) {
    var id = box.getAttribute("data-job");
    var bar = box.querySelector("progress");
    var text = box.querySelector("[data-role=status]");
    var done_url = box.getAttribute("data-done-url");
    var states = { queued: "排队中", running: "处理中", done: "已完成", failed: "失败", stopped: "已停用" };
    function tick() {
      var req = new XMLHttpRequest();
      req.open("GET", "/api/v1/jobs/" + encodeURIComponent(id));
      req.setRequestHeader("Accept", "application/json");
      req.onload = function () {
        if (req.status !== 200) { text.textContent = "无法读取进度（" + req.status + "）"; return; }
        var job = JSON.parse(req.responseText);
        var total = job.total || 0, done = job.done || 0;
        if (total > 0) { bar.max = total; bar.value = done; } else { bar.removeAttribute("value"); }
        box.setAttribute("data-state", job.state);
        text.textContent = (states[job.state] || job.state) + (total ? "：" + done + " / " + total : "");
        if (job.state === "failed" || job.error) {
          text.textContent = "失败：" + (job.error || "未知错误");
          box.classList.add("failed");
          return;
        }
        if (job.state === "done") {
          if (total === 0) { bar.max = 1; bar.value = 1; }
          if (done_url) { window.location.assign(done_url); }
          return;
        }
        window.setTimeout(tick, 1000);
      };
      req.onerror = function () { window.setTimeout(tick, 2000); };
      req.send();
    }
    tick();
  }
  function start() {
    var boxes = document.querySelectorAll("[data-testid=job-progress][data-job]");
    for (var i = 0; i < boxes.length; i++) { poll(boxes[i]); }
    /* the reason is required when the decision is 修改 or 不采纳 */
    var forms = document.querySelectorAll("form[data-testid=decision-form]");
    for (var j = 0; j < forms.length; j++) {
      (function (form) {
        var sel = form.querySelector("select[name=decision]");
        var reason = form.querySelector("textarea[name=reason]");
        function sync() { reason.required = sel.value !== "adopt"; }
        sel.addEventListener("change", sync);
        sync();
      })(forms[j]);
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
