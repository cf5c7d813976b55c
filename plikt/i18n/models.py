"""What each translation was made against: the basis of out-of-date tracking.

One row per translated field, language and object says which Norwegian text the translation
was made from (a hash to compare, and the segments themselves so an export can show the
translator exactly what changed). When the Norwegian text's hash no longer matches, the
translation is out of date. The row is written when a translator saves a changed translation
(in the admin, by import, or by confirming an unchanged one in an import).

The model belongs to the ``plikt`` app (``plikt/models.py`` imports it) so its migration lives
with the app's other migrations.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationSource(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    field = models.CharField(max_length=100)
    language = models.CharField(max_length=10)
    source_hash = models.CharField(max_length=64)
    source = models.JSONField(
        default=dict, help_text=_("The Norwegian segments the translation was made against.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "plikt"
        verbose_name = _("translation source")
        verbose_name_plural = _("translation sources")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="unique_translation_source",
            )
        ]
        permissions = [("exchange_translations", _("Can export and import translation files"))]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id}:{self.field}:{self.language}"
