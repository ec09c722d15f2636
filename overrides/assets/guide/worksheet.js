/* Worksheets: print them, and keep what is written on them in this browser only.
 *
 * Each field carries data-key="guide:sheet:<sheet>:<section>:<item>[:copy]" (ids from the data),
 * stored under Material's scope (the site's path), so two guides on one host never mix.
 * "Don't save on this device" is one choice for the whole site, kept by checklist.js: while it is
 * on, notes live in this tab's sessionStorage and are gone when the tab closes.
 * Without JavaScript the blank sheet still prints: the buttons stay hidden and nothing is kept.
 */
(function () {
  "use strict";

  var scope = (window.__md_scope ? window.__md_scope.pathname : "/") + ".";
  var NOTES = scope + "guide:sheet:";
  var VISIT = scope + "guide:visit-only";

  function visitOnly() {
    try {
      return Boolean(window.sessionStorage.getItem(VISIT));
    } catch (error) {
      return false;
    }
  }

  // localStorage, or this tab's sessionStorage for "Don't save on this device", or null when
  // the browser refuses it (private modes, blocked storage)
  function openStorage() {
    try {
      var storage = visitOnly() ? window.sessionStorage : window.localStorage;
      var probe = NOTES + "probe";
      storage.setItem(probe, probe);
      storage.removeItem(probe);
      return storage;
    } catch (error) {
      return null;
    }
  }


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

  function load(field, storage) {
    var value = storage ? storage.getItem(scope + field.dataset.key) : null;
    if (field.type === "checkbox") {
      field.checked = value === "1";
    } else {
      field.value = value || "";
    }
    grow(field);
    mirror(field);
  }

  function save(field, storage) {
    var value = field.type === "checkbox" ? (field.checked ? "1" : "") : field.value;
    if (!storage) return;
    try {
      if (value) storage.setItem(scope + field.dataset.key, value);
      else storage.removeItem(scope + field.dataset.key);
    } catch (error) {
      // Storage full or revoked: the sheet keeps working for this visit
    }
  }

  function clear(sheet, fields) {
    if (!window.confirm("Clear everything written on this sheet? This cannot be undone.")) return;
    var prefix = NOTES + sheet.dataset.sheet + ":";
    [window.localStorage, window.sessionStorage].forEach(function (area) {
      try {
        Object.keys(area)
          .filter(function (key) { return key.indexOf(prefix) === 0; })
          .forEach(function (key) { area.removeItem(key); });
      } catch (error) {
        // Blocked storage holds nothing of this sheet
      }
    });
    fields.forEach(function (field) { load(field, null); });
    sheet.querySelector("[data-sheet-status]").textContent = "This sheet is blank again.";
  }

  // "Don't save on this device", one choice for the site that the checklist keeps: what is shown
  // goes on in this tab only and nothing new is saved; turned off, all this tab kept is saved.
  function setVisitOnly(on, fields) {
    if (window.guideChecklist && window.guideChecklist.setVisitOnly) {
      window.guideChecklist.setVisitOnly(on);
    }
    var storage = openStorage();
    fields.forEach(function (field) { save(field, storage); });
    return storage;
  }

  function setUp(sheet) {
    if (sheet.dataset.sheetReady) return;
    sheet.dataset.sheetReady = "true";
    var storage = openStorage();
    var fields = Array.prototype.slice.call(sheet.querySelectorAll("[data-key]"));
    var status = sheet.querySelector("[data-sheet-status]");

    // The printed footer names the sheet (see worksheet.css, @page guide-sheet)
    document.documentElement.style.setProperty(
      "--guide-sheet-title", JSON.stringify(sheet.dataset.sheetTitle));

    // Fill in what was written before, and keep each change as it is made
    fields.forEach(function (field) {
      load(field, storage);
      field.addEventListener("input", function () {
        save(field, storage);
        grow(field);
        mirror(field);
        status.textContent = "";
      });
    });

    // The buttons only work with JavaScript, so they are shown by it
    sheet.querySelector("[data-sheet-print]").addEventListener("click", function () {
      window.print();
    });
    sheet.querySelector("[data-sheet-clear]").addEventListener("click", function () {
      clear(sheet, fields);
    });
    var choice = sheet.querySelector("[data-sheet-visit-only]");
    function explain() {
      choice.checked = storage === window.sessionStorage;
      sheet.querySelector("[data-sheet-unsaved]").hidden = Boolean(storage);
      sheet.querySelector("[data-sheet-visit]").hidden = !choice.checked;
      choice.parentNode.hidden = !storage;
    }
    choice.addEventListener("change", function () {
      storage = setVisitOnly(choice.checked, fields);
      explain();
    });
    explain();
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
