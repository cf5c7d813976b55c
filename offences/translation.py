"""Which offence fields are translated (wagtail-modeltranslation adds ``name_en`` etc.).

The law, section, letter and category key are the same in every language and stay single
columns; everything a reader reads is translated.
"""

from modeltranslation.translator import TranslationOptions, register

from offences.models import OffenceCategory, OffenceIndexPage, OffencePage


@register(OffenceCategory)
class OffenceCategoryTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("nb",)


@register(OffenceIndexPage)
class OffenceIndexPageTranslation(TranslationOptions):
    fields = ("intro", "body")


@register(OffencePage)
class OffencePageTranslation(TranslationOptions):
    fields = ("official_title", "special_conditions", "summary", "body", "search_words")
    required_languages = {"nb": ("summary",)}
