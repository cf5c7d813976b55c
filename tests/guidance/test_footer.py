"""The footer's links to the about, accessibility, privacy and questions-and-answers pages."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from wagtail.models import Page

from guidance import footer
from plikt import languages
from plikt.models import HomePage

pytestmark = pytest.mark.django_db

ENGLISH_TITLES = ["About this site", "Accessibility statement", "Privacy", "Questions and answers"]


def url_in(page, code: str) -> str:
    with translation.override(code):
        return page.get_url()


def footer_links(client, url) -> list[tuple[str, str]]:
    response = client.get(url)
    assert response.status_code == 200, url
    nav = BeautifulSoup(response.content, "lxml").select_one("footer nav")
    assert nav is not None, url
    return [(a["href"], a.get_text(strip=True)) for a in nav.select("a")]


def about_pages() -> list[Page]:
    pages = {page.slug_nb: page for page in Page.objects.filter(slug_nb__in=footer.SLUGS)}
    return [pages[slug] for slug in footer.SLUGS]


@pytest.mark.parametrize("code", languages.CODES)
def test_the_footer_links_the_about_pages_in_the_language_of_the_page(client, code):
    home = HomePage.objects.get()
    pages = about_pages()
    links = footer_links(client, url_in(home, code))
    assert [href for href, _text in links] == [url_in(page, code) for page in pages]
    for href, _text in links:
        if code != languages.DEFAULT:
            assert href.startswith(f"/{code}/"), href
        assert client.get(href).status_code == 200, href
    if code == "en":
        assert [text for _href, text in links] == ENGLISH_TITLES
        assert [href for href, _text in links] == [
            "/en/about-this-site/",
            "/en/accessibility/",
            "/en/privacy/",
            "/en/questions-and-answers/",
        ]


def test_an_untranslated_title_is_shown_in_norwegian_marked_as_such(client):
    response = client.get(url_in(HomePage.objects.get(), "se"))
    nav = BeautifulSoup(response.content, "lxml").select_one("footer nav")
    privacy = nav.find("a", href=url_in(about_pages()[2], "se"))
    assert privacy.get_text(strip=True) == "Personvern"
    # Marked on the link or on the element around it (the nav, when its label is Norwegian too).
    assert privacy.find(string=True).find_parent(attrs={"lang": True})["lang"] == "nb"


def test_every_page_type_has_the_footer_links(client):
    from tests.guidance.test_pages import one_page_per_type

    for name, page in one_page_per_type().items():
        assert len(footer_links(client, url_in(page, "en"))) == len(footer.SLUGS), name


def test_an_unpublished_page_drops_out_and_a_new_slug_is_followed(client):
    home_url = url_in(HomePage.objects.get(), "en")
    footer_links(client, home_url)  # fill the cache
    about, accessibility, privacy, faq = (page.specific for page in about_pages())

    privacy.unpublish()
    accessibility.slug_en = "accessibility-statement"
    accessibility.save_revision().publish()

    hrefs = [href for href, _text in footer_links(client, home_url)]
    assert hrefs == [
        "/en/about-this-site/",
        "/en/accessibility-statement/",
        "/en/questions-and-answers/",
    ]


def test_the_footer_costs_no_query_once_cached(client, django_assert_num_queries):
    from django.template import Context, Template

    template = Template(
        "{% load guidance_tags %}{% footer_pages as pages %}{% for p in pages %}{{ p.pk }} "
        "{% endfor %}"
    )
    first = template.render(Context({}))
    with django_assert_num_queries(0):
        assert template.render(Context({})) == first
    assert first.split() == [str(page.pk) for page in about_pages()]
