"""The offence catalogue: categories, one page per offence, and the index that lists them.

Offences are pages, not snippets, because a page gets what a reader and an editor need for
free: a URL in every language (wagtail-modeltranslation translates slugs), revisions,
moderation workflows, search and the sitemap. Categories are a *snippet*: a small shared
object chosen from a list, with no URL of its own. Both are translated field by field in
``offences/translation.py``.
"""

import re

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page, Site
from wagtail.search import index

from offences.lovdata import cite
from plikt import cache, languages
from plikt.blocks import BodyBlock
from plikt.i18n import ui
from plikt.i18n.fallback import is_filled
from plikt.i18n.preview import LanguagePreviewMixin
from plikt.mixins import LegalReviewMixin
from plikt.models import SitePage, short_text_panel
from plikt.page_forms import SitePageForm
from plikt.slugs import AsciiSlugMixin

# The filter text is matched with LIKE: longer input cannot match any title and only costs.
MAX_QUERY_LENGTH = 200


class Law(models.TextChoices):
    STRAFFELOVEN = "straffeloven", _("Penal Code (straffeloven)")
    MILITAER_STRAFFELOV = "militaer-straffelov", _("Military Penal Code (militær straffelov)")
    SIKKERHETSLOVEN = "sikkerhetsloven", _("Security Act (sikkerhetsloven)")


# How each law is cited in Norwegian, e.g. "straffeloven § 282".
LAW_CITATION = {
    Law.STRAFFELOVEN: "straffeloven",
    Law.MILITAER_STRAFFELOV: "militær straffelov",
    Law.SIKKERHETSLOVEN: "sikkerhetsloven",
}

# Lovdata ids confirmed in the project's reference notes. Laws without one link to a Lovdata
# search instead; seeded offences under them are flagged for review until someone adds the id.
LOVDATA_IDS = {Law.STRAFFELOVEN: "2005-05-20-28"}


class Letter(models.TextChoices):
    A = "a", _("a) the Penal Code")
    B = "b", _("b) the Military Penal Code")
    C = "c", _("c) the Security Act")


LAW_ORDER = {law: position for position, law in enumerate(Law.values)}


def section_sort_key(section: str) -> tuple:
    """Sort "7-5" after "7-4" and "96" after "52": compare the numbers, not the text."""
    return tuple(int(part) for part in re.findall(r"\d+", section or "")) or (10**9,)


class OffenceCategory(models.Model):
    """A plain-language group of offences (violence, sexual offences, ...).

    A snippet is a model editors manage under "Snippets" in the admin and choose from a list on
    pages; it has no URL of its own. The ``key`` is what the index filter puts in its query
    string (``?category=violence``), so it never changes with the language.
    """

    name = models.CharField(_("name"), max_length=120)
    key = models.SlugField(
        _("key"),
        max_length=60,
        unique=True,
        help_text=_("Used in addresses such as ?category=violence. Do not change it once used."),
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=100)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("key"),
        FieldPanel("sort_order"),
        FieldPanel("description"),
    ]

    class Meta:
        ordering = ["sort_order", "key"]
        verbose_name = _("offence category")
        verbose_name_plural = _("offence categories")

    def __str__(self):
        return self.name or self.key

    @classmethod
    def for_display(cls) -> list["OffenceCategory"]:
        """Every category in order, kept until a snippet or page changes (plikt.cache)."""
        return cache.shared("offence-categories", lambda: list(cls.objects.all()))


# What the index reads from each offence: wide page rows (five languages of every text
# column, the body) cost more to load than the rest of the page takes to render.
LISTING_FIELDS = (
    "id",
    "path",
    "depth",
    "live",
    "content_type",
    "law",
    "section",
    "paragraph",
    *(f"{name}_{code}" for name in ("title", "slug", "url_path") for code in languages.CODES),
    "title",
    "url_path",
)


class OffenceIndexPage(SitePage):
    """The catalogue: every offence under it, grouped by category, filterable by GET.

    The filter is a plain GET form (``?category=<key>&q=<text>``), so it works without
    JavaScript, sets no cookie and gives every filtered view a shareable address.
    """

    max_count = 1
    parent_page_types = ["plikt.HomePage"]
    subpage_types = ["offences.OffencePage"]

    class Meta:
        verbose_name = _("offence index")
        verbose_name_plural = _("offence indexes")

    def offences(self):
        """Live offences under this page with their category, in one query."""
        return (
            OffencePage.objects.child_of(self)
            .live()
            .public()
            .select_related("category")
            .only(*LISTING_FIELDS, "category")
        )

    @staticmethod
    def listed(offences, request=None) -> list:
        """The offences in the law's order, each with its entry in the list as HTML.

        The entries are built here rather than in the template: the catalogue lists every
        offence, and the template engine spends more on fifty small loops than Python does.
        """
        from plikt.templatetags.plikt_tags import tr

        found = sorted(
            offences, key=lambda o: (LAW_ORDER.get(o.law, 99), section_sort_key(o.section))
        )
        for offence in found:
            entry = format_html(
                '<a class="ds-link" href="{}">'
                '<span class="offence-list__section"{}>§ {}</span> {}</a>',
                offence.get_url(request=request),
                ui.lang_attribute(offence.section_label),
                offence.section_label,
                tr({}, offence, "title"),
            )
            if offence.law != Law.STRAFFELOVEN:
                entry += format_html(
                    ' <span class="offence-list__law"{}>({})</span>',
                    ui.lang_attribute(offence.legislation_identifier),
                    offence.legislation_identifier,
                )
            offence.list_entry = entry
        return found

    def listing(self, request) -> list:
        """The whole catalogue, as most readers see it: kept until the content changes."""
        language = translation.get_language() or languages.DEFAULT
        return cache.shared(
            f"offence-listing:{self.pk}:{language}", lambda: self.listed(self.offences(), request)
        )

    @staticmethod
    def clean_query(raw: str) -> str:
        # NUL cannot be stored or compared in PostgreSQL text; strip it with other controls.
        text = "".join(ch for ch in raw if ch.isprintable())
        return " ".join(text.split())

    @staticmethod
    def text_filter(text: str) -> Q:
        """Match the text in the active language and in Norwegian (what fallback shows)."""
        codes = {translation.get_language() or languages.DEFAULT, languages.DEFAULT}
        codes &= set(languages.CODES)
        section = text.replace("§", "").strip()
        condition = Q()
        for code in codes:
            for field in ("title", "official_title", "summary"):
                name = build_localized_fieldname(field, code)
                condition |= Q(**{f"{name}__icontains": text})
        if section:
            condition |= Q(section__iexact=section)
        return condition

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        categories = OffenceCategory.for_display()
        by_key = {category.key: category for category in categories}

        category_key = request.GET.get("category", "").strip()
        raw_query = request.GET.get("q", "")
        query = self.clean_query(raw_query)
        problem = ""
        offences = None  # None: the whole catalogue, unfiltered
        selected = None
        if category_key:
            selected = by_key.get(category_key)
            if selected is None:
                problem = "unknown-category"
            else:
                offences = self.offences().filter(category=selected)
        if len(raw_query) > MAX_QUERY_LENGTH:
            problem = "query-too-long"
        elif query:
            offences = offences if offences is not None else self.offences()
            offences = offences.filter(self.text_filter(query))

        if problem:
            found = []
        elif offences is None:
            found = self.listing(request)
        else:
            found = self.listed(offences, request)
        groups = []
        for category in [*categories, None]:  # None: offences no editor has categorised yet
            category_id = category.pk if category else None
            members = [offence for offence in found if offence.category_id == category_id]
            if members:
                groups.append({"category": category, "offences": members})

        context.update(
            categories=categories,
            groups=groups,
            total=len(found),
            selected_category=selected,
            category_key=category_key,
            query="" if problem == "query-too-long" else query,
            filtered=bool(category_key or query or problem),
            problem=problem,
        )
        return context


class OffencePage(AsciiSlugMixin, LanguagePreviewMixin, LegalReviewMixin, Page):
    """One offence named in straffeloven § 196: the section, what it means, and what to do.

    The page's ``title`` is the plain-language name; ``official_title`` is the heading the
    section has in the law. The Lovdata link is built from the law and section rather than
    typed, so it cannot drift from the section number.
    """

    law = models.CharField(_("law"), max_length=30, choices=Law.choices, default=Law.STRAFFELOVEN)
    section = models.CharField(
        _("section"),
        max_length=20,
        help_text=_('The section number without "§", e.g. 282 or 7-5.'),
    )
    paragraph = models.PositiveSmallIntegerField(
        _("paragraph (ledd)"),
        null=True,
        blank=True,
        help_text=_(
            "Only when § 196 names a single paragraph of the section, e.g. 2 for "
            "§ 262 second paragraph. Leave empty when it names the whole section."
        ),
    )
    official_title = models.CharField(
        _("official title"),
        max_length=255,
        blank=True,
        help_text=_(
            "The section's heading in the law, word for word, as Lovdata heads the section "
            "(first letter capital). Where § 196 names one paragraph, the words § 196 uses."
        ),
    )
    letter = models.CharField(
        _("letter in § 196"), max_length=1, choices=Letter.choices, default=Letter.A
    )
    special_conditions = models.TextField(
        _("special conditions"),
        blank=True,
        help_text=_("When the duty to avert applies only in some cases, e.g. under 16."),
    )
    category = models.ForeignKey(
        OffenceCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="offences",
    )
    summary = models.TextField(
        _("plain summary"),  # required in Norwegian only: see offences/translation.py
        help_text=_("One or two plain sentences: what the offence is."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    search_words = models.TextField(
        _("search words"),
        blank=True,
        help_text=_(
            "Everyday words readers may type for this offence, separated by commas: "
            "synonyms, ages, who it happens to (e.g. overgrep, 15 år, barn)."
        ),
    )

    parent_page_types = ["offences.OffenceIndexPage"]
    subpage_types = []

    # A boost makes a field one of the page's names: it ranks above the text in Wagtail's index
    # (the admin) and in the site's search (plikt.search), which never quotes it in a snippet.
    search_fields = Page.search_fields + [
        index.SearchField("official_title", boost=2),
        index.SearchField("search_words", boost=2),
        index.SearchField("summary"),
        index.SearchField("section"),
        index.FilterField("law"),
        index.FilterField("letter"),
    ]

    base_form_class = SitePageForm
    content_panels = (
        Page.content_panels
        + [
            MultiFieldPanel(
                [
                    FieldPanel("law"),
                    FieldPanel("section"),
                    FieldPanel("paragraph"),
                    FieldPanel("official_title"),
                    FieldPanel("letter"),
                    FieldPanel("category"),
                    FieldPanel("special_conditions"),
                ],
                heading=_("The law"),
            ),
            short_text_panel("summary"),
            FieldPanel("body"),
            FieldPanel("search_words"),
        ]
        + LegalReviewMixin.legal_review_panels
    )

    # Wagtail API v2 (see offences/api.py). Values follow the active language, which the API
    # view sets from ?lang=; ``languages`` says which language each text value is really in.
    api_fields = [
        APIField("law"),
        APIField("section"),
        APIField("paragraph"),
        APIField("letter"),
        APIField("legislation_identifier"),
        APIField("official_title"),
        APIField("summary"),
        APIField("special_conditions"),
        APIField("category_info"),
        APIField("lovdata_url"),
        APIField("last_legal_review"),
        APIField("needs_legal_review"),
        APIField("field_languages"),
    ]

    class Meta:
        verbose_name = _("offence")
        verbose_name_plural = _("offences")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # From the shared list rather than a query of its own (plikt.cache.shared).
        context["category"] = next(
            (c for c in OffenceCategory.for_display() if c.pk == self.category_id), None
        )
        return context

    @property
    def section_label(self) -> str:
        """The section as § 196 cites it: "282", or "262 annet ledd" for one paragraph.

        Citations are Norwegian in every language of the site (a ``Text`` marked nb)."""
        return ui.Text(cite(self.section, self.paragraph).removeprefix("§ "), languages.DEFAULT)

    @property
    def section_reference(self) -> str:
        """The section as the admin names it: "§ 291", "§ 262 annet ledd"; the law too
        outside the Penal Code ("militær straffelov § 50"), as the public list does."""
        if not self.section:
            return ""
        if self.law != Law.STRAFFELOVEN:
            return self.legislation_identifier
        return f"§ {self.section_label}"

    def get_admin_display_title(self):
        """Wagtail's name for the page everywhere in the admin (explorer, choosers, reports,
        history): "§ 291 Voldtekt". Editors tell offences apart by section, and several
        share a plain-language title's first words."""
        title = super().get_admin_display_title()
        if not self.section:  # a page being created has no section yet
            return title
        if self.law != Law.STRAFFELOVEN:
            return f"§ {self.section_label} {title} ({LAW_CITATION.get(self.law, self.law)})"
        return f"§ {self.section_label} {title}"

    @property
    def legislation_identifier(self) -> str:
        """How it is cited: "straffeloven § 282", "straffeloven § 262 annet ledd" (Norwegian)."""
        return ui.Text(
            f"{LAW_CITATION.get(self.law, self.law)} § {self.section_label}", languages.DEFAULT
        )

    @property
    def lovdata_url(self) -> str:
        law_id = LOVDATA_IDS.get(self.law)
        if law_id:
            return f"https://lovdata.no/lov/{law_id}/§{self.section}"
        query = f"{LAW_CITATION.get(self.law, self.law)} § {self.section}".replace(" ", "+")
        return f"https://lovdata.no/sok?q={query}"

    @property
    def lovdata_is_search(self) -> bool:
        return self.law not in LOVDATA_IDS

    @property
    def category_info(self):
        if self.category is None:
            return None
        return {
            "key": self.category.key,
            "name": self.category.name,
            "language": value_language(self.category, "name"),
        }

    @property
    def field_languages(self) -> dict:
        """For each text field: the language its value is in (the active one, or nb)."""
        return {
            field: value_language(self, field)
            for field in ("title", "official_title", "summary", "special_conditions")
        }

    @cached_property
    def guidance_links(self) -> list:
        roots = self._get_relevant_site_root_paths()
        if not roots:
            return []
        site_id = roots[0].site_id
        return cache.shared(
            f"guidance-pages:{site_id}",
            lambda: guidance_pages(Site.objects.select_related("root_page").get(pk=site_id)),
        )

    def structured_data(self, request) -> dict:
        """schema.org ``Legislation`` for search engines, rendered as JSON-LD."""
        language = translation.get_language() or languages.DEFAULT
        data = {
            "@context": "https://schema.org",
            "@type": "Legislation",
            "legislationIdentifier": self.legislation_identifier,
            "name": self.official_title or self.title,
            "alternateName": self.title,
            "inLanguage": language,
            # The address this request reached, as the canonical link gives it.
            "url": request.build_absolute_uri(self.get_url(request)) if request else self.full_url,
            "sameAs": self.lovdata_url,
            "legislationJurisdiction": "NO",
            "description": self.summary,
        }
        if self.lovdata_is_search:
            del data["sameAs"]
        return data


def value_language(obj, field: str) -> str | None:
    """The language ``obj.field`` is shown in now: the active one, else nb, else None."""
    active = translation.get_language() or languages.DEFAULT
    for code in (active, languages.DEFAULT):
        if is_filled(obj, field, code):
            return code
    return None


# Where "What to do" on an offence page points, in this order, when those pages exist. The
# guidance app is built separately: looking its models up by name (softly) keeps this page
# working before it lands and if it renames them.
WHAT_TO_DO_PAGE_TYPES = ("guidance.SelfCheckPage", "guidance.GuidanceIndexPage")


def guidance_pages(site) -> list:
    """Live pages of the guidance app to link from "What to do" (self-check, guidance index)."""
    if site is None:
        return []
    models = []
    for label in WHAT_TO_DO_PAGE_TYPES:
        try:
            models.append(apps.get_model(label))
        except (LookupError, ValueError):
            continue
    if not models:
        return []
    from django.contrib.contenttypes.models import ContentType

    types = ContentType.objects.get_for_models(*models, for_concrete_models=False)
    order = [types[model].pk for model in models]
    pages = (
        Page.objects.descendant_of(site.root_page).live().public().filter(content_type__in=order)
    )
    return sorted(pages, key=lambda page: (order.index(page.content_type_id), page.path))
