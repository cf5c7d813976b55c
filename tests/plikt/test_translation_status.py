"""The "Translation status" report and out-of-date tracking."""

import csv
import io

import pytest
from django.utils import translation

from plikt.i18n import tracking
from plikt.i18n.report import status_rows, totals
from plikt.models import ContentPage

REPORT = "/admin/reports/translation-status/"
OUTDATED_WARNING = (
    "The Norwegian text has changed since these translations were saved, so they are out of date:"
)


@pytest.fixture
def page(db):
    return ContentPage.objects.get(slug_nb="hvem-har-plikten")


def row_for(page, code):
    return next(r for r in status_rows() if r.obj.pk == page.pk and r.language == code)


def by_language(rows):
    return {total["code"]: total for total in totals(rows)}


def change_norwegian_intro(page, text="Plikten gjelder alle som bor i Norge."):
    draft = page.get_latest_revision_as_object()
    draft.intro_nb = text
    draft.save_revision()
    return draft


def test_status_of_a_page_lists_missing_fields_per_language(page):
    se = row_for(page, "se")
    assert se.status == tracking.MISSING
    assert set(se.missing) == {"title", "intro", "body"}
    en = row_for(page, "en")
    assert en.status == tracking.COMPLETE
    assert en.missing == [] and en.outdated == []
    assert en.total == 3


def test_totals_count_every_field_and_follow_changes(page):
    before = by_language(status_rows())
    draft = page.get_latest_revision_as_object()
    draft.title_se = "Tittel fra en oversetter"
    draft.save_revision()
    change_norwegian_intro(page)

    after = by_language(status_rows())
    assert after["se"]["fields"] == before["se"]["fields"]
    assert after["se"]["missing"] == before["se"]["missing"] - 1
    assert after["se"]["complete"] == before["se"]["complete"] + 1
    assert after["en"]["outdated"] == before["en"]["outdated"] + 1
    assert after["en"]["complete"] == before["en"]["complete"] - 1
    for total in after.values():
        assert total["fields"] == total["complete"] + total["missing"] + total["outdated"]
        assert total["percent"] == round(100 * total["complete"] / total["fields"])


def test_changing_norwegian_marks_only_that_fields_translations_out_of_date(page):
    change_norwegian_intro(page)
    en = row_for(page, "en")
    assert en.status == tracking.OUTDATED
    assert en.outdated == ["intro"]
    # Languages with no translation of the field stay "missing", not "out of date".
    assert row_for(page, "se").outdated == []


def test_saving_a_new_translation_clears_out_of_date(page):
    draft = change_norwegian_intro(page)
    draft.intro_en = "The duty applies to everyone who lives in Norway."
    draft.save_revision()
    assert row_for(page, "en").status == tracking.COMPLETE


def test_changing_the_norwegian_text_back_makes_the_translation_current_again(page):
    original = page.intro_nb
    change_norwegian_intro(page)
    change_norwegian_intro(page, original)
    assert row_for(page, "en").status == tracking.COMPLETE


def test_edit_view_warns_about_out_of_date_translations(admin_client, page):
    change_norwegian_intro(page)
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override("nb"):  # the admin speaks the editor's language
        label = str(ContentPage._meta.get_field("intro").verbose_name)
        warning = translation.gettext(OUTDATED_WARNING)
    assert warning in html
    assert f"<span lang='en'>English</span>: {label}" in html


def test_edit_view_of_an_up_to_date_page_has_no_warning(admin_client, page):
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    with translation.override("nb"):
        assert translation.gettext(OUTDATED_WARNING) not in response.content.decode()


def test_report_page_filters_by_language_and_status(admin_client, page):
    change_norwegian_intro(page)
    response = admin_client.get(REPORT, {"language": "en", "status": "outdated"})
    assert response.status_code == 200
    rows = response.context["object_list"]
    assert [row.obj.pk for row in rows] == [page.pk]
    html = response.content.decode()
    assert "Hvem har avvergingsplikten?" in html
    assert 'data-language="smj"' in html  # totals for every language


def test_report_exports_csv_and_xlsx(admin_client, page):
    change_norwegian_intro(page)
    response = admin_client.get(REPORT, {"language": "en", "export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    # Columns: title, type, language, status, missing, out of date, translated, total.
    rows = list(csv.reader(io.StringIO(body)))[1:]
    outdated = [row for row in rows if row[3] == "outdated"]
    assert [row[0] for row in outdated] == ["Hvem har avvergingsplikten?"]
    with translation.override("nb"):
        assert outdated[0][5] == str(ContentPage._meta.get_field("intro").verbose_name)
    assert {row[2] for row in rows} == {"en"}

    xlsx = admin_client.get(REPORT, {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert "spreadsheetml" in xlsx["Content-Type"]


def test_report_with_a_bad_filter_value_is_not_a_server_error(admin_client):
    response = admin_client.get(REPORT, {"language": "xx", "status": "nonsense"})
    assert response.status_code == 200


def test_report_is_for_admin_users_only(client, django_user_model, db):
    user = django_user_model.objects.create_user("reader", password="pw")
    client.force_login(user)
    assert client.get(REPORT).status_code in (302, 403)
