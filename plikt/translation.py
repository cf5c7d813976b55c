"""Which fields are translated. wagtail-modeltranslation reads this module at start-up.

Page's own fields (title, slug, seo_title, search_description, url_path) are registered by
wagtail-modeltranslation itself; each page type adds its own text fields here.
"""

from modeltranslation.translator import TranslationOptions, register

from plikt.models import ContentPage, HomePage


@register(HomePage)
class HomePageTranslation(TranslationOptions):
    fields = ("intro", "body")


@register(ContentPage)
class ContentPageTranslation(TranslationOptions):
    fields = ("intro", "body")
