"""Error pages in the reader's language, and development routes to look at them.

404: LocaleMiddleware has already activated the language of the URL prefix when Django
renders ``404.html``, so the page extends ``base.html`` like any other.

500: something is broken, perhaps the database. ``server_error`` renders ``500.html`` on its
own: no page tree, no snippets, no context processors, only strings from the UI catalog, with
the language read from the path prefix (middleware may not have run).
"""

from django.http import Http404, HttpResponseServerError
from django.template import loader
from django.templatetags.static import static
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import page_not_found

from plikt import languages


def language_from_path(path: str) -> str:
    first = (path or "/").lstrip("/").split("/", 1)[0]
    return first if first in languages.TRANSLATED_CODES else languages.DEFAULT


def _stylesheet() -> str:
    try:
        return static("css/plikt.css")
    except Exception:  # noqa: BLE001 - a missing manifest entry must not break the 500 page
        return ""


@requires_csrf_token
def server_error(request, template_name="500.html"):
    language = language_from_path(getattr(request, "path", "/"))
    with translation.override(language):
        try:
            html = loader.get_template(template_name).render(
                {"LANGUAGE_CODE": language, "stylesheet": _stylesheet(), "home": _home(language)}
            )
        except Exception:  # noqa: BLE001 - last resort: never fail while reporting a failure
            html = "<!doctype html><title>500</title><h1>500</h1>"
    return HttpResponseServerError(html)


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
