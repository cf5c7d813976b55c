"""Which guidance fields are translated (read by wagtail-modeltranslation at start-up).

Every page type and the helplines snippet are registered, so each gets one column per language
(``situation_nb``, ``situation_en`` ...) and editors translate them in the same editor.
"""

from modeltranslation.translator import TranslationOptions, register

from guidance.models import (
    CaseIndexPage,
    CasePage,
    GuidanceIndexPage,
    GuidancePage,
    Helpline,
    SelfCheckPage,
)


@register(GuidanceIndexPage)
class GuidanceIndexPageTranslation(TranslationOptions):
    fields = ("intro", "body")


@register(GuidancePage)
class GuidancePageTranslation(TranslationOptions):
    fields = ("intro", "body")


@register(CaseIndexPage)
class CaseIndexPageTranslation(TranslationOptions):
    fields = ("intro", "body")


@register(CasePage)
class CasePageTranslation(TranslationOptions):
    fields = ("intro", "situation", "noticed", "action", "law", "body")


@register(SelfCheckPage)
class SelfCheckPageTranslation(TranslationOptions):
    fields = (
        "intro",
        "body",
        "offence_question",
        "offence_hint",
        "offence_close_label",
        "under16_question",
        "under16_hint",
        "likely_question",
        "likely_hint",
        "avertable_question",
        "avertable_hint",
        "risk_question",
        "risk_hint",
        "duty_heading",
        "duty_body",
        "may_heading",
        "may_body",
        "not_apply_heading",
        "not_apply_body",
        "disclaimer",
    )


@register(Helpline)
class HelplineTranslation(TranslationOptions):
    fields = ("name", "opening_hours", "audience")
