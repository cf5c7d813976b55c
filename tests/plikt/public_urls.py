"""The public site's URLs, found at test time (shared by the privacy, security and fuzz suites).

Every live page in every language comes from the page tree; routes outside it come from the
URLconf, so a view someone adds later is crawled without editing these tests.
"""

import io
import logging
from urllib.parse import urlencode, urljoin, urlsplit

from bs4 import BeautifulSoup
from django.test import Client
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


SECRET = "hemmeligord"  # a search word / answer that must never reach a log
FORM_STEPS = 4  # how far multi-step GET forms (the self-check) are followed

# Wagtail's login form for password-protected pages: signing in there needs a cookie.
NOT_FOR_ANONYMOUS_READERS = ("/_util/",)


def public_urls():
    urls = live_page_urls() + static_routes()
    return [url for url in urls if not any(part in url for part in NOT_FOR_ANONYMOUS_READERS)]


def form_submissions(html, page_url, fill=SECRET):
    """The URLs a reader reaches by submitting each GET form on the page with plausible input:
    text fields get ``fill``, radios/selects their first choice, hidden fields their value."""
    soup = BeautifulSoup(html, "html.parser")
    for form in soup.find_all("form"):
        if (form.get("method") or "get").lower() != "get":
            continue
        values = []
        seen_radio = set()
        for field in form.find_all(["input", "select", "textarea"]):
            name = field.get("name")
            if not name:
                continue
            kind = (field.get("type") or "text").lower()
            if field.name == "select":
                option = field.find("option")
                values.append((name, option.get("value", option.text) if option else ""))
            elif kind in ("radio",):
                if name not in seen_radio:
                    seen_radio.add(name)
                    values.append((name, field.get("value", "on")))
            elif kind == "checkbox":
                values.append((name, field.get("value", "on")))
            elif kind in ("hidden",):
                values.append((name, field.get("value", "")))
            elif kind in ("submit", "button", "image", "reset"):
                continue
            else:
                values.append((name, fill))
        action = urljoin(page_url, form.get("action") or page_url)
        yield urlsplit(action).path + "?" + urlencode(values)


def crawl(client):
    """(url, response) for every public URL and the GET forms reachable from them."""
    seen = set()
    queue = [(url, 0) for url in public_urls()]
    while queue:
        url, depth = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        yield url, response
        if depth < FORM_STEPS and "html" in response.get("Content-Type", ""):
            for submitted in form_submissions(response.content.decode(), url):
                queue.append((submitted, depth + 1))


class CrawlResult:
    """What one anonymous reader saw crawling the site, and what the logs said meanwhile."""

    def __init__(self, responses, log_text, reader):
        self.responses = responses  # [(url, response)] in crawl order
        self.log_text = log_text
        self.reader = reader

    def pages(self):
        """(url, response) for the live pages themselves, without form submissions."""
        live = set(live_page_urls())
        return [(url, response) for url, response in self.responses if url in live]


_crawl_memo = {}


def crawl_once():
    """Crawl the public site once per test session and share the result.

    The privacy and security suites assert different things about the same few hundred
    responses; rendering them once keeps ``make test`` fast. Tests only read the demo site,
    which every test starts from, so one crawl stands for all of them.
    """
    if "result" not in _crawl_memo:
        from plikt.logging import StripQueryStringFilter

        handlers = [
            handler
            for handler in logging.getLogger().handlers
            if any(isinstance(f, StripQueryStringFilter) for f in handler.filters)
        ]
        buffer = io.StringIO()
        old = [handler.setStream(buffer) for handler in handlers]
        try:
            reader = Client()
            responses = list(crawl(reader))
        finally:
            for handler, stream in zip(handlers, old, strict=True):
                handler.setStream(stream)
        _crawl_memo["result"] = CrawlResult(responses, buffer.getvalue(), reader)
    return _crawl_memo["result"]
