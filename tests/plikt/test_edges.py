"""The edges of the site: meta tags, error pages, redirects."""

import importlib
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.db import OperationalError
from django.test import RequestFactory, override_settings
from django.urls import clear_url_caches, path
from wagtail.contrib.redirects.models import Redirect

import plikt.urls
from plikt import errors
from plikt.models import ContentPage


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "lxml")

    def meta(key):
        tag = soup.find("meta", attrs={"name": key}) or soup.find("meta", attrs={"property": key})
        return tag["content"] if tag else None

    return soup, meta


# --- Meta tags ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_page_describes_itself_with_its_introduction_in_the_active_language(client):
    soup, meta = head(client, "/en/who-has-the-duty/")
    assert meta("description").startswith("The duty applies to everyone")
    assert meta("og:description") == meta("description")
    assert meta("og:title") == "Who has the duty to avert?"
    assert meta("og:locale") == "en_GB"
    assert meta("og:type") == "article"
    assert meta("og:site_name") == "Plikt"
    assert meta("og:url") == "http://testserver/en/who-has-the-duty/"
    assert soup.find("link", rel="canonical")["href"] == "http://testserver/en/who-has-the-duty/"


@pytest.mark.django_db
def test_untranslated_page_falls_back_to_norwegian_description(client):
    _, meta = head(client, "/se/hvem-har-plikten/")
    assert meta("description").startswith("Plikten gjelder alle")
    assert meta("og:locale") == "se_NO"


@pytest.mark.django_db
def test_search_description_wins_over_the_introduction(client):
    page = ContentPage.objects.get(slug_nb="hvem-har-plikten")
    page.search_description_nb = "Kort og presist om hvem plikten gjelder."
    page.save_revision().publish()
    _, meta = head(client, "/hvem-har-plikten/")
    assert meta("description") == "Kort og presist om hvem plikten gjelder."
    assert meta("og:locale") == "nb_NO"


@pytest.mark.django_db
def test_pages_outside_the_tree_get_the_site_description(client):
    _, meta = head(client, "/en/search/")
    assert meta("description")
    assert meta("og:locale") == "en_GB"


# --- Error pages ----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "language", "heading"),
    [("/finnes-ikke/", "nb", "Fant ikke siden"), ("/en/no-such-page/", "en", "Page not found")],
)
def test_not_found_page_is_in_the_visitors_language(client, url, language, heading):
    response = client.get(url)
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "lxml")
    assert soup.html["lang"] == language
    assert soup.h1.get_text(strip=True) == heading
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert soup.select_one("form[role=search]")["action"] == (
        {"nb": "/sok/", "en": "/en/search/"}.get(language, f"/{language}/sok/")
    )


@pytest.mark.parametrize(
    ("path", "language", "heading"),
    [("/", "nb", "Noe gikk galt"), ("/en/x/", "en", "Something went wrong"), ("/smj/", "smj", "")],
)
def test_server_error_page_renders_without_the_database(path, language, heading):
    request = RequestFactory().get(path)
    broken = mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
        side_effect=OperationalError("database is down"),
    )
    with broken:
        response = errors.server_error(request)
    assert response.status_code == 500
    soup = BeautifulSoup(response.content, "lxml")
    assert soup.html["lang"] == language
    assert soup.h1.get_text(strip=True) == heading or (not heading and soup.h1.get_text())
    assert soup.select_one('a[href="tel:112"]') is not None


def boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("en/boom/", boom), *plikt.urls.urlpatterns]
handler500 = plikt.urls.handler500


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_an_unhandled_error_shows_the_friendly_500_page(client):
    client.raise_request_exception = False
    response = client.get("/en/boom/")
    assert response.status_code == 500
    assert BeautifulSoup(response.content, "lxml").html["lang"] == "en"


def _routes():
    return {str(pattern.pattern) for pattern in plikt.urls.urlpatterns}


def test_error_preview_routes_exist_only_in_development():
    assert "test404" not in _routes() and "test500" not in _routes()
    try:
        with override_settings(DEBUG=True):
            importlib.reload(plikt.urls)
            assert {"test404", "test500"} <= _routes()
    finally:
        importlib.reload(plikt.urls)
        clear_url_caches()
    assert "test404" not in _routes()


@pytest.mark.django_db
def test_error_preview_views_render_the_real_pages(rf):
    assert errors.test404(rf.get("/test404")).status_code == 404
    assert errors.test500(rf.get("/test500")).status_code == 500


# --- Redirects ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "location"),
    [
        ("/?lang=en", "/en/"),
        ("/?lang=se", "/se/"),
        ("/?lang=smj", "/smj/"),
        ("/en/?lang=nb", "/"),
        ("/?lang=no", "/"),
        ("/hvem-har-plikten/?lang=en&x=1", "/en/hvem-har-plikten/?x=1"),
        ("/sok/?lang=en&q=vold", "/en/search/?q=vold"),  # the search page's own word
        ("/en/search/?lang=se", "/se/sok/"),
    ],
)
def test_old_language_parameter_redirects_permanently(client, url, location):
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == location


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["//evil.example/?lang=en", "/%2F/evil.example/?lang=en"])
def test_language_redirect_never_leaves_the_site(client, url):
    response = client.get(url)
    assert response.status_code in (301, 404)
    assert not response.get("Location", "").startswith("//")


@pytest.mark.django_db
def test_unknown_language_parameter_is_ignored(client):
    assert client.get("/?lang=xx").status_code == 200


@pytest.mark.django_db
def test_language_parameter_outside_the_pages_is_left_alone(client):
    assert client.get("/admin/login/?lang=en").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "location"),
    [
        ("/avvergingsplikt", "/hva-er-avvergingsplikten/"),
        ("/avvergingsplikt/", "/hva-er-avvergingsplikten/"),
        ("/en/avvergingsplikt/", "/en/what-is-the-duty-to-avert/"),
        ("/hvem-har-avvergingsplikt", "/hvem-har-plikten/"),
    ],
)
def test_old_norwegian_addresses_redirect_to_the_page_in_the_readers_language(
    client, url, location
):
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == location


@pytest.mark.django_db
def test_editor_redirects_work_under_every_language_prefix(client):
    page = ContentPage.objects.get(slug_nb="nar-gjelder-plikten")
    Redirect.add_redirect("/gammel/side", redirect_to=page, is_permanent=False)
    assert client.get("/gammel/side")["Location"] == "/nar-gjelder-plikten/"
    response = client.get("/en/gammel/side")
    assert response.status_code == 302
    assert response["Location"] == "/en/when-does-the-duty-apply/"
    assert client.get("/sma/gammel/side")["Location"].startswith("/sma/")


@pytest.mark.django_db
def test_redirect_made_for_one_language_is_kept(client):
    Redirect.add_redirect("/en/old-english", redirect_to="https://example.org/english")
    assert client.get("/en/old-english")["Location"] == "https://example.org/english"
    assert client.get("/old-english/").status_code == 404


@pytest.mark.django_db
def test_seeding_old_addresses_twice_changes_nothing(home):
    from plikt.redirects import OLD_ADDRESSES, seed_old_addresses

    assert seed_old_addresses(home) == []
    assert Redirect.objects.filter(old_path__in=list(OLD_ADDRESSES)).count() == len(OLD_ADDRESSES)
