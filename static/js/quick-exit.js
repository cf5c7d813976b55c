/*
 * "Exit this page" (the GOV.UK pattern), as a progressive enhancement of a plain link.
 *
 * - Clicking the button, or pressing Shift three times with at most 5 s between presses,
 *   blanks the page and leaves with location.replace(), so this page is dropped from the
 *   history and Back does not return to it.
 * - A status region tells screen readers about the shortcut and its progress.
 * - Coming back through the back/forward cache (pageshow) shows the page again and resets.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-quick-exit]");
  if (!root) return;
  var link = root.querySelector("[data-quick-exit-link]");
  var status = root.querySelector("[data-quick-exit-status]");
  if (!link || !status) return;

  var TIMEOUT_MS = 5000;
  var presses = 0;
  var timer = null;
  var lastKeyWasModified = false;

  // The shortcut only exists with JavaScript, so only now describe it to screen readers.
  var hint = document.createElement("span");
  hint.id = "quick-exit-hint";
  hint.className = "ds-sr-only";
  hint.textContent = link.getAttribute("data-quick-exit-hint") || "";
  // On a Sámi page the hint may come from the Norwegian catalog: keep its language mark.
  var hintLang = link.getAttribute("data-quick-exit-hint-lang");
  if (hintLang) hint.lang = hintLang;
  root.appendChild(hint);
  link.setAttribute("aria-describedby", hint.id);

  function say(name) {
    status.textContent = status.getAttribute("data-msg-" + name) || "";
  }

  function reset() {
    presses = 0;
    if (timer) {
      window.clearTimeout(timer);
      timer = null;
    }
  }

  function leave(event) {
    if (event) event.preventDefault();
    reset();
    say("leaving");
    document.body.classList.add("quick-exit-active");
    // Blank the page at once (CSSOM, allowed under the CSP; not a style attribute in markup).
    document.documentElement.style.visibility = "hidden";
    document.title = "";
    window.location.replace(link.href);
  }

  link.addEventListener("click", leave);

  // keyup, as GOV.UK does: a Shift held for typing capitals is not counted, and a Shift
  // released right after another modified key (Shift+A) does not count either.
  document.addEventListener(
    "keyup",
    function (event) {
      var isShift = event.key === "Shift" || event.keyCode === 16;
      if (isShift && !lastKeyWasModified) {
        presses += 1;
        if (timer) window.clearTimeout(timer);
        if (presses >= 3) {
          leave(null);
          return;
        }
        say(presses === 1 ? "two" : "one");
        timer = window.setTimeout(function () {
          reset();
          say("timeout");
        }, TIMEOUT_MS);
      } else if (!isShift && presses > 0) {
        reset(); // any other key breaks the sequence
        status.textContent = "";
      }
      lastKeyWasModified = event.shiftKey;
    },
    true
  );

  window.addEventListener("pageshow", function () {
    reset();
    status.textContent = "";
    lastKeyWasModified = false;
    document.documentElement.style.visibility = "";
    document.body.classList.remove("quick-exit-active");
  });
})();
