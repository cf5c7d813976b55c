"""The five languages of the site: the single source of codes, names and plural rules.

Settings, the language switcher, hreflang links, the sitemap, the catalogs and the
translation-status report all read from here, so adding a language starts in this file.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # Django's language code, also the URL prefix and the field suffix (title_se)
    name: str  # English name, as Django's LANGUAGES expects
    endonym: str  # the language's name for itself, shown in the switcher
    plural_forms: str  # gettext header for the UI catalog
    search_config: str  # PostgreSQL text-search configuration


_TWO_FORMS = "nplurals=2; plural=(n != 1);"
_SAMI_FORMS = "nplurals=3; plural=(n == 1) ? 0 : ((n == 2) ? 1 : 2);"

DEFAULT = "nb"

ALL = (
    Language("nb", "Norwegian Bokmål", "norsk", _TWO_FORMS, "norwegian"),
    Language("en", "English", "English", _TWO_FORMS, "english"),
    Language("se", "Northern Sami", "davvisámegiella", _SAMI_FORMS, "simple"),
    Language("sma", "Southern Sami", "åarjelsaemien gïele", _SAMI_FORMS, "simple"),
    Language("smj", "Lule Sami", "julevsámegiella", _SAMI_FORMS, "simple"),
)

BY_CODE = {language.code: language for language in ALL}
CODES = tuple(language.code for language in ALL)
TRANSLATED_CODES = tuple(code for code in CODES if code != DEFAULT)

# Django knows nothing about the Sámi languages; without these entries
# get_language_info("se") raises KeyError.
EXTRA_LANG_INFO = {
    "se": {"bidi": False, "code": "se", "name": "Northern Sami", "name_local": "davvisámegiella"},
    "sma": {
        "bidi": False,
        "code": "sma",
        "name": "Southern Sami",
        "name_local": "åarjelsaemien gïele",
    },
    "smj": {"bidi": False, "code": "smj", "name": "Lule Sami", "name_local": "julevsámegiella"},
}


def install_lang_info():
    from django.conf.locale import LANG_INFO

    for code, info in EXTRA_LANG_INFO.items():
        LANG_INFO.setdefault(code, info)
