"""The public site's URLs, found at test time (shared by the privacy, security and fuzz suites).

Every live page in every language comes from the page tree; routes outside it come from the
URLconf, so a view someone adds later is crawled without editing these tests.

Scope of the crawl: ``make test`` crawls one live page of each page type in all five
languages, every public route of the URLconf in all five languages, every GET form reachable
from them, and a page's links to its own steps (the self-check). ``PLIKT_A11Y_FULL=1`` (set by
.ci/run, which also widens the browser audit) crawls every live page in all five languages.
"""

import io
import logging
import os
from urllib.parse import urlencode, urljoin, urlsplit

from bs4 import BeautifulSoup
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from plikt import languages

# URL prefixes that are not for readers.
NOT_PUBLIC = ("admin/", "documents/", "django-admin/")


def full_scope() -> bool:
    return os.environ.get("PLIKT_A11Y_FULL") == "1"


def live_page_urls(one_per_type=False):
    """Every live page's URL in all five languages (a page falls back to nb when untranslated).

    ``one_per_type``: only the first live page (in tree order) of each page type."""
    from wagtail.models import Page

    urls = set()
    types_seen = set()
    for page in Page.objects.live().filter(depth__gt=1).order_by("path").specific():
        if one_per_type:
            if type(page) in types_seen:
                continue
            types_seen.add(type(page))
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


def public_urls(one_per_type=False):
    urls = live_page_urls(one_per_type) + static_routes()
    return [url for url in urls if not any(part in url for part in NOT_FOR_ANONYMOUS_READERS)]


def form_submissions(soup, page_url, fill=SECRET):
    """The URLs a reader reaches by submitting each GET form on the page (a parsed page) with
    plausible input: text fields get ``fill``, radios/selects their first choice, hidden fields
    their value."""
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


def same_page_steps(soup, page_url):
    """Links from a page to itself with a query string: the self-check's "Start now" and
    "Back" links, which lead into its steps without a form."""
    path = urlsplit(page_url).path
    for link in soup.find_all("a", href=True):
        target = urlsplit(urljoin(page_url, link["href"]))
        if target.path == path and target.query and not target.netloc:
            yield f"{target.path}?{target.query}"


def crawl(client, soups=None):
    """(url, response) for every public URL and the GET forms reachable from them.

    Each HTML response is parsed once; pass a dict as ``soups`` to keep the parsed pages.
    Without ``PLIKT_A11Y_FULL=1``, one page of each type stands for the others of its type."""
    seen = set()
    queue = [(url, 0) for url in public_urls(one_per_type=not full_scope())]
    while queue:
        url, depth = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        yield url, response
        if "html" in response.get("Content-Type", ""):
            soup = BeautifulSoup(response.content, "lxml")
            if soups is not None:
                soups[url] = soup
            if depth < FORM_STEPS:
                for submitted in form_submissions(soup, url):
                    queue.append((submitted, depth + 1))
                for step in same_page_steps(soup, url):
                    queue.append((step, depth + 1))


class CrawlResult:
    """What one anonymous reader saw crawling the site, and what the logs said meanwhile."""

    def __init__(self, responses, soups, log_text, reader):
        self.responses = responses  # [(url, response)] in crawl order
        self.soups = soups  # {url: BeautifulSoup} for every HTML response, parsed once
        self.log_text = log_text
        self.reader = reader
        self.live = set(live_page_urls())

    def pages(self):
        """(url, response) for the live pages themselves, without form submissions."""
        return [(url, response) for url, response in self.responses if url in self.live]

    def soup(self, url):
        """The page at ``url`` as the crawl parsed it (read-only: shared by every test)."""
        return self.soups[url]


_crawl_memo = {}


def crawl_once():
    """Crawl the public site once per test session and share the result.

    The privacy and security suites assert different things about the same few hundred
    responses; rendering and parsing them once keeps ``make test`` fast. Tests only read the
    demo site, which every test starts from, so one crawl stands for all of them. Under
    pytest-xdist (``make test``) the modules that use it run in one worker (``SHARED_WORKER``
    in tests/conftest.py), so the site is still crawled once per run.
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
            soups = {}
            responses = list(crawl(reader, soups))
        finally:
            for handler, stream in zip(handlers, old, strict=True):
                handler.setStream(stream)
        _crawl_memo["result"] = CrawlResult(responses, soups, buffer.getvalue(), reader)
    return _crawl_memo["result"]
