"""Query budgets: every page type renders in a small, fixed number of database queries.

A page that runs one query per item it lists gets slower as editors add content; these tests
render each page type, add more of what it shows, and require the count to stay put.
"""

import itertools

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page

from plikt import languages
from plikt.models import ContentPage
from tests.plikt.test_budgets import one_live_page_per_type

BUDGET = 5  # queries per uncached page view; what every page shows is kept by plikt.cache.shared
# Page types that need more, and why. Each reason is a fixed cost, not one per item listed.
OVER_BUDGET: dict[str, int] = {}


def queries_for(client, url: str) -> int:
    client.get(url)  # warm per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def url_of(page, code=languages.DEFAULT) -> str:
    with translation.override(code):
        return page.get_url()


def page_types():
    return sorted(one_live_page_per_type())


@pytest.mark.django_db
@pytest.mark.parametrize("code", [languages.DEFAULT, "en", "smj"])
def test_every_page_type_renders_within_the_query_budget(client, code):
    counts = {
        name: queries_for(client, url_of(page, code))
        for name, page in one_live_page_per_type().items()
    }
    over = {name: n for name, n in counts.items() if n > OVER_BUDGET.get(name, BUDGET)}
    assert not over, f"over budget in {code}: {over} (all: {counts})"


_serial = itertools.count()


def add_more_like_children(page, how_many=3):
    """Add copies of the page's first child (or new content pages): more to list."""
    child = page.get_children().live().specific().first()
    for number in range(how_many):
        slug = f"budget-extra-{next(_serial)}"
        if child is not None:
            try:
                with transaction.atomic():
                    child.copy(
                        to=page,
                        update_attrs={"slug": slug, **{f"slug_{c}": slug for c in languages.CODES}},
                        keep_live=True,
                        copy_revisions=False,
                        log_action=None,
                    )
                continue
            except Exception:  # noqa: BLE001, S110 - a type that refuses copies: add plain pages
                pass
        page.add_child(
            instance=ContentPage(
                title_nb=f"Ekstra {number}", slug=slug, slug_nb=slug, intro_nb="Mer innhold."
            )
        )


@pytest.mark.django_db
def test_query_count_does_not_grow_with_more_content(client):
    pages = one_live_page_per_type()
    before = {name: queries_for(client, url_of(page)) for name, page in pages.items()}
    # Each of these pages and each of their parents gets more children once, so every page
    # type has more to list and more siblings (a parent shared by several types, such as the
    # home page, is grown once, not once per child type).
    grow = {page.pk for page in pages.values()}
    grow |= {page.get_parent().pk for page in pages.values() if page.depth > 2}
    for pk in sorted(grow):
        add_more_like_children(Page.objects.get(pk=pk).specific)
    after = {
        name: queries_for(client, url_of(Page.objects.get(pk=p.pk))) for name, p in pages.items()
    }
    grew = {name: (before[name], after[name]) for name in pages if after[name] > before[name]}
    assert not grew, f"queries grew with content (before, after): {grew}"
