"""An editor never loses text silently: a save that fails because the database is unreachable
gives a 503 page in the editor's language, and the browser's Back button returns to the
filled-in form, rich text included; saving again once the database is back keeps it all.

The outage is made in this process (the live server shares it): every query fails as it does
on a connection whose PostgreSQL has gone away; tests/plikt/test_outages.py stops a real one.
Back restores the page from Chromium's back/forward cache, which Playwright turns off by
default (``--disable-back-forward-cache``) and the browsers editors use have on, so this test
starts a Chromium of its own without that flag.
"""

from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import OperationalError

from plikt.models import ContentPage
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, EDITOR_PASSWORD, sign_in_to_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

TITLE = "Hvem har plikten? Skrevet mens databasen var nede"
BODY = "En setning skrevet mens databasen var nede."


@contextmanager
def database_down():
    gone = OperationalError("server closed the connection unexpectedly")
    with (
        mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=gone),
        mock.patch("django.db.backends.utils.CursorWrapper.executemany", side_effect=gone),
    ):
        yield


@pytest.fixture
def editor(django_user_model):
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_superuser("redaktor", "r@example.com", EDITOR_PASSWORD)
    # The editor reads the admin in English although the browser asks for Norwegian: the 503
    # page must follow the editor's own choice, which lives in the database.
    UserProfile.get_for_user(user).__class__.objects.filter(user=user).update(
        preferred_language="en"
    )
    return user


@pytest.fixture
def editor_tab(browser, browser_server, shared_connection, editor):
    chromium = browser.browser_type.launch(
        executable_path=str(CHROMIUM),
        args=CHROMIUM_ARGS,
        ignore_default_args=["--disable-back-forward-cache"],
    )
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    page = context.new_page()
    sign_in_to_admin(page, browser_server.url)
    yield page
    chromium.close()


def test_a_save_during_a_database_outage_says_so_and_back_returns_to_the_filled_in_form(
    editor_tab, browser_server
):
    page = editor_tab
    duty = ContentPage.objects.get(slug_nb="hvem-har-plikten")
    page.goto(f"{browser_server.url}/admin/pages/{duty.pk}/edit/")
    page.fill("#id_title_nb", TITLE)
    rich_text = page.locator(".public-DraftEditor-content").first
    rich_text.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" " + BODY)

    with database_down():
        with page.expect_navigation() as navigation:
            page.locator("button.action-save").first.click()
        assert navigation.value.status == 503
        assert navigation.value.headers["retry-after"]
        heading = page.locator("h1").inner_text()
        text = page.locator("main").inner_text()
        assert heading == "Your change was not saved"  # the editor's language, not nb
        assert "Back button" in text

        page.go_back(wait_until="commit")
        page.locator("#id_title_nb").wait_for()
        assert page.input_value("#id_title_nb") == TITLE
        assert BODY in page.locator(".public-DraftEditor-content").first.inner_text()

    # The database is back: the same form saves, with everything the editor wrote.
    save = page.locator("button.action-save").first
    assert save.is_enabled()
    with page.expect_navigation() as navigation:
        save.click()
    assert navigation.value.status == 200
    draft = ContentPage.objects.get(pk=duty.pk).get_latest_revision_as_object()
    assert draft.title_nb == TITLE
    assert BODY in str(draft.body_nb)
