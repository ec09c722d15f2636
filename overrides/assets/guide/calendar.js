/* "Add to calendar": fetch the build's .ics (same site), keep the chosen rituals, move them to
   the picked start date, make the guide's links absolute, and download the result. Nothing leaves
   the device. The files come from src/guidekit/calendar.py. */
(() => {
  const bytes = new TextEncoder();

  const iso = (d) => d.toISOString().slice(0, 10);
  const tomorrow = () => {
    const now = new Date();
    return iso(new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate() + 1)));
  };
  const toDate = (s) => Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8));
  const compact = (time) => iso(new Date(time)).replace(/-/g, "");
  // Days of the week as RRULE names them, Sunday first (like getUTCDay).
  const WEEKDAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];
  // BYDAY days moved by as many days as the start moved: twice a week from a Monday (MO,TH)
  // becomes TU,FR from a Tuesday. COUNT, the number of times, stays as it is.
  const shiftDays = (list, days) => list.split(",").map((d) => {
    const shift = ((days % 7) + 7) % 7;
    return WEEKDAYS[(WEEKDAYS.indexOf(d) + shift) % 7];
  }).join(",");

  // RFC 5545 3.1: lines of at most 75 octets, continued with a space.
  const fold = (line) => {
    let out = "";
    let size = 0;
    for (const ch of line) {
      const n = bytes.encode(ch).length;
      if (size + n > 75) { out += "\r\n "; size = 1; }
      out += ch;
      size += n;
    }
    return out;
  };

  // One event moved to `start` (ms, UTC midnight); null when the reader did not choose it.
  const move = (lines, start, chosen, root) => {
    const uid = lines.find((l) => l.startsWith("UID:")) || "";
    if (!chosen.some((id) => uid.startsWith(`UID:${id}@`) || uid.startsWith(`UID:${id}.`))) return null;
    const from = lines.find((l) => l.startsWith("DTSTART"));
    const delta = start - toDate(from.split(":")[1]);
    const day = new Date(start).getUTCDate();
    // The build names the event's link as data (X-GUIDE-LINK); here it becomes absolute
    const own = (lines.find((l) => l.startsWith("X-GUIDE-LINK:")) || "").slice(13);
    const link = own && String(new URL(own, root));
    let out = lines.filter((l) => !l.startsWith("X-GUIDE-LINK:")).map((l) => {
      if (l.startsWith("DTSTART")) return l.replace(/:\d{8}/, `:${compact(start)}`);
      if (l.startsWith("RRULE")) {
        // The 29th to 31st: monthly rituals fall on the last day of each month instead.
        const last = day > 28 && /FREQ=MONTHLY/.test(l) ? ";BYMONTHDAY=-1" : "";
        return l.replace(/UNTIL=(\d{8})/, (_, d) => `UNTIL=${compact(toDate(d) + delta)}`)
          .replace(/BYDAY=([A-Z,]+)/, (_, d) => `BYDAY=${shiftDays(d, Math.round(delta / 864e5))}`) + last;
      }
      if (l.startsWith("DESCRIPTION") && own) {
        const at = l.lastIndexOf(own);
        return at < 0 ? l : l.slice(0, at) + link + l.slice(at + own.length);
      }
      return l;
    });
    if (/BYMONTHDAY=-1/.test(out.join())) {
      const end = new Date(start);
      end.setUTCMonth(end.getUTCMonth() + 1, 0);
      out = out.map((l) => (l.startsWith("DTSTART") ? l.replace(/:\d{8}/, `:${compact(end)}`) : l));
    }
    if (link && !out.some((l) => l.startsWith("URL"))) out.splice(out.length - 1, 0, `URL:${link}`);
    return out;
  };

  const rewrite = (ics, start, chosen, root) => {
    const out = [];
    let event = null;
    for (const line of ics.replace(/\r?\n[ \t]/g, "").split(/\r?\n/)) {
      if (line === "BEGIN:VEVENT") event = [];
      if (event === null) { if (line) out.push(line); continue; }
      event.push(line);
      if (line === "END:VEVENT") {
        out.push(...(move(event, start, chosen, root) || []));
        event = null;
      }
    }
    return `${out.map(fold).join("\r\n")}\r\n`;
  };

  const download = (text, name) => {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "text/calendar" }));
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  };

  const setUp = (box) => {
    if (box.dataset.ready) return;
    box.dataset.ready = "1";
    const form = box.querySelector("form");
    const status = box.querySelector(".guide-calendar__status");
    const file = new URL(box.dataset.guideCalendar, location.href);
    form.start.value = form.start.value || tomorrow();
    form.hidden = false;
    box.querySelector(".guide-calendar__plain").hidden = true;
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const chosen = [...form.querySelectorAll("[name=ritual]")]
        .filter((input) => input.type === "hidden" || input.checked).map((input) => input.value);
      const start = Date.parse(form.start.value);
      if (!chosen.length) { status.textContent = box.dataset.noneChosen; return; }
      if (Number.isNaN(start)) { status.textContent = box.dataset.noDay; return; }
      try {
        const response = await fetch(file);
        if (!response.ok) throw new Error(response.statusText);
        const root = new URL("../", file);
        download(rewrite(await response.text(), start, chosen, root), `${box.dataset.guideCalendarId}.ics`);
        status.textContent = box.dataset.made.replace("{start}", form.start.value);
      } catch {
        status.textContent = box.dataset.failed;
      }
    });
  };

  const init = () => document.querySelectorAll("[data-guide-calendar]").forEach(setUp);
  if (typeof document$ !== "undefined") document$.subscribe(init);
  else init();
})();
