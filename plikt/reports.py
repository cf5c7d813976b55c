"""What the admin's reports share: spreadsheets people can open, and the public address.

Wagtail's ``ReportView`` exports its rows through ``SpreadsheetExportMixin`` (``?export=csv``
or ``?export=xlsx``, columns from ``list_export``). Out of the box its CSV suits a program
more than a person: no byte-order mark, so Excel reads the UTF-8 as Windows-1252 and shows
«Ã¸» for «ø»; ``True``/``False`` and dates in ISO form where the screen says «Ja» and
«02.12.2026»; the file is written after Wagtail's admin-language override has ended
(the CSV streams), so headings and values could come out in another language than the screen;
and a title that starts with ``=`` opens in Excel as a formula (the XLSX export already turns
such cells back into text; the CSV did not).
:class:`ReadableExportMixin` fixes those in one place for every report that uses it.
"""

import datetime

from django.forms import Media
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from plikt import languages

# Excel takes a file as UTF-8 only when it starts with this mark.
UTF8_BOM = "\ufeff"

# A cell starting with one of these is a formula to a spreadsheet program (OWASP, "CSV
# Injection"); a leading apostrophe makes Excel and LibreOffice show it as the text it is.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_text_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def yes_no(value: bool) -> str:
    return gettext("Yes") if value else gettext("No")


def short_date(value: datetime.date) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return formats.date_format(value, "SHORT_DATETIME_FORMAT")
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def public_url(page, language: str = languages.DEFAULT) -> str:
    """The address a reader opens (in ``language``), or "" while the page is not live.

    Not ``url_path``: that is Wagtail's path in the page tree (``/home/lovbrudd/ran/``), which
    no reader ever sees.
    """
    if page is None or not getattr(page, "live", False):
        return ""
    with translation.override(language):
        return page.get_full_url() or ""


class ReadableExportMixin(SpreadsheetExportMixin):
    """Exports that read as the report does on screen, in the admin user's language.

    - CSV starts with a UTF-8 byte-order mark and says ``charset=utf-8``;
    - ``True``/``False`` become «Ja»/«Nei» (``Yes``/``No``), dates the short local form the
      admin shows; the XLSX keeps real dates, which Excel formats itself;
    - the whole CSV is written in the language and time zone the request was answered in;
    - a CSV cell that a spreadsheet would run as a formula (``=HYPERLINK(...)`` as a page
      title) is written as text, as Wagtail's XLSX export already does;
    - the reports' title column keeps whole words (``static/css/admin-reports.css``).

    Values that are words on screen (a status, a language) belong in ``list_export`` as the
    row's label, not its internal code.
    """

    CSV = SpreadsheetExportMixin.FORMAT_CSV
    XLSX = SpreadsheetExportMixin.FORMAT_XLSX
    # The first matching class wins; ``bool`` before ``int``-like values, datetimes before dates.
    custom_value_preprocess = {
        bool: {CSV: yes_no, XLSX: yes_no},
        datetime.datetime: {
            CSV: short_date,
            XLSX: SpreadsheetExportMixin.custom_value_preprocess[datetime.datetime][XLSX],
        },
        datetime.date: {CSV: short_date, XLSX: None},  # None: openpyxl writes a real date
        datetime.time: {XLSX: None},
        list: SpreadsheetExportMixin.custom_value_preprocess[list],
    }

    def stream_csv(self, queryset):
        # Not a generator itself: the language and time zone are read now, inside the view
        # (and Wagtail's override of them); the lines are written after it has returned.
        return self._stream_in(
            translation.get_language(),
            timezone.get_current_timezone(),
            super().stream_csv(queryset),
        )

    @staticmethod
    def _stream_in(language, zone, lines):
        first = True
        while True:
            with translation.override(language), timezone.override(zone):
                try:
                    line = next(lines)
                except StopIteration:
                    return
            if first:
                line = UTF8_BOM.encode() + line
                first = False
            yield line

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return as_text_cell(value) if export_format == self.CSV else value

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["media"] = context.get("media", Media()) + Media(
            css={"all": ["css/admin-reports.css"]}
        )
        return context
