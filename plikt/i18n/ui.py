"""Which language an interface string is really shown in, and how to mark it.

The Sámi UI catalogs (locale/se, sma, smj) hold only the strings a translator has filled in.
For any other string Django's gettext falls back to the Norwegian catalog (LANGUAGE_CODE), so
a Sámi page shows Norwegian that a screen reader would read with Sámi rules unless the text
sits in an element marked ``lang="nb"``. The functions here answer "which catalog did this
string come from?" by looking the msgid up in the active language's own catalog, and mark the
result; the template tags in ``plikt_i18n`` and Python code (the self-check's answers, the
offence filter) both use them, so a string is marked the same wherever it is shown.

A string is said to be in the active language when its own catalog translates it; English
pages always are (msgids are English, and Django never falls back from English to nb). An
msgid missing from the Norwegian catalog too is shown as written, in English.
"""

from django.utils import translation
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import trans_real

from plikt import languages

ENGLISH = "en"
# gettext's separator between a message context and its msgid, as stored in the catalog.
_CONTEXT_SEPARATOR = "\x04"


class Text(str):
    """A string as shown to a reader, and the language it is written in (``.lang``)."""

    lang: str

    def __new__(cls, value, lang: str):
        text = super().__new__(cls, value)
        text.lang = lang
        return text


class SafeText(Text, SafeString):
    """A ``Text`` that is already HTML (from ``{% blocktranslate %}`` with markup)."""


def active_language() -> str:
    return translation.get_language() or languages.DEFAULT


def _has_entry(language: str, key: str) -> bool:
    # DjangoTranslation._catalog holds the language's own catalogs (project and apps), merged;
    # the Norwegian fallback is a separate object (_fallback). Django's JavaScriptCatalog view
    # reads the same attribute.
    catalog = trans_real.translation(language)._catalog
    return key in catalog or (key, 0) in catalog  # plural entries are keyed (msgid, index)


def message_language(message: str, context: str | None = None, language: str | None = None):
    """The language ``gettext(message)`` is really written in when ``language`` is active."""
    language = language or active_language()
    if language == ENGLISH or language.startswith(ENGLISH + "-"):
        return language
    key = f"{context}{_CONTEXT_SEPARATOR}{message}" if context else str(message)
    for code in (language, languages.DEFAULT):
        if _has_entry(code, key):
            return code
    return ENGLISH


def gettext(message: str) -> Text:
    return Text(translation.gettext(message), message_language(message))


def pgettext(context: str, message: str) -> Text:
    return Text(translation.pgettext(context, message), message_language(message, context))


def language_of(value, default: str | None = None) -> str:
    """A value's language: ``Text.lang`` (a ``gettext_lazy`` string is looked up), or else
    the active language."""
    return getattr(text(value), "lang", None) or default or active_language()


def lang_attribute(value, around: str | None = None) -> str:
    """``' lang="nb"'`` when ``value`` is not in the language of what is ``around`` it."""
    language = language_of(value)
    if language == (around or active_language()):
        return ""
    return format_html(' lang="{}"', language)


def marked(value, around: str | None = None, block: bool = False) -> SafeString:
    """``value`` as HTML, inside ``<span lang="…">`` when it is not in the surrounding language.

    ``value`` is escaped unless it is already safe (a rendered ``{% blocktranslate %}``)."""
    attribute = lang_attribute(value, around)
    html = format_html("{}", value)
    if not attribute:
        return html
    tag = "div" if block else "span"
    return format_html("<{0}{1}>{2}</{0}>", tag, attribute, mark_safe(html))  # noqa: S308


def text(value) -> Text:
    """``value`` as a ``Text``: a string from ``gettext_lazy`` (a model choice's label, say)
    is looked up again with its msgid, so that its language is known; other strings are
    taken to be in the active language."""
    if isinstance(value, Text) or not value:
        return value
    if isinstance(value, Promise):
        # gettext_lazy keeps its arguments on the proxy (Django's lazy(), "_args").
        args = getattr(value, "_args", ())
        if len(args) == 1 and isinstance(args[0], str):
            return gettext(args[0])
        value = str(value)
    return Text(value, active_language())
