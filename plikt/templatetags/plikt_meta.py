"""The description and Open Graph tags in every page's <head>.

Values come through the fallback helpers, so a page not yet translated into the active
language describes itself with its Norwegian text rather than with nothing.
"""

from django import template
from django.utils import translation
from django.utils.translation import gettext

from plikt import languages
from plikt.i18n.fallback import is_filled, raw_value

register = template.Library()

# Open Graph wants language_TERRITORY.
OG_LOCALES = {"nb": "nb_NO", "en": "en_GB", "se": "se_NO", "sma": "sma_NO", "smj": "smj_NO"}
DESCRIPTION_LENGTH = 300


def site_description() -> str:
    return gettext(
        "Plikt explains the duty to avert in the Norwegian Penal Code, section 196: what it "
        "is, who has it and what you can do."
    )


def _text(obj, field: str, language: str) -> str:
    for code in (language, languages.DEFAULT):
        if is_filled(obj, field, code):
            return str(raw_value(obj, field, code)).strip()
    return ""


def _shorten(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    return text[: length - 1].rsplit(" ", 1)[0] + "…"


@register.inclusion_tag("includes/meta.html", takes_context=True)
def page_meta(context):
    request = context.get("request")
    page = context.get("page")
    language = translation.get_language() or languages.DEFAULT
    title = context.get("meta_title") or ""
    description = ""
    og_type = "website"
    if page is not None and hasattr(page, "get_url"):
        description = _text(page, "search_description", language) or _text(page, "intro", language)
        title = title or _text(page, "seo_title", language) or _text(page, "title", language)
        og_type = "website" if page.depth <= 2 else "article"
    return {
        "description": _shorten(description or site_description()),
        "title": title or "Plikt",
        "url": request.build_absolute_uri(request.path) if request else "",
        "og_type": og_type,
        "og_locale": OG_LOCALES.get(language, "nb_NO"),
        "site_name": "Plikt",
    }
