"""Template tags of the offence catalogue."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# The escapes Django's json_script uses: text inside <script> can never close the element or
# start a comment, whatever an editor types. json_script itself cannot set the type to
# application/ld+json, hence this tag.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data: dict) -> str:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_SCRIPT_ESCAPES)),  # noqa: S308 - escaped just above
    )


@register.simple_tag(takes_context=True)
def offence_json_ld(context, page) -> str:
    """schema.org Legislation for an offence page. A data block: browsers never run it."""
    return json_ld(page.structured_data(context.get("request")))
