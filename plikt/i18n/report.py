"""The "Translation status" report in the admin's Reports menu.

A Wagtail ``ReportView`` is a listing with filters (a django-filter ``FilterSet``), pagination
and CSV/XLSX export built in: the export buttons and ``?export=csv|xlsx`` come from its
``SpreadsheetExportMixin`` using ``list_export``. Its rows are usually a queryset; here they
are computed, one per object and language, because "missing" and "out of date" are answers
from :mod:`plikt.i18n.fallback` and :mod:`plikt.i18n.tracking`, not columns. The filter form
is still a FilterSet (so it renders and behaves like every other report); the view applies its
cleaned values to the rows itself.

Translated is not yet published. Translators cannot publish, and an import saves a draft
unless told otherwise, so each translated field is counted where readers are concerned:
*live* when the live version carries this very translation, *in draft* when it waits in a
newer revision (or the page is not live). Publishing moves it from one to the other.
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
from plikt.i18n.fallback import is_filled
from plikt.i18n.models import TranslationSource
from plikt.i18n.segments import fingerprint
from plikt.reports import ReadableExportMixin, public_url

# Translated and up to date, but readers do not see it yet.
DRAFT = "draft"

STATUS_LABELS = {
    tracking.MISSING: _("Missing"),
    tracking.OUTDATED: _("Out of date"),
    DRAFT: _("Translated, not published"),
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


def labels(model, names) -> str:
    return ", ".join(field_label(model, name) for name in names)


@dataclass
class StatusRow:
    """One object in one language: what a row of the report shows and exports.

    ``obj`` is the working state (latest revision), ``live_obj`` what readers see (None while
    the object is not live). Every field to translate is in exactly one of ``live``,
    ``draft``, ``outdated`` and ``missing``.
    """

    obj: object
    live_obj: object
    language: str
    missing: list
    outdated: list
    live: list
    draft: list

    @property
    def total(self) -> int:
        return len(self.missing) + len(self.outdated) + len(self.live) + len(self.draft)

    @property
    def status(self) -> str:
        if self.missing:
            return tracking.MISSING
        if self.outdated:
            return tracking.OUTDATED
        if self.draft:
            return DRAFT
        return tracking.COMPLETE

    @property
    def title(self) -> str:
        if hasattr(self.obj, "get_admin_display_title"):  # "§ 291 Voldtekt" for an offence
            return self.obj.get_admin_display_title()
        return str(self.obj)

    @property
    def section(self) -> str:
        return getattr(self.obj, "section_reference", "")

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
        return labels(type(self.obj), self.missing)

    @property
    def outdated_labels(self) -> str:
        return labels(type(self.obj), self.outdated)

    @property
    def live_labels(self) -> str:
        return labels(type(self.obj), self.live)

    @property
    def draft_labels(self) -> str:
        return labels(type(self.obj), self.draft)

    @property
    def live_count(self) -> int:
        return len(self.live)

    @property
    def draft_count(self) -> int:
        return len(self.draft)

    @property
    def missing_count(self) -> int:
        return len(self.missing)

    @property
    def outdated_count(self) -> int:
        return len(self.outdated)

    @property
    def public_url(self) -> str:
        """The address in this row's language (Norwegian where the page is not translated)."""
        return public_url(self.live_obj, self.language) if isinstance(self.obj, Page) else ""

    @property
    def edit_url(self) -> str:
        return edit_url(self.obj)


def edit_url(obj) -> str:
    if isinstance(obj, Page):
        return reverse("wagtailadmin_pages:edit", args=[obj.pk])
    from wagtail.admin.admin_url_finder import AdminURLFinder

    return AdminURLFinder().get_edit_url(obj) or ""


def is_live(working, live, name: str, language: str) -> bool:
    """Readers see this translation: the live version has it, word for word."""
    if live is None or not is_filled(live, name, language):
        return False
    if live is working:
        return True
    return fingerprint(tracking.source_segments(live, name, language)) == fingerprint(
        tracking.source_segments(working, name, language)
    )


def status_rows(language_codes=languages.TRANSLATED_CODES) -> list[StatusRow]:
    versions = [(tracking.working_state(obj), obj) for obj in tracking.iter_objects()]
    rows = tracking.rows_for([working for working, _obj in versions])
    result = []
    for working, obj in versions:
        live = tracking.live_state(obj)
        statuses = tracking.object_status(working, language_codes, rows)
        for code in language_codes:
            status = statuses[code]
            if not status.total:
                continue  # nothing Norwegian to translate
            published = [name for name in status.complete if is_live(working, live, name, code)]
            waiting = [name for name in status.complete if name not in published]
            result.append(
                StatusRow(working, live, code, status.missing, status.outdated, published, waiting)
            )
    return result


def totals(rows: list[StatusRow]) -> list[dict]:
    """Per language: fields to translate, translated and live, in draft, missing, out of date."""
    summary = []
    for code in languages.TRANSLATED_CODES:
        mine = [row for row in rows if row.language == code]
        total = sum(row.total for row in mine)
        live = sum(row.live_count for row in mine)
        summary.append(
            {
                "code": code,
                "name": languages.BY_CODE[code].endonym,
                "objects": len(mine),
                "objects_complete": sum(1 for row in mine if row.status == tracking.COMPLETE),
                "fields": total,
                "live": live,
                "draft": sum(row.draft_count for row in mine),
                "missing": sum(row.missing_count for row in mine),
                "outdated": sum(row.outdated_count for row in mine),
                "percent": round(100 * live / total) if total else 100,
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


class TranslationStatusView(ReadableExportMixin, ReportView):
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
        Column("live_labels", label=_("Translated and live")),
        Column("draft_labels", label=_("Translated, in draft")),
        Column("missing_labels", label=_("Missing fields")),
        Column("outdated_labels", label=_("Out-of-date fields")),
    ]
    # The screen's columns, then what a spreadsheet needs to sort, count and open the page.
    list_export = [
        "title",
        "section",
        "object_type",
        "language_name",
        "status_label",
        "live_labels",
        "draft_labels",
        "missing_labels",
        "outdated_labels",
        "live_count",
        "draft_count",
        "missing_count",
        "outdated_count",
        "total",
        "public_url",
    ]
    export_headings = {
        "title": _("Title"),
        "section": _("Section"),
        "object_type": _("Type"),
        "language_name": _("Language"),
        "status_label": _("Status"),
        "live_labels": _("Translated and live"),
        "draft_labels": _("Translated, in draft"),
        "missing_labels": _("Missing fields"),
        "outdated_labels": _("Out-of-date fields"),
        "live_count": _("Number translated and live"),
        "draft_count": _("Number translated, in draft"),
        "missing_count": _("Number missing"),
        "outdated_count": _("Number out of date"),
        "total": _("Fields to translate"),
        "public_url": _("Public address"),
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
