/* image block: pressing the picture opens it full size in a modal dialog (the browser's <dialog>: focus stays
 * inside, Esc closes it); closing gives the focus back to the picture. A click outside the picture closes too. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".sb-zoom") : null, dialog, close, picture;
    if (!button || !window.HTMLDialogElement) return;
    picture = button.querySelector("img").cloneNode();
    dialog = document.createElement("dialog");
    dialog.className = "sb-dialog";
    dialog.setAttribute("aria-label", picture.alt);
    close = document.createElement("button");
    close.type = "button";
    close.className = "button sb-dialog-close";
    close.textContent = button.getAttribute("data-close");
    dialog.appendChild(close);
    dialog.appendChild(picture);
    dialog.addEventListener("click", function (inside) {
      if (inside.target !== picture) dialog.close();
    });
    dialog.addEventListener("close", function () {
      dialog.parentNode.removeChild(dialog);
      button.focus();
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    close.focus();
  });
})();
