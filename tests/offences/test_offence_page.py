import datetime
import json

import pytest
from bs4 import BeautifulSoup

from offences.models import OffencePage

pytestmark = pytest.mark.django_db


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "lxml")


def json_ld(soup):
    blocks = soup.find_all("script", type="application/ld+json")
    assert len(blocks) == 1
    return json.loads(blocks[0].string)


def test_offence_page_shows_section_official_title_summary_and_lovdata_link(client):
    soup = soup_of(client, "/en/offences/penal-code-282/")
    main = soup.find("main")
    text = main.get_text(" ", strip=True)
    assert "straffeloven § 282" in text
    assert "Abuse in close relationships" in text  # official title
    assert "Repeatedly or seriously threatening" in text  # summary
    assert "domestic violence" in text  # the explanation in the body
    link = main.select_one("a.offence__lovdata")
    assert link["href"] == "https://lovdata.no/lov/2005-05-20-28/§282"


def test_offence_page_shows_the_date_a_reviewed_page_was_checked(client):
    page = OffencePage.objects.get(section="282")
    page.needs_legal_review = False
    page.last_legal_review = datetime.date(2026, 3, 14)
    page.save_revision().publish()
    notice = soup_of(client, "/en/offences/penal-code-282/").select_one("main .review-notice")
    assert " ".join(notice.get_text().split()) == "Checked against the law on 14 March 2026."
    assert notice.find("time")["datetime"] == "2026-03-14"
    notice = soup_of(client, "/lovbrudd/straffeloven-282/").select_one("main .review-notice")
    assert " ".join(notice.get_text().split()) == "Kontrollert opp mot loven 14. mars 2026."


def test_what_to_do_gives_the_police_numbers_and_links_guidance_when_it_exists(client):
    soup = soup_of(client, "/en/offences/penal-code-282/")
    section = soup.find(id="what-to-do").find_parent("section")
    hrefs = [a["href"] for a in section.find_all("a")]
    assert "tel:112" in hrefs and "tel:02800" in hrefs
    from offences.models import guidance_pages

    page = OffencePage.objects.get(section="282")
    for guidance in guidance_pages(page.get_site()):
        assert any(
            href.rstrip("/").endswith(guidance.slug_en or guidance.slug_nb) for href in hrefs
        )


def test_special_condition_is_shown_on_incest_pages_only(client):
    conditions = soup_of(client, "/en/offences/penal-code-312/").select_one(".offence__conditions")
    assert "under 16" in conditions.get_text()
    assert (
        soup_of(client, "/en/offences/penal-code-282/").select_one(".offence__conditions") is None
    )


def test_unchecked_entries_warn_the_reader_and_checked_ones_do_not(client):
    notice = soup_of(client, "/en/offences/penal-code-327/").select_one("main .review-notice")
    assert "not yet checked" in notice.get_text()
    page = OffencePage.objects.get(section="282")
    page.needs_legal_review = False
    page.save_revision().publish()
    assert soup_of(client, "/en/offences/penal-code-282/").select_one(".review-notice") is None


def test_section_262_page_says_only_its_second_paragraph_is_covered(client):
    main = soup_of(client, "/en/offences/penal-code-262/").find("main")
    assert main.select_one(".offence__identifier").get_text() == "straffeloven § 262 annet ledd"
    conditions = main.select_one(".offence__conditions").get_text(" ", strip=True)
    assert "second paragraph" in conditions and "under 16" in conditions
    assert (
        main.select_one("a.offence__lovdata")["href"] == "https://lovdata.no/lov/2005-05-20-28/§262"
    )


def test_offence_page_explains_with_an_example(client):
    main = soup_of(client, "/lovbrudd/straffeloven-253/").find("main")
    headings = [h.get_text(strip=True) for h in main.find_all("h2")]
    assert "Et eksempel" in headings
    assert "Tvangsekteskap" in main.select_one(".offence__facts").get_text()


def test_military_offence_links_a_lovdata_search_not_a_guessed_address(client):
    link = soup_of(client, "/en/offences/military-penal-code-50/").select_one("a.offence__lovdata")
    assert link["href"].startswith("https://lovdata.no/sok?q=")
    assert "Search for" in link.get_text()


def test_json_ld_is_valid_schema_org_legislation(client):
    data = json_ld(soup_of(client, "/en/offences/penal-code-282/"))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Legislation"
    assert data["legislationIdentifier"] == "straffeloven § 282"
    assert data["name"] == "Abuse in close relationships"
    assert data["inLanguage"] == "en"
    assert data["url"] == "http://testserver/en/offences/penal-code-282/"


def test_json_ld_follows_the_language_and_falls_back_to_norwegian(client):
    nb = json_ld(soup_of(client, "/lovbrudd/straffeloven-282/"))
    se = json_ld(soup_of(client, "/se/lovbrudd/straffeloven-282/"))
    assert nb["name"] == "Mishandling i nære relasjoner" and nb["inLanguage"] == "nb"
    assert se["name"] == nb["name"] and se["inLanguage"] == "se"
    assert se["url"].endswith("/se/lovbrudd/straffeloven-282/")


def test_json_ld_cannot_be_broken_out_of_by_editor_text(client):
    page = OffencePage.objects.get(section="282")
    page.title_en = 'Bad </script><script>alert("x")</script> & more'
    page.summary_en = "<!-- comment"
    page.save_revision().publish()
    response = client.get("/en/offences/penal-code-282/")
    head = response.content.split(b"</head>")[0]
    assert b"<script>alert" not in head
    data = json_ld(BeautifulSoup(response.content, "lxml"))
    assert data["alternateName"] == page.title_en
    assert data["description"] == "<!-- comment"


def test_offence_page_shows_the_helplines_box_from_the_base_template(client):
    soup = soup_of(client, "/en/offences/penal-code-282/")
    helplines = soup.select_one(".helplines")
    assert helplines is not None, "base.html renders the helplines box on every page"
    assert "tel:112" in [a.get("href") for a in helplines.find_all("a")]
