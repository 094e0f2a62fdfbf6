// The questionnaire's helpers. «Убрать ответ» under a question of the questionnaire: an answer tapped by mistake is taken back and the question
// is skipped, as if never answered (a radio button cannot be unchecked, and «затрудняюсь ответить» is an answer,
// counted in the results). Shown only while the question has an answer; without JavaScript it stays hidden.
(function () {
  "use strict";

  // On a slow network the page stayed as it was for seconds after the tap: a parent tapped again or closed it.
  // The button says the answers are on their way; sent again, the same form is still stored once (docs/surveys.md).
  function setUpSending() {
    document.querySelectorAll("form[data-offline]").forEach(function (form) {
      var button = form.querySelector("button[type=submit]");
      if (!button) { return; }
      var label = button.textContent;
      form.addEventListener("submit", function (event) {
        if (!event.defaultPrevented) { button.textContent = "Отправляем ответы…"; }  // not while offline (vsoko.js)
      });
      window.addEventListener("pageshow", function () { button.textContent = label; });
    });
  }

  function setUp() {
    setUpSending();
    document.querySelectorAll("fieldset.question").forEach(function (question) {
      var clear = question.querySelector("[data-clear-answer]");
      if (!clear) { return; }
      var radios = question.querySelectorAll("input[type=radio]");
      function show() { clear.hidden = !question.querySelector("input[type=radio]:checked"); }
      question.addEventListener("change", show);
      // «Назад» may bring the page back with the answers the browser kept.
      window.addEventListener("pageshow", show);
      clear.addEventListener("click", function () {
        radios.forEach(function (radio) { radio.checked = false; });
        clear.hidden = true;
        radios[0].focus();  // the button is gone: the keyboard goes on from the question's first answer
      });
      show();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
