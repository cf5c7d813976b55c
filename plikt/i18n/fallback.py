"""One answer to "is this value (or this object) really translated into language X?".

wagtail-modeltranslation's descriptors return the Norwegian value when a language's own field
is empty, so ``page.title`` cannot tell a translation from a fallback. Everything here reads the
raw per-language columns instead. The template tag ``{% tr %}``, the language switcher,
hreflang links, noindex, the sitemap and the translation-status report all ask these functions.

A StreamField or rich text field is made of pieces (:mod:`plikt.i18n.segments`), and a
translator may have translated some of them only: a PO import stores such a field with the
translated pieces in place and the Norwegian text left in the others (so every block stays
valid and the page can still be saved and published in the admin). A piece whose text is still
the Norwegian one is untranslated; the field is translated when none is.
"""

import functools
import re

from django.utils.html import strip_tags
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

from plikt import languages
from plikt.i18n.segments import field_kind, match, same_text, segments

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
        return _has_text(value)
    try:
        return len(value) > 0  # StreamValue and other sequences
    except TypeError:
        return bool(value)


# strip_tags parses the HTML: a page view asks this of the same stored values many times.
@functools.lru_cache(maxsize=1024)
def _has_text(value: str) -> bool:
    return bool(value.strip()) and not _BLANK_HTML.match(strip_tags(value))


def has_stored(obj, field: str, language: str) -> bool:
    """Whether ``language`` stores anything for the field, translated or not."""
    return has_content(raw_value(obj, field, language))


def translated_pieces(obj, field: str, language: str):
    """(Norwegian segments, {key: translated text}) for a field made of pieces, or None.

    None when the field is one piece (a title, an intro) or when the translation was built by
    hand with a structure of its own, so its pieces cannot be told apart from the Norwegian
    ones: such a translation counts as a whole, as a plain field does.
    """
    model = type(obj)
    if field_kind(model, field) == "plain":
        return None
    source = segments(model, field, raw_value(obj, field, languages.DEFAULT))
    found = match(source, segments(model, field, raw_value(obj, field, language)))
    if len(found) < len(source):
        return None
    translated = {
        segment.key: found[segment.key]
        for segment in source
        if found[segment.key].strip() and not same_text(found[segment.key], segment.text)
    }
    return source, translated


def is_filled(obj, field: str, language: str) -> bool:
    """Whether the field is translated into ``language``: all of it, every piece."""
    if not has_stored(obj, field, language):
        return False
    if language == languages.DEFAULT:
        return True
    pieces = translated_pieces(obj, field, language)
    return pieces is None or len(pieces[1]) == len(pieces[0])


def is_partly_filled(obj, field: str, language: str) -> bool:
    """Some pieces translated, not all: the page shows the rest in Norwegian, marked."""
    if language == languages.DEFAULT or not has_stored(obj, field, language):
        return False
    pieces = translated_pieces(obj, field, language)
    return pieces is not None and 0 < len(pieces[1]) < len(pieces[0])


def _norwegian_fields(obj) -> list[str]:
    """The content fields that have Norwegian text: what a translation must fill."""
    return [
        field for field in content_fields(type(obj)) if is_filled(obj, field, languages.DEFAULT)
    ]


def missing_fields(obj, language: str) -> list[str]:
    """Content fields with Norwegian text that have none in ``language``."""
    if language == languages.DEFAULT:
        return []
    return [field for field in _norwegian_fields(obj) if not is_filled(obj, field, language)]


def _translated(obj, language: str, norwegian: list[str]) -> bool:
    return language == languages.DEFAULT or all(
        is_filled(obj, field, language) for field in norwegian
    )


def is_translated(obj, language: str) -> bool:
    """True when every content field the Norwegian version has is filled in ``language``.

    A page that is only partly translated counts as not translated: it still renders, with
    the Norwegian parts marked, but search engines are not pointed to it.
    """
    return language == languages.DEFAULT or _translated(obj, language, _norwegian_fields(obj))


def translated_languages(obj) -> list[str]:
    # Which fields have Norwegian text is read once for all five languages.
    norwegian = _norwegian_fields(obj)
    return [code for code in languages.CODES if _translated(obj, code, norwegian)]
