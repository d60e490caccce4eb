// Progressive enhancement only: every page works without this file.
"use strict";

// After htmx swaps in new content, move keyboard and screen reader focus to
// the element the server marked, usually the new heading, so the change is
// announced instead of leaving focus on a button that no longer exists.
document.addEventListener("htmx:afterSettle", (event) => {
  const target = event.detail.elt.querySelector("[data-focus-after-swap]");
  if (target) {
    target.focus({ preventScroll: false });
  }
});

// Buttons that print the page (the markup hides them when this file is absent).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-print]");
  if (button) {
    window.print();
  }
});

document.documentElement.classList.add("js");
