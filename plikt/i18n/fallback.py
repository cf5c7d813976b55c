"""One answer to "is this value (or this object) really translated into language X?".

wagtail-modeltranslation's descriptors return the Norwegian value when a language's own field
is empty, so ``page.title`` cannot tell a translation from a fallback. Everything here reads the
raw per-language columns instead. The template tag ``{% tr %}``, the language switcher,
hreflang links, noindex, the sitemap and the translation-status report all ask these functions.
"""

import re

from django.utils.html import strip_tags
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

from plikt import languages

# Page fields that exist per language but are not text a reader reads as "the page".
NOT_CONTENT = frozenset({"slug", "url_path", "seo_title", "search_description"})

_BLANK_HTML = re.compile(r"^(\s|&nbsp;)*$")


def translated_fields(model) -> tuple[str, ...]:
    """The names of a model's translated fields, in declaration order."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return ()
    names = options.get_field_names()
    return tuple(sorted(names, key=lambda name: name != "title"))  # title first, then as declared


def content_fields(model) -> tuple[str, ...]:
    return tuple(name for name in translated_fields(model) if name not in NOT_CONTENT)


def raw_value(obj, field: str, language: str):
    """The value stored for one language, without fallback."""
    return getattr(obj, build_localized_fieldname(field, language), None)


def has_content(value) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip()) and not _BLANK_HTML.match(strip_tags(value))
    try:
        return len(value) > 0  # StreamValue and other sequences
    except TypeError:
        return bool(value)


def is_filled(obj, field: str, language: str) -> bool:
    return has_content(raw_value(obj, field, language))


def missing_fields(obj, language: str) -> list[str]:
    """Content fields with Norwegian text that have none in ``language``."""
    if language == languages.DEFAULT:
        return []
    return [
        field
        for field in content_fields(type(obj))
        if is_filled(obj, field, languages.DEFAULT) and not is_filled(obj, field, language)
    ]


def is_translated(obj, language: str) -> bool:
    """True when every content field the Norwegian version has is filled in ``language``.

    A page that is only partly translated counts as not translated: it still renders, with
    the Norwegian parts marked, but search engines are not pointed to it.
    """
    return language == languages.DEFAULT or not missing_fields(obj, language)


def translated_languages(obj) -> list[str]:
    return [code for code in languages.CODES if is_translated(obj, code)]
