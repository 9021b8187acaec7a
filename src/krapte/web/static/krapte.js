// Page behaviour without inline script (the Content-Security-Policy allows scripts from /static only):
//   <input data-autosubmit>      submits its form when it changes;
//   <form data-confirm="text">   asks "text" before it is sent.
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
