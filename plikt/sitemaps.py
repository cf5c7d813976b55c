"""sitemap.xml: every live public page in every language it is really translated into.

Wagtail's own sitemap (``wagtail.contrib.sitemaps``) lists one URL per page and no hreflang,
so this uses Django's ``Sitemap`` with its i18n switches instead: ``i18n`` makes one entry per
(page, language), ``get_languages_for_item`` limits those to real translations (the same
answer the hreflang links in the page head give), ``alternates`` adds an ``xhtml:link
hreflang`` per translation and ``x_default`` one for the Norwegian page.
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from plikt import languages
from plikt.i18n.fallback import translated_languages
from plikt.templatetags.plikt_tags import page_url_in


class PageSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def __init__(self, request=None):
        self.request = request

    def items(self):
        pages = Page.objects.live().public().filter(depth__gt=1)
        site = Site.find_for_request(self.request) if self.request else None
        if site is not None:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        return list(pages.order_by("path").specific())

    def get_languages_for_item(self, item):
        return translated_languages(item)

    def location(self, item):
        # Django activates the entry's language first, so this is the path under its prefix.
        language = translation.get_language() or languages.DEFAULT
        return page_url_in(item, language, self.request)

    def lastmod(self, item):
        return item.last_published_at or item.latest_revision_created_at


@require_safe
def sitemap_view(request):
    return sitemap(request, sitemaps={"pages": PageSitemap(request)})


@require_safe
def robots_txt(request):
    """Crawlers: the sitemap's absolute address; no search results (any language), no admin."""
    search_paths = []
    for code in languages.CODES:
        with translation.override(code):
            search_paths.append(reverse("search"))
    return render(
        request,
        "robots.txt",
        {
            "sitemap_url": request.build_absolute_uri(reverse("sitemap")),
            "disallow": [*search_paths, "/admin/"],
        },
        content_type="text/plain; charset=utf-8",
    )
