/*
 * Back after a failed save returns to the filled-in form (see plikt/errors.py).
 *
 * When a save or publish fails because the database is unavailable, the server answers with
 * a page that tells the editor to press Back. Back brings the editor's page out of the
 * browser's back/forward cache, exactly as it was left: every field, rich text and
 * StreamField block included. Chromium keeps no page whose form was sent to the page's own
 * address (the Wagtail editor's forms are), so the form is sent to the same view with a marker
 * in its query string instead. The page is also sent without "no-store"
 * (plikt.middleware.AdminFormsMiddleware), which would keep it out of that cache too.
 *
 * A page brought back from that cache still shows its buttons as busy ("Saving..."): they are
 * made usable again.
 */
(function () {
    "use strict";

    document.querySelectorAll("form[data-edit-form]").forEach(function (form) {
        var action = new URL(form.action, window.location.href);
        if (action.href === window.location.href) {
            action.searchParams.set("sent", "1");
            form.action = action.href;
        }
    });

    window.addEventListener("pageshow", function (event) {
        if (!event.persisted) {
            return;
        }
        document.querySelectorAll("[data-controller~='w-progress']").forEach(function (button) {
            button.setAttribute("data-w-progress-loading-value", "false");
        });
    });
})();
