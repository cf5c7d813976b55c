"""The search page: GET /sok/?q=... in Norwegian, /en/search/ and so on.

It lives outside the page tree (a plain Django view in ``i18n_patterns``, routed before
Wagtail's catch-all), so the language is the URL prefix that LocaleMiddleware activated.
It is a GET form: no CSRF token, no session, no cookie; the page is ``noindex``.
"""

from django.core.paginator import Paginator
from django.http import HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.http import require_safe
from wagtail.models import Site

from plikt import languages, search

PER_PAGE = 10


def _page_number(raw: str | None, num_pages: int) -> int:
    """Any page parameter becomes a page that exists: junk is 1, too far is the last."""
    try:
        number = int(str(raw)[:9])
    except ValueError:
        return 1
    return min(max(number, 1), max(num_pages, 1))


def popular_pages(request):
    """The pages editors put in the menu: the site's own choice of where most readers go.

    Plikt counts no visits (no analytics, no cookies), so "popular" is an editorial choice.
    """
    site = Site.find_for_request(request)
    if site is None:
        return []
    return list(site.root_page.get_children().live().public().in_menu().specific())


@require_safe
def search_view(request):
    language = translation.get_language() or languages.DEFAULT
    query = search.clean_query(request.GET.get("q", ""))
    results, page_obj, paginator = [], None, None
    if search.query_terms(query):
        paginator = Paginator(search.search(query, language), PER_PAGE)
        page_obj = paginator.page(_page_number(request.GET.get("page"), paginator.num_pages))
        results = search.with_snippets(page_obj.object_list, query, language)
    context = {
        "query": query,
        "results": results,
        "page_obj": page_obj,
        "paginator": paginator,
        "count": paginator.count if paginator else 0,
        "page_range": (
            list(paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1))
            if page_obj
            else []
        ),
        # No results (or no query yet): the key pages. The emergency numbers are in the
        # template, and base.html shows the helplines box on every page.
        "popular_pages": [] if results else popular_pages(request),
        "meta_title": gettext("Search"),
    }
    return TemplateResponse(request, "plikt/search.html", context)


@require_safe
def to_search_view(request):
    """/search/ in a language whose word for it differs (/search/ → /sok/), query kept."""
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(reverse("search") + (f"?{query}" if query else ""))
