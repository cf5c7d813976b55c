"""Redirects that understand the language prefixes, and the old site's addresses.

Editors manage redirects in the Wagtail admin (Settings → Redirects, ``wagtail.contrib.
redirects``): an old path, and a page or a URL to send readers to. Wagtail's middleware only
looks at the exact path, so a redirect made for ``/gammel-side`` would not catch
``/en/gammel-side``. ``RedirectMiddleware`` here tries the exact path first (so an editor can
still make one for a single language), then the path without its language prefix; a redirect
to a page lands on that page *in the reader's language*.

The old site chose its language with a query parameter: ``/?lang=en`` (on any path) answers
301 to the same path under ``/en/``.

Old Norwegian slugs are ordinary Redirect rows: ``seed_old_addresses`` adds a few for the demo
pages, and editors add the rest in the admin. No model of our own is needed.
"""

from urllib.parse import urlencode, urlparse

from django import http
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.encoding import escape_uri_path
from wagtail.contrib.redirects import middleware as wagtail_redirects
from wagtail.contrib.redirects.models import Redirect

from plikt import languages

# Only reader-facing pages take the old ?lang= redirect.
PAGE_URL_NAMES = {"wagtail_serve", "search"}

# Language codes the old site put in ?lang=, where they differ from ours.
OLD_LANGUAGE_CODES = {"no": "nb", "nob": "nb", "eng": "en", "sme": "se"}


def split_prefix(path: str) -> tuple[str | None, str]:
    """("en", "/rest/") for "/en/rest/"; (None, path) when there is no language prefix."""
    first, _slash, rest = path.lstrip("/").partition("/")
    if first in languages.TRANSLATED_CODES:
        return first, "/" + rest
    return None, path


def language_redirect(request) -> http.HttpResponse | None:
    """301 for the old site's ``?lang=xx`` to the same path under the language's prefix."""
    if "lang" not in request.GET or request.method not in ("GET", "HEAD"):
        return None
    url_name = _url_name(request.path_info)
    if url_name not in PAGE_URL_NAMES:
        return None  # the API, the admin and the rest read ?lang= themselves, or ignore it
    requested = request.GET.get("lang", "").strip().lower()
    code = OLD_LANGUAGE_CODES.get(requested, requested)
    if code not in languages.CODES:
        return None  # unknown value: serve the page as it is
    _prefix, rest = split_prefix(request.path)
    rest = "/" + rest.lstrip("/")  # never "//host": that would leave the site
    target = rest if code == languages.DEFAULT else f"/{code}{rest}"
    if url_name == "search":  # its path is a word of each language: /sok/, /en/search/
        with translation.override(code):
            target = reverse("search")
    query = [(key, value) for key, value in request.GET.items() if key != "lang"]
    location = escape_uri_path(target) + (f"?{urlencode(query)}" if query else "")
    return http.HttpResponsePermanentRedirect(location)


def _url_name(path: str) -> str | None:
    try:
        return resolve(path).url_name
    except Resolver404:
        return None


def _find(request, full_path: str):
    path = Redirect.normalise_path(full_path, decode_unicode=False)
    found = wagtail_redirects.get_redirect(request, path)
    if found is None:
        bare = urlparse(path).path
        if bare != path:
            found = wagtail_redirects.get_redirect(request, bare)
    return found


class RedirectMiddleware(wagtail_redirects.RedirectMiddleware):
    """Wagtail's redirect middleware, plus language prefixes and the old ``?lang=``."""

    def process_request(self, request):
        return language_redirect(request)

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.status_code != 404:
            return response
        language, rest = split_prefix(request.path)
        if language is None:
            return response
        query = request.META.get("QUERY_STRING", "")
        redirect = _find(request, escape_uri_path(rest) + (f"?{query}" if query else ""))
        if redirect is None:
            return response
        with translation.override(language):
            link = redirect.link
        if not link:
            return response
        if redirect.is_permanent:
            return http.HttpResponsePermanentRedirect(link)
        return http.HttpResponseRedirect(link)


# Examples in the style of the old site's Norwegian addresses, pointing at the demo pages.
# The real list of old addresses is the editors' to extend (Settings → Redirects).
OLD_ADDRESSES = {
    "/avvergingsplikt": "hva-er-avvergingsplikten",
    "/hvem-har-avvergingsplikt": "hvem-har-plikten",
    "/nar-gjelder-avvergingsplikten": "nar-gjelder-plikten",
}


def seed_old_addresses(home) -> list[Redirect]:
    """Add the example old addresses once; re-running changes nothing."""
    made = []
    for old_path, slug in OLD_ADDRESSES.items():
        page = home.get_children().filter(slug_nb=slug).first()
        if page is None or Redirect.objects.filter(old_path=old_path).exists():
            continue
        made.append(Redirect.add_redirect(old_path, redirect_to=page, is_permanent=True))
    return made
