"""Guidance: articles, case stories, the helplines snippet and the self-check page.

Every page type here builds on ``plikt.models.SitePage`` (an intro and a body of the shared
blocks), so articles get the shared "steps" block for step-by-step advice for free. Text fields
are translated per language by wagtail-modeltranslation (see ``guidance/translation.py``).

A *snippet* (``Helpline``) is a plain Django model that editors manage under "Snippets" in the
admin: it belongs to no place in the page tree, which suits content shown on every page.
"""

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from guidance import selfcheck
from plikt import cache
from plikt.blocks import RICH_TEXT_FEATURES, BodyBlock
from plikt.i18n import ui
from plikt.mixins import LegalReviewMixin
from plikt.models import SitePage


class GuidanceIndexPage(SitePage):
    """Lists the guidance articles below it ("What you can do")."""

    subpage_types = ["guidance.GuidancePage"]
    max_count = 1

    class Meta:
        verbose_name = _("guidance index")
        verbose_name_plural = _("guidance indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # One query for the articles (not .specific(), which costs one more per page type).
        context["articles"] = GuidancePage.objects.child_of(self).live().public().order_by("path")
        return context


class GuidancePage(LegalReviewMixin, SitePage):
    """A guidance article. Use the "steps" block for advice that is done in order."""

    parent_page_types = ["guidance.GuidanceIndexPage"]
    subpage_types = []
    content_panels = SitePage.content_panels + LegalReviewMixin.legal_review_panels

    class Meta:
        verbose_name = _("guidance article")
        verbose_name_plural = _("guidance articles")


class Setting(models.TextChoices):
    """Where a case story takes place; the case index filters on it."""

    SCHOOL = "school", _("School")
    KINDERGARTEN = "kindergarten", _("Kindergarten")
    HEALTH = "health", _("Health service")
    LEISURE = "leisure", _("Leisure and sport")
    FAMILY = "family", _("Family")
    NEIGHBOUR = "neighbour", _("Neighbour")


class CaseIndexPage(SitePage):
    """Lists case stories; ``?setting=school`` shows one setting (plain links, no JavaScript)."""

    subpage_types = ["guidance.CasePage"]
    max_count = 1

    class Meta:
        verbose_name = _("case story index")
        verbose_name_plural = _("case story indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        cases = CasePage.objects.child_of(self).live().public().order_by("path")
        chosen = request.GET.get("setting", "")
        valid = chosen in Setting.values
        if valid:
            cases = cases.filter(setting=chosen)
        context.update(
            cases=cases,
            setting_links=[(value, label, value == chosen) for value, label in Setting.choices],
            chosen_setting=Setting(chosen).label if valid else "",
            # A hand-edited or outdated ?setting= shows every story and says so; never an error.
            unknown_setting=bool(chosen) and not valid,
        )
        return context


class CasePage(LegalReviewMixin, SitePage):
    """A case story: the situation, who noticed what, what they did and what the law says."""

    parent_page_types = ["guidance.CaseIndexPage"]
    subpage_types = []

    setting = models.CharField(
        _("setting"), max_length=20, choices=Setting.choices, default=Setting.SCHOOL
    )
    situation = RichTextField(_("the situation"), features=RICH_TEXT_FEATURES, blank=True)
    noticed = RichTextField(_("who noticed what"), features=RICH_TEXT_FEATURES, blank=True)
    action = RichTextField(_("what they did"), features=RICH_TEXT_FEATURES, blank=True)
    law = RichTextField(_("what the law says"), features=RICH_TEXT_FEATURES, blank=True)

    search_fields = SitePage.search_fields + [
        index.SearchField("situation"),
        index.SearchField("noticed"),
        index.SearchField("action"),
        index.SearchField("law"),
        index.FilterField("setting"),
    ]
    content_panels = (
        SitePage.content_panels[:2]  # title, intro
        + [
            FieldPanel("setting"),
            FieldPanel("situation"),
            FieldPanel("noticed"),
            FieldPanel("action"),
            FieldPanel("law"),
            FieldPanel("body"),
        ]
        + LegalReviewMixin.legal_review_panels
    )

    # The four parts in reading order, with the heading each gets on the page.
    SECTIONS = (
        ("situation", _("The situation")),
        ("noticed", _("Who noticed what")),
        ("action", _("What they did")),
        ("law", _("What the law says")),
    )

    class Meta:
        verbose_name = _("case story")
        verbose_name_plural = _("case stories")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = [
            (field, heading) for field, heading in self.SECTIONS if getattr(self, field)
        ]
        context["setting_label"] = self.setting_label
        return context

    @property
    def setting_label(self):
        """The setting's name as a ``Text``: on a Sámi page it may be Norwegian."""
        return ui.text(Setting(self.setting).label)


class Helpline(index.Indexed, models.Model):
    """A place to get help, shown in the "Get help now" box on every page (lowest order first).

    Registered as a snippet in ``guidance/wagtail_hooks.py``; name, opening hours and audience
    are translated.
    """

    name = models.CharField(_("name"), max_length=120)
    number = models.CharField(
        _("phone number"),
        max_length=20,
        blank=True,
        help_text=_("As people should read it, e.g. 116 111. Leave empty for a web-only service."),
    )
    opening_hours = models.CharField(_("when it is open"), max_length=120, blank=True)
    audience = models.CharField(_("who it is for"), max_length=300, blank=True)
    url = models.URLField(_("link"), blank=True)
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=100, help_text=_("Lowest first. Keep emergency 112 at the top.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("number"),
        FieldPanel("opening_hours"),
        FieldPanel("audience"),
        FieldPanel("url"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("audience")]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("helpline")
        verbose_name_plural = _("helplines")

    def __str__(self):
        return f"{self.name} {self.number}".strip()

    @classmethod
    def for_display(cls) -> list["Helpline"]:
        """Every helpline in order. The box is on every page, so it is kept until a snippet or
        page changes (``plikt.cache.shared``) and costs no query once warm."""
        return cache.shared("helplines", lambda: list(cls.objects.order_by("sort_order", "pk")))

    @property
    def display_url(self) -> str:
        """The link as people read it: ``barnevernvakten.no``."""
        text = self.url.split("://", 1)[-1].removeprefix("www.")
        return text.rstrip("/")

    @property
    def tel_href(self) -> str:
        """``tel:116111``: dialers want the digits without the spaces people read."""
        digits = "".join(ch for ch in self.number if ch.isdigit() or ch == "+")
        return f"tel:{digits}" if digits else ""


def _question(verbose_name) -> models.CharField:
    return models.CharField(verbose_name, max_length=250)


def _hint(verbose_name) -> models.TextField:
    return models.TextField(
        verbose_name, blank=True, help_text=_("Optional help shown under the question.")
    )


def _outcome_heading(verbose_name) -> models.CharField:
    return models.CharField(verbose_name, max_length=250)


def _outcome_body(verbose_name) -> StreamField:
    return StreamField(BodyBlock(), blank=True, verbose_name=verbose_name)


class SelfCheckPage(LegalReviewMixin, SitePage):
    """The self-check "Do I have a duty to avert?": a start page, one question per step, outcome.

    Why a page and not a plain view: the texts are page fields, so editors edit and translate
    every question and outcome in the page editor like any other page (with drafts, preview,
    revisions and the legal-review flag), the URL slug is translated, and the language
    switcher, breadcrumbs and hreflang work unchanged. The *logic* is not here: it is plain
    functions in ``guidance/selfcheck.py``, which decide the next step from the answers.

    Answers travel only in the query string of GET requests (every step's form carries the
    earlier answers as hidden fields). Nothing is stored: no session, no cookie, no database
    row, and the responses are marked ``Cache-Control: no-store``.
    """

    max_count = 1
    subpage_types = []

    # One question and an optional hint per step; the keys match guidance/selfcheck.py.
    offence_question = _question(_("1. Question: one of the offences?"))
    offence_hint = _hint(_("1. Hint"))
    offence_close_label = models.CharField(
        _("answer label: §§ 312 or 314"),
        max_length=250,
        help_text=_("The answer for incest or sexual activity between close relations."),
    )
    under16_question = _question(_("2. Question (§§ 312, 314 only): under 16?"))
    under16_hint = _hint(_("2. Hint"))
    likely_question = _question(_("3. Question: certain or most likely?"))
    likely_hint = _hint(_("3. Hint"))
    avertable_question = _question(_("4. Question: can it still be averted?"))
    avertable_hint = _hint(_("4. Hint"))
    risk_question = _question(_("5. Question: danger or a charge?"))
    risk_hint = _hint(_("5. Hint"))
    # The three outcomes.
    duty_heading = _outcome_heading(_("Outcome heading: you have a duty"))
    duty_body = _outcome_body(_("Outcome text: you have a duty"))
    may_heading = _outcome_heading(_("Outcome heading: you may have a duty"))
    may_body = _outcome_body(_("Outcome text: you may have a duty"))
    not_apply_heading = _outcome_heading(_("Outcome heading: the duty does not apply"))
    not_apply_body = _outcome_body(_("Outcome text: the duty does not apply"))
    disclaimer = models.CharField(
        _("guidance, not legal advice"),
        max_length=300,
        help_text=_("Shown on every outcome."),
    )

    content_panels = (
        SitePage.content_panels
        + [
            MultiFieldPanel(
                [
                    FieldPanel(name)
                    for key in selfcheck.QUESTION_KEYS
                    for name in (
                        (f"{key}_question", f"{key}_hint", "offence_close_label")
                        if key == "offence"
                        else (f"{key}_question", f"{key}_hint")
                    )
                ],
                heading=_("Questions"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel(f"{key}_{part}")
                    for key in selfcheck.OUTCOME_KEYS
                    for part in ("heading", "body")
                ]
                + [FieldPanel("disclaimer")],
                heading=_("Outcomes"),
            ),
        ]
        + LegalReviewMixin.legal_review_panels
    )

    class Meta:
        verbose_name = _("self-check")
        verbose_name_plural = _("self-checks")

    def offence_catalogue(self):
        """The offence catalogue page, if the offences app provides one (linked softly)."""
        try:
            model = apps.get_model("offences", "OffenceIndexPage")
        except LookupError:
            return None
        return model.objects.live().public().first()

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if request.GET:
            # Answers are in the URL: keep every cache (browser, proxy, the site's own page
            # cache) from storing them, and keep them out of Referer headers.
            response["Cache-Control"] = "no-store"
            response["Referrer-Policy"] = "no-referrer"
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        step = selfcheck.step_from_query(request.GET)
        context["step"] = step
        base = self.get_url(request=request) or ""
        if step.kind == selfcheck.QUESTION:
            question = selfcheck.QUESTIONS[step.key]
            context.update(
                question=question,
                question_field=f"{step.key}_question",
                hint_field=f"{step.key}_hint",
                choices=selfcheck.choices_for(step.key),
                hidden=selfcheck.hidden_fields(step.answers),
                catalogue=self.offence_catalogue() if step.key == "offence" else None,
            )
        elif step.kind == selfcheck.OUTCOME:
            context.update(
                heading_field=f"{step.key}_heading",
                body_field=f"{step.key}_body",
            )
        context["base_url"] = base
        context["back_url"] = base + selfcheck.back_query(step)
        context["start_url"] = base + selfcheck.START_QUERY
        context["asked_param"] = selfcheck.ASKED_PARAM
        return context
