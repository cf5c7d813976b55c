"""The demo content is read from TOML files (plikt.content_files): what editors and reviewers
rely on when they change a file."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from wagtail.models import Page

from plikt import content_files
from plikt.content_files import ContentFileError
from plikt.models import ContentPage

pytestmark = pytest.mark.django_db

PAGE = """
type = "plikt.ContentPage"

[nb]
slug = "{slug}"
title = "{title}"

[[nb.body]]
type = "text"
text = "{text}"
"""


def write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_every_page_file_of_the_demo_is_a_published_page_in_norwegian_and_english():
    files = [
        path
        for folder in content_files.app_page_folders()
        for path, _ in content_files.page_files(folder)
    ]
    assert len(files) >= 25
    for path in files:
        slug = content_files.read(path)["nb"]["slug"]
        page = Page.objects.get(slug_nb=slug)
        assert page.live and page.title_en and page.slug_en, path
        assert not (page.title_se or page.title_sma or page.title_smj), path


def test_a_page_link_in_a_file_takes_readers_to_the_page_in_their_language(client):
    page = ContentPage.objects.get(slug_nb="hva-er-avvergingsplikten")
    with translation.override("en"):
        target = Page.objects.get(slug_nb="slik-avverger-du").get_url()
        url = page.get_url()
    soup = BeautifulSoup(client.get(url).content, "lxml")
    assert target == "/en/what-you-can-do/how-to-avert/"
    assert soup.select_one(f'main a[href="{target}"]').get_text(strip=True) == "How to avert"


def test_a_page_may_link_to_a_page_that_is_planted_after_it(home, tmp_path):
    write(
        tmp_path,
        "10-first.toml",
        PAGE.format(slug="first", title="Første", text="Les [neste](page:second)."),
    )
    write(tmp_path, "20-second.toml", PAGE.format(slug="second", title="Andre", text="Slutt."))
    content_files.plant(home, tmp_path)
    first = ContentPage.objects.get(slug_nb="first")
    assert not first.live  # a draft until every page exists
    content_files.publish_planted(home, [tmp_path])
    first.refresh_from_db()
    second = ContentPage.objects.get(slug_nb="second")
    assert first.live and second.live
    assert f'<a linktype="page" id="{second.pk}">neste</a>' in first.body_nb[0].value.source
    assert first.revisions.count() == second.revisions.count() == 1


def test_loading_a_folder_again_changes_nothing(home, tmp_path):
    write(tmp_path, "10-only.toml", PAGE.format(slug="only", title="Eneste", text="Tekst."))
    for _ in range(2):
        content_files.plant(home, tmp_path)
        content_files.publish_planted(home, [tmp_path])
    page = ContentPage.objects.get(slug_nb="only")
    assert page.revisions.count() == 1


def test_a_folder_beside_a_page_file_holds_its_children(home, tmp_path):
    write(tmp_path, "10-parent.toml", PAGE.format(slug="parent", title="Forelder", text="Over."))
    write(
        tmp_path / "10-parent",
        "10-child.toml",
        PAGE.format(slug="child", title="Barn", text="Under."),
    )
    content_files.plant(home, tmp_path)
    child = ContentPage.objects.get(slug_nb="child")
    assert child.get_parent().slug_nb == "parent"


def test_a_file_with_sami_text_is_refused(home, tmp_path):
    write(
        tmp_path,
        "10-se.toml",
        PAGE.format(slug="se", title="Tittel", text="Tekst.")
        + """
[se]
title = "Not written by a qualified translator"
""",
    )
    with pytest.raises(ContentFileError, match="Sámi text comes from qualified translators"):
        content_files.plant(home, tmp_path)
    assert not Page.objects.filter(slug_nb="se").exists()


@pytest.mark.parametrize(
    "block, message",
    [
        ('type = "callout"\nvariant = "dangr"\ntext = "Ring."', "body 2 variant: .*dangr"),
        ('type = "banner"\ntext = "Ring."', "'banner' is not one of"),
        ('type = "text"\ntext = "Se [siden](page:finnes-ikke)."', "no page has the Norwegian slug"),
        ('type = "text"\ntext = "## Overskrift"', "use ### or ####"),
        ('type = "heading"\nheading = "Feil felt"', "heading has no field heading"),
    ],
)
def test_a_mistake_in_a_file_is_reported_with_the_file_named(home, tmp_path, block, message):
    write(
        tmp_path,
        "10-wrong.toml",
        PAGE.format(slug="wrong", title="Feil", text="Tekst.") + f"\n[[nb.body]]\n{block}\n",
    )
    content_files.plant(home, tmp_path)
    with pytest.raises(ContentFileError, match=message) as error:
        content_files.publish_planted(home, [tmp_path])
    assert "10-wrong.toml" in str(error.value)


def test_markdown_in_a_file_never_lets_html_or_script_links_through():
    html = content_files.rich_text("<script>alert(1)</script> [lenke](javascript:alert(1))")
    assert "<script>" not in html and "javascript:" not in html.replace("(javascript:", "")
    assert (
        content_files.rich_text("Ring [112](tel:112).") == '<p>Ring <a href="tel:112">112</a>.</p>'
    )
