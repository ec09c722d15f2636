/* Worksheets: print them, and keep what is written on them in this browser only.
 *
 * Each field carries data-key="guide:sheet:<sheet>:<section>:<item>[:copy]" (ids from the data).
 * Where it is kept, the "Don't save on this device" choice (one for the whole site) and the
 * wipe belong to store.js: this file only reads and writes through guideStore, and sets every
 * field and box again from storage whenever that may have changed (Back, a wipe, the choice).
 * Without JavaScript the blank sheet still prints: the buttons stay hidden and nothing is kept.
 */
(function () {
  "use strict";

  var S = window.guideStore;
  var key = function (field) { return field.dataset.key.replace(/^guide:/, ""); };

  // Text boxes gain lines as they fill, so nothing is cut off on screen or on paper
  function grow(field) {
    if (field.tagName !== "TEXTAREA") return;
    field.dataset.lines = field.dataset.lines || field.rows;
    field.rows = Number(field.dataset.lines);
    var line = parseFloat(getComputedStyle(field).lineHeight);
    field.rows = Math.max(field.rows, Math.ceil((field.scrollHeight - 1) / line));
  }

  // A one-line box shows only part of a long answer, so a print-only copy of it follows the box
  // (see worksheet.css); it is empty while the box is, and the box's line prints instead
  function mirror(field) {
    if (field.type !== "text") return;
    var copy = field.nextElementSibling;
    if (!copy || !copy.classList.contains("guide-sheet__printed")) {
      copy = document.createElement("span");
      copy.className = "guide-sheet__printed";
      copy.setAttribute("aria-hidden", "true");
      field.after(copy);
    }
    copy.textContent = field.value;
  }

  function load(field) {
    var value = S.get(key(field));
    if (field.type === "checkbox") {
      field.checked = value === "1";
    } else if (field.value !== (value || "")) {
      field.value = value || "";
    }
    grow(field);
    mirror(field);
  }

  // A note that cannot be kept because storage is full says so next to its field, and aloud
  function save(field, sheet) {
    var value = field.type === "checkbox" ? (field.checked ? "1" : "") : field.value;
    var full = S.set(key(field), value) === "full";
    var note = document.getElementById(field.id + "--unsaved");
    if (full && !note) {
      note = document.createElement("p");
      note.id = field.id + "--unsaved";
      note.className = "guide-sheet__unsaved";
      note.textContent = sheet.dataset.full;
      (field.closest(".guide-field") || field.parentNode).append(note);
      field.setAttribute("aria-describedby", note.id);
    }
    if (note) note.hidden = !full;
    var status = sheet.querySelector("[data-sheet-status]");
    status.textContent = full ? sheet.dataset.full : "";
  }

  function setUp(sheet) {
    if (sheet.dataset.sheetReady) return;
    sheet.dataset.sheetReady = "true";
    var fields = Array.prototype.slice.call(sheet.querySelectorAll("[data-key]"));
    var status = sheet.querySelector("[data-sheet-status]");
    var choice = sheet.querySelector("[data-sheet-visit-only]");

    // The printed footer names the sheet (see worksheet.css, @page guide-sheet)
    document.documentElement.style.setProperty(
      "--guide-sheet-title", JSON.stringify(sheet.dataset.sheetTitle));
    // and numbers its pages in the guide's words: "Page {page} of {pages}", counters for the names
    document.documentElement.style.setProperty("--guide-page-label", sheet.dataset.pageLabel
      .split(/\{(pages?)\}/).map(function (part, i) {
        return i % 2 ? "counter(" + part + ")" : JSON.stringify(part);
      }).join(" "));

    // Every field and the choice, as storage has them now; "Don't save" only where it saves
    function draw() {
      if (!sheet.isConnected) return; // a page left by instant navigation
      fields.forEach(load);
      var state = S.state();
      choice.checked = state === "visit";
      choice.parentNode.hidden = !S.offersChoice();
      sheet.querySelector("[data-sheet-visit]").hidden = state !== "visit";
      sheet.querySelector("[data-sheet-unsaved]").hidden = state !== "blocked";
    }

    fields.forEach(function (field) {
      field.addEventListener("input", function () {
        save(field, sheet);
        grow(field);
        mirror(field);
      });
    });

    // The buttons only work with JavaScript, so they are shown by it
    sheet.querySelector("[data-sheet-print]").addEventListener("click", function () {
      window.print();
    });
    sheet.querySelector("[data-sheet-clear]").addEventListener("click", function () {
      if (!window.confirm(sheet.dataset.confirm)) return;
      S.wipe("sheet:" + sheet.dataset.sheet + ":");
      status.textContent = sheet.dataset.cleared;
    });
    choice.addEventListener("change", function () {
      S.setVisitOnly(choice.checked);
    });
    S.watch(draw);
    draw();
    sheet.querySelector(".guide-sheet__tools").hidden = false;
  }

  function init() {
    document.querySelectorAll("[data-sheet]").forEach(setUp);
  }

  // Material's document$ emits on every page load, including instant navigation
  if (window.document$) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
