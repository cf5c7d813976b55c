"""The "Get help now" box and the footer's page links, on every public page (base.html)."""

from django import template

from guidance.footer import footer_pages as _footer_pages
from guidance.models import Helpline

register = template.Library()


@register.inclusion_tag("includes/helplines.html")
def helplines():
    # Cached; and every language's text is a column of the same row, so the {% tr %} calls
    # in the template need no queries either.
    return {"helplines": Helpline.for_display()}


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """About, accessibility, privacy and questions-and-answers pages (cached, see footer.py)."""
    return _footer_pages(context.get("request"))
