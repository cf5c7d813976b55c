from bs4 import BeautifulSoup

from plikt.i18n.fallback import is_translated, missing_fields
from plikt.models import ContentPage


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "lxml")


def test_untranslated_sami_page_shows_norwegian_text_marked_lang_nb(client, db):
    soup = soup_of(client, "/se/hvem-har-plikten/")
    heading = soup.find("h1")
    # Soft hyphens (plikt.hyphenation) are invisible unless the word breaks at a line end.
    assert heading.get_text(strip=True).replace("\u00ad", "") == "Hvem har avvergingsplikten?"
    assert heading.find(attrs={"lang": "nb"}) is not None
    assert soup.select_one("main .site-notice") is not None


def test_translated_english_page_has_no_fallback_marks_or_notice(client, db):
    soup = soup_of(client, "/en/who-has-the-duty/")
    assert soup.find("h1").get_text(strip=True) == "Who has the duty to avert?"
    assert soup.select("main [lang=nb]") == []
    assert soup.select_one("main .site-notice") is None


def test_untranslated_page_is_noindex_and_left_out_of_hreflang(client, db):
    se = soup_of(client, "/se/hvem-har-plikten/")
    assert se.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    alternates = {link["hreflang"]: link["href"] for link in se.find_all("link", rel="alternate")}
    assert set(alternates) == {"nb", "en", "x-default"}
    assert alternates["en"].endswith("/en/who-has-the-duty/")

    nb = soup_of(client, "/hvem-har-plikten/")
    assert nb.find("meta", attrs={"name": "robots"}) is None
    assert nb.find("link", rel="canonical")["href"].endswith("/hvem-har-plikten/")


def test_translation_is_decided_by_the_raw_field_not_the_fallback_value(db):
    page = ContentPage.objects.get(slug_nb="hvem-har-plikten")
    assert page.title  # the descriptor falls back to Norwegian...
    assert not is_translated(page, "se")  # ...but the Sámi column is empty
    assert "title" in missing_fields(page, "se")
    assert is_translated(page, "en")

    page.title_se = "Tekst fra en oversetter"
    assert "title" not in missing_fields(page, "se")
    assert "intro" in missing_fields(page, "se")


def test_partly_translated_page_marks_only_the_missing_field(client, db):
    page = ContentPage.objects.get(slug_nb="hvem-har-plikten")
    page.title_sma = "Tittel fra en oversetter"
    page.save_revision().publish()
    soup = soup_of(client, "/sma/hvem-har-plikten/")
    assert soup.find("h1").find(attrs={"lang": "nb"}) is None
    assert soup.select_one("main .lead [lang=nb]") is not None
