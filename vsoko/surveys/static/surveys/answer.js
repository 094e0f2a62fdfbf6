// «Убрать ответ» under a question of the questionnaire: an answer tapped by mistake is taken back and the question
// is skipped, as if never answered (a radio button cannot be unchecked, and «затрудняюсь ответить» is an answer,
// counted in the results). Shown only while the question has an answer; without JavaScript it stays hidden.
(function () {
  "use strict";

  function setUp() {
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
