// Reading paths: on a page that lies on several paths, the path this reader is following comes
// first. Opening a path's own page, or following one of its "Next step" links, makes it the one
// followed; only this tab remembers it (sessionStorage, under Material's scope), and the quick
// exit forgets it. Without JavaScript every path's next step shows, in the order written.
(() => {
  "use strict";

  const KEY = (window.__md_scope ? __md_scope.pathname : "/") + ".guide:path";
  const followed = () => { try { return sessionStorage.getItem(KEY); } catch { return null; } };
  const follow = (id) => { try { sessionStorage.setItem(KEY, id); } catch { /* blocked */ } };

  function show() {
    const home = document.querySelector("[data-guide-path-home]");
    if (home) follow(home.dataset.guidePathHome);
    const current = followed();
    document.querySelectorAll(".guide-next-steps").forEach((steps) => {
      const mine = current && [...steps.querySelectorAll("[data-path]")]
        .find((step) => step.dataset.path.split(" ").includes(current));
      steps.classList.toggle("guide-next-steps--following", Boolean(mine));
      steps.querySelectorAll("[data-path]").forEach((step) => {
        step.toggleAttribute("data-following", step === mine);
      });
      if (mine) steps.prepend(mine);
    });
  }

  // A "Next step" link keeps the path it belongs to (the one followed, if it is among them).
  document.addEventListener("click", (event) => {
    const step = event.target.closest && event.target.closest(".guide-next-step[data-path]");
    if (!step || !event.target.closest("a")) return;
    const paths = step.dataset.path.split(" ");
    follow(paths.includes(followed()) ? followed() : paths[0]);
  });

  if (window.document$) window.document$.subscribe(show);
  else show();
})();
