"""The admin's "Translation files" screen: the same export and import, for translators."""

import polib
import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from plikt.i18n.po import export_catalog
from plikt.models import ContentPage

URL = "/admin/translation-files/"


@pytest.fixture
def translator_client(client, db, django_user_model):
    user = django_user_model.objects.create_user("oversetter", password="pw")
    user.groups.add(Group.objects.get(name="Translators"))
    client.force_login(user)
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
    response = translator_client.post(URL, {"file": upload(po), "publish": "on"})
    assert response.status_code == 200
    assert "Hvem har avvergingsplikten?" in response.content.decode()  # in the summary
    page.refresh_from_db()
    assert not page.title_se  # translators cannot publish, even when asking to
    assert page.get_latest_revision_as_object().title_se == f"SE {page.title_nb}"


def test_upload_of_something_that_is_not_a_po_file_is_a_friendly_error(translator_client):
    bad = SimpleUploadedFile("x.po", b"\xff\xfe\x00binary", content_type="text/plain")
    response = translator_client.post(URL, {"file": bad})
    assert response.status_code == 400
    with translation.override("nb"):  # the admin speaks the editor's language
        message = translation.gettext("This is not a readable PO file.")
    assert message in response.content.decode()


def test_upload_naming_a_server_path_is_read_as_content_not_opened(translator_client, settings):
    path = str(settings.BASE_DIR / "locale" / "nb" / "LC_MESSAGES" / "django.po")
    response = translator_client.post(URL, {"file": SimpleUploadedFile("x.po", path.encode())})
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
