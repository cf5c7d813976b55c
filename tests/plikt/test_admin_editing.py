from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from plikt.models import ContentPage


def page_form(**fields):
    data = {
        "title_nb": "Ny side",
        "slug_nb": "ny-side",
        "title_en": "New page",
        "slug_en": "new-page",
        "intro_nb": "Kort innledning.",
        "intro_en": "Short introduction.",
        "body_nb": streamfield([("text", rich_text("<p>Norsk tekst.</p>"))]),
        "body_en": streamfield([("text", rich_text("<p>English text.</p>"))]),
        "action-publish": "publish",
    }
    for code in ("se", "sma", "smj"):
        data[f"body_{code}"] = streamfield([])
    data.update(fields)
    return nested_form_data(data)


def test_editor_creates_and_publishes_a_page_in_norwegian_and_english(admin_client, home):
    response = admin_client.post(f"/admin/pages/add/plikt/contentpage/{home.pk}/", page_form())
    assert response.status_code == 302, response.content[:2000]
    page = ContentPage.objects.get(slug_nb="ny-side")
    assert page.live
    assert page.title_en == "New page"

    nb = admin_client.get("/ny-side/")
    en = admin_client.get("/en/new-page/")
    assert b"Norsk tekst." in nb.content
    assert b"English text." in en.content
    assert b'lang="en"' in en.content


def test_editor_copies_a_page_giving_each_language_a_new_slug(admin_client, home):
    original = ContentPage.objects.get(slug_nb="hvem-har-plikten")
    data = {"new_parent_page": home.pk, "publish_copies": "on"}
    for code in ("nb", "en", "se", "sma", "smj"):
        data[f"new_title_{code}"] = getattr(original, f"title_{code}") or ""
        data[f"new_slug_{code}"] = ""
    data.update(
        new_title_nb="Kopi",
        new_slug_nb="kopi",
        new_title_en="Copy",
        new_slug_en="copy",
    )
    response = admin_client.post(f"/admin/pages/{original.pk}/copy/", data)
    assert response.status_code == 302, response.content[:2000]

    copy = ContentPage.objects.get(slug_nb="kopi")
    assert copy.slug_en == "copy"
    assert copy.pk != original.pk
    assert admin_client.get("/kopi/").status_code == 200
    assert admin_client.get("/en/copy/").status_code == 200
    # The original keeps its own addresses.
    assert admin_client.get("/en/who-has-the-duty/").status_code == 200
