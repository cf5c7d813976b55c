import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from offences.demo import Offence
from offences.models import OffenceCategory, OffenceIndexPage, OffencePage

pytestmark = pytest.mark.django_db


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "lxml")


def listed_sections(soup):
    return [
        item.select_one(".offence-list__section").get_text(strip=True)
        for item in soup.select(".offence-list__item")
    ]


def test_index_lists_every_live_offence_grouped_by_category_with_counts(client):
    soup = soup_of(client, "/lovbrudd/")
    assert len(soup.select(".offence-list__item")) == OffencePage.objects.live().count()
    groups = soup.select("section.offence-group")
    assert len(groups) == OffenceCategory.objects.filter(offences__isnull=False).distinct().count()
    for group in groups:
        heading = group.find("h2").get_text(" ", strip=True)
        count = len(group.select(".offence-list__item"))
        assert f"({count} " in heading, heading
    violence = soup.find(id="category-violence").find_parent("section")
    assert "§ 274" in listed_sections(violence)


def test_each_entry_links_to_its_offence_page_in_the_same_language(client):
    soup = soup_of(client, "/en/offences/")
    link = soup.find("a", string=lambda s: s and "Violence and abuse in the family" in s)
    link = link or [a for a in soup.select(".offence-list__item a") if "282" in a.get_text()][0]
    assert link["href"] == "/en/offences/penal-code-282/"
    assert client.get(link["href"]).status_code == 200


def test_filter_by_category_shows_only_that_category(client):
    soup = soup_of(client, "/lovbrudd/?category=close-relationships")
    assert listed_sections(soup) == ["§ 282", "§ 283"]
    assert soup.select_one("#offence-category option[selected]")["value"] == "close-relationships"


def test_filter_by_text_matches_titles_in_the_active_language(client):
    assert "§ 291" in listed_sections(soup_of(client, "/lovbrudd/?q=voldtekt"))
    assert "§ 253" in listed_sections(soup_of(client, "/en/offences/?q=forced+marriage"))


def test_filter_by_section_number_with_or_without_the_section_sign(client):
    assert listed_sections(soup_of(client, "/lovbrudd/?q=282")) == ["§ 282"]
    assert listed_sections(soup_of(client, "/lovbrudd/?q=%C2%A7+282")) == ["§ 282"]


def test_text_and_category_filters_combine(client):
    soup = soup_of(client, "/lovbrudd/?category=children&q=incest")
    assert listed_sections(soup) == ["§ 312"]


def test_a_single_paragraph_is_listed_as_section_196_cites_it(client):
    soup = soup_of(client, "/en/offences/?category=forced-marriage")
    assert listed_sections(soup) == ["§ 253", "§ 262 annet ledd"]


def test_sami_index_falls_back_to_norwegian_titles_marked_lang_nb(client):
    soup = soup_of(client, "/se/lovbrudd/")
    item = soup.select(".offence-list__item a")[0]
    assert item.find(attrs={"lang": "nb"}) is not None


@pytest.mark.parametrize(
    "query",
    [
        "?category=no-such-category",
        "?category=" + "x" * 5000,
        "?q=" + "a" * 10_000,
        "?q=%00drop%00",
        "?q=%25%5F%27%22%3Cscript%3E",
        "?category=violence&category=sexual&q=a&q=b",
    ],
)
def test_bad_filter_input_gives_a_normal_page_not_an_error(client, query):
    response = client.get("/lovbrudd/" + query)
    # 400 is allowed too: a middleware may refuse control characters before the page sees them.
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert b"<script>" not in response.content.split(b"<main")[1]


def test_unknown_category_says_so_and_lists_nothing(client):
    soup = soup_of(client, "/en/offences/?category=no-such-category")
    assert soup.select(".offence-list__item") == []
    assert "no category" in soup.select_one("main .ds-alert").get_text().lower()


def test_too_long_filter_text_says_so_and_lists_nothing(client):
    soup = soup_of(client, "/en/offences/?q=" + "a" * 10_000)
    assert soup.select(".offence-list__item") == []
    assert "too long" in soup.select_one("main .ds-alert").get_text().lower()


def test_filter_form_works_without_javascript_and_sets_no_cookie(client):
    response = client.get("/lovbrudd/?q=ran")
    soup = BeautifulSoup(response.content, "lxml")
    form = soup.select_one("form.offence-filter")
    assert form["method"] == "get"
    assert {field["name"] for field in form.select("[name]")} == {"q", "category"}
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"}) is None
    assert not response.cookies


def add_offences(index, category, count, start):
    for number in range(start, start + count):
        texts = {code: {"title": f"Test {number}", "summary": "x"} for code in ("nb", "en")}
        page = Offence(str(number), category.key, texts).page(category, headings={})
        index.add_child(instance=page)
        page.save_revision().publish()


def index_queries(client, url="/lovbrudd/"):
    client.get(url)  # warm the site-root-path cache the way a running server has it
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url", ["/lovbrudd/", "/en/offences/?q=test", "/se/lovbrudd/?category=violence"]
)
def test_index_query_count_does_not_grow_with_the_number_of_offences(client, url):
    index = OffenceIndexPage.objects.get()
    category = OffenceCategory.objects.get(key="violence")
    before = index_queries(client, url)
    # Three more are enough to show a per-offence query (it would add three); each added page
    # is created and published the way an editor does it, which is what makes this test slow.
    add_offences(index, category, 3, start=900)
    after = index_queries(client, url)
    assert after == before
    assert before <= 15
