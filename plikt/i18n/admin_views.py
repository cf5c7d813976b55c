"""The admin's "Translation files" screen: the export and import commands, for translators.

The same functions as ``export_translations`` and ``import_translations``
(:mod:`plikt.i18n.po`), behind the ``plikt.exchange_translations`` permission, which the
Translators, Editors and Moderators groups have. An import writes drafts for every object the
user may edit; it publishes only where the user may publish and asked to.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page
from wagtail.permissions import policy_registry

from plikt import languages
from plikt.i18n.po import (
    EMPTY_FILE,
    ONLY_CHOICES,
    catalog_bytes,
    check_language,
    export_catalog,
    import_catalog,
    read_catalog,
)

PERMISSION = "plikt.exchange_translations"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024

ONLY_LABELS = {
    "missing": _("Only missing translations"),
    "outdated": _("Only out-of-date translations"),
    "all": _("Everything"),
}


class ExportForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[(code, languages.BY_CODE[code].endonym) for code in languages.TRANSLATED_CODES],
    )
    only = forms.ChoiceField(
        label=_("What to include"),
        choices=[(value, ONLY_LABELS[value]) for value in ONLY_CHOICES],
        initial="missing",
    )


class ImportForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", "---------")] + ExportForm.base_fields["language"].choices,
        help_text=_("The language the file is translated into."),
    )
    file = forms.FileField(
        label=_("Translated PO file"),
        help_text=_("A file exported here (or by export_translations), translated."),
        # The same words as the command line's, which also say what to do.
        error_messages={"empty": EMPTY_FILE},
    )
    publish = forms.BooleanField(
        label=_("Publish where I am allowed to"),
        required=False,
        help_text=_("Otherwise every change is saved as a draft."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is too large (at most 5 MB)."))
        try:
            return read_catalog(upload.read())
        except ValueError as error:  # says what is wrong and what to do, in the admin language
            raise forms.ValidationError(str(error)) from error

    def clean(self):
        cleaned = super().clean()
        po, language = cleaned.get("file"), cleaned.get("language")
        if po is not None and language:
            try:
                check_language(po, language)
            except ValueError as error:
                self.add_error("file", str(error))
        return cleaned


def _can_edit(user):
    snippets = {}

    def check(obj) -> bool:
        if isinstance(obj, Page):
            return obj.permissions_for_user(user).can_edit()
        model = type(obj)
        if model not in snippets:
            policy = policy_registry.get_by_type(model)
            snippets[model] = policy.user_has_permission(user, "change")
        return snippets[model]

    return check


def _can_publish(user):
    def check(obj) -> bool:
        if isinstance(obj, Page):
            return obj.permissions_for_user(user).can_publish()
        policy = policy_registry.get_by_type(type(obj))
        return policy.user_has_permission(user, "publish")

    return check


class TranslationFilesView(WagtailAdminTemplateMixin, View):
    page_title = _("Translation files")
    header_icon = "download"
    template_name = "plikt/admin/translation_files.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get(self, request):
        export_form = ExportForm(request.GET if "language" in request.GET else None)
        if export_form.is_bound and export_form.is_valid():
            return self.download(**export_form.cleaned_data)
        return self.render(export_form, ImportForm())

    def post(self, request):
        import_form = ImportForm(request.POST, request.FILES)
        if not import_form.is_valid():
            return self.render(ExportForm(), import_form, status=400)
        result = import_catalog(
            import_form.cleaned_data["file"],
            language=import_form.cleaned_data["language"],
            publish=import_form.cleaned_data["publish"],
            user=request.user,
            can_edit=_can_edit(request.user),
            can_publish=_can_publish(request.user),
        )
        if result.ok:
            messages.success(request, _("Translations imported."))
        else:
            messages.warning(request, _("Some translations were not imported: see the summary."))
        # The next file is most likely for the same language: keep it chosen.
        next_form = ImportForm(initial={"language": import_form.cleaned_data["language"]})
        return self.render(ExportForm(), next_form, summary=result.summary_lines())

    def download(self, language, only):
        po = export_catalog(language, only)
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        response = HttpResponse(catalog_bytes(po), content_type="text/x-gettext-translation")
        response["Content-Disposition"] = (
            f'attachment; filename="plikt-{language}-{only}-{stamp}.po"'
        )
        return response

    def render(self, export_form, import_form, summary=None, status=200):
        context = self.get_context_data(
            export_form=export_form,
            import_form=import_form,
            summary=summary,
            action_url=reverse("plikt_translation_files"),
        )
        return self.render_to_response(context, status=status)
