// vsoko: progressive enhancement only — every page works without this file.
// Loaded in <head> (not deferred) so the "js" class is set before the first paint.
(function () {
  "use strict";
  document.documentElement.classList.remove("no-js");
  document.documentElement.classList.add("js");

  function setUpMenu() {
    var toggle = document.querySelector(".menu-toggle");
    var menu = document.getElementById("site-menu");
    if (!toggle || !menu) {
      return;
    }
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("is-open", open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.classList.contains("is-open")) {
        toggle.setAttribute("aria-expanded", "false");
        menu.classList.remove("is-open");
        toggle.focus();
      }
    });
  }

  // The menu's groups: one open at a time; a click elsewhere or Escape closes it.
  function setUpMenuGroups() {
    var groups = Array.prototype.slice.call(document.querySelectorAll(".mainnav__details"));
    groups.forEach(function (group) {
      group.addEventListener("toggle", function () {
        if (group.open) {
          groups.forEach(function (other) { if (other !== group) { other.open = false; } });
        }
      });
    });
    document.addEventListener("click", function (event) {
      groups.forEach(function (group) { if (group.open && !group.contains(event.target)) { group.open = false; } });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      groups.forEach(function (group) {
        if (group.open) { group.open = false; group.querySelector("summary").focus(); }
      });
    });
  }

  // A button with data-print prints the page (an inline onclick would break the CSP).
  function setUpPrint() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  // A form with data-confirm asks before an action that cannot be taken back by one click
  // (switching an account off, taking a role, approving data, deleting); "Отмена" sends nothing.
  // A button may ask on its own (the sheet's «Подать на проверку», not its «Сохранить»): its question first.
  function setUpConfirm() {
    document.querySelectorAll("form").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        var button = event.submitter;
        var question = (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
        if (question && !window.confirm(question)) {
          event.preventDefault();
        }
      });
    });
  }

  // A form with data-offline (the questionnaire a parent fills on a phone) is not sent while the phone
  // knows it has no network: sent, it would leave the page for the browser's error page, answers and all.
  // The form says so in its [data-offline-message] and is sent by the same button once the network is back.
  function setUpOfflineForms() {
    document.querySelectorAll("form[data-offline]").forEach(function (form) {
      var message = form.querySelector("[data-offline-message]");
      form.addEventListener("submit", function (event) {
        if (navigator.onLine !== false || !message) { return; }
        event.preventDefault();
        message.hidden = false;
        message.textContent = message.getAttribute("data-offline-message");
        message.scrollIntoView({ block: "nearest" });
      });
      window.addEventListener("online", function () { if (message) { message.hidden = true; } });
    });
  }

  // A page with [data-shown-address] shows that address instead of its own: the thanks page of a questionnaire
  // shows the questionnaire's. Copied from the address bar and sent to the parents' chat, the thanks page's own
  // address greeted every other parent with «Ваши ответы сохранены» and no questionnaire.
  function setUpShownAddress() {
    var holder = document.querySelector("[data-shown-address]");
    if (holder && window.history && window.history.replaceState) {
      window.history.replaceState(null, "", holder.getAttribute("data-shown-address"));
    }
  }

  // A table wider than its frame scrolls sideways, but its scroll bar is under the last row, often
  // off the screen: the frame says so above the table (.table-wrap--wider, see vsoko.css).
  function markWideTables() {
    document.querySelectorAll(".table-wrap").forEach(function (frame) {
      frame.classList.toggle("table-wrap--wider", frame.scrollWidth > frame.clientWidth + 1);
    });
  }

  function setUpWideTables() {
    markWideTables();
    var pending = null;
    window.addEventListener("resize", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(markWideTables, 150);
    });
    // A field reached by Tab in such a table (the load's grid of selects) is scrolled fully into the frame:
    // the browser scrolls only a field wholly out of sight, and left one cut at the edge, a sliver on a phone.
    // "nearest" keeps clear of a pinned column of row names (the frame's scroll-padding, see vsoko.css).
    document.addEventListener("focusin", function (event) {
      var field = event.target, frame = field.closest && field.closest(".table-wrap");
      if (!frame || field === frame) return;
      var box = field.getBoundingClientRect(), edge = frame.getBoundingClientRect();
      if (box.left < edge.left || box.right > edge.right) field.scrollIntoView({ block: "nearest", inline: "nearest" });
    });
  }

  function setUp() {
    setUpMenu();
    setUpMenuGroups();
    setUpPrint();
    setUpConfirm();
    setUpOfflineForms();
    setUpShownAddress();
    setUpWideTables();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
