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
    soup = BeautifulSoup(response.content, "lxml")
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
    assert results(client, "/sok/?q=millstone")[2] == []
    assert results(client, "/sok/?q=kvernsteinen")[2] == ["Om kvernsteiner"]


@pytest.mark.django_db
def test_english_search_does_not_find_norwegian_words_of_translated_pages(client, mill):
    assert results(client, "/en/search/?q=kvernsteinen")[2] == []


@pytest.mark.django_db
def test_sami_search_uses_norwegian_where_nothing_is_translated(client, mill):
    _, soup, titles = results(client, "/se/sok/?q=kvernsteinen")
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
    assert "Hvem har avvergingsplikten?" in results(client, "/sok/?q=taushetsplikt")[2]


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
    response, soup, titles = results(client, "/sok/?q=brannalarm")
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
    response, soup, titles = results(client, "/sok/?q=kvistkutt")
    assert len(titles) == 10
    assert "12" in soup.select_one(".search-page__count").get_text()
    pagination = soup.select_one("nav.ds-pagination")
    assert pagination is not None
    assert pagination.select_one('[aria-current="page"]').get_text(strip=True).endswith("1")
    _, _, second = results(client, "/sok/?q=kvistkutt&page=2")
    assert len(second) == 2
    assert not set(second) & set(titles)


@pytest.mark.django_db
def test_result_count_is_in_the_readers_language(client, mill):
    _, soup, _ = results(client, "/sok/?q=kvernsteinen")
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
    assert results(client, "/sok/?q=gjenstandsl%C3%B8s")[2] == ["Snart borte"]
    page.unpublish()
    assert results(client, "/sok/?q=gjenstandsl%C3%B8s")[2] == []
    assert not SearchText.objects.filter(page_id=page.pk).exists()


@pytest.mark.django_db
def test_private_page_is_not_found(client, home):
    from wagtail.models import PageViewRestriction

    page = make_page(home, "privat", {"nb": "Privat side"}, {"nb": "Hemmelig hemmelighold."})
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert results(client, "/sok/?q=hemmelighold")[2] == []


@pytest.mark.django_db
def test_header_links_to_the_search_page_whose_form_is_a_search_landmark(client):
    # Phone first: the header has a search link (a box took a line of every first screen).
    soup = BeautifulSoup(client.get("/en/").content, "lxml")
    link = soup.select_one("header a.site-header__search")
    assert link["href"] == "/en/search/"
    assert link.get_text(strip=True) == "Search"
    page = BeautifulSoup(client.get(link["href"]).content, "lxml")
    form = page.select_one("main form[role=search]")
    assert form is not None
    assert form["method"] == "get"
    assert form["action"] == "/en/search/"
    assert page.find("label", attrs={"for": form.input["id"]}) is not None


@pytest.mark.django_db
def test_search_page_is_noindex_sets_no_cookie_and_takes_only_get(client):
    response = client.get("/sok/?q=plikt")
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert client.post("/sok/", {"q": "plikt"}).status_code == 405


@pytest.mark.django_db
def test_rebuild_restores_the_search_text(client, mill):
    SearchText.objects.all().delete()
    assert results(client, "/sok/?q=kvernsteinen")[2] == []
    assert search.rebuild() >= 5
    assert results(client, "/sok/?q=kvernsteinen")[2] == ["Om kvernsteiner"]


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
    assert results(client, "/sok/?q=kvernsteinene")[2] == ["Om kvernsteiner"]


@postgres_only
@pytest.mark.django_db
def test_postgres_does_not_stem_sami_searches(client, mill):
    # Sámi pages fall back to Norwegian text, searched with the "simple" configuration:
    # only the exact word matches.
    assert results(client, "/se/sok/?q=kvernsteinene")[2] == []
    assert results(client, "/se/sok/?q=kvernsteinen")[2] == ["Om kvernsteiner"]


@sqlite_only
@pytest.mark.django_db
def test_sqlite_matches_the_start_of_a_word(client, mill):
    assert results(client, "/sok/?q=kvernst")[2] == ["Om kvernsteiner"]


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
@given(query=HOSTILE, page=PAGES, path=st.sampled_from(["/sok/", "/en/search/", "/se/sok/"]))
def test_hostile_input_never_gives_a_server_error(client, query, page, path):
    response = client.get(path, {"q": query, "page": page})
    assert response.status_code == 200
    assert re.search(rb"<h1[^>]*>", response.content)


# --- Everyday words and ages (issue 13) -----------------------------------------------------


def offence_title(section: str, language: str) -> str:
    """An offence's title as the catalogue gave it, read from the page (never typed here)."""
    from offences.models import OffencePage

    page = OffencePage.objects.live().get(section=section)
    return getattr(page, f"title_{language}")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "language"),
    [
        ("/sok/?q=voldtekt+15+%C3%A5r", "nb"),
        ("/sok/?q=voldtekt", "nb"),
        ("/en/search/?q=rape+15+years", "en"),
        ("/en/search/?q=rape", "en"),
    ],
)
def test_rape_of_a_15_year_old_finds_section_303_among_the_first_three(client, url, language):
    assert offence_title("303", language) in results(client, url)[2][:3]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "language"),
    [("/sok/?q=15-%C3%A5ring", "nb"), ("/en/search/?q=15-year-old", "en")],
)
def test_an_age_alone_finds_the_offences_about_that_age(client, url, language):
    titles = results(client, url)[2]
    assert offence_title("303", language) in titles[:3]
    assert len(titles) <= 5  # the pages about 15-year-olds, not everything with a number


@pytest.mark.django_db
def test_search_words_an_editor_adds_find_the_page_without_showing_in_the_snippet(client):
    from offences.models import OffencePage

    page = OffencePage.objects.live().get(section="303")
    assert results(client, "/sok/?q=kvernknurr")[2] == []
    page.search_words_nb = f"{page.search_words_nb}, kvernknurr"
    page.save_revision().publish()
    _, soup, titles = results(client, "/sok/?q=kvernknurr")
    assert titles == [offence_title("303", "nb")]
    snippet = soup.select_one(".search-result__snippet")
    assert "kvernknurr" not in (snippet.get_text() if snippet else "")


@pytest.mark.django_db
def test_search_words_rank_a_page_above_pages_that_only_mention_the_word(client, home):
    from offences.models import OffencePage

    # A page whose text mentions the word many times, and an offence that names it once as a
    # search word: the search word counts for more.
    make_page(home, "nevner", {"nb": "En side som nevner"}, {"nb": "kvernknurr " * 20})
    page = OffencePage.objects.live().get(section="303")
    page.search_words_nb = "kvernknurr"
    page.save_revision().publish()
    assert results(client, "/sok/?q=kvernknurr")[2][0] == offence_title("303", "nb")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/sok/?q=voldtekt", "/sok/?q=barn", "/en/search/?q=rape", "/en/search/?q=child"]
)
def test_snippets_hold_reader_text_only(client, url):
    _, soup, _ = results(client, url)
    found = soup.select(".search-result")
    assert found
    for result in found:
        title = result.h2.get_text(strip=True)
        snippet = result.select_one(".search-result__snippet")
        text = snippet.get_text(" ", strip=True) if snippet else ""
        # The heading block's level is an editor's setting, not text on the page.
        assert not re.search(r"\b(Nivå|Level) [23]\b", text), text
        # The snippet reads on from the title instead of repeating it as a heading run into
        # the first sentence («Voldtekt Den seksuelle …»); a sentence that starts with the
        # word («Incest er …») is the page's own text.
        heading_run_on = re.compile(rf"^{re.escape(title)}\s+[A-ZÆØÅ]")
        assert not heading_run_on.match(text.removeprefix("… ")), (title, text)


@pytest.mark.django_db
def test_admin_page_search_finds_offences_by_their_search_words():
    from wagtail.models import Page

    from offences.models import OffencePage

    # Wagtail's own index (the admin's page search) boosts the same fields.
    page = OffencePage.objects.live().get(section="303")
    found = list(Page.objects.live().search("tenåring"))
    assert page.page_ptr in found or page in found


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/sok/", "/sok/"),
        ("/en/search/", "/en/search/"),
        ("/se/sok/", "/se/sok/"),  # no Sámi word invented: the Norwegian one
        ("/smj/sok/", "/smj/sok/"),
    ],
)
def test_search_page_answers_at_its_languages_own_word(client, url, expected):
    response = client.get(url, {"q": "vold"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "lxml")
    assert soup.select_one("main form[role=search]")["action"] == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "target"), [("/search/?q=vold", "/sok/?q=vold"), ("/se/search/", "/se/sok/")]
)
def test_the_english_word_in_norwegian_redirects_to_the_norwegian_word(client, url, target):
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == target


@pytest.mark.django_db
def test_search_page_has_one_search_box(client):
    _, soup, _ = results(client, "/sok/?q=vold")
    assert len(soup.select("form[role=search]")) == 1
    assert len(soup.select("input[name=q]")) == 1
    # Every other page keeps the header's way to search: a link to this page.
    other = BeautifulSoup(client.get("/").content, "lxml")
    assert other.select_one("header a.site-header__search")["href"] == "/sok/"
