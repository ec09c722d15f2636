/* Trackable checklists: ticks saved at once in this browser (through store.js), never sent
   anywhere. Stored per checklist under "checklist:<id>" as {"v": 1, "ticks": {"2026-11":
   {"item-id": true}}} (period: YYYY-MM or "once"). */

// The stored data, without DOM or storage.
var guideChecklist = (() => {
  const VERSION = 1;
  const isId = text => new RegExp(guideStore.rule("id")).test(text); // the build's own pattern
  const PERIOD = /^(\d{4}-(0[1-9]|1[0-2])|once)$/;
  const STEPS = {}; // version -> step to the next version
  const fail = why => { throw new Error("unreadable ticks: " + why); };
  const isMap = value => value && typeof value === "object" && !Array.isArray(value);
  const empty = () => ({ v: VERSION, ticks: {} });

  // The month of a date, in local time.
  const month = (date = new Date()) =>
    date.getFullYear() + "-" + String(date.getMonth() + 1).padStart(2, "0");

  // Older values are migrated; what we cannot read is refused, never dropped.
  function migrate(value, steps = STEPS) {
    if (!isMap(value) || !Number.isInteger(value.v)) fail("no version");
    while (value.v < VERSION) {
      if (!steps[value.v]) fail("no step from " + value.v);
      value = steps[value.v](value);
    }
    if (value.v > VERSION) fail("newer version");
    return value;
  }

  function check(value, steps) {
    value = migrate(value, steps);
    if (!isMap(value.ticks)) fail("no ticks");
    const out = empty();
    for (const [period, items] of Object.entries(value.ticks)) {
      if (!PERIOD.test(period) || !isMap(items)) fail(period);
      out.ticks[period] = {};
      for (const [item, on] of Object.entries(items)) {
        if (!isId(item) || typeof on !== "boolean") fail(item);
        if (on) out.ticks[period][item] = true;
      }
    }
    return out;
  }

  const parse = (text, steps) => (text == null ? empty() : check(JSON.parse(text), steps));

  // Every tick of both: nothing is lost.
  function merge(a, b) {
    const out = empty();
    for (const value of [a, b]) {
      for (const period in value.ticks) out.ticks[period] = { ...out.ticks[period], ...value.ticks[period] };
    }
    return out;
  }

  function tick(value, period, item, on) {
    const items = { ...value.ticks[period], [item]: true };
    if (!on) delete items[item];
    return { v: VERSION, ticks: { ...value.ticks, [period]: items } };
  }

  // Ticked ids of a period (of `items` only, in their order).
  const ticked = (value, period, items) => {
    const on = value.ticks[period] || {};
    return items ? items.filter(item => on[item]) : Object.keys(on);
  };

  // A file of every checklist, and back (all or nothing).
  const pack = values => ({ guide: "checklist-ticks", v: VERSION, checklists: values });
  function unpack(text) {
    const file = JSON.parse(text), values = {};
    if (!isMap(file) || file.guide !== "checklist-ticks" || !isMap(file.checklists)) fail("file");
    for (const id in file.checklists) {
      if (!isId(id)) fail(id);
      values[id] = check(file.checklists[id]);
    }
    return values;
  }

  // Only what exists: these items, in these periods; the rest of a file is dropped.
  function only(value, items, periods) {
    const out = empty();
    for (const period of periods) {
      const on = items.filter(item => (value.ticks[period] || {})[item]);
      if (on.length) out.ticks[period] = Object.fromEntries(on.map(item => [item, true]));
    }
    return out;
  }

  // The periods a checklist keeps: "once", or the months from `keep` months ago to this one.
  const periods = (kind, keep, now = new Date()) => (kind === "monthly"
    ? [...Array(keep + 1)].map((_, i) => month(new Date(now.getFullYear(), now.getMonth() - keep + i, 1)))
    : ["once"]);

  // For other features (sharing): a checklist's ticked item ids, this month by default.
  const ticks = (id, period = month()) => {
    try { return ticked(parse(guideStore.get("checklist:" + id)), period); } catch { return []; }
  };

  return { VERSION, month, migrate, parse, empty, merge, tick, ticked, pack, unpack, only, periods, ticks };
})();

// The page, set up again after instant navigation (document$) and drawn again from storage
// whenever it may have changed (guideStore.watch).
(() => {
  const G = guideChecklist, S = guideStore, KEY = "checklist:";
  let unread = {}; // id -> ticks of this visit, where what is stored cannot be read (left alone)
  let failed = {}; // id -> why the last tick was not saved: "full" or "blocked"
  let notice = "";

  // Read, `update`, write back.
  function sync(id, update = value => value) {
    let value;
    if (!unread[id]) {
      try { value = G.parse(S.get(KEY + id)); } catch { unread[id] = G.empty(); }
    }
    if (unread[id]) return (unread[id] = update(unread[id]));
    const next = update(value);
    if (next !== value) {
      const how = S.set(KEY + id, JSON.stringify(next));
      if (how === "full" || how === "blocked") failed[id] = how; else delete failed[id];
    }
    return next;
  }

  const roots = () => [...document.querySelectorAll(".guide-checklist[data-trackable]")];
  const all = () => {
    const ids = new Set([...Object.keys(unread), ...S.keys(KEY).map(key => key.slice(KEY.length))]);
    return Object.fromEntries([...ids].map(id => [id, sync(id)]));
  };
  const now = root => (root.dataset.trackable === "monthly" ? G.month() : "once");
  const kept = root => G.periods(root.dataset.trackable, +root.dataset.keepMonths);
  const monthName = (key, month) => new Date(key.slice(0, 4), key.slice(5) - 1)
    .toLocaleDateString(document.documentElement.lang || "en", { month, year: "numeric" });
  // Sentences live in the partial's data-* attributes.
  const say = (root, key, words = {}) =>
    root.querySelector("[data-tracker]").dataset[key].replace(/\{(\w+)\}/g, (_, name) => words[name]);
  const show = (node, text) => { if (node.textContent !== text) node.textContent = text; };
  const why = id => (unread[id] ? "unread" : failed[id] === "full" ? "full"
    : S.state() === "blocked" ? "unsaved" : notice || (S.state() === "visit" ? "visit" : "nothing"));

  // The choice, boxes, count and rule, note, months (of the range kept only).
  function draw(root) {
    const $ = selector => root.querySelector(selector), id = root.dataset.guideId;
    const current = now(root), shown = root.shown || current, value = sync(id), least = +root.dataset.least;
    const boxes = [...root.querySelectorAll("[data-item]")], items = boxes.map(box => box.dataset.item);
    const total = items.length, count = key => G.ticked(value, key, items).length, n = count(shown);
    const choice = $("[data-visit-only]");
    choice.checked = S.state() === "visit";
    choice.closest("[data-js]").hidden = !S.offersChoice();
    boxes.forEach(box => { box.checked = !!(value.ticks[shown] || {})[box.dataset.item]; });
    const rule = least ? " " + say(root, n >= least ? "met" : "notMet") : ""; // the build's count
    show($("[data-feedback]"), n ? say(root, "count", { n, total }) + rule : say(root, "none"));
    show($("[data-note]"), say(root, why(id)));
    if (current === "once") return;
    show($("[data-period]"), say(root, shown === current ? "now" : "then", { month: monthName(shown, "long") }));
    show($("[data-shown-month]"), say(root, "showing", { month: monthName(shown, "long") }));
    const months = kept(root).filter(key => key === current || value.ticks[key]);
    $("[data-history]").innerHTML = months.map(key => `<li><button type="button" data-month="${key}"
      aria-pressed="${key === shown}"><span aria-hidden="true"><span></span></span>
      <span>${monthName(key, "short")}</span> <span>${say(root, "count", { n: count(key), total })}</span></button></li>`).join("");
    root.querySelectorAll("[data-month] > span > span").forEach((bar, i) => {
      bar.style.height = (100 * count(months[i])) / total + "%";
    });
  }

  function drawAll() {
    roots().forEach(root => root.dataset.ready && draw(root));
    document.dispatchEvent(new CustomEvent("guide:ticks"));
  }

  function download() {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([JSON.stringify(G.pack(all()))], { type: "application/json" }));
    link.download = "checklist-ticks-" + G.month() + ".json";
    link.click();
  }

  // A file adds ticks, never removes one; a bad or too large one changes nothing. Only the
  // checklists on this page, their items and the months they keep are taken from it.
  function upload(root, input) {
    const file = input.files[0];
    input.value = "";
    (file.size > +root.dataset.fileLimit ? Promise.reject() : file.text().then(G.unpack)).then(values => {
      roots().filter(other => values[other.dataset.guideId]).forEach(other => {
        const items = [...other.querySelectorAll("[data-item]")].map(box => box.dataset.item);
        const found = G.only(values[other.dataset.guideId], items, kept(other));
        sync(other.dataset.guideId, value => G.merge(value, found));
      });
      notice = "loaded";
    }, () => { notice = "badFile"; }).then(drawAll);
  }

  function setUp(root) {
    if (root.dataset.ready || !root.querySelector("[data-tracker]")) return;
    root.dataset.ready = "true";
    root.querySelectorAll("[data-js]").forEach(node => { node.hidden = false; });
    root.addEventListener("change", ({ target }) => {
      notice = "";
      if (target.dataset.item) sync(root.dataset.guideId, value => G.tick(value, root.shown || now(root), target.dataset.item, target.checked));
      if (target.matches("[data-file]")) return upload(root, target);
      if (target.matches("[data-visit-only]")) return S.setVisitOnly(target.checked);
      drawAll();
    });
    root.addEventListener("click", ({ target }) => {
      const button = target.closest("button"), month = button && button.dataset.month;
      if (!button) return;
      notice = "";
      if (month) root.shown = month === now(root) ? null : month;
      if (button.matches("[data-import]")) return root.querySelector("[data-file]").click();
      if (button.matches("[data-export]")) download();
      // Forget all this site stored under Material's scope: ticks, worksheet notes, settings.
      if (button.matches("[data-forget]") && confirm(say(root, "confirm"))) {
        notice = "forgot";
        return S.wipe();
      }
      drawAll();
      if (month) root.querySelector(`[data-month="${month}"]`).focus();
    });
  }

  // Storage decides: after a wipe, the choice, another tab, or Back, all is read again.
  S.watch(() => {
    unread = {};
    failed = {};
    drawAll();
  });
  const start = () => {
    roots().forEach(setUp);
    drawAll();
  };
  window.document$ ? document$.subscribe(start) : start();
})();
