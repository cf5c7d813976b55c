"""The "Legal review" report in the Wagtail admin (Reports → Legal review).

Wagtail's ``PageReportView`` gives a paginated listing of pages with CSV and XLSX download
buttons for free; this view only decides which pages belong in it. Any page type that uses
``LegalReviewMixin`` is found by subclass, so a new page type with the review fields shows
up here without touching this file.

A report's filters are a django-filter ``FilterSet`` (Wagtail's ``WagtailFilterSet`` renders
it in the side panel and keeps the choices in the address, so a filtered list can be shared
and exported as it stands). The export itself reads as the screen does:
:class:`plikt.reports.ReadableExportMixin`.
"""

import datetime

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Page, get_page_models

from offences.models import OffenceCategory, OffencePage
from plikt.mixins import LegalReviewMixin
from plikt.reports import ReadableExportMixin, public_url

# Content last checked longer ago than this is due for another review.
REVIEW_INTERVAL = datetime.timedelta(days=365)


def reviewed_page_models() -> list:
    return [model for model in get_page_models() if issubclass(model, LegalReviewMixin)]


def review_cutoff(today: datetime.date | None = None) -> datetime.date:
    return (today or timezone.localdate()) - REVIEW_INTERVAL


def needs_review_condition(cutoff: datetime.date) -> Q:
    return (
        Q(needs_legal_review=True)
        | Q(last_legal_review__isnull=True)
        | Q(last_legal_review__lt=cutoff)
    )


def pages_where(condition: Q):
    """Pages of every reviewed type whose review fields meet ``condition``."""
    found = Q(pk__in=[])
    for model in reviewed_page_models():
        found |= Q(pk__in=model.objects.filter(condition).values("pk"))
    return Page.objects.filter(found)


def pages_due_for_review(cutoff: datetime.date | None = None):
    """Pages of every reviewed type that are flagged, never reviewed, or reviewed too long ago."""
    return pages_where(needs_review_condition(cutoff or review_cutoff()))


# Why a page is in the report: the "Why" filter's choices and the condition each one means.
REASONS = {
    "flagged": (_("Flagged for review"), lambda cutoff: Q(needs_legal_review=True)),
    "never": (_("Never reviewed"), lambda cutoff: Q(last_legal_review__isnull=True)),
    "overdue": (
        _("Last review more than 12 months ago"),
        lambda cutoff: Q(last_legal_review__lt=cutoff),
    ),
}


def review_reason(page, cutoff: datetime.date) -> str:
    reasons = []
    if page.needs_legal_review:
        reasons.append(str(REASONS["flagged"][0]))
    if page.last_legal_review is None:
        reasons.append(str(REASONS["never"][0]))
    elif page.last_legal_review < cutoff:
        reasons.append(str(REASONS["overdue"][0]))
    return "; ".join(reasons)


class LegalReviewFilterSet(WagtailFilterSet):
    reason = django_filters.ChoiceFilter(
        label=_("Why"),
        choices=[(key, label) for key, (label, _condition) in REASONS.items()],
        method="filter_reason",
        empty_label=_("Any reason"),
    )
    live = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("live", _("Published")), ("draft", _("Not published"))],
        method="filter_live",
        empty_label=_("Published or not"),
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Offence category"),
        queryset=OffenceCategory.objects.all(),
        method="filter_category",
        empty_label=_("Every category and page type"),
    )

    class Meta:
        model = Page
        fields = []

    def filter_reason(self, queryset, name, value):
        condition = REASONS[value][1](review_cutoff())
        return queryset.filter(pk__in=pages_where(condition).values("pk"))

    def filter_live(self, queryset, name, value):
        return queryset.filter(live=value == "live")

    def filter_category(self, queryset, name, value):
        return queryset.filter(pk__in=OffencePage.objects.filter(category=value).values("pk"))


class LegalReviewReportView(ReadableExportMixin, PageReportView):
    page_title = _("Legal review")
    header_icon = "doc-full"
    results_template_name = "offences/legal_review_report_results.html"
    index_url_name = "offences_legal_review_report"
    index_results_url_name = "offences_legal_review_report_results"
    any_permission_required = ["add", "change", "publish"]
    filterset_class = LegalReviewFilterSet
    list_export = [
        "get_admin_display_title",
        "report_section",
        "public_url",
        "content_type.model_class._meta.verbose_name.title",
        "review_reason",
        "needs_legal_review",
        "last_legal_review",
        "legal_review_note",
        "status_string",
    ]
    export_headings = {
        "get_admin_display_title": _("Title"),
        "report_section": _("Section"),
        "public_url": _("Public address"),
        "content_type.model_class._meta.verbose_name.title": _("Type"),
        "review_reason": _("Why"),
        "needs_legal_review": _("Needs legal review"),
        "last_legal_review": _("Last legal review"),
        "legal_review_note": _("Note for the reviewer"),
        "status_string": _("Status"),
    }

    def get_filename(self):
        return f"legal-review-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        self.cutoff = review_cutoff()
        editable = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["add", "change", "publish"]
        )
        self.queryset = (
            editable.filter(pk__in=pages_due_for_review(self.cutoff).values("pk"))
            .select_related("content_type")
            .order_by("path")
            .specific(defer=False)
            # What the status column reads, fetched with the page instead of three queries per
            # row (the page explorer does the same).
            .annotate_approved_schedule()
            .annotate_site_root_state()
            .prefetch_workflow_states()
        )
        return super().get_queryset()

    def decorate_paginated_queryset(self, object_list):
        pages = list(object_list)
        for page in pages:
            page.review_reason = review_reason(page, self.cutoff)
            page.public_url = public_url(page)
            page.report_section = getattr(page, "section_reference", "")  # "" on other page types
        return pages
