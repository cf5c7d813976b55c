"""Serving a page cheaply: finding it, its site, its URLs, its ancestors and restrictions.

Upstream costs worth avoiding on every uncached page view:

* wagtail-modeltranslation routes a request one path segment at a time and, at each level,
  loads *every* child page to compare slugs in Python: /lovbrudd/straffeloven-111/ read all
  51 offences to find one. ``route_from`` asks for the page by its URL path in the active
  language instead (modeltranslation keeps ``url_path_<code>`` for every language, filling an
  untranslated slug from Norwegian), and falls back to the step-by-step route whenever that
  finds nothing, so an unusual tree still routes exactly as before.
* Wagtail keeps the site root paths on the request for one language only, and
  modeltranslation reads them from the cache again whenever the language differs. The
  language switcher and the hreflang links ask for a page's URL in all five languages, so a
  page cost a dozen cache round trips. ``get_site_root_paths`` keeps every language's copy
  with ``plikt.cache.shared``, as ``find_site`` keeps the site.
* Breadcrumbs read a page's ancestors on every view; ``ancestors`` keeps them per parent.
* Wagtail checks every page view for privacy restrictions on the page and its ancestors (two
  queries). ``get_view_restrictions`` first asks whether the site has any restriction at
  all, an answer kept until a restriction is added or removed (a new generation).
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction, Site
from wagtail_modeltranslation import patch_wagtailadmin

from plikt import cache, languages


def route_from(root, request, path_components: list[str]):
    """The ``RouteResult`` for ``path_components`` below ``root`` in the active language, or
    None when the URL path finds no page (the caller then routes step by step)."""
    if path_components and not isinstance(root, RoutablePageMixin):
        language = translation.get_language() or languages.DEFAULT
        field = f"url_path_{language}" if language in languages.CODES else "url_path"
        root_path = getattr(root, field, None) or root.url_path
        wanted = root_path + "/".join(path_components) + "/"
        found = (
            Page.objects.filter(path__startswith=root.path, **{field: wanted})
            .order_by("path")
            .values_list("pk", "content_type_id", "depth")
            .first()
        )
        if found is not None:
            pk, content_type_id, depth = found
            # The page's own type straight away: one wide row read, not a Page row and then
            # the specific one, as ``Page.specific`` would do.
            model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
            try:
                target = model._default_manager.get(pk=pk)
            except model.DoesNotExist:  # no row of its own type: Wagtail serves the plain page
                target = Page.objects.get(pk=pk)
            if depth == root.depth + 1:
                target._cached_parent_obj = root  # treebeard's get_parent() reads it
            return target.route(request, [])
    return None


def get_site_root_paths(self, request=None):
    """Wagtail's ``Page._get_site_root_paths``, for the active language, kept per generation."""
    language = translation.get_language()
    paths = cache.shared(
        f"site-root-paths:{language}", patch_wagtailadmin._localized_site_get_site_root_paths
    )
    # Where Wagtail's own code (the redirects app's move handler) looks for them.
    holder = request if request is not None else self
    holder._wagtail_cached_site_root_paths = paths
    holder._wagtail_cached_site_root_paths_language = language
    return paths


def find_site(request):
    """``Site.find_for_request`` without a query per request in the usual case of one site.

    Sites change rarely, and saving one (or publishing its root page) starts a new
    generation. With several sites, Wagtail's own hostname matching runs as before.
    """
    sites = cache.shared("sites", lambda: list(Site.objects.select_related("root_page")[:2]))
    if len(sites) == 1:
        site = sites[0]
        hostname = split_domain_port(request._get_raw_host())[0]
        if site.is_default_site or site.hostname == hostname:
            return site
    return Site._find_for_request(request)


def ancestors(page) -> list:
    """The page's ancestors from the home page down (breadcrumbs, "back to the index").

    Kept per parent until the content changes: every page under one parent shares them.
    """
    parent_path = page.path[: -page.steplen]
    return cache.shared(
        f"ancestors:{parent_path}", lambda: list(page.get_ancestors().filter(depth__gt=1))
    )


_wagtail_get_view_restrictions = Page.get_view_restrictions


def get_view_restrictions(self):
    if not cache.shared("any-view-restriction", PageViewRestriction.objects.exists):
        return PageViewRestriction.objects.none()
    return _wagtail_get_view_restrictions(self)


def route(self, request, path_components):
    found = route_from(self, request, path_components)
    if found is not None:
        return found
    return patch_wagtailadmin._new_route(self, request, path_components)


def install() -> None:
    """Replace two of wagtail-modeltranslation's per-model patches on every page model, and
    Wagtail's restriction lookup. Called from PliktConfig.ready(); modeltranslation sets its
    patches on each model it registers."""
    Page.get_view_restrictions = get_view_restrictions
    for model in apps.get_models():
        if issubclass(model, Page):
            model.route = route
            model._get_site_root_paths = get_site_root_paths
