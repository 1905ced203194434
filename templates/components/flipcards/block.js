/* flipcards block: pressing a card (its button, or anywhere on it but a link) turns it over; the back takes the
 * place of the front, and the button says which face shows (aria-expanded). ES5, like the runtime. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var card = event.target.closest ? event.target.closest(".sb-card") : null, button, open;
    if (!card || event.target.closest("a")) return;
    button = card.querySelector(".sb-flip");
    open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    card.querySelector(".sb-card-back").hidden = !open;
    card.querySelector(".sb-card-front").hidden = open;
    card.classList.toggle("flipped", open);
    if (event.target !== button) button.focus();  // the keyboard goes on from the card pressed
  });
})();
