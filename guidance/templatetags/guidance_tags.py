"""The "Get help now" box, rendered on every public page by templates/base.html."""

from django import template

from guidance.models import Helpline

register = template.Library()


@register.inclusion_tag("includes/helplines.html")
def helplines():
    # Cached; and every language's text is a column of the same row, so the {% tr %} calls
    # in the template need no queries either.
    return {"helplines": Helpline.for_display()}
