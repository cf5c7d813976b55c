"""Full-page cache for anonymous readers, and its invalidation.

How it works
------------
``PageCacheMiddleware`` sits right after WhiteNoise. For an anonymous ``GET`` without a query
string it looks the path up in the Django cache (Redis in production) and, on a hit, answers
without touching the session, the database or a template. On the way out it stores the
response when it is a 200 from Wagtail's page router (``wagtail_serve``) that sets no cookie
and is not marked private. Editors (anyone sending a session cookie), previews (served under
/admin/), forms and search results (query strings) are never cached.

The language lives in the URL path (/, /en/, /se/, ...), never in a header, so one path is
one page: the middleware drops Django's ``Vary: Accept-Language`` from cached pages, which
would otherwise split every cache (ours and a CDN's) by the reader's browser language.

Invalidation
------------
Every cache key carries a *generation*, a random token. Publishing, unpublishing, moving or
deleting a page, and saving or deleting any snippet (helplines, categories, ...), a site, a
redirect, an image or a document replaces it, which orphans every cached page in every
language at once (they expire on their own), and every value kept by ``shared()``.
Whole-site invalidation is deliberate: a page's title also appears in its parent's list,
breadcrumbs and the language switcher of its children, so "which pages show this?" has no
cheap exact answer, and a site this size re-renders quickly.

Full-page caching means the HTML is shared between readers: it must never carry a
per-request CSP nonce, so public pages use no inline script or style at all.

CDN
---
With ``FRONTEND_CACHE_PURGE_URL`` (an HTTP purge endpoint such as Varnish) or
``FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID`` set, ``WAGTAILFRONTENDCACHE`` is configured and
the same signals purge the page's URL in *every* language, plus its ancestors (whose lists
show its title), through ``wagtail.contrib.frontend_cache``'s ``PurgeBatch``. The app itself is
not installed: its own handlers would purge only the default-language URL.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save, pre_delete
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from plikt import languages

GENERATION_KEY = "plikt:page-cache:generation"
CACHE_ALIAS = "default"
# Headers worth replaying from a stored page; the rest are added by outer middleware.
_STORED_HEADERS = ("Content-Type", "Content-Language", "Vary", "Cache-Control", "X-Robots-Tag")


def _cache():
    return caches[CACHE_ALIAS]


def _seconds() -> int:
    return settings.PLIKT_PAGE_CACHE_SECONDS


def enabled() -> bool:
    return _seconds() > 0


class _RequestMemo(threading.local):
    """What this thread has read of the shared cache during the current request."""

    in_request = False
    generation: str | None = None


_request = _RequestMemo()
# Values derived from the database, per process, for one generation at a time (see shared()).
_shared_values: dict = {"generation": None, "values": {}}
# A clear() this process could not store because the cache was unreachable.
_pending = {"clear": False}
# While the cache is unreachable: this process's own generation, and until when it holds.
OUTAGE_GENERATION_SECONDS = 10
_outage: dict = {"generation": None, "until": 0.0}


def _request_started(**kwargs):
    _request.in_request, _request.generation = True, None


def _request_finished(**kwargs):
    _request.in_request, _request.generation = False, None


def generation() -> str:
    """The current generation; read once per request, since one request shows one state.

    While the cache is unreachable (its backend answers as an empty cache would, see
    plikt/cache_backends.py) no process can announce a change to the others, so this
    process makes generations of its own, each good for ``OUTAGE_GENERATION_SECONDS`` or until
    a change made here: what every page shows is read again from the database that often,
    rather than on every request, which would slow every page down just when the site can
    least afford it.
    """
    if _request.in_request and _request.generation is not None:
        return _request.generation
    value = _cache().get_or_set(GENERATION_KEY, _new_generation, timeout=None)
    if _is_down():
        value = _outage_generation()
    elif _pending["clear"]:
        clear()
        value = _cache().get_or_set(GENERATION_KEY, _new_generation, timeout=None)
    if _request.in_request:
        _request.generation = value
    return value


def _outage_generation() -> str:
    now = time.monotonic()
    if _outage["generation"] is None or now >= _outage["until"]:
        _outage.update(generation=_new_generation(), until=now + OUTAGE_GENERATION_SECONDS)
    return _outage["generation"]


def _new_generation() -> str:
    # Random rather than counted: if the cache loses the key (a restart, an eviction), a
    # fresh start can never repeat a generation some process still holds values for.
    return secrets.token_hex(8)


def clear() -> None:
    """Forget every cached page in every language (cheaply: a new key generation).

    A change made while the cache is unreachable (a publish during a Redis outage or a network
    split) cannot replace the generation; this process does it as soon as the cache answers
    again, or pages cached before the change would come back with it.
    """
    _cache().set(GENERATION_KEY, _new_generation(), timeout=None)
    _pending["clear"] = _is_down()
    _outage["generation"] = None
    _request.generation = None


def _is_down() -> bool:
    # Only plikt.cache_backends' backends know (LocMem, in the tests, cannot fail).
    return getattr(_cache(), "is_down", False)


def shared(name: str, compute):
    """``compute()``, kept in this process until the content changes (the next generation).

    For what every page shows and every reader shares: the site, its root paths, the
    helplines, the home page's sections, the footer's links. The generation lives in the
    shared cache, so a publish on any server reaches every process at its next request; the
    values themselves stay in process memory, because unpickling them from Redis on every
    request would cost about what computing them does. Treat what comes back as read-only.
    """
    gen = generation()
    if _shared_values["generation"] != gen:
        _shared_values.update(generation=gen, values={})
    values = _shared_values["values"]
    try:
        return values[name]
    except KeyError:
        values[name] = value = compute()
        return value


def _key(request, gen: str) -> str:
    raw = f"{request.get_host()}{request.path}".encode()
    return f"plikt:page:{gen}:{hashlib.sha256(raw).hexdigest()}"


def _may_use_cache(request) -> bool:
    return (
        enabled()
        and request.method == "GET"
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _may_store(request, response) -> bool:
    match = getattr(request, "resolver_match", None)
    cache_control = response.get("Cache-Control", "")
    return (
        match is not None
        and match.url_name == "wagtail_serve"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not getattr(request, "is_preview", False)
        and "private" not in cache_control
        and "no-store" not in cache_control
        and "no-cache" not in cache_control
    )


def _drop_accept_language(response) -> None:
    vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
    kept = [v for v in vary if v.lower() != "accept-language"]
    if kept:
        response["Vary"] = ", ".join(kept)
    elif "Vary" in response:
        del response["Vary"]


class PageCacheMiddleware:
    """Serve anonymous page views from the cache; store the ones Wagtail rendered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_use_cache(request):
            return self.get_response(request)
        gen = generation()
        key = _key(request, gen)
        stored = _cache().get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            # What CommonMiddleware (inside this one) adds to a fresh render; the security
            # headers come from the middleware outside, on hits and misses alike.
            response["Content-Length"] = str(len(content))
            response["X-Page-Cache"] = "hit"
            return response

        response = self.get_response(request)
        if _may_store(request, response):
            _drop_accept_language(response)
            # Browsers keep a page a minute; a CDN as long as we do (it is purged on publish).
            patch_cache_control(response, public=True, max_age=60, s_maxage=_seconds())
            headers = [(h, response[h]) for h in _STORED_HEADERS if h in response]
            _cache().set(key, (response.content, headers), timeout=_seconds())
            response["X-Page-Cache"] = "miss"
        return response


# --- CDN purge ---------------------------------------------------------------------------
def _urls_in_every_language(page) -> list[str]:
    from plikt.templatetags.plikt_tags import page_url_in

    site_root = page.get_site()
    base = site_root.root_url if site_root else ""
    urls = []
    for code in languages.CODES:
        path = page_url_in(page, code)
        if path:
            urls.append(path if path.startswith("http") else f"{base}{path}")
    return urls


def purge_frontend(page) -> None:
    """Purge the page and its ancestors in every language from the CDN, if one is set up."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    for each in [*page.get_ancestors().filter(depth__gt=1).specific(), page]:
        batch.add_urls(_urls_in_every_language(each))
    batch.purge()


def live_page_urls() -> list[str]:
    """Every live page's URL in every language (for purging a CDN of everything)."""
    urls = []
    for page in Page.objects.live().filter(depth__gt=1).specific().iterator():
        urls += _urls_in_every_language(page)
    return urls


def forget_everything(old_urls=()) -> None:
    """After the database was replaced (``make restore``): forget every trace of the old state.

    Every cache is emptied (cached pages, wagtail-modeltranslation's root paths, anything
    else), the generation is replaced so that every process drops the values ``shared()``
    keeps at its next request, and a configured CDN is purged of every live page in every
    language, and of ``old_urls``: the pages live before the restore, some of which it took
    away. Unlike the rest of this module, an unreachable cache is an error here: a restore
    that cannot forget the old pages must say so.
    """
    for alias in settings.CACHES:
        caches[alias].clear()
    clear()
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        from wagtail.contrib.frontend_cache.utils import PurgeBatch

        batch = PurgeBatch()
        batch.add_urls(dict.fromkeys([*old_urls, *live_page_urls()]))
        batch.purge()


# --- Signal handlers ---------------------------------------------------------------------
def _on_page_change(sender, instance, **kwargs):
    clear()
    purge_frontend(instance)


def _on_page_deleting(sender, instance, **kwargs):
    # Its URLs can still be worked out before the row goes.
    if isinstance(instance, Page):
        purge_frontend(instance)


def _on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        clear()


def _on_page_saved(sender, instance, update_fields=None, **kwargs):
    # A plain save() of a live page (scripts, data loads) changes what readers see;
    # publishing is handled by page_published.
    if isinstance(instance, Page) and instance.live and update_fields is None:
        clear()


def _shown_on_pages(model) -> bool:
    """Models whose rows change public pages: every snippet, sites, redirects, media, and
    the privacy restrictions that decide who may see a page."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import PageViewRestriction, Site
    from wagtail.snippets.models import get_snippet_models

    return (
        model in get_snippet_models()
        or model
        in (
            Site,
            PageViewRestriction,
            get_image_model(),
            get_document_model(),
        )
        or model._meta.label == "wagtailredirects.Redirect"
    )


def _on_model_change(sender, instance, **kwargs):
    if isinstance(instance, Page):
        return
    if _shown_on_pages(sender):
        clear()


def connect_signals() -> None:
    """Called from PliktConfig.ready()."""
    request_started.connect(_request_started, dispatch_uid="plikt-cache-request-started")
    request_finished.connect(_request_finished, dispatch_uid="plikt-cache-request-finished")
    page_published.connect(_on_page_change, dispatch_uid="plikt-cache-published")
    page_unpublished.connect(_on_page_change, dispatch_uid="plikt-cache-unpublished")
    post_page_move.connect(_on_page_change, dispatch_uid="plikt-cache-moved")
    pre_delete.connect(_on_page_deleting, dispatch_uid="plikt-cache-page-deleting")
    post_delete.connect(_on_page_deleted, dispatch_uid="plikt-cache-page-deleted")
    post_save.connect(_on_page_saved, dispatch_uid="plikt-cache-page-saved")
    post_save.connect(_on_model_change, dispatch_uid="plikt-cache-model-saved")
    post_delete.connect(_on_model_change, dispatch_uid="plikt-cache-model-deleted")
