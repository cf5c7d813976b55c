from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from offences.api import api_router
from plikt import errors, sitemaps, views, views_search
from plikt.security_txt import security_txt

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path(".well-known/security.txt", security_txt, name="security_txt"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),  # read-only catalogue; language from ?lang=
    path("sitemap.xml", sitemaps.sitemap_view, name="sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
    # Look at the error pages as readers see them (DEBUG shows Django's own pages instead).
    urlpatterns += [
        path("test404", errors.test404),
        path("test500", errors.test500),
        path("test503", errors.test503),
    ]

# Norwegian lives at /, the other languages under /en/, /se/, /sma/ and /smj/.
# The search page's path is a word of each language (/sok/, /en/search/): a translated URL
# pattern. The Sámi catalogs leave it untranslated, so it falls back to the Norwegian word.
# "search/" in a language whose word differs answers with a redirect to that word.
urlpatterns += i18n_patterns(
    # Translators: the search page's address; lower-case ASCII letters ending in "/".
    path(_("search/"), views_search.search_view, name="search"),  # before Wagtail's catch-all
    path("search/", views_search.to_search_view, name="search_alias"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = errors.not_found  # JSON under /api/
handler500 = errors.server_error  # renders without the database (a 503 in an outage)
