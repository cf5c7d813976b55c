"""The moderation workflows get Norwegian names: editors read them in the admin as they are.

Wagtail shows a workflow's and a task's name as stored («Send inn til Translation review»), it
does not translate them. The site's editors work in Norwegian, so the names are Norwegian:
``plikt.i18n.permissions.WORKFLOW`` for new sites, and this migration for existing ones. It
also renames Wagtail's own default workflow, which its migration names in English.
Going back leaves the names alone (the earlier migrations find the workflow by the new name).
"""

from django.db import migrations

from plikt.i18n.permissions import WORKFLOW

RENAMED = {
    "Translation review": WORKFLOW,
    "Moderators approval": "Godkjenning av moderator",  # wagtailcore 0048_add_default_workflows
}


def rename(apps, schema_editor):
    for model in ("Workflow", "Task"):
        objects = apps.get_model("wagtailcore", model).objects
        for old, new in RENAMED.items():
            if not objects.filter(name=new).exists():
                objects.filter(name=old).update(name=new)


class Migration(migrations.Migration):
    dependencies = [
        ("plikt", "0005_search_reader_text_only"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
