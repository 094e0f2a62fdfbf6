// «Копировать ссылку» beside each link of a survey: the deputy pastes it into the parents' chat.
// The clipboard API needs a secure page (https or this computer); a school server on plain http gets the
// older copy command on a selected, invisible text field. Without JavaScript the buttons stay hidden.
(function () {
  "use strict";

  function copyWithSelection(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.appendChild(field);
    field.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    document.body.removeChild(field);
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return copyWithSelection(text); });
    }
    return copyWithSelection(text);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      var label = button.textContent;
      var status = document.getElementById(button.getAttribute("aria-describedby"));
      button.hidden = false;
      button.addEventListener("click", function () {
        copy(button.getAttribute("data-copy")).then(function () {
          button.textContent = "Скопировано";
          if (status) { status.textContent = "Ссылка скопирована: вставьте её в чат или письмо."; }
        }, function () {
          if (status) { status.textContent = "Не удалось скопировать: выделите ссылку и скопируйте её вручную."; }
        });
        window.setTimeout(function () { button.textContent = label; }, 2500);
      });
    });
  });
})();
