"""The "Translation status" report in the admin's Reports menu.

A Wagtail ``ReportView`` is a listing with filters (a django-filter ``FilterSet``), pagination
and CSV/XLSX export built in: the export buttons and ``?export=csv|xlsx`` come from its
``SpreadsheetExportMixin`` using ``list_export``. Its rows are usually a queryset; here they
are computed, one per object and language, because "missing" and "out of date" are answers
from :mod:`plikt.i18n.fallback` and :mod:`plikt.i18n.tracking`, not columns. The filter form
is still a FilterSet (so it renders and behaves like every other report); the view applies its
cleaned values to the rows itself.
"""

from dataclasses import dataclass

import django_filters
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from plikt import languages
from plikt.i18n import tracking
from plikt.i18n.models import TranslationSource

STATUS_LABELS = {
    tracking.MISSING: _("Missing"),
    tracking.OUTDATED: _("Out of date"),
    tracking.COMPLETE: _("Complete"),
}


def language_choices():
    return [(code, languages.BY_CODE[code].endonym) for code in languages.TRANSLATED_CODES]


def type_choices():
    return [
        (model._meta.label_lower, model._meta.verbose_name.capitalize())
        for model in tracking.translatable_models()
    ]


def field_label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


@dataclass
class StatusRow:
    """One object in one language: what a row of the report shows and exports."""

    obj: object
    language: str
    status: str
    missing: list
    outdated: list
    total: int

    @property
    def title(self) -> str:
        return getattr(self.obj, "draft_title", None) or str(self.obj)

    @property
    def object_type(self) -> str:
        return str(self.obj._meta.verbose_name).capitalize()

    @property
    def type_key(self) -> str:
        return self.obj._meta.label_lower

    @property
    def language_name(self) -> str:
        return languages.BY_CODE[self.language].endonym

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def missing_labels(self) -> str:
        return ", ".join(field_label(type(self.obj), name) for name in self.missing)

    @property
    def outdated_labels(self) -> str:
        return ", ".join(field_label(type(self.obj), name) for name in self.outdated)

    @property
    def translated_count(self) -> int:
        return self.total - len(self.missing) - len(self.outdated)

    @property
    def edit_url(self) -> str:
        return edit_url(self.obj)


def edit_url(obj) -> str:
    if isinstance(obj, Page):
        return reverse("wagtailadmin_pages:edit", args=[obj.pk])
    from wagtail.admin.admin_url_finder import AdminURLFinder

    return AdminURLFinder().get_edit_url(obj) or ""


def status_rows(language_codes=languages.TRANSLATED_CODES) -> list[StatusRow]:
    states = list(tracking.iter_states())
    rows = tracking.rows_for(states)
    result = []
    for obj in states:
        statuses = tracking.object_status(obj, language_codes, rows)
        for code in language_codes:
            status = statuses[code]
            if not status.total:
                continue  # nothing Norwegian to translate
            result.append(
                StatusRow(obj, code, status.status, status.missing, status.outdated, status.total)
            )
    return result


def totals(rows: list[StatusRow]) -> list[dict]:
    """Per language: fields to translate, translated and up to date, missing, out of date."""
    summary = []
    for code in languages.TRANSLATED_CODES:
        mine = [row for row in rows if row.language == code]
        total = sum(row.total for row in mine)
        done = sum(row.translated_count for row in mine)
        summary.append(
            {
                "code": code,
                "name": languages.BY_CODE[code].endonym,
                "objects": len(mine),
                "objects_complete": sum(1 for row in mine if row.status == tracking.COMPLETE),
                "fields": total,
                "complete": done,
                "missing": sum(len(row.missing) for row in mine),
                "outdated": sum(len(row.outdated) for row in mine),
                "percent": round(100 * done / total) if total else 100,
            }
        )
    return summary


class TranslationStatusFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=language_choices, method="keep"
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=list(STATUS_LABELS.items()), method="keep"
    )
    object_type = django_filters.ChoiceFilter(label=_("Type"), choices=type_choices, method="keep")

    class Meta:
        model = TranslationSource
        fields = []

    def keep(self, queryset, name, value):
        return queryset  # the view filters the computed rows itself


class TranslationStatusView(ReportView):
    page_title = _("Translation status")
    header_icon = "globe"
    index_url_name = "plikt_translation_status"
    index_results_url_name = "plikt_translation_status_results"
    results_template_name = "plikt/admin/translation_status_results.html"
    filterset_class = TranslationStatusFilterSet
    any_permission_required = ["add", "change", "publish"]
    paginate_by = 100
    columns = [
        TitleColumn("title", label=_("Title"), get_url=lambda row: row.edit_url),
        Column("object_type", label=_("Type")),
        Column("language_name", label=_("Language")),
        Column("status_label", label=_("Status")),
        Column("missing_labels", label=_("Missing fields")),
        Column("outdated_labels", label=_("Out-of-date fields")),
    ]
    list_export = [
        "title",
        "object_type",
        "language",
        "status",
        "missing_labels",
        "outdated_labels",
        "translated_count",
        "total",
    ]
    export_headings = {
        "title": _("Title"),
        "object_type": _("Type"),
        "language": _("Language"),
        "status": _("Status"),
        "missing_labels": _("Missing fields"),
        "outdated_labels": _("Out-of-date fields"),
        "translated_count": _("Fields translated and up to date"),
        "total": _("Fields to translate"),
    }

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Page)

    def get_filename(self):
        return "translation-status"

    @cached_property
    def all_rows(self) -> list[StatusRow]:
        return status_rows()

    def get_queryset(self):
        return self.all_rows

    def filter_queryset(self, rows):
        if not (self.filters and self.filters.is_valid()):
            return rows
        wanted = self.filters.form.cleaned_data
        if wanted.get("language"):
            rows = [row for row in rows if row.language == wanted["language"]]
        if wanted.get("status"):
            rows = [row for row in rows if row.status == wanted["status"]]
        if wanted.get("object_type"):
            rows = [row for row in rows if row.type_key == wanted["object_type"]]
        return rows

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        # Totals follow the type filter but always show every language side by side.
        rows = self.all_rows
        if self.filters and self.filters.is_valid():
            kind = self.filters.form.cleaned_data.get("object_type")
            if kind:
                rows = [row for row in rows if row.type_key == kind]
        context["totals"] = totals(rows)
        return context
