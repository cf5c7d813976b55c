"""Preview in every language: what a reader of that language will see."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page, get_page_models

from plikt import languages
from plikt.i18n.preview import LanguagePreviewMixin
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
    soup = BeautifulSoup(response.content, "lxml")
    assert soup.html["lang"] == code


def test_sami_preview_shows_norwegian_fallback_marked_and_the_notice(page):
    response = page.make_preview_request(preview_mode="sma")
    soup = BeautifulSoup(response.content, "lxml")
    assert soup.find("h1").find(attrs={"lang": "nb"}) is not None
    assert soup.select_one("main .site-notice") is not None


def test_preview_of_an_unsaved_sami_draft_shows_the_new_text(page):
    page.title_se = "Tekst fra en oversetter"
    response = page.make_preview_request(preview_mode="se")
    soup = BeautifulSoup(response.content, "lxml")
    assert soup.find("h1").get_text(strip=True) == "Tekst fra en oversetter"
    assert soup.find("h1").find(attrs={"lang": "nb"}) is None


def test_admin_preview_panel_offers_each_language(admin_client, page):
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    html = response.content.decode()
    for language in languages.ALL:
        assert f'value="{language.code}"' in html


# Every page type with a template, found rather than listed: a page type added later without
# LanguagePreviewMixin fails here. (wagtailcore.Page is only the tree's root and has no template.)
PAGE_MODELS = [model for model in get_page_models() if model is not Page]


@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda m: m._meta.label)
def test_every_page_type_offers_one_preview_mode_per_language(db, model):
    assert issubclass(model, LanguagePreviewMixin), f"{model._meta.label} lacks the mixin"
    page = model()  # a new Page looks up its content type: db
    assert [code for code, _label in page.preview_modes] == list(languages.CODES)
    assert page.default_preview_mode == languages.DEFAULT


@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda m: m._meta.label)
def test_every_page_type_previews_in_every_language(db, model):
    page = model.objects.live().first()
    assert page is not None, f"the demo content has no {model._meta.label} to preview"
    for code in languages.CODES:
        response = page.make_preview_request(preview_mode=code)
        assert response.status_code == 200, (model, code)
        assert response.headers["Content-Language"] == code
        soup = BeautifulSoup(response.content, "lxml")
        assert soup.html["lang"] == code, (model, code)


@pytest.fixture
def offence(db):
    from offences.models import OffencePage

    return OffencePage.objects.live().first()


def test_offence_sami_preview_shows_norwegian_fallback_marked_and_the_notice(offence):
    for name in ("title", "summary"):
        for code in ("se", "sma", "smj"):
            setattr(offence, f"{name}_{code}", "")
    response = offence.make_preview_request(preview_mode="smj")
    soup = BeautifulSoup(response.content, "lxml")
    assert soup.html["lang"] == "smj"
    assert soup.find("h1").find(attrs={"lang": "nb"}) is not None
    assert soup.select_one("main .site-notice") is not None


def test_offence_english_preview_shows_an_unsaved_english_draft(offence):
    offence.title_en = "Text from a translator"
    response = offence.make_preview_request(preview_mode="en")
    soup = BeautifulSoup(response.content, "lxml")
    assert soup.find("h1").get_text(strip=True) == "Text from a translator"
    assert soup.find("h1").find(attrs={"lang": "nb"}) is None


def test_admin_preview_panel_offers_each_language_for_an_offence(admin_client, offence):
    response = admin_client.get(f"/admin/pages/{offence.pk}/edit/")
    html = response.content.decode()
    for language in languages.ALL:
        assert f'value="{language.code}"' in html
