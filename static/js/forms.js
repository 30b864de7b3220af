/*
 * Feedback in view for the editors (festival, report, awards, tributes, decision).
 *
 * - After an htmx answer that refused the save (400: fields to fix, 409: someone else saved
 *   first), the error summary at the top of the form, or else the page messages, is focused and
 *   scrolled into view, so a Save pressed at the bottom of a long form never looks dead. A page
 *   loaded with an error summary (the same editors without JavaScript) focuses it too.
 * - A link of the error summary moves the focus to its field, not only the view.
 * - After "add a row", the focus goes to the new row's first field.
 * - Leaving a form marked data-unsaved-warning with changes asks first (beforeunload); submitting
 *   the form, or a link marked data-unsaved-ok ("Back without saving"), does not ask.
 *
 * The server does all of the checking; without this file the forms work as plain forms.
 */
(function () {
  "use strict";

  var WATCHED = "form[data-unsaved-warning]";
  var dirty = false;
  var dirtyBeforeSubmit = false;
  var lastAction = "";
  var handled = typeof WeakSet === "function" ? new WeakSet() : null;

  function reveal(element) {
    if (!element) {
      return;
    }
    element.focus({ preventScroll: true });
    element.scrollIntoView({ block: "start" });
  }

  function feedbackElement() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      return summary;
    }
    var messages = document.getElementById("messages");
    return messages && messages.children.length ? messages : null;
  }

  function focusableFields(root) {
    return Array.prototype.filter.call(
      root.querySelectorAll("input, select, textarea"),
      function (field) {
        return field.type !== "hidden" && !field.disabled && !field.classList.contains("order-input");
      }
    );
  }

  function focusNewRow(prefix) {
    var rows = Array.prototype.filter.call(
      document.querySelectorAll('[data-testid="' + prefix + '-row"]'),
      function (row) { return !row.hidden; }
    );
    var row = rows[rows.length - 1];
    var field = row && focusableFields(row)[0];
    if (field) {
      field.focus({ preventScroll: true });
      field.scrollIntoView({ block: "center" });
    }
  }

  // Which button sent the form: "save", "add-<prefix>" or "remove-<prefix>-<n>".
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      var submitter = event.submitter;
      lastAction = submitter && submitter.name === "_action" ? submitter.value : "save";
      if (form.matches && form.matches(WATCHED)) {
        dirtyBeforeSubmit = dirty || lastAction.indexOf("remove-") === 0;
        dirty = false;
      }
    },
    true
  );

  document.addEventListener("input", function (event) {
    if (event.target.closest && event.target.closest(WATCHED)) {
      dirty = true;
    }
  });
  document.addEventListener("change", function (event) {
    if (event.target.closest && event.target.closest(WATCHED)) {
      dirty = true;
    }
  });

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("a") : null;
    if (!target) {
      return;
    }
    if (target.hasAttribute("data-unsaved-ok")) {
      dirty = false;
      return;
    }
    var summary = target.closest("[data-error-summary]");
    var hash = target.getAttribute("href") || "";
    if (summary && hash.charAt(0) === "#" && hash.length > 1) {
      var field = document.getElementById(hash.slice(1));
      if (field) {
        event.preventDefault();
        var focusable = field.matches("input, select, textarea, button")
          ? field
          : focusableFields(field)[0];
        (focusable || field).focus({ preventScroll: true });
        field.scrollIntoView({ block: "center" });
      }
    }
  });

  window.addEventListener("beforeunload", function (event) {
    if (!dirty) {
      return undefined;
    }
    var form = document.querySelector(WATCHED);
    var message = form ? form.getAttribute("data-unsaved-warning") : "";
    event.preventDefault();
    event.returnValue = message;
    return message;
  });

  // An answer that saved nothing (204 with HX-Redirect is a save): what was unsaved still is.
  document.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail && event.detail.xhr;
    if (xhr && xhr.status !== 204 && !xhr.getResponseHeader("HX-Redirect")) {
      dirty = dirty || dirtyBeforeSubmit;
    }
    dirtyBeforeSubmit = false;
  });

  // htmx settles each swapped element (the editor and the messages): act once per answer.
  document.addEventListener("htmx:afterSettle", function (event) {
    var xhr = event.detail && event.detail.xhr;
    if (!xhr || (handled && handled.has(xhr))) {
      return;
    }
    if (handled) {
      handled.add(xhr);
    }
    if (xhr.status === 400 || xhr.status === 409) {
      reveal(feedbackElement());
    } else if (xhr.status === 200 && lastAction.indexOf("add-") === 0) {
      focusNewRow(lastAction.slice(4));
    }
  });

  function onLoad() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      reveal(summary);
    } else if (document.querySelector("#messages [data-stale]")) {
      reveal(document.getElementById("messages"));
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onLoad);
  } else {
    onLoad();
  }
})();
