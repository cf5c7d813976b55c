"""The public site's URLs, found at test time (shared by the privacy, security and fuzz suites).

Every live page in every language comes from the page tree; routes outside it come from the
URLconf, so a view someone adds later is crawled without editing these tests.
"""

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from plikt import languages

# URL prefixes that are not for readers.
NOT_PUBLIC = ("admin/", "documents/", "django-admin/")


def live_page_urls():
    """Every live page's URL in all five languages (a page falls back to nb when untranslated)."""
    from wagtail.models import Page

    urls = set()
    for page in Page.objects.live().filter(depth__gt=1).specific():
        for code in languages.CODES:
            with translation.override(code):
                url = page.get_url()
            if url:
                urls.add(url)
    return sorted(urls)


def _piece(pattern):
    # path() and re_path() pieces mix (Wagtail's API router is regex under a path()):
    # regex anchors mean nothing once the pieces are joined.
    text = str(pattern)
    return text.removeprefix("^").removesuffix("$") if text != "^$" else ""


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + _piece(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + _piece(entry.pattern), entry


def static_routes():
    """Public URLconf routes without parameters (search, API listings, sitemap, healthz ...)."""
    routes = set()
    for code in languages.CODES:
        with translation.override(code):
            for pattern, _entry in _walk(get_resolver().url_patterns):
                # i18n_patterns resolvers render their prefix per active language.
                if any(char in pattern for char in "<(^$*?\\[") or pattern.startswith(NOT_PUBLIC):
                    continue
                if "/admin/" in pattern or "documents/" in pattern:
                    continue
                routes.add("/" + pattern)
    return sorted(routes)


def parametrised_routes():
    """Route patterns that take parameters, as regex/route strings (for the fuzzer)."""
    found = []
    for pattern, entry in _walk(get_resolver().url_patterns):
        if pattern.startswith(NOT_PUBLIC) or "/admin/" in pattern:
            continue
        if "<" in pattern or "(" in pattern:
            found.append((pattern, entry))
    return found
