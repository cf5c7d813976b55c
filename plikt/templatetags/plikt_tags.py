"""Template tags for translatable values, language links and the page head."""

from django import template
from django.db.models import TextField
from django.urls import translate_url
from django.utils import translation
from django.utils.html import conditional_escape, format_html, format_html_join, linebreaks
from django.utils.safestring import mark_safe
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import expand_db_html

from plikt import hyphenation, languages, routing
from plikt.i18n import ui
from plikt.i18n.fallback import (
    is_filled,
    is_partly_filled,
    is_translated,
    raw_value,
    translated_languages,
    translated_pieces,
)
from plikt.i18n.segments import rebuild, stream_json

register = template.Library()


class FallbackText(str):
    """Norwegian text standing in for an untranslated piece of a partly translated block.

    It is a plain string everywhere (attributes, filters), so a block template stays as it
    is; the ``fallback_lang`` filter lets the element that holds it say ``lang="nb"``.
    """


@register.filter
def fallback_lang(value) -> str:
    """`` lang="nb"`` for a piece shown in Norwegian in place of its translation, else ""."""
    if isinstance(value, FallbackText):
        return format_html(' lang="{}"', languages.DEFAULT)
    return ""


def _marked_texts(source, translated) -> dict[str, str]:
    """Every piece's text: its translation, or the Norwegian text marked as Norwegian."""
    texts = {}
    for segment in source:
        if segment.key in translated:
            texts[segment.key] = translated[segment.key]
        elif segment.rich:  # inside a paragraph, list item or heading: an inline element fits
            texts[segment.key] = f'<span lang="{languages.DEFAULT}">{segment.text}</span>'
        else:
            texts[segment.key] = FallbackText(segment.text)
    return texts


def _render_pieces(obj, field: str, language: str, context) -> str:
    """A partly translated field: translated pieces as they are, the others in Norwegian.

    Built on the Norwegian value (its blocks, choices, images and links, as a PO import
    builds a translation), block by block: a block with no piece translated is the Norwegian
    block with ``lang="nb"`` on its wrapper; in a block with some pieces translated, each
    Norwegian piece is marked on its own.
    """
    model = type(obj)
    source, translated = translated_pieces(obj, field, language)
    norwegian = raw_value(obj, field, languages.DEFAULT)
    texts = _marked_texts(source, translated)
    if isinstance(obj._meta.get_field(field), RichTextField):
        return mark_safe(expand_db_html(rebuild(model, field, norwegian, texts)))  # noqa: S308 - database HTML, as in _render_value
    stream_block = obj._meta.get_field(field).stream_block
    original = stream_json(model, field, norwegian)
    merged = rebuild(model, field, original, texts)
    flat = context.flatten() if hasattr(context, "flatten") else dict(context)
    rows = []
    for position, (before, after) in enumerate(zip(original, merged, strict=True)):
        prefix = before.get("id") or str(position)  # as segments keys a top-level block
        keys = [s.key for s in source if s.key == prefix or s.key.startswith(prefix + ":")]
        untouched = not any(key in translated for key in keys)
        child = stream_block.to_python([before if untouched else after])[0]
        lang = format_html(' lang="{}"', languages.DEFAULT) if untouched and keys else ""
        shown = languages.DEFAULT if untouched else language  # for the blocks' hyphenation
        html = child.render(context={**flat, "text_language": shown})
        rows.append((child.block_type, lang, html))
    # The same wrapper as StreamBlock.render_basic, so the page's markup and styles agree.
    return format_html_join("\n", '<div class="w-block-{0} block-{0}"{1}>{2}</div>', rows)


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
    so that fallback text is always marked for screen readers and translators. Inside an
    element marked with another language (``text_lang``, see ``plikt_i18n``) a translated
    value is marked with its own.
    """
    language = translation.get_language() or languages.DEFAULT
    around = context.get("text_lang") or language
    if is_filled(obj, field, language):
        shown = language
    elif is_partly_filled(obj, field, language):
        html = _render_pieces(obj, field, language, context)
        if language == around:
            return html
        return format_html('<div lang="{}">{}</div>', language, html)
    elif language != languages.DEFAULT and is_filled(obj, field, languages.DEFAULT):
        shown = languages.DEFAULT
    else:
        return ""
    html, block = _render_value(obj, field, shown, context)
    if shown == around:
        return mark_safe(html)  # noqa: S308 - escaped or rendered by Wagtail above
    tag = "div" if block else "span"
    return format_html('<{0} lang="{1}">{2}</{0}>', tag, shown, mark_safe(html))  # noqa: S308


@register.simple_tag(takes_context=True)
def tr_text(context, obj, field: str) -> str:
    """The plain value with fallback, for attributes, ``<option>`` and ``<title>`` where no
    markup fits. It is a ``Text``: ``{% lang_of %}`` puts its language on the element."""
    language = translation.get_language() or languages.DEFAULT
    for code in (language, languages.DEFAULT):
        if is_filled(obj, field, code):
            return ui.Text(raw_value(obj, field, code), code)
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


@register.simple_tag(takes_context=True)
def hyphenated(context, value) -> str:
    """``hyphenate`` in the language a block's text is in: ``{% tr %}`` tells the blocks it
    renders (``text_language``); a block rendered elsewhere (preview, admin) has none, and its
    text is taken to be in the active language."""
    return hyphenate(value, context.get("text_language") or "")


@register.filter
def ancestors(page) -> list:
    """The page's ancestors from the home page down (see ``plikt.routing.ancestors``)."""
    return routing.ancestors(page)


@register.filter
def translated_into(obj, language: str) -> bool:
    return is_translated(obj, language)


def page_url_in(page, language: str, request=None) -> str:
    """The page's URL in ``language``. Kept on the request: the language switcher and the
    head's canonical and hreflang links ask for the same few URLs (about ten asks a page)."""
    kept = {} if request is None else request.__dict__.setdefault("_plikt_page_urls", {})
    key = (page.pk, language)
    if key not in kept:
        with translation.override(language):
            kept[key] = page.get_url(request=request) or ""
    return kept[key]


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


@register.simple_tag(takes_context=True)
def page_title(context) -> str:
    """The page's name for ``<title>``: its SEO title or title, the active language's before
    Norwegian. A ``Text``, so that ``{% lang_of %}`` can mark ``<title>`` when it falls back."""
    page = context.get("page")
    if page is None or not hasattr(page, "get_url"):
        return ""
    language = translation.get_language() or languages.DEFAULT
    for code in dict.fromkeys((language, languages.DEFAULT)):
        for field in ("seo_title", "title"):
            if is_filled(page, field, code):
                return ui.Text(raw_value(page, field, code), code)
    return ""
