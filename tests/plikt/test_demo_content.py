from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from plikt.models import ContentPage, HomePage


def snapshot():
    return (
        list(Page.objects.order_by("pk").values_list("pk", "path", "url_path", "live")),
        Revision.objects.count(),
        list(Site.objects.values_list("pk", "root_page_id")),
    )


def test_load_demo_content_twice_changes_nothing(db):
    before = snapshot()
    call_command("load_demo_content", verbosity=0)
    assert snapshot() == before


def test_demo_content_is_norwegian_and_english_with_empty_sami_fields(db):
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    pages = ContentPage.objects.child_of(home)
    assert pages.count() >= 3
    for page in pages:
        assert page.title_nb and page.title_en and page.slug_en
        assert not (page.title_se or page.title_sma or page.title_smj)
        assert len(page.body_nb) and len(page.body_en) and not len(page.body_se)


def test_home_page_slug_is_never_translated(db):
    home = HomePage.objects.get()
    assert home.slug_nb == "home"
    assert not any([home.slug_en, home.slug_se, home.slug_sma, home.slug_smj])
