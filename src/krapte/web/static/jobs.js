// Follows a background job on its page: updates the progress bar and reloads the page once the job has ended.
// The page marks the job with <div id="job" data-job-url="/api/v1/jobs/{id}">; without JavaScript, the page
// offers a refresh link instead.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box) {
    return;
  }
  var url = box.getAttribute("data-job-url");
  var finished = ["succeeded", "failed", "cancelled"];
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (job) {
        if (!job || finished.indexOf(job.status) >= 0) {
          window.location.reload();
          return;
        }
        var bar = document.getElementById("job-progress");
        if (bar) {
          bar.value = job.progress;
        }
        var message = document.getElementById("job-message");
        if (message) {
          message.textContent = job.message;
        }
        window.setTimeout(poll, 1000);
      })
      .catch(function () {
        window.setTimeout(poll, 3000);
      });
  }
  window.setTimeout(poll, 1000);
})();
