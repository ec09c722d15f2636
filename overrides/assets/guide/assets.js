/* The engine's scripts after instant navigation. Each page's head lists the stylesheets and
   scripts its blocks need (guidekit/assets.py). Material's instant navigation brings the next
   page's head along, so its stylesheets load, but a script it adds that way never runs: this
   runs each such script once per tab, in the order listed. Every script then sets its blocks up
   on document$, as after a full load. */
(() => {
  const SCRIPTS = "script[data-guide-script]";
  const ran = new Set([...document.querySelectorAll(SCRIPTS)].map(script => script.src));
  const load = () => document.querySelectorAll(SCRIPTS).forEach(listed => {
    if (ran.has(listed.src)) return;
    ran.add(listed.src);
    const script = document.createElement("script");
    script.src = listed.src;
    script.async = false; // in order: store.js before the scripts that keep something
    script.dataset.guideScript = "";
    listed.replaceWith(script);
  });
  if (window.document$) document$.subscribe(load);
})();
