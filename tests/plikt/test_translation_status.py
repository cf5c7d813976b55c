"""The "Translation status" report and out-of-date tracking."""

import pytest
from django.utils import translation

from plikt.i18n import tracking
from plikt.i18n.report import DRAFT, STATUS_LABELS, TranslationStatusView, status_rows, totals
from plikt.models import ContentPage
from tests.plikt.spreadsheets import read_csv

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
    assert after["se"]["draft"] == before["se"]["draft"] + 1  # saved as a draft, not live
    assert after["se"]["live"] == before["se"]["live"]
    assert after["en"]["outdated"] == before["en"]["outdated"] + 1
    assert after["en"]["live"] == before["en"]["live"] - 1
    for total in after.values():
        parts = total["live"] + total["draft"] + total["missing"] + total["outdated"]
        assert total["fields"] == parts
        assert total["percent"] == round(100 * total["live"] / total["fields"])


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
    en = row_for(page, "en")
    assert en.outdated == []
    assert en.status == DRAFT and en.draft == ["intro"]  # up to date, not yet published


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
    header, *rows = read_csv(response)
    assert len(header) == len(TranslationStatusView.list_export)
    column = {name: position for position, name in enumerate(TranslationStatusView.list_export)}
    with translation.override("nb"):
        outdated_label = str(STATUS_LABELS[tracking.OUTDATED])
        intro = str(ContentPage._meta.get_field("intro").verbose_name)
    outdated = [row for row in rows if row[column["status_label"]] == outdated_label]
    assert [row[column["title"]] for row in outdated] == ["Hvem har avvergingsplikten?"]
    assert outdated[0][column["outdated_labels"]] == intro
    assert {row[column["language_name"]] for row in rows} == {"English"}

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


# --- Live or draft ----------------------------------------------------------------------------

PLACEHOLDER = "Tittel fra en oversetter"  # stands in for a translator's Sámi (never invented)


def import_title(tmp_path, page, language="se", publish=False):
    """A translator's round trip: export the catalog, translate one title, import it."""
    import polib
    from django.core.management import call_command

    exported = tmp_path / f"{language}.po"
    call_command("export_translations", language=language, output=str(exported))
    po = polib.pofile(str(exported))
    context = f"plikt.ContentPage:{page.pk}:title"
    for entry in po:
        if entry.msgctxt == context:
            entry.msgstr = PLACEHOLDER
    po.save(str(exported))
    args = [str(exported), "--language", language] + (["--publish"] if publish else [])
    call_command("import_translations", *args)


def test_draft_only_import_counts_as_draft_and_publishing_moves_it_to_live(
    tmp_path, admin_client, page
):
    before = by_language(status_rows())
    import_title(tmp_path, page)

    se = row_for(page, "se")
    assert se.draft == ["title"] and se.live == []
    after = by_language(status_rows())
    assert after["se"]["live"] == before["se"]["live"]  # nothing new is live
    assert after["se"]["draft"] == before["se"]["draft"] + 1
    assert after["se"]["percent"] == before["se"]["percent"]
    html = admin_client.get(REPORT).content.decode()
    se_totals = html.split('data-language="se"')[1].split("</tr>")[0]
    assert f"<td data-draft>{after['se']['draft']}</td>" in se_totals

    page.refresh_from_db()
    page.get_latest_revision().publish()

    se = row_for(page, "se")
    assert se.live == ["title"] and se.draft == []
    published = by_language(status_rows())
    assert published["se"]["live"] == before["se"]["live"] + 1
    assert published["se"]["draft"] == before["se"]["draft"]


def test_import_with_publish_counts_as_live(tmp_path, page):
    import_title(tmp_path, page, publish=True)
    se = row_for(page, "se")
    assert se.live == ["title"] and se.draft == []


def test_unpublished_page_has_nothing_live(page):
    page.unpublish()
    en = row_for(page, "en")
    assert en.live == [] and set(en.draft) == {"title", "intro", "body"}
    assert en.status == DRAFT


def test_report_filters_translations_waiting_in_draft(admin_client, page):
    draft = page.get_latest_revision_as_object()
    draft.intro_en = "The duty applies to everyone, in new words."
    draft.save_revision()
    response = admin_client.get(REPORT, {"language": "en", "status": DRAFT})
    assert response.status_code == 200
    assert [row.obj.pk for row in response.context["object_list"]] == [page.pk]
    with translation.override("nb"):
        assert str(STATUS_LABELS[DRAFT]) in response.content.decode()


def test_csv_rows_carry_live_draft_section_and_public_address(admin_client, page):
    from offences.models import OffencePage

    draft = page.get_latest_revision_as_object()
    draft.title_se = PLACEHOLDER
    draft.save_revision()
    header, *rows = read_csv(admin_client.get(REPORT, {"export": "csv"}))
    # The admin speaks Norwegian to this editor: so do the headings.
    assert header[:5] == ["Tittel", "Paragraf", "Type", "Språk", "Status"]
    assert header[-1] == "Offentlig adresse"
    column = {name: position for position, name in enumerate(TranslationStatusView.list_export)}

    def row(title, language_name):
        return next(
            r
            for r in rows
            if r[column["title"]] == title and r[column["language_name"]] == language_name
        )

    se = row("Hvem har avvergingsplikten?", "davvisámegiella")
    with translation.override("nb"):
        title_label = str(ContentPage._meta.get_field("title").verbose_name)
    assert se[column["draft_labels"]] == title_label and se[column["live_labels"]] == ""
    assert (se[column["draft_count"]], se[column["live_count"]]) == ("1", "0")
    assert se[column["section"]] == ""
    assert se[column["public_url"]] == "http://localhost/se/hvem-har-plikten/"

    rape = OffencePage.objects.get(section="291")
    en = row("§ 291 Voldtekt", "English")
    assert en[column["section"]] == "§ 291"
    assert en[column["status_label"]] == "Ferdig"
    with translation.override("en"):
        assert en[column["public_url"]] == rape.get_full_url()
    assert "/en/" in en[column["public_url"]]


def test_xlsx_has_the_same_columns_and_values(admin_client):
    pytest.importorskip("openpyxl")
    from tests.plikt.spreadsheets import read_xlsx

    header, *rows = read_xlsx(admin_client.get(REPORT, {"export": "xlsx", "language": "en"}))
    assert header[1] == "Paragraf" and header[-1] == "Offentlig adresse"
    rape = next(r for r in rows if r[0] == "§ 291 Voldtekt")
    assert rape[1] == "§ 291" and rape[4] == "Ferdig" and rape[-1].startswith("http")
