"""The "Legal review" report in the Wagtail admin (Reports → Legal review).

Wagtail's ``PageReportView`` gives a paginated listing of pages with CSV and XLSX download
buttons for free; this view only decides which pages belong in it. Any page type that uses
``LegalReviewMixin`` is found by subclass, so a new page type with the review fields shows
up here without touching this file.
"""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Page, get_page_models

from plikt.mixins import LegalReviewMixin

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


def pages_due_for_review(cutoff: datetime.date | None = None):
    """Pages of every reviewed type that are flagged, never reviewed, or reviewed too long ago."""
    cutoff = cutoff or review_cutoff()
    condition = Q(pk__in=[])
    for model in reviewed_page_models():
        due = model.objects.filter(needs_review_condition(cutoff)).values("pk")
        condition |= Q(pk__in=due)
    return Page.objects.filter(condition)


def review_reason(page, cutoff: datetime.date) -> str:
    reasons = []
    if page.needs_legal_review:
        reasons.append(str(_("Flagged for review")))
    if page.last_legal_review is None:
        reasons.append(str(_("Never reviewed")))
    elif page.last_legal_review < cutoff:
        reasons.append(str(_("Last review more than 12 months ago")))
    return "; ".join(reasons)


class LegalReviewReportView(PageReportView):
    page_title = _("Legal review")
    header_icon = "doc-full"
    results_template_name = "offences/legal_review_report_results.html"
    index_url_name = "offences_legal_review_report"
    index_results_url_name = "offences_legal_review_report_results"
    any_permission_required = ["add", "change", "publish"]
    list_export = [
        "title",
        "url_path",
        "content_type.model_class._meta.verbose_name.title",
        "review_reason",
        "needs_legal_review",
        "last_legal_review",
        "legal_review_note",
        "status_string",
    ]
    export_headings = {
        "title": _("Title"),
        "url_path": _("Path"),
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
        )
        return super().get_queryset()

    def decorate_paginated_queryset(self, object_list):
        pages = list(object_list)
        for page in pages:
            page.review_reason = review_reason(page, self.cutoff)
        return pages
