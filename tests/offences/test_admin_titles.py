"""Offences are named with their section everywhere in the admin: «§ 291 Voldtekt»."""

import pytest
from django.utils.html import escape

from offences.models import OffenceIndexPage, OffencePage

pytestmark = pytest.mark.django_db


def test_admin_title_leads_with_the_section():
    assert OffencePage.objects.get(section="291").get_admin_display_title() == "§ 291 Voldtekt"
    child_marriage = OffencePage.objects.get(section="262")
    assert child_marriage.get_admin_display_title().startswith("§ 262 annet ledd ")
    military = OffencePage.objects.get(section="50", law="militaer-straffelov")
    title = military.get_admin_display_title()
    assert title.startswith("§ 50 ") and title.endswith("(militær straffelov)")


def test_a_new_offence_without_a_section_keeps_its_plain_title():
    assert OffencePage(title="Uten paragraf").get_admin_display_title() == "Uten paragraf"


def test_explorer_lists_offences_with_their_section(admin_client):
    index = OffenceIndexPage.objects.get()
    response = admin_client.get(f"/admin/pages/{index.pk}/")
    assert response.status_code == 200
    assert "§ 291 Voldtekt" in response.content.decode()


def test_page_chooser_names_offences_with_their_section(admin_client):
    index = OffenceIndexPage.objects.get()
    response = admin_client.get(f"/admin/choose-page/{index.pk}/")
    assert response.status_code == 200
    html = response.json()["html"]
    shown = [o for o in OffencePage.objects.child_of(index) if f'data-id="{o.pk}"' in html]
    assert shown  # the chooser's first page of the catalogue
    for offence in shown:
        assert f'data-admin-title="{escape(offence.get_admin_display_title())}"' in html
    search = admin_client.get("/admin/choose-page/search/", {"q": "Voldtekt"})
    assert search.status_code == 200
    assert "§ 291 Voldtekt" in search.content.decode()  # the results, as an HTML fragment


def test_reports_name_offences_with_their_section(admin_client):
    rape = OffencePage.objects.get(section="291")
    legal = admin_client.get("/admin/reports/legal-review/", {"category": rape.category_id})
    assert "§ 291 Voldtekt" in legal.content.decode()
    status = admin_client.get(
        "/admin/reports/translation-status/",
        {"object_type": "offences.offencepage", "language": "se"},
    )
    assert "§ 291 Voldtekt" in status.content.decode()
