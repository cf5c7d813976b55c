"""Preview a page in each language, exactly as a reader of that language will see it.

Wagtail's preview panel offers the *preview modes* a page lists in ``preview_modes``: one per
language here. ``serve_preview`` renders the page with that language active, so ``html lang``,
the Norwegian fallback marks (``lang="nb"``), the "not fully translated" notice and the UI
strings are the ones a reader gets, before anything is published. The mixin sits on
``plikt.models.SitePage`` so every page type built on it inherits it; a page type built
directly on ``Page`` (``offences.models.OffencePage``) lists it first among its bases.
``tests/plikt/test_translation_preview.py`` fails for any page type without it.
"""

from django.utils import translation

from plikt import languages


class LanguagePreviewMixin:
    @property
    def preview_modes(self):
        return [(language.code, language.endonym) for language in languages.ALL]

    @property
    def default_preview_mode(self):
        return languages.DEFAULT

    def serve_preview(self, request, mode_name):
        code = mode_name if mode_name in languages.BY_CODE else languages.DEFAULT
        with translation.override(code):
            request.LANGUAGE_CODE = code
            response = super().serve_preview(request, code)
            # Render now: Wagtail renders a lazy response after this method returns, when the
            # language would already be switched back.
            if hasattr(response, "render"):
                response.render()
            response.headers["Content-Language"] = code
        return response
