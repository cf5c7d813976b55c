"""The admin's "Translation files" screen: the same export and import, for translators."""

import html

import polib
import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from wagtail.users.models import UserProfile

from plikt.i18n import tracking
from plikt.i18n.po import export_catalog
from plikt.models import ContentPage
from tests.plikt.test_translation_po import (
    HEADER,
    give_two_piece_body,
    lang_of,
    page_entries,
    title_entry,
)

URL = "/admin/translation-files/"


@pytest.fixture
def translator_client(client, db, django_user_model):
    user = django_user_model.objects.create_user("oversetter", password="pw")
    user.groups.add(Group.objects.get(name="Translators"))
    client.force_login(user)
    client.session_user = user
    return client


def upload(po, name="se.po"):
    return SimpleUploadedFile(name, str(po).encode(), content_type="text/x-gettext-translation")


def test_translator_downloads_a_po_file_for_a_language(translator_client):
    response = translator_client.get(URL, {"language": "sma", "only": "missing"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    po = polib.pofile(response.content.decode())
    assert po.metadata["Language"] == "sma"
    assert len(po) > 0


def test_translator_uploads_a_translation_and_gets_drafts_not_published_pages(translator_client):
    page = ContentPage.objects.get(slug_nb="hvem-har-plikten")
    po = export_catalog("se", "missing")
    for entry in po:
        if entry.msgctxt.startswith(f"plikt.ContentPage:{page.pk}:"):
            entry.msgstr = f"SE {entry.msgid}"
    response = translator_client.post(URL, {"language": "se", "file": upload(po), "publish": "on"})
    assert response.status_code == 200
    assert "Hvem har avvergingsplikten?" in response.content.decode()  # in the summary
    page.refresh_from_db()
    assert not page.title_se  # translators cannot publish, even when asking to
    assert page.get_latest_revision_as_object().title_se == f"SE {page.title_nb}"


def test_upload_of_something_that_is_not_a_po_file_is_a_friendly_error(translator_client):
    bad = SimpleUploadedFile("x.po", b"\xff\xfe\x00binary", content_type="text/plain")
    response = translator_client.post(URL, {"language": "se", "file": bad})
    assert response.status_code == 400
    with translation.override("nb"):  # the admin speaks the editor's language
        message = translation.gettext(
            "The file is not UTF-8 text, so it cannot be a PO file exported here. "
            "Upload the .po file itself (not a Word or PDF file), saved as UTF-8."
        )
    assert message in response.content.decode()


def test_upload_naming_a_server_path_is_read_as_content_not_opened(translator_client, settings):
    path = str(settings.BASE_DIR / "locale" / "nb" / "LC_MESSAGES" / "django.po")
    response = translator_client.post(
        URL, {"language": "se", "file": SimpleUploadedFile("x.po", path.encode())}
    )
    assert response.status_code == 400  # a path is not a PO file
    assert b"Project-Id-Version" not in response.content


def test_bad_export_parameters_show_the_form_again(translator_client):
    response = translator_client.get(URL, {"language": "xx", "only": "all"})
    assert response.status_code == 200
    assert "attachment" not in response.get("Content-Disposition", "")


def test_users_without_the_permission_are_refused(client, db, django_user_model):
    user = django_user_model.objects.create_user("someone", password="pw")
    user.groups.add(Group.objects.get(name="Editors"))
    Group.objects.get(name="Editors").permissions.remove(
        *Group.objects.get(name="Editors").permissions.filter(codename="exchange_translations")
    )
    client.force_login(user)
    assert client.get(URL).status_code in (302, 403)


# --- Piece by piece, and messages a translator can act on -----------------------------------


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def upload_text(text: str, encoding="utf-8"):
    return SimpleUploadedFile("se.po", text.encode(encoding), content_type="text/plain")


@pytest.fixture
def page(db):
    return ContentPage.objects.get(slug_nb="hvem-har-plikten")


def test_one_of_two_body_pieces_uploaded_is_kept_in_the_draft(translator_client, client, page):
    give_two_piece_body(page)
    po = export_catalog("se", "missing")
    first = next(e for e in page_entries(po, page) if ":body:" in e.msgctxt)
    first.msgstr = "TEST-SE første tekstbit"

    response = translator_client.post(URL, {"language": "se", "file": upload(po)})

    assert response.status_code == 200
    with translation.override("nb"):
        expected = translation.gettext(
            "%(object)s: %(field)s, %(n)d of %(total)d pieces still untranslated "
            "(shown in Norwegian until translated)"
        ) % {"object": "", "field": "", "n": 1, "total": 2}
    assert expected.split(", ", 1)[1] in page_text(response)
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert "TEST-SE første tekstbit" in str(draft.body_se)
    status = tracking.object_status(draft, ("se",))["se"]
    assert "body" in status.missing
    # A moderator publishes the draft; the reader sees the rest in Norwegian, marked.
    draft.save_revision().publish()
    public = client.get("/se/hvem-har-plikten/").content.decode()
    assert lang_of(public, "TEST-SE første tekstbit") == "se"
    assert lang_of(public, "Andre tekstbit i brødteksten.") == "nb"


def nb(message: str, **values) -> str:
    with translation.override("nb"):
        text = translation.gettext(message)
    return text % values if values else text


def test_an_unterminated_string_is_shown_with_its_line(translator_client, page):
    text = HEADER.format(code="se") + title_entry(page, '"TEST-SE tittel')
    response = translator_client.post(URL, {"language": "se", "file": upload_text(text)})
    assert response.status_code == 400
    body = page_text(response)
    assert (
        nb(
            "Line %(line)d of the file is not valid PO, for example a text without its "
            "closing quotation mark. Open the file in a PO editor (such as Poedit) or a text "
            "editor, correct line %(line)d and upload it again.",
            line=8,
        )
        in body
    )


@pytest.mark.parametrize("content", ["\n\n", ""], ids=["blank lines", "no bytes"])
def test_an_empty_upload_says_it_is_empty(translator_client, db, content):
    response = translator_client.post(URL, {"language": "se", "file": upload_text(content)})
    assert response.status_code == 400
    assert nb(
        "The file is empty. Upload the .po file you translated, saved with its entries."
    ) in page_text(response)


def test_an_upload_with_a_byte_order_mark_is_imported(translator_client, page):
    text = HEADER.format(code="se") + title_entry(page)
    response = translator_client.post(
        URL, {"language": "se", "file": upload_text(text, "utf-8-sig")}
    )
    assert response.status_code == 200
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().title_se == "TEST-SE tittel"


def test_an_upload_for_another_language_is_refused_naming_both(translator_client, page):
    text = HEADER.format(code="sma") + title_entry(page)
    response = translator_client.post(URL, {"language": "se", "file": upload_text(text)})
    assert response.status_code == 400
    message = nb(
        "This file is for %(file)s, but you chose %(chosen)s. Nothing was imported. "
        "Choose %(file)s to import it, or upload the file translated into %(chosen)s.",
        file="åarjelsaemien gïele (sma)",
        chosen="davvisámegiella (se)",
    )
    assert message in page_text(response)
    page.refresh_from_db()
    latest = page.get_latest_revision_as_object()
    assert not latest.title_se and not latest.title_sma


def test_a_stale_entry_is_named_by_title_and_field_in_english_for_an_english_admin(
    translator_client, page
):
    profile = UserProfile.get_for_user(translator_client.session_user)
    profile.preferred_language = "en"
    profile.save()
    po = export_catalog("se", "missing")
    for entry in page_entries(po, page):
        entry.msgstr = f"SE {entry.msgid}"
    draft = page.get_latest_revision_as_object()
    draft.intro_nb = "En ny norsk innledning."
    with translation.override("nb"):
        draft.save_revision()

    response = translator_client.post(URL, {"language": "se", "file": upload(po)})

    body = page_text(response)
    assert f"«{page.title_nb}», intro" in body
    assert f"plikt.ContentPage:{page.pk}:intro" not in body
    assert "Export the file again" in body
