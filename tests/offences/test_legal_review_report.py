import csv
import datetime
import io
import json

import pytest
from django.utils import timezone

from offences.models import OffencePage
from offences.views import LegalReviewReportView, pages_due_for_review, reviewed_page_models
from plikt.models import ContentPage

pytestmark = pytest.mark.django_db

URL = "/admin/reports/legal-review/"


def review(page, *, days_ago=None, flagged=False):
    page.needs_legal_review = flagged
    page.last_legal_review = (
        None if days_ago is None else timezone.localdate() - datetime.timedelta(days=days_ago)
    )
    page.save_revision().publish()
    return page


def csv_rows(admin_client):
    response = admin_client.get(URL + "?export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    # Headings follow the admin's language, so read columns by position (list_export order).
    header, *rows = csv.reader(io.StringIO(text))
    assert len(header) == len(LegalReviewReportView.list_export)
    return [dict(zip(LegalReviewReportView.list_export, row, strict=True)) for row in rows]


def test_report_finds_every_page_type_with_the_review_fields():
    models = reviewed_page_models()
    assert OffencePage in models and ContentPage in models


def test_report_lists_flagged_unreviewed_and_stale_pages_but_not_fresh_ones(admin_client):
    flagged = review(OffencePage.objects.get(section="327"), days_ago=10, flagged=True)
    stale = review(OffencePage.objects.get(section="282"), days_ago=400)
    fresh = review(OffencePage.objects.get(section="274"), days_ago=30)
    never = review(ContentPage.objects.get(slug_nb="hvem-har-plikten"))

    due = set(pages_due_for_review().values_list("pk", flat=True))
    assert {flagged.pk, stale.pk, never.pk} <= due
    assert fresh.pk not in due

    response = admin_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for page in (flagged, stale, never):
        assert f"/admin/pages/{page.pk}/edit/" in html
    assert f"/admin/pages/{fresh.pk}/edit/" not in html


def test_report_exports_a_spreadsheet_with_the_reason_and_the_note(admin_client):
    review(OffencePage.objects.get(section="282"), days_ago=400)
    rows = csv_rows(admin_client)
    by_title = {row["title"]: row for row in rows}
    stale = by_title["Vold og mishandling i familien"]
    assert "12" in stale["review_reason"]
    flagged = by_title["Ran"]
    assert flagged["needs_legal_review"] == "True" and flagged["legal_review_note"]
    assert flagged["review_reason"] and flagged["review_reason"] != stale["review_reason"]
    assert len(rows) == pages_due_for_review().count()

    xlsx = admin_client.get(URL + "?export=xlsx")
    assert xlsx.status_code == 200
    assert "spreadsheetml" in xlsx["Content-Type"]


def test_report_is_in_the_reports_menu(admin_client):
    response = admin_client.get("/admin/")
    props = response.content.decode().split('id="wagtail-sidebar-props"')[1]
    props = props.split(">", 1)[1].split("</script>")[0]
    assert URL in json.dumps(json.loads(props))


def test_report_is_for_editors_only(client, django_user_model):
    assert client.get(URL).status_code == 302  # to the login page
    user = django_user_model.objects.create_user("reader", "r@example.com", "pw")
    client.force_login(user)
    assert client.get(URL).status_code in (302, 403)
