import datetime
import json

import pytest
from django.utils import timezone

from offences.models import OffenceCategory, OffencePage
from offences.views import (
    LegalReviewReportView,
    pages_due_for_review,
    review_cutoff,
    reviewed_page_models,
)
from plikt.models import ContentPage
from tests.plikt.spreadsheets import read_csv

pytestmark = pytest.mark.django_db

URL = "/admin/reports/legal-review/"


def review(page, *, days_ago=None, flagged=False):
    page.needs_legal_review = flagged
    page.last_legal_review = (
        None if days_ago is None else timezone.localdate() - datetime.timedelta(days=days_ago)
    )
    page.save_revision().publish()
    return page


def csv_rows(admin_client, **filters):
    response = admin_client.get(URL, {**filters, "export": "csv"})
    # Headings follow the admin's language, so read columns by position (list_export order).
    header, *rows = read_csv(response)
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
    by_title = {row["get_admin_display_title"]: row for row in rows}
    stale = by_title["§ 282 Vold og mishandling i familien"]
    assert "12" in stale["review_reason"]
    assert stale["needs_legal_review"] == "Nei"  # as the admin says it, not False
    flagged = by_title["§ 327 Ran"]
    assert flagged["needs_legal_review"] == "Ja" and flagged["legal_review_note"]
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


def listed_pks(admin_client, **filters):
    response = admin_client.get(URL, filters)
    assert response.status_code == 200
    return {page.pk for page in response.context["pages"]}


def test_report_filters_by_why(admin_client):
    flagged = review(OffencePage.objects.get(section="327"), days_ago=10, flagged=True)
    stale = review(OffencePage.objects.get(section="282"), days_ago=400)
    never = review(ContentPage.objects.get(slug_nb="hvem-har-plikten"))

    overdue = listed_pks(admin_client, reason="overdue")
    assert stale.pk in overdue and flagged.pk not in overdue and never.pk not in overdue
    flagged_only = listed_pks(admin_client, reason="flagged")  # one render for both checks
    assert flagged.pk in flagged_only and stale.pk not in flagged_only
    assert never.pk in listed_pks(admin_client, reason="never")
    # The export follows the filter the editor sees.
    assert {row["get_admin_display_title"] for row in csv_rows(admin_client, reason="overdue")} == {
        stale.get_admin_display_title()
    }


def test_report_filters_by_category_and_publication_state(admin_client):
    robbery = OffencePage.objects.get(section="327")
    category = robbery.category
    in_category = listed_pks(admin_client, category=category.pk)
    assert robbery.pk in in_category
    assert all(OffencePage.objects.filter(pk=pk, category=category).exists() for pk in in_category)
    assert len(in_category) < len(listed_pks(admin_client))

    robbery.unpublish()
    assert robbery.pk in listed_pks(admin_client, live="draft")
    assert robbery.pk not in listed_pks(admin_client, live="live")


def test_report_filter_form_names_the_filters(admin_client):
    html = admin_client.get(URL).content.decode()
    assert 'name="reason"' in html and 'name="category"' in html and 'name="live"' in html
    assert OffenceCategory.objects.first().name in html


def test_report_with_bad_filter_values_is_not_a_server_error(admin_client):
    response = admin_client.get(URL, {"reason": "x", "category": "abc", "live": "maybe"})
    assert response.status_code == 200


def test_report_shows_and_exports_the_public_address_not_the_tree_path(admin_client):
    robbery = OffencePage.objects.get(section="327")
    html = admin_client.get(URL).content.decode()
    assert f'<a href="{robbery.full_url}">{robbery.full_url}</a>' in html
    row = next(r for r in csv_rows(admin_client) if r["report_section"] == "§ 327")
    assert row["public_url"] == robbery.full_url == "http://localhost/lovbrudd/straffeloven-327/"
    assert (
        robbery.url_path not in row.values()
    )  # /home/lovbrudd/straffeloven-327/: no reader sees it


def test_report_query_count_does_not_grow_with_its_rows(
    admin_client, django_assert_max_num_queries
):
    """Each row's status (live, draft, scheduled, in moderation) comes with the page: a full
    page of 50 rows once took 265 queries, three per row."""
    assert pages_due_for_review(review_cutoff()).count() > LegalReviewReportView.paginate_by
    admin_client.get(URL)  # the per-process caches (site roots, the editor's profile) filled
    with django_assert_max_num_queries(25):
        assert admin_client.get(URL).status_code == 200
