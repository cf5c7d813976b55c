from modeltranslation.translator import translator
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from offences.models import (
    Law,
    OffenceCategory,
    OffenceIndexPage,
    OffencePage,
    section_sort_key,
)


def test_offence_fields_that_readers_read_are_translated_and_legal_ones_are_not():
    fields = translator.get_options_for_model(OffencePage).get_field_names()
    assert {"title", "official_title", "summary", "special_conditions", "body"} <= set(fields)
    assert not {"law", "section", "letter", "category"} & set(fields)
    assert {"name", "description"} <= set(
        translator.get_options_for_model(OffenceCategory).get_field_names()
    )


def test_lovdata_link_is_built_from_law_and_section(db):  # a new Page reads its content type
    page = OffencePage(law=Law.STRAFFELOVEN, section="282")
    assert page.lovdata_url == "https://lovdata.no/lov/2005-05-20-28/§282"
    assert page.legislation_identifier == "straffeloven § 282"
    assert not page.lovdata_is_search


def test_laws_without_a_confirmed_lovdata_id_link_to_a_lovdata_search(db):
    page = OffencePage(law=Law.SIKKERHETSLOVEN, section="7-5")
    assert page.lovdata_is_search
    assert page.lovdata_url.startswith("https://lovdata.no/sok?q=")
    assert "7-5" in page.lovdata_url
    assert page.legislation_identifier == "sikkerhetsloven § 7-5"


def test_sections_sort_by_number_not_text():
    assert sorted(["96", "50", "52"], key=section_sort_key) == ["50", "52", "96"]
    assert sorted(["7-10", "7-5", "11-4"], key=section_sort_key) == ["7-5", "7-10", "11-4"]


def offence_form(category, **fields):
    data = {
        "title_nb": "Nytt lovbrudd",
        "slug_nb": "nytt-lovbrudd",
        "title_en": "New offence",
        "slug_en": "new-offence",
        "law": "straffeloven",
        "section": "999",
        "letter": "a",
        "category": category.pk,
        "official_title_nb": "Offisiell tittel",
        "summary_nb": "Kort, enkel forklaring.",
        "summary_en": "Short, plain explanation.",
        "body_nb": streamfield([("text", rich_text("<p>Mer om lovbruddet.</p>"))]),
        "needs_legal_review": "on",
        "legal_review_note": "Sjekk tittelen.",
        "action-publish": "publish",
    }
    for code in ("en", "se", "sma", "smj"):
        data[f"body_{code}"] = streamfield([])
    data.update(fields)
    return nested_form_data(data)


def test_editor_adds_an_offence_with_norwegian_summary_only_in_the_admin(admin_client):
    index = OffenceIndexPage.objects.get()
    category = OffenceCategory.objects.get(key="violence")
    response = admin_client.post(
        f"/admin/pages/add/offences/offencepage/{index.pk}/", offence_form(category)
    )
    assert response.status_code == 302, response.content[:3000]
    page = OffencePage.objects.get(slug_nb="nytt-lovbrudd")
    assert page.live and page.section == "999" and page.category == category
    assert page.needs_legal_review and page.legal_review_note == "Sjekk tittelen."
    assert admin_client.get("/lovbrudd/nytt-lovbrudd/").status_code == 200
    assert admin_client.get("/en/offences/new-offence/").status_code == 200


def test_offence_without_norwegian_summary_is_refused(admin_client):
    index = OffenceIndexPage.objects.get()
    category = OffenceCategory.objects.get(key="violence")
    response = admin_client.post(
        f"/admin/pages/add/offences/offencepage/{index.pk}/",
        offence_form(category, summary_nb=""),
    )
    assert response.status_code == 200  # the form comes back with an error
    assert not OffencePage.objects.filter(slug_nb="nytt-lovbrudd").exists()


def test_editor_adds_a_category_snippet_with_only_a_norwegian_name(admin_client):
    response = admin_client.post(
        "/admin/snippets/offences/offencecategory/add/",
        {"name_nb": "Ny kategori", "key": "new-category", "sort_order": "5"},
    )
    assert response.status_code == 302, response.content[:3000]
    category = OffenceCategory.objects.get(key="new-category")
    assert category.name_nb == "Ny kategori" and not category.name_se
