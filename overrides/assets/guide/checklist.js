/* Trackable checklists: ticks saved at once in this browser, never sent anywhere. Stored per
   checklist as {"v": 1, "ticks": {"2026-11": {"item-id": true}}} (period: YYYY-MM or "once"). */

// The stored data, without DOM or storage.
var guideChecklist = (() => {
  const VERSION = 1;
  const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
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
        if (!ID.test(item) || typeof on !== "boolean") fail(item);
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
      if (!ID.test(id)) fail(id);
      values[id] = check(file.checklists[id]);
    }
    return values;
  }

  return { VERSION, month, migrate, parse, empty, merge, tick, ticked, pack, unpack };
})();

// The page, set up again after instant navigation (document$).
(() => {
  const G = guideChecklist;
  const scope = (window.__md_scope ? __md_scope.pathname : "/") + ".";
  const prefix = scope + "guide:checklist:";
  const VISIT = scope + "guide:visit-only";
  let memory = {}; // id -> value in this visit
  let trouble = {}; // id -> why storage failed it
  let notice = "";
  let visitOnly = false;

  // localStorage, or this tab's sessionStorage for "Don't save on this device". Throws if blocked.
  const area = (session = visitOnly) => (session ? sessionStorage : localStorage);
  const keys = (session, start) => {
    try { return Object.keys(area(session)).filter(key => key.startsWith(start)); } catch { return []; }
  };
  const wipe = (session, start) => keys(session, start).forEach(key => area(session).removeItem(key));

  // Read, `update`, write back. Storage that throws, or holds what we cannot read, is left
  // alone: the visit goes on in memory.
  function sync(id, update = value => value) {
    let stage = "unsaved";
    if (!trouble[id]) {
      try {
        const store = area(), text = store.getItem(prefix + id);
        stage = "unread";
        memory[id] = G.parse(text);
        stage = "unsaved";
        const value = update(memory[id]);
        if (value !== memory[id]) store.setItem(prefix + id, JSON.stringify(value));
        return (memory[id] = value);
      } catch {
        trouble[id] = stage;
      }
    }
    return (memory[id] = update(memory[id] || G.empty()));
  }

  const all = () => {
    const ids = new Set([...Object.keys(memory), ...keys(visitOnly, prefix).map(key => key.slice(prefix.length))]);
    return Object.fromEntries([...ids].map(id => [id, sync(id)]));
  };
  const roots = () => document.querySelectorAll(".guide-checklist[data-trackable]");
  const now = root => (root.dataset.trackable === "monthly" ? G.month() : "once");
  const monthName = (key, month) => new Date(key.slice(0, 4), key.slice(5) - 1)
    .toLocaleDateString(document.documentElement.lang || "en", { month, year: "numeric" });
  // Sentences live in the partial's data-* attributes.
  const say = (root, key, words = {}) =>
    root.querySelector("[data-tracker]").dataset[key].replace(/\{(\w+)\}/g, (_, name) => words[name]);
  const show = (node, text) => { if (node.textContent !== text) node.textContent = text; };

  // Boxes, count and rule, note, months.
  function draw(root) {
    const $ = selector => root.querySelector(selector), id = root.dataset.guideId, share = root.dataset.share;
    const current = now(root), shown = root.shown || current, value = sync(id);
    const boxes = [...root.querySelectorAll("[data-item]")], items = boxes.map(box => box.dataset.item);
    const total = items.length, count = key => G.ticked(value, key, items).length, n = count(shown);
    boxes.forEach(box => { box.checked = !!(value.ticks[shown] || {})[box.dataset.item]; });
    const rule = share ? " " + say(root, n > share * total ? "met" : "notMet") : "";
    show($("[data-feedback]"), n ? say(root, "count", { n, total }) + rule : say(root, "none"));
    show($("[data-note]"), say(root, trouble[id] || notice || (visitOnly ? "visit" : "nothing")));
    $("[data-visit-only]").checked = visitOnly;
    if (current === "once") return;
    show($("[data-period]"), say(root, shown === current ? "now" : "then", { month: monthName(shown, "long") }));
    show($("[data-shown-month]"), say(root, "showing", { month: monthName(shown, "long") }));
    const months = [...new Set([...Object.keys(value.ticks).filter(key => key < current), current])].sort();
    $("[data-history]").innerHTML = months.map(key => `<li><button type="button" data-month="${key}"
      aria-pressed="${key === shown}"><span aria-hidden="true"><span></span></span>
      <span>${monthName(key, "short")}</span> <span>${say(root, "count", { n: count(key), total })}</span></button></li>`).join("");
    root.querySelectorAll("[data-month] > span > span").forEach((bar, i) => {
      bar.style.height = (100 * count(months[i])) / total + "%";
    });
  }

  function drawAll() {
    roots().forEach(root => root.ready && draw(root));
    document.dispatchEvent(new CustomEvent("guide:ticks"));
  }

  // What is shown moves to this tab's storage, or back. The choice is one for the whole site:
  // turned off, whatever else this tab kept (the worksheets' notes) is saved on the device too.
  function setVisitOnly(on) {
    const shown = all();
    try { on ? area(true).setItem(VISIT, "1") : area(true).removeItem(VISIT); } catch { /* blocked */ }
    visitOnly = on;
    trouble = {};
    for (const id in shown) sync(id, () => shown[id]);
    if (on) return;
    wipe(true, prefix);
    keys(true, scope + "guide:").forEach(key => {
      try { area(false).setItem(key, area(true).getItem(key)); } catch { /* full or blocked */ }
      area(true).removeItem(key);
    });
  }
  // For the worksheets' own "Don't save on this device".
  G.setVisitOnly = on => { setVisitOnly(on); drawAll(); };

  function download() {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([JSON.stringify(G.pack(all()))], { type: "application/json" }));
    link.download = "checklist-ticks-" + G.month() + ".json";
    link.click();
  }

  // A file adds ticks, never removes one; a bad one changes nothing.
  function upload(input) {
    input.files[0].text().then(G.unpack).then(values => {
      for (const id in values) sync(id, value => G.merge(value, values[id]));
      notice = "loaded";
    }, () => { notice = "badFile"; }).then(drawAll);
    input.value = "";
  }

  function setUp(root) {
    if (root.ready || !root.querySelector("[data-tracker]")) return;
    root.ready = true;
    root.querySelectorAll("[data-js]").forEach(node => { node.hidden = false; });
    root.addEventListener("change", ({ target }) => {
      notice = "";
      if (target.dataset.item) sync(root.dataset.guideId, value => G.tick(value, root.shown || now(root), target.dataset.item, target.checked));
      if (target.matches("[data-visit-only]")) setVisitOnly(target.checked);
      if (target.matches("[data-file]")) return upload(target);
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
        [false, true].forEach(session => wipe(session, scope));
        memory = {};
        trouble = {};
        notice = "forgot";
      }
      drawAll();
      if (month) root.querySelector(`[data-month="${month}"]`).focus();
    });
  }

  // For other features (sharing): ticked item ids, this month by default.
  G.ticks = (id, period = G.month()) => G.ticked(sync(id), period);

  addEventListener("storage", event => { if (!event.key || event.key.startsWith(scope)) drawAll(); });
  // The choice may have changed on another page (a worksheet) since this script loaded.
  const start = () => {
    try { visitOnly = !!area(true).getItem(VISIT); } catch { /* blocked */ }
    roots().forEach(setUp);
    drawAll();
  };
  window.document$ ? document$.subscribe(start) : start();
})();
