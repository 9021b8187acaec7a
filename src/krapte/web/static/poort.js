// Gouden Poort: the print button of the summary (no inline script: the CSP allows only files from /static).
document.addEventListener("DOMContentLoaded", function () {
  var button = document.getElementById("print-button");
  if (button) {
    button.addEventListener("click", function () { window.print(); });
  }
});
