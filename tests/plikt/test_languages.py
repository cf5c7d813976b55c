import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils.translation import get_language_info

from plikt import languages


@pytest.mark.parametrize("code", ["nb", "en", "se", "sma", "smj"])
def test_home_page_answers_in_each_language_with_its_html_lang(client, db, code):
    url = "/" if code == "nb" else f"/{code}/"
    response = client.get(url)
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "lxml").html["lang"] == code


def test_norwegian_is_the_default_language():
    assert settings.LANGUAGE_CODE == "nb"
    assert [code for code, _ in settings.LANGUAGES] == ["nb", "en", "se", "sma", "smj"]


@pytest.mark.parametrize(
    ("code", "endonym"),
    [("se", "davvisámegiella"), ("sma", "åarjelsaemien gïele"), ("smj", "julevsámegiella")],
)
def test_sami_languages_are_known_to_django_by_their_own_names(code, endonym):
    assert get_language_info(code)["name_local"] == endonym


@pytest.mark.parametrize("language", languages.ALL, ids=lambda language: language.code)
def test_each_catalog_declares_its_plural_rule(language):
    po = polib.pofile(str(settings.BASE_DIR / "locale" / language.code / "LC_MESSAGES/django.po"))
    assert po.metadata["Plural-Forms"] == language.plural_forms
    assert po.metadata["Language"] == language.code


def test_switcher_names_each_language_in_that_language_and_links_the_same_page(client, db):
    soup = BeautifulSoup(client.get("/en/who-has-the-duty/").content, "lxml")
    links = soup.select("nav.language-switcher a")
    assert [(a["lang"], a["hreflang"], a.get_text()) for a in links] == [
        ("nb", "nb", "norsk"),
        ("en", "en", "English"),
        ("se", "se", "davvisámegiella"),
        ("sma", "sma", "åarjelsaemien gïele"),
        ("smj", "smj", "julevsámegiella"),
    ]
    hrefs = {a["lang"]: a["href"] for a in links}
    assert hrefs["nb"] == "/hvem-har-plikten/"
    assert hrefs["se"] == "/se/hvem-har-plikten/"
    assert client.get(hrefs["nb"]).status_code == 200
    assert client.get(hrefs["se"]).status_code == 200


def test_translated_slug_resolves_only_in_its_own_language(client, db):
    assert client.get("/en/who-has-the-duty/").status_code == 200
    assert client.get("/who-has-the-duty/").status_code == 404


@pytest.mark.parametrize("path", ["/xx/", "/en/no-such-page/", "/se/ingen-side/"])
def test_unknown_prefix_or_page_is_a_404_not_a_500(client, db, path):
    assert client.get(path).status_code == 404


def test_404_page_is_in_the_visitors_language(client, db):
    soup = BeautifulSoup(client.get("/en/no-such-page/").content, "lxml")
    assert soup.html["lang"] == "en"
