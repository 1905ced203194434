/* tabs block (WAI-ARIA APG tabs, automatic activation): a click or the arrow keys select a tab and show its
 * panel; Home and End go to the first and last; only the selected tab is in the Tab order (roving tabindex).
 * Right to left, the arrow keys follow the reading direction: the right arrow goes to the previous tab. */
(function () {
  "use strict";
  function tabsOf(tab) {
    return Array.prototype.slice.call(tab.parentNode.querySelectorAll("[role=tab]"));
  }

  function select(tab) {
    tabsOf(tab).forEach(function (other) {
      var chosen = other === tab;
      other.setAttribute("aria-selected", String(chosen));
      other.tabIndex = chosen ? 0 : -1;
      document.getElementById(other.getAttribute("aria-controls")).hidden = !chosen;
    });
  }

  function tabAt(event) {
    return event.target.closest ? event.target.closest(".sb-tabs [role=tab]") : null;
  }

  document.addEventListener("click", function (event) {
    var tab = tabAt(event);
    if (tab) select(tab);
  });

  document.addEventListener("keydown", function (event) {
    var tab = tabAt(event), tabs, count, index, rtl, step, to;
    if (!tab) return;
    tabs = tabsOf(tab);
    count = tabs.length;
    index = tabs.indexOf(tab);
    rtl = window.getComputedStyle(tab).direction === "rtl";
    step = {ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1}[event.key];
    to = event.key === "Home" ? 0 : event.key === "End" ? count - 1 : step ? (index + step + count) % count : -1;
    if (to < 0) return;
    event.preventDefault();
    select(tabs[to]);
    tabs[to].focus();
  });
})();
