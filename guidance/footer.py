"""The footer's links to the pages about the site: about, accessibility, privacy, questions.

The pages are ordinary content pages directly below the home page (``guidance/demo.py`` seeds
them). The footer finds them by their Norwegian slug, which is the page's stable name: other
languages' slugs are translations of it, and changing it would break every link to the page
anyway. A page that is missing, unpublished or private is simply left out, so the footer
never shows a broken link. Nothing to configure, no migration, no editor setting to forget.

Cost: the lookup runs once per content change (``plikt.cache.shared``: every publish,
unpublish, move or delete of a page, and every privacy restriction, starts anew). A warm
request therefore makes no query for the footer; the URLs are then worked out per request
in the active language (``{% pageurl %}``, translated slugs), also without queries.
"""

from wagtail.models import Page, Site

from plikt import cache

# Norwegian slugs, in the order the footer lists them.
SLUGS = ("om-nettstedet", "tilgjengelighet", "personvern", "sporsmal-og-svar")


def _lookup(site) -> list[Page]:
    found = {
        page.slug_nb: page
        for page in Page.objects.child_of(site.root_page).filter(slug_nb__in=SLUGS).live().public()
    }
    return [found[slug] for slug in SLUGS if slug in found]


def footer_pages(request=None) -> list[Page]:
    """The footer's pages for the request's site, in ``SLUGS`` order (cached)."""
    # Wagtail has already found the site for a page view (request._wagtail_site): no query.
    site = Site.find_for_request(request)

    def lookup():
        found = site or Site.objects.filter(is_default_site=True).first()
        return _lookup(found) if found else []

    return cache.shared(f"footer-pages:{site.pk if site else 'default'}", lookup)
