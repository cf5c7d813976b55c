"""Readers see the legal review state, in one sentence, on every page type that has one."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from offences.views import reviewed_page_models

pytestmark = pytest.mark.django_db

FLAGGED = "A lawyer has not yet checked everything on this page against the law."


def one_live_page_of_each_reviewed_type():
    pages = [model.objects.live().first() for model in reviewed_page_models()]
    return [page for page in pages if page is not None]


def notice(client, page, language="en"):
    with translation.override(language):
        url = page.get_url()
    response = client.get(url)
    assert response.status_code == 200, url
    found = BeautifulSoup(response.content, "lxml").select("main .review-notice")
    assert len(found) <= 1, url
    return " ".join(found[0].get_text().split()) if found else None


def review(page, *, flagged, on=None):
    page.needs_legal_review = flagged
    page.last_legal_review = on
    page.save_revision().publish()


def test_every_page_type_with_review_fields_has_a_page_in_the_demo_content():
    types = {type(page).__name__ for page in one_live_page_of_each_reviewed_type()}
    assert {"ContentPage", "GuidancePage", "CasePage", "SelfCheckPage", "OffencePage"} <= types


def test_a_flagged_page_of_every_type_says_so_in_the_same_sentence(client):
    for page in one_live_page_of_each_reviewed_type():
        review(page, flagged=True, on=datetime.date(2025, 1, 2))
        assert notice(client, page) == FLAGGED, type(page).__name__


def test_a_reviewed_page_of_every_type_shows_the_date_it_was_checked(client):
    for page in one_live_page_of_each_reviewed_type():
        review(page, flagged=False, on=datetime.date(2026, 3, 14))
        assert notice(client, page) == "Checked against the law on 14 March 2026.", page
        assert notice(client, page, "nb") == "Kontrollert opp mot loven 14. mars 2026.", page


def test_a_page_neither_flagged_nor_reviewed_shows_no_notice(client):
    for page in one_live_page_of_each_reviewed_type():
        review(page, flagged=False)
        assert notice(client, page) is None, type(page).__name__


def test_the_notice_on_a_sami_page_is_the_norwegian_sentence_until_translated(client):
    page = one_live_page_of_each_reviewed_type()[0]
    review(page, flagged=True)
    assert notice(client, page, "se") == (
        "En jurist har ennå ikke kontrollert alt på denne siden opp mot loven."
    )
