/* What the guide keeps in this browser, in one place: where it goes (this device, or only this
   tab for "Don't save on this device"), whether a save worked, and the wipe. Loaded before the
   other scripts, which keep nothing themselves.

   Keys live under Material's scope (the site's path) + "guide:", so two guides on one host never
   mix. Storage decides: every read and write asks it again, never a copy kept in a variable, so
   a page brought back by Back (a restored form, or the back-forward cache), or changed by a wipe,
   another page or another tab, acts on what is stored now. `watch(draw)` runs `draw` whenever
   that may have changed, so each feature sets every control again from storage.

   What cannot be written (storage blocked, or full) is kept for this page only, and is gone when
   the page is brought back from the back-forward cache, as after a reload. */
var guideStore = (() => {
  const scope = (window.__md_scope ? __md_scope.pathname : "/") + ".";
  const GUIDE = scope + "guide:";
  const VISIT = GUIDE + "visit-only";
  const TAB_ONLY = [VISIT, GUIDE + "path"]; // the choice, and the reading path (paths.js)
  const kept = new Map(); // key -> what could not be written, this page only
  const watchers = [];

  // localStorage or this tab's sessionStorage, or null where the browser refuses it.
  const open = session => {
    try {
      const area = session ? sessionStorage : localStorage;
      area.getItem(VISIT);
      return area;
    } catch { return null; }
  };
  const visitOnly = () => !!(open(true) && open(true).getItem(VISIT));
  // Where writes go now: "saved" on this device, "visit" this tab only, or "blocked".
  const state = () => (visitOnly() ? "visit" : open(false) ? "saved" : "blocked");
  const area = () => open(visitOnly()) || null;
  const guideKeys = store => (store ? Object.keys(store).filter(key => key.startsWith(GUIDE) && !TAB_ONLY.includes(key)) : []);

  // The stored text of a key (without the scope), or null.
  const get = key => (kept.has(key) ? kept.get(key) : area() ? area().getItem(GUIDE + key) : null);

  // Keep `text` ("" or null removes it): "saved", "visit", or why not: "full" or "blocked".
  function set(key, text) {
    const store = area(), where = state();
    try {
      if (!store) throw new Error("blocked");
      text ? store.setItem(GUIDE + key, text) : store.removeItem(GUIDE + key);
      kept.delete(key);
      return where;
    } catch (error) {
      kept.set(key, text || null);
      return error.name === "QuotaExceededError" ? "full" : "blocked";
    }
  }

  // Keys (without the scope) that start with `start`, stored or kept.
  const keys = (start = "") => [...new Set([...guideKeys(area()).map(key => key.slice(GUIDE.length)), ...kept.keys()])]
    .filter(key => key.startsWith(start));

  function changed() {
    watchers.forEach(draw => draw());
  }

  // "Don't save on this device", one choice for the whole site and this tab. On: what is shown
  // goes on in this tab only, and the choice lists what it copied. Off: what this tab shows is
  // saved on the device, and what it removed from that list is removed there too.
  function setVisitOnly(on) {
    const device = open(false), tab = open(true);
    const copy = (from, to, key) => {
      try { to.setItem(key, from.getItem(key)); } catch { kept.set(key.slice(GUIDE.length), from.getItem(key)); }
    };
    if (device && tab && on !== visitOnly()) try {
      if (on) {
        const shown = guideKeys(device);
        guideKeys(tab).forEach(key => tab.removeItem(key));
        shown.forEach(key => copy(device, tab, key));
        tab.setItem(VISIT, JSON.stringify(shown));
      } else {
        let shown = [];
        try { shown = [].concat(JSON.parse(tab.getItem(VISIT))); } catch { /* an older choice */ }
        shown.forEach(key => { if (`${key}`.startsWith(GUIDE) && tab.getItem(key) === null) device.removeItem(key); });
        guideKeys(tab).forEach(key => { copy(tab, device, key); tab.removeItem(key); });
        tab.removeItem(VISIT);
      }
    } catch { /* this tab's storage is full: the choice stays as it was */ }
    changed();
  }

  // Forget what starts with `start` (all by default: ticks, notes and the theme's settings) on
  // the device and in this tab. The "Don't save" choice stays as it is: a wipe never ends it.
  function wipe(start) {
    const prefix = start == null ? scope : GUIDE + start;
    [open(false), open(true)].forEach(store => store && Object.keys(store)
      .filter(key => key.startsWith(prefix) && key !== VISIT).forEach(key => store.removeItem(key)));
    [...kept.keys()].filter(key => (GUIDE + key).startsWith(prefix)).forEach(key => kept.delete(key));
    changed();
  }

  // Every control is set again from storage when storage may have changed: another tab wrote,
  // or the page is shown again (a form the browser restored, or the back-forward cache).
  addEventListener("storage", event => { if (!event.key || event.key.startsWith(scope)) changed(); });
  addEventListener("pageshow", event => {
    if (event.persisted) kept.clear();
    changed();
  });
  const watch = draw => watchers.push(draw);

  // A rule the scripts share with the build (the pattern of an id), from the page's data
  // (main.html writes them, from guidekit/assets.py).
  const rule = name => JSON.parse(document.getElementById("__guide-rules").textContent)[name];

  return { rule, state, offersChoice: () => !!(open(false) && open(true)), get, set, keys, setVisitOnly, wipe, watch };
})();
