/*
 * The public gallery's lightbox: a thumbnail's link opens its larger photo in a modal dialog with
 * the caption and credit, "previous" and "next" buttons (and the arrow keys), Esc or "Close" to
 * leave; the focus goes back to the thumbnail that opened it. Without this script each link
 * opens the larger photo itself. Texts come from the dialog's markup (translated by the
 * template).
 */
(function () {
  "use strict";

  function enhance(gallery) {
    var dialog = gallery.parentNode.querySelector("[data-lightbox]");
    if (!dialog || typeof dialog.showModal !== "function") {
      return;
    }
    var links = Array.prototype.slice.call(gallery.querySelectorAll("[data-gallery-item]"));
    var frame = dialog.querySelector("[data-lightbox-frame]");
    var position = dialog.querySelector("[data-lightbox-position]");
    var caption = dialog.querySelector("[data-lightbox-caption]");
    var credit = dialog.querySelector("[data-lightbox-credit]");
    var previous = dialog.querySelector("[data-lightbox-previous]");
    var next = dialog.querySelector("[data-lightbox-next]");
    var current = 0;
    var opener = null;

    function show(index) {
      current = (index + links.length) % links.length;
      var link = links[current];
      var image = document.createElement("img");
      image.className = "lightbox-image";
      image.src = link.getAttribute("href");
      image.alt = link.dataset.alt || "";
      image.setAttribute("data-testid", "lightbox-image");
      frame.replaceChildren(image);
      position.textContent = dialog.dataset.textPosition
        .replace("{index}", String(current + 1))
        .replace("{total}", String(links.length));
      caption.textContent = link.dataset.caption || "";
      credit.textContent = link.dataset.credit || "";
    }

    links.forEach(function (link, index) {
      link.addEventListener("click", function (event) {
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
          return; // a new tab or window: the plain link
        }
        event.preventDefault();
        opener = link;
        show(index);
        previous.hidden = next.hidden = links.length < 2;
        dialog.showModal();
        dialog.querySelector("[data-lightbox-close]").focus();
      });
    });

    previous.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    dialog.querySelector("[data-lightbox-close]").addEventListener("click", function () {
      dialog.close();
    });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowLeft" && links.length > 1) {
        event.preventDefault();
        show(current - 1);
      } else if (event.key === "ArrowRight" && links.length > 1) {
        event.preventDefault();
        show(current + 1);
      }
    });
    // A click on the dark backdrop (outside the dialog's box) closes it too.
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) {
        dialog.close();
      }
    });
    dialog.addEventListener("close", function () {
      frame.replaceChildren();
      if (opener) {
        opener.focus();
        opener = null;
      }
    });
  }

  document.querySelectorAll("[data-gallery]").forEach(enhance);
})();
