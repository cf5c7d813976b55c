"""Guidance pages, case stories and the helplines box, as readers and editors see them."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from modeltranslation.translator import translator
from wagtail.models import Page, get_page_models

from guidance import demo
from guidance.models import CaseIndexPage, CasePage, GuidancePage, Helpline, Setting

pytestmark = pytest.mark.django_db


def url_in(page, code="nb") -> str:
    with translation.override(code):
        return page.get_url()


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response, BeautifulSoup(response.content, "lxml")


def one_page_per_type():
    pages = {}
    for model in get_page_models():
        if model is Page or model._meta.abstract:
            continue
        page = model.objects.live().filter(depth__gt=1).order_by("path").first()
        if page is not None:
            pages[model.__name__] = page
    return pages


# --- Helplines ----------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["nb", "en", "se"])
def test_every_page_type_shows_the_helplines_with_112_first(client, code):
    pages = one_page_per_type()
    assert {"GuidancePage", "CasePage", "SelfCheckPage", "HomePage"} <= set(pages)
    for name, page in pages.items():
        _response, soup = soup_of(client, url_in(page, code))
        box = soup.select_one("aside.helplines")
        assert box is not None, name
        numbers = [a["href"] for a in box.select('a[href^="tel:"]')]
        assert numbers[0] == "tel:112", name
        assert "tel:116111" in numbers and "tel:116006" in numbers, name


def test_helpline_numbers_are_dialable_without_spaces_and_links_are_shown():
    line = Helpline(number="116 111", url="https://www.barnevernvakten.no/")
    assert line.tel_href == "tel:116111"
    assert line.display_url == "barnevernvakten.no"
    assert Helpline(number="").tel_href == ""


def test_the_child_welfare_out_of_hours_service_is_a_link_not_a_number(client, home):
    _response, soup = soup_of(client, url_in(home, "en"))
    item = soup.find("a", href="https://www.barnevernvakten.no/")
    assert item is not None
    assert item.get_text(strip=True) == "barnevernvakten.no"


def test_an_edited_helpline_shows_on_the_next_page_view(client, home):
    client.get(url_in(home))  # fills the cache
    line = Helpline.objects.get(number="02800")
    line.name_nb = "Politiet, ikke-akutt"
    line.save()
    _response, soup = soup_of(client, url_in(home))
    assert "Politiet, ikke-akutt" in soup.select_one("aside.helplines").get_text()


def test_a_helpline_without_english_text_falls_back_to_norwegian_marked_as_such(client, home):
    Helpline.objects.filter(number="116 006").update(audience_en="")
    Helpline.objects.get(number="116 006").save()  # clears the cache, as the admin would
    _response, soup = soup_of(client, url_in(home, "en"))
    marked = soup.select("aside.helplines [lang=nb]")
    assert any("overgrep" in tag.get_text() for tag in marked)


def test_helplines_cost_no_query_once_cached(client, home, django_assert_num_queries):
    from django.template import Context, Template

    template = Template("{% load guidance_tags %}{% helplines %}")
    template.render(Context({}))
    with django_assert_num_queries(0):
        html = template.render(Context({}))
    assert "tel:112" in html


# --- Guidance and case pages --------------------------------------------------------------


def test_guidance_articles_use_the_shared_steps_block_as_an_ordered_list(client):
    article = GuidancePage.objects.get(slug_nb="sammen-med-den-det-gjelder")
    _response, soup = soup_of(client, url_in(article, "en"))
    steps = soup.select("main ol.steps__list > li")
    assert len(steps) == 6
    assert [li.h3.get_text(strip=True) for li in steps][:2] == ["Talk to the person", "Listen"]


def test_the_guidance_index_lists_its_articles(client):
    article = GuidancePage.objects.get(slug_nb="slik-avverger-du")
    index = article.get_parent().specific
    _response, soup = soup_of(client, url_in(index, "en"))
    titles = [a.get_text(strip=True) for a in soup.select("main .card-list a")]
    assert "How to avert" in titles and "If you work with people" in titles


def test_a_case_story_has_its_four_parts_in_order(client):
    case = CasePage.objects.get(slug_nb="gjennom-veggen")
    _response, soup = soup_of(client, url_in(case, "en"))
    headings = [h.get_text(strip=True) for h in soup.select("main section.case-section h2")]
    assert headings == [
        "The situation",
        "Who noticed what",
        "What they did",
        "What the law says",
    ]
    assert "Neighbour" in soup.select_one("main .case-setting").get_text()


def test_there_are_case_stories_from_at_least_four_settings():
    settings = set(CasePage.objects.live().values_list("setting", flat=True))
    assert len(settings) >= 4
    assert settings <= set(Setting.values)


def test_the_case_index_filters_by_setting_with_plain_links(client):
    index = CaseIndexPage.objects.get()
    base = url_in(index, "en")
    _response, soup = soup_of(client, base)
    assert len(soup.select("main .card-list > li")) == CasePage.objects.live().count()
    filter_link = soup.select_one('nav.case-filter a[href$="?setting=school"]')
    assert filter_link is not None
    _response, soup = soup_of(client, filter_link["href"])
    listed = [a.get_text(strip=True) for a in soup.select("main .card-list h3 a")]
    expected = CasePage.objects.live().filter(setting="school")
    assert listed == [case.title_en for case in expected]
    assert soup.select_one('nav.case-filter a[aria-current="true"]')["href"] == filter_link["href"]


@pytest.mark.parametrize("value", ["nonsense", "<script>", "SCHOOL", "%00"])
def test_an_unknown_setting_shows_every_story_and_says_so(client, value):
    index = CaseIndexPage.objects.get()
    response, soup = soup_of(client, url_in(index, "en") + "?setting=" + value)
    assert len(soup.select("main .card-list > li")) == CasePage.objects.live().count()
    assert "all stories are shown" in soup.select_one("main .ds-alert").get_text()
    assert b"<script>" not in response.content.split(b"<main")[1]


def test_no_guidance_response_sets_a_cookie(client):
    urls = []
    for model in (GuidancePage, CasePage, CaseIndexPage):
        for page in model.objects.live():
            urls += [url_in(page, code) for code in ("nb", "en", "smj")]
    index = CaseIndexPage.objects.get()
    urls += [url_in(index) + "?setting=family", url_in(index) + "?setting=bogus"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, url
    assert not client.cookies


# --- Quick exit ---------------------------------------------------------------------------


def test_every_page_has_an_exit_link_that_works_without_javascript(client, home, settings):
    settings.QUICK_EXIT_URL = "https://neutral.example/"
    for page in one_page_per_type().values():
        response, soup = soup_of(client, url_in(page, "en"))
        link = soup.select_one("[data-quick-exit] a.ds-button")
        assert link["href"] == "https://neutral.example/"
        assert link.get_text(strip=True) == "Exit this page"
        script = soup.find("script", src=lambda src: src and src.endswith("js/quick-exit.js"))
        assert script is not None and script.has_attr("defer")
        assert not [
            s
            for s in soup.find_all("script")
            if not s.get("src") and s.get("type") != "application/ld+json"
        ]
        assert soup.select_one('[data-quick-exit] [role="status"][aria-live="polite"]')


# --- Editors ------------------------------------------------------------------------------


def test_every_guidance_model_is_registered_for_translation():
    from guidance import models

    for model in (
        models.GuidanceIndexPage,
        models.GuidancePage,
        models.CaseIndexPage,
        models.CasePage,
        models.SelfCheckPage,
        models.Helpline,
    ):
        assert model in translator.get_registered_models(), model


def test_editors_can_edit_and_translate_a_helpline_in_the_admin(admin_client):
    line = Helpline.objects.get(number="112")
    response = admin_client.get(f"/admin/snippets/guidance/helpline/edit/{line.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    for field in ("name_nb", "name_en", "name_se", "audience_sma", "opening_hours_smj"):
        assert f'name="{field}"' in html, field


def test_editors_can_open_every_guidance_page_in_the_editor(admin_client):
    for model in (GuidancePage, CasePage, CaseIndexPage):
        page = model.objects.first()
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, model
    from guidance.models import SelfCheckPage

    page = SelfCheckPage.objects.get()
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    for field in ("risk_question_en", "may_heading_se", "disclaimer_smj", "offence_close_label_en"):
        assert f'name="{field}"' in html, field


def test_text_resting_on_unconfirmed_facts_is_flagged_for_legal_review():
    exemptions = GuidancePage.objects.get(slug_nb="unntak")
    assert exemptions.needs_legal_review
    assert "priests" in exemptions.legal_review_note


def test_loading_the_demo_twice_changes_nothing(home):
    pages, helplines = Page.objects.count(), Helpline.objects.count()
    demo.load(home)
    assert (Page.objects.count(), Helpline.objects.count()) == (pages, helplines)


def test_sami_fields_of_the_demo_are_empty():
    for line in Helpline.objects.all():
        assert not (line.name_se or line.name_sma or line.name_smj)
    for page in GuidancePage.objects.all():
        assert not (page.title_se or page.intro_sma or page.body_smj)
