// "Leave this site quickly": the link on every page, or Shift pressed three times.
// It blanks the page at once, forgets what this visit kept in sessionStorage (where the
// reader chose "Don't save"), and replaces this page in the history with a neutral one.
// Listeners sit on the document, so pages swapped in by instant navigation work too.
(() => {
  "use strict";

  const LINK = "[data-guide-quick-exit]";
  const PRESSES = 3;
  const WITHIN_MS = 5000;
  let shiftPresses = [];

  function leave(url) {
    document.documentElement.classList.add("guide-leaving");
    document.title = "";
    try {
      sessionStorage.clear();
    } catch {
      // Storage is blocked in this browser, so this visit stored nothing to clear.
    }
    location.replace(url);
  }

  // The link: leave in place of following it, so the page is blanked and forgotten too.
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest(LINK);
    if (link) {
      event.preventDefault();
      leave(link.href);
    }
  });

  // Shift three times within a few seconds; any other key starts the count again,
  // so typing capital letters never leaves the page.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Shift") {
      shiftPresses = [];
      return;
    }
    if (event.repeat) return;
    const now = event.timeStamp;
    shiftPresses = shiftPresses.filter((time) => now - time < WITHIN_MS).concat(now);
    const link = document.querySelector(LINK);
    if (shiftPresses.length >= PRESSES && link) leave(link.href);
  });
})();
