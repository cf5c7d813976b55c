"""Template tags for translatable values, language links and the page head."""

from django import template
from django.db.models import TextField
from django.urls import translate_url
from django.utils import translation
from django.utils.html import conditional_escape, format_html, linebreaks
from django.utils.safestring import mark_safe
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import expand_db_html

from plikt import hyphenation, languages, routing
from plikt.i18n.fallback import is_filled, is_translated, raw_value, translated_languages

register = template.Library()


def _render_value(obj, field: str, language: str, context) -> tuple[str, bool]:
    """HTML for one language's value, and whether it is block-level."""
    model_field = obj._meta.get_field(field)
    value = raw_value(obj, field, language)
    if isinstance(model_field, StreamField):
        flat = context.flatten() if hasattr(context, "flatten") else dict(context)
        # The blocks' own templates learn which language their text is in (a Norwegian
        # fallback on a Sámi page is still Norwegian): ``{{ value.text|hyphenate:text_language }}``.
        flat["text_language"] = language
        return value.render_as_block(context=flat), True
    if isinstance(model_field, RichTextField):
        return expand_db_html(value), True
    if isinstance(model_field, TextField) and "\n" in value:
        return linebreaks(value, autoescape=True), True
    return format_html("{}", value), False


@register.simple_tag(takes_context=True)
def tr(context, obj, field: str):
    """A translated field in the active language, or the Norwegian text marked lang="nb".

    Templates print every translatable value through this tag, never ``{{ page.title }}``,
    so that fallback text is always marked for screen readers and translators.
    """
    language = translation.get_language() or languages.DEFAULT
    if is_filled(obj, field, language):
        html, _block = _render_value(obj, field, language, context)
        return mark_safe(html)  # noqa: S308 - escaped or rendered by Wagtail above
    if language == languages.DEFAULT or not is_filled(obj, field, languages.DEFAULT):
        return ""
    html, block = _render_value(obj, field, languages.DEFAULT, context)
    tag = "div" if block else "span"
    return format_html('<{0} lang="{1}">{2}</{0}>', tag, languages.DEFAULT, mark_safe(html))  # noqa: S308


@register.simple_tag(takes_context=True)
def tr_text(context, obj, field: str) -> str:
    """The plain value with fallback, for attributes and <title> where no markup fits."""
    language = translation.get_language() or languages.DEFAULT
    for code in (language, languages.DEFAULT):
        if is_filled(obj, field, code):
            return raw_value(obj, field, code)
    return ""


@register.filter(is_safe=True)
def hyphenate(value, language: str = "") -> str:
    """Soft hyphens in the long Norwegian words of a heading (see ``plikt.hyphenation``).

    Takes text or HTML such as ``{% tr %}``'s fallback markup: ``{% filter hyphenate %}{% tr
    page "title" %}{% endfilter %}``. Plain text is escaped first, as ``{{ }}`` would. The text
    is taken to be in ``language``, else in the active language, except inside ``lang``.
    """
    html = conditional_escape(value)
    language = language or translation.get_language() or languages.DEFAULT
    return mark_safe(hyphenation.hyphenate_html(str(html), language))  # noqa: S308 - escaped


@register.filter
def ancestors(page) -> list:
    """The page's ancestors from the home page down (see ``plikt.routing.ancestors``)."""
    return routing.ancestors(page)


@register.filter
def translated_into(obj, language: str) -> bool:
    return is_translated(obj, language)


def page_url_in(page, language: str, request=None) -> str:
    with translation.override(language):
        return page.get_url(request=request) or ""


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    links = []
    for language in languages.ALL:
        if page is not None and hasattr(page, "get_url"):
            url = page_url_in(page, language.code, request)
        elif request is not None:
            url = translate_url(request.get_full_path(), language.code)
        else:
            url = "/"
        links.append({"language": language, "url": url, "current": language.code == current})
    return {"links": links}


@register.inclusion_tag("includes/head_links.html", takes_context=True)
def head_links(context):
    """Canonical link, hreflang alternates for real translations, and noindex where due."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    if page is None or not hasattr(page, "get_url") or request is None:
        return {"canonical": request.build_absolute_uri(request.path) if request else ""}
    translated = translated_languages(page)
    alternates = [
        {"code": code, "url": request.build_absolute_uri(page_url_in(page, code, request))}
        for code in translated
    ]
    if len(alternates) > 1:
        alternates.append(
            {
                "code": "x-default",
                "url": request.build_absolute_uri(page_url_in(page, languages.DEFAULT, request)),
            }
        )
    else:
        alternates = []
    return {
        "canonical": request.build_absolute_uri(page_url_in(page, current, request)),
        "alternates": alternates,
        "noindex": current not in translated,
    }


@register.simple_tag(takes_context=True)
def untranslated(context, obj) -> bool:
    """True when the active language falls back to Norwegian anywhere on ``obj``."""
    return not is_translated(obj, translation.get_language() or languages.DEFAULT)
