"""The "Get help now" box, the emergency line and the footer's page links, on every public page
(base.html)."""

from django import template

from guidance.footer import footer_pages as _footer_pages
from guidance.models import Helpline

register = template.Library()


@register.inclusion_tag("includes/helplines.html")
def helplines():
    # Cached; and every language's text is a column of the same row, so the {% tr %} calls
    # in the template need no queries either.
    return {"helplines": Helpline.for_display()}


@register.inclusion_tag("includes/emergency_line.html")
def emergency_line():
    """The first helpline with a number: editors keep emergency 112 at the top (the order's
    help text says so). Shown in the bar at the top of every page; cached like the box."""
    return {"line": next((line for line in Helpline.for_display() if line.number), None)}


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """About, accessibility, privacy and questions-and-answers pages (cached, see footer.py)."""
    return _footer_pages(context.get("request"))
