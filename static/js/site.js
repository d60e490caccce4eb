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

// Back and Forward show each question with its answer chosen, as GOV.UK's
// smart answers do. Moving on, htmx pushes the next step's address, whose
// query string holds every answer so far; just before, the question being
// left gets that same query string, so the entry Back returns to is the
// answered question (an address that reopens it, as a Change link does).
// Without JavaScript, the browser restores the form's state itself.
document.addEventListener("htmx:beforeHistoryUpdate", (event) => {
  const { requestConfig, history: update } = event.detail;
  const form = requestConfig && requestConfig.elt; // event.detail.elt is the body
  if (update.type !== "push" || !form || !form.closest("[data-keep-answer-in-history]")) {
    return;
  }
  const next = new URL(update.path, window.location.href);
  if (next.pathname === window.location.pathname) {
    // The same question again, with an error: it takes the place of the one
    // shown, so that Back goes to the question before.
    update.type = "replace";
  } else {
    window.history.replaceState(window.history.state, "", window.location.pathname + next.search);
  }
});

// Back or Forward pressed again before the page asked for has arrived: htmx
// fetches each page it restores (it keeps no copies) and shows every answer in
// the order they come, so a slow earlier one would land last, under the newer
// address. Only the newest restore may land.
let pendingRestore = null;
document.addEventListener("htmx:historyCacheMiss", (event) => {
  const request = event.detail.xhr;
  if (pendingRestore) {
    pendingRestore.abort();
  }
  pendingRestore = request;
  request.addEventListener("loadend", () => {
    if (pendingRestore === request) {
      pendingRestore = null;
    }
  });
});

// plan (issue 12) -------------------------------------------------------------------

// A step in the plan opens its item below (without this file the link still
// leads there, and the visitor opens it).
function openLinkedItem(hash) {
  const target = hash && document.getElementById(decodeURIComponent(hash.slice(1)));
  if (target && target.tagName === "DETAILS") {
    target.open = true;
  }
}
document.addEventListener("click", (event) => {
  const link = event.target.closest('a[href^="#item-"]');
  if (link) {
    openLinkedItem(link.getAttribute("href"));
  }
});
openLinkedItem(window.location.hash);

// Copy the checklist's address: it is how the visitor keeps and shares it.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy-link]");
  if (!button) {
    return;
  }
  const status = document.querySelector("[data-copied]");
  try {
    await navigator.clipboard.writeText(window.location.href);
    if (status) {
      status.hidden = false;
    }
  } catch {
    // No clipboard (an old browser, or permission refused): the address is on the page.
  }
});

