"""The full-page cache: what is served from it, what never is, and what clears it."""

import os

import pytest
from django.test import override_settings
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import Page

from plikt import cache, languages
from plikt.models import ContentPage

PAGE_NB = "/hvem-har-plikten/"
PAGE_EN = "/en/who-has-the-duty/"


@pytest.fixture
def page_cache(settings, db):
    settings.PLIKT_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def duty_page(db):
    return ContentPage.objects.get(slug_nb="hvem-har-plikten")


def publish(page, **fields):
    page = page.specific
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def test_second_anonymous_view_comes_from_the_cache_without_queries(
    client, page_cache, django_assert_num_queries
):
    first = client.get(PAGE_NB)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(PAGE_NB)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Language"] == "nb"


def test_cached_page_suits_a_cdn_sets_no_cookie_and_does_not_vary_on_browser_language(
    client, page_cache
):
    for response in (client.get(PAGE_EN), client.get(PAGE_EN)):
        assert "public" in response["Cache-Control"]
        assert "s-maxage=300" in response["Cache-Control"]
        assert "accept-language" not in response.get("Vary", "").lower()
        assert not response.cookies
    assert response.headers.get("Content-Security-Policy")  # still sent on a cache hit


def test_publishing_a_change_shows_at_once_in_every_language(client, page_cache, duty_page):
    for url in (PAGE_NB, PAGE_EN, "/se/hvem-har-plikten/"):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"

    publish(duty_page, title_nb="Hvem har plikten nå?", title_en="Who has the duty now?")

    assert "Hvem har plikten nå?" in client.get(PAGE_NB).content.decode()
    assert "Who has the duty now?" in client.get(PAGE_EN).content.decode()
    # The Sámi page falls back to the new Norwegian title.
    assert "Hvem har plikten nå?" in client.get("/se/hvem-har-plikten/").content.decode()


def test_the_home_page_list_shows_a_renamed_section_at_once(client, page_cache, duty_page):
    client.get("/en/")
    publish(duty_page, title_en="Renamed in English")
    assert "Renamed in English" in client.get("/en/").content.decode()


def test_unpublished_page_is_gone_from_the_cache(client, page_cache, duty_page):
    client.get(PAGE_EN)
    duty_page.unpublish()
    assert client.get(PAGE_EN).status_code == 404
    assert client.get(PAGE_NB).status_code == 404


def test_moved_page_is_served_at_its_new_address_only(client, page_cache, duty_page):
    other = ContentPage.objects.get(slug_nb="hva-er-avvergingsplikten")
    client.get(PAGE_NB)
    duty_page.move(other, pos="last-child")
    old = client.get(PAGE_NB)
    assert old.status_code in (301, 404)  # a redirect to the new place, or gone
    assert old.get("X-Page-Cache") != "hit"
    assert client.get(f"/hva-er-avvergingsplikten{PAGE_NB}").status_code == 200


def test_deleted_page_is_gone_from_the_cache(client, page_cache, duty_page):
    client.get(PAGE_EN)
    duty_page.delete()
    assert client.get(PAGE_EN).status_code == 404


def test_saving_a_snippet_clears_the_page_cache(page_cache, db):
    from wagtail.snippets.models import get_snippet_models

    rows = [m.objects.first() for m in get_snippet_models() if not issubclass(m, Page)]
    rows = [row for row in rows if row is not None]
    if not rows:
        pytest.skip("no snippet rows exist yet (helplines and categories come with their apps)")
    before = cache.generation()
    rows[0].save()
    assert cache.generation() != before


def test_saving_the_site_clears_the_page_cache(client, page_cache, db):
    from wagtail.models import Site

    client.get(PAGE_NB)
    before = cache.generation()
    Site.objects.get(is_default_site=True).save()
    assert cache.generation() != before
    assert client.get(PAGE_NB)["X-Page-Cache"] == "miss"


def test_logged_in_editor_never_gets_or_fills_the_cache(client, admin_client, page_cache):
    client.get(PAGE_NB)  # anonymous fills the cache
    editor_view = admin_client.get(PAGE_NB)
    assert "X-Page-Cache" not in editor_view
    assert "public" not in editor_view.get("Cache-Control", "")


def test_query_strings_and_other_methods_bypass_the_cache(client, page_cache):
    client.get(f"{PAGE_NB}?q=x")
    assert "X-Page-Cache" not in client.get(f"{PAGE_NB}?q=x")
    assert "X-Page-Cache" not in client.head(PAGE_NB)


def test_not_found_and_admin_pages_are_never_stored(client, page_cache):
    client.get("/no-such-page/")
    assert "X-Page-Cache" not in client.get("/no-such-page/")
    client.get("/admin/login/")
    assert client.get("/admin/login/").get("X-Page-Cache") is None


def test_a_zero_lifetime_switches_the_page_cache_off(client, settings, db):
    settings.PLIKT_PAGE_CACHE_SECONDS = 0
    client.get(PAGE_NB)
    assert "X-Page-Cache" not in client.get(PAGE_NB)


class RecordingBackend(BaseBackend):
    """A CDN stand-in that remembers what it was asked to purge."""

    purged: list[str] = []

    def purge(self, url):
        self.purged.append(url)


@pytest.fixture
def frontend_cache():
    RecordingBackend.purged = []
    config = {"default": {"BACKEND": "tests.plikt.test_cache.RecordingBackend"}}
    with override_settings(WAGTAILFRONTENDCACHE=config):
        yield RecordingBackend.purged


def test_publishing_purges_the_cdn_in_every_language(frontend_cache, duty_page):
    publish(duty_page, title_en="Who has the duty? (revised)")
    paths = {url.split("//", 1)[-1].split("/", 1)[-1] for url in frontend_cache}
    for code in languages.CODES:
        prefix = "" if code == languages.DEFAULT else f"{code}/"
        slug = "who-has-the-duty" if code == "en" else "hvem-har-plikten"
        assert f"{prefix}{slug}/" in paths, code
        assert prefix in paths, f"home page in {code}"  # its list shows the title


def test_no_cdn_purge_without_frontend_cache_settings(settings, duty_page, monkeypatch):
    assert not getattr(settings, "WAGTAILFRONTENDCACHE", None)
    called = []
    monkeypatch.setattr(
        "wagtail.contrib.frontend_cache.utils.PurgeBatch.purge", lambda *a, **k: called.append(a)
    )
    publish(duty_page, title_en="Another title")
    assert called == []


def test_clear_page_cache_command_empties_the_cache_after_a_deploy(client, page_cache):
    from django.core.management import call_command

    client.get(PAGE_NB)
    assert client.get(PAGE_NB)["X-Page-Cache"] == "hit"
    call_command("clear_page_cache", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert client.get(PAGE_NB)["X-Page-Cache"] == "miss"


# Headers that differ between any two responses by design.
PER_RESPONSE_HEADERS = {"x-request-id", "x-page-cache"}


@pytest.mark.parametrize("path", [PAGE_NB, PAGE_EN, "/se/hvem-har-plikten/"])
def test_a_cache_hit_carries_exactly_the_headers_of_a_fresh_render(client, page_cache, path):
    """Security headers included (X-Frame-Options was once missing from hits): a reader who
    gets a cached page is protected exactly like the first reader."""
    behind_tls_proxy = {"X-Forwarded-Proto": "https"}  # HSTS is only sent over HTTPS
    fresh = client.get(path, headers=behind_tls_proxy)
    hit = client.get(path, headers=behind_tls_proxy)
    assert (fresh["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")

    def compared(response):
        return {k.lower(): v for k, v in response.items() if k.lower() not in PER_RESPONSE_HEADERS}

    assert compared(hit) == compared(fresh)
    for header in (
        "Content-Security-Policy",
        "Strict-Transport-Security",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Permissions-Policy",
    ):
        assert hit[header], header
