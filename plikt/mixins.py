"""Fields and behaviour shared by several page types."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class LegalReviewMixin(models.Model):
    """Marks content that rests on legal facts, so the "Legal review" report can list it.

    Seeded text built on an unconfirmed fact starts with ``needs_legal_review`` set; an editor
    clears it after checking the text against Lovdata.
    """

    last_legal_review = models.DateField(
        _("last legal review"),
        null=True,
        blank=True,
        help_text=_("The date a lawyer or editor last checked this text against the law."),
    )
    needs_legal_review = models.BooleanField(
        _("needs legal review"),
        default=False,
        help_text=_("Set when the text rests on a fact that has not been confirmed."),
    )
    legal_review_note = models.TextField(
        _("note for the reviewer"),
        blank=True,
        help_text=_("What to check, and against which source."),
    )

    legal_review_panels = [
        MultiFieldPanel(
            [
                FieldPanel("needs_legal_review"),
                FieldPanel("last_legal_review"),
                FieldPanel("legal_review_note"),
            ],
            heading=_("Legal review"),
        )
    ]

    class Meta:
        abstract = True
