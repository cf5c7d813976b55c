"""The Translators group: edit and submit for moderation, never publish."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, Workflow
from wagtail.permissions import policy_registry
from wagtail.snippets.models import get_snippet_models

from plikt.i18n.permissions import translatable_snippet_models
from plikt.models import ContentPage


@pytest.fixture
def translator(db, django_user_model):
    user = django_user_model.objects.create_user("oversetter", password="pw")
    user.groups.add(Group.objects.get(name="Translators"))
    return user


def test_translator_can_edit_and_submit_but_not_publish_pages(translator):
    page = ContentPage.objects.get(slug_nb="hvem-har-plikten")
    perms = page.permissions_for_user(translator)
    assert perms.can_edit()
    assert perms.can_add_subpage()
    assert perms.can_submit_for_moderation()
    assert not perms.can_publish()
    assert not perms.can_unpublish()
    assert not perms.can_delete()
    assert translator.has_perm("wagtailadmin.access_admin")
    assert translator.has_perm("plikt.exchange_translations")


def test_translator_submits_a_sami_draft_for_review_through_the_admin(client, translator):
    client.force_login(translator)
    page = ContentPage.objects.get(slug_nb="hvem-har-plikten")
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    assert b'name="action-publish"' not in edit.content
    assert b'name="action-submit"' in edit.content

    workflow = page.get_workflow()
    assert workflow is not None and workflow.name == "Gjennomgang av oversettelser"


def test_translation_review_is_approved_by_moderators_and_editors(db):
    workflow = Workflow.objects.get(name="Gjennomgang av oversettelser")
    (task,) = [task.specific for task in workflow.tasks]
    assert {group.name for group in task.groups.all()} >= {"Moderators", "Editors"}
    home = Page.objects.get(depth=2)
    assert home.get_workflow() == workflow


def test_translator_may_edit_but_not_publish_every_translatable_snippet(translator):
    models = translatable_snippet_models()
    if not models:
        pytest.skip("no translatable snippet models are registered yet")
    assert set(models) <= set(get_snippet_models())
    for model in models:
        policy = policy_registry.get_by_type(model)
        assert policy.user_has_permission(translator, "change"), model
        assert policy.user_has_permission(translator, "add"), model
        assert not policy.user_has_permission(translator, "publish"), model
        assert not policy.user_has_permission(translator, "delete"), model


def test_translator_can_open_the_report_and_the_files_screen(client, translator):
    client.force_login(translator)
    assert client.get("/admin/reports/translation-status/").status_code == 200
    assert client.get("/admin/translation-files/").status_code == 200
