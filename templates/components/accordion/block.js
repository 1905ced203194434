/* accordion block: a section's button shows or hides it (WAI-ARIA APG accordion). Enter and Space are the
 * button's own; one listener on the document serves every accordion of the launch page. ES5, like the runtime. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".sb-acc-button") : null, open;
    if (!button) return;
    open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    document.getElementById(button.getAttribute("aria-controls")).hidden = !open;
  });
})();
