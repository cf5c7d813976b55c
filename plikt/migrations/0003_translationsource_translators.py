"""Out-of-date tracking for translations, and the Translators group with its workflow."""

import django.db.models.deletion
from django.db import migrations, models

from plikt.i18n.permissions import create_translators, remove_translators


class Migration(migrations.Migration):

    dependencies = [
        ("plikt", "0002_search_text"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [
        migrations.CreateModel(
            name="TranslationSource",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("object_id", models.CharField(max_length=64)),
                ("field", models.CharField(max_length=100)),
                ("language", models.CharField(max_length=10)),
                ("source_hash", models.CharField(max_length=64)),
                ("source", models.JSONField(default=dict, help_text="The Norwegian segments the translation was made against.")),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("content_type", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="contenttypes.contenttype")),
            ],
            options={
                "verbose_name": "translation source",
                "verbose_name_plural": "translation sources",
                "permissions": [("exchange_translations", "Can export and import translation files")],
                "constraints": [models.UniqueConstraint(fields=("content_type", "object_id", "field", "language"), name="unique_translation_source")],
            },
        ),
        migrations.RunPython(create_translators, remove_translators),
    ]
