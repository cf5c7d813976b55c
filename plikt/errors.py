"""Error pages in the reader's language, and development routes to look at them.

404: LocaleMiddleware has already activated the language of the URL prefix when Django
renders ``404.html``, so the page extends ``base.html`` like any other. Under ``/api/`` the
answer is JSON.

500: something is broken. ``server_error`` renders ``500.html`` on its own: no page tree, no
snippets, no context processors, only strings from the UI catalog, with the language read
from the path prefix (middleware may not have run).

503: the database is unreachable (the error, or one it grew from, is an ``OperationalError``
or ``InterfaceError``: refused or lost connections, a server shutting down). Django's handler
calls ``server_error`` inside its ``except`` block, so ``sys.exc_info()`` names the error
there, and one handler answers both. Pages in the page cache are still served before any of
this (plikt/cache.py); everything else answers 503 with ``Retry-After``, rendered like the
500 page without the database or the cache:

- readers: ``503.html`` in the language of the URL prefix, saying the site is briefly
  unavailable and giving the emergency numbers 112 and 116 006 as text;
- the API (``/api/``): JSON, as its other answers are;
- the admin (``/admin/``): ``plikt/admin/unavailable.html`` in the editor's language. After a
  failed save or publish (a POST) it says the change was not saved and that the browser's
  Back button returns to the filled-in form (see ``AdminFormsMiddleware``).

The editor's language without the database: Wagtail keeps it in the editor's profile, a
database row. ``plikt.middleware.AdminFormsMiddleware`` copies it into Django's language
cookie, path ``/admin/`` only (readers never get it), on the admin pages an editor opens;
``translation.get_language_from_request`` reads that cookie first, then the browser's
Accept-Language, else Norwegian.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.templatetags.static import static
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import page_not_found

from plikt import languages
from plikt.i18n import ui

RETRY_AFTER_SECONDS = 30  # a database restart or fail-over takes about this long
API_PREFIX = "/api/"
ADMIN_PREFIX = "/admin/"


def language_from_path(path: str) -> str:
    first = (path or "/").lstrip("/").split("/", 1)[0]
    return first if first in languages.TRANSLATED_CODES else languages.DEFAULT


def _stylesheet() -> str:
    try:
        return static("css/plikt.css")
    except Exception:  # noqa: BLE001 - a missing manifest entry must not break the 500 page
        return ""


def database_unavailable(error: BaseException | None) -> bool:
    """Whether ``error``, or an error it was raised from or while handling, means the
    database cannot be reached (rather than a bug in a query)."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, (OperationalError, InterfaceError)):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """Django's handler500: a 503 when the database is unreachable, else a 500."""
    path = getattr(request, "path", "/")
    if database_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    if path.startswith(API_PREFIX):
        return JsonResponse({"message": "Internal server error."}, status=500)
    language = language_from_path(path)
    with translation.override(language):
        try:
            html = loader.get_template(template_name).render(
                {
                    "LANGUAGE_CODE": language,
                    "text_language": _text_language(language),
                    "stylesheet": _stylesheet(),
                    "home": _home(language),
                }
            )
        except Exception:  # noqa: BLE001 - last resort: never fail while reporting a failure
            html = "<!doctype html><title>500</title><h1>500</h1>"
    return HttpResponseServerError(html)


def service_unavailable(request) -> HttpResponse:
    """503 with Retry-After for the API, the admin or a reader; needs neither the database
    nor the cache."""
    path = getattr(request, "path", "/")
    if path.startswith(API_PREFIX):
        response = JsonResponse(
            {"message": "The service is briefly unavailable. Try again in a minute."}, status=503
        )
    elif path.startswith(ADMIN_PREFIX):
        response = _render_or_plain(
            request,
            "plikt/admin/unavailable.html",
            _admin_language(request),
            {"not_saved": request.method == "POST"},
        )
    else:
        response = _render_or_plain(request, "503.html", language_from_path(path), {})
    response.status_code = 503
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _admin_language(request) -> str:
    code = translation.get_language_from_request(request)  # language cookie, Accept-Language
    return code if code in languages.CODES else languages.DEFAULT


def _text_language(language: str) -> str:
    """The language the UI catalog's strings are really in: an untranslated Sámi string is
    shown in Norwegian (Django's fallback to LANGUAGE_CODE), and must be marked so. The error
    pages are marked as a whole (they are rendered without the site's template tags): a
    translator translates them together, and until then they are Norwegian."""
    with translation.override(language):
        return ui.message_language("The site is briefly unavailable")


def _render_or_plain(request, template_name, language, context) -> HttpResponse:
    with translation.override(language):
        try:
            html = loader.get_template(template_name).render(
                {
                    **context,
                    "LANGUAGE_CODE": language,
                    "text_language": _text_language(language),
                    "stylesheet": _stylesheet(),
                    "home": _home(language),
                }
            )
        except Exception:  # noqa: BLE001 - last resort: never fail while reporting a failure
            html = "<!doctype html><title>503</title><h1>503</h1><p>112 &middot; 116 006</p>"
    response = HttpResponse(html)
    response["Content-Language"] = language
    return response


def not_found(request, exception):
    """Django's handler404: JSON under /api/, as every API answer is; the site's page else."""
    if getattr(request, "path", "/").startswith(API_PREFIX):
        return JsonResponse({"message": "Not found."}, status=404)
    return page_not_found(request, exception)


def _home(language: str) -> str:
    return "/" if language == languages.DEFAULT else f"/{language}/"


def test404(request):
    """Development only (DEBUG): the 404 page as a reader sees it.

    With DEBUG on, an unmatched URL shows Django's technical page instead, so this renders
    the real one directly.
    """
    return page_not_found(request, Http404("test404"))


def test500(request):
    """Development only (DEBUG): the 500 page as a reader sees it."""
    return server_error(request)


def test503(request):
    """Development only (DEBUG): the page a reader sees while the database is unreachable."""
    return service_unavailable(request)
