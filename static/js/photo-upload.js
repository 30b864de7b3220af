/*
 * Festival photo page: upload the chosen photos one by one, with a progress bar and the server's
 * message for each file, then refresh the photo list (photos whose sizes are still being made
 * then poll for their picture through htmx). Without this script the form posts every
 * file at once and the page shows one message per file; the server does the same checks.
 * Texts come from the form's data-text-* attributes (translated by the template).
 */
(function () {
  "use strict";

  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, function (match, key) {
      return key in values ? String(values[key]) : match;
    });
  }

  function enhance(form) {
    var input = form.querySelector('input[type="file"]');
    var box = document.querySelector("[data-upload-results]");
    if (!input || !box || !window.FormData || !window.XMLHttpRequest) {
      return;
    }
    var list = box.querySelector("ol");
    var summary = box.querySelector("[data-upload-summary]");
    var button = form.querySelector('button[type="submit"]');
    var text = form.dataset;

    function row(file) {
      var item = document.createElement("li");
      item.setAttribute("data-testid", "upload-result");
      var name = document.createElement("span");
      name.className = "fw-semibold";
      name.textContent = file.name;
      var progress = document.createElement("progress");
      progress.max = 100;
      progress.value = 0;
      progress.setAttribute("aria-label", format(text.textProgress, { name: file.name }));
      var message = document.createElement("span");
      message.className = "upload-message small";
      message.setAttribute("data-testid", "upload-message");
      message.textContent = text.textWaiting;
      item.append(name, progress, message);
      list.append(item);
      return { item: item, progress: progress, message: message };
    }

    function show(view, ok, message) {
      view.progress.value = 100;
      view.message.textContent = message;
      view.message.classList.add(ok ? "upload-ok" : "upload-error");
      view.item.setAttribute("data-ok", ok ? "true" : "false");
    }

    function send(file, view) {
      return new Promise(function (resolve) {
        var data = new FormData();
        form.querySelectorAll("input, select, textarea").forEach(function (field) {
          if (field.name && field.type !== "file" && !field.disabled) {
            data.append(field.name, field.value);
          }
        });
        data.append(input.name, file, file.name);
        var request = new XMLHttpRequest();
        request.open("POST", form.action);
        request.setRequestHeader("Accept", "application/json");
        request.responseType = "json";
        view.message.textContent = text.textSending;
        request.upload.addEventListener("progress", function (event) {
          if (event.lengthComputable) {
            view.progress.value = Math.round((event.loaded / event.total) * 95);
          }
        });
        request.addEventListener("load", function () {
          var body = request.response;
          var result = body && body.results && body.results[0];
          if (result) {
            show(view, result.ok, result.message);
            resolve(result.ok);
          } else if (body && body.errors && body.errors.length) {
            show(view, false, body.errors.join(" "));
            resolve(false);
          } else {
            show(view, false, text.textServer);
            resolve(false);
          }
        });
        request.addEventListener("error", function () {
          show(view, false, text.textNetwork);
          resolve(false);
        });
        request.send(data);
      });
    }

    function refreshList() {
      return fetch(text.listUrl, { credentials: "same-origin" })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html");
          var next = fresh.querySelector("[data-photo-list]");
          var current = document.querySelector("[data-photo-list]");
          if (next && current) {
            var imported = document.importNode(next, true);
            current.replaceWith(imported);
            // Photos still being processed ask for their picture again (htmx polling).
            if (window.htmx) {
              window.htmx.process(imported);
            }
          }
        })
        .catch(function () { /* the list stays as it was; a reload shows the new photos */ });
    }

    form.addEventListener("submit", function (event) {
      var files = Array.prototype.slice.call(input.files || []);
      if (!files.length) {
        return; // the server answers with its own message
      }
      event.preventDefault();
      button.disabled = true;
      list.replaceChildren();
      summary.textContent = "";
      box.hidden = false;
      var views = files.map(row);
      var saved = 0;
      files
        .reduce(function (previous, file, index) {
          return previous.then(function () {
            return send(file, views[index]).then(function (ok) {
              if (ok) {
                saved += 1;
              }
            });
          });
        }, Promise.resolve())
        .then(refreshList)
        .then(function () {
          summary.textContent = format(text.textDone, { saved: saved, total: files.length });
          input.value = "";
          button.disabled = false;
        });
    });
  }

  document.querySelectorAll("form[data-photo-upload]").forEach(enhance);
})();
