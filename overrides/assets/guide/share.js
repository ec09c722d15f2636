/* "Share my ticks": this month's ticks of a checklist as a short code, sent in a link after the
   # (browsers never send that part to a server), and another person's code shown next to the reader's
   own ticks, which it only reads, never writes (guideChecklist.ticks reads them from store.js).
   A code is VERSION.checklist-id.YYYY-MM.items.bits.check:
   items  a hash of the checklist's item ids, so a code made before the items changed is refused;
   bits   one bit per item, in the sorted order of the item ids, as hex digits;
   check  a hash of everything before it, which catches typos and edits (it is no secret). */

// Codes as plain data, without the page, so tests can try every case.
var guideCompare = (() => {
  const VERSION = "1";
  // The parts after the version; the checklist's id is checked with the build's own pattern.
  const PARTS = [null, /^\d{4}-(?:0[1-9]|1[0-2])$/, /^[0-9a-z]+$/, /^[0-9a-f]+$/, /^[0-9a-z]+$/];
  // FNV-1a, 32 bits, in base 36.
  const hash = text => {
    let h = 0x811c9dc5;
    for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193);
    return (h >>> 0).toString(36);
  };
  const fingerprint = items => hash([...items].sort().join(" "));

  function encode(id, month, items, ticked) {
    const ids = [...items].sort(), on = new Set(ticked);
    let bits = "";
    for (let i = 0; i < ids.length; i += 4) {
      let digit = 0;
      for (let k = 0; k < 4; k++) if (on.has(ids[i + k])) digit |= 1 << k;
      bits += digit.toString(16);
    }
    const body = [VERSION, id, month, fingerprint(ids), bits].join(".");
    return body + "." + hash(body);
  }

  // A code, or a link holding one, as {month, ticked}; else throws why: bad, changed, old, other.
  function decode(text, id, items) {
    const code = text.trim().replace(/^[^#]*#share=/, "");
    const body = code.slice(0, code.lastIndexOf("."));
    if (/^\d+\./.test(code) && !code.startsWith(VERSION + ".")) throw "old";
    const parts = code.split(".");
    if (parts.length !== 6 || parts[0] !== VERSION || !new RegExp(guideStore.rule("id")).test(parts[1])
      || PARTS.some((pattern, i) => pattern && !pattern.test(parts[i + 1]))) throw "bad";
    const [, checklist, month, itemsHash, bits, check] = parts;
    if (hash(body) !== check) throw "changed";
    if (checklist !== id) throw "other";
    const ids = [...items].sort();
    if (itemsHash !== fingerprint(ids) || bits.length !== Math.ceil(ids.length / 4)) throw "old";
    return { month, ticked: ids.filter((_, i) => (parseInt(bits[i >> 2], 16) >> (i & 3)) & 1) };
  }

  return { encode, decode };
})();

// The page: make a link and a code, open one from the link or a paste, show both side by side.
(() => {
  const P = guideCompare;
  const say = (box, key, words = {}) => box.dataset[key].replace(/\{(\w+)\}/g, (_, name) => words[name]);
  const monthName = key => new Date(key.slice(0, 4), key.slice(5) - 1)
    .toLocaleDateString(document.documentElement.lang || "en", { month: "long", year: "numeric" });
  const months = () => {
    const now = new Date();
    return [now, new Date(now.getFullYear(), now.getMonth() - 1, 1)].map(guideChecklist.month);
  };
  const cell = (tag, text) => Object.assign(document.createElement(tag), { textContent: text });

  function setUp(root) {
    const box = root.querySelector("[data-compare]");
    if (!box || box.draw || typeof guideChecklist === "undefined") return;
    const id = root.dataset.guideId, G = guideChecklist;
    const q = name => box.querySelector(`[data-compare-${name}]`);
    const checkboxes = () => [...root.querySelectorAll("[data-item]")];
    const status = q("status"), table = q("table");
    let other = null; // {month, ticked} once a code was opened

    // Both sets of ticks, row by row; redrawn whenever the reader ticks (event from checklist.js).
    box.draw = () => {
      if (!other) return;
      const mine = new Set(G.ticks(id, other.month)), theirs = new Set(other.ticked);
      let n = 0;
      table.tBodies[0].replaceChildren(...checkboxes().map(input => {
        const item = input.dataset.item, differs = mine.has(item) !== theirs.has(item);
        const row = document.createElement("tr"), head = cell("th", root.querySelector(`label[for="${input.id}"]`).textContent);
        head.scope = "row";
        if (differs) {
          n += 1;
          row.className = "guide-compare__differs";
          head.append(" ", cell("strong", say(box, "differs")));
        }
        row.append(head, ...[mine, theirs].map(set => cell("td", say(box, set.has(item) ? "ticked" : "notTicked"))));
        return row;
      }));
      table.hidden = false;
      status.textContent = say(box, n ? "shown" : "same", { month: monthName(other.month), n, total: checkboxes().length });
    };

    // A code or link from the other person: shown if it can be trusted, else a message; never stored.
    box.open = text => {
      other = null;
      table.hidden = true;
      if (!text.trim()) return (status.textContent = say(box, "empty"));
      let found = null;
      try {
        if (text.length > q("paste").maxLength) throw "bad"; // no code is this long
        found = P.decode(text, id, checkboxes().map(input => input.dataset.item));
        if (found.month > months()[0]) throw "early"; // the other's clock is ahead
        if (!months().includes(found.month)) throw "month";
        other = found;
        box.draw();
      } catch (why) {
        status.textContent = say(box, typeof why === "string" ? why : "bad", { month: found && monthName(found.month) });
      }
    };

    box.addEventListener("click", ({ target }) => {
      const button = target.closest("button");
      if (button && button.matches("[data-compare-make]")) {
        const month = G.month(), code = P.encode(id, month, checkboxes().map(input => input.dataset.item), G.ticks(id, month));
        q("link").value = location.origin + location.pathname + "#share=" + code; // no ?query
        q("code").value = code;
        q("made").hidden = false;
        status.textContent = say(box, "made");
      }
      if (button && button.matches("[data-compare-copy]")) {
        navigator.clipboard.writeText(q("link").value).then(
          () => { status.textContent = say(box, "copied"); },
          () => { status.textContent = say(box, "noCopy"); });
      }
    });
    q("open").addEventListener("submit", event => {
      event.preventDefault();
      box.open(q("paste").value);
    });
    box.hidden = false;
  }

  // A link with #share=... opens the comparison at once, and the code leaves the address bar
  // (and so the history) as soon as it is read.
  const fromLink = () => {
    if (!location.hash.startsWith("#share=")) return;
    const code = location.hash.slice(7);
    history.replaceState(history.state, "", location.pathname);
    document.querySelectorAll("[data-compare]").forEach(box => {
      if (!box.open) return;
      const paste = box.querySelector("[data-compare-paste]");
      paste.value = code.slice(0, paste.maxLength);
      box.open(code);
    });
  };

  const start = () => {
    document.querySelectorAll(".guide-checklist[data-trackable]").forEach(setUp);
    fromLink();
  };
  addEventListener("hashchange", fromLink);
  document.addEventListener("guide:ticks", () => document.querySelectorAll("[data-compare]").forEach(box => box.draw && box.draw()));
  window.document$ ? document$.subscribe(start) : start();
})();
