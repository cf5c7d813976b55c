"""Preview in every language: what a reader of that language will see."""

import pytest
from bs4 import BeautifulSoup

from plikt import languages
from plikt.models import ContentPage


@pytest.fixture
def page(db):
    return ContentPage.objects.get(slug_nb="hvem-har-plikten")


def test_every_language_is_a_preview_mode(page):
    assert [code for code, _label in page.preview_modes] == list(languages.CODES)
    assert page.default_preview_mode == languages.DEFAULT


@pytest.mark.parametrize("code", languages.CODES)
def test_preview_renders_the_language_with_its_html_lang(page, code):
    # What the admin's preview panel calls for the chosen mode.
    response = page.make_preview_request(preview_mode=code)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == code


def test_sami_preview_shows_norwegian_fallback_marked_and_the_notice(page):
    response = page.make_preview_request(preview_mode="sma")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("h1").find(attrs={"lang": "nb"}) is not None
    assert soup.select_one("main .site-notice") is not None


def test_preview_of_an_unsaved_sami_draft_shows_the_new_text(page):
    page.title_se = "Tekst fra en oversetter"
    response = page.make_preview_request(preview_mode="se")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("h1").get_text(strip=True) == "Tekst fra en oversetter"
    assert soup.find("h1").find(attrs={"lang": "nb"}) is None


def test_admin_preview_panel_offers_each_language(admin_client, page):
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    html = response.content.decode()
    for language in languages.ALL:
        assert f'value="{language.code}"' in html


def test_every_page_type_built_on_site_page_previews_in_every_language(db):
    from plikt.i18n.tracking import translatable_models
    from plikt.models import SitePage

    page_types = [m for m in translatable_models() if issubclass(m, SitePage)]
    assert ContentPage in page_types
    for model in page_types:
        page = model.objects.first() or model()
        assert [code for code, _label in page.preview_modes] == list(languages.CODES), model
