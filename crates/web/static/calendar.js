// dualtrack calendar pages: tell the server the browser's time zone.
//
// The analysis falls back to this zone only when neither the "Time zone" field nor the file
// names one; the server never uses its own zone. Without scripts the field stays empty and
// the "Time zone" picker is the way to choose.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  let zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (_) {
    zone = "";
  }
  for (const input of document.querySelectorAll("input[name=browser_tz]")) {
    if (!input.value) {
      input.value = zone;
    }
  }
});
