"""What every page shows is read once per content change, not once per request, and never
goes stale: the one-query router, the kept site and root paths, the privacy check, and
``plikt.cache.shared`` itself (see plikt/routing.py and plikt/cache.py)."""

import pytest
from django.http import Http404
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site
from wagtail_modeltranslation import patch_wagtailadmin

from plikt import cache, languages, routing
from plikt.models import ContentPage

pytestmark = pytest.mark.django_db


def outcome(route, root, components):
    """The page a router finds for the path, or "404"."""
    try:
        result = route(root, RequestFactory().get("/"), list(components))
    except Http404:
        return "404"
    return result.page.pk


def test_the_one_query_router_finds_what_step_by_step_routing_finds_in_every_language():
    """Every live page's path in every language (its own slugs and, to be sure, the
    Norwegian ones under other prefixes) routes to the same page, or the same 404, as
    wagtail-modeltranslation's step-by-step routing."""
    site = Site.objects.get(is_default_site=True)
    root = site.root_page.specific
    pages = list(Page.objects.live().descendant_of(root).specific())
    assert len(pages) > 20, "the demo content should give a real tree to route through"
    compared = 0
    for code in languages.CODES:
        with translation.override(code):
            for page in pages:
                # A page without its own slug in this language has the Norwegian path twice:
                # one route each (the same path, routed again, cannot give anything new).
                paths = {
                    getattr(page, f"url_path_{language}") or page.url_path
                    for language in (code, languages.DEFAULT)
                }
                for url_path in paths:
                    components = url_path[len(root.url_path) :].strip("/").split("/")
                    expected = outcome(patch_wagtailadmin._new_route, root, components)
                    assert outcome(routing.route, root, components) == expected, (code, url_path)
                    compared += 1
            for components in (["no-such-page"], ["lovbrudd", "no-such-offence"]):
                expected = outcome(patch_wagtailadmin._new_route, root, components)
                assert outcome(routing.route, root, components) == expected == "404"
    assert compared >= len(pages) * len(languages.CODES)


def test_a_page_without_its_own_sami_slug_is_reached_by_the_norwegian_one(client):
    page = ContentPage.objects.get(slug_nb="hvem-har-plikten")
    assert not page.slug_se
    response = client.get("/se/hvem-har-plikten/")
    assert response.status_code == 200
    assert response.context["page"].pk == page.pk


def test_an_english_page_is_not_reached_by_its_norwegian_slug(client):
    assert client.get("/en/who-has-the-duty/").status_code == 200
    assert client.get("/en/hvem-har-plikten/").status_code == 404


def test_a_privacy_restriction_applies_from_the_next_request(client):
    page = ContentPage.objects.get(slug_nb="hvem-har-plikten")
    assert client.get("/hvem-har-plikten/").status_code == 200  # "no restrictions" is now kept

    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get("/hvem-har-plikten/")
    assert response.status_code == 302 and "login" in response["Location"]

    restriction.delete()
    assert client.get("/hvem-har-plikten/").status_code == 200


def test_a_new_section_shows_on_the_home_page_at_once(client, home):
    client.get("/")  # keep the sections as they are now
    section = ContentPage(title="Ny seksjon", slug="ny-seksjon", show_in_menus=True)
    home.add_child(instance=section)
    section.save_revision().publish()
    assert "Ny seksjon" in client.get("/").content.decode()


def test_shared_values_follow_a_change_made_by_another_server(client):
    """Another process publishes: it only replaces the generation in the shared cache."""
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    client.get("/")  # a request starts and ends; values are kept between requests
    assert cache.shared("test-value", compute) == 1
    assert cache.shared("test-value", compute) == 1
    cache._cache().set(cache.GENERATION_KEY, "from-another-server", timeout=None)
    client.get("/")
    assert cache.shared("test-value", compute) == 2


def test_one_request_sees_one_generation():
    """Within a request the generation is read once; a change made by another server shows
    from the next request on, so one page never mixes two states of the content."""
    from django.core.signals import request_finished, request_started

    request_started.send(sender=None)
    try:
        before = cache.generation()
        cache._cache().set(cache.GENERATION_KEY, "from-another-server", timeout=None)
        assert cache.generation() == before
    finally:
        request_finished.send(sender=None)
    assert cache.generation() == "from-another-server"


def test_a_renamed_site_hostname_is_used_from_the_next_request(client, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "plikt.example"]
    site = Site.objects.get(is_default_site=True)
    assert client.get("/").status_code == 200
    site.is_default_site = False
    site.hostname = "plikt.example"
    site.save()
    # No site for "testserver" any more: Wagtail answers 404, not the kept old site.
    assert client.get("/").status_code == 404
    assert client.get("/", HTTP_HOST="plikt.example").status_code == 200
