// Page behaviour without inline script (the Content-Security-Policy allows scripts from /static only):
//   <input data-autosubmit>      submits its form when it changes;
//   <form data-confirm="text">   asks "text" before it is sent;
//   a table wider than the screen (it scrolls sideways on a phone) can be focused to scroll it with the keyboard.
"use strict";
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target instanceof HTMLElement && target.hasAttribute("data-autosubmit") && target.form) {
    target.form.submit();
  }
});
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form instanceof HTMLFormElement && form.hasAttribute("data-confirm")) {
    if (!window.confirm(form.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  }
});
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("main table").forEach(function (table) {
    if (table.scrollWidth > table.clientWidth + 1 && !table.hasAttribute("tabindex")) {
      table.tabIndex = 0;
    }
  });
});
