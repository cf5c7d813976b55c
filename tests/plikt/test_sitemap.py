"""sitemap.xml and robots.txt, as a search engine reads them."""

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import PageViewRestriction

from plikt.demo import add_child, translated
from plikt.models import ContentPage

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    found = {}
    for url in root.findall("s:url", NS):
        loc = url.find("s:loc", NS).text
        found[loc] = {
            "lastmod": url.find("s:lastmod", NS),
            "alternates": {
                link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
            },
        }
    return found


@pytest.mark.django_db
def test_sitemap_lists_each_page_in_each_language_it_is_translated_into(client):
    found = entries(client)
    assert "http://testserver/hva-er-avvergingsplikten/" in found
    assert "http://testserver/en/what-is-the-duty-to-avert/" in found
    assert "http://testserver/" in found and "http://testserver/en/" in found
    # The demo has no Sámi text: no Sámi URL is offered to search engines.
    assert not [loc for loc in found if any(f"/{c}/" in loc for c in ("se", "sma", "smj"))]


@pytest.mark.django_db
def test_sitemap_entries_carry_hreflang_alternates_x_default_and_lastmod(client):
    entry = entries(client)["http://testserver/en/who-has-the-duty/"]
    assert entry["alternates"] == {
        "nb": "http://testserver/hvem-har-plikten/",
        "en": "http://testserver/en/who-has-the-duty/",
        "x-default": "http://testserver/hvem-har-plikten/",
    }
    assert entry["lastmod"] is not None and entry["lastmod"].text[:2] == "20"


@pytest.mark.django_db
def test_a_fully_translated_sami_page_is_listed_in_sami(client, home):
    add_child(
        home,
        ContentPage(
            **translated(
                {
                    "slug": {"nb": "test-side", "se": "test-se"},
                    "title": {"nb": "Testside", "se": "Test se"},
                    "intro": {"nb": "Norsk.", "se": "Se."},
                }
            )
        ),
    )
    found = entries(client)
    assert "http://testserver/se/test-se/" in found
    assert set(found["http://testserver/se/test-se/"]["alternates"]) == {"nb", "se", "x-default"}
    assert "http://testserver/en/test-side/" not in found


@pytest.mark.django_db
def test_sitemap_leaves_out_unpublished_and_private_pages(client, home):
    draft = add_child(
        home, ContentPage(**translated({"slug": {"nb": "utkast"}, "title": {"nb": "Utkast"}}))
    )
    draft.unpublish()
    private = add_child(
        home, ContentPage(**translated({"slug": {"nb": "lukket"}, "title": {"nb": "Lukket"}}))
    )
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    found = entries(client)
    assert not [loc for loc in found if "/utkast/" in loc or "/lukket/" in loc]


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_search_and_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    # Each language's own word for the search page; the Sámi ones use the Norwegian word.
    assert "Disallow: /sok/" in lines
    assert "Disallow: /en/search/" in lines
    for code in ("se", "sma", "smj"):
        assert f"Disallow: /{code}/sok/" in lines
    assert "Disallow: /" not in lines  # the site itself stays open
