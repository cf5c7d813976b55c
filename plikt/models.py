"""Core page types: the home page and a general content page.

A Wagtail page type is a Django model that inherits from ``Page``: each instance is a node in
the page tree with a URL made of its ancestors' slugs. Text fields are translated by
wagtail-modeltranslation (see ``plikt/translation.py``), which adds one column per language
(``title_nb``, ``title_en``, ``title_se`` ...) to a single page, so every language shares one
tree, one set of revisions and one moderation workflow.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets import AdminAutoHeightTextInput
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from plikt import cache
from plikt.blocks import BodyBlock
from plikt.i18n.models import TranslationSource  # noqa: F401 - out-of-date tracking
from plikt.i18n.preview import LanguagePreviewMixin
from plikt.mixins import LegalReviewMixin
from plikt.page_forms import SitePageForm
from plikt.slugs import AsciiSlugMixin


def short_text_panel(name: str) -> FieldPanel:
    """A panel for a sentence or two: three lines, growing as the editor writes.

    Wagtail gives a model ``TextField`` its auto-height widget, but wagtail-modeltranslation's
    per-language fields are a subclass Wagtail does not match, so they would get Django's
    default ten-row textarea (320 px for one sentence).
    """
    return FieldPanel(name, widget=AdminAutoHeightTextInput(attrs={"rows": 3}))


class SitePage(AsciiSlugMixin, LanguagePreviewMixin, Page):
    """What every public page of the site has: a short introduction and a body of blocks."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two plain sentences shown under the title and in search results."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [short_text_panel("intro"), FieldPanel("body")]
    base_form_class = SitePageForm

    class Meta:
        abstract = True


class HomePage(SitePage):
    """The front page: the site root, one per site. Its slug is never translated."""

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = cache.shared(
            f"home-sections:{self.pk}",
            lambda: list(self.get_children().live().public().in_menu().specific()),
        )
        return context


class ContentPage(LegalReviewMixin, SitePage):
    """A general page of text: what the duty is, who has it, about the site and so on."""

    content_panels = SitePage.content_panels + LegalReviewMixin.legal_review_panels

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")


class SearchText(models.Model):
    """The searchable text of one live page in one language, kept by ``plikt.search``.

    Wagtail's own index (``wagtail.search``) holds one entry per page with every language's
    text mixed together and one PostgreSQL stemming configuration for all of it, so a search
    in English would find a page by its Norwegian words. This table holds one row per page
    and language instead (with the Norwegian text where a field is empty), written when a
    page is published and deleted when it is unpublished. ``manage.py rebuild_search_text``
    refills it.
    """

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=8)
    # The language the text really is in, or "" when it mixes a translation with Norwegian.
    text_language = models.CharField(max_length=8, blank=True)
    title = models.TextField()
    # The page's other names (the boosted search fields: official title, search words),
    # lower-cased; matched with more weight than the text and never shown.
    names = models.TextField(blank=True)
    text = models.TextField(blank=True)  # what the reader reads, as plain text: the snippets
    folded = models.TextField(blank=True)  # lower-cased title and text: the SQLite path
    vector = SearchVectorField(null=True)  # PostgreSQL only, stemmed per language

    class Meta:
        verbose_name = _("search text")
        verbose_name_plural = _("search texts")
        constraints = [
            models.UniqueConstraint(fields=["page", "language"], name="searchtext_page_language")
        ]
        indexes = [models.Index(fields=["language"])]

    def __str__(self):
        return f"{self.title} ({self.language})"
