"""The admin reports' spreadsheets, as the editors who open them in Excel see them.

Both reports export through one mixin (plikt.reports.ReadableExportMixin); each test runs
against both, on the real bytes of the file.
"""

import datetime

import pytest
from wagtail.users.models import UserProfile

from offences.models import OffencePage
from plikt.models import ContentPage
from tests.plikt.spreadsheets import BOM, csv_bytes, read_csv

pytestmark = pytest.mark.django_db

LEGAL = "/admin/reports/legal-review/"
STATUS = "/admin/reports/translation-status/"


@pytest.fixture
def editor(client, django_user_model):
    """A signed-in editor whose admin language the test chooses."""
    user = django_user_model.objects.create_superuser("redaktor", "r@example.com", "pw")
    client.force_login(user)

    def speaking(language):
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        return client

    return speaking


@pytest.mark.parametrize("url", [LEGAL, STATUS])
def test_csv_starts_with_a_byte_order_mark_so_excel_reads_utf8(editor, url):
    data = csv_bytes(editor("nb").get(url, {"export": "csv"}))
    assert data.startswith(BOM) and not data.startswith(BOM * 2)
    text = data.decode("utf-8-sig")
    assert "å" in text or "ø" in text  # Norwegian letters, written as UTF-8
    assert "\ufeff" not in text  # only at the very start


@pytest.mark.parametrize(
    ("language", "title", "yes", "no", "status"),
    [("nb", "Tittel", "Ja", "Nei", "Mangler"), ("en", "Title", "Yes", "No", "Missing")],
)
def test_csv_speaks_the_admin_users_language(editor, language, title, yes, no, status):
    client = editor(language)
    header, *rows = read_csv(client.get(LEGAL, {"export": "csv"}))
    assert header[0] == title
    flags = {
        row[
            header.index({"nb": "Trenger juridisk gjennomgang"}.get(language, "Needs legal review"))
        ]
        for row in rows
    }
    assert flags == {yes, no}

    header, *rows = read_csv(client.get(STATUS, {"export": "csv", "language": "se"}))
    assert header[0] == title
    assert {row[4] for row in rows} == {status}  # what the screen says, not "missing"


@pytest.mark.parametrize(("language", "shown"), [("nb", "31.01.2020"), ("en", "01/31/2020")])
def test_csv_dates_read_as_on_screen(editor, language, shown):
    page = OffencePage.objects.get(section="282")
    page.last_legal_review = datetime.date(2020, 1, 31)
    page.save_revision().publish()
    client = editor(language)
    header, *rows = read_csv(client.get(LEGAL, {"export": "csv"}))
    row = next(r for r in rows if r[0] == page.get_admin_display_title())
    assert shown in row
    assert shown in client.get(LEGAL).content.decode()


def test_xlsx_keeps_real_dates_and_words_for_yes_and_no(editor):
    pytest.importorskip("openpyxl")
    from tests.plikt.spreadsheets import read_xlsx

    page = OffencePage.objects.get(section="282")
    page.last_legal_review = datetime.date(2020, 1, 31)
    page.save_revision().publish()
    header, *rows = read_xlsx(editor("nb").get(LEGAL, {"export": "xlsx"}))
    row = next(r for r in rows if r[0] == page.get_admin_display_title())
    reviewed = row[header.index("Siste juridiske gjennomgang")]
    assert isinstance(reviewed, datetime.date)  # a date Excel can sort, not text
    assert reviewed.timetuple()[:3] == (2020, 1, 31)
    assert row[header.index("Trenger juridisk gjennomgang")] in {"Ja", "Nei"}


@pytest.mark.parametrize("url", [LEGAL, STATUS])
def test_report_titles_keep_whole_words(editor, url):
    """Wagtail's listing lets a narrow title column break inside words; the reports' own
    stylesheet (static/css/admin-reports.css) stops that. The browser walk looked at it."""
    html = editor("nb").get(url).content.decode()
    assert "/static/css/admin-reports" in html


@pytest.mark.parametrize("url", [LEGAL, STATUS])
def test_csv_writes_a_title_that_looks_like_a_formula_as_text(editor, url):
    """Opened in Excel, a cell starting with ``=`` runs as a formula (a link out, a lookup):
    the CSV must hand the editor the title as text, as the XLSX export does."""
    page = ContentPage.objects.live().order_by("path").first()
    page.title = page.title_nb = '=HYPERLINK("https://example.com","Klikk")'
    page.save_revision().publish()
    header, *rows = read_csv(editor("nb").get(url, {"export": "csv", "language": "se"}))
    titles = [row[0] for row in rows]
    assert "'" + page.title_nb in titles
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)
