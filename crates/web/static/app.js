// dualtrack: small conveniences on top of pages that work without JavaScript.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // After a failed form post, move focus to the error summary so a screen reader or keyboard
  // user starts from the list of what to fix (each item links to its question).
  const summary = document.querySelector("[data-focus-on-load]");
  if (summary) {
    summary.focus();
    // The fragment link scrolls on its own; also put the keyboard on the question's first choice.
    for (const link of summary.querySelectorAll("a[href^='#']")) {
      link.addEventListener("click", () => {
        const target = document.getElementById(link.getAttribute("href").slice(1));
        if (target) target.focus();
      });
    }
  }

  // Filter forms submit as soon as a choice changes; the button stays for keyboard users
  // and for browsers without JavaScript.
  for (const form of document.querySelectorAll("form[data-autosubmit]")) {
    for (const input of form.querySelectorAll("select, input[type=checkbox], input[type=radio]")) {
      input.addEventListener("change", () => form.requestSubmit());
    }
  }

  // Refuse an oversized upload before sending it; the server refuses it too.
  for (const input of document.querySelectorAll("input[type=file][data-max-bytes]")) {
    const limit = Number(input.dataset.maxBytes);
    const message = document.getElementById(input.dataset.messageId || "");
    input.addEventListener("change", () => {
      const total = Array.from(input.files || []).reduce((sum, f) => sum + f.size, 0);
      const tooBig = total > limit;
      input.setCustomValidity(tooBig ? "These files are larger than the upload limit." : "");
      if (message) {
        message.hidden = !tooBig;
      }
    });
  }

  // Copy buttons (permalinks).
  for (const button of document.querySelectorAll("button[data-copy]")) {
    button.hidden = false;
    button.addEventListener("click", async () => {
      const target = document.getElementById(button.dataset.copy);
      if (!target || !navigator.clipboard) return;
      await navigator.clipboard.writeText(target.href || target.textContent || "");
      button.textContent = "Copied";
    });
  }
});
