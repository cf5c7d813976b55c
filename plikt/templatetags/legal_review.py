"""Filters for the reader-facing legal review notice (includes/legal_review_notice.html)."""

from django import template
from django.utils import translation
from django.utils.dateformat import format as format_date
from django.utils.html import format_html

register = template.Library()

# Django has no date formats for the Sámi languages; they write dates as Norwegian does
# («14. mars 2026»), and English readers get «14 March 2026».
DATE_FORMATS = {"en": "j F Y"}
DEFAULT_DATE_FORMAT = "j. F Y"


@register.filter
def long_date(value) -> str:
    """A date as a <time> element, written out in the active language."""
    if not value:
        return ""
    pattern = DATE_FORMATS.get(translation.get_language(), DEFAULT_DATE_FORMAT)
    return format_html(
        '<time datetime="{}">{}</time>', value.isoformat(), format_date(value, pattern)
    )
