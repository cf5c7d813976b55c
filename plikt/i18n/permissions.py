"""The Translators group and the review workflow («Gjennomgang av oversettelser»).

In Wagtail, what a group may do with pages is a ``GroupPagePermission`` on a page, inherited by
everything below it: "add" and "change" let a member create and edit pages and save drafts,
and submitting a draft for moderation needs nothing more. Without "publish", every change a
translator makes waits for approval. Approval is a *workflow*: a chain of tasks, here a single
``GroupApprovalTask`` for Moderators and Editors, linked to the root page so it covers the site.

Snippets have ordinary Django model permissions (``add_<model>``, ``change_<model>``) and,
when they keep drafts, their own ``publish_<model>``, which translators never get.

:func:`create_translators` runs in a data migration (``plikt/migrations/0002_...``) with the
historical models. Snippet models come from other apps, some added after that migration, so
:func:`grant_snippet_permissions` runs after every ``migrate`` (a ``post_migrate`` handler
connected in ``PliktConfig.ready``) and grants add/change/view on every *translatable*
registered snippet model it finds, and puts snippet models with workflows into the same
workflow unless another one is already assigned.
"""

GROUP = "Translators"
WORKFLOW = "Gjennomgang av oversettelser"  # shown as stored: «Send inn til Gjennomgang av ...»
REVIEWER_GROUPS = ("Moderators", "Editors")
PAGE_PERMISSIONS = ("add_page", "change_page")


def create_translators(apps, schema_editor=None):
    """Data migration: the group, its admin and page permissions, and the workflow."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrate; the ones we grant must exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    translators, _ = Group.objects.get_or_create(name=GROUP)
    translators.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="plikt", codename="exchange_translations"),
    )
    reviewers = list(Group.objects.filter(name__in=REVIEWER_GROUPS))
    for group in reviewers:
        group.permissions.add(
            Permission.objects.get(
                content_type__app_label="plikt", codename="exchange_translations"
            )
        )

    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is not None:
        for codename in PAGE_PERMISSIONS:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=translators, page=root, permission=permission
            )

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=WORKFLOW).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW, content_type=task_type, active=True)
    task.groups.add(*reviewers)
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    if root is not None:
        # One workflow per page: this replaces Wagtail's default "Moderators approval" there.
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


def remove_translators(apps, schema_editor=None):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name=WORKFLOW).delete()


def translatable_snippet_models() -> list:
    from wagtail.snippets.models import get_snippet_models

    from plikt.i18n.tracking import translatable_models

    registered = set(translatable_models())
    return [model for model in get_snippet_models() if model in registered]


def grant_snippet_permissions(**kwargs) -> None:
    """post_migrate: translators may add, change and view every translatable snippet."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Workflow, WorkflowContentType, WorkflowMixin

    translators = Group.objects.filter(name=GROUP).first()
    if translators is None:
        return  # the data migration has not run (e.g. migrating backwards)
    workflow = Workflow.objects.filter(name=WORKFLOW, active=True).first()
    models = translatable_snippet_models()
    # post_migrate reaches plikt before apps listed after it, whose permissions Django has
    # not created yet: create them now (it is idempotent).
    for app_label in {model._meta.app_label for model in models}:
        create_permissions(global_apps.get_app_config(app_label), verbosity=0)
    for model in models:
        content_type = ContentType.objects.get_for_model(model)
        codenames = [f"{action}_{model._meta.model_name}" for action in ("add", "change", "view")]
        translators.permissions.add(
            *Permission.objects.filter(content_type=content_type, codename__in=codenames)
        )
        if workflow is not None and issubclass(model, WorkflowMixin):
            WorkflowContentType.objects.get_or_create(
                content_type=content_type, defaults={"workflow": workflow}
            )
