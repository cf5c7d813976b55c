"""Admin wiring for the catalogue: the category snippet and the "Legal review" report.

Wagtail hooks are functions Wagtail calls while building the admin; registering here keeps
the offences app self-contained (no edits to the core admin URLs).
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from offences.models import OffenceCategory
from offences.views import LegalReviewReportView


class OffenceCategoryViewSet(SnippetViewSet):
    model = OffenceCategory
    icon = "tag"
    menu_label = _("Offence categories")
    list_display = ["name", "key", "sort_order"]
    ordering = ["sort_order", "key"]


register_snippet(OffenceCategoryViewSet)


class LegalReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_reports_menu_item")
def register_legal_review_menu_item():
    return LegalReviewMenuItem(
        _("Legal review"),
        reverse("offences_legal_review_report"),
        name="legal-review",
        icon_name=LegalReviewReportView.header_icon,
        order=650,
    )


@hooks.register("register_admin_urls")
def register_legal_review_urls():
    return [
        path(
            "reports/legal-review/",
            LegalReviewReportView.as_view(),
            name="offences_legal_review_report",
        ),
        path(
            "reports/legal-review/results/",
            LegalReviewReportView.as_view(results_only=True),
            name="offences_legal_review_report_results",
        ),
    ]
