"""``{% translate %}`` and ``{% blocktranslate %}`` that say which language they print.

Load after Django's library (``{% load i18n plikt_i18n %}``): the two tags keep Django's
syntax and output, and add the language mark of ``plikt.i18n.ui``. On a Sámi page a string the
Sámi catalog lacks comes out as ``<span lang="nb">…</span>``; a translated one stays bare.

Markup cannot go into an attribute, an ``<option>`` or the ``<title>``: there, use the ``as``
form, which stores a ``Text`` (a string with ``.lang``) without markup, and put its language on
the element with ``{% lang_of %}``::

    {% translate "Site search" as label %}
    <form aria-label="{{ label }}"{% lang_of label %}>{% with text_lang=label.lang %}…{% endwith %}

``text_lang`` names the language of the element around a string when it is not the page's (an
element marked ``lang="nb"`` for its attribute): a translated string inside it is then marked
with the page's language, and a Norwegian one needs no mark.
"""

from django import template
from django.templatetags import i18n as django_i18n

from plikt.i18n import ui

register = template.Library()


def around(context) -> str:
    return context.get("text_lang") or ui.active_language()


class MarkedTranslateNode(template.Node):
    """Wraps Django's TranslateNode or BlockTranslateNode; renders exactly what it renders."""

    def __init__(self, node):
        self.node = node

    def message(self, context) -> tuple[str, str | None]:
        node = self.node
        message_context = node.message_context.resolve(context) if node.message_context else None
        if isinstance(node, django_i18n.BlockTranslateNode):
            return node.render_token_list(node.singular)[0], message_context
        variable = node.filter_expression.var
        if variable.literal is not None:
            return str(variable.literal), message_context
        # A fresh Variable: Django's own is flagged to translate once it has rendered.
        return str(template.Variable(variable.var).resolve(context)), message_context

    def render(self, context):
        if getattr(self.node, "noop", False):  # {% translate "…" noop %}: the msgid, in English
            language = ui.ENGLISH
        else:
            language = ui.message_language(*self.message(context))
        output = self.node.render(context)
        if self.node.asvar:
            value = context[self.node.asvar]
            kind = ui.SafeText if hasattr(value, "__html__") else ui.Text
            context[self.node.asvar] = kind(value, language)
            return ""
        # A node's output is HTML already (Django escapes variables as it renders them).
        return ui.marked(ui.SafeText(output, language), around(context))


@register.tag("translate")
@register.tag("trans")
def do_translate(parser, token):
    return MarkedTranslateNode(django_i18n.do_translate(parser, token))


@register.tag("blocktranslate")
@register.tag("blocktrans")
def do_block_translate(parser, token):
    return MarkedTranslateNode(django_i18n.do_block_translate(parser, token))


@register.simple_tag(takes_context=True)
def lang_of(context, value) -> str:
    """`` lang="nb"`` for the element that holds ``value`` (a ``Text``) in an attribute or as
    its only text (an ``<option>``), when it is not in the language around that element."""
    return ui.lang_attribute(value, around(context))


@register.simple_tag(takes_context=True)
def marked(context, value) -> str:
    """A ``Text`` from Python (a self-check answer, an error message) as marked HTML."""
    return ui.marked(value, around(context))
