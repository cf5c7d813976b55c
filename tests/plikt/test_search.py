"""Site search: per language, with Norwegian fallback, snippets, pages, and no 500s."""

import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plikt import search
from plikt.demo import add_child, translated
from plikt.models import ContentPage, SearchText

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming exists only in PostgreSQL text search"
)
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="the SQLite path matches parts of words; PostgreSQL matches whole stemmed words",
)


def results(client, url):
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return response, soup, [li.h2.get_text(strip=True) for li in soup.select(".search-result")]


@pytest.fixture
def mill(home):
    """A page about millstones, in Norwegian and English, with words no other page uses."""
    return make_page(
        home,
        "kvernsteiner",
        {"nb": "Om kvernsteiner", "en": "About millstones"},
        {"nb": "Kvernsteinen maler korn til mel.", "en": "The millstone grinds grain into flour."},
        slug_en="about-millstones",
    )


def make_page(home, slug, title, intro, slug_en=None):
    slugs = {"nb": slug, **({"en": slug_en} if slug_en else {})}
    return add_child(
        home, ContentPage(**translated({"slug": slugs, "title": title, "intro": intro}))
    )


@pytest.mark.django_db
def test_english_search_finds_english_text(client, mill):
    assert results(client, "/en/search/?q=millstone")[2] == ["About millstones"]


@pytest.mark.django_db
def test_norwegian_search_does_not_find_english_words(client, mill):
    assert results(client, "/search/?q=millstone")[2] == []
    assert results(client, "/search/?q=kvernsteinen")[2] == ["Om kvernsteiner"]


@pytest.mark.django_db
def test_english_search_does_not_find_norwegian_words_of_translated_pages(client, mill):
    assert results(client, "/en/search/?q=kvernsteinen")[2] == []


@pytest.mark.django_db
def test_sami_search_uses_norwegian_where_nothing_is_translated(client, mill):
    _, soup, titles = results(client, "/se/search/?q=kvernsteinen")
    assert titles == ["Om kvernsteiner"]
    # The title and the snippet are Norwegian text on a Sámi page: marked for screen readers.
    result = soup.select_one(".search-result")
    assert result.select_one('h2 [lang="nb"]') is not None
    assert result.select_one('.search-result__snippet[lang="nb"]') is not None


@pytest.mark.django_db
def test_result_links_to_the_page_in_the_active_language(client, mill):
    _, soup, _ = results(client, "/en/search/?q=millstone")
    assert soup.select_one(".search-result a")["href"] == "/en/about-millstones/"


@pytest.mark.django_db
def test_demo_pages_are_found_in_their_own_language(client):
    assert "Who has the duty to avert?" in results(client, "/en/search/?q=confidentiality")[2]
    assert "Hvem har avvergingsplikten?" in results(client, "/search/?q=taushetsplikt")[2]


@pytest.mark.django_db
def test_partly_translated_page_is_searched_in_its_fallback_field(client, home):
    # English title, but no English introduction yet: the Norwegian one is searched.
    make_page(
        home,
        "delvis",
        {"nb": "Delvis oversatt", "en": "Partly translated"},
        {"nb": "Denne innledningen handler om sjøfart."},
    )
    _, _, titles = results(client, "/en/search/?q=sj%C3%B8fart")
    assert titles == ["Partly translated"]


@pytest.mark.django_db
def test_snippet_highlights_the_words_and_escapes_the_text(client, home):
    make_page(
        home,
        "markup",
        {"nb": "Om tegn"},
        {"nb": "Teksten nevner <script>alert(1)</script> og ordet brannalarm her."},
    )
    response, soup, titles = results(client, "/search/?q=brannalarm")
    assert titles == ["Om tegn"]
    snippet = soup.select_one(".search-result__snippet")
    assert [mark.get_text() for mark in snippet.select("mark")] == ["brannalarm"]
    assert b"<script>alert(1)" not in response.content
    assert not snippet.select("script")
    if connection.vendor == "sqlite":
        # Shown as the text it is. (PostgreSQL's ts_headline drops tag-like words instead.)
        assert "<script>alert(1)</script>" in snippet.get_text()


@pytest.mark.django_db
def test_results_are_counted_and_paginated(client, home):
    for number in range(12):
        make_page(home, f"kvist-{number}", {"nb": f"Side {number:02d} om kvistkutt"}, {})
    response, soup, titles = results(client, "/search/?q=kvistkutt")
    assert len(titles) == 10
    assert "12" in soup.select_one(".search-page__count").get_text()
    pagination = soup.select_one("nav.ds-pagination")
    assert pagination is not None
    assert pagination.select_one('[aria-current="page"]').get_text(strip=True).endswith("1")
    _, _, second = results(client, "/search/?q=kvistkutt&page=2")
    assert len(second) == 2
    assert not set(second) & set(titles)


@pytest.mark.django_db
def test_result_count_is_in_the_readers_language(client, mill):
    _, soup, _ = results(client, "/search/?q=kvernsteinen")
    assert (
        soup.select_one(".search-page__count").get_text(strip=True) == "1 treff for «kvernsteinen»"
    )
    _, soup, _ = results(client, "/en/search/?q=millstone")
    assert soup.select_one(".search-page__count").get_text(strip=True) == "1 result for “millstone”"


@pytest.mark.django_db
def test_no_results_page_offers_help_and_key_pages(client):
    _, soup, titles = results(client, "/en/search/?q=zzxqvw")
    assert titles == []
    assert "0 results" in soup.select_one(".search-page__count").get_text()
    empty = soup.select_one(".search-page__empty")
    assert empty.select_one('a[href="tel:112"]') is not None
    links = {a.get_text(strip=True) for a in empty.select(".ds-list a")}
    assert "What is the duty to avert?" in links


@pytest.mark.django_db
def test_unpublished_page_leaves_the_results(client, home):
    page = make_page(home, "borte", {"nb": "Snart borte"}, {"nb": "Om gjenstandsløs sak."})
    assert results(client, "/search/?q=gjenstandsl%C3%B8s")[2] == ["Snart borte"]
    page.unpublish()
    assert results(client, "/search/?q=gjenstandsl%C3%B8s")[2] == []
    assert not SearchText.objects.filter(page_id=page.pk).exists()


@pytest.mark.django_db
def test_private_page_is_not_found(client, home):
    from wagtail.models import PageViewRestriction

    page = make_page(home, "privat", {"nb": "Privat side"}, {"nb": "Hemmelig hemmelighold."})
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert results(client, "/search/?q=hemmelighold")[2] == []


@pytest.mark.django_db
def test_header_links_to_the_search_page_whose_form_is_a_search_landmark(client):
    # Phone first: the header has a search link (a box took a line of every first screen).
    soup = BeautifulSoup(client.get("/en/").content, "html.parser")
    link = soup.select_one("header a.site-header__search")
    assert link["href"] == "/en/search/"
    assert link.get_text(strip=True) == "Search"
    page = BeautifulSoup(client.get(link["href"]).content, "html.parser")
    form = page.select_one("main form[role=search]")
    assert form is not None
    assert form["method"] == "get"
    assert form["action"] == "/en/search/"
    assert page.find("label", attrs={"for": form.input["id"]}) is not None


@pytest.mark.django_db
def test_search_page_is_noindex_sets_no_cookie_and_takes_only_get(client):
    response = client.get("/search/?q=plikt")
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert client.post("/search/", {"q": "plikt"}).status_code == 405


@pytest.mark.django_db
def test_rebuild_restores_the_search_text(client, mill):
    SearchText.objects.all().delete()
    assert results(client, "/search/?q=kvernsteinen")[2] == []
    assert search.rebuild() >= 5
    assert results(client, "/search/?q=kvernsteinen")[2] == ["Om kvernsteiner"]


def test_query_is_reduced_to_plain_words():
    assert search.query_terms(search.clean_query("a & b | !c:* ( 'd' \"e\" \\ \x00f")) == [
        "a",
        "b",
        "c",
        "d",
        "e",
        "f",
    ]
    assert len(search.clean_query("x" * 10_000)) == search.MAX_QUERY_LENGTH
    assert search.query_terms(" ".join(f"w{n}" for n in range(50))) == [
        f"w{n}" for n in range(search.MAX_TERMS)
    ]


def test_highlight_marks_every_match_case_insensitively():
    html = search.highlight("Plikt og plikter & <b>", ["plikt"])
    assert html == "<mark>Plikt</mark> og <mark>plikt</mark>er &amp; &lt;b&gt;"


@postgres_only
@pytest.mark.django_db
def test_postgres_stems_english_words(client, mill):
    # "grinding" occurs nowhere; the English stemmer matches "grinds".
    assert results(client, "/en/search/?q=grinding")[2] == ["About millstones"]


@postgres_only
@pytest.mark.django_db
def test_postgres_stems_norwegian_words(client, mill):
    # "kvernsteinene" occurs nowhere; the Norwegian stemmer matches "kvernsteinen".
    assert results(client, "/search/?q=kvernsteinene")[2] == ["Om kvernsteiner"]


@postgres_only
@pytest.mark.django_db
def test_postgres_does_not_stem_sami_searches(client, mill):
    # Sámi pages fall back to Norwegian text, searched with the "simple" configuration:
    # only the exact word matches.
    assert results(client, "/se/search/?q=kvernsteinene")[2] == []
    assert results(client, "/se/search/?q=kvernsteinen")[2] == ["Om kvernsteiner"]


@sqlite_only
@pytest.mark.django_db
def test_sqlite_matches_the_start_of_a_word(client, mill):
    assert results(client, "/search/?q=kvernst")[2] == ["Om kvernsteiner"]


HOSTILE = st.one_of(
    st.text(max_size=300),
    st.text(alphabet="&|!:*()'\"\\<>%_;-\x00\x01\x1f\x7f ", max_size=100),
    st.just("x" * 10_000),
    st.just("' OR 1=1; DROP TABLE wagtailcore_page; --"),
    st.just("plikt & !(vold | 'overgrep':*)"),
    st.just(""),
)
PAGES = st.one_of(
    st.sampled_from(["-1", "abc", "99999", "0", "", "1e9", "٣", "9" * 40]),
    st.integers().map(str),
    st.text(max_size=20),
)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=HOSTILE, page=PAGES, prefix=st.sampled_from(["", "/en", "/se"]))
def test_hostile_input_never_gives_a_server_error(client, query, page, prefix):
    response = client.get(f"{prefix}/search/", {"q": query, "page": page})
    assert response.status_code == 200
    assert re.search(rb"<h1[^>]*>", response.content)
