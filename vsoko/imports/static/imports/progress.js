// Polls the import's progress and reloads the page when the import has finished.
(function () {
  "use strict";
  var panel = document.querySelector("[data-progress-url]");
  if (!panel) { return; }
  var url = panel.getAttribute("data-progress-url");
  var bar = panel.querySelector("[data-progress-bar]");
  var percent = panel.querySelector("[data-progress-percent]");
  var stage = panel.querySelector("[data-progress-stage]");
  var status = document.querySelector("[data-progress-status] .badge");
  var delay = 1000;

  function show(state) {
    if (state.percent === null || state.percent === undefined) {
      // No share known (a survey's summary waiting for its recomputation): the bar stays indeterminate.
      bar.removeAttribute("value");
      bar.textContent = "";
      percent.textContent = "";
    } else {
      bar.value = state.percent;
      bar.textContent = state.percent + "%";
      percent.textContent = state.percent;
    }
    stage.textContent = state.stage;
    if (status) { status.textContent = state.status_label; }
  }

  function poll() {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (state) {
        show(state);
        if (state.finished) {
          window.location.reload();
        } else {
          delay = 1000;
          window.setTimeout(poll, delay);
        }
      })
      .catch(function () {
        delay = Math.min(delay * 2, 10000);
        window.setTimeout(poll, delay);
      });
  }

  window.setTimeout(poll, delay);
}());
